"""Registering delegations: by the focal point, with the Rule 44 category; nobody else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.participation import domain as participation
from plenary.participation.models import Delegation

from .conftest import members

REGISTER_FRA = reverse("portal:register", args=["BWC/MSP/2018", "FRA"])


def test_the_focal_point_registers_france_as_a_state_party(as_, people, msp2018):
    client = as_("fra_fp")
    page = client.get(REGISTER_FRA)
    assert page.status_code == 200
    assert 'name="form-TOTAL_FORMS"' in page.content.decode()

    response = client.post(REGISTER_FRA, members("Ms Alice Head", "Mr Bob Member"))

    delegation = Delegation.objects.get(meeting=msp2018, state__code="FRA")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:delegation", args=[delegation.pk])
    assert (delegation.category, delegation.status) == ("state_party", "registered")
    assert list(delegation.participants.values_list("name", "function", "role", "position")) == [
        ("Ms Alice Head", "Ambassador", "head", 0),
        ("Mr Bob Member", "Counsellor", "member", 1),
    ]
    entry = AuditEntry.objects.get(action="delegation.register", object_id=str(delegation.pk))
    assert (entry.actor, entry.via) == ("fra_fp", "page")
    assert entry.after == {
        "meeting": "BWC/MSP/2018",
        "who": "FRA",
        "category": "state_party",
        "status": "registered",
        "members": ["Ms Alice Head", "Mr Bob Member"],
    }


def test_israel_registers_as_an_observer_state_pending_the_meetings_decision(client, people, msp2018):
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role
    from plenary.treaties.models import State

    isr_fp = User.objects.create(username="isr_fp")
    grant_role(isr_fp, "focal_point", by=Actor.system("test:setup"), state=State.objects.get(code="ISR"))
    client.force_login(isr_fp)

    response = client.post(reverse("portal:register", args=["BWC/MSP/2018", "ISR"]), members())

    delegation = Delegation.objects.get(meeting=msp2018, state__code="ISR")
    assert response.status_code == 302
    assert (delegation.category, delegation.status) == ("observer_state", "pending")
    page = client.get(response["Location"]).content.decode()
    assert "Observer status is pending until the meeting decides." in page


def test_germanys_focal_point_can_neither_register_nor_change_frances_delegation(as_, world, msp2018):
    client = as_("deu_fp")
    register_2019 = reverse("portal:register", args=["BWC/MSP/2019", "FRA"])
    assert client.get(register_2019).status_code == 403
    assert client.post(register_2019, members()).status_code == 403
    edit = reverse("portal:edit_delegation", args=[world["fra_d"].pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, members("Mr Intruder")).status_code == 403
    assert list(world["fra_d"].participants.values_list("name", flat=True)) == ["A"]
    assert not Delegation.objects.filter(meeting__series="BWC/MSP/2019", state__code="FRA").exists()


def test_a_delegate_sees_the_delegation_but_only_the_focal_point_changes_it(as_, world):
    client = as_("fra_del")
    page = client.get(reverse("portal:delegation", args=[world["fra_d"].pk])).content.decode()
    assert "Change the members" not in page
    page = as_("fra_fp").get(reverse("portal:delegation", args=[world["fra_d"].pk])).content.decode()
    assert "Change the members" in page


def test_the_focal_point_changes_the_members(as_, world):
    client = as_("fra_fp")
    response = client.post(
        reverse("portal:edit_delegation", args=[world["fra_d"].pk]), members("Mr New Head", "Ms Other")
    )
    assert response.status_code == 302
    assert list(world["fra_d"].participants.values_list("name", "role")) == [
        ("Mr New Head", "head"),
        ("Ms Other", "member"),
    ]
    entry = AuditEntry.objects.filter(action="delegation.members").latest("id")
    assert (entry.before, entry.after, entry.via) == (
        {"members": [{"name": "A", "function": "", "role": "head", "honorific": ""}]},
        {
            "members": [
                {"name": "Mr New Head", "role": "head", "function": "Ambassador", "honorific": ""},
                {"name": "Ms Other", "role": "member", "function": "Counsellor", "honorific": ""},
            ]
        },
        "page",
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("Ms A", "member")], "Name one head of delegation."),
        ([("Ms A", "head"), ("Mr B", "head")], "A delegation has one head only."),
    ],
)
def test_the_form_asks_for_exactly_one_head(as_, people, msp2018, rows, message):
    data = members()
    data |= {"form-TOTAL_FORMS": str(len(rows))}
    for i, (name, role) in enumerate(rows):
        data |= {f"form-{i}-name": name, f"form-{i}-function": "", f"form-{i}-role": role}
    response = as_("fra_fp").post(REGISTER_FRA, data)
    assert response.status_code == 200
    assert f'<p class="error" role="alert">{message}</p>' in response.content.decode()
    assert not Delegation.objects.filter(meeting=msp2018, state__code="FRA").exists()


def test_a_meeting_that_has_ended_is_closed_to_focal_points_but_not_to_staff(as_, people):
    from plenary.meetings.models import Meeting

    meeting = Meeting.objects.get(series="BWC/MSP/2018/MX.1")  # 7-8 August 2018
    url = reverse("portal:register", args=[meeting.series, "FRA"])
    response = as_("fra_fp").post(url, members())
    assert response.status_code == 200
    assert (
        '<p class="error" role="alert">BWC/MSP/2018/MX.1 is no longer open: it ended on 08 August 2018</p>'
        in response.content.decode()
    )
    assert as_("staff").post(url, members()).status_code == 302
    assert Delegation.objects.filter(meeting=meeting, state__code="FRA").count() == 1


def test_my_delegations_lists_the_open_meetings_and_the_delegations(as_, world):
    page = as_("fra_fp").get(reverse("portal:delegations")).content.decode()
    assert reverse("portal:register", args=["BWC/MSP/2019", "FRA"]) in page
    assert reverse("portal:delegation", args=[world["fra_d"].pk]) in page
    page = as_("fra_del").get(reverse("portal:delegations")).content.decode()
    assert reverse("portal:register", args=["BWC/MSP/2019", "FRA"]) not in page
    assert "not registered yet (the focal point registers)" in page


def test_the_domain_refuses_a_second_delegation(people, msp2018, world):
    with pytest.raises(DomainError, match="^BWC/MSP/2018: FRA already has a delegation$"):
        participation.register_delegation(
            msp2018,
            by=Actor.of(people["fra_fp"]),
            state=world["fra"],
            members=[{"name": "X", "role": "head"}],
        )
