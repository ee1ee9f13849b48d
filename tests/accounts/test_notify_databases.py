"""The notifications of the treaty's databases (CBM reports, Article X matches, invoices, payments,
Article VII, sponsorship) are written in each recipient's language: every kind's subject and body
is in a catalogue in the five languages besides English, with the same placeholders."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation

from plenary.accounts.models import Notification
from plenary.accounts.notify import MESSAGES, notify, set_language

pytestmark = pytest.mark.django_db
K = Notification.Kind
LANGS = {"ar": "ar", "zh": "zh-hans", "fr": "fr", "ru": "ru", "es": "es"}


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{\w+\}", text))


@pytest.mark.parametrize("lang", sorted(LANGS))
@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_every_kind_is_translated_with_its_placeholders(kind, lang):
    with translation.override(LANGS[lang]):
        for text in MESSAGES[kind]:
            translated = translation.gettext(text)
            assert translated != text, (kind, lang, text)
            assert _placeholders(translated) == _placeholders(text), (kind, lang)


DATABASES = [
    K.CBM_SUBMITTED,
    K.ARTX_MATCH,
    K.ART7_STEP,
    K.ART7_PARTNER,
    K.INVOICE_ISSUED,
    K.PAYMENT_RECEIVED,
    K.SPONSORSHIP_RECEIVED,
    K.SPONSORSHIP_DECIDED,
]


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_the_databases_kinds_have_their_names_translated(lang):
    english = {kind: str(kind.label) for kind in DATABASES}
    with translation.override(LANGS[lang]):
        assert [kind for kind in DATABASES if str(kind.label) == english[kind]] == []


@pytest.mark.parametrize(
    "kind, context, lang, subject, body",
    [
        (
            K.CBM_SUBMITTED,
            {"state": "France", "year": 2024, "version": 2, "visibility": "public"},
            "fr",
            "Rapport MDC soumis : France, 2024",
            "Le rapport de France sur les mesures de confiance pour 2024 a été soumis (version 2, public).",
        ),
        (
            # Its texts are in the Article X database's catalogue (plenary.cooperation).
            K.ARTX_MATCH,
            {"request": "R-3", "offer": "O-9", "status": "proposed"},
            "ru",
            "Статья X: сопоставление записано по запросу R-3",
            None,
        ),
        (
            K.INVOICE_ISSUED,
            {
                "number": "2025-FRA",
                "state": "France",
                "year": 2025,
                "amount": "US$1,000.00",
                "due": dt.date(2025, 3, 31),
            },
            "es",
            "Factura 2025-FRA: France, 2025",
            "Se ha emitido a France una factura de US$1,000.00 correspondiente a 2025, pagadera el 31 de marzo de 2025.",
        ),
        (
            K.PAYMENT_RECEIVED,
            {"state": "France", "amount": "US$1,000.00", "date": dt.date(2025, 4, 2)},
            "zh",
            "已收到付款：France，US$1,000.00",
            "秘书处已记录 France 于 2025年4月2日 支付的 US$1,000.00。",
        ),
        (
            K.PAYMENT_RECEIVED,
            {"state": "France", "amount": "US$1,000.00", "date": dt.date(2025, 4, 2)},
            "ar",
            "استُلمت دفعة: France، US$1,000.00",
            None,
        ),
    ],
)
def test_the_databases_notifications_in_the_recipients_language(people, kind, context, lang, subject, body):
    user = people["fra_fp"]
    set_language(user, lang, by=people.actor("fra_fp"))
    (made,) = notify(kind, [user], context=context)
    assert made.subject == subject
    if body is not None:
        assert made.body == body
