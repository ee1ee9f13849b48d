"""Report files (/api/reports/{symbol}.{fmt}) and language versions of documents."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Word

from plenary.core.actor import Actor
from plenary.documents.domain import add_language_version
from plenary.documents.models import Document, IssuedFile, LanguageVersion
from plenary.reports.builder import build_report
from plenary.reports.render import render_txt
from tests.helpers import body, tiny_pdf


def get(client, path: str, **params):
    return client.get(path, params, HTTP_HOST="localhost")


def stored(symbol: str, lang: str, fmt: str) -> IssuedFile:
    return IssuedFile.objects.get(document__symbol=symbol, lang=lang, fmt=fmt)


def test_report_as_text_in_chinese_is_the_stored_file(db, client):
    response = get(client, "/api/reports/BWC/MSP/2017/6.txt", lang="zh")
    row = stored("BWC/MSP/2017/6", "zh", "txt")
    content = body(response)
    assert response.status_code == 200
    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["Content-Length"],
        response["ETag"],
        response["Plenary-Status"],
    ) == (
        "text/plain; charset=utf-8",
        'attachment; filename="BWC_MSP_2017_6-ZH.txt"',
        str(row.size),
        f'"{row.sha256}"',
        "issued",
    )
    with row.file.open("rb") as handle:
        assert content == handle.read()
    assert hashlib.sha256(content).hexdigest() == row.sha256
    # Nothing changed since the demo was loaded: the stored text is what the records give.
    assert content.decode("utf-8") == render_txt(build_report("BWC/MSP/2017/6", "zh"))


def test_an_unchanged_issued_file_is_not_sent_again(db, client):
    row = stored("BWC/MSP/2017/6", "en", "pdf")
    response = client.get(
        "/api/reports/BWC/MSP/2017/6.pdf",
        {"lang": "en"},
        HTTP_HOST="localhost",
        HTTP_IF_NONE_MATCH=f'"{row.sha256}"',
    )
    assert (response.status_code, response["ETag"], response.content) == (304, f'"{row.sha256}"', b"")


def test_report_as_pdf_and_docx(db, client):
    pdf = get(client, "/api/reports/BWC/MSP/2017/6.pdf", lang="zh")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-ZH.pdf"'
    content = body(pdf)
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == stored("BWC/MSP/2017/6", "zh", "pdf").sha256
    docx = get(client, "/api/reports/BWC/MSP/2017/6.docx", lang="fr")
    assert docx["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-FR.docx"'
    paragraphs = [p.text for p in Word(io.BytesIO(body(docx))).paragraphs if p.text]
    assert paragraphs[0] == "Distribution générale"


def test_report_by_its_draft_symbol_is_named_by_the_final_one(db, client):
    response = get(client, "/api/reports/BWC/MSP/2017/CRP.2.html", lang="en")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-EN.html"'


@pytest.mark.parametrize(
    "path, params, status, detail",
    [
        (
            "/api/reports/BWC/MSP/2017/6.odt",
            {},
            400,
            "unknown report format 'odt': use one of txt, html, docx, pdf, akn",
        ),
        (
            "/api/reports/BWC/MSP/2017/6.pdf",
            {"lang": "de"},
            400,
            "unknown language 'de': use one of ar, zh, en, fr, ru, es",
        ),
        ("/api/reports/BWC/MSP/2016/6.pdf", {}, 404, "no report is recorded under 'BWC/MSP/2016/6'"),
    ],
)
def test_report_errors(db, client, path, params, status, detail):
    response = get(client, path, **params)
    assert (response.status_code, response.json()) == (status, {"detail": detail})


def test_the_report_version_is_its_stored_pdf(db, client):
    response = get(client, "/api/documents/BWC/MSP/2017/6/versions/ru")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-RU.pdf"'
    row = stored("BWC/MSP/2017/6", "ru", "pdf")
    with row.file.open("rb") as handle:
        assert body(response) == handle.read()
    assert response["ETag"] == f'"{row.sha256}"'


def test_a_version_on_file_is_served_with_the_un_name_and_its_checksum(db, client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    document = Document.objects.get(symbol="BWC/MSP/2017/WP.13/Corr.1")
    add_language_version(
        document,
        lang="es",
        upload=SimpleUploadedFile("wp13-corr1.pdf", tiny_pdf("Corr.1")),
        by=Actor.system("test"),
    )
    row = stored("BWC/MSP/2017/WP.13/Corr.1", "es", "pdf")
    version = LanguageVersion.objects.get(document=document, lang="es")
    # One stored copy: the checksum row names the version's own file.
    assert (row.file.name, row.size, row.sha256) == (
        version.file.name,
        len(tiny_pdf("Corr.1")),
        hashlib.sha256(tiny_pdf("Corr.1")).hexdigest(),
    )
    response = get(client, "/api/documents/BWC/MSP/2017/WP.13/Corr.1/versions/es")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_WP.13_Corr.1-ES.pdf"'
    assert response["ETag"] == f'"{row.sha256}"'
    assert body(response) == tiny_pdf("Corr.1")


def test_a_file_slipped_under_an_issued_document_is_not_served(db, client, settings, tmp_path):
    """A file put on an issued document past the domain (no checksum stored) is refused, and a
    stored file whose bytes changed on disk is refused too: only the issued bytes are served."""
    settings.MEDIA_ROOT = str(tmp_path)
    version = LanguageVersion.objects.get(document__symbol="BWC/MSP/2017/WP.13/Corr.1", lang="es")
    version.file.save("wp13-corr1.pdf", ContentFile(tiny_pdf("Corr.1")), save=True)
    response = get(client, "/api/documents/BWC/MSP/2017/WP.13/Corr.1/versions/es")
    assert (response.status_code, response.json()) == (
        500,
        {
            "detail": "the es version of BWC/MSP/2017/WP.13/Corr.1 is on file without the SHA-256 of its "
            "issue; it is not served"
        },
    )

    document = Document.objects.get(symbol="BWC/MSP/2017/WP.1")
    add_language_version(
        document,
        lang="fr",
        upload=SimpleUploadedFile("wp1.txt", b"the text as issued"),
        by=Actor.system("test"),
    )
    row = stored("BWC/MSP/2017/WP.1", "fr", "txt")
    Path(row.file.path).write_bytes(b"the text as altered")
    response = get(client, "/api/documents/BWC/MSP/2017/WP.1/versions/fr")
    assert (response.status_code, response.json()) == (
        500,
        {
            "detail": "the stored fr txt file of BWC/MSP/2017/WP.1 no longer matches the SHA-256 recorded "
            "when it was issued; it is not served"
        },
    )


@pytest.mark.parametrize(
    "path, status, detail",
    [
        (
            "/api/documents/BWC/MSP/2017/WP.1/versions/fr",
            404,
            "no fr version of BWC/MSP/2017/WP.1 is on file",
        ),
        (
            "/api/documents/BWC/MSP/2017/WP.1/versions/en",
            404,
            "no en version of BWC/MSP/2017/WP.1 is on file",
        ),
        ("/api/documents/BWC/MSP/2017/WP.99/versions/en", 404, "no document BWC/MSP/2017/WP.99"),
        (
            "/api/documents/BWC/MSP/2017/WP.1/versions/de",
            400,
            "unknown language 'de': use one of ar, zh, en, fr, ru, es",
        ),
    ],
)
def test_version_errors(db, client, path, status, detail):
    response = get(client, path)
    assert (response.status_code, response.json()) == (status, {"detail": detail})
