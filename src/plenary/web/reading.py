"""Reading a document in the browser: its stored files opened as they are (a PDF inline, the
report's HTML as a page, text as text; Word files download), each language that has no file on
record linked to the official copy at the UN's symbol resolver (undocs.org), so that every document
of every meeting can be read."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from plenary.core.errors import NotFound
from plenary.core.languages import UN_LANGUAGES
from plenary.documents import queries
from plenary.documents.models import Document, LanguageVersion
from plenary.documents.symbols import SymbolError, parse
from plenary.exports import files
from plenary.exports.views import serve
from plenary.web.headers import STORED_HTML_POLICY

log = logging.getLogger(__name__)

# Each language named in itself, as the language switcher names it.
OWN_NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}

FORMAT_LABELS = {
    "pdf": _("PDF"),
    "html": _("Web page"),
    "txt": _("Text"),
    "docx": _("Word"),
    "doc": _("Word (.doc)"),
    "akn": _("Akoma Ntoso (XML)"),
}

# The UN's note on a document issued in one language ("English only"; seed annex: 只有英文本).
ONLY_NOTES = {
    "ar": _("Arabic only"),
    "zh": _("Chinese only"),
    "en": _("English only"),
    "fr": _("French only"),
    "ru": _("Russian only"),
    "es": _("Spanish only"),
}

KIND_LABELS = {
    LanguageVersion.Kind.OFFICIAL: _("official version"),
    LanguageVersion.Kind.INFORMAL: _("informal translation"),
}


def read_url(symbol: str, lang: str, fmt: str) -> str:
    return reverse("web:read", kwargs={"symbol": symbol, "lang": lang, "fmt": fmt})


def reading_rows(document: Document) -> list[dict]:
    """The document's languages as its page lists them: name, kind, links to read each stored file
    (inline or as a download), else the official copy at undocs.org."""
    rows = []
    for row in queries.reading(document):
        rows.append(
            {
                "lang": row.lang,
                "name": OWN_NAMES[row.lang],
                "kind": KIND_LABELS.get(row.kind) if row.kind else None,
                "informal": row.kind == LanguageVersion.Kind.INFORMAL,
                "links": [
                    {
                        "fmt": fmt,
                        "label": FORMAT_LABELS.get(fmt, fmt),
                        "url": read_url(document.symbol, row.lang, fmt),
                        "download": fmt not in queries.INLINE_FORMATS,
                    }
                    for fmt in row.formats
                ],
                "official_copy": row.official_copy,
            }
        )
    return rows


def only_note(document: Document):
    lang = queries.only_in(document)
    return ONLY_NOTES[lang] if lang else None


def read(request: HttpRequest, symbol: str, lang: str, fmt: str) -> HttpResponse:
    """One stored file of a document, for the browser to show: the exact bytes issued, with ETag =
    their SHA-256. A PDF, an HTML page or a text opens inline; a Word file downloads."""
    text = symbol.strip("/")
    try:
        normalized = parse(text).format()
    except SymbolError as exc:
        return render(request, "web/bad_symbol.html", {"symbol": text, "error": str(exc)}, status=400)
    if normalized != text:
        return redirect("web:read", symbol=normalized, lang=lang, fmt=fmt)
    if lang not in UN_LANGUAGES or fmt not in queries.READ_ORDER:
        raise Http404(f"no {lang} {fmt} file")
    # The common case, an issued file, costs one query (its row, with the document).
    found = files.issued_by_symbol(normalized, lang, fmt)
    document = found.stored.document if found is not None and found.stored is not None else None
    try:
        if found is None:
            document = get_object_or_404(Document, symbol=normalized)
            if document.status != Document.Status.ISSUED:
                try:
                    draft = files.document_version(document.symbol, lang)
                except NotFound:
                    draft = None
                if draft is not None and draft.filename.endswith(f".{fmt}"):
                    found = draft
        if found is None:
            copy = queries.undocs_url(document.symbol, lang)
            context = {"d": document, "lang": lang, "name": OWN_NAMES[lang], "official_copy": copy}
            return render(request, "web/not_on_file.html", context, status=404)
        response = serve(request, found, inline=fmt in queries.INLINE_FORMATS)
    except files.StoredFileError as exc:
        log.error("%s", exc)
        return render(request, "web/not_on_file.html", {"d": document, "error": str(exc)}, status=500)
    if fmt == "html":
        response["Content-Security-Policy"] = STORED_HTML_POLICY
    return response
