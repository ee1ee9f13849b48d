"""Read helpers for participation, each at a fixed number of queries."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from plenary.meetings.models import Meeting
from plenary.participation.models import Category, Delegation, Participant

# Rule 44 order: States Parties, signatories, observer States, the UN, organizations, NGOs.
CATEGORY_ORDER = Case(
    *(When(category=value, then=Value(i)) for i, value in enumerate(Category.values)),
    default=Value(len(Category.values)),
    output_field=IntegerField(),
)


def delegations_of(meeting: Meeting) -> QuerySet[Delegation]:
    """The meeting's delegations in Rule 44 order with their members (two queries)."""
    return (
        Delegation.objects.filter(meeting=meeting)
        .select_related("state", "organization")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.order_by("position")))
        .annotate(category_order=CATEGORY_ORDER)
        .order_by("category_order", "position", "id")
    )
