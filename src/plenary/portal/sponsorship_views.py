"""The sponsorship programme in the portal: an expert selected by their government applies for a
meeting open for applications (the priority questions and the confirmation of being an official
of a responsible agency), and sees their applications (a focal point, those of their State; a
meeting's officer, those of the meeting). Thin: each page calls one domain function."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from plenary.accounts import permissions
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
from plenary.portal.views import Names, _deny_unless, portal_view
from plenary.sponsorship import domain, queries
from plenary.sponsorship.models import Application, Call
from plenary.treaties.models import State

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


class ApplicationForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("State"))
    expert_name = forms.CharField(label=gettext_lazy("Name of the expert"), max_length=200)
    expert_function = forms.CharField(label=gettext_lazy("Function"), max_length=200)
    expert_agency = forms.CharField(label=gettext_lazy("Agency or ministry"), max_length=200)
    travel_from = forms.CharField(label=gettext_lazy("Travelling from (city)"), max_length=200)
    arrive = forms.DateField(
        label=gettext_lazy("Day of arrival in Geneva"), widget=forms.DateInput(attrs={"type": "date"})
    )
    depart = forms.DateField(
        label=gettext_lazy("Day of departure"), widget=forms.DateInput(attrs={"type": "date"})
    )
    developing = forms.ChoiceField(
        label=gettext_lazy("Is the State a developing country?"), choices=YES_NO, widget=forms.RadioSelect
    )
    attended_before = forms.ChoiceField(
        label=gettext_lazy("Has the expert taken part in a BWC meeting before?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    can_send_from_capital = forms.ChoiceField(
        label=gettext_lazy("Can the State send experts from capital without sponsorship?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    official_confirmed = forms.BooleanField(
        label=gettext_lazy(
            "I confirm that the expert is an official of an agency responsible for the implementation of the Convention."
        ),
        required=False,
    )

    def __init__(self, *args, states: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = states


@portal_view("GET")
def mine(request: HttpRequest) -> HttpResponse:
    names = Names(request)
    rows = queries.visible_to(request.user)
    calls = (
        queries.open_calls(clock.today())
        if permissions.state_people_of(request.user) or permissions.is_staff(request.user)
        else []
    )
    return render(
        request,
        "portal/sponsorship/mine.html",
        {"rows": [(a, names.state(a.state)) for a in rows], "calls": calls, "lang": names.lang},
    )


@portal_view("GET", "POST")
def apply(request: HttpRequest, meeting_id: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.select_related("meeting"), meeting_id=meeting_id)
    codes = sorted(permissions.state_people_of(request.user))
    _deny_unless(bool(codes))
    names = Names(request)
    states = [(c, names.state(State(code=c))) for c in codes]
    form = ApplicationForm(request.POST or None, states=states)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.apply(
                call.meeting,
                state=State.objects.get(code=data["state"]),
                expert_name=data["expert_name"],
                expert_function=data["expert_function"],
                expert_agency=data["expert_agency"],
                official_confirmed=data["official_confirmed"],
                developing=data["developing"] == "yes",
                attended_before=data["attended_before"] == "yes",
                can_send_from_capital=data["can_send_from_capital"] == "yes",
                travel_from=data["travel_from"],
                arrive=data["arrive"],
                depart=data["depart"],
                by=actor_of(request),
            )
        except DomainError as e:
            form.add_error(None, _(str(e)))
        else:
            messages.success(request, _("Your application has been received."))
            return redirect("portal:sponsorship_mine")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "portal/sponsorship/apply.html",
        {"form": form, "call": call, "lang": names.lang},
        status=status,
    )


@portal_view("POST")
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    app = get_object_or_404(Application.objects.select_related("state", "meeting"), pk=pk)
    _deny_unless(permissions.can_see_sponsorship_application(request.user, app))
    try:
        domain.withdraw(app, by=actor_of(request))
    except DomainError as e:
        messages.error(request, _(str(e)))
        return redirect("portal:sponsorship_mine")
    messages.success(request, _("The application has been withdrawn."))
    return redirect("portal:sponsorship_mine")


def _donor_name(c, names: Names) -> str:
    return names.state(c.donor_state) if c.donor_state_id else names.organization(c.donor_organization)


@portal_view("GET")
def donors(request: HttpRequest) -> HttpResponse:
    """The report to donors (the secretariat and the donors' people): contributions, awards by
    meeting, the balance; as CSV or XLSX with ?format=csv|xlsx."""
    _deny_unless(permissions.can_see_sponsorship_donor_report(request.user, queries.donor_keys()))
    report = queries.donor_report()
    names = Names(request)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        return _export(report, names, fmt)
    if fmt:
        return HttpResponse(
            _("Unknown format; use csv or xlsx."), status=400, content_type="text/plain; charset=utf-8"
        )
    rows = [(c, _donor_name(c, names)) for c in report["contributions"]]
    return render(request, "portal/sponsorship/donors.html", {"report": report, "rows": rows})


def _export_rows(report: dict, names: Names) -> list[list]:
    out: list[list] = [
        [_("Contributions")],
        [
            _("Donor"),
            pgettext("sponsorship contribution", "Received on"),
            _("Amount (USD)"),
            _("Earmark"),
            _("Example"),
        ],
    ]
    for c in report["contributions"]:
        earmark = c.earmark_meeting.series if c.earmark_meeting_id else (str(c.earmark_year or ""))
        out.append(
            [
                _donor_name(c, names),
                c.received_on.isoformat(),
                c.amount,
                earmark,
                _("yes") if c.example else "",
            ]
        )
    out += [[], [_("Awards by meeting")], [_("Meeting"), _("Awards"), _("States"), _("Total (USD)")]]
    for m in report["by_meeting"]:
        out.append([m["meeting"].series, m["awards"], len(m["states"]), m["total"]])
    out += [[], [_("Contributed (USD)"), report["contributed"]], [_("Awarded (USD)"), report["awarded"]]]
    out.append([_("Balance (USD)"), report["balance"]])
    return out


def _export(report: dict, names: Names, fmt: str) -> HttpResponse:
    import csv
    import io

    rows = _export_rows(report, names)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        for row in rows:
            writer.writerow([_safe_cell(v) for v in row])
        response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="sponsorship-donors.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Sponsorship"
    for row in rows:
        sheet.append([v if not isinstance(v, str) else _safe_cell(v) for v in row])
    for cells in sheet.iter_rows():
        for cell in cells:
            if hasattr(cell.value, "as_tuple"):
                cell.number_format = "#,##0.00"
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="sponsorship-donors.xlsx"'
    return response


def _safe_cell(value):
    """A text cell that a spreadsheet would read as a formula is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
