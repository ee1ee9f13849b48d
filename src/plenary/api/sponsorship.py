"""The sponsorship programme in the API: the fund's public figures (aggregates by year, no names),
the ISU's list of applications with their ranking and decisions (the secretariat only), and a
signed-in applicant's own applications. Amounts are exact decimals written as strings, in the
fund's currency (US dollars)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from plenary.accounts import permissions
from plenary.api.auth import token_or_session
from plenary.api.common import answers
from plenary.core.errors import NotFound
from plenary.meetings.models import Meeting
from plenary.sponsorship import queries
from plenary.sponsorship.models import FUND_CURRENCY, Application

router = Router(tags=["Sponsorship"])


class SponsorshipYearOut(Schema):
    year: int
    applications: int
    experts_sponsored: int
    states_sponsored: int
    contributed: str
    awarded: str
    example: bool


class SponsorshipFiguresOut(Schema):
    currency: str
    contributed: str
    awarded: str
    balance: str
    example: bool
    years: list[SponsorshipYearOut]


class AwardOut(Schema):
    airfare: str
    terminal: str
    dsa_days: int
    dsa_rate: str
    total: str


class SponsorshipDecisionOut(Schema):
    outcome: str
    by: str
    at: dt.datetime
    officers_consulted: list[str]
    note: str


class ApplicationOut(Schema):
    id: int
    meeting: str
    state: str
    expert_name: str
    expert_function: str
    expert_agency: str
    travel_from: str
    arrive: dt.date
    depart: dt.date
    status: str
    submitted_at: dt.datetime
    example: bool
    award: AwardOut | None


class RankedOut(ApplicationOut):
    rank: int | None
    points: int
    reasons: list[str]
    developing: bool
    state_party: bool
    attended_before: bool
    can_send_from_capital: bool
    decision: SponsorshipDecisionOut | None


def _award(app: Application) -> dict | None:
    award = getattr(app, "award", None)  # the reverse one-to-one raises an AttributeError if none
    if award is None:
        return None
    return {
        "airfare": str(award.airfare),
        "terminal": str(award.terminal),
        "dsa_days": award.dsa_days,
        "dsa_rate": str(award.dsa_amount),
        "total": str(award.total),
    }


def _application(app: Application) -> dict:
    return {
        "id": app.pk,
        "meeting": app.meeting.series,
        "state": app.state.code,
        "expert_name": app.expert_name,
        "expert_function": app.expert_function,
        "expert_agency": app.expert_agency,
        "travel_from": app.travel_from,
        "arrive": app.arrive,
        "depart": app.depart,
        "status": app.status,
        "submitted_at": app.submitted_at,
        "example": app.example,
        "award": _award(app),
    }


def _decision(app: Application) -> dict | None:
    decision = getattr(app, "decision", None)
    if decision is None:
        return None
    return {
        "outcome": decision.outcome,
        "by": decision.by,
        "at": decision.at,
        "officers_consulted": [
            f"{o.get_role_display()}: {o.name}" for o in decision.officers_consulted.all()
        ],
        "note": decision.note,
    }


@router.get(
    "/sponsorship/figures",
    response=answers(SponsorshipFiguresOut),
    summary="The sponsorship fund's public figures: totals and, by year, applications, experts and "
    "States sponsored, contributions and awards (no names)",
)
def figures(request: HttpRequest):
    years = queries.public_figures()
    fund = queries.fund()
    return {
        "currency": FUND_CURRENCY,
        "contributed": str(fund.contributed),
        "awarded": str(fund.awarded),
        "balance": str(fund.balance),
        "example": any(y["example"] for y in years),
        "years": [
            {
                "year": y["year"],
                "applications": y["applications"],
                "experts_sponsored": y["awards"],
                "states_sponsored": y["states"],
                "contributed": str(y["contributed"]),
                "awarded": str(y["awarded"]),
                "example": y["example"],
            }
            for y in years
        ],
    }


def _series(value: str | None) -> Meeting | None:
    """The meeting of a series given as a parameter; 400 for a value no series can be (control
    characters, a NUL byte that PostgreSQL refuses), 404 for one not recorded."""
    if value is None or value == "":
        return None
    if not value.isprintable():
        raise HttpError(400, "meeting: a series is printable text such as BWC/MSP/2018")
    meeting = Meeting.objects.filter(series=value).first()
    if meeting is None:
        raise NotFound(f"no meeting {value!r}")
    return meeting


@router.get(
    "/sponsorship/applications",
    auth=token_or_session,
    response=answers(list[RankedOut], 400, 401, 403, 404),
    summary="The sponsorship applications with their rank, the reasons in words and the ISU's "
    "decisions (the secretariat only); those of one meeting with ?meeting=<series>",
)
def applications(
    request: HttpRequest,
    meeting: str | None = Query(None, max_length=60, description="a meeting's series, e.g. BWC/MSP/2018"),
):
    if not permissions.is_staff(request.auth):
        raise HttpError(403, "only the secretariat reads the list of sponsorship applications")
    the_meeting = _series(meeting)
    rows = (
        queries.ranked_all(Application.objects.filter(meeting=the_meeting), officers=True)
        if the_meeting is not None
        else queries.ranked_all(officers=True)
    )
    out = []
    for r in rows:
        app = r.application
        out.append(
            {
                **_application(app),
                "rank": r.rank,
                "points": r.points,
                "reasons": list(r.reasons),
                "developing": app.developing,
                "state_party": app.state_party,
                "attended_before": app.attended_before,
                "can_send_from_capital": app.can_send_from_capital,
                "decision": _decision(app),
            }
        )
    return out


@router.get(
    "/sponsorship/applications/mine",
    auth=token_or_session,
    response=answers(list[ApplicationOut], 401),
    summary="The caller's own sponsorship applications, the latest first",
)
def mine(request: HttpRequest):
    rows = (
        Application.objects.filter(applicant=request.auth)
        .select_related("meeting", "state", "award")
        .order_by("-submitted_at", "-pk")
    )
    return [_application(a) for a in rows]
