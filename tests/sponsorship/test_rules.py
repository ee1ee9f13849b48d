"""The sponsorship programme's pure rules: priority as configuration, the cost of an award to the
cent, the fund with its earmarks."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.sponsorship import rules as r

D = Decimal
T0 = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
RULES = r.load_rules()


def facts(developing=True, party=True, attended=False, capital=False):
    return r.Facts(
        developing=developing, party=party, attended_before=attended, can_send_from_capital=capital
    )


# -- money and cost -------------------------------------------------------------------------------


def test_cost_is_airfare_terminal_and_dsa_days_times_rate():
    cost = r.award_cost("1234.56", "120", 6, "451.00")
    assert (cost.dsa, cost.total) == (D("2706.00"), D("4060.56"))


def test_amounts_are_rounded_half_up_to_the_cent():
    assert r.money("0.005") == D("0.01")
    assert r.money("1 234.504") == D("1234.50")
    assert r.award_cost("0", "0", 3, "0.335").dsa == D("1.02")  # the rate is to the cent first: 0.34 x 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.1, "must be written as a decimal number, not float"),
        (True, "must be written as a decimal number, not bool"),
        ("", "is missing"),
        ("abc", "is not a number: 'abc'"),
        ("NaN", "must be a finite number"),
        ("Infinity", "must be a finite number"),
        ("-1", "may not be negative"),
        ("1e12", "is too large"),
        ([1], "must be a decimal number"),
    ],
)
def test_bad_amounts_are_refused_in_words(value, message):
    with pytest.raises(r.RuleError) as e:
        r.money(value, "the airfare")
    assert str(e.value) == f"the airfare {message}"


@pytest.mark.parametrize("days", [-1, 61, "x", 2.5, True, None])
def test_bad_dsa_days_are_refused(days):
    with pytest.raises(r.RuleError, match="DSA days"):
        r.award_cost("1", "1", days, "1")


cents = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)


@given(cents, cents, st.integers(0, 60), cents)
def test_the_cost_adds_up_to_the_cent(airfare, terminal, days, rate):
    cost = r.award_cost(airfare, terminal, days, rate)
    assert cost.total == airfare + terminal + rate * days
    assert cost.total.as_tuple().exponent == -2


# -- priority -------------------------------------------------------------------------------------


def test_the_default_rules_are_read_from_data():
    assert [(x.kind, x.weight) for x in RULES] == [
        ("developing_not_attended", 3),
        ("developing_no_capital_experts", 2),
        ("not_party", 2),
    ]


def test_scores_give_their_reasons_in_words():
    assert r.score(facts(), RULES) == r.Score(
        5,
        (
            "developing State Party whose expert has not taken part before",
            "developing State Party that cannot send experts from capital",
        ),
    )
    assert r.score(facts(party=False, developing=True), RULES) == r.Score(
        2, ("State not party (universalization)",)
    )
    assert r.score(facts(developing=False), RULES) == r.Score(0, ())
    assert r.score(facts(attended=True, capital=True), RULES) == r.Score(0, ())


def test_ranking_by_points_then_submission_then_key_with_shared_ranks():
    cands = [
        r.Candidate("c", facts(attended=True, capital=True), T0),
        r.Candidate("b", facts(party=False), T0 + dt.timedelta(hours=1)),
        r.Candidate("a", facts(), T0 + dt.timedelta(hours=2)),
        r.Candidate("d", facts(attended=True), T0),
    ]
    ranked = r.rank(cands, RULES)
    assert [(x.rank, x.key, x.score.points) for x in ranked] == [
        (1, "a", 5),
        (2, "d", 2),
        (2, "b", 2),
        (4, "c", 0),
    ]


def test_rules_are_configuration(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"rules": [{"kind": "not_party", "weight": 9, "reason": "universalization"}]}))
    rules = r.load_rules(path)
    assert r.score(facts(party=False), rules) == r.Score(9, ("universalization",))
    assert r.score(facts(), rules) == r.Score(0, ())


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([], "the priority rules must be a non-empty list"),
        ("x", "the priority rules must be a non-empty list"),
        ([1], "rule 1 must be a mapping"),
        ([{"kind": "rich", "weight": 1, "reason": "x"}], "rule 1: kind must be one of"),
        (
            [{"kind": "not_party", "weight": 0, "reason": "x"}],
            "rule 1: the weight must be a whole number from 1 to 1000",
        ),
        ([{"kind": "not_party", "weight": True, "reason": "x"}], "rule 1: the weight"),
        ([{"kind": "not_party", "weight": 1, "reason": " "}], "rule 1: the reason in words is missing"),
        ([{"kind": "not_party", "weight": 1, "reason": "x", "evil": 1}], "rule 1: unknown fields evil"),
        (
            [
                {"kind": "not_party", "weight": 1, "reason": "x"},
                {"kind": "not_party", "weight": 1, "reason": "y"},
            ],
            "rule 2: not_party is listed twice",
        ),
    ],
)
def test_bad_rules_are_refused(entries, message):
    with pytest.raises(r.RuleError) as e:
        r.parse_rules(entries)
    assert str(e.value).startswith(message)


def test_an_unreadable_rules_file_is_refused(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text("{not json")
    with pytest.raises(r.RuleError, match="rules.json: cannot be read"):
        r.load_rules(path)


fact_st = st.builds(r.Facts, st.booleans(), st.booleans(), st.booleans(), st.booleans())
cand_st = st.lists(
    st.builds(r.Candidate, st.text("abcdef", min_size=1, max_size=3), fact_st, st.just(T0)),
    max_size=8,
    unique_by=lambda c: c.key,
)


@given(cand_st, st.randoms())
def test_the_ranking_does_not_depend_on_the_order_given(cands, rnd):
    shuffled = list(cands)
    rnd.shuffle(shuffled)
    assert r.rank(shuffled, RULES) == r.rank(cands, RULES)
    points = [x.score.points for x in r.rank(cands, RULES)]
    assert points == sorted(points, reverse=True)


# -- the fund -------------------------------------------------------------------------------------


def test_earmarks_are_drawn_on_first_and_never_shared():
    fund = r.fund(
        [r.Money(D("1000.00")), r.Money(D("500.00"), meeting="MSP"), r.Money(D("300.00"), year=2026)],
        [r.Money(D("600.00"), meeting="MSP", year=2026), r.Money(D("200.00"), meeting="WG", year=2025)],
    )
    assert (fund.contributed, fund.awarded, fund.balance, fund.short) == (
        D("1800.00"),
        D("800.00"),
        D("1000.00"),
        0,
    )
    assert fund.left_meeting == {"MSP": D("0.00")}
    assert fund.left_year == {2026: D("200.00")}
    assert fund.left_general == D("800.00")
    assert fund.available("MSP", 2026) == D("1000.00")
    assert fund.available("WG", 2025) == D("800.00")  # the 2026 earmark is not for a 2025 meeting
    assert fund.available("OTHER", 2024) == D("800.00")


def test_money_earmarked_for_another_meeting_does_not_pay():
    fund = r.fund([r.Money(D("500.00"), meeting="MSP")], [])
    assert fund.available("WG", 2026) == D("0.00")
    assert fund.available("MSP", 2026) == D("500.00")


def test_awards_beyond_the_fund_show_short():
    fund = r.fund([r.Money(D("100.00"), meeting="MSP")], [r.Money(D("150.00"), meeting="WG", year=2026)])
    assert (fund.short, fund.available("MSP", 2026)) == (D("150.00"), D("0.00"))


money_st = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
meeting_st = st.sampled_from(["A", "B", "C"])
YEAR = {"A": 2025, "B": 2026, "C": 2026}
contribution_st = st.one_of(
    st.builds(r.Money, money_st),
    st.builds(r.Money, money_st, meeting=meeting_st),
    st.builds(r.Money, money_st, year=st.sampled_from([2025, 2026])),
)


@given(st.lists(contribution_st, max_size=6), st.lists(st.tuples(meeting_st, money_st), max_size=8))
def test_awards_granted_only_when_available_keep_the_fund_sound_to_the_cent(contributions, asked):
    awards: list[r.Money] = []
    for meeting, amount in asked:
        if r.fund(contributions, awards).available(meeting, YEAR[meeting]) >= amount:
            awards.append(r.Money(amount, meeting=meeting, year=YEAR[meeting]))
    fund = r.fund(contributions, awards)
    assert fund.short == 0
    assert fund.balance == sum((c.amount for c in contributions), D(0)) - sum(
        (a.amount for a in awards), D(0)
    )
    left = sum(fund.left_meeting.values(), D(0)) + sum(fund.left_year.values(), D(0)) + fund.left_general
    assert left == fund.balance >= 0
