"""Read helpers for reports: the files an issued document holds, and whether the records behind an
issued report now differ from what was issued."""

from __future__ import annotations

from dataclasses import dataclass

from plenary.core.languages import UN_LANGUAGES
from plenary.documents.domain import sha256_of
from plenary.documents.models import Document, IssuedFile
from plenary.reports.domain import render_report
from plenary.reports.models import Report


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
