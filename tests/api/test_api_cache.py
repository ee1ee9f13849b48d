"""The page cache on the API: a meeting's JSON costs no query the second time, a committed write
(a statement recorded, a registration approved) shows at once, validators and 304s, and the
OpenAPI schema does not change."""

from __future__ import annotations

import pytest
from django.test import Client

from plenary.core.actor import Actor
from plenary.meetings.models import Meeting
from plenary.participation.domain import approve_registration
from plenary.participation.models import Delegation
from plenary.proceedings import domain as proceedings
from plenary.treaties.models import State
from tests.api.conftest import parties_on
from tests.factories import DelegationFactory

ISU = Actor.system("isu")
BASE = "/api/meetings/BWC/MSP/2017"


@pytest.fixture
def msp(db):
    return Meeting.objects.get(series="BWC/MSP/2017")


def get(client: Client, path: str, **headers):
    return client.get(path, HTTP_HOST="localhost", **headers)


@pytest.mark.parametrize(
    "path",
    [
        BASE,
        BASE + "?lang=fr",
        BASE + "/participants",
        BASE + "/participants?category=ngo&limit=5",
        BASE + "/speakers?lang=zh",
        "/api/meetings",
        "/api/meetings?kind=MSP",
        "/api/states",
        "/api/states/FRA",
        "/api/treaties/BWC/status?on=2001-01-01",
        "/api/programme",
        "/api/documents?meeting=BWC/MSP/2017",
        "/api/documents/BWC/MSP/2017/6",
        "/api/search?q=France",
    ],
)
def test_api_answers_cost_no_query_the_second_time(
    path, msp, page_cache, settings, django_assert_num_queries
):
    client = Client()
    first = get(client, path)
    assert first.status_code == 200, first.content[:300]
    with django_assert_num_queries(0):
        again = get(client, path)
    assert (again.status_code, again.content, again["ETag"]) == (200, first.content, first["ETag"])
    assert again["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"
    settings.PAGE_CACHE_SECONDS = 0
    assert get(Client(), path).content == first.content


def test_a_recorded_statement_shows_at_once_in_the_json(msp, page_cache):
    client = Client()
    before = get(client, BASE + "/speakers?limit=1").json()["count"]
    get(client, BASE + "/speakers?limit=1")
    with page_cache():
        proceedings.record_statement(msp, by=ISU, kind="state", state=State.objects.get(code="TUV"))
    assert get(client, BASE + "/speakers?limit=1").json()["count"] == before + 1


def test_an_approved_registration_shows_at_once_in_the_participants_and_the_meeting(msp, page_cache):
    (code,) = parties_on(msp, 1)
    delegation = DelegationFactory(
        meeting=msp, state=State.objects.get(code=code), review=Delegation.Review.RECEIVED
    )
    client = Client()
    participants = get(client, BASE + "/participants?limit=1").json()["count"]
    detail = get(client, BASE).json()
    registered = {row["category"]: row["registered"] for row in detail["participation"]}
    with page_cache():
        approve_registration(delegation, by=ISU)
    assert get(client, BASE + "/participants?limit=1").json()["count"] == participants + 1
    after = {row["category"]: row["registered"] for row in get(client, BASE).json()["participation"]}
    assert after == {**registered, "state_party": registered["state_party"] + 1}


def test_api_validators_give_304s(msp, page_cache, django_assert_num_queries):
    client = Client()
    first = get(client, BASE + "/participants")
    with django_assert_num_queries(0):
        by_etag = get(client, BASE + "/participants", HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = get(client, BASE + "/participants", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert (by_date.status_code, by_date.content) == (304, b"")


def test_errors_are_not_kept(db, page_cache):
    client = Client()
    assert get(client, "/api/meetings/BWC/MSP/1900").status_code == 404
    assert "ETag" not in get(client, "/api/meetings/BWC/MSP/1900")
    assert get(client, BASE + "?lang=xx").status_code == 400
    assert "ETag" not in get(client, BASE + "?lang=xx")


def test_a_token_bypasses_the_cache(msp, page_cache, django_assert_num_queries):
    client = Client()
    get(client, BASE)
    answer = get(client, BASE, HTTP_AUTHORIZATION="Bearer pln_nobody")
    assert answer.status_code == 200
    assert "ETag" not in answer


def test_cached_operations_keep_their_schema(db):
    from plenary.api import api

    paths = api.get_openapi_schema()["paths"]

    def params(path):
        return [p["name"] for p in paths[path]["get"]["parameters"]]

    assert params("/api/meetings/{series}/participants") == ["series", "lang", "category", "limit", "offset"]
    assert params("/api/meetings/{series}") == ["series", "lang"]
    assert paths["/api/meetings/{series}"]["get"]["responses"][200]["content"]["application/json"][
        "schema"
    ] == {"$ref": "#/components/schemas/MeetingDetail"}


@pytest.mark.parametrize(
    "path",
    [
        BASE + "/participants.csv",
        BASE + "/documents.csv?lang=fr",
        "/api/meetings.ics?kind=MSP",
    ],
)
def test_meeting_files_cost_no_query_the_second_time(path, msp, page_cache, django_assert_num_queries):
    client = Client()
    first = get(client, path)
    assert first.status_code == 200, first.content[:300]
    with django_assert_num_queries(0):
        again = get(client, path)
    assert (again.content, again["ETag"]) == (first.content, first["ETag"])
    assert again["Content-Type"] == first["Content-Type"]
    assert again["Content-Disposition"] == first["Content-Disposition"]
