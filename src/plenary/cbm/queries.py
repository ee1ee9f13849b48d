"""Reading CBM reports: what a reader may see, and the figures the meetings ask for."""

from __future__ import annotations

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
    Keys: year, reports (States that submitted), on_time, late (after 15 April of the next year,
    counted from the day the secretariat received a report it entered on the State's behalf),
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
    return {
        "year": year,
        "reports": len(current),
        "on_time": sum(1 for r in current if r.on_time),
        "late": sum(1 for r in current if r.on_time is False),
        "public": sum(1 for r in current if r.visibility == CbmReport.Visibility.PUBLIC),
        "restricted": sum(1 for r in current if r.visibility == CbmReport.Visibility.RESTRICTED),
        "first_time": sum(1 for r in current if first.get(r.state.code) == year),
        "history": None if history is None else {"reports": history.reports, "source": history.source},
    }


def listed_reports(who: Who, *, year: int | None = None, state: str | None = None) -> list[CbmReport]:
    """The submitted reports `who` may read, the latest readable version of each State's year
    (so a reader who may not read a later restricted version sees neither it nor that it
    exists), newest year first, then by State; with their Form 0 rows and entries prefetched."""
    found = readable_reports(who).filter(status=CbmReport.Status.SUBMITTED)
    if year is not None:
        found = found.filter(year=year)
    if state is not None:
        found = found.filter(state__code=state)
    latest: dict[tuple[int, str], CbmReport] = {}
    for report in found.prefetch_related("declarations", "entries"):
        key = (report.year, report.state.code)
        if key not in latest or report.version > latest[key].version:
            latest[key] = report
    return [latest[key] for key in sorted(latest, key=lambda k: (-k[0], k[1]))]


def versions_of(report: CbmReport, who: Who) -> list[CbmReport]:
    """The versions of the report's State and year that `who` may read, oldest first."""
    return list(readable_reports(who).filter(state=report.state, year=report.year).order_by("version"))


def participation(treaty_code: str = "BWC", *, until: int | None = None) -> list[dict]:
    """CBM participation over the years since 1987: for each year with a count, the number of
    reports, the number of States Parties (at the end of the year the reports cover) and the
    percentage of them that took part (a Decimal to one place, None without a number of States
    Parties), and where the count comes from: the reports on record in Plenary, or a past year's
    public source (CbmHistory) when Plenary holds none for the year. Participation, not compliance:
    the exchange is politically binding and says nothing of a State's compliance. Fixed queries."""
    from decimal import ROUND_HALF_UP, Decimal

    from django.db.models import Count

    from plenary.core.clock import today
    from plenary.treaties.models import Treaty
    from plenary.treaties.queries import parties_by_year

    until = until or today().year - 1
    on_record = dict(
        CbmReport.objects.filter(status=CbmReport.Status.SUBMITTED, year__lte=until)
        .values("year")
        .annotate(n=Count("state", distinct=True))
        .values_list("year", "n")
    )
    history = {h.year: h for h in CbmHistory.objects.filter(year__lte=until)}
    treaty = Treaty.objects.filter(code=treaty_code).first()
    parties = dict(parties_by_year(treaty, until)) if treaty is not None else {}
    rows = []
    for year in sorted(set(on_record) | set(history)):
        if year < forms.FIRST_YEAR:
            continue
        past = history.get(year)
        if year in on_record:
            reports, source = on_record[year], "plenary"
        else:
            reports, source = past.reports, past.source
        count = (past.states_parties if past is not None and past.states_parties else None) or parties.get(
            year
        )
        percent = (
            (Decimal(100 * reports) / Decimal(count)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if count
            else None
        )
        rows.append(
            {
                "year": year,
                "reports": reports,
                "states_parties": count,
                "percent": percent,
                "source": source,
                "note": past.note if past is not None and source != "plenary" else "",
            }
        )
    return rows


def completeness_table(who: Who, year: int) -> list[dict]:
    """Completeness per report of the year, for the reports `who` may read (the answers of a
    restricted report are its content): State, version, visibility, score and the answer to each
    of the nine measures."""
    return [{"report": r, "completeness": completeness_of(r)} for r in listed_reports(who, year=year)]
