"""The Article X database in the portal: the requests (for the people of States Parties), a State's
own offers and requests, the entry form (drafted by a State's contact point, authorised users or
focal point, submitted by its contact point; an international organization's focal point for its
offers; the secretariat on anyone's behalf), and one entry with the offers that fit it. Thin: the
domain checks and writes; who reads what is in `accounts.permissions` (section "cooperation")."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.accounts import permissions
from plenary.cooperation import domain, queries, vocabulary
from plenary.cooperation.models import LANGUAGES, Offer, Request, Status
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed
from plenary.participation.models import Organization
from plenary.portal.views import portal_view
from plenary.treaties.models import State
from plenary.web.views import ui_lang

KINDS = {"offer": Offer, "request": Request}


def _choices(words: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, gettext_lazy(label)) for code, label in words.items()]  # noqa: INT001


class EntryForm(forms.Form):
    provider = forms.ChoiceField(label=gettext_lazy("In the name of"))
    with_states = forms.CharField(
        label=gettext_lazy("Together with (other States, alpha-3 codes)"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("For example: DEU, KEN. Leave empty for an entry of one State."),
    )
    # The UN's order, each named in the reader's language; a new entry starts in the page's.
    language = forms.ChoiceField(label=gettext_lazy("Language of the entry"), choices=LANGUAGES)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    description = forms.CharField(label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 5}))
    types = forms.MultipleChoiceField(
        label=gettext_lazy("Types"), choices=_choices(vocabulary.TYPES), widget=forms.CheckboxSelectMultiple
    )
    fields = forms.MultipleChoiceField(
        label=gettext_lazy("Fields"), choices=_choices(vocabulary.FIELDS), widget=forms.CheckboxSelectMultiple
    )
    regions = forms.MultipleChoiceField(
        label=gettext_lazy("Regions covered"),
        choices=_choices(vocabulary.REGIONS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("None ticked: the offer is open to every region."),
    )
    region = forms.ChoiceField(
        label=gettext_lazy("Region"),
        choices=[("", gettext_lazy("the State's own regional group")), *_choices(vocabulary.REGIONS)],
        required=False,
    )
    contact = forms.CharField(label=gettext_lazy("Contact"), widget=forms.Textarea(attrs={"rows": 2}))
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, kind: str, providers: list[tuple[str, str]], editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = providers
        del self.fields["region" if kind == "offer" else "regions"]
        if editing:
            del self.fields["provider"]

    def clean_with_states(self) -> list[State]:
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["with_states"].upper()) if c]
        if any(not (len(c) == 3 and c.isascii() and c.isalpha()) for c in codes):
            raise forms.ValidationError(_("Give the other States by their three-letter codes."))
        found = {s.code: s for s in State.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(
                _("No State with the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return [found[c] for c in dict.fromkeys(codes)]


def providers_of(user, kind: str) -> list[tuple[str, str]]:
    """In whose name the user drafts: the States Parties they draft for (every State Party for the
    secretariat) and, for an offer, the international organizations whose focal point they are."""
    if permissions.is_staff(user):
        states = sorted(permissions.states_parties_among(set(State.objects.values_list("code", flat=True))))
        orgs = (
            list(
                Organization.objects.filter(kind__in=domain.ORGANIZATION_KINDS)
                .order_by("code")
                .values_list("code", flat=True)
            )
            if kind == "offer"
            else []
        )
    else:
        states = sorted(permissions.states_parties_among(permissions.drafting_states(user)))
        orgs = []
        if kind == "offer":
            mine = permissions.represented_organizations(user, focal_point_only=True)
            orgs = sorted(
                Organization.objects.filter(code__in=mine, kind__in=domain.ORGANIZATION_KINDS).values_list(
                    "code", flat=True
                )
            )
    return [(f"state:{c}", c) for c in states] + [(f"org:{c}", c) for c in orgs]


def _provider(value: str) -> dict:
    kind, _sep, code = value.partition(":")
    if kind == "state":
        return {"state": State.objects.get(code=code)}
    return {"organization": Organization.objects.get(code=code)}


def _values(data: dict, kind: str) -> dict:
    names = ("title", "description", "types", "fields", "contact", "language", "valid_until")
    values = {k: data[k] for k in names}
    if kind == "offer":
        values["regions"] = data["regions"]
    elif data.get("region"):
        values["region"] = data["region"]
    return values


def readable(user, kind: str, pk: int) -> Offer | Request:
    model = KINDS.get(kind)
    row = (
        model.objects.select_related("state", "organization")
        .prefetch_related("with_states")
        .filter(pk=pk)
        .first()
        if model
        else None
    )
    if row is None or not permissions.can_read_cooperation_entry(user, row):
        raise Http404
    return row


@portal_view("GET")
def requests(request: HttpRequest) -> HttpResponse:
    """The submitted requests, for the people of States Parties and the secretariat."""
    if not permissions.reads_restricted(request.user):
        raise PermissionDenied(_("Requests are available to States Parties only."))
    rows = [
        r
        for r in queries.requests_for(request.user).order_by("-published_on", "-pk")
        if r.status != Status.DRAFT
    ]
    return render(
        request,
        "portal/cooperation/requests.html",
        {
            "rows": queries.described(rows, ui_lang(request)),
            "may_draft": bool(providers_of(request.user, "request")),
        },
    )


@portal_view("GET")
def mine(request: HttpRequest) -> HttpResponse:
    """The offers and requests of the States (organizations) the user drafts for, drafts included."""
    if not (providers_of(request.user, "offer") or permissions.is_staff(request.user)):
        raise PermissionDenied
    offers, requests_ = queries.own_entries(request.user)
    lang = ui_lang(request)
    return render(
        request,
        "portal/cooperation/mine.html",
        {"offers": queries.described(offers, lang), "requests": queries.described(requests_, lang)},
    )


def _save(request: HttpRequest, form: EntryForm, kind: str, entry=None):
    data = dict(form.cleaned_data)
    submit = request.POST.get("action") == "submit"
    by = actor_of(request)
    if entry is None:
        where = _provider(data["provider"])
        if kind == "request":
            return domain.draft_request(
                where["state"], with_states=data["with_states"], submit=submit, by=by, **_values(data, kind)
            )
        return domain.draft_offer(
            **where, with_states=data["with_states"], submit=submit, by=by, **_values(data, kind)
        )
    entry = domain.edit_entry(entry, with_states=data["with_states"], by=by, **_values(data, kind))
    if submit and entry.status == Status.DRAFT:
        entry = domain.submit_entry(entry, by=by)
    return entry


@portal_view("GET", "POST")
def new(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    providers = providers_of(request.user, kind)
    if not providers:
        raise PermissionDenied
    form = EntryForm(
        request.POST or None, initial={"language": ui_lang(request)}, kind=kind, providers=providers
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                made = _save(request, form, kind)
            except NotAllowed as error:
                form.add_error(None, str(error))
                status = 403
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Submitted.")
                    if made.status == Status.OPEN
                    else _("Saved as a draft; the national contact point submits it."),
                )
                return redirect("portal:cooperation_entry", kind=kind, pk=made.pk)
    return render(
        request,
        "portal/cooperation/entry_form.html",
        {"form": form, "kind": kind, "may_submit": _may_submit_any(request.user, providers)},
        status=status,
    )


def _may_submit_any(user, providers) -> bool:
    return any(permissions.can_submit_cooperation(user, **_provider(value)) for value, _label in providers)


@portal_view("GET", "POST")
def edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = readable(request.user, kind, pk)
    rule = (
        permissions.can_draft_cooperation
        if entry.status == Status.DRAFT
        else permissions.can_submit_cooperation
    )
    if entry.status == Status.WITHDRAWN or not rule(
        request.user, state=entry.state, organization=entry.organization
    ):
        raise PermissionDenied
    initial = {
        "title": entry.title,
        "description": entry.description,
        "types": entry.types,
        "fields": entry.fields,
        "contact": entry.contact,
        "language": entry.language,
        "valid_until": entry.valid_until,
        "with_states": ", ".join(s.code for s in entry.with_states.all()),
        "regions": getattr(entry, "regions", []),
        "region": getattr(entry, "region", ""),
    }
    form = EntryForm(request.POST or None, initial=initial, kind=kind, providers=[], editing=True)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _save(request, form, kind, entry)
            except NotAllowed as error:
                form.add_error(None, str(error))
                status = 403
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("portal:cooperation_entry", kind=kind, pk=entry.pk)
    may_submit = entry.status == Status.DRAFT and permissions.can_submit_cooperation(
        request.user, state=entry.state, organization=entry.organization
    )
    return render(
        request,
        "portal/cooperation/entry_form.html",
        {"form": form, "kind": kind, "entry": entry, "may_submit": may_submit},
        status=status,
    )


@portal_view("GET", "POST")
def entry(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """One offer or request; a request with the offers that fit it and why; its State's contact
    point submits a draft or withdraws the entry here."""
    row = readable(request.user, kind, pk)
    who = {"state": row.state, "organization": row.organization}
    may_submit = permissions.can_submit_cooperation(request.user, **who)
    may_edit = row.status != Status.WITHDRAWN and (
        may_submit if row.status == Status.OPEN else permissions.can_draft_cooperation(request.user, **who)
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ("submit", "withdraw") or not may_submit:
            raise PermissionDenied
        try:
            if action == "submit":
                domain.submit_entry(row, by=actor_of(request))
            else:
                domain.withdraw_entry(row, by=actor_of(request), reason=request.POST.get("reason", ""))
        except DomainError as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("Submitted.") if action == "submit" else _("Withdrawn."))
            return redirect("portal:cooperation_entry", kind=kind, pk=row.pk)
        row = readable(request.user, kind, pk)
    fits = queries.fitting_offers(row) if kind == "request" and row.status == Status.OPEN else []
    lang = ui_lang(request)
    described = queries.described([f["offer"] for f in fits], lang)
    return render(
        request,
        "portal/cooperation/entry.html",
        {
            "row": queries.described([row], lang)[0],
            "kind": kind,
            "fits": [{**f, "d": d} for f, d in zip(fits, described, strict=True)],
            "may_submit": may_submit and row.status == Status.DRAFT,
            "may_withdraw": may_submit and row.status != Status.WITHDRAWN,
            "may_edit": may_edit,
            "matches": list(row.matches.select_related("offer", "request")) if kind == "request" else [],
        },
        status=status,
    )
