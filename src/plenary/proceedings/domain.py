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
from django.urls import NoReverseMatch
from django.utils import timezone, translation

from plenary.accounts import permissions
from plenary.accounts.models import Notification
from plenary.accounts.notify import notify, page_urls, people_of
from plenary.accounts.permissions import can_act_for_delegation, can_steer_meeting
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen, NotAllowed, term
from plenary.core.languages import UN_LANGUAGES
from plenary.meetings.domain import check_open
from plenary.meetings.errors import MeetingError, Place, _
from plenary.meetings.models import AgendaItem, Meeting, PlannedSitting
from plenary.participation.models import RIGHTS, Category, Delegation
from plenary.proceedings.models import Decision, FloorRequest, Reservation, SpeakingTime, Statement
from plenary.proceedings.queries import queue_of, queue_of_request, seconds_spoken, speaking, time_limit_of
from plenary.treaties.models import Group, State, StateName

# -- the list of speakers ------------------------------------------------------------------------
#
# The rules of procedure. A Meeting of States Parties adopts the rules of procedure of the Eighth
# Review Conference (BWC/CONF.VIII/7) with the changes it needs, and its later meetings apply them
# mutatis mutandis (seed report BWC/MSP/2017/6, paras. 5 and 19 (d)); the Review Conferences' rules
# were modelled on those of the NPT Review Conferences (BWC ISU, "The Eighth Review Conference:
# practical guidance for delegates", 2016), whose conduct of business follows the UN's standard
# rules (as in the General Assembly's rules 68, 71 and 73). The search tool gave the BWC rules'
# chapter headings but not their text, so their rule numbers are not cited; what this list keeps
# is that standard conduct of business:
# - the presiding officer calls upon speakers in the order in which they signified their wish to
#   speak: statements in the order asked (`position`), the Chair's secretary moving one when the
#   Chair so decides (`move`);
# - a point of order is decided immediately by the presiding officer: it comes before every
#   statement waiting (`queries.RANK`);
# - the right of reply is accorded by the presiding officer, and in UN practice heard after the
#   speakers on the list, at the end of the meeting: replies come after the statements of the
#   list (sitting and agenda item) they answer;
# - rule 44: observers (signatories 44.1, other States 44.2, the UN 44.3, organizations 44.4)
#   take part in the debate without taking decisions; non-governmental organizations and research
#   institutes (44.5) attend without taking the floor in formal meetings, and were heard in an
#   informal meeting (seed para. 14): the secretariat adds one from the room, and its statement is
#   recorded as informal. A closed meeting is open to States Parties and signatories only.
# Plenary's own choices where the rules leave it to practice: only a State Party raises a point of
# order (it bears on how the meeting decides), only a State asks for the right of reply.

FLOOR_CATEGORIES = {
    Category.STATE_PARTY,
    Category.SIGNATORY,
    Category.OBSERVER_STATE,
    Category.UN,
    Category.IO,
}
CLOSED_MEETING_CATEGORIES = {Category.STATE_PARTY, Category.SIGNATORY}

# A speaking-time limit, in seconds: from 15 seconds to an hour.
TIME_LIMIT_MIN, TIME_LIMIT_MAX = 15, 3600

OPEN_STATUSES = (FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING)
ALREADY = {
    FloorRequest.Kind.STATEMENT: _("the delegation is already on the list of speakers"),
    FloorRequest.Kind.REPLY: _("the delegation has already asked for the right of reply"),
    FloorRequest.Kind.ORDER: _("the delegation has already raised a point of order"),
}
# The counts a joint statement of NGOs gives, as a message names them.
ENDORSEMENTS = {
    "endorsed_by_ngos": _("endorsed by ngos"),
    "endorsed_by_individuals": _("endorsed by individuals"),
}
# What of a decision taken cannot change, as a message names it.
DECISION_FIELDS = {"text": _("text"), "adopted_on": _("date"), "method": _("method of adoption")}
# What ending a speech may record beside what the request carries.
END_FIELDS = (
    "on_behalf_of_states",
    "on_behalf_of_organization",
    "on_behalf_of_group",
    "on_behalf_of_text",
    "endorsed_by_ngos",
    "endorsed_by_individuals",
    "informal",
)


def _now() -> dt.datetime:
    """The time the clock reads (one place, so that tests set it)."""
    return timezone.now()


def _word(label: object) -> term:
    """A choice's label (a lazy translation) as the English word of the interface, for a message
    that translates it when it is read."""
    with translation.override("en"):
        return term(str(label))


def _status(request: FloorRequest) -> term:
    return _word(FloorRequest.Status(request.status).label)


def _refusal(delegation: Delegation, kind: str, *, from_the_room: bool) -> DomainError | None:
    """Why the delegation may not ask for the floor for `kind`, as the refusal (None when it may)."""
    if delegation.status != Delegation.Status.REGISTERED:
        return DomainError(
            _("the delegation's status is %(status)s: it may not take the floor"),
            status=_word(Delegation.Status(delegation.status).label),
        )
    category = Category(delegation.category)
    label = _word(category.label)
    meeting = delegation.meeting
    if meeting.closed and category not in CLOSED_MEETING_CATEGORIES:
        return DomainError(
            _(
                "%(series)s is a closed meeting, open to States Parties and signatories only: "
                "a %(category)s may not take the floor"
            ),
            series=meeting.series,
            category=label,
        )
    if category == Category.NGO:
        if not from_the_room:
            return DomainError(
                _("a %(category)s attends without taking the floor in formal meetings"), category=label
            )
        if kind != FloorRequest.Kind.STATEMENT:
            return DomainError(
                _("a %(category)s makes a statement only, in an informal meeting"), category=label
            )
        return None
    if category not in FLOOR_CATEGORIES or not RIGHTS[category]["participates"]:
        return DomainError(
            _("a %(category)s attends without taking the floor in formal meetings"), category=label
        )
    if kind == FloorRequest.Kind.ORDER and not RIGHTS[category]["decides"]:
        return DomainError(
            _("a point of order is raised by a State Party, not by a %(category)s"), category=label
        )
    if kind == FloorRequest.Kind.REPLY and not delegation.state_id:
        return DomainError(_("the right of reply is a State's, not a %(category)s's"), category=label)
    return None


def why_not_the_floor(
    delegation: Delegation, kind: str = FloorRequest.Kind.STATEMENT, *, from_the_room: bool = False
) -> str | None:
    """Why the delegation may not ask for the floor for `kind` (None when it may), in the language
    active. `from_the_room`: the secretariat adds it as it asked in the room (an NGO is heard so,
    informally)."""
    refusal = _refusal(delegation, kind, from_the_room=from_the_room)
    return None if refusal is None else str(refusal)


def may_take_the_floor(
    delegation: Delegation, kind: str = FloorRequest.Kind.STATEMENT, *, from_the_room: bool = False
) -> bool:
    """States Parties, signatories and admitted observers (not in a closed meeting); an NGO only
    when the secretariat adds it from the room (Rule 44.5: informally); not delegations whose
    observer status is pending or refused."""
    return why_not_the_floor(delegation, kind, from_the_room=from_the_room) is None


def _who(delegation: Delegation) -> str:
    return delegation.state.code if delegation.state_id else delegation.organization.code


def _names_of(delegation: Delegation) -> dict[str, str]:
    """The delegation's name in each language it has one in (for a notification)."""
    if delegation.state_id:
        on = delegation.meeting.start or clock.today()
        rows = StateName.objects.on(on).filter(state_id=delegation.state_id).values_list("lang", "name")
        return dict(rows) or {"en": delegation.state.code}
    org = delegation.organization
    return {**(org.names or {}), **(org.short_names or {})} or {"en": org.code}


def _lock_meeting(meeting_id: int) -> None:
    # The meeting's row orders every change of its list of speakers (positions are unique).
    Meeting.objects.select_for_update().filter(pk=meeting_id).first()


def _check_list(meeting: Meeting, sitting: PlannedSitting | None, agenda_item: AgendaItem | None) -> None:
    if sitting is not None and sitting.meeting_id != meeting.pk:
        raise DomainError(
            _("sitting %(number)s of %(other)s is not a sitting of %(series)s"),
            number=sitting.number,
            other=sitting.meeting.series,
            series=meeting.series,
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise DomainError(
            _("agenda item %(item)s of %(other)s is not on the agenda of %(series)s"),
            item=agenda_item.label,
            other=agenda_item.meeting.series,
            series=meeting.series,
        )


def _clean_note(text: Mapping[str, str] | None) -> dict[str, str]:
    if text is not None and not isinstance(text, Mapping):
        raise DomainError(_("the wording 'on behalf of' is given per UN language"))
    cleaned = {}
    for lang, value in (text or {}).items():
        if not isinstance(value, str):
            raise DomainError(_("the wording 'on behalf of' is given per UN language"))
        if value.strip():
            cleaned[lang] = " ".join(value.split())[:300]
    if any(lang not in UN_LANGUAGES for lang in cleaned):
        raise DomainError(_("the wording 'on behalf of' is given per UN language"))
    return cleaned


def _floor_snapshot(request: FloorRequest) -> dict:
    def when(value):
        return value.isoformat() if value else None

    return {
        "meeting": request.meeting.series,
        "who": _who(request.delegation),
        "kind": request.kind,
        "sitting": request.sitting.number if request.sitting_id else None,
        "agenda_item": request.agenda_item.label if request.agenda_item_id else None,
        "position": request.position,
        "status": request.status,
        "from_the_room": request.from_the_room,
        "on_behalf_of_group": request.on_behalf_of_group.code if request.on_behalf_of_group_id else None,
        "on_behalf_of_text": request.on_behalf_of_text,
        "time_limit": request.time_limit,
        "started_at": when(request.started_at),
        "ended_at": when(request.ended_at),
    }


def _put_on_the_list(
    delegation: Delegation,
    *,
    by: Actor,
    kind: str,
    sitting: PlannedSitting | None,
    agenda_item: AgendaItem | None,
    on_behalf_of_group: Group | None,
    on_behalf_of_text: Mapping[str, str] | None,
    from_the_room: bool,
) -> FloorRequest:
    meeting = delegation.meeting
    check_open(meeting, by)
    if kind not in FloorRequest.Kind.values:
        raise DomainError(
            _("ask for the floor for a statement, a reply or a point of order, not %(value)s"),
            value=repr(kind)[:60],
        )
    refusal = _refusal(delegation, kind, from_the_room=from_the_room)
    if refusal is not None:
        raise refusal
    _check_list(meeting, sitting, agenda_item)
    if on_behalf_of_group is not None and on_behalf_of_group.scheme != meeting.treaty.code:
        raise DomainError(
            _("%(group)s is not a group of the %(treaty)s"),
            group=on_behalf_of_group.code,
            treaty=meeting.treaty.code,
        )
    text = _clean_note(on_behalf_of_text)
    acting_for = permissions.acting_for(by, delegation)
    with transaction.atomic():
        _lock_meeting(meeting.pk)
        if FloorRequest.objects.filter(
            meeting=meeting, delegation=delegation, kind=kind, status__in=OPEN_STATUSES
        ).exists():
            raise DomainError(ALREADY[kind])
        last = FloorRequest.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
        request = FloorRequest.objects.create(
            meeting=meeting,
            delegation=delegation,
            kind=kind,
            sitting=sitting,
            agenda_item=agenda_item,
            on_behalf_of_group=on_behalf_of_group,
            on_behalf_of_text=text,
            position=last + 1,
            from_the_room=from_the_room,
            requested_by=by.user,
            by_secretariat=bool(acting_for),
        )
        log_action(
            by,
            "floor.add" if from_the_room else "floor.request",
            request,
            after=_floor_snapshot(request),
            acting_for=acting_for,
        )
    return request


def request_floor(
    delegation: Delegation,
    *,
    by: Actor,
    kind: str = FloorRequest.Kind.STATEMENT,
    sitting: PlannedSitting | None = None,
    agenda_item: AgendaItem | None = None,
    on_behalf_of_group: Group | None = None,
    on_behalf_of_text: Mapping[str, str] | None = None,
) -> FloorRequest:
    """The delegation asks for the floor, for a statement, a right of reply or a point of order, on
    the list of a sitting and agenda item (both optional: a meeting without a programme of work
    keeps one list). Guarantees: the delegation's own people (or staff) ask; once per kind while
    waiting or speaking; only delegations that may take the floor for that kind; the sitting,
    item and group are the meeting's; the meeting is open."""
    if not can_act_for_delegation(by, delegation):
        raise NotAllowed(_("only the delegation asks for its floor"))
    return _put_on_the_list(
        delegation,
        by=by,
        kind=kind,
        sitting=sitting,
        agenda_item=agenda_item,
        on_behalf_of_group=on_behalf_of_group,
        on_behalf_of_text=on_behalf_of_text,
        from_the_room=False,
    )


def add_from_the_room(
    meeting: Meeting,
    delegation: Delegation,
    *,
    by: Actor,
    kind: str = FloorRequest.Kind.STATEMENT,
    sitting: PlannedSitting | None = None,
    agenda_item: AgendaItem | None = None,
    on_behalf_of_group: Group | None = None,
    on_behalf_of_text: Mapping[str, str] | None = None,
) -> FloorRequest:
    """The secretariat (or an officer) puts on the list a delegation that asks from the room: any
    delegation registered at this meeting that may take the floor, an NGO too (it is heard
    informally). Marked `from_the_room`; the rules of `request_floor` otherwise."""
    if not can_steer_meeting(by, meeting):
        raise NotAllowed(_("only the secretariat and the meeting's officers add a delegation from the room"))
    if delegation.meeting_id != meeting.pk:
        raise DomainError(
            _("the delegation of %(who)s is registered at %(other)s, not at %(series)s"),
            who=_who(delegation),
            other=delegation.meeting.series,
            series=meeting.series,
        )
    return _put_on_the_list(
        delegation,
        by=by,
        kind=kind,
        sitting=sitting,
        agenda_item=agenda_item,
        on_behalf_of_group=on_behalf_of_group,
        on_behalf_of_text=on_behalf_of_text,
        from_the_room=True,
    )


def _reread(request: FloorRequest) -> None:
    """The request as committed now (after the meeting's lock is held)."""
    request.refresh_from_db(
        fields=[
            "status",
            "position",
            "kind",
            "sitting",
            "agenda_item",
            "time_limit",
            "started_at",
            "ended_at",
        ]
    )


def withdraw_floor_request(request: FloorRequest, *, by: Actor) -> FloorRequest:
    """Leave the list of speakers (the delegation itself, or the meeting's staff and officers)."""
    if not permissions.can_withdraw_floor_request(by, request):
        raise NotAllowed(_("only the delegation or the meeting's officers withdraw a request"))
    with transaction.atomic():
        _lock_meeting(request.meeting_id)
        _reread(request)
        if request.status != FloorRequest.Status.WAITING:
            raise DomainError(
                _("the request is %(status)s: only a waiting one is withdrawn"), status=_status(request)
            )
        request.status = FloorRequest.Status.WITHDRAWN
        request.save(update_fields=["status", "updated"])
        log_action(
            by,
            "floor.withdraw",
            request,
            before={"status": FloorRequest.Status.WAITING},
            after=_floor_snapshot(request),
            acting_for=permissions.acting_for(by, request.delegation),
        )
    return request


def move(request: FloorRequest, *, by: Actor, direction: str) -> FloorRequest:
    """Move a waiting request one place up or down its list (staff and the meeting's officers),
    among the requests of its kind: a point of order stays before the statements, a reply after
    them. At the top (bottom) of its kind already, nothing changes."""
    if not can_steer_meeting(by, request.meeting):
        raise NotAllowed(_("only the secretariat and the meeting's officers order the list of speakers"))
    if direction not in ("up", "down"):
        raise DomainError(_("move up or down, not %(value)s"), value=repr(direction)[:60])
    with transaction.atomic():
        _lock_meeting(request.meeting_id)
        _reread(request)
        if request.status != FloorRequest.Status.WAITING:
            raise DomainError(
                _("the request is %(status)s: only a waiting one moves"), status=_status(request)
            )
        queue = queue_of_request(request).filter(kind=request.kind)
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


def _floor_urls(delegation: Delegation) -> dict[str, str] | str:
    """The delegation's floor page in each language (each person's notification links theirs)."""
    try:
        return page_urls("portal:floor", delegation.pk)
    except NoReverseMatch:  # pragma: no cover - the portal is always installed
        return ""


def give_floor(request: FloorRequest, *, by: Actor) -> FloorRequest:
    """Give the floor to a waiting delegation: whoever was speaking has then spoken (their statement
    is recorded, see `end_speech`); the clock starts (`started_at`) with the limit in force (the
    speaker's own, else the sitting's, else the meeting's) written on the request; the
    delegation's focal points and delegates are told ("floor_given")."""
    if not can_steer_meeting(by, request.meeting):
        raise NotAllowed(_("only the secretariat and the meeting's officers give the floor"))
    delegation = request.delegation
    with transaction.atomic():
        _lock_meeting(request.meeting_id)
        _reread(request)
        if request.status != FloorRequest.Status.WAITING:
            raise DomainError(
                _("the request is %(status)s: the floor is given to a waiting delegation"),
                status=_status(request),
            )
        for current in speaking(request.meeting_id).select_related(
            "meeting", "delegation__state", "delegation__organization", "sitting", "agenda_item__parent"
        ):
            _end(current, by=by, values={})
        request.status = FloorRequest.Status.SPEAKING
        request.started_at = _now()
        request.ended_at = None
        request.time_limit = time_limit_of(request)
        request.save(update_fields=["status", "started_at", "ended_at", "time_limit", "updated"])
        log_action(
            by,
            "floor.give",
            request,
            before={"status": FloorRequest.Status.WAITING},
            after=_floor_snapshot(request),
        )
        notify(
            Notification.Kind.FLOOR_GIVEN,
            people_of(state_id=delegation.state_id, organization_id=delegation.organization_id),
            context={"meeting": request.meeting.series, "who": _names_of(delegation)},
            url=_floor_urls(delegation),
        )
    return request


def next_speaker(
    meeting: Meeting,
    *,
    by: Actor,
    sitting: PlannedSitting | None = None,
    agenda_item: AgendaItem | None = None,
) -> FloorRequest | None:
    """Give the floor to the first waiting delegation of the list (sitting and agenda item; neither:
    the list kept without them). Whoever was speaking has then spoken. None when nobody waits (the
    speaker, if any, has then spoken)."""
    if not can_steer_meeting(by, meeting):
        raise NotAllowed(_("only the secretariat and the meeting's officers give the floor"))
    _check_list(meeting, sitting, agenda_item)
    with transaction.atomic():
        _lock_meeting(meeting.pk)
        first = queue_of(meeting, sitting, agenda_item).select_related("meeting", "delegation").first()
        if first is None:
            for current in speaking(meeting).select_related("meeting", "delegation"):
                _end(current, by=by, values={})
            return None
        give_floor(first, by=by)
    return first


def _statement_kind(delegation: Delegation, values: Mapping) -> str:
    if delegation.state_id:
        return Statement.Kind.STATE
    if delegation.category == Category.NGO:
        joint = (
            values.get("endorsed_by_ngos") is not None or values.get("endorsed_by_individuals") is not None
        )
        return Statement.Kind.NGO_JOINT if joint else Statement.Kind.NGO
    return Statement.Kind.OBSERVER


def _record_from_the_floor(request: FloorRequest, values: Mapping, *, by: Actor) -> Statement:
    delegation = request.delegation
    meeting = request.meeting
    where = Place(_("%(series)s: the statement of %(who)s"), series=meeting.series, who=_who(delegation))
    cleaned = _statement_values(meeting, values, where)
    kind = _statement_kind(delegation, cleaned)
    if kind != Statement.Kind.NGO_JOINT and (
        cleaned.get("endorsed_by_ngos") is not None or cleaned.get("endorsed_by_individuals") is not None
    ):
        raise MeetingError(
            _(
                "%(where)s: only a joint statement of NGOs counts the organizations and individuals endorsing it"
            ),
            where=where,
        )
    last = Statement.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
    statement = Statement.objects.create(
        meeting=meeting,
        position=last + 1,
        kind=kind,
        state=delegation.state,
        organization=delegation.organization,
        agenda_item=request.agenda_item,
        sitting=request.sitting,
        reply=request.kind == FloorRequest.Kind.REPLY,
        on_behalf_of_states=cleaned.get("on_behalf_of_states", []),
        on_behalf_of_organization=cleaned.get("on_behalf_of_organization"),
        on_behalf_of_group=cleaned.get("on_behalf_of_group", request.on_behalf_of_group),
        on_behalf_of_text=cleaned.get("on_behalf_of_text", dict(request.on_behalf_of_text or {})),
        endorsed_by_ngos=cleaned.get("endorsed_by_ngos"),
        endorsed_by_individuals=cleaned.get("endorsed_by_individuals"),
        informal=cleaned.get("informal", delegation.category == Category.NGO),
    )
    log_action(
        by,
        "statement.record",
        statement,
        after={
            **_statement_snapshot(statement),
            "reply": statement.reply,
            "sitting": request.sitting.number if request.sitting_id else None,
        },
    )
    return statement


def _end(request: FloorRequest, *, by: Actor, values: Mapping) -> Statement | None:
    """Inside the meeting's lock: the speech is over; its statement recorded (not for a point of
    order, which the Chair rules on and the record does not list)."""
    statement = None
    if request.kind != FloorRequest.Kind.ORDER:
        statement = _record_from_the_floor(request, values, by=by)
    request.status = FloorRequest.Status.SPOKEN
    request.ended_at = _now()
    request.save(update_fields=["status", "ended_at", "updated"])
    log_action(
        by,
        "floor.end",
        request,
        before={"status": FloorRequest.Status.SPEAKING},
        after={
            **_floor_snapshot(request),
            "seconds": seconds_spoken(request, request.ended_at),
            "statement": statement.position if statement else None,
        },
    )
    return statement


def end_speech(request: FloorRequest, *, by: Actor, **values) -> Statement | None:
    """The speaker has finished: the clock stops (`ended_at`) and what was said is recorded as the
    meeting's next statement, with its kind per the delegation (a State; an observer organization;
    an NGO, or a joint statement of NGOs when endorsements are counted), the request's sitting,
    agenda item and "on behalf of", `reply` for a right of reply. `values` (what the secretariat
    enters as it ends): on_behalf_of_states (alpha-3 codes), on_behalf_of_organization,
    on_behalf_of_group, on_behalf_of_text, endorsed_by_ngos, endorsed_by_individuals (a joint
    statement of NGOs), informal (an NGO's statement is informal unless told otherwise). A point
    of order records no statement (returns None). Nothing is written when a value is wrong."""
    if not can_steer_meeting(by, request.meeting):
        raise NotAllowed(_("only the secretariat and the meeting's officers keep the list of speakers"))
    unknown = set(values) - set(END_FIELDS)
    if unknown:
        raise DomainError(_("unknown field(s) %(fields)s"), fields=", ".join(sorted(unknown)))
    with transaction.atomic():
        _lock_meeting(request.meeting_id)
        _reread(request)
        if request.status != FloorRequest.Status.SPEAKING:
            if request.status == FloorRequest.Status.WAITING:
                raise DomainError(
                    _("the request is %(status)s, not speaking: give it the floor first"),
                    status=_status(request),
                )
            raise DomainError(_("the request is %(status)s, not speaking"), status=_status(request))
        return _end(request, by=by, values=values)


def _check_seconds(seconds: int | None) -> None:
    if seconds is None:
        return
    if (
        isinstance(seconds, bool)
        or not isinstance(seconds, int)
        or not TIME_LIMIT_MIN <= seconds <= TIME_LIMIT_MAX
    ):
        raise DomainError(
            _(
                "a speaking-time limit is a whole number of seconds from %(min)s to %(max)s (an hour), not %(value)s"
            ),
            min=TIME_LIMIT_MIN,
            max=TIME_LIMIT_MAX,
            value=repr(seconds)[:60],
        )


def set_time_limit(
    meeting: Meeting, seconds: int | None, *, by: Actor, sitting: PlannedSitting | None = None
) -> SpeakingTime | None:
    """The speaking-time limit of the meeting, or of one of its sittings (which comes first); None
    lifts it. It holds for every speaker given the floor afterwards without a limit of their own.
    Staff and the meeting's officers."""
    if not can_steer_meeting(by, meeting):
        raise NotAllowed(_("only the secretariat and the meeting's officers set the speaking time"))
    _check_seconds(seconds)
    _check_list(meeting, sitting, None)
    with transaction.atomic():
        _lock_meeting(meeting.pk)
        current = SpeakingTime.objects.filter(meeting=meeting, sitting=sitting).first()
        before = current.seconds if current else None
        if before == seconds:
            return current
        if seconds is None:
            current.delete()
            current = None
        elif current is None:
            current = SpeakingTime.objects.create(meeting=meeting, sitting=sitting, seconds=seconds)
        else:
            current.seconds = seconds
            current.save(update_fields=["seconds"])
        log_action(
            by,
            "floor.time_limit",
            meeting,
            before={"seconds": before},
            after={"sitting": sitting.number if sitting else None, "seconds": seconds},
        )
    return current


def set_speaker_time_limit(request: FloorRequest, seconds: int | None, *, by: Actor) -> FloorRequest:
    """A speaker's own limit (the Chair gives a group's speaker more time, or extends a speech that
    runs); None returns to the sitting's or the meeting's. Only a waiting or speaking request."""
    if not can_steer_meeting(by, request.meeting):
        raise NotAllowed(_("only the secretariat and the meeting's officers set the speaking time"))
    _check_seconds(seconds)
    with transaction.atomic():
        _lock_meeting(request.meeting_id)
        _reread(request)
        if request.status not in OPEN_STATUSES:
            raise DomainError(_("the request is %(status)s: its time is over"), status=_status(request))
        before = request.time_limit
        if seconds is None and request.status == FloorRequest.Status.SPEAKING:
            seconds = time_limit_of(
                FloorRequest(meeting_id=request.meeting_id, sitting_id=request.sitting_id)
            )
        if before == seconds:
            return request
        request.time_limit = seconds
        request.save(update_fields=["time_limit", "updated"])
        log_action(
            by,
            "floor.time_limit",
            request,
            before={"time_limit": before},
            after={"time_limit": seconds, "who": _who(request.delegation)},
        )
    return request


# -- decisions and reservations ------------------------------------------------------------------


def _texts(text: Mapping[str, str], where: Place) -> dict[str, str]:
    cleaned = {lang: (value or "").strip() for lang, value in text.items() if (value or "").strip()}
    unknown = sorted(set(cleaned) - set(UN_LANGUAGES))
    if unknown:
        raise MeetingError(
            _("%(where)s: unknown language(s) %(languages)s; use %(known)s"),
            where=where,
            languages=", ".join(unknown),
            known=", ".join(UN_LANGUAGES),
        )
    if not cleaned:
        raise MeetingError(_("%(where)s: the text is empty"), where=where)
    return {lang: cleaned[lang] for lang in UN_LANGUAGES if lang in cleaned}


# How a sentence that introduces a list ends ("The following was agreed:", "就下列事项达成了一致意见：").
_INTRODUCES_A_LIST = (":", "：")


def _decision_texts(text: Mapping[str, str], where: Place) -> dict[str, str]:
    """A decision's texts (see _texts), none ending with a sentence that introduces a list: the
    list follows it, one line each, or the sentence is not part of the text."""
    texts = _texts(text, where)
    for lang, value in texts.items():
        if value.rstrip().endswith(_INTRODUCES_A_LIST):
            last = value.rstrip().splitlines()[-1]
            raise MeetingError(
                _(
                    "%(where)s: the %(language)s text ends with “%(end)s”, which introduces a list it does "
                    "not give: give the list after it, one line each, or end the text before it"
                ),
                where=where,
                language=lang,
                end=last[-60:],
            )
    return texts


def _completes(before: Mapping[str, str], after: Mapping[str, str]) -> bool:
    """Whether `after` is the decision `before` still: every text it had kept, or (a text that
    ended introducing a list) followed by the list; new languages are translations."""
    for lang, text in before.items():
        new = after.get(lang)
        if new == text:
            continue
        if not (new and text.rstrip().endswith(_INTRODUCES_A_LIST) and new.startswith(text.rstrip() + "\n")):
            return False
    return True


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
    permissions.require_staff(by, _("records decisions"))
    where = Place(_("%(series)s: decision %(key)s"), series=meeting.series, key=repr(key))
    try:
        validate_slug(key or "")
    except ValidationError:
        raise MeetingError(
            _("%(where)s: the key must be letters, digits, hyphens or underscores (e.g. dates-of-msp)"),
            where=where,
        ) from None
    if len(key) > 60:
        raise MeetingError(_("%(where)s: the key is longer than 60 characters"), where=where)
    if method not in Decision.Method.values:
        raise MeetingError(
            _("%(where)s: method must be one of %(methods)s"),
            where=where,
            methods=", ".join(Decision.Method.values),
        )
    texts = _decision_texts(text, where)
    _check_day_of(meeting, adopted_on, where)
    _check_item(meeting, agenda_item, where)
    with transaction.atomic():
        if Decision.objects.filter(meeting=meeting, key=key).exists():
            raise DomainError(
                _("%(series)s already has a decision %(key)s"), series=meeting.series, key=repr(key)
            )
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


def _check_day_of(meeting: Meeting, day, where) -> None:
    """A decision is taken on a day of its meeting (when the meeting's days are known)."""
    if day and meeting.start and meeting.end and not meeting.start <= day <= meeting.end:
        raise MeetingError(
            _("%(where)s: %(date)s is not a day of the meeting (%(start)s to %(end)s)"),
            where=where,
            date=day,
            start=meeting.start,
            end=meeting.end,
        )


def _check_item(meeting: Meeting, item: AgendaItem | None, where: Place) -> None:
    """DomainError unless `item` is None or an item of the meeting's agenda."""
    if item is not None and item.meeting_id != meeting.pk:
        raise MeetingError(
            _("%(where)s: item %(item)s of %(other)s is not on the agenda of %(series)s"),
            where=where,
            item=item.label,
            other=item.meeting.series,
            series=str(meeting),
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
    permissions.require_staff(by, _("records reservations"))
    applies_to = (applies_to or "").strip()
    where = Place(_("%(series)s: reservation"), series=meeting.series)
    if not applies_to:
        raise MeetingError(
            _("%(where)s: say what it applies to (a report paragraph or a decision key)"), where=where
        )
    if len(applies_to) > 60:
        raise MeetingError(_("%(where)s: 'applies to' is longer than 60 characters"), where=where)
    texts = _texts(text, where)
    if (
        state is not None
        and not Delegation.objects.filter(
            meeting=meeting, state=state, status=Delegation.Status.REGISTERED
        ).exists()
    ):
        raise MeetingError(
            _("%(where)s: %(state)s has no registered delegation at %(series)s"),
            where=where,
            state=state.code,
            series=meeting.series,
        )
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
    permissions.require_staff(by, _("records decisions"))
    meeting = decision.meeting
    where = Place(_("%(series)s: decision %(key)s"), series=meeting.series, key=repr(decision.key))
    unknown = set(values) - {"text", "adopted_on", "method", "position", "agenda_item"}
    if unknown:
        raise MeetingError(
            _("%(where)s: unknown field(s) %(fields)s"), where=where, fields=", ".join(sorted(unknown))
        )
    wanted = {}
    if "text" in values:
        wanted["text"] = _decision_texts(values["text"] or {}, where)
    if "method" in values:
        if values["method"] not in Decision.Method.values:
            raise MeetingError(
                _("%(where)s: method must be one of %(methods)s"),
                where=where,
                methods=", ".join(Decision.Method.values),
            )
        wanted["method"] = values["method"]
    if "adopted_on" in values:
        adopted_on = values["adopted_on"]
        _check_day_of(meeting, adopted_on, where)
        wanted["adopted_on"] = adopted_on
    if "position" in values:
        if not isinstance(values["position"], int) or not 0 <= values["position"] <= 32767:
            raise MeetingError(
                _("%(where)s: a place in the list is a whole number from 0 to 32767"), where=where
            )
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
        if "text" in taken and _completes(current.text, wanted["text"]):
            taken.remove("text")  # the same decision, translated or with the list it introduced
        if current.adopted_on and taken:
            raise _cannot_change(current, [DECISION_FIELDS[f] for f in taken])
        before = _decision_snapshot(current)
        for f in changed:
            setattr(decision, f, wanted[f])
        decision.save(update_fields=changed)
        log_action(by, "decision.update", decision, before=before, after=_decision_snapshot(decision))
    return True


def _cannot_change(decision: Decision, fields: list[str]) -> Frozen:
    """The refusal of a change of what a decision taken keeps (its text, date, method)."""
    named = {f"field{i}": term(field) for i, field in enumerate(fields, 1)}
    templates = {
        1: _("%(series)s: decision %(key)s was taken on %(date)s: its %(field1)s cannot change"),
        2: _("%(series)s: decision %(key)s was taken on %(date)s: its %(field1)s, %(field2)s cannot change"),
        3: _(
            "%(series)s: decision %(key)s was taken on %(date)s: its %(field1)s, %(field2)s, %(field3)s "
            "cannot change"
        ),
    }
    return Frozen(
        templates[len(fields)],
        series=decision.meeting.series,
        key=repr(decision.key),
        date=decision.adopted_on,
        **named,
    )


def remove_decision(decision: Decision, *, by: Actor) -> None:
    """Take a decision off the record: only one not taken yet (Frozen otherwise)."""
    permissions.require_staff(by, _("records decisions"))
    if decision.adopted_on:
        raise Frozen(
            _("%(series)s: decision %(key)s was taken on %(date)s and stays in the record"),
            series=decision.meeting.series,
            key=repr(decision.key),
            date=decision.adopted_on,
        )
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
    permissions.require_staff(by, _("records reservations"))
    meeting = reservation.meeting
    where = Place(_("%(series)s: reservation"), series=meeting.series)
    unknown = set(values) - {"applies_to", "state", "text"}
    if unknown:
        raise MeetingError(
            _("%(where)s: unknown field(s) %(fields)s"), where=where, fields=", ".join(sorted(unknown))
        )
    wanted = {}
    if "applies_to" in values:
        applies_to = (values["applies_to"] or "").strip()
        if not applies_to:
            raise MeetingError(
                _("%(where)s: say what it applies to (a report paragraph or a decision key)"), where=where
            )
        if len(applies_to) > 60:
            raise MeetingError(_("%(where)s: 'applies to' is longer than 60 characters"), where=where)
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
            raise MeetingError(
                _("%(where)s: %(state)s has no registered delegation at %(series)s"),
                where=where,
                state=state.code,
                series=meeting.series,
            )
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
    permissions.require_staff(by, _("records reservations"))
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


def _statement_values(meeting: Meeting, values: Mapping, where: Place) -> dict:
    unknown = set(values) - set(STATEMENT_FIELDS)
    if unknown:
        raise MeetingError(
            _("%(where)s: unknown field(s) %(fields)s"), where=where, fields=", ".join(sorted(unknown))
        )
    out = dict(values)
    if "kind" in out and out["kind"] not in Statement.Kind.values:
        raise MeetingError(
            _("%(where)s: kind must be one of %(kinds)s"), where=where, kinds=", ".join(Statement.Kind.values)
        )
    if "speaker" in out:
        out["speaker"] = out["speaker"] or ""
        if len(out["speaker"]) > 200:
            raise MeetingError(_("%(where)s: the speaker's name is longer than 200 characters"), where=where)
    if (
        "agenda_item" in out
        and out["agenda_item"] is not None
        and out["agenda_item"].meeting_id != meeting.pk
    ):
        raise MeetingError(
            _("%(where)s: agenda item %(item)s is not on the agenda of %(series)s"),
            where=where,
            item=out["agenda_item"].number,
            series=str(meeting),
        )
    if "on_behalf_of_states" in out:
        codes = list(out["on_behalf_of_states"] or [])
        known = set(State.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown_states = [c for c in codes if c not in known]
        if unknown_states:
            raise MeetingError(
                _("%(where)s: unknown State %(code)s"), where=where, code=repr(unknown_states[0])[:60]
            )
        out["on_behalf_of_states"] = codes
    if "on_behalf_of_group" in out and out["on_behalf_of_group"] is not None:
        if out["on_behalf_of_group"].scheme != meeting.treaty.code:
            raise MeetingError(
                _("%(where)s: %(group)s is not a group of the %(treaty)s"),
                where=where,
                group=out["on_behalf_of_group"].code,
                treaty=meeting.treaty.code,
            )
    if "on_behalf_of_text" in out:
        text = dict(out["on_behalf_of_text"] or {})
        if any(k not in UN_LANGUAGES or not isinstance(v, str) for k, v in text.items()):
            raise MeetingError(
                _("%(where)s: the wording 'on behalf of' is given per UN language"), where=where
            )
        out["on_behalf_of_text"] = text
    for f in ("endorsed_by_ngos", "endorsed_by_individuals"):
        value = out.get(f)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 2147483647
        ):
            raise MeetingError(
                _("%(where)s: %(what)s is a whole number from 0"), where=where, what=term(ENDORSEMENTS[f])
            )
    if "informal" in out:
        out["informal"] = bool(out["informal"])
    return out


def _check_speaker(values: Mapping, where: Place) -> None:
    if values["kind"] == Statement.Kind.STATE and values.get("state") is None:
        raise MeetingError(_("%(where)s: a statement of kind 'state' names its State"), where=where)
    if values["kind"] == Statement.Kind.OBSERVER and values.get("organization") is None:
        raise MeetingError(_("%(where)s: a statement of kind 'observer' names its organization"), where=where)


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
    (the list of speakers records statements as they are made: `end_speech`)."""
    permissions.require_staff(by, _("records statements"))
    where = Place(_("%(series)s: statement"), series=meeting.series)
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
    permissions.require_staff(by, _("records statements"))
    meeting = statement.meeting
    where = Place(_("%(series)s: statement %(position)s"), series=meeting.series, position=statement.position)
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
    permissions.require_staff(by, _("records statements"))
    with transaction.atomic():
        log_action(by, "statement.remove", statement, before=_statement_snapshot(statement))
        statement.delete()
