"""Article VII assistance in the API: the requests and offers a caller may read (the secretariat, the
requesting or offering State's people, the people of any State Party; never anonymous callers or
NGOs), a request's timeline, and a request submitted by a State's national contact point."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from plenary.accounts import permissions
from plenary.api.auth import token_or_session
from plenary.api.common import MAX_ID, answers, reason
from plenary.assistance import domain, queries
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed, NotFound
from plenary.treaties.models import State

router = Router(tags=["Article VII"])


class StepOut(Schema):
    step: str
    at: dt.datetime
    by: str
    note: str
    took: str


class RequestOut(Schema):
    id: int
    state: str
    event_title: str
    nature: str
    event_date: dt.date
    place: str
    needs: list[str]
    urgency: str
    exercise: bool
    demo: bool
    status: str
    submitted_at: dt.datetime
    on_behalf: bool


class MatchOut(Schema):
    offer: int
    provider: str
    title: str
    status: str
    note: str


class RequestDetailOut(RequestOut):
    description: str
    needs_detail: str
    contacts: str
    timeline: list[StepOut]
    matches: list[MatchOut]


class OfferOut(Schema):
    id: int
    state: str | None
    organization: str | None
    title: str
    categories: list[str]
    capacity: str
    deploy_hours: int
    mobile_unit: bool
    conditions: str
    valid_until: dt.date | None
    demo: bool
    withdrawn: bool


class RequestIn(Schema):
    state: str = Field(min_length=3, max_length=3)
    event_title: str = Field(max_length=1000)
    nature: str = Field(max_length=100)
    event_date: dt.date
    place: str = Field(max_length=1000)
    description: str = Field(max_length=20000)
    needs: list[str] = Field(max_length=20)
    needs_detail: str = Field("", max_length=20000)
    urgency: str = Field(max_length=100)
    contacts: str = Field(max_length=20000)
    exercise: bool = False


def _request_out(r) -> dict:
    return {
        "id": r.pk,
        "state": r.state.code,
        "event_title": r.event_title,
        "nature": r.nature,
        "event_date": r.event_date,
        "place": r.place,
        "needs": list(r.needs),
        "urgency": r.urgency,
        "exercise": r.exercise,
        "demo": r.demo,
        "status": r.status,
        "submitted_at": r.submitted_at,
        "on_behalf": r.on_behalf,
    }


def _offer_out(o) -> dict:
    return {
        "id": o.pk,
        "state": o.state.code if o.state_id else None,
        "organization": o.organization.code if o.organization_id else None,
        "title": o.title,
        "categories": list(o.categories),
        "capacity": o.capacity,
        "deploy_hours": o.deploy_hours,
        "mobile_unit": o.mobile_unit,
        "conditions": o.conditions,
        "valid_until": o.valid_until,
        "demo": o.demo,
        "withdrawn": o.withdrawn,
    }


@router.get(
    "/assistance/requests",
    auth=token_or_session,
    response=answers(list[RequestOut], 401),
    summary="The Article VII requests the caller may read",
)
def list_requests(request: HttpRequest):
    return [_request_out(r) for r in queries.requests_for(request.auth)]


@router.get(
    "/assistance/requests/{request_id}",
    auth=token_or_session,
    response=answers(RequestDetailOut, 400, 401, 404),
    summary="An Article VII request with its timeline",
)
def get_request(request: HttpRequest, request_id: int):
    row = None
    if 1 <= request_id <= MAX_ID:
        row = queries.requests_for(request.auth).filter(pk=request_id).first()
    if row is None:
        raise NotFound(f"no request {request_id} that you may read")
    out = _request_out(row)
    out.update(
        description=row.description,
        needs_detail=row.needs_detail,
        contacts=row.contacts,
        timeline=[{k: s[k] for k in ("step", "at", "by", "note", "took")} for s in queries.timeline(row)],
        matches=[
            {
                "offer": m.offer_id,
                "provider": str(m.offer.provider),
                "title": m.offer.title,
                "status": m.status,
                "note": m.note,
            }
            for m in row.matches.select_related("offer__state", "offer__organization").order_by("pk")
        ],
    )
    return out


@router.get(
    "/assistance/offers",
    auth=token_or_session,
    response=answers(list[OfferOut], 401),
    summary="The Article VII offers of assistance the caller may read",
)
def list_offers(request: HttpRequest):
    return [_offer_out(o) for o in queries.offers_for(request.auth).order_by("deploy_hours", "pk")]


@router.post(
    "/assistance/requests",
    auth=token_or_session,
    response=answers(RequestOut, 400, 401, 403, status=201),
    summary="Submit an Article VII request (the State's national contact point, or the secretariat)",
)
def submit(request: HttpRequest, body: RequestIn):
    # An alpha-3 code or nothing: a NUL byte or a long string never reaches the database.
    code = body.state if len(body.state) == 3 and body.state.isascii() and body.state.isalpha() else ""
    state = State.objects.filter(code=code.upper()).first() if code else None
    if state is None:
        return Status(400, {"detail": f"no State {body.state!r}"})
    if not permissions.can_submit_for_state(request.auth, state):
        return Status(
            403, {"detail": f"only the national contact point of {state.code} or the secretariat submits"}
        )
    values = body.dict()
    values.pop("state")
    try:
        made = domain.submit_request(state, by=actor_of(request, via="api"), **values)
    except NotAllowed as exc:
        return Status(403, {"detail": reason(request, exc)})
    except DomainError as exc:
        return Status(400, {"detail": reason(request, exc)})
    return Status(201, _request_out(made))
