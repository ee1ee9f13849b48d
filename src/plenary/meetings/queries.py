"""Read helpers for meetings and the programme."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from plenary.meetings.models import Meeting, Officer
from plenary.meetings.programme import ProgrammeRules
from plenary.treaties.models import Treaty


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
