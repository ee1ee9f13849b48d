"""Read helpers for meetings and the programme."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from plenary.meetings.models import AgendaItem, Meeting, Officer, PlannedSitting, ProgrammeEntry
from plenary.meetings.programme import ProgrammeRules
from plenary.treaties.models import Treaty

# How a meeting is called when its record holds no title (UN terminology).
KIND_NAMES: dict[str, dict[str, str]] = {
    "MSP": {
        "ar": "اجتماع الدول الأطراف",
        "zh": "缔约国会议",
        "en": "Meeting of States Parties",
        "fr": "Réunion des États parties",
        "ru": "Совещание государств-участников",
        "es": "Reunión de los Estados Partes",
    },
    "MX": {
        "ar": "اجتماع الخبراء",
        "zh": "专家会议",
        "en": "Meeting of Experts",
        "fr": "Réunion d'experts",
        "ru": "Совещание экспертов",
        "es": "Reunión de Expertos",
    },
    "REVCON": {
        "ar": "المؤتمر الاستعراضي",
        "zh": "审议大会",
        "en": "Review Conference",
        "fr": "Conférence d'examen",
        "ru": "Конференция по рассмотрению действия",
        "es": "Conferencia de Examen",
    },
    "PREPCOM": {
        "ar": "اللجنة التحضيرية",
        "zh": "筹备委员会",
        "en": "Preparatory Committee",
        "fr": "Comité préparatoire",
        "ru": "Подготовительный комитет",
        "es": "Comité Preparatorio",
    },
}


def meetings_with_officers(treaty: Treaty) -> QuerySet[Meeting]:
    """The treaty's meetings with their officers, States and groups (two queries)."""
    officers = Officer.objects.select_related("state", "group").order_by("role", "position")
    return (
        Meeting.objects.filter(treaty=treaty)
        .prefetch_related(Prefetch("officers", queryset=officers))
        .order_by("start", "series")
    )


def programme_rules(treaty: Treaty) -> ProgrammeRules:
    return ProgrammeRules.from_profile(treaty.profile)


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
