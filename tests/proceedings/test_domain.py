"""Statements, decisions and reservations through the domain: a decision taken stays as taken."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen
from plenary.meetings.models import Meeting
from plenary.proceedings import domain as proceedings
from plenary.proceedings.models import Decision, Statement
from plenary.treaties.models import State

ISU = Actor.system("isu")


@pytest.fixture
def msp(db):
    return Meeting.objects.get(series="BWC/MSP/2017")


def test_a_decision_taken_keeps_its_text_date_and_method(msp):
    decision = Decision.objects.get(meeting=msp, key="agenda")
    with pytest.raises(Frozen) as info:
        proceedings.update_decision(decision, by=ISU, text={"en": "We decided nothing."}, method="vote")
    assert str(info.value) == (
        "BWC/MSP/2017: decision 'agenda' was taken on 4 December 2017: its text, method of adoption cannot change"
    )
    with pytest.raises(
        Frozen, match="^BWC/MSP/2017: decision 'agenda' was taken on 4 December 2017 and stays"
    ):
        proceedings.remove_decision(decision, by=ISU)
    assert proceedings.update_decision(decision, by=ISU, text=dict(decision.text)) is False
    assert proceedings.update_decision(decision, by=ISU, position=9) is True


def test_a_decision_not_taken_yet_changes_and_is_taken(msp):
    decision = proceedings.record_decision(msp, key="pending", text={"en": "Draft"}, adopted_on=None, by=ISU)
    assert decision.position == 5
    assert proceedings.update_decision(
        decision, by=ISU, text={"en": " Agreed \n"}, adopted_on=dt.date(2017, 12, 8)
    )
    decision.refresh_from_db()
    assert (decision.text, decision.adopted_on) == ({"en": "Agreed"}, dt.date(2017, 12, 8))
    with pytest.raises(DomainError, match="9 December 2017 is not a day of the meeting"):
        proceedings.update_decision(
            proceedings.record_decision(msp, key="late", text={"en": "x"}, adopted_on=None, by=ISU),
            by=ISU,
            adopted_on=dt.date(2017, 12, 9),
        )


def test_statements_are_recorded_in_order_and_changed(msp):
    fra = State.objects.get(code="FRA")
    statement = proceedings.record_statement(msp, by=ISU, kind="state", state=fra)
    assert statement.position == 91
    assert proceedings.update_statement(statement, by=ISU, informal=True) is True
    assert proceedings.update_statement(statement, by=ISU, informal=True) is False
    with pytest.raises(DomainError, match="a statement of kind 'state' names its State"):
        proceedings.update_statement(statement, by=ISU, state=None)
    with pytest.raises(DomainError, match="endorsed by ngos is a whole number from 0"):
        proceedings.record_statement(msp, by=ISU, kind="ngo_joint", endorsed_by_ngos=-1)
    proceedings.remove_statement(statement, by=ISU)
    assert Statement.objects.filter(meeting=msp).count() == 91
