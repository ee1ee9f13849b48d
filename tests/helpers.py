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


# A new meeting's agenda and programme of work, titled in the six languages (tests of the
# provisional agenda /1 and programme of work /2).
AGENDA_TITLES = {
    "opening": {
        "ar": "افتتاح الاجتماع",
        "zh": "会议开幕",
        "en": "Opening of the meeting",
        "fr": "Ouverture de la Réunion",
        "ru": "Открытие Совещания",
        "es": "Apertura de la Reunión",
    },
    "adoption": {
        "ar": "إقرار جدول الأعمال",
        "zh": "通过议程",
        "en": "Adoption of the agenda",
        "fr": "Adoption de l'ordre du jour",
        "ru": "Утверждение повестки дня",
        "es": "Aprobación del programa",
    },
    "debate": {
        "ar": "المناقشة العامة",
        "zh": "一般性辩论",
        "en": "General debate",
        "fr": "Débat général",
        "ru": "Общие прения",
        "es": "Debate general",
    },
    "states": {
        "ar": "بيانات الدول الأطراف",
        "zh": "缔约国的发言",
        "en": "Statements by States Parties",
        "fr": "Déclarations des États parties",
        "ru": "Заявления государств-участников",
        "es": "Declaraciones de los Estados Partes",
    },
    "observers": {
        "ar": "بيانات المراقبين",
        "zh": "观察员的发言",
        "en": "Statements by observers",
        "fr": "Déclarations des observateurs",
        "ru": "Заявления наблюдателей",
        "es": "Declaraciones de los observadores",
    },
    "ngos": {
        "ar": "اجتماع غير رسمي مع المنظمات غير الحكومية",
        "zh": "与非政府组织的非正式会议",
        "en": "Informal meeting with non-governmental organizations",
        "fr": "Réunion informelle avec les organisations non gouvernementales",
        "ru": "Неофициальное заседание с неправительственными организациями",
        "es": "Reunión oficiosa con las organizaciones no gubernamentales",
    },
}


def meeting_with_agenda(series: str = "BWC/MSP/2026"):
    """A Meeting of States Parties on 7-10 December 2026 in Geneva with its Chair, an agenda of
    three items (the third with two sub-items) and two sittings on the first day."""
    import datetime as dt

    from plenary.core.actor import Actor
    from plenary.meetings import agenda
    from plenary.meetings.models import Meeting
    from tests.factories import MeetingFactory, OfficerFactory

    isu = Actor.system("isu")
    values = {
        "year": 2026,
        "start": dt.date(2026, 12, 7),
        "end": dt.date(2026, 12, 10),
        "days": 4,
        "venue": "Geneva",
    }
    meeting = MeetingFactory(series=series, **values)
    # The demo data hold the real 2026 MSP, planned with no dates yet: the test gives it these
    # (inside the test's transaction, so the data are as loaded again afterwards).
    Meeting.objects.filter(pk=meeting.pk).update(**values)
    meeting.refresh_from_db()
    OfficerFactory(meeting=meeting)
    t = AGENDA_TITLES
    opening = agenda.add_agenda_item(meeting, title=t["opening"], by=isu)
    adoption = agenda.add_agenda_item(meeting, title=t["adoption"], by=isu)
    debate = agenda.add_agenda_item(meeting, title=t["debate"], by=isu)
    agenda.add_agenda_item(meeting, title=t["states"], parent=debate, by=isu)
    agenda.add_agenda_item(meeting, title=t["observers"], parent=debate, by=isu)
    morning = agenda.plan_sitting(
        meeting, date="2026-12-07", period="morning", opens="10:00", closes="13:00", by=isu
    )
    afternoon = agenda.plan_sitting(
        meeting, date="2026-12-07", period="afternoon", opens="15:00", closes="18:00", by=isu
    )
    agenda.add_programme_entry(morning, agenda_item=opening, by=isu)
    agenda.add_programme_entry(morning, agenda_item=adoption, by=isu)
    agenda.add_programme_entry(afternoon, agenda_item=debate, by=isu)
    agenda.add_programme_entry(afternoon, subject=t["ngos"], by=isu)
    return meeting


def tiny_pdf(note: str = "") -> bytes:
    """The smallest well-formed PDF (a catalog, no pages), with `note` as a comment: what an upload
    of a PDF needs in tests, since an upload is parsed (documents/uploads.py) and a file that only
    starts with %PDF- is refused. The same note gives the same bytes."""
    out = b"%PDF-1.7\n" + (b"% " + note.encode("utf-8") + b"\n" if note else b"")
    offsets = []
    for number, body in enumerate(
        (b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"), start=1
    ):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
