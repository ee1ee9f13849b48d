"""The page cache on the public pages: a cached page costs no query, a committed write to its
meeting (or to the reference data) shows at once, other writes leave it cached, validators and
304s, signed-in readers, HEAD, hostile input."""

from __future__ import annotations

import shutil

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.test import Client, RequestFactory
from django.utils import translation

from plenary.core import pagecache
from plenary.core.actor import Actor
from plenary.meetings.models import Meeting
from plenary.proceedings import domain as proceedings
from plenary.treaties.models import State
from plenary.treaties.reference import DATA_DIR, load_reference_data

ISU = Actor.system("isu")
PAGE = "/meetings/BWC/MSP/2017/"


@pytest.fixture
def msp(db):
    return Meeting.objects.get(series="BWC/MSP/2017")


def fresh(client_path: str, settings) -> bytes:
    """The page as it is built now, with the cache off."""
    seconds, settings.PAGE_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS, 0
    try:
        return Client().get(client_path).content
    finally:
        settings.PAGE_CACHE_SECONDS = seconds


def test_a_cached_meeting_page_costs_no_query_in_every_language(msp, page_cache, django_assert_num_queries):
    bodies = {}
    for prefix in ("", "/ar", "/zh-hans", "/fr", "/ru", "/es"):
        client = Client()
        first = client.get(prefix + PAGE)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            again = client.get(prefix + PAGE)
        assert (again.status_code, again.content, again["ETag"]) == (200, first.content, first["ETag"])
        assert again["Last-Modified"] == first["Last-Modified"]
        assert again["Cache-Control"] == "no-cache"
        assert again["Content-Type"] == "text/html; charset=utf-8"
        bodies[prefix] = again.content
    assert len(set(bodies.values())) == 6  # one copy per language, never another language's


def test_a_recorded_statement_shows_at_once_after_commit(
    msp, page_cache, settings, django_assert_num_queries
):
    client = Client()
    before = client.get(PAGE)
    client.get(PAGE)
    with page_cache():
        proceedings.record_statement(msp, by=ISU, kind="state", state=State.objects.get(code="TUV"))
    after = client.get(PAGE)
    assert after.content != before.content
    assert after["ETag"] != before["ETag"]
    assert after.content == fresh(PAGE, settings)
    with django_assert_num_queries(0):
        assert client.get(PAGE).content == after.content


def test_a_write_that_rolls_back_leaves_the_page_cached(msp, page_cache, django_assert_num_queries):
    client = Client()
    before = client.get(PAGE)
    with page_cache(), pytest.raises(RuntimeError), transaction.atomic():
        proceedings.record_statement(msp, by=ISU, kind="state", state=State.objects.get(code="TUV"))
        raise RuntimeError("rolled back")
    with django_assert_num_queries(0):
        again = client.get(PAGE)
    assert (again.content, again["ETag"]) == (before.content, before["ETag"])


def test_another_meetings_write_leaves_the_page_cached(msp, page_cache, django_assert_num_queries):
    client = Client()
    before = client.get(PAGE)
    other = Meeting.objects.get(series="BWC/MSP/2018")
    with page_cache():
        proceedings.record_statement(other, by=ISU, kind="state", state=State.objects.get(code="TUV"))
    with django_assert_num_queries(0):
        again = client.get(PAGE)
    assert again.content == before.content
    # The meetings list shows every meeting: it is built again.
    assert Client().get("/meetings/").status_code == 200


def test_a_state_renamed_in_the_reference_data_shows_on_meeting_pages(msp, page_cache, tmp_path, settings):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    names = data / "state_names.csv"
    text = names.read_text(encoding="utf-8")
    assert text.count(",en,Tuvalu,") == 1
    names.write_text(text.replace(",en,Tuvalu,", ",en,Tuvalu Islands,"), encoding="utf-8")
    with page_cache():
        proceedings.record_statement(msp, by=ISU, kind="state", state=State.objects.get(code="TUV"))
    client = Client()
    before = client.get(PAGE)
    assert before.content.count(b"Tuvalu Islands") == 0
    with page_cache():
        load_reference_data(by=ISU, data_dir=data)
    after = client.get(PAGE)
    # Every mention of the State (its statement, its delegation) takes the new name.
    assert after.content.count(b"Tuvalu Islands") == before.content.count(b"Tuvalu") > 0
    assert after.content == fresh(PAGE, settings)


def test_validators_give_304s(msp, page_cache, django_assert_num_queries):
    client = Client()
    first = client.get(PAGE)
    etag, modified = first["ETag"], first["Last-Modified"]
    with django_assert_num_queries(0):
        by_etag = client.get(PAGE, HTTP_IF_NONE_MATCH=etag)
        by_date = client.get(PAGE, HTTP_IF_MODIFIED_SINCE=modified)
        other_etag = client.get(PAGE, HTTP_IF_NONE_MATCH='"something else"')
        earlier = client.get(PAGE, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")
    assert (by_etag.status_code, by_etag.content, by_etag["ETag"]) == (304, b"", etag)
    assert (by_date.status_code, by_date.content, by_date["Last-Modified"]) == (304, b"", modified)
    assert (other_etag.status_code, other_etag.content) == (200, first.content)
    assert (earlier.status_code, earlier.content) == (200, first.content)
    # Once the copy is gone the page is built again: the same bytes, the same validators, a 304.
    cache.clear()
    rebuilt = client.get(PAGE, HTTP_IF_NONE_MATCH=etag)
    assert (rebuilt.status_code, rebuilt["ETag"]) == (304, etag)


def test_signed_in_readers_get_their_own_page_and_never_leave_it_for_others(msp, page_cache):
    user = User.objects.create(username="reader")
    anonymous = Client()
    cached = anonymous.get(PAGE)
    signed_in = Client()
    signed_in.force_login(user)
    mine = signed_in.get(PAGE)
    assert mine.content.count(b"(reader)") == 1  # "Sign out (reader)"
    assert cached.content.count(b"(reader)") == 0
    assert "ETag" not in mine
    cache.clear()
    signed_in.get(PAGE)  # built for a signed-in reader: never kept
    assert cache.get(_key(PAGE)) is None
    assert Client().get(PAGE).content.count(b"(reader)") == 0


def _key(path: str, lang: str = "en") -> str:
    request = RequestFactory().get(path)
    with translation.override(lang):
        return pagecache.entry_key(request)


def test_no_cookie_is_kept(msp, page_cache):
    first = Client().get("/fr" + PAGE)
    assert first.cookies["django_language"].value == "fr"  # the reader's language, remembered
    entry = cache.get(_key("/fr" + PAGE, "fr"))
    assert entry is not None
    assert [name for name, _value in entry["headers"] if name.lower() == "set-cookie"] == []
    # A new reader still gets the language cookie (the middleware's, outside the cache).
    assert Client().get("/fr" + PAGE).cookies["django_language"].value == "fr"


def test_head_is_answered_from_the_same_copy(msp, page_cache, django_assert_num_queries):
    client = Client()
    get = client.get(PAGE)
    with django_assert_num_queries(0):
        head = client.head(PAGE)
    assert (head.status_code, head.content, head["ETag"]) == (200, b"", get["ETag"])
    cache.clear()
    head = client.head(PAGE)
    assert (head.status_code, head["ETag"]) == (200, get["ETag"])
    with django_assert_num_queries(0):
        assert client.get(PAGE).content == get.content


def test_a_huge_query_string_is_served_but_not_kept(msp, page_cache, django_assert_num_queries):
    path = "/meetings/?" + "x=" + "y" * 5000
    client = Client()
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200
    assert cache.get(_key(path)) is None
    client.get("/meetings/?x=1")
    with django_assert_num_queries(0):  # a query string within bounds is kept
        client.get("/meetings/?x=1")


def test_odd_accept_language_headers_share_one_copy(msp, page_cache, django_assert_num_queries):
    home = Client().get("/")
    assert home.status_code == 200
    odd = ["xx-YY;q=5", "*;q=0.1, en;q=0.9", "de-CH-1996, i-klingon, en-GB-oed", ";;;,,," * 200]
    with django_assert_num_queries(0):
        for header in odd:
            answer = Client().get("/", HTTP_ACCEPT_LANGUAGE=header)
            assert (answer.status_code, answer.content) == (200, home.content)
    # Keys are hashed, of one length whatever the address.
    assert {len(_key("/")), len(_key("/meetings/" + "a" * 3000))} == {len(pagecache._KEY) + 64}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/meetings/",
        "/status/",
        "/status/?on=1999-01-01",
        "/states/",
        "/states/FRA/",
        "/programme/",
        "/search/?q=France",
        "/documents/BWC/MSP/2017/6",
    ],
)
def test_every_cached_page_costs_no_query_the_second_time(
    path, msp, page_cache, settings, django_assert_num_queries
):
    client = Client()
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(path)
    assert (again.content, again["ETag"]) == (first.content, first["ETag"])
    assert again.content == fresh(path, settings)


def test_a_search_page_built_before_the_index_followed_a_write_is_not_kept(msp, page_cache, settings):
    from plenary.core import events

    path = "/search/?q=Tuvalu"
    seen = []

    def between(meeting_id, actions):  # runs after the commit, before the index follows it
        seen.append(Client().get(path).content)

    events._listeners.insert(0, between)
    try:
        with page_cache():
            proceedings.record_statement(msp, by=ISU, kind="state", state=State.objects.get(code="TUV"))
    finally:
        events._listeners.remove(between)
    now = Client().get(path).content
    assert now == fresh(path, settings)
    assert seen != [now]
