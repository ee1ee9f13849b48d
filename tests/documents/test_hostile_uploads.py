"""Hostile file contents are refused on every path a file is put on record (issuing a document, a
later language version, a corrigendum from the documents page or the report page, a working
paper's file, a registration's note verbale), with a message saying what was found and what to
do, and nothing is stored. The samples are built in tests/documents/hostile.py."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.documents import domain as docs
from plenary.documents.models import Document, IssuedFile, WorkingPaperFile
from plenary.documents.uploads import HostileFile, check_upload, check_zip
from plenary.meetings.models import Meeting
from plenary.participation.credentials import read_credentials
from plenary.participation.models import Delegation
from tests.documents import hostile
from tests.helpers import tiny_pdf

ISU = Actor.system("isu")
MB = 1024 * 1024
SCRIPTS = (
    "The PDF contains scripts or actions that run when it is opened ({}). Save or print it again as a "
    "plain PDF, without scripts, form actions or attachments, and send that."
)
FILES = (
    "The PDF carries embedded files ({}). Send the document without attachments; a file that belongs "
    "on record is sent as a document of its own."
)
UNREADABLE = (
    "The file cannot be read as a PDF, so its content cannot be checked. Save or export it again as PDF "
    "and send that."
)
MACROS = (
    "The file contains macros ({}), which could run when it is opened. Save it as a document without "
    "macros (.docx, not .docm) and send that."
)
NESTED = "The file holds another archive ({}). Take it out and send the document alone."
OUTSIDE = (
    "The file holds a part whose name leads outside it ({}). Save it again from the word processor "
    "and send that."
)


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(HostileFile) as info:
        check_upload(name, data)
    return str(info.value)


# -- PDFs --------------------------------------------------------------------------------------------

SCRIPT_CASES = {
    "pypdf open action": "/JS, /JavaScript",
    "page additional action": "/AA /JS, /AA /JavaScript",
    "document JavaScript": "/JS, /JavaScript",
    "names in #xx escapes": "/OpenAction /JS, /OpenAction /JavaScript",
    "launch action": "/OpenAction /Launch",
    "object stream": "/OpenAction /JS, /OpenAction /JavaScript",
    "escapes in an object stream": "/OpenAction /Launch",
    "XFA form": "/XFA",
}


@pytest.mark.parametrize("case", sorted(SCRIPT_CASES))
def test_a_pdf_that_runs_something_is_refused(case):
    build, _found = hostile.HOSTILE_PDFS[case]
    assert refusal("paper.pdf", build()) == SCRIPTS.format(SCRIPT_CASES[case])


def test_the_hidden_ones_show_nothing_to_a_search_of_the_bytes():
    """What a regular expression over the bytes would miss: the parser sees it."""
    for case in ("names in #xx escapes", "object stream", "escapes in an object stream"):
        data = hostile.HOSTILE_PDFS[case][0]()
        assert b"/JavaScript" not in data and b"/JS" not in data and b"/Launch" not in data, case


@pytest.mark.parametrize(
    ("case", "found"),
    [
        ("pypdf attachment", "/EmbeddedFile, /EmbeddedFiles"),
        ("file attachment annotation", "/FileAttachment"),
        ("escaped /EmbeddedFiles name", "/EmbeddedFiles"),
    ],
)
def test_a_pdf_carrying_files_is_refused(case, found):
    assert refusal("paper.pdf", hostile.EMBEDDING_PDFS[case][0]()) == FILES.format(found)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%%EOF\n",  # a header and nothing
        b"%PDF-1.4 the text as issued",  # no body, no trailer
        tiny_pdf()[:-40],  # cut before its trailer
        b"%PDF-1.7\n1 0 obj\n(a string, not a catalog)\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    ],
)
def test_a_pdf_that_cannot_be_parsed_is_refused(data):
    assert refusal("paper.pdf", data) == UNREADABLE


def test_a_pdf_behind_a_password_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert refusal("paper.pdf", buffer.getvalue()) == (
        "The PDF is protected by a password, so its content cannot be checked. Save it again without "
        "the password and send that."
    )


def test_a_pdf_restricted_by_an_owner_password_alone_is_checked_and_taken():
    """Many official PDFs restrict printing or copying with an owner password: anyone opens them,
    and so does the check (AES needs the cryptography package, a dependency)."""
    for algorithm in ("RC4-128", "AES-128", "AES-256"):
        writer = PdfWriter()
        writer.add_blank_page(612, 792)
        writer.encrypt(user_password="", owner_password="the secretariat's", algorithm=algorithm)
        buffer = io.BytesIO()
        writer.write(buffer)
        assert check_upload("paper.pdf", buffer.getvalue()) == ".pdf", algorithm
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_open_action(JavaScript("app.alert(1)"))
    writer.encrypt(user_password="", owner_password="x", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert refusal("paper.pdf", buffer.getvalue()) == SCRIPTS.format("/JS, /JavaScript")


def test_plain_pdfs_are_taken():
    assert check_upload("paper.pdf", hostile.BENIGN_PDF) == ".pdf"  # opens at page 1: a /GoTo, no script
    assert check_upload("paper.pdf", tiny_pdf("a note")) == ".pdf"
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_metadata({"/Title": "Report of the Meeting", "/Subject": "JavaScript and /Launch in words"})
    buffer = io.BytesIO()
    writer.write(buffer)
    assert check_upload("paper.pdf", buffer.getvalue()) == ".pdf"  # text about scripts is text


# -- Office files ------------------------------------------------------------------------------------


def test_a_zip_bomb_past_the_size_limit_is_refused_at_the_default_limits():
    data = hostile.bomb(101 * MB)
    assert len(data) < 200 * 1024
    declared = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert refusal("paper.docx", data) == (
        f"The file would unpack to {declared:,} bytes when opened, more than the 104,857,600 bytes "
        "accepted. Send a smaller file (compress its pictures, or split it)."
    )


def test_a_zip_bomb_under_the_size_limit_is_refused_for_its_ratio():
    data = hostile.bomb(40 * MB)
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    ratio = sum(i.file_size for i in infos) / sum(i.compress_size for i in infos)
    assert ratio > 100
    assert refusal("paper.docx", data) == (
        f"The file unpacks to {ratio:,.0f} times its size, more than the 100 times a document does: it is "
        "refused as a zip bomb. Save it again from the word processor and send that."
    )


def test_the_limits_are_settings(settings):
    settings.UPLOAD_UNZIPPED_MAX_BYTES = 1000
    assert refusal("paper.docx", hostile.docx({"word/media/a.png": b"x" * 1000})).startswith(
        "The file would unpack to 1,2"
    )
    settings.UPLOAD_UNZIPPED_MAX_BYTES = 100 * MB
    settings.UPLOAD_ZIP_MAX_ENTRIES = 5
    parts = {f"word/media/image{n}.png": b"png" for n in range(4)}
    assert refusal("paper.docx", hostile.docx(parts)) == (
        "The file holds 6 parts, more than the 5 a document may have. Save it again from the word "
        "processor and send that."
    )


def test_too_many_parts_at_the_default_limit():
    parts = {f"word/media/image{n}.png": b"" for n in range(1000)}
    assert refusal("paper.docx", hostile.docx(parts)) == (
        "The file holds 1,002 parts, more than the 1,000 a document may have. Save it again from the "
        "word processor and send that."
    ).replace("1,002", "1002").replace("1,000", "1000")


@pytest.mark.parametrize(
    "name",
    [
        "../../../etc/cron.d/evil",
        "/etc/passwd",
        "word/../../outside.xml",
        "C:\\Windows\\evil.dll",
        "..\\evil",
    ],
)
def test_a_part_whose_name_leaves_the_package_is_refused(name):
    assert refusal("paper.docx", hostile.docx({name: b"x"})) == OUTSIDE.format(name)


@pytest.mark.parametrize(
    "name", ["word/embeddings/more.zip", "word/media/archive.7z", "customXml/x.tar", "word/x.RAR"]
)
def test_an_archive_inside_is_refused(name):
    assert refusal("paper.docx", hostile.docx({name: b"PK\x03\x04"})) == NESTED.format(name)


@pytest.mark.parametrize(
    "name",
    ["word/vbaProject.bin", "word/vbaData.xml", "word/embeddings/sheet.xlsm", "Basic/Standard/Module1.xml"],
)
def test_macros_are_refused(name):
    assert refusal("paper.docx", hostile.docx({name: b"x"})) == MACROS.format(name)


def test_an_embedded_workbook_is_checked_too():
    """A chart's workbook inside a .docx is an Office package of its own: checked the same way,
    within the outer file's limits; a plain one is taken, a bomb or a macro inside is not."""
    sheet = hostile.package({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert check_upload("paper.docx", hostile.docx({"word/embeddings/Sheet1.xlsx": sheet})) == ".docx"
    inner_bomb = hostile.package({"xl/workbook.xml": b"\x00" * (40 * MB)})
    assert refusal("paper.docx", hostile.docx({"word/embeddings/Sheet1.xlsx": inner_bomb})).startswith(
        "The file unpacks to"
    )
    with_macros = hostile.package({"xl/workbook.xml": b"<workbook/>", "xl/vbaProject.bin": b"x"})
    assert refusal("paper.docx", hostile.docx({"word/embeddings/Sheet1.xlsx": with_macros})) == MACROS.format(
        "xl/vbaProject.bin"
    )
    deeper = hostile.package({"xl/workbook.xml": b"<workbook/>", "xl/embeddings/a.docx": hostile.docx()})
    assert refusal("paper.docx", hostile.docx({"word/embeddings/Sheet1.xlsx": deeper})) == NESTED.format(
        "xl/embeddings/a.docx"
    )


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ({"xl/workbook.xml": b"<w/>", "xl/vbaProject.bin": b"x"}, MACROS.format("xl/vbaProject.bin")),
        (
            {"content.xml": b"<c/>", "Basic/Standard/Module1.xml": b"x"},
            MACROS.format("Basic/Standard/Module1.xml"),
        ),
        ({"content.xml": b"<c/>", "Scripts/python/run.py": b"x"}, MACROS.format("Scripts/python/run.py")),
        ({"xl/workbook.xml": b"\x00" * (101 * MB)}, None),
    ],
)
def test_spreadsheets_and_opendocument_files_are_checked_the_same_way(parts, message):
    with pytest.raises(HostileFile) as info:
        check_zip(hostile.package(parts))
    if message:
        assert str(info.value) == message
    else:
        assert str(info.value).startswith("The file would unpack to 105,906,176 bytes")


def test_a_word_97_file_with_macros_is_refused():
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 500
        + "_VBA_PROJECT".encode("utf-16-le")
        + b"\x00" * 50
    )
    assert refusal("old.doc", ole) == MACROS.format("_VBA_PROJECT")
    assert check_upload("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500) == ".doc"


def test_a_plain_docx_is_taken():
    assert check_upload("paper.docx", hostile.docx({"word/media/image1.png": b"\x89PNG" * 1000})) == ".docx"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("fr", "Le PDF contient des scripts ou des actions qui s’exécutent à son ouverture (/XFA)."),
        ("es", "El PDF contiene scripts o acciones que se ejecutan al abrirlo (/XFA)."),
        ("ru", "PDF-файл содержит сценарии или действия, которые выполняются при его открытии (/XFA)."),
        ("zh-hans", "该 PDF 含有打开时会运行的脚本或动作（/XFA）。"),
        ("ar", "يحتوي ملف PDF على نصوص برمجية أو إجراءات تُنفَّذ عند فتحه (/XFA)."),
    ],
)
def test_the_refusal_speaks_the_readers_language(lang, message):
    with translation.override(lang):
        text = refusal("paper.pdf", hostile.HOSTILE_PDFS["XFA form"][0]())
    assert text.startswith(message)


# -- every path a file comes in by -------------------------------------------------------------------

# One of each kind, through every path: a script, an attachment, a bomb, macros.
SAMPLES = {
    "javascript": (
        "paper.pdf",
        lambda: hostile.HOSTILE_PDFS["object stream"][0](),
        SCRIPTS.format(SCRIPT_CASES["object stream"]),
    ),
    "attachment": (
        "paper.pdf",
        lambda: hostile.pypdf_attachment(),
        FILES.format("/EmbeddedFile, /EmbeddedFiles"),
    ),
    "zip bomb": ("paper.docx", lambda: hostile.bomb(40 * MB), "The file unpacks to "),
    "macros": (
        "paper.docx",
        lambda: hostile.docx({"word/vbaProject.bin": b"x"}),
        MACROS.format("word/vbaProject.bin"),
    ),
}


def stored_files(root) -> list[Path]:
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def html_of(message: str) -> str:
    return message.replace("'", "&#x27;")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PENDING_UPLOADS_DIR = tmp_path / "pending"
    return Path(settings.MEDIA_ROOT)


def staff_client(people) -> Client:
    client = Client()
    client.force_login(people["staff"])
    return client


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_the_back_office_issue_page_refuses_it(people, media, sample):
    from tests.backoffice.test_issue_document import URL, form
    from tests.factories import MeetingFactory

    name, build, message = SAMPLES[sample]
    meeting = MeetingFactory(series="BWC/MSP/2026")
    response = staff_client(people).post(URL, form(file_en=SimpleUploadedFile(name, build())))
    assert response.status_code == 400
    assert html_of(f"the English file: {message}") in response.content.decode()
    assert list(Document.objects.filter(meeting=meeting)) == []
    assert stored_files(media) == []


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_the_documents_page_refuses_it_as_a_version_and_as_a_corrigendum(people, media, sample):
    name, build, message = SAMPLES[sample]
    wp4 = Document.objects.get(symbol="BWC/MSP/2017/WP.4")
    client = staff_client(people)
    url = "/office/meetings/BWC/MSP/2017/documents/"
    version = client.post(
        url,
        {
            "form": "version",
            "document": wp4.pk,
            "lang": "ru",
            "kind": "official",
            "file": SimpleUploadedFile(name, build()),
        },
        follow=True,
    )
    corrigendum = client.post(
        url,
        {
            "form": "modifier",
            "document": wp4.pk,
            "kind": "Corr",
            "file_en": SimpleUploadedFile(name, build()),
        },
    )
    for response in (version, corrigendum):
        assert html_of(f"BWC/MSP/2017/WP.4: {message}") in response.content.decode()
    assert corrigendum.status_code == 400
    assert not IssuedFile.objects.filter(document=wp4, lang="ru").exists()
    assert not Document.objects.filter(symbol="BWC/MSP/2017/WP.4/Corr.1").exists()
    assert stored_files(media) == []


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_the_report_page_refuses_it_as_a_corrigendum(people, media, sample):
    name, build, message = SAMPLES[sample]
    response = staff_client(people).post(
        "/office/meetings/BWC/MSP/2017/report/",
        {
            "action": "modifier",
            "modifier-kind": "Corr",
            "modifier-file_en": SimpleUploadedFile(name, build()),
        },
    )
    assert response.status_code == 422
    assert html_of(message) in response.content.decode()
    assert not Document.objects.filter(symbol="BWC/MSP/2017/6/Corr.1").exists()
    assert stored_files(media) == []


def test_the_domain_functions_refuse_it(db, media):
    """The CLI and any other interface call these; there is no API path that takes a file."""
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    wp2 = Document.objects.get(symbol="BWC/MSP/2017/WP.2")
    for name, build, message in SAMPLES.values():
        with pytest.raises(HostileFile) as info:
            docs.add_language_version(wp2, lang="ru", upload=SimpleUploadedFile(name, build()), by=ISU)
        assert str(info.value).startswith(message)
        with pytest.raises(DomainError, match="^the English file: The "):
            docs.issue_document(
                meeting,
                doc_type="INF",
                title={"en": "x"},
                original_language="en",
                files={"en": SimpleUploadedFile(name, build())},
                by=ISU,
            )
    assert stored_files(media) == []


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_the_portal_refuses_it_as_a_papers_file(client, people, media, sample):
    from tests.portal.conftest import TODAY  # noqa: F401  (the portal's world)

    name, build, message = SAMPLES[sample]
    paper = docs.create_working_paper(
        Delegation.objects.get(meeting__series="BWC/MSP/2017", state__code="FRA"),
        by=ISU,
        title={"en": "A paper"},
        original_language="en",
    )
    client.force_login(people["staff"])
    response = client.post(
        f"/portal/papers/{paper.pk}/files/",
        {"lang": "en", "kind": "official", "file": SimpleUploadedFile(name, build())},
    )
    assert response.status_code == 400
    assert f'<span class="error">{html_of(message)}' in response.content.decode()
    assert not WorkingPaperFile.objects.filter(paper=paper).exists()
    assert stored_files(media) == []


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_a_note_verbale_with_it_is_refused(sample):
    name, build, message = SAMPLES[sample]
    with pytest.raises(HostileFile) as info:
        read_credentials(SimpleUploadedFile(name, build()))
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        (
            "/fr",
            "Le fichier contient des macros (word/vbaProject.bin), qui pourraient s’exécuter à son ouverture.",
        ),
        ("/ar", "يحتوي الملف على وحدات ماكرو (word/vbaProject.bin) قد تُنفَّذ عند فتحه."),
        ("/zh-hans", "该文件含有宏（word/vbaProject.bin），打开时可能运行。"),
    ],
)
def test_the_portal_page_says_it_in_the_readers_language(client, people, media, prefix, message):
    paper = docs.create_working_paper(
        Delegation.objects.get(meeting__series="BWC/MSP/2017", state__code="FRA"),
        by=ISU,
        title={"en": "A paper"},
        original_language="en",
    )
    client.force_login(people["staff"])
    response = client.post(
        f"{prefix}/portal/papers/{paper.pk}/files/",
        {"lang": "en", "kind": "official", "file": SimpleUploadedFile("p.docx", SAMPLES["macros"][1]())},
    )
    assert response.status_code == 400
    assert f'<span class="error">{html_of(message)}' in response.content.decode()
