"""Issuing a secretariat document (documents.domain.issue_document): its symbol from the one
allocator, its files checked and stored as issued with their SHA-256, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.models import AuditEntry
from plenary.documents import domain as docs
from plenary.documents import numbering
from plenary.documents.models import Document, IssuedFile, LanguageVersion, Sponsorship
from plenary.meetings.models import Meeting
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.helpers import tiny_pdf

ISU = Actor.system("isu")
PDF_EN = tiny_pdf("the English text")
PDF_ZH = tiny_pdf("the Chinese text")
TITLE = {"en": "Report on universalization activities", "zh": "促进普遍加入《公约》的活动报告"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def msp2026(db):
    return MeetingFactory(series="BWC/MSP/2026")


@pytest.fixture
def msp2017(db):
    return Meeting.objects.get(series="BWC/MSP/2017")


def pdf(name: str = "report.pdf", data: bytes = PDF_EN) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def issue(meeting, **kwargs) -> Document:
    values = {
        "title": TITLE,
        "original_language": "en",
        "files": {"en": pdf(), "zh": pdf("zh.pdf", PDF_ZH)},
        "by": ISU,
        "on": dt.date(2026, 11, 2),
    }
    return docs.issue_document(meeting, **(values | kwargs))


def stored_files(media: Path) -> list[str]:
    return (
        sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []
    )


# -- the symbol --------------------------------------------------------------------------------------


def test_the_next_free_symbols_pass_by_the_agenda_the_programme_and_the_lists(msp2026):
    assert {t: numbering.peek_document_symbol(msp2026, t) for t in ("", "INF", "MISC", "CRP", "WP")} == {
        "": "BWC/MSP/2026/3",
        "INF": "BWC/MSP/2026/INF.2",
        "MISC": "BWC/MSP/2026/MISC.2",
        "CRP": "BWC/MSP/2026/CRP.1",
        "WP": "BWC/MSP/2026/WP.1",
    }
    first = issue(msp2026)
    second = issue(
        msp2026, files={"en": pdf()}, title={"en": "2026 report of the Implementation Support Unit"}
    )
    crp = issue(msp2026, doc_type="CRP", files={"en": pdf()})
    inf = issue(msp2026, doc_type="INF", files={"en": pdf()})
    assert [first.symbol, second.symbol, crp.symbol, inf.symbol] == [
        "BWC/MSP/2026/3",
        "BWC/MSP/2026/4",
        "BWC/MSP/2026/CRP.1",
        "BWC/MSP/2026/INF.2",
    ]
    assert [(d.series, d.doc_type, d.number, d.position) for d in (first, second, crp, inf)] == [
        ("BWC/MSP/2026", "", 3, 0),
        ("BWC/MSP/2026", "", 4, 1),
        ("BWC/MSP/2026", "CRP", 1, 2),
        ("BWC/MSP/2026", "INF", 2, 3),
    ]


def test_the_next_free_symbols_of_the_2017_meeting_follow_its_record(msp2017):
    assert {t: numbering.peek_document_symbol(msp2017, t) for t in ("", "INF", "MISC", "CRP", "WP")} == {
        "": "BWC/MSP/2017/7",
        "INF": "BWC/MSP/2017/INF.2",
        "MISC": "BWC/MSP/2017/MISC.2",
        "CRP": "BWC/MSP/2017/CRP.3",
        "WP": "BWC/MSP/2017/WP.25",
    }


def test_a_given_symbol_is_normalized_and_may_take_a_kept_number(msp2026):
    given = issue(msp2026, doc_type="INF", symbol=" bwc/msp/2026/inf.7 ", files={"en": pdf()})
    assert given.symbol == "BWC/MSP/2026/INF.7"
    kept = issue(msp2026, symbol="BWC/MSP/2026/1", files={"en": pdf()}, title={"en": "Provisional agenda"})
    assert kept.symbol == "BWC/MSP/2026/1"
    # The next free INF comes after the highest one given.
    assert numbering.peek_document_symbol(msp2026, "INF") == "BWC/MSP/2026/INF.8"
    assert numbering.peek_document_symbol(msp2026, "") == "BWC/MSP/2026/3"


def test_an_addendum_is_given_with_its_parent(msp2026):
    report = issue(msp2026)
    addendum = issue(msp2026, symbol="BWC/MSP/2026/3/Add.1", files={"en": pdf()})
    assert (addendum.symbol, addendum.parent) == ("BWC/MSP/2026/3/Add.1", report)


@pytest.mark.parametrize(
    "doc_type, symbol, message",
    [
        (
            "CRP",
            "BWC/MSP/2017/CRP.1",
            "BWC/MSP/2017/CRP.1 is already taken (Aide-mémoire): leave the symbol empty for the next free "
            "one, BWC/MSP/2017/CRP.3",
        ),
        (
            "",
            "BWC/MSP/2017/6",
            "BWC/MSP/2017/6 is already taken (Report of the Meeting of States Parties): leave the symbol empty "
            "for the next free one, BWC/MSP/2017/7",
        ),
        (
            "INF",
            "BWC/MSP/2018/INF.5",
            "BWC/MSP/2018/INF.5 is not a symbol of BWC/MSP/2017: a document of this meeting is numbered "
            "BWC/MSP/2017/INF.2 and so on",
        ),
        (
            "INF",
            "BWC/MSP/2017/MX.1/INF.5",
            "BWC/MSP/2017/MX.1/INF.5 is not a symbol of BWC/MSP/2017: a document of this meeting is numbered "
            "BWC/MSP/2017/INF.2 and so on",
        ),
        (
            "CRP",
            "BWC/MSP/2017/INF.5",
            "BWC/MSP/2017/INF.5 is an INF document, not a CRP document: choose that type or change the symbol",
        ),
        (
            "INF",
            "BWC/MSP/2017/12",
            "BWC/MSP/2017/12 is a document of the series' own numbers (/1, /2 ...), not an INF document: "
            "choose that type or change the symbol",
        ),
        (
            "",
            "BWC/MSP/2017/WP.40",
            "BWC/MSP/2017/WP.40 is a WP document, not a document of the series' own numbers (/1, /2 ...): "
            "choose that type or change the symbol",
        ),
        (
            "WP",
            "BWC/MSP/2017/WP.13/Corr.2",
            "BWC/MSP/2017/WP.13/Corr.2 is a corrigendum: issue it from BWC/MSP/2017/WP.13 (Corr. or Rev.)",
        ),
        (
            "",
            "BWC/MSP/2017/6/Rev.1",
            "BWC/MSP/2017/6/Rev.1 is a revision: issue it from BWC/MSP/2017/6 (Corr. or Rev.)",
        ),
        (
            "",
            "BWC/MSP/2017/8*",
            "BWC/MSP/2017/8* is a reissue (*): an issued document is not issued again; a change comes as a "
            "Corr. or Rev.",
        ),
        (
            "INF",
            "BWC/MSP/2017/INF.x",
            "'BWC/MSP/2017/INF.x' is not a document symbol: 'INF.x': document number must be a whole number",
        ),
        (
            "",
            "BWC/MSP/2017/3/Add.2/Add.3",
            "'BWC/MSP/2017/3/Add.2/Add.3' is not a document symbol: 'Add.3' cannot directly follow 'Add.2'",
        ),
        ("", "BWC/MSP/2017/9/Add.1", "BWC/MSP/2017/9/Add.1: its parent BWC/MSP/2017/9 is not recorded"),
        (
            "XYZ",
            None,
            "'XYZ' is not a document type: leave it empty for the series' own numbers (/1, /2 ...) or use one "
            "of CRP, INF, L, MISC, NGO, PV, SR, WP",
        ),
    ],
)
def test_a_bad_or_taken_symbol_is_refused_and_nothing_is_written(msp2017, media, doc_type, symbol, message):
    documents, entries = Document.objects.count(), AuditEntry.objects.count()
    with pytest.raises(DomainError) as info:
        issue(msp2017, doc_type=doc_type, symbol=symbol, files={"en": pdf()})
    assert str(info.value) == message
    assert (Document.objects.count(), AuditEntry.objects.count()) == (documents, entries)
    assert stored_files(media) == []


# -- what is stored ----------------------------------------------------------------------------------


def test_issuing_stores_every_file_as_issued_with_its_checksum(msp2026, media):
    item = AgendaItemFactory(meeting=msp2026, number=8, title={"en": "Universalization"})
    document = issue(
        msp2026,
        doc_type="INF",
        files={"zh": pdf("中文.pdf", PDF_ZH), "en": pdf("../../../../etc/cron.d/report.pdf")},
        kinds={"zh": "informal"},
        agenda_item=item,
    )
    assert document.symbol == "BWC/MSP/2026/INF.2"
    assert (document.status, document.issued_on, document.only_in, document.agenda_item) == (
        "issued",
        dt.date(2026, 11, 2),
        "",
        item,
    )
    assert document.title == TITLE
    rows = [
        (r.lang, r.fmt, r.file.name, r.size, r.sha256)
        for r in IssuedFile.objects.filter(document=document).order_by("lang")
    ]
    assert rows == [
        (
            "en",
            "pdf",
            "documents/2026/BWC_MSP_2026_INF.2-EN.pdf",
            len(PDF_EN),
            hashlib.sha256(PDF_EN).hexdigest(),
        ),
        (
            "zh",
            "pdf",
            "documents/2026/BWC_MSP_2026_INF.2-ZH.pdf",
            len(PDF_ZH),
            hashlib.sha256(PDF_ZH).hexdigest(),
        ),
    ]
    # The name sent is never used: the files sit under their UN names, inside the media directory.
    assert stored_files(media) == [
        "documents/2026/BWC_MSP_2026_INF.2-EN.pdf",
        "documents/2026/BWC_MSP_2026_INF.2-ZH.pdf",
    ]
    assert (media / "documents/2026/BWC_MSP_2026_INF.2-ZH.pdf").read_bytes() == PDF_ZH
    # The languages to come are official versions without a file yet.
    assert [(v.lang, v.kind, bool(v.file)) for v in document.versions.order_by("lang")] == [
        ("ar", "official", False),
        ("en", "official", True),
        ("es", "official", False),
        ("fr", "official", False),
        ("ru", "official", False),
        ("zh", "informal", True),
    ]
    assert [(s.role, s.secretariat, s.state, s.organization) for s in document.sponsorships.all()] == [
        ("submitter", True, None, None)
    ]
    entry = AuditEntry.objects.filter(action="document.issue").get()
    assert (entry.actor, entry.via, entry.object_id, entry.before) == (
        "system:isu",
        "cli",
        str(document.pk),
        None,
    )
    assert entry.after == {
        "symbol": "BWC/MSP/2026/INF.2",
        "doc_type": "INF",
        "given": False,
        "submitted_by": "secretariat",
        "only_in": "",
        "agenda_item": "8",
        "issued_on": "2026-11-02",
        "files": {
            "zh": {
                "kind": "informal",
                "fmt": "pdf",
                "size": len(PDF_ZH),
                "sha256": hashlib.sha256(PDF_ZH).hexdigest(),
                "name sent": "中文.pdf",
            },
            "en": {
                "kind": "official",
                "fmt": "pdf",
                "size": len(PDF_EN),
                "sha256": hashlib.sha256(PDF_EN).hexdigest(),
                "name sent": "report.pdf",
            },
        },
        "to come": ["ar", "fr", "ru", "es"],
    }


def test_a_report_of_the_chair_says_so_in_six_languages(msp2026):
    document = issue(msp2026, submitted_by="chair")
    assert document.submitted_by_text == {
        "ar": "مقدمة من الرئيس",
        "zh": "主席提交",
        "en": "Submitted by the Chair",
        "fr": "Présenté par le Président",
        "ru": "Представлено Председателем",
        "es": "Presentado por el Presidente",
    }
    assert list(document.sponsorships.values_list("secretariat", flat=True)) == [True]
    assert issue(msp2026, files={"en": pdf()}).submitted_by_text == {}


def test_a_document_in_one_language_only_records_that_language_and_its_informal_translations(msp2026):
    document = issue(
        msp2026,
        doc_type="CRP",
        original_language="es",
        title={"es": "Visitas voluntarias", "en": "Voluntary visits"},
        files={"es": pdf("es.pdf"), "en": pdf("en.pdf")},
        kinds={"en": "informal"},
        only_in="es",
    )
    assert document.only_in == "es"
    assert [(v.lang, v.kind) for v in document.versions.order_by("lang")] == [
        ("en", "informal"),
        ("es", "official"),
    ]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"files": {}}, "send the file of at least the original language (English)"),
        (
            {"files": {"zh": pdf()}},
            "send the file in the original language (English): a document is issued at least in the language "
            "it was written in",
        ),
        (
            {"files": {"en": pdf()}, "kinds": {"en": "informal"}},
            "the English file is the original: it is the official version, not an informal translation",
        ),
        (
            {"files": {"en": pdf()}, "kinds": {"fr": "official"}},
            "a kind is given for the fr version but no file",
        ),
        (
            {"files": {"en": pdf()}, "kinds": {"en": "draft"}},
            "the en version is official or informal, not 'draft'",
        ),
        ({"files": {"en": pdf(), "xx": pdf()}}, "'xx' is not one of the UN languages"),
        (
            {"only_in": "en"},
            "the document is issued in English only: the Chinese file can only be an informal translation",
        ),
        (
            {"only_in": "fr"},
            "a document issued in one language only is issued in its original language (English), not in French",
        ),
        ({"only_in": "de"}, "'de' is not one of the UN languages"),
        ({"title": {"zh": "只有中文标题"}}, "give the title in the original language (en)"),
        ({"title": {"en": "x" * 501}}, "the title in en is longer than 500 characters"),
        ({"original_language": "de"}, "'de' is not one of the UN languages"),
        ({"submitted_by": "FRA"}, "a document is submitted by the secretariat or the chair, not 'FRA'"),
        (
            {"files": {"en": pdf(data=b"<html><script>alert(1)</script></html>")}},
            "the English file: the file's content is not a .pdf file",
        ),
        ({"files": {"en": pdf(data=b"")}}, "the English file: the file is empty"),
        (
            {"files": {"en": pdf("report.html", b"<html></html>")}},
            "the English file: files of type .html are not accepted; send .doc, .docx, .pdf, .txt",
        ),
        (
            {"files": {"en": pdf("report", PDF_EN)}},
            "the English file: files of type (none) are not accepted; send .doc, .docx, .pdf, .txt",
        ),
        (
            {"files": {"en": pdf("report.docx", PDF_EN)}},
            "the English file: the file's content is not a .docx file",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_written(msp2026, media, kwargs, message):
    with pytest.raises(DomainError) as info:
        issue(msp2026, **kwargs)
    assert str(info.value) == message
    assert list(Document.objects.filter(meeting=msp2026)) == []
    assert AuditEntry.objects.filter(action="document.issue").count() == 0
    assert stored_files(media) == []


def test_a_file_over_the_size_limit_is_refused(msp2026, media, settings):
    settings.UPLOAD_MAX_BYTES = 64
    big = PDF_EN + b"%" * 64
    with pytest.raises(DomainError) as info:
        issue(msp2026, files={"en": pdf(data=big)})
    assert (
        str(info.value) == f"the English file: the file is {len(big):,} bytes; at most 64 bytes are accepted"
    )
    assert list(Document.objects.filter(meeting=msp2026)) == [] and stored_files(media) == []


def test_an_agenda_item_of_another_meeting_is_refused(msp2026, msp2017):
    item = msp2017.agenda.get(number=8)
    with pytest.raises(DomainError) as info:
        issue(msp2026, agenda_item=item)
    assert str(info.value) == "item 8 of BWC/MSP/2017 is not on the agenda of BWC/MSP/2026"


def test_only_staff_issue(msp2026, people, media):
    for persona in ("fra_fp", "fra_del", "ngo", "officer", "anonymous"):
        with pytest.raises(NotAllowed):
            issue(msp2026, by=people.actor(persona))
    assert list(Document.objects.filter(meeting=msp2026)) == [] and stored_files(media) == []
    assert issue(msp2026, by=people.actor("staff")).symbol == "BWC/MSP/2026/3"


# -- all or nothing ----------------------------------------------------------------------------------


def test_a_failure_mid_way_leaves_no_file_and_no_row(msp2026, media, monkeypatch):
    real = docs._issued_upload
    calls = []

    def second_fails(version, data):
        calls.append(version.lang)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(version, data)

    monkeypatch.setattr(docs, "_issued_upload", second_fails)
    counts = (Document.objects.count(), LanguageVersion.objects.count(), Sponsorship.objects.count())
    issued, entries = IssuedFile.objects.count(), AuditEntry.objects.count()
    with pytest.raises(OSError, match="disk full"):
        issue(msp2026)
    assert len(calls) == 2
    assert (Document.objects.count(), LanguageVersion.objects.count(), Sponsorship.objects.count()) == counts
    assert (IssuedFile.objects.count(), AuditEntry.objects.count()) == (issued, entries)
    assert stored_files(media) == []
    # The symbol was not used up: the next issue takes it.
    monkeypatch.setattr(docs, "_issued_upload", real)
    assert issue(msp2026).symbol == "BWC/MSP/2026/3"


def test_a_storage_failure_on_the_last_file_removes_the_files_already_written(msp2026, media, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    real = FileSystemStorage._save

    seen = []

    # The files are written in the UN's order of languages: the Chinese, then the English.
    def refuse_english(self, name, content):
        if name.endswith("-EN.pdf"):
            seen.append(stored_files(media))
            raise OSError("no space left on device")
        return real(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", refuse_english)
    with pytest.raises(OSError, match="no space left on device"):
        issue(msp2026)
    # Written under a temporary name (its official name comes with the commit), then taken away.
    assert len(seen) == 1 and len(seen[0]) == 1
    assert re.fullmatch(r"tmp/[0-9a-f]{32}/documents/2026/BWC_MSP_2026_3-ZH\.pdf", seen[0][0])
    assert list(Document.objects.filter(meeting=msp2026)) == []
    assert stored_files(media) == []


# -- issued means frozen -----------------------------------------------------------------------------


def test_an_issued_file_is_never_replaced_but_a_language_may_be_added(msp2026, media):
    document = issue(msp2026)
    sha_en = IssuedFile.objects.get(document=document, lang="en").sha256
    with pytest.raises(Frozen) as info:
        docs.add_language_version(document, lang="en", upload=pdf(data=tiny_pdf("another text")), by=ISU)
    assert str(info.value) == (
        "BWC/MSP/2026/3 already has its en version on file; a change comes as a corrigendum or revision"
    )
    with pytest.raises(Frozen):
        docs.store_issued_file(document, lang="en", fmt="pdf", data=tiny_pdf("another text"))
    with pytest.raises(Frozen, match="^BWC/MSP/2026/3 is issued: its title cannot change"):
        docs.update_document(document, by=ISU, title={"en": "Another title"})
    assert IssuedFile.objects.get(document=document, lang="en").sha256 == sha_en
    assert (media / "documents/2026/BWC_MSP_2026_3-EN.pdf").read_bytes() == PDF_EN

    # The French version comes later: a new version, stored as issued, audited.
    french = tiny_pdf("le texte")
    version = docs.add_language_version(document, lang="fr", upload=pdf("fr.pdf", french), by=ISU)
    assert (version.kind, version.file.name) == ("official", "documents/2026/BWC_MSP_2026_3-FR.pdf")
    row = IssuedFile.objects.get(document=document, lang="fr")
    assert (row.sha256, row.size) == (hashlib.sha256(french).hexdigest(), len(french))
    entry = AuditEntry.objects.filter(action="document.version").latest("id")
    assert entry.after == {"lang": "fr", "kind": "official", "file": "documents/2026/BWC_MSP_2026_3-FR.pdf"}
    assert document.versions.count() == 6


def test_a_document_in_one_language_takes_only_informal_translations_later(msp2026):
    document = issue(msp2026, files={"en": pdf()}, only_in="en")
    with pytest.raises(DomainError) as info:
        docs.add_language_version(document, lang="fr", upload=pdf(), by=ISU)
    assert str(info.value) == (
        "BWC/MSP/2026/3 is issued in English only: a French file can only be an informal translation"
    )
    version = docs.add_language_version(document, lang="fr", kind="informal", upload=pdf(), by=ISU)
    assert version.kind == "informal"
