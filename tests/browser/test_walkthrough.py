"""A new visitor's walk through the public site, in real Chromium."""

from __future__ import annotations

import re


def test_a_visitor_walks_the_site(server, page, tmp_path):
    # The home page.
    page.goto(server + "/")
    assert page.locator("#count-parties").inner_text().strip().isdigit()
    assert page.get_attribute("html", "dir") == "ltr"

    # Switch to Chinese, then to Arabic: the same page, right to left.
    page.click("nav.languages a[hreflang='zh-hans']")
    page.wait_for_url(server + "/zh-hans/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    page.click("nav.languages a[hreflang='ar']")
    page.wait_for_url(server + "/ar/")
    assert page.get_attribute("html", "dir") == "rtl"
    page.click("nav.languages a[hreflang='en']")
    page.wait_for_url(server + "/")

    # Open the 2017 meeting.
    page.click("text=Meetings")
    page.click("a:text-is('BWC/MSP/2017')")
    page.wait_for_url(re.compile(r".*/meetings/BWC/MSP/2017/$"))
    assert page.locator("[data-category='state_party']").inner_text() == "116"

    # Find BWC/MSP/2017/WP.13 by search: typing its symbol goes straight to it.
    page.fill("header .quick-search input[name=q]", "BWC/MSP/2017/WP.13")
    page.press("header .quick-search input[name=q]", "Enter")
    page.wait_for_url(server + "/documents/BWC/MSP/2017/WP.13")
    assert "Voluntary visits" in page.inner_text("main")

    # Download a language version: the Chinese report.
    page.goto(server + "/documents/BWC/MSP/2017/6")
    with page.expect_download() as info:
        page.click("a.button:text-is('ZH')")
    download = info.value
    assert download.suggested_filename == "BWC_MSP_2017_6-ZH.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")

    # Treaty status on 8 December 2017.
    page.click("text=Treaty status")
    page.fill("input[name=on]", "2017-12-08")
    page.click("form.inline button")
    page.wait_for_url(re.compile(r".*/status/\?on=2017-12-08$"))
    assert page.inner_text("#count-parties") == "179"
    assert "Syrian Arab Republic" in page.inner_text("#signatories")


def test_search_as_you_type(server, page):
    page.goto(server + "/search/")
    page.type("#search-q", "voluntary visits", delay=30)
    page.wait_for_selector("#search-results mark", timeout=10000)
    assert "BWC/MSP/2017/WP.13" in page.inner_text("#search-results")


def test_the_site_reads_on_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/meetings/BWC/MSP/2017/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    context.close()
