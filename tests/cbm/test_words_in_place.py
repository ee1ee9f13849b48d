# ruff: noqa: F811
"""The CBM pages show the app's words where the site's catalogue translates the same English
otherwise (tests/web/test_catalogue_conflicts.py): the contact person's title and name, a draft,
an empty list of reports."""

from __future__ import annotations

import pytest
from django.urls import reverse as django_reverse
from django.utils import translation

from plenary.cbm import domain
from plenary.core.actor import Actor
from tests.cbm.test_domain import cast, fra  # noqa: F401

pytestmark = pytest.mark.django_db


def reverse(name, args=()):
    """The English address, whatever language the last answer left active; the tests prefix it."""
    with translation.override("en"):
        return django_reverse(name, args=args)


@pytest.mark.parametrize(
    ("prefix", "title", "name", "not_shown"),
    [
        ("/es", "Tratamiento", "Nombre", "Título"),
        ("/ru", "Обращение", "Имя", "Название"),
        ("/zh-hans", "称谓", "姓名", "标题"),
    ],
)
def test_the_draft_names_the_contact_persons_title_and_name(
    client, cast, fra, prefix, title, name, not_shown
):
    report = domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["fr"])
    client.force_login(cast["fra_cp"])
    page = client.get(prefix + reverse("portal:cbm_report", args=[report.pk])).content.decode()
    assert f'<label for="id_contact_title">{title}</label>' in page
    assert f'<label for="id_contact_name">{name}</label>' in page
    assert not_shown not in page


def test_an_empty_list_of_reports_and_then_a_draft_in_spanish(client, cast, fra):
    client.force_login(cast["fra_cp"])
    assert "Todavía no hay informes." in client.get("/es" + reverse("portal:cbm_reports")).content.decode()
    domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["es"])
    page = client.get("/es" + reverse("portal:cbm_reports")).content.decode()
    assert "<td>borrador</td>" in page and "proyecto" not in page


@pytest.mark.parametrize(("prefix", "public"), [("/fr", "public"), ("/es", "público"), ("/ru", "открытый")])
def test_a_public_report_is_one_report_not_many(client, cast, fra, prefix, public):
    cp = Actor.of(cast["fra_cp"])
    report = domain.start_report(fra, 2025, by=cp, languages=["fr"])
    domain.set_declaration(report, "A1", "nothing", by=cp)
    domain.submit_report(report, visibility="public", by=cp)
    page = client.get(prefix + reverse("web:cbm_reports")).content.decode()
    assert f"<td>{public}</td>" in page
