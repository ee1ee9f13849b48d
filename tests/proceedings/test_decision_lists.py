"""A decision's text never ends with a sentence that introduces a list ("The following was
agreed:") without the list; a decision taken may be translated, and a text that the record had
cut before its list may be completed with it, but nothing it said changes."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen
from plenary.meetings.agenda import save_agenda_item
from plenary.proceedings import domain as proceedings
from plenary.proceedings.models import Decision
from tests.factories import MeetingFactory

ISU = Actor.system("isu")
INTRO = "The following was agreed:"


@pytest.fixture
def meeting(db):
    return MeetingFactory(series="BWC/MSP/2085")


def test_a_text_ending_with_the_sentence_that_introduces_a_list_is_refused(meeting):
    with pytest.raises(DomainError) as info:
        proceedings.record_decision(
            meeting,
            key="programme",
            text={"en": "Much was said.", "zh": "就下列事项达成了一致意见："},
            adopted_on=None,
            by=ISU,
        )
    assert str(info.value) == (
        "BWC/MSP/2085: decision 'programme': the zh text ends with “就下列事项达成了一致意见：”, which introduces a "
        "list it does not give: give the list after it, one line each, or end the text before it"
    )
    decision = proceedings.record_decision(
        meeting, key="programme", text={"en": f"{INTRO}\n(a) Twelve days a year."}, adopted_on=None, by=ISU
    )
    with pytest.raises(DomainError, match="the en text ends with “The following was agreed:”"):
        proceedings.update_decision(decision, text={"en": INTRO}, by=ISU)


def test_a_decision_taken_is_translated_and_completed_but_not_changed(meeting):
    # A decision as an older record held it: cut before its list.
    decision = Decision.objects.create(
        meeting=meeting, key="programme", text={"en": INTRO}, adopted_on=dt.date(meeting.year, 12, 6)
    )
    whole = {
        "en": f"{INTRO}\n(a) Twelve days a year.",
        "fr": "Il a été convenu de ce qui suit :\na) Douze jours.",
    }
    assert proceedings.update_decision(decision, text=whole, by=ISU) is True
    decision.refresh_from_db()
    assert decision.text == whole
    with pytest.raises(
        Frozen, match="^BWC/MSP/2085: decision 'programme' was taken on .*: its text cannot change$"
    ):
        proceedings.update_decision(decision, text={**whole, "en": f"{INTRO}\n(a) Ten days a year."}, by=ISU)
    with pytest.raises(Frozen):
        proceedings.update_decision(decision, text={"fr": whole["fr"]}, by=ISU)  # English dropped


def test_an_adopted_agenda_item_takes_a_translation_without_an_amendment(meeting):
    item, _ = save_agenda_item(meeting, 1, {"en": "Adoption of the agenda"}, by=ISU)
    proceedings.record_decision(
        meeting,
        key="agenda",
        text={"en": "The Meeting adopted its agenda."},
        adopted_on=meeting.start,
        by=ISU,
    )
    both = {"en": "Adoption of the agenda", "fr": "Adoption de l'ordre du jour"}
    assert save_agenda_item(meeting, 1, both, by=ISU)[1] is True
    item.refresh_from_db()
    assert item.title == both
    with pytest.raises(Frozen, match="was adopted on"):
        save_agenda_item(meeting, 1, {**both, "en": "Agenda"}, by=ISU)
