"""The home page and the programme page on 2026-12-01, with the meetings of 2023-2026 recorded as
the real ones were held (the sessions of the Working Group and the Meetings of States Parties,
/work/shared/reference/treaty-databases.md section 7; bwc.yaml, programmes.working-group)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from plenary.core import clock
from plenary.meetings.models import Meeting, Officer
from plenary.treaties.models import Group
from tests.factories import MeetingFactory, OfficerFactory, state

pytestmark = pytest.mark.django_db

# Series, kind, number, year, start, end, status. The Working Group sessions' dates are the
# reference's; the Meetings of States Parties of 2025 and 2026 are test records that follow the
# year's last session, as the MSPs of 2023 and 2024 did.
REAL = [
    ("BWC/WG/1", "WG", 1, 2023, (2023, 3, 15), (2023, 3, 16), "held"),
    ("BWC/WG/2", "WG", 2, 2023, (2023, 8, 7), (2023, 8, 18), "held"),
    ("BWC/WG/3", "WG", 3, 2023, (2023, 12, 4), (2023, 12, 8), "held"),
    ("BWC/MSP/2023", "MSP", None, 2023, (2023, 12, 11), (2023, 12, 13), "held"),
    ("BWC/WG/4", "WG", 4, 2024, (2024, 8, 19), (2024, 8, 23), "held"),
    ("BWC/WG/5", "WG", 5, 2024, (2024, 12, 2), (2024, 12, 13), "held"),
    ("BWC/MSP/2024", "MSP", None, 2024, (2024, 12, 16), (2024, 12, 18), "held"),
    ("BWC/WG/6", "WG", 6, 2025, (2025, 8, 11), (2025, 8, 22), "held"),
    ("BWC/WG/7", "WG", 7, 2025, (2025, 12, 8), (2025, 12, 12), "held"),
    ("BWC/MSP/2025", "MSP", None, 2025, (2025, 12, 15), (2025, 12, 17), "held"),
    ("BWC/WG/8", "WG", 8, 2026, (2026, 2, 9), (2026, 2, 13), "held"),
    ("BWC/WG/9", "WG", 9, 2026, (2026, 8, 17), (2026, 8, 21), "held"),
    ("BWC/WG/10", "WG", 10, 2026, (2026, 12, 7), (2026, 12, 11), "planned"),
    ("BWC/MSP/2026", "MSP", None, 2026, (2026, 12, 14), (2026, 12, 16), "planned"),
]


@pytest.fixture
def real_meetings(db):
    for series, kind, number, year, start, end, status in REAL:
        values = {
            "kind": kind,
            "number": number,
            "year": year,
            "start": dt.date(*start),
            "end": dt.date(*end),
        }
        MeetingFactory(series=series, days=None, status=status, **values)
        # A meeting the data hold already keeps its record but for these (the data may lack dates).
        Meeting.objects.filter(series=series).update(status=status, **values)
    # The officers of the test: the Chair of the seventh session only, whatever the data hold.
    Officer.objects.filter(meeting__series__in=[row[0] for row in REAL]).delete()
    OfficerFactory(
        meeting=Meeting.objects.get(series="BWC/WG/7"),
        name="Frederico S. Duque Estrada Meyer",
        state=state("BRA"),
        group=Group.objects.get(scheme="BWC", code="NAM"),
    )


def on(monkeypatch, day: dt.date) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_on_1_december_2026_the_next_meeting_is_the_tenth_working_group_session(
    client, real_meetings, monkeypatch
):
    on(monkeypatch, dt.date(2026, 12, 1))
    html = client.get("/").content.decode()
    next_meeting = re.search(r'<p id="next-meeting">(.*?)</p>', html).group(1)
    assert re.search(r'href="([^"]+)"', next_meeting).group(1) == "/meetings/BWC/WG/10/"
    assert "in session" not in next_meeting
    latest = re.findall(
        r'<li><a href="/meetings/([^"]+)/"[^>]*>', re.search(r'id="latest">(.*?)</ul>', html, re.S)[1]
    )
    assert latest == ["BWC/WG/9", "BWC/WG/8", "BWC/MSP/2025", "BWC/WG/7", "BWC/WG/6"]
    assert "No meeting is planned in the records." not in html


def test_a_meeting_in_progress_is_the_next_meeting_and_shows_in_session(client, real_meetings, monkeypatch):
    on(monkeypatch, dt.date(2026, 12, 9))
    html = client.get("/").content.decode()
    next_meeting = re.search(r'<p id="next-meeting">(.*?)</p>', html).group(1)
    assert 'href="/meetings/BWC/WG/10/"' in next_meeting
    assert '<b class="in-session">in session</b>' in next_meeting
    latest = re.findall(
        r'<li><a href="/meetings/([^"]+)/"[^>]*>', re.search(r'id="latest">(.*?)</ul>', html, re.S)[1]
    )
    assert latest[0] == "BWC/WG/9"  # the tenth session has not ended


def test_after_the_last_meeting_on_record_none_is_planned(client, real_meetings, monkeypatch):
    on(monkeypatch, dt.date(2031, 1, 5))
    Meeting.objects.filter(start__gte=dt.date(2027, 1, 1)).update(status="cancelled")
    html = client.get("/").content.decode()
    assert 'id="next-meeting"' not in html
    assert "No meeting is planned in the records." in html
    # Planned meetings whose dates passed were not held on the record: they are not "latest".
    latest = re.findall(
        r'<li><a href="/meetings/([^"]+)/"[^>]*>', re.search(r'id="latest">(.*?)</ul>', html, re.S)[1]
    )
    assert latest[0] == "BWC/WG/9"


def _rotation_rows(html: str) -> list[tuple[str, str]]:
    table = re.search(r'<table id="rotation">(.*?)</table>', html, re.S).group(1)
    return [(y, text_of(cells)) for y, cells in re.findall(r"<tr><td[^>]*>(\d{4})</td>(.*?)</tr>", table)]


def test_the_home_page_shows_the_programme_years_on_record_only(client, real_meetings, monkeypatch):
    on(monkeypatch, dt.date(2026, 12, 1))
    MeetingFactory(series="BWC/MSP/2030", year=2030, status="planned")  # a year planned far ahead
    rows = dict(_rotation_rows(client.get("/").content.decode()))
    assert list(rows) == ["2018", "2019", "2020", "2023", "2024", "2025", "2026", "2030"]
    # 2018-2020: the rotation of the intersessional programme (BWC/MSP/2017/6 para. 19 (d)).
    assert rows["2018"] == "MX1 NAM · MX2 NAM · MX3 WG · MX4 WG · MX5 EEG · MSP EEG"
    # The Working Group years: what the records hold, the Chair's group where recorded.
    assert rows["2025"] == "WG6 · WG7 NAM · MSP"
    assert rows["2026"] == "WG8 · WG9 · WG10 · MSP"
    assert rows["2030"] == "MSP"


def test_the_programme_page_lists_exactly_the_years_held_or_planned(client, real_meetings, monkeypatch):
    on(monkeypatch, dt.date(2026, 12, 1))
    MeetingFactory(series="BWC/MSP/2030", year=2030, status="planned")
    html = client.get("/programme/").content.decode()
    assert re.findall(r"<h2>(\d{4})</h2>", html) == [
        "2018",
        "2019",
        "2020",
        "2023",
        "2024",
        "2025",
        "2026",
        "2030",
    ]
    # The rotation table holds the years whose chairs follow the rotation rule, no others.
    assert [y for y, _ in _rotation_rows(html)] == ["2018", "2019", "2020"]
    section = html.split("<h2>2025</h2>", 1)[1].split("<h2>", 1)[0]
    rows = re.findall(
        r"<tr>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>.*?</td><td[^>]*>.*?</td>\s*<td[^>]*>(.*?)</td>\s*</tr>",
        section,
        re.S,
    )
    assert [(text_of(m), text_of(chair)) for m, chair in rows] == [
        ("BWC/WG/6", "not recorded"),
        ("BWC/WG/7", "Frederico S. Duque Estrada Meyer (Brazil, NAM)"),
        ("BWC/MSP/2025", "not recorded"),
    ]
    assert "Rotation" not in section
    assert "their officers are elected, not rotated" in html


def test_when_no_dated_meeting_is_ahead_the_next_is_one_planned_without_dates(
    client, real_meetings, monkeypatch
):
    on(monkeypatch, dt.date(2026, 12, 20))
    Meeting.objects.filter(start__gte=dt.date(2026, 12, 12)).update(start=None, end=None)  # the 2026 MSP
    MeetingFactory(series="BWC/MSP/2094", year=2094, start=None, end=None, status="planned")
    Meeting.objects.filter(year__gte=2027).exclude(series="BWC/MSP/2094").update(status="cancelled")
    html = client.get("/").content.decode()
    next_meeting = re.search(r'<p id="next-meeting">(.*?)</p>', html).group(1)
    assert 'href="/meetings/BWC/MSP/2026/"' in next_meeting
    assert "2026 (dates not yet on record)" in text_of(next_meeting)


def test_the_home_page_costs_the_same_queries_for_50_more_meetings(client, real_meetings, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    on(monkeypatch, dt.date(2026, 12, 1))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    before = queries()
    for n in range(50):
        meeting = MeetingFactory(
            series=f"BWC/WG/{200 + n}", kind="WG", number=200 + n, year=2093, status="planned"
        )
        OfficerFactory(meeting=meeting, state=state("BRA"), group=Group.objects.get(scheme="BWC", code="NAM"))
    assert queries() == before


def test_the_programme_page_says_when_a_meetings_dates_are_not_on_record(client, real_meetings, monkeypatch):
    on(monkeypatch, dt.date(2026, 12, 1))
    Meeting.objects.filter(series="BWC/MSP/2026").update(start=None, end=None)
    html = client.get("/programme/").content.decode()
    section = html.split("<h2>2026</h2>", 1)[1].split("<h2>", 1)[0]
    last = re.findall(r"<tr>(.*?)</tr>", section, re.S)[-1]
    assert "BWC/MSP/2026" in last
    assert '<span class="muted">dates not yet on record</span>' in last


def test_the_home_page_joins_a_meetings_kind_and_dates_as_the_language_does(
    client, real_meetings, monkeypatch
):
    monkeypatch.setattr("plenary.core.clock.today", lambda: dt.date(2026, 12, 1))
    arabic = re.search(r'<p id="next-meeting">(.*?)</p>', client.get("/ar/").content.decode()).group(1)
    assert "دورة الفريق العامل، " in arabic and "دورة الفريق العامل," not in arabic
    chinese = re.search(r'<p id="next-meeting">(.*?)</p>', client.get("/zh-hans/").content.decode()).group(1)
    assert "，2026年12月7日至11日" in chinese
