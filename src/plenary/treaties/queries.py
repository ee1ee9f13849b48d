"""Read helpers shared by the CLI, pages and API. Each costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from plenary.core.errors import NotFound
from plenary.treaties.models import GroupMembership, State, StateName, Treaty, TreatyEvent
from plenary.treaties.status import TreatyStatus, status_on


def get_treaty(code: str) -> Treaty:
    treaty = Treaty.objects.filter(code=code.upper()).first()
    if treaty is None:
        known = ", ".join(Treaty.objects.values_list("code", flat=True)) or "none loaded"
        raise NotFound(f"unknown treaty {code!r} (known: {known})")
    return treaty


def treaty_status(treaty: Treaty, on: dt.date) -> TreatyStatus:
    """States Parties, signatories and States that are neither, on the date (two queries)."""
    states = State.objects.values_list("code", flat=True)
    events = TreatyEvent.objects.filter(treaty=treaty).values_list("state__code", "kind", "date")
    return status_on(states, events, on, entry_into_force=treaty.entry_into_force)


def names_on(on: dt.date, lang: str) -> dict[str, str]:
    """Every State's UN short name in `lang` in force on the date, by alpha-3 code (one query)."""
    return dict(StateName.objects.on(on).filter(lang=lang).values_list("state__code", "name"))


def groups_on(scheme: str, on: dt.date) -> dict[str, str]:
    """Every State's group in `scheme` ("UN" or a treaty code) on the date, by alpha-3 code."""
    return dict(
        GroupMembership.objects.on(on).filter(group__scheme=scheme).values_list("state__code", "group__code")
    )


def events_of(treaty: Treaty, code: str) -> list[TreatyEvent]:
    return list(TreatyEvent.objects.filter(treaty=treaty, state__code=code).order_by("date"))
