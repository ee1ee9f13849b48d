"""A world for the assessed contributions' tests: the test database holds the demo's 2018 (example
amounts); these tests work on 2019 (the 2019-2021 scale), with the personas and a contact point
of France and of Germany."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

YEAR = 2019
COSTS = {"BWC/MSP/2019/MX.1": "200000.00", "BWC/MSP/2019": "300000.00"}


def make_world(people, *, costs: bool = True) -> dict:
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role
    from plenary.core.actor import Actor
    from plenary.finance import domain
    from plenary.meetings.models import Meeting
    from plenary.treaties.models import State

    setup = Actor.system("test-setup", via="load")
    for name, code in (("fra_cp", "FRA"), ("deu_cp", "DEU")):
        if name not in people:
            user = User.objects.create(username=name, email=f"{name}@example.org")
            grant_role(user, "contact_point", by=setup, state=State.objects.get(code=code))
            people[name] = user
    if costs:
        for series, money in COSTS.items():
            domain.set_meeting_cost(Meeting.objects.get(series=series), amount=money, by=setup)
    return {"fra": State.objects.get(code="FRA"), "deu": State.objects.get(code="DEU"), "setup": setup}


def invoiced(world, *, issued_on=dt.date(2019, 2, 13), due_on=dt.date(2019, 3, 15)):
    from plenary.finance import domain

    a = domain.apportion_year(YEAR, by=world["setup"])
    invoices = domain.issue_invoices(a, issued_on=issued_on, due_on=due_on, by=world["setup"])
    return a, {i.state.code: i for i in invoices}


TOTAL = Decimal("500000.00")
