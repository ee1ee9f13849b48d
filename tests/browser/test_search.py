"""Search as a reader types it, in Chinese and Arabic: the Meetings of Experts (recorded with no
title) are found by their kind's names, and each hit shows its meeting and the meeting's dates."""

from __future__ import annotations


def test_a_chinese_reader_finds_the_meetings_of_experts_as_they_type(server, page):
    page.goto(server + "/zh-hans/search/")
    # Chinese comes through an input method, not key by key: the text arrives whole, then a key
    # is released (the search box searches on keyup).
    page.fill("#search-q", "专家会议")
    page.press("#search-q", "End")
    page.wait_for_selector("#search-results .search-hit-meeting", timeout=10000)
    first = page.locator("#search-results .search-hit-meeting").first
    assert first.locator(".search-hit-link").inner_text().startswith("专家会议 ")
    assert first.locator(".search-date").count() == 1
    assert first.locator(".search-hit-link").get_attribute("href").startswith("/zh-hans/meetings/BWC/MSP/20")


def test_an_arabic_reader_finds_a_report_paragraph_with_its_meeting_and_date(server, page):
    page.goto(server + "/ar/search/")
    page.type("#search-q", "برنامج الرعاية", delay=30)
    page.wait_for_selector("#search-results .search-hit-paragraph", timeout=10000)
    hit = page.locator("#search-results .search-hit-paragraph").first
    assert hit.locator(".search-meeting").inner_text() == "BWC/MSP/2017"
    assert hit.locator(".search-date").count() == 1
    assert "BWC/MSP/2017/6" in hit.locator(".search-hit-link").inner_text()
