"""The back office's pages for meetings of any kind: create and edit one meeting, and plan a year
of a programme in a chosen shape. Thin: the forms check the input's shape, one domain function
(save_meeting, update_meeting, plan_year) checks the rules and writes; its DomainError comes back
to the page as the form's error, with HTTP 400 (422 for a plan that breaks the programme's rules,
with every violation)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from plenary.backoffice.meeting_forms import KindForm, MeetingForm, PlanYearForm, ShapeForm, plan_rows
from plenary.backoffice.views import _groups, _meeting, _treaty, staff_only
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
from plenary.core.languages import pick_text, reader_lang
from plenary.meetings.domain import (
    ProgrammeRejected,
    plan_year,
    programme_rules,
    save_meeting,
    update_meeting,
)
from plenary.meetings.models import Meeting
from plenary.meetings.programme import RULES, ProgrammeRules
from plenary.treaties.models import Treaty
from plenary.treaties.profile import ProfileError, meeting_kinds, programme_shapes, shape_years


def _kind_rows(treaty: Treaty) -> list[dict]:
    """What the profile says of each kind of meeting, for the page's table."""
    report_kinds = treaty.profile.get("report_kinds") or {}
    return [
        {
            "code": kind.code,
            "name": pick_text(kind.names, reader_lang(), kind.code),
            "series": kind.series_hint,
            "days": kind.days,
            "closed": kind.closed,
            "report": report_kinds.get(kind.report, kind.report),
        }
        for kind in meeting_kinds(treaty.profile).values()
    ]


def _meeting_page(
    request: HttpRequest, form: MeetingForm, treaty: Treaty, meeting: Meeting | None, status: int
):
    return render(
        request,
        "backoffice/meeting_form.html",
        {"form": form, "kinds": _kind_rows(treaty), "meeting": meeting, "editing": meeting},
        status=status,
    )


# ------------------------------------------------------------------------------------ one meeting


@require_http_methods(["GET", "POST"])
@staff_only
def new_meeting(request: HttpRequest) -> HttpResponse:
    treaty = _treaty()
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                created, _was_new = save_meeting(
                    treaty,
                    form.cleaned_data["series"],
                    by=actor_of(request),
                    must_be_new=True,
                    **form.values(),
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Created %(series)s: %(kind)s, %(year)s, %(access)s, status %(status)s.")
                    % {
                        "series": created.series,
                        "kind": created.get_kind_display(),
                        "year": created.year,
                        "access": pgettext("meeting access", "closed")
                        if created.closed
                        else pgettext("meeting access", "open"),
                        "status": created.get_status_display(),
                    },
                )
                return redirect("backoffice:meeting", series=created.series)
        return _meeting_page(request, form, treaty, None, 400)
    asked = KindForm(request.GET)
    kind_code, year, number = Meeting.Kind.MSP.value, clock.today().year + 1, None
    if asked.is_valid():
        kind_code = asked.cleaned_data["kind"]
        year = asked.cleaned_data["year"] or year
        number = asked.cleaned_data["number"]
    kind = meeting_kinds(treaty.profile).get(kind_code)
    initial: dict = {"kind": kind_code, "year": year, "number": number, "status": Meeting.Status.PLANNED}
    if kind is not None:
        try:
            initial["series"] = kind.format_series(year=year, number=number)
        except ProfileError:
            initial["series"] = ""
        initial["days"] = kind.days
    return _meeting_page(request, MeetingForm(initial=initial), treaty, None, 200)


@require_http_methods(["GET", "POST"])
@staff_only
def edit_meeting(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                changed = update_meeting(
                    m, by=actor_of(request), series=form.cleaned_data["series"], **form.values()
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Saved %(series)s.") % {"series": m.series}
                    if changed
                    else _("No change: the meeting holds these values."),
                )
                return redirect("backoffice:meeting", series=m.series)
        return _meeting_page(request, form, m.treaty, m, 400)
    return _meeting_page(request, MeetingForm(initial=MeetingForm.initial_of(m)), m.treaty, m, 200)


# ------------------------------------------------------------------------------------ plan a year


def _rule_lines(rules: ProgrammeRules) -> list[str]:
    """The shape's rules in words, for the page."""
    lines = []
    for m in rules.meetings:
        if m.sessions is not None:
            low, high = m.sessions
            values = {
                "count": str(low) if low == high else _("%(low)s to %(high)s") % {"low": low, "high": high},
                "code": m.code,
                "days": m.days_per_year,
            }
            lines.append(
                _(
                    "%(count)s %(code)s sessions a year, numbered on from the last one on record, %(days)s days in all"
                )
                % values
                if m.days_per_year
                else _("%(count)s %(code)s sessions a year, numbered on from the last one on record") % values
            )
    fixed = [f"{m.code} {m.days}" for m in rules.meetings if m.days is not None]
    if fixed:
        lines.append(_("days: %(days)s") % {"days": ", ".join(fixed)})
    if rules.days_per_year:
        lines.append(_("%(days)s days a year") % {"days": rules.days_per_year})
    if rules.experts_back_to_back:
        lines.append(_("the Meetings of Experts back to back, in order"))
    if rules.min_months_before_msp:
        lines.append(
            _(
                "the Meetings of Experts ending at least %(months)s months before the Meeting of States Parties"
            )
            % {"months": rules.min_months_before_msp}
        )
    if rules.msp_last:
        lines.append(_("the Meeting of States Parties after the year's other meetings"))
    if rules.no_overlap:
        lines.append(_("no two meetings on the same day"))
    rotating = [m.code for m in rules.meetings if rules.rotates(m.code)]
    lines.append(
        _("chairs from the rotation rule: %(meetings)s") % {"meetings": ", ".join(rotating)}
        if rotating
        else _("no chair rotation: officers are elected")
    )
    return lines


def _default_year(treaty: Treaty) -> int:
    """The year after the last one with a Meeting of States Parties on record."""
    last = Meeting.objects.filter(treaty=treaty, kind=Meeting.Kind.MSP).aggregate(y=Max("year"))["y"]
    return last + 1 if last else clock.today().year + 1


def _shape_rows(treaty: Treaty) -> list[dict]:
    rows = []
    for name, shape in programme_shapes(treaty.profile).items():
        first, last = shape_years(shape)
        if first and last:
            years = f"{first}–{last}"
        elif first or last:
            years = _("from %(year)s") % {"year": first} if first else _("until %(year)s") % {"year": last}
        else:
            years = _("every year")
        rows.append({"name": name, "title": shape.get("title", ""), "years": years})
    return rows


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
@staff_only
def plan(request: HttpRequest) -> HttpResponse:
    treaty = _treaty()
    groups = _groups(treaty)
    violations: list[dict] = []
    if request.method == "POST":
        year = _int(request.POST.get("year")) or _default_year(treaty)
        shape = request.POST.get("shape") or None
    else:
        asked = ShapeForm(request.GET)
        if asked.is_valid():
            year, shape = asked.cleaned_data["year"], asked.cleaned_data["shape"] or None
        else:
            year, shape = _default_year(treaty), request.GET.get("shape") or None
    context = {"shapes": _shape_rows(treaty), "year": year, "shape": shape, "violations": violations}
    try:
        rules = programme_rules(treaty, shape, year=year)
    except DomainError as exc:
        return render(
            request, "backoffice/plan.html", context | {"error": str(exc), "form": None}, status=400
        )
    rows = plan_rows(rules)
    status = 200
    if request.method == "POST":
        form = PlanYearForm(request.POST, rows=rows, groups=groups)
        if form.is_valid():
            try:
                created = plan_year(
                    treaty,
                    form.cleaned_data["year"],
                    form.dates(),
                    form.chair_groups(),
                    by=actor_of(request),
                    venue=form.cleaned_data["venue"],
                    shape=rules.name,
                )
            except ProgrammeRejected as exc:
                violations.extend(
                    {"rule": v.rule, "says": RULES[v.rule], "subject": v.said, "message": v.message}
                    for v in exc.violations
                )
                status = 422
            except DomainError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(
                    request,
                    _("Planned %(year)s: %(meetings)s (status planned).")
                    % {"year": form.cleaned_data["year"], "meetings": ", ".join(m.series for m in created)},
                )
                return redirect("backoffice:dashboard")
        else:
            status = 400
    else:
        chairs = rules.rotation.chairs(year).chairs
        initial: dict = {"year": year, "venue": "Geneva", "shape": rules.name}
        for row in rows:
            if row.rotates:
                initial[f"{row.key}_chair"] = chairs.get(row.code)
        next_numbers: dict[str, int] = {}
        for m in rules.meetings:
            if m.sessions is not None:
                last = Meeting.objects.filter(treaty=treaty, kind=m.kind).aggregate(n=Max("number"))["n"]
                if last:
                    next_numbers[m.code] = last + 1
                else:
                    context["notes"] = [
                        *context.get("notes", []),
                        _("No %(code)s session is on record: give the number of the year's first session.")
                        % {"code": m.code},
                    ]
        for row in rows:
            if row.session and row.code in next_numbers:
                initial[f"{row.key}_number"] = next_numbers[row.code] + int(row.key.rsplit("_", 1)[-1]) - 1
        form = PlanYearForm(initial=initial, rows=rows, groups=groups)
    return render(
        request,
        "backoffice/plan.html",
        context | {"form": form, "rules": rules, "rule_lines": _rule_lines(rules), "shape": rules.name},
        status=status,
    )
