"""GET /api/states, /api/states/{code}, /api/treaties/{code}/status, /api/programme."""

from __future__ import annotations

from tests.meetings.test_rotation import SEED_TABLE


def test_states_by_status_on_a_date(api):
    status, body = api("/api/states", status="signatory", on="2017-12-04")
    assert status == 200
    assert (body["treaty"], body["on"], body["count"]) == ("BWC", "2017-12-04", 6)
    assert [s["code"] for s in body["items"]] == ["CAF", "EGY", "HTI", "SOM", "SYR", "TZA"]
    assert body["items"][0] == {
        "code": "CAF",
        "url": "/api/states/CAF",
        "alpha2": "CF",
        "m49": "140",
        "un_status": "member",
        "name": {"text": "Central African Republic", "lang": "en", "fallback": False},
        "treaty_status": "signatory",
    }
    _, everyone = api("/api/states", limit=1)
    assert everyone["count"] == 197


def test_state_names_follow_the_date(api):
    _, then = api("/api/states", on="2017-12-04", status="state_party", lang="fr", limit=200)
    names = {s["code"]: s["name"]["text"] for s in then["items"]}
    assert names["SWZ"] == "Swaziland"
    _, now = api("/api/states/SWZ", lang="fr", on="2019-01-01")
    assert now["name"] == {"text": "Eswatini", "lang": "fr", "fallback": False}
    assert [(n["name"], n["valid_from"], n["valid_to"]) for n in now["names"] if n["lang"] == "fr"] == [
        ("Swaziland", None, "2018-05-31"),
        ("Eswatini", "2018-05-31", None),
    ]


def test_state_detail(api):
    status, body = api("/api/states/gbr")
    assert status == 200
    assert body["code"] == "GBR"
    # The names in the UN's order of languages (each language's names earliest first).
    assert list(dict.fromkeys(n["lang"] for n in body["names"])) == ["ar", "zh", "en", "fr", "ru", "es"]
    assert [(g["scheme"], g["code"]) for g in body["groups"]] == [("BWC", "WG"), ("UN", "WEOG")]
    assert [(e["treaty"], e["kind"], e["date"]) for e in body["events"]] == [
        ("BWC", "signature", "1972-04-10"),
        ("BWC", "ratification", "1975-03-26"),
    ]
    assert body["status_history"] == [
        {"treaty": "BWC", "status": "signatory", "since": "1972-04-10"},
        {"treaty": "BWC", "status": "state_party", "since": "1975-03-26"},
    ]
    assert api("/api/states/XYZ") == (404, {"detail": "no State XYZ: use an ISO 3166-1 alpha-3 code"})


def test_treaty_status(api):
    status, body = api("/api/treaties/BWC/status", on="2017-12-04")
    assert status == 200
    assert body["date"] == "2017-12-04"
    assert body["counts"] == {"states_parties": 179, "signatories": 6, "neither": 12, "states": 197}
    assert len(body["states_parties"]) == 179 and body["states_parties"][:2] == ["AFG", "AGO"]
    assert body["signatories"] == ["CAF", "EGY", "HTI", "SOM", "SYR", "TZA"]
    assert api("/api/treaties/BWC/status", on="4 Dec 2017") == (
        400,
        {"detail": "on: '4 Dec 2017' is not a date of the form YYYY-MM-DD"},
    )
    status, body = api("/api/treaties/XYZ/status")
    assert status == 404 and body["detail"] == "unknown treaty 'XYZ' (known: BWC)"


def test_programme(api):
    status, body = api("/api/programme", treaty="BWC", **{"from": 2018, "to": 2020})
    assert status == 200
    assert body == {
        "treaty": "BWC",
        "first": 2018,
        "last": 2020,
        "meetings": ["MX1", "MX2", "MX3", "MX4", "MX5", "MSP"],
        "years": SEED_TABLE,  # BWC/MSP/2017/6 para. 19(d)
    }
    status, body = api("/api/programme", **{"from": 2020, "to": 2018})
    assert status == 400 and "empty" in body["detail"]


def test_states_cost_a_fixed_number_of_queries(count_queries):
    assert count_queries("/api/states", limit=1) == count_queries("/api/states", limit=197)
    assert count_queries("/api/states", limit=1, status="neither") == count_queries(
        "/api/states", limit=50, status="state_party"
    )
