"""The writers of the Article X cooperation and assistance database: offers and requests drafted,
edited, submitted and withdrawn in a State's (or, for an offer, an international organization's)
name, and the matches the secretariat records between them with their outcome.

Who does what (`accounts.permissions`, section "cooperation"): a State's national contact point,
authorised users and focal point draft its entries; its contact point submits and withdraws them;
an international organization's focal point does all three for its offers; the secretariat may do
any of it on their behalf, which is marked on the entry and in the audit entry (`acting_for`).
Requests come from States Parties only (alone or with other States Parties) and are read only by
the secretariat and the people of States Parties; a submitted offer is public.

The parties make the arrangements (treaty-databases.md, section 2); the secretariat records a
match and then its outcome, and each time the parties' people are told (Notification.Kind.
ARTX_MATCH, by e-mail and in the portal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from plenary.accounts import notify as notifications
from plenary.accounts import permissions
from plenary.accounts.models import Notification, Role
from plenary.cooperation import vocabulary
from plenary.cooperation.models import Match, Offer, Request, Status
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import acting_for_code, log_action
from plenary.core.errors import DomainError, Frozen, NotAllowed, plain_text, term
from plenary.core.languages import UN_LANGUAGES
from plenary.meetings.domain import group_of
from plenary.participation.models import Organization
from plenary.treaties.models import State

MAX_TITLE, MAX_TEXT, MAX_WITH = 200, 10_000, 30
# The organizations that may make offers: the UN, its bodies and intergovernmental organizations
# (the reference: States Parties submit "alone or with other States or international
# organizations"); NGOs and research institutes do not.
ORGANIZATION_KINDS = (Organization.Kind.UN, Organization.Kind.UN_BODY, Organization.Kind.IO)
EDITABLE = (
    "title",
    "description",
    "types",
    "fields",
    "contact",
    "language",
    "valid_until",
    "regions",
    "region",
)

Entry = Offer | Request


def _words(values: Any, allowed: dict[str, str], what: str, *, required: bool = True) -> list[str]:
    try:
        return vocabulary.check_words(values, allowed, what, required=required)
    except vocabulary.VocabularyError as error:
        raise DomainError(error.template, **error.params) from None


def _until(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise DomainError(_("the last day of the entry is a date, not %(value)s"), value=repr(value)[:150])
    if value < clock.today():
        raise DomainError(_("the entry would end on %(date)s, which is past"), date=value)
    return value


def _language(value: Any) -> str:
    """The UN language the entry is written in: a code, never guessed (no default)."""
    if not isinstance(value, str) or value not in UN_LANGUAGES:
        raise DomainError(
            _("the language of the entry is one of %(languages)s, not %(value)s"),
            languages=", ".join(UN_LANGUAGES),
            value=repr(value)[:60],
        )
    return value


def _flag(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise DomainError(_("%(what)s is yes or no"), what=term(what))
    return value


def region_of(state: State, on: dt.date | None = None) -> str:
    """The UN regional group of `state` on the day ("" when Plenary does not know it)."""
    group = group_of(state, "UN", on or clock.today())
    return group.code if group is not None and group.code in vocabulary.REGIONS else ""


def snapshot(entry: Entry) -> dict[str, Any]:
    """The values of an offer or a request, for audit entries."""
    out = {
        "kind": entry.kind,
        "state": entry.state.code if entry.state_id else None,
        "with_states": sorted(s.code for s in entry.with_states.all()) if entry.pk else [],
        "organization": entry.organization.code if entry.organization_id else None,
        "title": entry.title,
        "language": entry.language,
        "types": list(entry.types),
        "fields": list(entry.fields),
        "status": entry.status,
        "valid_until": entry.valid_until.isoformat() if entry.valid_until else None,
        "published_on": entry.published_on.isoformat() if entry.published_on else None,
        "on_behalf": entry.on_behalf,
        "demo": entry.demo,
    }
    if isinstance(entry, Offer):
        out["regions"] = list(entry.regions)
    else:
        out["region"] = entry.region
    return out


def _acting(by: Actor, entry_or_state: Entry | State | None, organization: Organization | None = None) -> str:
    """In whose name `by` acts when not one of its people (the secretariat on a State's behalf)."""
    if isinstance(entry_or_state, Offer | Request):
        state, organization = entry_or_state.state, entry_or_state.organization
    else:
        state = entry_or_state
    if state is not None:
        return permissions.acting_for_state(by, state)
    if organization is None or by.via == "load":
        return ""
    if organization.code in permissions.represented_organizations(by, focal_point_only=True):
        return ""
    return acting_for_code("Organization", organization.code)


def _with_states(values: Any, state: State | None, *, parties_only: bool) -> list[State]:
    if values is None:
        return []
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise DomainError(_("the other States are a list of recorded States"))
    chosen = list(values)
    if not all(isinstance(s, State) for s in chosen):
        raise DomainError(_("the other States are a list of recorded States"))
    if len(chosen) > MAX_WITH:
        raise DomainError(_("at most %(most)s other States join an entry"), most=MAX_WITH)
    unique = {s.pk: s for s in chosen if state is None or s.pk != state.pk}
    if parties_only:
        outside = sorted(
            {s.code for s in unique.values()}
            - permissions.states_parties_among({s.code for s in unique.values()})
        )
        if outside:
            raise DomainError(
                _("%(states)s is not a State Party: requests are made by States Parties"),
                states=", ".join(outside),
            )
    return sorted(unique.values(), key=lambda s: s.code)


def _check_values(kind: str, values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """The editable values checked (all of them, or those given when `partial`)."""
    checks = {
        "title": lambda v: plain_text(v, _("the title"), limit=MAX_TITLE),
        "description": lambda v: plain_text(v, _("the description"), limit=MAX_TEXT),
        "types": lambda v: _words(v, vocabulary.TYPES, "types"),
        "fields": lambda v: _words(v, vocabulary.FIELDS, "fields"),
        "contact": lambda v: plain_text(v, _("the contact"), limit=MAX_TEXT),
        "language": _language,
        "valid_until": _until,
    }
    if kind == "offer":
        checks["regions"] = lambda v: _words(
            v if v is not None else [], vocabulary.REGIONS, "regions", required=False
        )
    unknown = sorted(set(values) - set(checks) - ({"region"} if kind == "request" else set()))
    if unknown:
        raise DomainError(
            _("an offer has no %(fields)s") if kind == "offer" else _("a request has no %(fields)s"),
            fields=", ".join(unknown)[:100],
        )
    out = {}
    for name, check in checks.items():
        if name in values or not partial:
            out[name] = check(values.get(name))
    if kind == "request" and "region" in values:
        region = values["region"]
        if not isinstance(region, str) or region not in vocabulary.REGIONS:
            raise DomainError(
                _("the region is one of %(regions)s, not %(value)s"),
                regions=", ".join(vocabulary.REGIONS),
                value=repr(region)[:60],
            )
        out["region"] = region
    return out


def _now(at: Any, by: Actor) -> dt.datetime:
    """Now, or for a record load (the demo) the moment it gives, not in the future."""
    if at is None:
        return timezone.now()
    if by.via != "load":
        raise DomainError(_("only a record load gives the moment of an act; otherwise it is now"))
    if not isinstance(at, dt.datetime) or timezone.is_naive(at) or at > timezone.now():
        raise DomainError(_("the moment of an act is a past date and time with its time zone"))
    return at


def draft_offer(
    *,
    state: State | None = None,
    organization: Organization | None = None,
    with_states: Iterable[State] = (),
    submit: bool = False,
    demo: bool = False,
    at: dt.datetime | None = None,
    by: Actor,
    **values: Any,
) -> Offer:
    """An offer of cooperation and assistance (title, description, types, fields, regions, contact,
    language, valid_until), drafted in the name of a State Party (with other States, or an international
    organization) or of an international organization; submitted at once when `submit`.

    Guarantees: the drafter may draft for the provider (and submit, when `submit`); the State is
    a State Party today, the organization one of the UN or an intergovernmental organization;
    the words of the vocabulary; the language one of the six UN languages (required: the
    pages mark the texts with it); texts trimmed, bounded and free of control characters; the
    secretariat's entry marked as on the provider's behalf. One audit entry."""
    return _draft(
        "offer",
        state=state,
        organization=organization,
        with_states=with_states,
        submit=submit,
        demo=demo,
        at=at,
        by=by,
        values=values,
    )


def draft_request(
    state: State,
    *,
    with_states: Iterable[State] = (),
    submit: bool = False,
    demo: bool = False,
    at: dt.datetime | None = None,
    by: Actor,
    **values: Any,
) -> Request:
    """A request for cooperation and assistance (title, description, types, fields, contact,
    language, valid_until, region: the requester's UN regional group unless given) by a State Party, alone
    or with other States Parties; submitted at once when `submit`.

    Guarantees as draft_offer; every State named is a State Party today (a request is read only
    by States Parties, and each requester reads its own)."""
    if not isinstance(state, State):
        raise DomainError(_("a request names a recorded State"))
    return _draft(
        "request",
        state=state,
        organization=None,
        with_states=with_states,
        submit=submit,
        demo=demo,
        at=at,
        by=by,
        values=values,
    )


def _draft(kind, *, state, organization, with_states, submit, demo, at, by, values) -> Entry:
    if state is not None and not isinstance(state, State):
        raise DomainError(_("an entry names a recorded State"))
    if organization is not None and not isinstance(organization, Organization):
        raise DomainError(_("an offer names a recorded organization"))
    if state is None and organization is None:
        raise DomainError(_("an offer is made by a State Party or an international organization"))
    submit, demo = _flag(submit, "submit"), _flag(demo, _("the example mark"))
    if not permissions.can_draft_cooperation(by, state=state, organization=organization):
        who = state.code if state is not None else organization.code
        raise NotAllowed(
            _("only the people of %(who)s or the secretariat draft its entries in the Article X database"),
            who=who,
        )
    if submit and not permissions.can_submit_cooperation(by, state=state, organization=organization):
        raise NotAllowed(
            _("only the national contact point of %(who)s or the secretariat submits its entries"),
            who=state.code,
        )
    if state is not None and not permissions.states_parties_among({state.code}):
        raise DomainError(
            _("%(state)s is not a State Party: the Article X database holds the entries of States Parties"),
            state=state.code,
        )
    if organization is not None and organization.kind not in ORGANIZATION_KINDS:
        raise DomainError(
            _("%(code)s is not an international organization: it cannot make an offer"),
            code=organization.code,
        )
    others = _with_states(with_states, state, parties_only=kind == "request")
    checked = _check_values(kind, values)
    if kind == "request" and "region" not in checked:
        checked["region"] = region_of(state)
        if not checked["region"]:
            raise DomainError(_("the region of %(state)s is not known: choose it"), state=state.code)
    now = _now(at, by)
    acting = _acting(by, state, organization)
    model = Offer if kind == "offer" else Request
    with transaction.atomic():
        entry = model.objects.create(
            state=state,
            organization=organization,
            status=Status.OPEN if submit else Status.DRAFT,
            published_on=timezone.localdate(now) if submit else None,
            created_at=now,
            created_by=by.name,
            updated_at=now,
            on_behalf=bool(acting),
            demo=demo,
            **checked,
        )
        entry.with_states.set(others)
        log_action(by, f"cooperation.{kind}", entry, after=snapshot(entry), acting_for=acting)
    return entry


def _locked(entry: Any) -> Entry:
    if not isinstance(entry, Offer | Request):
        raise DomainError(_("the act names a recorded offer or request"))
    model = type(entry)
    locked = model.objects.select_for_update().filter(pk=entry.pk).first()
    if locked is None:
        raise DomainError(
            _("the offer is not recorded") if entry.kind == "offer" else _("the request is not recorded")
        )
    return locked


def edit_entry(
    entry: Entry, *, by: Actor, with_states: Iterable[State] | None = None, **changes: Any
) -> Entry:
    """Change an offer's or a request's values (those of draft_offer / draft_request).

    Guarantees: a draft by those who may draft it, a submitted entry by those who may submit it
    (its language too: a text rewritten in another language is marked with it); a withdrawn entry
    is Frozen, its language included; the values checked as at drafting; the audit entry holds the
    values before and after. Nothing is written when nothing changes."""
    if not isinstance(entry, Offer | Request):
        raise DomainError(_("the act names a recorded offer or request"))
    allowed = (
        permissions.can_draft_cooperation
        if entry.status == Status.DRAFT
        else permissions.can_submit_cooperation
    )
    if not allowed(by, state=entry.state, organization=entry.organization):
        raise NotAllowed(
            _("you may not change this offer")
            if entry.kind == "offer"
            else _("you may not change this request")
        )
    checked = _check_values(entry.kind, changes, partial=True)
    with transaction.atomic():
        locked = _locked(entry)
        if locked.status == Status.WITHDRAWN:
            raise Frozen(
                _("the offer is withdrawn: it no longer changes")
                if entry.kind == "offer"
                else _("the request is withdrawn: it no longer changes")
            )
        before = snapshot(locked)
        for name, value in checked.items():
            setattr(locked, name, value)
        if with_states is not None:
            others = _with_states(with_states, locked.state, parties_only=entry.kind == "request")
            locked.with_states.set(others)
        after = snapshot(locked)
        if after == before:
            return locked
        locked.updated_at = timezone.now()
        locked.save()
        log_action(
            by,
            f"cooperation.edit_{entry.kind}",
            locked,
            before=before,
            after=after,
            acting_for=_acting(by, locked),
        )
    return locked


def submit_entry(entry: Entry, *, by: Actor, at: dt.datetime | None = None) -> Entry:
    """Submit a draft: an offer becomes public, a request readable by States Parties.

    Guarantees: the State's national contact point (the organization's focal point), or the
    secretariat on its behalf (marked); only a draft (an open or withdrawn entry is Frozen); the
    entry must not have ended; published today. Audited."""
    if not isinstance(entry, Offer | Request):
        raise DomainError(_("the act names a recorded offer or request"))
    if not permissions.can_submit_cooperation(by, state=entry.state, organization=entry.organization):
        who = entry.provider_code
        raise NotAllowed(
            _("only the national contact point of %(who)s or the secretariat submits its entries"), who=who
        )
    now = _now(at, by)
    with transaction.atomic():
        locked = _locked(entry)
        if locked.status != Status.DRAFT:
            raise Frozen(
                _("the offer is %(status)s, not a draft: it is submitted once")
                if entry.kind == "offer"
                else _("the request is %(status)s, not a draft: it is submitted once"),
                status=term(locked.status),
            )
        if locked.valid_until is not None and locked.valid_until < timezone.localdate(now):
            raise DomainError(
                _("the offer ended on %(date)s: change its last day first")
                if entry.kind == "offer"
                else _("the request ended on %(date)s: change its last day first"),
                date=locked.valid_until,
            )
        locked.status = Status.OPEN
        locked.published_on = timezone.localdate(now)
        locked.updated_at = now
        if _acting(by, locked):
            locked.on_behalf = True
        locked.save()
        log_action(
            by,
            f"cooperation.submit_{entry.kind}",
            locked,
            before={"status": Status.DRAFT},
            after={"status": Status.OPEN, "published_on": locked.published_on.isoformat()},
            acting_for=_acting(by, locked),
        )
    entry.status, entry.published_on = locked.status, locked.published_on
    return locked


def withdraw_entry(entry: Entry, *, by: Actor, reason: str = "") -> Entry:
    """Withdraw an offer or a request (a draft or an open one): it stays on record, marked.

    Guarantees: as submit_entry for who; a withdrawn entry is Frozen; its open matches keep their
    status (the secretariat records their outcome). Audited with the reason."""
    if not isinstance(entry, Offer | Request):
        raise DomainError(_("the act names a recorded offer or request"))
    if not permissions.can_submit_cooperation(by, state=entry.state, organization=entry.organization):
        raise NotAllowed(
            _("only the national contact point of %(who)s or the secretariat withdraws its entries"),
            who=entry.provider_code,
        )
    text = plain_text(reason, _("the reason"), limit=MAX_TEXT, required=False)
    with transaction.atomic():
        locked = _locked(entry)
        if locked.status == Status.WITHDRAWN:
            raise Frozen(
                _("the offer is already withdrawn")
                if entry.kind == "offer"
                else _("the request is already withdrawn")
            )
        before = locked.status
        locked.status = Status.WITHDRAWN
        locked.status_note = text
        locked.updated_at = timezone.now()
        locked.save()
        log_action(
            by,
            f"cooperation.withdraw_{entry.kind}",
            locked,
            before={"status": before},
            after={"status": Status.WITHDRAWN, "reason": text},
            acting_for=_acting(by, locked),
        )
    entry.status = locked.status
    return locked


def parties_people(match: Match) -> list[User]:
    """Who hears of a match: the people of the requesting States and of the offering States or
    organization (focal points, delegates, contact points, authorised users), and the secretariat."""
    request, offer = match.request, match.offer
    states = {request.state_id, *request.with_states.values_list("pk", flat=True)}
    if offer.state_id:
        states |= {offer.state_id, *offer.with_states.values_list("pk", flat=True)}
    people = User.objects.filter(
        plenary_roles__state__in=states, plenary_roles__kind__in=permissions.STATE_KINDS, is_active=True
    )
    if offer.organization_id:
        people = people | User.objects.filter(
            plenary_roles__organization=offer.organization_id,
            plenary_roles__kind__in=[Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE],
            is_active=True,
        )
    return [*people.distinct().order_by("pk"), *notifications.staff_users()]


def _tell(match: Match) -> None:
    try:
        url = notifications.page_urls("portal:cooperation_entry", "request", match.request_id)
    except Exception:  # the portal page is not there: the notification has no link
        url = ""
    notifications.notify(
        Notification.Kind.ARTX_MATCH,
        parties_people(match),
        context={
            "request": f"{match.request.state.code}-R{match.request_id}: {match.request.title}",
            "offer": f"{match.offer.provider_code}-O{match.offer_id}: {match.offer.title}",
            "status": Match.Status(match.status).label,  # in the recipient's language
        },
        url=url,
    )


def _status(value: Any) -> str:
    if not isinstance(value, str) or value not in Match.Status.values:
        raise DomainError(
            _("the status of a match is one of %(statuses)s, not %(value)s"),
            statuses=", ".join(Match.Status.values),
            value=repr(value)[:60],
        )
    return value


def record_match(
    request: Request,
    offer: Offer,
    *,
    by: Actor,
    status: str = Match.Status.PROPOSED,
    outcome: str = "",
    demo: bool = False,
    at: dt.datetime | None = None,
) -> Match:
    """The secretariat records a match of a request with an offer.

    Guarantees: staff only; both recorded and open, the offer not ended; the offer not made by
    the requesting State itself; one match per request and offer (a second is Frozen); the
    status of the list, the outcome a bounded text; the parties' people and the secretariat
    told (ARTX_MATCH). Audited."""
    permissions.require_staff(by, _("records matches in the Article X database"))
    if not isinstance(request, Request) or not isinstance(offer, Offer):
        raise DomainError(_("a match names a recorded request and a recorded offer"))
    status, text = _status(status), plain_text(outcome, _("the outcome"), limit=MAX_TEXT, required=False)
    demo = _flag(demo, _("the example mark"))
    now = _now(at, by)
    with transaction.atomic():
        request = Request.objects.select_for_update(of=("self",)).select_related("state").get(pk=request.pk)
        offer = Offer.objects.select_related("state", "organization").get(pk=offer.pk)
        for entry in (request, offer):
            if entry.status != Status.OPEN:
                raise DomainError(
                    _("the offer %(title)s is %(status)s, not open")
                    if entry.kind == "offer"
                    else _("the request %(title)s is %(status)s, not open"),
                    title=repr(entry.title),
                    status=term(entry.status),
                )
        if offer.valid_until is not None and offer.valid_until < timezone.localdate(now):
            raise DomainError(
                _("the offer %(title)s ended on %(date)s"),
                title=repr(offer.title),
                date=offer.valid_until,
            )
        if offer.state_id is not None and offer.state_id == request.state_id:
            raise DomainError(_("the requesting State's own offer cannot be matched to its request"))
        if Match.objects.filter(request=request, offer=offer).exists():
            raise Frozen(_("this request and this offer are already matched: record its outcome instead"))
        match = Match.objects.create(
            request=request,
            offer=offer,
            status=status,
            outcome=text,
            recorded_at=now,
            recorded_by=by.name,
            updated_at=now,
            demo=demo,
        )
        log_action(
            by,
            "cooperation.match",
            match,
            after={"request": request.pk, "offer": offer.pk, "status": status, "outcome": text},
        )
        _tell(match)
    return match


def record_outcome(match: Match, *, by: Actor, status: str, outcome: str = "") -> Match:
    """The secretariat records how a match went on: its status and outcome.

    Guarantees: staff only; the status of the list; the outcome a bounded text; nothing written
    when nothing changes; the parties told of the new status. Audited with before and after."""
    permissions.require_staff(by, _("records the outcome of matches"))
    if not isinstance(match, Match):
        raise DomainError(_("the act names a recorded match"))
    status, text = _status(status), plain_text(outcome, _("the outcome"), limit=MAX_TEXT, required=False)
    with transaction.atomic():
        locked = (
            Match.objects.select_for_update(of=("self",))
            .select_related("request__state", "offer")
            .get(pk=match.pk)
        )
        before = {"status": locked.status, "outcome": locked.outcome}
        after = {"status": status, "outcome": text}
        if before == after:
            return locked
        locked.status, locked.outcome, locked.updated_at = status, text, timezone.now()
        locked.save()
        log_action(by, "cooperation.outcome", locked, before=before, after=after)
        if before["status"] != status:
            _tell(locked)
    match.status, match.outcome = locked.status, locked.outcome
    return locked
