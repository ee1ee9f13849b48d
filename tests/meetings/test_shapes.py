"""Programme shapes: the checks of a proposed year in the Working Group shape (sessions of the
Working Group, then the MSP), and a proposal whose years are each checked against the shape in
force that year. The 2018-2020 shape's checks are in test_programme.py."""

from __future__ import annotations

import copy

import pytest

from plenary.meetings.programme import ProgrammeRules, check_programme
from plenary.meetings.rotation import RuleError
from plenary.treaties.profile import read_profile
from tests.meetings.test_programme import PROGRAMME_2018

PROFILE = read_profile("BWC")
WG_RULES = ProgrammeRules.from_profile(PROFILE, "working-group")

# 2024 as it was held: the fourth session 19-23 August, the fifth 2-13 December
# (meetings.unoda.org/meeting/71781; cbw-events.org.uk), the MSP from 16 December.
YEAR_2024 = {
    "treaty": "BWC",
    "years": [
        {
            "year": 2024,
            "meetings": [
                {"code": "WG", "number": 4, "start": "2024-08-19", "end": "2024-08-23"},
                {"code": "WG", "number": 5, "start": "2024-12-02", "end": "2024-12-13"},
                {"code": "MSP", "start": "2024-12-16", "end": "2024-12-18"},
            ],
        }
    ],
}


def with_meetings(*meetings, year=2027):
    return {"years": [{"year": year, "meetings": list(meetings)}]}


def found(proposal, rules=WG_RULES):
    return [(v.rule, v.where, v.message) for v in check_programme(proposal, rules)]


def test_the_shapes_rules():
    assert (WG_RULES.name, WG_RULES.first_year, WG_RULES.last_year) == ("working-group", 2023, None)
    assert [(m.code, m.kind, m.days, m.sessions, m.days_per_year) for m in WG_RULES.meetings] == [
        ("WG", "WG", None, (1, 3), 15),
        ("MSP", "MSP", 3, None, None),
    ]
    assert (WG_RULES.msp_last, WG_RULES.no_overlap, WG_RULES.chair_rotation) == (True, True, ())
    old = ProgrammeRules.from_profile(PROFILE)
    assert (old.name, old.days_per_year, old.chair_rotation) == (
        "intersessional-2018-2020",
        12,
        ("MSP", "MX1", "MX2", "MX3", "MX4", "MX5"),
    )
    assert ProgrammeRules.from_profile(PROFILE, year=2021).name == "intersessional-2018-2020"
    assert ProgrammeRules.from_profile(PROFILE, year=2023).name == "working-group"
    assert WG_RULES.series_of(WG_RULES.meetings[0], 2027, 11) == "BWC/WG/11"
    assert WG_RULES.series_of(WG_RULES.meetings[1], 2027) == "BWC/MSP/2027"


def test_unknown_shape_and_a_year_without_one():
    with pytest.raises(RuleError) as caught:
        ProgrammeRules.from_profile(PROFILE, "biennial")
    assert str(caught.value) == (
        "unknown programme shape 'biennial' (known: intersessional-2018-2020 (2018-2022), working-group (from 2023))"
    )
    with pytest.raises(RuleError, match=r"^no programme shape is in force in 2016"):
        ProgrammeRules.from_profile(PROFILE, year=2016)


def test_2024_as_held_keeps_every_rule():
    assert check_programme(YEAR_2024, WG_RULES) == []


def test_a_session_may_be_named_with_its_number():
    proposal = copy.deepcopy(YEAR_2024)
    for entry in proposal["years"][0]["meetings"][:2]:
        entry["code"] = f"WG{entry.pop('number')}"
    assert check_programme(proposal, WG_RULES) == []


def test_days_sessions_and_order():
    proposal = with_meetings(
        {"code": "WG", "number": 12, "start": "2027-03-01", "end": "2027-03-05"},
        {"code": "WG", "number": 11, "start": "2027-08-02", "end": "2027-08-06"},
        {"code": "MSP", "start": "2027-12-06", "end": "2027-12-09"},
    )
    assert found(proposal) == [
        (
            "sessions",
            "years[0].meetings[0] (2027 WG12)",
            "opens 1 March 2027, before WG11 (2 August 2027): sessions are numbered in the order they meet",
        ),
        ("total-days", "years[0] (2027)", "10 days of WG sessions planned; the programme gives 15"),
        ("days", "years[0].meetings[2] (2027 MSP)", "lasts 4 days (6–9 December 2027); MSP has 3"),
    ]


def test_sessions_numbered_with_a_gap_and_too_many():
    proposal = with_meetings(
        {"code": "WG", "number": 11, "start": "2027-02-01", "end": "2027-02-05"},
        {"code": "WG", "number": 13, "start": "2027-05-03", "end": "2027-05-05"},
        {"code": "WG", "number": 14, "start": "2027-08-02", "end": "2027-08-04"},
        {"code": "WG", "number": 15, "start": "2027-11-01", "end": "2027-11-04"},
        {"code": "MSP", "start": "2027-12-06", "end": "2027-12-08"},
    )
    assert found(proposal) == [
        ("sessions", "years[0] (2027)", "4 WG sessions planned; the programme gives 1 to 3"),
        (
            "sessions",
            "years[0] (2027)",
            "WG sessions numbered 11, 13, 14, 15; sessions follow one another (11, 12, 13, 14)",
        ),
    ]


def test_the_msp_comes_last_and_no_two_meetings_overlap():
    proposal = with_meetings(
        {"code": "WG", "number": 11, "start": "2027-08-02", "end": "2027-08-13"},
        {"code": "WG", "number": 12, "start": "2027-12-06", "end": "2027-12-10"},
        {"code": "MSP", "start": "2027-12-08", "end": "2027-12-10"},
    )
    assert found(proposal) == [
        (
            "msp-last",
            "years[0].meetings[2] (2027 MSP)",
            "opens 8 December 2027, but WG12 closes 10 December 2027: the Meeting of States Parties opens after the "
            "year's other meetings",
        ),
        (
            "overlap",
            "years[0].meetings[2] (2027 MSP)",
            "opens 8 December 2027, while WG12 sits (6–10 December 2027)",
        ),
    ]


def test_missing_meetings_session_numbers_and_unknown_codes():
    proposal = with_meetings(
        {"code": "WG", "start": "2027-08-02", "end": "2027-08-13"},
        {"code": "MX1", "start": "2027-08-16", "end": "2027-08-17"},
    )
    assert found(proposal) == [
        (
            "format",
            "years[0].meetings[0] (2027 WG)",
            "each WG session needs its 'number', a whole number (BWC/WG/<number>)",
        ),
        (
            "meetings",
            "years[0].meetings[1] (2027 MX1)",
            "MX1 is not a meeting of the programme (known: WG, MSP)",
        ),
        ("meetings", "years[0] (2027)", "missing WG, MSP"),
    ]


def test_a_session_planned_twice():
    session = {"code": "WG", "number": 11, "start": "2027-08-02", "end": "2027-08-20"}  # 15 days
    proposal = with_meetings(
        session, dict(session), {"code": "MSP", "start": "2027-12-06", "end": "2027-12-08"}
    )
    assert found(proposal) == [("meetings", "years[0].meetings[1] (2027 WG11)", "WG11 is planned twice")]


def test_no_chair_rotation_is_checked_in_the_working_group_years_but_officer_groups_are():
    proposal = copy.deepcopy(YEAR_2024)
    proposal["years"][0]["meetings"][2] |= {"chair_group": "NAM", "vice_chair_groups": ["NAM", "WG"]}
    assert found(proposal) == [
        ("officer-groups", "years[0].meetings[2] (2024 MSP)", "NAM holds more than one office"),
    ]


def test_each_year_against_the_shape_in_force_that_year():
    proposal = {"years": [*copy.deepcopy(PROGRAMME_2018)["years"], *copy.deepcopy(YEAR_2024)["years"]]}
    assert check_programme(proposal, lambda year: ProgrammeRules.from_profile(PROFILE, year=year)) == []
    # Against one shape, the other year's meetings are not of the programme.
    assert [v.message for v in check_programme(proposal, WG_RULES)][:2] == [
        "MX1 is not a meeting of the programme (known: WG, MSP)",
        "MX2 is not a meeting of the programme (known: WG, MSP)",
    ]
    proposal["years"].append({"year": 2016, "meetings": []})
    assert found(proposal, lambda year: ProgrammeRules.from_profile(PROFILE, year=year)) == [
        (
            "format",
            "years[2] (2016)",
            "no programme shape is in force in 2016 "
            "(shapes: intersessional-2018-2020 (2018-2022), working-group (from 2023))",
        )
    ]
