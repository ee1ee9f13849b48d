"""Django views for the files: thin wrappers over `ical`, `tables` and `files` that the API mounts
(under /api/) and that pages can mount too. Errors come back as JSON {"detail": ...}."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date, parse_http_date_safe

from plenary.core.errors import DomainError, NotFound
from plenary.core.languages import normalize_lang
from plenary.documents.symbols import SymbolError
from plenary.exports import files, ical, ranges, tables
from plenary.meetings.models import Meeting

log = logging.getLogger(__name__)


class BadRequest(Exception):
    pass


def json_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            return JsonResponse({"detail": str(exc)}, status=404)
        except files.StoredFileError as exc:
            log.error("%s", exc)
            return JsonResponse({"detail": str(exc)}, status=500)
        except (BadRequest, DomainError, SymbolError) as exc:
            return JsonResponse({"detail": str(exc)}, status=400)

    return wrapper


def lang_of(request: HttpRequest) -> str:
    try:
        return normalize_lang(request.GET.get("lang") or "en")
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


def download(content: bytes, filename: str, mime: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


def get_meeting(series: str) -> Meeting:
    meeting = Meeting.objects.select_related("treaty").filter(series=series.strip("/")).first()
    if meeting is None:
        raise NotFound(f"no meeting {series.strip('/')}")
    return meeting


def filter_meetings(params) -> list[Meeting]:
    """Meetings filtered by the query parameters treaty, kind, year and status."""
    qs = Meeting.objects.select_related("treaty").order_by("start", "series")
    if params.get("treaty"):
        qs = qs.filter(treaty__code=params["treaty"].upper())
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"].upper())
    if params.get("year"):
        try:
            qs = qs.filter(year=int(params["year"]))
        except ValueError:
            raise BadRequest(f"year: {params['year']!r} is not a year") from None
    if params.get("status"):
        qs = qs.filter(status=params["status"].lower())
    return list(qs)


@json_errors
def meetings_ics(request: HttpRequest) -> HttpResponse:
    lang = lang_of(request)
    content = ical.meetings_calendar(
        filter_meetings(request.GET), lang, base_url=request.build_absolute_uri("/")
    )
    return download(content, f"meetings-{lang.upper()}.ics", ical.MIME, inline=True)


@json_errors
def meeting_table(request: HttpRequest, series: str, what: str, fmt: str) -> HttpResponse:
    if what not in ("participants", "documents"):
        raise NotFound(f"no list of {what}")
    if fmt not in tables.WRITERS:
        raise BadRequest(f"unknown format {fmt!r}: use one of {', '.join(tables.WRITERS)}")
    content, filename, mime = tables.meeting_table_file(get_meeting(series), what, lang_of(request), fmt)
    return download(content, filename, mime)


# Issued bytes never change under their symbol (a change comes as a Corr. or Rev., under its own
# symbol): a year, and "immutable", so that browsers do not even revalidate.
ISSUED_CACHE = "max-age=31536000, immutable"


def _if_range_holds(request: HttpRequest, etag: str, modified: int) -> bool:
    """If-Range (RFC 9110, 13.1.5): the range is served only while the client's copy is this one.
    An entity tag compares strongly (a weak one never matches); a date must be Last-Modified."""
    value = request.headers.get("If-Range")
    if value is None:
        return True
    value = value.strip()
    if value.startswith(('"', "W/")):
        return value == etag
    return parse_http_date_safe(value) == modified


def _open_response(request: HttpRequest, found: files.Download, part, *, inline: bool) -> HttpResponse:
    """The response carrying the bytes (streamed from storage), or for HEAD the same headers and
    no body. Raises StoredFileError (through found.open) before any header is sent."""
    handle = found.open(part)
    length = part.length if part is not None else found.size
    if request.method == "HEAD":
        handle.close()
        response: HttpResponse = HttpResponse(content_type=found.mime)
        response["Content-Disposition"] = content_disposition_header(not inline, found.filename)
    else:
        response = FileResponse(  # type: ignore[assignment]
            handle, as_attachment=not inline, filename=found.filename, content_type=found.mime
        )
    response["Content-Length"] = str(length)
    if part is not None:
        response.status_code = 206
        response["Content-Range"] = part.content_range
    return response


def serve(
    request: HttpRequest, found: files.Download, *, inline: bool = False, shared: bool = True
) -> HttpResponse:
    """A file as a download named as the UN names it (or, `inline`, for the browser to show, with
    the same name), streamed from storage (FileResponse; HEAD gives the headers alone).

    An issued file: ETag = its SHA-256, Last-Modified = when it was issued, Cache-Control for a
    year, immutable (`shared`: public, for caches between; else private, for a page behind a
    sign-in), Accept-Ranges: bytes. A matching If-None-Match or If-Modified-Since gets 304 without
    reading storage; one byte range gets 206 with Content-Range (If-Range respected), a range no
    byte satisfies 416, a malformed range or several ranges the whole file (exports.ranges).

    A file not issued (a draft) says so in the header Plenary-Status, is never cached (no-store)
    and takes no ranges, since its bytes may change between two requests.

    Raises StoredFileError (before any byte is sent) for an issued file that is missing or no
    longer holds its SHA-256."""
    if not found.issued:
        response = _open_response(request, found, None, inline=inline)
        response["Plenary-Status"] = found.status
        response["Cache-Control"] = "no-store"
        response["Accept-Ranges"] = "none"
        return response

    etag = f'"{found.sha256}"'
    modified = int(found.modified.timestamp()) if found.modified else None

    def validators(response: HttpResponse) -> HttpResponse:
        response["ETag"] = etag
        if modified is not None:
            response["Last-Modified"] = http_date(modified)
        response["Cache-Control"] = f"{'public' if shared else 'private'}, {ISSUED_CACHE}"
        response["Accept-Ranges"] = "bytes"
        response["Plenary-Status"] = found.status
        return response

    conditional = get_conditional_response(request, etag=etag, last_modified=modified)
    if conditional is not None:
        return validators(conditional) if conditional.status_code == 304 else conditional
    part = None
    if request.method == "GET" and _if_range_holds(request, etag, modified or -1):
        try:
            part = ranges.byte_range(request.headers.get("Range"), found.size)
        except ranges.Unsatisfiable as exc:
            refused = JsonResponse({"detail": str(exc)}, status=416)
            refused["Content-Range"] = exc.content_range
            refused["Accept-Ranges"] = "bytes"
            refused["ETag"] = etag
            return refused
    return validators(_open_response(request, found, part, inline=inline))


@json_errors
def report(request: HttpRequest, symbol: str, fmt: str) -> HttpResponse:
    return serve(request, files.report_file(symbol, fmt, lang_of(request)))


@json_errors
def document_version(request: HttpRequest, symbol: str, lang: str) -> HttpResponse:
    try:
        lang = normalize_lang(lang)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    return serve(request, files.document_version(symbol, lang))
