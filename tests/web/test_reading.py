"""Reading a document from its public page: stored files open in the browser (PDF inline, the
report's HTML as a page, Word downloads), the exact bytes issued with ETag = their SHA-256; a
language whose file is not on record links its official copy at undocs.org."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from plenary.core.actor import Actor
from plenary.documents import domain as docs
from plenary.documents.models import Document, IssuedFile
from plenary.exports import files
from tests.factories import MeetingFactory
from tests.helpers import body, tiny_pdf

UN = ("ar", "zh", "en", "fr", "ru", "es")
PREFIXES = {"ar": "/ar", "zh": "/zh-hans", "en": "", "fr": "/fr", "ru": "/ru", "es": "/es"}


def stored(symbol: str, lang: str, fmt: str) -> IssuedFile:
    return IssuedFile.objects.get(document__symbol=symbol, lang=lang, fmt=fmt)


def read_links(html: str) -> list[tuple[str, str]]:
    """(language, url) of every "read" link of the page's reading table, in order."""
    rows = re.findall(r'<tr data-lang="(\w\w)">(.*?)</tr>', html, re.S)
    return [
        (lang, url) for lang, cells in rows for url in re.findall(r'<a class="button" href="([^"]+)"', cells)
    ]


def official_copies(html: str) -> list[str]:
    section = html.split('<section id="read">', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a class="official-copy" href="([^"]+)" rel="external">', section)


def test_the_reports_page_opens_each_language_in_five_formats(client, db):
    html = client.get("/documents/BWC/MSP/2017/6").content.decode()
    assert read_links(html) == [
        (lang, f"/documents/BWC/MSP/2017/6/read/{lang}.{fmt}")
        for lang in UN
        for fmt in ("pdf", "html", "txt", "docx", "akn")
    ]
    assert official_copies(html) == []
    akn = client.get("/documents/BWC/MSP/2017/6/read/zh.akn")
    assert (akn.status_code, akn["Content-Type"].split(";")[0]) == (200, "application/akn+xml")
    # The Word file and the Akoma Ntoso XML download; the others open in the browser.
    assert re.findall(r'href="(/documents/BWC/MSP/2017/6/read/zh\.\w+)" download', html) == [
        "/documents/BWC/MSP/2017/6/read/zh.docx",
        "/documents/BWC/MSP/2017/6/read/zh.akn",
    ]


@pytest.mark.parametrize("persona", ["anonymous", "staff", "fra_fp", "fra_del", "deu_del", "ngo", "officer"])
def test_a_pdf_opens_inline_with_its_checksum_for_every_reader(people, persona):
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    row = stored("BWC/MSP/2017/6", "zh", "pdf")
    response = client.get("/documents/BWC/MSP/2017/6/read/zh.pdf")
    assert response.status_code == 200
    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        response["Content-Length"],
        response["ETag"],
        response["Plenary-Status"],
        response["X-Content-Type-Options"],
    ) == (
        "application/pdf",
        'inline; filename="BWC_MSP_2017_6-ZH.pdf"',
        str(row.size),
        f'"{row.sha256}"',
        "issued",
        "nosniff",
    )
    with row.file.open("rb") as handle:
        assert body(response) == handle.read()
    assert "Content-Security-Policy" not in response  # the browser's PDF viewer needs its scripts
    again = client.get("/documents/BWC/MSP/2017/6/read/zh.pdf", HTTP_IF_NONE_MATCH=f'"{row.sha256}"')
    assert (again.status_code, again["ETag"], again.content) == (304, f'"{row.sha256}"', b"")


def test_the_reports_html_is_a_page_of_its_own(client, db):
    row = stored("BWC/MSP/2017/6", "ar", "html")
    response = client.get("/ar/documents/BWC/MSP/2017/6/read/ar.html")
    assert response.status_code == 200
    assert (response["Content-Type"], response["Content-Disposition"], response["ETag"]) == (
        "text/html; charset=utf-8",
        'inline; filename="BWC_MSP_2017_6-AR.html"',
        f'"{row.sha256}"',
    )
    assert response["Content-Security-Policy"] == (
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "frame-ancestors 'none'"
    )
    content = body(response)
    with row.file.open("rb") as handle:
        assert content == handle.read()
    assert content.lstrip().lower().startswith(b"<!doctype html>")


def test_text_opens_and_word_downloads(client, db):
    text = client.get("/documents/BWC/MSP/2017/6/read/en.txt")
    assert (text["Content-Type"], text["Content-Disposition"]) == (
        "text/plain; charset=utf-8",
        'inline; filename="BWC_MSP_2017_6-EN.txt"',
    )
    word = client.get("/documents/BWC/MSP/2017/6/read/fr.docx")
    assert (word["Content-Type"], word["Content-Disposition"], word["ETag"]) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        'attachment; filename="BWC_MSP_2017_6-FR.docx"',
        f'"{stored("BWC/MSP/2017/6", "fr", "docx").sha256}"',
    )
    akn = client.get("/documents/BWC/MSP/2017/6/read/ru.akn")
    assert (akn.status_code, akn["Content-Disposition"], akn["ETag"]) == (
        200,
        'attachment; filename="BWC_MSP_2017_6-RU.akn"',
        f'"{stored("BWC/MSP/2017/6", "ru", "akn").sha256}"',
    )
    assert akn["Content-Type"] == files.mime_of("akn")


@pytest.mark.parametrize(
    "symbol, copies",
    [
        ("BWC/MSP/2017/1", [f"https://undocs.org/{lang}/BWC/MSP/2017/1" for lang in UN]),
        ("BWC/MSP/2017/2", [f"https://undocs.org/{lang}/BWC/MSP/2017/2" for lang in UN]),
        ("BWC/MSP/2017/3", [f"https://undocs.org/{lang}/BWC/MSP/2017/3" for lang in UN]),
        ("BWC/MSP/2017/3/Add.1", ["https://undocs.org/en/BWC/MSP/2017/3/Add.1"]),
        ("BWC/MSP/2017/4", [f"https://undocs.org/{lang}/BWC/MSP/2017/4" for lang in UN]),
        ("BWC/MSP/2017/5", [f"https://undocs.org/{lang}/BWC/MSP/2017/5" for lang in UN]),
        ("BWC/MSP/2017/MISC.1", ["https://undocs.org/en/BWC/MSP/2017/MISC.1"]),
        ("BWC/MSP/2017/INF.1", ["https://undocs.org/en/BWC/MSP/2017/INF.1"]),
        ("BWC/MSP/2017/CRP.1", ["https://undocs.org/en/BWC/MSP/2017/CRP.1"]),
        ("BWC/MSP/2017/CRP.2", ["https://undocs.org/en/BWC/MSP/2017/CRP.2"]),
        ("BWC/MSP/2017/WP.1", ["https://undocs.org/en/BWC/MSP/2017/WP.1"]),
        ("BWC/MSP/2017/WP.13", ["https://undocs.org/es/BWC/MSP/2017/WP.13"]),
        ("BWC/MSP/2017/WP.13/Corr.1", ["https://undocs.org/es/BWC/MSP/2017/WP.13/Corr.1"]),
        ("BWC/MSP/2017/WP.16", ["https://undocs.org/fr/BWC/MSP/2017/WP.16"]),
        ("BWC/MSP/2017/WP.24", ["https://undocs.org/en/BWC/MSP/2017/WP.24"]),
        ("BWC/MSP/2017/6", []),
    ],
)
def test_the_2017_documents_without_files_link_their_official_copies(client, db, symbol, copies):
    assert official_copies(client.get(f"/documents/{symbol}").content.decode()) == copies


def test_every_document_of_every_meeting_can_be_read(client, db):
    documents = list(Document.objects.filter(meeting__isnull=False).order_by("symbol"))
    # The 2017 record's 36, and the 38 known by symbol (documents/data/bwc_documents.yaml).
    assert len(documents) == 36 + 38
    for document in documents:
        html = client.get(f"/documents/{document.symbol}").content.decode()
        assert read_links(html) or official_copies(html), document.symbol
    meeting = client.get("/meetings/BWC/MSP/2017/").content.decode()
    assert re.findall(r'<a href="(https://undocs.org/[^"]+)" rel="external" class="official-copy"', meeting)[
        :7
    ] == [
        *(f"https://undocs.org/{lang}/BWC/MSP/2017/1" for lang in UN),
        "https://undocs.org/ar/BWC/MSP/2017/2",
    ]
    assert 'href="https://undocs.org/es/BWC/MSP/2017/WP.13"' in meeting


NOTES = {
    "ar": ("بالإنكليزية فقط", "بالإسبانية فقط", "ترجمة غير رسمية"),
    "zh": ("只有英文本", "只有西班牙文本", "非正式译文"),
    "en": ("English only", "Spanish only", "informal translation"),
    "fr": ("En anglais seulement", "En espagnol seulement", "traduction non officielle"),
    "ru": ("Только на английском языке", "Только на испанском языке", "неофициальный перевод"),
    "es": ("Solo en inglés", "Solo en español", "traducción no oficial"),
}


@pytest.mark.parametrize("lang", UN)
def test_the_only_in_note_and_the_informal_translation_show_in_six_languages(client, db, lang):
    english_only, spanish_only, informal = NOTES[lang]
    wp1 = client.get(f"{PREFIXES[lang]}/documents/BWC/MSP/2017/WP.1").content.decode()
    assert re.findall(r'<strong class="only-in" id="only-in">([^<]+)</strong>', wp1) == [english_only]
    wp13 = client.get(f"{PREFIXES[lang]}/documents/BWC/MSP/2017/WP.13").content.decode()
    assert re.findall(r'<strong class="only-in" id="only-in">([^<]+)</strong>', wp13) == [spanish_only]
    assert re.search(r'<tr data-lang="en">.*?<td class="informal">' + informal + "</td>", wp13, re.S)
    report = client.get(f"{PREFIXES[lang]}/documents/BWC/MSP/2017/6").content.decode()
    assert 'id="only-in"' not in report


def test_missing_and_bad_addresses(client, db):
    missing = client.get("/documents/BWC/MSP/2017/1/read/en.pdf")
    assert missing.status_code == 404
    assert 'href="https://undocs.org/en/BWC/MSP/2017/1"' in missing.content.decode()
    assert client.get("/documents/BWC/MSP/2017/6/read/de.pdf").status_code == 404
    assert client.get("/documents/BWC/MSP/2017/6/read/en.exe").status_code == 404
    assert client.get("/documents/BWC/MSP/2017/99/read/en.pdf").status_code == 404
    assert client.get("/documents/BWC/MSP/2017/WP.x/read/en.pdf").status_code == 400
    assert (
        client.get("/documents/bwc/msp/2017/6/read/en.pdf")["Location"]
        == "/documents/BWC/MSP/2017/6/read/en.pdf"
    )


def test_a_document_issued_in_plenary_reads_from_its_stored_files(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    meeting = MeetingFactory(series="BWC/MSP/2026")
    pdf = tiny_pdf("2026 information")
    document = docs.issue_document(
        meeting,
        doc_type="INF",
        title={"en": "Information for participants", "zh": "与会者须知"},
        original_language="en",
        files={"en": SimpleUploadedFile("a.pdf", pdf), "zh": SimpleUploadedFile("b.txt", "中文本".encode())},
        kinds={"zh": "informal"},
        on=dt.date(2026, 11, 2),
        by=Actor.system("isu"),
    )
    html = client.get("/zh-hans/documents/BWC/MSP/2026/INF.2").content.decode()
    assert read_links(html) == [
        ("zh", "/zh-hans/documents/BWC/MSP/2026/INF.2/read/zh.txt"),
        ("en", "/zh-hans/documents/BWC/MSP/2026/INF.2/read/en.pdf"),
    ]
    assert official_copies(html) == [
        f"https://undocs.org/{lang}/BWC/MSP/2026/INF.2" for lang in ("ar", "fr", "ru", "es")
    ]
    assert "秘书处" in html  # submitted by the secretariat
    text = client.get("/documents/BWC/MSP/2026/INF.2/read/zh.txt")
    assert (text.status_code, body(text).decode(), text["Content-Type"]) == (
        200,
        "中文本",
        "text/plain; charset=utf-8",
    )
    # A stored file that no longer matches its checksum is not served.
    path = tmp_path / IssuedFile.objects.get(document=document, lang="en").file.name
    path.write_bytes(b"%PDF-1.7 changed behind Plenary's back")
    assert client.get("/documents/BWC/MSP/2026/INF.2/read/en.pdf").status_code == 500


def test_an_issued_document_is_found_by_search(
    client, db, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    meeting = MeetingFactory(series="BWC/MSP/2026")
    with django_capture_on_commit_callbacks(execute=True):
        docs.issue_document(
            meeting,
            title={
                "en": "Estimated costs of the meetings to be held in 2027",
                "zh": "2027年将举行会议的费用估计",
            },
            original_language="en",
            files={"en": SimpleUploadedFile("costs.pdf", tiny_pdf())},
            by=Actor.system("isu"),
        )
    html = client.get("/zh-hans/search/", {"q": "费用估计"}).content.decode()
    assert "BWC/MSP/2026/3" in html


def test_a_drafts_file_reads_as_a_draft(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    isu = Actor.system("isu")
    draft = docs.record_document(
        None, by=isu, symbol="BWC/MSP/2026/CRP.1", title={"en": "Draft report"}, status=Document.Status.DRAFT
    )
    docs.add_language_version(draft, lang="en", upload=SimpleUploadedFile("d.txt", b"The draft."), by=isu)
    html = client.get("/documents/BWC/MSP/2026/CRP.1").content.decode()
    assert read_links(html) == [("en", "/documents/BWC/MSP/2026/CRP.1/read/en.txt")]
    response = client.get("/documents/BWC/MSP/2026/CRP.1/read/en.txt")
    assert (response.status_code, body(response), response["Plenary-Status"], response["Cache-Control"]) == (
        200,
        b"The draft.",
        "draft",
        "no-store",
    )
    assert "ETag" not in response
