"""Read helpers of the list of speakers that pages, the API and the domain share.

A meeting keeps one list of speakers per sitting and agenda item; either may be left out (a
meeting without a programme of work keeps one list, with neither). In a list, points of order come
first, then the statements, then the rights of reply, each in the order asked (see
`proceedings.domain` for the rules of procedure behind it).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_noop as _

from plenary.core.errors import NotFound
from plenary.meetings.models import AgendaItem, Meeting, PlannedSitting
from plenary.proceedings.models import FloorRequest, SpeakingTime

OPEN = (FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING)

# Points of order first (0), statements (1), rights of reply after them (2).
RANK = Case(
    When(kind=FloorRequest.Kind.ORDER, then=Value(0)),
    When(kind=FloorRequest.Kind.REPLY, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)
RANKS = {FloorRequest.Kind.ORDER: 0, FloorRequest.Kind.STATEMENT: 1, FloorRequest.Kind.REPLY: 2}


def waiting(meeting: Meeting) -> QuerySet[FloorRequest]:
    """Every waiting request of the meeting, in every list, in the order asked."""
    return FloorRequest.objects.filter(meeting=meeting, status=FloorRequest.Status.WAITING).order_by(
        "position"
    )


def _of_list(sitting_id: int | None, agenda_item_id: int | None) -> dict:
    where: dict = {"sitting__isnull": True} if sitting_id is None else {"sitting_id": sitting_id}
    where |= {"agenda_item__isnull": True} if agenda_item_id is None else {"agenda_item_id": agenda_item_id}
    return where


def queue_of(
    meeting: Meeting | int, sitting: PlannedSitting | None = None, agenda_item: AgendaItem | None = None
) -> QuerySet[FloorRequest]:
    """The waiting requests of one list, in the order they get the floor."""
    meeting_id = meeting if isinstance(meeting, int) else meeting.pk
    return (
        FloorRequest.objects.filter(
            meeting_id=meeting_id,
            status=FloorRequest.Status.WAITING,
            **_of_list(sitting.pk if sitting else None, agenda_item.pk if agenda_item else None),
        )
        .annotate(rank=RANK)
        .order_by("rank", "position")
    )


def queue_of_request(request: FloorRequest) -> QuerySet[FloorRequest]:
    """The waiting requests of the list `request` is on."""
    return (
        FloorRequest.objects.filter(
            meeting_id=request.meeting_id,
            status=FloorRequest.Status.WAITING,
            **_of_list(request.sitting_id, request.agenda_item_id),
        )
        .annotate(rank=RANK)
        .order_by("rank", "position")
    )


def speaking(meeting: Meeting | int) -> QuerySet[FloorRequest]:
    """Who has the floor (one delegation at a time)."""
    meeting_id = meeting if isinstance(meeting, int) else meeting.pk
    return FloorRequest.objects.filter(meeting_id=meeting_id, status=FloorRequest.Status.SPEAKING)


def place_in_queue(request: FloorRequest) -> tuple[int, int] | None:
    """(place, how many wait) in its list for a waiting request: "number 4 of 12 waiting"."""
    if request.status != FloorRequest.Status.WAITING:
        return None
    queue = list(queue_of_request(request).values_list("pk", flat=True))
    return queue.index(request.pk) + 1, len(queue)


def time_limits(meeting: Meeting | int) -> dict[int | None, int]:
    """The meeting's speaking-time limits by sitting id (None: the whole meeting's)."""
    meeting_id = meeting if isinstance(meeting, int) else meeting.pk
    return dict(SpeakingTime.objects.filter(meeting_id=meeting_id).values_list("sitting_id", "seconds"))


def time_limit_of(request: FloorRequest, limits: dict[int | None, int] | None = None) -> int | None:
    """The limit that holds for the request: its own, else its sitting's, else the meeting's."""
    if request.time_limit:
        return request.time_limit
    limits = time_limits(request.meeting_id) if limits is None else limits
    if request.sitting_id in limits:
        return limits[request.sitting_id]
    return limits.get(None)


def seconds_spoken(request: FloorRequest, now: dt.datetime) -> int | None:
    """Seconds since the floor was given (to its end once ended); None before the floor."""
    if request.started_at is None:
        return None
    end = request.ended_at or now
    return max(0, int((end - request.started_at).total_seconds()))


def sitting_and_item(
    meeting: Meeting, sitting_id: int | None, agenda_item_id: int | None
) -> tuple[PlannedSitting | None, AgendaItem | None]:
    """The sitting and agenda item a page or the API names by id (NotFound for an id that is no
    sitting or item at all; one of another meeting is found, and the domain refuses it)."""
    sitting = item = None
    if sitting_id is not None:
        sitting = PlannedSitting.objects.filter(pk=sitting_id).first()
        if sitting is None:
            raise NotFound(_("no sitting %(id)s"), id=sitting_id)
    if agenda_item_id is not None:
        item = AgendaItem.objects.select_related("parent").filter(pk=agenda_item_id).first()
        if item is None:
            raise NotFound(_("no agenda item %(id)s"), id=agenda_item_id)
    return sitting, item


def sittings_of(meeting: Meeting) -> list[PlannedSitting]:
    return list(PlannedSitting.objects.filter(meeting=meeting).order_by("number"))


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda items, each followed by its sub-items."""
    items = list(AgendaItem.objects.filter(meeting=meeting).select_related("parent"))
    tops = sorted((i for i in items if i.parent_id is None), key=lambda i: i.number)
    subs = sorted((i for i in items if i.parent_id is not None), key=lambda i: i.number)
    ordered = []
    for top in tops:
        ordered.append(top)
        ordered.extend(s for s in subs if s.parent_id == top.pk)
    return ordered


def list_rows(
    meeting: Meeting, sitting: PlannedSitting | None = None, agenda_item: AgendaItem | None = None
) -> list[FloorRequest]:
    """Who speaks (in whichever list) and who waits in this list, in order: one query."""
    where = _of_list(sitting.pk if sitting else None, agenda_item.pk if agenda_item else None)
    return list(
        FloorRequest.objects.filter(meeting=meeting)
        .filter(Q(status=FloorRequest.Status.SPEAKING) | Q(status=FloorRequest.Status.WAITING, **where))
        .select_related(
            "delegation__state",
            "delegation__organization",
            "on_behalf_of_group",
            "sitting",
            "agenda_item__parent",
        )
        .annotate(rank=RANK)
        .order_by("rank", "position")
    )


def current_list(meeting: Meeting) -> tuple[int | None, int | None]:
    """(sitting id, agenda item id) of the list the meeting is at: the speaker's, else the last one
    given the floor, else the last request's."""
    rows = FloorRequest.objects.filter(meeting=meeting)
    latest = (
        rows.filter(status=FloorRequest.Status.SPEAKING).first()
        or rows.filter(started_at__isnull=False).order_by("-started_at", "-pk").first()
        or rows.order_by("-position").first()
    )
    return (latest.sitting_id, latest.agenda_item_id) if latest else (None, None)
