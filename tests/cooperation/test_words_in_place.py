"""The Article X pages show the app's words where the site's catalogue translates the same English
otherwise (tests/web/test_catalogue_conflicts.py): a withdrawn offer, the count of the yearly
report, withdrawing an entry."""

from __future__ import annotations

import pytest
from django.urls import reverse as django_reverse
from django.utils import translation

from plenary.cooperation import domain
from plenary.core import clock
from plenary.treaties.models import State
from tests.cooperation.conftest import offer_values

pytestmark = pytest.mark.django_db


def reverse(name, args=()):
    """The English address, whatever language the last answer left active; the tests prefix it."""
    with translation.override("en"):
        return django_reverse(name, args=args)


@pytest.mark.parametrize(
    ("prefix", "shown", "not_shown"),
    [
        ("/fr", "Statut : retirée", "retiré "),
        ("/es", "retirada", "retirado"),
        ("/ru", "отозвано", "отозван "),
    ],
)
def test_a_withdrawn_offer_agrees_with_the_offer(client, world, prefix, shown, not_shown):
    offer = domain.draft_offer(
        state=State.objects.get(code="DEU"), submit=True, by=world.actor("staff"), **offer_values()
    )
    domain.withdraw_entry(offer, by=world.actor("staff"), reason="Met.")
    page = client.get(prefix + reverse("web:cooperation_offer", args=[offer.pk])).content.decode()
    assert shown in page and not_shown not in page


def test_the_yearly_report_counts_in_french(client, world):
    page = client.get("/fr" + reverse("web:cooperation_report", args=[clock.today().year])).content.decode()
    assert "<th>Nombre</th>" in page and "Numéro" not in page
    csv = client.get("/fr" + reverse("web:cooperation_report_file", args=[clock.today().year, "csv"]))
    assert csv.content.decode("utf-8-sig").splitlines()[0].endswith(",Nombre")


def test_the_contact_point_withdraws_an_entry_in_russian(client, world):
    offer = domain.draft_offer(
        state=State.objects.get(code="FRA"), submit=True, by=world.actor("fra_cp"), **offer_values()
    )
    client.force_login(world["fra_cp"])
    page = client.get("/ru" + reverse("portal:cooperation_entry", args=["offer", offer.pk])).content.decode()
    assert 'value="withdraw">Отозвать</button>' in page


def test_an_entry_made_by_the_secretariat_says_so_in_french(client, world):
    offer = domain.draft_offer(
        state=State.objects.get(code="DEU"), submit=True, by=world.actor("staff"), **offer_values()
    )
    assert offer.on_behalf
    client.force_login(world["staff"])
    page = client.get("/fr" + reverse("portal:cooperation_entry", args=["offer", offer.pk])).content.decode()
    assert "saisie par le secrétariat au nom de l’État" in page
