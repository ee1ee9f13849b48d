"""Report files and document language versions, named as the UN names files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files import File

from plenary.core.errors import DomainError, NotFound
from plenary.documents.models import Document, LanguageVersion
from plenary.documents.symbols import file_stem, parse
from plenary.reports.builder import build_report, find_report
from plenary.reports.models import Report
from plenary.reports.render import FORMATS


@dataclass
class Rendered:
    content: bytes
    filename: str
    mime: str


def report_file(symbol_or_series: str, fmt: str, lang: str) -> Rendered:
    """The report rendered in `fmt` (txt, html, docx, pdf) and `lang`, named by its symbol:
    BWC_MSP_2017_6-ZH.pdf. Raises NotFound for no such report, DomainError for a bad format."""
    if fmt not in FORMATS:
        raise DomainError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    report = find_report(symbol_or_series)
    render, extension, mime = FORMATS[fmt]
    content = render(build_report(symbol_or_series, lang))
    if isinstance(content, str):
        content = content.encode("utf-8")
    named = report.final or report.draft
    stem = (
        file_stem(named.symbol, lang)
        if named
        else report.meeting.series.replace("/", "_") + f"-{lang.upper()}"
    )
    return Rendered(content, f"{stem}.{extension}", mime)


@dataclass
class StoredVersion:
    file: File
    filename: str


def document_version(symbol: str, lang: str) -> Rendered | StoredVersion:
    """A document's version in `lang`: a meeting's report is rendered (PDF) from the records; any
    other document is served from its file on record. Raises SymbolError for a malformed symbol
    and NotFound when there is no such document or no file in that language."""
    normalized = parse(symbol).format()
    document = Document.objects.filter(symbol=normalized).first()
    if document is None:
        raise NotFound(f"no document {normalized}")
    if Report.objects.filter(final=document).exists():
        return report_file(normalized, "pdf", lang)
    version = LanguageVersion.objects.filter(document=document, lang=lang).exclude(file="").first()
    if version is None or not version.file:
        raise NotFound(f"no {lang} version of {normalized} is on file")
    suffix = PurePosixPath(version.file.name).suffix
    return StoredVersion(version.file, f"{file_stem(normalized, lang)}{suffix}")
