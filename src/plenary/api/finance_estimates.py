"""Cost estimates in the API (read only): the issued estimates (a draft is the secretariat's
alone, in the back office), each with its lines (quantity x rate = amount, and the rate's source or
example mark), the options of a year side by side, and the cost rates on record. Amounts are
strings of decimals with two places (never floats), in US dollars."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field as F
from ninja import Query, Router, Schema

from plenary.api.common import MAX_ID, MAX_YEAR, MIN_YEAR, answers
from plenary.core.errors import NotFound
from plenary.finance import estimate_queries
from plenary.finance.models import CostEstimate

router = Router(tags=["Cost estimates"])


class RateOut(Schema):
    code: str
    label: str
    unit: str
    amount: str
    valid_from: dt.date
    valid_to: dt.date | None
    source: str
    example: bool


class LineOut(Schema):
    meeting: str
    code: str
    item: str
    quantity: str
    unit: str
    rate: str
    amount: str
    rate_example: bool
    rate_source: str


class EstimateOut(Schema):
    id: int
    year: int
    option: str
    title: dict[str, str]
    status: str
    rates_on: dt.date
    subtotal: str
    programme_support: str
    total: str
    document: str | None


class EstimateDetailOut(EstimateOut):
    basis: str
    meetings: list[str]
    lines: list[LineOut]


class ComparedRowOut(Schema):
    meeting: str
    code: str
    amounts: list[str]


class ComparisonOut(Schema):
    year: int
    options: list[str]
    rows: list[ComparedRowOut]
    subtotals: list[str]
    programme_support: list[str]
    totals: list[str]
    differences: list[str]


class YearFilter(Schema):
    year: int | None = F(None, ge=MIN_YEAR, le=MAX_YEAR, description="the programme year costed")


def _estimate_out(e: CostEstimate) -> dict:
    return {
        "id": e.pk,
        "year": e.year,
        "option": e.option,
        "title": dict(e.title),
        "status": e.status,
        "rates_on": e.rates_on,
        "subtotal": str(e.subtotal),
        "programme_support": str(e.support),
        "total": str(e.total),
        "document": e.document.symbol if e.document_id else None,
    }


def _issued():
    return estimate_queries.estimates_for(None).filter(status=CostEstimate.Status.ISSUED)


@router.get(
    "/finance/estimates",
    response=answers(list[EstimateOut], 400),
    summary="The issued cost estimates (of a year, if given)",
)
def list_estimates(request: HttpRequest, filters: Query[YearFilter]):
    rows = _issued()
    if filters.year is not None:
        rows = rows.filter(year=filters.year)
    return [_estimate_out(e) for e in rows]


@router.get(
    "/finance/estimates/{estimate_id}",
    response=answers(EstimateDetailOut, 400, 404),
    summary="An issued cost estimate with its lines",
)
def get_estimate(request: HttpRequest, estimate_id: int):
    row = None
    if 1 <= estimate_id <= MAX_ID:
        row = estimate_queries.with_lines(_issued()).filter(pk=estimate_id).first()
    if row is None:
        raise NotFound(f"no issued cost estimate {estimate_id}")
    out = _estimate_out(row)
    out["basis"] = row.basis
    out["meetings"] = [i.label for i in row.items.all()]
    out["lines"] = [
        {
            "meeting": line.label,
            "code": line.code,
            "item": line.item,
            "quantity": str(line.quantity),
            "unit": line.unit,
            "rate": str(line.rate),
            "amount": str(line.amount),
            "rate_example": line.example,
            "rate_source": line.source,
        }
        for line in estimate_queries.shown_lines(row)
    ]
    return out


@router.get(
    "/finance/estimates/years/{year}",
    response=answers(ComparisonOut, 400, 404),
    summary="The issued options of a year's cost estimate side by side",
)
def compare_year(request: HttpRequest, year: int):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise NotFound(f"no issued cost estimate of {year}")
    rows = list(estimate_queries.with_lines(_issued().filter(year=year)).order_by("pk"))
    if not rows:
        raise NotFound(f"no issued cost estimate of {year}")
    compared = estimate_queries.comparison(rows)
    return {
        "year": year,
        "options": list(compared.options),
        "rows": [
            {"meeting": r.label, "code": r.code, "amounts": [str(a) for a in r.amounts]}
            for r in compared.rows
        ],
        "subtotals": [str(a) for a in compared.subtotals],
        "programme_support": [str(a) for a in compared.supports],
        "totals": [str(a) for a in compared.totals],
        "differences": [str(a) for a in compared.differences],
    }


@router.get("/finance/cost-rates", response=answers(list[RateOut]), summary="The cost rates on record")
def list_rates(request: HttpRequest):
    return [
        {
            "code": r.code,
            "label": estimate_queries.rate_label(r.code),
            "unit": r.unit,
            "amount": str(r.amount),
            "valid_from": r.valid_from,
            "valid_to": r.valid_to,
            "source": r.source,
            "example": r.example,
        }
        for r in estimate_queries.rates()
    ]
