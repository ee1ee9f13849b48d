"""Seating the Chair and the two Vice-Chairs of a meeting."""

from __future__ import annotations

from plenary.core.models import AuditEntry
from plenary.meetings.models import Officer

URL = "/office/meetings/BWC/MSP/2018/officers/"


def seats(*people):
    data = {}
    for prefix, (name, title, state, group) in zip(("chair", "vice1", "vice2"), people, strict=False):
        data |= {
            f"{prefix}-name": name,
            f"{prefix}-title": title,
            f"{prefix}-state": state,
            f"{prefix}-group": group,
        }
    return data


def test_the_form_shows_the_seated_chair(staff):
    response = staff.get(URL)
    (label, chair), *_ = response.context["seats"]
    assert (label, chair.initial) == (
        "Chair",
        {"name": "Ljupčo Jivan Gjorgjinski", "title": "Mr", "state": "MKD", "group": "EEG"},
    )


def test_two_officers_from_one_group_are_refused_with_the_domains_message(staff, msp2018):
    response = staff.post(
        URL,
        seats(
            ("Ms Anne Martin", "Ambassador", "FRA", ""),
            ("Mr Bernd Weber", "", "DEU", ""),
            ("Mr Ivan Petrov", "", "RUS", ""),
        ),
    )
    assert response.status_code == 422
    message = (
        "BWC/MSP/2018: officers: Mr Bernd Weber and Ms Anne Martin both come from WG; "
        "the Chair and Vice-Chairs must each come from a different group"
    )
    assert response.context["error"] == message
    assert f'<ul class="errorlist nonfield" role="alert"><li>{message}</li></ul>' in response.content.decode()
    assert list(msp2018.officers.values_list("name", flat=True)) == ["Ljupčo Jivan Gjorgjinski"]


def test_a_group_that_is_not_the_states_is_refused(staff):
    response = staff.post(URL, seats(("Ms Anne Martin", "", "FRA", "NAM")))
    assert response.context["error"] == (
        "BWC/MSP/2018: officers[0]: Ms Anne Martin represents FRA, which is in WG, not NAM, on 4 December 2018"
    )


def test_a_vice_chair_without_a_state_is_a_form_error(staff):
    response = staff.post(URL, seats(("Ms Anne Martin", "", "FRA", ""), ("Mr Ivan Petrov", "", "", "")))
    assert response.status_code == 200
    assert response.context["seats"][1][1].errors == {"state": ["Say which State the officer represents."]}


def test_officers_from_three_groups_are_seated_and_audited(staff, msp2018):
    response = staff.post(
        URL,
        seats(
            ("Ljupčo Jivan Gjorgjinski", "Mr", "MKD", "EEG"),
            ("Ms Anne Martin", "", "FRA", ""),
            ("Mr Amandeep Singh Gill", "Ambassador", "IND", "NAM"),
        ),
    )
    assert (response.status_code, response["Location"]) == (302, "/office/meetings/BWC/MSP/2018/")
    assert [
        (o.role, o.position, o.name, o.state.code, o.group.code)
        for o in Officer.objects.filter(meeting=msp2018).order_by("role", "position")
    ] == [
        ("chair", 0, "Ljupčo Jivan Gjorgjinski", "MKD", "EEG"),
        ("vice_chair", 0, "Ms Anne Martin", "FRA", "WG"),
        ("vice_chair", 1, "Mr Amandeep Singh Gill", "IND", "NAM"),
    ]
    entry = AuditEntry.objects.filter(action="meeting.seat_officers", object_id=str(msp2018.pk)).last()
    assert (entry.actor, [o["name"] for o in entry.after]) == (
        "isu-staff",
        ["Ljupčo Jivan Gjorgjinski", "Ms Anne Martin", "Mr Amandeep Singh Gill"],
    )
    page = staff.get("/office/meetings/BWC/MSP/2018/")
    assert page.context["trail"][0]["action"] == "meeting.seat_officers"
