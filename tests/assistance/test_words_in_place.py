"""The Article VII pages show the app's words where the site's catalogue translates the same
English otherwise (tests/web/test_catalogue_conflicts.py): a withdrawn offer agrees with the offer."""

from __future__ import annotations

import pytest
from django.urls import reverse as django_reverse
from django.utils import translation

from plenary.assistance import domain
from plenary.treaties.models import State
from tests.assistance.conftest import offer_fields

pytestmark = pytest.mark.django_db


def reverse(name, args=()):
    """The English address, whatever language the last answer left active; the tests prefix it."""
    with translation.override("en"):
        return django_reverse(name, args=args)


@pytest.mark.parametrize(
    ("prefix", "withdrawn"), [("/fr", "retirée"), ("/es", "retirada"), ("/ru", "отозвано")]
)
def test_a_withdrawn_offer_in_the_list(client, world, prefix, withdrawn):
    offer = domain.record_offer(
        state=State.objects.get(code="DEU"), by=world.actor("deu_fp"), **offer_fields()
    )
    domain.withdraw_offer(offer, by=world.actor("deu_fp"))
    client.force_login(world["deu_fp"])
    page = client.get(prefix + reverse("portal:assistance_offers")).content.decode()
    assert f'<span class="muted">({withdrawn})</span>' in page
