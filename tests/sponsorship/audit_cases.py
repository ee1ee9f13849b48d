"""The audit walk's cases for `plenary.sponsorship` (tests/core/test_audit_complete.py imports this
module): one `@case("sponsorship.<function>")` per public function of its domain module (or any module of
the app that writes the trail), building its world and returning the act; pure readers go into
READERS with what they do. See the cases in tests/core/test_audit_complete.py for the shape."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from tests.core.test_audit_complete import READERS, case
from tests.sponsorship.world import answers, make_world

READERS.update(
    {
        "sponsorship.rate_on": "the DSA rate of a day",
        "sponsorship.fund_now": "the fund as the records stand",
    }
)

ON_TIME = dt.date(2018, 9, 1)


def _apply(t, world):
    from plenary.sponsorship import domain
    from plenary.treaties.models import State

    with mock.patch("plenary.core.clock.today", lambda: ON_TIME):
        return domain.apply(
            world["meeting"], state=State.objects.get(code="KEN"), by=t.by("ken_del"), **answers()
        )


@case("sponsorship.record_contribution")
def _(t):
    from plenary.sponsorship import domain
    from plenary.treaties.models import State

    return lambda: domain.record_contribution(
        donor=State.objects.get(code="AUS"),
        amount="100.00",
        received_on="2026-01-05",
        example=True,
        by=t.by(),
    )


@case("sponsorship.record_dsa_rate")
def _(t):
    from plenary.sponsorship import domain

    return lambda: domain.record_dsa_rate(amount="450.00", valid_from="2031-01-01", example=True, by=t.by())


@case("sponsorship.open_call")
def _(t):
    from plenary.meetings.models import Meeting
    from plenary.sponsorship import domain

    meeting = Meeting.objects.get(series="BWC/WG/10")
    return lambda: domain.open_call(meeting, deadline="2026-10-15", by=t.by())


@case("sponsorship.apply")
def _(t):
    world = make_world(t.people)
    return lambda: _apply(t, world)


@case("sponsorship.withdraw")
def _(t):
    from plenary.sponsorship import domain

    world = make_world(t.people)
    app = _apply(t, world)
    return lambda: domain.withdraw(app, by=t.by("ken_del"))


@case("sponsorship.decide")
def _(t):
    from plenary.sponsorship import domain

    world = make_world(t.people)
    app = _apply(t, world)
    return lambda: domain.decide(
        app,
        outcome="approved",
        officers=[world["chair"], world["vice"]],
        airfare="900.00",
        terminal="80.00",
        dsa_days=4,
        by=t.by(),
    )
