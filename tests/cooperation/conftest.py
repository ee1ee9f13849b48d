"""Article X worlds: the personas, a French contact point and authorised user, an Egyptian and an
Israeli delegate (Egypt signed, Israel did not: neither is a State Party), WHO's focal point; the
demo's entries removed so each test starts empty."""

from __future__ import annotations

import pytest


@pytest.fixture
def world(people):
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role
    from plenary.cooperation.models import Match, Offer, Request
    from plenary.core.actor import Actor
    from plenary.participation.models import Organization
    from plenary.treaties.models import State

    Match.objects.all().delete()
    Offer.objects.all().delete()
    Request.objects.all().delete()
    setup = Actor.system("test-setup")
    for name, kind, scope in [
        ("fra_cp", "contact_point", {"state": State.objects.get(code="FRA")}),
        ("fra_auth", "authorised", {"state": State.objects.get(code="FRA")}),
        ("ken_cp", "contact_point", {"state": State.objects.get(code="KEN")}),
        ("egy_cp", "contact_point", {"state": State.objects.get(code="EGY")}),
        ("isr_del", "delegate", {"state": State.objects.get(code="ISR")}),
        ("who_fp", "focal_point", {"organization": Organization.objects.get(code="WHO")}),
    ]:
        user = User.objects.create(username=name, email=f"{name}@example.org")
        grant_role(user, kind, by=setup, **scope)
        people[name] = user
    return people


def offer_values(**changes):
    values = {
        "title": "Biosafety training for laboratory staff",
        "description": "A two-week course on biorisk management for up to 20 people.",
        "types": ["training", "expertise"],
        "fields": ["biosafety", "laboratory"],
        "regions": [],
        "contact": "Training desk, training@example.org",
        "language": "en",
    }
    values.update(changes)
    return values


def request_values(**changes):
    values = {
        "title": "Training in biological risk management",
        "description": "Our national laboratory asks for training of 15 technicians in biorisk management.",
        "types": ["training"],
        "fields": ["biosafety", "laboratory"],
        "contact": "National contact point, ncp@example.org",
        "language": "en",
    }
    values.update(changes)
    return values
