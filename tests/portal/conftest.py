"""Personas and a small world for the portal's tests.

The demo data ends in 2022, so "today" is set to 15 November 2018: the 2018 Meeting of States
Parties (4-7 December 2018) is open for registration, the 2017 one has ended.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.core.actor import Actor
from plenary.documents import domain as docs
from plenary.participation import domain as participation
from plenary.proceedings import domain as proceedings
from tests.helpers import tiny_pdf

TODAY = dt.date(2018, 11, 15)

PDF = tiny_pdf()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name: str = "paper.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _today_and_media(monkeypatch, settings, tmp_path):
    from plenary.core import clock

    monkeypatch.setattr(clock, "today", lambda: TODAY)
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def msp2018(db):
    from plenary.meetings.models import Meeting

    return Meeting.objects.get(series="BWC/MSP/2018")


@pytest.fixture
def as_(client, people):
    """as_("fra_fp") -> the test client signed in as that persona (staff skip TOTP: force_login)."""

    def sign_in(persona: str):
        client.logout()
        if people[persona] is not None:
            client.force_login(people[persona])
        return client

    return sign_in


def person_rows(rows: list[dict[str, str]], *, prefix: str = "form") -> dict[str, str]:
    """POST data of the people formset for these rows (keys: honorific, family_name,
    given_names, function, email, role)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "101",
    }
    for i, row in enumerate(rows):
        for key in ("honorific", "family_name", "given_names", "function", "email"):
            data[f"{prefix}-{i}-{key}"] = row.get(key, "")
        data[f"{prefix}-{i}-role"] = row.get("role", "member")
    return data


def members(head: str = "Ms Alice Head", *others: str, credentials: bool = True) -> dict:
    """POST data of a registration: the head and the others by family name (with the head's
    function "Ambassador", the others' "Counsellor"), and a PDF note verbale."""
    rows = [{"family_name": head, "function": "Ambassador", "role": "head"}]
    rows += [{"family_name": o, "function": "Counsellor", "role": "member"} for o in others]
    data: dict = person_rows(rows)
    if credentials:
        data["credentials"] = pdf_upload("note-verbale.pdf")
    return data


@pytest.fixture
def world(people, msp2018):
    """FRA and DEU registered at BWC/MSP/2018 by their focal points (received, not yet checked;
    no credentials) and VERTIC by staff (approved); a draft FRA paper with an
    English file and DEU invited; a submitted FRA paper; FRA waiting for the floor."""
    from plenary.participation.models import Organization
    from plenary.treaties.models import State

    staff = people["staff"]
    fra, deu = State.objects.get(code="FRA"), State.objects.get(code="DEU")
    w = {"fra": fra, "deu": deu}
    w["fra_d"] = participation.register_delegation(
        msp2018, by=Actor.of(people["fra_fp"]), state=fra, members=[{"name": "A", "role": "head"}]
    )  # received: the secretariat has not checked it yet
    w["deu_d"] = participation.register_delegation(
        msp2018, by=Actor.of(people["deu_fp"]), state=deu, members=[{"name": "B", "role": "head"}]
    )
    w["ngo_d"] = participation.register_delegation(
        msp2018,
        by=Actor.of(staff),
        organization=Organization.objects.get(code="VERTIC"),
        members=[{"name": "C", "role": "head"}],
    )
    draft = docs.create_working_paper(
        w["fra_d"], by=Actor.of(people["fra_del"]), title={"en": "Draft paper"}, original_language="en"
    )
    docs.add_paper_file(draft, by=Actor.of(people["fra_del"]), lang="en", upload=pdf_upload())
    w["invitation"] = docs.invite_co_sponsor(draft, deu, by=Actor.of(people["fra_fp"]))
    w["draft"] = draft
    sent = docs.create_working_paper(
        w["fra_d"], by=Actor.of(people["fra_fp"]), title={"en": "Submitted paper"}, original_language="en"
    )
    docs.add_paper_file(sent, by=Actor.of(people["fra_fp"]), lang="en", upload=pdf_upload())
    w["submitted"] = docs.submit_working_paper(sent, by=Actor.of(people["fra_fp"]))
    w["fra_floor"] = proceedings.request_floor(w["fra_d"], by=Actor.of(people["fra_del"]))
    return w
