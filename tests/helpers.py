"""Small helpers the tests share."""

from __future__ import annotations

from plenary.documents import numbering
from plenary.documents.symbols import format_symbol


def next_wp_symbol(meeting) -> str:
    """The symbol the meeting's next working paper would take (as the staff page shows it)."""
    return format_symbol(meeting.series, "WP", numbering.peek_number(meeting, "WP"))


def body(response) -> bytes:
    """The bytes of a response, streamed (a file download) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def fake_pdf(doc) -> bytes:
    """A stand-in for WeasyPrint in tests of what issuing does (the PDF renderer itself is tested in
    tests/reports/test_render.py): a PDF header and the report's text, so that it is fast and its
    bytes still follow the records."""
    from plenary.reports.render import render_txt

    return b"%PDF-1.7 test\n" + render_txt(doc).encode("utf-8")


def forget_issued_files(symbol: str) -> None:
    """Test set-up only: take the demo's issued files off `symbol`, to issue it again as it was
    issued in 2017 (no code path of Plenary deletes an issued file)."""
    from plenary.documents.models import IssuedFile

    IssuedFile.objects.filter(document__symbol=symbol).delete()


def meeting_counts(series: str) -> dict:
    """What a meeting's record holds, counted: to show that a refused load changed nothing."""
    from plenary.documents.models import Document
    from plenary.meetings.models import Meeting
    from plenary.reports.models import Report

    meeting = Meeting.objects.get(series=series)
    report = Report.objects.filter(meeting=meeting).first()
    return {
        "documents": Document.objects.filter(meeting=meeting).count(),
        "statements": meeting.statements.count(),
        "decisions": meeting.decisions.count(),
        "delegations": meeting.delegations.count(),
        "report": report.status if report else None,
    }


# The 2017 Meeting of States Parties as the demo records it.
COUNTS_2017 = {"documents": 36, "statements": 91, "decisions": 5, "delegations": 133, "report": "issued"}
