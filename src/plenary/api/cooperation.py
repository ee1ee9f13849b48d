"""The Article X cooperation and assistance database in the API: the open offers (public, filtered by
type, field and region), the requests (the secretariat and the people of States Parties only), one
entry (404 when the caller may not read it: the API does not say that a request exists), the
offers that fit a request with their reasons, and an offer or a request drafted (or submitted)
through the domain by those who may (a refusal is a 400 or 403 in the client's language)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from plenary.accounts import permissions
from plenary.api.auth import reader, token_or_session
from plenary.api.common import MAX_ID, answers, reason
from plenary.cooperation import domain, queries, vocabulary
from plenary.cooperation.models import Offer, Request
from plenary.cooperation.models import Status as EntryStatus
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.languages import UN_LANGUAGES
from plenary.participation.models import Organization
from plenary.treaties.models import State

router = Router(tags=["Article X"])

TypeCode = Literal[tuple(vocabulary.TYPES)]  # type: ignore[valid-type]
FieldCode = Literal[tuple(vocabulary.FIELDS)]  # type: ignore[valid-type]
RegionCode = Literal[tuple(vocabulary.REGIONS)]  # type: ignore[valid-type]
LanguageCode = Literal[UN_LANGUAGES]  # type: ignore[valid-type]
LANGUAGE_HELP = (
    "the UN language the title, description and contact are written in (they are not translated): "
    "ar, zh, en, fr, ru or es"
)


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
    language: LanguageCode = Field(description=LANGUAGE_HELP)
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
        "language": e.language,
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
    rows = queries.requests_for(who).exclude(status=EntryStatus.DRAFT).order_by("-published_on", "-pk")
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
    rows = queries.fitting_offers(found) if found.status == EntryStatus.OPEN else []
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


class CooperationEntryIn(Schema):
    """What an offer and a request are drafted with; the domain checks every value (the words of
    the vocabulary, the language, the texts) and says what is wrong."""

    with_states: list[str] = Field([], max_length=domain.MAX_WITH, description="other States, alpha-3 codes")
    title: str = Field(max_length=1000)
    description: str = Field(max_length=20000)
    types: list[str] = Field(max_length=20, description="codes: " + ", ".join(vocabulary.TYPES))
    fields: list[str] = Field(max_length=20, description="codes: " + ", ".join(vocabulary.FIELDS))
    contact: str = Field(max_length=20000)
    # A string, not the enumeration: a code that is not a UN language is refused by the domain,
    # whose reason the client reads in its own language.
    language: str = Field(max_length=20, description=LANGUAGE_HELP)
    valid_until: dt.date | None = None
    submit: bool = Field(False, description="submit at once (the national contact point, the secretariat)")


class CooperationOfferIn(CooperationEntryIn):
    state: str | None = Field(None, max_length=3, description="the State Party making it (alpha-3)")
    organization: str | None = Field(
        None, max_length=20, description="or the international organization making it (its code)"
    )
    regions: list[str] = Field(
        [], max_length=20, description="codes: " + ", ".join(vocabulary.REGIONS) + "; none: every region"
    )


class CooperationRequestIn(CooperationEntryIn):
    state: str = Field(max_length=3, description="the requesting State Party (alpha-3)")
    region: str | None = Field(
        None, max_length=20, description="the requester's UN regional group unless given"
    )


def _state(code: str | None) -> State | None:
    # An alpha-3 code or nothing: a NUL byte or a long string never reaches the database.
    if not (code and len(code) == 3 and code.isascii() and code.isalpha()):
        return None
    return State.objects.filter(code=code.upper()).first()


def _drafted(request: HttpRequest, kind: str, body: CooperationEntryIn, where: dict):
    values = body.dict()
    for name in ("state", "organization", "with_states", "submit"):
        values.pop(name, None)
    if kind == "request" and values.get("region") is None:
        values.pop("region", None)
    with_states = [_state(code) for code in body.with_states]
    if None in with_states:
        return Status(400, {"detail": "the other States are given by the alpha-3 codes of recorded States"})
    by = actor_of(request, via="api")
    try:
        if kind == "offer":
            made = domain.draft_offer(**where, with_states=with_states, submit=body.submit, by=by, **values)
        else:
            made = domain.draft_request(
                where["state"], with_states=with_states, submit=body.submit, by=by, **values
            )
    except NotAllowed as exc:
        return Status(403, {"detail": reason(request, exc)})
    except DomainError as exc:
        return Status(400, {"detail": reason(request, exc)})
    return Status(201, _out(made))


@router.post(
    "/cooperation/offers",
    auth=token_or_session,
    response=answers(CooperationEntryOut, 400, 401, 403, status=201),
    summary="Draft an offer (a State Party's people, an organization's focal point, the secretariat)",
)
def draft_offer(request: HttpRequest, body: CooperationOfferIn):
    where: dict = {}
    if body.state is not None:
        where["state"] = _state(body.state)
        if where["state"] is None:
            return Status(400, {"detail": f"no State {body.state[:3]!r}"})
    if body.organization is not None:
        code = body.organization if body.organization.isascii() and body.organization.isprintable() else ""
        where["organization"] = Organization.objects.filter(code=code).first() if code else None
        if where["organization"] is None:
            return Status(400, {"detail": f"no organization {body.organization[:20]!r}"})
    return _drafted(request, "offer", body, where)


@router.post(
    "/cooperation/requests",
    auth=token_or_session,
    response=answers(CooperationEntryOut, 400, 401, 403, status=201),
    summary="Draft a request (a State Party's people, the secretariat on its behalf)",
)
def draft_request(request: HttpRequest, body: CooperationRequestIn):
    state = _state(body.state)
    if state is None:
        return Status(400, {"detail": f"no State {body.state[:3]!r}"})
    return _drafted(request, "request", body, {"state": state})
