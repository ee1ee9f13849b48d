"""Write endpoint: a delegation asks for the floor (token or signed-in session with CSRF)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from plenary.api.auth import token_or_session
from plenary.api.common import MAX_ID, answers, reason
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed, NotFound
from plenary.participation.models import Delegation
from plenary.proceedings.domain import request_floor
from plenary.proceedings.queries import place_in_queue

router = Router(tags=["list of speakers"])


class FloorIn(Schema):
    delegation: int = Field(ge=1, le=MAX_ID)
    on_behalf_of: str | None = None


class FloorOut(Schema):
    id: int
    meeting: str
    delegation: int
    status: str
    place: int | None
    waiting: int | None


@router.post(
    "/floor-requests",
    auth=token_or_session,
    # 401 without a valid token or session; 403 for a delegation not the caller's (or, with the
    # session, no CSRF token).
    response=answers(FloorOut, 400, 401, 403, 404, status=201),
    summary="Ask for the floor for a delegation (its focal point or delegates)",
)
def ask_for_the_floor(request: HttpRequest, body: FloorIn):
    delegation = (
        Delegation.objects.select_related("meeting", "state", "organization")
        .filter(pk=body.delegation)
        .first()
    )
    if delegation is None:
        raise NotFound(f"no delegation {body.delegation}")
    note = {"en": body.on_behalf_of.strip()} if body.on_behalf_of and body.on_behalf_of.strip() else None
    try:
        floor = request_floor(delegation, by=actor_of(request, via="api"), on_behalf_of_text=note)
    except NotAllowed as exc:
        return Status(403, {"detail": reason(request, exc)})
    except DomainError as exc:
        return Status(400, {"detail": reason(request, exc)})
    place = place_in_queue(floor)
    return Status(
        201,
        {
            "id": floor.pk,
            "meeting": delegation.meeting.series,
            "delegation": delegation.pk,
            "status": floor.status,
            "place": place[0] if place else None,
            "waiting": place[1] if place else None,
        },
    )
