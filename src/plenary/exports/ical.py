"""The meetings as an iCalendar feed (RFC 5545): one all-day VEVENT per meeting with dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import translation
from icalendar import Calendar, Event

from plenary.core.dates import un_date_range
from plenary.exports.texts import meeting_titles, plain
from plenary.meetings.models import Meeting

MIME = "text/calendar; charset=utf-8"
COMMA = {"zh": "，", "ar": "، "}
EVENT_STATUS = {
    Meeting.Status.PLANNED: "TENTATIVE",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.POSTPONED: "TENTATIVE",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def uid(meeting: Meeting) -> str:
    """Stable across feeds and languages, so that calendars update an event instead of adding one."""
    return f"{meeting.series}@plenary"


def meetings_calendar(
    meetings: Iterable[Meeting], lang: str, *, base_url: str = "", stamp: dt.datetime | None = None
) -> bytes:
    """The feed; meetings without dates are left out. DTEND is the day after the last day
    (all-day events end exclusively)."""
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//Plenary//Treaty meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Plenary meetings")
    for meeting in meetings:
        if meeting.start is None:
            continue
        end = meeting.end or meeting.start
        event = Event()
        event.add("uid", uid(meeting))
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.start)
        event.add("dtend", end + dt.timedelta(days=1))
        event.add("summary", plain(meeting_titles(meeting), lang) or meeting.series)
        location = plain(meeting.venue_texts, lang)
        if location:
            event.add("location", location)
        with translation.override("zh-hans" if lang == "zh" else lang):
            kind = str(meeting.get_kind_display())
        # Human text in the feed's language: the days as the UN writes them (4–8 December 2017).
        days = un_date_range(meeting.start, max(end, meeting.start), lang)
        event.add("description", f"{meeting.series} ({kind}{COMMA.get(lang, ', ')}{days})")
        event.add("status", EVENT_STATUS.get(meeting.status, "TENTATIVE"))
        event.add("categories", [meeting.kind])
        if base_url:
            event.add("url", f"{base_url.rstrip('/')}/api/meetings/{meeting.series}")
        cal.add_component(event)
    return cal.to_ical()
