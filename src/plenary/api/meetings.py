"""Meetings: the list, one meeting's record, its participants and list of speakers, and the
files made from them (iCalendar feed, CSV and XLSX lists).

Series contain slashes (BWC/MSP/2017), so a meeting's sub-resources are routed before the
catch-all /meetings/{series}."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import F
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from plenary.api.common import (
    NameBook,
    Named,
    Text,
    answers,
    api_url,
    file_answers,
    group_named,
    lang_param,
    limit_param,
    offset_param,
    org_named,
    page,
    paged,
    text,
    want_lang,
    year_param,
)
from plenary.core.pagecache import cached
from plenary.core.versions import RECORDS
from plenary.exports import views as export_views
from plenary.exports.queries import delegations_of, meeting_page, statements_of
from plenary.exports.texts import meeting_day, meeting_titles
from plenary.meetings.models import Meeting, Officer
from plenary.meetings.queries import version_scopes
from plenary.participation.models import RIGHTS, Category, Delegation
from plenary.participation.queries import names_are_public

router = Router(tags=["meetings"])

# A meeting's answers are kept per version of the meeting and of the reference data it names
# (core.pagecache); ninja's decorate_view wraps the operation's run, which returns the response.
of_the_meeting = decorate_view(cached(lambda request, series, **_params: version_scopes(series)))


class MeetingOut(Schema):
    series: str
    url: str
    treaty: str
    kind: str
    code: str
    number: int | None
    year: int
    title: Text | None
    start: dt.date | None
    end: dt.date | None
    days: int | None
    venue: Text | None
    status: str
    closed: bool


class MeetingPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MeetingOut]


class GroupOut(Schema):
    scheme: str
    code: str
    name: Text | None


class OfficerOut(Schema):
    role: str
    name: Text | None
    title: Text | None
    state: Named
    group: GroupOut | None


class AgendaItemOut(Schema):
    number: int
    title: Text | None


class SittingOut(Schema):
    dates: list[str]
    items: list[int]
    subject: Text | None


class CategoryCount(Schema):
    category: str
    label: str
    registered: int
    pending: int
    refused: int
    tallied: int
    total: int


class DocumentsSummary(Schema):
    count: int
    by_type: dict[str, int]
    url: str


class DecisionOut(Schema):
    key: str
    text: Text | None
    adopted_on: dt.date | None
    method: str


class ReportOut(Schema):
    status: str
    draft: str | None
    final: str | None
    adopted_on: dt.date | None
    orally_amended: bool


class MeetingDetail(MeetingOut):
    topic: Text | None
    note: str
    officers: list[OfficerOut]
    agenda: list[AgendaItemOut]
    sittings: list[SittingOut]
    participation: list[CategoryCount]
    documents: DocumentsSummary
    decisions: list[DecisionOut]
    report: ReportOut | None
    participants_url: str
    speakers_url: str


class MemberOut(Schema):
    name: str
    honorific: str
    function: str
    role: str


class OrganizationOut(Schema):
    code: str
    kind: str
    name: Text | None
    short_name: Text | None


class DelegationOut(Schema):
    category: str
    category_label: str
    rights: dict[str, bool]
    status: str
    position: int
    state: Named | None
    organization: OrganizationOut | None
    members: list[MemberOut]


class TallyOut(Schema):
    category: str
    count: int
    source: str


class ParticipantsPage(Schema):
    meeting: str
    count: int
    limit: int
    offset: int
    tallies: list[TallyOut]
    items: list[DelegationOut]


class OnBehalfOf(Schema):
    states: list[Named]
    organization: OrganizationOut | None
    group: GroupOut | None
    text: Text | None


class Endorsements(Schema):
    ngos: int | None
    individuals: int | None


class SpeakerOut(Schema):
    position: int
    kind: str
    state: Named | None
    organization: OrganizationOut | None
    speaker: str
    on_behalf_of: OnBehalfOf | None
    endorsements: Endorsements | None
    agenda_item: int | None
    informal: bool


class SpeakersPage(Schema):
    meeting: str
    count: int
    limit: int
    offset: int
    items: list[SpeakerOut]


def meeting_out(meeting: Meeting, lang: str) -> dict[str, Any]:
    return {
        "series": meeting.series,
        "url": api_url("meetings", meeting.series),
        "treaty": meeting.treaty.code,
        "kind": meeting.kind,
        "code": meeting.code,
        "number": meeting.number,
        "year": meeting.year,
        "title": text(meeting_titles(meeting), lang),
        "start": meeting.start,
        "end": meeting.end,
        "days": meeting.days,
        "venue": text(meeting.venue_texts, lang),
        "status": meeting.status,
        "closed": meeting.closed,
    }


def get_meeting(series: str) -> Meeting:
    return export_views.get_meeting(series)


# --- files and sub-resources first: they would otherwise be read as part of a series ----------


TABLES = file_answers("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@router.get(
    "/meetings.ics",
    summary="The meetings as an iCalendar feed",
    response=answers(None, 400),
    openapi_extra=file_answers("text/calendar"),
)
@decorate_view(cached([RECORDS]))
def meetings_ics(
    request: HttpRequest,
    lang: str = lang_param(),
    treaty: str | None = None,
    kind: str | None = None,
    year: int | None = year_param(),
    status: str | None = None,
) -> HttpResponse:
    """One all-day event per meeting (DTEND exclusive), the summary in `lang`, UID `<series>@plenary`."""
    return export_views.meetings_ics(request)


@router.get(
    "/meetings/{path:series}/participants.{fmt}",
    summary="A meeting's list of participants as a file (csv, xlsx)",
    response=answers(None, 400, 404),
    openapi_extra=TABLES,
)
@of_the_meeting
def participants_file(request: HttpRequest, series: str, fmt: str, lang: str = lang_param()) -> HttpResponse:
    return export_views.meeting_table(request, series, "participants", fmt)


@router.get(
    "/meetings/{path:series}/documents.{fmt}",
    summary="A meeting's list of documents as a file (csv, xlsx)",
    response=answers(None, 400, 404),
    openapi_extra=TABLES,
)
@of_the_meeting
def documents_file(request: HttpRequest, series: str, fmt: str, lang: str = lang_param()) -> HttpResponse:
    return export_views.meeting_table(request, series, "documents", fmt)


@router.get(
    "/meetings/{path:series}/participants",
    response=answers(ParticipantsPage, 400, 404),
    summary="A meeting's delegations",
)
@of_the_meeting
def participants(
    request: HttpRequest,
    series: str,
    lang: str = lang_param(),
    category: str | None = None,
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Delegations in Rule 44 order (States Parties, signatories, observer States, the UN,
    organizations, NGOs) with category, rights, status and members."""
    lang = want_lang(lang)
    meeting = get_meeting(series)
    qs = delegations_of(meeting)
    if category:
        if category not in Category.values:
            raise HttpError(400, f"unknown category {category!r}: use one of {', '.join(Category.values)}")
        qs = qs.filter(category=category)
    total, delegations = page(qs, limit, offset)
    names = NameBook(meeting_day(meeting))
    labels = dict(Category.choices)
    # Who is registered by name is public once a list of participants is issued (or the meeting
    # is over); until then the delegations are listed without their people.
    public = names_are_public(meeting)
    items = [
        {
            "category": d.category,
            "category_label": str(labels[d.category]),
            "rights": RIGHTS[Category(d.category)],
            "status": d.status,
            "position": d.position,
            "state": names.named(d.state.code, lang) if d.state else None,
            "organization": org_named(d.organization, lang) if d.organization else None,
            "members": [
                {"name": p.name, "honorific": p.honorific, "function": p.function, "role": p.role}
                for p in (d.participants.all() if public else ())
            ],
        }
        for d in delegations
    ]
    tallies = [{"category": t.category, "count": t.count, "source": t.source} for t in meeting.tallies.all()]
    return paged(total, limit, offset, items, meeting=meeting.series, tallies=tallies)


@router.get(
    "/meetings/{path:series}/speakers",
    response=answers(SpeakersPage, 400, 404),
    summary="A meeting's list of speakers",
)
@of_the_meeting
def speakers(
    request: HttpRequest,
    series: str,
    lang: str = lang_param(),
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """The statements in the order they were made: who spoke (a State, an organization or a
    named speaker), on behalf of whom, and the endorsements of joint NGO statements."""
    lang = want_lang(lang)
    meeting = get_meeting(series)
    total, statements = page(statements_of(meeting), limit, offset)
    names = NameBook(meeting_day(meeting))
    items = []
    for s in statements:
        behalf = None
        if (
            s.on_behalf_of_states
            or s.on_behalf_of_organization
            or s.on_behalf_of_group
            or s.on_behalf_of_text
        ):
            behalf = {
                "states": [names.named(code, lang) for code in s.on_behalf_of_states],
                "organization": org_named(s.on_behalf_of_organization, lang)
                if s.on_behalf_of_organization
                else None,
                "group": group_named(s.on_behalf_of_group, lang),
                "text": text(s.on_behalf_of_text, lang),
            }
        endorsed = None
        if s.endorsed_by_ngos is not None or s.endorsed_by_individuals is not None:
            endorsed = {"ngos": s.endorsed_by_ngos, "individuals": s.endorsed_by_individuals}
        items.append(
            {
                "position": s.position,
                "kind": s.kind,
                "state": names.named(s.state.code, lang) if s.state else None,
                "organization": org_named(s.organization, lang) if s.organization else None,
                "speaker": s.speaker,
                "on_behalf_of": behalf,
                "endorsements": endorsed,
                "agenda_item": s.agenda_item.number if s.agenda_item else None,
                "informal": s.informal,
            }
        )
    return paged(total, limit, offset, items, meeting=meeting.series)


# --- the list and the catch-all --------------------------------------------------------------


@router.get("/meetings", response=answers(MeetingPage, 400), summary="Meetings")
@decorate_view(cached([RECORDS]))
def meetings(
    request: HttpRequest,
    lang: str = lang_param(),
    treaty: str | None = None,
    kind: str | None = None,
    year: int | None = year_param(),
    status: str | None = None,
    limit: int = limit_param(),
    offset: int = offset_param(),
):
    """Meetings in date order, those with no dates yet last. `kind`: REVCON, PREPCOM, MSP, MX, WG, SPECIAL,
    CONSULT; `status`: planned, held, postponed, cancelled."""
    lang = want_lang(lang)
    # A planned meeting may have no dates yet: it comes last on every database (SQLite sorts a
    # missing date first, PostgreSQL last).
    qs = Meeting.objects.select_related("treaty").order_by(F("start").asc(nulls_last=True), "series")
    if treaty:
        qs = qs.filter(treaty__code=treaty.upper())
    if kind:
        qs = qs.filter(kind=kind.upper())
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status.lower())
    total, rows = page(qs, limit, offset)
    return paged(total, limit, offset, [meeting_out(m, lang) for m in rows])


@router.get("/meetings/{path:series}", response=answers(MeetingDetail, 400, 404), summary="One meeting")
@of_the_meeting
def meeting(request: HttpRequest, series: str, lang: str = lang_param()):
    """Dates, venue, officers with their State and group, agenda, sittings, participation per
    Rule 44 category, a summary of the documents, decisions and the report."""
    lang = want_lang(lang)
    page = meeting_page(series)
    if page is None:
        get_meeting(series)  # raises NotFound with the message
    assert page is not None
    m: Meeting = page.meeting
    names = NameBook(meeting_day(m))
    role_order = {role: i for i, role in enumerate(Officer.Role.values)}
    officer_rows = sorted(page.officers, key=lambda o: (role_order.get(o.role, 99), o.position))
    counts: Counter[tuple[str, str]] = Counter((d.category, d.status) for d in page.delegations)
    tallies = {t.category: t.count for t in m.tallies.all()}
    participation = []
    for value, label in Category.choices:
        registered = counts[(value, Delegation.Status.REGISTERED)]
        participation.append(
            {
                "category": value,
                "label": str(label),
                "registered": registered,
                "pending": counts[(value, Delegation.Status.PENDING)],
                "refused": counts[(value, Delegation.Status.REFUSED)],
                "tallied": tallies.get(value, 0),
                "total": registered + tallies.get(value, 0),
            }
        )
    by_type = Counter(d.doc_type for d in page.documents)
    report = page.report
    return {
        **meeting_out(m, lang),
        "topic": text(m.topic_texts, lang),
        "note": m.note,
        "officers": [
            {
                "role": o.role,
                "name": text({"en": o.name, **o.names}, lang),
                "title": text({"en": o.title, **o.titles} if o.title else o.titles, lang),
                "state": names.named(o.state.code, lang),
                "group": group_named(o.group, lang),
            }
            for o in officer_rows
        ],
        "agenda": [{"number": a.number, "title": text(a.title, lang)} for a in m.agenda.all()],
        "sittings": [
            {"dates": s.dates, "items": s.items, "subject": text(s.subject, lang)} for s in m.sittings.all()
        ],
        "participation": participation,
        "documents": {
            "count": sum(by_type.values()),
            "by_type": {(t or "official"): n for t, n in sorted(by_type.items())},
            "url": f"/api/documents?meeting={m.series}",
        },
        "decisions": [
            {"key": d.key, "text": text(d.text, lang), "adopted_on": d.adopted_on, "method": d.method}
            for d in m.decisions.all()
        ],
        "report": report_out(report),
        "participants_url": api_url("meetings", m.series, "/participants"),
        "speakers_url": api_url("meetings", m.series, "/speakers"),
    }


def report_out(report) -> dict[str, Any] | None:
    if report is None:
        return None
    return {
        "status": report.status,
        "draft": report.draft.symbol if report.draft else None,
        "final": report.final.symbol if report.final else None,
        "adopted_on": report.adopted_on,
        "orally_amended": report.orally_amended,
    }
