"""The audit walk's cases for `plenary.assistance` (tests/core/test_audit_complete.py imports this
module): one `@case("assistance.<function>")` per public function of its domain module (or any module of
the app that writes the trail), building its world and returning the act; pure readers go into
READERS with what they do. See the cases in tests/core/test_audit_complete.py for the shape."""

from __future__ import annotations

import datetime as dt

from tests.core.test_audit_complete import READERS, case

READERS.update(
    {
        "assistance.people_of_state": "the people of a State told of its request's steps",
        "assistance.request_snapshot": "the values of a request, for audit entries",
        "assistance.offer_snapshot": "the values of an offer, for audit entries",
    }
)


def _fields():
    return {
        "event_title": "Exercise: audit walk",
        "nature": "outbreak_unusual",
        "event_date": dt.date(2024, 3, 1),
        "place": "Lyon",
        "description": "Exercise scenario.",
        "needs": ["medical", "detection"],
        "urgency": "urgent",
        "contacts": "Exercise desk",
        "exercise": True,
    }


def _offer(t, **changes):
    from plenary.assistance import domain
    from plenary.treaties.models import State

    values = {
        "title": "Field laboratory",
        "categories": ["detection"],
        "capacity": "8 people",
        "deploy_hours": 48,
        "contact": "Duty officer",
    }
    values.update(changes)
    return domain.record_offer(state=State.objects.get(code="DEU"), by=t.by("deu_fp"), **values)


def _request(t, *steps_to_take):
    from plenary.assistance import domain
    from plenary.treaties.models import State

    request = domain.submit_request(State.objects.get(code="FRA"), by=t.by("staff"), **_fields())
    for step in steps_to_take:
        if step == "matched":
            domain.match_offers(request, [_offer(t)], by=t.by("staff"))
        elif step == "partners_notified":
            from plenary.participation.models import Organization

            domain.notify_partners(request, Organization.objects.filter(code="WHO"), by=t.by("staff"))
        else:
            domain.STAFF_STEPS[step](request, by=t.by("staff"))
    return request


@case("assistance.submit_request")
def _(t):
    from plenary.assistance import domain
    from plenary.treaties.models import State

    return lambda: domain.submit_request(State.objects.get(code="FRA"), by=t.by("staff"), **_fields())


@case("assistance.record_offer")
def _(t):
    return lambda: _offer(t)


@case("assistance.acknowledge")
def _(t):
    from plenary.assistance import domain

    request = _request(t)
    return lambda: domain.acknowledge(request, by=t.by("staff"), note="Received.")


@case("assistance.match_offers")
def _(t):
    from plenary.assistance import domain

    request = _request(t, "acknowledged")
    offer = _offer(t)
    return lambda: domain.match_offers(request, [offer], by=t.by("staff"))


@case("assistance.notify_partners")
def _(t):
    from plenary.assistance import domain
    from plenary.participation.models import Organization

    request = _request(t, "acknowledged", "matched")
    return lambda: domain.notify_partners(request, Organization.objects.filter(code="OIE"), by=t.by("staff"))


@case("assistance.record_delivery")
def _(t):
    from plenary.assistance import domain

    request = _request(t, "acknowledged", "matched", "partners_notified")
    return lambda: domain.record_delivery(request, by=t.by("staff"), note="Delivered.")


@case("assistance.close")
def _(t):
    from plenary.assistance import domain

    request = _request(t, "acknowledged")
    return lambda: domain.close(request, by=t.by("staff"))


@case("assistance.withdraw")
def _(t):
    from plenary.assistance import domain

    request = _request(t)
    return lambda: domain.withdraw(request, by=t.by("staff"), note="Ended.")


@case("assistance.edit_offer")
def _(t):
    from plenary.assistance import domain

    offer = _offer(t)
    return lambda: domain.edit_offer(offer, by=t.by("deu_fp"), deploy_hours=24)


@case("assistance.withdraw_offer")
def _(t):
    from plenary.assistance import domain

    offer = _offer(t)
    return lambda: domain.withdraw_offer(offer, by=t.by("staff"), note="No longer available.")


@case("assistance.set_match_status")
def _(t):
    from plenary.assistance import domain

    request = _request(t, "acknowledged", "matched")
    match = request.matches.get()
    return lambda: domain.set_match_status(match, "accepted", by=t.by("staff"))
