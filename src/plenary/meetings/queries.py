"""Read helpers for meetings and the programme."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from plenary.core import versions
from plenary.meetings.models import AgendaItem, Meeting, Officer, PlannedSitting, ProgrammeEntry
from plenary.meetings.programme import ProgrammeRules
from plenary.treaties.models import Treaty
from plenary.treaties.profile import MeetingKind, meeting_kinds, read_profile

# How a meeting is called when its record holds no title (UN terminology): the names of the
# kinds of meeting in the BWC profile (treaties/data/bwc.yaml, meeting_kinds).
KIND_NAMES: dict[str, dict[str, str]] = {
    code: dict(kind.names) for code, kind in meeting_kinds(read_profile("BWC")).items()
}


def kind_spec(meeting: Meeting) -> MeetingKind | None:
    """What the treaty profile says of the meeting's kind: series pattern, days, open or closed,
    the report it gives."""
    return meeting_kinds(meeting.treaty.profile or {}).get(meeting.kind)


def meetings_with_officers(treaty: Treaty) -> QuerySet[Meeting]:
    """The treaty's meetings with their officers, States and groups (two queries)."""
    officers = Officer.objects.select_related("state", "group").order_by("role", "position")
    return (
        Meeting.objects.filter(treaty=treaty)
        .prefetch_related(Prefetch("officers", queryset=officers))
        .order_by("start", "series")
    )


def programme_rules(treaty: Treaty, shape: str | None = None, *, year: int | None = None) -> ProgrammeRules:
    """The rules of a programme shape (default: the one in force in `year`, else the first)."""
    return ProgrammeRules.from_profile(treaty.profile, shape, year=year)


def meeting_titles(meeting) -> dict[str, str]:
    """The meeting's titles per language: its record's, else its kind's name with its series."""
    if meeting.title:
        return dict(meeting.title)
    kind = KIND_NAMES.get(meeting.kind, {})
    number = f" {meeting.number}" if meeting.kind == "MX" and meeting.number else ""
    return {lang: f"{name}{number} ({meeting.series})" for lang, name in kind.items()}


# -- the agenda and the programme of work -------------------------------------------------------


def agenda_of(meeting) -> list[tuple[AgendaItem, list[AgendaItem]]]:
    """The meeting's agenda in order: each item with its sub-items (one query)."""
    rows = list(AgendaItem.objects.filter(meeting=meeting).select_related("parent").order_by("number", "id"))
    subs: dict[int, list[AgendaItem]] = {}
    for row in rows:
        if row.parent_id is not None:
            subs.setdefault(row.parent_id, []).append(row)
    return [(row, subs.get(row.pk, [])) for row in rows if row.parent_id is None]


def programme_of(meeting) -> list[PlannedSitting]:
    """The meeting's planned sittings in order, each with its entries (`entries.all()`) and their
    agenda items prefetched (two queries)."""
    entries = ProgrammeEntry.objects.select_related("agenda_item__parent").order_by("position", "id")
    return list(
        PlannedSitting.objects.filter(meeting=meeting)
        .prefetch_related(Prefetch("entries", queryset=entries))
        .order_by("number")
    )


def version_scopes(series: str) -> list[str]:
    """What a meeting's page and API answers show, as record-version scopes: the meeting's own
    records, and the reference data (the names of States, groups and organizations) it names.
    One query; a series with no meeting gives the reference alone (its answer is a 404, never
    kept)."""
    pk = Meeting.objects.filter(series=series.strip("/")).values_list("pk", flat=True).first()
    return [versions.meeting_scope(pk), versions.REFERENCE] if pk is not None else [versions.REFERENCE]
