"""The proceedings' refusals in the reader's language: the words of the message, the place it
names (a decision, a statement), the terms put in and the date in the UN's form of that
language; english() stays English."""

from __future__ import annotations

import pytest
from django.utils import translation

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen
from plenary.meetings.models import Meeting
from plenary.proceedings import domain as proceedings
from plenary.proceedings.models import Decision

ISU = Actor.system("isu")


@pytest.fixture
def agenda(db):
    return Decision.objects.get(meeting=Meeting.objects.get(series="BWC/MSP/2017"), key="agenda")


def test_a_decision_taken_is_refused_in_french(agenda):
    with translation.override("fr"):
        with pytest.raises(Frozen) as caught:
            proceedings.update_decision(agenda, by=ISU, text={"en": "We decided nothing."}, method="vote")
        french = str(caught.value)
    assert french == (
        "BWC/MSP/2017 : la décision 'agenda' a été prise le 4 décembre 2017 : ses éléments « texte » "
        "et « mode d'adoption » ne peuvent plus changer"
    )
    assert caught.value.english() == (
        "BWC/MSP/2017: decision 'agenda' was taken on 2017-12-04: its text, method of adoption cannot change"
    )


def test_a_decision_taken_stays_in_russian(agenda):
    with translation.override("ru"):
        with pytest.raises(Frozen) as caught:
            proceedings.remove_decision(agenda, by=ISU)
        russian = str(caught.value)
    assert russian == "BWC/MSP/2017: решение 'agenda' принято 4 декабря 2017 года и остается в отчете"


def test_a_statement_without_its_state_is_refused_in_arabic(agenda):
    with translation.override("ar"):
        with pytest.raises(DomainError) as caught:
            proceedings.record_statement(agenda.meeting, by=ISU, kind="state")
        arabic = str(caught.value)
    assert arabic == "BWC/MSP/2017: بيان: يُذكر في البيان من نوع «state» اسم دولته"
    assert caught.value.english() == "BWC/MSP/2017: statement: a statement of kind 'state' names its State"
