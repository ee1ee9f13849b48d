"""The request API refuses a State code that is not one, before it reaches the database (a NUL byte
in it was a server error on PostgreSQL)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["FR\x00", "\x00\x00\x00", "12A", "ÉTA", "XYZ"])
def test_a_state_code_that_is_not_one_is_a_400(client, people, code):
    client.force_login(people["staff"])
    body = {
        "state": code,
        "event_title": "Exercise",
        "nature": "exercise",
        "event_date": "2026-03-02",
        "place": "Geneva",
        "description": "An exercise.",
        "needs": ["medical"],
        "urgency": "days",
        "contacts": "ISU",
        "exercise": True,
    }
    answer = client.post("/api/assistance/requests", body, content_type="application/json")
    assert (answer.status_code, answer.json()["detail"]) == (400, f"no State {code!r}")
