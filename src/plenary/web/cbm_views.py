"""The Confidence-Building Measures on the public site: the reports a reader may read (public ones
for everyone; restricted ones only for the secretariat and the people of States Parties, who are
signed in), one report with Form 0 and its forms, its original document when the secretariat put
one on record, a CSV of the list, and the figures: reports per year, on time or late, public or
restricted, first-time submitters, completeness per report (of the reports the reader may read)
and participation since 1987 as a chart. Participation, never "compliance".

Who reads what is `accounts.permissions.can_read_cbm_report` (as one query:
`cbm.queries.readable_reports`): a report the reader may not read is not found (404), so that a
page never says that a restricted report exists. No page here is kept in the page cache."""

from __future__ import annotations

import csv
import io

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plenary.accounts.permissions import can_draft_for_state, reads_restricted
from plenary.cbm import forms, queries
from plenary.cbm.models import CbmReport
from plenary.core import clock
from plenary.treaties.queries import names_on
from plenary.web.charts import participation_svg
from plenary.web.views import ui_lang


class BadYear(ValueError):
    pass


def year_of(raw: str | None, *, default: int | None = None) -> int | None:
    """A year from the query string: none (the default), or a year the CBMs cover (1987 to last
    year); anything else is BadYear."""
    if raw is None or raw == "":
        return default
    last = clock.today().year - 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > 4 or not forms.FIRST_YEAR <= int(raw) <= last:
        raise BadYear(raw)
    return int(raw)


def year_message() -> str:
    last = clock.today().year - 1
    return _("A CBM report covers a calendar year from %(first)s to %(last)s.") % {
        "first": forms.FIRST_YEAR,
        "last": last,
    }


def bad_year(request: HttpRequest, message: str | None = None) -> HttpResponse:
    return render(request, "web/cbm/bad_year.html", {"message": message or year_message()}, status=400)


def state_names(request: HttpRequest) -> dict[str, str]:
    return names_on(clock.today(), ui_lang(request))


def report_context(report: CbmReport, request: HttpRequest, *, editable: bool = False) -> dict:
    """What the report's body (web/cbm/_report.html) shows: the header, Form 0 with every row (an
    unanswered one said so), and each form's entries with their fields' labels, in the forms'
    order (E as its grid)."""
    rows = {d.measure: d for d in report.declarations.all()}
    entries: dict[str, list] = {}
    for entry in report.entries.all():
        entries.setdefault(entry.form, []).append(entry)
    form0 = [{"code": code, "label": label, "row": rows.get(code)} for code, label in forms.MEASURES.items()]
    shown = []
    for code, spec in forms.FORMS.items():
        listed = []
        for entry in entries.get(code, []):
            if code == "E":
                listed.append(
                    {"entry": entry, "grid": e_grid(entry.data), "laws": entry.data.get("laws", "")}
                )
            else:
                listed.append(
                    {
                        "entry": entry,
                        "fields": [
                            {"label": f.label, "value": entry.data[f.name], "long": f.kind == forms.LONG_TEXT}
                            for f in spec.fields
                            if f.name in entry.data
                        ],
                    }
                )
        shown.append({"code": code, "spec": spec, "entries": listed, "more": spec.repeats or not listed})
    return {
        "report": report,
        "state_name": state_names(request).get(report.state.code, report.state.code),
        "form0": form0,
        "forms": shown,
        "completeness": queries.completeness_of(report),
        "editable": editable,
        "topics": forms.E_TOPICS,
        "columns": forms.E_COLUMNS,
    }


def e_grid(data: dict) -> list[dict]:
    """Form E's 4 x 4 grid: one row per topic, one answer per column ("" when not answered)."""
    return [
        {
            "topic": topic,
            "label": label,
            "cells": [data.get(f"{topic}_{column}", "") for column in forms.E_COLUMNS],
        }
        for topic, label in forms.E_TOPICS.items()
    ]


def _readable(request: HttpRequest, pk: int) -> CbmReport:
    report = (
        queries.readable_reports(request.user)
        .filter(pk=pk, status=CbmReport.Status.SUBMITTED)
        .prefetch_related("declarations", "entries")
        .first()
    )
    if report is None:
        raise Http404
    return report


@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    """The reports the reader may read, by year and State (the latest readable version of each)."""
    try:
        year = year_of(request.GET.get("year"))
    except BadYear:
        return bad_year(request)
    rows = queries.listed_reports(request.user, year=year)
    names = state_names(request)
    return render(
        request,
        "web/cbm/reports.html",
        {
            "rows": [
                {
                    "r": r,
                    "name": names.get(r.state.code, r.state.code),
                    "score": queries.completeness_of(r).score,
                }
                for r in rows
            ],
            "year": year,
            "years": list(range(clock.today().year - 1, forms.FIRST_YEAR - 1, -1)),
            "reads_restricted": reads_restricted(request.user),
        },
    )


@require_GET
def reports_csv(request: HttpRequest) -> HttpResponse:
    """The same list as a CSV file (what the reader may read, nothing more)."""
    try:
        year = year_of(request.GET.get("year"))
    except BadYear:
        return HttpResponse(year_message(), status=400, content_type="text/plain; charset=utf-8")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "state",
            "year",
            "version",
            "visibility",
            "channel",
            "languages",
            "submitted_at",
            "received_on",
            "on_time",
            "completeness",
        ]
    )
    for r in queries.listed_reports(request.user, year=year):
        writer.writerow(
            [
                r.state.code,
                r.year,
                r.version,
                r.visibility,
                r.channel,
                " ".join(r.languages),
                r.submitted_at.isoformat() if r.submitted_at else "",
                r.received_on.isoformat() if r.received_on else "",
                "yes" if r.on_time else "no",
                queries.completeness_of(r).score,
            ]
        )
    answer = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    answer["Content-Disposition"] = 'attachment; filename="cbm-reports.csv"'
    answer["Cache-Control"] = "private, no-store"
    return answer


@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """One submitted report version, read-only, with the versions of its year the reader may read."""
    found = _readable(request, pk)
    context = report_context(found, request)
    context["versions"] = [
        v for v in queries.versions_of(found, request.user) if v.status == CbmReport.Status.SUBMITTED
    ]
    context["may_correct"] = can_draft_for_state(request.user, found.state)
    return render(request, "web/cbm/report.html", context)


@require_GET
def original(request: HttpRequest, pk: int) -> FileResponse:
    """The original document of a report the secretariat put on record, as stored."""
    found = _readable(request, pk)
    if not found.original:
        raise Http404
    answer = FileResponse(
        found.original.open("rb"), as_attachment=True, filename=found.original.name.rsplit("/", 1)[-1]
    )
    answer["Cache-Control"] = "private, no-store"
    return answer


def figures_context(request: HttpRequest, year: int) -> dict:
    """The figures of a year and participation over the years (shared with the back office)."""
    names = state_names(request)
    participation = queries.participation()
    shares = [
        (row["year"], row["reports"], f"{row['percent']}%" if row["percent"] is not None else "")
        for row in participation
    ]
    return {
        "year": year,
        "figures": queries.yearly_figures(year),
        "completeness": [
            {
                "r": row["report"],
                "name": names.get(row["report"].state.code, row["report"].state.code),
                "c": row["completeness"],
            }
            for row in queries.completeness_table(request.user, year)
        ],
        "measures": forms.MEASURES,
        "participation": participation,
        "chart": participation_svg(shares, label=_("CBM reports per year")),
        "years": list(range(clock.today().year - 1, forms.FIRST_YEAR - 1, -1)),
    }


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    try:
        year = year_of(request.GET.get("year"), default=clock.today().year - 1)
    except BadYear:
        return bad_year(request)
    return render(request, "web/cbm/figures.html", figures_context(request, year))
