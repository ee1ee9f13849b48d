"""Pieces every API router shares: the `lang` parameter, multilingual texts with their fallback,
State and organization names, pagination, and JSON errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Schema
from ninja.errors import HttpError

from plenary.core import clock
from plenary.core.languages import normalize_lang
from plenary.exports.texts import NameBook, plain, text  # noqa: F401 (re-exported)

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# The largest offset taken: past it a number is out of range (400), not a query the database
# cannot run (SQLite and PostgreSQL take at most a signed 64-bit OFFSET; Python ints are larger).
MAX_OFFSET = 1_000_000_000
# Years as dates have them (0001-9999): a year outside is out of range (400).
MIN_YEAR, MAX_YEAR = 1, 9999
# The largest id of a record (a signed 64-bit primary key).
MAX_ID = 2**63 - 1
LANG_HELP = "ar, zh, en, fr, ru or es"


class ErrorOut(Schema):
    """Every error answer: `detail` says what is wrong, in a sentence. A 400 for parameters that
    are not of their type or range also gives pydantic's list of them in `errors`."""

    # Only `detail` is a field: an answer an operation returns itself (Status(403, ...)) is
    # serialized through this schema, and would otherwise carry "errors": null.
    detail: str


def answers(ok: Any, *errors: int, status: int = 200) -> dict[int, Any]:
    """An operation's `response=`: its answer and every error status it can give, as ErrorOut."""
    return {status: ok, **{code: ErrorOut for code in errors}}


def file_answers(*media_types: str, stored: bool = False) -> dict[str, Any]:
    """`openapi_extra` of an operation answering a file: its media types (the 200 ninja cannot
    describe), and for a file that may be one stored at issue (`stored`) the answers to HTTP's
    conditional and range requests (206, 304, 412; its `response=` has 416 and 500, the refusal
    of a stored file that no longer matches its SHA-256)."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    responses: dict[int, Any] = {200: {"description": "OK", "content": dict.fromkeys(media_types, binary)}}
    if stored:
        responses[206] = {
            "description": "One byte range of the file",
            "content": dict.fromkeys(media_types, binary),
        }
        responses[304] = {"description": "Not modified (If-None-Match, If-Modified-Since)"}
        responses[412] = {"description": "Precondition failed (If-Match, If-Unmodified-Since)"}
    return {"responses": responses}


def limit_param(default: int = DEFAULT_LIMIT, most: int = MAX_LIMIT) -> Any:
    return Query(default, ge=1, le=most, description=f"items per page, 1 to {most}")


def offset_param() -> Any:
    return Query(0, ge=0, le=MAX_OFFSET, description="items to skip; past the end, an empty page")


def year_param(**kwargs: Any) -> Any:
    return Query(None, ge=MIN_YEAR, le=MAX_YEAR, **kwargs)


def lang_param() -> Any:
    return Query("en", description=LANG_HELP)


class Text(Schema):
    """A multilingual text in the language asked, or, when it is missing there, in the first
    language that has it (`fallback` is then true and `lang` says which)."""

    text: str
    lang: str
    fallback: bool


class Named(Schema):
    code: str
    name: Text | None


def reason(request: HttpRequest, exc: Exception) -> str:
    """A refusal's reason in the client's language (its language cookie, else Accept-Language;
    English without either): the API's paths have no language prefix, so none is active."""
    with translation.override(translation.get_language_from_request(request)):
        return str(exc)


def want_lang(lang: str | None) -> str:
    """The UN language code of the `lang` parameter; 400 for any other."""
    try:
        return normalize_lang(lang or "en")
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None


def want_date(value: str | None, *, name: str = "on", default: dt.date | None = None) -> dt.date:
    if not value:
        return default or clock.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HttpError(400, f"{name}: {value!r} is not a date of the form YYYY-MM-DD") from None


def org_named(organization, lang: str) -> dict[str, Any]:
    return {
        "code": organization.code,
        "kind": organization.kind,
        "name": text(organization.names, lang),
        "short_name": text(organization.short_names, lang),
    }


def group_named(group, lang: str) -> dict[str, Any] | None:
    if group is None:
        return None
    return {"scheme": group.scheme, "code": group.code, "name": text(group.names, lang)}


def page(qs: QuerySet | Sequence, limit: int, offset: int) -> tuple[int, list]:
    """(total, the items of the page). Two queries for a queryset, whatever the page size."""
    if limit < 1 or limit > MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise HttpError(400, f"offset must be between 0 and {MAX_OFFSET}")
    total = qs.count() if isinstance(qs, QuerySet) else len(qs)
    if offset >= total:
        return total, []  # past the end: an empty page, with no second query
    return total, list(qs[offset : offset + limit])


def paged(total: int, limit: int, offset: int, items: Iterable[Any], **extra: Any) -> dict[str, Any]:
    return {"count": total, "limit": limit, "offset": offset, **extra, "items": list(items)}


def api_url(prefix: str, key: str, suffix: str = "") -> str:
    """/api/<prefix>/<key><suffix>, with the key's slashes kept."""
    return f"/api/{prefix}/{quote(key, safe='/.*()')}{suffix}"
