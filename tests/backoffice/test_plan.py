"""Planning a year of the intersessional programme: only a proposal without violations creates."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.meetings.domain import ProgrammeRejected, plan_year
from plenary.meetings.models import Meeting

CHAIRS_2021 = {"MX1": "NAM", "MX2": "NAM", "MX3": "WG", "MX4": "WG", "MX5": "EEG", "MSP": "EEG"}
DATES_2021 = {
    "MX1": ("2021-08-02", "2021-08-03"),
    "MX2": ("2021-08-04", "2021-08-05"),
    "MX3": ("2021-08-06", "2021-08-06"),
    "MX4": ("2021-08-09", "2021-08-10"),
    "MX5": ("2021-08-11", "2021-08-11"),
    "MSP": ("2021-11-22", "2021-11-25"),
}


def form_data(dates=DATES_2021, chairs=CHAIRS_2021, year=2021):
    data = {"year": str(year), "venue": "Geneva"}
    for code, (start, end) in dates.items():
        data |= {f"{code}_start": start, f"{code}_end": end, f"{code}_chair": chairs[code]}
    return data


def test_the_form_is_prefilled_with_the_rotation(staff):
    form = staff.get("/office/plan/?year=2021").context["form"]
    assert {code: form.initial[f"{code}_chair"] for code in CHAIRS_2021} == CHAIRS_2021
    assert form.initial["year"] == 2021


def test_without_a_year_the_form_proposes_the_year_after_the_last_planned(staff):
    # The demo data's last Meeting of States Parties is the 2026 one.
    assert staff.get("/office/plan/").context["form"].initial["year"] == 2027


def test_a_correct_year_creates_six_planned_meetings(staff):
    response = staff.post("/office/plan/", form_data())
    assert (response.status_code, response["Location"]) == (302, "/office/")
    meetings = Meeting.objects.filter(year=2021).order_by("start")
    assert [(m.series, m.kind, m.number, str(m.start), str(m.end), m.days, m.status) for m in meetings] == [
        ("BWC/MSP/2021/MX.1", "MX", 1, "2021-08-02", "2021-08-03", 2, "planned"),
        ("BWC/MSP/2021/MX.2", "MX", 2, "2021-08-04", "2021-08-05", 2, "planned"),
        ("BWC/MSP/2021/MX.3", "MX", 3, "2021-08-06", "2021-08-06", 1, "planned"),
        ("BWC/MSP/2021/MX.4", "MX", 4, "2021-08-09", "2021-08-10", 2, "planned"),
        ("BWC/MSP/2021/MX.5", "MX", 5, "2021-08-11", "2021-08-11", 1, "planned"),
        ("BWC/MSP/2021", "MSP", None, "2021-11-22", "2021-11-25", 4, "planned"),
    ]
    entry = AuditEntry.objects.get(action="programme.plan_year", object_id="BWC/2021")
    assert (entry.actor, entry.via, entry.after["MX3"]) == (
        "isu-staff",
        "page",
        {"series": "BWC/MSP/2021/MX.3", "start": "2021-08-06", "end": "2021-08-06", "chair_group": "WG"},
    )
    page = staff.get("/office/").content.decode()
    assert (
        "Planned 2021: BWC/MSP/2021/MX.1, BWC/MSP/2021/MX.2, BWC/MSP/2021/MX.3, BWC/MSP/2021/MX.4, "
        "BWC/MSP/2021/MX.5, BWC/MSP/2021 (status planned)." in page
    )


def test_mx3_on_a_wrong_day_shows_the_violations_and_creates_nothing(staff):
    dates = dict(DATES_2021, MX3=("2021-08-09", "2021-08-09"))
    before = Meeting.objects.count()
    response = staff.post("/office/plan/", form_data(dates))
    assert response.status_code == 422
    says = "the Meetings of Experts are held back to back, in order, with no working day between"
    assert response.context["violations"] == [
        {
            "rule": "back-to-back",
            "says": says,
            "subject": "the Meeting of Experts MX3 of 2021",
            "message": "starts 9 August 2021; back to back after MX2 (ends 5 August 2021) it would start 6 August 2021",
        },
        {
            "rule": "back-to-back",
            "says": says,
            "subject": "the Meeting of Experts MX4 of 2021",
            "message": "starts 9 August 2021; back to back after MX3 (ends 9 August 2021) it would start 10 August 2021",
        },
    ]
    html = response.content.decode()
    assert (
        "<li>The Meeting of Experts MX3 of 2021: starts 9 August 2021; back to back after MX2 (ends 5 August 2021) it "
        f'would start 6 August 2021 <small class="muted">(rule <strong>back-to-back</strong>: {says})</small></li>'
        in html
    )
    assert "years[0]" not in html and "meetings[" not in html
    assert "anyway" not in html.lower()
    assert Meeting.objects.count() == before
    assert not Meeting.objects.filter(year=2021).exists()


def test_the_violations_are_said_in_the_readers_language(staff):
    dates = dict(DATES_2021, MX3=("2021-08-09", "2021-08-09"))
    response = staff.post("/fr/office/plan/", form_data(dates))
    assert response.status_code == 422
    html = response.content.decode()
    assert (
        "<li>Réunion d&#x27;experts MX3 de 2021 : s&#x27;ouvre le 9 août 2021 ; à la suite de MX2 (qui "
        "s&#x27;achève le 5 août 2021), elle s&#x27;ouvrirait le 6 août 2021"
    ) in html
    assert "les Réunions d&#x27;experts se tiennent à la suite l&#x27;une de l&#x27;autre" in html
    assert "back to back" not in html and "August" not in html
    assert not Meeting.objects.filter(year=2021).exists()


def test_a_wrong_chair_group_is_a_rotation_violation(bwc):
    dates = {c: (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for c, (a, b) in DATES_2021.items()}
    with pytest.raises(ProgrammeRejected) as caught:
        plan_year(bwc, 2021, dates, dict(CHAIRS_2021, MSP="WG"), by=Actor.system("isu"))
    assert [str(v) for v in caught.value.violations] == [
        "the Meeting of States Parties 2021: chaired by WG; the rotation gives EEG for 2021 "
        "[rule chair-rotation: each meeting is chaired by the group that the rotation rule gives]"
    ]


def test_a_year_is_planned_once(bwc):
    dates = {c: (dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for c, (a, b) in DATES_2021.items()}
    plan_year(bwc, 2021, dates, CHAIRS_2021, by=Actor.system("isu"))
    with pytest.raises(DomainError) as caught:
        plan_year(bwc, 2021, dates, CHAIRS_2021, by=Actor.system("isu"))
    assert str(caught.value) == (
        "2021 is already planned: BWC/MSP/2021, BWC/MSP/2021/MX.1, BWC/MSP/2021/MX.2, BWC/MSP/2021/MX.3, "
        "BWC/MSP/2021/MX.4, BWC/MSP/2021/MX.5 exist(s)"
    )
