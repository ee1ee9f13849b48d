"""Read helpers shared by the CLI, pages and API. Each costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext_noop as _

from plenary.core.errors import NotFound, term
from plenary.treaties.models import (
    GroupMembership,
    State,
    StateName,
    Treaty,
    TreatyEvent,
    UniversalizationContact,
)
from plenary.treaties.status import PARTY_EVENTS, TreatyStatus, status_on


def get_treaty(code: str) -> Treaty:
    treaty = Treaty.objects.filter(code=code.upper()).first()
    if treaty is None:
        known = ", ".join(Treaty.objects.values_list("code", flat=True)) or term(_("none loaded"))
        raise NotFound(_("unknown treaty %(code)s (known: %(known)s)"), code=repr(code), known=known)
    return treaty


def treaty_status(treaty: Treaty, on: dt.date) -> TreatyStatus:
    """States Parties, signatories and States that are neither, on the date (two queries)."""
    states = State.objects.values_list("code", flat=True)
    events = TreatyEvent.objects.filter(treaty=treaty).values_list("state__code", "kind", "date")
    return status_on(states, events, on, entry_into_force=treaty.entry_into_force)


def names_on(on: dt.date, lang: str) -> dict[str, str]:
    """Every State's UN short name in `lang` in force on the date, by alpha-3 code (one query)."""
    return dict(StateName.objects.on(on).filter(lang=lang).values_list("state__code", "name"))


def names_at(pairs: Iterable[tuple[str, dt.date]], lang: str) -> dict[tuple[str, dt.date], str]:
    """The UN short name in `lang` of each (State code, date), as in force on that date (one query):
    a list of meetings names each chair's State as the meeting's own documents did. A period runs
    from valid_from to the day before valid_to, as ValidityQuerySet.on reads it."""
    days: dict[str, set[dt.date]] = {}
    for code, day in pairs:
        days.setdefault(code, set()).add(day)
    periods = StateName.objects.filter(lang=lang, state__code__in=days).values_list(
        "state__code", "name", "valid_from", "valid_to"
    )
    return {
        (code, day): name
        for code, name, start, end in periods
        for day in days[code]
        if (start is None or start <= day) and (end is None or day < end)
    }


def groups_on(scheme: str, on: dt.date) -> dict[str, str]:
    """Every State's group in `scheme` ("UN" or a treaty code) on the date, by alpha-3 code."""
    return dict(
        GroupMembership.objects.on(on).filter(group__scheme=scheme).values_list("state__code", "group__code")
    )


def events_of(treaty: Treaty, code: str) -> list[TreatyEvent]:
    return list(TreatyEvent.objects.filter(treaty=treaty, state__code=code).order_by("date"))


def parties_by_year(treaty: Treaty, until: int) -> list[tuple[int, int]]:
    """The number of States Parties at the end of each year from the entry into force to `until`
    (two queries: one read of the events, not a status query per year)."""
    codes = list(State.objects.values_list("code", flat=True))
    events = list(TreatyEvent.objects.filter(treaty=treaty).values_list("state__code", "kind", "date"))
    first = (treaty.entry_into_force or treaty.opened_for_signature or dt.date(until, 1, 1)).year
    return [
        (
            year,
            len(
                status_on(
                    codes, events, dt.date(year, 12, 31), entry_into_force=treaty.entry_into_force
                ).states_parties
            ),
        )
        for year in range(first, until + 1)
    ]


def current_contacts(treaty: Treaty):
    """The universalization contacts as last corrected (the rows no correction replaces)."""
    return (
        UniversalizationContact.objects.filter(treaty=treaty, replaced_by__isnull=True)
        .select_related("state", "made_by_state", "replaces")
        .order_by("date", "state__code", "pk")
    )


def contacts_in_year(treaty: Treaty, year: int) -> dict[str, list[UniversalizationContact]]:
    """The current contacts made in `year`, by the alpha-3 code of the State contacted (one query)."""
    out: dict[str, list[UniversalizationContact]] = {}
    for contact in current_contacts(treaty).filter(date__year=year):
        out.setdefault(contact.state.code, []).append(contact)
    return out


def new_parties_in_year(treaty: Treaty, year: int) -> list[TreatyEvent]:
    """The ratifications, accessions and successions deposited in `year` (one query)."""
    return list(
        TreatyEvent.objects.filter(treaty=treaty, date__year=year, kind__in=sorted(PARTY_EVENTS))
        .select_related("state")
        .order_by("date", "state__code")
    )
