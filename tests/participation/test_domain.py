"""Changing and removing delegations and attendance tallies through the domain."""

from __future__ import annotations

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.meetings.models import Meeting
from plenary.participation import domain as participation
from plenary.participation.models import Delegation
from plenary.proceedings.domain import request_floor

ISU = Actor.system("isu")


@pytest.fixture
def msp(db):
    return Meeting.objects.get(series="BWC/MSP/2017")


def test_a_delegation_with_a_request_for_the_floor_stays(msp):
    fra = Delegation.objects.get(meeting=msp, state__code="FRA")
    request_floor(fra, by=ISU)
    with pytest.raises(DomainError) as info:
        participation.remove_delegation(fra, by=ISU)
    assert str(info.value) == (
        "FRA has 1 request(s) for the floor on the list of speakers of BWC/MSP/2017; its delegation stays"
    )


def test_a_delegation_changes_status_members_and_place(msp):
    isr = Delegation.objects.get(meeting=msp, state__code="ISR")
    assert participation.update_delegation(isr, by=ISU, status="registered") is False
    members = [{"name": " Ms  A  Head ", "role": "head"}, {"name": "Mr B", "function": "Counsellor"}]
    assert participation.update_delegation(isr, by=ISU, members=members, position=200) is True
    assert list(isr.participants.values_list("name", "role")) == [("Ms A Head", "head"), ("Mr B", "member")]
    assert participation.update_delegation(isr, by=ISU, members=members) is False
    participation.remove_delegation(isr, by=ISU)
    assert not Delegation.objects.filter(meeting=msp, state__code="ISR").exists()


def test_attendance_tallies(msp):
    assert (
        participation.save_tally(msp, category="ngo", count=36, source=msp.tallies.get().source, by=ISU)
        is False
    )
    assert participation.save_tally(msp, category="ngo", count=37, source="", by=ISU) is True
    with pytest.raises(DomainError, match="an attendance count is a whole number from 1"):
        participation.save_tally(msp, category="ngo", count=2**40, by=ISU)
