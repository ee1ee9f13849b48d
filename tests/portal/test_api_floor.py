"""The API's write endpoint: asking for the floor with a token, or with the session and CSRF."""

from __future__ import annotations

import pytest
from django.test import Client

from plenary.accounts.domain import make_token
from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.participation.domain import register_delegation
from plenary.treaties.models import State


@pytest.fixture
def delegations(people, msp2018):
    head = [{"name": "Head of delegation", "role": "head"}]
    fra = register_delegation(
        msp2018, state=State.objects.get(code="FRA"), by=Actor.system("test"), members=head
    )
    deu = register_delegation(
        msp2018, state=State.objects.get(code="DEU"), by=Actor.system("test"), members=head
    )
    return {"FRA": fra, "DEU": deu}


def test_a_delegate_asks_for_the_floor_with_a_token(client, people, delegations):
    _, token = make_token(people["fra_del"], "floor script", by=Actor.system("fra_del"))
    response = client.post(
        "/api/floor-requests",
        {"delegation": delegations["FRA"].pk},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    assert response.json() == {
        "id": response.json()["id"],
        "meeting": "BWC/MSP/2018",
        "delegation": delegations["FRA"].pk,
        "status": "waiting",
        "place": 1,
        "waiting": 1,
    }
    entry = AuditEntry.objects.filter(action="floor.request").latest("id")
    assert (entry.actor, entry.via) == ("fra_del", "api")
    again = client.post(
        "/api/floor-requests",
        {"delegation": delegations["FRA"].pk},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert again.status_code == 400


def test_another_states_delegate_is_refused(client, people, delegations):
    _, token = make_token(people["deu_del"], "floor script", by=Actor.system("deu_del"))
    response = client.post(
        "/api/floor-requests",
        {"delegation": delegations["FRA"].pk},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "only the delegation asks for its floor"}


def test_without_credentials_or_without_csrf_nothing_happens(people, delegations):
    anonymous = Client(enforce_csrf_checks=True)
    assert (
        anonymous.post(
            "/api/floor-requests", {"delegation": delegations["FRA"].pk}, content_type="application/json"
        ).status_code
        == 401
    )
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["fra_fp"])
    no_csrf = browser.post(
        "/api/floor-requests", {"delegation": delegations["FRA"].pk}, content_type="application/json"
    )
    assert no_csrf.status_code == 403
    browser.get("/portal/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    with_csrf = browser.post(
        "/api/floor-requests",
        {"delegation": delegations["FRA"].pk},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert with_csrf.status_code == 201
