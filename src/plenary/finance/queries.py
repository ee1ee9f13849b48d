"""Read helpers of assessed contributions, shared by the portal, the back office, the API, the
exports and the statement of the financial situation: a State's account, arrears by State and age,
a year's figures and its cash position against its meetings. Each costs a fixed number of queries
whatever the number of States, invoices or payments (everything is summed in Python from a few
prefetched rows, in Decimal)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from plenary.core import clock
from plenary.finance import apportion as rules
from plenary.finance.models import (
    Application,
    Apportionment,
    Assessment,
    Credit,
    FundContribution,
    Invoice,
    MeetingCost,
    Payment,
)
from plenary.finance.money import total
from plenary.treaties.models import State

ZERO = Decimal("0.00")


@dataclass
class InvoiceLine:
    invoice: Invoice
    paid: Decimal
    outstanding: Decimal
    age: str | None  # None, "0-1", "1-2", "2+"
    applications: list[Application]


@dataclass
class Account:
    """A State's account on a day: its assessments, invoices (what is paid, what is owed, how old),
    payments, credits (what is left of each), and the totals."""

    state: State
    as_of: dt.date
    assessments: list[Assessment]
    invoices: list[InvoiceLine]
    payments: list[Payment]
    credits: list[tuple[Credit, Decimal]]
    invoiced: Decimal = ZERO
    paid: Decimal = ZERO
    outstanding: Decimal = ZERO
    credit: Decimal = ZERO
    arrears: dict[str, Decimal] = field(default_factory=dict)

    @property
    def arrears_total(self) -> Decimal:
        return total(self.arrears.values())


def _invoices(as_of: dt.date, **where) -> list[Invoice]:
    applied = Application.objects.filter(applied_on__lte=as_of).select_related("payment", "credit")
    return list(
        Invoice.objects.filter(issued_on__lte=as_of, **where)
        .select_related("state")
        .prefetch_related(Prefetch("applications", queryset=applied, to_attr="applied"))
        .order_by("year", "number")
    )


def _line(invoice: Invoice, as_of: dt.date) -> InvoiceLine:
    paid = total(a.amount for a in invoice.applied)  # type: ignore[attr-defined]
    owed = invoice.amount - paid
    age = rules.age_bucket(invoice.due_on, as_of) if owed > 0 else None
    return InvoiceLine(invoice, paid, owed, age, list(invoice.applied))  # type: ignore[attr-defined]


def account(state: State, as_of: dt.date | None = None) -> Account:
    """The account of `state` on `as_of` (today by default)."""
    as_of = as_of or clock.today()
    lines = [_line(i, as_of) for i in _invoices(as_of, state=state)]
    assessments = list(
        Assessment.objects.filter(state=state)
        .select_related("apportionment")
        .order_by("-apportionment__year")
    )
    payments = list(
        Payment.objects.filter(state=state, received_on__lte=as_of)
        .prefetch_related(Prefetch("applications", queryset=Application.objects.select_related("invoice")))
        .order_by("-received_on", "-pk")
    )
    credits = []
    for credit in (
        Credit.objects.filter(state=state, made_on__lte=as_of)
        .prefetch_related(
            Prefetch("applications", queryset=Application.objects.filter(applied_on__lte=as_of))
        )
        .order_by("made_on", "pk")
    ):
        used = total(a.amount for a in credit.applications.all())
        credits.append((credit, credit.amount - used))
    acc = Account(state, as_of, assessments, lines, payments, credits)
    acc.invoiced = total(x.invoice.amount for x in lines)
    acc.paid = total(x.paid for x in lines)
    acc.outstanding = total(x.outstanding for x in lines)
    acc.credit = total(left for _, left in credits)
    acc.arrears = rules.ageing(((x.invoice.due_on, x.outstanding) for x in lines), as_of)
    return acc


@dataclass
class StateArrears:
    state: State
    invoiced: Decimal
    paid: Decimal
    outstanding: Decimal
    buckets: dict[str, Decimal]
    numbers: list[str]  # the invoices still owed: the records the figures come from

    @property
    def arrears(self) -> Decimal:
        return total(self.buckets.values())


def arrears(as_of: dt.date, *, treaty: str = "BWC") -> list[StateArrears]:
    """Every State with an invoice, its totals and arrears by age on `as_of`, by code."""
    by_state: dict[str, list[InvoiceLine]] = {}
    for invoice in _invoices(as_of, number__startswith=f"{treaty}/"):
        by_state.setdefault(invoice.state.code, []).append(_line(invoice, as_of))
    out = []
    for code in sorted(by_state):
        lines = by_state[code]
        out.append(
            StateArrears(
                lines[0].invoice.state,
                total(x.invoice.amount for x in lines),
                total(x.paid for x in lines),
                total(x.outstanding for x in lines),
                rules.ageing(((x.invoice.due_on, x.outstanding) for x in lines), as_of),
                [x.invoice.number for x in lines if x.outstanding > 0],
            )
        )
    return out


def wcf_balance(as_of: dt.date) -> Decimal:
    """The Working Capital Fund on `as_of`: its voluntary contributions received by then."""
    return total(FundContribution.objects.filter(received_on__lte=as_of).values_list("amount", flat=True))


@dataclass
class CashPosition:
    year: int
    as_of: dt.date
    apportionment: Apportionment | None
    assessed: Decimal
    invoiced: Decimal
    received: Decimal  # applied to the year's invoices by as_of
    wcf: Decimal
    available: Decimal
    meetings: list[tuple[MeetingCost, rules.Assured]]

    @property
    def flagged(self) -> list[MeetingCost]:
        return [cost for cost, status in self.meetings if status.flagged]


def cash_position(year: int, as_of: dt.date, *, treaty: str = "BWC") -> CashPosition:
    """A year's cash against its meetings on `as_of`: what was received for the year's invoices,
    the Working Capital Fund, and each meeting's funds assured or not (flagged before its decision
    date when not)."""
    apportionment = Apportionment.objects.filter(treaty=treaty, year=year).first()
    assessed = ZERO
    if apportionment is not None:
        assessed = total(apportionment.assessments.values_list("amount", flat=True))
    lines = [_line(i, as_of) for i in _invoices(as_of, year=year, number__startswith=f"{treaty}/")]
    invoiced = total(x.invoice.amount for x in lines)
    received = total(x.paid for x in lines)
    wcf = wcf_balance(as_of)
    available = received + wcf
    costs = list(
        MeetingCost.objects.filter(meeting__treaty__code=treaty, meeting__year=year)
        .select_related("meeting")
        .order_by("meeting__start", "meeting__series")
    )
    needs = [rules.MeetingNeed(str(c.pk), c.meeting.start, c.decision_on, c.amount) for c in costs]
    status = {s.key: s for s in rules.funds_assured(needs, available, as_of)}
    return CashPosition(
        year,
        as_of,
        apportionment,
        assessed,
        invoiced,
        received,
        wcf,
        available,
        [(c, status[str(c.pk)]) for c in costs],
    )


def years() -> list[int]:
    """The years with an apportionment or a meeting cost, newest first."""
    found = set(Apportionment.objects.values_list("year", flat=True))
    found |= set(MeetingCost.objects.values_list("meeting__year", flat=True))
    return sorted(found, reverse=True)


def states_with_accounts(codes: set[str] | None = None) -> list[State]:
    """The States that have an assessment (restricted to `codes` when given), by code."""
    rows = State.objects.filter(assessments__isnull=False).distinct().order_by("code")
    if codes is not None:
        rows = rows.filter(code__in=codes)
    return list(rows)


def yearly_figures(year: int) -> dict:
    """The figures of the ISU's annual report of `year`, as the records stand on 31 December of
    that year. Keys: assessed (Decimal, USD), states_assessed (count), invoiced, received (for the
    year's invoices), outstanding (of the year), arrears (all years, Decimal), wcf (the Working
    Capital Fund), meetings_not_assured (count of the year's meetings whose funds were not
    assured), example (True when the year's apportionment or a payment counted is an example)."""
    end = dt.date(year, 12, 31)
    cash = cash_position(year, end)
    owed = arrears(end)
    a = cash.apportionment
    example = bool(a and a.example) or Payment.objects.filter(example=True, received_on__year=year).exists()
    return {
        "assessed": cash.assessed,
        "states_assessed": a.assessments.count() if a else 0,
        "invoiced": cash.invoiced,
        "received": cash.received,
        "outstanding": cash.invoiced - cash.received,
        "arrears": total(r.arrears for r in owed),
        "wcf": cash.wcf,
        "meetings_not_assured": sum(1 for _, s in cash.meetings if not s.assured),
        "example": example,
    }
