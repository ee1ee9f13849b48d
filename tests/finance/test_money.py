"""Money to the cent: amounts, cost lines, the adjusted scale and the apportionment of a total."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.finance.money import (
    MoneyError,
    adjusted_scale,
    amount,
    apportion,
    line,
    percentage_of,
    total,
)

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1234.50", D("1234.50")), ("1,234.505", D("1234.51")), (7, D("7.00")), (D("0.004"), D("0.00"))],
)
def test_an_amount_is_read_to_the_cent_rounding_half_up(value, expected):
    assert amount(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.1, "decimal number"),
        (True, "decimal number"),
        ("12 dollars", "a number such as"),
        ("NaN", "finite"),
        ("Infinity", "finite"),
        ("-5", "negative"),
        ("1e20", "too large"),
        (None, "must be a number"),
    ],
)
def test_what_is_not_an_amount_is_refused_with_the_reason(value, message):
    with pytest.raises(MoneyError, match=message):
        amount(value)


def test_a_credit_may_be_negative_when_asked():
    assert amount("-10.005", negative=True) == D("-10.01")


def test_cost_lines_and_programme_support_costs():
    # Five meeting days at 12,345.67 a day, and 13 per cent programme support costs on them.
    days = line(5, D("12345.67"))
    assert days == D("61728.35")
    assert percentage_of(days, D("13")) == D("8024.69")
    assert total([days, percentage_of(days, D("13"))]) == D("69753.04")
    with pytest.raises(MoneyError):
        line(1.5, D("10"))
    with pytest.raises(MoneyError):
        line(-1, D("10"))


def test_the_scale_adjusted_to_the_participants_sums_to_one():
    scale = {"FRA": D("3.858"), "DEU": D("5.692"), "NPL": D("0.010"), "USA": D("22.000")}
    adjusted = adjusted_scale(scale, ["FRA", "DEU", "NPL"])
    assert sorted(adjusted) == ["DEU", "FRA", "NPL"]
    assert abs(sum(adjusted.values()) - 1) < D("1e-25")
    assert adjusted["NPL"] == D("0.010") / D("9.560")
    with pytest.raises(MoneyError, match="no rate on the scale for XYZ"):
        adjusted_scale(scale, ["FRA", "XYZ"])
    with pytest.raises(MoneyError, match="add up to nothing"):
        adjusted_scale({"AAA": D(0)}, ["AAA"])


def test_a_total_is_shared_to_the_cent_by_the_largest_remainders():
    # 100.00 in three equal parts: 33.33 each and the cent left goes to the first key in order.
    assert apportion(D("100.00"), {"C": D(1), "A": D(1), "B": D(1)}) == {
        "A": D("33.34"),
        "B": D("33.33"),
        "C": D("33.33"),
    }
    assert apportion(D("10.00"), {"A": D(0), "B": D(3)}) == {"A": D("0.00"), "B": D("10.00")}


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({}, "no one"),
        ({"A": D(0)}, "add up to nothing"),
        ({"A": D(-1), "B": D(2)}, "negative"),
        ({"A": 0.5}, "decimal"),
    ],
)
def test_bad_weights_are_refused(weights, message):
    with pytest.raises(MoneyError, match=message):
        apportion(D("1.00"), weights)


weights = st.dictionaries(
    st.text(alphabet="ABCDEFGHIJ", min_size=3, max_size=3),
    st.decimals(min_value=0, max_value=30, places=3),
    min_size=1,
    max_size=40,
).filter(lambda w: sum(w.values()) > 0)
totals = st.decimals(min_value=0, max_value=10**9, places=2)


@given(totals, weights)
def test_shares_always_add_up_to_the_total_and_stay_within_a_cent(whole, w):
    shares = apportion(whole, w)
    assert sum(shares.values()) == whole
    exact_sum = sum(w.values())
    for key, share in shares.items():
        assert share >= 0
        assert abs(share - whole * w[key] / exact_sum) < D("0.01")
        if w[key] == 0:
            assert share == 0


@given(totals, weights)
def test_the_order_of_the_shares_does_not_matter(whole, w):
    assert apportion(whole, dict(reversed(list(w.items())))) == apportion(whole, w)
