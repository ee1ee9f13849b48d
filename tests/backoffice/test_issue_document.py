"""The back office's "Issue a document" page, per persona: staff alone issue; an error brings the
form back with everything typed and every file sent; what is issued is served from the public page."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.helpers import tiny_pdf

URL = "/office/meetings/BWC/MSP/2026/documents/issue/"
PDF_EN = tiny_pdf("the English text")
PDF_ZH = tiny_pdf("the Chinese text")


@pytest.fixture(autouse=True)
def stores(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PENDING_UPLOADS_DIR = tmp_path / "pending"
    return tmp_path


@pytest.fixture
def msp2026(db):
    return MeetingFactory(series="BWC/MSP/2026")


def client_of(people, persona: str) -> Client:
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    return client


def pdf(name="report.pdf", data=PDF_EN):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def form(**values) -> dict:
    data = {
        "doc_type": "INF",
        "symbol": "",
        "original_language": "en",
        "submitted_by": "secretariat",
        "only_in": "",
        "agenda_item": "",
        "on": "2026-11-02",
        **{f"kind_{code}": "official" for code in ("ar", "zh", "en", "fr", "ru", "es")},
        "title_en": "Information for participants",
        "title_zh": "与会者须知",
    }
    data.update(values)
    return data


def errors_of(response) -> list[str]:
    return re.findall(
        r'<ul class="errorlist nonfield" role="alert"><li>(.*?)</li>', response.content.decode()
    )


def test_staff_see_the_form_with_the_next_free_symbols(people, msp2026):
    AgendaItemFactory(meeting=msp2026, number=8, title={"en": "Universalization"})
    response = client_of(people, "staff").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.findall(r"<li><code>([^<]+)</code>", html) == [
        "BWC/MSP/2026/3",
        "BWC/MSP/2026/INF.2",
        "BWC/MSP/2026/CRP.1",
        "BWC/MSP/2026/MISC.2",
        "BWC/MSP/2026/WP.1",
    ]
    for code in ("ar", "zh", "en", "fr", "ru", "es"):
        assert (
            f'name="file_{code}"' in html and f'name="title_{code}"' in html and f'name="kind_{code}"' in html
        )
    assert ">8. Universalization</option>" in html
    # Linked from the meeting's back-office page and its documents page.
    for page in ("/office/meetings/BWC/MSP/2026/", "/office/meetings/BWC/MSP/2026/documents/"):
        assert f'href="{URL}"' in client_of(people, "staff").get(page).content.decode()


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "deu_fp", "deu_del", "ngo", "officer"])
def test_no_one_else_may_issue(people, msp2026, persona):
    client = client_of(people, persona)
    assert client.get(URL).status_code == 403
    response = client.post(URL, form(file_en=pdf()))
    assert response.status_code == 403
    assert list(Document.objects.filter(meeting=msp2026)) == []


def test_an_anonymous_visitor_is_sent_to_sign_in(people, msp2026):
    client = client_of(people, "anonymous")
    assert client.get(URL)["Location"] == f"/accounts/sign-in/?next={URL}"
    assert client.post(URL, form(file_en=pdf())).status_code == 302
    assert list(Document.objects.filter(meeting=msp2026)) == []


def test_staff_issue_an_inf_document_with_two_languages(people, msp2026, stores):
    client = client_of(people, "staff")
    response = client.post(URL, form(file_en=pdf(), file_zh=pdf("zh.pdf", PDF_ZH), only_in=""))
    assert response.status_code == 302
    assert response["Location"] == "/office/meetings/BWC/MSP/2026/documents/"
    document = Document.objects.get(meeting=msp2026)
    assert (document.symbol, document.title) == (
        "BWC/MSP/2026/INF.2",
        {"en": "Information for participants", "zh": "与会者须知"},
    )
    assert sorted(IssuedFile.objects.filter(document=document).values_list("lang", "sha256")) == [
        ("en", hashlib.sha256(PDF_EN).hexdigest()),
        ("zh", hashlib.sha256(PDF_ZH).hexdigest()),
    ]
    entry = AuditEntry.objects.get(action="document.issue")
    assert (entry.actor, entry.via) == ("staff", "page")
    page = client.get("/office/meetings/BWC/MSP/2026/documents/").content.decode()
    assert "Issued BWC/MSP/2026/INF.2: 2 file(s) stored as issued." in page


def test_an_error_brings_back_every_value_and_file_and_the_next_attempt_issues(people, msp2026, stores):
    client = client_of(people, "staff")
    first = client.post(
        URL,
        form(
            title_en="",
            file_en=pdf("../../secret/report.pdf"),
            file_zh=pdf("zh.pdf", PDF_ZH),
            kind_zh="informal",
        ),
    )
    assert first.status_code == 400
    assert errors_of(first) == ["give the title in the original language (en)"]
    html = first.content.decode()
    assert 'value="与会者须知"' in html  # the Chinese title, as typed
    assert re.search(r'<option value="informal" selected>', html)
    kept = dict(re.findall(r'name="kept_(\w\w)" value="([0-9a-f]{32})"', html))
    assert sorted(kept) == ["en", "zh"]
    assert f"Kept from your last attempt: report.pdf ({len(PDF_EN)} bytes)" in html
    assert sorted(p.name for p in (stores / "pending").iterdir()) == sorted(kept.values())
    assert list(Document.objects.filter(meeting=msp2026)) == []
    assert not (stores / "media").exists()

    # The second attempt sends no file again: the kept ones are issued.
    second = client.post(URL, form(kind_zh="informal", kept_en=kept["en"], kept_zh=kept["zh"]))
    assert second.status_code == 302
    document = Document.objects.get(meeting=msp2026)
    rows = {r.lang: r for r in IssuedFile.objects.filter(document=document)}
    assert {lang: (r.sha256, r.file.name) for lang, r in rows.items()} == {
        "en": (hashlib.sha256(PDF_EN).hexdigest(), "documents/2026/BWC_MSP_2026_INF.2-EN.pdf"),
        "zh": (hashlib.sha256(PDF_ZH).hexdigest(), "documents/2026/BWC_MSP_2026_INF.2-ZH.pdf"),
    }
    assert document.versions.get(lang="zh").kind == "informal"
    assert list((stores / "pending").iterdir()) == []  # nothing kept once issued


def test_a_kept_file_can_be_dropped_or_replaced(people, msp2026):
    client = client_of(people, "staff")
    first = client.post(URL, form(title_en="", file_en=pdf(), file_fr=pdf("fr.pdf")))
    kept = dict(re.findall(r'name="kept_(\w\w)" value="([0-9a-f]{32})"', first.content.decode()))
    other = tiny_pdf("another English text")
    second = client.post(
        URL, form(kept_en=kept["en"], file_en=pdf("new.pdf", other), kept_fr=kept["fr"], drop_fr="1")
    )
    assert second.status_code == 302
    document = Document.objects.get(meeting=msp2026)
    assert list(IssuedFile.objects.filter(document=document).values_list("lang", "sha256")) == [
        ("en", hashlib.sha256(other).hexdigest())
    ]


def test_another_users_kept_file_is_not_taken(people, msp2026):
    first = client_of(people, "staff").post(URL, form(title_en="", file_en=pdf()))
    token = re.search(r'name="kept_en" value="([0-9a-f]{32})"', first.content.decode()).group(1)
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role
    from plenary.core.actor import Actor

    colleague = User.objects.create(username="colleague")
    grant_role(colleague, "staff", by=Actor.system("test"))
    client = Client()
    client.force_login(colleague)
    for hostile in (token, "../../../etc/passwd", "0" * 32):
        response = client.post(URL, form(kept_en=hostile))
        assert response.status_code == 400
        assert errors_of(response) == ["send the file of at least the original language (English)"]
    assert list(Document.objects.filter(meeting=msp2026)) == []


@pytest.mark.parametrize(
    "values, status, message",
    [
        (
            {"file_en": pdf(data=b"<html><body>not a pdf</body></html>")},
            400,
            "the English file: the file&#x27;s content is not a .pdf file",
        ),
        (
            {"file_en": pdf(), "symbol": "BWC/MSP/2017/INF.1"},
            400,
            "BWC/MSP/2017/INF.1 is not a symbol of BWC/MSP/2026: a document of this meeting is numbered "
            "BWC/MSP/2026/INF.2 and so on",
        ),
        (
            {"file_en": pdf(), "file_zh": pdf(), "only_in": "en"},
            400,
            "the document is issued in English only: the Chinese file can only be an informal translation",
        ),
    ],
)
def test_bad_input_comes_back_with_the_domains_message(people, msp2026, values, status, message):
    response = client_of(people, "staff").post(URL, form(**values))
    assert response.status_code == status
    assert errors_of(response) == [message]
    assert list(Document.objects.filter(meeting=msp2026)) == []


def test_a_taken_symbol_is_refused_on_the_page(people, msp2026):
    client = client_of(people, "staff")
    assert client.post(URL, form(file_en=pdf(), symbol="BWC/MSP/2026/INF.5")).status_code == 302
    response = client.post(URL, form(file_en=pdf(), symbol="bwc/msp/2026/inf.5"))
    assert response.status_code == 400
    assert errors_of(response) == [
        "BWC/MSP/2026/INF.5 is already taken (Information for participants): leave the symbol empty for "
        "the next free one, BWC/MSP/2026/INF.6"
    ]
    assert 'value="bwc/msp/2026/inf.5"' in response.content.decode()


def test_an_empty_file_is_refused_by_the_form(people, msp2026):
    response = client_of(people, "staff").post(URL, form(file_en=pdf(data=b"")))
    assert response.status_code == 400
    assert "The submitted file is empty." in response.content.decode()
    assert list(Document.objects.filter(meeting=msp2026)) == []


def test_a_bad_shape_is_a_form_error(people, msp2026):
    response = client_of(people, "staff").post(URL, form(file_en=pdf(), doc_type="XYZ", on="2026-13-45"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice. XYZ is not one of the available choices." in html
    assert "Enter a valid date." in html
    assert list(Document.objects.filter(meeting=msp2026)) == []
