"""The only writers of what happens in the room: the list of speakers (floor requests), statements,
decisions and reservations.

Every function takes who acts as `by` (an Actor), checks the permission, validates, writes inside
one transaction and audits with `by.via`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Max

from plenary.accounts import permissions
from plenary.accounts.permissions import can_act_for_delegation, can_steer_meeting
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.languages import UN_LANGUAGES
from plenary.meetings.domain import check_open
from plenary.meetings.models import Meeting
from plenary.participation.models import RIGHTS, Category, Delegation
from plenary.proceedings.models import Decision, FloorRequest, Reservation, Statement
from plenary.proceedings.queries import waiting
from plenary.treaties.models import State


def _require_staff(by: Actor, what: str) -> None:
    if not permissions.can_issue(by):
        raise NotAllowed(f"only the secretariat {what}")


# -- the list of speakers ------------------------------------------------------------------------

FLOOR_CATEGORIES = {
    Category.STATE_PARTY,
    Category.SIGNATORY,
    Category.OBSERVER_STATE,
    Category.UN,
    Category.IO,
}


def may_take_the_floor(delegation: Delegation) -> bool:
    """States Parties, signatories and admitted observers; not NGOs (Rule 44.5), nor delegations
    whose observer status is pending or refused."""
    return (
        delegation.category in FLOOR_CATEGORIES
        and RIGHTS[Category(delegation.category)]["participates"]
        and delegation.status == Delegation.Status.REGISTERED
    )


def request_floor(
    delegation: Delegation, *, by: Actor, on_behalf_of_text: dict[str, str] | None = None
) -> FloorRequest:
    """Put the delegation at the end of the list of speakers. Guarantees: once per meeting while
    waiting or speaking; only delegations that may take the floor; the meeting is open."""
    if not can_act_for_delegation(by, delegation):
        raise NotAllowed("only the delegation asks for its floor")
    meeting = delegation.meeting
    check_open(meeting, by)
    if not may_take_the_floor(delegation):
        if delegation.status != Delegation.Status.REGISTERED:
            raise DomainError(
                f"the delegation's status is {delegation.get_status_display()}: it may not take the floor"
            )
        raise DomainError(
            f"a {delegation.get_category_display()} attends without taking the floor in formal meetings"
        )
    text = {k: " ".join(v.split())[:300] for k, v in (on_behalf_of_text or {}).items() if v and v.strip()}
    if any(k not in UN_LANGUAGES for k in text):
        raise DomainError("the wording 'on behalf of' is given per UN language")
    with transaction.atomic():
        _lock_meeting(meeting.pk)
        open_statuses = [FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING]
        if FloorRequest.objects.filter(
            meeting=meeting, delegation=delegation, status__in=open_statuses
        ).exists():
            raise DomainError("the delegation is already on the list of speakers")
        last = FloorRequest.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
        request = FloorRequest.objects.create(
            meeting=meeting,
            delegation=delegation,
            on_behalf_of_text=text,
            position=last + 1,
            requested_by=by.user,
        )
        log_action(
            by,
            "floor.request",
            request,
            after={"meeting": meeting.series, "who": _who(delegation), "position": request.position},
        )
    return request


def _who(delegation: Delegation) -> str:
    return delegation.state.code if delegation.state_id else delegation.organization.code


def _lock_meeting(meeting_id: int) -> None:
    # The meeting's row orders every change of its list of speakers (positions are unique).
    Meeting.objects.select_for_update().filter(pk=meeting_id).first()


def _current(request: FloorRequest) -> str:
    """The request's status as committed now (after the meeting's lock is held)."""
    return FloorRequest.objects.values_list("status", flat=True).get(pk=request.pk)


def _set_status(request: FloorRequest, status: str, *, by: Actor, action: str) -> None:
    before = request.status
    request.status = status
    request.save(update_fields=["status", "updated"])
    log_action(
        by,
        action,
        request,
        before={"status": before},
        after={"status": status, "who": _who(request.delegation)},
    )


def withdraw_floor_request(request: FloorRequest, *, by: Actor) -> FloorRequest:
    """Leave the list of speakers (the delegation itself, or the meeting's staff and officers)."""
    if not permissions.can_withdraw_floor_request(by, request):
        raise NotAllowed("only the delegation or the meeting's officers withdraw a request")
    with transaction.atomic():
        _lock_meeting(request.meeting_id)
        request.status = _current(request)
        if request.status != FloorRequest.Status.WAITING:
            raise DomainError(
                f"the request is {request.get_status_display()}: only a waiting one is withdrawn"
            )
        _set_status(request, FloorRequest.Status.WITHDRAWN, by=by, action="floor.withdraw")
    return request


def move(request: FloorRequest, *, by: Actor, direction: str) -> FloorRequest:
    """Move a waiting request one place up or down the queue (staff and the meeting's officers).
    At the top (bottom) already, nothing changes."""
    if not can_steer_meeting(by, request.meeting):
        raise NotAllowed("only the secretariat and the meeting's officers order the list of speakers")
    if direction not in ("up", "down"):
        raise DomainError(f"move up or down, not {direction!r}")
    with transaction.atomic():
        _lock_meeting(request.meeting_id)
        request.refresh_from_db(fields=["status", "position"])
        if request.status != FloorRequest.Status.WAITING:
            raise DomainError("only a waiting request moves")
        queue = waiting(request.meeting)
        other = (
            queue.filter(position__lt=request.position).order_by("-position").first()
            if direction == "up"
            else queue.filter(position__gt=request.position).order_by("position").first()
        )
        if other is None:
            return request
        mine, theirs = request.position, other.position
        # Through a free place: positions are unique per meeting.
        FloorRequest.objects.filter(pk=request.pk).update(position=0)
        FloorRequest.objects.filter(pk=other.pk).update(position=mine)
        FloorRequest.objects.filter(pk=request.pk).update(position=theirs)
        request.position = theirs
        log_action(
            by,
            "floor.move",
            request,
            before={"position": mine},
            after={"position": theirs, "direction": direction, "who": _who(request.delegation)},
        )
    return request


def mark_spoken(request: FloorRequest, *, by: Actor) -> Statement:
    """The delegation has spoken: the request is done and the statement is recorded at the next
    place of the meeting's statements (kind state for a State, observer for an organization)."""
    if not can_steer_meeting(by, request.meeting):
        raise NotAllowed("only the secretariat and the meeting's officers keep the list of speakers")
    delegation = request.delegation
    with transaction.atomic():
        _lock_meeting(request.meeting_id)
        request.status = _current(request)
        if request.status not in (FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING):
            raise DomainError(f"the request is {request.get_status_display()}")
        last = Statement.objects.filter(meeting=request.meeting_id).aggregate(m=Max("position"))["m"] or 0
        statement = Statement.objects.create(
            meeting_id=request.meeting_id,
            position=last + 1,
            kind=Statement.Kind.STATE if delegation.state_id else Statement.Kind.OBSERVER,
            state=delegation.state,
            organization=delegation.organization,
            on_behalf_of_text=dict(request.on_behalf_of_text or {}),
        )
        _set_status(request, FloorRequest.Status.SPOKEN, by=by, action="floor.spoken")
        log_action(
            by, "statement.record", statement, after={"position": statement.position, "who": _who(delegation)}
        )
    return statement


def next_speaker(meeting: Meeting, *, by: Actor) -> FloorRequest | None:
    """Give the floor to the first waiting delegation; whoever was speaking has then spoken (and
    their statement is recorded). None when nobody waits."""
    if not can_steer_meeting(by, meeting):
        raise NotAllowed("only the secretariat and the meeting's officers give the floor")
    with transaction.atomic():
        _lock_meeting(meeting.pk)
        for current in FloorRequest.objects.filter(meeting=meeting, status=FloorRequest.Status.SPEAKING):
            mark_spoken(current, by=by)
        first = waiting(meeting).select_related("delegation").first()
        if first is not None:
            _set_status(first, FloorRequest.Status.SPEAKING, by=by, action="floor.speaking")
    return first


# -- decisions and reservations ------------------------------------------------------------------


def _texts(text: Mapping[str, str], where: str) -> dict[str, str]:
    cleaned = {lang: (value or "").strip() for lang, value in text.items() if (value or "").strip()}
    unknown = sorted(set(cleaned) - set(UN_LANGUAGES))
    if unknown:
        raise DomainError(f"{where}: unknown language(s) {', '.join(unknown)}; use {', '.join(UN_LANGUAGES)}")
    if not cleaned:
        raise DomainError(f"{where}: the text is empty")
    return {lang: cleaned[lang] for lang in UN_LANGUAGES if lang in cleaned}


def record_decision(
    meeting: Meeting,
    *,
    key: str,
    text: Mapping[str, str],
    adopted_on: dt.date | None,
    method: str = Decision.Method.CONSENSUS,
    by: Actor,
) -> Decision:
    """Record a decision of the meeting, in the language it was adopted in and any translations.

    Guarantees: the key is a slug, once per meeting; the text is given in at least one UN
    language; the method is known; the decision was adopted on a day of the meeting (when the
    meeting's dates are known); it is listed after the meeting's other decisions.
    """
    _require_staff(by, "records decisions")
    where = f"{meeting.series}: decision {key!r}"
    try:
        validate_slug(key or "")
    except ValidationError:
        raise DomainError(
            f"{where}: the key must be letters, digits, hyphens or underscores (e.g. dates-of-msp)"
        ) from None
    if len(key) > 60:
        raise DomainError(f"{where}: the key is longer than 60 characters")
    if method not in Decision.Method.values:
        raise DomainError(f"{where}: method must be one of {', '.join(Decision.Method.values)}")
    texts = _texts(text, where)
    if adopted_on and meeting.start and meeting.end and not meeting.start <= adopted_on <= meeting.end:
        raise DomainError(
            f"{where}: {adopted_on} is not a day of the meeting ({meeting.start} to {meeting.end})"
        )
    with transaction.atomic():
        if Decision.objects.filter(meeting=meeting, key=key).exists():
            raise DomainError(f"{meeting.series} already has a decision {key!r}")
        last = Decision.objects.filter(meeting=meeting).aggregate(n=Max("position"))["n"]
        decision = Decision.objects.create(
            meeting=meeting,
            key=key,
            position=0 if last is None else last + 1,
            text=texts,
            adopted_on=adopted_on,
            method=method,
        )
        log_action(
            by,
            "decision.record",
            decision,
            after={
                "meeting": meeting.series,
                "key": key,
                "text": texts,
                "adopted_on": adopted_on.isoformat() if adopted_on else None,
                "method": method,
            },
        )
    return decision


def record_reservation(
    meeting: Meeting,
    *,
    applies_to: str,
    state: State | None,
    text: Mapping[str, str],
    by: Actor,
) -> Reservation:
    """Record a delegation's reservation, printed as a footnote where it applies.

    `state` None records it as "one delegation". Guarantees: it applies to something (a report
    paragraph or a decision key); a named State had a registered delegation at the meeting; the
    text is given in at least one UN language; it is listed after the meeting's other reservations.
    """
    _require_staff(by, "records reservations")
    applies_to = (applies_to or "").strip()
    where = f"{meeting.series}: reservation"
    if not applies_to:
        raise DomainError(f"{where}: say what it applies to (a report paragraph or a decision key)")
    if len(applies_to) > 60:
        raise DomainError(f"{where}: 'applies to' is longer than 60 characters")
    texts = _texts(text, where)
    if (
        state is not None
        and not Delegation.objects.filter(
            meeting=meeting, state=state, status=Delegation.Status.REGISTERED
        ).exists()
    ):
        raise DomainError(f"{where}: {state.code} has no registered delegation at {meeting.series}")
    with transaction.atomic():
        last = Reservation.objects.filter(meeting=meeting).aggregate(n=Max("position"))["n"]
        reservation = Reservation.objects.create(
            meeting=meeting,
            applies_to=applies_to,
            state=state,
            text=texts,
            position=0 if last is None else last + 1,
        )
        log_action(
            by,
            "reservation.record",
            reservation,
            after={
                "meeting": meeting.series,
                "applies_to": applies_to,
                "state": state.code if state else None,
                "text": texts,
            },
        )
    return reservation
