"""The Article X pages, reasons, yearly report and match notification in the reader's language."""

from __future__ import annotations

import pytest
from django.urls import reverse as django_reverse
from django.utils import translation

from plenary.accounts.models import Notification, Preference
from plenary.cooperation import domain
from plenary.core import clock
from plenary.treaties.models import State
from tests.cooperation.conftest import offer_values, request_values

pytestmark = pytest.mark.django_db


def reverse(name, args=()):
    """The English address, whatever language the last answer left active; the tests prefix it."""
    with translation.override("en"):
        return django_reverse(name, args=args)


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("/fr", ["Offres de coopération et d’assistance (article X)", "biosûreté et biosécurité", "Afrique"]),
        ("/es", ["Ofertas de cooperación y asistencia (artículo X)", "capacitación"]),
        ("/ru", ["Предложения о сотрудничестве и помощи (статья X)", "лабораторный потенциал"]),
        ("/ar", ["عروض التعاون والمساعدة (المادة العاشرة)", "التدريب"]),
        ("/zh-hans", ["合作与援助提议（第十条）", "生物安全和生物安保"]),
    ],
)
def test_the_offers_page_speaks_the_readers_language(client, world, prefix, words):
    domain.draft_offer(
        state=State.objects.get(code="DEU"), submit=True, by=world.actor("staff"), **offer_values()
    )
    text = client.get(prefix + reverse("web:cooperation_offers")).content.decode()
    for word in words:
        assert word in text


def test_the_reasons_and_the_report_in_french_and_the_notification_in_the_recipients_language(client, world):
    request = domain.draft_request(
        State.objects.get(code="KEN"), submit=True, by=world.actor("ken_cp"), **request_values()
    )
    offer = domain.draft_offer(
        state=State.objects.get(code="DEU"), submit=True, by=world.actor("staff"), **offer_values()
    )
    client.force_login(world["ken_cp"])
    page = client.get(
        "/fr" + reverse("portal:cooperation_entry", args=["request", request.pk])
    ).content.decode()
    assert "même domaine : capacités de laboratoire" in page and "offre formation, qui est demandé" in page
    assert "9 points" in page
    report = client.get(
        "/zh-hans" + reverse("web:cooperation_report", args=[clock.today().year])
    ).content.decode()
    assert "提出的提议" in report and "寻求的请求" in report
    csv = client.get("/fr" + reverse("web:cooperation_report_file", args=[clock.today().year, "csv"]))
    assert csv.content.decode("utf-8-sig").splitlines()[1] == "offers,Offres faites,1"
    Preference.objects.create(user=world["ken_cp"], language="fr")
    domain.record_match(request, offer, by=world.actor("staff"))
    note = Notification.objects.get(user=world["ken_cp"])
    assert note.subject.startswith("Article X : mise en correspondance enregistrée pour KEN-R")
    assert note.body.endswith("Statut : proposée.") and note.url.startswith("/fr/portal/cooperation/request/")
