"""A meeting of any kind, through the domain: save_meeting checks it against its kind in the treaty
profile, update_meeting edits it (its series too, while nothing is filed under it), plan_year
plans a year in either programme shape, seat_officers seats the kind's officers. Every refusal
comes with a clear message and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from plenary.meetings.domain import (
    ProgrammeRejected,
    plan_year,
    save_meeting,
    seat_officers,
    update_meeting,
)
from plenary.meetings.models import Meeting
from tests.factories import DelegationFactory, DocumentFactory

ISU = Actor.system("isu")
D = dt.date


def counts():
    return (Meeting.objects.count(), AuditEntry.objects.count())


def refused(bwc, series, message, **values):
    """save_meeting refuses with exactly `message` and writes nothing."""
    before = counts()
    values.setdefault("kind", "MSP")
    values.setdefault("year", 2027)
    with pytest.raises(DomainError) as caught:
        save_meeting(bwc, series, by=ISU, must_be_new=True, **values)
    assert str(caught.value) == message
    assert counts() == before


@pytest.mark.parametrize(
    ("series", "kind", "values", "stored"),
    [
        # (The Tenth Review Conference and its Preparatory Committee are in the demo data, planned.)
        ("BWC/CONF.XI", "REVCON", {"year": 2032}, ("REVCON", 11, 2032, False)),
        ("BWC/CONF.XI/PC", "PREPCOM", {"year": 2031}, ("PREPCOM", 11, 2031, False)),
        ("BWC/MSP/2027", "MSP", {"year": 2027}, ("MSP", None, 2027, False)),
        ("BWC/MSP/2027/MX.1", "MX", {"year": 2027, "number": 1}, ("MX", 1, 2027, False)),
        ("BWC/WG/11", "WG", {"year": 2027}, ("WG", 11, 2027, False)),
        ("BWC/SPCONF/2027", "SPECIAL", {"year": 2027}, ("SPECIAL", None, 2027, False)),
        ("BWC/CONS/2027", "CONSULT", {"year": 2027}, ("CONSULT", None, 2027, True)),
    ],
)
def test_a_meeting_of_each_kind(bwc, series, kind, values, stored):
    meeting, created = save_meeting(bwc, series, by=ISU, must_be_new=True, kind=kind, **values)
    assert created
    meeting.refresh_from_db()
    assert (meeting.kind, meeting.number, meeting.year, meeting.closed) == stored
    entry = AuditEntry.objects.get(action="meeting.create", object_id=str(meeting.pk))
    assert (entry.actor, entry.after["kind"], entry.after["closed"]) == ("system:isu", kind, stored[3])


def test_a_consultative_meeting_may_be_opened_to_observers(bwc):
    meeting, _ = save_meeting(bwc, "BWC/CONS/2027", by=ISU, kind="CONSULT", year=2027, closed=False)
    assert meeting.closed is False


def test_a_full_meeting_with_titles_dates_and_venues(bwc):
    meeting, _ = save_meeting(
        bwc,
        " BWC/MSP/2027 ",
        by=ISU,
        must_be_new=True,
        kind="MSP",
        year=2027,
        title={"en": " 2027 Meeting of States Parties ", "zh": "2027年缔约国会议", "fr": ""},
        start=D(2027, 12, 6),
        end=D(2027, 12, 8),
        venue="Palais des Nations, Geneva",
        venues={"en": "Geneva", "zh": "日内瓦"},
        status="planned",
    )
    meeting.refresh_from_db()
    assert (meeting.series, meeting.title, meeting.days, meeting.venues) == (
        "BWC/MSP/2027",
        {"en": "2027 Meeting of States Parties", "zh": "2027年缔约国会议"},
        3,
        {"en": "Geneva", "zh": "日内瓦"},
    )


@pytest.mark.parametrize(
    ("series", "values", "message"),
    [
        (
            "BWC/WG/11",
            {"kind": "MSP"},
            "BWC/WG/11 is the series of a Working Group session, not of a Meeting of States Parties "
            "(the series of a Meeting of States Parties is written BWC/MSP/<year>)",
        ),
        (
            "BWC/MSP/2027",
            {"kind": "WG"},
            "BWC/MSP/2027 is the series of a Meeting of States Parties, not of a Working Group session "
            "(the series of a Working Group session is written BWC/WG/<number>)",
        ),
        (
            "BWC/MEETING/2027",
            {},
            "BWC/MEETING/2027: the series of a Meeting of States Parties is written BWC/MSP/<year>",
        ),
        ("BWC/MSP/2028", {}, "BWC/MSP/2028 is a meeting of 2028, not of 2027"),
        ("BWC/MSP/2027/MX.2", {"kind": "MX", "number": 3}, "BWC/MSP/2027/MX.2 is number 2, not 3"),
        ("BWC/CONF.XI", {"kind": "REVCON", "number": 9}, "BWC/CONF.XI is number 11, not 9"),
        ("BWC/MSP/2027", {"number": 2}, "BWC/MSP/2027: a Meeting of States Parties has no number (given 2)"),
        (
            "BWC/MSP/2027",
            {"kind": "PARTY"},
            "BWC/MSP/2027: kind must be one of REVCON, PREPCOM, MSP, MX, WG, SPECIAL, CONSULT, not 'PARTY'",
        ),
        (
            "BWC/MSP/2027",
            {"kind": None},
            "BWC/MSP/2027: kind must be one of REVCON, PREPCOM, MSP, MX, WG, SPECIAL, CONSULT, not None",
        ),
        ("", {}, "a meeting needs its series, the stem of its document symbols (e.g. BWC/MSP/2027)"),
        ("BWC/MSP/ 2027", {}, "BWC/MSP/ 2027: a series has no blanks (BWC/MSP/2027)"),
        ("BWC/" + "X" * 100, {}, "BWC/" + "X" * 56 + "...: a series is at most 60 characters long"),
        (
            "BWC/MSP/1970",
            {"year": 1970},
            "BWC/MSP/1970: the year must be a whole number from 1975 (the Convention in force) to 2200, not 1970",
        ),
        (
            "BWC/MSP/2027",
            {"year": "2027"},
            "BWC/MSP/2027: the year must be a whole number from 1975 (the Convention in force) to 2200, not '2027'",
        ),
        (
            "BWC/MSP/2027",
            {"number": 0},
            "BWC/MSP/2027: the number must be a whole number from 1 to 32767, not 0",
        ),
        (
            "BWC/MSP/2027",
            {"status": "adjourned"},
            "BWC/MSP/2027: status must be one of planned, held, postponed, cancelled",
        ),
        ("BWC/MSP/2027", {"colour": "blue"}, "BWC/MSP/2027: unknown meeting field(s) colour"),
    ],
)
def test_a_series_kind_year_or_number_that_do_not_agree(bwc, series, values, message):
    refused(bwc, series, message, **values)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"start": D(2027, 12, 8), "end": D(2027, 12, 6)},
            "BWC/MSP/2027: ends (6 December 2027) before it starts (8 December 2027)",
        ),
        ({"start": D(2027, 12, 6)}, "BWC/MSP/2027: give both the opening and the closing date, or neither"),
        ({"end": D(2027, 12, 6)}, "BWC/MSP/2027: give both the opening and the closing date, or neither"),
        (
            {"start": "2027-12-06", "end": "2027-12-08"},
            "BWC/MSP/2027: the opening date must be a date (YYYY-MM-DD), not '2027-12-06'",
        ),
        (
            {"start": D(2028, 1, 10), "end": D(2028, 1, 12)},
            "BWC/MSP/2027: opens on 10 January 2028, outside its year 2027; a meeting planned for another year "
            "(as the 2020 meetings were, for 2021) says why in its note",
        ),
        (
            {"start": D(2027, 12, 6), "end": D(2027, 12, 8), "days": 4},
            "BWC/MSP/2027: 4 meeting days do not fit between 6 December 2027 and 8 December 2027 (3 calendar days)",
        ),
        ({"days": 0}, "BWC/MSP/2027: days must be a whole number from 1 to 366, not 0"),
        ({"days": 400}, "BWC/MSP/2027: days must be a whole number from 1 to 366, not 400"),
        ({"days": True}, "BWC/MSP/2027: days must be a whole number from 1 to 366, not True"),
        (
            {"title": {"en": "x" * 10_000}},
            "BWC/MSP/2027: the title in English is 10000 characters long; a title is at most 500",
        ),
        (
            {"title": {"zh": "会" * 10_000}},
            "BWC/MSP/2027: the title in Chinese is 10000 characters long; a title is at most 500",
        ),
        (
            {"title": {"de": "Tagung"}},
            "BWC/MSP/2027: the title: unknown language(s) de; use ar, zh, en, fr, ru, es",
        ),
        (
            {"title": "2027 MSP"},
            "BWC/MSP/2027: the title: a text is given per UN language (ar, zh, en, fr, ru, es)",
        ),
        ({"venue": "G" * 201}, "BWC/MSP/2027: the venue is 201 characters long; at most 200"),
        (
            {"venues": {"ar": "ج" * 10_000}},
            "BWC/MSP/2027: the venue in Arabic is 10000 characters long; a venue is at most 200",
        ),
        ({"closed": "yes"}, "BWC/MSP/2027: closed is yes or no, not 'yes'"),
    ],
)
def test_bad_dates_days_and_texts(bwc, values, message):
    refused(bwc, "BWC/MSP/2027", message, **values)


def test_a_meeting_in_another_year_says_why_or_was_held_so(bwc):
    planned, _ = save_meeting(
        bwc,
        "BWC/MSP/2027",
        by=ISU,
        kind="MSP",
        year=2027,
        start=D(2028, 1, 10),
        end=D(2028, 1, 12),
        note="Postponed to January 2028 by the MSP's decision.",
    )
    assert planned.start == D(2028, 1, 10)
    held, _ = save_meeting(
        bwc,
        "BWC/MSP/2026",
        by=ISU,
        kind="MSP",
        year=2026,
        start=D(2027, 1, 11),
        end=D(2027, 1, 13),
        status="held",
    )
    assert held.days == 3


def test_a_series_is_created_once(bwc):
    save_meeting(bwc, "BWC/MSP/2027", by=ISU, must_be_new=True, kind="MSP", year=2027)
    refused(bwc, "BWC/MSP/2027", "BWC/MSP/2027 already exists: open it to edit it")
    # Without must_be_new (a load), the same call brings the meeting up to date.
    assert save_meeting(bwc, "BWC/MSP/2027", by=ISU, kind="MSP", year=2027)[1] is False


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "ngo", "officer", "anonymous"])
def test_only_the_secretariat_creates_or_edits_a_meeting(bwc, people, persona):
    before = counts()
    with pytest.raises(NotAllowed, match="^only the secretariat plans meetings$"):
        save_meeting(bwc, "BWC/MSP/2027", by=people.actor(persona), kind="MSP", year=2027)
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    with pytest.raises(NotAllowed, match="^only the secretariat plans meetings$"):
        update_meeting(meeting, by=people.actor(persona), kind="MSP", year=2018, status="cancelled")
    assert counts() == before
    assert Meeting.objects.get(series="BWC/MSP/2018").status == "held"


def test_editing_a_meeting_and_its_series(bwc):
    meeting, _ = save_meeting(bwc, "BWC/MSP/2027", by=ISU, kind="MSP", year=2027)
    changed = update_meeting(
        meeting,
        by=ISU,
        series="BWC/MSP/2028",
        kind="MSP",
        year=2028,
        start=D(2028, 12, 4),
        end=D(2028, 12, 6),
        title={"en": "2028 Meeting of States Parties"},
    )
    assert changed
    assert (meeting.series, meeting.year, meeting.days, meeting.title) == (
        "BWC/MSP/2028",
        2028,
        3,
        {"en": "2028 Meeting of States Parties"},
    )
    entry = AuditEntry.objects.filter(action="meeting.update", object_id=str(meeting.pk)).get()
    assert (entry.before["series"], entry.after["series"], entry.before["year"], entry.after["days"]) == (
        "BWC/MSP/2027",
        "BWC/MSP/2028",
        2027,
        3,
    )
    assert (
        update_meeting(
            meeting,
            by=ISU,
            kind="MSP",
            year=2028,
            start=D(2028, 12, 4),
            end=D(2028, 12, 6),
            title={"en": "2028 Meeting of States Parties"},
        )
        is False
    )


def test_a_series_changes_only_to_a_free_one_and_while_nothing_is_filed(bwc):
    meeting, _ = save_meeting(bwc, "BWC/MSP/2027", by=ISU, kind="MSP", year=2027)
    before = counts()
    with pytest.raises(DomainError) as caught:
        update_meeting(meeting, by=ISU, series="BWC/MSP/2018", kind="MSP", year=2018)
    assert str(caught.value) == "BWC/MSP/2027 cannot become BWC/MSP/2018: BWC/MSP/2018 already exists"
    DelegationFactory(meeting=meeting)
    DocumentFactory(meeting=meeting)
    with pytest.raises(DomainError) as caught:
        update_meeting(meeting, by=ISU, series="BWC/MSP/2029", kind="MSP", year=2029)
    assert str(caught.value) == (
        "BWC/MSP/2027 cannot become BWC/MSP/2029: documents and registrations are filed under it"
    )
    with pytest.raises(DomainError) as caught:
        update_meeting(meeting, by=ISU, kind="WG", year=2027)
    assert str(caught.value) == (
        "BWC/MSP/2027 is the series of a Meeting of States Parties, not of a Working Group session "
        "(the series of a Working Group session is written BWC/WG/<number>)"
    )
    assert counts() == before
    meeting.refresh_from_db()
    assert (meeting.series, meeting.kind, meeting.year) == ("BWC/MSP/2027", "MSP", 2027)


def test_the_2020_meetings_held_in_2021_load_as_before(db):
    assert list(Meeting.objects.filter(year=2020).order_by("start").values_list("series", "start", "days"))[
        :2
    ] == [("BWC/MSP/2020/MX.1", D(2021, 8, 30), 2), ("BWC/MSP/2020/MX.2", D(2021, 9, 1), 2)]


# -- officers of the kind ------------------------------------------------------------------------


def test_a_consultative_meeting_seats_a_chair_and_six_vice_chairs_of_any_groups(bwc):
    meeting, _ = save_meeting(
        bwc, "BWC/CONS/2027", by=ISU, kind="CONSULT", year=2027, start=D(2027, 9, 6), end=D(2027, 9, 10)
    )
    officers = [{"role": "chair", "name": "Ms A", "state": "HUN"}] + [
        {"role": "vice_chair", "name": f"Vice {i}", "state": code}
        for i, code in enumerate(["IND", "BRA", "ZAF", "FRA", "DEU", "POL"], start=1)
    ]
    assert seat_officers(meeting, officers, by=ISU)
    assert meeting.officers.count() == 7
    with pytest.raises(DomainError, match=r"^BWC/CONS/2027: officers: more than 6 Vice-Chairs$"):
        seat_officers(meeting, [*officers, {"role": "vice_chair", "name": "Vice 7", "state": "CHN"}], by=ISU)


def test_a_meeting_of_states_parties_keeps_the_general_rule(bwc):
    meeting, _ = save_meeting(
        bwc, "BWC/MSP/2027", by=ISU, kind="MSP", year=2027, start=D(2027, 12, 6), end=D(2027, 12, 8)
    )
    with pytest.raises(DomainError, match=r"^BWC/MSP/2027: officers: more than 2 Vice-Chairs$"):
        seat_officers(
            meeting,
            [
                {"role": "vice_chair", "name": f"V{i}", "state": c}
                for i, c in enumerate(["IND", "FRA", "POL"])
            ],
            by=ISU,
        )


# -- a year of the Working Group shape -----------------------------------------------------------

WG_2027 = {
    "WG11": (D(2027, 8, 2), D(2027, 8, 13)),
    "WG12": (D(2027, 11, 29), D(2027, 12, 3)),
    "MSP": (D(2027, 12, 6), D(2027, 12, 8)),
}


def test_planning_a_working_group_year(bwc):
    created = plan_year(bwc, 2027, WG_2027, {}, by=ISU)
    assert [(m.series, m.kind, m.number, m.year, m.start, m.days, m.status) for m in created] == [
        ("BWC/WG/11", "WG", 11, 2027, D(2027, 8, 2), 10, "planned"),
        ("BWC/WG/12", "WG", 12, 2027, D(2027, 11, 29), 5, "planned"),
        ("BWC/MSP/2027", "MSP", None, 2027, D(2027, 12, 6), 3, "planned"),
    ]
    entry = AuditEntry.objects.get(action="programme.plan_year", object_id="BWC/2027")
    assert entry.after == {
        "WG11": {"series": "BWC/WG/11", "start": "2027-08-02", "end": "2027-08-13", "chair_group": None},
        "WG12": {"series": "BWC/WG/12", "start": "2027-11-29", "end": "2027-12-03", "chair_group": None},
        "MSP": {"series": "BWC/MSP/2027", "start": "2027-12-06", "end": "2027-12-08", "chair_group": None},
        "shape": "working-group",
    }
    # The next year's sessions continue the numbering.
    before = counts()
    with pytest.raises(DomainError) as caught:
        plan_year(
            bwc,
            2028,
            {"WG1": (D(2028, 8, 7), D(2028, 8, 25)), "MSP": (D(2028, 12, 4), D(2028, 12, 6))},
            {},
            by=ISU,
        )
    assert (
        str(caught.value)
        == "2028: the last WG session on record is BWC/WG/12; the next is BWC/WG/13, not BWC/WG/1"
    )
    assert counts() == before


def test_a_working_group_year_that_breaks_a_rule_creates_nothing(bwc):
    before = counts()
    with pytest.raises(ProgrammeRejected) as caught:
        plan_year(bwc, 2027, dict(WG_2027, MSP=(D(2027, 12, 1), D(2027, 12, 3))), {}, by=ISU)
    assert [v.rule for v in caught.value.violations] == ["msp-last", "overlap"]
    assert counts() == before


def test_the_shape_can_be_chosen_against_the_one_in_force(bwc):
    with pytest.raises(ProgrammeRejected) as caught:
        plan_year(bwc, 2027, WG_2027, {}, by=ISU, shape="intersessional-2018-2020")
    assert [(v.rule, v.message) for v in caught.value.violations] == [
        *[("format", "no opening date given (start, YYYY-MM-DD)")] * 5,
        ("meetings", "missing MX1, MX2, MX3, MX4, MX5"),
        ("days", "lasts 3 days (6–8 December 2027); MSP has 4"),
        ("chair-rotation", "no chair group given (chair_group); the rotation gives EEG"),
    ]
    with pytest.raises(DomainError, match=r"^unknown programme shape 'annual'"):
        plan_year(bwc, 2027, WG_2027, {}, by=ISU, shape="annual")


def test_only_the_secretariat_plans_a_year(bwc, people):
    with pytest.raises(NotAllowed, match="^only the secretariat plans the programme$"):
        plan_year(bwc, 2027, WG_2027, {}, by=people.actor("fra_fp"))
    # (The Tenth Review Conference and its Preparatory Committee are on record for 2027.)
    assert not Meeting.objects.filter(year=2027, kind__in=["WG", "MSP"]).exists()


def test_a_meeting_record_may_be_of_any_kind():
    from plenary.records.schema import SCHEMA

    kinds = SCHEMA["properties"]["meeting"]["properties"]["kind"]["enum"]
    assert kinds == list(Meeting.Kind.values)
