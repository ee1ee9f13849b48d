"""Dates and spans of dates in the UN's forms, six languages (plenary.core.dates)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.core.dates import (
    LANGS,
    month_name,
    un_date,
    un_date_range,
    un_date_range_text,
    un_day_month,
    un_month_year,
)

D = dt.date


def six(fn, *args):
    return {lang: fn(*args, lang) for lang in LANGS}


def test_a_date():
    assert six(un_date, D(2017, 12, 4)) == {
        "ar": "4 كانون الأول/ديسمبر 2017",
        "zh": "2017年12月4日",
        "en": "4 December 2017",
        "fr": "4 décembre 2017",
        "ru": "4 декабря 2017 года",
        "es": "4 de diciembre de 2017",
    }


def test_the_first_of_a_month_is_1er_in_french_only():
    assert six(un_date, D(2026, 12, 1)) == {
        "ar": "1 كانون الأول/ديسمبر 2026",
        "zh": "2026年12月1日",
        "en": "1 December 2026",
        "fr": "1er décembre 2026",
        "ru": "1 декабря 2026 года",
        "es": "1 de diciembre de 2026",
    }
    assert un_date(D(2026, 12, 11), "fr") == "11 décembre 2026"
    assert un_date(D(2026, 12, 21), "fr") == "21 décembre 2026"


def test_a_span_within_a_month():
    assert six(un_date_range, D(2017, 12, 4), D(2017, 12, 8)) == {
        "ar": "4-8 كانون الأول/ديسمبر 2017",
        "zh": "2017年12月4日至8日",
        "en": "4\u20138 December 2017",
        "fr": "4-8 décembre 2017",
        "ru": "4\u20138 декабря 2017 года",
        "es": "4 a 8 de diciembre de 2017",
    }


def test_a_span_across_months():
    assert six(un_date_range, D(2022, 11, 28), D(2022, 12, 16)) == {
        "ar": "28 تشرين الثاني/نوفمبر - 16 كانون الأول/ديسمبر 2022",
        "zh": "2022年11月28日至12月16日",
        "en": "28 November–16 December 2022",
        "fr": "28 novembre-16 décembre 2022",
        "ru": "28 ноября – 16 декабря 2022 года",
        "es": "28 de noviembre a 16 de diciembre de 2022",
    }


def test_a_span_across_years():
    assert six(un_date_range, D(2022, 12, 30), D(2023, 1, 2)) == {
        "ar": "30 كانون الأول/ديسمبر 2022 - 2 كانون الثاني/يناير 2023",
        "zh": "2022年12月30日至2023年1月2日",
        "en": "30 December 2022–2 January 2023",
        "fr": "30 décembre 2022-2 janvier 2023",
        "ru": "30 декабря 2022 года – 2 января 2023 года",
        "es": "30 de diciembre de 2022 a 2 de enero de 2023",
    }


def test_a_one_day_meeting_is_one_date():
    day = D(2018, 8, 13)
    assert six(un_date_range, day, day) == six(un_date, day)
    assert six(un_date_range_text, day, day) == six(un_date, day)
    assert un_date_range(day, day, "en") == "13 August 2018"


def test_spans_that_start_or_end_on_the_first_in_french():
    assert un_date_range(D(2026, 12, 1), D(2026, 12, 4), "fr") == "1er-4 décembre 2026"
    assert un_date_range(D(2026, 11, 30), D(2026, 12, 1), "fr") == "30 novembre-1er décembre 2026"
    assert un_date_range_text(D(2026, 12, 1), D(2026, 12, 4), "fr") == "du 1er au 4 décembre 2026"


def test_a_span_in_a_sentence():
    assert six(un_date_range_text, D(2017, 12, 4), D(2017, 12, 8)) == {
        "ar": "من 4 إلى 8 كانون الأول/ديسمبر 2017",
        "zh": "2017年12月4日至8日",
        "en": "4 to 8 December 2017",
        "fr": "du 4 au 8 décembre 2017",
        "ru": "4–8 декабря 2017 года",
        "es": "del 4 al 8 de diciembre de 2017",
    }
    assert six(un_date_range_text, D(2022, 11, 28), D(2022, 12, 16)) == {
        "ar": "من 28 تشرين الثاني/نوفمبر إلى 16 كانون الأول/ديسمبر 2022",
        "zh": "2022年11月28日至12月16日",
        "en": "28 November to 16 December 2022",
        "fr": "du 28 novembre au 16 décembre 2022",
        "ru": "28 ноября – 16 декабря 2022 года",
        "es": "del 28 de noviembre al 16 de diciembre de 2022",
    }
    assert un_date_range_text(D(2022, 12, 30), D(2023, 1, 2), "en") == "30 December 2022 to 2 January 2023"
    assert un_date_range_text(D(2022, 12, 30), D(2023, 1, 2), "fr") == "du 30 décembre 2022 au 2 janvier 2023"


def test_a_month_and_a_day_month():
    assert six(un_month_year, D(2017, 12, 4)) == {
        "ar": "كانون الأول/ديسمبر 2017",
        "zh": "2017年12月",
        "en": "December 2017",
        "fr": "décembre 2017",
        "ru": "декабрь 2017 года",
        "es": "diciembre de 2017",
    }
    assert six(un_day_month, D(2017, 12, 4)) == {
        "ar": "4 كانون الأول/ديسمبر",
        "zh": "12月4日",
        "en": "4 December",
        "fr": "4 décembre",
        "ru": "4 декабря",
        "es": "4 de diciembre",
    }


def test_every_month_in_russian_is_genitive_after_a_day_and_arabic_is_double():
    assert [month_name(m, "ru") for m in range(1, 13)] == [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ]
    assert all("/" in month_name(m, "ar") for m in range(1, 13))
    assert month_name(6, "ar") == "حزيران/يونيه"


def test_django_language_codes_are_accepted_and_others_refused():
    assert un_date(D(2017, 12, 4), "zh-hans") == "2017年12月4日"
    assert un_date(D(2017, 12, 4), "en-gb") == "4 December 2017"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        un_date(D(2017, 12, 4), "de")
    with pytest.raises(ValueError, match="month 13"):
        month_name(13, "en")


def test_a_span_must_not_end_before_it_starts():
    with pytest.raises(ValueError, match="ends before it starts: 2017-12-08 to 2017-12-04"):
        un_date_range(D(2017, 12, 8), D(2017, 12, 4), "en")
    with pytest.raises(ValueError, match="ends before it starts"):
        un_date_range_text(D(2017, 12, 8), D(2017, 12, 4), "fr")


dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))
langs = st.sampled_from(LANGS)


@given(dates, st.integers(min_value=0, max_value=800), langs)
def test_any_span_is_written_and_names_both_ends(start, days, lang):
    end = start + dt.timedelta(days=days)
    for fn in (un_date_range, un_date_range_text):
        text = fn(start, end, lang)
        assert text.strip() == text and "  " not in text
        assert str(end.year) in text and text.count(str(end.year)) >= 1
        # The end's date closes the span in every language but Chinese, which drops what it repeats.
        if lang != "zh":
            assert text.endswith(un_date(end, lang))
        if start.year != end.year:
            assert str(start.year) in text
        if days == 0:
            assert text == un_date(start, lang)


@given(dates, langs)
def test_any_date_is_written_with_western_digits_and_its_year(day, lang):
    text = un_date(day, lang)
    assert str(day.year) in text and str(day.day) in text
    assert not any("\u0660" <= c <= "\u0669" for c in text)


@given(dates, st.integers(min_value=1, max_value=800), langs)
def test_a_reversed_span_is_refused(end, days, lang):
    with pytest.raises(ValueError):
        un_date_range(end + dt.timedelta(days=days), end, lang)
