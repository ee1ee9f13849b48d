"""Everything is found in every language it has text in, and every hit names its meeting and the
meeting's dates: a Working Group session recorded with an English title alone (found in Chinese
and Arabic by its kind's names, bwc.yaml meeting_kinds), its agenda and decisions, a statement, a
report paragraph. On SQLite and on PostgreSQL alike (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.core.actor import Actor
from plenary.meetings.models import Meeting
from plenary.reports.domain import draft_report, write_paragraph
from plenary.search.index import reindex_meeting
from plenary.search.query import search
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DocumentFactory,
    MeetingFactory,
    StatementFactory,
    state,
)

pytestmark = pytest.mark.django_db
STAFF = Actor.system("test")

# Series of this module's own (no real meeting has them), so that no other test's data meets them.
WG = "BWC/WG/96"
MSP = "BWC/MSP/2096"

BIOSAFETY = {
    "ar": "ورحّب الاجتماع بتعزيز مختبرات السلامة البيولوجية.",
    "zh": "会议欢迎加强生物安全实验室。",
    "en": "The Meeting welcomed the strengthening of biosafety laboratories.",
    "fr": "La Réunion s'est félicitée du renforcement des laboratoires de biosécurité.",
    "ru": "Совещание приветствовало укрепление лабораторий биобезопасности.",
    "es": "La Reunión acogió con beneplácito el fortalecimiento de los laboratorios de bioseguridad.",
}


@pytest.fixture
def session(db) -> Meeting:
    """A Working Group session recorded with its English title only, an agenda item and a
    decision in six languages, and a statement of Kazakhstan."""
    wg = MeetingFactory(
        series=WG,
        kind=Meeting.Kind.WG,
        number=96,
        year=2096,
        start=dt.date(2096, 12, 7),
        end=dt.date(2096, 12, 11),
        days=5,
        status="planned",
        title={"en": "Ninety-sixth session of the Working Group on the strengthening of the Convention"},
    )
    AgendaItemFactory(
        meeting=wg,
        number=5,
        title={
            "ar": "آلية التعاون الدولي",
            "zh": "国际合作机制",
            "en": "Mechanism for international cooperation",
            "fr": "Mécanisme de coopération internationale",
            "ru": "Механизм международного сотрудничества",
            "es": "Mecanismo de cooperación internacional",
        },
    )
    DecisionFactory(
        meeting=wg,
        key="verification",
        text={
            "en": "The Working Group took note of the verification proposals.",
            "fr": "Le Groupe de travail a pris note des propositions de vérification.",
        },
    )
    StatementFactory(meeting=wg, position=1, state=state("KAZ"))
    reindex_meeting(WG)
    return wg


@pytest.fixture
def reported(db) -> Meeting:
    """A Meeting of States Parties whose drafted report holds a paragraph written in six languages."""
    msp = MeetingFactory(series=MSP, year=2096, start=dt.date(2096, 12, 14), end=dt.date(2096, 12, 16))
    report = draft_report(msp, by=STAFF)
    write_paragraph(report, section="work", text=BIOSAFETY, by=STAFF)
    reindex_meeting(MSP)
    return msp


def keys(results) -> list[tuple[str, str, str]]:
    return [(h.kind, h.key, h.lang) for h in results.hits]


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("zh", "工作组会议"),  # the kind's name: 工作组会议
        ("zh", "工作组"),
        ("ar", "دورة الفريق العامل"),
        ("ar", "الفريق"),
        ("en", "Working Group session"),
        ("fr", "session du Groupe de travail"),
        ("ru", "сессия Рабочей группы"),
        ("es", "período de sesiones del Grupo de Trabajo"),
    ],
)
def test_a_working_group_session_with_an_english_title_is_found_in_every_language(session, lang, query):
    results = search(query, lang=lang, kind="meeting", meeting=WG)
    assert keys(results) == [("meeting", WG, lang)]
    hit = results.hits[0]
    assert (hit.series, hit.start, hit.end, hit.url) == (
        WG,
        dt.date(2096, 12, 7),
        dt.date(2096, 12, 11),
        f"/meetings/{WG}/",
    )


def test_the_session_shows_its_recorded_title_in_english_and_its_kind_in_chinese(session):
    assert search("strengthening", lang="en", meeting=WG).hits[0].title == (
        "Ninety-sixth session of the Working Group on the strengthening of the Convention"
    )
    assert search("会议", lang="zh", meeting=WG, kind="meeting").hits[0].title == "工作组会议 96，2096"
    assert search("الفريق العامل", lang="ar", meeting=WG).hits[0].title == "دورة الفريق العامل 96، 2096"


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("ar", "آلية التعاون"),
        ("zh", "合作"),
        ("en", "mechanism cooperation"),
        ("fr", "coopération"),
        ("ru", "сотрудничества"),
        ("es", "cooperación"),
    ],
)
def test_an_agenda_item_finds_its_meeting_in_each_language(session, lang, query):
    results = search(query, lang=lang, meeting=WG)
    assert keys(results) == [("meeting", WG, lang)]
    assert "<mark>" in results.hits[0].snippet.split("search-excerpt", 1)[1]  # found in the body


def test_a_decision_finds_its_meeting_in_the_languages_it_has(session):
    assert keys(search("verification", lang="en", meeting=WG)) == [("meeting", WG, "en")]
    assert keys(search("vérification", lang="fr", meeting=WG)) == [("meeting", WG, "fr")]
    assert search("verification", lang="en", meeting=WG, language="ru").total == 0


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("ar", "كازاخستان"),
        ("zh", "哈萨克斯坦"),
        ("en", "Kazakhstan"),
        ("fr", "Kazakhstan"),
        ("ru", "Казахстан"),
        ("es", "Kazajstán"),
    ],
)
def test_a_statement_is_found_by_its_speaker_in_each_language(session, lang, query):
    results = search(query, lang=lang, kind="statement", meeting=WG)
    assert [(h.kind, h.lang, h.series, h.start) for h in results.hits] == [
        ("statement", lang, WG, dt.date(2096, 12, 7))
    ]
    assert results.hits[0].url == f"/meetings/{WG}/#statement-1"


@pytest.mark.parametrize(
    ("lang", "query", "title"),
    [
        ("ar", "السلامة البيولوجية", "BWC/MSP/2096/CRP.1، الفقرة 2"),
        ("zh", "生物安全", "BWC/MSP/2096/CRP.1，第2段"),
        ("en", "biosafety", "BWC/MSP/2096/CRP.1, para. 2"),
        ("fr", "biosécurité", "BWC/MSP/2096/CRP.1, par. 2"),
        ("ru", "биобезопасности", "BWC/MSP/2096/CRP.1, п. 2"),
        ("es", "bioseguridad", "BWC/MSP/2096/CRP.1, párr. 2"),
    ],
)
def test_a_report_paragraph_is_found_in_each_language(reported, lang, query, title):
    results = search(query, lang=lang, kind="paragraph")
    hits = [h for h in results.hits if h.series == MSP]
    assert [(h.title, h.lang, h.start, h.end) for h in hits] == [
        (title, lang, dt.date(2096, 12, 14), dt.date(2096, 12, 16))
    ]
    assert hits[0].url == "/documents/BWC/MSP/2096/CRP.1"
    assert f"<mark>{query.split()[-1]}</mark>" in hits[0].snippet.split("search-excerpt", 1)[1]


def test_a_chinese_two_character_word_finds_the_paragraph_and_the_session(session, reported):
    found = {(h.kind, h.series) for h in search("会议", lang="zh", limit=0).hits}
    assert {("meeting", WG), ("paragraph", MSP), ("meeting", MSP)} <= found


def test_every_hit_on_the_page_shows_its_meeting_and_date(client, session, reported):
    html = client.get("/zh-hans/search/", {"q": "哈萨克斯坦", "meeting": WG}).content.decode()
    meta = re.findall(r'<p class="search-hit-meta">(.*?)</p>', html, re.S)
    assert len(meta) == 1
    assert f'<a class="search-meeting" href="/zh-hans/meetings/{WG}/">{WG}</a>' in meta[0]
    assert '<span class="search-date">' in meta[0]
    html = client.get("/search/", {"q": "biosafety", "meeting": MSP}).content.decode()
    meta = re.findall(r'<p class="search-hit-meta">(.*?)</p>', html, re.S)
    assert len(meta) == 1 and '<span class="search-kind">Report paragraph</span>' in meta[0]
    assert f'<a class="search-meeting" href="/meetings/{MSP}/">{MSP}</a>' in meta[0]
    assert '<span class="search-date">' in meta[0]


def _queries(client, params) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", params)
    assert response.status_code == 200
    count = len(re.findall(r'class="search-hit-link"', response.content.decode()))
    return len(ctx.captured_queries), count


def test_the_search_page_costs_the_same_queries_for_1_and_50_results(client, session):
    params = {"q": "zanzibarian", "meeting": WG}
    DocumentFactory(meeting=session, series=WG, symbol=f"{WG}/WP.1", title={"en": "Zanzibarian paper 1"})
    reindex_meeting(WG)
    one, shown = _queries(client, params)
    assert shown == 1
    for n in range(2, 51):
        DocumentFactory(
            meeting=session, series=WG, symbol=f"{WG}/WP.{n}", title={"en": f"Zanzibarian paper {n}"}
        )
    reindex_meeting(WG)
    fifty, shown = _queries(client, {**params, "page": "1"})
    assert shown == 20  # a page of results, of fifty
    assert fifty == one
    assert _queries(client, {**params, "page": "3"}) == (one, 10)


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("ar", "المؤتمر الاستعراضي التاسع"),
        ("zh", "第九次审议大会"),
        ("en", "Ninth Review Conference"),
        ("fr", "neuvième Conférence d'examen"),
        ("ru", "Девятая Конференция"),
        ("es", "Novena Conferencia de Examen"),
    ],
)
def test_the_ninth_review_conference_is_found_by_its_ordinal_in_each_language(indexed, lang, query):
    hits = search(query, lang=lang, kind="meeting").hits
    assert (hits[0].key, hits[0].lang, hits[0].start) == ("BWC/CONF.IX", lang, dt.date(2022, 11, 28))
