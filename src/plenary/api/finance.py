"""The Finances in the API.

# --- assessed contributions
A State's account (assessments, invoices with what is paid and owed and how old, payments,
credits) for the secretariat and the State's own people; an invoice; the arrears by State and age
and a year's cash position against its meetings for the secretariat; a payment recorded by the
secretariat. Amounts are strings of decimals with two places ("1234.50"), never floats."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from plenary.accounts import permissions
from plenary.api.auth import token_or_session
from plenary.api.common import MAX_ID, answers, reason
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed
from plenary.finance import domain, queries
from plenary.finance.models import Invoice
from plenary.treaties.models import State

router = Router(tags=["Finances"])


class AppliedOut(Schema):
    on: dt.date
    amount: str
    payment: int | None
    credit: int | None


class InvoiceOut(Schema):
    id: int
    number: str
    state: str
    year: int
    amount: str
    issued_on: dt.date
    due_on: dt.date
    paid: str
    outstanding: str
    age: str | None = Field(description='None when not overdue; "0-1", "1-2" or "2+" years past due')
    applied: list[AppliedOut]


class AssessmentOut(Schema):
    year: int
    scale_rate: str
    adjusted_rate: str
    amount: str
    status: str
    example: bool


class PaymentOut(Schema):
    id: int
    state: str
    amount: str
    received_on: dt.date
    reference: str
    example: bool


class CreditOut(Schema):
    id: int
    kind: str
    amount: str
    left: str
    made_on: dt.date


class AccountOut(Schema):
    state: str
    as_of: dt.date
    invoiced: str
    paid: str
    outstanding: str
    credit: str
    arrears: dict[str, str]
    assessments: list[AssessmentOut]
    invoices: list[InvoiceOut]
    payments: list[PaymentOut]
    credits: list[CreditOut]


class StateArrearsOut(Schema):
    state: str
    invoiced: str
    paid: str
    outstanding: str
    arrears: dict[str, str]
    invoices: list[str]


class MeetingFundsOut(Schema):
    meeting: str
    cost: str
    needed: str
    decision_on: dt.date
    assured: bool
    flagged: bool
    shortfall: str


class CashOut(Schema):
    year: int
    as_of: dt.date
    assessed: str
    invoiced: str
    received: str
    wcf: str
    available: str
    meetings: list[MeetingFundsOut]


class PaymentIn(Schema):
    state: str = Field(max_length=10)
    amount: str = Field(max_length=40, description='a decimal with at most two places, e.g. "1234.50"')
    received_on: dt.date
    reference: str = Field("", max_length=100)


def _day(value: str | None) -> dt.date | Status:
    if not value:
        return clock.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return Status(400, {"detail": f"as_of: {value[:20]!r} is not a date of the form YYYY-MM-DD"})
    return day


def _state(code: str) -> State | None:
    ok = len(code) == 3 and code.isascii() and code.isalpha()
    return State.objects.filter(code=code.upper()).first() if ok else None


def _invoice_out(line: queries.InvoiceLine) -> dict:
    i = line.invoice
    return {
        "id": i.pk,
        "number": i.number,
        "state": i.state.code,
        "year": i.year,
        "amount": str(i.amount),
        "issued_on": i.issued_on,
        "due_on": i.due_on,
        "paid": str(line.paid),
        "outstanding": str(line.outstanding),
        "age": line.age,
        "applied": [
            {"on": a.applied_on, "amount": str(a.amount), "payment": a.payment_id, "credit": a.credit_id}
            for a in line.applications
        ],
    }


def _payment_out(p) -> dict:
    return {
        "id": p.pk,
        "state": p.state.code,
        "amount": str(p.amount),
        "received_on": p.received_on,
        "reference": p.reference,
        "example": p.example,
    }


@router.get(
    "/finance/states/{code}/account",
    auth=token_or_session,
    response=answers(AccountOut, 400, 401, 403, 404),
    summary="A State's assessments, invoices, payments and credits (the secretariat and the State's people)",
)
def account(request: HttpRequest, code: str, as_of: str | None = None):
    state = _state(code)
    if state is None:
        return Status(404, {"detail": f"no State {code[:10]!r}"})
    if not permissions.can_see_state_finances(request.auth, state):
        return Status(
            403, {"detail": f"only the secretariat and the people of {state.code} see its finances"}
        )
    day = _day(as_of)
    if isinstance(day, Status):
        return day
    acc = queries.account(state, day)
    return {
        "state": state.code,
        "as_of": day,
        "invoiced": str(acc.invoiced),
        "paid": str(acc.paid),
        "outstanding": str(acc.outstanding),
        "credit": str(acc.credit),
        "arrears": {k: str(v) for k, v in acc.arrears.items()},
        "assessments": [
            {
                "year": a.apportionment.year,
                "scale_rate": str(a.scale_rate),
                "adjusted_rate": str(a.adjusted_rate),
                "amount": str(a.amount),
                "status": a.apportionment.status,
                "example": a.apportionment.example,
            }
            for a in acc.assessments
        ],
        "invoices": [_invoice_out(x) for x in acc.invoices],
        "payments": [_payment_out(p) for p in acc.payments],
        "credits": [
            {"id": c.pk, "kind": c.kind, "amount": str(c.amount), "left": str(left), "made_on": c.made_on}
            for c, left in acc.credits
        ],
    }


@router.get(
    "/finance/invoices/{invoice_id}",
    auth=token_or_session,
    response=answers(InvoiceOut, 400, 401, 404),
    summary="An invoice, with what was applied to it (the secretariat and the State's people)",
)
def invoice(request: HttpRequest, invoice_id: int, as_of: str | None = None):
    row = (
        Invoice.objects.select_related("state").filter(pk=invoice_id).first()
        if 1 <= invoice_id <= MAX_ID
        else None
    )
    # Another State's invoice is answered as one that does not exist: its number says nothing.
    if row is None or not permissions.can_see_state_finances(request.auth, row.state):
        return Status(404, {"detail": f"no invoice {invoice_id} that you may read"})
    day = _day(as_of)
    if isinstance(day, Status):
        return day
    line = next((x for x in queries.account(row.state, day).invoices if x.invoice.pk == row.pk), None)
    if line is None:
        return Status(404, {"detail": f"invoice {invoice_id} was not issued by {day.isoformat()}"})
    return _invoice_out(line)


def _staff(request: HttpRequest) -> Status | None:
    if not permissions.is_staff(request.auth):
        return Status(403, {"detail": "the secretariat's figures: staff only"})
    return None


@router.get(
    "/finance/arrears",
    auth=token_or_session,
    response=answers(list[StateArrearsOut], 400, 401, 403),
    summary="Arrears by State and age (the secretariat)",
)
def arrears(request: HttpRequest, as_of: str | None = None):
    refused = _staff(request)
    if refused:
        return refused
    day = _day(as_of)
    if isinstance(day, Status):
        return day
    return [
        {
            "state": r.state.code,
            "invoiced": str(r.invoiced),
            "paid": str(r.paid),
            "outstanding": str(r.outstanding),
            "arrears": {k: str(v) for k, v in r.buckets.items()},
            "invoices": r.numbers,
        }
        for r in queries.arrears(day)
    ]


@router.get(
    "/finance/years/{year}/cash",
    auth=token_or_session,
    response=answers(CashOut, 400, 401, 403),
    summary="A year's cash against its meetings, each flagged when its funds are not assured before its decision date",
)
def cash(request: HttpRequest, year: int, as_of: str | None = None):
    refused = _staff(request)
    if refused:
        return refused
    if not 1975 <= year <= 2200:
        return Status(400, {"detail": "year: from 1975 to 2200"})
    day = _day(as_of)
    if isinstance(day, Status):
        return day
    c = queries.cash_position(year, day)
    return {
        "year": year,
        "as_of": day,
        "assessed": str(c.assessed),
        "invoiced": str(c.invoiced),
        "received": str(c.received),
        "wcf": str(c.wcf),
        "available": str(c.available),
        "meetings": [
            {
                "meeting": cost.meeting.series,
                "cost": str(cost.amount),
                "needed": str(s.needed),
                "decision_on": cost.decision_on,
                "assured": s.assured,
                "flagged": s.flagged,
                "shortfall": str(s.shortfall),
            }
            for cost, s in c.meetings
        ],
    }


@router.post(
    "/finance/payments",
    auth=token_or_session,
    response=answers(PaymentOut, 400, 401, 403, status=201),
    summary="Record a payment from a State (the secretariat): applied to its oldest invoices, the rest a credit",
)
def record_payment(request: HttpRequest, body: PaymentIn):
    if not permissions.is_staff(request.auth):
        return Status(403, {"detail": "only the secretariat records payments"})
    state = _state(body.state)
    if state is None:
        return Status(400, {"detail": f"no State {body.state!r}"})
    try:
        made = domain.record_payment(
            state,
            amount=body.amount,
            received_on=body.received_on,
            reference=body.reference,
            by=actor_of(request, via="api"),
        )
    except NotAllowed as exc:
        return Status(403, {"detail": reason(request, exc)})
    except DomainError as exc:
        return Status(400, {"detail": reason(request, exc)})
    return Status(201, _payment_out(made))
