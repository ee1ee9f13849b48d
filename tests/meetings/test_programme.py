"""Checks of a proposed intersessional programme against the BWC's rules (seed para. 19(c)-(d))."""

import copy
import datetime as dt

import pytest
from django.utils import translation

from plenary.meetings.programme import (
    ProgrammeRules,
    add_months,
    check_programme,
    next_working_day,
    working_days,
)
from plenary.treaties.profile import read_profile

RULES = ProgrammeRules.from_profile(read_profile("BWC"))

# The 2018 programme as it was held (UNOG meeting pages): MX 7-16 August, MSP 4-7 December.
PROGRAMME_2018 = {
    "treaty": "BWC",
    "years": [
        {
            "year": 2018,
            "meetings": [
                {"code": "MX1", "start": "2018-08-07", "end": "2018-08-08", "chair_group": "NAM"},
                {"code": "MX2", "start": "2018-08-09", "end": "2018-08-10", "chair_group": "NAM"},
                {"code": "MX3", "start": "2018-08-13", "end": "2018-08-13", "chair_group": "WG"},
                {"code": "MX4", "start": "2018-08-14", "end": "2018-08-15", "chair_group": "WG"},
                {"code": "MX5", "start": "2018-08-16", "end": "2018-08-16", "chair_group": "EEG"},
                {
                    "code": "MSP",
                    "start": "2018-12-04",
                    "end": "2018-12-07",
                    "chair_group": "EEG",
                    "vice_chair_groups": ["WG", "NAM"],
                },
            ],
        }
    ],
}


def proposal_with(**changes):
    """The 2018 programme with some meetings changed: changes={"MX3": {"start": ...}}."""
    proposal = copy.deepcopy(PROGRAMME_2018)
    for meeting in proposal["years"][0]["meetings"]:
        meeting.update(changes.get(meeting["code"], {}))
    return proposal


def test_the_2018_programme_keeps_every_rule():
    assert check_programme(PROGRAMME_2018, RULES) == []


def test_calendar_helpers():
    assert working_days(dt.date(2018, 8, 7), dt.date(2018, 8, 16)) == 8
    assert next_working_day(dt.date(2018, 8, 10)) == dt.date(2018, 8, 13)  # Friday -> Monday
    assert add_months(dt.date(2018, 12, 4), -3) == dt.date(2018, 9, 4)
    assert add_months(dt.date(2019, 5, 31), -3) == dt.date(2019, 2, 28)


def test_a_wrong_chair_group_names_the_rotation():
    violations = check_programme(proposal_with(MSP={"chair_group": "NAM"}), RULES)
    assert [str(v) for v in violations] == [
        "the Meeting of States Parties 2018: chaired by NAM; the rotation gives EEG for 2018 "
        "[rule chair-rotation: each meeting is chaired by the group that the rotation rule gives]",
        "the Meeting of States Parties 2018: NAM holds more than one office "
        "[rule officer-groups: the Chair and the Vice-Chairs each come from a different group]",
    ]


def test_a_gap_between_expert_meetings_and_too_many_days():
    violations = check_programme(proposal_with(MX3={"start": "2018-08-14", "end": "2018-08-15"}), RULES)
    assert [(v.rule, v.message) for v in violations] == [
        ("days", "lasts 2 days (14–15 August 2018); MX3 has 1"),
        ("total-days", "13 days planned; the programme gives 12"),
        (
            "back-to-back",
            "starts 14 August 2018; back to back after MX2 (ends 10 August 2018) it would start 13 August 2018",
        ),
        (
            "back-to-back",
            "starts 14 August 2018; back to back after MX3 (ends 15 August 2018) it would start 16 August 2018",
        ),
    ]


def test_expert_meetings_must_end_three_months_before_the_msp():
    violations = check_programme(proposal_with(MSP={"start": "2018-11-13", "end": "2018-11-16"}), RULES)
    assert [(v.rule, v.where, v.message) for v in violations] == [
        (
            "gap-before-msp",
            "years[0].meetings[5] (2018 MSP)",
            "opens 13 November 2018, but MX5 ends 16 August 2018: the Meetings of Experts must end by 13 August 2018, 3 months before",
        ),
    ]


def test_missing_duplicate_and_unknown_meetings():
    proposal = copy.deepcopy(PROGRAMME_2018)
    meetings = proposal["years"][0]["meetings"]
    meetings.append(dict(meetings[0]))
    meetings.append({"code": "MX6", "start": "2018-08-17", "end": "2018-08-17"})
    del meetings[5]  # the MSP
    assert [(v.rule, v.message) for v in check_programme(proposal, RULES)] == [
        ("meetings", "MX1 is planned twice"),
        ("meetings", "MX6 is not a meeting of the programme (known: MX1, MX2, MX3, MX4, MX5, MSP)"),
        ("meetings", "missing MSP"),
    ]


@pytest.mark.parametrize(
    ("proposal", "expected"),
    [
        ([], [("format", "(top)", "the file must be a mapping with a list 'years'")]),
        (
            {"years": [{"meetings": []}]},
            [("format", "years[0]", "each year needs 'year' (a whole number) and 'meetings'")],
        ),
        (
            {
                "years": [
                    {"year": 2018, "meetings": [{"code": "MX1", "start": "2018-02-30", "end": "2018-03-01"}]}
                ]
            },
            [
                (
                    "format",
                    "years[0].meetings[0] (2018 MX1)",
                    "the opening date 2018-02-30 is not a date of the calendar (write YYYY-MM-DD)",
                ),
                ("meetings", "years[0] (2018)", "missing MX1, MX2, MX3, MX4, MX5, MSP"),
            ],
        ),
        (
            {
                "years": [
                    {"year": 2018, "meetings": [{"code": "MSP", "start": "2018-12-07", "end": "2018-12-04"}]}
                ]
            },
            [
                (
                    "format",
                    "years[0].meetings[0] (2018 MSP)",
                    "closes (4 December 2018) before it opens (7 December 2018)",
                ),
                ("meetings", "years[0] (2018)", "missing MX1, MX2, MX3, MX4, MX5, MSP"),
            ],
        ),
        (
            {
                "years": [
                    {
                        "year": 2018,
                        "meetings": [
                            {
                                "code": "MSP",
                                "start": "2018-12-04",
                                "end": "2018-12-07",
                                "chair_group": "GRULAC",
                            }
                        ],
                    }
                ]
            },
            [
                ("format", "years[0].meetings[0] (2018 MSP)", "unknown group 'GRULAC' (known: WG, EEG, NAM)"),
                ("meetings", "years[0] (2018)", "missing MX1, MX2, MX3, MX4, MX5, MSP"),
            ],
        ),
    ],
)
def test_malformed_proposals_get_a_violation_each(proposal, expected):
    assert [(v.rule, v.where, v.message) for v in check_programme(proposal, RULES)] == expected


def test_each_violation_names_its_meeting_or_year_in_words():
    proposal = proposal_with(MX3={"start": "2018-13-01"}, MSP={"chair_group": "WG"})
    del proposal["years"][0]["meetings"][5]["start"]
    proposal["years"][0]["meetings"].append({"start": "2018-12-01"})
    assert [(v.subject, v.message) for v in check_programme(proposal, RULES)] == [
        (
            "the Meeting of Experts MX3 of 2018",
            "the opening date 2018-13-01 is not a date of the calendar (write YYYY-MM-DD)",
        ),
        ("the Meeting of States Parties 2018", "no opening date given (start, YYYY-MM-DD)"),
        ("meeting 7 listed for 2018", "each meeting needs a 'code' (e.g. MX1, MSP)"),
        ("the year 2018", "missing MX3, MSP"),
        (
            "the Meeting of Experts MX4 of 2018",
            "starts 14 August 2018; back to back after MX2 (ends 10 August 2018) it would start 13 August 2018",
        ),
    ]
    # The file's path stays, for a program or an editor; str() reads as a sentence.
    first = check_programme(proposal, RULES)[0]
    assert first.where == "years[0].meetings[2] (2018 MX3)"
    assert str(first).startswith("the Meeting of Experts MX3 of 2018: the opening date 2018-13-01 ")
    assert check_programme({"years": [{"meetings": []}]}, RULES)[0].subject == "year 1 of the proposal"


def test_a_working_group_session_is_named_by_its_number():
    rules = ProgrammeRules.from_profile(read_profile("BWC"), "working-group")
    proposal = {
        "years": [{"year": 2027, "meetings": [{"code": "WG11", "start": "2027-08-02", "end": "2027-08-01"}]}]
    }
    assert [(v.subject, v.message) for v in check_programme(proposal, rules)] == [
        ("the Working Group session 11 (2027)", "closes (1 August 2027) before it opens (2 August 2027)"),
        ("the year 2027", "missing WG, MSP"),
    ]


def test_the_check_speaks_french_with_dates_as_the_un_writes_them():
    with translation.override("fr"):
        violations = check_programme(proposal_with(MX3={"start": "2018-08-14", "end": "2018-08-15"}), RULES)
        gap = check_programme(proposal_with(MSP={"start": "2018-11-13", "end": "2018-11-16"}), RULES)
        assert [(v.subject, v.message) for v in violations] == [
            (
                "Réunion d'experts MX3 de 2018",
                "dure 2 jours (14-15 août 2018) ; le programme en prévoit 1 pour MX3",
            ),
            ("l'année 2018", "13 jours prévus ; le programme en prévoit 12"),
            (
                "Réunion d'experts MX3 de 2018",
                "s'ouvre le 14 août 2018 ; à la suite de MX2 (qui s'achève le 10 août 2018), "
                "elle s'ouvrirait le 13 août 2018",
            ),
            (
                "Réunion d'experts MX4 de 2018",
                "s'ouvre le 14 août 2018 ; à la suite de MX3 (qui s'achève le 15 août 2018), "
                "elle s'ouvrirait le 16 août 2018",
            ),
        ]
        assert [(v.subject, v.message) for v in gap] == [
            (
                "Réunion des États parties de 2018",
                "s'ouvre le 13 novembre 2018, mais MX5 s'achève le 16 août 2018 : les Réunions "
                "d'experts doivent s'achever au plus tard le 13 août 2018, 3 mois avant",
            ),
        ]
        assert str(violations[0]) == (
            "Réunion d'experts MX3 de 2018 : dure 2 jours (14-15 août 2018) ; le programme en "
            "prévoit 1 pour MX3 [règle days : chaque réunion dure le nombre de jours que lui "
            "attribue le programme]"
        )
        assert str(gap[0]).endswith(
            "[règle gap-before-msp : les Réunions d'experts s'achèvent au moins le nombre de mois "
            "prescrit avant l'ouverture de la Réunion des États parties]"
        )


def test_the_check_speaks_russian_and_arabic():
    gap_proposal = proposal_with(MSP={"start": "2018-11-13", "end": "2018-11-16", "chair_group": "NAM"})
    with translation.override("ru"):
        violations = check_programme(gap_proposal, RULES)
        assert [(v.subject, v.message) for v in violations] == [
            (
                "Совещание государств-участников 2018 года",
                "Председатель от группы NAM; по ротации в 2018 году — EEG",
            ),
            ("Совещание государств-участников 2018 года", "NAM занимает более одной должности"),
            (
                "Совещание государств-участников 2018 года",
                "открывается 13 ноября 2018 года, но MX5 завершается 16 августа 2018 года: "
                "совещания экспертов должны завершиться не позднее 13 августа 2018 года, "
                "за 3 месяца до открытия",
            ),
        ]
        assert str(violations[1]).endswith(
            "[правило officer-groups: Председатель и заместители Председателя представляют разные группы]"
        )
        days = check_programme(proposal_with(MX3={"start": "2018-08-14", "end": "2018-08-15"}), RULES)
        assert [v.message for v in days[:2]] == [
            "длится 2 дня (14–15 августа 2018 года); продолжительность MX3 по программе (дней): 1",
            "запланировано 13 дней; по программе: 12",
        ]
        assert days[1].subject == "2018 год"
    with translation.override("ar"):
        violations = check_programme(gap_proposal, RULES)
        assert violations[2].subject == "اجتماع الدول الأطراف لعام 2018"
        assert violations[2].message == (
            "الافتتاح في 13 تشرين الثاني/نوفمبر 2018، ولكن MX5 ينتهي في 16 آب/أغسطس 2018: يجب أن "
            "تنتهي اجتماعات الخبراء في موعد أقصاه 13 آب/أغسطس 2018 (عدد الأشهر المطلوب قبل الافتتاح: 3)"
        )
        assert str(violations[2]).endswith(
            "[القاعدة gap-before-msp: تنتهي اجتماعات الخبراء قبل افتتاح اجتماع الدول الأطراف "
            "بعدد الأشهر المحدد على الأقل]"
        )
        missing = check_programme({"years": [{"year": 2018, "meetings": []}]}, RULES)
        assert [(v.subject, v.message) for v in missing] == [
            ("سنة 2018", "الاجتماعات الناقصة: MX1، MX2، MX3، MX4، MX5، MSP"),
        ]
