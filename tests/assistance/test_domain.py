"""The writers of Article VII assistance: who may submit, offer and take steps, in which order, with
hostile input refused and nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.accounts.models import Notification
from plenary.assistance import domain, queries
from plenary.assistance.models import AssistanceOffer, AssistanceRequest, AssistanceStep, OfferMatch
from plenary.core.audit import AuditEntry
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.participation.models import Organization
from plenary.treaties.models import State
from tests.assistance.conftest import offer_fields, request_fields

pytestmark = pytest.mark.django_db


def entries(world, **where):
    """The audit entries written since the world was made (the demo's are older)."""
    return AuditEntry.objects.filter(pk__gt=world.audit_from, **where)


def fra():
    return State.objects.get(code="FRA")


def deu():
    return State.objects.get(code="DEU")


def test_the_contact_point_submits_and_the_first_step_is_written(world):
    request = domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields())
    assert request.status == "submitted" and request.exercise and not request.on_behalf
    assert list(request.steps.values_list("step", "by")) == [("submitted", "fra_cp")]
    entry = entries(world, action="assistance.submit").get()
    assert entry.acting_for == "" and entry.after["needs"] == ["medical", "detection"]
    told = set(Notification.objects.filter(kind="art7_step").values_list("user__username", flat=True))
    assert {"fra_cp", "fra_auth", "fra_fp", "fra_del", "staff"} <= told
    assert "deu_fp" not in told


def test_the_secretariat_submits_on_the_states_behalf_marked(world):
    request = domain.submit_request(fra(), by=world.actor("staff"), **request_fields())
    assert request.on_behalf
    assert entries(world, action="assistance.submit").get().acting_for == "State:FRA"


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "fra_auth", "deu_fp", "ngo", "who_fp", "anonymous"])
def test_no_one_else_submits_in_the_states_name(world, persona):
    with pytest.raises(NotAllowed, match="national contact point of FRA"):
        domain.submit_request(fra(), by=world.actor(persona), **request_fields())
    assert not AssistanceRequest.objects.exists()


def test_a_state_not_party_may_not_request(world):
    with pytest.raises(DomainError, match="EGY is not a State Party"):
        domain.submit_request(State.objects.get(code="EGY"), by=world.actor("egy_cp"), **request_fields())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"event_title": "  "}, "the title of the event is required"),
        ({"event_title": "x" * 201}, "at most 200"),
        ({"description": "bad\x00text"}, "control characters"),
        ({"nature": "invasion"}, "the nature of the event is one of"),
        ({"urgency": 3}, "the urgency is one of"),
        ({"needs": []}, "tick at least one"),
        ({"needs": "medical"}, "is a list of kinds"),
        ({"needs": ["medical", "<script>"]}, "<script> is not a kind of assistance"),
        ({"needs": [1]}, "is a list of kinds"),
        ({"event_date": "2024-03-01"}, "is a date"),
        ({"event_date": dt.date(2999, 1, 1)}, "is in the future"),
        ({"exercise": "yes"}, "yes or no"),
        ({"contacts": None}, "the points of contact is required"),
    ],
)
def test_hostile_requests_are_refused_and_nothing_is_written(world, changes, message):
    with pytest.raises(DomainError, match=message):
        domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields(**changes))
    assert not AssistanceRequest.objects.exists() and not AssistanceStep.objects.exists()
    assert not entries(world, action__startswith="assistance.").exists()


def test_offers_by_states_people_organizations_focal_points_and_the_secretariat(world):
    by_state = domain.record_offer(state=deu(), by=world.actor("deu_del"), **offer_fields())
    by_who = domain.record_offer(
        organization=Organization.objects.get(code="WHO"),
        by=world.actor("who_fp"),
        **offer_fields(title="WHO team"),
    )
    by_staff = domain.record_offer(
        organization=Organization.objects.get(code="FAO"),
        by=world.actor("staff"),
        **offer_fields(title="FAO team"),
    )
    assert (by_state.on_behalf, by_who.on_behalf, by_staff.on_behalf) == (False, False, True)
    assert list(
        entries(world, action="assistance.offer").order_by("pk").values_list("acting_for", flat=True)
    ) == ["", "", "Organization:FAO"]


@pytest.mark.parametrize(
    ("persona", "provider"),
    [("fra_fp", "DEU"), ("ngo", "WHO"), ("who_fp", "OIE"), ("anonymous", "DEU"), ("isr_del", "DEU")],
)
def test_no_one_offers_for_another(world, persona, provider):
    where = (
        {"state": State.objects.get(code=provider)}
        if len(provider) == 3 and provider not in ("WHO", "OIE", "FAO")
        else {"organization": Organization.objects.get(code=provider)}
    )
    with pytest.raises(NotAllowed):
        domain.record_offer(by=world.actor(persona), **where, **offer_fields())
    assert not AssistanceOffer.objects.exists()


@pytest.mark.parametrize(
    ("where", "changes", "message"),
    [
        ({}, {}, "one State Party or one partner organization"),
        ({"organization": "VERTIC"}, {}, "VERTIC is not a partner organization"),
        ({"state": "ISR"}, {}, "ISR is not a State Party"),
        ({"state": "DEU"}, {"deploy_hours": 0}, "from 1 to 8760 hours"),
        ({"state": "DEU"}, {"deploy_hours": 2.5}, "whole number of hours"),
        ({"state": "DEU"}, {"deploy_hours": True}, "whole number of hours"),
        ({"state": "DEU"}, {"categories": ["weapons"]}, "weapons is not a kind"),
        ({"state": "DEU"}, {"valid_until": dt.date(2000, 1, 1)}, "which is past"),
        ({"state": "DEU"}, {"capacity": ""}, "the capacity is required"),
    ],
)
def test_hostile_offers_are_refused(world, where, changes, message):
    scope = {}
    if "state" in where:
        scope["state"] = State.objects.get(code=where["state"])
    if "organization" in where:
        scope["organization"] = Organization.objects.get(code=where["organization"])
    with pytest.raises(DomainError, match=message):
        domain.record_offer(by=world.actor("staff"), **scope, **offer_fields(**changes))
    assert not AssistanceOffer.objects.exists()


def test_the_secretariat_takes_a_request_through_every_step_to_closed(world):
    staff = world.actor("staff")
    request = domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields())
    offer = domain.record_offer(state=deu(), by=world.actor("deu_fp"), **offer_fields())
    domain.acknowledge(request, by=staff, note="Received.")
    domain.match_offers(request, [offer], by=staff)
    domain.notify_partners(request, Organization.objects.filter(code__in=["WHO", "OIE"]), by=staff)
    domain.record_delivery(request, by=staff, note="Team deployed.")
    domain.close(request, by=staff)
    request.refresh_from_db()
    assert request.status == "closed"
    assert [row["step"] for row in queries.timeline(request)] == [
        "submitted",
        "acknowledged",
        "matched",
        "partners_notified",
        "delivered",
        "closed",
    ]
    assert all(row["took"] for row in queries.timeline(request)[1:])
    assert OfferMatch.objects.get().offer == offer
    partners = Notification.objects.filter(kind="art7_partner")
    assert sorted(partners.values_list("user__username", flat=True)) == ["oie_fp", "who_fp"]
    assert "FRA" in partners.first().body and "medical assistance" in partners.first().body
    steps_told = Notification.objects.filter(kind="art7_step", user__username="fra_cp").count()
    assert steps_told == 6
    with pytest.raises(Frozen, match="the request is closed: no step follows"):
        domain.acknowledge(request, by=staff)


def test_steps_out_of_order_or_by_others_are_refused(world):
    request = domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields())
    with pytest.raises(DomainError, match="after 'request submitted' the request goes on to"):
        domain.record_delivery(request, by=world.actor("staff"))
    for persona in ("fra_cp", "deu_fp", "ngo", "anonymous"):
        with pytest.raises(NotAllowed):
            domain.acknowledge(request, by=world.actor(persona))
    with pytest.raises(DomainError, match="the note has"):
        domain.acknowledge(request, by=world.actor("staff"), note="x" * 10_001)
    assert list(request.steps.values_list("step", flat=True)) == ["submitted"]


def test_matching_refuses_unfit_offers_and_partners_must_be_partners(world):
    staff = world.actor("staff")
    request = domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields())
    domain.acknowledge(request, by=staff)
    logistics = domain.record_offer(state=deu(), by=staff, **offer_fields(categories=["logistics"]))
    own = domain.record_offer(state=fra(), by=staff, **offer_fields())
    with pytest.raises(DomainError, match="covers none of the assistance asked"):
        domain.match_offers(request, [logistics], by=staff)
    with pytest.raises(DomainError, match="requesting State's own offer"):
        domain.match_offers(request, [own], by=staff)
    with pytest.raises(DomainError, match="at least one recorded offer"):
        domain.match_offers(request, [], by=staff)
    assert not OfferMatch.objects.exists()
    request.refresh_from_db()
    assert request.status == "acknowledged"
    fit = domain.record_offer(state=deu(), by=staff, **offer_fields())
    domain.match_offers(request, [fit], by=staff)
    with pytest.raises(DomainError, match="VERTIC is not a partner organization"):
        domain.notify_partners(request, Organization.objects.filter(code="VERTIC"), by=staff)


def test_the_state_withdraws_its_request_and_no_step_follows(world):
    request = domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields())
    with pytest.raises(NotAllowed):
        domain.withdraw(request, by=world.actor("deu_fp"))
    domain.withdraw(request, by=world.actor("fra_cp"), note="The exercise ended.")
    with pytest.raises(Frozen):
        domain.close(request, by=world.actor("staff"))


def test_the_offers_fitting_a_request_come_in_time_first_then_by_cover_and_speed(world):
    staff = world.actor("staff")
    request = domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields(urgency="immediate"))
    slow = domain.record_offer(
        state=deu(), by=staff, **offer_fields(deploy_hours=100, categories=["medical", "detection"])
    )
    quick = domain.record_offer(state=deu(), by=staff, **offer_fields(deploy_hours=12))
    domain.record_offer(state=deu(), by=staff, **offer_fields(categories=["logistics"]))
    domain.record_offer(state=fra(), by=staff, **offer_fields(deploy_hours=1))
    fits = queries.fitting_offers(request)
    assert [(f["offer"], f["covers"], f["in_time"]) for f in fits] == [
        (quick, ["detection"], True),
        (slow, ["medical", "detection"], False),
    ]


def test_yearly_figures(world):
    staff = world.actor("staff")
    year = dt.date.today().year
    before = queries.yearly_figures(year)
    request = domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields())
    offer = domain.record_offer(state=deu(), by=staff, **offer_fields())
    domain.record_offer(
        organization=Organization.objects.get(code="WHO"), by=staff, **offer_fields(mobile_unit=False)
    )
    domain.acknowledge(request, by=staff)
    domain.match_offers(request, [offer], by=staff)
    after = queries.yearly_figures(year)
    assert {k: after[k] - before[k] for k in after} == {
        "requests": 0,
        "exercises": 1,
        "closed": 0,
        "offers": 2,
        "offers_by_states": 1,
        "offers_by_partners": 1,
        "partners": after["partners"] - before["partners"],
        "mobile_units": 1,
        "matches": 1,
    }
    assert after["partners"] >= 1


def test_only_a_record_load_gives_the_moment_of_a_step(world):
    import datetime as dt

    from django.utils import timezone

    request = domain.submit_request(fra(), by=world.actor("fra_cp"), **request_fields())
    with pytest.raises(DomainError, match="only a record load gives the moment"):
        domain.acknowledge(request, by=world.actor("staff"), at=timezone.now() - dt.timedelta(days=1))
    load = world.actor("staff").through("load")
    with pytest.raises(DomainError, match="dated before the step it follows"):
        domain.acknowledge(request, by=load, at=request.submitted_at - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="in the future"):
        domain.acknowledge(request, by=load, at=timezone.now() + dt.timedelta(days=1))
    assert list(request.steps.values_list("step", flat=True)) == ["submitted"]
