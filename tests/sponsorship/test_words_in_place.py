"""The sponsorship pages show the app's words where the site's catalogue translates the same
English otherwise (tests/web/test_catalogue_conflicts.py): an application's status agrees with the
application, withdrawing it, no meeting open for applications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse as django_reverse
from django.utils import translation

from plenary.sponsorship import domain
from plenary.sponsorship.models import Call
from tests.sponsorship.world import applied, make_world

pytestmark = pytest.mark.django_db


def reverse(name, args=()):
    """The English address, whatever language the last answer left active; the tests prefix it."""
    with translation.override("en"):
        return django_reverse(name, args=args)


@pytest.fixture
def world(people, monkeypatch):
    monkeypatch.setattr("plenary.core.clock.today", lambda: dt.date(2018, 9, 1))
    return make_world(people)


@pytest.mark.parametrize(
    ("prefix", "submitted", "withdraw", "withdrawn"),
    [
        ("/fr", "soumise", "Retirer", "retirée"),
        ("/es", "presentada", "Retirar", "retirada"),
        ("/ru", "подана", "Отозвать", "отозвана"),
    ],
)
def test_the_applicant_sees_the_status_and_withdraws(
    client, people, world, prefix, submitted, withdraw, withdrawn
):
    application = applied(people, world)
    client.force_login(people["ken_del"])
    url = prefix + reverse("portal:sponsorship_mine")
    page = client.get(url).content.decode()
    assert f"<td>{submitted}</td>" in page and f"<button>{withdraw}</button>" in page
    domain.withdraw(application, by=people.actor("ken_del"))
    assert f"<td>{withdrawn}</td>" in client.get(url).content.decode()


def test_no_meeting_open_for_applications_in_french(client, people, world):
    Call.objects.all().delete()
    client.force_login(people["staff"])
    page = client.get("/fr" + reverse("backoffice:sponsorship_fund")).content.decode()
    assert "<li>Aucune.</li>" in page


def test_a_contribution_was_received_in_french(client, people, world):
    client.force_login(people["staff"])
    page = client.get("/fr" + reverse("backoffice:sponsorship_fund")).content.decode()
    assert "<th>Reçue le</th>" in page and "Reçue le (AAAA-MM-JJ)" in page
