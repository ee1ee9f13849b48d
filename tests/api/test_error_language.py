"""A refusal of the records' rules through the API says why in the language the client asks for
(Accept-Language), English without one."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

BODY = {
    "state": "FRA",
    "event_title": "Exercise",
    "nature": "other",
    "event_date": "2026-03-02",
    "place": "Geneva",
    "description": "An exercise.",
    "needs": ["medical"],
    "urgency": "days",
    "contacts": "ISU",
    "exercise": True,
}


@pytest.mark.parametrize(
    ("accept", "detail"),
    [
        (None, "the place of the event holds control characters"),
        ("fr-CH, fr;q=0.9, en;q=0.5", "le lieu de l'événement contient des caractères de commande"),
        ("zh-CN", "事件地点含有控制字符"),
    ],
)
def test_the_reason_of_a_400_follows_accept_language(client, people, accept, detail):
    client.force_login(people["staff"])
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    answer = client.post(
        "/api/assistance/requests",
        {**BODY, "place": "Gen\x07eva"},
        content_type="application/json",
        **headers,
    )
    assert (answer.status_code, answer.json()["detail"]) == (400, detail)
