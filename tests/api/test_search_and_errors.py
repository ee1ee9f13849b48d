"""GET /api/search, the OpenAPI document, and errors as JSON."""

from __future__ import annotations

import pytest


@pytest.fixture
def indexed(db):
    from plenary.search.index import rebuild_index

    rebuild_index()


def test_search_finds_a_symbol_first(api, indexed):
    status, body = api("/api/search", q="WP.13", lang="zh")
    assert status == 200
    assert body["q"] == "WP.13" and body["lang"] == "zh"
    first = body["items"][0]
    assert (first["kind"], first["key"], first["lang"], first["fallback"]) == (
        "document",
        "BWC/MSP/2017/WP.13",
        "zh",
        False,
    )
    _, cuba = api("/api/search", q="Cuba", kind="document")
    assert cuba["items"][0]["key"] == "BWC/MSP/2017/WP.23"
    assert "<mark>Cuba</mark>" in cuba["items"][0]["snippet"]


def test_a_hit_names_its_meeting_and_the_meetings_dates(api, indexed):
    _, body = api("/api/search", q="sponsorship programme", kind="paragraph", meeting="BWC/MSP/2017")
    first = body["items"][0]
    assert (first["kind"], first["key"], first["meeting"], first["meeting_start"], first["meeting_end"]) == (
        "paragraph",
        "BWC/MSP/2017/6#19",
        "BWC/MSP/2017",
        "2017-12-04",
        "2017-12-08",
    )
    _, swz = api("/api/search", q="Eswatini", kind="state")
    assert (swz["items"][0]["meeting"], swz["items"][0]["meeting_start"]) == (None, None)


def test_search_filters_and_bad_parameters(api, indexed):
    _, body = api("/api/search", q="Article X", kind="document", limit=50)
    assert body["count"] == len(body["items"]) > 0
    assert {hit["kind"] for hit in body["items"]} == {"document"}
    assert api("/api/search", q="x", lang="xx")[0] == 400
    assert api("/api/search", q="x", kind="person")[0] == 400


def test_unknown_path_is_json_404(api):
    assert api("/api/nothing/here") == (404, {"detail": "no such resource: /api/nothing/here"})


def test_openapi_lists_the_endpoints(api, client):
    status, spec = api("/api/openapi.json")
    assert status == 200 and spec["openapi"].startswith("3.")
    for path in (
        "/api/meetings",
        "/api/meetings/{series}",
        "/api/meetings/{series}/participants",
        "/api/meetings/{series}/speakers",
        "/api/meetings.ics",
        "/api/documents",
        "/api/documents/{symbol}",
        "/api/documents/{symbol}/versions/{lang}",
        "/api/states",
        "/api/states/{code}",
        "/api/treaties/{code}/status",
        "/api/programme",
        "/api/search",
        "/api/reports/{symbol}.{fmt}",
    ):
        assert path in spec["paths"], path
    assert client.get("/api/docs", HTTP_HOST="localhost").status_code == 200
