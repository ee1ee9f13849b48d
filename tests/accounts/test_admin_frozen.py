"""The admin shows the official record read-only, to a superuser too: an issued document, a
report and an issued file refuse every change and every deletion there."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from plenary.documents.models import Document, IssuedFile
from plenary.reports.models import Report


@pytest.fixture
def root(client, db):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "a long admin passphrase"))
    return client


def state() -> tuple:
    document = Document.objects.get(symbol="BWC/MSP/2017/6")
    report = Report.objects.get(meeting__series="BWC/MSP/2017")
    files = list(
        IssuedFile.objects.filter(document=document).order_by("id").values_list("pk", "file", "sha256")
    )
    return (
        (document.title, document.status, document.issued_on, document.symbol),
        (report.status, report.final_id, report.adopted_on, report.texts),
        files,
    )


def targets() -> list[tuple[str, int]]:
    document = Document.objects.get(symbol="BWC/MSP/2017/6")
    return [
        ("documents/document", document.pk),
        ("reports/report", Report.objects.get(meeting__series="BWC/MSP/2017").pk),
        ("documents/issuedfile", IssuedFile.objects.get(document=document, lang="zh", fmt="pdf").pk),
    ]


def test_the_change_pages_show_the_record_read_only(root):
    for model, pk in targets():
        page = root.get(f"/admin/{model}/{pk}/change/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'name="_save"' not in html and "/delete/" not in html


@pytest.mark.parametrize("what", ["change", "delete"])
def test_a_superuser_cannot_change_or_delete_an_issued_record(root, what):
    before = state()
    for model, pk in targets():
        data = (
            {"post": "yes"} if what == "delete" else {"status": "draft", "title": '{"en": "x"}', "_save": "1"}
        )
        response = root.post(f"/admin/{model}/{pk}/{what}/", data)
        assert response.status_code == 403, (model, response.status_code)
    assert state() == before


def test_nor_through_the_list_actions_or_the_add_page(root):
    before = state()
    for model, pk in targets():
        response = root.post(
            f"/admin/{model}/", {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
        )
        assert response.status_code in (200, 302)
        assert root.post(f"/admin/{model}/add/", {}).status_code == 403
    assert state() == before
