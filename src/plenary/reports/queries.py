"""Read helpers for reports: the files an issued document holds, and whether the records behind an
issued report now differ from what was issued."""

from __future__ import annotations

from dataclasses import dataclass

from plenary.core.languages import UN_LANGUAGES
from plenary.documents import numbering
from plenary.documents.domain import sha256_of
from plenary.documents.models import Document, IssuedFile
from plenary.documents.symbols import format_symbol
from plenary.reports.builder import build_report_of, kind_phrases, report_kind, report_sections
from plenary.reports.domain import render_report
from plenary.reports.models import Report, ReportParagraph
from plenary.reports.render import render_html


def issued_files(document: Document) -> dict[tuple[str, str], IssuedFile]:
    """The stored files of an issued document by (language, format) (one query)."""
    return {(f.lang, f.fmt): f for f in IssuedFile.objects.filter(document=document)}


def current_issue(report: Report) -> Document | None:
    """The document that holds the report as last issued from the records: its final document, or
    the newest revision of it rendered by Plenary (one with stored text files)."""
    if report.status != Report.Status.ISSUED or report.final is None:
        return None
    revisions = (
        Document.objects.filter(parent=report.final, symbol__contains="/Rev.", issued_files__fmt="txt")
        .distinct()
        .order_by("-issued_on", "-id")
    )
    return revisions.first() or report.final


@dataclass(frozen=True)
class RecordsChanged:
    document: Document  # the issued document the records now differ from
    languages: tuple[str, ...]  # the languages whose text differs


def records_changed(report: Report) -> RecordsChanged | None:
    """Whether the records now differ from what was issued: the report's text is rendered from the
    live records in each language (under the symbol and date of the document last issued) and its
    SHA-256 compared with the stored text's. None when the report is not issued or nothing differs.
    The issued document itself never changes; this only tells staff that a corrigendum or revision
    may be due."""
    document = current_issue(report)
    if document is None:
        return None
    stored = {f.lang: f.sha256 for f in IssuedFile.objects.filter(document=document, fmt="txt")}
    issued_as = None if document == report.final else document
    differ = tuple(
        lang
        for lang in UN_LANGUAGES
        if lang in stored
        and sha256_of(render_report(report, lang, "txt", issued_as=issued_as)) != stored[lang]
    )
    return RecordsChanged(document, differ) if differ else None


# -- the report page and its paragraphs editor --------------------------------------------------


def report_of(meeting) -> Report | None:
    """The meeting's report with its draft and final documents, or None (one query)."""
    return Report.objects.filter(meeting=meeting).select_related("meeting__treaty", "draft", "final").first()


@dataclass(frozen=True)
class SectionParagraphs:
    key: str
    title: str  # in the language asked
    paragraphs: tuple[ReportParagraph, ...]


def written_paragraphs(report: Report, lang: str) -> list[SectionParagraphs]:
    """Every section of the report (its builder's structure), with its title in `lang` and the
    paragraphs the secretariat wrote for it, in order (two queries)."""
    by_section: dict[str, list[ReportParagraph]] = {}
    for paragraph in ReportParagraph.objects.filter(report=report).order_by("section", "position", "id"):
        by_section.setdefault(paragraph.section, []).append(paragraph)
    kind = "MSP" if report.texts else report_kind(report.meeting)
    titles = kind_phrases(lang, kind)["sections"]
    out = []
    for key in report_sections(report):
        title = titles[key]
        if key == "programme":
            title = title.replace("{first}-{last}", "").replace("{first}–{last}", "").strip()
        out.append(SectionParagraphs(key, title, tuple(by_section.get(key, ()))))
    return out


def issue_symbol_choices(meeting) -> list[tuple[str, str]]:
    """What a report can be issued as: first the next free official number of the meeting's
    series (allocated at issue: "" here), then the meeting's official documents (issuing refuses
    one that already holds issued files, and says so)."""
    nxt = format_symbol(meeting.series, None, numbering.peek_number(meeting, ""))
    official = (
        Document.objects.filter(meeting=meeting, doc_type="", parent=None)
        .order_by("number", "symbol")
        .values_list("symbol", flat=True)
    )
    return [("", nxt), *((s, s) for s in official)]


def draft_preview(report: Report, lang: str) -> str:
    """The report as it stands now, in `lang`, as a complete HTML page (nothing is stored)."""
    return render_html(build_report_of(report, lang))
