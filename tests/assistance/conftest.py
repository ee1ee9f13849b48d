"""Article VII worlds: a French contact point, a partner organization's focal point, a request, offers."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def world(people):
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role
    from plenary.assistance.models import AssistanceOffer, AssistanceRequest, AssistanceStep, OfferMatch
    from plenary.core.actor import Actor
    from plenary.participation.models import Organization
    from plenary.treaties.models import State

    # The demo (loaded into the test database) is tested in test_demo.py; these tests start empty.
    OfferMatch.objects.all().delete()
    AssistanceStep.objects.all().delete()
    AssistanceRequest.objects.all().delete()
    AssistanceOffer.objects.all().delete()
    setup = Actor.system("test-setup")
    made = {}
    for name, kind, scope in [
        ("fra_cp", "contact_point", {"state": State.objects.get(code="FRA")}),
        ("fra_auth", "authorised", {"state": State.objects.get(code="FRA")}),
        ("egy_cp", "contact_point", {"state": State.objects.get(code="EGY")}),
        ("isr_del", "delegate", {"state": State.objects.get(code="ISR")}),
        ("who_fp", "focal_point", {"organization": Organization.objects.get(code="WHO")}),
        ("oie_fp", "focal_point", {"organization": Organization.objects.get(code="OIE")}),
    ]:
        user = User.objects.create(username=name, email=f"{name}@example.org")
        grant_role(user, kind, by=setup, **scope)
        made[name] = user
    people.update(made)
    from plenary.core.audit import AuditEntry

    people.audit_from = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return people


def request_fields(**changes):
    fields = {
        "event_title": "Exercise: unusual outbreak in Lyon",
        "nature": "outbreak_unusual",
        "event_date": dt.date(2024, 3, 1),
        "place": "Lyon, Auvergne-Rhône-Alpes",
        "description": "Exercise scenario: 40 people with an unknown respiratory illness.",
        "needs": ["medical", "detection"],
        "urgency": "urgent",
        "contacts": "Exercise desk, +33 1 00 00 00 00, exercise@example.org",
        "exercise": True,
    }
    fields.update(changes)
    return fields


def offer_fields(**changes):
    fields = {
        "title": "Field laboratory team",
        "categories": ["detection", "expertise"],
        "capacity": "A team of 8 with a deployable laboratory for 30 days.",
        "deploy_hours": 48,
        "contact": "Duty officer, +49 30 0000 0000",
        "mobile_unit": True,
    }
    fields.update(changes)
    return fields
