"""Asking for the floor, and the live list of speakers kept by the secretariat and the officers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from plenary.participation import domain as participation
from plenary.proceedings import domain as proceedings
from plenary.proceedings.models import FloorRequest, Statement

QUEUE = reverse("portal:queue", args=["BWC/MSP/2018"])


def _queue(meeting):
    return list(
        FloorRequest.objects.filter(meeting=meeting, status="waiting")
        .order_by("position")
        .values_list("delegation__state__code", "position")
    )


def test_france_and_germany_ask_staff_move_germany_up_and_germany_speaks(as_, world, msp2018):
    # FRA asked in the world; DEU asks now, through the page.
    deu = as_("deu_del")
    response = deu.post(reverse("portal:floor", args=[world["deu_d"].pk]), {"on_behalf_of": "the EU"})
    assert response.status_code == 302
    assert _queue(msp2018) == [("FRA", 1), ("DEU", 2)]
    page = deu.get(reverse("portal:floor", args=[world["deu_d"].pk])).content.decode()
    assert '<p id="place" class="note">You are number 2 of 2 waiting.</p>' in page

    staff = as_("staff")
    page = staff.get(reverse("portal:meeting_speakers", args=["BWC/MSP/2018"])).content.decode()
    assert f'<div id="queue" hx-get="{QUEUE}" hx-trigger="every 3s" hx-swap="outerHTML"' in page
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
    deu_request = FloorRequest.objects.get(meeting=msp2018, delegation=world["deu_d"])
    response = staff.post(
        reverse("portal:floor_move", args=[deu_request.pk]), {"direction": "up"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.startswith('<div id="queue"')
    assert fragment.index("Germany") < fragment.index("France")
    assert _queue(msp2018) == [("DEU", 1), ("FRA", 2)]

    response = staff.post(reverse("portal:floor_spoken", args=[deu_request.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:meeting_speakers", args=["BWC/MSP/2018"])
    statement = Statement.objects.get(meeting=msp2018)
    assert (statement.position, statement.kind, statement.state.code, statement.on_behalf_of_text) == (
        1,
        "state",
        "DEU",
        {"en": "the EU"},
    )
    deu_request.refresh_from_db()
    assert deu_request.status == "spoken"
    assert _queue(msp2018) == [("FRA", 2)]
    page = as_("fra_fp").get(reverse("portal:floor", args=[world["fra_d"].pk])).content.decode()
    assert '<p id="place" class="note">You are number 1 of 1 waiting.</p>' in page
    assert list(
        AuditEntry.objects.filter(action__startswith="floor.")
        .order_by("id")
        .values_list("action", "actor", "via")
    ) == [
        ("floor.request", "fra_del", "page"),
        ("floor.request", "deu_del", "page"),
        ("floor.move", "staff", "page"),
        ("floor.spoken", "staff", "page"),
    ]


def test_the_queue_fragment_is_the_list_alone(as_, world):
    html = as_("officer").get(QUEUE).content.decode()
    assert html.startswith(f'<div id="queue" hx-get="{QUEUE}" hx-trigger="every 3s"')
    assert "<html" not in html
    assert "<td>1</td><td>France</td>" in html


def test_next_speaker_gives_the_floor_and_closes_the_previous_turn(people, world, msp2018):
    proceedings.request_floor(world["deu_d"], by=Actor.of(people["deu_fp"]))
    first = proceedings.next_speaker(msp2018, by=Actor.of(people["officer"]))
    assert (first.delegation.state.code, first.status) == ("FRA", "speaking")
    second = proceedings.next_speaker(msp2018, by=Actor.of(people["officer"]))
    assert second.delegation.state.code == "DEU"
    assert list(Statement.objects.filter(meeting=msp2018).values_list("position", "state__code")) == [
        (1, "FRA")
    ]
    assert proceedings.next_speaker(msp2018, by=Actor.of(people["officer"])) is None
    assert list(Statement.objects.filter(meeting=msp2018).values_list("position", "state__code")) == [
        (1, "FRA"),
        (2, "DEU"),
    ]


def test_a_delegation_asks_once_while_waiting(people, world):
    with pytest.raises(DomainError, match="^the delegation is already on the list of speakers$"):
        proceedings.request_floor(world["fra_d"], by=Actor.of(people["fra_fp"]))
    proceedings.withdraw_floor_request(world["fra_floor"], by=Actor.of(people["fra_fp"]))
    again = proceedings.request_floor(world["fra_d"], by=Actor.of(people["fra_fp"]))
    assert (again.position, again.status) == (2, "waiting")


def test_ngos_and_pending_observers_may_not_take_the_floor(as_, people, world, msp2018):
    with pytest.raises(
        DomainError,
        match=r"^a non-governmental organization or research institute \(rule 44.5\) attends without taking "
        r"the floor in formal meetings$",
    ):
        proceedings.request_floor(world["ngo_d"], by=Actor.of(people["ngo"]))
    page = as_("ngo").get(reverse("portal:delegation", args=[world["ngo_d"].pk])).content.decode()
    assert "This delegation may not take the floor." in page

    from plenary.treaties.models import State

    isr = participation.register_delegation(
        msp2018,
        by=Actor.of(people["staff"]),
        state=State.objects.get(code="ISR"),
        members=[{"name": "D", "role": "head"}],
    )
    assert isr.status == "pending"
    with pytest.raises(DomainError, match="^the delegation's status is observer status pending: it may not"):
        proceedings.request_floor(isr, by=Actor.of(people["staff"]))
    from plenary.participation.domain import decide_observer_status

    decide_observer_status(isr, granted=True, by=Actor.system("test"))
    assert proceedings.request_floor(isr, by=Actor.of(people["staff"])).position == 2


def test_move_at_the_top_changes_nothing_and_only_steering_users_move(people, world, msp2018):
    assert proceedings.move(world["fra_floor"], by=Actor.of(people["staff"]), direction="up").position == 1
    with pytest.raises(NotAllowed):
        proceedings.move(world["fra_floor"], by=Actor.of(people["fra_fp"]), direction="down")
    with pytest.raises(NotAllowed):
        proceedings.mark_spoken(world["fra_floor"], by=Actor.of(people["fra_fp"]))
    assert not Statement.objects.filter(meeting=msp2018).exists()
