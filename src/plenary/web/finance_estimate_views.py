"""Issued cost estimates, public: the estimates of each year as issued (a draft is the
secretariat's alone), the options side by side with every line, its quantity and its rate, and
the document they were issued as."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from plenary.finance import estimate_queries
from plenary.finance.models import CostEstimate


@require_GET
def estimates(request: HttpRequest) -> HttpResponse:
    rows = list(estimate_queries.estimates_for(None).filter(status=CostEstimate.Status.ISSUED))
    years = sorted({e.year for e in rows}, reverse=True)
    return render(
        request,
        "web/finance/estimates.html",
        {"years": [(y, [e for e in rows if e.year == y]) for y in years]},
    )


@require_GET
def estimate_year(request: HttpRequest, year: int) -> HttpResponse:
    if not 1 <= year <= 9999:
        raise Http404("no such year")
    rows = [e for e in estimate_queries.year_options(year, None) if e.issued]
    if not rows:
        raise Http404("no estimate of this year has been issued")
    compared = estimate_queries.comparison(rows)
    return render(
        request,
        "web/finance/estimate_year.html",
        {
            "year": year,
            "estimates": [(e, estimate_queries.shown_lines(e)) for e in rows],
            "compared": compared,
            "columns": list(zip(rows, compared.totals, compared.differences, strict=True)),
            "rows": compared.rows,
            "rates": estimate_queries.rates_used(rows),
            "example": estimate_queries.uses_example_rates(rows),
        },
    )
