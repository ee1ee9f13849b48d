"""The secretariat checks registrations in the back office: received, approved, or returned with
the reason; it sees every name and e-mail address; the list for badges exports as CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.participation import domain as participation
from plenary.participation.models import Delegation, Organization
from plenary.treaties.models import State
from tests.helpers import tiny_pdf

URL = "/office/meetings/BWC/MSP/2018/registrations/"
BADGES = "/office/meetings/BWC/MSP/2018/participants/badges"
PDF = tiny_pdf()
HEADER = ["salutation", "family_name", "given_names", "function", "delegation", "category", "role", "meeting"]


@pytest.fixture(autouse=True)
def _before_the_meeting(monkeypatch, settings, tmp_path):
    from plenary.core import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 11, 15))
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def france(focal_point, msp2018):
    """France's registration as its focal point sent it: received."""
    user = User.objects.get(username="fra-focal")
    return participation.register_delegation(
        msp2018,
        by=Actor.of(user),
        state=State.objects.get(code="FRA"),
        members=[
            {
                "honorific": "H.E. Mr.",
                "family_name": "Hwang",
                "given_names": "Yann",
                "function": "Ambassador",
                "email": "y.hwang@example.fr",
                "role": "head",
            },
            {
                "honorific": "Ms.",
                "family_name": "Dupont",
                "given_names": "Claire",
                "function": "Counsellor",
                "email": "c.dupont@example.fr",
                "role": "adviser",
            },
        ],
        credentials=SimpleUploadedFile("NV-2018-112.pdf", PDF),
    )


def test_the_page_lists_registrations_by_their_check(staff, france, msp2018):
    isu = Actor.system("test")
    participation.register_delegation(
        msp2018,
        by=isu,
        state=State.objects.get(code="DEU"),
        members=[{"family_name": "Müller", "role": "head"}],
    )
    page = staff.get(URL)
    html = page.content.decode()
    assert [(g["review"], [r["code"] for r in g["rows"]]) for g in page.context["groups"]] == [
        ("received", ["FRA"]),
        ("returned", []),
        ("approved", ["DEU"]),
    ]
    assert "<td>H.E. Mr.</td><td>Hwang</td><td>Yann</td><td>Ambassador</td>" in html
    assert '<a href="mailto:y.hwang@example.fr">y.hwang@example.fr</a>' in html
    assert f'<a href="/portal/delegations/{france.pk}/credentials/">NV-2018-112.pdf</a>' in html
    assert f'action="/office/meetings/BWC/MSP/2018/registrations/{france.pk}/review/"' in html
    assert '<button name="action" value="approve">Approve</button>' in html
    assert staff.get(f"/portal/delegations/{france.pk}/credentials/").content == PDF


def test_staff_approve_a_received_registration(staff, france):
    response = staff.post(f"{URL}{france.pk}/review/", {"action": "approve"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["FRA: approved for BWC/MSP/2018."]
    france.refresh_from_db()
    assert (france.review, france.reviewed_by.username) == ("approved", "isu-staff")
    entry = AuditEntry.objects.get(action="delegation.approve", object_id=str(france.pk))
    assert (entry.actor, entry.via, entry.before, entry.after) == (
        "isu-staff",
        "page",
        {"meeting": "BWC/MSP/2018", "who": "FRA", "review": "received", "review_reason": ""},
        {"meeting": "BWC/MSP/2018", "who": "FRA", "review": "approved", "review_reason": ""},
    )
    response = staff.post(f"{URL}{france.pk}/review/", {"action": "approve"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "BWC/MSP/2018: the registration of FRA is approved; only a received registration is approved"
    ]


def test_returning_needs_a_reason(staff, france):
    response = staff.post(f"{URL}{france.pk}/review/", {"action": "return", "reason": "  "}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["FRA: Say why the registration is returned."]
    france.refresh_from_db()
    assert france.review == "received"
    response = staff.post(
        f"{URL}{france.pk}/review/",
        {"action": "return", "reason": "The note verbale names another meeting."},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["FRA: returned for BWC/MSP/2018."]
    france.refresh_from_db()
    assert (france.review, france.review_reason) == ("returned", "The note verbale names another meeting.")
    html = staff.get(URL).content.decode()
    assert '<q class="reason">The note verbale names another meeting.</q>' in html


def test_only_staff_check_registrations(focal_point, anonymous, france):
    url = f"{URL}{france.pk}/review/"
    assert focal_point.post(url, {"action": "approve"}).status_code == 403
    response = anonymous.post(url, {"action": "approve"})
    assert (response.status_code, response["Location"]) == (302, f"/accounts/sign-in/?next={url}")
    for fmt in ("csv", "xlsx"):
        assert focal_point.get(f"{BADGES}.{fmt}").status_code == 403
    france.refresh_from_db()
    assert france.review == "received"


def test_the_list_for_badges(staff, france, msp2018):
    isu = Actor.system("test")
    participation.approve_registration(france, by=isu)
    participation.register_delegation(  # an observer organization, refused: no badge
        msp2018,
        by=isu,
        organization=Organization.objects.get(code="WHO"),
        status="refused",
        members=[{"family_name": "Refused", "role": "head"}],
    )
    participation.register_delegation(  # not approved yet: no badge
        msp2018,
        by=isu,
        state=State.objects.get(code="DEU"),
        review="received",
        members=[{"family_name": "Waiting", "role": "head"}],
    )
    participation.register_delegation(
        msp2018,
        by=isu,
        organization=Organization.objects.get(code="VERTIC"),
        members=[{"honorific": "Dr", "family_name": "Smith", "given_names": "Jo", "role": "head"}],
    )
    response = staff.get(f"{BADGES}.csv")
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "text/csv; charset=utf-8",
        'attachment; filename="BWC_MSP_2018-badges-EN.csv"',
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    expected = [
        HEADER,
        [
            "H.E. Mr.",
            "Hwang",
            "Yann",
            "Ambassador",
            "France",
            "State Party",
            "head of delegation",
            "BWC/MSP/2018",
        ],
        ["Ms.", "Dupont", "Claire", "Counsellor", "France", "State Party", "adviser", "BWC/MSP/2018"],
        [
            "Dr.",
            "Smith",
            "Jo",
            "",
            "Verification Research, Training and Information Centre",
            "non-governmental organization or research institute (rule 44.5)",
            "head of delegation",
            "BWC/MSP/2018",
        ],
    ]
    assert rows == expected
    response = staff.get(f"{BADGES}.xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2018-badges-EN.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "badges"
    assert [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)] == expected
    assert staff.get(f"{BADGES}.pdf").status_code == 404


def test_a_batch_is_approved_and_returned_together(staff, focal_point):
    from plenary.meetings.models import Meeting

    user = User.objects.get(username="fra-focal")
    meetings = list(
        Meeting.objects.filter(series__in=["BWC/MSP/2019/MX.1", "BWC/MSP/2019/MX.2"]).order_by("series")
    )
    made = participation.register_for_meetings(
        meetings,
        by=Actor.of(user),
        state=State.objects.get(code="FRA"),
        members=[{"family_name": "Hwang", "role": "head"}],
    )
    url = "/office/meetings/BWC/MSP/2019/MX.2/registrations/"
    html = staff.get(url).content.decode()
    assert "one registration for BWC/MSP/2019/MX.1, BWC/MSP/2019/MX.2" in html
    response = staff.post(
        f"{url}{made[1].pk}/review/", {"action": "return", "reason": "No credentials."}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "FRA: returned for BWC/MSP/2019/MX.1, BWC/MSP/2019/MX.2."
    ]
    assert list(Delegation.objects.filter(batch=made[0].batch).values_list("review", "review_reason")) == [
        ("returned", "No credentials."),
        ("returned", "No credentials."),
    ]
