"""The sponsorship API for each persona: the public figures (aggregates, no names), the ISU's list of
applications and decisions (the secretariat only), an applicant's own applications; hostile
parameters answered with a clear 4xx; fixed query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.accounts.domain import grant_role, make_token
from plenary.meetings.models import Meeting
from plenary.sponsorship import domain
from plenary.treaties.models import State
from tests.sponsorship.world import SYSTEM, answers, applied, make_world

pytestmark = pytest.mark.django_db
PERSONAS = [
    "anonymous",
    "staff",
    "fra_fp",
    "fra_del",
    "deu_fp",
    "ngo",
    "officer",
    "ken_del",
    "ken_fp",
    "egy_del",
    "eu_rep",
]


@pytest.fixture
def world(people, monkeypatch):
    from django.contrib.auth.models import User

    monkeypatch.setattr("plenary.core.clock.today", lambda: dt.date(2018, 9, 1))
    w = make_world(people)
    fp = User.objects.create(username="ken_fp")
    grant_role(fp, "focal_point", state=State.objects.get(code="KEN"), by=SYSTEM)
    people["ken_fp"] = fp
    w["app"] = applied(people, w)
    w["egy"] = applied(people, w, persona="egy_del", code="EGY", expert_name="Omar Said")
    domain.decide(
        w["app"],
        outcome="approved",
        officers=[w["chair"], w["vice"]],
        airfare="1200.50",
        terminal="150.00",
        dsa_days="6",
        note="first time",
        by=people.actor("staff"),
    )
    return w


def get(client, people, persona, path, **params):
    if people[persona] is not None:
        client.force_login(people[persona])
    response = client.get(path, params)
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_public_figures_are_the_same_for_everyone_and_name_no_one(client, people, world, persona):
    status, body = get(client, people, persona, "/api/sponsorship/figures")
    assert status == 200
    # 10000 + 5000 contributed; 1200.50 + 150.00 + 6 x 400.00 awarded.
    assert body == {
        "currency": "USD",
        "contributed": "15000.00",
        "awarded": "3750.50",
        "balance": "11249.50",
        "example": True,
        "years": [
            {
                "year": 2018,
                "applications": 2,
                "experts_sponsored": 1,
                "states_sponsored": 1,
                "contributed": "15000.00",
                "awarded": "3750.50",
                "example": True,
            }
        ],
    }
    assert "Otieno" not in str(body)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_list_of_applications_is_for_the_secretariat_alone(client, people, world, persona):
    status, body = get(client, people, persona, "/api/sponsorship/applications")
    expected = {"anonymous": 401, "staff": 200}.get(persona, 403)
    assert status == expected
    if status != 200:
        assert set(body) == {"detail"} and "Otieno" not in str(body)
        return
    assert [(a["expert_name"], a["status"], a["rank"]) for a in body] == [
        ("Omar Said", "submitted", 1),
        ("Amina Otieno", "approved", None),
    ]
    approved = body[1]
    assert approved["award"] == {
        "airfare": "1200.50",
        "terminal": "150.00",
        "dsa_days": 6,
        "dsa_rate": "400.00",
        "total": "3750.50",
    }
    assert approved["decision"]["outcome"] == "approved"
    assert approved["decision"]["note"] == "first time"
    assert sorted(approved["decision"]["officers_consulted"]) == sorted(
        [f"Chair: {world['chair'].name}", "Vice-Chair: A. Vice-Chair"]
    )
    assert body[0]["decision"] is None and body[0]["award"] is None and body[0]["reasons"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_applicant_reads_only_their_own_applications(client, people, world, persona):
    status, body = get(client, people, persona, "/api/sponsorship/applications/mine")
    if persona == "anonymous":
        assert status == 401
        return
    assert status == 200
    names = [a["expert_name"] for a in body]
    # The focal point of Kenya sees its applications in the portal, but "mine" is the caller's own.
    assert names == {"ken_del": ["Amina Otieno"], "egy_del": ["Omar Said"]}.get(persona, [])
    if persona == "ken_del":
        assert body[0]["award"]["total"] == "3750.50" and body[0]["meeting"] == "BWC/MSP/2018"
        assert "rank" not in body[0] and "decision" not in body[0]


def test_a_token_reads_as_its_owner(client, people, world):
    _, token = make_token(people["ken_del"], "script", by=SYSTEM)
    response = client.get("/api/sponsorship/applications/mine", headers={"Authorization": f"Bearer {token}"})
    assert [a["expert_name"] for a in response.json()] == ["Amina Otieno"]
    refused = client.get("/api/sponsorship/applications", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 403
    assert (
        client.get("/api/sponsorship/applications/mine", headers={"Authorization": "Bearer x"}).status_code
        == 401
    )


@pytest.mark.parametrize(
    "meeting, status, detail",
    [
        ("BWC/MSP/1999", 404, "no meeting 'BWC/MSP/1999'"),
        ("BWC/MSP/2018\x00", 400, "meeting: a series is printable text such as BWC/MSP/2018"),
        ("x\u202e", 400, "meeting: a series is printable text such as BWC/MSP/2018"),
        ("' OR 1=1 --", 404, 'no meeting "\' OR 1=1 --"'),
        ("B" * 61, 400, "meeting: String should have at most 60 characters"),
    ],
)
def test_hostile_meeting_parameters(client, people, world, meeting, status, detail):
    got, body = get(client, people, "staff", "/api/sponsorship/applications", meeting=meeting)
    assert (got, body["detail"]) == (status, detail)


def test_one_meeting_s_applications(client, people, world):
    status, body = get(client, people, "staff", "/api/sponsorship/applications", meeting="BWC/MSP/2018")
    assert status == 200 and len(body) == 2
    status, body = get(client, people, "staff", "/api/sponsorship/applications", meeting="BWC/MSP/2017")
    assert (status, body) == (200, [])


def test_the_lists_cost_the_same_queries_for_one_and_many(client, people, world):
    client.force_login(people["staff"])

    def counts():
        out = []
        for path in (
            "/api/sponsorship/figures",
            "/api/sponsorship/applications?meeting=BWC/MSP/2018",
            "/api/sponsorship/applications",
        ):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(path).status_code == 200
            out.append(len(ctx.captured_queries))
        return out

    one = counts()
    # Another meeting's application (the secretariat's record load, past that meeting's deadline).
    other = Meeting.objects.get(series="BWC/MSP/2017")
    domain.open_call(other, deadline="2017-09-15", by=SYSTEM)
    domain.apply(
        other,
        state=State.objects.get(code="KEN"),
        by=SYSTEM,
        **answers(expert_name="Earlier Expert", arrive=dt.date(2017, 12, 3), depart=dt.date(2017, 12, 8)),
    )
    for i in range(5):
        app = applied(people, world, expert_name=f"Expert {i}")
        if i % 2:
            domain.decide(
                app,
                outcome="declined",
                officers=[world["chair"]],
                by=people.actor("staff"),
            )
    assert counts() == one
    client.force_login(people["staff"])
    body = client.get("/api/sponsorship/applications").json()
    assert [a["meeting"] for a in body][:1] == ["BWC/MSP/2017"] and len(body) == 8
