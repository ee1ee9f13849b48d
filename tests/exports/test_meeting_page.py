"""The meeting page's read: one function that the web page and the API share."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.exports import queries


@pytest.mark.parametrize("url", ["/meetings/BWC/MSP/2017/", "/api/meetings/BWC/MSP/2017"])
def test_the_page_and_the_api_read_the_meeting_through_meeting_page(db, client, monkeypatch, url):
    calls = []
    real = queries.meeting_page

    def spy(series):
        calls.append(series)
        return real(series)

    monkeypatch.setattr(queries, "meeting_page", spy)
    # The views import the function by name: patch them where they use it.
    import plenary.api.meetings as api_meetings
    import plenary.web.views as web_views

    monkeypatch.setattr(web_views, "meeting_page", spy)
    monkeypatch.setattr(api_meetings, "meeting_page", spy)
    assert client.get(url).status_code == 200
    assert calls == ["BWC/MSP/2017"]


def test_the_read_holds_the_whole_2017_meeting_in_a_fixed_number_of_queries(db):
    with CaptureQueriesContext(connection) as read:
        page = queries.meeting_page("BWC/MSP/2017")
    assert (len(page.delegations), len(page.documents), len(page.statements)) == (133, 36, 91)
    assert [o.role for o in page.officers] == ["chair", "vice_chair", "vice_chair"]
    assert page.report.final.symbol == "BWC/MSP/2017/6"
    # The meeting with its officers, agenda, sittings, decisions, tallies and secretariat; the
    # delegations and their members; the documents with parents, versions, sponsors, family and
    # issued files; the statements; the report: 16 queries, whatever the number of rows.
    assert len(read.captured_queries) == 16
    with CaptureQueriesContext(connection) as empty:
        queries.meeting_page("BWC/MSP/2018")
    # A meeting with nothing recorded yet skips the prefetches of empty lists.
    assert len(empty.captured_queries) < 16


def test_no_such_meeting_is_none(db):
    assert queries.meeting_page("BWC/MSP/1900") is None
