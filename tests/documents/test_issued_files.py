"""Issued files: every issued byte is stored once, with its SHA-256 and size, and never replaced."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from plenary.core.actor import Actor
from plenary.core.errors import Frozen
from plenary.documents import domain as docs
from plenary.documents.models import Document, IssuedFile
from tests.helpers import tiny_pdf

ISU = Actor.system("isu")
PDF = tiny_pdf("the text as issued")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def upload(name: str = "paper.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_a_language_version_of_an_issued_document_is_stored_with_its_checksum(db):
    wp2 = Document.objects.get(symbol="BWC/MSP/2017/WP.2")
    version = docs.add_language_version(wp2, lang="ru", upload=upload(), by=ISU)
    row = IssuedFile.objects.get(document=wp2)
    assert (row.lang, row.fmt, row.file.name, row.size, row.sha256) == (
        "ru",
        "pdf",
        version.file.name,
        len(PDF),
        hashlib.sha256(PDF).hexdigest(),
    )
    with pytest.raises(Frozen) as info:
        docs.add_language_version(wp2, lang="ru", upload=upload(data=tiny_pdf("other")), by=ISU)
    assert str(info.value) == (
        "BWC/MSP/2017/WP.2 already has its ru version on file; a change comes as a corrigendum or revision"
    )
    assert list(IssuedFile.objects.filter(document=wp2).values_list("sha256", flat=True)) == [row.sha256]
    with row.file.open("rb") as handle:
        assert handle.read() == PDF


def test_a_language_version_under_rendered_files_is_refused(db):
    """The issued report's languages are held by its rendered files: an upload cannot slip under."""
    report = Document.objects.get(symbol="BWC/MSP/2017/6")
    with pytest.raises(Frozen, match="^BWC/MSP/2017/6 already has its zh version on file"):
        docs.add_language_version(report, lang="zh", upload=upload(), by=ISU)
    assert IssuedFile.objects.filter(document=report, lang="zh").count() == 5  # txt html docx pdf akn


def test_a_draft_documents_file_has_no_issued_row(db):
    draft = docs.record_document(
        None, by=ISU, symbol="BWC/MSP/2017/CRP.9", title={"en": "A draft"}, status=Document.Status.DRAFT
    )
    docs.add_language_version(draft, lang="en", upload=upload(), by=ISU)
    assert not IssuedFile.objects.filter(document=draft).exists()


def test_a_corrigendum_stores_each_file_with_its_checksum(db):
    wp4 = Document.objects.get(symbol="BWC/MSP/2017/WP.4")
    corr = docs.issue_modifier(
        wp4, kind="Corr", files={"en": upload(), "fr": upload("c.txt", b"texte")}, by=ISU
    )
    assert sorted((f.lang, f.fmt, f.size, f.sha256) for f in IssuedFile.objects.filter(document=corr)) == [
        ("en", "pdf", len(PDF), hashlib.sha256(PDF).hexdigest()),
        ("fr", "txt", 5, hashlib.sha256(b"texte").hexdigest()),
    ]


def test_an_issued_file_is_stored_once(db):
    wp1 = Document.objects.get(symbol="BWC/MSP/2017/WP.1")
    with docs.atomic_files():
        row = docs.store_issued_file(wp1, lang="en", fmt="txt", data=b"one")
    assert row.file.name == "issued/BWC_MSP_2017_WP.1-EN.txt"
    with pytest.raises(Frozen) as info, docs.atomic_files():
        docs.store_issued_file(wp1, lang="en", fmt="txt", data=b"two")
    assert str(info.value) == (
        "BWC/MSP/2017/WP.1 is issued and its en txt file is stored: an issued document does not change; "
        "a change comes as a corrigendum or revision"
    )
    with row.file.open("rb") as handle:
        assert handle.read() == b"one"


def test_a_rolled_back_issue_takes_its_files_with_it(db, tmp_path):
    wp1 = Document.objects.get(symbol="BWC/MSP/2017/WP.1")
    with docs.atomic_files():
        docs.store_issued_file(wp1, lang="fr", fmt="txt", data=b"rolled back")
        transaction.set_rollback(True)
    assert not IssuedFile.objects.filter(document=wp1).exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_document_with_issued_files_cannot_be_deleted(db):
    from django.db.models import ProtectedError

    wp1 = Document.objects.get(symbol="BWC/MSP/2017/WP.1")
    docs.add_language_version(wp1, lang="fr", upload=upload(), by=ISU)
    with pytest.raises(ProtectedError) as info, transaction.atomic():
        wp1.delete()
    assert [type(o).__name__ for o in info.value.protected_objects] == ["IssuedFile"]
    assert IssuedFile.objects.filter(document=wp1).count() == 1
