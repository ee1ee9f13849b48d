"""Read helpers shared by the API and the files, each at a fixed number of queries.

(They belong in participation/queries.py, documents/queries.py and proceedings/queries.py, which
do not exist yet; they live here until those apps take them.)
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When

from plenary.documents.models import Document, Sponsorship
from plenary.meetings.models import Meeting
from plenary.participation.models import Category, Delegation, Participant
from plenary.proceedings.models import Statement

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


def documents_query() -> QuerySet[Document]:
    """Documents with everything a listing shows (five queries for any number)."""
    sponsors = Sponsorship.objects.select_related("state", "organization").order_by("role", "position")
    return Document.objects.select_related(
        "meeting", "parent", "on_behalf_of", "agenda_item"
    ).prefetch_related(
        "versions",
        Prefetch("sponsorships", queryset=sponsors),
        Prefetch("family", queryset=Document.objects.only("id", "symbol", "parent_id").order_by("symbol")),
    )


def documents_of(meeting: Meeting) -> QuerySet[Document]:
    return documents_query().filter(meeting=meeting).order_by("position", "symbol")


def statements_of(meeting: Meeting) -> QuerySet[Statement]:
    """The list of speakers in order (one query)."""
    return (
        Statement.objects.filter(meeting=meeting)
        .select_related(
            "state", "organization", "on_behalf_of_organization", "on_behalf_of_group", "agenda_item"
        )
        .order_by("position")
    )
