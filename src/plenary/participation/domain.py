"""The only writers of participation: organizations (reference data), delegations registered under
Rule 44 with their people and credentials, the secretariat's check of each registration
(received, approved, returned and sent again), decisions on observer status, and the lists of
participants.

Every function takes who acts as `by` (an Actor), checks the permission, validates, writes inside
one transaction and audits with `by.via`. One rule set for every way in: the portal, the back
office, the API, a record load.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

import yaml
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop as _

from plenary.accounts import permissions
from plenary.accounts.models import Notification, Role
from plenary.accounts.notify import notify, page_urls, people_of, staff_users
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, NotAllowed, NotFound, term
from plenary.core.languages import UN_LANGUAGES
from plenary.core.sync import sync_rows
from plenary.documents import numbering
from plenary.documents.domain import record_document
from plenary.documents.models import Document
from plenary.meetings.domain import check_open, is_open
from plenary.meetings.models import Meeting
from plenary.meetings.queries import meeting_titles
from plenary.participation.credentials import media_type, read_credentials
from plenary.participation.models import (
    RIGHTS,
    AttendanceTally,
    Category,
    Delegation,
    Organization,
    Participant,
)
from plenary.treaties.models import State, StateName, TreatyEvent
from plenary.treaties.status import status_on

DATA_DIR = Path(__file__).resolve().parent / "data"


def _word(label: object) -> term:
    """A choice's label (a lazy translation) as the English word of the interface, for a message
    that translates it when it is read."""
    with translation.override("en"):
        return term(str(label))


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


# -- registrations: the people of a delegation ----------------------------------------------------

# A registration lists as many people as a delegation brings, up to this (a Review Conference
# delegation is rarely above 40).
MAX_MEMBERS = 100
# More entries than this are refused before they are read one by one.
MAX_ROWS = 1000
# How a person is addressed, as UN lists of participants print it before the name. Spellings
# without the full stops (older records: "Mr", "Ms") are read as these.
SALUTATIONS = ("Mr.", "Ms.", "Dr.", "Prof.", "H.E. Mr.", "H.E. Ms.", "H.E. Dr.")
_SALUTATION_KEYS = {s.replace(".", "").replace(" ", "").casefold(): s for s in SALUTATIONS}
# The parts of a person and their longest length (the model's columns).
PERSON_TEXT = {"family_name": 100, "given_names": 100, "name": 200, "function": 300, "email": 254}
PERSON_LABELS = {
    "family_name": _("the family name"),
    "given_names": _("the given names"),
    "name": _("the name"),
    "function": _("the function"),
    "email": _("the e-mail address"),
}
SALUTATION_LABEL = _("the salutation")
# The keys of a person as kept (and as the audit trail shows them).
PERSON_KEYS = ("name", "honorific", "family_name", "given_names", "function", "email", "role")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def compose_name(given_names: str, family_name: str) -> str:
    """The name as lists of participants print it after the salutation: given names, then the
    family name ("Camille Martin")."""
    return " ".join(part for part in (given_names, family_name) if part)


def normalize_salutation(value: str) -> str | None:
    """The salutation as kept ("Mr." for "mr", "H.E. Ms." for "H.E. Ms"), "" for none, None when
    it is not one of SALUTATIONS."""
    key = value.replace(".", "").replace(" ", "").casefold()
    if not key:
        return ""
    return _SALUTATION_KEYS.get(key)


def _person_error(template: str, template_named: str, *, n: int, name: str | None, **values) -> DomainError:
    """A message about person `n` (counted from 1), named once the name is known: each form is a
    template of its own, so that each language words it whole."""
    if name is None:
        return DomainError(template, n=n, **values)
    return DomainError(template_named, n=n, name=name, **values)


def _text(value: Any, *, n: int, label: str, name: str | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _person_error(
            _("person %(n)s: %(what)s is text, not %(kind)s"),
            _("person %(n)s (%(name)s): %(what)s is text, not %(kind)s"),
            n=n,
            name=name,
            what=term(label),
            kind=type(value).__name__,
        )
    text = " ".join(value.split())
    if _CONTROL.search(text):
        raise _person_error(
            _("person %(n)s: %(what)s holds a control character"),
            _("person %(n)s (%(name)s): %(what)s holds a control character"),
            n=n,
            name=name,
            what=term(label),
        )
    return text


def _clean_person(i: int, person: Any) -> dict[str, str] | None:
    """One person as kept, or None for an empty row (nothing typed but a role or salutation)."""
    n = i + 1
    if not isinstance(person, Mapping):
        raise DomainError(
            _("person %(n)s: a person is given by family name, given names, function, e-mail and role"), n=n
        )
    row = {key: _text(person.get(key), n=n, label=PERSON_LABELS[key]) for key in PERSON_TEXT}
    if not any(row.values()):
        return None
    too_long = _("person %(n)s: %(what)s is longer than %(limit)s characters")
    for key, limit in PERSON_TEXT.items():
        if len(row[key]) > limit:
            raise DomainError(too_long, n=n, what=term(PERSON_LABELS[key]), limit=limit)
    if row["family_name"]:
        row["name"] = compose_name(row["given_names"], row["family_name"])
    elif row["given_names"] or not row["name"]:
        # Records of past meetings may give the printed name alone; a registration gives parts.
        raise DomainError(_("person %(n)s: give the family name"), n=n)
    if len(row["name"]) > PERSON_TEXT["name"]:
        raise DomainError(too_long, n=n, what=term(PERSON_LABELS["name"]), limit=PERSON_TEXT["name"])
    name = row["name"][:60]
    raw = person.get("honorific", person.get("salutation"))
    honorific = normalize_salutation(_text(raw, n=n, name=name, label=SALUTATION_LABEL))
    if honorific is None:
        raise DomainError(
            _("person %(n)s (%(name)s): unknown salutation %(value)s; use one of %(choices)s"),
            n=n,
            name=name,
            value=repr(str(raw)[:20]),
            choices=", ".join(SALUTATIONS),
        )
    role = person.get("role") or Participant.Role.MEMBER
    if role not in Participant.Role.values:
        raise DomainError(
            _("person %(n)s (%(name)s): unknown role %(value)s; use one of %(choices)s"),
            n=n,
            name=name,
            value=repr(str(role)[:20]),
            choices=", ".join(Participant.Role.values),
        )
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            raise DomainError(
                _("person %(n)s (%(name)s): %(email)s is not an e-mail address"),
                n=n,
                name=name,
                email=repr(row["email"][:80]),
            ) from None
    return {
        "name": row["name"],
        "honorific": honorific,
        "family_name": row["family_name"],
        "given_names": row["given_names"],
        "function": row["function"],
        "email": row["email"],
        "role": role,
    }


def clean_members(members: Sequence[Mapping[str, Any]], *, meeting: Meeting) -> list[dict[str, str]]:
    """The people of a delegation as they are kept: texts trimmed, the name composed from the
    family and given names, salutations, roles and e-mail addresses checked, the head first.

    The one rule of every registration: a delegation that lists its people names exactly one
    head, and at most MAX_MEMBERS people. Only the attendance at a meeting already held may be
    recorded without names (a report says who attended, not always by whom); a registration for
    a meeting to come names its head.
    """
    if isinstance(members, str | bytes | Mapping) or not isinstance(members, Sequence):
        raise DomainError(_("the people of a delegation are given as a list"))
    too_many = _("a registration lists at most %(most)s people; this one lists %(count)s")
    if len(members) > MAX_ROWS:
        raise DomainError(too_many, most=MAX_MEMBERS, count=len(members))
    cleaned = [row for i, m in enumerate(members) if (row := _clean_person(i, m)) is not None]
    if len(cleaned) > MAX_MEMBERS:
        raise DomainError(too_many, most=MAX_MEMBERS, count=len(cleaned))
    emails: dict[str, str] = {}
    for row in cleaned:
        if row["email"]:
            other = emails.setdefault(row["email"].casefold(), row["name"])
            if other != row["name"]:
                raise DomainError(
                    _("%(other)s and %(name)s have the same e-mail address %(email)s"),
                    other=other,
                    name=row["name"][:60],
                    email=row["email"],
                )
    heads = [m for m in cleaned if m["role"] == Participant.Role.HEAD]
    if not cleaned and not is_open(meeting):
        return []
    if len(heads) != 1:
        if not heads:
            raise DomainError(_("name one head of delegation"))
        raise DomainError(_("a delegation has one head only, not %(count)s"), count=len(heads))
    # The head first, then the others in the order given.
    return heads + [m for m in cleaned if m["role"] != Participant.Role.HEAD]


def _members_of(delegation: Delegation) -> list[dict[str, str]]:
    return [
        {key: getattr(p, key) for key in PERSON_KEYS}
        for p in delegation.participants.order_by("position", "id")
    ]


def _write_members(delegation: Delegation, members: Sequence[Mapping[str, str]]) -> None:
    Participant.objects.bulk_create(
        [
            Participant(delegation=delegation, position=i, **{key: m.get(key, "") for key in PERSON_KEYS})
            for i, m in enumerate(members)
        ]
    )


def _replace_members(delegation: Delegation, members: Sequence[Mapping[str, str]]) -> None:
    delegation.participants.all().delete()
    _write_members(delegation, members)


def _who(delegation: Delegation) -> str:
    return (delegation.state or delegation.organization).code  # type: ignore[union-attr]


def _registration_snapshot(delegation: Delegation, members: Sequence[Mapping[str, str]]) -> dict[str, Any]:
    return {
        "meeting": delegation.meeting.series,
        "who": _who(delegation),
        "category": delegation.category,
        "status": delegation.status,
        "review": delegation.review,
        "batch": str(delegation.batch) if delegation.batch else None,
        "credentials": delegation.credentials_name or None,
        "members": [dict(m) for m in members],
    }


# -- registrations: the credentials ---------------------------------------------------------------


class _StoredCredentials:
    """A credentials file stored once for every delegation of a registration, removed again if
    the transaction that stored it does not commit."""

    def __init__(self, upload) -> None:
        self.data, self.ext, self.original = read_credentials(upload)
        self.name = ""

    def store(self) -> str:
        self.name = default_storage.save(f"credentials/{uuid.uuid4().hex}{self.ext}", ContentFile(self.data))
        return self.name

    def discard(self) -> None:
        if self.name:
            default_storage.delete(self.name)
            self.name = ""


def _forget_file_on_commit(name: str) -> None:
    """Delete a credentials file that no delegation names any longer, once the change commits."""
    if not name:
        return

    def forget() -> None:
        if not Delegation.objects.filter(credentials=name).exists():
            default_storage.delete(name)

    transaction.on_commit(forget)


# -- registrations: telling the people concerned ---------------------------------------------------


def _names_of_party(delegation: Delegation) -> dict[str, str]:
    if delegation.state is not None:
        on = delegation.meeting.start or dt.date(delegation.meeting.year, 1, 1)
        names = dict(StateName.objects.on(on).filter(state=delegation.state).values_list("lang", "name"))
        return names or {"en": delegation.state.code}
    organization = delegation.organization
    assert organization is not None
    return dict(organization.names) or {"en": organization.code}


def _meetings_named(group: Sequence[Delegation]) -> dict[str, str]:
    titles = [meeting_titles(d.meeting) for d in group]
    return {
        lang: ", ".join(
            t.get(lang) or t.get("en") or d.meeting.series for t, d in zip(titles, group, strict=True)
        )
        for lang in UN_LANGUAGES
    }


def _focal_points(delegation: Delegation) -> list[User]:
    """Who registers for the State or organization: its focal points (and, for an organization,
    its observers)."""
    kinds = [Role.Kind.FOCAL_POINT]
    if delegation.organization_id:
        kinds.append(Role.Kind.OBSERVER)
        scope = {"plenary_roles__organization_id": delegation.organization_id}
    else:
        scope = {"plenary_roles__state_id": delegation.state_id}
    return list(
        User.objects.filter(plenary_roles__kind__in=kinds, is_active=True, **scope).distinct().order_by("pk")
    )


def _tell(kind: str, group: Sequence[Delegation], *, reason: str = "") -> None:
    """Notify, in each person's language, of a step of the registration `group` (one delegation,
    or every delegation of a batch)."""
    first = group[0]
    context = {"who": _names_of_party(first), "meeting": _meetings_named(group), "reason": reason}
    # Each person's link opens the page in their own language.
    portal_url = page_urls("portal:delegation", first.pk)
    submitter = [first.submitted_by]
    if kind == Notification.Kind.REGISTRATION_RECEIVED:
        notify(kind, [*_focal_points(first), *submitter], context=context, url=portal_url)
        office = page_urls("backoffice:registrations", first.meeting.series)
        notify(kind, staff_users(), context=context, url=office)
    else:
        people = people_of(state_id=first.state_id, organization_id=first.organization_id)
        notify(kind, [*people, *submitter], context=context, url=portal_url)


# -- registrations: registering ---------------------------------------------------------------------


def _registration_of(delegation: Delegation, *, lock: bool = False) -> list[Delegation]:
    """The delegations registered together with `delegation` (its batch), in meeting order; just
    itself when it was registered alone."""
    if delegation.batch is None:
        rows = Delegation.objects.filter(pk=delegation.pk)
    else:
        rows = Delegation.objects.filter(batch=delegation.batch)
    rows = rows.select_related("meeting__treaty", "state", "organization", "submitted_by")
    if lock:
        rows = rows.select_for_update(of=("self",))
    return list(rows.order_by("meeting__start", "meeting__series", "id"))


def register_delegation(
    meeting: Meeting,
    *,
    by: Actor,
    state: State | None = None,
    organization: Organization | None = None,
    category: str | None = None,
    status: str | None = None,
    members: Sequence[Mapping[str, Any]] = (),
    position: int = 0,
    credentials=None,
    review: str | None = None,
) -> Delegation:
    """Register one delegation of a State or an organization for the meeting.

    Guarantees: only that State's (organization's) focal point, an organization's observer, or
    staff, registers it; the meeting is still open (staff excepted); one delegation per State or
    organization; the category is the one Rule 44 gives (a registration that contradicts the
    State's treaty status is refused); a meeting closed to States Parties and signatories refuses
    everyone else; the people follow `clean_members` (one head, at most MAX_MEMBERS); a category
    that needs the meeting's decision on observer status starts as pending (only staff may
    record another status); the credentials file is checked by its content and stored under a
    generated name. A registration by a focal point is `received` for the secretariat to check
    (the focal points and staff are told); one by staff, or a record's, is approved.
    """
    return register_for_meetings(
        [meeting],
        by=by,
        state=state,
        organization=organization,
        category=category,
        status=status,
        members=members,
        position=position,
        credentials=credentials,
        review=review,
    )[0]


MAX_MEETINGS = 20


def register_for_meetings(
    meetings: Sequence[Meeting],
    *,
    by: Actor,
    state: State | None = None,
    organization: Organization | None = None,
    category: str | None = None,
    status: str | None = None,
    members: Sequence[Mapping[str, Any]] = (),
    position: int = 0,
    credentials=None,
    review: str | None = None,
) -> list[Delegation]:
    """Register one delegation for each of `meetings` (all Meetings of Experts of a year) in one
    transaction: the same people and credentials, a shared `batch` when there are several, all or
    nothing (a meeting where the State or organization already has a delegation is refused by its
    series, and nothing is written). The rules of `register_delegation` hold for each meeting;
    the meetings are of one treaty and one year."""
    if (state is None) == (organization is None):
        raise DomainError(_("a delegation is of one State or of one organization"))
    if not permissions.can_register_delegation(by, state=state, organization=organization):
        raise NotAllowed(_("only the focal point registers the delegation"))
    meetings = list(dict.fromkeys(meetings))
    if not meetings:
        raise DomainError(_("choose the meeting(s) the registration covers"))
    if len(meetings) > MAX_MEETINGS:
        raise DomainError(_("one registration covers at most %(most)s meetings"), most=MAX_MEETINGS)
    first = meetings[0]
    for m in meetings[1:]:
        if (m.treaty_id, m.year) != (first.treaty_id, first.year):
            raise DomainError(
                _("one registration covers meetings of one year: %(series)s is not of %(year)s"),
                series=m.series,
                year=first.year,
            )
    staff = permissions.is_staff(by)
    if review is None:
        review = Delegation.Review.APPROVED if staff else Delegation.Review.RECEIVED
    elif not staff:
        raise NotAllowed(_("only the secretariat records the check of a registration"))
    if review not in Delegation.Review.values:
        raise DomainError(_("review must be one of %(choices)s"), choices=", ".join(Delegation.Review.values))
    who = state.code if state else organization.code  # type: ignore[union-attr]
    label = dict(Category.choices)
    plans = []
    for meeting in meetings:
        check_open(meeting, by)
        expected = expected_category(meeting, state=state, organization=organization)
        if category is not None and category != expected:
            raise DomainError(
                _(
                    "%(series)s: %(who)s cannot register as %(category)s: on %(date)s it registers as %(expected)s"
                ),
                series=meeting.series,
                who=who,
                category=_word(label[category]) if category in label else category,
                date=str(meeting.start),  # ISO
                expected=_word(label[expected]),
            )
        if meeting.closed and expected not in (Category.STATE_PARTY, Category.SIGNATORY):
            raise DomainError(
                _("%(series)s is open to States Parties and signatories only; %(who)s cannot register"),
                series=meeting.series,
                who=who,
            )
        needs_decision = RIGHTS[expected]["needs_observer_decision"]
        given = status
        if given is None:
            given = Delegation.Status.PENDING if needs_decision else Delegation.Status.REGISTERED
        if given not in Delegation.Status.values:
            raise DomainError(
                _("status must be one of %(choices)s"), choices=", ".join(Delegation.Status.values)
            )
        if needs_decision and given != Delegation.Status.PENDING and not staff:
            raise NotAllowed(
                _("observer status is granted by decision of the meeting, which the secretariat records")
            )
        plans.append((meeting, expected, given, clean_members(members, meeting=meeting)))
    stored = _StoredCredentials(credentials) if credentials is not None else None
    batch = uuid.uuid4() if len(meetings) > 1 else None
    now = timezone.now()
    user = by.user if by.user is not None and by.user.is_authenticated else None
    made = []
    try:
        with transaction.atomic():
            # The meetings' rows are the lock: two registrations of one State at once become one.
            list(Meeting.objects.select_for_update().filter(pk__in=[m.pk for m in meetings]).order_by("pk"))
            for meeting in meetings:
                if Delegation.objects.filter(
                    meeting=meeting, state=state, organization=organization
                ).exists():
                    if len(meetings) == 1:
                        raise DomainError(
                            _("%(series)s: %(who)s already has a delegation"), series=meeting.series, who=who
                        )
                    raise DomainError(
                        _(
                            "%(series)s: %(who)s already has a delegation; "
                            "none of the %(count)s meetings was registered"
                        ),
                        series=meeting.series,
                        who=who,
                        count=len(meetings),
                    )
            stored_name = stored.store() if stored is not None else ""
            for meeting, expected, given, cleaned in plans:
                delegation = Delegation.objects.create(
                    meeting=meeting,
                    state=state,
                    organization=organization,
                    category=expected,
                    status=given,
                    position=position,
                    review=review,
                    reviewed_by=user if review != Delegation.Review.RECEIVED else None,
                    reviewed_at=now if user is not None and review != Delegation.Review.RECEIVED else None,
                    submitted_by=user,
                    submitted_at=now if user is not None else None,
                    credentials=stored_name,
                    credentials_name=stored.original if stored is not None else "",
                    batch=batch,
                )
                _write_members(delegation, cleaned)
                log_action(
                    by,
                    "delegation.register",
                    delegation,
                    after=_registration_snapshot(delegation, cleaned),
                    acting_for=permissions.acting_for(by, delegation),
                )
                made.append(delegation)
            if review == Delegation.Review.RECEIVED:
                _tell(Notification.Kind.REGISTRATION_RECEIVED, made)
    except BaseException:
        if stored is not None:
            stored.discard()
        raise
    return made


# -- registrations: the secretariat's check and the focal point's corrections ------------------------

MAX_REASON = 2000


def approve_registration(delegation: Delegation, *, by: Actor) -> list[Delegation]:
    """Staff approve a received registration: every delegation of its batch at once. From then on
    it counts in lists of participants and reports. The State's (organization's) people and who
    sent it are told."""
    permissions.require_staff(by, _("approves registrations"))
    with transaction.atomic():
        group = _registration_of(delegation, lock=True)
        for d in group:
            if d.review != Delegation.Review.RECEIVED:
                raise DomainError(
                    _(
                        "%(series)s: the registration of %(who)s is %(review)s; "
                        "only a received registration is approved"
                    ),
                    series=d.meeting.series,
                    who=_who(d),
                    review=_word(d.get_review_display()),
                )
        now = timezone.now()
        for d in group:
            before = {"review": d.review, "review_reason": d.review_reason}
            d.review, d.review_reason = Delegation.Review.APPROVED, ""
            d.reviewed_by, d.reviewed_at = by.user if by.user is not None else None, now
            d.save(update_fields=["review", "review_reason", "reviewed_by", "reviewed_at"])
            log_action(
                by,
                "delegation.approve",
                d,
                before={"meeting": d.meeting.series, "who": _who(d), **before},
                after={"meeting": d.meeting.series, "who": _who(d), "review": d.review, "review_reason": ""},
            )
        _tell(Notification.Kind.REGISTRATION_APPROVED, group)
    delegation.refresh_from_db()
    return group


def return_registration(delegation: Delegation, *, by: Actor, reason: str) -> list[Delegation]:
    """Staff return a received (or approved) registration to the focal point with the reason:
    every delegation of its batch. It no longer counts until it is sent again and approved. The
    State's (organization's) people and who sent it are told, with the reason."""
    permissions.require_staff(by, _("returns registrations"))
    if not isinstance(reason, str):
        raise DomainError(_("say why the registration is returned"))
    reason = "\n".join(" ".join(line.split()) for line in reason.strip().splitlines()).strip()
    if not reason:
        raise DomainError(_("say why the registration is returned"))
    if len(reason) > MAX_REASON:
        raise DomainError(_("the reason is longer than %(most)s characters"), most=MAX_REASON)
    if _CONTROL.search(reason.replace("\n", "")):
        raise DomainError(_("the reason holds a control character"))
    with transaction.atomic():
        group = _registration_of(delegation, lock=True)
        for d in group:
            if d.review == Delegation.Review.RETURNED:
                raise DomainError(
                    _(
                        "%(series)s: the registration of %(who)s was already returned; "
                        "the focal point corrects it and sends it again"
                    ),
                    series=d.meeting.series,
                    who=_who(d),
                )
        now = timezone.now()
        for d in group:
            before = {"review": d.review, "review_reason": d.review_reason}
            d.review, d.review_reason = Delegation.Review.RETURNED, reason
            d.reviewed_by, d.reviewed_at = by.user if by.user is not None else None, now
            d.save(update_fields=["review", "review_reason", "reviewed_by", "reviewed_at"])
            log_action(
                by,
                "delegation.return",
                d,
                before={"meeting": d.meeting.series, "who": _who(d), **before},
                after={
                    "meeting": d.meeting.series,
                    "who": _who(d),
                    "review": d.review,
                    "review_reason": reason,
                },
            )
        _tell(Notification.Kind.REGISTRATION_RETURNED, group, reason=reason)
    delegation.refresh_from_db()
    return group


def correct_registration(
    delegation: Delegation,
    *,
    by: Actor,
    members: Sequence[Mapping[str, Any]] | None = None,
    credentials=None,
) -> list[Delegation]:
    """Change the people and/or the credentials of a registration (every delegation of its batch).

    Guarantees: the focal point (an organization's observer) or staff; the meetings are open
    (staff excepted); the rules of `clean_members`; a new credentials file is checked and stored
    under a generated name (the old one removed once no delegation names it). A change by the
    focal point sends the registration (again) to the secretariat: it is `received` until staff
    approve it, and the focal points and staff are told. Staff corrections keep the check as it
    is. Nothing is written when nothing changes (and the registration is already received)."""
    if not permissions.can_edit_delegation(by, delegation):
        raise NotAllowed(_("only the focal point changes the delegation"))
    staff = permissions.is_staff(by)
    group = _registration_of(delegation)
    for d in group:
        check_open(d.meeting, by)
    cleaned = (
        {d.pk: clean_members(members, meeting=d.meeting) for d in group} if members is not None else None
    )
    stored = _StoredCredentials(credentials) if credentials is not None else None
    now = timezone.now()
    try:
        with transaction.atomic():
            group = _registration_of(delegation, lock=True)
            stored_name = stored.store() if stored is not None else ""
            resent = []
            for d in group:
                members_before = _members_of(d)
                before = _registration_snapshot(d, members_before)
                new_members = cleaned[d.pk] if cleaned is not None else members_before
                members_changed = new_members != members_before
                # A returned registration goes back to the secretariat when it is sent again; an
                # approved one when the focal point changes it.
                resend = not staff and (
                    d.review == Delegation.Review.RETURNED
                    or (d.review == Delegation.Review.APPROVED and (members_changed or stored is not None))
                )
                if not (members_changed or stored is not None or resend):
                    continue
                fields = []
                if members_changed:
                    _replace_members(d, new_members)
                if stored is not None:
                    old_file = d.credentials.name
                    d.credentials, d.credentials_name = stored_name, stored.original
                    fields += ["credentials", "credentials_name"]
                    if old_file and old_file != stored_name:
                        _forget_file_on_commit(old_file)
                if resend:
                    d.review, d.review_reason = Delegation.Review.RECEIVED, ""
                    d.submitted_by, d.submitted_at = by.user, now
                    fields += ["review", "review_reason", "submitted_by", "submitted_at"]
                    resent.append(d)
                if fields:
                    d.save(update_fields=fields)
                log_action(
                    by,
                    "delegation.correct",
                    d,
                    before=before,
                    after=_registration_snapshot(d, new_members),
                    acting_for=permissions.acting_for(by, d),
                )
            if resent:
                _tell(Notification.Kind.REGISTRATION_RECEIVED, group)
    except BaseException:
        if stored is not None:
            stored.discard()
        raise
    delegation.refresh_from_db()
    return group


def update_members(delegation: Delegation, *, by: Actor, members: Sequence[Mapping[str, Any]]) -> Delegation:
    """Replace the delegation's list of people: `correct_registration` with the people only."""
    correct_registration(delegation, by=by, members=members)
    return delegation


def credentials_of(delegation: Delegation, *, by: Actor) -> tuple[bytes, str, str]:
    """(bytes, original name, media type) of the delegation's credentials: for staff and the
    delegation's own people only. NotFound when none was sent (or its file is missing)."""
    if not permissions.can_read_credentials(by, delegation):
        raise NotAllowed(_("only the secretariat and the delegation's own people read its credentials"))
    name = delegation.credentials.name
    if not name:
        raise NotFound(
            _("%(series)s: %(who)s sent no credentials"),
            series=delegation.meeting.series,
            who=_who(delegation),
        )
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise NotFound(
            _("%(series)s: the credentials file of %(who)s is missing"),
            series=delegation.meeting.series,
            who=_who(delegation),
        ) from None
    return data, delegation.credentials_name or PurePath(name).name, media_type(name)


def _delegation_state(delegation: Delegation) -> dict[str, Any]:
    return {
        "status": delegation.status,
        "position": delegation.position,
        "review": delegation.review,
        "members": _members_of(delegation),
    }


def update_delegation(
    delegation: Delegation,
    *,
    by: Actor,
    status: str | None = None,
    members: Sequence[Mapping[str, Any]] | None = None,
    position: int | None = None,
    review: str | None = None,
) -> bool:
    """Change what is given (None: leave it): the status, the list of people, the place in the
    list of delegations, the secretariat's check (`review`, as a record gives it). Guarantees:
    the status, place and check are recorded by staff (observer status is the meeting's
    decision), with the rules of `register_delegation`; the people follow `clean_members`; the
    category never changes (it follows from Rule 44). Returns whether anything changed; nothing
    is written when nothing did."""
    if status is not None or position is not None or review is not None:
        if not permissions.is_staff(by):
            raise NotAllowed(_("only the secretariat records a delegation's status, place and check"))
    if members is not None:
        if not permissions.can_edit_delegation(by, delegation):
            raise NotAllowed(_("only the focal point changes the delegation"))
        check_open(delegation.meeting, by)
    who = _who(delegation)
    if status is not None and status not in Delegation.Status.values:
        raise DomainError(
            _("%(who)s: status must be one of %(choices)s"),
            who=who,
            choices=", ".join(Delegation.Status.values),
        )
    if review is not None and review not in Delegation.Review.values:
        raise DomainError(
            _("%(who)s: review must be one of %(choices)s"),
            who=who,
            choices=", ".join(Delegation.Review.values),
        )
    if position is not None and not 0 <= position <= 2147483647:
        raise DomainError(_("%(who)s: a place in the list is a whole number from 0"), who=who)
    cleaned = clean_members(members, meeting=delegation.meeting) if members is not None else None
    with transaction.atomic():
        before = _delegation_state(delegation)
        after = dict(before)
        for key, value in (("status", status), ("position", position), ("review", review)):
            if value is not None:
                after[key] = value
        if cleaned is not None:
            after["members"] = cleaned
        if after == before:
            return False
        delegation.status, delegation.position = after["status"], after["position"]
        delegation.review = after["review"]
        delegation.save(update_fields=["status", "position", "review"])
        if after["members"] != before["members"]:
            _replace_members(delegation, after["members"])
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
        raise NotAllowed(_("only the secretariat removes a delegation"))
    who = _who(delegation)
    requests = delegation.floor_requests.count()
    if requests:
        raise DomainError(
            _(
                "%(who)s has %(count)s request(s) for the floor on the list of speakers of "
                "%(series)s; its delegation stays"
            ),
            who=who,
            count=requests,
            series=delegation.meeting.series,
        )
    papers = delegation.working_papers.count()
    if papers:
        raise DomainError(
            _("%(who)s has %(count)s working paper(s) at %(series)s; its delegation stays"),
            who=who,
            count=papers,
            series=delegation.meeting.series,
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


def save_tally(meeting: Meeting, *, category: str, count: int, source: str = "", by: Actor) -> bool:
    """Record that `count` delegations of a Rule 44 category attended without being named (a
    report gives "36 NGOs attended"), once per category. Returns whether anything changed."""
    if not permissions.is_staff(by):
        raise NotAllowed(_("only the secretariat records attendance"))
    if category not in Category.values:
        raise DomainError(
            _("%(series)s: unknown category %(category)s"), series=meeting.series, category=repr(category)
        )
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 2147483647:
        raise DomainError(
            _("%(series)s: an attendance count is a whole number from 1"), series=meeting.series
        )
    source = source or ""
    if len(source) > 300:
        raise DomainError(
            _("%(series)s: the source of a count is longer than 300 characters"), series=meeting.series
        )
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
        raise NotAllowed(_("only the secretariat records attendance"))
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
        raise NotAllowed(_("only the secretariat records the meeting's decisions"))
    if not RIGHTS[Category(delegation.category)]["needs_observer_decision"]:
        raise DomainError(
            _("%(delegation)s: a %(category)s needs no decision on observer status"),
            delegation=str(delegation),
            category=_word(delegation.get_category_display()),
        )
    with transaction.atomic():
        current = Delegation.objects.select_for_update().get(pk=delegation.pk)
        if current.status != Delegation.Status.PENDING:
            raise DomainError(
                _("%(delegation)s: observer status was already decided (%(status)s)"),
                delegation=str(delegation),
                status=_word(current.get_status_display()),
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
        raise NotAllowed(_("only the secretariat issues lists of participants"))
    if lang not in UN_LANGUAGES:
        raise DomainError(
            _("unknown language %(lang)s: use one of %(choices)s"),
            lang=repr(lang),
            choices=", ".join(UN_LANGUAGES),
        )
    if kind not in LIST_KINDS:
        raise DomainError(
            _("a list of participants is MISC (provisional) or INF (final), not %(kind)s"), kind=repr(kind)
        )
    if not Delegation.objects.filter(
        meeting=meeting, status=Delegation.Status.REGISTERED, review=Delegation.Review.APPROVED
    ).exists():
        raise DomainError(
            _(
                "%(series)s has no registered delegation whose registration is approved: "
                "there is no one to list yet"
            ),
            series=meeting.series,
        )
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
