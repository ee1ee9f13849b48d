"""The world of the sponsorship tests: BWC/MSP/2018 (whose officer is the `officer` persona) open
for applications, a Vice-Chair beside its Chair, a DSA rate for Geneva, two contributions (one
earmarked for the meeting) and the applicants: Kenya's and Egypt's delegates (a developing State
Party; a signatory not party)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.meetings.models import Meeting, Officer
from plenary.participation.models import Organization
from plenary.sponsorship import domain
from plenary.treaties.models import State

SYSTEM = Actor.system("test-setup")


def make_world(people):
    from django.contrib.auth.models import User

    from plenary.sponsorship.models import Application, Award, Call, Contribution, Decision, DsaRate

    # The demo's example data out of the way (inside the test's transaction), so that the figures
    # here are this world's alone.
    for model in (Award, Decision, Application, Call, Contribution, DsaRate):
        model.objects.all().delete()
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    chair = Officer.objects.get(meeting=meeting, role=Officer.Role.CHAIR)
    vice = Officer.objects.create(
        meeting=meeting,
        role=Officer.Role.VICE_CHAIR,
        name="A. Vice-Chair",
        state=State.objects.get(code="CAN"),
    )
    domain.open_call(meeting, deadline="2018-09-15", by=SYSTEM)
    domain.record_dsa_rate(
        amount="400.00", valid_from="2018-01-01", source="example rate", example=True, by=SYSTEM
    )
    general = domain.record_contribution(
        donor=State.objects.get(code="CAN"),
        amount="10000.00",
        received_on="2018-03-01",
        example=True,
        by=SYSTEM,
    )
    earmarked = domain.record_contribution(
        donor=Organization.objects.get(code="EU"),
        amount="5000.00",
        received_on="2018-04-01",
        earmark_meeting=meeting,
        example=True,
        by=SYSTEM,
    )
    for code in ("KEN", "EGY"):
        user = User.objects.create(username=f"{code.lower()}_del")
        grant_role(user, "delegate", state=State.objects.get(code=code), by=SYSTEM)
        people[f"{code.lower()}_del"] = user
    eu = User.objects.create(username="eu_rep")
    grant_role(eu, "observer", organization=Organization.objects.get(code="EU"), by=SYSTEM)
    people["eu_rep"] = eu
    return {"meeting": meeting, "chair": chair, "vice": vice, "general": general, "earmarked": earmarked}


def answers(**over):
    base = {
        "expert_name": "Amina Otieno",
        "expert_function": "Senior Scientist",
        "expert_agency": "Ministry of Health",
        "official_confirmed": True,
        "developing": True,
        "attended_before": False,
        "can_send_from_capital": False,
        "travel_from": "Nairobi",
        "arrive": dt.date(2018, 12, 3),
        "depart": dt.date(2018, 12, 8),
    }
    base.update(over)
    return base


def applied(people, world, persona="ken_del", code="KEN", **over):
    return domain.apply(
        world["meeting"], state=State.objects.get(code=code), by=people.actor(persona), **answers(**over)
    )


D = Decimal
