"""Recording decisions and reservations, through the domain and through the page."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.participation.domain import register_delegation
from plenary.proceedings.domain import record_decision, record_reservation
from plenary.proceedings.models import Decision, Reservation
from plenary.treaties.models import State

URL = "/office/meetings/BWC/MSP/2018/decisions/"


def test_record_decision_keeps_the_texts_and_audits(msp2018):
    decision = record_decision(
        msp2018,
        key="dates-2019",
        text={
            "en": " The Meeting decided to hold its next meeting in December 2019. ",
            "fr": "",
            "es": "La Reunión decidió...",
        },
        adopted_on=dt.date(2018, 12, 7),
        method="consensus",
        by=Actor.system("isu"),
    )
    assert (decision.position, decision.text) == (
        0,
        {
            "en": "The Meeting decided to hold its next meeting in December 2019.",
            "es": "La Reunión decidió...",
        },
    )
    entry = AuditEntry.objects.get(object_type="proceedings.Decision", object_id=str(decision.pk))
    assert (entry.actor, entry.action, entry.via, entry.after) == (
        "system:isu",
        "decision.record",
        "cli",
        {
            "meeting": "BWC/MSP/2018",
            "key": "dates-2019",
            "text": decision.text,
            "adopted_on": "2018-12-07",
            "method": "consensus",
        },
    )
    second = record_decision(msp2018, key="budget", text={"en": "x"}, adopted_on=None, by=Actor.system("isu"))
    assert second.position == 1


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"key": "dates-2019", "text": {"en": "again"}}, "BWC/MSP/2018 already has a decision 'dates-2019'"),
        (
            {"key": "bad key", "text": {"en": "x"}},
            "BWC/MSP/2018: decision 'bad key': the key must be letters, digits, hyphens or underscores (e.g. dates-of-msp)",
        ),
        ({"key": "k", "text": {"en": "  "}}, "BWC/MSP/2018: decision 'k': the text is empty"),
        (
            {"key": "k", "text": {"de": "Text"}},
            "BWC/MSP/2018: decision 'k': unknown language(s) de; use ar, zh, en, fr, ru, es",
        ),
        (
            {"key": "k", "text": {"en": "x"}, "method": "acclamation"},
            "BWC/MSP/2018: decision 'k': method must be one of consensus, without_vote, vote",
        ),
        (
            {"key": "k", "text": {"en": "x"}, "adopted_on": dt.date(2018, 12, 10)},
            "BWC/MSP/2018: decision 'k': 10 December 2018 is not a day of the meeting (4 December 2018 to 7 December 2018)",
        ),
    ],
)
def test_record_decision_refuses(msp2018, kwargs, message):
    record_decision(msp2018, key="dates-2019", text={"en": "first"}, adopted_on=None, by=Actor.system("isu"))
    with pytest.raises(DomainError) as caught:
        record_decision(msp2018, by=Actor.system("isu"), **{"adopted_on": None, **kwargs})
    assert str(caught.value) == message
    assert Decision.objects.filter(meeting=msp2018).count() == 1


def test_record_reservation_of_a_state_and_of_one_delegation(msp2018):
    france = State.objects.get(code="FRA")
    with pytest.raises(DomainError) as caught:
        record_reservation(
            msp2018, applies_to="para-20", state=france, text={"en": "x"}, by=Actor.system("isu")
        )
    assert str(caught.value) == "BWC/MSP/2018: reservation: FRA has no registered delegation at BWC/MSP/2018"
    register_delegation(msp2018, state=france, by=Actor.system("isu"))
    named = record_reservation(
        msp2018, applies_to="para-20", state=france, text={"fr": "La France..."}, by=Actor.system("isu")
    )
    anonymous = record_reservation(
        msp2018, applies_to="para-20", state=None, text={"en": "One delegation..."}, by=Actor.system("isu")
    )
    assert [
        (r.position, r.applies_to, r.state_id, r.text) for r in Reservation.objects.filter(meeting=msp2018)
    ] == [
        (0, "para-20", france.pk, {"fr": "La France..."}),
        (1, "para-20", None, {"en": "One delegation..."}),
    ]
    assert [
        (e.action, e.after["state"])
        for e in AuditEntry.objects.filter(
            object_type="proceedings.Reservation", object_id__in=[str(named.pk), str(anonymous.pk)]
        )
    ] == [("reservation.record", "FRA"), ("reservation.record", None)]
    with pytest.raises(DomainError) as caught:
        record_reservation(msp2018, applies_to=" ", state=None, text={"en": "x"}, by=Actor.system("isu"))
    assert (
        str(caught.value)
        == "BWC/MSP/2018: reservation: say what it applies to (a report paragraph or a decision key)"
    )


def test_the_page_records_a_decision_and_escapes_its_text(staff, msp2018):
    response = staff.post(
        URL,
        {
            "form": "decision",
            "decision-key": "xss",
            "decision-original_language": "en",
            "decision-text_en": "<script>alert(1)</script>",
            "decision-adopted_on": "2018-12-07",
            "decision-method": "consensus",
        },
    )
    assert (response.status_code, response["Location"]) == (302, URL)
    assert Decision.objects.get(meeting=msp2018, key="xss").text == {"en": "<script>alert(1)</script>"}
    html = staff.get(URL).content.decode()
    assert '<p lang="en" class="decision-text">[en] &lt;script&gt;alert(1)&lt;/script&gt;</p>' in html
    assert "<script>alert(1)</script>" not in html


def test_the_page_asks_for_the_text_in_its_original_language(staff, msp2018):
    response = staff.post(
        URL,
        {
            "form": "decision",
            "decision-key": "k",
            "decision-original_language": "fr",
            "decision-text_en": "In English only",
            "decision-method": "consensus",
        },
    )
    assert response.status_code == 422
    assert response.context["decision_form"].errors == {
        "text_fr": ["Give the text in its original language (French)."]
    }
    assert not Decision.objects.filter(meeting=msp2018).exists()


def test_the_page_records_a_reservation_of_one_delegation(staff, msp2018):
    response = staff.post(
        URL,
        {
            "form": "reservation",
            "reservation-applies_to": "para-20",
            "reservation-state": "",
            "reservation-original_language": "en",
            "reservation-text_en": "One delegation could not join the consensus.",
        },
    )
    assert (response.status_code, response["Location"]) == (302, URL)
    page = staff.get(URL)
    assert [(r["reservation"].applies_to, r["who"], r["texts"]) for r in page.context["reservations"]] == [
        ("para-20", "one delegation", [("en", "One delegation could not join the consensus.")])
    ]
