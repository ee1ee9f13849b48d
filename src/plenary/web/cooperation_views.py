"""The Article X database's public pages: the offers (public once submitted), filtered by type,
field and region; one offer; and the yearly report of offers made, requests sought and matches
made, as a table and as CSV or XLSX. Requests are restricted to States Parties: no public page
names one, and the report gives their number alone."""

from __future__ import annotations

from babel.numbers import format_decimal
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from plenary.cooperation import queries, report, vocabulary
from plenary.cooperation.models import Offer, Status
from plenary.core import clock
from plenary.exports.tables import MIME, WRITERS, Table
from plenary.web.views import ui_lang

FIRST_YEAR = 2012  # the database was established by the Seventh Review Conference (December 2011)


def _word(request: HttpRequest, name: str, allowed: dict[str, str]) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else ""


@require_GET
def offers(request: HttpRequest) -> HttpResponse:
    chosen = {
        "type": _word(request, "type", vocabulary.TYPES),
        "field": _word(request, "field", vocabulary.FIELDS),
        "region": _word(request, "region", vocabulary.REGIONS),
    }
    rows = queries.public_offers(type_=chosen["type"], field=chosen["field"], region=chosen["region"])
    return render(
        request,
        "web/cooperation/offers.html",
        {
            "rows": queries.described(rows, ui_lang(request)),
            "chosen": chosen,
            "types": vocabulary.TYPES,
            "fields": vocabulary.FIELDS,
            "regions": vocabulary.REGIONS,
            "last_year": clock.today().year - 1,
        },
    )


@require_GET
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    found = Offer.objects.exclude(status=Status.DRAFT).filter(pk=pk).first()
    if found is None:
        raise Http404
    return render(
        request, "web/cooperation/offer.html", {"row": queries.described([found], ui_lang(request))[0]}
    )


def number(n: int, lang: str) -> str:
    """A count as the language writes it (Babel: Arabic digits stay Western, as the UN's Arabic
    documents print them; grouping per language)."""
    return format_decimal(n, locale={"zh": "zh_Hans"}.get(lang, lang))


def _year(value: int) -> int:
    if not FIRST_YEAR <= value <= clock.today().year:
        raise Http404
    return value


@require_GET
def yearly(request: HttpRequest, year: int) -> HttpResponse:
    year = _year(year)
    return render(
        request,
        "web/cooperation/report.html",
        {
            "year": year,
            "rows": [(k, label, number(n, ui_lang(request))) for k, label, n in report.rows(year)],
            "examples": report.has_examples(year),
            "years": list(range(clock.today().year, FIRST_YEAR - 1, -1)),
        },
    )


@require_GET
def yearly_file(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    year = _year(year)
    if fmt not in WRITERS:
        raise Http404
    table = Table(
        "article-x",
        ("figure", _("Figure"), pgettext("count", "Number")),
        [[k, label, str(n)] for k, label, n in report.rows(year)],
    )
    response = HttpResponse(WRITERS[fmt](table), content_type=MIME[fmt])
    lang = ui_lang(request)
    response["Content-Disposition"] = f'attachment; filename="article-x-{year}-{lang}.{fmt}"'
    return response
