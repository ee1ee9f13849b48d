"""The Article X demo: offers and requests marked as examples, one match; a second run changes
nothing."""

from __future__ import annotations

import time

import pytest

from plenary.cooperation import demo, queries
from plenary.cooperation.models import Match, Offer, Request
from plenary.core.actor import Actor
from plenary.core.audit import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_demo_is_loaded_and_marked_as_examples():
    offers, requests = Offer.objects.all(), Request.objects.all()
    assert offers.count() == 4 and requests.count() == 2
    assert all(o.demo and o.title.endswith("(example, not a real offer)") for o in offers)
    assert all(r.demo and r.title.endswith("(example, not a real request)") for r in requests)
    assert {o.provider_code for o in offers} == {"DEU", "GBR", "WHO", "CAN"}
    assert [s.code for s in offers.get(state__code="DEU").with_states.all()] == ["FRA"]
    assert {r.state.code: r.region for r in requests} == {"KEN": "AFRICAN", "PER": "GRULAC"}
    match = Match.objects.get()
    assert match.demo and match.status == "arranged" and match.request.state.code == "KEN"
    kenya = requests.get(state__code="KEN")
    fits = queries.fitting_offers(kenya)
    assert fits[0]["offer"] == match.offer and fits[0]["matched"]


def test_a_second_run_changes_nothing_and_is_fast():
    before = (
        Offer.objects.count(),
        Request.objects.count(),
        Match.objects.count(),
        AuditEntry.objects.count(),
    )
    started = time.monotonic()
    assert demo.load_demo(by=Actor.system("demo")) == {"offers": 0, "requests": 0, "matches": 0}
    assert time.monotonic() - started < 2
    assert (
        Offer.objects.count(),
        Request.objects.count(),
        Match.objects.count(),
        AuditEntry.objects.count(),
    ) == before
