"""States, treaty status on a date, and the intersessional programme's rotation table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from plenary.api.common import (
    MAX_YEAR,
    MIN_YEAR,
    NameBook,
    Text,
    answers,
    api_url,
    lang_param,
    limit_param,
    offset_param,
    page,
    paged,
    text,
    want_date,
    want_lang,
)
from plenary.core import clock
from plenary.core.errors import NotFound
from plenary.core.ordering import un_language_order
from plenary.core.pagecache import cached
from plenary.core.versions import RECORDS, REFERENCE
from plenary.meetings.programme import ProgrammeRules
from plenary.meetings.rotation import RuleError
from plenary.treaties.models import EARLIEST_FIRST, GroupMembership, State, StateName, TreatyEvent
from plenary.treaties.queries import get_treaty, treaty_status
from plenary.treaties.status import status_on

router = Router(tags=["states"])
STATUSES = ("state_party", "signatory", "neither")
MAX_PROGRAMME_YEARS = 100


class StateOut(Schema):
    code: str
    url: str
    alpha2: str
    m49: str
    un_status: str
    name: Text | None
    treaty_status: str


class StatePage(Schema):
    count: int
    limit: int
    offset: int
    treaty: str
    on: dt.date
    items: list[StateOut]


class NameOut(Schema):
    lang: str
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class MembershipOut(Schema):
    scheme: str
    code: str
    name: Text | None
    valid_from: dt.date | None
    valid_to: dt.date | None


class EventOut(Schema):
    treaty: str
    kind: str
    date: dt.date
    depositary: str
    note: str


class StatusChange(Schema):
    treaty: str
    status: str
    since: dt.date | None


class StateDetail(Schema):
    code: str
    alpha2: str
    m49: str
    un_status: str
    un_member_since: dt.date | None
    name: Text | None
    names: list[NameOut]
    groups: list[MembershipOut]
    events: list[EventOut]
    status_history: list[StatusChange]


class StatusCounts(Schema):
    states_parties: int
    signatories: int
    neither: int
    states: int


class StatusOut(Schema):
    treaty: str
    date: dt.date
    states_parties: list[str]
    signatories: list[str]
    neither: list[str]
    counts: StatusCounts


class YearOut(Schema):
    year: int
    chairs: dict[str, str]


class ProgrammeOut(Schema):
    treaty: str
    first: int
    last: int
    meetings: list[str]
    years: list[YearOut]


@router.get("/states", response=answers(StatePage, 400, 404), summary="States")
@decorate_view(cached([REFERENCE]))
def states(
    request: HttpRequest,
    lang: str = lang_param(),
    treaty: str = "BWC",
    on: str | None = None,
    status: str | None = None,
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Every State that can join a UN treaty, with its name in force on `on` (default today) and
    its status under `treaty` on that date; `status` (state_party, signatory, neither) filters."""
    lang = want_lang(lang)
    day = want_date(on)
    the_treaty = get_treaty(treaty)
    current = treaty_status(the_treaty, day)
    qs = State.objects.order_by("code")
    if status:
        if status not in STATUSES:
            raise HttpError(400, f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
        codes = {
            "state_party": current.states_parties,
            "signatory": current.signatories,
            "neither": current.neither,
        }
        qs = qs.filter(code__in=codes[status])
    total, rows = page(qs, limit, offset)
    names = NameBook(day)
    items = [
        {
            "code": s.code,
            "url": api_url("states", s.code),
            "alpha2": s.alpha2,
            "m49": s.m49,
            "un_status": s.un_status,
            "name": names.text(s.code, lang),
            "treaty_status": current.status_of(s.code),
        }
        for s in rows
    ]
    return paged(total, limit, offset, items, treaty=the_treaty.code, on=day)


def status_history(events: list[TreatyEvent], code: str) -> list[dict[str, Any]]:
    """The State's status under each treaty from its first event on: a change at each event
    and, for an instrument deposited before entry into force, on that day."""
    out: list[dict[str, Any]] = []
    by_treaty: dict[Any, list[TreatyEvent]] = {}
    for e in events:
        by_treaty.setdefault(e.treaty, []).append(e)
    for treaty, its in by_treaty.items():
        facts = [(code, e.kind, e.date) for e in its]
        days = sorted(
            {e.date for e in its} | ({treaty.entry_into_force} if treaty.entry_into_force else set())
        )
        last = "neither"
        for day in days:
            now = status_on([code], facts, day, entry_into_force=treaty.entry_into_force).status_of(code)
            if now != last:
                out.append({"treaty": treaty.code, "status": now, "since": day})
                last = now
    return out


@router.get("/states/{code}", response=answers(StateDetail, 400, 404), summary="One State")
@decorate_view(cached([REFERENCE]))
def state(request: HttpRequest, code: str, lang: str = lang_param(), on: str | None = None):
    """Names over time in the six languages, UN and treaty groups, treaty events, status history."""
    lang = want_lang(lang)
    day = want_date(on)
    found = (
        State.objects.filter(code=code.upper())
        .prefetch_related(
            Prefetch("names", queryset=StateName.objects.order_by(un_language_order(), EARLIEST_FIRST)),
            Prefetch(
                "group_memberships",
                queryset=GroupMembership.objects.select_related("group").order_by(
                    "group__scheme", "group__order", EARLIEST_FIRST
                ),
            ),
            Prefetch("treaty_events", queryset=TreatyEvent.objects.select_related("treaty").order_by("date")),
        )
        .first()
    )
    if found is None:
        raise NotFound(f"no State {code.upper()}: use an ISO 3166-1 alpha-3 code")
    names = list(found.names.all())
    in_force = {
        n.lang: n.name
        for n in names
        if (n.valid_from is None or n.valid_from <= day) and (n.valid_to is None or n.valid_to > day)
    }
    events = list(found.treaty_events.all())
    return {
        "code": found.code,
        "alpha2": found.alpha2,
        "m49": found.m49,
        "un_status": found.un_status,
        "un_member_since": found.un_member_since,
        "name": text(in_force, lang),
        "names": [
            {"lang": n.lang, "name": n.name, "valid_from": n.valid_from, "valid_to": n.valid_to}
            for n in names
        ],
        "groups": [
            {
                "scheme": m.group.scheme,
                "code": m.group.code,
                "name": text(m.group.names, lang),
                "valid_from": m.valid_from,
                "valid_to": m.valid_to,
            }
            for m in found.group_memberships.all()
        ],
        "events": [
            {
                "treaty": e.treaty.code,
                "kind": e.kind,
                "date": e.date,
                "depositary": e.depositary,
                "note": e.note,
            }
            for e in events
        ],
        "status_history": status_history(events, found.code),
    }


@router.get(
    "/treaties/{code}/status",
    response=answers(StatusOut, 400, 404),
    summary="Treaty status on a date",
    tags=["treaties"],
)
@decorate_view(cached([REFERENCE]))
def status(request: HttpRequest, code: str, on: str | None = None):
    """States Parties, signatories and States that are neither on `on` (YYYY-MM-DD, default
    today), as sorted alpha-3 codes, with their counts."""
    day = want_date(on)
    current = treaty_status(get_treaty(code), day)
    return {
        "treaty": code.upper(),
        **current.to_dict(),
        "counts": {
            "states_parties": len(current.states_parties),
            "signatories": len(current.signatories),
            "neither": len(current.neither),
            "states": len(current.states_parties) + len(current.signatories) + len(current.neither),
        },
    }


@router.get(
    "/programme",
    response=answers(ProgrammeOut, 400, 404),
    summary="The chair-rotation table",
    tags=["treaties"],
)
@decorate_view(cached([RECORDS]))
def programme(
    request: HttpRequest,
    treaty: str = "BWC",
    first: int | None = Query(None, alias="from", ge=MIN_YEAR, le=MAX_YEAR),
    last: int | None = Query(None, alias="to", ge=MIN_YEAR, le=MAX_YEAR),
):
    """Which group chairs each meeting of the intersessional programme, year by year
    (`from` and `to` are years; default this year)."""
    the_treaty = get_treaty(treaty)
    first = first if first is not None else clock.today().year
    last = last if last is not None else first
    if last - first >= MAX_PROGRAMME_YEARS:
        raise HttpError(400, f"a span of at most {MAX_PROGRAMME_YEARS} years, please")
    try:
        rules = ProgrammeRules.from_profile(the_treaty.profile)
        plan = rules.rotation.plan(first, last)
    except RuleError as exc:
        raise HttpError(400, str(exc)) from None
    return {
        "treaty": the_treaty.code,
        "first": first,
        "last": last,
        "meetings": [m.code for m in rules.meetings],
        "years": [y.to_dict() for y in plan],
    }
