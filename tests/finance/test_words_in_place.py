"""The finance pages show the app's words where the site's catalogue translates the same English
otherwise (tests/web/test_catalogue_conflicts.py): issuing the invoices, the day an invoice was
issued, where a payment came from."""

from __future__ import annotations

import pytest
from django.urls import reverse as django_reverse
from django.utils import translation

from plenary.finance import domain
from plenary.finance.models import Invoice
from tests.finance.world import YEAR, make_world

pytestmark = pytest.mark.django_db


def reverse(name, args=()):
    """The English address, whatever language the last answer left active; the tests prefix it."""
    with translation.override("en"):
        return django_reverse(name, args=args)


@pytest.fixture
def world(people, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return make_world(people)


@pytest.mark.parametrize(
    ("prefix", "button"), [("/fr", "Émettre"), ("/es", "Emitir"), ("/ru", "Выставить"), ("/zh-hans", "开具")]
)
def test_the_secretariat_issues_the_invoices(client, people, world, prefix, button):
    domain.apportion_year(YEAR, by=world["setup"])  # preliminary: the invoices may be issued
    client.force_login(people["staff"])
    page = client.get(prefix + reverse("backoffice:finance_overview"), {"year": str(YEAR)}).content.decode()
    assert f"<button>{button}</button></form>" in page


def test_an_invoice_in_french_was_issued_and_paid_from(client, people, world):
    invoice = Invoice.objects.get(year=2018, state__code="FRA")
    client.force_login(people["fra_del"])
    page = client.get("/fr" + reverse("portal:finance_invoice", args=[invoice.pk])).content.decode()
    assert "<th>Émise le</th>" in page and "Publié le" not in page
    assert "<th>Provenance</th>" in page and "<th>Du</th>" not in page
    account = client.get("/fr" + reverse("portal:finance_state", args=["FRA"])).content.decode()
    assert "<th>Émise le</th>" in account
