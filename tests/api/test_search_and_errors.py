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
@pytest.mark.parametrize(
    "offset, detail",
    [
        ("1000000001", "offset must be at most 1000000000"),
        ("99999999999999999999", "offset must be at most 1000000000"),
        ("9223372036854775808", "offset must be at most 1000000000"),
        ("-1", "offset must be at least 0"),
    ],
)
def test_an_offset_out_of_range_is_a_400_not_a_500(api, path, offset, detail):
    status, body = api(path, offset=offset)
    assert (status, body["detail"]) == (400, detail)


@pytest.mark.parametrize("path", PAGED)
def test_an_offset_past_the_end_is_an_empty_page(api, path):
    status, whole = api(path, limit=1)
    assert status == 200
    status, body = api(path, offset=1_000_000_000)
    assert (status, body["count"], body["offset"], body["items"]) == (200, whole["count"], 1_000_000_000, [])


def test_search_takes_the_same_offsets(api, indexed):
    status, body = api("/api/search", q="Cuba", offset="99999999999999999999")
    assert (status, body["detail"]) == (400, "offset must be at most 1000000000")
    assert api("/api/search", q="Cuba", limit=101)[1]["detail"] == "limit must be at most 100"
    status, body = api("/api/search", q="Cuba", offset=1_000_000_000)
    assert (status, body["items"]) == (200, [])


@pytest.mark.parametrize(
    "path, params, detail",
    [
        ("/api/documents", {"year": "-1"}, "year must be at least 1"),
        ("/api/search", {"q": "x", "year": "10000"}, "year must be at most 9999"),
        ("/api/meetings.ics", {"year": "99999999999999999999"}, "year must be at most 9999"),
        ("/api/programme", {"from": "0"}, "from must be at least 1"),
        ("/api/programme", {"from": "2020", "to": "99999999999999999999"}, "to must be at most 9999"),
    ],
)
def test_a_year_out_of_range_is_a_400(api, path, params, detail):
    status, body = api(path, **params)
    assert (status, body["detail"]) == (400, detail)


def test_a_400_for_parameters_lists_them_as_pydantic_does(api):
    status, body = api("/api/meetings", limit="many")
    assert status == 400
    assert body["detail"] == "limit: Input should be a valid integer, unable to parse string as an integer"
    assert [(e["type"], e["loc"]) for e in body["errors"]] == [("int_parsing", ["query", "limit"])]


def test_every_operation_declares_its_errors(api):
    """The error answers each operation can give are in the document, with the body {"detail"}."""
    _, spec = api("/api/openapi.json")
    declared = {
        f"{method.upper()} {path}": sorted(int(code) for code in operation["responses"])
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    files = [200, 206, 304, 400, 404, 412, 416, 500]
    assert declared == {
        "GET /api/meetings.ics": [200, 400],
        "GET /api/meetings/{series}/participants.{fmt}": [200, 400, 404],
        "GET /api/meetings/{series}/documents.{fmt}": [200, 400, 404],
        "GET /api/meetings/{series}/participants": [200, 400, 404],
        "GET /api/meetings/{series}/speakers": [200, 400, 404],
        "GET /api/meetings": [200, 400],
        "GET /api/meetings/{series}": [200, 400, 404],
        "GET /api/documents/{symbol}/versions/{lang}": files,
        "GET /api/reports/{symbol}.{fmt}": files,
        "GET /api/documents": [200, 400],
        "GET /api/documents/{symbol}": [200, 400, 404],
        "GET /api/states": [200, 400, 404],
        "GET /api/states/{code}": [200, 400, 404],
        "GET /api/treaties/{code}/status": [200, 400, 404],
        "GET /api/programme": [200, 400, 404],
        "GET /api/search": [200, 400],
        "GET /api/me": [200, 401],
        "POST /api/floor-requests": [201, 400, 401, 403, 404],
        # CBMs (on main without their line here)
        "GET /api/cbm/figures/{year}": [200, 400],
        "GET /api/cbm/reports": [200, 400, 401],
        "GET /api/cbm/reports/{report_id}": [200, 400, 401, 404],
        # Article VII (tests/assistance/test_pages.py)
        "GET /api/assistance/requests": [200, 401],
        "POST /api/assistance/requests": [201, 400, 401, 403],
        "GET /api/assistance/requests/{request_id}": [200, 400, 401, 404],
        "GET /api/assistance/offers": [200, 401],
        # Assessed contributions (tests/finance/test_api.py)
        "GET /api/finance/states/{code}/account": [200, 400, 401, 403, 404],
        "GET /api/finance/invoices/{invoice_id}": [200, 400, 401, 404],
        "GET /api/finance/arrears": [200, 400, 401, 403],
        "GET /api/finance/years/{year}/cash": [200, 400, 401, 403],
        "POST /api/finance/payments": [201, 400, 401, 403],
        # Cost estimates (tests/finance/test_estimates_pages.py)
        "GET /api/finance/estimates": [200, 400],
        "GET /api/finance/estimates/{estimate_id}": [200, 400, 404],
        "GET /api/finance/estimates/years/{year}": [200, 400, 404],
        "GET /api/finance/cost-rates": [200],
        # Article X (tests/cooperation/test_pages.py)
        "GET /api/cooperation/offers": [200, 400, 401],
        "POST /api/cooperation/offers": [201, 400, 401, 403],
        "POST /api/cooperation/requests": [201, 400, 401, 403],
        "GET /api/cooperation/requests": [200, 401, 403],
        "GET /api/cooperation/offers/{entry_id}": [200, 400, 401, 404],
        "GET /api/cooperation/requests/{entry_id}": [200, 400, 401, 404],
        "GET /api/cooperation/requests/{entry_id}/fits": [200, 400, 401, 404],
        # Sponsorship (tests/sponsorship/test_api.py)
        "GET /api/sponsorship/figures": [200],
        "GET /api/sponsorship/applications": [200, 400, 401, 403, 404],
        "GET /api/sponsorship/applications/mine": [200, 401],
    }
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            for code, answer in operation["responses"].items():
                if code.startswith(("4", "5")) and code != "412":
                    assert answer["content"] == {"application/json": {"schema": error}}, (path, code)
    assert spec["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]


@pytest.mark.parametrize(
    "delegation, detail",
    [
        (0, "body.delegation must be at least 1"),
        (2**63, "body.delegation must be at most 9223372036854775807"),
        ("first", "body.delegation: Input should be a valid integer, unable to parse string as an integer"),
    ],
)
def test_asking_for_the_floor_with_an_id_out_of_range_is_a_400(client, people, delegation, detail):
    from plenary.accounts.domain import make_token
    from plenary.core.actor import Actor

    _, token = make_token(people["fra_del"], "floor script", by=Actor.system("fra_del"))
    response = client.post(
        "/api/floor-requests",
        {"delegation": delegation},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (response.status_code, response.json()["detail"]) == (400, detail)


def test_no_two_schemas_of_the_api_share_a_name():
    """The OpenAPI document names a schema by its class: two classes of one name in two routers
    would leave one of them described by the other's fields (the fuzz run found the programme's
    years described as the sponsorship programme's)."""
    import importlib
    import pkgutil

    from ninja import Schema

    import plenary.api

    seen: dict[str, str] = {}
    clashes = []
    for info in pkgutil.iter_modules(plenary.api.__path__):
        module = importlib.import_module(f"plenary.api.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, Schema) and value.__module__ == module.__name__:
                if name in seen:
                    clashes.append((name, seen[name], module.__name__))
                seen[name] = module.__name__
    assert clashes == []
    assert len(seen) > 40
