"""Documents: the list with filters, one document, its language versions, and report files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from plenary.api.common import (
    NameBook,
    Text,
    answers,
    api_url,
    file_answers,
    lang_param,
    limit_param,
    offset_param,
    page,
    paged,
    text,
    want_lang,
    year_param,
)
from plenary.core import clock
from plenary.core.errors import NotFound
from plenary.core.pagecache import cached
from plenary.core.versions import RECORDS
from plenary.documents.models import Document, LanguageVersion, Sponsorship
from plenary.documents.symbols import DOC_TYPES, parse
from plenary.exports import files
from plenary.exports import views as export_views
from plenary.exports.queries import documents_query
from plenary.exports.texts import SECRETARIAT

router = Router(tags=["documents"])
TYPE_FILTER_HELP = "WP, INF, CRP, MISC ..., or 'official' for the plainly numbered official documents"
# What a stored file can be: an uploaded language version or one of a report's renderings.
FILE_TYPES = (*dict.fromkeys(files.MIME.values()), "application/octet-stream")
STORED_FILE = answers(None, 400, 404, 416, 500)


class SponsorOut(Schema):
    kind: str  # state, organization or secretariat
    code: str
    name: Text | None


class GroupRef(Schema):
    scheme: str
    code: str
    name: Text | None


class VersionOut(Schema):
    lang: str
    kind: str
    url: str


class DocumentOut(Schema):
    symbol: str
    url: str
    type: str | None
    title: Text | None
    submitters: list[SponsorOut]
    submitted_by: Text | None
    co_sponsors: list[SponsorOut]
    on_behalf_of: GroupRef | None
    original_language: str
    versions: list[VersionOut]
    parent: str | None
    family: list[str]
    meeting: str | None
    agenda_item: int | None
    status: str
    issued_on: dt.date | None


class DocumentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DocumentOut]


def sponsor_out(s: Sponsorship, names: NameBook, lang: str) -> dict[str, Any]:
    if s.state is not None:
        return {"kind": "state", **names.named(s.state.code, lang)}
    if s.organization is not None:
        return {"kind": "organization", "code": s.organization.code, "name": text(s.organization.names, lang)}
    return {"kind": "secretariat", "code": "secretariat", "name": text(SECRETARIAT, lang)}


def document_out(d: Document, names: NameBook, lang: str) -> dict[str, Any]:
    sponsors = list(d.sponsorships.all())
    group = d.on_behalf_of
    return {
        "symbol": d.symbol,
        "url": api_url("documents", d.symbol),
        "type": d.doc_type or None,
        "title": text(d.title, lang),
        "submitters": [sponsor_out(s, names, lang) for s in sponsors if s.role == Sponsorship.Role.SUBMITTER],
        "submitted_by": text(d.submitted_by_text, lang),
        "co_sponsors": [
            sponsor_out(s, names, lang) for s in sponsors if s.role == Sponsorship.Role.CO_SPONSOR
        ],
        "on_behalf_of": {"scheme": group.scheme, "code": group.code, "name": text(group.names, lang)}
        if group
        else None,
        "original_language": d.original_language,
        "versions": [
            {"lang": v.lang, "kind": v.kind, "url": api_url("documents", d.symbol, f"/versions/{v.lang}")}
            for v in d.versions.all()
        ],
        "parent": d.parent.symbol if d.parent else None,
        "family": [child.symbol for child in d.family.all()],
        "meeting": d.meeting.series if d.meeting else None,
        "agenda_item": d.agenda_item.number if d.agenda_item else None,
        "status": d.status,
        "issued_on": d.issued_on,
    }


def names_for(documents: list[Document]) -> NameBook:
    """State names on the day of the documents' meeting (today for documents of no meeting)."""
    days = {d.meeting.start for d in documents if d.meeting and d.meeting.start}
    return NameBook(min(days) if len(days) == 1 else clock.today())


# --- sub-resources first ----------------------------------------------------------------------


# HEAD as GET, without a second operation in the OpenAPI document (operation ids are unique there).
@router.api_operation(["HEAD"], "/documents/{path:symbol}/versions/{lang}", include_in_schema=False)
@router.get(
    "/documents/{path:symbol}/versions/{lang}",
    summary="A document in one language (file)",
    response=STORED_FILE,
    openapi_extra=file_answers(*FILE_TYPES, stored=True),
)
def document_version(request: HttpRequest, symbol: str, lang: str) -> HttpResponse:
    """The file stored when the document was issued, byte for byte (ETag: its SHA-256): an
    uploaded version's own file, or the PDF of a report or list of participants Plenary rendered
    at issue; named as the UN names files (BWC_MSP_2017_6-ZH.pdf). Nothing issued is rendered
    again. Streamed from storage with Last-Modified (when issued), a year's Cache-Control, 304 for
    If-None-Match / If-Modified-Since, and one byte range (Range, If-Range: 206, or 416)."""
    return export_views.document_version(request, symbol, lang)


@router.api_operation(["HEAD"], "/reports/{path:symbol}.{fmt}", include_in_schema=False)
@router.get(
    "/reports/{path:symbol}.{fmt}",
    summary="A meeting's report as a file",
    tags=["reports"],
    response=STORED_FILE,
    openapi_extra=file_answers(*FILE_TYPES, stored=True),
)
def report_file(request: HttpRequest, symbol: str, fmt: str, lang: str = lang_param()) -> HttpResponse:
    """The report in `fmt` (txt, html, docx, pdf, or akn: Akoma Ntoso 3.0 XML named after AKN4UN)
    and `lang`, named by its symbol: /api/reports/BWC/MSP/2017/6.pdf?lang=zh gives
    BWC_MSP_2017_6-ZH.pdf. An issued report (or a revision of it) is the file stored at issue,
    byte for byte, with ETag = its SHA-256; a report not issued yet is rendered from the records
    now, with the header Plenary-Status: draft (or adopted) and Cache-Control: no-store; its Akoma
    Ntoso XML exists only once it is issued (400 before). An issued file is streamed from storage
    with Last-Modified, a year's Cache-Control, 304s and one byte range (206, or 416)."""
    return export_views.report(request, symbol, fmt)


@router.get("/documents", response=answers(DocumentPage, 400), summary="Documents")
@decorate_view(cached([RECORDS]))
def documents(
    request: HttpRequest,
    lang: str = lang_param(),
    meeting: str | None = None,
    year: int | None = year_param(),
    type: str | None = None,
    language: str | None = None,
    submitter: str | None = None,
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Filters: `meeting` (series), `year` (of the meeting), `type` (WP, INF, CRP, MISC, or
    'official' for plainly numbered documents), `language` (has a version in it), `submitter`
    (a State's alpha-3 code or an organization's code)."""
    lang = want_lang(lang)
    qs = documents_query().order_by("meeting__start", "meeting__series", "position", "symbol")
    if meeting:
        qs = qs.filter(meeting__series=meeting.strip("/"))
    if year is not None:
        qs = qs.filter(meeting__year=year)
    if type:
        if type.lower() == "official":
            qs = qs.filter(doc_type="")
        elif type.upper() in DOC_TYPES:
            qs = qs.filter(doc_type=type.upper())
        else:
            raise HttpError(
                400, f"unknown document type {type!r}: use official or one of {', '.join(sorted(DOC_TYPES))}"
            )
    if language:
        wanted = want_lang(language)
        qs = qs.filter(Exists(LanguageVersion.objects.filter(document=OuterRef("pk"), lang=wanted)))
    if submitter:
        code = submitter.strip()
        qs = qs.filter(
            Exists(
                Sponsorship.objects.filter(document=OuterRef("pk"), role=Sponsorship.Role.SUBMITTER).filter(
                    Q(state__code=code.upper()) | Q(organization__code__iexact=code)
                )
            )
        )
    total, rows = page(qs, limit, offset)
    names = names_for(rows)
    return paged(total, limit, offset, [document_out(d, names, lang) for d in rows])


@router.get("/documents/{path:symbol}", response=answers(DocumentOut, 400, 404), summary="One document")
@decorate_view(cached([RECORDS]))
def document(request: HttpRequest, symbol: str, lang: str = lang_param()):
    """404 for a symbol not on record, 400 for a malformed symbol (with the parser's message)."""
    lang = want_lang(lang)
    normalized = parse(symbol).format()
    found = documents_query().filter(symbol=normalized).first()
    if found is None:
        raise NotFound(f"no document {normalized}")
    return document_out(found, names_for([found]), lang)
