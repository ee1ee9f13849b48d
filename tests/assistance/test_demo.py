"""The Article VII demo: demo offers by States Parties and WHO, OIE and FAO, one exercise request
taken through every step to closed; a second run changes nothing."""

from __future__ import annotations

import time

import pytest

from plenary.assistance import demo, queries
from plenary.assistance.models import AssistanceOffer, AssistanceRequest, AssistanceStep
from plenary.core.actor import Actor
from plenary.core.audit import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_demo_is_loaded_marked_and_the_exercise_went_through_every_step():
    offers = AssistanceOffer.objects.all()
    assert offers.count() == 6 and all(o.demo and "(demo entry, not a real offer)" in o.title for o in offers)
    assert sorted(offers.filter(organization__isnull=False).values_list("organization__code", flat=True)) == [
        "FAO",
        "OIE",
        "WHO",
    ]
    assert offers.filter(mobile_unit=True).count() == 2
    request = AssistanceRequest.objects.get()
    assert request.exercise and request.demo and request.status == "closed"
    assert request.event_title.startswith("EXERCISE")
    spans = queries.timeline(request)
    assert [(s["step"], s["took"]) for s in spans] == [
        ("submitted", ""),
        ("acknowledged", "40 min"),
        ("matched", "4 h 30 min"),
        ("partners_notified", "50 min"),
        ("delivered", "1 d 21 h"),
        ("closed", "6 d 21 h"),
    ]
    assert list(request.matches.order_by("pk").values_list("status", flat=True)) == ["delivered", "declined"]


def test_a_second_run_changes_nothing_and_is_fast():
    before = (AssistanceOffer.objects.count(), AssistanceStep.objects.count(), AuditEntry.objects.count())
    started = time.monotonic()
    assert demo.load_demo(by=Actor.system("demo")) == {"offers": 0, "requests": 0}
    assert time.monotonic() - started < 2
    assert (
        AssistanceOffer.objects.count(),
        AssistanceStep.objects.count(),
        AuditEntry.objects.count(),
    ) == before
