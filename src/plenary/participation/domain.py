"""The only writers of participation: organizations (reference data), delegations registered under
Rule 44 with their members, decisions on observer status, and the lists of participants.

Every function takes who acts as `by` (an Actor), checks the permission, validates, writes inside
one transaction and audits with `by.via`. One rule set for every way in: the portal, the back
office, the API, a record load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from plenary.accounts import permissions
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.languages import UN_LANGUAGES
from plenary.core.sync import sync_rows
from plenary.documents import numbering
from plenary.documents.domain import record_document
from plenary.documents.models import Document
from plenary.meetings.domain import check_open, is_open
from plenary.meetings.models import Meeting
from plenary.participation.models import (
    RIGHTS,
    AttendanceTally,
    Category,
    Delegation,
    Organization,
    Participant,
)
from plenary.treaties.models import State, TreatyEvent
from plenary.treaties.status import status_on

DATA_DIR = Path(__file__).resolve().parent / "data"
ORG_CATEGORY = {
    Organization.Kind.UN: Category.UN,
    Organization.Kind.UN_BODY: Category.UN,
    Organization.Kind.IO: Category.IO,
    Organization.Kind.NGO: Category.NGO,
    Organization.Kind.RESEARCH: Category.NGO,
}


def load_organizations(*, by: Actor, path: Path | None = None) -> dict[str, int]:
    """Sync the organizations table with the data file (safe to run twice)."""
    path = path or DATA_DIR / "organizations.yaml"
    if not path.exists():
        return {"created": 0, "updated": 0, "deleted": 0}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    entries = data.get("organizations", [])
    problems, codes = [], set()
    for i, entry in enumerate(entries):
        where = f"{path.name}: organizations[{i}]"
        if not entry.get("code"):
            problems.append(f"{where}: code missing")
        elif entry["code"] in codes:
            problems.append(f"{where}: {entry['code']} listed twice")
        codes.add(entry.get("code"))
        if entry.get("kind") not in Organization.Kind.values:
            problems.append(
                f"{where}: kind {entry.get('kind')!r} is not one of {', '.join(Organization.Kind.values)}"
            )
    for i, entry in enumerate(entries):
        if entry.get("parent") and entry["parent"] not in codes:
            problems.append(f"{path.name}: organizations[{i}]: unknown parent {entry['parent']!r}")
    if problems:
        raise DomainError("\n".join(problems))
    with transaction.atomic():
        result = sync_rows(
            Organization.objects.all(),
            ["code"],
            [
                {
                    "code": e["code"],
                    "kind": e["kind"],
                    "names": e.get("names") or {},
                    "short_names": e.get("short") or {},
                }
                for e in entries
            ],
            delete_missing=False,
        )
        ids = dict(Organization.objects.values_list("code", "id"))
        parents = sync_rows(
            Organization.objects.all(),
            ["code"],
            [{"code": e["code"], "parent_id": ids.get(e.get("parent"))} for e in entries],
            delete_missing=False,
        )
        result.updated += parents.updated
        if result.changed:
            log_action(
                by,
                "reference.organizations",
                object_type="reference-data",
                object_id=path.name,
                after=result.as_dict(),
            )
    return result.as_dict()


def treaty_status_of(meeting: Meeting, state: State, on: dt.date | None = None) -> str:
    """state_party, signatory or neither, for the meeting's treaty on its opening day."""
    on = on or meeting.start or dt.date(meeting.year, 1, 1)
    events = TreatyEvent.objects.filter(treaty=meeting.treaty_id, state=state).values_list(
        "state__code", "kind", "date"
    )
    return status_on([state.code], events, on, entry_into_force=meeting.treaty.entry_into_force).status_of(
        state.code
    )


def expected_category(
    meeting: Meeting, *, state: State | None = None, organization: Organization | None = None
) -> str:
    """The Rule 44 category that follows from who registers: a State's treaty status on the
    meeting's opening day, or an organization's kind."""
    if state is not None:
        return {
            "state_party": Category.STATE_PARTY,
            "signatory": Category.SIGNATORY,
            "neither": Category.OBSERVER_STATE,
        }[treaty_status_of(meeting, state)]
    assert organization is not None
    return ORG_CATEGORY[organization.kind]


MAX_MEMBERS = 50
MEMBER_FIELDS = {"name": 200, "function": 300, "honorific": 20}


def clean_members(members: Sequence[dict[str, Any]], *, meeting: Meeting) -> list[dict[str, str]]:
    """The members of a delegation as they are kept: names trimmed, roles known, the head first.

    The one rule of every registration: a delegation that lists its members names exactly one
    head. Only the attendance at a meeting already held may be recorded without names (a report
    says who attended, not always by whom); a registration for a meeting to come names its head.
    """
    cleaned = []
    for i, m in enumerate(members):
        if not isinstance(m, dict):
            raise DomainError(f"members[{i}]: a member has a name and a role")
        name = " ".join(str(m.get("name") or "").split())
        if not name:
            continue
        role = m.get("role") or Participant.Role.MEMBER
        if role not in Participant.Role.values:
            raise DomainError(f"{name}: unknown role {role!r}; use {', '.join(Participant.Role.values)}")
        row = {"name": name, "role": role}
        for f in ("function", "honorific"):
            row[f] = " ".join(str(m.get(f) or "").split())
        for f, limit in MEMBER_FIELDS.items():
            if len(row[f]) > limit:
                raise DomainError(f"{name[:40]}: the {f} is longer than {limit} characters")
        cleaned.append(row)
    if len(cleaned) > MAX_MEMBERS:
        raise DomainError(f"a delegation lists at most {MAX_MEMBERS} members here")
    heads = [m for m in cleaned if m["role"] == Participant.Role.HEAD]
    held = not is_open(meeting)
    if not cleaned and held:
        return []
    if len(heads) != 1:
        raise DomainError("name one head of delegation" if not heads else "a delegation has one head only")
    # The head first, then the others in the order given.
    return heads + [m for m in cleaned if m["role"] != Participant.Role.HEAD]


def _delegation_snapshot(delegation: Delegation, members: Sequence[dict[str, str]]) -> dict[str, Any]:
    return {
        "meeting": delegation.meeting.series,
        "who": (delegation.state or delegation.organization).code,  # type: ignore[union-attr]
        "category": delegation.category,
        "status": delegation.status,
        "members": [m["name"] for m in members],
    }


def register_delegation(
    meeting: Meeting,
    *,
    by: Actor,
    state: State | None = None,
    organization: Organization | None = None,
    category: str | None = None,
    status: str | None = None,
    members: Sequence[dict[str, Any]] = (),
    position: int = 0,
) -> Delegation:
    """Register one delegation of a State or an organization for the meeting.

    Guarantees: only that State's (organization's) focal point, or staff, registers it; the
    meeting is still open (staff excepted); one delegation per State or organization; the
    category is the one Rule 44 gives (a registration that contradicts the State's treaty status
    is refused); a meeting closed to States Parties and signatories refuses everyone else; the
    members follow `clean_members` (one head); a category that needs the meeting's decision on
    observer status starts as pending (only staff may record another status).
    """
    if (state is None) == (organization is None):
        raise DomainError("a delegation is of one State or of one organization")
    if not permissions.can_register_delegation(by, state=state, organization=organization):
        raise NotAllowed("only the focal point registers the delegation")
    check_open(meeting, by)
    who = state.code if state else organization.code  # type: ignore[union-attr]
    expected = expected_category(meeting, state=state, organization=organization)
    if category is not None and category != expected:
        label = dict(Category.choices)
        raise DomainError(
            f"{meeting.series}: {who} cannot register as {label.get(category, category)}: "
            f"on {meeting.start} it registers as {label[expected]}"
        )
    if meeting.closed and expected not in (Category.STATE_PARTY, Category.SIGNATORY):
        raise DomainError(
            f"{meeting.series} is open to States Parties and signatories only; {who} cannot register"
        )
    cleaned = clean_members(members, meeting=meeting)
    needs_decision = RIGHTS[expected]["needs_observer_decision"]
    if status is None:
        status = Delegation.Status.PENDING if needs_decision else Delegation.Status.REGISTERED
    if status not in Delegation.Status.values:
        raise DomainError(f"status must be one of {', '.join(Delegation.Status.values)}")
    if needs_decision and status != Delegation.Status.PENDING and not permissions.is_staff(by):
        raise NotAllowed(
            "observer status is granted by decision of the meeting, which the secretariat records"
        )
    with transaction.atomic():
        # The meeting's row is the lock: two registrations of one State at once become one.
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        if Delegation.objects.filter(meeting=meeting, state=state, organization=organization).exists():
            raise DomainError(f"{meeting.series}: {who} already has a delegation")
        delegation = Delegation.objects.create(
            meeting=meeting,
            state=state,
            organization=organization,
            category=expected,
            status=status,
            position=position,
        )
        _write_members(delegation, cleaned)
        log_action(by, "delegation.register", delegation, after=_delegation_snapshot(delegation, cleaned))
    return delegation


def _write_members(delegation: Delegation, members: Sequence[dict[str, str]]) -> None:
    Participant.objects.bulk_create(
        [
            Participant(
                delegation=delegation,
                name=m["name"],
                honorific=m.get("honorific", ""),
                function=m.get("function", ""),
                role=m["role"],
                position=i,
            )
            for i, m in enumerate(members)
        ]
    )


def update_members(delegation: Delegation, *, by: Actor, members: Sequence[dict[str, Any]]) -> Delegation:
    """Replace the delegation's list of members. Guarantees: the focal point (or staff) only; the
    rules of `clean_members`; the meeting is still open (staff excepted)."""
    if not permissions.can_edit_delegation(by, delegation):
        raise NotAllowed("only the focal point changes the delegation")
    check_open(delegation.meeting, by)
    cleaned = clean_members(members, meeting=delegation.meeting)
    with transaction.atomic():
        before = list(delegation.participants.values("name", "function", "role", "honorific"))
        delegation.participants.all().delete()
        _write_members(delegation, cleaned)
        log_action(
            by,
            "delegation.members",
            delegation,
            before={"members": before},
            after={"members": cleaned},
        )
    return delegation


def _delegation_state(delegation: Delegation) -> dict[str, Any]:
    return {
        "status": delegation.status,
        "position": delegation.position,
        "members": list(
            delegation.participants.order_by("position", "id").values("name", "honorific", "function", "role")
        ),
    }


def update_delegation(
    delegation: Delegation,
    *,
    by: Actor,
    status: str | None = None,
    members: Sequence[dict[str, Any]] | None = None,
    position: int | None = None,
) -> bool:
    """Change what is given (None: leave it): the status, the list of members, the place in the
    list of delegations. Guarantees: the status is recorded by staff (observer status is the
    meeting's decision), with the rules of `register_delegation`; the members follow
    `clean_members`; the category never changes (it follows from Rule 44). Returns whether
    anything changed; nothing is written when nothing did."""
    if status is not None or position is not None:
        if not permissions.is_staff(by):
            raise NotAllowed("only the secretariat records a delegation's status and place")
    if members is not None:
        if not permissions.can_edit_delegation(by, delegation):
            raise NotAllowed("only the focal point changes the delegation")
        check_open(delegation.meeting, by)
    who = _who(delegation)
    if status is not None and status not in Delegation.Status.values:
        raise DomainError(f"{who}: status must be one of {', '.join(Delegation.Status.values)}")
    if position is not None and not 0 <= position <= 2147483647:
        raise DomainError(f"{who}: a place in the list is a whole number from 0")
    cleaned = clean_members(members, meeting=delegation.meeting) if members is not None else None
    with transaction.atomic():
        before = _delegation_state(delegation)
        after = dict(before)
        if status is not None:
            after["status"] = status
        if position is not None:
            after["position"] = position
        if cleaned is not None:
            after["members"] = [
                {"name": m["name"], "honorific": m["honorific"], "function": m["function"], "role": m["role"]}
                for m in cleaned
            ]
        if after == before:
            return False
        delegation.status, delegation.position = after["status"], after["position"]
        delegation.save(update_fields=["status", "position"])
        if after["members"] != before["members"]:
            delegation.participants.all().delete()
            _write_members(delegation, after["members"])
        log_action(
            by,
            "delegation.update",
            delegation,
            before={"meeting": delegation.meeting.series, "who": who, **before},
            after={"meeting": delegation.meeting.series, "who": who, **after},
        )
    return True


def remove_delegation(delegation: Delegation, *, by: Actor) -> None:
    """Take a delegation off the meeting's record. Guarantees: staff only; refused while the
    delegation has requests for the floor or working papers (they stay in the record)."""
    if not permissions.is_staff(by):
        raise NotAllowed("only the secretariat removes a delegation")
    who = _who(delegation)
    requests = delegation.floor_requests.count()
    if requests:
        raise DomainError(
            f"{who} has {requests} request(s) for the floor on the list of speakers of "
            f"{delegation.meeting.series}; its delegation stays"
        )
    papers = delegation.working_papers.count()
    if papers:
        raise DomainError(
            f"{who} has {papers} working paper(s) at {delegation.meeting.series}; its delegation stays"
        )
    with transaction.atomic():
        log_action(
            by,
            "delegation.remove",
            delegation,
            before={
                "meeting": delegation.meeting.series,
                "who": who,
                "category": delegation.category,
                **_delegation_state(delegation),
            },
        )
        delegation.delete()


def _who(delegation: Delegation) -> str:
    return (delegation.state or delegation.organization).code  # type: ignore[union-attr]


def save_tally(meeting: Meeting, *, category: str, count: int, source: str = "", by: Actor) -> bool:
    """Record that `count` delegations of a Rule 44 category attended without being named (a
    report gives "36 NGOs attended"), once per category. Returns whether anything changed."""
    if not permissions.is_staff(by):
        raise NotAllowed("only the secretariat records attendance")
    if category not in Category.values:
        raise DomainError(f"{meeting.series}: unknown category {category!r}")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 2147483647:
        raise DomainError(f"{meeting.series}: an attendance count is a whole number from 1")
    source = source or ""
    if len(source) > 300:
        raise DomainError(f"{meeting.series}: the source of a count is longer than 300 characters")
    with transaction.atomic():
        tally = AttendanceTally.objects.select_for_update().filter(meeting=meeting, category=category).first()
        after = {"meeting": meeting.series, "category": category, "count": count, "source": source}
        if tally is None:
            tally = AttendanceTally.objects.create(
                meeting=meeting, category=category, count=count, source=source
            )
            log_action(by, "attendance.record", tally, after=after)
            return True
        before = {
            "meeting": meeting.series,
            "category": category,
            "count": tally.count,
            "source": tally.source,
        }
        if before == after:
            return False
        tally.count, tally.source = count, source
        tally.save(update_fields=["count", "source"])
        log_action(by, "attendance.update", tally, before=before, after=after)
    return True


def remove_tally(tally: AttendanceTally, *, by: Actor) -> None:
    if not permissions.is_staff(by):
        raise NotAllowed("only the secretariat records attendance")
    with transaction.atomic():
        log_action(
            by,
            "attendance.remove",
            tally,
            before={"meeting": tally.meeting.series, "category": tally.category, "count": tally.count},
        )
        tally.delete()


def decide_observer_status(delegation: Delegation, *, granted: bool, by: Actor) -> Delegation:
    """Record the meeting's decision on a pending request for observer status (Rule 44.2(a), 44.4).

    Guarantees: staff only; only a pending delegation of a category that needs the decision is
    decided; the decision is audited with the status before and after.
    """
    if not permissions.is_staff(by):
        raise NotAllowed("only the secretariat records the meeting's decisions")
    if not RIGHTS[Category(delegation.category)]["needs_observer_decision"]:
        raise DomainError(
            f"{delegation}: a {delegation.get_category_display()} needs no decision on observer status"
        )
    with transaction.atomic():
        current = Delegation.objects.select_for_update().get(pk=delegation.pk)
        if current.status != Delegation.Status.PENDING:
            raise DomainError(
                f"{delegation}: observer status was already decided ({current.get_status_display()})"
            )
        delegation.status = Delegation.Status.REGISTERED if granted else Delegation.Status.REFUSED
        delegation.save(update_fields=["status"])
        log_action(
            by,
            "delegation.observer_status",
            delegation,
            before={"status": current.status},
            after={"status": delegation.status},
        )
    return delegation


# -- lists of participants -----------------------------------------------------------------------

# The two lists of participants (UN practice): the provisional list, a miscellaneous document
# revised as delegations arrive, and the final list, an information document issued once.
LIST_KINDS = numbering.LIST_KINDS
LIST_TITLES = {
    "MISC": {
        "ar": "قائمة مؤقتة بأسماء المشاركين",
        "zh": "与会者临时名单",
        "en": "Provisional list of participants",
        "fr": "Liste provisoire des participants",
        "ru": "Предварительный список участников",
        "es": "Lista provisional de participantes",
    },
    "INF": {
        "ar": "قائمة المشاركين",
        "zh": "与会者名单",
        "en": "List of participants",
        "fr": "Liste des participants",
        "ru": "Список участников",
        "es": "Lista de participantes",
    },
}


def record_participants_list(
    meeting: Meeting, *, kind: str, lang: str, by: Actor, on: dt.date | None = None
) -> Document:
    """Record the meeting's provisional (MISC) or final (INF) list of participants as a document.

    Guarantees: staff only; a provisional list is MISC.1, and each new one a revision (MISC.1/Rev.1,
    Rev.2 ...); the final list INF.1 is recorded once (numbering.next_list_symbol); a list is
    recorded only when the meeting has a registered delegation to list. This records the document
    only: reports.domain.issue_participants_list issues it with its stored PDF and Word files, in
    the same transaction (the back office calls that).
    """
    if not permissions.can_issue(by):
        raise NotAllowed("only the secretariat issues lists of participants")
    if lang not in UN_LANGUAGES:
        raise DomainError(f"unknown language {lang!r}: use one of {', '.join(UN_LANGUAGES)}")
    if kind not in LIST_KINDS:
        raise DomainError(f"a list of participants is MISC (provisional) or INF (final), not {kind!r}")
    if not Delegation.objects.filter(meeting=meeting, status=Delegation.Status.REGISTERED).exists():
        raise DomainError(f"{meeting.series} has no registered delegation: there is no one to list yet")
    with transaction.atomic():
        symbol = numbering.next_list_symbol(meeting, kind)
        document = record_document(
            meeting,
            by=by,
            symbol=symbol,
            title=LIST_TITLES[kind],
            original_language=lang,
            secretariat=True,
            issued_on=on or clock.today(),
        )
        log_action(by, "participants.list", document, after={"symbol": symbol, "kind": kind, "lang": lang})
    return document
