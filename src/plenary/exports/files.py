"""Report files and document language versions, named as the UN names files.

An issued document is served from the bytes stored when it was issued (documents.models.IssuedFile),
checked against their SHA-256 (exports.stored says how, without hashing every byte of every
download) and streamed from storage: nothing issued is rendered again. Only a report that is not
issued yet (a draft, or adopted and waiting for its symbol) is rendered from the records as they
are now, and marked as a draft.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from dataclasses import dataclass
from typing import IO

from django.db.models.fields.files import FieldFile

from plenary.core.errors import DomainError, NotFound
from plenary.documents.models import Document, IssuedFile, LanguageVersion
from plenary.documents.symbols import SymbolError, file_stem, parse
from plenary.exports.ranges import ByteRange
from plenary.exports.stored import StoredFileError, open_issued
from plenary.reports.akn import MIME as AKN_MIME
from plenary.reports.builder import find_report
from plenary.reports.domain import AKN, render_report
from plenary.reports.models import Report
from plenary.reports.render import FORMATS

__all__ = [
    "Download",
    "StoredFileError",
    "document_version",
    "issued_by_symbol",
    "issued_file",
    "report_file",
]

# The format an issued document is served in when none is asked (a language version's link).
PREFERRED = ("pdf", "docx", "doc", "txt", "html")
MIME = {
    **{fmt: mime for fmt, (_render, _ext, mime) in FORMATS.items()},
    "doc": "application/msword",
    AKN: AKN_MIME,
}


@dataclass
class Download:
    """A file to serve. `status` "issued": the exact bytes stored at issue (`stored`), read from
    storage only when opened, and checked against their `sha256` then; "draft" or "adopted": a
    report not issued yet, rendered from the records now (`data`), or a draft document's uploaded
    file (`draft_file`), with no checksum, since it may still change."""

    filename: str
    mime: str
    status: str
    sha256: str | None = None
    stored: IssuedFile | None = None
    data: bytes | None = None
    draft_file: FieldFile | None = None
    missing: str = ""  # what to say when the draft file is not in storage

    @property
    def issued(self) -> bool:
        return self.status == "issued"

    @property
    def size(self) -> int:
        if self.stored is not None:
            return self.stored.size
        if self.draft_file is not None:
            return self.draft_file.size
        return len(self.data or b"")

    @property
    def modified(self) -> dt.datetime | None:
        """When the bytes were issued (Last-Modified); None for a file that may still change."""
        return self.stored.issued_at if self.stored is not None else None

    def open(self, part: ByteRange | None = None) -> IO[bytes]:
        """The bytes (all, or `part` of an issued file), to read and close. Raises StoredFileError
        for an issued file that is missing or no longer matches its SHA-256."""
        if self.stored is not None:
            return open_issued(self.stored, part)
        if self.draft_file is not None:
            try:
                return self.draft_file.storage.open(self.draft_file.name, "rb")
            except (OSError, ValueError):
                raise StoredFileError(self.missing or f"{self.filename} is missing") from None
        return io.BytesIO(self.data or b"")

    def copy_to(self, target: IO[bytes]) -> None:
        with self.open() as source:
            shutil.copyfileobj(source, target)

    @property
    def content(self) -> bytes:
        """All the bytes at once (for the command line and the tests; downloads stream `open()`)."""
        out = io.BytesIO()
        self.copy_to(out)
        return out.getvalue()


def mime_of(fmt: str) -> str:
    return MIME.get(fmt, "application/octet-stream")


def issued_download(row: IssuedFile) -> Download:
    """An issued file, named as the UN names files, read from storage when it is opened."""
    filename = f"{file_stem(row.document.symbol, row.lang)}.{row.fmt}"
    return Download(filename, mime_of(row.fmt), "issued", row.sha256, stored=row)


def _issued_rows(symbol: str, lang: str, fmt: str | None = None) -> list[IssuedFile]:
    """The issued files of the document `symbol` (normalized) in `lang`: one query."""
    # No ORDER BY: one row per format, and the caller picks the format. Only the columns a
    # download needs: decoding the document's multilingual JSON fields would cost more than the
    # query.
    rows = (
        IssuedFile.objects.select_related("document")
        .only("document", "lang", "fmt", "file", "sha256", "size", "issued_at", "document__symbol")
        .filter(document__symbol=symbol, lang=lang)
        .order_by()
    )
    return list(rows.filter(fmt=fmt) if fmt is not None else rows)


def _normalized(symbol: str) -> str | None:
    try:
        return parse(symbol).format()
    except SymbolError:
        return None


def report_file(symbol_or_series: str, fmt: str, lang: str) -> Download:
    """The report in `fmt` (txt, html, docx, pdf, or akn: Akoma Ntoso XML) and `lang`, named by
    its symbol: BWC_MSP_2017_6-ZH.pdf. An issued report (or a revision of it) is its stored file
    (not read yet: opening the Download reads and checks it); a report not yet issued is rendered
    from the records now (status "draft" or "adopted"; its Akoma Ntoso XML is made only at issue).
    Raises NotFound for no such report, DomainError for a bad format.

    Named by the symbol of an issued document (the common download,
    /api/reports/BWC/MSP/2017/6.txt?lang=zh), it costs one query: the issued file's row with its
    document."""
    if fmt not in FORMATS and fmt != AKN:
        raise DomainError(f"unknown report format {fmt!r}: use one of {', '.join((*FORMATS, AKN))}")
    normalized = _normalized(symbol_or_series)
    if normalized is not None:
        rows = _issued_rows(normalized, lang, fmt)
        if rows:
            return issued_download(rows[0])
    report = find_report(symbol_or_series)
    if report.status == Report.Status.ISSUED and report.final is not None:
        rows = _issued_rows(report.final.symbol, lang, fmt)
        if not rows:
            raise NotFound(f"{report.final.symbol} is issued but holds no stored {lang} {fmt} file")
        return issued_download(rows[0])
    content = render_report(report, lang, fmt)  # (DomainError for the XML of a report not issued)
    _render, extension, mime = FORMATS[fmt]
    named = report.final or report.draft
    stem = (
        file_stem(named.symbol, lang)
        if named
        else report.meeting.series.replace("/", "_") + f"-{lang.upper()}"
    )
    return Download(f"{stem}.{extension}", mime, report.status, data=content)


def _preferred(rows: list[IssuedFile], fmt: str | None) -> IssuedFile | None:
    by_fmt = {r.fmt: r for r in rows}
    if fmt is not None:
        return by_fmt.get(fmt)
    for choice in (*PREFERRED, *sorted(by_fmt)):
        if choice in by_fmt:
            return by_fmt[choice]
    return None


def issued_file(document: Document, lang: str, fmt: str | None = None) -> Download | None:
    """An issued document's stored file in `lang` (and `fmt`, else the preferred format held), or
    None when it holds none. The file is read, and checked, when the Download is opened."""
    row = _preferred(_issued_rows(document.symbol, lang, fmt), fmt)
    return issued_download(row) if row is not None else None


def issued_by_symbol(symbol: str, lang: str, fmt: str) -> Download | None:
    """The issued file of the document `symbol` (normalized) in `lang` and `fmt`, or None: one
    query. The file is read, and checked, when the Download is opened."""
    rows = _issued_rows(symbol, lang, fmt)
    return issued_download(rows[0]) if rows else None


def document_version(symbol: str, lang: str) -> Download:
    """A document's version in `lang`: its issued file (a report's or a list's PDF, an uploaded
    version's own file), or a draft document's uploaded file. Raises SymbolError for a malformed
    symbol, NotFound when there is no such document or no file in that language, and
    StoredFileError for a file on an issued document without the checksum of its issue.

    An issued version costs one query (its issued files in that language, with the document)."""
    normalized = parse(symbol).format()
    row = _preferred(_issued_rows(normalized, lang), None)
    if row is not None:
        return issued_download(row)
    document = Document.objects.filter(symbol=normalized).first()
    if document is None:
        raise NotFound(f"no document {normalized}")
    version = LanguageVersion.objects.filter(document=document, lang=lang).exclude(file="").first()
    if version is None or not version.file:
        raise NotFound(f"no {lang} version of {normalized} is on file")
    if document.status == Document.Status.ISSUED:
        # An issued document is served only from its checksummed files.
        raise StoredFileError(
            f"the {lang} version of {normalized} is on file without the SHA-256 of its issue; it is not served"
        )
    fmt = version.file.name.rsplit(".", 1)[-1].lower()
    return Download(
        f"{file_stem(normalized, lang)}.{fmt}",
        mime_of(fmt),
        "draft",
        draft_file=version.file,
        missing=f"the {lang} version of {normalized} is recorded but its file is missing",
    )
