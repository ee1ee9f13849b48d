"""The page cache: a public page or API answer, built once per version of the records it shows.

    @cached(lambda request, series: meeting_scopes(series))
    def meeting(request, series): ...

For anonymous GET and HEAD requests (no session cookie, no Authorization header), a view's 200
answer is kept in the shared cache (settings.CACHES) with the versions of its scopes, read
before it was rendered (`core.versions`). A later request gets the stored answer while every
scope is still at that version and the answer is younger than PAGE_CACHE_SECONDS: a hit costs two
cache reads, no rendering and no query. Every cacheable answer carries an ETag and a
Last-Modified; If-None-Match / If-Modified-Since get a 304.

Never stored: answers that set a cookie, vary on Cookie, are private or no-store, used the CSRF
token or wrote to the session, streaming answers, answers above MAX_BODY, and answers to query
strings above MAX_QUERY (still served, not kept: a client cannot fill the cache with junk keys).
Signed-in users bypass the cache altogether and get their own page. Keys are hashed: any path,
query or language gives a key of the same length.

Decisions against the first design, and why:
- The key has no Accept-Language, not even for `/`: web.middleware sends `/` to the reader's
  language before the view runs, so a view's answer depends on the active language alone, which
  the key has. Keying on the raw header would let each odd header mint its own copy.
- The ETag is a digest of the stored answer, not of the versions: a page that depends on today's
  date (the next meeting, treaty status today) changes at midnight with no write; a version-based
  ETag would answer 304 to yesterday's page. For the same reason the key holds today's date
  (`core.clock`): yesterday's entry is never served after midnight, however fresh. Last-Modified
  is likewise the time the current bytes were first built (kept across rebuilds that give the same bytes), not the last write's time.
- The session cannot be "unused": every page asks whether the reader is signed in. A request
  without a session cookie has an empty session, so an answer built for it is the anonymous page;
  only a session that was written (a cookie would follow) keeps it out.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from plenary.core import clock, versions

log = logging.getLogger(__name__)

MAX_QUERY = 1024  # characters of query string; longer ones are served but not kept
MAX_BODY = 4 * 1024 * 1024  # bytes
KEEP_SECONDS = 24 * 3600  # how long an entry stays in the cache: its digest outlives its freshness
_KEY = "page1:"  # the entry's format in the key: a new format never reads an old entry
# Headers an entry never keeps: computed on the way out, or the server's.
_SKIP = {"etag", "last-modified", "set-cookie", "date", "content-length"}

Scopes = Iterable[str] | Callable[..., Iterable[str]]


def anonymous(request: HttpRequest) -> bool:
    """No session cookie and no token: the anonymous page, known without loading the session
    (which would cost a query)."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META


@functools.cache
def release() -> str:
    """The code this process serves: a digest of every file of the installed package (name, size,
    modification time), taken once at start. It is part of every key, so that a new release (a
    changed template, view or translation) never serves pages the old one built, and two app
    servers of different releases sharing one cache keep apart."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix not in (".pyc", ".sqlite3"):
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def entry_key(request: HttpRequest, vary_on: Iterable[str] = ()) -> str:
    raw = "\n".join(
        [
            release(),
            request.scheme or "",
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            get_language() or "",
            clock.today().isoformat(),  # pages showing "today" (next meeting, status) turn at midnight
            *(request.headers.get(name, "") for name in vary_on),
        ]
    )
    return _KEY + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def cached(scopes: Scopes, *, vary_on: Iterable[str] = ()) -> Callable:
    """Cache a view's anonymous answers per version of `scopes`: a list of scope names, or a
    function of the view's arguments that returns them (called only when the page is built, so it
    may query, e.g. a meeting's id from its series). `vary_on`: request headers the view's answer
    depends on (and names in its Vary header), made part of the key; an answer that varies on any
    other header is not kept."""
    vary_on = tuple(vary_on)
    allowed = {name.lower() for name in vary_on} | {"accept-language", ""}

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            seconds = settings.PAGE_CACHE_SECONDS
            if (
                seconds <= 0
                or request.method not in ("GET", "HEAD")
                or not anonymous(request)
                or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY
            ):
                return view(request, *args, **kwargs)
            key = entry_key(request, vary_on)
            try:
                entry = cache.get(key)
                if entry is not None and time.time() - entry["built"] < seconds:
                    now = versions.current(entry["versions"])
                    if all(now.get(s) == v for s, v in entry["versions"].items()):
                        return _answer(request, entry)
                names = list(scopes(request, *args, **kwargs) if callable(scopes) else scopes)
                before = versions.current(names, create=True)
            except Exception:  # the cache (Redis, the database) is down: serve uncached
                log.exception("page cache unavailable for %s", request.path)
                return view(request, *args, **kwargs)
            response = view(request, *args, **kwargs)
            if not _storable(request, response, allowed) or any(v is None for v in before.values()):
                return response
            body = response.content
            digest = hashlib.sha256(
                f"{response.status_code}\n{response.get('Content-Type', '')}\n".encode() + body
            ).hexdigest()
            built = time.time()
            since = entry["since"] if entry is not None and entry.get("digest") == digest else built
            stored = {
                "versions": before,
                "built": built,
                "since": since,
                "digest": digest,
                "status": response.status_code,
                "headers": [(k, v) for k, v in response.items() if k.lower() not in _SKIP],
                "body": body,
            }
            try:
                cache.set(key, stored, KEEP_SECONDS)
            except Exception:
                log.exception("could not keep the page %s", request.path)
            _validators(response, stored)
            return get_conditional_response(
                request, etag=response["ETag"], last_modified=int(since), response=response
            )

        return wrapper

    return decorate


def _storable(request: HttpRequest, response: HttpResponse, allowed: set[str]) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > MAX_BODY:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    control = response.get("Cache-Control", "").lower()
    if vary - allowed or "private" in control or "no-store" in control:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _validators(response: HttpResponse, entry: dict) -> None:
    response["ETag"] = f'"{entry["digest"][:32]}"'
    response["Last-Modified"] = http_date(int(entry["since"]))
    # Revalidate every time (a 304 is cheap); without it a browser may reuse a page by heuristic
    # freshness (a tenth of its age) and show a list of speakers minutes old.
    response.setdefault("Cache-Control", "no-cache")
    # A signed-in reader gets another page at the same address.
    patch_vary_headers(response, ("Cookie",))


def _answer(request: HttpRequest, entry: dict) -> HttpResponse:
    response = HttpResponse(entry["body"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    _validators(response, entry)
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=int(entry["since"]), response=response
    )
