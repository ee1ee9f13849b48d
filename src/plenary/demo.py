"""The demo data: reference data plus the meetings of the BWC's 2016-2022 cycle."""

from __future__ import annotations

from collections.abc import Callable

from plenary.meetings.domain import load_meetings
from plenary.meetings.models import Meeting
from plenary.setup import ensure_database
from plenary.treaties.reference import load_reference_data


def load_demo(*, by: str, only_if_empty: bool = False, say: Callable[[str], None] | None = None) -> dict:
    """Load (or refresh) the demo data. Safe to run twice: the second run changes nothing."""
    say = say or (lambda message: None)
    fresh = ensure_database(by=by, say=say)
    if only_if_empty and Meeting.objects.exists():
        say("the database already holds meetings; demo data not reloaded")
        return {"skipped": True}
    reference = {}
    if not fresh:
        say("checking reference data")
        reference = load_reference_data(by=by, progress=say)
    say("loading meetings")
    meetings = load_meetings(by=by)
    return {"reference": reference, "meetings": meetings}
