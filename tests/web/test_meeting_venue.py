"""The venue a meeting page shows: in the page's language when written so, else the meeting's own
venue, never another script's when the meeting's own is there."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.treaties.models import Treaty


@pytest.fixture
def meeting(db):
    meeting, _ = save_meeting(
        Treaty.objects.get(code="BWC"),
        "BWC/MSP/2087",
        by=Actor.system("test"),
        kind="MSP",
        year=2087,
        start=dt.date(2087, 12, 1),
        end=dt.date(2087, 12, 3),
        venue="Palais des Nations, Geneva",
        venues={"zh": "日内瓦万国宫"},
    )
    return meeting


@pytest.mark.parametrize(
    ("prefix", "venue"),
    [("/zh-hans", "日内瓦万国宫"), ("/ar", "Palais des Nations, Geneva"), ("", "Palais des Nations, Geneva")],
)
def test_the_venue_in_the_pages_language_or_the_meetings_own(client, meeting, prefix, venue):
    html = client.get(f"{prefix}/meetings/BWC/MSP/2087/").content.decode()
    assert venue in html
    assert ("日内瓦万国宫" in html) == (prefix == "/zh-hans")
