"""The Article X cooperation and assistance database in the API: the open offers (public, filtered by
type, field and region), the requests (the secretariat and the people of States Parties only), one
entry (404 when the caller may not read it: the API does not say that a request exists), and the
offers that fit a request with their reasons."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.errors import HttpError

from plenary.accounts import permissions
from plenary.api.auth import reader
from plenary.api.common import MAX_ID, answers
from plenary.cooperation import queries, vocabulary
from plenary.cooperation.models import Offer, Request, Status

router = Router(tags=["Article X"])

TypeCode = Literal[tuple(vocabulary.TYPES)]  # type: ignore[valid-type]
FieldCode = Literal[tuple(vocabulary.FIELDS)]  # type: ignore[valid-type]
RegionCode = Literal[tuple(vocabulary.REGIONS)]  # type: ignore[valid-type]


class CooperationEntryOut(Schema):
    id: int
    kind: str
    state: str | None
    with_states: list[str]
    organization: str | None
    title: str
    description: str
    types: list[str]
    fields: list[str]
    regions: list[str]
    contact: str
    status: str
    valid_until: dt.date | None
    published_on: dt.date | None
    on_behalf: bool
    example: bool


class FitOut(Schema):
    offer: CooperationEntryOut
    score: int
    reasons: list[str]
    reason_codes: list[list[str]]
    matched: bool


def _out(e: Offer | Request) -> dict:
    return {
        "id": e.pk,
        "kind": e.kind,
        "state": e.state.code if e.state_id else None,
        "with_states": sorted(s.code for s in e.with_states.all()),
        "organization": e.organization.code if e.organization_id else None,
        "title": e.title,
        "description": e.description,
        "types": list(e.types),
        "fields": list(e.fields),
        "regions": list(e.regions) if isinstance(e, Offer) else [e.region],
        "contact": e.contact,
        "status": e.status,
        "valid_until": e.valid_until,
        "published_on": e.published_on,
        "on_behalf": e.on_behalf,
        "example": e.demo,
    }


@router.get(
    "/cooperation/offers",
    response=answers(list[CooperationEntryOut], 400, 401),
    summary="The open offers of cooperation and assistance (public), newest first",
)
def offers(
    request: HttpRequest,
    type: TypeCode | None = None,  # noqa: A002
    field: FieldCode | None = None,
    region: RegionCode | None = None,
):
    reader(request)
    rows = queries.public_offers(type_=type or "", field=field or "", region=region or "")
    return [_out(o) for o in rows]


@router.get(
    "/cooperation/requests",
    response=answers(list[CooperationEntryOut], 401, 403),
    summary="The submitted requests (the secretariat and the people of States Parties only)",
)
def requests(request: HttpRequest):
    who = reader(request)
    if not getattr(who, "is_authenticated", False):
        raise HttpError(401, "sign in: requests are available to States Parties only")
    if not permissions.reads_restricted(who):
        raise HttpError(403, "requests are available to States Parties only")
    rows = queries.requests_for(who).exclude(status=Status.DRAFT).order_by("-published_on", "-pk")
    return [_out(r) for r in rows]


def _entry(request: HttpRequest, kind: str, entry_id: int) -> Offer | Request:
    model = Offer if kind == "offer" else Request
    who = reader(request)
    found = (
        model.objects.select_related("state", "organization")
        .prefetch_related("with_states")
        .filter(pk=entry_id)
        .first()
    )
    if found is None or not permissions.can_read_cooperation_entry(who, found):
        raise HttpError(404, f"no {kind} {entry_id} that you may read")
    return found


@router.get(
    "/cooperation/offers/{entry_id}",
    response=answers(CooperationEntryOut, 400, 401, 404),
    summary="One offer (public once submitted; a draft for those who may draft it)",
)
def offer(request: HttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)):
    return _out(_entry(request, "offer", entry_id))


@router.get(
    "/cooperation/requests/{entry_id}",
    response=answers(CooperationEntryOut, 400, 401, 404),
    summary="One request (the secretariat and the people of States Parties only)",
)
def request_(request: HttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)):
    return _out(_entry(request, "request", entry_id))


@router.get(
    "/cooperation/requests/{entry_id}/fits",
    response=answers(list[FitOut], 400, 401, 404),
    summary="The open offers that fit a request, best first, with the reasons each fits",
)
def fits(request: HttpRequest, entry_id: int = Path(..., ge=1, le=MAX_ID)):
    found = _entry(request, "request", entry_id)
    rows = queries.fitting_offers(found) if found.status == Status.OPEN else []
    return [
        {
            "offer": _out(f["offer"]),
            "score": f["score"],
            "reasons": f["words"],
            "reason_codes": [list(r) for r in f["reasons"]],
            "matched": f["matched"],
        }
        for f in rows
    ]
