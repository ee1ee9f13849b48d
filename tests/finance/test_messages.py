"""The money and costing checks' refusals in the reader's language: a back-office page in French,
Arabic, Russian or Chinese shows them translated, the field's name in them too, a date as the UN
writes it in that language; english() stays English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import translation

from plenary.finance import apportion as ap
from plenary.finance import costing
from plenary.finance.costing import CostingError, MeetingParts, Rate
from plenary.finance.money import MoneyError, adjusted_scale, amount, apportion

DAY = dt.date(2018, 1, 1)


def _rates_but_conference_days() -> list[Rate]:
    codes = [code for code in costing.RATE_CODES if code != costing.CONFERENCE_DAY]
    return [Rate(code, D("100.00"), DAY, None, "", True) for code in codes]


def _refused(error, call, *args, **kwargs):
    with pytest.raises(error) as info:
        call(*args, **kwargs)
    return info.value


def test_an_amounts_refusals_read_in_french_with_the_fields_name():
    negative = _refused(MoneyError, amount, "-5")
    word = _refused(MoneyError, amount, "abc")
    with translation.override("fr"):
        assert str(negative) == "le montant : une valeur négative n’est pas admise"
        assert str(word) == "le montant : indiquez un nombre tel que 1234.50, et non 'abc'"
        assert str(_refused(MoneyError, amount, 1.5)) == (
            "le montant : écrivez un nombre décimal (par exemple 1234.50), et non 1.5"
        )
        assert str(_refused(MoneyError, amount, "NaN")) == "le montant : indiquez un nombre fini"
        # The field named by the caller is translated too.
        assert str(_refused(MoneyError, apportion, D("-1.00"), {"FRA": D(1)})) == (
            "le total à répartir : une valeur négative n’est pas admise"
        )
        assert negative.english() == "the amount cannot be negative"
    assert str(negative) == "the amount cannot be negative"
    assert word.english() == "the amount must be a number such as 1234.50, not 'abc'"


def test_a_count_out_of_range_reads_in_french():
    days = _refused(CostingError, MeetingParts.of, "M", days=61)
    with translation.override("fr"):
        assert str(days) == "le nombre de jours de réunion : la valeur ne peut pas dépasser 60"
        assert str(_refused(CostingError, MeetingParts.of, "M", days=1, pages_before=-5)) == (
            "le nombre de pages de documents d’avant session : la valeur ne peut pas être inférieure à 0"
        )
        assert str(_refused(CostingError, MeetingParts.of, "M", days="four")) == (
            "le nombre de jours de réunion : indiquez un nombre entier, et non 'four'"
        )
        posts = _refused(CostingError, costing.cost, [], _rates_but_conference_days(), DAY, isu_posts="1.234")
        assert str(posts) == "le nombre de postes de l’Unité d’appui à l’application : deux décimales au plus"
        assert days.english() == "the meeting days cannot be more than 60"


def test_a_missing_rate_on_a_date_reads_with_the_date_as_the_language_writes_it():
    parts = MeetingParts.of("M", days=1, interpretation=False)
    missing = _refused(CostingError, costing.cost, [parts], _rates_but_conference_days(), DAY)
    with translation.override("fr"):
        assert (
            str(missing)
            == "aucun taux conference_day n’est en vigueur au 1er janvier 2018 : enregistrez-le d’abord"
        )
        assert missing.english() == "no rate conference_day is valid on 2018-01-01: record it first"
    with translation.override("zh-hans"):
        assert str(missing) == "2018年1月1日没有有效的费率 conference_day：请先录入"
    with translation.override("ru"):
        assert str(missing) == (
            "на 1 января 2018 года не действует ни одна ставка conference_day: сначала зарегистрируйте ее"
        )
    assert str(missing) == "no rate conference_day is valid on 1 January 2018: record it first"


def test_refusals_read_in_arabic_russian_and_chinese():
    with translation.override("ar"):
        assert str(_refused(MoneyError, amount, "-5")) == "المبلغ: لا يجوز أن تكون القيمة سالبة"
        assert str(_refused(MoneyError, adjusted_scale, {"FRA": D(1)}, ["FRA", "XYZ"])) == (
            "لا يوجد معدل في جدول الأنصبة المقررة لـ XYZ"
        )
    with translation.override("ru"):
        assert str(_refused(CostingError, MeetingParts.of, "M", days=1, languages=0)) == (
            "число языков: значение не может быть меньше 1"
        )
        assert str(_refused(CostingError, costing.check_rate, Rate("lunch", D(1), DAY, None, "x"))) == (
            "'lunch' не является ставкой расходов (возможные ставки: " + ", ".join(costing.RATE_CODES) + ")"
        )
    with translation.override("zh-hans"):
        assert str(_refused(CostingError, MeetingParts.of, "M", days=-1)) == "会议天数不得小于0"
        assert str(_refused(MoneyError, apportion, D("1.00"), {})) == "没有可分摊总额的对象"


def test_the_scale_checks_read_in_french():
    with translation.override("fr"):
        assert str(_refused(MoneyError, ap.assess, D("10"), {"FRA": D("0")}, ["FRA"])) == (
            "la somme des taux des participants est nulle : aucun coût ne peut être réparti"
        )
        assert str(_refused(MoneyError, apportion, D("1.00"), {"A": D(-1), "B": D(2)})) == (
            "la pondération de A ne peut pas être négative"
        )


def test_english_stays_english_whatever_language_is_active():
    refusals = [
        _refused(MoneyError, amount, "-5", "the amount paid"),
        _refused(CostingError, MeetingParts.of, "M", days=61),
        _refused(CostingError, costing.check_rate, Rate(costing.CONFERENCE_DAY, D(1), DAY, None, " ")),
    ]
    with translation.override("fr"):
        assert [r.english() for r in refusals] == [
            "the amount paid cannot be negative",
            "the meeting days cannot be more than 60",
            "the rate conference_day needs its source, or to be marked as an example rate",
        ]
        assert str(refusals[0]) == "le montant payé : une valeur négative n’est pas admise"


def test_the_errors_are_domain_errors_and_still_value_errors():
    from plenary.core.errors import DomainError

    for error in (MoneyError, CostingError):
        assert issubclass(error, DomainError) and issubclass(error, ValueError)
