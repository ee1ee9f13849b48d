"""The API changes nothing but the list of speakers: every other method on the documents and the
reports is refused, with a staff token too, and the issued files stay byte for byte."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from plenary.accounts.domain import grant_role, make_token
from plenary.core.actor import Actor
from plenary.documents.models import Document, IssuedFile
from plenary.reports.models import Report


def snapshot() -> tuple:
    files = []
    for row in IssuedFile.objects.order_by("id"):
        with row.file.open("rb") as handle:
            files.append((row.pk, row.document_id, row.lang, row.fmt, row.sha256, handle.read()))
    document = Document.objects.get(symbol="BWC/MSP/2017/6")
    report = Report.objects.get(meeting__series="BWC/MSP/2017")
    return (
        files,
        Document.objects.count(),
        (document.title, document.status, document.issued_on),
        (report.status, report.final_id, report.issued_on, report.texts),
    )


@pytest.fixture
def staff_token(db):
    user = User.objects.create_user("isu-api", password="x")
    grant_role(user, "staff", by=Actor.system("test"))
    _, token = make_token(user, "script", by=Actor.system("isu-api"))
    return token


PATHS = [
    "/api/documents",
    "/api/documents/BWC/MSP/2017/6",
    "/api/documents/BWC/MSP/2017/6/versions/zh",
    "/api/reports/BWC/MSP/2017/6.pdf?lang=zh",
    "/api/reports/BWC/MSP/2017/6.txt?lang=en",
    "/api/meetings/BWC/MSP/2017",
]


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
@pytest.mark.parametrize("path", PATHS)
def test_no_method_changes_a_document_or_a_report(client, staff_token, method, path):
    before = snapshot()
    response = getattr(client, method)(
        path,
        data={"status": "draft", "title": {"en": "Changed"}, "final": None},
        content_type="application/json",
        HTTP_HOST="localhost",
        headers={"Authorization": f"Bearer {staff_token}"},
    )
    assert (response.status_code, response.content) == (405, b"Method not allowed")
    assert snapshot() == before
