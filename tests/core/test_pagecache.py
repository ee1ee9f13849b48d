"""The page-cache decorator on small views: what it keeps, what it never keeps, and that a cache
that fails leaves pages served."""

from __future__ import annotations

import datetime as dt
import os
from unittest import mock

import pytest
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from plenary.core.pagecache import cached

rf = RequestFactory()


class Counted:
    """A view that counts its calls and answers with `make(request)`."""

    def __init__(self, make):
        self.calls = 0
        self.make = make

    def __call__(self, request):
        self.calls += 1
        return self.make(request)


def ask(view, path="/p/", **extra):
    request = rf.get(path, **extra)
    request.session = SessionStore()
    return view(request)


def plain(request):
    return HttpResponse(b"the page")


def with_cookie(request):
    response = HttpResponse(b"a page that sets a cookie")
    response.set_cookie("seen", "1")
    return response


def with_csrf_token(request):
    return HttpResponse(f"<input value={get_token(request)}>")


def writing_the_session(request):
    request.session["visited"] = True
    return HttpResponse(b"a page that writes the session")


def varying_on_cookie(request):
    response = HttpResponse(b"x")
    response["Vary"] = "Cookie"
    return response


def private(request):
    response = HttpResponse(b"x")
    response["Cache-Control"] = "private"
    return response


def not_found(request):
    return HttpResponse(b"no such page", status=404)


def test_a_plain_page_is_built_once(db, page_cache):
    view = Counted(plain)
    wrapped = cached(["records"])(view)
    first, second = ask(wrapped), ask(wrapped)
    assert view.calls == 1
    assert (second.status_code, second.content, second["ETag"]) == (200, b"the page", first["ETag"])
    assert second["Vary"] == "Cookie"


@pytest.mark.parametrize(
    "make", [with_cookie, with_csrf_token, writing_the_session, varying_on_cookie, private, not_found]
)
def test_pages_that_are_personal_or_not_200_are_never_kept(make, db, page_cache):
    view = Counted(make)
    wrapped = cached(["records"])(view)
    first = ask(wrapped)
    ask(wrapped)
    assert view.calls == 2
    assert "ETag" not in first


def test_a_new_release_of_the_code_never_serves_the_old_releases_pages(db, page_cache, monkeypatch):
    from plenary.core import pagecache

    view = Counted(plain)
    wrapped = cached(["records"])(view)
    ask(wrapped)
    monkeypatch.setattr(pagecache, "release", lambda: "another-release")
    ask(wrapped)
    ask(wrapped)
    assert view.calls == 2


def test_the_release_follows_the_package_files(tmp_path, monkeypatch):
    from plenary.core import pagecache

    first = pagecache.release()
    pagecache.release.cache_clear()
    assert pagecache.release() == first  # nothing changed: the same digest
    template = next((pagecache.Path(pagecache.__file__).parent.parent / "web" / "templates").rglob("*.html"))
    stat = template.stat()
    try:
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        pagecache.release.cache_clear()
        assert pagecache.release() != first
    finally:
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        pagecache.release.cache_clear()


def test_a_session_cookie_or_a_token_bypasses_the_cache(db, page_cache):
    view = Counted(plain)
    wrapped = cached(["records"])(view)
    ask(wrapped)
    ask(wrapped, HTTP_COOKIE="sessionid=abc")
    ask(wrapped, HTTP_AUTHORIZATION="Bearer pln_x")
    ask(wrapped)
    assert view.calls == 3


def test_a_post_is_never_answered_from_the_cache(db, page_cache):
    view = Counted(plain)
    wrapped = cached(["records"])(view)
    ask(wrapped)
    request = rf.post("/p/")
    request.session = SessionStore()
    wrapped(request)
    assert view.calls == 2


def test_headers_named_in_vary_on_are_part_of_the_key(db, page_cache):
    def fragment_or_page(request):
        response = HttpResponse(b"fragment" if request.headers.get("HX-Request") else b"page")
        response["Vary"] = "HX-Request"
        return response

    view = Counted(fragment_or_page)
    wrapped = cached(["records"], vary_on=("HX-Request",))(view)
    assert [ask(wrapped).content, ask(wrapped, HTTP_HX_REQUEST="true").content] == [b"page", b"fragment"]
    assert [ask(wrapped).content, ask(wrapped, HTTP_HX_REQUEST="true").content] == [b"page", b"fragment"]
    assert view.calls == 2
    # Without vary_on the answer varies on a header the key lacks: never kept.
    unkeyed = Counted(fragment_or_page)
    wrapped = cached(["records"])(unkeyed)
    ask(wrapped), ask(wrapped)
    assert unkeyed.calls == 2


def test_a_page_older_than_page_cache_seconds_is_built_again(db, page_cache):
    view = Counted(plain)
    wrapped = cached(["records"])(view)
    with mock.patch("plenary.core.pagecache.time.time", return_value=1_000_000.0):
        first = ask(wrapped)
    with mock.patch("plenary.core.pagecache.time.time", return_value=1_000_299.0):
        ask(wrapped)
    assert view.calls == 1
    with mock.patch("plenary.core.pagecache.time.time", return_value=1_000_301.0):
        again = ask(wrapped)
    assert view.calls == 2
    # The same bytes: the same validators, Last-Modified from when these bytes were first built.
    assert (again["ETag"], again["Last-Modified"]) == (first["ETag"], first["Last-Modified"])
    assert first["Last-Modified"] == "Mon, 12 Jan 1970 13:46:40 GMT"


def test_a_failing_cache_leaves_the_page_served(db, page_cache):
    view = Counted(plain)
    wrapped = cached(["records"])(view)
    with mock.patch.object(cache, "get", side_effect=ConnectionError("the cache is down")):
        answer = ask(wrapped)
    assert (answer.status_code, answer.content, view.calls) == (200, b"the page", 1)
    with mock.patch.object(cache, "set", side_effect=ConnectionError("the cache is down")):
        answer = ask(wrapped)
    assert (answer.status_code, answer.content, view.calls) == (200, b"the page", 2)


def test_off_when_page_cache_seconds_is_0(db, page_cache, settings):
    settings.PAGE_CACHE_SECONDS = 0
    view = Counted(plain)
    wrapped = cached(["records"])(view)
    first = ask(wrapped)
    ask(wrapped)
    assert view.calls == 2
    assert "ETag" not in first


def test_a_kept_page_is_built_again_after_midnight(db, page_cache, monkeypatch):
    """A page that shows "today" (the next meeting, the status of the treaty) is not served from
    yesterday's entry, however fresh that entry is."""
    from plenary.core import clock

    view = Counted(lambda request: HttpResponse(clock.today().isoformat()))
    wrapped = cached(["records"])(view)
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 1))
    assert ask(wrapped).content == ask(wrapped).content == b"2026-12-01"
    assert view.calls == 1
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 2))
    assert ask(wrapped).content == b"2026-12-02"
    assert view.calls == 2
