"""The Article X domain's messages in the reader's language: a back-office match refused in
French or Arabic says why in that language; english() stays English."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import translation

from plenary.cooperation import domain
from plenary.core.errors import DomainError
from tests.cooperation.test_pages import made  # noqa: F401

pytestmark = pytest.mark.django_db
ALREADY = "this request and this offer are already matched: record its outcome instead"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "cette demande et cette offre sont déjà mises en relation : enregistrez plutôt le résultat"),
        ("ar", "هذا الطلب وهذا العرض متطابقان بالفعل: سجّل نتيجة المطابقة بدلاً من ذلك"),
        ("en", ALREADY),
    ],
)
def test_a_second_match_is_refused_in_the_reader_s_language(client, world, made, lang, said):  # noqa: F811
    client.force_login(world["staff"])
    with translation.override(lang):
        url = reverse("backoffice:cooperation_match", args=[made["request"].pk])
    first = client.post(url, {"action": "match", "offer": made["offer"].pk, "status": "proposed"})
    assert first.status_code == 302
    again = client.post(url, {"action": "match", "offer": made["offer"].pk})
    assert again.status_code == 400 and html.escape(said) in again.content.decode()


def test_english_stays_english_whatever_the_language(world, made):  # noqa: F811
    domain.record_match(made["request"], made["offer"], by=world.actor("staff"))
    with translation.override("fr"):
        with pytest.raises(DomainError) as caught:
            domain.record_match(made["request"], made["offer"], by=world.actor("staff"))
        french = str(caught.value)
    assert caught.value.english() == ALREADY
    assert french.startswith("cette demande et cette offre sont déjà mises en relation")
