"""The Article X demo: a few offers (by States Parties, several States together and an international
organization) and requests (by States Parties), every one marked as an example entry, not a real
one, and one match with its outcome. The requests follow the ISU's example requests
(treaty-databases.md, section 2: best practices and policies for biological risk management,
capacity-building through training, transfer of biological equipment for peaceful purposes); the
providers, requesters and texts are invented. Through the domain; idempotent (a second run
changes nothing)."""

from __future__ import annotations

from collections.abc import Callable

from plenary.cooperation import domain
from plenary.cooperation.models import Match, Offer, Request
from plenary.core.actor import Actor
from plenary.participation.models import Organization
from plenary.treaties.models import State

EXAMPLE = "(example, not a real offer)"
EXAMPLE_REQUEST = "(example, not a real request)"
CONTACT = "Example contact (not real)"
LANGUAGE = "en"  # every text below is written in English

# (provider, is an organization, with States, title, types, fields, regions, description)
OFFERS = [
    (
        "DEU",
        False,
        ["FRA"],
        "Biorisk management training for laboratory staff",
        ["training", "expertise"],
        ["biosafety", "laboratory"],
        [],
        "Example: a two-week course on biological risk management for up to 20 laboratory staff, "
        "given in English or French.",
    ),
    (
        "GBR",
        False,
        [],
        "Diagnostic equipment for public health laboratories",
        ["equipment", "materials"],
        ["laboratory", "surveillance"],
        ["AFRICAN", "ASIA_PACIFIC"],
        "Example: PCR equipment and consumables for two laboratories, with installation.",
    ),
    (
        "WHO",
        True,
        [],
        "Advice on national biosafety and biosecurity policies",
        ["expertise", "information"],
        ["biosafety", "legislation"],
        [],
        "Example: experts review national biorisk management policies and advise on best practices.",
    ),
    (
        "CAN",
        False,
        [],
        "Funding for awareness-raising among life scientists",
        ["funding"],
        ["education"],
        ["GRULAC"],
        "Example: grants for courses on the Convention and responsible science in universities.",
    ),
]

# (requester, title, types, fields, description)
REQUESTS = [
    (
        "KEN",
        "Capacity-building through training in biological risk management",
        ["training"],
        ["biosafety", "laboratory"],
        "Example: training for 15 technicians of the national reference laboratory.",
    ),
    (
        "PER",
        "Best practices and policies for biological risk management",
        ["expertise", "information"],
        ["legislation", "biosafety"],
        "Example: advice on drafting national biosafety and biosecurity regulations.",
    ),
]


def load_demo(*, by: Actor, say: Callable[[str], None] | None = None) -> dict:
    """Load the Article X demo; what it made."""
    say = say or (lambda message: None)
    load = by.through("load")
    made = {"offers": 0, "requests": 0, "matches": 0}
    say("loading the Article X demo (offers and requests marked as examples, one match)")
    offers = {}
    for code, is_org, with_codes, title, types, fields, regions, description in OFFERS:
        where = (
            {"organization": Organization.objects.filter(code=code).first()}
            if is_org
            else {"state": State.objects.filter(code=code).first()}
        )
        if next(iter(where.values())) is None:
            continue
        named = f"{title} {EXAMPLE}"
        offer = Offer.objects.filter(title=named, demo=True).first()
        if offer is None:
            offer = domain.draft_offer(
                **where,
                with_states=list(State.objects.filter(code__in=with_codes)),
                title=named,
                description=description,
                types=types,
                fields=fields,
                regions=regions,
                contact=CONTACT,
                language=LANGUAGE,
                submit=True,
                demo=True,
                by=load,
            )
            made["offers"] += 1
        offers[code] = offer
    requests = {}
    for code, title, types, fields, description in REQUESTS:
        state = State.objects.filter(code=code).first()
        if state is None:
            continue
        named = f"{title} {EXAMPLE_REQUEST}"
        request = Request.objects.filter(title=named, demo=True).first()
        if request is None:
            request = domain.draft_request(
                state,
                title=named,
                description=description,
                types=types,
                fields=fields,
                contact=CONTACT,
                language=LANGUAGE,
                submit=True,
                demo=True,
                by=load,
            )
            made["requests"] += 1
        requests[code] = request
    if "KEN" in requests and "DEU" in offers:
        if not Match.objects.filter(request=requests["KEN"], offer=offers["DEU"]).exists():
            match = domain.record_match(
                requests["KEN"],
                offers["DEU"],
                status=Match.Status.ARRANGED,
                outcome="Example: the parties agreed on a course in the first quarter.",
                demo=True,
                by=load,
            )
            made["matches"] += 1
            say(f"recorded the example match {match}")
    return made
