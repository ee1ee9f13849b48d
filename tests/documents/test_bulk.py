"""documents.domain.record_documents_bulk and numbering.next_document_symbols: the rules of
record_document for many documents at once, all or nothing, one audit entry per batch."""

from __future__ import annotations

import pytest
from django.db import transaction

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.models import AuditEntry
from plenary.documents import numbering
from plenary.documents.domain import MAX_BULK, record_documents_bulk
from plenary.documents.models import Document, LanguageVersion, Sponsorship
from plenary.meetings.models import Meeting
from plenary.treaties.models import State

SYSTEM = Actor.system("test")
TITLE = {"en": "Bulk paper", "fr": "Document en bloc"}


@pytest.fixture
def meeting(db):
    return Meeting.objects.get(series="BWC/MSP/2018")


def test_next_document_symbols_hands_out_the_next_free_numbers_in_order(meeting):
    highest = max(
        (d.number for d in Document.objects.filter(series=meeting.series, doc_type="WP", parent=None)),
        default=0,
    )
    with transaction.atomic():
        symbols = numbering.next_document_symbols(meeting, "WP", 3)
    assert symbols == [f"BWC/MSP/2018/WP.{highest + i}" for i in (1, 2, 3)]
    with transaction.atomic():
        assert numbering.next_document_symbols(meeting, "", 0) == []
    with transaction.atomic(), pytest.raises(DomainError, match="'XX' is not a document type"):
        numbering.next_document_symbols(meeting, "XX", 1)


def test_bulk_records_documents_versions_sponsors_and_one_audit_entry(meeting):
    fra, deu = State.objects.get(code="FRA"), State.objects.get(code="DEU")
    entries = [
        {
            "symbol": "bwc/msp/2018/wp.901",
            "title": TITLE,
            "versions": [{"lang": "en"}, {"lang": "fr"}],
            "submitters": [fra],
            "co_sponsors": [deu],
        },
        {"symbol": "BWC/MSP/2018/WP.901/Corr.1", "title": TITLE, "versions": [{"lang": "en"}]},
        {"symbol": "BWC/MSP/2018/INF.901", "title": TITLE, "secretariat": True},
    ]
    audits = AuditEntry.objects.count()
    assert record_documents_bulk(meeting, entries, by=SYSTEM) == 3
    paper = Document.objects.get(symbol="BWC/MSP/2018/WP.901")
    corr = Document.objects.get(symbol="BWC/MSP/2018/WP.901/Corr.1")
    assert (paper.doc_type, paper.number, paper.meeting, paper.title) == ("WP", 901, meeting, TITLE)
    assert corr.parent == paper
    assert sorted(LanguageVersion.objects.filter(document=paper).values_list("lang", flat=True)) == [
        "en",
        "fr",
    ]
    assert [(s.role, s.state.code) for s in Sponsorship.objects.filter(document=paper).order_by("role")] == [
        ("co_sponsor", "DEU"),
        ("submitter", "FRA"),
    ]
    assert Sponsorship.objects.get(document__symbol="BWC/MSP/2018/INF.901").secretariat is True
    assert AuditEntry.objects.count() == audits + 1
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.object_id, entry.actor) == (
        "document.record_bulk",
        str(meeting.pk),
        "system:test",
    )
    assert entry.after == {
        "count": 3,
        "symbols": ["BWC/MSP/2018/WP.901", "BWC/MSP/2018/WP.901/Corr.1", "BWC/MSP/2018/INF.901"],
    }


@pytest.mark.parametrize(
    "entries, error, message",
    [
        (
            [{"symbol": "BWC/MSP/2018/WP.902", "title": TITLE}] * 2,
            DomainError,
            "BWC/MSP/2018/WP.902 is given twice",
        ),
        ([{"symbol": "BWC/MSP/2017/WP.902", "title": TITLE}], DomainError, "not a symbol of BWC/MSP/2018"),
        (
            [{"symbol": "BWC/MSP/2018/WP.902/Corr.1", "title": TITLE}],
            DomainError,
            "its parent is not recorded",
        ),
        ([{"symbol": "BWC//2018", "title": TITLE}], DomainError, "'BWC//2018'"),
        ([{"symbol": "BWC/MSP/2018/WP.902", "title": {"xx": "?"}}], DomainError, "'xx' is not one of the UN"),
        (
            [{"symbol": "BWC/MSP/2018/WP.902", "title": TITLE, "versions": [{"lang": "en"}, {"lang": "en"}]}],
            DomainError,
            "the en version is listed twice",
        ),
        (
            [{"symbol": "BWC/MSP/2018/WP.902", "title": TITLE, "status": "lost"}],
            DomainError,
            "status must be",
        ),
        ([{"symbol": "BWC/MSP/2018/WP.902", "title": TITLE, "author": "me"}], DomainError, "unknown field"),
        (
            [{"symbol": "BWC/MSP/2018/WP.9999999999", "title": TITLE}],
            DomainError,
            "a document number is at most",
        ),
    ],
)
def test_bulk_refuses_bad_entries_and_writes_nothing(meeting, entries, error, message):
    documents, audits = Document.objects.count(), AuditEntry.objects.count()
    with pytest.raises(error, match=message):
        record_documents_bulk(meeting, entries, by=SYSTEM)
    assert (Document.objects.count(), AuditEntry.objects.count()) == (documents, audits)


def test_bulk_refuses_a_symbol_on_record_and_writes_none_of_the_batch(meeting):
    taken = Document.objects.filter(meeting=meeting).first()
    if taken is None:
        record_documents_bulk(meeting, [{"symbol": "BWC/MSP/2018/WP.903", "title": TITLE}], by=SYSTEM)
        taken = Document.objects.get(symbol="BWC/MSP/2018/WP.903")
    with pytest.raises(Frozen, match=f"{taken.symbol} is already recorded"):
        record_documents_bulk(
            meeting,
            [{"symbol": "BWC/MSP/2018/WP.904", "title": TITLE}, {"symbol": taken.symbol, "title": TITLE}],
            by=SYSTEM,
        )
    assert not Document.objects.filter(symbol="BWC/MSP/2018/WP.904").exists()


def test_bulk_is_for_staff_and_has_a_size_limit(meeting, people):
    with pytest.raises(NotAllowed):
        record_documents_bulk(
            meeting, [{"symbol": "BWC/MSP/2018/WP.905", "title": TITLE}], by=people.actor("fra_fp")
        )
    with pytest.raises(DomainError, match=f"at most {MAX_BULK} documents"):
        record_documents_bulk(meeting, [{"symbol": "x", "title": TITLE}] * (MAX_BULK + 1), by=SYSTEM)
    assert not Document.objects.filter(symbol="BWC/MSP/2018/WP.905").exists()
