"""The treaty profile's kinds of meeting and programme shapes (treaties/data/bwc.yaml), read by the
pure readers of plenary.treaties.profile."""

from __future__ import annotations

import pytest

from plenary.core.languages import UN_LANGUAGES
from plenary.treaties.profile import (
    ProfileError,
    SeriesParts,
    describe_shapes,
    from_roman,
    kind_of_series,
    meeting_kinds,
    officer_rule,
    programme_shapes,
    read_profile,
    shape_in_force,
    to_roman,
)

PROFILE = read_profile("BWC")
KINDS = meeting_kinds(PROFILE)


def test_the_seven_kinds_of_meeting_with_their_settings():
    assert {code: (k.series, k.number, k.days, k.closed, k.report) for code, k in KINDS.items()} == {
        "REVCON": (("BWC/CONF.{roman}",), "ordinal", 15, False, "final_document"),
        "PREPCOM": (("BWC/CONF.{roman}/PC",), "ordinal", 5, False, "final_report"),
        "MSP": (("BWC/MSP/{year}",), "none", 3, False, "procedural_report"),
        "MX": (("BWC/MSP/{year}/MX.{number}",), "meeting", 2, False, "factual_report"),
        "WG": (("BWC/WG/{number}",), "session", 5, False, "procedural_report"),
        "SPECIAL": (("BWC/SPCONF", "BWC/SPCONF/{year}"), "none", 10, False, "final_report"),
        "CONSULT": (("BWC/CONS/{year}", "BWC/CONS"), "none", 5, True, "final_report"),
    }


def test_every_kind_is_named_in_the_six_languages_and_says_its_source():
    for code, kind in KINDS.items():
        assert sorted(kind.names) == sorted(UN_LANGUAGES), code
        assert all(name.strip() for name in kind.names.values()), code
        assert kind.source, code
    assert KINDS["WG"].names == {
        "ar": "دورة الفريق العامل",
        "zh": "工作组会议",
        "en": "Working Group session",
        "fr": "session du Groupe de travail",
        "ru": "сессия Рабочей группы",
        "es": "período de sesiones del Grupo de Trabajo",
    }


def test_the_kinds_are_the_models_kinds():
    from plenary.meetings.models import Meeting

    assert list(KINDS) == list(Meeting.Kind.values)
    assert {code: kind.name for code, kind in KINDS.items()} == {
        code: str(label) for code, label in Meeting.Kind.choices
    }


@pytest.mark.parametrize(
    ("series", "kind", "parts"),
    [
        ("BWC/CONF.IX", "REVCON", SeriesParts("BWC/CONF.{roman}", None, 9)),
        ("BWC/CONF.VIII", "REVCON", SeriesParts("BWC/CONF.{roman}", None, 8)),
        ("BWC/CONF.X/PC", "PREPCOM", SeriesParts("BWC/CONF.{roman}/PC", None, 10)),
        ("BWC/MSP/2027", "MSP", SeriesParts("BWC/MSP/{year}", 2027, None)),
        ("BWC/MSP/2018/MX.1", "MX", SeriesParts("BWC/MSP/{year}/MX.{number}", 2018, 1)),
        ("BWC/WG/11", "WG", SeriesParts("BWC/WG/{number}", None, 11)),
        ("BWC/SPCONF", "SPECIAL", SeriesParts("BWC/SPCONF", None, None)),
        ("BWC/SPCONF/2027", "SPECIAL", SeriesParts("BWC/SPCONF/{year}", 2027, None)),
        ("BWC/CONS/2022", "CONSULT", SeriesParts("BWC/CONS/{year}", 2022, None)),
        ("BWC/CONS", "CONSULT", SeriesParts("BWC/CONS", None, None)),
    ],
)
def test_each_series_is_read_as_its_kind(series, kind, parts):
    assert kind_of_series(PROFILE, series) == kind
    assert KINDS[kind].parse_series(series) == parts


@pytest.mark.parametrize(
    "series",
    [
        "BWC/MSP/27",  # the year in four digits
        "BWC/MSP/2027/",
        "bwc/msp/2027",
        "BWC/CONF.VIIII",  # not a Roman numeral as written
        "BWC/CONF.9",
        "BWC/WG/011",
        "BWC/WG/0",
        "BWC/MSP/2018/MX.",
        "BWC/MSP/2018/MX.1/Rev.1",
        "CCW/MSP/2027",
        "",
    ],
)
def test_a_series_of_no_kind(series):
    assert kind_of_series(PROFILE, series) is None


def test_series_are_written_from_year_and_number():
    assert KINDS["REVCON"].format_series(number=10) == "BWC/CONF.X"
    assert KINDS["PREPCOM"].format_series(number=10) == "BWC/CONF.X/PC"
    assert KINDS["MSP"].format_series(year=2027) == "BWC/MSP/2027"
    assert KINDS["MX"].format_series(year=2019, number=3) == "BWC/MSP/2019/MX.3"
    assert KINDS["WG"].format_series(year=2027, number=11) == "BWC/WG/11"
    assert KINDS["SPECIAL"].format_series() == "BWC/SPCONF"
    assert KINDS["CONSULT"].format_series(year=2022) == "BWC/CONS/2022"
    with pytest.raises(ProfileError, match=r"^WG: its series BWC/WG/<number> needs a year or a number$"):
        KINDS["WG"].format_series(year=2027)
    assert KINDS["SPECIAL"].series_hint == "BWC/SPCONF or BWC/SPCONF/<year>"


def test_roman_numerals():
    assert [to_roman(n) for n in (1, 4, 8, 9, 10, 14, 40, 1994)] == [
        "I",
        "IV",
        "VIII",
        "IX",
        "X",
        "XIV",
        "XL",
        "MCMXCIV",
    ]
    assert all(from_roman(to_roman(n)) == n for n in range(1, 400))
    assert [from_roman(t) for t in ("IX", "VIIII", "IIX", "", "ix", "XM")] == [
        9,
        None,
        None,
        None,
        None,
        None,
    ]
    for bad in (0, -1, 4000, True, "9"):
        with pytest.raises(ValueError):
            to_roman(bad)


def test_the_consultative_meeting_seats_six_vice_chairs():
    assert officer_rule(PROFILE, "CONSULT") == {"chairs": 1, "vice_chairs": 6, "distinct_groups": False}
    assert officer_rule(PROFILE, "MSP") == {"chairs": 1, "vice_chairs": 2, "distinct_groups": True}


def test_two_programme_shapes_each_in_force_in_its_years():
    assert list(programme_shapes(PROFILE)) == ["intersessional-2018-2020", "working-group"]
    assert [shape_in_force(PROFILE, y) for y in (2018, 2020, 2021, 2022, 2023, 2027, 2100)] == [
        "intersessional-2018-2020",
        "intersessional-2018-2020",
        "intersessional-2018-2020",
        "intersessional-2018-2020",
        "working-group",
        "working-group",
        "working-group",
    ]
    assert describe_shapes(PROFILE) == "intersessional-2018-2020 (2018-2022), working-group (from 2023)"
    with pytest.raises(ProfileError) as caught:
        shape_in_force(PROFILE, 2017)
    assert str(caught.value) == (
        "no programme shape is in force in 2017 "
        "(shapes: intersessional-2018-2020 (2018-2022), working-group (from 2023))"
    )


def test_a_profile_of_the_first_version_reads_as_one_shape():
    old = {"programme": {"meetings": [], "days_per_year": 12}}
    assert list(programme_shapes(old)) == ["programme"]
    assert shape_in_force(old, 1990) == "programme"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"series": ["BWC/MSP/{month}"]}, "meeting_kinds.MSP: unknown placeholder(s) month"),
        ({"number": "twice"}, "meeting_kinds.MSP: number must be one of ordinal, session, meeting, none"),
        ({"report": "minutes"}, "meeting_kinds.MSP: report kind 'minutes' is not in report_kinds"),
        ({"days": 0}, "meeting_kinds.MSP: days must be 1 or more"),
        (
            {"days": "many"},
            "meeting_kinds.MSP: incomplete or malformed (ValueError(\"invalid literal for int() with base 10: 'many'\"))",
        ),
    ],
)
def test_malformed_kinds_are_named(change, message):
    profile = {**PROFILE, "meeting_kinds": {"MSP": {**PROFILE["meeting_kinds"]["MSP"], **change}}}
    with pytest.raises(ProfileError) as caught:
        meeting_kinds(profile)
    assert str(caught.value) == message


def test_malformed_shapes_are_named():
    with pytest.raises(ProfileError, match=r"^programmes\[0\]: each programme shape needs a name$"):
        programme_shapes({"programmes": [{"meetings": []}]})
    with pytest.raises(ProfileError, match=r"^programmes\[1\]: the name 'a' is given twice$"):
        programme_shapes({"programmes": [{"name": "a"}, {"name": "a"}]})
