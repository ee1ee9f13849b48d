"""The back office's upload fields (issuing a document, a later language version, a corrigendum
or revision) say their limit in MB beside each field, and a file over it is refused with a
message: no 500, nothing issued, nothing stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.core.actor import Actor
from plenary.documents import domain as docs
from plenary.documents.models import Document, IssuedFile
from plenary.meetings.models import Meeting
from tests.backoffice.test_issue_document import URL, client_of, form
from tests.factories import MeetingFactory
from tests.helpers import tiny_pdf

MB = 1024 * 1024
PDF = tiny_pdf()
NOTE = '<small class="upload-limit muted">At most 20 MB</small>'


@pytest.fixture(autouse=True)
def stores(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PENDING_UPLOADS_DIR = tmp_path / "pending"
    return tmp_path


def pdf(size: int = len(PDF), name: str = "x.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + b"%" * (size - len(PDF)), content_type="application/pdf")


def files_under(root) -> list[Path]:
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def limits_beside(html: str) -> dict[str, str]:
    """file input name -> the note that follows it."""
    return dict(
        re.findall(
            r'<input type="file" name="([a-z_-]+)"[^>]*> <small class="upload-limit muted">([^<]*)</small>',
            html,
        )
    )


def test_every_file_field_of_the_issue_form_says_the_limit(people, db):
    MeetingFactory(series="BWC/MSP/2026")
    html = client_of(people, "staff").get(URL).content.decode()
    assert limits_beside(html) == {
        f"file_{code}": "At most 20 MB" for code in ("ar", "zh", "en", "fr", "ru", "es")
    }


def test_a_file_over_the_limit_issues_nothing(people, settings, stores):
    settings.UPLOAD_MAX_BYTES = 2 * MB
    meeting = MeetingFactory(series="BWC/MSP/2026")
    response = client_of(people, "staff").post(URL, form(file_en=pdf(), file_zh=pdf(2 * MB + 1, "zh.pdf")))
    assert response.status_code == 400
    html = response.content.decode()
    assert "This file is 2.1 MB; at most 2 MB can be sent. Nothing was stored." in html
    assert list(Document.objects.filter(meeting=meeting)) == []
    assert files_under(settings.MEDIA_ROOT) == []
    # The English file, within the limit, is kept for the next attempt; the big one is not.
    assert [p.name for p in files_under(stores / "pending")] != []
    assert all(p.stat().st_size < 2 * MB for p in files_under(stores / "pending"))


def test_the_documents_page_says_the_limit_and_refuses_a_big_version(people, settings):
    settings.UPLOAD_MAX_BYTES = MB
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    issued = docs.issue_document(
        meeting,
        doc_type="INF",
        title={"en": "Note"},
        original_language="en",
        files={"en": pdf()},
        by=Actor.system("isu"),
    )
    client = client_of(people, "staff")
    url = "/office/meetings/BWC/MSP/2017/documents/"
    html = client.get(url).content.decode()
    assert html.count(' <small class="upload-limit muted">At most 1 MB</small>') >= 2
    before = files_under(settings.MEDIA_ROOT)
    response = client.post(
        url,
        {
            "form": "version",
            "document": issued.pk,
            "lang": "fr",
            "kind": "official",
            "file": pdf(3 * MB // 2),
        },
    )
    assert response.status_code == 400
    assert "This file is 1.5 MB; at most 1 MB can be sent. Nothing was stored." in response.content.decode()
    assert IssuedFile.objects.filter(document=issued, lang="fr").count() == 0
    assert files_under(settings.MEDIA_ROOT) == before


def test_the_report_page_says_the_limit_beside_the_corrigendum_files(people):
    html = client_of(people, "staff").get("/office/meetings/BWC/MSP/2017/report/").content.decode()
    assert set(limits_beside(html)) == {
        f"modifier-file_{code}" for code in ("ar", "zh", "en", "fr", "ru", "es")
    }
    assert set(limits_beside(html).values()) == {"At most 20 MB"}
    assert NOTE in html
