"""The sponsorship programme in the back office: the contributions and the fund's balance (with
what is left of each earmark), a meeting's applications ranked by the priority rules with the
reasons in words, the decision in consultation with the meeting's officers, and the awards.
Thin: each page calls one domain function of plenary.sponsorship."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_http_methods

from plenary.backoffice.views import staff_only
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
from plenary.meetings.models import Meeting, Officer
from plenary.participation.models import Organization
from plenary.sponsorship import domain, queries
from plenary.sponsorship.models import Application, Award, Call, Contribution, Decision
from plenary.treaties.models import State


class ContributionForm(forms.Form):
    donor = forms.CharField(
        label=gettext_lazy("Donor (State alpha-3 code or organization code)"), max_length=40
    )
    amount = forms.CharField(label=gettext_lazy("Amount (USD)"), max_length=30)
    received_on = forms.CharField(
        label=pgettext_lazy("sponsorship contribution", "Received on (YYYY-MM-DD)"), max_length=10
    )
    earmark_meeting = forms.CharField(
        label=gettext_lazy("Earmarked for a meeting (series)"), max_length=60, required=False
    )
    earmark_year = forms.CharField(label=gettext_lazy("Earmarked for a year"), max_length=4, required=False)
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    example = forms.BooleanField(label=gettext_lazy("Example amount"), required=False)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    officers = forms.MultipleChoiceField(
        label=gettext_lazy("Officers consulted"), widget=forms.CheckboxSelectMultiple, required=False
    )
    airfare = forms.CharField(label=gettext_lazy("Round-trip airfare (USD)"), max_length=30, required=False)
    terminal = forms.CharField(label=gettext_lazy("Terminal expenses (USD)"), max_length=30, required=False)
    dsa_days = forms.CharField(label=gettext_lazy("DSA days"), max_length=3, required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, officers: list[Officer], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].choices = [
            (str(o.pk), f"{o.get_role_display()}: {o.name} ({o.state.code})") for o in officers
        ]


def _donor(code: str) -> State | Organization:
    code = code.strip()
    found = State.objects.filter(code=code.upper()).first() if len(code) == 3 else None
    found = found or Organization.objects.filter(code=code).first()
    if found is None:
        raise DomainError(_("No State or organization has the code %(code)s.") % {"code": code[:40]})
    return found


@staff_only
@require_http_methods(["GET", "POST"])
def fund(request: HttpRequest) -> HttpResponse:
    form = ContributionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = None
                if data["earmark_meeting"].strip():
                    meeting = Meeting.objects.filter(series=data["earmark_meeting"].strip()).first()
                    if meeting is None:
                        raise DomainError(_("No meeting has this series."))
                domain.record_contribution(
                    donor=_donor(data["donor"]),
                    amount=data["amount"],
                    received_on=data["received_on"],
                    earmark_meeting=meeting,
                    earmark_year=data["earmark_year"] or None,
                    source=data["source"],
                    note=data["note"],
                    example=data["example"],
                    by=actor_of(request),
                )
            except DomainError as e:
                form.add_error(None, _(str(e)))
            else:
                messages.success(
                    request, pgettext("sponsorship contribution", "The contribution has been recorded.")
                )
                return redirect("backoffice:sponsorship_fund")
    state = queries.fund()
    contributions = list(
        Contribution.objects.select_related("donor_state", "donor_organization", "earmark_meeting")
    )
    calls = list(Call.objects.select_related("meeting").order_by("-deadline"))
    return render(
        request,
        "backoffice/sponsorship/fund.html",
        {"form": form, "fund": state, "contributions": contributions, "calls": calls},
        status=status,
    )


@staff_only
@require_http_methods(["GET"])
def applications(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    rows = queries.ranked(meeting)
    available = queries.fund().available(str(meeting.pk), meeting.year)
    return render(
        request,
        "backoffice/sponsorship/applications.html",
        {"meeting": None, "the_meeting": meeting, "rows": rows, "available": available},
    )


@staff_only
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    app = get_object_or_404(Application.objects.select_related("meeting", "state"), pk=pk)
    officers = list(
        Officer.objects.filter(meeting=app.meeting, role__in=domain.CONSULTED_ROLES).select_related("state")
    )
    form = DecideForm(request.POST or None, officers=officers)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            chosen = [o for o in officers if str(o.pk) in set(data["officers"])]
            try:
                domain.decide(
                    app,
                    outcome=data["outcome"],
                    officers=chosen,
                    note=data["note"],
                    airfare=data["airfare"],
                    terminal=data["terminal"],
                    dsa_days=data["dsa_days"],
                    by=actor_of(request),
                )
            except DomainError as e:
                form.add_error(None, _(str(e)))
            else:
                messages.success(request, _("The decision has been recorded."))
                return redirect("backoffice:sponsorship_applications", meeting_id=app.meeting_id)
    score = queries.rules.score(queries.facts_of(app), queries.rules.load_rules())
    available = queries.fund().available(str(app.meeting_id), app.meeting.year)
    return render(
        request,
        "backoffice/sponsorship/decide.html",
        {"form": form, "app": app, "score": score, "available": available, "meeting": None},
        status=status,
    )


@staff_only
@require_http_methods(["GET"])
def awards(request: HttpRequest) -> HttpResponse:
    rows = list(
        Award.objects.select_related(
            "application__meeting", "application__state", "application__decision", "dsa_rate"
        )
    )
    return render(request, "backoffice/sponsorship/awards.html", {"rows": rows, "fund": queries.fund()})
