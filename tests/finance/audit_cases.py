"""The audit walk's cases for `plenary.finance` (tests/core/test_audit_complete.py imports this
module): one `@case("finance.<function>")` per public function of its domain module (or any module of
the app that writes the trail), building its world and returning the act; pure readers go into
READERS with what they do. See the cases in tests/core/test_audit_complete.py for the shape."""

from __future__ import annotations

import datetime as dt

from tests.core.test_audit_complete import READERS, case

READERS.update(
    {
        "finance.rates_on": "the scale of assessments in force on a day",
        "finance.participants": "the States Parties on a day",
        "finance.contact_points": "who hears of a State's invoices and payments",
        "finance.outstanding_of": "what is still owed on an invoice",
        "finance.credit_left": "what is left of a credit",
    }
)


def _world(t, **kwargs):
    from tests.finance.world import make_world

    return make_world(t.people, **kwargs)


@case("finance.load_scale")
def _(t):
    from plenary.finance import domain
    from plenary.finance.models import ScaleRate

    ScaleRate.objects.filter(state__code="FRA", valid_from=dt.date(2019, 1, 1)).delete()
    return lambda: domain.load_scale(by=t.by())


@case("finance.set_meeting_cost")
def _(t):
    from plenary.finance import domain
    from plenary.meetings.models import Meeting

    meeting = Meeting.objects.get(series="BWC/MSP/2019")
    return lambda: domain.set_meeting_cost(meeting, amount="1000.00", by=t.by())


@case("finance.apportion_year")
def _(t):
    from plenary.finance import domain

    _world(t)
    return lambda: domain.apportion_year(2019, by=t.by())


@case("finance.issue_invoices")
def _(t):
    from plenary.finance import domain

    world = _world(t)
    a = domain.apportion_year(2019, by=world["setup"])
    return lambda: domain.issue_invoices(a, issued_on="2019-02-13", due_on="2019-03-15", by=t.by())


@case("finance.record_payment")
def _(t):
    from plenary.finance import domain

    world = _world(t)
    return lambda: domain.record_payment(world["fra"], amount="12.34", received_on="2019-03-01", by=t.by())


@case("finance.record_credit_note")
def _(t):
    from plenary.finance import domain

    world = _world(t)
    return lambda: domain.record_credit_note(world["fra"], amount="5.00", reason="correction", by=t.by())


@case("finance.record_fund_contribution")
def _(t):
    from plenary.finance import domain

    world = _world(t)
    return lambda: domain.record_fund_contribution(
        world["fra"], amount="100.00", received_on="2019-06-01", by=t.by()
    )


@case("finance.draft_statement")
def _(t):
    from plenary.finance import domain

    return lambda: domain.draft_statement(2018, as_of="2018-12-31", by=t.by())
