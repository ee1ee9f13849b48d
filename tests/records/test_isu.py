"""records.isu and records.universalization: the ISU's yearly figures from the records, the Chair's
universalization report, and their drafts for the Meeting of States Parties in six languages."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.documents import numbering
from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.records import isu
from plenary.records.universalization import draft_universalization_report, universalization_report
from plenary.treaties.domain import record_contact
from plenary.treaties.models import State, TreatyEvent
from plenary.treaties.queries import treaty_status

SYSTEM = Actor.system("test")


def test_the_figures_of_2017_come_from_the_records(bwc):
    figures = isu.yearly_figures(2017)
    assert {k: figures[k] for k in ("year", "meetings", "documents", "participation")} == {
        "year": 2017,
        "meetings": {"held": 1, "days": 5, "by_kind": {"MSP": 1}, "series": ["BWC/MSP/2017"]},
        "documents": {"issued": 34, "by_type": {"CRP": 2, "INF": 1, "MISC": 1, "WP": 24, "official": 6}},
        "participation": {
            "delegations": 169,
            "states_parties": 116,
            "signatories": 2,
            "observer_states": 2,
            "organizations": 49,
            "participants": 0,
        },
    }
    status = treaty_status(bwc, dt.date(2017, 12, 31))
    assert figures["universalization"] == {
        "states_parties": len(status.states_parties),
        "joined": TreatyEvent.objects.filter(
            date__year=2017, kind__in=["ratification", "accession", "succession"]
        ).count(),
        "signatories": len(status.signatories),
        "neither": len(status.neither),
        "contacts": 0,
    }
    assert set(figures) == {"year", "meetings", "documents", "participation", "universalization", *isu.APPS}


def test_an_app_without_yearly_figures_gives_none():
    assert isu.app_figures("nosuchapp", 2017) is None


def test_the_public_figures_leave_out_article_vii_and_the_finances(bwc):
    public = isu.public_figures(isu.yearly_figures(2017))
    assert set(public) == {
        "year",
        "meetings",
        "documents",
        "participation",
        "universalization",
        "cbm",
        "cooperation",
        "sponsorship",
    }


def test_figures_over_the_years_cost_the_same_queries_for_one_year_and_ten(bwc):
    with CaptureQueriesContext(connection) as one:
        isu.over_the_years(bwc, 2017, 2017)
    with CaptureQueriesContext(connection) as ten:
        rows = isu.over_the_years(bwc, 2016, 2025)
    assert len(one.captured_queries) == len(ten.captured_queries)
    assert [r["year"] for r in rows] == list(range(2016, 2026))
    parties = len(treaty_status(bwc, dt.date(2017, 12, 31)).states_parties)
    assert rows[1] == {
        "year": 2017,
        "meetings": 1,
        "documents": 34,
        "delegations": 169,
        "states_parties": parties,
    }


def _texts(document, lang):
    version = document.versions.get(lang=lang)
    with version.file.open("rb") as fh:
        word = docx.Document(io.BytesIO(fh.read()))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    return [p.text for p in word.paragraphs], cells


def test_the_isu_draft_takes_the_next_symbol_and_has_six_word_files(bwc, people):
    msp = Meeting.objects.get(series="BWC/MSP/2026")
    expected = numbering.peek_document_symbol(msp)
    document = isu.draft_isu_report(2026, by=people.actor("staff"))
    assert (document.symbol, document.status, document.meeting_id) == (expected, "draft", msp.pk)
    assert [v.lang for v in document.versions.all()] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert all(v.file.name.endswith(".docx") for v in document.versions.all())
    paragraphs, _cells = _texts(document, "en")
    assert paragraphs[4:8] == [
        "Report of the Implementation Support Unit (including report on participation in the "
        "confidence-building measures)",
        "Summary",
        paragraphs[6],
        "I.\tIntroduction",
    ]
    assert paragraphs[6].startswith("In 2026 the Implementation Support Unit supported ")
    assert isu.draft_of(2026) == document
    with pytest.raises(Frozen, match=f"the draft is already recorded as {expected}"):
        isu.draft_isu_report(2026, by=SYSTEM)


@pytest.mark.parametrize("persona", ["anonymous", "fra_fp", "fra_del", "ngo", "officer"])
def test_only_staff_draft(bwc, people, persona):
    count = Document.objects.count()
    with pytest.raises(NotAllowed):
        isu.draft_isu_report(2026, by=people.actor(persona))
    with pytest.raises(NotAllowed):
        draft_universalization_report(bwc, year=2026, on=dt.date(2026, 1, 1), by=people.actor(persona))
    assert Document.objects.count() == count


def test_no_draft_without_a_meeting_of_states_parties_of_the_year(bwc):
    with pytest.raises(DomainError, match="no Meeting of States Parties of 2031 is recorded"):
        isu.draft_isu_report(2031, by=SYSTEM)


def test_the_chairs_report_lists_the_states_not_party_with_their_contacts(bwc):
    contact = record_contact(
        bwc,
        State.objects.get(code="EGY"),
        date=dt.date(2025, 6, 2),
        kind="meeting",
        made_by="isu",
        summary="Meeting with the Permanent Mission (example)",
        outcome="Interest in a national workshop (example)",
        source="example",
        by=SYSTEM,
    )
    on = dt.date(2025, 12, 31)
    report = universalization_report(bwc, year=2025, on=on)
    status = treaty_status(bwc, on)
    assert (report.parties, [r.code for r in report.signatories], [r.code for r in report.neither]) == (
        len(status.states_parties),
        list(status.signatories),
        list(status.neither),
    )
    assert report.contacts == 1
    assert {r.code: r.contacts for r in report.signatories}["EGY"] == (contact,)
    assert [(e.state.code, e.date.year) for e in report.joined] == list(
        TreatyEvent.objects.filter(date__year=2025, kind__in=["ratification", "accession", "succession"])
        .order_by("date", "state__code")
        .values_list("state__code", "date__year")
    )
    expected = numbering.peek_document_symbol(Meeting.objects.get(series="BWC/MSP/2025"))
    document = draft_universalization_report(bwc, year=2025, on=on, by=SYSTEM)
    assert document.symbol == expected
    paragraphs, cells = _texts(document, "en")
    assert paragraphs[3:6] == [
        "Meeting of States Parties of 2025",
        "Submitted by the Chair",
        "Report of the Chair on universalization activities",
    ]
    assert (
        "2 June 2025: meeting, the Implementation Support Unit. Meeting with the Permanent Mission (example) "
        "Outcome: Interest in a national workshop (example) [Source: example]"
    ) in cells
    assert "Egypt" in cells
