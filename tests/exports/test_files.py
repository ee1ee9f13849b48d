"""Report files (/api/reports/{symbol}.{fmt}) and language versions of documents."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from docx import Document as Word

from plenary.documents.models import LanguageVersion
from plenary.reports.builder import build_report
from plenary.reports.render import render_txt


def get(client, path: str, **params):
    return client.get(path, params, HTTP_HOST="localhost")


def test_report_as_text_in_chinese(db, client):
    response = get(client, "/api/reports/BWC/MSP/2017/6.txt", lang="zh")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-ZH.txt"'
    assert response.content.decode("utf-8") == render_txt(build_report("BWC/MSP/2017/6", "zh"))


def test_report_as_pdf_and_docx(db, client):
    pdf = get(client, "/api/reports/BWC/MSP/2017/6.pdf", lang="zh")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-ZH.pdf"'
    assert pdf.content.startswith(b"%PDF-")
    docx = get(client, "/api/reports/BWC/MSP/2017/6.docx", lang="fr")
    assert docx["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-FR.docx"'
    paragraphs = [p.text for p in Word(io.BytesIO(docx.content)).paragraphs if p.text]
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
            "unknown report format 'odt': use one of txt, html, docx, pdf",
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


def test_the_report_version_is_rendered(db, client):
    response = get(client, "/api/documents/BWC/MSP/2017/6/versions/ru")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-RU.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_a_version_on_file_is_served_with_the_un_name(db, client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    version = LanguageVersion.objects.get(document__symbol="BWC/MSP/2017/WP.13/Corr.1", lang="es")
    version.file.save("wp13-corr1.pdf", ContentFile(b"%PDF-1.4 Corr.1"), save=True)
    response = get(client, "/api/documents/BWC/MSP/2017/WP.13/Corr.1/versions/es")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_WP.13_Corr.1-ES.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 Corr.1"


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
