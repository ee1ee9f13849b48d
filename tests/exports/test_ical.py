"""The iCalendar feed of meetings: GET /api/meetings.ics and exports.ical."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from plenary.exports.ical import meetings_calendar
from plenary.meetings.models import Meeting


def events(content: bytes) -> dict[str, dict]:
    cal = Calendar.from_ical(content)
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "summary": str(e["SUMMARY"]),
            "location": str(e.get("LOCATION", "")),
            "status": str(e["STATUS"]),
            "description": str(e["DESCRIPTION"]),
        }
        for e in cal.walk("VEVENT")
    }


def test_feed_has_one_all_day_event_per_meeting(db, client):
    response = client.get("/api/meetings.ics", {"lang": "zh"}, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="meetings-ZH.ics"'
    found = events(response.content)
    # Every meeting with dates; those planned with no dates yet (the 2026 MSP, the Tenth Review
    # Conference and its Preparatory Committee) have no event to give.
    assert set(found) == {f"{m.series}@plenary" for m in Meeting.objects.exclude(start=None)}
    assert len(found) == 36
    # A venue in the feed's language (the data file's venue_names).
    assert found["BWC/WG/3@plenary"]["location"] == "日内瓦万国宫(XVII号会议室)"
    msp = found["BWC/MSP/2017@plenary"]
    assert msp["start"] == dt.date(2017, 12, 4)
    assert msp["end"] == dt.date(2017, 12, 9)  # exclusive: the day after 8 December
    assert msp["summary"].startswith("禁止发展、生产和储存细菌(生物)及毒素武器")
    assert msp["location"] == "日内瓦万国宫"
    assert msp["status"] == "CONFIRMED"
    # A one-day meeting ends the next day; with no title on record the summary is the kind's name.
    mx3 = found["BWC/MSP/2018/MX.3@plenary"]
    assert (mx3["start"], mx3["end"]) == (dt.date(2018, 8, 13), dt.date(2018, 8, 14))
    assert mx3["summary"] == "专家会议 3 (BWC/MSP/2018/MX.3)"
    # The description gives the days as the UN writes them in the feed's language.
    assert msp["description"] == "BWC/MSP/2017 (缔约国会议，2017年12月4日至8日)"
    assert mx3["description"] == "BWC/MSP/2018/MX.3 (专家会议，2018年8月13日)"


def test_feed_filters_and_language(db, client):
    response = client.get(
        "/api/meetings.ics", {"year": 2019, "kind": "MSP", "lang": "fr"}, HTTP_HOST="localhost"
    )
    found = events(response.content)
    assert list(found) == ["BWC/MSP/2019@plenary"]
    assert found["BWC/MSP/2019@plenary"]["summary"] == "Réunion des États parties (BWC/MSP/2019)"
    bad = client.get("/api/meetings.ics", {"lang": "de"}, HTTP_HOST="localhost")
    assert bad.status_code == 400
    assert bad.json() == {"detail": "unknown language 'de': use one of ar, zh, en, fr, ru, es"}


def test_uids_do_not_change_with_language_and_undated_meetings_are_left_out(db, bwc):
    meetings = list(Meeting.objects.filter(year=2018).order_by("start"))
    undated = Meeting(treaty=bwc, series="BWC/MSP/2030", kind="MSP", year=2030)
    stamp = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    en = events(meetings_calendar([*meetings, undated], "en", stamp=stamp))
    ar = events(meetings_calendar(meetings, "ar", stamp=stamp))
    assert list(en) == list(ar) == [f"{m.series}@plenary" for m in meetings]
    assert en["BWC/MSP/2018@plenary"]["summary"] == "Meeting of States Parties (BWC/MSP/2018)"
    assert ar["BWC/MSP/2018@plenary"]["summary"] == "اجتماع الدول الأطراف (BWC/MSP/2018)"
    assert (
        en["BWC/MSP/2018@plenary"]["description"]
        == "BWC/MSP/2018 (Meeting of States Parties, 4–7 December 2018)"
    )
    assert ar["BWC/MSP/2018@plenary"]["description"] == (
        "BWC/MSP/2018 (اجتماع الدول الأطراف، 4-7 كانون الأول/ديسمبر 2018)"
    )
