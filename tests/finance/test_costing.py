"""The costing rules (plenary.finance.costing), without the database: lines from a meeting's parts,
rounding to the whole dollar, programme support costs, options side by side, bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.finance import costing
from plenary.finance.costing import CostingError, MeetingParts, Rate

DAY = dt.date(2018, 1, 1)


def rates(**over):
    amounts = {
        costing.CONFERENCE_DAY: D("10600.00"),
        costing.INTERPRETATION_DAY: D("21000.00"),
        costing.PAGE_BEFORE: D("190.00"),
        costing.PAGE_DURING: D("230.00"),
        costing.PAGE_AFTER: D("175.00"),
        costing.ISU_STAFF: D("15000.00"),
        costing.ISU_OPERATING: D("2500.00"),
        costing.PROGRAMME_SUPPORT: D("13.00"),
    } | over
    return [Rate(code, amount, DAY, None, "", True) for code, amount in amounts.items()]


def test_a_meeting_costs_its_days_interpretation_and_pages_in_six_languages():
    parts = MeetingParts.of("BWC/MSP/2018", days=4, pages_before=80, pages_during=40, pages_after=60)
    got = costing.cost([parts], rates(), DAY)
    assert [(line.code, line.quantity, line.rate.amount, line.amount) for line in got.lines] == [
        ("conference_day", D(4), D("10600.00"), D("42400.00")),
        ("interpretation_day", D(4), D("21000.00"), D("84000.00")),
        ("document_page_before", D(480), D("190.00"), D("91200.00")),
        ("document_page_during", D(240), D("230.00"), D("55200.00")),
        ("document_page_after", D(360), D("175.00"), D("63000.00")),
    ]
    assert got.subtotal == D("335800.00")
    assert (got.support.quantity, got.support.amount) == (D("335800.00"), D("43654.00"))
    assert got.total == D("379454.00")
    assert got.of_meeting("BWC/MSP/2018") == D("335800.00")


def test_the_isu_costs_its_posts_and_months():
    got = costing.cost([], rates(), DAY, isu_posts="1.5", isu_months=12)
    assert [(line.code, line.quantity, line.amount) for line in got.lines] == [
        ("isu_staff_post_month", D("18.00"), D("270000.00")),
        ("isu_operating_month", D(12), D("30000.00")),
    ]
    assert got.total == D("339000.00")


def test_lines_round_half_up_to_the_whole_dollar_and_the_total_is_the_sum_of_what_is_shown():
    odd = rates(**{costing.PAGE_BEFORE: D("0.50"), costing.PROGRAMME_SUPPORT: D("13.00")})
    parts = MeetingParts.of("X", days=0, pages_before=1, languages=1)  # 0.50 -> 1
    got = costing.cost([parts], odd, DAY)
    assert [line.amount for line in got.lines] == [D("1.00")]
    assert got.support.exact == D("0.13") and got.support.amount == D("0.00")
    assert got.total == D("1.00")
    assert costing.whole_dollars(D("2.49")) == D("2.00")
    assert costing.whole_dollars(D("2.50")) == D("3.00")


def test_no_interpretation_and_documents_in_english_only():
    parts = MeetingParts.of("informal", days=2, pages_before=10, languages=1, interpretation=False)
    got = costing.cost([parts], rates(), DAY)
    assert [(line.code, line.quantity) for line in got.lines] == [
        ("conference_day", D(2)),
        ("document_page_before", D(10)),
    ]


def test_the_rate_valid_on_the_day_is_used_and_a_missing_one_is_an_error():
    later = Rate(costing.CONFERENCE_DAY, D("11000.00"), dt.date(2019, 1, 1), None, "", True)
    table = [*rates(), later]
    parts = MeetingParts.of("M", days=1, interpretation=False)
    assert costing.cost([parts], table, DAY).lines[0].amount == D("10600.00")
    assert costing.cost([parts], table, dt.date(2019, 6, 1)).lines[0].amount == D("11000.00")
    without = [r for r in rates() if r.code != costing.CONFERENCE_DAY]
    with pytest.raises(
        CostingError, match="no rate conference_day is valid on 1 January 2018: record it first"
    ) as e:
        costing.cost([parts], without, DAY)
    assert e.value.english() == "no rate conference_day is valid on 2018-01-01: record it first"
    ended = [Rate(r.code, r.amount, r.valid_from, dt.date(2018, 6, 30), "", True) for r in rates()]
    with pytest.raises(CostingError, match="no rate conference_day is valid on 1 July 2018"):
        costing.cost([parts], ended, dt.date(2018, 7, 1))


def test_a_rate_not_needed_may_be_missing():
    parts = MeetingParts.of("M", days=1, interpretation=False)
    needed = [r for r in rates() if r.code in (costing.CONFERENCE_DAY, costing.PROGRAMME_SUPPORT)]
    assert costing.cost([parts], needed, DAY).total == D("11978.00")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("days", -1, "the meeting days cannot be less than 0"),
        ("days", 61, "the meeting days cannot be more than 60"),
        ("days", 10**30, "the meeting days cannot be more than 60"),
        ("days", "9" * 40, "the meeting days must be a whole number, not '9999"),
        ("days", "four", "the meeting days must be a whole number, not 'four'"),
        ("days", "", "the meeting days must be a whole number, not ''"),
        ("days", 2.5, "the meeting days must be a whole number, not 2.5"),
        ("days", True, "the meeting days must be a whole number, not True"),
        ("days", D("NaN"), "the meeting days must be a whole number"),
        ("days", D("1.5"), "the meeting days must be a whole number"),
        ("days", None, "the meeting days must be a whole number"),
        ("pages_before", -5, "the pages before the meeting cannot be less than 0"),
        ("pages_during", 100_001, "the pages during the meeting cannot be more than 100000"),
        ("pages_after", "1e3", "the pages after the meeting must be a whole number, not '1e3'"),
        ("languages", 0, "the number of languages cannot be less than 1"),
        ("languages", 7, "the number of languages cannot be more than 6"),
        ("interpretation", "yes", "interpretation is yes or no"),
    ],
)
def test_bad_parts_are_refused_with_a_clear_message(field, value, message):
    values = {"days": 1} | {field: value}
    with pytest.raises(CostingError) as caught:
        MeetingParts.of("M", **values)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    "posts, months, message",
    [
        ("-1", 12, "the ISU's posts cannot be negative"),
        ("1.234", 12, "the ISU's posts has at most two decimal places"),
        ("many", 12, "the ISU's posts must be a decimal number such as 1.5"),
        (1.5, 12, "the ISU's posts must be a decimal number such as 1.5, not 1.5"),
        ("Infinity", 12, "the ISU's posts must be a finite number"),
        ("101", 12, "the ISU's posts cannot be more than 100"),
        ("1", 13, "the ISU's months cannot be more than 12"),
        ("1", -1, "the ISU's months cannot be less than 0"),
    ],
)
def test_bad_isu_figures_are_refused(posts, months, message):
    with pytest.raises(CostingError, match=message.replace("(", r"\(").replace(".", r"\.")):
        costing.cost([], rates(), DAY, isu_posts=posts, isu_months=months)


@pytest.mark.parametrize(
    "rate, message",
    [
        (Rate("lunch", D(1), DAY, None, "x"), "'lunch' is not a cost rate"),
        (Rate(costing.CONFERENCE_DAY, D(-1), DAY, None, "x"), "must be a non-negative amount"),
        (Rate(costing.CONFERENCE_DAY, 1.0, DAY, None, "x"), "must be a decimal amount"),  # type: ignore[arg-type]
        (Rate(costing.CONFERENCE_DAY, D("Infinity"), DAY, None, "x"), "must be a non-negative amount"),
        (Rate(costing.CONFERENCE_DAY, D(10) ** 9, DAY, None, "x"), "is too large"),
        (Rate(costing.PROGRAMME_SUPPORT, D(101), DAY, None, "x"), "is too large"),
        (Rate(costing.CONFERENCE_DAY, D(1), DAY, dt.date(2017, 1, 1), "x"), "ends before it starts"),
        (
            Rate(costing.CONFERENCE_DAY, D(1), DAY, None, " "),
            "needs its source, or to be marked as an example",
        ),
    ],
)
def test_bad_rates_are_refused(rate, message):
    with pytest.raises(CostingError, match=message):
        costing.check_rate(rate)


def test_a_meeting_twice_is_refused():
    parts = MeetingParts.of("M", days=1)
    with pytest.raises(CostingError, match="a meeting appears twice"):
        costing.cost([parts, parts], rates(), DAY)


def test_options_side_by_side_add_up_to_their_totals():
    base = [MeetingParts.of("MX", days=8, pages_before=100), MeetingParts.of("MSP", days=4)]
    plus5 = [MeetingParts.of("MX", days=13, pages_before=100), MeetingParts.of("MSP", days=4)]
    plus10 = [MeetingParts.of("MX", days=18, pages_before=100), MeetingParts.of("MSP", days=4)]
    table = rates()
    options = {k: costing.cost(v, table, DAY) for k, v in (("A", base), ("+5", plus5), ("+10", plus10))}
    compared = costing.compare(options)
    assert compared.options == ("A", "+5", "+10")
    assert [(r.label, r.code) for r in compared.rows] == [
        ("MX", "conference_day"),
        ("MX", "interpretation_day"),
        ("MX", "document_page_before"),
        ("MSP", "conference_day"),
        ("MSP", "interpretation_day"),
    ]
    for n in range(3):
        assert sum(r.amounts[n] for r in compared.rows) == compared.subtotals[n]
        assert compared.subtotals[n] + compared.supports[n] == compared.totals[n]
    # Five days of conference services and interpretation: 5 x 31,600 = 158,000, with 13 per cent.
    assert compared.differences == (D("0.00"), D("178540.00"), D("357080.00"))
    assert [r.differs for r in compared.rows] == [True, True, False, False, False]
    with pytest.raises(CostingError, match="nothing to compare"):
        costing.compare({})


@given(
    meetings=st.lists(
        st.tuples(
            st.integers(0, 60),
            st.integers(0, 100_000),
            st.integers(0, 100_000),
            st.integers(0, 100_000),
            st.integers(1, 6),
            st.booleans(),
        ),
        max_size=8,
    ),
    cents=st.lists(st.integers(0, 10**8), min_size=7, max_size=7),
    psc=st.integers(0, 10000),
    posts=st.integers(0, 10000),
    months=st.integers(0, 12),
)
def test_totals_add_up_to_the_cent_whatever_the_figures(meetings, cents, psc, posts, months):
    codes = [c for c in costing.RATE_CODES if c != costing.PROGRAMME_SUPPORT]
    table = [Rate(c, D(n) / 100, DAY, None, "", True) for c, n in zip(codes, cents, strict=True)]
    table.append(Rate(costing.PROGRAMME_SUPPORT, D(psc) / 100, DAY, None, "", True))
    parts = [
        MeetingParts.of(
            f"M{i}", days=d, pages_before=b, pages_during=u, pages_after=a, languages=n, interpretation=i_
        )
        for i, (d, b, u, a, n, i_) in enumerate(meetings)
    ]
    got = costing.cost(parts, table, DAY, isu_posts=D(posts) / 100, isu_months=months)
    assert got.subtotal == sum((line.amount for line in got.lines), D(0))
    assert got.total == got.subtotal + got.support.amount
    for line in [*got.lines, got.support]:
        assert line.amount == line.amount.to_integral_value() and line.amount.as_tuple().exponent == -2
        assert abs(line.amount - line.exact) <= D("0.5")
    assert sum((got.of_meeting(p.label) for p in parts), D(0)) + got.of_section("isu") == got.subtotal


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "1,234,567"),
        ("zh", "1,234,567"),
        ("fr", "1\u202f234\u202f567"),
        ("ru", "1\xa0234\xa0567"),
        ("es", "1.234.567"),
        ("ar", "1,234,567"),
    ],
)
def test_amounts_are_written_as_each_language_writes_numbers(lang, text):
    assert costing.format_amount(D("1234567.00"), lang) == text
