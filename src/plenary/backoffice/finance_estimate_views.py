"""Cost estimates in the back office: the rates (dated, with their source or marked as example
rates), the estimates of each year, an estimate's meetings and lines (editable until issued), the
options of a year side by side, and the issue of the cost-estimates document. Thin: each write is
one call of plenary.finance.estimates; a DomainError comes back to the page as a message (400)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.backoffice.views import staff_only
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES
from plenary.finance import costing, estimate_queries, estimates
from plenary.finance.models import RATE_LABELS, CostEstimate, CostItem
from plenary.meetings.models import Meeting

MAX_YEAR_IN_URL = 9999


class EstimateForm(forms.Form):
    year = forms.CharField(label=gettext_lazy("Year"), max_length=4)
    option = forms.CharField(label=gettext_lazy("Option (such as A, +5)"), max_length=40, required=False)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), max_length=300)
    title_fr = forms.CharField(label=gettext_lazy("Title (French)"), max_length=300, required=False)
    title_es = forms.CharField(label=gettext_lazy("Title (Spanish)"), max_length=300, required=False)
    title_ru = forms.CharField(label=gettext_lazy("Title (Russian)"), max_length=300, required=False)
    title_zh = forms.CharField(label=gettext_lazy("Title (Chinese)"), max_length=300, required=False)
    title_ar = forms.CharField(label=gettext_lazy("Title (Arabic)"), max_length=300, required=False)
    rates_on = forms.CharField(
        label=gettext_lazy("Rates of the day (YYYY-MM-DD; 1 January of the year if empty)"),
        max_length=10,
        required=False,
    )
    isu_posts = forms.CharField(label=gettext_lazy("ISU posts"), max_length=10, required=False)
    isu_months = forms.CharField(label=gettext_lazy("ISU months"), max_length=3, required=False)
    basis = forms.CharField(
        label=gettext_lazy("Basis of the estimate"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


def _titles(data: dict) -> dict[str, str]:
    return {lang: data[f"title_{lang}"] for lang in UN_LANGUAGES if data.get(f"title_{lang}")}


class MeetingCostsForm(forms.Form):
    meeting = forms.CharField(label=gettext_lazy("Meeting (series)"), max_length=60, required=False)
    label = forms.CharField(
        label=gettext_lazy("Or a meeting not yet planned (name)"), max_length=100, required=False
    )
    days = forms.CharField(label=pgettext_lazy("cost estimate", "Meeting days"), max_length=12)
    pages_before = forms.CharField(
        label=gettext_lazy("Pages before the meeting"), max_length=12, required=False
    )
    pages_during = forms.CharField(
        label=gettext_lazy("Pages during the meeting"), max_length=12, required=False
    )
    pages_after = forms.CharField(
        label=gettext_lazy("Pages after the meeting"), max_length=12, required=False
    )
    languages = forms.CharField(label=gettext_lazy("Languages of the documents"), max_length=2, initial="6")
    interpretation = forms.BooleanField(
        label=gettext_lazy("Interpretation in six languages"), required=False, initial=True
    )


class RateForm(forms.Form):
    code = forms.ChoiceField(label=gettext_lazy("Rate"), choices=list(RATE_LABELS.items()))
    amount = forms.CharField(label=gettext_lazy("Amount (USD, or per cent)"), max_length=30)
    valid_from = forms.CharField(label=gettext_lazy("Valid from (YYYY-MM-DD)"), max_length=10)
    valid_to = forms.CharField(label=gettext_lazy("Valid to (YYYY-MM-DD)"), max_length=10, required=False)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=400, required=False)
    example = forms.BooleanField(label=gettext_lazy("Example rate"), required=False)


def _or_zero(value: str) -> str:
    return value.strip() or "0"


def _error(form: forms.Form, exc: DomainError) -> None:
    form.add_error(None, str(exc))


@staff_only
@require_http_methods(["GET", "POST"])
def estimate_list(request: HttpRequest) -> HttpResponse:
    form = EstimateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = estimates.create_estimate(
                    year=data["year"],
                    option=data["option"],
                    title=_titles(data),
                    rates_on=data["rates_on"] or None,
                    isu_posts=_or_zero(data["isu_posts"]),
                    isu_months=_or_zero(data["isu_months"]),
                    basis=data["basis"],
                    by=actor_of(request),
                )
            except DomainError as exc:
                _error(form, exc)
            else:
                messages.success(request, _("The estimate has been created."))
                return redirect("backoffice:finance_estimate", made.pk)
    rows = list(estimate_queries.estimates_for(request.user))
    years = sorted({e.year for e in rows}, reverse=True)
    return render(
        request,
        "backoffice/finance/estimates.html",
        {"years": [(y, [e for e in rows if e.year == y]) for y in years], "form": form},
        status=status,
    )


def _meeting_of(series: str) -> Meeting | None:
    series = series.strip().strip("/")
    if not series:
        return None
    found = Meeting.objects.filter(series=series).first()
    if found is None:
        raise DomainError(_("No meeting has this series."))
    return found


@staff_only
@require_http_methods(["GET", "POST"])
def estimate(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(CostEstimate, pk=pk)
    form = MeetingCostsForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                estimates.set_meeting_costs(
                    row,
                    meeting=_meeting_of(data["meeting"]),
                    label=data["label"],
                    days=data["days"],
                    pages_before=_or_zero(data["pages_before"]),
                    pages_during=_or_zero(data["pages_during"]),
                    pages_after=_or_zero(data["pages_after"]),
                    languages=data["languages"],
                    interpretation=data["interpretation"],
                    by=actor_of(request),
                )
            except DomainError as exc:
                _error(form, exc)
            else:
                messages.success(request, _("The meeting's costs have been entered."))
                return redirect("backoffice:finance_estimate", row.pk)
        return _estimate_page(request, pk, form=form, status=400)
    return _estimate_page(request, pk, form=form)


def _estimate_page(
    request: HttpRequest, pk: int, *, form: MeetingCostsForm | None = None, status: int = 200
) -> HttpResponse:
    """The estimate's page (after a refused change: with its message, and `status` 400)."""
    row = get_object_or_404(estimate_queries.with_lines(estimate_queries.estimates_for(request.user)), pk=pk)
    edit = EstimateForm(
        initial={
            "year": row.year,
            "option": row.option,
            "rates_on": row.rates_on.isoformat(),
            "isu_posts": row.isu_posts,
            "isu_months": row.isu_months,
            "basis": row.basis,
            **{f"title_{lang}": text for lang, text in row.title.items()},
        }
    )
    edit.fields["year"].disabled = True
    planned = Meeting.objects.filter(treaty__code="BWC", year=row.year).order_by("start", "series")
    return render(
        request,
        "backoffice/finance/estimate.html",
        {
            "estimate": row,
            "lines": estimate_queries.shown_lines(row),
            "form": form or MeetingCostsForm(),
            "edit": edit,
            "planned": planned,
            "example": estimate_queries.uses_example_rates([row]),
        },
        status=status,
    )


@staff_only
@require_POST
def estimate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(CostEstimate, pk=pk)
    form = EstimateForm(request.POST, initial={"year": row.year})
    form.fields["year"].disabled = True
    if form.is_valid():
        data = form.cleaned_data
        try:
            estimates.update_estimate(
                row,
                option=data["option"],
                title=_titles(data),
                rates_on=data["rates_on"] or row.rates_on,
                isu_posts=_or_zero(data["isu_posts"]),
                isu_months=_or_zero(data["isu_months"]),
                basis=data["basis"],
                by=actor_of(request),
            )
        except DomainError as exc:
            messages.error(request, str(exc))
            return _estimate_page(request, row.pk, status=400)
        messages.success(request, _("The estimate has been changed."))
        return redirect("backoffice:finance_estimate", row.pk)
    messages.error(request, _("Check the values entered."))
    return _estimate_page(request, row.pk, status=400)


@staff_only
@require_POST
def estimate_programme(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(CostEstimate, pk=pk)
    per_day = [_or_zero(request.POST.get(f"pages_{when}", "")) for when in ("before", "during", "after")]
    try:
        added = estimates.add_programme_meetings(row, pages_per_day=per_day, by=actor_of(request))
    except DomainError as exc:
        messages.error(request, str(exc))
        return _estimate_page(request, row.pk, status=400)
    messages.success(request, _("Meetings added from the programme: %(count)s.") % {"count": len(added)})
    return redirect("backoffice:finance_estimate", row.pk)


@staff_only
@require_POST
def estimate_remove(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    item = get_object_or_404(CostItem.objects.select_related("estimate"), pk=item_id, estimate_id=pk)
    try:
        estimates.remove_meeting_costs(item, by=actor_of(request))
    except DomainError as exc:
        messages.error(request, str(exc))
        return _estimate_page(request, pk, status=400)
    messages.success(request, _("The meeting has been taken off the estimate."))
    return redirect("backoffice:finance_estimate", pk)


@staff_only
@require_POST
def estimate_derive(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(CostEstimate, pk=pk)
    extra = {}
    for item in row.items.all():
        value = request.POST.get(f"extra_{item.pk}", "").strip()
        if value and value != "0":
            extra[item.label] = value
    try:
        made = estimates.derive_option(
            row,
            option=request.POST.get("option", ""),
            title=request.POST.get("title", ""),
            extra_days=extra,
            by=actor_of(request),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return _estimate_page(request, row.pk, status=400)
    messages.success(request, _("The option has been made."))
    return redirect("backoffice:finance_estimate", made.pk)


def _year(year: int) -> int:
    if not 1 <= year <= MAX_YEAR_IN_URL:
        raise Http404("no such year")
    return year


@staff_only
@require_GET
def compare(request: HttpRequest, year: int) -> HttpResponse:
    return _compare_page(request, year)


def _compare_page(request: HttpRequest, year: int, *, status: int = 200) -> HttpResponse:
    rows = estimate_queries.year_options(_year(year), request.user)
    compared = estimate_queries.comparison(rows) if rows and all(e.lines.all() for e in rows) else None
    meetings = Meeting.objects.filter(treaty__code="BWC", year__in=[year - 1, year]).order_by(
        "start", "series"
    )
    return render(
        request,
        "backoffice/finance/compare.html",
        {
            "year": year,
            "estimates": rows,
            "compared": compared,
            "columns": list(zip(rows, compared.totals, compared.differences, strict=True))
            if compared
            else [],
            "table": _table(compared) if compared else [],
            "drafts": [e for e in rows if not e.issued],
            "meetings": meetings,
            "example": estimate_queries.uses_example_rates(rows),
        },
        status=status,
    )


def _table(compared: costing.Comparison) -> list[dict]:
    return [
        {"label": r.label, "code": r.code, "amounts": r.amounts, "differs": r.differs} for r in compared.rows
    ]


@staff_only
@require_POST
def issue(request: HttpRequest, year: int) -> HttpResponse:
    chosen_ids = [v for v in request.POST.getlist("estimates") if v.isdigit() and len(v) < 19]
    chosen = list(CostEstimate.objects.filter(pk__in=chosen_ids, year=_year(year)))
    try:
        if len(chosen) != len(set(request.POST.getlist("estimates"))):
            raise DomainError(_("Choose estimates of this year."))
        meeting = _meeting_of(request.POST.get("meeting", ""))
        if meeting is None:
            raise DomainError(_("Choose the meeting whose document the estimate is."))
        document = estimates.issue_estimates(
            chosen, meeting=meeting, on=request.POST.get("on") or None, by=actor_of(request)
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return _compare_page(request, year, status=400)
    messages.success(
        request, pgettext("cost estimate", "Issued as %(symbol)s.") % {"symbol": document.symbol}
    )
    return redirect("backoffice:finance_estimate_compare", year)


@staff_only
@require_http_methods(["GET", "POST"])
def rates(request: HttpRequest) -> HttpResponse:
    form = RateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                estimates.record_cost_rate(
                    code=data["code"],
                    amount=data["amount"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"] or None,
                    source=data["source"],
                    example=data["example"],
                    by=actor_of(request),
                )
            except DomainError as exc:
                _error(form, exc)
            else:
                messages.success(request, _("The rate has been recorded."))
                return redirect("backoffice:finance_rates")
    return render(
        request,
        "backoffice/finance/rates.html",
        {"rates": estimate_queries.rates(), "form": form, "languages": LANGUAGE_NAMES_EN},
        status=status,
    )
