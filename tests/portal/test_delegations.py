"""Registering delegations in the portal: the focal point registers its people with the
credentials, the secretariat checks the registration, a returned registration is corrected and
sent again; nobody sees or changes another State's registration."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from plenary.accounts.models import Notification
from plenary.accounts.notify import set_language
from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.participation import domain as participation
from plenary.participation.models import Delegation, Participant

from .conftest import PDF, members, pdf_upload, person_rows

REGISTER_FRA = reverse("portal:register", args=["BWC/MSP/2018", "FRA"])
THREE = [
    {
        "honorific": "H.E. Ms.",
        "family_name": "Martin",
        "given_names": "Camille",
        "function": "Ambassador, Permanent Representative",
        "email": "camille.martin@example.org",
        "role": "head",
    },
    {
        "honorific": "Mr.",
        "family_name": "Dubois",
        "given_names": "Jean-Pierre",
        "function": "Counsellor",
        "email": "jp.dubois@example.org",
        "role": "alternate",
    },
    {
        "honorific": "Dr.",
        "family_name": "Lefèvre",
        "given_names": "Anne",
        "function": "Institut Pasteur",
        "email": "anne.lefevre@example.org",
        "role": "expert",
    },
]


def registration(rows=THREE, *, name: str = "note-verbale.pdf", data: bytes = PDF, **extra) -> dict:
    return person_rows(rows) | {"credentials": pdf_upload(name, data)} | extra


def test_the_focal_point_registers_three_people_with_credentials(
    as_, people, msp2018, django_capture_on_commit_callbacks
):
    for persona, address in (("fra_fp", "fp@example.fr"), ("staff", "isu@example.org")):
        people[persona].email = address
        people[persona].save()
    set_language(people["fra_fp"], "fr", by=people.actor("fra_fp"))
    client = as_("fra_fp")
    page = client.get(REGISTER_FRA).content.decode()
    assert 'name="form-TOTAL_FORMS" value="3"' in page  # three rows to begin with
    assert '<option value="head" selected>' in page  # the first is the head of delegation
    assert 'enctype="multipart/form-data"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REGISTER_FRA, registration())

    delegation = Delegation.objects.get(meeting=msp2018, state__code="FRA")
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("portal:delegation", args=[delegation.pk]),
    )
    assert (delegation.category, delegation.status, delegation.review) == (
        "state_party",
        "registered",
        "received",
    )
    assert (delegation.submitted_by, delegation.batch, delegation.credentials_name) == (
        people["fra_fp"],
        None,
        "note-verbale.pdf",
    )
    assert delegation.credentials.name.startswith("credentials/")
    assert delegation.credentials.name != "credentials/note-verbale.pdf"  # a generated name
    assert list(
        delegation.participants.values_list(
            "honorific", "family_name", "given_names", "name", "email", "role", "position"
        )
    ) == [
        ("H.E. Ms.", "Martin", "Camille", "Camille Martin", "camille.martin@example.org", "head", 0),
        ("Mr.", "Dubois", "Jean-Pierre", "Jean-Pierre Dubois", "jp.dubois@example.org", "alternate", 1),
        ("Dr.", "Lefèvre", "Anne", "Anne Lefèvre", "anne.lefevre@example.org", "expert", 2),
    ]
    entry = AuditEntry.objects.get(action="delegation.register", object_id=str(delegation.pk))
    assert (entry.actor, entry.via, entry.before) == ("fra_fp", "page", None)
    assert entry.after["review"] == "received" and entry.after["credentials"] == "note-verbale.pdf"
    assert [m["name"] for m in entry.after["members"]] == [
        "Camille Martin",
        "Jean-Pierre Dubois",
        "Anne Lefèvre",
    ]
    # The focal point hears in French, the secretariat in English; each mail once.
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("fp@example.fr", "Inscription reçue : France, Réunion des États parties (BWC/MSP/2018)"),
        ("isu@example.org", "Registration received: France, Meeting of States Parties (BWC/MSP/2018)"),
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Registration sent to the secretariat" in page
    assert "the secretariat checks the registration" in page
    assert "camille.martin@example.org" in page  # the delegation sees its own people in full
    assert reverse("portal:credentials", args=[delegation.pk]) in page


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
    assert (delegation.category, delegation.status, delegation.review) == (
        "observer_state",
        "pending",
        "received",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Observer status is pending until the meeting decides." in page


def test_germanys_focal_point_can_neither_see_nor_change_frances_registration(as_, world, msp2018):
    fra = world["fra_d"]
    participation.correct_registration(
        fra, by=Actor.system("test"), credentials=pdf_upload("nv.pdf")
    )  # France's credentials on file
    client = as_("deu_fp")
    register_2019 = reverse("portal:register", args=["BWC/MSP/2019", "FRA"])
    assert client.get(register_2019).status_code == 403
    assert client.post(register_2019, members()).status_code == 403
    edit = reverse("portal:edit_delegation", args=[fra.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, members("Mr Intruder")).status_code == 403
    assert client.get(reverse("portal:delegation", args=[fra.pk])).status_code == 403
    assert client.get(reverse("portal:credentials", args=[fra.pk])).status_code == 403
    assert as_("ngo").get(reverse("portal:credentials", args=[fra.pk])).status_code == 403
    assert as_("deu_del").get(reverse("portal:credentials", args=[fra.pk])).status_code == 403
    assert list(fra.participants.values_list("name", flat=True)) == ["A"]
    assert not Delegation.objects.filter(meeting__series="BWC/MSP/2019", state__code="FRA").exists()
    assert client.get(reverse("portal:credentials", args=[99999])).status_code == 404


def test_the_credentials_are_served_to_the_delegation_and_staff_only(as_, world):
    fra = world["fra_d"]
    url = reverse("portal:credentials", args=[fra.pk])
    assert as_("fra_fp").get(url).status_code == 404  # none sent yet
    participation.correct_registration(fra, by=Actor.system("test"), credentials=pdf_upload("Note «FR».pdf"))
    for persona in ("fra_fp", "fra_del", "staff"):
        response = as_(persona).get(url)
        assert response.status_code == 200, persona
        assert (response.content, response["Content-Type"], response["X-Content-Type-Options"]) == (
            PDF,
            "application/pdf",
            "nosniff",
        )
        assert response["Content-Disposition"] == "attachment; filename*=utf-8''Note%20%C2%ABFR%C2%BB.pdf"
    anonymous = as_("anonymous").get(url)
    assert (anonymous.status_code, anonymous["Location"]) == (302, f"/accounts/sign-in/?next={url}")


def test_a_delegate_sees_the_registration_but_only_the_focal_point_changes_it(as_, world):
    client = as_("fra_del")
    page = client.get(reverse("portal:delegation", args=[world["fra_d"].pk])).content.decode()
    assert "Change the people or the credentials" not in page
    page = as_("fra_fp").get(reverse("portal:delegation", args=[world["fra_d"].pk])).content.decode()
    assert "Change the people or the credentials" in page


def test_the_focal_point_changes_the_people(as_, world):
    d = world["fra_d"]
    participation.approve_registration(d, by=Actor.system("test"))
    client = as_("fra_fp")
    page = client.get(reverse("portal:edit_delegation", args=[d.pk])).content.decode()
    assert 'name="form-0-family_name" value="A"' in page
    assert 'name="form-TOTAL_FORMS" value="2"' in page  # the one person and an empty row
    response = client.post(
        reverse("portal:edit_delegation", args=[d.pk]), members("Mr New Head", "Ms Other", credentials=False)
    )
    assert response.status_code == 302
    assert list(d.participants.values_list("name", "role")) == [
        ("Mr New Head", "head"),
        ("Ms Other", "member"),
    ]
    d.refresh_from_db()
    assert d.review == "received"  # a change after approval goes back to the secretariat
    entry = AuditEntry.objects.filter(action="delegation.correct").latest("id")
    assert entry.via == "page"
    assert (entry.before["review"], entry.after["review"]) == ("approved", "received")
    assert [m["name"] for m in entry.before["members"]] == ["A"]
    assert entry.after["members"] == [
        {
            "name": "Mr New Head",
            "honorific": "",
            "family_name": "Mr New Head",
            "given_names": "",
            "function": "Ambassador",
            "email": "",
            "role": "head",
        },
        {
            "name": "Ms Other",
            "honorific": "",
            "family_name": "Ms Other",
            "given_names": "",
            "function": "Counsellor",
            "email": "",
            "role": "member",
        },
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"family_name": "A", "role": "member"}], "Name one head of delegation."),
        (
            [{"family_name": "A", "role": "head"}, {"family_name": "B", "role": "head"}],
            "A delegation has one head only.",
        ),
        (
            [{"family_name": "A", "role": "head"}, {"given_names": "Nobody", "role": "member"}],
            "Person 2: give the family name.",
        ),
        (
            [{"family_name": "A", "role": "head"}] + [{"family_name": f"P{i}"} for i in range(100)],
            "A registration lists at most 100 people; this one lists 101.",
        ),
    ],
)
def test_the_form_checks_the_people(as_, people, msp2018, rows, message):
    response = as_("fra_fp").post(REGISTER_FRA, registration(rows))
    assert response.status_code == 400
    assert f'<p class="error" role="alert">{message}</p>' in response.content.decode()
    assert not Delegation.objects.filter(meeting=msp2018, state__code="FRA").exists()


def test_hostile_fields_are_refused_with_their_message(as_, people, msp2018):
    client = as_("fra_fp")
    rows = [{"family_name": "x" * 100_000, "email": "not an address", "role": "head"}]
    response = client.post(REGISTER_FRA, registration(rows))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 100 characters (it has 100000)." in html
    assert "Enter a valid email address." in html
    assert not Delegation.objects.filter(meeting=msp2018, state__code="FRA").exists()


def test_an_html_file_named_pdf_is_not_credentials(as_, people, msp2018, settings):
    response = as_("fra_fp").post(
        REGISTER_FRA, registration(name="note.pdf", data=b"<html><script>alert(1)</script></html>")
    )
    assert response.status_code == 400
    assert (
        '<p class="error" role="alert" id="error">the credentials file &#x27;note.pdf&#x27; is not a PDF file</p>'
        in response.content.decode()
    )
    assert not Delegation.objects.filter(meeting=msp2018, state__code="FRA").exists()
    folder = settings.MEDIA_ROOT / "credentials"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_focal_point_sends_credentials(as_, people, msp2018):
    response = as_("fra_fp").post(REGISTER_FRA, person_rows(THREE))
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Delegation.objects.filter(meeting=msp2018, state__code="FRA").exists()


def test_add_a_person_without_javascript_keeps_what_was_typed(as_, people, msp2018):
    data = person_rows(THREE[:1]) | {"add": "1"}
    response = as_("fra_fp").post(REGISTER_FRA, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="form-TOTAL_FORMS" value="2"' in html
    assert 'name="form-0-family_name" value="Martin"' in html
    assert 'name="form-0-email" value="camille.martin@example.org"' in html
    assert 'name="form-1-family_name"' in html
    assert "Choose the credentials file again before you send." in html
    assert not Delegation.objects.filter(meeting=msp2018).exists()


def test_a_meeting_that_has_ended_is_closed_to_focal_points_but_not_to_staff(as_, people):
    from plenary.meetings.models import Meeting

    meeting = Meeting.objects.get(series="BWC/MSP/2018/MX.1")  # 7-8 August 2018
    url = reverse("portal:register", args=[meeting.series, "FRA"])
    response = as_("fra_fp").post(url, members())
    assert response.status_code == 400
    assert (
        '<p class="error" role="alert" id="error">BWC/MSP/2018/MX.1 is no longer open: it ended on 8 August 2018</p>'
        in response.content.decode()
    )
    assert as_("staff").post(url, members(credentials=False)).status_code == 302
    d = Delegation.objects.get(meeting=meeting, state__code="FRA")
    assert (d.review, d.reviewed_by) == ("approved", people["staff"])  # staff's own registration


def test_one_registration_covers_meetings_of_experts_of_a_year(
    as_, people, django_capture_on_commit_callbacks
):
    url = reverse("portal:register", args=["BWC/MSP/2019/MX.1", "FRA"])
    client = as_("fra_fp")
    page = client.get(url).content.decode()
    for series in ("BWC/MSP/2019/MX.2", "BWC/MSP/2019/MX.5", "BWC/MSP/2019"):
        assert f'value="{series}"' in page
    assert 'value="BWC/MSP/2018"' not in page  # another year
    chosen = ["BWC/MSP/2019/MX.1", "BWC/MSP/2019/MX.2", "BWC/MSP/2019/MX.3"]
    response = client.post(url, registration(meetings=chosen))
    assert response.status_code == 302
    made = Delegation.objects.filter(state__code="FRA", meeting__year=2019).order_by(
        "meeting__start", "meeting__series"
    )
    assert [d.meeting.series for d in made] == chosen
    assert len({d.batch for d in made}) == 1 and made[0].batch is not None
    assert len({d.credentials.name for d in made}) == 1  # one file for the three
    assert {d.review for d in made} == {"received"}
    page = client.get(response["Location"]).content.decode()
    assert "This registration covers:" in page
    with django_capture_on_commit_callbacks(execute=True):
        participation.approve_registration(made[1], by=people.actor("staff"))
    assert set(Delegation.objects.filter(batch=made[0].batch).values_list("review", flat=True)) == {
        "approved"
    }


def test_a_returned_registration_is_corrected_and_sent_again(
    as_, people, world, django_capture_on_commit_callbacks
):
    d = world["fra_d"]
    people["fra_fp"].email = "fp@example.fr"
    people["fra_fp"].save()
    set_language(people["fra_fp"], "zh", by=people.actor("fra_fp"))
    with django_capture_on_commit_callbacks(execute=True):
        participation.return_registration(
            d, by=people.actor("staff"), reason="The note verbale is not signed."
        )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["fp@example.fr"], "登记已退回：法国，缔约国会议 (BWC/MSP/2018)")
    ]
    assert "The note verbale is not signed." in mail.outbox[0].body
    client = as_("fra_fp")
    page = client.get(reverse("portal:delegation", args=[d.pk])).content.decode()
    assert '<p id="review-reason">Reason: The note verbale is not signed.</p>' in page
    assert reverse("portal:edit_delegation", args=[d.pk]) in page
    form = client.get(reverse("portal:edit_delegation", args=[d.pk])).content.decode()
    assert "The secretariat returned this registration for correction." in form
    assert "Correct and send again" in form
    told = Notification.objects.filter(user=people["staff"], kind="registration_received")
    before = told.count()  # France's and Germany's first registrations
    response = client.post(reverse("portal:edit_delegation", args=[d.pk]), registration(name="signed.pdf"))
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.review, d.review_reason, d.credentials_name) == ("received", "", "signed.pdf")
    assert list(d.participants.values_list("name", flat=True)) == [
        "Camille Martin",
        "Jean-Pierre Dubois",
        "Anne Lefèvre",
    ]
    assert (before, told.count()) == (2, 3)  # the secretariat hears that it came back


def test_my_delegations_lists_the_open_meetings_and_the_delegations(as_, world):
    page = as_("fra_fp").get(reverse("portal:delegations")).content.decode()
    assert reverse("portal:register", args=["BWC/MSP/2019", "FRA"]) in page
    assert reverse("portal:delegation", args=[world["fra_d"].pk]) in page
    assert '<td class="review-received">received</td>' in page
    page = as_("fra_del").get(reverse("portal:delegations")).content.decode()
    assert reverse("portal:register", args=["BWC/MSP/2019", "FRA"]) not in page
    assert "not registered yet (the focal point registers)" in page


def test_an_ngo_registers_its_own_representatives(as_, people, msp2018):
    page = as_("ngo").get(reverse("portal:delegations")).content.decode()
    url = reverse("portal:register", args=["BWC/MSP/2019", "VERTIC"])
    assert url in page
    response = as_("ngo").post(url, registration(THREE[:1]))
    assert response.status_code == 302
    d = Delegation.objects.get(meeting__series="BWC/MSP/2019", organization__code="VERTIC")
    assert (d.category, d.status, d.review, d.submitted_by) == (
        "ngo",
        "registered",
        "received",
        people["ngo"],
    )
    assert as_("ngo").get(reverse("portal:register", args=["BWC/MSP/2019", "WHO"])).status_code == 403
    assert as_("ngo").get(reverse("portal:credentials", args=[d.pk])).status_code == 200
    assert as_("fra_fp").get(reverse("portal:credentials", args=[d.pk])).status_code == 403


def test_the_domain_refuses_a_second_delegation(people, msp2018, world):
    with pytest.raises(DomainError, match="^BWC/MSP/2018: FRA already has a delegation$"):
        participation.register_delegation(
            msp2018,
            by=Actor.of(people["fra_fp"]),
            state=world["fra"],
            members=[{"name": "X", "role": "head"}],
        )
    assert Participant.objects.filter(delegation__meeting=msp2018, name="X").count() == 0
