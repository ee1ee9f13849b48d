"""The sponsorship pages for each persona: the portal's application form and the applicant's
list, the back office (fund, ranked applications, the decision, awards), the report to donors with
its exports, the public figures; bad input refused with nothing written; fixed query counts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.accounts.domain import grant_role
from plenary.sponsorship.models import Application, Award, Contribution
from plenary.treaties.models import State
from tests.sponsorship.world import SYSTEM, applied, make_world

pytestmark = pytest.mark.django_db
PERSONAS = [
    "anonymous",
    "staff",
    "fra_fp",
    "fra_del",
    "deu_fp",
    "deu_del",
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
    return w


def get(client, people, persona, url):
    if people[persona] is not None:
        client.force_login(people[persona])
    return client.get(url)


BACKOFFICE = {"staff": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_permission_matrix(client, people, world, persona):
    meeting, app = world["meeting"], world["app"]
    pages = {
        reverse("web:sponsorship_figures"): {p: 200 for p in PERSONAS},
        reverse("portal:sponsorship_mine"): {p: 200 for p in PERSONAS} | {"anonymous": 302},
        reverse("portal:sponsorship_apply", args=[meeting.pk]): {
            p: 200 for p in ("fra_fp", "fra_del", "deu_fp", "deu_del", "ken_del", "ken_fp", "egy_del")
        }
        | {"anonymous": 302},
        reverse("portal:sponsorship_donors"): {"staff": 200, "eu_rep": 200, "anonymous": 302},
        reverse("backoffice:sponsorship_fund"): BACKOFFICE | {"anonymous": 302},
        reverse("backoffice:sponsorship_applications", args=[meeting.pk]): BACKOFFICE | {"anonymous": 302},
        reverse("backoffice:sponsorship_decide", args=[app.pk]): BACKOFFICE | {"anonymous": 302},
        reverse("backoffice:sponsorship_awards"): BACKOFFICE | {"anonymous": 302},
    }
    if people[persona] is not None:
        client.force_login(people[persona])
    got = {url: client.get(url).status_code for url in pages}
    assert got == {url: expected.get(persona, 403) for url, expected in pages.items()}


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("staff", True),
        ("officer", True),
        ("ken_del", True),
        ("ken_fp", True),
        ("egy_del", False),
        ("fra_fp", False),
        ("ngo", False),
        ("eu_rep", False),
    ],
)
def test_an_application_is_seen_by_the_secretariat_officers_applicant_and_focal_point(
    client, people, world, persona, sees
):
    body = get(client, people, persona, reverse("portal:sponsorship_mine")).content.decode()
    assert ("Amina Otieno" in body) is sees


def test_the_public_page_shows_aggregates_and_no_names(client, world):
    body = client.get(reverse("web:sponsorship_figures")).content.decode()
    assert "Amina Otieno" not in body and "KEN" not in body
    assert '<td>2018</td><td class="num">1</td><td class="num">0</td>' in body


@pytest.mark.parametrize(
    ("prefix", "deadline"),
    [("", "15 September 2018"), ("/es", "15 de septiembre de 2018"), ("/ar", "15 أيلول/سبتمبر 2018")],
)
def test_the_call_gives_its_deadline_as_the_un_writes_it(client, people, world, prefix, deadline):
    client.force_login(people["egy_del"])
    page = client.get(
        prefix + reverse("portal:sponsorship_apply", args=[world["meeting"].pk])
    ).content.decode()
    assert deadline in page and "2018-09-15" not in page


def test_an_expert_applies_through_the_form(client, people, world):
    client.force_login(people["egy_del"])
    url = reverse("portal:sponsorship_apply", args=[world["meeting"].pk])
    form = {
        "state": "EGY",
        "expert_name": "Omar Said",
        "expert_function": "Inspector",
        "expert_agency": "Ministry of Foreign Affairs",
        "travel_from": "Cairo",
        "arrive": "2018-12-03",
        "depart": "2018-12-07",
        "developing": "yes",
        "attended_before": "no",
        "can_send_from_capital": "no",
        "official_confirmed": "on",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    app = Application.objects.get(expert_name="Omar Said")
    assert (app.state.code, app.state_party, app.developing, app.applicant) == (
        "EGY",
        False,
        True,
        people["egy_del"],
    )
    # without the confirmation, or for another State: refused, nothing written
    response = client.post(url, form | {"expert_name": "Other", "official_confirmed": ""})
    assert response.status_code == 400
    assert "the expert must confirm being an official of a responsible agency" in response.content.decode()
    response = client.post(url, form | {"expert_name": "Other", "state": "KEN"})
    assert response.status_code == 400
    assert not Application.objects.filter(expert_name="Other").exists()


def test_staff_decide_with_the_officers_consulted_and_the_award_is_against_the_fund(client, people, world):
    client.force_login(people["staff"])
    url = reverse("backoffice:sponsorship_decide", args=[world["app"].pk])
    form = {
        "outcome": "approved",
        "officers": [str(world["chair"].pk), str(world["vice"].pk)],
        "airfare": "1200.50",
        "terminal": "75",
        "dsa_days": "5",
    }
    bad = client.post(url, form | {"airfare": "=1+1"})
    assert bad.status_code == 400 and "the airfare is not a number" in bad.content.decode()
    too_much = client.post(url, form | {"airfare": "99999"})
    assert too_much.status_code == 400 and "the fund does not cover this award" in too_much.content.decode()
    assert not Award.objects.exists()
    assert client.post(url, form).status_code == 302
    assert Award.objects.get().total == Decimal("3275.50")
    body = client.get(reverse("backoffice:sponsorship_fund")).content.decode()
    assert '<td class="num" id="balance">US$11,724.50</td>' in body


def test_staff_record_a_contribution_and_bad_input_is_refused(client, people, world):
    client.force_login(people["staff"])
    url = reverse("backoffice:sponsorship_fund")
    before = Contribution.objects.count()
    for bad, message in [
        ({"donor": "XXX"}, "No State or organization has the code XXX."),
        ({"amount": "-3"}, "the amount may not be negative"),
        ({"earmark_meeting": "BWC/NOPE"}, "No meeting has this series."),
    ]:
        response = client.post(url, {"donor": "AUS", "amount": "10", "received_on": "2018-01-01"} | bad)
        assert response.status_code == 400 and message in response.content.decode()
    assert Contribution.objects.count() == before
    assert (
        client.post(url, {"donor": "IND", "amount": "250.00", "received_on": "2018-02-01"}).status_code == 302
    )
    assert Contribution.objects.count() == before + 1


def test_the_report_to_donors_and_its_exports(client, people, world):
    client.force_login(people["eu_rep"])
    url = reverse("portal:sponsorship_donors")
    body = client.get(url).content.decode()
    assert '<td class="num" id="balance">US$15,000.00</td>' in body
    csv = client.get(url + "?format=csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    text = csv.content.decode()
    assert "Balance (USD),15000.00" in text and "Contributed (USD),15000.00" in text
    xlsx = client.get(url + "?format=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [row for row in sheet.iter_rows(values_only=True) if row[0] == "Balance (USD)"]
    assert values[0][1] == 15000
    assert client.get(url + "?format=pdf").status_code == 400


def test_withdraw_through_the_portal(client, people, world):
    client.force_login(people["fra_fp"])
    url = reverse("portal:sponsorship_withdraw", args=[world["app"].pk])
    assert client.post(url).status_code == 403
    client.force_login(people["ken_del"])
    assert client.post(url).status_code == 302
    assert Application.objects.get(pk=world["app"].pk).status == "withdrawn"


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_list_pages_take_the_same_queries_for_one_and_many_rows(client, people, world):
    client.force_login(people["staff"])
    urls = [
        reverse("backoffice:sponsorship_applications", args=[world["meeting"].pk]),
        reverse("backoffice:sponsorship_fund"),
        reverse("backoffice:sponsorship_awards"),
        reverse("portal:sponsorship_mine"),
        reverse("portal:sponsorship_donors"),
        reverse("web:sponsorship_figures"),
    ]
    _count(client, urls[0])
    one = [_count(client, u) for u in urls]
    for i in range(5):
        applied(people, world, expert_name=f"Expert {i}")
    from plenary.sponsorship import domain

    for app in Application.objects.filter(expert_name__startswith="Expert")[:3]:
        domain.decide(
            app,
            outcome="approved",
            officers=[world["chair"]],
            airfare="10",
            terminal="1",
            dsa_days=1,
            by=SYSTEM,
        )
    many = [_count(client, u) for u in urls]
    assert many == one


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "Omar Said a déjà présenté une demande pour BWC/MSP/2018"),
        ("ar", "سبق أن قدّم Omar Said طلباً للاجتماع BWC/MSP/2018"),
    ],
)
def test_a_refusal_on_the_form_reads_in_the_readers_language(client, people, world, lang, expected):
    from django.utils import translation

    from plenary.core.errors import DomainError
    from plenary.sponsorship import domain

    client.force_login(people["egy_del"])
    with translation.override(lang):
        url = reverse("portal:sponsorship_apply", args=[world["meeting"].pk])
    form = {
        "state": "EGY",
        "expert_name": "Omar Said",
        "expert_function": "Inspector",
        "expert_agency": "Ministry of Foreign Affairs",
        "travel_from": "Cairo",
        "arrive": "2018-12-03",
        "depart": "2018-12-07",
        "developing": "yes",
        "attended_before": "no",
        "can_send_from_capital": "no",
        "official_confirmed": "on",
    }
    headers = {"HTTP_ACCEPT_LANGUAGE": lang}
    assert client.post(url, form, **headers).status_code == 302
    again = client.post(url, form, **headers)
    assert again.status_code == 400
    assert expected in again.content.decode()
    # the same refusal stays English for the record
    error = DomainError(
        domain._("%(name)s has applied for %(series)s already"), name="X", series="BWC/MSP/2018"
    )
    with translation.override(lang):
        assert error.english() == "X has applied for BWC/MSP/2018 already"
        assert str(error) != error.english()
