"""The CBM reports in the API: the same visibility as everywhere (accounts.permissions.
can_read_cbm_report, cbm.queries.readable_reports). A report the caller may not read is not
found (404): the API does not say that a restricted report exists. Counts are for everyone."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError

from plenary.api.auth import reader
from plenary.api.common import MAX_ID, answers
from plenary.cbm.queries import completeness_of, readable_reports, yearly_figures

router = Router(tags=["CBMs"])


class CbmReportOut(Schema):
    id: int
    state: str
    year: int
    version: int
    status: str
    visibility: str
    channel: str
    languages: list[str]
    submitted_at: dt.datetime | None
    # The day the secretariat received what the State sent, for a report it entered on the
    # State's behalf (else null); on_time counts from it.
    received_on: dt.date | None
    on_time: bool | None
    completeness: int


class DeclarationOut(Schema):
    measure: str
    answer: str
    last_year: int | None


class CbmEntryOut(Schema):
    form: str
    data: dict[str, str]


class ReportDetail(CbmReportOut):
    declarations: list[DeclarationOut]
    entries: list[CbmEntryOut]


class HistoryOut(Schema):
    reports: int
    source: str


class CbmFiguresOut(Schema):
    year: int
    reports: int
    on_time: int
    late: int
    public: int
    restricted: int
    first_time: int
    history: HistoryOut | None


def _row(report) -> dict:
    return {
        "id": report.pk,
        "state": report.state.code,
        "year": report.year,
        "version": report.version,
        "status": report.status,
        "visibility": report.visibility,
        "channel": report.channel,
        "languages": report.languages,
        "submitted_at": report.submitted_at,
        "received_on": report.received_on,
        "on_time": report.on_time,
        "completeness": completeness_of(report).score,
    }


@router.get(
    "/cbm/reports",
    response=answers(list[CbmReportOut], 400, 401),
    summary="The CBM reports the caller may read (public ones for everyone)",
)
def reports(
    request: HttpRequest,
    year: int | None = Query(None, ge=1987, le=9999),
    state: str | None = Query(None, min_length=3, max_length=3, pattern="^[A-Za-z]{3}$"),
):
    found = readable_reports(reader(request)).prefetch_related("declarations", "entries")
    if year is not None:
        found = found.filter(year=year)
    if state is not None:
        found = found.filter(state__code=state.upper())
    return [_row(r) for r in found.order_by("-year", "state__code", "version")[:1000]]


@router.get(
    "/cbm/reports/{report_id}",
    response=answers(ReportDetail, 400, 401, 404),
    summary="One CBM report version with Form 0 and its entries, if the caller may read it",
)
def report(request: HttpRequest, report_id: int = Path(..., ge=1, le=MAX_ID)):
    found = readable_reports(reader(request)).filter(pk=report_id).first()
    if found is None:
        raise HttpError(404, "no CBM report you may read has this number")
    return {
        **_row(found),
        "declarations": [
            {"measure": d.measure, "answer": d.answer, "last_year": d.last_year}
            for d in found.declarations.all()
        ],
        "entries": [{"form": e.form, "data": e.data} for e in found.entries.all()],
    }


@router.get(
    "/cbm/figures/{year}",
    response=answers(CbmFiguresOut, 400),
    summary="A year's CBM figures: how many reports, on time or late, public or restricted (counts only)",
)
def figures(request: HttpRequest, year: int = Path(..., ge=1987, le=9998)):
    # 9998 at most: a year's reports are due on 15 April of the year after it.
    return yearly_figures(year)
