"""The report's workflow from the back office: adopt the draft, then issue it."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.models import AuditEntry
from plenary.reports.models import Report

URL = "/office/meetings/BWC/MSP/2017/report/"


@pytest.fixture
def draft_report(db):
    report = Report.objects.get(meeting__series="BWC/MSP/2017")
    Report.objects.filter(pk=report.pk).update(
        status="draft", final=None, adopted_on=None, orally_amended=False, issued_on=None
    )
    report.refresh_from_db()
    return report


def test_adopt_then_issue_a_draft_report(staff, draft_report):
    page = staff.get(URL)
    html = page.content.decode()
    assert '<input type="hidden" name="action" value="adopt">' in html
    assert '<a href="/api/reports/BWC/MSP/2017/CRP.2.pdf?lang=zh">pdf</a>' in html

    response = staff.post(URL, {"action": "adopt", "adopt-on": "2017-12-11"})
    assert response.status_code == 422
    assert response.context["adopt_form"].non_field_errors() == [
        "2017-12-11 is not a day of BWC/MSP/2017 (2017-12-04 to 2017-12-08)"
    ]

    response = staff.post(URL, {"action": "adopt", "adopt-on": "2017-12-08", "adopt-orally_amended": "on"})
    assert (response.status_code, response["Location"]) == (302, URL)
    draft_report.refresh_from_db()
    assert (draft_report.status, draft_report.adopted_on, draft_report.orally_amended) == (
        "adopted",
        dt.date(2017, 12, 8),
        True,
    )

    page = staff.get(URL)
    assert page.context["issue_form"].fields["final"].choices[:1] == [("BWC/MSP/2017/1", "BWC/MSP/2017/1")]
    response = staff.post(URL, {"action": "issue", "issue-final": "BWC/MSP/2017/6", "issue-on": "2017-12-21"})
    assert (response.status_code, response["Location"]) == (302, URL)
    draft_report.refresh_from_db()
    assert (draft_report.status, draft_report.final.symbol, draft_report.issued_on) == (
        "issued",
        "BWC/MSP/2017/6",
        dt.date(2017, 12, 21),
    )
    assert list(
        AuditEntry.objects.filter(object_type="reports.Report", object_id=str(draft_report.pk))
        .exclude(action="report.record")  # the demo's record load
        .values_list("actor", "action")
    ) == [("isu-staff", "report.adopt"), ("isu-staff", "report.issue")]
    html = staff.get(URL).content.decode()
    assert '<a href="/api/reports/BWC/MSP/2017/6.docx?lang=ar">docx</a>' in html
    assert 'name="action"' not in html


def test_issuing_before_adoption_is_refused(staff, draft_report):
    response = staff.post(URL, {"action": "issue", "issue-final": "BWC/MSP/2017/6", "issue-on": "2017-12-21"})
    assert response.context["issue_form"].non_field_errors() == [
        "the report of BWC/MSP/2017 must be adopted before it is issued"
    ]


def test_a_meeting_without_a_report(staff):
    response = staff.get("/office/meetings/BWC/MSP/2018/report/")
    assert (
        response.context["report"],
        "No report of BWC/MSP/2018 is on record." in response.content.decode(),
    ) == (
        None,
        True,
    )
