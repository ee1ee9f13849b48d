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


PAGED = [
    "/api/meetings",
    "/api/documents",
    "/api/states",
    "/api/meetings/BWC/MSP/2017/participants",
    "/api/meetings/BWC/MSP/2017/speakers",
]


@pytest.mark.parametrize("path", PAGED)
@pytest.mark.parametrize("offset", ["1000000001", "99999999999999999999", "9223372036854775808", "-1"])
def test_an_offset_out_of_range_is_a_400_not_a_500(api, path, offset):
    assert api(path, offset=offset) == (400, {"detail": "offset must be between 0 and 1000000000"})


@pytest.mark.parametrize("path", PAGED)
def test_an_offset_past_the_end_is_an_empty_page(api, path):
    status, whole = api(path, limit=1)
    assert status == 200
    status, body = api(path, offset=1_000_000_000)
    assert (status, body["count"], body["offset"], body["items"]) == (200, whole["count"], 1_000_000_000, [])


def test_search_takes_the_same_offsets(api, indexed):
    assert api("/api/search", q="Cuba", offset="99999999999999999999") == (
        400,
        {"detail": "limit must be between 1 and 100, offset between 0 and 1000000000"},
    )
    status, body = api("/api/search", q="Cuba", offset=1_000_000_000)
    assert (status, body["items"]) == (200, [])
