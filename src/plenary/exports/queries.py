"""Read helpers shared by the API and the files, each at a fixed number of queries.

(They belong in documents/queries.py and proceedings/queries.py, which do not exist yet; they live
here until those apps take them. The delegations' helpers moved to participation/queries.py.)
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from plenary.documents.models import Document, Sponsorship
from plenary.meetings.models import Meeting
from plenary.participation.queries import CATEGORY_ORDER, delegations_of
from plenary.proceedings.models import Statement

__all__ = ["CATEGORY_ORDER", "delegations_of", "documents_of", "documents_query", "statements_of"]


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
