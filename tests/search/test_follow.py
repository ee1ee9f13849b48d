"""The index follows the records: a committed write that changes what is searchable reindexes its
meeting; a write that rolls back, or one that changes nothing searchable, does not."""

from __future__ import annotations

import pytest
from django.db import transaction

from plenary.core.actor import Actor
from plenary.documents.domain import record_document
from plenary.meetings.models import Meeting
from plenary.search import index
from plenary.search.models import SearchEntry

SYSTEM = Actor.system("test")
SYMBOL = "BWC/MSP/2018/WP.77"


@pytest.fixture
def msp2018(db):
    return Meeting.objects.get(series="BWC/MSP/2018")


def _indexed(symbol: str) -> list[str]:
    return sorted(SearchEntry.objects.filter(kind="document", key=symbol).values_list("lang", flat=True))


def test_recording_a_document_indexes_it_on_commit(msp2018, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record_document(
            msp2018, by=SYSTEM, symbol=SYMBOL, title={"en": "Zanzibar biosafety", "fr": "Biosécurité"}
        )
    assert _indexed(SYMBOL) == ["en", "fr"]


def test_a_write_that_rolls_back_tells_nobody(msp2018, django_capture_on_commit_callbacks, monkeypatch):
    calls = []
    monkeypatch.setattr(index, "reindex_meeting", lambda series, **kw: calls.append(series))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            record_document(msp2018, by=SYSTEM, symbol=SYMBOL, title={"en": "Rolled back"})
            raise RuntimeError("the rest of the transaction failed")
    assert (callbacks, calls, _indexed(SYMBOL)) == ([], [], [])
    # The next transaction is told as usual: nothing stale was left behind by the one rolled back.
    with django_capture_on_commit_callbacks(execute=True):
        record_document(msp2018, by=SYSTEM, symbol=SYMBOL, title={"en": "Kept"})
    assert calls == ["BWC/MSP/2018"]


def test_one_reindex_per_meeting_and_transaction(msp2018, django_capture_on_commit_callbacks, monkeypatch):
    calls = []
    monkeypatch.setattr(index, "reindex_meeting", lambda series, **kw: calls.append(series))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for n in (77, 78, 79):
            record_document(msp2018, by=SYSTEM, symbol=f"BWC/MSP/2018/WP.{n}", title={"en": f"Paper {n}"})
    assert calls == ["BWC/MSP/2018"]


def test_a_change_that_is_not_searchable_does_not_reindex(msp2018, monkeypatch):
    calls = []
    monkeypatch.setattr(index, "reindex_meeting", lambda series, **kw: calls.append(series))
    index.follow_change(msp2018.pk, frozenset({"floor.request", "delegation.register"}))
    index.follow_change(msp2018.pk, frozenset({"floor.request", "paper.issue"}))
    assert calls == ["BWC/MSP/2018"]


def test_a_report_paragraph_is_found_once_written(db, django_capture_on_commit_callbacks):
    from plenary.reports.domain import draft_report, write_paragraph
    from plenary.search.query import search
    from tests.factories import MeetingFactory

    msp = MeetingFactory(series="BWC/MSP/2097", year=2097)
    # One block: the test case's transaction keeps the first block's callback listed, so that a
    # second block would look like the same transaction to core.events.
    with django_capture_on_commit_callbacks(execute=True):
        report = draft_report(msp, by=SYSTEM)
        write_paragraph(report, section="work", text={"en": "Quokka laboratories were welcomed."}, by=SYSTEM)
    hits = search("quokka", lang="en").hits
    assert [(h.kind, h.key, h.url, h.series) for h in hits] == [
        ("paragraph", "BWC/MSP/2097/CRP.1#2", "/documents/BWC/MSP/2097/CRP.1", "BWC/MSP/2097")
    ]


def test_a_decision_finds_its_meeting_once_recorded(db, django_capture_on_commit_callbacks):
    import datetime as dt

    from plenary.proceedings.domain import record_decision
    from plenary.search.query import search
    from tests.factories import MeetingFactory

    msp = MeetingFactory(series="BWC/MSP/2098", year=2098)
    with django_capture_on_commit_callbacks(execute=True):
        record_decision(
            msp,
            key="wombats",
            text={"en": "The Meeting decided on wombats."},
            adopted_on=dt.date(2098, 12, 7),
            by=SYSTEM,
        )
    assert [(h.kind, h.key) for h in search("wombats", lang="en").hits] == [("meeting", "BWC/MSP/2098")]


def test_the_list_of_speakers_reindexes_without_building_the_report(msp2018, monkeypatch):
    calls = []
    monkeypatch.setattr(index, "reindex_meeting", lambda series, **kw: calls.append((series, kw)))
    index.follow_change(msp2018.pk, frozenset({"floor.spoken", "statement.record", "floor.request"}))
    index.follow_change(msp2018.pk, frozenset({"statement.record", "report.paragraph.write"}))
    assert calls == [("BWC/MSP/2018", {"paragraphs": False}), ("BWC/MSP/2018", {"paragraphs": True})]
