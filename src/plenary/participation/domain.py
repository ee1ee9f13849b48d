"""The only writers of participation: organizations (reference data) and delegations (Rule 44)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from plenary.core.audit import log_action
from plenary.core.errors import DomainError
from plenary.core.sync import sync_rows
from plenary.meetings.models import Meeting
from plenary.participation.models import RIGHTS, Category, Delegation, Organization, Participant
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


def load_organizations(*, by: str, path: Path | None = None) -> dict[str, int]:
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


def register_delegation(
    meeting: Meeting,
    *,
    by: str,
    state: State | None = None,
    organization: Organization | None = None,
    category: str | None = None,
    status: str | None = None,
    members: Sequence[dict[str, Any]] = (),
    position: int = 0,
    audit: bool = True,
    via: str = "",
) -> Delegation:
    """Register one delegation of a State or an organization for the meeting.

    Guarantees: one delegation per State or organization; the category is the one Rule 44 gives
    (a registration that contradicts the State's treaty status is refused); a meeting closed to
    States Parties and signatories refuses everyone else; a category that needs the meeting's
    decision on observer status starts as pending unless a status is given.
    """
    if (state is None) == (organization is None):
        raise DomainError("a delegation is of one State or of one organization")
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
    if status is None:
        status = (
            Delegation.Status.PENDING
            if RIGHTS[expected]["needs_observer_decision"]
            else Delegation.Status.REGISTERED
        )
    with transaction.atomic():
        exists = Delegation.objects.filter(meeting=meeting, state=state, organization=organization).exists()
        if exists:
            raise DomainError(f"{meeting.series}: {who} already has a delegation")
        delegation = Delegation.objects.create(
            meeting=meeting,
            state=state,
            organization=organization,
            category=expected,
            status=status,
            position=position,
        )
        Participant.objects.bulk_create(
            [
                Participant(
                    delegation=delegation,
                    name=m["name"],
                    honorific=m.get("honorific", ""),
                    function=m.get("function", ""),
                    role=m.get("role", Participant.Role.MEMBER),
                    position=i,
                )
                for i, m in enumerate(members)
            ]
        )
        if audit:
            log_action(
                by,
                "delegation.register",
                delegation,
                after={
                    "meeting": meeting.series,
                    "who": who,
                    "category": expected,
                    "status": status,
                    "members": [m["name"] for m in members],
                },
                via=via,
            )
    return delegation


def decide_observer_status(delegation: Delegation, *, granted: bool, by: str, via: str = "") -> Delegation:
    """Record the meeting's decision on a pending request for observer status (Rule 44.2(a), 44.4).

    Guarantees: only a pending delegation of a category that needs the decision is decided; the
    decision is audited with the status before and after.
    """
    if not RIGHTS[Category(delegation.category)]["needs_observer_decision"]:
        raise DomainError(
            f"{delegation}: a {delegation.get_category_display()} needs no decision on observer status"
        )
    if delegation.status != Delegation.Status.PENDING:
        raise DomainError(
            f"{delegation}: observer status was already decided ({delegation.get_status_display()})"
        )
    with transaction.atomic():
        before = delegation.status
        delegation.status = Delegation.Status.REGISTERED if granted else Delegation.Status.REFUSED
        delegation.save(update_fields=["status"])
        log_action(
            by,
            "delegation.observer_status",
            delegation,
            before={"status": before},
            after={"status": delegation.status},
            via=via,
        )
    return delegation
