"""A State's CBM report in the portal: its national contact point, authorised users and focal point
draft the year's report (Form 0, the forms' entries with the fields of cbm/forms.py, the languages
and the point of contact), a colleague of the same State adds to the same draft, the contact point
submits it as public or restricted to States Parties; a submitted version is read-only (on the
public site's report page), and a correction starts the next version.

Thin: the rules are `accounts.permissions.can_draft_for_state` / `can_submit_for_state` and the
checks of cbm/domain.py and cbm/forms.py, whose messages the pages show. A report the reader may not
read is not found (404); a draft of another State is not found either."""

from __future__ import annotations

from django import forms as djforms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from plenary.accounts import permissions
from plenary.cbm import domain, forms, queries
from plenary.cbm.models import CbmEntry, CbmReport
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed
from plenary.portal.views import portal_view
from plenary.treaties.models import State
from plenary.web.cbm_views import report_context, state_names
from plenary.web.languages import LANGUAGE_LABELS

# The contact person's title (Mr, Ms: Spanish "Tratamiento") and name (Chinese "姓名"), not the
# site's title and name of a document or a thing: hence the context.
CONTACT_LABELS = {
    "title": pgettext_lazy("cbm person", "Title"),
    "name": pgettext_lazy("cbm person", "Name"),
    "position": gettext_lazy("Position"),
    "address": gettext_lazy("Postal address"),
    "telephone": gettext_lazy("Telephone"),
    "fax": gettext_lazy("Fax"),
    "email": gettext_lazy("E-mail"),
    "url": gettext_lazy("Website"),
    "organization": gettext_lazy("Organization"),
}
YES_NO = [("", "—"), (forms.YES, gettext_lazy("yes")), (forms.NO, gettext_lazy("no"))]


def _drafting_states(user) -> list[State]:
    if permissions.is_staff(user):
        return list(State.objects.order_by("code"))
    return list(State.objects.filter(code__in=permissions.drafting_states(user)).order_by("code"))


class StartForm(djforms.Form):
    state = djforms.ModelChoiceField(queryset=State.objects.none(), label=gettext_lazy("State"))
    year = djforms.IntegerField(label=gettext_lazy("Calendar year covered"))
    languages = djforms.MultipleChoiceField(
        label=gettext_lazy("Languages of the report"),
        choices=list(LANGUAGE_LABELS.items()),
        widget=djforms.CheckboxSelectMultiple,
        initial=["en"],
    )

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = State.objects.filter(pk__in=[s.pk for s in states]).order_by("code")
        if len(states) == 1:
            self.fields["state"].initial = states[0]
        self.fields["year"].initial = clock.today().year - 1


class DetailsForm(djforms.Form):
    languages = djforms.MultipleChoiceField(
        label=gettext_lazy("Languages of the report"),
        choices=list(LANGUAGE_LABELS.items()),
        widget=djforms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in domain.CONTACT_FIELDS:
            self.fields[f"contact_{name}"] = djforms.CharField(
                label=CONTACT_LABELS[name], required=False, max_length=500
            )


def entry_form(spec: forms.Form, data=None, initial=None) -> djforms.Form:
    """A Django form with the fields of a CBM form (cbm/forms.py). Every field is optional here:
    what is required, and every other rule, is checked by cbm/forms.py, whose messages the page
    shows; Django's own fields refuse NUL bytes."""
    fields: dict[str, djforms.Field] = {}
    for f in spec.fields:
        if isinstance(f.label, forms.Cell):  # Form E's "(a) Legislation": the column translated
            label = lazy(f.label.text, str)(True)
        else:
            label = gettext_lazy(f.label)  # noqa: INT001 (the labels are marked in cbm/forms.py)
        if f.kind == forms.YES_NO:
            field: djforms.Field = djforms.ChoiceField(choices=YES_NO, required=False, label=label)
        elif f.kind == forms.CHOICE:
            field = djforms.ChoiceField(
                choices=[("", "—"), *[(c, c) for c in f.choices]], required=False, label=label
            )
        elif f.kind == forms.LONG_TEXT:
            field = djforms.CharField(widget=djforms.Textarea(attrs={"rows": 4}), required=False, label=label)
        else:
            field = djforms.CharField(required=False, label=label)
        field.widget.attrs["data-required"] = "true" if f.required else "false"
        if f.required:
            field.label_suffix = " *"
        fields[f.name] = field
    cls = type(f"Form{spec.code}", (djforms.Form,), fields)
    return cls(data, initial=initial)


def _report(request: HttpRequest, pk: int) -> CbmReport:
    """The report, if the reader may read it (else 404, as for a report that does not exist)."""
    report = (
        queries.readable_reports(request.user)
        .filter(pk=pk)
        .prefetch_related("declarations", "entries")
        .first()
    )
    if report is None:
        raise Http404
    return report


def _draft(request: HttpRequest, pk: int) -> CbmReport:
    """The report as a draft the reader drafts: another State's report is not found; a submitted
    one is read on its page (403 to change it)."""
    report = _report(request, pk)
    if not permissions.can_draft_for_state(request.user, report.state):
        raise Http404
    if report.status != CbmReport.Status.DRAFT:
        raise PermissionDenied
    return report


@portal_view("GET")
def reports(request: HttpRequest) -> HttpResponse:
    """The CBM reports of the States the reader drafts for (all States for the secretariat), and
    the form to start the year's report."""
    states = _drafting_states(request.user)
    if not states:
        raise PermissionDenied
    found = (
        queries.readable_reports(request.user)
        .filter(state__in=states)
        .order_by("-year", "state__code", "-version")
    )
    names = state_names(request)
    rows = [{"r": r, "name": names.get(r.state.code, r.state.code)} for r in found[:500]]
    return render(
        request,
        "portal/cbm/reports.html",
        {"rows": rows, "form": StartForm(states=states)},
    )


@portal_view("POST")
def start(request: HttpRequest) -> HttpResponse:
    """Start the year's report (version 1, or the next version after a submitted one)."""
    states = _drafting_states(request.user)
    if not states:
        raise PermissionDenied
    form = StartForm(request.POST, states=states)
    if form.is_valid():
        try:
            made = domain.start_report(
                form.cleaned_data["state"],
                form.cleaned_data["year"],
                languages=form.cleaned_data["languages"],
                by=actor_of(request),
            )
        except NotAllowed:
            raise
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The report is started: answer Form 0 and fill in the forms."))
            return redirect("portal:cbm_report", pk=made.pk)
    found = queries.readable_reports(request.user).filter(state__in=states).order_by("-year", "state__code")
    names = state_names(request)
    rows = [{"r": r, "name": names.get(r.state.code, r.state.code)} for r in found[:500]]
    return render(request, "portal/cbm/reports.html", {"rows": rows, "form": form}, status=400)


def _page(request: HttpRequest, report: CbmReport, *, status: int = 200, details=None) -> HttpResponse:
    context = report_context(report, request, editable=True)
    rows = {d.measure: d for d in report.declarations.all()}
    context.update(
        {
            "form0_rows": [
                {
                    "code": code,
                    "label": label,
                    "answer": request.POST.get(f"answer_{code}")
                    if request.method == "POST" and status != 200
                    else (rows[code].answer if code in rows else ""),
                    "year": request.POST.get(f"year_{code}", "")
                    if request.method == "POST" and status != 200
                    else (rows[code].last_year or "" if code in rows else ""),
                }
                for code, label in forms.MEASURES.items()
            ],
            "details": details
            or DetailsForm(
                initial={
                    "languages": report.languages,
                    **{f"contact_{k}": v for k, v in report.contact.items()},
                }
            ),
            "may_submit": permissions.can_submit_for_state(request.user, report.state),
            "contact_labels": CONTACT_LABELS,
            "language_names": LANGUAGE_LABELS,
        }
    )
    return render(request, "portal/cbm/report.html", context, status=status)


@portal_view("GET")
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft to work on; a submitted version is read on the public site's page."""
    found = _report(request, pk)
    if found.status == CbmReport.Status.SUBMITTED:
        return redirect("web:cbm_report", pk=found.pk)
    if not permissions.can_draft_for_state(request.user, found.state):
        raise Http404
    return _page(request, found)


@portal_view("POST")
def form0(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer Form 0: every row answered at once, or none when a row is wrong."""
    found = _draft(request, pk)
    rows = []
    for code in forms.MEASURES:
        answer = request.POST.get(f"answer_{code}", "")
        if not answer:
            continue
        raw = request.POST.get(f"year_{code}", "").strip()
        year: object = None
        if raw:
            year = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else raw[:10]
        rows.append(forms.Declaration(code, answer[:20], year))  # type: ignore[arg-type]
    try:
        domain.set_form0(found, rows, by=actor_of(request))
    except NotAllowed:
        raise
    except DomainError as error:
        messages.error(request, str(error))
        return _page(request, found, status=400)
    messages.success(request, _("Form 0 is saved."))
    return redirect("portal:cbm_report", pk=found.pk)


@portal_view("POST")
def details(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's languages and national point of contact."""
    found = _draft(request, pk)
    form = DetailsForm(request.POST)
    if form.is_valid():
        contact = {k: form.cleaned_data[f"contact_{k}"] for k in domain.CONTACT_FIELDS}
        try:
            domain.update_report(
                found, languages=form.cleaned_data["languages"], contact=contact, by=actor_of(request)
            )
        except NotAllowed:
            raise
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The languages and the point of contact are saved."))
            return redirect("portal:cbm_report", pk=found.pk)
    return _page(request, found, status=400, details=form)


def _entry_page(request, report, spec, form, entry=None, status=200):
    context = {
        "report": report,
        "state_name": state_names(request).get(report.state.code, report.state.code),
        "spec": spec,
        "form": form,
        "entry": entry,
        "topics": forms.E_TOPICS,
        "columns": forms.E_COLUMNS,
        "programmes": [e.data.get("name") for e in report.entries.all() if e.form == "A2ii"],
    }
    if spec.code == "E":
        context["grid"] = [
            {"topic": t, "label": label, "cells": [form[f"{t}_{c}"] for c in forms.E_COLUMNS]}
            for t, label in forms.E_TOPICS.items()
        ]
    return render(request, "portal/cbm/entry.html", context, status=status)


def _cleaned(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}


@portal_view("GET", "POST")
def add_entry(request: HttpRequest, pk: int, form_code: str) -> HttpResponse:
    """Add an entry to one of the forms (a facility, a programme, an outbreak; a form that occurs
    once)."""
    found = _draft(request, pk)
    spec = forms.FORMS.get(form_code)
    if spec is None:
        raise Http404
    form = entry_form(spec, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                domain.add_entry(found, spec.code, _cleaned(form), by=actor_of(request))
            except NotAllowed:
                raise
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The entry is added to the report."))
                return redirect("portal:cbm_report", pk=found.pk)
        return _entry_page(request, found, spec, form, status=400)
    return _entry_page(request, found, spec, form)


def _entry_of(report: CbmReport, entry_pk: int) -> CbmEntry:
    entry = next((e for e in report.entries.all() if e.pk == entry_pk), None)
    if entry is None:
        raise Http404
    return entry


@portal_view("GET", "POST")
def entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """Change an entry of the draft."""
    found = _draft(request, pk)
    row = _entry_of(found, entry_pk)
    spec = forms.FORMS[row.form]
    form = entry_form(spec, request.POST or None, initial=row.data)
    if request.method == "POST":
        if form.is_valid():
            try:
                domain.update_entry(row, _cleaned(form), by=actor_of(request))
            except NotAllowed:
                raise
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The entry is saved."))
                return redirect("portal:cbm_report", pk=found.pk)
        return _entry_page(request, found, spec, form, entry=row, status=400)
    return _entry_page(request, found, spec, form, entry=row)


@portal_view("POST")
def remove_entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    found = _draft(request, pk)
    row = _entry_of(found, entry_pk)
    try:
        domain.remove_entry(row, by=actor_of(request))
    except NotAllowed:
        raise
    except DomainError as error:
        messages.error(request, str(error))
        return _page(request, found, status=400)
    messages.success(request, _("The entry is taken out of the report."))
    return redirect("portal:cbm_report", pk=found.pk)


@portal_view("POST")
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The contact point submits the draft, public or restricted to States Parties."""
    found = _draft(request, pk)
    if not permissions.can_submit_for_state(request.user, found.state):
        raise PermissionDenied
    try:
        done = domain.submit_report(
            found, visibility=request.POST.get("visibility", "")[:20], by=actor_of(request)
        )
    except NotAllowed:
        raise
    except DomainError as error:
        messages.error(request, str(error))
        return _page(request, found, status=400)
    messages.success(
        request, _("The report is submitted. It no longer changes; a correction is a new version.")
    )
    return redirect("web:cbm_report", pk=done.pk)


@portal_view("POST")
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a correction of a submitted version: the next version, a draft holding its content."""
    found = _report(request, pk)
    if not permissions.can_draft_for_state(request.user, found.state):
        raise PermissionDenied
    if found.status != CbmReport.Status.SUBMITTED:
        return redirect("portal:cbm_report", pk=found.pk)
    try:
        made = domain.start_report(found.state, found.year, languages=found.languages, by=actor_of(request))
    except NotAllowed:
        raise
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("web:cbm_report", pk=found.pk)
    messages.success(
        request, _("A correction is started as version %(version)s.") % {"version": made.version}
    )
    return redirect("portal:cbm_report", pk=made.pk)
