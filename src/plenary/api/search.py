"""Search across meetings, documents, statements, report paragraphs and States (plenary.search)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from plenary.api.common import (
    MAX_OFFSET,
    answers,
    lang_param,
    limit_param,
    offset_param,
    want_lang,
    year_param,
)
from plenary.core.pagecache import cached
from plenary.core.versions import RECORDS
from plenary.search.query import QueryError
from plenary.search.query import search as run_search

router = Router(tags=["search"])
KINDS = ("meeting", "document", "statement", "paragraph", "state")
MAX_LIMIT = 100


class HitOut(Schema):
    kind: str
    key: str
    title: str
    snippet: str  # HTML: the matched words in <mark>
    url: str
    lang: str
    fallback: bool
    score: float
    meeting: str | None = None  # the series of the meeting the hit belongs to
    meeting_start: dt.date | None = None
    meeting_end: dt.date | None = None


class SearchOut(Schema):
    q: str
    lang: str
    count: int
    # The count of objects of each kind for the same query and the other filters.
    facets: dict[str, int] = {}
    limit: int
    offset: int
    items: list[HitOut]


@router.get("/search", response=answers(SearchOut, 400), summary="Search")
@decorate_view(cached([RECORDS]))
def search(
    request: HttpRequest,
    q: str = "",
    lang: str = lang_param(),
    kind: str | None = None,
    meeting: str | None = None,
    year: int | None = year_param(),
    type: str | None = None,
    submitter: str | None = None,
    limit: int = limit_param(20, MAX_LIMIT),
    offset: int = offset_param(),
):
    """Hits in the reader's language first; a hit found only in another language says so
    (`lang`, `fallback`). `snippet` is HTML with the matched words in <mark>."""
    lang = want_lang(lang)
    if kind and kind not in KINDS:
        raise HttpError(400, f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if not 1 <= limit <= MAX_LIMIT or not 0 <= offset <= MAX_OFFSET:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}, offset between 0 and {MAX_OFFSET}")
    try:
        results = run_search(
            q,
            lang=lang,
            kind=kind,
            meeting=meeting,
            year=year,
            doc_type=type,
            submitter=submitter,
            limit=limit,
            offset=offset,
        )
    except QueryError as error:
        raise HttpError(400, str(error)) from error
    items = [
        {
            "kind": h.kind,
            "key": h.key,
            "title": h.title,
            "snippet": str(h.snippet),
            "url": h.url,
            "lang": getattr(h, "lang", lang),
            "fallback": getattr(h, "lang", lang) != lang,
            "score": h.score,
            "meeting": h.series or None,
            "meeting_start": h.start,
            "meeting_end": h.end,
        }
        for h in results.hits
    ]
    return {
        "q": q,
        "lang": lang,
        "count": results.total,
        "facets": results.facets,
        "limit": limit,
        "offset": offset,
        "items": items,
    }
