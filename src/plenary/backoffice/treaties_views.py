"""Universalization and the ISU's yearly figures in the back office: record a deposit of an
instrument (treaties.domain.record_deposit), the contacts with the States not yet party
(record_contact / correct_contact), the Chair's universalization report (records.universalization:
the page, its CSV/XLSX export and its draft document) and the ISU's yearly figures
(records.isu: tables, charts and the draft of the annual report). Thin: each write is one domain
function, each page reads through the apps' queries."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plenary.backoffice.views import staff_only
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
from plenary.exports.tables import MIME, WRITERS, Table
from plenary.records import isu
from plenary.records.universalization import (
    draft_of,
    draft_universalization_report,
    universalization_report,
)
from plenary.reports.language import order_names
from plenary.treaties import domain
from plenary.treaties.models import State, Treaty, TreatyEvent, UniversalizationContact
from plenary.treaties.queries import current_contacts, names_on, treaty_status
from plenary.web.isu_views import figures_context
from plenary.web.views import ui_lang

STATUS_LABELS = {
    "state_party": gettext_lazy("State Party"),
    "signatory": gettext_lazy("signatory"),
    "neither": gettext_lazy("neither party nor signatory"),
}


def _treaty() -> Treaty:
    return get_object_or_404(Treaty, code="BWC")


def _refused(form: forms.Form, exc: DomainError, what: str) -> None:
    form.add_error(None, _("%(what)s was not recorded: %(why)s") % {"what": what, "why": str(exc)})


def _year(request: HttpRequest, default: int) -> int:
    value = request.GET.get("year", "")
    if not value:
        return default
    if len(value) != 4 or not (value.isascii() and value.isdigit()) or not 1975 <= int(value) <= 2100:
        raise Http404(_("A year is four digits, 1975 to 2100."))
    return int(value)


def _on(request: HttpRequest, default: dt.date) -> dt.date:
    value = request.GET.get("on", "")
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise Http404(_("The date is YYYY-MM-DD.")) from None


def _state_choices(lang: str, codes=None, names: dict[str, str] | None = None) -> list[tuple[str, str]]:
    names = names if names is not None else names_on(clock.today(), lang)
    codes = list(codes if codes is not None else State.objects.values_list("code", flat=True))
    ordered = order_names(codes, lang, lambda c, _l: names.get(c, c))
    return [(c, f"{names.get(c, c)} ({c})") for c in ordered]


# ------------------------------------------------------------------------------------------ deposits


class DepositForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("State"))
    kind = forms.ChoiceField(label=gettext_lazy("Instrument"), choices=TreatyEvent.Kind.choices)
    date = forms.DateField(
        label=gettext_lazy("Date of deposit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    depositary = forms.MultipleChoiceField(
        label=gettext_lazy("Deposited with"), widget=forms.CheckboxSelectMultiple
    )
    source = forms.CharField(
        label=gettext_lazy("Source (the depositary's notification, a press release...)"),
        max_length=domain.MAX_SOURCE,
    )

    def __init__(self, *args, treaty: Treaty, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        # The States not yet party first, by status; the States Parties last (a second instrument
        # of a State Party is refused by the domain, with the date of its first).
        status = treaty_status(treaty, clock.today())
        names = names_on(clock.today(), lang)
        self.fields["state"].choices = [
            (str(STATUS_LABELS["signatory"]), _state_choices(lang, status.signatories, names)),
            (str(STATUS_LABELS["neither"]), _state_choices(lang, status.neither, names)),
            (_("States Parties"), _state_choices(lang, status.states_parties, names)),
        ]
        self.fields["kind"].initial = TreatyEvent.Kind.ACCESSION
        self.fields["depositary"].choices = [
            (code, f"{code}: {names.get(state, state)}")
            for code, state in domain.depositaries_of(treaty).items()
        ]


@staff_only
@require_http_methods(["GET", "POST"])
def deposit(request: HttpRequest) -> HttpResponse:
    treaty, lang = _treaty(), ui_lang(request)
    form = DepositForm(request.POST or None, treaty=treaty, lang=lang)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            state = State.objects.get(code=data["state"])
            try:
                event = domain.record_deposit(
                    treaty,
                    state,
                    data["kind"],
                    data["date"],
                    depositary=",".join(data["depositary"]),
                    source=data["source"],
                    by=actor_of(request),
                )
            except DomainError as exc:
                _refused(form, exc, _("The deposit"))
            else:
                parties = len(treaty_status(treaty, clock.today()).states_parties)
                messages.success(
                    request,
                    _(
                        "Recorded: the %(kind)s of %(state)s, deposited on %(date)s. "
                        "States Parties today: %(parties)s."
                    )
                    % {
                        "kind": event.get_kind_display(),
                        "state": names_on(clock.today(), lang).get(state.code, state.code),
                        "date": event.date.isoformat(),
                        "parties": parties,
                    },
                )
                return redirect("backoffice:treaties_deposit")
    names = names_on(clock.today(), lang)
    recorded = [
        (e, names.get(e.state.code, e.state.code))
        for e in TreatyEvent.objects.filter(treaty=treaty, origin=TreatyEvent.Origin.DEPOSIT)
        .select_related("state")
        .order_by("-date", "state__code")
    ]
    today = treaty_status(treaty, clock.today())
    return render(
        request,
        "backoffice/treaties/deposit.html",
        {"form": form, "recorded": recorded, "status": today, "treaty": treaty},
        status=status,
    )


# ------------------------------------------------------------------------------------------ contacts


class ContactForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of contact"), choices=UniversalizationContact.Kind.choices
    )
    made_by = forms.ChoiceField(label=gettext_lazy("Made by"), choices=UniversalizationContact.MadeBy.choices)
    made_by_state = forms.ChoiceField(
        label=gettext_lazy("The depositary or State that made it"), required=False
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary"), max_length=domain.MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = forms.CharField(
        label=gettext_lazy("Outcome"),
        max_length=domain.MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source = forms.CharField(label=gettext_lazy("Source"), max_length=domain.MAX_SOURCE)

    def __init__(self, *args, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["made_by_state"].choices = [("", "—"), *_state_choices(lang)]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        code = data.pop("made_by_state", "")
        data["made_by_state"] = State.objects.get(code=code) if code else None
        return data


class CorrectionForm(ContactForm):
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), max_length=domain.MAX_SOURCE)

    def values(self) -> dict:
        data = super().values()
        data.pop("reason")
        return data


def _not_party(treaty: Treaty, on: dt.date):
    status = treaty_status(treaty, on)
    return status, [*status.signatories, *status.neither]


@staff_only
@require_http_methods(["GET"])
def contacts(request: HttpRequest) -> HttpResponse:
    treaty, lang = _treaty(), ui_lang(request)
    today = clock.today()
    status, codes = _not_party(treaty, today)
    names = names_on(today, lang)
    made: dict[str, list[dt.date]] = {}
    for code, date in current_contacts(treaty).values_list("state__code", "date"):
        made.setdefault(code, []).append(date)
    signatories = set(status.signatories)
    rows = [
        {
            "code": c,
            "name": names.get(c, c),
            "status": STATUS_LABELS["signatory" if c in signatories else "neither"],
            "contacts": len(made.get(c, [])),
            "last": max(made[c]) if c in made else None,
        }
        for c in order_names(codes, lang, lambda c, _l: names.get(c, c))
    ]
    return render(request, "backoffice/treaties/contacts.html", {"rows": rows, "on": today})


@staff_only
@require_http_methods(["GET", "POST"])
def state_contacts(request: HttpRequest, code: str) -> HttpResponse:
    treaty, lang = _treaty(), ui_lang(request)
    state = get_object_or_404(State, code=code.upper()[:3])
    form = ContactForm(request.POST or None, lang=lang, initial={"date": clock.today()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                domain.record_contact(treaty, state, by=actor_of(request), **form.values())
            except DomainError as exc:
                _refused(form, exc, _("The contact"))
            else:
                messages.success(request, _("The contact has been recorded."))
                return redirect("backoffice:treaties_state_contacts", code=state.code)
    names = names_on(clock.today(), lang)
    history = list(
        UniversalizationContact.objects.filter(treaty=treaty, state=state)
        .select_related("made_by_state", "replaces")
        .prefetch_related("replaced_by")
        .order_by("-date", "-pk")
    )
    corrected = {c.replaces_id for c in history if c.replaces_id}
    today_status = treaty_status(treaty, clock.today()).status_of(state.code)
    return render(
        request,
        "backoffice/treaties/state_contacts.html",
        {
            "form": form,
            "state": state,
            "name": names.get(state.code, state.code),
            "status": STATUS_LABELS.get(today_status, today_status),
            "party": today_status == "state_party",
            "current": [c for c in history if c.pk not in corrected],
            "replaced": [c for c in history if c.pk in corrected],
        },
        status=status,
    )


@staff_only
@require_http_methods(["GET", "POST"])
def correct_contact(request: HttpRequest, pk: int) -> HttpResponse:
    lang = ui_lang(request)
    contact = get_object_or_404(
        UniversalizationContact.objects.select_related("state", "treaty", "made_by_state"), pk=pk
    )
    initial = {f: getattr(contact, f) for f in domain.CONTACT_FIELDS}
    initial["made_by_state"] = contact.made_by_state.code if contact.made_by_state else ""
    form = CorrectionForm(request.POST or None, lang=lang, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                domain.correct_contact(
                    contact, reason=form.cleaned_data["reason"], by=actor_of(request), **form.values()
                )
            except DomainError as exc:
                _refused(form, exc, _("The correction"))
            else:
                messages.success(
                    request, _("The correction has been recorded; the first account stays on record.")
                )
                return redirect("backoffice:treaties_state_contacts", code=contact.state.code)
    names = names_on(clock.today(), lang)
    return render(
        request,
        "backoffice/treaties/correct_contact.html",
        {"form": form, "contact": contact, "name": names.get(contact.state.code, contact.state.code)},
        status=status,
    )


# ------------------------------------------------------------------------- the Chair's report


def _report_rows(report, names: dict[str, str], lang: str) -> list[dict]:
    rows = []
    for heading, group in (("signatory", report.signatories), ("neither", report.neither)):
        by_code = {r.code: r for r in group}
        for code in order_names(list(by_code), lang, lambda c, _l: names.get(c, c)):
            rows.append({"row": by_code[code], "name": names.get(code, code), "status": heading})
    return rows


def _who(contact: UniversalizationContact) -> str:
    who = str(contact.get_made_by_display())
    return f"{who} ({contact.made_by_state.code})" if contact.made_by_state_id else who


def report_table(report, names: dict[str, str], lang: str) -> Table:
    """The report as a table: one row per contact, a State with none on a row of its own."""
    columns = [
        _("State code"),
        _("State"),
        _("Status"),
        _("Signed on"),
        _("Date of the contact"),
        _("Kind of contact"),
        _("Made by"),
        _("Summary"),
        _("Outcome"),
        _("Source"),
    ]
    rows = []
    for item in _report_rows(report, names, lang):
        r = item["row"]
        head = [r.code, item["name"], str(STATUS_LABELS[r.status]), r.signed.isoformat() if r.signed else ""]
        if not r.contacts:
            rows.append([*head, "", "", "", "", "", ""])
        for c in r.contacts:
            rows.append(
                [
                    *head,
                    c.date.isoformat(),
                    str(c.get_kind_display()),
                    _who(c),
                    c.summary,
                    c.outcome,
                    c.source,
                ]
            )
    return Table(_("Universalization %(year)s") % {"year": report.year}, columns, rows)


@staff_only
@require_http_methods(["GET", "POST"])
def universalization(request: HttpRequest) -> HttpResponse:
    treaty, lang = _treaty(), ui_lang(request)
    today = clock.today()
    year = _year(request, today.year)
    on = _on(request, min(today, dt.date(year, 12, 31)))
    if request.method == "POST":
        try:
            document = draft_universalization_report(treaty, year=year, on=on, by=actor_of(request))
        except DomainError as exc:
            messages.error(request, _("No draft was made: %(why)s") % {"why": str(exc)})
        else:
            messages.success(
                request,
                _("The draft is recorded as %(symbol)s, in six languages.") % {"symbol": document.symbol},
            )
        return redirect(f"{reverse('backoffice:treaties_universalization')}?year={year}&on={on.isoformat()}")
    report = universalization_report(treaty, year=year, on=on)
    names = names_on(on, lang)
    fmt = request.GET.get("format", "")
    if fmt:
        if fmt not in WRITERS:
            raise Http404(_("The export is csv or xlsx."))
        content = WRITERS[fmt](report_table(report, names, lang))
        response = HttpResponse(content, content_type=MIME[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="{treaty.code}-universalization-{year}-{lang.upper()}.{fmt}"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
    draft = draft_of(treaty, year)
    return render(
        request,
        "backoffice/treaties/universalization.html",
        {
            "report": report,
            "rows": _report_rows(report, names, lang),
            "joined": [(e, names.get(e.state.code, e.state.code)) for e in report.joined],
            "year": year,
            "on": on,
            "draft": draft,
            "labels": STATUS_LABELS,
        },
    )


# -------------------------------------------------------------------------- the ISU's figures


@staff_only
@require_http_methods(["GET", "POST"])
def figures(request: HttpRequest) -> HttpResponse:
    treaty = _treaty()
    year = _year(request, clock.today().year)
    if request.method == "POST":
        try:
            document = isu.draft_isu_report(year, treaty=treaty, by=actor_of(request))
        except DomainError as exc:
            messages.error(request, _("No draft was made: %(why)s") % {"why": str(exc)})
        else:
            messages.success(
                request,
                _("The draft is recorded as %(symbol)s, in six languages.") % {"symbol": document.symbol},
            )
        return redirect(f"{reverse('backoffice:treaties_figures')}?year={year}")
    context = figures_context(treaty, year, public=False, lang=ui_lang(request))
    context["draft"] = isu.draft_of(year, treaty)
    return render(request, "backoffice/treaties/figures.html", context)
