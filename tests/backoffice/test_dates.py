"""The back office writes dates as the UN does, in the language of the page."""

from __future__ import annotations


def test_the_dashboard_and_the_meeting_page_give_the_days_the_uns_way(staff):
    html = staff.get("/office/").content.decode()
    assert "<td>4–8 December 2017</td>" in html
    assert "<td>13 August 2018</td>" in html  # MX.3 of 2018 sat for one day
    assert "2017-12-04" not in html
    html = staff.get("/office/meetings/BWC/MSP/2017/").content.decode()
    assert "<dt>Dates</dt><dd>4–8 December 2017 (5 days)</dd>" in html


def test_a_page_in_chinese_writes_the_chinese_form(staff):
    html = staff.get("/zh-hans/office/").content.decode()
    assert "<td>2017年12月4日至8日</td>" in html
