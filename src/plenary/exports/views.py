"""Django views for the files: thin wrappers over `ical`, `tables` and `files` that the API mounts
(under /api/) and that pages can mount too. Errors come back as JSON {"detail": ...}."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from functools import wraps

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.http import content_disposition_header

from plenary.core.errors import DomainError, NotFound
from plenary.core.languages import normalize_lang
from plenary.documents.symbols import SymbolError
from plenary.exports import files, ical, tables
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


def serve(request: HttpRequest, found: files.Download, *, inline: bool = False) -> HttpResponse:
    """A file as a download named as the UN names it (or, `inline`, for the browser to show, with
    the same name). An issued file is its stored bytes with ETag = its SHA-256 (a matching
    If-None-Match gets 304); a draft says so in the header Plenary-Status and is not cached."""
    etag = f'"{found.sha256}"' if found.sha256 else None
    if etag and etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    response = FileResponse(
        io.BytesIO(found.content), as_attachment=not inline, filename=found.filename, content_type=found.mime
    )
    response["Content-Length"] = str(len(found.content))
    response["Plenary-Status"] = found.status
    if etag:
        response["ETag"] = etag
    else:
        response["Cache-Control"] = "no-store"
    return response


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
