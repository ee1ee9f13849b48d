"""Which offers fit a request of the Article X database, ranked, each with its reasons. Pure: no
database (the queries hand in plain values).

The parties make the arrangements; the secretariat records matches (treaty-databases.md,
section 2). This rule only proposes: an offer fits when it is open on the day and shares at
least one field or one type with the request. Its score, and the reasons that explain every
point of it:
- 3 points for each field of the request that the offer covers ("same field: laboratory capacity");
- 2 points for each type asked that is offered ("offers training, which is asked");
- 1 point when the offer covers the requester's region, or is open to every region.
Ties rank the offer published first higher (it has waited longest), then by its key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

FIELD_POINTS, TYPE_POINTS, REGION_POINTS = 3, 2, 1


@dataclass(frozen=True)
class Entry:
    """An offer or a request as matching sees it."""

    key: int
    fields: frozenset[str]
    types: frozenset[str]
    regions: frozenset[str] = frozenset()  # an offer: the regions it covers (empty: every region)
    region: str = ""  # a request: the requester's region
    open: bool = True  # published, not closed or withdrawn
    valid_until: dt.date | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class Fit:
    offer: Entry
    score: int
    # (reason code, the code it names): ("field", "laboratory"), ("type", "training"),
    # ("region", "AFRICAN"), ("region", "") for an offer open to every region. The page words them.
    reasons: tuple[tuple[str, str], ...] = field(default=())


def fit(request: Entry, offer: Entry, on: dt.date) -> Fit | None:
    """How `offer` fits `request` on the day, or None when it does not (closed, expired, or
    sharing no field and no type)."""
    if not offer.open or (offer.valid_until is not None and offer.valid_until < on):
        return None
    fields = sorted(request.fields & offer.fields)
    types = sorted(request.types & offer.types)
    if not fields and not types:
        return None
    reasons = [("field", f) for f in fields] + [("type", t) for t in types]
    score = FIELD_POINTS * len(fields) + TYPE_POINTS * len(types)
    if not offer.regions:
        reasons.append(("region", ""))
        score += REGION_POINTS
    elif request.region and request.region in offer.regions:
        reasons.append(("region", request.region))
        score += REGION_POINTS
    return Fit(offer, score, tuple(reasons))


def points(reason: tuple[str, str]) -> int:
    """The points one reason gives."""
    return {"field": FIELD_POINTS, "type": TYPE_POINTS, "region": REGION_POINTS}[reason[0]]


def ranked(request: Entry, offers: Iterable[Entry], on: dt.date) -> list[Fit]:
    """The offers that fit `request` on the day, best first."""
    fits = [f for f in (fit(request, offer, on) for offer in offers) if f is not None]
    return sorted(fits, key=lambda f: (-f.score, f.offer.published or dt.date.max, f.offer.key))
