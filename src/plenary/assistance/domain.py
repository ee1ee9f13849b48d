"""The writers of Article VII assistance: requests submitted, offers recorded, and the secretariat's
steps on a request (acknowledged, offers matched, partners notified, assistance delivered, closed),
or its withdrawal by the requesting State.

Who reads what (`accounts.permissions.reads_assistance`): a request is read by the secretariat, the
requesting State's people and the people of any State Party (`reads_restricted`); an offer likewise,
and by its provider's people. Anonymous visitors, NGOs and the people of States not party read
neither. Requests concern a State's security and offers its capacities: both are kept among States
Parties, as the Article X requests are.

Each step is a row with who took it and when, in the order of `assistance.steps`; each tells the
requesting State's people (Notification.Kind.ART7_STEP); notifying the partners tells the partner
organizations' people (ART7_PARTNER). Every write is audited; the secretariat acting in a State's
name is marked on the record and in the audit entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as _

from plenary.accounts import notify as notifications
from plenary.accounts import permissions
from plenary.accounts.models import Notification, Role
from plenary.assistance import guidance, steps
from plenary.assistance.models import AssistanceOffer, AssistanceRequest, AssistanceStep, OfferMatch
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import acting_for_code, log_action
from plenary.core.errors import DomainError, Frozen, NotAllowed, plain_text, term
from plenary.participation.models import Organization
from plenary.treaties.models import State

PARTNERS = ("WHO", "OIE", "FAO")  # WOAH keeps the code OIE in Plenary's organizations
MAX_TITLE, MAX_PLACE, MAX_TEXT = 200, 300, 10_000
MAX_DEPLOY_HOURS = 24 * 365


def _codes(value: Any, what: str) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise DomainError(_("%(what)s is a list of kinds of assistance"), what=term(what))
    if not all(isinstance(v, str) for v in value):
        raise DomainError(_("%(what)s is a list of kinds of assistance"), what=term(what))
    unknown = guidance.unknown_needs(value)
    if unknown:
        raise DomainError(
            _("%(what)s: %(codes)s is not a kind of assistance"),
            what=term(what),
            codes=", ".join(unknown)[:200],
        )
    if not value:
        raise DomainError(_("%(what)s: tick at least one kind of assistance"), what=term(what))
    return [code for code in guidance.NEEDS if code in set(value)]


def _choice(value: Any, choices: dict[str, str], what: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise DomainError(
            _("%(what)s is one of %(choices)s, not %(value)s"),
            what=term(what),
            choices=", ".join(choices),
            value=repr(value)[:200],
        )
    return value


def _date(value: Any, what: str) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("%(what)s is a date, not %(value)s"), what=term(what), value=repr(value)[:150])
    return value


def _at(at: Any, by: Actor) -> dt.datetime:
    """When a step was taken: now, or for a record load (the demo) the moment it gives, not in the
    future."""
    if at is None:
        return timezone.now()
    if by.via != "load":
        raise DomainError(_("only a record load gives the moment of a step; otherwise it is now"))
    if not isinstance(at, dt.datetime) or timezone.is_naive(at):
        raise DomainError(_("the moment of a step is a date and time with its time zone"))
    if at > timezone.now():
        raise DomainError(_("a step cannot be taken in the future"))
    return at


def people_of_state(state: State) -> list[User]:
    """The requesting State's people who hear of its request's steps: its focal points, delegates,
    national contact point and authorised users."""
    return list(
        User.objects.filter(
            plenary_roles__state=state, plenary_roles__kind__in=permissions.STATE_KINDS, is_active=True
        )
        .distinct()
        .order_by("pk")
    )


def request_snapshot(request: AssistanceRequest) -> dict[str, Any]:
    return {
        "state": request.state.code,
        "event_title": request.event_title,
        "nature": request.nature,
        "event_date": request.event_date.isoformat(),
        "place": request.place,
        "needs": list(request.needs),
        "urgency": request.urgency,
        "exercise": request.exercise,
        "demo": request.demo,
        "status": request.status,
        "on_behalf": request.on_behalf,
    }


def offer_snapshot(offer: AssistanceOffer) -> dict[str, Any]:
    return {
        "provider": str(offer.provider),
        "title": offer.title,
        "categories": list(offer.categories),
        "deploy_hours": offer.deploy_hours,
        "mobile_unit": offer.mobile_unit,
        "valid_until": offer.valid_until.isoformat() if offer.valid_until else None,
        "demo": offer.demo,
        "withdrawn": offer.withdrawn,
        "on_behalf": offer.on_behalf,
    }


def _words(*labels: str) -> Any:
    """Labels joined, each translated into the recipient's language when the message is written."""
    return format_lazy(", ".join(["{}"] * len(labels)), *[gettext_lazy(label) for label in labels])  # noqa: INT001


def _label(request: AssistanceRequest) -> str:
    mark = " [EXERCISE]" if request.exercise else ""
    return f"{request.state.code}-{request.pk}: {request.event_title}{mark}"


def _url(request: AssistanceRequest) -> dict[str, str] | str:
    try:
        return notifications.page_urls("portal:assistance_request", request.pk)
    except Exception:  # the portal page is not there (yet): the notification has no link
        return ""


def submit_request(
    state: State,
    *,
    event_title: str,
    nature: str,
    event_date: dt.date,
    place: str,
    description: str,
    needs: Sequence[str],
    urgency: str,
    contacts: str,
    needs_detail: str = "",
    exercise: bool = False,
    demo: bool = False,
    at: dt.datetime | None = None,
    by: Actor,
) -> AssistanceRequest:
    """A State Party's request for assistance in the standard format.

    Guarantees: the State's national contact point, or the secretariat on its behalf (marked on the
    request and in the audit entry); the State is a State Party today; every field checked (texts
    trimmed and bounded, the nature, urgency and kinds of assistance of the lists, the event's
    date not in the future); the first step (submitted) written with who and when. Audited."""
    if not isinstance(state, State):
        raise DomainError(_("a request names a recorded State"))
    if not permissions.can_submit_for_state(by, state):
        raise NotAllowed(
            _("only the national contact point of %(state)s or the secretariat submits its requests"),
            state=state.code,
        )
    if not permissions.states_parties_among({state.code}):
        raise DomainError(
            _("%(state)s is not a State Party: only a State Party may request assistance under Article VII"),
            state=state.code,
        )
    if not isinstance(exercise, bool) or not isinstance(demo, bool):
        raise DomainError(_("the exercise and demo marks are yes or no"))
    when = _date(event_date, _("the date of the event"))
    if when > clock.today():
        raise DomainError(_("the date of the event %(date)s is in the future"), date=when)
    values = {
        "event_title": plain_text(event_title, _("the title of the event"), limit=MAX_TITLE),
        "nature": _choice(nature, guidance.NATURES, _("the nature of the event")),
        "event_date": when,
        "place": plain_text(place, _("the place of the event"), limit=MAX_PLACE),
        "description": plain_text(description, _("the description"), limit=MAX_TEXT),
        "needs": _codes(needs, _("the assistance needed")),
        "needs_detail": plain_text(
            needs_detail, _("the details of the assistance needed"), limit=MAX_TEXT, required=False
        ),
        "urgency": _choice(urgency, guidance.URGENCIES, _("the urgency")),
        "contacts": plain_text(contacts, _("the points of contact"), limit=MAX_TEXT),
    }
    acting = permissions.acting_for_state(by, state)
    now = _at(at, by)
    with transaction.atomic():
        request = AssistanceRequest.objects.create(
            state=state,
            exercise=exercise,
            demo=demo,
            status=steps.SUBMITTED,
            submitted_at=now,
            submitted_by=by.name,
            on_behalf=bool(acting),
            **values,
        )
        AssistanceStep.objects.create(request=request, step=steps.SUBMITTED, at=now, by=by.name)
        log_action(by, "assistance.submit", request, after=request_snapshot(request), acting_for=acting)
        notifications.notify(
            Notification.Kind.ART7_STEP,
            [*people_of_state(state), *notifications.staff_users()],
            context={"request": _label(request), "step": _words(steps.STEPS[steps.SUBMITTED]), "note": ""},
            url=_url(request),
        )
    return request


def record_offer(
    *,
    state: State | None = None,
    organization: Organization | None = None,
    title: str,
    categories: Sequence[str],
    capacity: str,
    deploy_hours: int,
    contact: str,
    mobile_unit: bool = False,
    conditions: str = "",
    valid_until: dt.date | None = None,
    demo: bool = False,
    by: Actor,
) -> AssistanceOffer:
    """An offer of assistance by a State Party or a partner organization (WHO, OIE, FAO).

    Guarantees: one provider; a State's people for their State, an organization's focal point for
    it, or the secretariat (marked as on the provider's behalf); a State provider is a State
    Party, an organization one of the partners; the kinds of the list, the hours to deploy a whole
    number from 1 to a year's, the validity not past; texts checked. Audited."""
    if (state is None) == (organization is None):
        raise DomainError(_("an offer is made by one State Party or one partner organization"))
    if state is not None and not isinstance(state, State):
        raise DomainError(_("an offer names a recorded State"))
    if organization is not None and not isinstance(organization, Organization):
        raise DomainError(_("an offer names a recorded organization"))
    if not permissions.can_offer_assistance(by, state=state, organization=organization):
        raise NotAllowed(_("only the provider's people or the secretariat record its offers of assistance"))
    if state is not None and not permissions.states_parties_among({state.code}):
        raise DomainError(
            _("%(state)s is not a State Party: offers under Article VII come from States Parties"),
            state=state.code,
        )
    if organization is not None and organization.code not in PARTNERS:
        raise DomainError(
            _("%(code)s is not a partner organization (%(partners)s)"),
            code=organization.code,
            partners=", ".join(PARTNERS),
        )
    if not isinstance(demo, bool):
        raise DomainError(_("the mobile biomedical unit and demo marks are yes or no"))
    values = _offer_values(
        title=title,
        categories=categories,
        capacity=capacity,
        deploy_hours=deploy_hours,
        contact=contact,
        mobile_unit=mobile_unit,
        conditions=conditions,
        valid_until=valid_until,
    )
    if state is not None:
        acting = permissions.acting_for_state(by, state)
    elif by.via != "load" and organization.code not in permissions.represented_organizations(by):  # type: ignore[union-attr]
        acting = acting_for_code("Organization", organization.code)  # type: ignore[union-attr]
    else:
        acting = ""
    with transaction.atomic():
        offer = AssistanceOffer.objects.create(
            state=state,
            organization=organization,
            demo=demo,
            recorded_at=timezone.now(),
            recorded_by=by.name,
            on_behalf=bool(acting),
            **values,
        )
        log_action(by, "assistance.offer", offer, after=offer_snapshot(offer), acting_for=acting)
    return offer


def _offer_values(
    *,
    title: Any,
    categories: Any,
    capacity: Any,
    deploy_hours: Any,
    contact: Any,
    mobile_unit: Any,
    conditions: Any,
    valid_until: Any,
) -> dict[str, Any]:
    """An offer's fields checked (for a new offer and for an edit alike)."""
    if isinstance(deploy_hours, bool) or not isinstance(deploy_hours, int):
        raise DomainError(_("the time to deploy is a whole number of hours"))
    if not 1 <= deploy_hours <= MAX_DEPLOY_HOURS:
        raise DomainError(
            _("the time to deploy is from 1 to %(most)s hours, not %(hours)s"),
            most=MAX_DEPLOY_HOURS,
            hours=deploy_hours,
        )
    if not isinstance(mobile_unit, bool):
        raise DomainError(_("the mobile biomedical unit and demo marks are yes or no"))
    until = None if valid_until is None else _date(valid_until, _("the last day of the offer"))
    if until is not None and until < clock.today():
        raise DomainError(_("the offer would end on %(date)s, which is past"), date=until)
    return {
        "title": plain_text(title, _("the title of the offer"), limit=MAX_TITLE),
        "categories": _codes(categories, _("the kinds of assistance offered")),
        "capacity": plain_text(capacity, _("the capacity"), limit=MAX_TEXT),
        "contact": plain_text(contact, _("the contact"), limit=MAX_TEXT),
        "conditions": plain_text(conditions, _("the conditions"), limit=MAX_TEXT, required=False),
        "deploy_hours": deploy_hours,
        "mobile_unit": mobile_unit,
        "valid_until": until,
    }


def _offer_acting(offer: AssistanceOffer, by: Actor) -> str:
    """The provider the secretariat acts for on `offer` ("" when its own people act)."""
    if offer.state_id is not None:
        return permissions.acting_for_state(by, offer.state)
    if by.via != "load" and offer.organization.code not in permissions.represented_organizations(by):
        return acting_for_code("Organization", offer.organization.code)
    return ""


def _own_offer(offer: Any, by: Actor, what: str) -> AssistanceOffer:
    """The offer, locked, after checking that `by` may change it and that it is still open."""
    if not isinstance(offer, AssistanceOffer):
        raise DomainError(_("an offer that is recorded"))
    if not permissions.can_offer_assistance(by, state=offer.state, organization=offer.organization):
        raise NotAllowed(
            _("only the provider's people or the secretariat changes its offers of assistance")
            if what == "changes"
            else _("only the provider's people or the secretariat withdraws its offers of assistance")
        )
    locked = (
        AssistanceOffer.objects.select_for_update(of=("self",))
        .select_related("state", "organization")
        .get(pk=offer.pk)
    )
    if locked.withdrawn:
        raise Frozen(_("the offer %(title)s is withdrawn and can no longer change"), title=repr(locked.title))
    return locked


EDITABLE = (
    "title",
    "categories",
    "capacity",
    "deploy_hours",
    "contact",
    "mobile_unit",
    "conditions",
    "valid_until",
)


def edit_offer(offer: AssistanceOffer, *, by: Actor, **changes: Any) -> AssistanceOffer:
    """The provider (its people, or the secretariat on its behalf, marked) changes an open offer.

    Guarantees: only the fields of EDITABLE (not the provider, not the demo mark); each checked as
    for a new offer; a withdrawn offer is Frozen; nothing written when nothing changes or when a
    field is refused; the audit entry has the values before and after."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise DomainError(_("%(fields)s cannot be changed on an offer"), fields=", ".join(unknown)[:200])
    with transaction.atomic():
        locked = _own_offer(offer, by, "changes")
        current = {name: getattr(locked, name) for name in EDITABLE}
        values = _offer_values(**{**current, **changes})
        if values == current:
            raise DomainError(_("nothing to change: the offer already says this"))
        before = offer_snapshot(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(EDITABLE))
        log_action(
            by,
            "assistance.edit_offer",
            locked,
            before=before,
            after=offer_snapshot(locked),
            acting_for=_offer_acting(locked, by),
        )
    for name, value in values.items():
        setattr(offer, name, value)
    return locked


def withdraw_offer(offer: AssistanceOffer, *, by: Actor, note: str = "") -> AssistanceOffer:
    """The provider (or the secretariat on its behalf, marked) withdraws an offer.

    Guarantees: an offer withdrawn is Frozen (it stays on record, marked withdrawn, and can no
    longer be matched); the matches already made stay as they are, with their status; audited with
    the note."""
    text = plain_text(note, _("the note"), limit=MAX_TEXT, required=False)
    with transaction.atomic():
        locked = _own_offer(offer, by, "withdraws")
        locked.withdrawn = True
        locked.save(update_fields=["withdrawn"])
        log_action(
            by,
            "assistance.withdraw_offer",
            locked,
            before={"withdrawn": False},
            after={"withdrawn": True, "note": text},
            acting_for=_offer_acting(locked, by),
        )
    offer.withdrawn = True
    return locked


# What becomes of an offer matched to a request, as the secretariat records it: the requesting State
# accepts or declines it, and an accepted offer is delivered (or declined after all).
MATCH_MOVES = {
    OfferMatch.Status.PROPOSED: (OfferMatch.Status.ACCEPTED, OfferMatch.Status.DECLINED),
    OfferMatch.Status.ACCEPTED: (OfferMatch.Status.DELIVERED, OfferMatch.Status.DECLINED),
    OfferMatch.Status.DECLINED: (),
    OfferMatch.Status.DELIVERED: (),
}


def set_match_status(match: OfferMatch, status: Any, *, by: Actor, note: str = "") -> OfferMatch:
    """The secretariat records what became of a matched offer: accepted or declined by the
    requesting State, then delivered.

    Guarantees: staff only; only the moves of MATCH_MOVES (declined and delivered are final); the
    request not closed or withdrawn (Frozen); the note kept on the match; audited; the requesting
    State's people told (ART7_STEP, with the offer and its new status)."""
    permissions.require_staff(by, _("records what became of matched offers"))
    if not isinstance(match, OfferMatch):
        raise DomainError(_("a match that is recorded"))
    if not isinstance(status, str) or status not in OfferMatch.Status.values:
        raise DomainError(
            _("a match is %(statuses)s, not %(value)s"),
            statuses=", ".join(OfferMatch.Status.values),
            value=repr(status)[:200],
        )
    text = plain_text(note, _("the note"), limit=MAX_TEXT, required=False)
    with transaction.atomic():
        locked = (
            OfferMatch.objects.select_for_update(of=("self",))
            .select_related("request__state", "offer__state", "offer__organization")
            .get(pk=match.pk)
        )
        if locked.request.status in steps.FINAL:
            raise Frozen(
                _("the request is %(status)s: its matches can no longer change"),
                status=term(locked.request.status),
            )
        if status not in MATCH_MOVES[locked.status]:
            raise DomainError(
                _("a match %(status)s cannot become %(new)s"), status=term(locked.status), new=term(status)
            )
        before = {"status": locked.status, "note": locked.note}
        locked.status = status
        if text:
            locked.note = text
        locked.save(update_fields=["status", "note"])
        log_action(
            by,
            "assistance.match_status",
            locked,
            before=before,
            after={"status": status, "note": locked.note},
        )
        notifications.notify(
            Notification.Kind.ART7_STEP,
            people_of_state(locked.request.state),
            context={
                "request": _label(locked.request),
                "step": format_lazy("{}: {}", locked.offer.title, OfferMatch.Status(status).label),
                "note": text,
            },
            url=_url(locked.request),
        )
    match.status, match.note = locked.status, locked.note
    return locked


def _take(
    request: AssistanceRequest, step: str, *, by: Actor, note: Any, at: dt.datetime | None = None
) -> AssistanceStep:
    """Write `step` on the request (locked), checked against the steps taken, and tell the State."""
    text = plain_text(note, _("the note"), limit=MAX_TEXT, required=False)
    locked = AssistanceRequest.objects.select_for_update().select_related("state").get(pk=request.pk)
    taken = list(locked.steps.order_by("at", "pk").values_list("step", "at"))
    try:
        steps.check_step([s for s, _ in taken], step)
    except steps.StepError as error:
        raise (Frozen if locked.status in steps.FINAL else DomainError)(
            error.template, **error.params
        ) from None
    when = _at(at, by)
    if taken and when < taken[-1][1]:
        raise DomainError(_("a step cannot be dated before the step it follows"))
    before = locked.status
    row = AssistanceStep.objects.create(request=locked, step=step, at=when, by=by.name, note=text)
    locked.status = step
    locked.save(update_fields=["status"])
    request.status = step
    log_action(
        by,
        f"assistance.{step}",
        locked,
        before={"status": before},
        after={"status": step, "note": text},
        acting_for=permissions.acting_for_state(by, locked.state) if step == steps.WITHDRAWN else "",
    )
    notifications.notify(
        Notification.Kind.ART7_STEP,
        people_of_state(locked.state),
        context={"request": _label(locked), "step": _words(steps.STEPS[step]), "note": text},
        url=_url(locked),
    )
    return row


def _staff_step(
    request: AssistanceRequest, step: str, *, by: Actor, note: Any, what: str, at: dt.datetime | None
) -> AssistanceStep:
    permissions.require_staff(by, what)
    if not isinstance(request, AssistanceRequest):
        raise DomainError(_("a step is taken on a recorded request"))
    with transaction.atomic():
        return _take(request, step, by=by, note=note, at=at)


def acknowledge(
    request: AssistanceRequest, *, by: Actor, note: str = "", at: dt.datetime | None = None
) -> AssistanceStep:
    """The secretariat acknowledges the request. Guarantees: staff only; in the order of the steps
    (a closed or withdrawn request is Frozen); audited; the State told."""
    return _staff_step(
        request, steps.ACKNOWLEDGED, by=by, note=note, what=_("acknowledges requests for assistance"), at=at
    )


def match_offers(
    request: AssistanceRequest,
    offers: Iterable[AssistanceOffer],
    *,
    by: Actor,
    note: str = "",
    at: dt.datetime | None = None,
) -> AssistanceStep:
    """The secretariat matches offers to the request. Guarantees: staff only; at least one offer,
    each recorded, not withdrawn, valid today, covering at least one kind of assistance asked, and
    not offered by the requesting State itself; a match row per offer (proposed); the step in order;
    audited; the State told."""
    permissions.require_staff(by, _("matches offers of assistance"))
    if not isinstance(request, AssistanceRequest):
        raise DomainError(_("a step is taken on a recorded request"))
    chosen = list(offers) if not isinstance(offers, str | bytes) else []
    if not chosen or not all(isinstance(o, AssistanceOffer) for o in chosen):
        raise DomainError(_("choose at least one recorded offer to match"))
    today = clock.today()
    with transaction.atomic():
        rows = list(
            AssistanceOffer.objects.filter(pk__in=[o.pk for o in chosen]).select_related(
                "state", "organization"
            )
        )
        if len(rows) != len({o.pk for o in chosen}):
            raise DomainError(_("an offer chosen is not recorded"))
        for offer in rows:
            if offer.withdrawn or (offer.valid_until is not None and offer.valid_until < today):
                raise DomainError(_("the offer %(title)s is no longer open"), title=repr(offer.title))
            if not set(offer.categories) & set(request.needs):
                raise DomainError(
                    _("the offer %(title)s covers none of the assistance asked"), title=repr(offer.title)
                )
            if offer.state_id is not None and offer.state_id == request.state_id:
                raise DomainError(_("the requesting State's own offer cannot be matched to its request"))
        row = _take(request, steps.MATCHED, by=by, note=note, at=at)
        for offer in rows:
            match = OfferMatch.objects.create(
                request=request, offer=offer, matched_at=row.at, matched_by=by.name
            )
            log_action(by, "assistance.match", match, after={"request": request.pk, "offer": offer.pk})
    return row


def notify_partners(
    request: AssistanceRequest,
    organizations: Iterable[Organization],
    *,
    by: Actor,
    note: str = "",
    at: dt.datetime | None = None,
) -> AssistanceStep:
    """The secretariat tells partner organizations of the request. Guarantees: staff only; at least
    one organization, each a partner (WHO, OIE, FAO); its people told (ART7_PARTNER); the step in
    order; audited; the State told."""
    permissions.require_staff(by, _("notifies partner organizations"))
    if not isinstance(request, AssistanceRequest):
        raise DomainError(_("a step is taken on a recorded request"))
    chosen = list(organizations) if not isinstance(organizations, str | bytes) else []
    if not chosen or not all(isinstance(o, Organization) for o in chosen):
        raise DomainError(_("choose at least one partner organization to notify"))
    outside = sorted({o.code for o in chosen} - set(PARTNERS))
    if outside:
        raise DomainError(
            _("%(code)s is not a partner organization (%(partners)s)"),
            code=", ".join(outside),
            partners=", ".join(PARTNERS),
        )
    with transaction.atomic():
        names = ", ".join(sorted({o.code for o in chosen}))
        row = _take(request, steps.PARTNERS_NOTIFIED, by=by, note=note or names, at=at)
        needs = _words(*(guidance.NEEDS[n] for n in request.needs))
        for organization in chosen:
            people = User.objects.filter(
                plenary_roles__organization=organization,
                plenary_roles__kind__in=[Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE, Role.Kind.OBSERVER],
                is_active=True,
            ).distinct()
            notifications.notify(
                Notification.Kind.ART7_PARTNER,
                people.order_by("pk"),
                context={
                    "partner": organization.code,
                    "state": request.state.code,
                    "request": _label(request),
                    "needs": needs,
                },
            )
        log_action(by, "assistance.partners", request, after={"partners": names})
    return row


def record_delivery(
    request: AssistanceRequest, *, by: Actor, note: str = "", at: dt.datetime | None = None
) -> AssistanceStep:
    """The secretariat records that assistance was delivered (the note says what). Guarantees as
    acknowledge."""
    return _staff_step(
        request, steps.DELIVERED, by=by, note=note, what=_("records assistance delivered"), at=at
    )


def close(
    request: AssistanceRequest, *, by: Actor, note: str = "", at: dt.datetime | None = None
) -> AssistanceStep:
    """The secretariat closes the request. Guarantees as acknowledge; a closed request takes no
    further step."""
    return _staff_step(
        request, steps.CLOSED, by=by, note=note, what=_("closes requests for assistance"), at=at
    )


def withdraw(
    request: AssistanceRequest, *, by: Actor, note: str = "", at: dt.datetime | None = None
) -> AssistanceStep:
    """The requesting State withdraws its request (its contact point, or the secretariat in its
    name, marked). Guarantees: in the order of the steps (not after closure); audited."""
    if not isinstance(request, AssistanceRequest):
        raise DomainError(_("a step is taken on a recorded request"))
    if not permissions.can_submit_for_state(by, request.state):
        raise NotAllowed(
            _("only the national contact point of %(state)s or the secretariat withdraws its request"),
            state=request.state.code,
        )
    with transaction.atomic():
        return _take(request, steps.WITHDRAWN, by=by, note=note, at=at)


STAFF_STEPS = {
    steps.ACKNOWLEDGED: acknowledge,
    steps.DELIVERED: record_delivery,
    steps.CLOSED: close,
}
