"""The readers of Article VII assistance: the requests and offers a person may read (see the rule in
`assistance/domain.py`'s docstring), a request's timeline, the offers that fit a request, and the
figures of the ISU's yearly report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from plenary.accounts import permissions
from plenary.assistance import guidance, steps
from plenary.assistance.models import AssistanceOffer, AssistanceRequest, AssistanceStep, OfferMatch
from plenary.core import clock


def requests_for(who: permissions.Who) -> QuerySet[AssistanceRequest]:
    """The requests `who` reads: all for the secretariat and States Parties' people, their own
    State's for other State people, none for anyone else."""
    rows = AssistanceRequest.objects.select_related("state")
    if permissions.reads_restricted(who):
        return rows
    own = permissions.state_people_of(who)
    return rows.filter(state__code__in=own) if own else rows.none()


def offers_for(who: permissions.Who) -> QuerySet[AssistanceOffer]:
    """The offers `who` reads: all for readers of restricted records, their own provider's otherwise."""
    rows = AssistanceOffer.objects.select_related("state", "organization")
    if permissions.reads_restricted(who):
        return rows
    states = permissions.state_people_of(who)
    orgs = permissions.represented_organizations(who, focal_point_only=True)
    if not states and not orgs:
        return rows.none()
    return rows.filter(state__code__in=states) | rows.filter(organization__code__in=orgs)


def timeline(request: AssistanceRequest) -> list[dict[str, Any]]:
    """Each step taken with who, when, its note and how long it took since the step before."""
    rows = list(AssistanceStep.objects.filter(request=request).order_by("at", "pk"))
    spans = steps.timeline([(r.step, r.at) for r in rows])
    return [
        {
            "step": r.step,
            "label": steps.STEPS[r.step],
            "at": r.at,
            "by": r.by,
            "note": r.note,
            "took": steps.hours(s.took) if s.took is not None else "",
        }
        for r, s in zip(rows, spans, strict=True)
    ]


def fitting_offers(request: AssistanceRequest, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """The open offers that cover a kind of assistance asked, best first: those able to deploy
    within the request's urgency first, then by how many kinds asked they cover, then by speed.
    The requesting State's own offers are left out."""
    on = on or clock.today()
    within = guidance.URGENCY_HOURS.get(request.urgency, 0)
    needs = set(request.needs)
    fits = []
    for offer in AssistanceOffer.objects.filter(withdrawn=False).select_related("state", "organization"):
        if offer.valid_until is not None and offer.valid_until < on:
            continue
        if offer.state_id is not None and offer.state_id == request.state_id:
            continue
        covers = [c for c in guidance.NEEDS if c in needs and c in offer.categories]
        if not covers:
            continue
        fits.append({"offer": offer, "covers": covers, "in_time": offer.deploy_hours <= within})
    fits.sort(key=lambda f: (not f["in_time"], -len(f["covers"]), f["offer"].deploy_hours, f["offer"].pk))
    return fits


def yearly_figures(year: int) -> dict[str, int]:
    """The Article VII figures of the ISU's report for calendar `year` (by the date recorded):
    - requests: requests submitted that are not exercises;
    - exercises: requests submitted marked as exercises;
    - closed: requests (exercises included) closed that year;
    - offers: offers recorded (demo entries included, as they are on record);
    - offers_by_states / offers_by_partners: of those, by States Parties and by partner organizations;
    - partners: distinct partner organizations with an offer recorded that year;
    - mobile_units: offers that year including a mobile biomedical unit;
    - matches: offers matched to requests that year."""
    made = AssistanceRequest.objects.filter(submitted_at__year=year)
    offers = AssistanceOffer.objects.filter(recorded_at__year=year)
    return {
        "requests": made.filter(exercise=False).count(),
        "exercises": made.filter(exercise=True).count(),
        "closed": AssistanceStep.objects.filter(step=steps.CLOSED, at__year=year).count(),
        "offers": offers.count(),
        "offers_by_states": offers.filter(state__isnull=False).count(),
        "offers_by_partners": offers.filter(organization__isnull=False).count(),
        "partners": offers.filter(organization__isnull=False).values("organization").distinct().count(),
        "mobile_units": offers.filter(mobile_unit=True).count(),
        "matches": OfferMatch.objects.filter(matched_at__year=year).count(),
    }
