"""Read helpers for participation, each at a fixed number of queries."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from plenary.documents.models import Document
from plenary.meetings.domain import is_open
from plenary.meetings.models import Meeting
from plenary.participation.models import Category, Delegation, Participant

# Rule 44 order: States Parties, signatories, observer States, the UN, organizations, NGOs.
CATEGORY_ORDER = Case(
    *(When(category=value, then=Value(i)) for i, value in enumerate(Category.values)),
    default=Value(len(Category.values)),
    output_field=IntegerField(),
)


def delegations_of(meeting: Meeting, *, unchecked: bool = False) -> QuerySet[Delegation]:
    """The meeting's delegations in Rule 44 order with their members (two queries): those whose
    registration the secretariat approved, which are the ones that count (in lists of
    participants, reports and the public pages); with `unchecked`, also those received or
    returned (for staff)."""
    rows = Delegation.objects.filter(meeting=meeting)
    if not unchecked:
        rows = rows.filter(review=Delegation.Review.APPROVED)
    return (
        rows.select_related("state", "organization")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.order_by("position")))
        .annotate(category_order=CATEGORY_ORDER)
        .order_by("category_order", "position", "id")
    )


def names_are_public(meeting: Meeting) -> bool:
    """Whether the public may read the names of the meeting's participants: once a list of
    participants of it is issued (MISC.1 or INF.1), or once the meeting is over (a record of what
    was). Before that only staff see who is registered by name; no one but staff ever sees the
    e-mail addresses."""
    if not is_open(meeting):
        return True
    lists = Q(symbol=f"{meeting.series}/INF.1") | Q(symbol=f"{meeting.series}/MISC.1")
    lists |= Q(symbol__startswith=f"{meeting.series}/MISC.1/Rev.")
    return Document.objects.filter(lists, meeting=meeting).exists()


def registrations_for(meeting: Meeting) -> QuerySet[Delegation]:
    """Every registration of the meeting, whatever its check, for the secretariat's page: received
    first, then returned, then approved; each with its people (two queries)."""
    order = Case(
        When(review=Delegation.Review.RECEIVED, then=Value(0)),
        When(review=Delegation.Review.RETURNED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        Delegation.objects.filter(meeting=meeting)
        .select_related("state", "organization", "submitted_by", "reviewed_by")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.order_by("position")))
        .annotate(review_order=order, category_order=CATEGORY_ORDER)
        .order_by("review_order", "category_order", "position", "id")
    )


def open_meetings_of_year(meeting: Meeting) -> list[Meeting]:
    """The meetings of the same treaty and year that are open for registration, in date order
    (the meetings one registration may cover: all Meetings of Experts of a year)."""
    rows = Meeting.objects.filter(treaty_id=meeting.treaty_id, year=meeting.year).order_by("start", "series")
    return [m for m in rows if is_open(m)]


def registration_of(delegation: Delegation) -> list[Delegation]:
    """The delegations registered together with `delegation` (its batch: one registration for
    several meetings of a year), in meeting order; just itself when it was registered alone."""
    if delegation.batch is None:
        return [delegation]
    return list(
        Delegation.objects.filter(batch=delegation.batch)
        .select_related("meeting", "state", "organization")
        .order_by("meeting__start", "meeting__series", "id")
    )
