"""The report's workflow from the back office: adopt the draft, then issue it."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile
from plenary.reports.models import Report
from tests.helpers import body, forget_issued_files, tiny_pdf

URL = "/office/meetings/BWC/MSP/2017/report/"


@pytest.fixture
def draft_report(db):
    report = Report.objects.get(meeting__series="BWC/MSP/2017")
    Report.objects.filter(pk=report.pk).update(
        status="draft", final=None, adopted_on=None, orally_amended=False, issued_on=None
    )
    forget_issued_files("BWC/MSP/2017/6")
    report.refresh_from_db()
    return report


def test_adopt_then_issue_a_draft_report(staff, draft_report, fast_pdf):
    page = staff.get(URL)
    html = page.content.decode()
    assert '<input type="hidden" name="action" value="adopt">' in html
    assert '<a href="/api/reports/BWC/MSP/2017/CRP.2.pdf?lang=zh">pdf</a>' in html

    response = staff.post(URL, {"action": "adopt", "adopt-on": "2017-12-11"})
    assert response.status_code == 422
    assert response.context["adopt_form"].non_field_errors() == [
        "11 December 2017 is not a day of BWC/MSP/2017 (4 December 2017 to 8 December 2017)"
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
    assert page.context["issue_form"].fields["final"].choices[:2] == [
        ("", "BWC/MSP/2017/7 (the next free number)"),
        ("BWC/MSP/2017/1", "BWC/MSP/2017/1"),
    ]
    response = staff.post(URL, {"action": "issue", "issue-final": "BWC/MSP/2017/6", "issue-on": "2017-12-21"})
    assert (response.status_code, response["Location"]) == (302, URL)
    draft_report.refresh_from_db()
    assert (draft_report.status, draft_report.final.symbol, draft_report.issued_on) == (
        "issued",
        "BWC/MSP/2017/6",
        dt.date(2017, 12, 21),
    )
    assert list(
        AuditEntry.objects.filter(
            object_type="reports.Report", object_id=str(draft_report.pk), actor="isu-staff"
        ).values_list("actor", "action")
    ) == [("isu-staff", "report.adopt"), ("isu-staff", "report.issue"), ("isu-staff", "report.files")]
    assert IssuedFile.objects.filter(document__symbol="BWC/MSP/2017/6").count() == 30
    html = staff.get(URL).content.decode()
    assert '<a href="/api/reports/BWC/MSP/2017/6.docx?lang=ar">docx</a>' in html
    assert '<input type="hidden" name="action" value="adopt">' not in html
    assert '<input type="hidden" name="action" value="issue">' not in html
    assert "The records have changed" not in html


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


# -- issued means frozen ----------------------------------------------------------------------------

CHANGED = (
    "The records have changed since BWC/MSP/2017/6 was issued: the issued document does not change; "
    "issue a corrigendum or revision"
)


def download(client, lang: str = "zh", fmt: str = "txt") -> bytes:
    response = client.get(f"/api/reports/BWC/MSP/2017/6.{fmt}", {"lang": lang}, HTTP_HOST="localhost")
    assert response.status_code == 200
    return body(response)


def test_records_changed_in_the_back_office_leave_the_issued_report_as_it_was(staff):
    """Issue 8: a late registration and a re-seated Chair in the back office turned "116 States
    Parties" into 117 and changed the Chair's name in the issued BWC/MSP/2017/6. Now they change
    the records (a late registration is a fact) and staff are told, but the issued document does
    not change; a corrigendum comes from the report page."""
    before = {fmt: download(staff, "zh", fmt) for fmt in ("txt", "pdf")}
    assert CHANGED not in staff.get(URL).content.decode()

    response = staff.post("/office/meetings/BWC/MSP/2017/registrations/", {"state": "DNK"})
    assert response.status_code == 302
    response = staff.post(
        "/office/meetings/BWC/MSP/2017/officers/",
        {
            "chair-name": "Pankaj Sharma",
            "chair-title": "Ambassador",
            "chair-state": "IND",
            "chair-group": "NAM",
            "vice1-name": "Michael Biontino",
            "vice1-title": "Ambassador",
            "vice1-state": "DEU",
            "vice1-group": "WG",
            "vice2-name": "Juraj Podhorský",
            "vice2-title": "Ambassador",
            "vice2-state": "SVK",
            "vice2-group": "EEG",
        },
    )
    assert response.status_code == 302

    after = {fmt: download(staff, "zh", fmt) for fmt in ("txt", "pdf")}
    for fmt in ("txt", "pdf"):
        assert hashlib.sha256(after[fmt]).hexdigest() == hashlib.sha256(before[fmt]).hexdigest()
    text = after["txt"].decode("utf-8")
    assert "下列 116 个《公约》缔约国参加了缔约国会议" in text
    assert "阿曼迪·辛格·吉尔" in text and "Pankaj Sharma" not in text

    page = staff.get(URL)
    html = page.content.decode()
    assert f"<strong>{CHANGED}.</strong>" in html
    assert page.context["changed"].languages == ("ar", "zh", "en", "fr", "ru", "es")
    assert '<input type="hidden" name="action" value="modifier">' in html
    assert '<input type="hidden" name="action" value="revise">' in html

    # A corrigendum with its file, from the report page.
    corrigendum = tiny_pdf("BWC/MSP/2017/6/Corr.1: para. 7, for 116 read 117")
    response = staff.post(
        URL,
        {
            "action": "modifier",
            "modifier-kind": "Corr",
            "modifier-file_en": SimpleUploadedFile("corr.pdf", corrigendum, content_type="application/pdf"),
        },
    )
    assert (response.status_code, response["Location"]) == (302, URL)
    corr = Document.objects.get(symbol="BWC/MSP/2017/6/Corr.1")
    assert corr.parent.symbol == "BWC/MSP/2017/6"
    row = IssuedFile.objects.get(document=corr)
    assert (row.lang, row.fmt, row.size, row.sha256) == (
        "en",
        "pdf",
        len(corrigendum),
        hashlib.sha256(corrigendum).hexdigest(),
    )
    served = staff.get("/api/documents/BWC/MSP/2017/6/Corr.1/versions/en", HTTP_HOST="localhost")
    assert (body(served), served["ETag"]) == (corrigendum, f'"{row.sha256}"')
    html = staff.get(URL).content.decode()
    assert '<a href="/documents/BWC/MSP/2017/6/Corr.1">BWC/MSP/2017/6/Corr.1</a>' in html
    assert f"<strong>{CHANGED}.</strong>" in html  # a corrigendum's PDF does not say what changed
    assert download(staff, "zh", "txt") == before["txt"]


def test_a_revision_from_the_records_clears_the_notice(staff, fast_pdf):
    staff.post("/office/meetings/BWC/MSP/2017/registrations/", {"state": "DNK"})
    assert CHANGED in staff.get(URL).content.decode()
    before = download(staff, "en", "txt")
    response = staff.post(URL, {"action": "revise"})
    assert (response.status_code, response["Location"]) == (302, URL)
    rev = client_text(staff, "BWC/MSP/2017/6/Rev.1")
    assert "The following 117 States Parties" in rev
    assert download(staff, "en", "txt") == before
    html = staff.get(URL).content.decode()
    assert "The records have changed" not in html
    assert '<a href="/documents/BWC/MSP/2017/6/Rev.1">BWC/MSP/2017/6/Rev.1</a>' in html


def client_text(client, symbol: str) -> str:
    response = client.get(f"/api/reports/{symbol}.txt", {"lang": "en"}, HTTP_HOST="localhost")
    assert response.status_code == 200, response.content
    return body(response).decode("utf-8")


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"action": "issue", "issue-final": "BWC/MSP/2017/6", "issue-on": "2018-01-10"},
            "the report of BWC/MSP/2017 is issued as BWC/MSP/2017/6: an issued report does not change; "
            "a change comes as a corrigendum or revision",
        ),
        (
            {"action": "adopt", "adopt-on": "2017-12-08"},
            "the report of BWC/MSP/2017 is issued as BWC/MSP/2017/6: an issued report does not change; "
            "a change comes as a corrigendum or revision",
        ),
    ],
)
def test_an_issued_report_is_not_issued_or_adopted_again_from_the_page(staff, data, message):
    before = download(staff, "en", "pdf")
    response = staff.post(URL, data)
    assert response.status_code == 422
    form = response.context["issue_form" if data["action"] == "issue" else "adopt_form"]
    assert form.non_field_errors() == [message]
    report = Report.objects.get(meeting__series="BWC/MSP/2017")
    assert (report.status, report.final.symbol, report.issued_on) == ("issued", "BWC/MSP/2017/6", None)
    assert download(staff, "en", "pdf") == before
