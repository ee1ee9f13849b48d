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

from plenary.accounts import permissions
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError
from plenary.core.languages import UN_LANGUAGES
from plenary.treaties.models import Group, GroupMembership, State, Treaty, TreatyEvent
from plenary.treaties.profile import ProfileError, meeting_kinds
from plenary.treaties.status import PARTY_EVENTS, SIGNATURE

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
    permissions.require_staff(by, "records treaties")
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
    permissions.require_staff(by, "records group memberships")
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
    permissions.require_staff(by, "records treaty events")
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
