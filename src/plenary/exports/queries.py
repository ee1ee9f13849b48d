"""Read helpers shared by the pages, the API and the files, each at a fixed number of queries.

They read across the capability apps (a meeting's page shows its participation, documents and
proceedings together), so they live in this layer above them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from plenary.documents.models import Document, IssuedFile, Sponsorship
from plenary.meetings.models import Meeting, Officer
from plenary.participation.models import Delegation
from plenary.participation.queries import CATEGORY_ORDER, delegations_of
from plenary.proceedings.models import Statement
from plenary.reports.models import Report

__all__ = [
    "CATEGORY_ORDER",
    "MeetingPage",
    "delegations_of",
    "documents_of",
    "documents_query",
    "meeting_page",
    "statements_of",
]


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


@dataclass
class MeetingPage:
    """Everything a meeting's page shows, read once: the web page and the API share it."""

    meeting: Meeting
    officers: list[Officer]
    delegations: list[Delegation]
    documents: list[Document]
    statements: list[Statement]
    report: Report | None


def meeting_page(series: str) -> MeetingPage | None:
    """The meeting `series` with its officers (in role order), agenda, sittings, decisions,
    secretariat and attendance tallies prefetched, its delegations with members, documents with
    versions and sponsors, the list of speakers and the report. A fixed number of queries; None
    when there is no such meeting."""
    officers = Officer.objects.select_related("state", "group").order_by("role", "position")
    meeting = (
        Meeting.objects.select_related("treaty")
        .prefetch_related(
            Prefetch("officers", queryset=officers), "agenda", "sittings", "decisions", "tallies"
        )
        .prefetch_related("secretariat")
        .filter(series=series.strip("/"))
        .first()
    )
    if meeting is None:
        return None
    return MeetingPage(
        meeting=meeting,
        officers=list(meeting.officers.all()),
        delegations=list(delegations_of(meeting)),
        # With the languages each document can be downloaded in: those stored when it was issued.
        documents=list(
            documents_of(meeting).prefetch_related(
                Prefetch("issued_files", queryset=IssuedFile.objects.only("id", "document_id", "lang", "fmt"))
            )
        ),
        statements=list(statements_of(meeting)),
        report=Report.objects.filter(meeting=meeting).select_related("final", "draft").first(),
    )
