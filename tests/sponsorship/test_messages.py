"""The sponsorship checks' refusals in the reader's language: amounts, DSA days and the fund that
does not cover an award (its amounts written as the language writes amounts); english() stays
English."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from plenary.core.errors import DomainError
from plenary.sponsorship import domain
from plenary.sponsorship import rules as r
from tests.sponsorship.world import applied, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people, monkeypatch):
    monkeypatch.setattr("plenary.core.clock.today", lambda: dt.date(2018, 9, 1))
    return make_world(people)


def _approve(people, world, app, **over):
    args = {"airfare": "1500.00", "terminal": "100.00", "dsa_days": 5} | over
    with pytest.raises(DomainError) as info:
        domain.decide(
            app,
            outcome="approved",
            officers=[world["chair"], world["vice"]],
            by=people.actor("staff"),
            **args,
        )
    return info.value


def test_the_fund_not_covering_an_award_reads_in_french_with_french_amounts(people, world):
    refusal = _approve(people, world, applied(people, world), airfare="14000.00", terminal="0", dsa_days=3)
    with translation.override("fr"):
        assert str(refusal) == (
            "le fonds ne couvre pas ce parrainage (montant demandé : 15\u202f200,00\u00a0$US ; "
            "montant disponible pour BWC/MSP/2018 : 15\u202f000,00\u00a0$US)"
        )
        assert refusal.english() == (
            "the fund does not cover this award: 15200.00 USD asked, 15000.00 USD available for BWC/MSP/2018"
        )
    with translation.override("zh-hans"):
        assert (
            str(refusal)
            == "基金不足以支付这笔资助（申请金额：US$15,200.00；BWC/MSP/2018可用金额：US$15,000.00）"
        )


def test_an_amount_and_the_dsa_days_read_in_the_readers_language(people, world):
    app = applied(people, world)
    airfare = _approve(people, world, app, airfare="-1")
    days = _approve(people, world, app, dsa_days=99)
    with translation.override("fr"):
        assert str(airfare) == "le prix du billet d'avion : une valeur négative n’est pas admise"
        assert str(days) == (
            "le nombre de jours d’indemnité journalière de subsistance doit être compris entre 0 et 60"
        )
    with translation.override("ru"):
        assert str(days) == "число дней суточных должно быть от 0 до 60"
    with translation.override("ar"):
        assert str(airfare) == "أجرة السفر جواً: لا يجوز أن تكون القيمة سالبة"
    assert airfare.english() == "the airfare may not be negative"
    assert str(days) == "the DSA days must be between 0 and 60"


def test_a_dsa_rate_not_a_number_reads_in_french_and_english_stays(people):
    with pytest.raises(DomainError) as info:
        domain.record_dsa_rate(amount="abc", valid_from="2018-01-01", source="ICSC", by=people.actor("staff"))
    with translation.override("fr"):
        assert (
            str(info.value) == "le taux de l'indemnité journalière de subsistance : 'abc' n’est pas un nombre"
        )
        assert info.value.english() == "the DSA rate is not a number: 'abc'"


def test_the_rules_money_check_reads_in_chinese_and_is_a_domain_error():
    with pytest.raises(r.RuleError) as info:
        r.money(True, "the terminal expenses")
    assert isinstance(info.value, DomainError) and isinstance(info.value, ValueError)
    with translation.override("zh-hans"):
        assert str(info.value) == "往返机场交通费应写成小数，而非 bool"
    assert str(info.value) == "the terminal expenses must be written as a decimal number, not bool"
