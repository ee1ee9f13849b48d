"""The sponsorship programme's demo data, all labelled as examples: contributions by the donors
the reference names for their year (treaty-databases.md §6: 2017 Australia, Canada, India; 2019
Canada, the EU; the amounts and dates are not public, so they are example amounts), an example DSA
rate for Geneva, BWC/WG/10 (7-11 December 2026) open for applications until an example deadline,
four example applications and the ISU's decisions on three of them, with the awards within the
fund. The meeting's officers are not in the record, so none are recorded as consulted.

Idempotent: once the demo's call is there, a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from plenary.core.actor import Actor
from plenary.meetings.models import Meeting
from plenary.participation.models import Organization
from plenary.sponsorship import domain
from plenary.sponsorship.models import Application, Call
from plenary.treaties.models import State

MEETING = "BWC/WG/10"
DONOR_SOURCE = "treaty-databases.md §6 ({page}): donor named for {year}; amount and date are examples"
DONORS = [
    ("State", "AUS", 2017, "25000.00", "unog.ch 2017 page"),
    ("State", "CAN", 2017, "30000.00", "unog.ch 2017 page"),
    ("State", "IND", 2017, "10000.00", "unog.ch 2017 page"),
    ("State", "CAN", 2019, "30000.00", "unog.ch 2019 page"),
    ("Organization", "EU", 2019, "40000.00", "unog.ch 2019 page"),
]
# (expert, function, agency, State, developing, attended before, can send from capital, from)
APPLICANTS = [
    ("Example Expert A", "Biosafety Officer", "Ministry of Health", "KEN", True, False, False, "Nairobi"),
    ("Example Expert B", "Legal Adviser", "Ministry of Foreign Affairs", "EGY", True, False, True, "Cairo"),
    (
        "Example Expert C",
        "Veterinary Inspector",
        "Ministry of Agriculture",
        "BOL",
        True,
        True,
        False,
        "La Paz",
    ),
    (
        "Example Expert D",
        "Laboratory Director",
        "National Public Health Institute",
        "NPL",
        True,
        False,
        False,
        "Kathmandu",
    ),
]
# (applicant index, outcome, airfare, terminal, DSA days); D stays awaiting a decision.
DECISIONS = [
    (0, "approved", "1850.00", "120.00", 6),
    (1, "approved", "980.00", "120.00", 6),
    (2, "declined", None, None, None),
]


def load_demo(*, by: Actor, say: Callable[[str], None]) -> dict:
    meeting = Meeting.objects.filter(series=MEETING).first()
    if meeting is None or meeting.start is None or Call.objects.filter(meeting=meeting).exists():
        return {"loaded": False}
    say("loading the sponsorship programme's example data")
    for kind, code, year, amount, page in DONORS:
        donor = State.objects.get(code=code) if kind == "State" else Organization.objects.get(code=code)
        domain.record_contribution(
            donor=donor,
            amount=amount,
            received_on=dt.date(year, 6, 30),
            source=DONOR_SOURCE.format(page=page, year=year),
            note="Example data.",
            example=True,
            by=by,
        )
    domain.record_dsa_rate(
        amount="450.00",
        valid_from=dt.date(2026, 1, 1),
        source="example rate (the published UN DSA rate for Geneva is not in the reference)",
        example=True,
        by=by,
    )
    domain.open_call(
        meeting,
        deadline=dt.date(2026, 10, 15),
        source="example deadline (in 2023 the deadline for the December meetings was 15 September: UNODA 2023 page)",
        by=by,
    )
    apps: list[Application] = []
    for name, function, agency, code, developing, before, capital, origin in APPLICANTS:
        state = State.objects.filter(code=code).first()
        if state is None:
            continue
        apps.append(
            domain.apply(
                meeting,
                state=state,
                expert_name=name,
                expert_function=function,
                expert_agency=agency,
                official_confirmed=True,
                developing=developing,
                attended_before=before,
                can_send_from_capital=capital,
                travel_from=origin,
                arrive=meeting.start - dt.timedelta(days=1),
                depart=meeting.end + dt.timedelta(days=1),
                example=True,
                by=by,
            )
        )
    for index, outcome, airfare, terminal, days in DECISIONS:
        if index < len(apps):
            domain.decide(
                apps[index],
                outcome=outcome,
                officers=[],
                note="Example decision; the meeting's officers are not in the record.",
                airfare=airfare,
                terminal=terminal,
                dsa_days=days,
                by=by,
            )
    return {"loaded": True, "applications": len(apps)}
