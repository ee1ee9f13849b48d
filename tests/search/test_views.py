"""The search page: full page, htmx fragment, symbol redirect, language prefix."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.usefixtures("indexed")]


def hrefs(html: str) -> list[str]:
    return re.findall(r'class="search-hit-link" href="([^"]+)"', html)


def test_the_page_has_the_form_and_the_results(client):
    response = client.get("/search/", {"q": "voluntary visits"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>voluntary visits – Search · Plenary</title>" in html
    assert 'hx-trigger="keyup changed delay:300ms, search"' in html
    assert 'hx-get="/search/"' in html
    assert '<p class="search-count">2 results</p>' in html
    assert hrefs(html) == ["/documents/BWC/MSP/2017/WP.13", "/documents/BWC/MSP/2017/WP.13/Corr.1"]
    assert "HX-Request" in response["Vary"]


def test_an_htmx_request_gets_only_the_results_fragment(client):
    response = client.get("/search/", {"q": "voluntary visits"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<p class="search-count">2 results</p>')
    assert "<html" not in html and "<form" not in html
    assert hrefs(html) == ["/documents/BWC/MSP/2017/WP.13", "/documents/BWC/MSP/2017/WP.13/Corr.1"]


def test_the_empty_page_shows_no_results(client):
    html = client.get("/search/").content.decode()
    assert "search-count" not in html and 'id="search-results"' in html


def test_a_symbol_redirects_to_its_document_in_the_readers_language(client):
    response = client.get("/search/", {"q": "bwc/msp/2017/wp.13"})
    assert (response.status_code, response["Location"]) == (302, "/documents/BWC/MSP/2017/WP.13")
    response = client.get("/zh-hans/search/", {"q": "BWC/MSP/2017/6"})
    assert (response.status_code, response["Location"]) == (302, "/zh-hans/documents/BWC/MSP/2017/6")


def test_a_symbol_typed_as_you_type_is_not_redirected(client):
    response = client.get("/search/", {"q": "BWC/MSP/2017/WP.1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert hrefs(response.content.decode())[0] == "/documents/BWC/MSP/2017/WP.1"


def test_links_keep_the_language_prefix_and_other_languages_are_marked(client):
    zh = client.get("/zh-hans/search/", {"q": "会议", "kind": "document"}).content.decode()
    assert hrefs(zh) == [
        "/zh-hans/documents/BWC/MSP/2017/6",
        "/zh-hans/documents/BWC/MSP/2017/CRP.2",
        "/zh-hans/documents/BWC/MSP/2017/5",
    ]
    assert "search-other-language" not in zh
    en = client.get("/search/", {"q": "会议", "kind": "document"}).content.decode()
    assert en.count('<span class="search-other-language" lang="zh-Hans">中文</span>') == 3
    assert 'lang="zh-Hans" dir="ltr">缔约国<mark>会议</mark>的报告</a>' in en


def test_arabic_hits_are_right_to_left(client):
    html = client.get("/ar/search/", {"q": "الزيارات"}).content.decode()
    assert 'href="/ar/documents/BWC/MSP/2017/WP.13" lang="ar" dir="rtl"><mark>الزيارات</mark>' in html


def test_filters_narrow_and_a_bad_filter_is_ignored(client):
    html = client.get("/search/", {"q": "", "doc_type": "WP", "submitter": "CHE"}).content.decode()
    assert hrefs(html) == [
        "/documents/BWC/MSP/2017/WP.2",
        "/documents/BWC/MSP/2017/WP.3",
        "/documents/BWC/MSP/2017/WP.6",
        "/documents/BWC/MSP/2017/WP.14",
    ]
    html = client.get("/search/", {"q": "voluntary", "year": "abc", "kind": "nonsense"}).content.decode()
    unfiltered = client.get("/search/", {"q": "voluntary"}).content.decode()
    assert hrefs(html) == hrefs(unfiltered)
    assert hrefs(html)[:2] == ["/documents/BWC/MSP/2017/WP.13", "/documents/BWC/MSP/2017/WP.13/Corr.1"]
    assert "/documents/BWC/MSP/2017/6/read/en.html#para-19" in hrefs(html)


def test_the_query_is_escaped_on_the_page(client):
    html = client.get("/search/", {"q": '<script>"x"'}).content.decode()
    assert "<script>" not in html
    assert 'value="&lt;script&gt;&quot;x&quot;"' in html


def test_a_search_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # Three for the filters' choices, one for the hits, however many hits.
    with django_assert_num_queries(4):
        client.get("/search/", {"q": "bwc"}, headers={"HX-Request": "true"})
    with django_assert_num_queries(4):
        client.get("/search/", {"q": "voluntary"}, headers={"HX-Request": "true"})
