"""The CBM reports in the back office: every report version (drafts too) by year and State, the
upload of a State's original document on its behalf (cbm.domain.upload_report: marked as entered
by the secretariat, stored with its SHA-256), and the figures (with every report's completeness,
since the secretariat reads them all). Thin: the domain checks and writes."""

from __future__ import annotations

from django import forms as djforms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from plenary.backoffice.views import staff_only
from plenary.cbm import domain
from plenary.cbm.models import CbmReport
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
from plenary.treaties.models import State
from plenary.web.cbm_views import BadYear, bad_year, figures_context, state_names, year_of
from plenary.web.languages import LANGUAGE_CHOICES
from plenary.web.uploads import UploadField

# The back office menu's entry (backoffice/_layout.html), kept in this app's catalogue.
MENU_LABEL = gettext_lazy("CBMs")


class UploadForm(djforms.Form):
    state = djforms.ModelChoiceField(
        queryset=State.objects.order_by("code"), label=gettext_lazy("State"), to_field_name="code"
    )
    year = djforms.IntegerField(label=gettext_lazy("Calendar year covered"))
    visibility = djforms.ChoiceField(
        label=gettext_lazy("The State's choice"),
        choices=[
            ("public", pgettext_lazy("cbm report", "public")),
            ("restricted", pgettext_lazy("cbm report", "restricted to States Parties")),
        ],
        widget=djforms.RadioSelect,
    )
    languages = djforms.MultipleChoiceField(
        label=gettext_lazy("Languages of the report"),
        choices=LANGUAGE_CHOICES,
        widget=djforms.CheckboxSelectMultiple,
    )
    original = UploadField(label=gettext_lazy("The report as the State sent it (PDF or Word)"))
    received_on = djforms.DateField(
        label=gettext_lazy("Received on"),
        required=False,  # empty: today
        help_text=gettext_lazy(
            "the day the secretariat received it: the report is on time or late from that day"
        ),
        widget=djforms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = clock.today().year - 1
        self.fields["received_on"].initial = clock.today()


@require_GET
@staff_only
def reports(request: HttpRequest) -> HttpResponse:
    """Every version of every report, drafts included, by year and State."""
    try:
        year = year_of(request.GET.get("year"))
    except BadYear:
        return bad_year(request)
    code = (request.GET.get("state") or "").upper()
    found = CbmReport.objects.select_related("state").order_by("-year", "state__code", "-version")
    if year is not None:
        found = found.filter(year=year)
    if code:
        if not (len(code) == 3 and code.isascii() and code.isalpha()):
            return bad_year(request, _("A State is named by its three-letter code."))
        found = found.filter(state__code=code)
    names = state_names(request)
    return render(
        request,
        "backoffice/cbm/reports.html",
        {
            "rows": [{"r": r, "name": names.get(r.state.code, r.state.code)} for r in found[:1000]],
            "year": year,
            "state": code,
            "years": list(range(clock.today().year - 1, 1986, -1)),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_only
def upload(request: HttpRequest) -> HttpResponse:
    """Put a State's report on record from the document it sent, on its behalf."""
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = domain.upload_report(
                    data["state"],
                    data["year"],
                    data["original"],
                    visibility=data["visibility"],
                    languages=data["languages"],
                    received_on=data["received_on"],
                    by=actor_of(request),
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "The report of %(state)s for %(year)s is on record as version %(version)s, entered on the State's behalf."
                    )
                    % {"state": made.state.code, "year": made.year, "version": made.version},
                )
                return redirect("backoffice:cbm_reports")
    return render(request, "backoffice/cbm/upload.html", {"form": form}, status=status)


@require_GET
@staff_only
def figures(request: HttpRequest) -> HttpResponse:
    try:
        year = year_of(request.GET.get("year"), default=clock.today().year - 1)
    except BadYear:
        return bad_year(request)
    return render(request, "backoffice/cbm/figures.html", figures_context(request, year))
