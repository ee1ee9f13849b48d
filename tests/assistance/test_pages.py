"""Article VII pages and API for every persona: who reads requests and offers, who submits, the
back office's timeline and steps, bad and hostile input refused, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.assistance import domain
from plenary.assistance.models import AssistanceRequest, AssistanceStep
from plenary.participation.models import Organization
from plenary.treaties.models import State
from tests.assistance.conftest import offer_fields, request_fields

pytestmark = pytest.mark.django_db

# Who reads a French request and the offers: the secretariat, States Parties' people (France and
# Germany), not the NGO, the non-party State's people (Egypt, Israel), nor anonymous visitors.
READERS = {"staff", "fra_fp", "fra_del", "fra_cp", "fra_auth", "deu_fp", "deu_del"}
NOT_READERS = {"ngo", "egy_cp", "isr_del", "officer", "who_fp"}


def client_for(client, world, persona):
    if world[persona] is not None:
        client.force_login(world[persona])
    return client


@pytest.fixture
def made(world):
    request = domain.submit_request(
        State.objects.get(code="FRA"),
        by=world.actor("fra_cp"),
        **request_fields(event_title="Exercise Lyon page test"),
    )
    offer = domain.record_offer(
        state=State.objects.get(code="DEU"), by=world.actor("deu_fp"), **offer_fields(title="DEU lab team")
    )
    return request, offer


@pytest.mark.parametrize("persona", sorted(READERS | NOT_READERS | {"anonymous"}))
def test_who_reads_a_request_through_the_pages_and_the_api(client, world, made, persona):
    request, _ = made
    c = client_for(client, world, persona)
    page = c.get(reverse("portal:assistance_request", args=[request.pk]))
    listing = c.get(reverse("portal:assistance_requests"))
    api_one = c.get(f"/api/assistance/requests/{request.pk}")
    api_all = c.get("/api/assistance/requests")
    if persona == "anonymous":
        assert page.status_code == 302 and listing.status_code == 302
        assert api_one.status_code == 401 and api_all.status_code == 401
    elif persona in READERS:
        assert page.status_code == 200 and b"Exercise Lyon page test" in page.content
        assert b"EXERCISE" in page.content
        assert b"Exercise Lyon page test" in listing.content
        assert api_one.status_code == 200 and api_one.json()["timeline"][0]["step"] == "submitted"
        assert [r["id"] for r in api_all.json()] == [request.pk]
    else:
        assert page.status_code == 404
        assert listing.status_code == 403 or b"Exercise Lyon page test" not in listing.content
        assert api_one.status_code == 404
        assert api_all.json() == []


@pytest.mark.parametrize("persona", sorted(READERS | NOT_READERS | {"anonymous"}))
def test_who_reads_the_offers(client, world, made, persona):
    c = client_for(client, world, persona)
    page = c.get(reverse("portal:assistance_offers"))
    api = c.get("/api/assistance/offers")
    if persona == "anonymous":
        assert page.status_code == 302 and api.status_code == 401
    elif persona in READERS:
        assert page.status_code == 200 and b"DEU lab team" in page.content
        assert [o["title"] for o in api.json()] == ["DEU lab team"]
    else:
        assert page.status_code in (200, 403) and b"DEU lab team" not in page.content
        assert api.json() == []


def test_the_request_form_shows_the_guidance_beside_each_field_and_submits(client, world):
    client.force_login(world["fra_cp"])
    form = client.get(reverse("portal:assistance_new_request"))
    assert form.status_code == 200
    assert (
        b'id="guide-needs"' in form.content and b"Providers are matched by these categories" in form.content
    )
    answer = client.post(
        reverse("portal:assistance_new_request"),
        {
            "state": State.objects.get(code="FRA").pk,
            "event_title": "Exercise from the form",
            "nature": "outbreak_unusual",
            "event_date": "2024-03-01",
            "place": "Lyon",
            "description": "Scenario.",
            "needs": ["medical", "logistics"],
            "urgency": "immediate",
            "contacts": "Desk",
            "exercise": "on",
        },
    )
    made = AssistanceRequest.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "portal:assistance_request", args=[made.pk]
    )
    assert made.exercise and made.needs == ["medical", "logistics"] and not made.on_behalf


@pytest.mark.parametrize("persona", ["fra_fp", "fra_auth", "deu_fp", "ngo", "egy_cp", "isr_del"])
def test_only_contact_points_and_staff_reach_the_form(client, world, persona):
    client.force_login(world[persona])
    assert client.get(reverse("portal:assistance_new_request")).status_code == 403


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"needs": ["weapons"]}, b"Select a valid choice"),
        ({"event_date": "2999-01-01"}, b"is in the future"),
        ({"description": "bad\x00"}, b"Null characters are not allowed"),
        ({"state": "999999"}, b"Select a valid choice"),
    ],
)
def test_bad_and_hostile_forms_are_refused_with_400_and_nothing_written(client, world, changes, message):
    client.force_login(world["fra_cp"])
    data = {
        "state": State.objects.get(code="FRA").pk,
        "event_title": "x",
        "nature": "outbreak_unusual",
        "event_date": "2024-03-01",
        "place": "Lyon",
        "description": "Scenario.",
        "needs": ["medical"],
        "urgency": "immediate",
        "contacts": "Desk",
    }
    data.update(changes)
    answer = client.post(reverse("portal:assistance_new_request"), data)
    assert answer.status_code == 400 and message in answer.content
    assert not AssistanceRequest.objects.exists()


def test_a_contact_point_may_not_submit_for_another_state(client, world):
    client.force_login(world["fra_cp"])
    data = {"state": State.objects.get(code="DEU").pk, "event_title": "x"}
    answer = client.post(reverse("portal:assistance_new_request"), data)
    assert answer.status_code == 400 and b"Select a valid choice" in answer.content


def test_the_api_submits_for_the_contact_point_and_refuses_others(client, world):
    body = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in request_fields().items()}
    client.force_login(world["deu_fp"])
    refused = client.post(
        "/api/assistance/requests", {**body, "state": "FRA"}, content_type="application/json"
    )
    assert refused.status_code == 403
    client.force_login(world["fra_cp"])
    bad = client.post(
        "/api/assistance/requests", {**body, "state": "FRA", "needs": ["x"]}, content_type="application/json"
    )
    assert bad.status_code == 400 and "x is not a kind of assistance" in bad.json()["detail"]
    ok = client.post("/api/assistance/requests", {**body, "state": "FRA"}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["status"] == "submitted"
    assert AssistanceRequest.objects.count() == 1


def test_an_offer_from_the_portal_by_a_partners_focal_point(client, world):
    client.force_login(world["who_fp"])
    form = client.get(reverse("portal:assistance_new_offer"))
    assert form.status_code == 200 and b'value="org:WHO"' in form.content and b"state:" not in form.content
    answer = client.post(
        reverse("portal:assistance_new_offer"),
        {
            "provider": "org:WHO",
            "title": "Emergency medical team",
            "categories": ["medical"],
            "capacity": "A team of 20.",
            "deploy_hours": "36",
            "mobile_unit": "on",
            "contact": "WHO duty desk",
        },
    )
    assert answer.status_code == 302
    hostile = client.post(reverse("portal:assistance_new_offer"), {"provider": "org:OIE", "title": "x"})
    assert hostile.status_code == 400
    assert Organization.objects.get(code="WHO").assistance_offers.count() == 1


@pytest.mark.parametrize("persona", ["fra_cp", "deu_fp", "ngo", "anonymous"])
def test_the_back_office_is_for_staff(client, world, made, persona):
    request, _ = made
    c = client_for(client, world, persona)
    for url in (
        reverse("backoffice:assistance_requests"),
        reverse("backoffice:assistance_timeline", args=[request.pk]),
    ):
        answer = c.get(url)
        assert answer.status_code == (302 if persona == "anonymous" else 403)
    assert c.post(
        reverse("backoffice:assistance_timeline", args=[request.pk]), {"step": "acknowledged"}
    ).status_code in (
        302,
        403,
    )
    assert list(AssistanceStep.objects.values_list("step", flat=True)) == ["submitted"]


def test_staff_take_the_request_through_every_step_on_the_timeline_page(client, world, made):
    request, offer = made
    client.force_login(world["staff"])
    url = reverse("backoffice:assistance_timeline", args=[request.pk])
    page = client.get(url)
    assert page.status_code == 200 and b'id="step-acknowledged"' in page.content
    assert b'id="step-delivered"' not in page.content
    assert client.post(url, {"step": "delivered"}).status_code == 400
    for data in (
        {"step": "acknowledged", "note": "Received."},
        {"step": "matched", "offer": [str(offer.pk)]},
        {"step": "partners_notified", "partner": ["WHO", "OIE", "FAO"]},
        {"step": "delivered", "note": "Team deployed."},
        {"step": "closed"},
    ):
        answer = client.post(url, data)
        assert answer.status_code == 302, (data, answer.content[:500])
    page = client.get(url)
    for label in (
        b"request submitted",
        b"request acknowledged",
        b"offers matched",
        b"partners notified",
        b"assistance delivered",
        b"closed",
    ):
        assert label in page.content
    assert b'id="step-' not in page.content
    assert client.post(url, {"step": "acknowledged"}).status_code == 400
    assert client.post(url, {"step": "<script>"}).status_code == 400


def test_the_list_pages_cost_the_same_queries_for_one_and_many_rows(client, world):
    fra, deu = State.objects.get(code="FRA"), State.objects.get(code="DEU")

    def counts():
        found = []
        for persona, url in (
            ("fra_cp", reverse("portal:assistance_requests")),
            ("fra_cp", reverse("portal:assistance_offers")),
            ("staff", reverse("backoffice:assistance_requests")),
        ):
            client.force_login(world[persona])
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            found.append(len(ctx))
        return found

    domain.submit_request(fra, by=world.actor("fra_cp"), **request_fields())
    domain.record_offer(state=deu, by=world.actor("staff"), **offer_fields())
    one = counts()
    for _ in range(4):
        domain.submit_request(fra, by=world.actor("fra_cp"), **request_fields())
        domain.record_offer(state=deu, by=world.actor("staff"), **offer_fields())
        domain.record_offer(
            organization=Organization.objects.get(code="OIE"), by=world.actor("staff"), **offer_fields()
        )
    assert counts() == one


def test_the_form_and_the_notifications_speak_the_readers_language(client, world):
    from plenary.accounts.models import Notification
    from plenary.accounts.notify import set_language

    client.force_login(world["fra_cp"])
    page = client.get("/fr" + reverse("portal:assistance_new_request"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nature de l’événement" in text and "Les fournisseurs sont retenus selon ces catégories" in text
    set_language(world["fra_cp"], "ru", by=world.actor("fra_cp"))
    set_language(world["who_fp"], "zh", by=world.actor("who_fp"))
    request = domain.submit_request(
        State.objects.get(code="FRA"), by=world.actor("fra_cp"), **request_fields()
    )
    staff = world.actor("staff")
    domain.acknowledge(request, by=staff)
    domain.match_offers(
        request,
        [domain.record_offer(state=State.objects.get(code="DEU"), by=staff, **offer_fields())],
        by=staff,
    )
    domain.notify_partners(request, Organization.objects.filter(code="WHO"), by=staff)
    step = Notification.objects.filter(kind="art7_step", user=world["fra_cp"]).order_by("pk").last()
    assert step.subject.startswith("Запрос по статье VII") and "партнеры уведомлены" in step.subject
    partner = Notification.objects.get(kind="art7_partner", user=world["who_fp"])
    assert partner.subject == "第七条：向 WHO 请求援助"
