"""Documents in the back office: language versions' files, corrigenda and revisions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.documents import domain as docs
from plenary.documents.models import Document, IssuedFile, LanguageVersion
from plenary.meetings.models import Meeting
from tests.helpers import tiny_pdf

PDF = tiny_pdf()


def pdf(name="x.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create(username="isu")
    grant_role(user, "staff", by=Actor.system("test"))
    client.force_login(user)
    return client


def test_a_corrigendum_and_a_revision_get_the_next_numbers_and_carry_the_sponsors(db):
    wp13 = Document.objects.get(symbol="BWC/MSP/2017/WP.13")
    corr = docs.issue_modifier(wp13, kind="Corr", files={"es": pdf()}, by=Actor.system("isu"))
    assert corr.symbol == "BWC/MSP/2017/WP.13/Corr.2"  # Corr.1 exists in the 2017 record
    assert corr.parent == wp13
    assert [s.state.code for s in corr.sponsorships.order_by("position")] == [
        "CHL",
        "ECU",
        "SLV",
        "ESP",
        "GTM",
        "MEX",
        "DOM",
        "PAN",
        "PRY",
        "PER",
    ]
    assert LanguageVersion.objects.get(document=corr, lang="es").file.name.endswith(
        "BWC_MSP_2017_WP.13_Corr.2-ES.pdf"
    )
    rev = docs.issue_modifier(wp13, kind="Rev", files={"en": pdf()}, by=Actor.system("isu"))
    assert rev.symbol == "BWC/MSP/2017/WP.13/Rev.1"
    assert AuditEntry.objects.filter(action="document.modifier").count() == 2


def test_bad_files_and_bad_kinds_are_refused_and_nothing_is_issued(db):
    wp1 = Document.objects.get(symbol="BWC/MSP/2017/WP.1")
    before = Document.objects.count()
    with pytest.raises(DomainError, match="content is not a .pdf file"):
        docs.issue_modifier(wp1, kind="Corr", files={"en": pdf(data=b"not a pdf")}, by=Actor.system("isu"))
    with pytest.raises(DomainError, match="changed by Corr. or Rev., not 'Add'"):
        docs.issue_modifier(wp1, kind="Add", files={"en": pdf()}, by=Actor.system("isu"))
    with pytest.raises(DomainError, match="needs the file of at least one language version"):
        docs.issue_modifier(wp1, kind="Corr", files={}, by=Actor.system("isu"))
    assert Document.objects.count() == before


def test_a_language_version_is_put_on_file_once(db):
    wp2 = Document.objects.get(symbol="BWC/MSP/2017/WP.2")
    version = docs.add_language_version(wp2, lang="en", upload=pdf("paper.pdf"), by=Actor.system("isu"))
    assert version.file.name.endswith("BWC_MSP_2017_WP.2-EN.pdf")
    with pytest.raises(DomainError, match="already has its en version on file"):
        docs.add_language_version(wp2, lang="en", upload=pdf(), by=Actor.system("isu"))


def test_the_documents_page_issues_a_corrigendum(staff_client):
    wp4 = Document.objects.get(symbol="BWC/MSP/2017/WP.4")
    page = staff_client.get("/office/meetings/BWC/MSP/2017/documents/")
    assert page.status_code == 200 and "BWC/MSP/2017/WP.4" in page.content.decode()
    response = staff_client.post(
        "/office/meetings/BWC/MSP/2017/documents/",
        {"form": "modifier", "document": wp4.pk, "kind": "Corr", "file_en": pdf()},
    )
    assert response.status_code == 302
    assert Document.objects.filter(symbol="BWC/MSP/2017/WP.4/Corr.1", parent=wp4).exists()
    public = staff_client.get("/documents/BWC/MSP/2017/WP.4/Corr.1")
    assert public.status_code == 200
    download = staff_client.get("/api/documents/BWC/MSP/2017/WP.4/Corr.1/versions/en")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_documents_page_is_for_staff_only(client, db):
    assert client.get("/office/meetings/BWC/MSP/2017/documents/")["Location"].startswith("/accounts/sign-in/")
    user = User.objects.create(username="someone")
    client.force_login(user)
    assert client.get("/office/meetings/BWC/MSP/2017/documents/").status_code == 403


def test_the_documents_page_adds_a_later_translation_and_refuses_to_replace_a_file(staff_client):
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    issued = docs.issue_document(
        meeting,
        doc_type="INF",
        title={"en": "Note"},
        original_language="en",
        files={"en": pdf()},
        by=Actor.system("isu"),
    )
    url = "/office/meetings/BWC/MSP/2017/documents/"
    added = staff_client.post(
        url, {"form": "version", "document": issued.pk, "lang": "fr", "kind": "official", "file": pdf()}
    )
    assert added.status_code == 302
    assert IssuedFile.objects.filter(document=issued, lang="fr").count() == 1
    again = staff_client.post(
        url, {"form": "version", "document": issued.pk, "lang": "fr", "kind": "official", "file": pdf()}
    )
    assert again.status_code == 409
    assert (
        "BWC/MSP/2017/INF.2: BWC/MSP/2017/INF.2 already has its fr version on file; a change comes as a corrigendum "
        "or revision"
    ) in again.content.decode()
    empty = staff_client.post(
        url, {"form": "version", "document": issued.pk, "lang": "ru", "kind": "official"}
    )
    assert empty.status_code == 400
    assert "BWC/MSP/2017/INF.2: file: This field is required." in empty.content.decode()
    assert IssuedFile.objects.filter(document=issued).count() == 2
