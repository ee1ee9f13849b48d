"""The public pages, as an anonymous visitor reads them, in the six languages."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.core.actor import Actor
from plenary.documents.domain import record_document
from plenary.meetings.models import Meeting
from plenary.participation.domain import register_delegation
from plenary.treaties.models import State

LANG_PREFIXES = ["/ar", "/zh-hans", "", "/fr", "/ru", "/es"]


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("prefix", LANG_PREFIXES)
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/meetings/",
        "/meetings/BWC/MSP/2017/",
        "/documents/BWC/MSP/2017/WP.13/Corr.1",
        "/states/",
        "/states/SWZ/",
        "/status/?on=2017-12-08",
        "/programme/",
    ],
)
def test_every_page_answers_in_every_language(client, db, prefix, path):
    response = client.get(prefix + path)
    assert response.status_code == 200
    html = response.content.decode()
    expected_lang = {"/ar": "ar", "/zh-hans": "zh-Hans", "": "en", "/fr": "fr", "/ru": "ru", "/es": "es"}[
        prefix
    ]
    assert f'<html lang="{expected_lang}" dir="{"rtl" if prefix == "/ar" else "ltr"}">' in html


def test_the_language_switcher_keeps_the_page(client, db):
    html = client.get("/meetings/BWC/MSP/2017/").content.decode()
    links = dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang', html))
    assert {lang: url for url, lang in links.items()} == {
        "ar": "/ar/meetings/BWC/MSP/2017/",
        "zh-hans": "/zh-hans/meetings/BWC/MSP/2017/",
        "en": "/en/meetings/BWC/MSP/2017/",
        "fr": "/fr/meetings/BWC/MSP/2017/",
        "ru": "/ru/meetings/BWC/MSP/2017/",
        "es": "/es/meetings/BWC/MSP/2017/",
    }


def test_meeting_page_shows_the_records(client, db):
    text = text_of(client.get("/meetings/BWC/MSP/2017/"))
    assert "Amandeep Singh Gill" in text
    counts = dict(
        re.findall(r'data-category="(\w+)">(\d+)<', client.get("/meetings/BWC/MSP/2017/").content.decode())
    )
    assert counts == {
        "state_party": "116",
        "signatory": "2",
        "observer_state": "2",
        "un": "4",
        "io": "9",
        "ngo": "36",
    }
    assert "BWC/MSP/2017/WP.13" in text
    html = client.get("/zh-hans/meetings/BWC/MSP/2017/").content.decode()
    assert "自愿访问：改善《生物及毒素武器公约》框架下合作的途径" in html
    assert 'href="/api/documents/BWC/MSP/2017/6/versions/zh"' in html


def test_content_falls_back_visibly(client, db):
    # An agenda item on record in English only (the 2017 record has its texts in six languages).
    from plenary.meetings.agenda import save_agenda_item
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(series="BWC/MSP/2086")
    save_agenda_item(meeting, 1, {"en": "Opening of the meeting"}, by=Actor.system("test"))
    html = client.get("/fr/meetings/BWC/MSP/2086/").content.decode()
    assert 'class="fallback"' in html
    assert '<small class="fallback-mark">(en)</small>' in html


def test_document_page_by_symbol_and_its_family(client, db):
    response = client.get("/documents/BWC/MSP/2017/WP.13/Corr.1")
    text = text_of(response)
    assert "Part of BWC/MSP/2017/WP.13" in text
    assert "Voluntary visits" in text
    assert (
        client.get("/documents/bwc/msp/2017/wp.13/corr.1")["Location"]
        == "/documents/BWC/MSP/2017/WP.13/Corr.1"
    )
    bad = client.get("/documents/BWC/MSP/2017/WP.x")
    assert bad.status_code == 400
    assert "document number must be a whole number" in text_of(bad)
    assert client.get("/documents/BWC/MSP/2017/WP.99").status_code == 404


def test_state_page_shows_names_over_time_and_status(client, db):
    text = text_of(client.get("/states/SWZ/"))
    assert "Swaziland" in text and "Eswatini" in text
    assert "BWC/MSP/2017" in text  # attended, spoke
    assert client.get("/states/swz/")["Location"] == "/states/SWZ/"
    assert client.get("/states/XYZ/").status_code == 404


def test_status_page_on_a_date(client, db):
    html = client.get("/status/?on=2017-12-08").content.decode()
    counts = re.findall(r'id="count-(\w+)">(\d+)<', html)
    assert counts == [("parties", "179"), ("signatories", "6"), ("neither", "12")]
    assert "<svg" in html and "States Parties, 1975-" in html
    warned = client.get("/status/?on=2017-13-45").content.decode()
    assert "is not a date (YYYY-MM-DD)" in warned


def test_programme_page_has_the_rotation_and_the_calendar(client, db):
    html = client.get("/programme/").content.decode()
    rows = re.findall(r"<tr><td>(\d{4})</td>(.*?)</tr>", html)
    assert [(y, re.findall(r"<td>(\w+)</td>", cells)) for y, cells in rows] == [
        ("2018", ["EEG", "NAM", "NAM", "WG", "WG", "EEG"]),
        ("2019", ["WG", "EEG", "EEG", "NAM", "NAM", "WG"]),
        ("2020", ["NAM", "WG", "WG", "EEG", "EEG", "NAM"]),
    ]
    assert "Otakar Gorgol" in html


def test_unknown_pages_are_404_with_the_site_around(client, db):
    response = client.get("/meetings/BWC/MSP/1999/")
    assert response.status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_meeting_page_costs_the_same_queries_for_1_and_50_more_documents_and_delegations(client, db):
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    one = State.objects.get(code="FRA")
    register_delegation(meeting, state=one, by=Actor.system("test"))
    record_document(
        meeting,
        symbol="BWC/MSP/2018/WP.1",
        title={"en": "Paper 1"},
        submitters=[one],
        by=Actor.system("test"),
    )
    few = _queries(client, "/meetings/BWC/MSP/2018/")
    parties = list(
        State.objects.filter(treaty_events__kind__in=["ratification", "accession"]).exclude(code="FRA")[:50]
    )
    for i, state in enumerate(parties):
        register_delegation(meeting, state=state, by=Actor.system("test"))
        record_document(
            meeting,
            symbol=f"BWC/MSP/2018/WP.{i + 2}",
            title={"en": f"Paper {i + 2}"},
            submitters=[state],
            versions=[{"lang": "en"}],
            by=Actor.system("test"),
        )
    assert _queries(client, "/meetings/BWC/MSP/2018/") == few


@pytest.mark.parametrize("url", ["/meetings/", "/states/", "/programme/", "/status/?on=2017-12-08"])
def test_list_pages_cost_a_fixed_number_of_queries(client, db, url):
    before = _queries(client, url)
    from plenary.meetings.domain import save_meeting
    from plenary.treaties.models import Treaty

    bwc = Treaty.objects.get(code="BWC")
    import datetime as dt

    for i in range(50):
        save_meeting(
            bwc,
            f"BWC/MSP/2030/MX.{i + 6}",
            by=Actor.system("test"),
            kind="MX",
            number=i + 6,
            year=2030,
            start=dt.date(2030, 8, 1),
            end=dt.date(2030, 8, 1),
        )
    assert _queries(client, url) == before


def test_status_page_names_treaty_events_in_the_readers_language(client, db):
    html = client.get("/ar/status/?on=2017-12-08").content.decode()
    assert "توقيع 10 نيسان/أبريل 1972" in html
    assert "signature 1972" not in html


def test_speakers_on_behalf_of_others_are_shown_once(client, db):
    text = text_of(client.get("/meetings/BWC/MSP/2017/"))
    assert "Georgia (on behalf of Georgia, Germany)" in text
    assert "on behalf of on behalf of" not in text
