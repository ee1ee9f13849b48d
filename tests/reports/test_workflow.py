"""The report's workflow and observer-status decisions, as domain functions."""

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile
from plenary.meetings.models import Meeting
from plenary.participation.domain import decide_observer_status, register_delegation
from plenary.participation.models import Delegation, Organization
from plenary.reports.domain import adopt_report, issue_report
from plenary.reports.models import Report
from plenary.treaties.models import State
from tests.helpers import forget_issued_files


@pytest.fixture
def draft_report(db):
    report = Report.objects.get(meeting__series="BWC/MSP/2017")
    Report.objects.filter(pk=report.pk).update(
        status="draft", adopted_on=None, orally_amended=False, issued_on=None
    )
    forget_issued_files("BWC/MSP/2017/6")
    report.refresh_from_db()
    return report


def test_draft_adopted_as_orally_amended_then_issued(draft_report, fast_pdf):
    first = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    adopt_report(draft_report, on=dt.date(2017, 12, 8), orally_amended=True, by=Actor.system("isu"))
    final = Document.objects.get(symbol="BWC/MSP/2017/6")
    issue_report(draft_report, final=final, on=dt.date(2017, 12, 21), by=Actor.system("isu"))
    draft_report.refresh_from_db()
    assert (
        draft_report.status,
        draft_report.adopted_on,
        draft_report.orally_amended,
        draft_report.issued_on,
    ) == ("issued", dt.date(2017, 12, 8), True, dt.date(2017, 12, 21))
    actions = list(
        AuditEntry.objects.filter(
            object_id=str(draft_report.pk), object_type="reports.Report", id__gt=first
        ).values_list("action", flat=True)
    )
    # The two steps of its workflow, and the files issuing stored.
    assert actions == ["report.adopt", "report.issue", "report.files"]
    assert IssuedFile.objects.filter(document=final).count() == 30


def test_the_workflow_refuses_steps_out_of_order(draft_report):
    final = Document.objects.get(symbol="BWC/MSP/2017/6")
    with pytest.raises(DomainError, match="must be adopted before it is issued"):
        issue_report(draft_report, final=final, on=dt.date(2017, 12, 21), by=Actor.system("isu"))
    with pytest.raises(
        DomainError,
        match=r"^11 December 2017 is not a day of BWC/MSP/2017 \(4 December 2017 to 8 December 2017\)$",
    ):
        adopt_report(draft_report, on=dt.date(2017, 12, 11), by=Actor.system("isu"))
    adopt_report(draft_report, on=dt.date(2017, 12, 8), by=Actor.system("isu"))
    with pytest.raises(DomainError, match="already adopted"):
        adopt_report(draft_report, on=dt.date(2017, 12, 8), by=Actor.system("isu"))
    with pytest.raises(DomainError, match="BWC/MSP/2017/WP.1 is not an official document of BWC/MSP/2017"):
        issue_report(
            draft_report,
            final=Document.objects.get(symbol="BWC/MSP/2017/WP.1"),
            on=dt.date(2017, 12, 21),
            by=Actor.system("isu"),
        )


def test_observer_status_is_granted_by_decision(db):
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    israel = register_delegation(meeting, state=State.objects.get(code="ISR"), by=Actor.system("isu"))
    who = register_delegation(
        meeting, organization=Organization.objects.get(code="WHO"), by=Actor.system("isu")
    )
    france = register_delegation(meeting, state=State.objects.get(code="FRA"), by=Actor.system("isu"))
    assert [d.status for d in (israel, who, france)] == ["pending", "pending", "registered"]
    decide_observer_status(israel, granted=True, by=Actor.system("msp"))
    decide_observer_status(who, granted=False, by=Actor.system("msp"))
    assert [Delegation.objects.get(pk=d.pk).status for d in (israel, who)] == ["registered", "refused"]
    with pytest.raises(DomainError, match="already decided"):
        decide_observer_status(israel, granted=True, by=Actor.system("msp"))
    with pytest.raises(DomainError, match="needs no decision on observer status"):
        decide_observer_status(france, granted=True, by=Actor.system("msp"))


def test_registration_follows_treaty_status_on_the_meeting_date(db):
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    with pytest.raises(DomainError) as info:
        register_delegation(
            meeting, state=State.objects.get(code="TZA"), category="state_party", by=Actor.system("isu")
        )
    # The United Republic of Tanzania ratified in August 2019: a signatory at the 2018 meeting.
    assert str(info.value) == (
        "BWC/MSP/2018: TZA cannot register as State Party: on 2018-12-04 it registers as signatory State (rule 44.1)"
    )
    later = Meeting.objects.get(series="BWC/MSP/2019")
    assert (
        register_delegation(later, state=State.objects.get(code="TZA"), by=Actor.system("isu")).category
        == "state_party"
    )
