"""Report files and document language versions, named as the UN names files.

An issued document is served from the bytes stored when it was issued (documents.models.IssuedFile),
checked against their SHA-256: nothing issued is rendered again. Only a report that is not issued
yet (a draft, or adopted and waiting for its symbol) is rendered from the records as they are now,
and marked as a draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from plenary.core.errors import DomainError, NotFound
from plenary.documents.domain import sha256_of
from plenary.documents.models import Document, IssuedFile, LanguageVersion
from plenary.documents.symbols import SymbolError, file_stem, parse
from plenary.reports.akn import MIME as AKN_MIME
from plenary.reports.builder import find_report
from plenary.reports.domain import AKN, render_report
from plenary.reports.models import Report
from plenary.reports.render import FORMATS

# The format an issued document is served in when none is asked (a language version's link).
PREFERRED = ("pdf", "docx", "doc", "txt", "html")
MIME = {
    **{fmt: mime for fmt, (_render, _ext, mime) in FORMATS.items()},
    "doc": "application/msword",
    AKN: AKN_MIME,
}


class StoredFileError(Exception):
    """An issued file is missing from storage or no longer matches its SHA-256: it is not served."""


@dataclass
class Download:
    """A file to serve. `status` "issued": the exact bytes stored at issue, checked against their
    `sha256`; "draft" or "adopted": a report not issued yet, rendered from the records now (or a
    draft document's file), with no checksum, since it may still change."""

    content: bytes
    filename: str
    mime: str
    status: str
    sha256: str | None = None

    @property
    def issued(self) -> bool:
        return self.status == "issued"


def mime_of(fmt: str) -> str:
    return MIME.get(fmt, "application/octet-stream")


def read_issued(row: IssuedFile) -> Download:
    """The stored bytes of an issued file, named as the UN names files. Raises StoredFileError when
    the file is missing or its bytes are not those that were issued."""
    try:
        with row.file.open("rb") as handle:
            content = handle.read()
    except (OSError, ValueError):
        raise StoredFileError(
            f"the {row.lang} {row.fmt} file of {row.document.symbol} is recorded but missing from storage"
        ) from None
    if len(content) != row.size or sha256_of(content) != row.sha256:
        raise StoredFileError(
            f"the stored {row.lang} {row.fmt} file of {row.document.symbol} no longer matches the SHA-256 "
            "recorded when it was issued; it is not served"
        )
    filename = f"{file_stem(row.document.symbol, row.lang)}.{row.fmt}"
    return Download(content, filename, mime_of(row.fmt), "issued", row.sha256)


def _document(symbol: str) -> Document | None:
    try:
        normalized = parse(symbol).format()
    except SymbolError:
        return None
    return Document.objects.filter(symbol=normalized).first()


def report_file(symbol_or_series: str, fmt: str, lang: str) -> Download:
    """The report in `fmt` (txt, html, docx, pdf, or akn: Akoma Ntoso XML) and `lang`, named by
    its symbol: BWC_MSP_2017_6-ZH.pdf. An issued report (or a revision of it) is its stored file; a
    report not yet issued is rendered from the records now (status "draft" or "adopted"; its
    Akoma Ntoso XML is made only at issue). Raises NotFound for no such report, DomainError for a
    bad format."""
    if fmt not in FORMATS and fmt != AKN:
        raise DomainError(f"unknown report format {fmt!r}: use one of {', '.join((*FORMATS, AKN))}")
    named = _document(symbol_or_series)
    if named is not None:
        row = IssuedFile.objects.select_related("document").filter(document=named, lang=lang, fmt=fmt).first()
        if row is not None:
            return read_issued(row)
    report = find_report(symbol_or_series)
    if report.status == Report.Status.ISSUED and report.final is not None:
        row = (
            IssuedFile.objects.select_related("document")
            .filter(document=report.final, lang=lang, fmt=fmt)
            .first()
        )
        if row is None:
            raise NotFound(f"{report.final.symbol} is issued but holds no stored {lang} {fmt} file")
        return read_issued(row)
    content = render_report(report, lang, fmt)  # (DomainError for the XML of a report not issued)
    _render, extension, mime = FORMATS[fmt]
    named = report.final or report.draft
    stem = (
        file_stem(named.symbol, lang)
        if named
        else report.meeting.series.replace("/", "_") + f"-{lang.upper()}"
    )
    return Download(content, f"{stem}.{extension}", mime, report.status)


def issued_file(document: Document, lang: str, fmt: str | None = None) -> Download | None:
    """An issued document's stored file in `lang` (and `fmt`, else the preferred format held), or
    None when it holds none."""
    rows = {
        r.fmt: r for r in IssuedFile.objects.select_related("document").filter(document=document, lang=lang)
    }
    if fmt is not None:
        return read_issued(rows[fmt]) if fmt in rows else None
    for choice in (*PREFERRED, *sorted(rows)):
        if choice in rows:
            return read_issued(rows[choice])
    return None


def document_version(symbol: str, lang: str) -> Download:
    """A document's version in `lang`: its issued file (a report's or a list's PDF, an uploaded
    version's own file). Raises SymbolError for a malformed symbol and NotFound when there is no
    such document or no file in that language."""
    normalized = parse(symbol).format()
    document = Document.objects.filter(symbol=normalized).first()
    if document is None:
        raise NotFound(f"no document {normalized}")
    stored = issued_file(document, lang)
    if stored is not None:
        return stored
    version = LanguageVersion.objects.filter(document=document, lang=lang).exclude(file="").first()
    if version is None or not version.file:
        raise NotFound(f"no {lang} version of {normalized} is on file")
    if document.status == Document.Status.ISSUED:
        # An issued document is served only from its checksummed files.
        raise StoredFileError(
            f"the {lang} version of {normalized} is on file without the SHA-256 of its issue; it is not served"
        )
    try:
        with version.file.open("rb") as handle:
            content = handle.read()
    except OSError:
        raise StoredFileError(
            f"the {lang} version of {normalized} is recorded but its file is missing"
        ) from None
    fmt = version.file.name.rsplit(".", 1)[-1].lower()
    return Download(content, f"{file_stem(normalized, lang)}.{fmt}", mime_of(fmt), "draft")
