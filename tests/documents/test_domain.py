"""Changing and removing documents through the domain: an issued document changes only by Corr.
or Rev."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen
from plenary.core.models import AuditEntry
from plenary.documents import domain as docs
from plenary.documents.models import Document
from plenary.meetings.models import AgendaItem, Meeting
from plenary.treaties.models import State
from tests.helpers import tiny_pdf

ISU = Actor.system("isu")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def wp9(db):
    return Document.objects.get(symbol="BWC/MSP/2017/WP.9")


def test_an_issued_document_keeps_its_title_sponsors_versions_and_status(wp9):
    jpn = State.objects.get(code="JPN")
    entries = AuditEntry.objects.count()
    with pytest.raises(Frozen) as info:
        docs.update_document(wp9, by=ISU, title={"en": "Something else"}, co_sponsors=[jpn])
    assert str(info.value) == (
        "BWC/MSP/2017/WP.9 is issued: its title, co-sponsors cannot change (a correction comes as a Corr. or Rev.)"
    )
    with pytest.raises(Frozen, match="^BWC/MSP/2017/WP.9 is issued: its language versions cannot change"):
        docs.update_document(wp9, by=ISU, versions=[{"lang": "en"}, {"lang": "fr"}])
    with pytest.raises(Frozen, match="^BWC/MSP/2017/WP.9 is issued: it cannot go back to draft$"):
        docs.update_document(wp9, by=ISU, status="draft")
    wp9.refresh_from_db()
    assert wp9.title["en"].startswith("The mantra of confidence building")
    assert [s.state.code for s in wp9.sponsorships.filter(role="co_sponsor").order_by("position")] == [
        "JPN",
        "USA",
    ]
    assert AuditEntry.objects.count() == entries


def test_the_same_values_change_nothing_and_the_agenda_item_may_change(wp9):
    entries = AuditEntry.objects.count()
    assert docs.update_document(wp9, by=ISU, title=dict(wp9.title), status="issued") is False
    assert AuditEntry.objects.count() == entries
    item = AgendaItem.objects.get(meeting=wp9.meeting, number=7)
    assert docs.update_document(wp9, by=ISU, agenda_item=item) is True
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.before, entry.after) == (
        "document.update",
        {"symbol": "BWC/MSP/2017/WP.9", "agenda_item": None},
        {"symbol": "BWC/MSP/2017/WP.9", "agenda_item": 7},
    )


def test_a_draft_changes_and_keeps_a_version_whose_file_is_on_record(db):
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    draft = docs.record_document(
        meeting,
        by=ISU,
        symbol="BWC/MSP/2017/CRP.9",
        title={"en": "Draft"},
        versions=[{"lang": "en"}],
        status="draft",
    )
    pdf = SimpleUploadedFile("x.pdf", tiny_pdf(), content_type="application/pdf")
    docs.add_language_version(draft, lang="en", upload=pdf, by=ISU)
    assert docs.update_document(
        draft, by=ISU, title={"en": "Draft, revised"}, versions=[{"lang": "en"}, {"lang": "fr"}]
    )
    assert sorted(draft.versions.values_list("lang", flat=True)) == ["en", "fr"]
    with pytest.raises(
        DomainError, match="^BWC/MSP/2017/CRP.9: its en version has its file on record and stays$"
    ):
        docs.update_document(draft, by=ISU, versions=[{"lang": "fr"}])
    with pytest.raises(
        DomainError, match="^BWC/MSP/2017/CRP.9 stays: a language version's file is on record$"
    ):
        docs.remove_document(draft, by=ISU)


def test_removing_documents(wp9, db):
    with pytest.raises(Frozen, match="^BWC/MSP/2017/WP.9 is issued and stays in the record"):
        docs.remove_document(wp9, by=ISU)
    meeting = wp9.meeting
    draft = docs.record_document(
        meeting, by=ISU, symbol="BWC/MSP/2017/CRP.9", title={"en": "x"}, status="draft"
    )
    docs.record_document(
        meeting, by=ISU, symbol="BWC/MSP/2017/CRP.9/Add.1", title={"en": "x"}, status="draft"
    )
    with pytest.raises(DomainError, match="^BWC/MSP/2017/CRP.9 stays: BWC/MSP/2017/CRP.9/Add.1 refer"):
        docs.remove_document(draft, by=ISU)


def test_a_symbol_too_long_a_number_too_large_and_a_version_twice_are_refused(db):
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    for symbol, message in (
        ("BWC/" + "ABC/" * 30 + "1", "a symbol has at most 100 characters"),
        (
            "BWC/MSP/2017/WP.99999999999",
            "BWC/MSP/2017/WP.99999999999: a document number is at most 2,147,483,647",
        ),
    ):
        with pytest.raises(DomainError, match=message):
            docs.record_document(meeting, by=ISU, symbol=symbol, title={"en": "x"})
    with pytest.raises(DomainError, match=r"^BWC/MSP/2017/WP.90: the en version is listed twice$"):
        docs.record_document(
            meeting,
            by=ISU,
            symbol="BWC/MSP/2017/WP.90",
            title={"en": "x"},
            versions=[{"lang": "en"}, {"lang": "en"}],
        )
