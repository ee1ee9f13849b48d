"""The provisional agenda (/1) and the provisional programme of work (/2): built in the six
languages, rendered in every format, issued with their 24 files (frozen: a later change of the
agenda leaves them as they are; a revision carries the change), and the adoption of the agenda."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from django.utils import translation

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile, LanguageVersion
from plenary.meetings import agenda as A
from plenary.meetings.models import Meeting
from plenary.proceedings.models import Decision
from plenary.reports import agenda as R
from plenary.reports import render
from plenary.reports.render import render_txt
from tests.factories import DocumentFactory, MeetingFactory
from tests.helpers import AGENDA_TITLES, meeting_with_agenda

ISU = Actor.system("isu")
LANGS = ["ar", "zh", "en", "fr", "ru", "es"]
FORMATS = ["txt", "html", "docx", "pdf"]
ON = dt.date(2026, 9, 1)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def meeting(db, media):
    return meeting_with_agenda()


def stored(document: Document) -> dict[tuple[str, str], bytes]:
    out = {}
    for row in IssuedFile.objects.filter(document=document):
        with row.file.open("rb") as handle:
            out[(row.lang, row.fmt)] = handle.read()
    return out


def files_on_disk(media: Path) -> list[str]:
    return (
        sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []
    )


# -- the documents, as text ----------------------------------------------------------------------


def test_the_provisional_agenda_in_english_and_chinese(meeting):
    assert render_txt(R.build_agenda(meeting, "en", symbol="BWC/MSP/2026/1", issued_on=ON)) == (
        "BWC/MSP/2026/1\n"
        "General\n"
        "1 September 2026\n"
        "Original: English\n"
        "\n"
        "Meeting of the States Parties to the Convention on the Prohibition of the Development, Production "
        "and Stockpiling of Bacteriological (Biological) and Toxin Weapons and on Their Destruction\n"
        "Geneva, 7–10 December 2026\n"
        "\n"
        "Provisional agenda\n"
        "Submitted by the Chair\n"
        "\n"
        "1. Opening of the meeting\n"
        "2. Adoption of the agenda\n"
        "3. General debate\n"
        "(a) Statements by States Parties\n"
        "(b) Statements by observers\n"
    )
    assert render_txt(R.build_agenda(meeting, "zh", symbol="BWC/MSP/2026/1", issued_on=ON)) == (
        "BWC/MSP/2026/1\n"
        "普遍分发\n"
        "2026年9月1日\n"
        "原文：英文\n"
        "\n"
        "禁止发展、生产和储存细菌(生物)及毒素武器以及销毁这类武器的公约缔约国会议\n"
        "2026年12月7日至10日，日内瓦\n"
        "\n"
        "临时议程\n"
        "主席提交\n"
        "\n"
        "1. 会议开幕\n"
        "2. 通过议程\n"
        "3. 一般性辩论\n"
        "(a) 缔约国的发言\n"
        "(b) 观察员的发言\n"
    )


def test_sub_items_are_lettered_as_each_language_letters_them(meeting):
    def subs(lang):
        tree = R.build_agenda(meeting, lang, symbol="BWC/MSP/2026/1", issued_on=ON)
        return [(p.number, p.text) for p in tree.blocks if p.kind == "sub"]

    assert subs("ar") == [("(أ)", "بيانات الدول الأطراف"), ("(ب)", "بيانات المراقبين")]
    assert subs("fr") == [("a)", "Déclarations des États parties"), ("b)", "Déclarations des observateurs")]
    assert subs("ru") == [("a)", "Заявления государств-участников"), ("b)", "Заявления наблюдателей")]
    assert subs("es") == [
        ("a)", "Declaraciones de los Estados Partes"),
        ("b)", "Declaraciones de los observadores"),
    ]


def test_the_programme_of_work_in_english_and_arabic(meeting):
    assert render_txt(R.build_programme(meeting, "en", symbol="BWC/MSP/2026/2", issued_on=ON)).split(
        "\n\n", 3
    )[3] == (
        "Date | Time | Agenda item | Subject\n"
        "Monday, 7 December 2026 | 10.00–13.00 | 1 | Opening of the meeting\n"
        " |  | 2 | Adoption of the agenda\n"
        " | 15.00–18.00 | 3 | General debate\n"
        " |  |  | Informal meeting with non-governmental organizations\n"
    )
    tree = R.build_programme(meeting, "ar", symbol="BWC/MSP/2026/2", issued_on=ON)
    assert (tree.title, tree.subtitle, tree.direction) == ("برنامج العمل المؤقت", "مقدم من الرئيس", "rtl")
    assert tree.body_lines[1] == "جنيف، 7-10 كانون الأول/ديسمبر 2026"
    (table,) = tree.blocks
    assert table.header == ("التاريخ", "الوقت", "البند من جدول الأعمال", "الموضوع")
    assert table.rows == (
        ("الاثنين، 7 كانون الأول/ديسمبر 2026", "10:00-13:00", "1", "افتتاح الاجتماع"),
        ("", "", "2", "إقرار جدول الأعمال"),
        ("", "15:00-18:00", "3", "المناقشة العامة"),
        ("", "", "", "اجتماع غير رسمي مع المنظمات غير الحكومية"),
    )


def test_a_sub_item_on_the_programme_and_a_sitting_without_hours(meeting):
    sub = meeting.agenda.get(parent__number=3, number=2)
    evening = A.plan_sitting(meeting, date="2026-12-08", period="evening", note={"fr": "informelle"}, by=ISU)
    A.add_programme_entry(evening, agenda_item=sub, by=ISU)
    rows = R.build_programme(meeting, "fr", symbol="BWC/MSP/2026/2", issued_on=ON).blocks[0].rows
    assert rows[-1] == ("Mardi 8 décembre 2026", "Soir (informelle)", "3 b)", "Déclarations des observateurs")
    rows = R.build_programme(meeting, "zh", symbol="BWC/MSP/2026/2", issued_on=ON).blocks[0].rows
    assert rows[0][0] == "2026年12月7日星期一"
    assert rows[-1] == ("2026年12月8日星期二", "晚上", "3 (b)", "观察员的发言")


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (
            dt.date(2026, 11, 30),
            dt.date(2026, 12, 4),
            {
                "en": "30 November–4 December 2026",
                "zh": "2026年11月30日至12月4日",
                "fr": "30 novembre-4 décembre 2026",
                "es": "30 de noviembre a 4 de diciembre de 2026",
                "ru": "30 ноября – 4 декабря 2026 года",
                "ar": "30 تشرين الثاني/نوفمبر - 4 كانون الأول/ديسمبر 2026",
            },
        ),
        (
            dt.date(2026, 12, 7),
            dt.date(2026, 12, 7),
            {
                "en": "7 December 2026",
                "zh": "2026年12月7日",
                "fr": "7 décembre 2026",
                "es": "7 de diciembre de 2026",
                "ru": "7 декабря 2026 года",
                "ar": "7 كانون الأول/ديسمبر 2026",
            },
        ),
    ],
)
def test_the_cover_dates(start, end, expected):
    assert {lang: R.cover_dates(start, end, lang) for lang in LANGS} == {
        lang: expected[lang] for lang in LANGS
    }


def test_the_meeting_is_named_by_its_record_else_by_its_kind(db):
    revcon = MeetingFactory(
        series="BWC/CONF.X", kind="REVCON", number=10, year=2027, title={"en": "Tenth RevCon"}
    )
    # The demo data hold the Tenth Review Conference, planned, with no title of its own: the test
    # gives it one (inside the test's transaction).
    Meeting.objects.filter(pk=revcon.pk).update(title={"en": "Tenth RevCon"})
    revcon.refresh_from_db()
    assert (R.meeting_name(revcon, "en"), R.meeting_name(revcon, "zh")) == (
        "Tenth RevCon",
        "禁止发展、生产和储存细菌(生物)及毒素武器以及销毁这类武器的公约缔约国第十次审查会议",
    )
    assert R.meeting_name(revcon, "fr") == (
        "Dixième Conférence des États parties chargée de l'examen de la Convention sur l'interdiction de la "
        "mise au point, de la fabrication et du stockage des armes bactériologiques (biologiques) ou à toxines "
        "et sur leur destruction"
    )


# -- every language and format --------------------------------------------------------------------


def pdf_text(data: bytes, tmp_path: Path) -> str:
    """The PDF's text by pdftotext, without the bidi marks it adds and with white space collapsed."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make deps` installs poppler-utils")
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


@pytest.mark.parametrize("which", ["agenda", "programme"])
def test_every_language_and_format_renders(meeting, which, tmp_path):
    import docx

    symbol = f"BWC/MSP/2026/{R.WHICH[which][1]}"
    title = R.phrases("en")[f"{which}_title"]
    for lang in LANGS:
        tree = R.BUILDERS[which](meeting, lang, symbol=symbol, issued_on=ON)
        files = {fmt: R._bytes(tree, fmt) for fmt in FORMATS}
        txt = files["txt"].decode("utf-8")
        assert txt.startswith(f"{symbol}\n") and tree.title in txt
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in files["html"].decode("utf-8")
        word = docx.Document(io.BytesIO(files["docx"]))
        paragraphs = [p.text for p in word.paragraphs]
        assert tree.title in paragraphs and word.core_properties.subject == symbol
        if which == "agenda":
            assert f"1.\t{AGENDA_TITLES['opening'][lang]}" in paragraphs
        else:
            cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
            assert AGENDA_TITLES["ngos"][lang] in cells
        assert files["pdf"].startswith(b"%PDF")
        if lang in ("zh", "ar"):
            text = pdf_text(files["pdf"], tmp_path)
            wanted = [symbol, tree.title, AGENDA_TITLES["opening"][lang], AGENDA_TITLES["debate"][lang]]
            if which == "agenda":
                wanted += [AGENDA_TITLES["states"][lang], "(a)" if lang == "zh" else "(أ)"]
            assert [w for w in wanted if w not in text] == [], (lang, text)
    assert title in ("Provisional agenda", "Provisional programme of work")


# -- issuing ----------------------------------------------------------------------------------------


def test_issuing_stores_the_24_files_with_their_sha256(meeting, fast_pdf, media):
    document = R.issue_agenda_document(meeting, "agenda", on=ON, by=ISU)
    assert (
        document.symbol,
        document.series,
        document.doc_type,
        document.number,
        document.generated,
        document.status,
        document.issued_on,
        document.original_language,
        document.title,
    ) == (
        "BWC/MSP/2026/1",
        "BWC/MSP/2026",
        "",
        1,
        "agenda",
        "issued",
        ON,
        "en",
        {
            "ar": "جدول الأعمال المؤقت",
            "zh": "临时议程",
            "en": "Provisional agenda",
            "fr": "Ordre du jour provisoire",
            "ru": "Предварительная повестка дня",
            "es": "Programa provisional",
        },
    )
    assert sorted(LanguageVersion.objects.filter(document=document).values_list("lang", flat=True)) == sorted(
        LANGS
    )
    files = stored(document)
    assert sorted(files) == sorted((lang, fmt) for lang in LANGS for fmt in FORMATS)
    for row in IssuedFile.objects.filter(document=document):
        assert (row.sha256, row.size) == (
            hashlib.sha256(files[(row.lang, row.fmt)]).hexdigest(),
            len(files[(row.lang, row.fmt)]),
        )
        assert row.file.name == f"issued/BWC_MSP_2026_1-{row.lang.upper()}.{row.fmt}"
    assert files[("zh", "txt")].decode() == render_txt(
        R.build_agenda(meeting, "zh", symbol="BWC/MSP/2026/1", issued_on=ON)
    )
    entry = AuditEntry.objects.get(action="agenda.issue")
    assert (entry.object_id, entry.after["symbol"], entry.after["on"]) == (
        str(document.pk),
        "BWC/MSP/2026/1",
        "2026-09-01",
    )
    assert entry.after["files"] == {
        f"{r.lang}.{r.fmt}": r.sha256 for r in IssuedFile.objects.filter(document=document)
    }
    assert entry.after["from"][3] == {"item": "3 (a)", "title": AGENDA_TITLES["states"]}
    programme = R.issue_agenda_document(meeting, "programme", on=ON, by=ISU)
    assert (programme.symbol, programme.number, programme.generated) == ("BWC/MSP/2026/2", 2, "programme")
    assert IssuedFile.objects.filter(document=programme).count() == 24


def test_the_issued_agenda_does_not_change_when_the_agenda_does(meeting, fast_pdf):
    document = R.issue_agenda_document(meeting, "agenda", on=ON, by=ISU)
    before = stored(document)
    debate = meeting.agenda.get(number=3, parent=None)
    A.edit_agenda_item(debate, title={**AGENDA_TITLES["debate"], "en": "General exchange of views"}, by=ISU)
    A.add_agenda_item(meeting, title={lang: f"Other matters [{lang}]" for lang in LANGS}, by=ISU)
    assert stored(document) == before
    assert b"General debate" in before[("en", "txt")]
    preview = R.render_preview(meeting, "agenda", "en", "txt").decode()
    assert "3. General exchange of views" in preview and "4. Other matters [en]" in preview
    with pytest.raises(Frozen) as raised:
        R.issue_agenda_document(meeting, "agenda", on=ON, by=ISU)
    assert str(raised.value) == (
        "the provisional agenda of BWC/MSP/2026 is issued as BWC/MSP/2026/1 on 1 September 2026: an issued document "
        "does not change; a corrected one goes out as a revision (Rev.)"
    )
    revision = R.revise_agenda_document(meeting, "agenda", by=ISU)
    assert (revision.symbol, revision.parent, revision.doc_type) == ("BWC/MSP/2026/1/Rev.1", document, "")
    text = stored(revision)[("en", "txt")].decode()
    assert text.startswith("BWC/MSP/2026/1/Rev.1\n") and "4. Other matters [en]" in text
    assert stored(document) == before
    assert R.current_document(meeting, "agenda") == revision


@pytest.mark.parametrize(
    "symbol, message",
    [
        ("BWC/MSP/2026/1", "BWC/MSP/2026/1 is already recorded (Paper 1): choose a free symbol"),
        (
            "BWC/MSP/2027/1",
            "BWC/MSP/2027/1 is not an official document of BWC/MSP/2026 (BWC/MSP/2026/1, /2 ...)",
        ),
        (
            "BWC/MSP/2026/CRP.1",
            "BWC/MSP/2026/CRP.1 is not an official document of BWC/MSP/2026 (BWC/MSP/2026/1, /2 ...)",
        ),
        (
            "BWC/MSP/2026/1/Rev.1",
            "BWC/MSP/2026/1/Rev.1 is not an official document of BWC/MSP/2026 (BWC/MSP/2026/1, /2 ...)",
        ),
        ("not a symbol", None),
    ],
)
def test_a_symbol_taken_or_not_the_meetings_is_refused_and_nothing_written(
    meeting, fast_pdf, media, symbol, message
):
    DocumentFactory(meeting=meeting, doc_type="", number=1)  # BWC/MSP/2026/1, recorded before
    documents, files = Document.objects.count(), files_on_disk(media)
    with pytest.raises(DomainError) as raised:
        R.issue_agenda_document(meeting, "agenda", symbol=symbol, on=ON, by=ISU)
    if message is not None:
        assert str(raised.value) == message
    else:
        assert str(raised.value).startswith("'not a symbol': ")
    assert (
        Document.objects.count(),
        files_on_disk(media),
        AuditEntry.objects.filter(action="agenda.issue").count(),
    ) == (
        documents,
        files,
        0,
    )


def test_a_given_free_symbol_is_taken(meeting, fast_pdf):
    document = R.issue_agenda_document(meeting, "programme", symbol=" bwc/msp/2026/3 ", on=ON, by=ISU)
    assert (document.symbol, document.number, document.generated) == ("BWC/MSP/2026/3", 3, "programme")


def test_an_agenda_not_ready_in_six_languages_is_not_issued(meeting, fast_pdf, media):
    debate = meeting.agenda.get(number=3, parent=None)
    A.edit_agenda_item(debate, title={"en": "General debate", "zh": "一般性辩论"}, by=ISU)
    sub = meeting.agenda.get(parent=debate, number=1)
    A.edit_agenda_item(sub, title={**AGENDA_TITLES["states"], "ru": ""}, by=ISU)
    with pytest.raises(DomainError) as raised:
        R.issue_agenda_document(meeting, "agenda", on=ON, by=ISU)
    assert str(raised.value) == (
        "the provisional agenda of BWC/MSP/2026 is issued in the six languages: item 3 has no title in Arabic, "
        "French, Russian, Spanish; item 3 (a) has no title in Russian"
    )
    with translation.override("fr"):
        assert str(raised.value) == (
            "l’ordre du jour provisoire de BWC/MSP/2026 est publié dans les six langues : le point 3 n’a pas de "
            "titre dans ces langues : Arabe, Français, Russe, Espagnol ; le point 3 (a) n’a pas de titre dans ces "
            "langues : Russe"
        )
    with pytest.raises(DomainError) as raised:
        R.issue_agenda_document(meeting, "programme", on=ON, by=ISU)
    assert str(raised.value) == (
        "the provisional programme of work of BWC/MSP/2026 is issued in the six languages: sitting 2: item 3 has "
        "no text in Arabic, French, Russian, Spanish"
    )
    with translation.override("ru"):
        assert str(raised.value).endswith(
            "заседание 2: у пункта 3 нет текста на следующих языках: Арабский, Французский, Русский, Испанский"
        )
    assert (Document.objects.filter(meeting=meeting).count(), files_on_disk(media)) == (0, [])
    empty = MeetingFactory(series="BWC/MSP/2125", start=None, end=None, venue="")
    with pytest.raises(DomainError) as raised:
        R.issue_agenda_document(empty, "agenda", on=ON, by=ISU)
    assert str(raised.value) == (
        "the provisional agenda of BWC/MSP/2125 is issued in the six languages: BWC/MSP/2125 has no dates yet; "
        "BWC/MSP/2125 has no venue yet; BWC/MSP/2125 has no agenda item yet"
    )


def test_a_failure_while_issuing_leaves_no_document_and_no_file(meeting, monkeypatch, media):
    def broken(tree):
        if tree.lang == "ru":
            raise RuntimeError("the renderer failed")
        return b"%PDF-1.7 test"

    monkeypatch.setitem(render.FORMATS, "pdf", (broken, "pdf", "application/pdf"))
    with pytest.raises(RuntimeError, match="the renderer failed"):
        R.issue_agenda_document(meeting, "agenda", on=ON, by=ISU)
    assert (
        Document.objects.filter(meeting=meeting).count(),
        IssuedFile.objects.filter(document__meeting=meeting).count(),
    ) == (0, 0)
    assert files_on_disk(media) == []


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"which": "minutes"}, "which document: agenda or programme, not 'minutes'"),
        ({"on": "2026-09-01"}, "the date of issue is a date (YYYY-MM-DD)"),
        ({"original_language": "de"}, "'de' is not one of the UN languages"),
    ],
)
def test_hostile_arguments_to_issue(meeting, kwargs, message):
    values = {"which": "agenda", "on": ON, **kwargs}
    with pytest.raises(DomainError) as raised:
        R.issue_agenda_document(meeting, values.pop("which"), by=ISU, **values)
    assert str(raised.value) == message
    assert Document.objects.filter(meeting=meeting).count() == 0


@pytest.mark.parametrize("persona", ["anonymous", "fra_fp", "fra_del", "ngo", "officer"])
def test_only_the_secretariat_issues_and_records_the_adoption(meeting, people, persona):
    by = people.actor(persona)
    for call in (
        lambda: R.issue_agenda_document(meeting, "agenda", on=ON, by=by),
        lambda: R.revise_agenda_document(meeting, "agenda", by=by),
        lambda: R.adopt_agenda(meeting, on=dt.date(2026, 12, 7), by=by),
    ):
        with pytest.raises(NotAllowed):
            call()
    assert (
        Document.objects.filter(meeting=meeting).count(),
        Decision.objects.filter(meeting=meeting).count(),
    ) == (0, 0)


# -- the adoption -----------------------------------------------------------------------------------


def test_the_adoption_is_a_decision_under_its_item_and_freezes_the_agenda(meeting, fast_pdf):
    R.issue_agenda_document(meeting, "agenda", on=ON, by=ISU)
    decision = R.adopt_agenda(meeting, on=dt.date(2026, 12, 7), by=ISU)
    assert (decision.key, decision.adopted_on, decision.method, decision.agenda_item.label) == (
        "agenda",
        dt.date(2026, 12, 7),
        "consensus",
        "2",
    )
    assert decision.text == {
        "ar": "أقر الاجتماع جدول أعماله (BWC/MSP/2026/1).",
        "zh": "通过会议议程(BWC/MSP/2026/1)。",
        "en": "The Meeting adopted its agenda (BWC/MSP/2026/1).",
        "fr": "La Réunion a adopté son ordre du jour (BWC/MSP/2026/1).",
        "ru": "Совещание утвердило свою повестку дня (BWC/MSP/2026/1).",
        "es": "La Reunión aprobó su programa (BWC/MSP/2026/1).",
    }
    assert A.adopted_on(meeting) == dt.date(2026, 12, 7)
    entry = AuditEntry.objects.get(action="agenda.adopt")
    assert entry.after == {
        "on": "2026-12-07",
        "orally_amended": False,
        "document": "BWC/MSP/2026/1",
        "agenda_item": "2",
        "decision": decision.pk,
    }
    with pytest.raises(
        Frozen, match="^the agenda of BWC/MSP/2026 was adopted on 7 December 2026: it is not adopted again$"
    ):
        R.adopt_agenda(meeting, on=dt.date(2026, 12, 8), by=ISU)
    with pytest.raises(
        Frozen, match="^the agenda of BWC/MSP/2026 was adopted on 7 December 2026: it no longer changes"
    ):
        A.add_agenda_item(meeting, title={"en": "Other matters"}, by=ISU)


def test_adopted_as_orally_amended_cites_the_last_revision(meeting, fast_pdf):
    R.issue_agenda_document(meeting, "agenda", on=ON, by=ISU)
    R.revise_agenda_document(meeting, "agenda", by=ISU)
    decision = R.adopt_agenda(meeting, on=dt.date(2026, 12, 7), orally_amended=True, by=ISU)
    assert decision.text == {
        "ar": "أقر الاجتماع جدول أعماله (BWC/MSP/2026/1/Rev.1) بصيغته المعدلة شفوياً.",
        "zh": "通过经口头订正的会议议程(BWC/MSP/2026/1/Rev.1)。",
        "en": "The Meeting adopted its agenda (BWC/MSP/2026/1/Rev.1), as orally amended.",
        "fr": "La Réunion a adopté son ordre du jour (BWC/MSP/2026/1/Rev.1), tel que modifié oralement.",
        "ru": "Совещание утвердило свою повестку дня (BWC/MSP/2026/1/Rev.1) с внесенными в нее устными изменениями.",
        "es": "La Reunión aprobó su programa (BWC/MSP/2026/1/Rev.1), en su forma oralmente revisada.",
    }


def test_an_adoption_without_a_document_or_an_adoption_item(db):
    meeting = MeetingFactory(series="BWC/MSP/2124")
    with pytest.raises(DomainError, match="^BWC/MSP/2124 has no agenda to adopt: set its items first$"):
        R.adopt_agenda(meeting, on=dt.date(2124, 12, 6), by=ISU)
    A.add_agenda_item(meeting, title={"en": "Opening"}, by=ISU)
    with pytest.raises(
        DomainError, match=r"^BWC/MSP/2124: decision 'agenda': 10 December 2124 is not a day of the meeting"
    ):
        R.adopt_agenda(meeting, on=dt.date(2124, 12, 10), by=ISU)
    assert Decision.objects.filter(meeting=meeting).count() == 0
    decision = R.adopt_agenda(meeting, on=dt.date(2124, 12, 6), by=ISU)
    assert (decision.text["en"], decision.agenda_item) == ("The Meeting adopted its agenda.", None)
