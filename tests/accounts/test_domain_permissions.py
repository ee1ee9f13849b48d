"""Domain functions check the permission themselves, whatever interface calls them: the same
refusal through a page, the API, the admin or a script that imports the function."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.accounts.domain import grant_role, make_token
from plenary.core.actor import Actor
from plenary.core.errors import NotAllowed
from plenary.core.models import AuditEntry
from plenary.documents.domain import record_document
from plenary.meetings.domain import save_meeting, seat_officers
from plenary.meetings.models import Meeting
from plenary.participation.domain import record_participants_list, register_delegation
from plenary.proceedings.domain import record_decision, record_reservation
from plenary.reports.domain import adopt_report
from plenary.reports.models import Report
from plenary.treaties.models import State

NOT_STAFF = ["anonymous", "fra_fp", "fra_del", "deu_fp", "deu_del", "ngo", "officer"]


def _acts(msp2018, people):
    """Acts only the secretariat may do, each as a function of the Actor."""
    bwc = msp2018.treaty
    return {
        "record a document": lambda by: record_document(
            msp2018, by=by, symbol="BWC/MSP/2018/WP.99", title={"en": "x"}
        ),
        "plan a meeting": lambda by: save_meeting(bwc, "BWC/MSP/2098", by=by, kind="MSP", year=2098),
        "seat officers": lambda by: seat_officers(msp2018, [], by=by),
        "record a decision": lambda by: record_decision(
            msp2018, key="k", text={"en": "x"}, adopted_on=None, by=by
        ),
        "record a reservation": lambda by: record_reservation(
            msp2018, applies_to="17", state=None, text={"en": "x"}, by=by
        ),
        "issue a list of participants": lambda by: record_participants_list(
            msp2018, kind="MISC", lang="en", by=by
        ),
        "adopt a report": lambda by: adopt_report(
            Report.objects.get(meeting__series="BWC/MSP/2017"), on=dt.date(2017, 12, 8), by=by
        ),
        "give a role": lambda by: grant_role(people["deu_del"], "staff", by=by),
    }


@pytest.mark.parametrize("persona", NOT_STAFF)
def test_only_the_secretariat_does_the_secretariats_acts(people, persona):
    msp2018 = Meeting.objects.get(series="BWC/MSP/2018")
    before = AuditEntry.objects.count()
    for act, do in _acts(msp2018, people).items():
        for via in ("page", "api", "admin"):
            with pytest.raises(NotAllowed):
                do(people.actor(persona, via=via))
                pytest.fail(f"{persona} could {act} through {via}")
    assert AuditEntry.objects.count() == before


def test_a_delegate_registers_no_delegation_and_a_focal_point_only_its_own(people):
    msp2018 = Meeting.objects.get(series="BWC/MSP/2018")
    head = [{"name": "Head", "role": "head"}]
    for persona, code in (("fra_del", "FRA"), ("fra_fp", "DEU"), ("ngo", "FRA"), ("anonymous", "FRA")):
        with pytest.raises(NotAllowed):
            register_delegation(
                msp2018, by=people.actor(persona), state=State.objects.get(code=code), members=head
            )
    assert not msp2018.delegations.exists()


def test_a_person_makes_tokens_for_themselves_only(people):
    with pytest.raises(NotAllowed):
        make_token(people["fra_fp"], "script", by=people.actor("deu_fp"))
    record, _ = make_token(people["fra_fp"], "script", by=people.actor("fra_fp"))
    assert record.user == people["fra_fp"]


def test_the_system_acts_as_the_secretariat_and_says_so():
    system = Actor.system("cli")
    assert (system.name, system.via, system.user, system.is_system) == ("system:cli", "cli", None, True)
    assert system.through("load").via == "load"
    with pytest.raises(ValueError):
        Actor(name="x", via="telepathy")
