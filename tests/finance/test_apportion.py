"""The pure rules of assessed contributions: shares to the cent, payments oldest first, arrears by
age, meetings whose funds are not assured."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.finance import apportion as ap
from plenary.finance.money import MoneyError

CODES = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
RATES = st.decimals(min_value=D("0.001"), max_value=D("22.000"), places=3)
TOTALS = st.decimals(min_value=D("0.00"), max_value=D("99999999.99"), places=2)


@given(st.dictionaries(CODES, RATES, min_size=1, max_size=60), TOTALS)
def test_shares_add_up_to_the_cent_and_each_is_within_a_cent(rates, whole):
    shares = ap.assess(whole, rates, rates.keys())
    assert sum((s.amount for s in shares), D("0.00")) == whole
    assert [s.code for s in shares] == sorted(rates)
    whole_rate = sum(rates.values())
    for s in shares:
        exact = whole * rates[s.code] / whole_rate
        assert abs(s.amount - exact) < D("0.01")
        assert s.amount == s.amount.quantize(D("0.01"))
    assert abs(sum(s.adjusted for s in shares) - 1) < D("1e-20")


@given(st.dictionaries(CODES, RATES, min_size=2, max_size=30), TOTALS, st.randoms())
def test_the_order_the_states_come_in_changes_nothing(rates, whole, rnd):
    codes = list(rates)
    rnd.shuffle(codes)
    shuffled = {c: rates[c] for c in codes}
    assert ap.assess(whole, rates, rates) == ap.assess(whole, shuffled, codes)


def test_a_small_example_by_hand():
    # 100.00 among three equal rates: 33.33 each and the cent left over to the first code.
    shares = ap.assess(D("100.00"), {"FRA": D("1"), "DEU": D("1"), "USA": D("1")}, ["USA", "FRA", "DEU"])
    assert [(s.code, s.amount) for s in shares] == [
        ("DEU", D("33.34")),
        ("FRA", D("33.33")),
        ("USA", D("33.33")),
    ]


def test_only_the_participants_share():
    rates = {"USA": D("22.000"), "FRA": D("4.859"), "DEU": D("6.389")}
    shares = ap.assess(D("1000.00"), rates, ["FRA", "DEU"])
    assert [(s.code, s.amount) for s in shares] == [("DEU", D("568.01")), ("FRA", D("431.99"))]


@pytest.mark.parametrize(
    ("whole", "rates", "parts", "message"),
    [
        (D("-1.00"), {"FRA": D("1")}, ["FRA"], "cannot be negative"),
        (1.5, {"FRA": D("1")}, ["FRA"], "decimal number"),
        (D("10"), {"FRA": D("1")}, ["DEU"], "no rate on the scale for DEU"),
        (D("10"), {"FRA": D("0")}, ["FRA"], "add up to nothing"),
        (D("10"), {"FRA": 0.5}, ["FRA"], "non-negative decimal"),
        ("NaN", {"FRA": D("1")}, ["FRA"], "finite"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(whole, rates, parts, message):
    with pytest.raises(MoneyError, match=message):
        ap.assess(whole, rates, parts)


@pytest.mark.parametrize(
    ("value", "ok"),
    [("0.001", True), ("22.000", True), ("0.0005", False), ("-1", False), ("101", False), ("x", False)],
)
def test_scale_rates_have_three_decimals_at_most(value, ok):
    if ok:
        assert ap.scale_rate(value) == D(value)
    else:
        with pytest.raises(MoneyError):
            ap.scale_rate(value)
    with pytest.raises(MoneyError):
        ap.scale_rate(0.1)


def test_a_payment_goes_to_the_oldest_invoices_first_and_the_rest_is_a_credit():
    invoices = [ap.Open("2016", D("10.00")), ap.Open("2017", D("0.00")), ap.Open("2018", D("25.50"))]
    assert ap.allocate(D("20.00"), invoices) == ([("2016", D("10.00")), ("2018", D("10.00"))], D("0.00"))
    assert ap.allocate(D("40.00"), invoices) == ([("2016", D("10.00")), ("2018", D("25.50"))], D("4.50"))
    assert ap.allocate(D("5.00"), []) == ([], D("5.00"))
    with pytest.raises(MoneyError):
        ap.allocate(D("-5.00"), invoices)


@given(
    st.decimals(min_value=D("0"), max_value=D("1000000"), places=2),
    st.lists(st.decimals(min_value=D("0"), max_value=D("100000"), places=2), max_size=20),
)
def test_allocation_conserves_money(available, owed):
    invoices = [ap.Open(str(i), o) for i, o in enumerate(owed)]
    applied, left = ap.allocate(available, invoices)
    assert sum((a for _, a in applied), D("0.00")) + left == available
    for key, part in applied:
        assert 0 < part <= owed[int(key)]
    assert left == 0 or sum((a for _, a in applied), D("0")) == sum(owed, D("0"))


def test_arrears_age_by_years_past_due():
    due = dt.date(2016, 2, 29)
    assert ap.age_bucket(due, dt.date(2016, 2, 29)) is None
    assert ap.age_bucket(due, dt.date(2016, 3, 1)) == "0-1"
    assert ap.age_bucket(due, dt.date(2017, 2, 27)) == "0-1"
    assert ap.age_bucket(due, dt.date(2017, 2, 28)) == "1-2"
    assert ap.age_bucket(due, dt.date(2018, 2, 28)) == "2+"
    items = [
        (dt.date(2018, 3, 1), D("5.00")),
        (dt.date(2016, 3, 1), D("7.00")),
        (dt.date(2019, 1, 1), D("1")),
    ]
    assert ap.ageing(items, dt.date(2018, 12, 31)) == {"0-1": D("5.00"), "1-2": D("0.00"), "2+": D("7.00")}


def test_invoice_numbers():
    assert ap.invoice_number("BWC", 2018, 7) == "BWC/2018/0007"
    with pytest.raises(MoneyError):
        ap.invoice_number("BWC", 2018, 0)


def test_a_meeting_not_assured_is_flagged_until_its_decision_date():
    meetings = [
        ap.MeetingNeed("MSP", dt.date(2018, 12, 4), dt.date(2018, 9, 4), D("300.00")),
        ap.MeetingNeed("MX1", dt.date(2018, 8, 7), dt.date(2018, 5, 7), D("100.00")),
    ]
    rows = ap.funds_assured(meetings, D("250.00"), dt.date(2018, 6, 1))
    assert [(r.key, r.needed, r.assured, r.flagged, r.shortfall) for r in rows] == [
        ("MX1", D("100.00"), True, False, D("0.00")),
        ("MSP", D("400.00"), False, True, D("150.00")),
    ]
    late = ap.funds_assured(meetings, D("250.00"), dt.date(2018, 10, 1))
    assert [r.flagged for r in late] == [False, False]


def test_decision_dates():
    assert ap.decision_date(dt.date(2018, 12, 4)) == dt.date(2018, 9, 4)
    assert ap.decision_date(dt.date(2018, 5, 31)) == dt.date(2018, 2, 28)
    assert ap.decision_date(dt.date(2019, 2, 10)) == dt.date(2018, 11, 10)
