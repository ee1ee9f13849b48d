"""The UN documents known by symbol (documents/data/bwc_documents.yaml), loaded per meeting with
no files: each recorded once under its meeting, twice-safe, a bad file refused with nothing
written; their pages link the official copy at undocs.org and offer no download."""

from __future__ import annotations

import re

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.documents.loader import load_documents
from plenary.documents.models import Document


def doc(symbol):
    d = Document.objects.select_related("meeting", "parent", "on_behalf_of").get(symbol=symbol)
    submitters = [
        s.state.code if s.state else "secretariat"
        for s in d.sponsorships.select_related("state").order_by("position")
    ]
    return (
        d.meeting.series,
        d.title,
        d.doc_type,
        d.number,
        d.parent.symbol if d.parent else None,
        submitters,
        d.on_behalf_of.code if d.on_behalf_of else None,
        d.status,
        d.versions.count(),
        d.issued_files.count(),
    )


def test_the_file_s_documents_are_on_record_under_their_meetings(db):
    result = load_documents(by=Actor.system("test"))
    assert result == {"documents": 38, "changes": 0}
    assert list(
        Document.objects.filter(meeting__series="BWC/WG/3")
        .order_by("position")
        .values_list("symbol", flat=True)
    ) == [
        "BWC/WG/3/CRP.1",
        "BWC/WG/3/1",
        "BWC/WG/3/INF.1",
        "BWC/WG/3/WP.1",
        "BWC/WG/3/WP.2",
        "BWC/WG/3/WP.3",
        "BWC/WG/3/WP.4",
    ]
    assert doc("BWC/WG/3/WP.1") == (
        "BWC/WG/3",
        {"en": "Updated concept paper on the International Agency for Biological Safety"},
        "WP",
        1,
        None,
        ["KAZ"],
        None,
        "issued",
        0,
        0,
    )
    assert doc("BWC/WG/2/CRP.1/Rev.1") == (
        "BWC/WG/2",
        {
            "en": "Revised draft procedural report of the second session of the Working Group on the Strengthening of the Convention"
        },
        "CRP",
        1,
        "BWC/WG/2/CRP.1",
        ["secretariat"],
        None,
        "issued",
        0,
        0,
    )
    assert doc("BWC/MSP/2019/MX.5/WP.4")[5:7] == (["VEN"], "NAM")
    assert doc("BWC/WG/5/WP.12")[5] == ["FRA", "SEN", "TGO"]
    assert Document.objects.get(symbol="BWC/WG/8/CRP.1").issued_on.isoformat() == "2026-01-16"


def test_loading_twice_changes_nothing(db):
    entries = AuditEntry.objects.count()
    assert load_documents(by=Actor.system("test"))["changes"] == 0
    assert AuditEntry.objects.count() == entries


GOOD = "    - {symbol: BWC/WG/10/WP.1, title: {en: A paper}, submitted_by: [FRA]}\n"


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "meetings:\n  BWC/WG/10:\n    documents: [\n",
            "bad.yaml: not valid YAML (line 4, column 1): expected the node content, but found '<stream end>'",
        ),
        ("meetings: [BWC/WG/10]\n", "bad.yaml: meetings must map each meeting's series to its documents"),
        (
            "meetings:\n  BWC/WG/99:\n   documents: []\n",
            "bad.yaml: BWC/WG/99: no such meeting on record; load the meetings first",
        ),
        (
            "meetings:\n  BWC/WG/10:\n   documents:\n"
            + GOOD
            + "    - {symbol: BWC/WG/10/WP.2, title: {en: B}, submitted_by: [XXX]}\n",
            "bad.yaml: BWC/WG/10: documents[1] (BWC/WG/10/WP.2): unknown State(s) XXX",
        ),
        (
            "meetings:\n  BWC/WG/10:\n   documents:\n"
            + GOOD
            + "    - {symbol: BWC/WG/10/WP.2/Rev.1, title: {en: B}}\n",
            "bad.yaml: BWC/WG/10: documents[1] (BWC/WG/10/WP.2/Rev.1): BWC/WG/10/WP.2/Rev.1: its parent BWC/WG/10/WP.2 is not recorded",
        ),
        (
            "meetings:\n  BWC/WG/10:\n   documents:\n"
            + GOOD
            + "    - {symbol: 'BWC/WG/10/WP.3', titel: {en: B}}\n",
            "bad.yaml: BWC/WG/10: documents[1] (BWC/WG/10/WP.3): unknown key(s) titel",
        ),
        (
            "meetings:\n  BWC/WG/10:\n   documents:\n"
            + GOOD
            + "  BWC/WG/9:\n   documents:\n    - {symbol: BWC/WG/3/WP.1, title: {en: Updated concept paper on the International Agency for Biological Safety}}\n",
            "bad.yaml: BWC/WG/9: documents[0] (BWC/WG/3/WP.1): already recorded under BWC/WG/3",
        ),
        (
            "meetings:\n  BWC/WG/10:\n   documents:\n"
            + GOOD
            + "    - {symbol: BWC/WG/10/WP.1, title: {en: A paper}}\n",
            "bad.yaml: BWC/WG/10: documents[1] (BWC/WG/10/WP.1): listed twice",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_written(db, tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = (Document.objects.count(), AuditEntry.objects.count())
    with pytest.raises(DomainError) as info:
        load_documents(path, by=Actor.system("test"))
    assert str(info.value).startswith(message), str(info.value)
    assert (Document.objects.count(), AuditEntry.objects.count()) == before
    assert not Document.objects.filter(symbol="BWC/WG/10/WP.1").exists()


def test_an_issued_document_is_not_retitled_by_a_load(db, tmp_path):
    path = tmp_path / "retitle.yaml"
    path.write_text(
        "meetings:\n  BWC/WG/3:\n   documents:\n    - {symbol: BWC/WG/3/INF.1, title: {en: Participants}}\n",
        encoding="utf-8",
    )
    with pytest.raises(DomainError) as info:
        load_documents(path, by=Actor.system("test"))
    assert str(info.value) == (
        "retitle.yaml: BWC/WG/3: documents[0] (BWC/WG/3/INF.1): BWC/WG/3/INF.1 is issued: its title, "
        "submission by the secretariat cannot change (a correction comes as a Corr. or Rev.)"
    )
    assert Document.objects.get(symbol="BWC/WG/3/INF.1").title == {"en": "List of participants"}


def test_the_pages_link_each_document_to_undocs_and_offer_no_download(client, db):
    page = client.get("/meetings/BWC/WG/3/").content.decode()
    documents = page.split('<section id="documents">', 1)[1].split("</section>", 1)[0]
    # The page lists them by type; each once, in English, at undocs.org.
    links = re.findall(
        r'<a href="(https://undocs.org/[^"]+)" rel="external" class="official-copy"', documents
    )
    assert sorted(links) == sorted(
        f"https://undocs.org/en/BWC/WG/3/{s}" for s in ("CRP.1", "1", "INF.1", "WP.1", "WP.2", "WP.3", "WP.4")
    )
    assert "/api/documents/" not in documents
    assert " download" not in documents
    one = client.get("/documents/BWC/WG/3/WP.1").content.decode()
    section = one.split('<section id="read">', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'<a class="official-copy" href="([^"]+)" rel="external">', section) == [
        "https://undocs.org/en/BWC/WG/3/WP.1"
    ]
    assert 'class="button"' not in section
    assert "/versions/" not in one
    assert "Updated concept paper on the International Agency for Biological Safety" in one
