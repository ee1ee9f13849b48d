"""Building the index: one row per object and language, tokens in the full-text indexed column."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.proceedings.models import Statement
from plenary.reports.models import Report
from plenary.search.index import entry_tokens, rebuild_index, reindex_meeting, split_tokens
from plenary.search.models import SearchEntry
from plenary.treaties.models import State


def _objects(kind: str) -> int:
    return SearchEntry.objects.filter(kind=kind).values("key").distinct().count()


def test_every_object_is_indexed(indexed):
    # The 2017 record's 36 and the 38 known by symbol (documents/data/bwc_documents.yaml).
    assert _objects("document") == Document.objects.count() == 36 + 38
    assert _objects("meeting") == Meeting.objects.count()
    # Every meeting in all six languages; every report in paragraphs.
    assert SearchEntry.objects.filter(kind="meeting").count() == 6 * Meeting.objects.count()
    assert set(SearchEntry.objects.filter(kind="paragraph").values_list("series", flat=True)) == set(
        Report.objects.values_list("meeting__series", flat=True)
    )
    assert _objects("statement") == Statement.objects.count()
    assert _objects("state") == State.objects.count() == 197
    assert SearchEntry.objects.count() == indexed["entries"]


def test_a_document_has_one_row_per_title_language(indexed):
    rows = SearchEntry.objects.filter(kind="document", key="BWC/MSP/2017/WP.14").order_by("lang")
    assert [r.lang for r in rows] == ["ar", "en", "es", "fr", "ru", "zh"]
    en = rows.get(lang="en")
    assert (en.title, en.body, en.series, en.year, en.doc_type, en.submitters, en.url) == (
        "Step-by-step engagement in confidence-building measures",
        "Australia, Canada, Germany, Japan, Malaysia, Republic of Korea, Switzerland",
        "BWC/MSP/2017",
        2017,
        "WP",
        " AUS CAN DEU JPN MYS KOR CHE ",
        "/documents/BWC/MSP/2017/WP.14",
    )
    assert en.tokens == (
        " bwc msp 2017 wp 14 bwc/msp/2017/wp.14 wp.14 bwc/msp/2017"
        " | step by engagement in confidence building measures"
        " | australia canada germany japan malaysia republic of korea switzerland bwc/msp"
        " | kind=document lang=en series=bwc/msp/2017 year=2017 type=wp"
        " by=aus by=can by=deu by=jpn by=mys by=kor by=che "
    )
    zh = rows.get(lang="zh")
    assert (zh.title, zh.body) == (
        "一步步参与建立信任措施",
        "澳大利亚、加拿大、德国、日本、马来西亚、大韩民国、瑞士",
    )


def test_a_state_row_holds_its_names_of_every_period(indexed):
    row = SearchEntry.objects.get(kind="state", key="SWZ", lang="en")
    assert (row.title, row.body, row.tokens, row.url) == (
        "Eswatini",
        "Swaziland",
        " swz | eswatini | swaziland | kind=state lang=en ",
        "/states/SWZ/",
    )


def test_a_meeting_without_a_recorded_title_gets_one(indexed):
    # Indexed in each language its topic is recorded in (the six, from BWC/MSP/2017/6 para. 19 (e)).
    rows = SearchEntry.objects.filter(kind="meeting", key="BWC/MSP/2018/MX.1")
    assert sorted(r.lang for r in rows) == ["ar", "en", "es", "fr", "ru", "zh"]
    row = rows.get(lang="en")
    assert (row.lang, row.title, row.series, row.year, row.url) == (
        "en",
        "Meeting of Experts 1, 2018",
        "BWC/MSP/2018/MX.1",
        2018,
        "/meetings/BWC/MSP/2018/MX.1/",
    )


def test_entry_tokens_are_distinct_and_blank_delimited_in_four_sections():
    assert entry_tokens("WP.1", "Report report", "report of the Report", "会议 会议") == (
        " wp 1 wp.1 | report | of the 会议 会 议 |  "
    )
    assert entry_tokens("", "") == "  |  |  |  "
    assert entry_tokens("", "缔约国会议", filters=["kind=document", "year=2017"]) == (
        "  | 缔约 缔 约 约国 国 国会 会 会议 议 |  | kind=document year=2017 "
    )
    assert split_tokens(" wp 1 wp.1 | report | of the | kind=document ") == (
        {"wp", "1", "wp.1"},
        {"report"},
        {"of", "the"},
    )


def test_each_language_of_an_object_shares_its_identity_and_place(indexed):
    rows = SearchEntry.objects.filter(kind="document", key="BWC/MSP/2017/WP.13")
    assert len({(r.obj, r.sort_key) for r in rows}) == 1 and rows.count() == 6
    assert rows[0].sort_key == "1 bwc/msp/0000002017/wp.0000000013"
    assert rows[0].obj != SearchEntry.objects.filter(key="BWC/MSP/2017/WP.14").first().obj


def _snapshot() -> set[tuple]:
    return set(
        SearchEntry.objects.values_list("kind", "key", "lang", "title", "body", "tokens", "submitters")
    )


@pytest.mark.django_db
def test_rebuild_and_reindex_meeting_are_safe_to_run_twice(indexed):
    before = _snapshot()
    assert rebuild_index() == indexed["entries"]
    assert _snapshot() == before
    in_2017 = SearchEntry.objects.filter(series="BWC/MSP/2017").count()
    assert reindex_meeting("BWC/MSP/2017") == in_2017
    assert _snapshot() == before
    assert reindex_meeting("BWC/MSP/1999") == 0


@pytest.mark.django_db
def test_the_reindex_command_reports_progress(indexed):
    out = StringIO()
    call_command("reindex", stdout=out)
    lines = [line.split("] ", 1)[-1] for line in out.getvalue().splitlines()]
    counts = {
        kind: SearchEntry.objects.filter(kind=kind).count()
        for kind in ("state", "meeting", "document", "statement", "paragraph")
    }
    assert lines[:5] == [
        f"indexed States: {counts['state']} entries",
        f"indexed meetings: {counts['meeting']} entries",
        f"indexed documents: {counts['document']} entries",
        f"indexed statements: {counts['statement']} entries",
        f"indexed report paragraphs: {counts['paragraph']} entries",
    ]
    assert lines[5].startswith(f"search index: {indexed['entries']} entries in ")
    out = StringIO()
    call_command("reindex", "--meeting", "BWC/MSP/2017", stdout=out)
    assert (
        f"indexed BWC/MSP/2017: {SearchEntry.objects.filter(series='BWC/MSP/2017').count()} entries"
        in out.getvalue()
    )
