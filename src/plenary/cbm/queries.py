"""Reading CBM reports: what a reader may see, and the figures the meetings ask for."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from plenary.accounts.permissions import Who, drafting_states, is_staff, reads_restricted, state_people_of
from plenary.cbm import forms
from plenary.cbm.models import CbmHistory, CbmReport


def readable_reports(who: Who) -> QuerySet[CbmReport]:
    """The report versions whose content `who` may read (accounts.permissions.can_read_cbm_report
    as one query): submitted public ones for everyone; submitted restricted ones for the
    secretariat, the people of States Parties and the State's own people; drafts for the
    secretariat and the State's drafters."""
    reports = CbmReport.objects.select_related("state")
    if is_staff(who):
        return reports
    mine = state_people_of(who)
    submitted = Q(status=CbmReport.Status.SUBMITTED)
    visible = submitted & Q(visibility=CbmReport.Visibility.PUBLIC)
    if reads_restricted(who):
        visible |= submitted
    elif mine:
        visible |= submitted & Q(state__code__in=mine)
    drafting = drafting_states(who)
    if drafting:
        visible |= Q(status=CbmReport.Status.DRAFT, state__code__in=drafting)
    return reports.filter(visible)


def current_reports(year: int) -> list[CbmReport]:
    """Each State's current report for the year: its latest submitted version (one query)."""
    latest: dict[str, CbmReport] = {}
    for report in CbmReport.objects.filter(year=year, status=CbmReport.Status.SUBMITTED).select_related(
        "state"
    ):
        if report.state.code not in latest or report.version > latest[report.state.code].version:
            latest[report.state.code] = report
    return [latest[code] for code in sorted(latest)]


def completeness_of(report: CbmReport) -> forms.Completeness:
    """How complete a report is (two queries, none when its declarations and entries are
    prefetched)."""
    rows = [forms.Declaration(d.measure, d.answer, d.last_year) for d in report.declarations.all()]
    counts: dict[str, int] = {}
    for entry in report.entries.all():
        counts[entry.form] = counts.get(entry.form, 0) + 1
    return forms.completeness(rows, counts)


def yearly_figures(year: int) -> dict:
    """The figures of a year's CBMs, for the ISU's report and the public: counts only, nothing
    of any report's content.
    Keys: year, reports (States that submitted), on_time, late (after 15 April of the next year),
    public, restricted, first_time (States whose first report in Plenary this is), history (a
    past year's count from a public source, or None)."""
    current = current_reports(year)
    first = {}
    for code, first_year in (
        CbmReport.objects.filter(status=CbmReport.Status.SUBMITTED)
        .values_list("state__code", "year")
        .order_by("state__code", "year")
    ):
        first.setdefault(code, first_year)
    history = CbmHistory.objects.filter(year=year).first()
    due = dt.date(year + 1, 4, 15)
    return {
        "year": year,
        "reports": len(current),
        "on_time": sum(1 for r in current if r.submitted_at and r.submitted_at.date() <= due),
        "late": sum(1 for r in current if r.submitted_at and r.submitted_at.date() > due),
        "public": sum(1 for r in current if r.visibility == CbmReport.Visibility.PUBLIC),
        "restricted": sum(1 for r in current if r.visibility == CbmReport.Visibility.RESTRICTED),
        "first_time": sum(1 for r in current if first.get(r.state.code) == year),
        "history": None if history is None else {"reports": history.reports, "source": history.source},
    }
