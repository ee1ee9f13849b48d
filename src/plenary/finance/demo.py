"""The demo's year of assessed contributions, 2018, all amounts EXAMPLES (the real costs,
assessments and payments of 2018 are not in Plenary's sources): the UN scale loaded from its data
file, example costs of the six meetings of 2018 (MX.1-MX.5 and the MSP), the costs shared among the
States Parties on 1 January 2018, invoices issued on an example day in February (UNOG issued the
2017 invoices on 13 February, per the reference), example payments (most in full, some in part,
some not at all, one over-payment that becomes a credit) and example voluntary contributions to the
Working Capital Fund established in 2018.

Idempotent: once the 2018 apportionment is there, a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from plenary.core.actor import Actor
from plenary.finance import domain
from plenary.finance.models import Apportionment
from plenary.meetings.models import Meeting
from plenary.treaties.models import State

YEAR = 2018
EXAMPLE = "example cost (not the published estimate)"
# (series, example cost in USD)
COSTS = [
    ("BWC/MSP/2018/MX.1", "190000.00"),
    ("BWC/MSP/2018/MX.2", "190000.00"),
    ("BWC/MSP/2018/MX.3", "95000.00"),
    ("BWC/MSP/2018/MX.4", "190000.00"),
    ("BWC/MSP/2018/MX.5", "95000.00"),
    ("BWC/MSP/2018", "285000.00"),
]
ISSUED, DUE = dt.date(2018, 2, 13), dt.date(2018, 3, 15)
OVERPAYER, OVERPAID = "NOR", Decimal("500.00")
WCF = [("DEU", "50000.00", dt.date(2018, 12, 7)), ("NLD", "25000.00", dt.date(2018, 12, 14))]


def load_demo(*, by: Actor, say: Callable[[str], None] = lambda _: None) -> dict[str, int]:
    if Apportionment.objects.filter(treaty="BWC", year=YEAR).exists():
        return {"payments": 0}
    say("loading the UN scale of assessments and the finances of 2018 (example amounts)")
    domain.load_scale(by=by)
    for series, cost in COSTS:
        meeting = Meeting.objects.filter(series=series).first()
        if meeting is not None and meeting.start is not None:
            domain.set_meeting_cost(meeting, amount=cost, source=EXAMPLE, example=True, by=by)
    apportionment = domain.apportion_year(
        YEAR, basis="example costs of the six meetings of 2018", example=True, by=by
    )
    invoices = domain.issue_invoices(apportionment, issued_on=ISSUED, due_on=DUE, by=by)
    payments = 0
    for i, invoice in enumerate(invoices):
        if i % 9 == 4:
            continue  # not paid: in arrears
        share = invoice.amount if i % 6 != 1 else (invoice.amount / 2).quantize(Decimal("0.01"))
        if invoice.state.code == OVERPAYER:
            share += OVERPAID
        day = dt.date(2018, 2, 20) + dt.timedelta(days=(i * 7) % 280)
        domain.record_payment(
            invoice.state, amount=share, received_on=day, reference=f"example {i + 1}", example=True, by=by
        )
        payments += 1
    for code, money, day in WCF:
        state = State.objects.filter(code=code).first()
        if state is not None:
            domain.record_fund_contribution(
                state, amount=money, received_on=day, source="example contribution", example=True, by=by
            )
    return {"invoices": len(invoices), "payments": payments}
