"""Reads of documents shared by the pages: how each language of a document can be read (its stored
files, or the official copy at the UN's symbol resolver), its "only in" note, and the symbols a new
document of a meeting would take."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from plenary.core.languages import UN_LANGUAGES
from plenary.documents import numbering
from plenary.documents.models import Document, LanguageVersion
from plenary.meetings.models import Meeting

# The UN's document symbol resolver: https://undocs.org/<lang>/<symbol> opens the official copy in
# the Official Document System. It takes the six UN languages by their two-letter codes (ar, zh,
# en, fr, ru, es), as the UN's own sites link it (e.g. https://undocs.org/zh/A/RES/2758(XXVI)).
UNDOCS = "https://undocs.org"

# The order in which a language's stored files are offered for reading: a PDF opens in the
# browser, the report's HTML is a page, text is shown as it is; Word files and the issued report's
# Akoma Ntoso XML download.
READ_ORDER = ("pdf", "html", "txt", "docx", "doc", "akn")
INLINE_FORMATS = ("pdf", "html", "txt")

# The types a secretariat document can have, in the order the issue form offers them.
SECRETARIAT_TYPES = ("", "INF", "CRP", "MISC", "WP")


def undocs_url(symbol: str, lang: str) -> str:
    """The official copy of `symbol` in `lang` at undocs.org (the symbol's slashes kept)."""
    if lang not in UN_LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    return f"{UNDOCS}/{lang}/{quote(symbol, safe='/()*')}"


@dataclass
class LanguageReading:
    """One language of a document as its page offers it: `kind` official or informal (None when
    no version is recorded in it but a file is on record), the stored `formats` in reading order,
    and, when none is stored, the `official_copy` at undocs.org (official versions only: the UN
    publishes no informal translation)."""

    lang: str
    kind: str | None
    formats: list[str] = field(default_factory=list)
    official_copy: str | None = None

    @property
    def on_file(self) -> bool:
        return bool(self.formats)


def _sorted_formats(formats: set[str]) -> list[str]:
    return sorted(formats, key=lambda f: (READ_ORDER.index(f) if f in READ_ORDER else len(READ_ORDER), f))


def reading(document: Document) -> list[LanguageReading]:
    """How each language of the document can be read, in UN order. Reads the document's versions
    and issued files (prefetch them for many documents). A document with no version on record is
    read in its original language at undocs.org."""
    versions = {v.lang: v for v in document.versions.all()}
    stored: dict[str, set[str]] = {}
    for row in document.issued_files.all():
        stored.setdefault(row.lang, set()).add(row.fmt)
    if document.status != Document.Status.ISSUED:
        # A draft's files are not issued yet: the version's own file is what there is.
        for lang, version in versions.items():
            if version.file:
                stored.setdefault(lang, set()).add(version.file.name.rsplit(".", 1)[-1].lower())
    if not versions and not stored:
        versions = {document.original_language: LanguageVersion(lang=document.original_language)}
    rows = []
    for lang in UN_LANGUAGES:
        version = versions.get(lang)
        if version is None and lang not in stored:
            continue
        kind = version.kind if version is not None else None
        formats = _sorted_formats(stored.get(lang, set()))
        copy = None
        if not formats and kind == LanguageVersion.Kind.OFFICIAL:
            copy = undocs_url(document.symbol, lang)
        rows.append(LanguageReading(lang, kind, formats, copy))
    return rows


def only_in(document: Document) -> str | None:
    """The one language the document is issued in, for its "English only" note: the recorded
    `only_in`, else (for a document of a meeting's record) its only official version when it has
    exactly one, as the list of documents in the meeting's report says it. None when it is in more."""
    if document.only_in:
        return document.only_in
    official = [v.lang for v in document.versions.all() if v.kind == LanguageVersion.Kind.OFFICIAL]
    return official[0] if len(official) == 1 else None


def next_free_symbols(meeting: Meeting) -> dict[str, str]:
    """The symbol the next secretariat document of each type would take (for display: issuing
    allocates it again under the meeting's lock)."""
    return {doc_type: numbering.peek_document_symbol(meeting, doc_type) for doc_type in SECRETARIAT_TYPES}


__all__ = [
    "INLINE_FORMATS",
    "READ_ORDER",
    "SECRETARIAT_TYPES",
    "UNDOCS",
    "LanguageReading",
    "next_free_symbols",
    "only_in",
    "reading",
    "undocs_url",
]
