"""The Article VII demo: offers of assistance by a few States Parties and by WHO, OIE (WOAH) and FAO,
every one marked as a demo entry (none is a real offer), and one request marked as an EXERCISE taken
through every step to closed. Article VII has never been invoked (treaty-databases.md, section 3):
no real request exists, and the demo's is an exercise scenario. Through the domain; idempotent (a
second run changes nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from plenary.assistance import domain
from plenary.assistance.models import AssistanceOffer, AssistanceRequest
from plenary.core.actor import Actor
from plenary.participation.models import Organization
from plenary.treaties.models import State

DEMO = "(demo entry, not a real offer)"

# (provider code, is an organization, title, categories, capacity, hours to deploy, mobile unit)
OFFERS = [
    (
        "DEU",
        False,
        "Mobile laboratory for detection and diagnosis",
        ["detection", "expertise"],
        "A deployable laboratory with a team of 10 for up to 30 days.",
        48,
        True,
    ),
    (
        "FRA",
        False,
        "Medical team and field hospital module",
        ["medical", "logistics"],
        "A team of 25 with a 20-bed module.",
        72,
        True,
    ),
    (
        "CHE",
        False,
        "Decontamination unit",
        ["decontamination"],
        "A unit of 12 with equipment for people and sites.",
        24,
        False,
    ),
    (
        "WHO",
        True,
        "Emergency medical teams and outbreak experts",
        ["medical", "expertise", "detection"],
        "Teams drawn from the Global Outbreak Alert and Response Network.",
        72,
        False,
    ),
    (
        "OIE",
        True,
        "Veterinary emergency experts",
        ["veterinary", "expertise", "detection"],
        "Experts on animal disease outbreaks and laboratory diagnosis.",
        96,
        False,
    ),
    (
        "FAO",
        True,
        "Animal and plant health emergency support",
        ["veterinary", "logistics"],
        "Emergency management support for outbreaks in livestock and crops.",
        120,
        False,
    ),
]

EXERCISE_TITLE = "EXERCISE: unusual respiratory outbreak (demo scenario)"


def load_demo(*, by: Actor, say: Callable[[str], None] | None = None) -> dict:
    """Load the Article VII demo; what it made."""
    say = say or (lambda message: None)
    load = by.through("load")
    made = {"offers": 0, "requests": 0}
    say("loading the Article VII demo (offers marked as demo entries, one exercise request)")
    offers = []
    for code, is_org, title, categories, capacity, hours, mobile in OFFERS:
        where = (
            {"organization": Organization.objects.filter(code=code).first()}
            if is_org
            else {"state": State.objects.filter(code=code).first()}
        )
        provider = next(iter(where.values()))
        if provider is None:
            continue
        named = f"{title} {DEMO}"
        offer = AssistanceOffer.objects.filter(title=named, demo=True, **where).first()
        if offer is None:
            offer = domain.record_offer(
                **where,
                title=named,
                categories=categories,
                capacity=capacity,
                deploy_hours=hours,
                mobile_unit=mobile,
                contact="Demo contact (not real)",
                conditions="Demo entry: no real capacity is offered.",
                demo=True,
                by=load,
            )
            made["offers"] += 1
        offers.append(offer)
    state = State.objects.filter(code="NLD").first()
    if state is None or AssistanceRequest.objects.filter(demo=True, event_title=EXERCISE_TITLE).exists():
        return made
    start = timezone.now().replace(microsecond=0) - dt.timedelta(days=20)
    request = domain.submit_request(
        state,
        event_title=EXERCISE_TITLE,
        nature="outbreak_unusual",
        event_date=start.date(),
        place="Exercise scenario: a port city",
        description=(
            "EXERCISE. No real event has occurred. Scenario: 60 people with an unexplained severe "
            "respiratory illness; a laboratory finds an agent it cannot identify."
        ),
        needs=["medical", "detection", "expertise"],
        needs_detail="Exercise: one field laboratory and one medical team for 14 days.",
        urgency="urgent",
        contacts="Exercise control desk (demo, not real)",
        exercise=True,
        demo=True,
        at=start,
        by=load,
    )
    made["requests"] += 1
    fitting = [o for o in offers if set(o.categories) & set(request.needs)][:2]
    domain.acknowledge(request, by=load, note="Exercise: received.", at=start + dt.timedelta(minutes=40))
    domain.match_offers(request, fitting, by=load, at=start + dt.timedelta(hours=5, minutes=10))
    domain.notify_partners(
        request,
        list(Organization.objects.filter(code__in=domain.PARTNERS)),
        by=load,
        at=start + dt.timedelta(hours=6),
    )
    # What became of the offers matched: the first accepted and delivered, the others declined.
    matches = list(request.matches.order_by("pk"))
    for n, match in enumerate(matches):
        if n == 0:
            domain.set_match_status(
                match, "accepted", by=load, note="Exercise: accepted by the requesting State."
            )
        else:
            domain.set_match_status(match, "declined", by=load, note="Exercise: not needed.")
    domain.record_delivery(
        request, by=load, note="Exercise: teams deployed on paper.", at=start + dt.timedelta(days=2, hours=3)
    )
    if matches:
        domain.set_match_status(matches[0], "delivered", by=load)
    domain.close(request, by=load, note="Exercise ended.", at=start + dt.timedelta(days=9))
    return made
