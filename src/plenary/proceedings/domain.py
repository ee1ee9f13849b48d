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
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.languages import UN_LANGUAGES
from plenary.meetings.domain import check_open
from plenary.meetings.models import AgendaItem, Meeting
from plenary.participation.models import RIGHTS, Category, Delegation
from plenary.proceedings.models import Decision, FloorRequest, Reservation, Statement
from plenary.proceedings.queries import waiting
from plenary.treaties.models import State

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
    agenda_item: AgendaItem | None = None,
    by: Actor,
) -> Decision:
    """Record a decision of the meeting, in the language it was adopted in and any translations.

    Guarantees: the key is a slug, once per meeting; the text is given in at least one UN
    language; the method is known; the decision was adopted on a day of the meeting (when the
    meeting's dates are known); the agenda item it was taken under, if given, is one of the
    meeting's; it is listed after the meeting's other decisions.
    """
    permissions.require_staff(by, "records decisions")
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
    _check_item(meeting, agenda_item, where)
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
            agenda_item=agenda_item,
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
                **({"agenda_item": agenda_item.label} if agenda_item is not None else {}),
            },
        )
    return decision


def _check_item(meeting: Meeting, item: AgendaItem | None, where: str) -> None:
    """DomainError unless `item` is None or an item of the meeting's agenda."""
    if item is not None and item.meeting_id != meeting.pk:
        raise DomainError(
            f"{where}: item {item.label} of {item.meeting.series} is not on the agenda of {meeting}"
        )


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
    permissions.require_staff(by, "records reservations")
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


def _decision_snapshot(decision: Decision) -> dict:
    snapshot = {
        "meeting": decision.meeting.series,
        "key": decision.key,
        "text": decision.text,
        "adopted_on": decision.adopted_on.isoformat() if decision.adopted_on else None,
        "method": decision.method,
        "position": decision.position,
    }
    if decision.agenda_item_id is not None:
        snapshot["agenda_item"] = decision.agenda_item.label  # type: ignore[union-attr]
    return snapshot


def update_decision(decision: Decision, *, by: Actor, **values) -> bool:
    """Change what is given of a decision: text, adopted_on, method, position (its place in the
    list), agenda_item (the item it is filed under, one of the meeting's). Guarantees: a decision
    taken (one with adopted_on) keeps its text, date and method: such a change raises Frozen (the
    meeting took it; a new decision changes it); one not taken yet may change in all, and is taken
    by giving adopted_on, a day of the meeting. Returns whether anything changed; nothing is
    written when nothing did."""
    permissions.require_staff(by, "records decisions")
    meeting = decision.meeting
    where = f"{meeting.series}: decision {decision.key!r}"
    unknown = set(values) - {"text", "adopted_on", "method", "position", "agenda_item"}
    if unknown:
        raise DomainError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    wanted = {}
    if "text" in values:
        wanted["text"] = _texts(values["text"] or {}, where)
    if "method" in values:
        if values["method"] not in Decision.Method.values:
            raise DomainError(f"{where}: method must be one of {', '.join(Decision.Method.values)}")
        wanted["method"] = values["method"]
    if "adopted_on" in values:
        adopted_on = values["adopted_on"]
        if adopted_on and meeting.start and meeting.end and not meeting.start <= adopted_on <= meeting.end:
            raise DomainError(
                f"{where}: {adopted_on} is not a day of the meeting ({meeting.start} to {meeting.end})"
            )
        wanted["adopted_on"] = adopted_on
    if "position" in values:
        if not isinstance(values["position"], int) or not 0 <= values["position"] <= 32767:
            raise DomainError(f"{where}: a place in the list is a whole number from 0 to 32767")
        wanted["position"] = values["position"]
    if "agenda_item" in values:
        _check_item(meeting, values["agenda_item"], where)
        wanted["agenda_item"] = values["agenda_item"]
    with transaction.atomic():
        current = Decision.objects.select_for_update().get(pk=decision.pk)
        changed = [f for f, v in wanted.items() if getattr(current, f) != v]
        if not changed:
            return False
        taken = [f for f in changed if f not in ("position", "agenda_item")]
        if current.adopted_on and taken:
            labels = {"text": "text", "adopted_on": "date", "method": "method of adoption"}
            raise Frozen(
                f"{where} was taken on {current.adopted_on.isoformat()}: its "
                f"{', '.join(labels[f] for f in taken)} cannot change"
            )
        before = _decision_snapshot(current)
        for f in changed:
            setattr(decision, f, wanted[f])
        decision.save(update_fields=changed)
        log_action(by, "decision.update", decision, before=before, after=_decision_snapshot(decision))
    return True


def remove_decision(decision: Decision, *, by: Actor) -> None:
    """Take a decision off the record: only one not taken yet (Frozen otherwise)."""
    permissions.require_staff(by, "records decisions")
    where = f"{decision.meeting.series}: decision {decision.key!r}"
    if decision.adopted_on:
        raise Frozen(f"{where} was taken on {decision.adopted_on.isoformat()} and stays in the record")
    with transaction.atomic():
        log_action(by, "decision.remove", decision, before=_decision_snapshot(decision))
        decision.delete()


def _reservation_snapshot(reservation: Reservation) -> dict:
    return {
        "meeting": reservation.meeting.series,
        "applies_to": reservation.applies_to,
        "state": reservation.state.code if reservation.state else None,
        "text": reservation.text,
        "position": reservation.position,
    }


def update_reservation(reservation: Reservation, *, by: Actor, **values) -> bool:
    """Change what is given of a reservation: applies_to, state (None: "one delegation"), text;
    with the rules of `record_reservation`. Returns whether anything changed."""
    permissions.require_staff(by, "records reservations")
    meeting = reservation.meeting
    where = f"{meeting.series}: reservation"
    unknown = set(values) - {"applies_to", "state", "text"}
    if unknown:
        raise DomainError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    wanted = {}
    if "applies_to" in values:
        applies_to = (values["applies_to"] or "").strip()
        if not applies_to:
            raise DomainError(f"{where}: say what it applies to (a report paragraph or a decision key)")
        if len(applies_to) > 60:
            raise DomainError(f"{where}: 'applies to' is longer than 60 characters")
        wanted["applies_to"] = applies_to
    if "text" in values:
        wanted["text"] = _texts(values["text"] or {}, where)
    if "state" in values:
        state = values["state"]
        if (
            state is not None
            and not Delegation.objects.filter(
                meeting=meeting, state=state, status=Delegation.Status.REGISTERED
            ).exists()
        ):
            raise DomainError(f"{where}: {state.code} has no registered delegation at {meeting.series}")
        wanted["state"] = state
    with transaction.atomic():
        changed = [f for f, v in wanted.items() if getattr(reservation, f) != v]
        if not changed:
            return False
        before = _reservation_snapshot(reservation)
        for f in changed:
            setattr(reservation, f, wanted[f])
        reservation.save(update_fields=changed)
        log_action(
            by, "reservation.update", reservation, before=before, after=_reservation_snapshot(reservation)
        )
    return True


def remove_reservation(reservation: Reservation, *, by: Actor) -> None:
    permissions.require_staff(by, "records reservations")
    with transaction.atomic():
        log_action(by, "reservation.remove", reservation, before=_reservation_snapshot(reservation))
        reservation.delete()


# -- statements ----------------------------------------------------------------------------------

STATEMENT_FIELDS = (
    "kind",
    "state",
    "organization",
    "speaker",
    "agenda_item",
    "on_behalf_of_states",
    "on_behalf_of_organization",
    "on_behalf_of_group",
    "on_behalf_of_text",
    "endorsed_by_ngos",
    "endorsed_by_individuals",
    "informal",
)
STATEMENT_DEFAULTS = {
    "state": None,
    "organization": None,
    "speaker": "",
    "agenda_item": None,
    "on_behalf_of_states": [],
    "on_behalf_of_organization": None,
    "on_behalf_of_group": None,
    "on_behalf_of_text": {},
    "endorsed_by_ngos": None,
    "endorsed_by_individuals": None,
    "informal": False,
}


def _statement_values(meeting: Meeting, values: Mapping, where: str) -> dict:
    unknown = set(values) - set(STATEMENT_FIELDS)
    if unknown:
        raise DomainError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    out = dict(values)
    if "kind" in out and out["kind"] not in Statement.Kind.values:
        raise DomainError(f"{where}: kind must be one of {', '.join(Statement.Kind.values)}")
    if "speaker" in out:
        out["speaker"] = out["speaker"] or ""
        if len(out["speaker"]) > 200:
            raise DomainError(f"{where}: the speaker's name is longer than 200 characters")
    if (
        "agenda_item" in out
        and out["agenda_item"] is not None
        and out["agenda_item"].meeting_id != meeting.pk
    ):
        raise DomainError(
            f"{where}: agenda item {out['agenda_item'].number} is not on the agenda of {meeting}"
        )
    if "on_behalf_of_states" in out:
        codes = list(out["on_behalf_of_states"] or [])
        known = set(State.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown_states = [c for c in codes if c not in known]
        if unknown_states:
            raise DomainError(f"{where}: unknown State {unknown_states[0]!r}")
        out["on_behalf_of_states"] = codes
    if "on_behalf_of_group" in out and out["on_behalf_of_group"] is not None:
        if out["on_behalf_of_group"].scheme != meeting.treaty.code:
            raise DomainError(
                f"{where}: {out['on_behalf_of_group'].code} is not a group of the {meeting.treaty.code}"
            )
    if "on_behalf_of_text" in out:
        text = dict(out["on_behalf_of_text"] or {})
        if any(k not in UN_LANGUAGES or not isinstance(v, str) for k, v in text.items()):
            raise DomainError(f"{where}: the wording 'on behalf of' is given per UN language")
        out["on_behalf_of_text"] = text
    for f in ("endorsed_by_ngos", "endorsed_by_individuals"):
        value = out.get(f)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2147483647
        ):
            raise DomainError(f"{where}: {f.replace('_', ' ')} is a whole number from 0")
    if "informal" in out:
        out["informal"] = bool(out["informal"])
    return out


def _check_speaker(values: Mapping, where: str) -> None:
    if values["kind"] == Statement.Kind.STATE and values.get("state") is None:
        raise DomainError(f"{where}: a statement of kind 'state' names its State")
    if values["kind"] == Statement.Kind.OBSERVER and values.get("organization") is None:
        raise DomainError(f"{where}: a statement of kind 'observer' names its organization")


def _statement_snapshot(statement: Statement) -> dict:
    def code(obj):
        return obj.code if obj is not None else None

    return {
        "meeting": statement.meeting.series,
        "position": statement.position,
        "kind": statement.kind,
        "state": code(statement.state),
        "organization": code(statement.organization),
        "speaker": statement.speaker,
        "agenda_item": statement.agenda_item.number if statement.agenda_item else None,
        "on_behalf_of_states": statement.on_behalf_of_states,
        "on_behalf_of_organization": code(statement.on_behalf_of_organization),
        "on_behalf_of_group": code(statement.on_behalf_of_group),
        "on_behalf_of_text": statement.on_behalf_of_text,
        "endorsed_by_ngos": statement.endorsed_by_ngos,
        "endorsed_by_individuals": statement.endorsed_by_individuals,
        "informal": statement.informal,
    }


def record_statement(meeting: Meeting, *, by: Actor, kind: str, **values) -> Statement:
    """Record a statement heard at the meeting, after its other statements (the general debate
    in order). `values`: state or organization (who spoke), speaker (when neither is recorded),
    agenda_item, on_behalf_of_states (alpha-3 codes), on_behalf_of_organization,
    on_behalf_of_group, on_behalf_of_text (per language), endorsed_by_ngos,
    endorsed_by_individuals, informal. Guarantees: a State's statement names its State, an
    observer's its organization; codes, groups and agenda items are the meeting's. Staff only
    (the list of speakers records statements as they are made: `mark_spoken`)."""
    permissions.require_staff(by, "records statements")
    where = f"{meeting.series}: statement"
    cleaned = {**STATEMENT_DEFAULTS, **_statement_values(meeting, {"kind": kind, **values}, where)}
    _check_speaker(cleaned, where)
    with transaction.atomic():
        _lock_meeting(meeting.pk)
        last = Statement.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"]
        statement = Statement.objects.create(
            meeting=meeting, position=0 if last is None else last + 1, **cleaned
        )
        log_action(by, "statement.record", statement, after=_statement_snapshot(statement))
    return statement


def update_statement(statement: Statement, *, by: Actor, **values) -> bool:
    """Change what is given of a statement (the fields of `record_statement`, kind included),
    with its rules. Returns whether anything changed; nothing is written when nothing did."""
    permissions.require_staff(by, "records statements")
    meeting = statement.meeting
    where = f"{meeting.series}: statement {statement.position}"
    cleaned = _statement_values(meeting, values, where)
    combined = {f: getattr(statement, f) for f in STATEMENT_FIELDS} | cleaned
    _check_speaker(combined, where)
    with transaction.atomic():
        changed = [f for f, v in cleaned.items() if getattr(statement, f) != v]
        if not changed:
            return False
        before = _statement_snapshot(statement)
        for f in changed:
            setattr(statement, f, cleaned[f])
        statement.save(update_fields=changed)
        log_action(by, "statement.update", statement, before=before, after=_statement_snapshot(statement))
    return True


def remove_statement(statement: Statement, *, by: Actor) -> None:
    permissions.require_staff(by, "records statements")
    with transaction.atomic():
        log_action(by, "statement.remove", statement, before=_statement_snapshot(statement))
        statement.delete()
