"""Issued means frozen: issuing the report stores it in six languages and four formats with their
SHA-256; the records behind it may change afterwards, the issued report does not; staff are told
that the records now differ, and a revision carries the report as the records now give it."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.conf import settings

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.documents.domain import record_document
from plenary.documents.models import Document, IssuedFile
from plenary.meetings.domain import seat_officers
from plenary.meetings.models import Meeting
from plenary.participation.domain import register_delegation
from plenary.records.exporter import export_record
from plenary.records.loader import load_record
from plenary.records.seal import seal
from plenary.reports import render
from plenary.reports.builder import build_report_of
from plenary.reports.domain import adopt_report, issue_report, revise_report, store_issued_report
from plenary.reports.models import Report
from plenary.reports.queries import records_changed
from plenary.reports.render import render_txt
from plenary.treaties.models import State
from tests.helpers import fake_pdf

LANGS = ["ar", "zh", "en", "fr", "ru", "es"]
FORMATS = ["txt", "html", "docx", "pdf", "akn"]
ISU = Actor.system("isu")


def read(row: IssuedFile) -> bytes:
    with row.file.open("rb") as handle:
        return handle.read()


def stored_bytes(symbol: str) -> dict[tuple[str, str], bytes]:
    return {(f.lang, f.fmt): read(f) for f in IssuedFile.objects.filter(document__symbol=symbol)}


@pytest.fixture
def report(db):
    return Report.objects.select_related("meeting", "final", "draft").get(meeting__series="BWC/MSP/2017")


def late_registration_and_new_chair(meeting: Meeting) -> None:
    """What happened to BWC/MSP/2017/6 in issue 8: Denmark registered late, and the Chair was
    re-seated in the back office."""
    register_delegation(meeting, state=State.objects.get(code="DNK"), by=ISU)
    officers = [
        {"role": o.role, "name": o.name, "state": o.state.code, "group": o.group.code if o.group else None}
        for o in meeting.officers.select_related("state", "group").order_by("role", "position")
    ]
    officers[0] = {"role": "chair", "name": "Pankaj Sharma", "state": "IND", "group": "NAM"}
    assert seat_officers(meeting, officers, by=ISU)


def test_the_demo_report_is_stored_in_six_languages_and_five_formats(report):
    rows = list(IssuedFile.objects.filter(document=report.final))
    assert sorted((r.lang, r.fmt) for r in rows) == sorted((lang, fmt) for lang in LANGS for fmt in FORMATS)
    for row in rows:
        data = read(row)
        assert (row.size, row.sha256) == (len(data), hashlib.sha256(data).hexdigest())
        assert row.file.name == f"issued/BWC_MSP_2017_6-{row.lang.upper()}.{row.fmt}"
    # Stored once, from the records as they were: the text is what the records give today too.
    zh = IssuedFile.objects.get(document=report.final, lang="zh", fmt="txt")
    assert read(zh) == render_txt(build_report_of(report, "zh")).encode("utf-8")
    assert records_changed(report) is None


def test_records_corrected_after_issue_do_not_change_the_issued_report(report, client):
    """The case of issue 8: one late registration and a re-seated Chair turned "116 States
    Parties" into 117 and changed the Chair's name in the issued document."""
    before = stored_bytes("BWC/MSP/2017/6")
    download = client.get("/api/reports/BWC/MSP/2017/6.txt", {"lang": "zh"}, HTTP_HOST="localhost")
    zh_before = b"".join(download.streaming_content)

    late_registration_and_new_chair(report.meeting)

    after = client.get("/api/reports/BWC/MSP/2017/6.txt", {"lang": "zh"}, HTTP_HOST="localhost")
    zh_after = b"".join(after.streaming_content)
    assert hashlib.sha256(zh_after).hexdigest() == hashlib.sha256(zh_before).hexdigest()
    assert zh_after == zh_before == before[("zh", "txt")]
    text = zh_after.decode("utf-8")
    assert "下列 116 个《公约》缔约国参加了缔约国会议" in text
    assert "阿曼迪·辛格·吉尔" in text and "Pankaj Sharma" not in text
    assert stored_bytes("BWC/MSP/2017/6") == before

    # The records did change, and the live rendering follows them ...
    live = render_txt(build_report_of(report, "zh"))
    assert "下列 117 个《公约》缔约国参加了缔约国会议" in live and "Pankaj Sharma" in live
    # ... so staff are told, in every language.
    changed = records_changed(report)
    assert (changed.document.symbol, changed.languages) == ("BWC/MSP/2017/6", tuple(LANGS))


def test_storing_an_issued_report_again_keeps_its_files(report):
    before = {(f.lang, f.fmt, f.pk, f.sha256) for f in IssuedFile.objects.filter(document=report.final)}
    late_registration_and_new_chair(report.meeting)
    kept = store_issued_report(report, by=ISU)
    assert {(f.lang, f.fmt, f.pk, f.sha256) for f in kept} == before
    assert IssuedFile.objects.filter(document=report.final).count() == 30


def test_an_issued_report_is_not_issued_or_adopted_again(report):
    message = (
        "the report of BWC/MSP/2017 is issued as BWC/MSP/2017/6: an issued report does not change; "
        "a change comes as a corrigendum or revision"
    )
    with pytest.raises(Frozen) as info:
        issue_report(report, final=report.final, on=dt.date(2018, 1, 5), by=ISU)
    assert str(info.value) == message
    with pytest.raises(Frozen) as info:
        adopt_report(report, on=dt.date(2017, 12, 8), by=ISU)
    assert str(info.value) == message
    report.refresh_from_db()
    assert (report.status, report.issued_on, report.adopted_on) == ("issued", None, dt.date(2017, 12, 8))


@pytest.fixture
def adopted(report):
    """The 2017 report as it stood before its issue: adopted, no final symbol yet, and a free
    official symbol to issue it under (BWC/MSP/2017/6 holds the demo's issued files)."""
    Report.objects.filter(pk=report.pk).update(status="adopted", final=None, issued_on=None)
    report.refresh_from_db()
    free = record_document(report.meeting, by=ISU, symbol="BWC/MSP/2017/7", title={"en": "Final report"})
    return report, free


def test_issuing_renders_and_stores_every_language_and_format(adopted, fast_pdf):
    report, final = adopted
    issue_report(report, final=final, on=dt.date(2017, 12, 21), by=ISU)
    report.refresh_from_db()
    assert (report.status, report.final.symbol, report.issued_on) == (
        "issued",
        "BWC/MSP/2017/7",
        dt.date(2017, 12, 21),
    )
    files = stored_bytes("BWC/MSP/2017/7")
    assert sorted(files) == sorted((lang, fmt) for lang in LANGS for fmt in FORMATS)
    for lang in LANGS:
        tree = build_report_of(report, lang)
        assert files[(lang, "txt")] == render_txt(tree).encode("utf-8")
        assert files[(lang, "html")] == render.render_html(tree).encode("utf-8")
        assert files[(lang, "pdf")] == fake_pdf(tree)
        assert files[(lang, "docx")].startswith(b"PK\x03\x04")
    assert files[("en", "txt")].decode().splitlines()[0].strip().endswith("BWC/MSP/2017/7")
    assert records_changed(report) is None


def test_a_failed_issue_leaves_no_file_and_no_row(adopted, monkeypatch):
    report, final = adopted
    media = Path(settings.MEDIA_ROOT) / "issued"
    before = set(media.iterdir()) if media.exists() else set()

    def failing_pdf(doc):
        if doc.lang == "ru":
            raise RuntimeError("the PDF renderer failed")
        return fake_pdf(doc)

    monkeypatch.setitem(render.FORMATS, "pdf", (failing_pdf, "pdf", "application/pdf"))
    with pytest.raises(RuntimeError, match="the PDF renderer failed"):
        issue_report(report, final=final, on=dt.date(2017, 12, 21), by=ISU)
    report.refresh_from_db()
    assert (report.status, report.final) == ("adopted", None)
    assert not IssuedFile.objects.filter(document=final).exists()
    assert (set(media.iterdir()) if media.exists() else set()) == before


def test_issuing_under_a_symbol_that_holds_issued_files_is_refused(report):
    Report.objects.filter(pk=report.pk).update(status="adopted", final=None, issued_on=None)
    report.refresh_from_db()
    with pytest.raises(Frozen) as info:
        issue_report(
            report, final=Document.objects.get(symbol="BWC/MSP/2017/6"), on=dt.date(2017, 12, 21), by=ISU
        )
    assert str(info.value).startswith(
        "BWC/MSP/2017/6 is already issued with its files (ar akn, ar docx, ar html, ar pdf, ar txt, en akn"
    )
    assert str(info.value).endswith(
        "an issued document does not change; choose the symbol the report is issued under"
    )


def test_only_the_secretariat_issues(adopted):
    report, final = adopted
    with pytest.raises(NotAllowed):
        issue_report(report, final=final, on=dt.date(2017, 12, 21), by=Actor("delegate", via="page"))
    with pytest.raises(NotAllowed):
        revise_report(report, by=Actor("delegate", via="page"))


def test_a_revision_carries_the_records_as_they_are_now(report, fast_pdf):
    before = stored_bytes("BWC/MSP/2017/6")
    late_registration_and_new_chair(report.meeting)
    revision = revise_report(report, by=ISU)
    assert (revision.symbol, revision.parent.symbol, revision.status) == (
        "BWC/MSP/2017/6/Rev.1",
        "BWC/MSP/2017/6",
        "issued",
    )
    files = stored_bytes("BWC/MSP/2017/6/Rev.1")
    assert sorted(files) == sorted((lang, fmt) for lang in LANGS for fmt in FORMATS)
    zh = files[("zh", "txt")].decode("utf-8")
    assert "下列 117 个《公约》缔约国参加了缔约国会议" in zh and "Pankaj Sharma" in zh
    assert "BWC/MSP/2017/6/Rev.1" in zh.splitlines()[0]
    assert stored_bytes("BWC/MSP/2017/6") == before  # the issued report stays as issued
    assert records_changed(report) is None  # the revision holds what the records now give
    register_delegation(report.meeting, state=State.objects.get(code="ARM"), by=ISU)
    changed = records_changed(report)
    assert (changed.document.symbol, changed.languages) == ("BWC/MSP/2017/6/Rev.1", tuple(LANGS))
    assert revise_report(report, by=ISU).symbol == "BWC/MSP/2017/6/Rev.2"


def test_a_draft_report_cannot_be_revised(db):
    report = Report.objects.get(meeting__series="BWC/MSP/2017")
    Report.objects.filter(pk=report.pk).update(status="adopted", final=None, issued_on=None)
    report.refresh_from_db()
    with pytest.raises(
        DomainError, match="the report of BWC/MSP/2017 is not issued: change the draft instead"
    ):
        revise_report(report, by=ISU)


# -- a record loaded again --------------------------------------------------------------------------


def test_a_record_loaded_again_corrects_the_records_but_not_the_issued_report(report):
    before = stored_bytes("BWC/MSP/2017/6")
    record = copy.deepcopy(export_record("BWC/MSP/2017"))
    record["delegations"].append({"state": "DNK"})
    assert load_record(record, by=Actor.system("test", via="load")).changed
    assert stored_bytes("BWC/MSP/2017/6") == before
    reloaded = Report.objects.get(meeting__series="BWC/MSP/2017")
    assert records_changed(reloaded).languages == tuple(LANGS)


@pytest.mark.parametrize(
    "change, fields",
    [
        (lambda r: r.update(status="adopted"), "it cannot go back to adopted"),
        (lambda r: r.update(final="BWC/MSP/2017/5"), "its final cannot change"),
        (lambda r: r["texts"]["20"].update(en="Another text."), "its texts cannot change"),
        (lambda r: r.update(adopted_on="2017-12-07"), "its adopted_on cannot change"),
    ],
)
def test_a_record_cannot_take_back_or_change_an_issued_report(report, change, fields):
    before = stored_bytes("BWC/MSP/2017/6")
    record = copy.deepcopy(export_record("BWC/MSP/2017"))
    change(record["report"])
    if record["report"].get("status") == "adopted":
        record["report"].pop("final")
    with pytest.raises(Frozen) as info:
        load_record(record, by=Actor.system("test", via="load"))
    assert str(info.value) == (
        f"the record has 1 problem(s); nothing was loaded:\n  report: the report of BWC/MSP/2017 is issued: {fields}"
    )
    assert stored_bytes("BWC/MSP/2017/6") == before
    assert Report.objects.get(meeting__series="BWC/MSP/2017").status == "issued"


def test_a_record_without_the_report_leaves_it_and_replacing_with_it_is_refused(report):
    before = stored_bytes("BWC/MSP/2017/6")
    record = copy.deepcopy(export_record("BWC/MSP/2017"))
    del record["report"]
    # A load adds and updates: what the file does not mention stays.
    load_record(record, by=Actor.system("test", via="load"))
    assert Report.objects.get(meeting__series="BWC/MSP/2017").status == "issued"
    # Made the whole truth of the meeting, the file would remove the issued report: refused.
    with pytest.raises(Frozen):
        load_record(seal(record), by=Actor.system("test", via="load"), replace=True)
    assert Report.objects.get(meeting__series="BWC/MSP/2017").status == "issued"
    assert stored_bytes("BWC/MSP/2017/6") == before
