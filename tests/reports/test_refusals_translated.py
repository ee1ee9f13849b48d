"""The refusals of the report's workflow are read in the reader's language: a French, Chinese or
Arabic back-office page shows them in its language, a date in the UN's form of that language, a
status as the catalogues word it; `english()` stays English with ISO dates (for the logs)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen
from plenary.reports.domain import adopt_report, draft_report, remove_report, write_paragraph
from tests.factories import MeetingFactory

ISU = Actor.system("isu")


@pytest.fixture
def adopted(db):
    meeting = MeetingFactory(series="BWC/MSP/2033", start=dt.date(2033, 12, 6), end=dt.date(2033, 12, 9))
    report = draft_report(meeting, by=ISU)
    return adopt_report(report, on=dt.date(2033, 12, 9), by=ISU)


def test_a_frozen_draft_is_refused_in_french_with_its_date_in_french(adopted):
    with pytest.raises(Frozen) as raised:
        write_paragraph(adopted, section="work", text={"en": "Late."}, by=ISU)
    with translation.override("fr"):
        assert str(raised.value) == (
            "le rapport de BWC/MSP/2033 a été adopté le 9 décembre 2033 : ses paragraphes ne changent plus "
            "(il est publié tel qu’adopté ; une modification ultérieure fait l’objet d’un rectificatif ou "
            "d’une révision)"
        )
    assert raised.value.english() == (
        "the report of BWC/MSP/2033 was adopted on 2033-12-09: its paragraphs no longer change (it is issued as "
        "adopted; a later change comes as a corrigendum or revision)"
    )


def test_a_day_outside_the_meeting_is_refused_in_chinese(db):
    meeting = MeetingFactory(series="BWC/MSP/2033", start=dt.date(2033, 12, 6), end=dt.date(2033, 12, 9))
    report = draft_report(meeting, by=ISU)
    with pytest.raises(DomainError) as raised:
        adopt_report(report, on=dt.date(2033, 12, 11), by=ISU)
    with translation.override("zh-hans"):
        assert str(raised.value) == "2033年12月11日不是BWC/MSP/2033的会期日（2033年12月6日至2033年12月9日）"
    assert (
        str(raised.value)
        == "11 December 2033 is not a day of BWC/MSP/2033 (6 December 2033 to 9 December 2033)"
    )


def test_the_status_of_the_report_is_worded_in_arabic(adopted):
    with pytest.raises(Frozen) as raised:
        remove_report(adopted, by=ISU)
    with translation.override("ar"):
        assert str(raised.value) == "تقرير BWC/MSP/2033 معتمد ويبقى في السجل"
    assert str(raised.value) == "the report of BWC/MSP/2033 is adopted and stays in the record"
