"""The site at phone width (375 px) in English, Arabic and Chinese: nothing wider than the screen,
symbols and the rotation table's cells never broken across lines; and every file a page loads
comes from Plenary itself (the API docs too)."""

from __future__ import annotations

import urllib.parse

import pytest

PHONE = {"width": 375, "height": 800}

# Elements wider than the viewport, or reaching past either edge (the Arabic page runs from the
# right), as "TAG.class width" strings.
TOO_WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.width > innerWidth || r.left < -0.5 || r.right > innerWidth + 0.5); })
  .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().width)}`)"""
# Texts that take more than one line: a symbol, or a cell of the rotation table.
BROKEN = """(selector) => [...document.querySelectorAll(selector)].filter(e => {
  const range = document.createRange(); range.selectNodeContents(e);
  const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
  return tops.size > 1; }).map(e => e.textContent.trim())"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("prefix", ["", "/ar", "/zh-hans"])
@pytest.mark.parametrize("path", ["/", "/programme/"])
def test_home_and_programme_fit_a_phone(server, phone, prefix, path):
    phone.goto(server + prefix + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.evaluate("innerWidth") == 375
    assert phone.evaluate(TOO_WIDE) == []
    # The rotation table is there, whole, and none of its cells (2018, NAM ...) is broken.
    assert phone.locator("table#rotation tbody tr").count() >= 3
    # A year's list of meetings may wrap between meetings, never inside one.
    cells = "table#rotation th, table#rotation td:not(.meetings), table#rotation td.meetings .item"
    assert phone.evaluate(BROKEN, cells) == []
    symbols = phone.locator(".symbol")
    assert symbols.count() >= (5 if path == "/" else 18)
    assert phone.evaluate(BROKEN, ".symbol") == []


def test_a_symbol_cell_does_not_wrap_where_the_column_is_narrow(server, phone):
    # The 2017 meeting's documents table, in Arabic: long symbols beside long titles.
    phone.goto(server + "/ar/meetings/BWC/MSP/2017/")
    cells = phone.locator("table.documents td a.symbol")
    assert cells.count() > 10
    assert "BWC/MSP/2017/WP.13" in cells.all_inner_texts()
    assert phone.evaluate(BROKEN, "table.documents td a.symbol") == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("path", ["/", "/ar/meetings/BWC/MSP/2017/", "/api/docs"])
def test_every_file_a_page_loads_comes_from_plenary(server, browser, path):
    context = browser.new_context()
    page = context.new_page()
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urllib.parse.urlsplit(request.url).netloc))
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    if path == "/api/docs":
        # Swagger UI runs (from Plenary's copy) and has read the OpenAPI description.
        assert page.locator(".swagger-ui .info .title").inner_text().startswith("Plenary API")
        assert page.locator(".opblock").count() > 10
    assert len(hosts) > 2
    assert set(hosts) == {urllib.parse.urlsplit(server).netloc}
    context.close()
