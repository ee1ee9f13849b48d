"""Lists of participants: generated from the delegations as PDF and Word, recorded as MISC.1
(then revisions) and INF.1 (once)."""

from __future__ import annotations

import hashlib
import io
import subprocess

import docx
import pytest

from plenary.core.actor import Actor
from plenary.documents.models import Document, IssuedFile
from plenary.participation.domain import register_delegation
from plenary.participation.models import Organization
from plenary.treaties.models import State
from tests.helpers import body

URL = "/office/meetings/BWC/MSP/2018/participants/"


@pytest.fixture
def delegations(msp2018):
    register_delegation(
        msp2018,
        state=State.objects.get(code="FRA"),
        members=[
            {"name": "Mme Claire Dupont", "role": "member", "function": "Conseillère"},
            {"name": "M. Jean Martin", "role": "head", "function": "Ambassadeur"},
        ],
        by=Actor.system("test"),
    )
    register_delegation(msp2018, state=State.objects.get(code="DEU"), by=Actor.system("test"))
    register_delegation(
        msp2018, state=State.objects.get(code="ISR"), by=Actor.system("test")
    )  # pending: not listed
    register_delegation(
        msp2018,
        organization=Organization.objects.get(code="WHO"),
        status="registered",
        by=Actor.system("test"),
    )


def pdf_lines(content: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout
    return [line.strip() for line in text.decode().splitlines() if line.strip()]


def test_misc1_then_revisions_as_pdf_and_docx(staff, delegations):
    response = staff.post(URL, {"kind": "MISC", "lang": "en"})
    assert (response.status_code, response["Location"]) == (302, URL)
    document = Document.objects.get(symbol="BWC/MSP/2018/MISC.1")
    assert (document.doc_type, document.number, document.title["en"], document.original_language) == (
        "MISC",
        1,
        "Provisional list of participants",
        "en",
    )

    pdf = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/MISC.1", "lang": "en", "fmt": "pdf"})
    assert (pdf["Content-Type"], pdf["Content-Disposition"]) == (
        "application/pdf",
        'attachment; filename="BWC_MSP_2018_MISC.1-EN.pdf"',
    )
    content = body(pdf)
    assert content.startswith(b"%PDF")
    assert pdf_lines(content) == [
        "BWC/MSP/2018/MISC.1",
        "BWC/MSP/2018/MISC.1",
        "Provisional list",
        "Meeting of States Parties (BWC/MSP/2018)",
        "List of participants",
        "State Party",
        "France",
        "M. Jean Martin, Ambassadeur",
        "Mme Claire Dupont, Conseillère",
        "Germany",
        "international organization, observer (rule 44.4)",
        "World Health Organization",
        "1",
    ]

    word = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/MISC.1", "lang": "fr", "fmt": "docx"})
    assert word["Content-Disposition"] == 'attachment; filename="BWC_MSP_2018_MISC.1-FR.docx"'
    paragraphs = [p.text for p in docx.Document(io.BytesIO(body(word))).paragraphs]
    assert paragraphs == [
        "Liste provisoire",
        "Réunion des États parties (BWC/MSP/2018)",
        "Liste des participants",
        "État partie",
        "Allemagne",
        "France",
        "M. Jean Martin, Ambassadeur",
        "Mme Claire Dupont, Conseillère",
        "organisation internationale, observateur (art. 44, par. 4)",
        "Organisation mondiale de la Santé",
    ]

    staff.post(URL, {"kind": "MISC", "lang": "en"})
    staff.post(URL, {"kind": "MISC", "lang": "fr"})
    assert list(
        Document.objects.filter(symbol__startswith="BWC/MSP/2018/MISC.1")
        .order_by("id")
        .values_list("symbol", "parent__symbol")
    ) == [
        ("BWC/MSP/2018/MISC.1", None),
        ("BWC/MSP/2018/MISC.1/Rev.1", "BWC/MSP/2018/MISC.1"),
        ("BWC/MSP/2018/MISC.1/Rev.2", "BWC/MSP/2018/MISC.1"),
    ]
    page = staff.get(URL)
    assert [row["document"].symbol for row in page.context["recorded"]] == [
        "BWC/MSP/2018/MISC.1",
        "BWC/MSP/2018/MISC.1/Rev.1",
        "BWC/MSP/2018/MISC.1/Rev.2",
    ]
    rev = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/MISC.1/Rev.1", "lang": "en", "fmt": "pdf"})
    assert pdf_lines(body(rev))[:2] == ["BWC/MSP/2018/MISC.1/Rev.1", "BWC/MSP/2018/MISC.1/Rev.1"]


def test_inf1_is_recorded_once(staff, delegations):
    assert staff.post(URL, {"kind": "INF", "lang": "en"}).status_code == 302
    response = staff.post(URL, {"kind": "INF", "lang": "en"})
    assert response.status_code == 422
    message = (
        "BWC/MSP/2018/INF.1, the final list of participants, is already recorded: it is issued once; "
        "correct it by a corrigendum"
    )
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert Document.objects.filter(symbol__startswith="BWC/MSP/2018/INF.1").count() == 1
    pdf = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/INF.1", "lang": "en", "fmt": "pdf"})
    assert "Provisional list" not in pdf_lines(body(pdf))


def test_names_follow_the_language(staff, delegations):
    staff.post(URL, {"kind": "MISC", "lang": "zh"})
    pdf = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/MISC.1", "lang": "zh", "fmt": "pdf"})
    lines = pdf_lines(body(pdf))
    # Chinese lists keep the English order: France before Germany.
    assert lines[2:5] == ["临时名单", "缔约国会议 (BWC/MSP/2018)", "与会者名单"]
    assert [line for line in lines if line in ("法国", "德国")] == ["法国", "德国"]


def test_a_meeting_without_registered_delegations_has_no_list(staff, msp2018):
    response = staff.post(URL, {"kind": "MISC", "lang": "en"})
    assert response.context["form"].non_field_errors() == [
        "BWC/MSP/2018 has no registered delegation whose registration is approved: "
        "there is no one to list yet"
    ]


def test_a_file_of_another_document_is_not_served(staff):
    response = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2017/6", "lang": "en", "fmt": "pdf"})
    assert (response.status_code, response.content.decode()) == (
        404,
        "BWC/MSP/2017/6 is not a list of participants of BWC/MSP/2018",
    )


def test_an_issued_list_is_served_from_its_stored_files(staff, delegations, msp2018):
    response = staff.post(URL, {"kind": "MISC", "lang": "en", "languages": ["en", "fr"]})
    assert response.status_code == 302
    document = Document.objects.get(symbol="BWC/MSP/2018/MISC.1")
    rows = {(f.lang, f.fmt): f for f in IssuedFile.objects.filter(document=document)}
    assert sorted(rows) == [("en", "docx"), ("en", "pdf"), ("fr", "docx"), ("fr", "pdf")]
    first = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/MISC.1", "lang": "en", "fmt": "pdf"})
    content = body(first)
    assert (first["ETag"], hashlib.sha256(content).hexdigest()) == (
        f'"{rows[("en", "pdf")].sha256}"',
        rows[("en", "pdf")].sha256,
    )

    # A late registration is a fact for the next revision; the issued list does not change.
    register_delegation(msp2018, state=State.objects.get(code="ITA"), by=Actor.system("test"))
    again = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/MISC.1", "lang": "en", "fmt": "pdf"})
    assert body(again) == content
    assert "Italy" not in pdf_lines(content)
    staff.post(URL, {"kind": "MISC", "lang": "en", "languages": ["en"]})
    rev = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/MISC.1/Rev.1", "lang": "en", "fmt": "pdf"})
    assert "Italy" in pdf_lines(body(rev))

    missing = staff.get(f"{URL}file/", {"symbol": "BWC/MSP/2018/MISC.1", "lang": "ru", "fmt": "pdf"})
    assert (missing.status_code, missing.content.decode()) == (
        404,
        "BWC/MSP/2018/MISC.1 was not issued in ru (pdf): no such file is stored",
    )
    page = staff.get(URL)
    assert [(f["lang"], f["links"]) for f in page.context["recorded"][0]["files"]] == [
        (
            "en",
            [
                ("pdf", f"{URL}file/?symbol=BWC/MSP/2018/MISC.1&lang=en&fmt=pdf"),
                ("docx", f"{URL}file/?symbol=BWC/MSP/2018/MISC.1&lang=en&fmt=docx"),
            ],
        ),
        (
            "fr",
            [
                ("pdf", f"{URL}file/?symbol=BWC/MSP/2018/MISC.1&lang=fr&fmt=pdf"),
                ("docx", f"{URL}file/?symbol=BWC/MSP/2018/MISC.1&lang=fr&fmt=docx"),
            ],
        ),
    ]


def test_a_failed_list_leaves_no_document_and_no_file(staff, delegations, monkeypatch, settings, tmp_path):
    from plenary.reports import lists

    settings.MEDIA_ROOT = str(tmp_path)

    def broken(doc):
        raise RuntimeError("Word could not be written")

    monkeypatch.setitem(lists.RENDERERS, "docx", broken)
    with pytest.raises(RuntimeError, match="Word could not be written"):
        staff.post(URL, {"kind": "INF", "lang": "en", "languages": ["en"]})
    assert not Document.objects.filter(symbol="BWC/MSP/2018/INF.1").exists()
    assert not IssuedFile.objects.filter(document__symbol="BWC/MSP/2018/INF.1").exists()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []
