"""Read helpers of the list of speakers that pages, the API and the domain share."""

from __future__ import annotations

from plenary.meetings.models import Meeting
from plenary.proceedings.models import FloorRequest


def waiting(meeting: Meeting):
    return FloorRequest.objects.filter(meeting=meeting, status=FloorRequest.Status.WAITING).order_by(
        "position"
    )


def place_in_queue(request: FloorRequest) -> tuple[int, int] | None:
    """(place, how many wait) for a waiting request: "number 4 of 12 waiting"."""
    if request.status != FloorRequest.Status.WAITING:
        return None
    queue = list(waiting(request.meeting).values_list("pk", flat=True))
    return queue.index(request.pk) + 1, len(queue)
