"""Article VII assistance in the portal: a State's national contact point submits a request in the
standard format (the guidance beside each field), readers consult the requests and the offers
database, a State's people or a partner organization's focal point record an offer. Thin: the
domain checks and writes; who reads what is `accounts.permissions.reads_assistance`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.accounts import permissions
from plenary.assistance import domain, guidance, queries, steps
from plenary.assistance.models import AssistanceOffer, AssistanceRequest
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed
from plenary.participation.models import Organization
from plenary.portal.views import portal_view
from plenary.treaties.models import State


def _choices(words: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, gettext_lazy(label)) for code, label in words.items()]  # noqa: INT001


def _field(name: str, field: forms.Field, table=guidance.REQUEST_FIELDS) -> forms.Field:
    label, help_text = table[name]
    field.label = gettext_lazy(label)  # noqa: INT001
    field.help_text = gettext_lazy(help_text)  # noqa: INT001
    return field


class RequestForm(forms.Form):
    state = forms.ModelChoiceField(
        queryset=State.objects.none(), label=gettext_lazy("Requesting State Party")
    )
    event_title = _field("event_title", forms.CharField(max_length=200))
    nature = _field("nature", forms.ChoiceField(choices=_choices(guidance.NATURES)))
    event_date = _field("event_date", forms.DateField(widget=forms.DateInput(attrs={"type": "date"})))
    place = _field("place", forms.CharField(max_length=300))
    description = _field("description", forms.CharField(widget=forms.Textarea(attrs={"rows": 5})))
    needs = _field(
        "needs",
        forms.MultipleChoiceField(choices=_choices(guidance.NEEDS), widget=forms.CheckboxSelectMultiple),
    )
    needs_detail = _field(
        "needs_detail", forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    )
    urgency = _field("urgency", forms.ChoiceField(choices=_choices(guidance.URGENCIES)))
    contacts = _field("contacts", forms.CharField(widget=forms.Textarea(attrs={"rows": 3})))
    exercise = _field("exercise", forms.BooleanField(required=False))

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states
        if states.count() == 1:
            self.fields["state"].initial = states.first()


class OfferForm(forms.Form):
    provider = forms.ChoiceField(label=gettext_lazy("Offered by"))
    title = _field("title", forms.CharField(max_length=200), guidance.OFFER_FIELDS)
    categories = _field(
        "categories",
        forms.MultipleChoiceField(choices=_choices(guidance.NEEDS), widget=forms.CheckboxSelectMultiple),
        guidance.OFFER_FIELDS,
    )
    capacity = _field(
        "capacity", forms.CharField(widget=forms.Textarea(attrs={"rows": 3})), guidance.OFFER_FIELDS
    )
    deploy_hours = _field("deploy_hours", forms.IntegerField(min_value=1), guidance.OFFER_FIELDS)
    mobile_unit = _field("mobile_unit", forms.BooleanField(required=False), guidance.OFFER_FIELDS)
    conditions = _field(
        "conditions",
        forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2})),
        guidance.OFFER_FIELDS,
    )
    contact = _field(
        "contact", forms.CharField(widget=forms.Textarea(attrs={"rows": 2})), guidance.OFFER_FIELDS
    )
    valid_until = _field(
        "valid_until",
        forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"})),
        guidance.OFFER_FIELDS,
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = providers


def _submitting_states(user) -> list[str]:
    if permissions.is_staff(user):
        return list(permissions.states_parties_among(set(State.objects.values_list("code", flat=True))))
    return sorted(permissions.states_parties_among(permissions.contact_point_states(user)))


def _offering(user) -> list[tuple[str, str]]:
    if permissions.is_staff(user):
        states = sorted(permissions.states_parties_among(set(State.objects.values_list("code", flat=True))))
        orgs = list(domain.PARTNERS)
    else:
        states = sorted(permissions.states_parties_among(permissions.state_people_of(user)))
        orgs = sorted(
            permissions.represented_organizations(user, focal_point_only=True) & set(domain.PARTNERS)
        )
    return [(f"state:{c}", c) for c in states] + [(f"org:{c}", c) for c in orgs]


@portal_view("GET")
def requests(request: HttpRequest) -> HttpResponse:
    """The requests the reader may read, newest first."""
    rows = queries.requests_for(request.user)
    if not permissions.reads_restricted(request.user) and not permissions.state_people_of(request.user):
        raise PermissionDenied
    return render(
        request,
        "portal/assistance/requests.html",
        {"rows": list(rows), "steps": steps.STEPS, "may_submit": bool(_submitting_states(request.user))},
    )


@portal_view("GET", "POST")
def new_request(request: HttpRequest) -> HttpResponse:
    """The request form, with the guidance beside each field."""
    codes = _submitting_states(request.user)
    if not codes:
        raise PermissionDenied
    form = RequestForm(request.POST or None, states=State.objects.filter(code__in=codes).order_by("code"))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            state = data.pop("state")
            try:
                made = domain.submit_request(state, by=actor_of(request), **data)
            except NotAllowed:
                raise
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The request for assistance has been submitted."))
                return redirect("portal:assistance_request", pk=made.pk)
    return render(request, "portal/assistance/request_new.html", {"form": form}, status=status)


def readable_request(user, pk: int) -> AssistanceRequest:
    row = AssistanceRequest.objects.select_related("state").filter(pk=pk).first()
    if row is None or not permissions.reads_assistance(user, state=row.state):
        raise Http404
    return row


@portal_view("GET", "POST")
def request_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One request, its timeline; its contact point may withdraw it while it is open."""
    row = readable_request(request.user, pk)
    may_withdraw = permissions.can_submit_for_state(request.user, row.state) and row.status not in steps.FINAL
    status = 200
    if request.method == "POST":
        if not may_withdraw:
            raise PermissionDenied
        try:
            domain.withdraw(row, by=actor_of(request), note=request.POST.get("note", ""))
        except NotAllowed:
            raise
        except DomainError as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("The request has been withdrawn."))
            return redirect("portal:assistance_request", pk=row.pk)
    return render(
        request,
        "portal/assistance/request.html",
        {
            "r": row,
            "timeline": queries.timeline(row),
            "needs": [guidance.NEEDS[n] for n in row.needs],
            "may_withdraw": may_withdraw,
            "matches": list(row.matches.select_related("offer__state", "offer__organization")),
        },
        status=status,
    )


@portal_view("GET")
def offers(request: HttpRequest) -> HttpResponse:
    """The offers database, for its readers: by kind of assistance, the quickest first."""
    rows = queries.offers_for(request.user)
    if not permissions.reads_restricted(request.user) and not _offering(request.user):
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    kind = kind if kind in guidance.NEEDS else ""
    listed = [
        {
            "o": o,
            "kinds": [_(guidance.NEEDS[c]) for c in o.categories],  # noqa: INT001
            "may_change": not o.withdrawn
            and permissions.can_offer_assistance(request.user, state=o.state, organization=o.organization),
        }
        for o in rows.order_by("deploy_hours", "pk")
        if not kind or kind in o.categories
    ]
    return render(
        request,
        "portal/assistance/offers.html",
        {"rows": listed, "kinds": guidance.NEEDS, "kind": kind, "may_offer": bool(_offering(request.user))},
    )


@portal_view("GET", "POST")
def new_offer(request: HttpRequest) -> HttpResponse:
    providers = _offering(request.user)
    if not providers:
        raise PermissionDenied
    form = OfferForm(request.POST or None, providers=providers)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            kind, code = data.pop("provider").split(":", 1)
            where = (
                {"state": State.objects.get(code=code)}
                if kind == "state"
                else {"organization": Organization.objects.get(code=code)}
            )
            try:
                domain.record_offer(by=actor_of(request), **where, **data)
            except NotAllowed:
                raise
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The offer of assistance has been recorded."))
                return redirect("portal:assistance_offers")
    return render(request, "portal/assistance/offer_new.html", {"form": form}, status=status)


class EditOfferForm(OfferForm):
    """The offer's fields without its provider, which does not change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, providers=[], **kwargs)
        del self.fields["provider"]


def _changeable_offer(user, pk: int) -> AssistanceOffer:
    """The offer, if the reader may read it (else 404) and change it (else 403)."""
    offer = queries.offers_for(user).select_related("state", "organization").filter(pk=pk).first()
    if offer is None:
        raise Http404
    if not permissions.can_offer_assistance(user, state=offer.state, organization=offer.organization):
        raise PermissionDenied
    return offer


@portal_view("GET", "POST")
def edit_offer(request: HttpRequest, pk: int) -> HttpResponse:
    """The provider's people (or the secretariat) change an open offer."""
    offer = _changeable_offer(request.user, pk)
    initial = {name: getattr(offer, name) for name in domain.EDITABLE}
    form = EditOfferForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                domain.edit_offer(offer, by=actor_of(request), **form.cleaned_data)
            except NotAllowed:
                raise
            except DomainError as error:
                form.add_error(None, _(str(error)))
            else:
                messages.success(request, _("The offer of assistance has been changed."))
                return redirect("portal:assistance_offers")
    return render(request, "portal/assistance/offer_edit.html", {"form": form, "offer": offer}, status=status)


@portal_view("POST")
def withdraw_offer(request: HttpRequest, pk: int) -> HttpResponse:
    offer = _changeable_offer(request.user, pk)
    try:
        domain.withdraw_offer(offer, by=actor_of(request), note=request.POST.get("note", ""))
    except NotAllowed:
        raise
    except DomainError as error:
        messages.error(request, _(str(error)))
    else:
        messages.success(request, _("The offer of assistance has been withdrawn."))
    return redirect("portal:assistance_offers")
