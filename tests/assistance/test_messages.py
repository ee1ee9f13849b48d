"""The Article VII domain's messages in the reader's language: a portal form refused in French or
Chinese says why in that language, field names included; english() stays English."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import translation

from plenary.assistance import domain
from plenary.core.errors import DomainError
from plenary.treaties.models import State
from tests.assistance.conftest import request_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "la date de l'événement, 1er janvier 2999, est dans le futur"),
        ("zh-hans", "事件日期 2999年1月1日 在未来"),
        ("en", "the date of the event 1 January 2999 is in the future"),
    ],
)
def test_a_request_dated_in_the_future_is_refused_in_the_reader_s_language(client, world, lang, said):
    client.force_login(world["fra_cp"])
    data = {
        "state": State.objects.get(code="FRA").pk,
        "event_title": "x",
        "nature": "outbreak_unusual",
        "event_date": "2999-01-01",
        "place": "Lyon",
        "description": "Scenario.",
        "needs": ["medical"],
        "urgency": "immediate",
        "contacts": "Desk",
    }
    with translation.override(lang):
        url = reverse("portal:assistance_new_request")
    answer = client.post(url, data)
    assert answer.status_code == 400 and html.escape(said) in answer.content.decode()


def test_a_field_s_name_is_translated_with_the_message_and_english_stays_english(world):
    with translation.override("ar"):
        with pytest.raises(DomainError) as caught:
            domain.submit_request(
                State.objects.get(code="FRA"), by=world.actor("fra_cp"), **request_fields(place="  ")
            )
        arabic = str(caught.value)
    assert caught.value.english() == "the place of the event is required"
    assert arabic == "يلزم إدخال مكان الحدث"
