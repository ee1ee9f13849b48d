"""The demo's CBM part: the history and example reports of 2024, public and restricted, each marked
example; loading again changes nothing."""

from __future__ import annotations

import pytest

from plenary.cbm.demo import YEAR, load_examples
from plenary.cbm.models import CbmReport
from plenary.core.actor import Actor

pytestmark = pytest.mark.django_db


def test_the_demo_has_public_and_restricted_example_reports(client):
    reports = CbmReport.objects.filter(year=YEAR, example=True)
    assert sorted(reports.values_list("state__code", "visibility", "status")) == [
        ("CHE", "public", "submitted"),
        ("DEU", "public", "submitted"),
        ("FRA", "restricted", "submitted"),
        ("SWE", "restricted", "submitted"),
    ]
    assert load_examples(by=Actor.system("test")) == 0
    page = client.get("/cbm/").content.decode()
    assert page.count("(example)") == 2 and "Exemple" not in page
    fra = reports.get(state__code="FRA")
    assert client.get(f"/cbm/{fra.pk}/").status_code == 404
    deu = reports.get(state__code="DEU")
    assert "An example of the demo, not a State" in client.get(f"/cbm/{deu.pk}/").content.decode()


def test_the_pages_speak_the_reader_s_language(client):
    deu = CbmReport.objects.get(year=YEAR, example=True, state__code="DEU")
    page = client.get(f"/fr/cbm/{deu.pk}/").content.decode()
    assert "Formulaire 0 : rien à déclarer ou rien de nouveau à déclarer" in page
    assert "Nom(s) de l’installation" in page
    assert "Législation" in page
    figures = client.get("/zh-hans/cbm/figures/").content.decode()
    assert "1987年以来的参与情况" in figures and '<svg class="chart"' in figures
