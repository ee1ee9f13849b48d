"""Writers of treaties that are not read from the reference data files: a treaty recorded with its
profile, its groups' members and its States' treaty events, in bulk.

The reference data (`treaties.reference`) syncs the treaties Plenary ships; these functions record
another treaty whole (the synthetic treaty of `plenary synth`, a convention set up by hand). Each
checks the permission, validates every row before writing any, writes inside one transaction with
bulk inserts, and records one audit entry naming what it wrote.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from plenary.accounts import permissions
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen, fill, plain_text, term
from plenary.core.languages import UN_LANGUAGES
from plenary.treaties.models import (
    Group,
    GroupMembership,
    State,
    Treaty,
    TreatyEvent,
    UniversalizationContact,
)
from plenary.treaties.profile import ProfileError, meeting_kinds
from plenary.treaties.status import PARTY_EVENTS, SIGNATURE, status_on

EVENT_KINDS = tuple(TreatyEvent.Kind.values)


def _texts(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise DomainError(f"{where} is given per UN language")
    out = {}
    for lang, text in value.items():
        if lang not in UN_LANGUAGES:
            raise DomainError(f"{where}: {lang!r} is not one of {', '.join(UN_LANGUAGES)}")
        if not isinstance(text, str) or not text.strip():
            raise DomainError(f"{where} in {lang} is empty")
        out[lang] = text.strip()
    return out


def record_treaty(
    code: str,
    *,
    names: Mapping[str, str],
    short_names: Mapping[str, str],
    opened_for_signature: dt.date,
    entry_into_force: dt.date | None,
    profile: Mapping[str, Any],
    by: Actor,
) -> Treaty:
    """Record a new treaty and the groups its profile names (scheme = the treaty's code).

    Guarantees: staff or the system only; the code is new, upper-case letters and digits (it
    starts every symbol of the treaty's meetings), and is the profile's code and symbol prefix;
    titles per UN language; the profile's meeting kinds read (their series patterns start with
    the code); entry into force, if known, not before the opening for signature."""
    permissions.require_staff(by, _("records treaties"))
    if not isinstance(code, str) or not code.isalnum() or not code.isupper() or len(code) > 20:
        raise DomainError(f"{code!r}: a treaty code is upper-case letters and digits, at most 20")
    if profile.get("code") != code or profile.get("symbol_prefix", code) != code:
        raise DomainError(f"{code}: the profile is of {profile.get('code')!r}")
    titles = _texts(names, f"{code}: the title")
    shorts = _texts(short_names, f"{code}: the short title")
    if entry_into_force is not None and entry_into_force < opened_for_signature:
        raise DomainError(f"{code}: in force on {entry_into_force}, before it opened for signature")
    try:
        kinds = meeting_kinds(dict(profile))
    except ProfileError as exc:
        raise DomainError(f"{code}: {exc}") from None
    for kind in kinds.values():
        if any(not pattern.startswith(f"{code}/") and pattern != code for pattern in kind.series):
            raise DomainError(f"{code}: the series of a {kind.code} must start with {code}/")
    groups = list(profile.get("groups") or [])
    for i, group in enumerate(groups):
        if not isinstance(group, Mapping) or not group.get("code"):
            raise DomainError(f"{code}: group {i + 1} has no code")
        _texts(group.get("names"), f"{code}: the name of group {group['code']}")
    with transaction.atomic():
        if Treaty.objects.filter(code=code).exists():
            raise DomainError(f"{code} is already recorded")
        treaty = Treaty.objects.create(
            code=code,
            names=titles,
            short_names=shorts,
            opened_for_signature=opened_for_signature,
            entry_into_force=entry_into_force,
            profile=dict(profile),
        )
        Group.objects.bulk_create(
            [
                Group(scheme=code, code=g["code"], names=dict(g["names"]), order=i)
                for i, g in enumerate(groups)
            ]
        )
        log_action(
            by,
            "treaty.record",
            treaty,
            after={
                "code": code,
                "names": titles,
                "opened_for_signature": opened_for_signature.isoformat(),
                "entry_into_force": entry_into_force.isoformat() if entry_into_force else None,
                "groups": [g["code"] for g in groups],
            },
        )
    return treaty


def _states(codes: set[str], where: str) -> dict[str, int]:
    ids = dict(State.objects.filter(code__in=codes).values_list("code", "id"))
    unknown = sorted(codes - set(ids))
    if unknown:
        raise DomainError(f"{where}: unknown State(s) {', '.join(unknown[:10])}")
    return ids


def record_group_members(
    treaty: Treaty, members: Sequence[tuple[str, str, dt.date | None, dt.date | None]], *, by: Actor
) -> int:
    """Add (state, group, valid_from, valid_to) memberships of the treaty's groups, in bulk.

    Guarantees: staff or the system only; the States are known and the groups are the treaty's;
    each period ends after it starts; a State is in one group of the treaty at a time (counting
    the memberships on record). All rows or none. Returns how many were written."""
    permissions.require_staff(by, _("records group memberships"))
    where = f"{treaty.code}: group memberships"
    groups = dict(Group.objects.filter(scheme=treaty.code).values_list("code", "id"))
    states = _states({m[0] for m in members}, where)
    periods: dict[str, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    for code, start, end in GroupMembership.objects.filter(group__scheme=treaty.code).values_list(
        "state__code", "valid_from", "valid_to"
    ):
        periods[code].append((start or dt.date.min, end or dt.date.max))
    rows = []
    for i, (code, group, start, end) in enumerate(members):
        if group not in groups:
            raise DomainError(f"{where}[{i}]: {group!r} is not a group of the {treaty.code}")
        if start and end and end <= start:
            raise DomainError(f"{where}[{i}]: {code} leaves {group} ({end}) before it joins ({start})")
        span = (start or dt.date.min, end or dt.date.max)
        if any(a < span[1] and span[0] < b for a, b in periods[code]):
            raise DomainError(f"{where}[{i}]: {code} would be in two {treaty.code} groups at once")
        periods[code].append(span)
        rows.append(
            GroupMembership(group_id=groups[group], state_id=states[code], valid_from=start, valid_to=end)
        )
    with transaction.atomic():
        GroupMembership.objects.bulk_create(rows, batch_size=500)
        log_action(
            by,
            "treaty.group_members",
            treaty,
            after={"count": len(rows), "members": sorted({m[0] for m in members})},
        )
    return len(rows)


def record_treaty_events(
    treaty: Treaty, events: Sequence[tuple[str, str, dt.date, str]], *, by: Actor
) -> int:
    """Add (state, kind, date, note) treaty events of the treaty, in bulk.

    Guarantees: staff or the system only; the States are known; the kind is one of
    TreatyEvent.Kind; no event before the treaty opened for signature; one event of a kind per
    State (counting those on record); at most one of ratification, accession and succession per
    State, and a ratification on or after that State's signature. All rows or none. Returns how
    many were written."""
    permissions.require_staff(by, _("records treaty events"))
    where = f"{treaty.code}: treaty events"
    states = _states({e[0] for e in events}, where)
    held: dict[str, dict[str, dt.date]] = defaultdict(dict)
    for code, kind, date in TreatyEvent.objects.filter(treaty=treaty).values_list(
        "state__code", "kind", "date"
    ):
        held[code][kind] = date
    rows = []
    for i, (code, kind, date, note) in enumerate(events):
        at = f"{where}[{i}] ({code} {kind})"
        if kind not in EVENT_KINDS:
            raise DomainError(f"{at}: the kind is one of {', '.join(EVENT_KINDS)}")
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise DomainError(f"{at}: the date is a date, not {date!r}")
        if treaty.opened_for_signature and date < treaty.opened_for_signature:
            raise DomainError(f"{at}: {date} is before the treaty opened for signature")
        mine = held[code]
        if kind in mine:
            raise DomainError(f"{at}: {code} already has a {kind}")
        if kind in PARTY_EVENTS and PARTY_EVENTS & set(mine):
            raise DomainError(
                f"{at}: {code} is already a party ({', '.join(sorted(PARTY_EVENTS & set(mine)))})"
            )
        signed = mine.get(SIGNATURE)
        if kind == "ratification" and (signed is None or date < signed):
            raise DomainError(f"{at}: a ratification follows the State's signature")
        if kind == SIGNATURE and PARTY_EVENTS & set(mine):
            raise DomainError(f"{at}: {code} signs after it became a party")
        mine[kind] = date
        rows.append(
            TreatyEvent(treaty=treaty, state_id=states[code], kind=kind, date=date, note=str(note or ""))
        )
    with transaction.atomic():
        TreatyEvent.objects.bulk_create(rows, batch_size=500)
        log_action(
            by,
            "treaty.events",
            treaty,
            after={"count": len(rows), "kinds": {k: sum(e[1] == k for e in events) for k in EVENT_KINDS}},
        )
    return len(rows)


# --- deposits and universalization ----------------------------------------------------------------

# The depositaries of a treaty whose profile names none: the BWC's three Governments, by the code
# the treaty events use (bwc_events.csv: L London, M Moscow, W Washington; BWC Art. XIV(2)), with
# the State each is.
DEPOSITARIES: dict[str, str] = {"L": "GBR", "M": "RUS", "W": "USA"}
MAX_SOURCE = 500
MAX_TEXT = 5000


def depositaries_of(treaty: Treaty) -> dict[str, str]:
    """The treaty's depositaries: code -> alpha-3 code of the depositary State."""
    given = (treaty.profile or {}).get("depositaries")
    if isinstance(given, Mapping) and given:
        return {str(k): str(v) for k, v in given.items()}
    return dict(DEPOSITARIES)


class _Within(DomainError):
    """A refusal about one deposit: "GBR accession of the BWC: <the refusal>", the refusal (a
    DomainError) read in the language active when the whole is read."""

    def __init__(self, inner: DomainError, *, state: str, kind: str, treaty: str) -> None:
        super().__init__(
            _("%(state)s %(kind)s of the %(treaty)s: %(why)s"),
            state=state,
            kind=term(kind),
            treaty=treaty,
            why=inner.english(),
        )
        self.inner = inner

    def __str__(self) -> str:
        return fill(self.template, {**self.params, "why": str(self.inner)}, translate=True)


def _a_date(value: Any, what: str, treaty: Treaty) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        given = repr(value)
        # the English was cut at 200 characters: cut the value so that it still is
        given = given[: max(0, 200 - len(f"{what} is a date, not "))]
        raise DomainError(_("%(what)s is a date, not %(value)s"), what=term(what), value=given)
    if value > clock.today():
        raise DomainError(_("%(what)s %(date)s is in the future"), what=term(what), date=value)
    if treaty.opened_for_signature and value < treaty.opened_for_signature:
        raise DomainError(
            _("%(what)s %(date)s is before the %(treaty)s opened for signature (%(opened)s)"),
            what=term(what),
            date=value,
            treaty=treaty.code,
            opened=treaty.opened_for_signature,
        )
    return value


def _status_of(treaty: Treaty, code: str, on: dt.date) -> str:
    events = TreatyEvent.objects.filter(treaty=treaty, state__code=code).values_list(
        "state__code", "kind", "date"
    )
    return status_on([code], events, on, entry_into_force=treaty.entry_into_force).status_of(code)


def _depositary(value: Any, treaty: Treaty) -> str:
    known = depositaries_of(treaty)
    if not isinstance(value, str) or not value.strip():
        raise DomainError(_("the depositary is required: one of %(known)s"), known=", ".join(known))
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    unknown = [c for c in codes if c not in known]
    if unknown or not codes:
        raise DomainError(
            _("%(given)s is not a depositary of the %(treaty)s: one of %(known)s"),
            given=repr(value.strip()[:40]),
            treaty=treaty.code,
            known=", ".join(known),
        )
    return ",".join(c for c in known if c in codes)


def record_deposit(
    treaty: Treaty,
    state: State,
    kind: str,
    date: dt.date,
    *,
    depositary: str,
    source: str,
    by: Actor,
) -> TreatyEvent:
    """Record a State's instrument of ratification, accession or succession (or its signature) as
    deposited with the treaty's depositary on `date`. The treaty status moves at once: it is read
    from the events (treaties.queries.treaty_status).

    Guarantees: staff or the system only; the kind is one of TreatyEvent.Kind; the date is a day,
    not in the future, not before the treaty opened for signature; the depositary is one of the
    treaty's (several joined by commas, "L,W"); a source is given (it is kept as the event's note,
    as the reference data keeps its sources); a State already party deposits no second instrument,
    signs no more, and a ratification follows its signature; one event of a kind per State. Written
    under a lock on the treaty, audited with the State's status before and after on the date."""
    permissions.require_staff(by, _("records deposits of treaty instruments"))
    if not isinstance(treaty, Treaty) or not isinstance(state, State):
        raise DomainError(_("a deposit names a recorded treaty and a recorded State"))
    if kind not in EVENT_KINDS:
        raise DomainError(
            _("%(given)s is not one of %(kinds)s"), given=repr(str(kind)[:40]), kinds=", ".join(EVENT_KINDS)
        )
    date = _a_date(date, _("the date of deposit"), treaty)
    where = {"state": state.code, "kind": kind, "treaty": treaty.code}
    deposited_with = _depositary(depositary, treaty)
    try:
        note = plain_text(source, _("the source"), limit=MAX_SOURCE)
    except DomainError as exc:
        raise _Within(exc, **where) from None
    with transaction.atomic():
        treaty = Treaty.objects.select_for_update().get(pk=treaty.pk)
        held = dict(TreatyEvent.objects.filter(treaty=treaty, state=state).values_list("kind", "date"))
        party = sorted(PARTY_EVENTS & set(held))
        if party and (kind in PARTY_EVENTS or kind == SIGNATURE):
            raise _Within(
                DomainError(
                    _("%(state)s is already a party (%(event)s of %(date)s)"),
                    state=state.code,
                    event=term(party[0]),
                    date=held[party[0]].isoformat(),
                ),
                **where,
            )
        if kind in held:
            raise _Within(
                DomainError(
                    _("%(state)s already has a %(kind)s (%(date)s)"),
                    state=state.code,
                    kind=term(kind),
                    date=held[kind].isoformat(),
                ),
                **where,
            )
        signed = held.get(SIGNATURE)
        if kind == "ratification" and signed is None:
            raise _Within(
                DomainError(
                    _("%(state)s has not signed; a State that has not signed accedes"), state=state.code
                ),
                **where,
            )
        if kind == "ratification" and signed is not None and date < signed:
            raise _Within(
                DomainError(
                    _("a ratification follows the signature (%(signed)s), not %(date)s"),
                    signed=signed,
                    date=date,
                ),
                **where,
            )
        before = _status_of(treaty, state.code, date)
        before_today = _status_of(treaty, state.code, clock.today())
        event = TreatyEvent.objects.create(
            treaty=treaty,
            state=state,
            kind=kind,
            date=date,
            depositary=deposited_with,
            note=note,
            origin=TreatyEvent.Origin.DEPOSIT,
        )
        log_action(
            by,
            "treaty.deposit",
            event,
            before={"state": state.code, "status": before, "status today": before_today},
            after={
                "state": state.code,
                "kind": kind,
                "date": date.isoformat(),
                "depositary": deposited_with,
                "source": note,
                "status": _status_of(treaty, state.code, date),
                "status today": _status_of(treaty, state.code, clock.today()),
            },
        )
    return event


CONTACT_KINDS = tuple(UniversalizationContact.Kind.values)
CONTACT_MAKERS = tuple(UniversalizationContact.MadeBy.values)
# The makers of a contact that name no State, as a message names them (their codes, translated).
MAKER_WORDS = (_("chair"), _("isu"))
CONTACT_FIELDS = ("date", "kind", "made_by", "made_by_state", "summary", "outcome", "source")


def _contact_values(treaty: Treaty, state: State, values: Mapping[str, Any]) -> dict[str, Any]:
    """The checked fields of a contact with `state` (record_contact's and correct_contact's)."""
    date = _a_date(values.get("date"), _("the date of the contact"), treaty)
    kind = values.get("kind")
    if kind not in CONTACT_KINDS:
        raise DomainError(
            _("the kind of contact is one of %(kinds)s, not %(given)s"),
            kinds=", ".join(CONTACT_KINDS),
            given=repr(str(kind)[:40]),
        )
    made_by = values.get("made_by")
    if made_by not in CONTACT_MAKERS:
        raise DomainError(
            _("a contact is made by one of %(makers)s, not %(given)s"),
            makers=", ".join(CONTACT_MAKERS),
            given=repr(str(made_by)[:40]),
        )
    maker = values.get("made_by_state")
    if maker is not None and not isinstance(maker, State):
        raise DomainError(_("the State that made the contact is a recorded State"))
    depositary_states = set(depositaries_of(treaty).values())
    if made_by == UniversalizationContact.MadeBy.DEPOSITARY:
        if maker is None or maker.code not in depositary_states:
            raise DomainError(
                _("a contact made by a depositary names which: %(states)s"),
                states=", ".join(sorted(depositary_states)),
            )
    elif made_by == UniversalizationContact.MadeBy.STATE:
        if maker is None:
            raise DomainError(_("a contact made by another State names that State"))
        if maker.pk == state.pk:
            raise DomainError(
                _("%(state)s cannot make a universalization contact with itself"), state=state.code
            )
        if _status_of(treaty, maker.code, date) != "state_party":
            raise DomainError(_("%(state)s was not a State Party on %(date)s"), state=maker.code, date=date)
    elif maker is not None:
        raise DomainError(_("a contact made by %(maker)s names no State"), maker=term(made_by))
    if _status_of(treaty, state.code, date) == "state_party":
        raise DomainError(
            _("%(state)s was a State Party on %(date)s: universalization contacts are with States not party"),
            state=state.code,
            date=date,
        )
    return {
        "date": date,
        "kind": kind,
        "made_by": made_by,
        "made_by_state": maker,
        "summary": plain_text(values.get("summary"), _("the summary"), limit=MAX_TEXT),
        "outcome": plain_text(values.get("outcome"), _("the outcome"), limit=MAX_TEXT, required=False),
        "source": plain_text(values.get("source"), _("the source"), limit=MAX_SOURCE),
    }


def contact_snapshot(contact: UniversalizationContact) -> dict[str, Any]:
    """What the audit trail keeps of a contact."""
    return {
        "state": contact.state.code,
        "date": contact.date.isoformat(),
        "kind": contact.kind,
        "made_by": contact.made_by,
        "made_by_state": contact.made_by_state.code if contact.made_by_state else None,
        "summary": contact.summary,
        "outcome": contact.outcome,
        "source": contact.source,
    }


def record_contact(
    treaty: Treaty,
    state: State,
    *,
    date: dt.date,
    kind: str,
    made_by: str,
    summary: str,
    source: str,
    outcome: str = "",
    made_by_state: State | None = None,
    by: Actor,
) -> UniversalizationContact:
    """Record a universalization contact with a State not party.

    Guarantees: staff or the system only; the State is not a State Party on the contact's date;
    the date is not in the future nor before the treaty opened for signature; the kind and who
    made it are of the lists; a depositary or another State that made it is named (a depositary
    State of the treaty; another State a State Party then, not the State contacted); a summary and
    a source are given; texts trimmed and bounded. Audited."""
    permissions.require_staff(by, _("records universalization contacts"))
    if not isinstance(treaty, Treaty) or not isinstance(state, State):
        raise DomainError(_("a contact names a recorded treaty and a recorded State"))
    values = _contact_values(
        treaty,
        state,
        {
            "date": date,
            "kind": kind,
            "made_by": made_by,
            "made_by_state": made_by_state,
            "summary": summary,
            "outcome": outcome,
            "source": source,
        },
    )
    with transaction.atomic():
        contact = UniversalizationContact.objects.create(
            treaty=treaty, state=state, recorded_by=by.name, recorded_at=timezone.now(), **values
        )
        log_action(by, "treaty.contact", contact, after=contact_snapshot(contact))
    return contact


def correct_contact(
    contact: UniversalizationContact, *, reason: str, by: Actor, **changes: Any
) -> UniversalizationContact:
    """Correct a contact: a new row with the changed fields that replaces it; the first stays on
    record unchanged. Guarantees: staff or the system only; the contact is the current account
    (a replaced one is corrected through its correction: Frozen); a reason is given; the fields
    known and checked as record_contact checks them; something changes. Audited with both."""
    permissions.require_staff(by, _("corrects universalization contacts"))
    unknown = sorted(set(changes) - set(CONTACT_FIELDS))
    if unknown:
        raise DomainError(_("a contact has no field %(fields)s"), fields=", ".join(unknown))
    why = plain_text(reason, _("the reason for the correction"), limit=MAX_SOURCE)
    with transaction.atomic():
        old = (
            # of=("self",): lock the contact's row only (PostgreSQL locks no nullable outer join).
            UniversalizationContact.objects.select_for_update(of=("self",))
            .select_related("treaty", "state", "made_by_state")
            .filter(pk=contact.pk)
            .first()
        )
        if old is None:
            raise DomainError(_("no such contact"))
        if UniversalizationContact.objects.filter(replaces=old).exists():
            raise Frozen(_("contact %(id)s is already corrected; correct its latest account"), id=old.pk)
        current = {f: getattr(old, f) for f in CONTACT_FIELDS}
        values = _contact_values(old.treaty, old.state, current | changes)
        if values == current:
            raise DomainError(_("the correction changes nothing"))
        new = UniversalizationContact.objects.create(
            treaty=old.treaty,
            state=old.state,
            replaces=old,
            correction_reason=why,
            recorded_by=by.name,
            recorded_at=timezone.now(),
            **values,
        )
        log_action(
            by,
            "treaty.contact_correct",
            new,
            before=contact_snapshot(old) | {"id": old.pk},
            after=contact_snapshot(new) | {"replaces": old.pk, "reason": why},
        )
    return new
