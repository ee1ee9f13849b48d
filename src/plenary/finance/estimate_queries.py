"""Read helpers of cost estimates, shared by the back office, the public pages, the API and the
cost-estimates document: each list costs a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from plenary.accounts import permissions
from plenary.core.errors import DomainError, passed_on
from plenary.finance import costing, money
from plenary.finance.models import RATE_LABELS, UNIT_LABELS, CostEstimate, CostItem, CostLine, CostRate


def estimates_for(who) -> QuerySet[CostEstimate]:
    """The estimates `who` may read: all for the secretariat, the issued ones for anyone else."""
    rows = CostEstimate.objects.select_related("document", "document__meeting").order_by("-year", "pk")
    if permissions.is_staff(who):
        return rows
    return rows.filter(status=CostEstimate.Status.ISSUED)


def with_lines(rows: QuerySet[CostEstimate]) -> QuerySet[CostEstimate]:
    """`rows` with their items and lines (and each line's rate) in three more queries."""
    return rows.prefetch_related(
        Prefetch("items", queryset=CostItem.objects.select_related("meeting").order_by("position", "pk")),
        Prefetch("lines", queryset=CostLine.objects.select_related("rate").order_by("position")),
    )


def rates() -> list[CostRate]:
    return list(CostRate.objects.order_by("code", "valid_from"))


def rate_label(code: str) -> str:
    return str(RATE_LABELS.get(code, code))


def unit_label(code: str) -> str:
    return str(UNIT_LABELS.get(costing.UNITS.get(code, ""), ""))


def stored_costing(estimate: CostEstimate) -> costing.Costing:
    """The estimate's stored lines as a `costing.Costing`: what was computed and, once issued,
    what its document shows (uses prefetched lines when there are)."""
    lines = []
    support = None
    for row in sorted(estimate.lines.all(), key=lambda r: r.position):
        line = costing.Line(
            row.section,
            row.label,
            row.code,
            row.quantity,
            row.rate.as_rate(),
            row.quantity * row.rate_amount,
            row.amount,
        )
        if row.section == "support":
            support = line
        else:
            lines.append(line)
    if support is None:
        raise DomainError("the estimate has no lines yet")
    subtotal = money.total(line.amount for line in lines)
    labels = tuple(dict.fromkeys(line.label for line in lines if line.section == "meeting"))
    return costing.Costing(tuple(lines), subtotal, support, subtotal + support.amount, labels)


def option_name(estimate: CostEstimate) -> str:
    return estimate.option or f"#{estimate.pk}"


def comparison(estimates: Sequence[CostEstimate]) -> costing.Comparison:
    """The estimates side by side, from their stored lines (`costing.compare`)."""
    try:
        return costing.compare({option_name(e): stored_costing(e) for e in estimates})
    except costing.CostingError as exc:
        raise passed_on(DomainError, exc) from None


@dataclass(frozen=True)
class Shown:
    """A line as a page or the document shows it."""

    label: str
    code: str
    item: str
    quantity: object
    unit: str
    rate: object
    amount: object
    example: bool
    source: str


def shown_lines(estimate: CostEstimate) -> list[Shown]:
    """The estimate's lines in reading order (prefetched lines when there are)."""
    return [
        Shown(
            label=row.label,
            code=row.code,
            item=rate_label(row.code),
            quantity=row.quantity,
            unit=unit_label(row.code),
            rate=row.rate_amount,
            amount=row.amount,
            example=row.rate.example,
            source=row.rate.source,
        )
        for row in sorted(estimate.lines.all(), key=lambda r: r.position)
    ]


def uses_example_rates(estimates: Sequence[CostEstimate]) -> bool:
    return any(row.rate.example for e in estimates for row in e.lines.all())


def rates_used(estimates: Sequence[CostEstimate]) -> list[CostRate]:
    """The rates the estimates' lines used, each once, in the order of the codes."""
    found = {row.rate.pk: row.rate for e in estimates for row in e.lines.all()}
    order = {code: n for n, code in enumerate(costing.RATE_CODES)}
    return sorted(found.values(), key=lambda r: (order.get(r.code, 99), r.valid_from))


def year_options(year: int, who) -> list[CostEstimate]:
    """The estimates of a year that `who` may read, with their lines."""
    return list(with_lines(estimates_for(who).filter(year=year)).order_by("pk"))
