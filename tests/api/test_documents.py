"""GET /api/documents and /api/documents/{symbol}."""

from __future__ import annotations

import pytest

from plenary.core.actor import Actor
from plenary.documents.domain import record_document
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.models import Meeting
from plenary.participation.models import Organization
from plenary.treaties.models import State


def symbols(body) -> list[str]:
    return [d["symbol"] for d in body["items"]]


def test_document_with_everything(api):
    status, body = api("/api/documents/BWC/MSP/2017/WP.9")
    assert status == 200
    assert body["submitters"] == [
        {"kind": "state", "code": "DEU", "name": {"text": "Germany", "lang": "en", "fallback": False}}
    ]
    assert [s["code"] for s in body["co_sponsors"]] == ["JPN", "USA"]
    assert body["meeting"] == "BWC/MSP/2017" and body["type"] == "WP"
    assert body["versions"] == [
        {"lang": "en", "kind": "official", "url": "/api/documents/BWC/MSP/2017/WP.9/versions/en"}
    ]


def test_document_family_and_languages(api):
    _, parent = api("/api/documents/BWC/MSP/2017/WP.13", lang="zh")
    assert parent["family"] == ["BWC/MSP/2017/WP.13/Corr.1"]
    assert parent["parent"] is None
    assert parent["original_language"] == "es"
    assert [(v["lang"], v["kind"]) for v in parent["versions"]] == [("en", "informal"), ("es", "official")]
    assert parent["title"] == {
        "text": "自愿访问：改善《生物及毒素武器公约》框架下合作的途径",
        "lang": "zh",
        "fallback": False,
    }
    assert parent["submitters"][0] == {
        "kind": "state",
        "code": "CHL",
        "name": {"text": "智利", "lang": "zh", "fallback": False},
    }
    _, child = api("/api/documents/bwc/msp/2017/wp.13/corr.1")
    assert child["symbol"] == "BWC/MSP/2017/WP.13/Corr.1"
    assert child["parent"] == "BWC/MSP/2017/WP.13" and child["family"] == []


def test_on_behalf_of_and_secretariat(api):
    _, wp12 = api("/api/documents/BWC/MSP/2017/WP.12")
    assert wp12["on_behalf_of"]["code"] == "NAM" and wp12["on_behalf_of"]["scheme"] == "BWC"
    _, three = api("/api/documents/BWC/MSP/2017/3", lang="ru")
    assert three["submitters"] == [
        {
            "kind": "secretariat",
            "code": "secretariat",
            "name": {"text": "Секретариат", "lang": "ru", "fallback": False},
        }
    ]
    assert three["family"] == ["BWC/MSP/2017/3/Add.1"]


def test_unknown_document_is_404(api):
    assert api("/api/documents/BWC/MSP/2017/WP.99") == (404, {"detail": "no document BWC/MSP/2017/WP.99"})


@pytest.mark.parametrize("symbol", ["BWC//MSP", "BWC/MSP/2017/WP.0", "BWC/MSP/2017/Corr.1/Add.1"])
def test_malformed_symbol_is_400_with_the_parsers_message(api, symbol):
    with pytest.raises(SymbolError) as caught:
        parse(symbol)
    assert api(f"/api/documents/{symbol}") == (400, {"detail": str(caught.value)})


def test_document_filters(api):
    _, official = api("/api/documents", meeting="BWC/MSP/2017", type="official")
    assert symbols(official) == [f"BWC/MSP/2017/{n}" for n in (1, 2, 3, "3/Add.1", 4, 5, 6)]
    _, wps = api("/api/documents", meeting="BWC/MSP/2017", type="wp", limit=1)
    assert wps["count"] == 25
    _, french = api("/api/documents", language="fr", year=2017)
    assert symbols(french) == [f"BWC/MSP/2017/{n}" for n in (1, 2, 3, 4, 5, 6)] + ["BWC/MSP/2017/WP.16"]
    _, eu = api("/api/documents", submitter="EU")
    assert symbols(eu) == ["BWC/MSP/2017/WP.3", "BWC/MSP/2017/WP.17", "BWC/MSP/2017/WP.18"]
    _, cuba = api("/api/documents", submitter="cub")
    assert symbols(cuba) == ["BWC/MSP/2017/WP.8", "BWC/MSP/2017/WP.23"]
    status, bad = api("/api/documents", type="XYZ")
    assert status == 400 and bad["detail"].startswith("unknown document type 'XYZ'")
    status, bad = api("/api/documents", language="de")
    assert status == 400


def test_documents_cost_the_same_queries_for_1_and_50(count_queries, bwc):
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    states = list(State.objects.filter(code__in=["FRA", "DEU", "JPN"]).order_by("code"))
    eu = Organization.objects.get(code="EU")

    def add(n: int) -> None:
        record_document(
            meeting,
            by=Actor.system("test"),
            symbol=f"BWC/MSP/2018/WP.{n}",
            title={"en": f"Paper {n}", "fr": f"Document {n}"},
            versions=[{"lang": "en"}, {"lang": "fr", "kind": "informal"}],
            submitters=[*states, eu],
            co_sponsors=states[:1],
        )

    add(1)
    record_document(
        meeting,
        by=Actor.system("test"),
        symbol="BWC/MSP/2018/WP.1/Corr.1",
        title={"en": "Corr."},
    )
    one = count_queries("/api/documents", meeting="BWC/MSP/2018", type="WP", limit=1)
    for n in range(2, 51):
        add(n)
    fifty = count_queries("/api/documents", meeting="BWC/MSP/2018", type="WP", limit=50)
    assert fifty == one
