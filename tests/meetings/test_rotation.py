"""The chair rotation rule: the seed's 2018-2020 table, and the rule's invariants for any year."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.meetings.rotation import RotationRule, RuleError
from plenary.treaties.profile import read_profile

RULE = RotationRule.from_profile(read_profile("BWC")["rotation"])

# BWC/MSP/2017/6, para. 19(d) and its table (东欧集团 = EEG, 西方集团 = WG,
# 不结盟运动和其他国家集团 = NAM).
SEED_TABLE = [
    {
        "year": 2018,
        "chairs": {"MSP": "EEG", "MX1": "NAM", "MX2": "NAM", "MX3": "WG", "MX4": "WG", "MX5": "EEG"},
    },
    {
        "year": 2019,
        "chairs": {"MSP": "WG", "MX1": "EEG", "MX2": "EEG", "MX3": "NAM", "MX4": "NAM", "MX5": "WG"},
    },
    {
        "year": 2020,
        "chairs": {"MSP": "NAM", "MX1": "WG", "MX2": "WG", "MX3": "EEG", "MX4": "EEG", "MX5": "NAM"},
    },
]


def test_the_rule_yields_the_seed_table():
    assert [row.to_dict() for row in RULE.plan(2018, 2020)] == SEED_TABLE


def test_the_review_conference_decision_for_the_years_2017_to_2020():
    # BWC/CONF.VIII/4 (seed para. 1): first year NAM, second EEG, third WG, fourth NAM.
    assert [RULE.msp_group(y) for y in range(2017, 2021)] == ["NAM", "EEG", "WG", "NAM"]


@given(st.integers(min_value=1950, max_value=2200))
def test_rotation_invariants_hold_for_any_year(year):
    chairs = RULE.chairs(year).chairs
    assert chairs["MSP"] == RULE.msp_group(year) == RULE.msp_group(year + 3)
    assert {RULE.msp_group(year), RULE.msp_group(year + 1), RULE.msp_group(year + 2)} == {"NAM", "EEG", "WG"}
    assert chairs["MX1"] == chairs["MX2"] == RULE.msp_group(year - 1)
    assert chairs["MX3"] == chairs["MX4"] not in (chairs["MSP"], chairs["MX1"])
    assert chairs["MX5"] == chairs["MSP"]


def test_an_empty_span_is_refused():
    with pytest.raises(RuleError, match="the span 2020-2018 is empty"):
        RULE.plan(2020, 2018)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"cycle": ["A"], "anchor": {"year": 2017, "group": "A"}}, "two or more distinct groups"),
        ({"cycle": ["A", "A", "B"], "anchor": {"year": 2017, "group": "A"}}, "two or more distinct groups"),
        (
            {"cycle": ["A", "B", "C"], "anchor": {"year": 2017, "group": "D"}},
            "anchor group 'D' is not in the cycle",
        ),
        (
            {
                "cycle": ["A", "B", "C", "D"],
                "anchor": {"year": 2017, "group": "A"},
                "experts": {"MX3": "other"},
            },
            "MX3: 'other' needs exactly three groups",
        ),
        (
            {"cycle": ["A", "B", "C"], "anchor": {"year": 2017, "group": "A"}, "experts": {"MX1": "random"}},
            "MX1: unknown chair derivation 'random'",
        ),
        ({"cycle": ["A", "B", "C"]}, "rotation settings incomplete"),
    ],
)
def test_inconsistent_settings_are_refused(settings, message):
    with pytest.raises(RuleError, match=message):
        RotationRule.from_profile(settings)


def test_another_treaty_can_rotate_between_two_groups():
    rule = RotationRule.from_profile(
        {"cycle": ["X", "Y"], "anchor": {"year": 2020, "group": "Y"}, "experts": {"GGE": "previous_msp"}}
    )
    assert [row.to_dict() for row in rule.plan(2020, 2021)] == [
        {"year": 2020, "chairs": {"MSP": "Y", "GGE": "X"}},
        {"year": 2021, "chairs": {"MSP": "X", "GGE": "Y"}},
    ]
