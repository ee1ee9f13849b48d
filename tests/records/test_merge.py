"""A load merges: it adds and updates by natural keys, never removes without --replace, never
touches issued material, and keeps what the record format does not describe."""

from __future__ import annotations

import copy

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.core.actor import Actor
from plenary.core.errors import Frozen
from plenary.core.models import AuditEntry
from plenary.documents import domain as docs
from plenary.documents.models import Document, LanguageVersion
from plenary.meetings.models import Meeting
from plenary.participation.models import Delegation
from plenary.proceedings.domain import request_floor
from plenary.proceedings.models import FloorRequest
from plenary.records.exporter import export_record
from plenary.records.loader import RecordError, RecordFrozen, diff_records, load_record
from plenary.records.seal import seal
from plenary.reports.builder import build_report
from tests.helpers import COUNTS_2017, meeting_counts, tiny_pdf

SERIES = "BWC/MSP/2017"
ISU = Actor.system("test")
PDF = tiny_pdf()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def record(db):
    return copy.deepcopy(export_record(SERIES))


def load(record, **kw):
    return load_record(copy.deepcopy(record), by=ISU, **kw)


def document(record, symbol):
    return next(d for d in record["documents"] if d["symbol"] == symbol)


def test_a_partial_file_adds_and_removes_nothing(db):
    before = export_record(SERIES)
    partial = {
        "format": "plenary/meeting-record@1",
        "meeting": {
            "series": SERIES,
            "treaty": "BWC",
            "kind": "MSP",
            "year": 2017,
            "start": "2017-12-04",
            "end": "2017-12-08",
        },
        "delegations": [{"state": "DNK"}],
    }
    result = load(partial)
    assert [(c.kind, c.where) for c in result.changes] == [("add", "delegations DNK")]
    after = export_record(SERIES)
    assert after["delegations"] == [*before["delegations"], {"state": "DNK", "category": "state_party"}]
    assert {k: v for k, v in after.items() if k != "delegations"} == {
        k: v for k, v in before.items() if k != "delegations"
    }


HOSTILE = {
    "the title of the issued WP.9": (
        lambda r: document(r, "BWC/MSP/2017/WP.9")["title"].update(en="Something else"),
        "documents[19] (BWC/MSP/2017/WP.9): BWC/MSP/2017/WP.9 is issued: its title cannot change "
        "(a correction comes as a Corr. or Rev.)",
    ),
    "the co-sponsors of WP.9": (
        lambda r: document(r, "BWC/MSP/2017/WP.9").update(co_sponsors=["JPN", "USA", "FRA"]),
        "documents[19] (BWC/MSP/2017/WP.9): BWC/MSP/2017/WP.9 is issued: its co-sponsors cannot change "
        "(a correction comes as a Corr. or Rev.)",
    ),
    "the text of a decision taken": (
        lambda r: r["decisions"][3]["text"].update(en="Nothing was agreed."),
        "decisions[3] (intersessional-programme-2018-2020): BWC/MSP/2017: decision "
        "'intersessional-programme-2018-2020' was taken on 8 December 2017: its text cannot change",
    ),
    "the text of the issued report": (
        lambda r: r["report"]["texts"]["22"].update(en="Rewritten."),
        "report: the report of BWC/MSP/2017 is issued: its texts cannot change",
    ),
    "the issued report back to draft": (
        lambda r: r["report"].update(status="draft"),
        "report: the report of BWC/MSP/2017 is issued: it cannot go back to draft",
    ),
}


@pytest.mark.parametrize("sealed", [False, True], ids=["hand-written", "sealed again"])
@pytest.mark.parametrize("case", list(HOSTILE))
def test_issued_material_never_changes(record, case, sealed):
    edit, problem = HOSTILE[case]
    edit(record)
    before, entries = export_record(SERIES), AuditEntry.objects.count()
    with pytest.raises(RecordFrozen) as info:
        load(seal(record) if sealed else record)
    assert isinstance(info.value, Frozen)
    assert info.value.problems == [problem]
    assert export_record(SERIES) == before
    assert AuditEntry.objects.count() == entries
    assert meeting_counts(SERIES) == COUNTS_2017


def test_every_refusal_is_named_at_once(record):
    for edit, _ in HOSTILE.values():
        edit(record)
    with pytest.raises(RecordFrozen) as info:
        load(record)
    assert info.value.problems == [
        "documents[19] (BWC/MSP/2017/WP.9): BWC/MSP/2017/WP.9 is issued: its title, co-sponsors cannot "
        "change (a correction comes as a Corr. or Rev.)",
        HOSTILE["the text of a decision taken"][1],
        HOSTILE["the issued report back to draft"][1],
    ]


def test_a_venue_change_keeps_floor_requests_and_files(db):
    meeting = Meeting.objects.get(series=SERIES)
    fra = Delegation.objects.get(meeting=meeting, state__code="FRA")
    floor = request_floor(fra, by=ISU)
    wp2 = Document.objects.get(symbol="BWC/MSP/2017/WP.2")
    upload = SimpleUploadedFile("wp2.pdf", PDF, content_type="application/pdf")
    version = docs.add_language_version(wp2, lang="en", upload=upload, by=ISU)
    record = copy.deepcopy(export_record(SERIES))
    record["meeting"]["venue"] = "Palais Wilson, Geneva"
    result = load(seal(record))
    assert [(c.kind, c.where, c.fields()) for c in result.changes] == [
        ("change", "meeting BWC/MSP/2017", ["venue"])
    ]
    assert list(FloorRequest.objects.filter(meeting=meeting).values_list("pk", "status")) == [
        (floor.pk, "waiting")
    ]
    kept = LanguageVersion.objects.get(pk=version.pk)
    assert kept.file.name == version.file.name
    assert kept.file.read() == PDF
    assert meeting_counts(SERIES) == COUNTS_2017


def issue_a_paper_through_the_portal() -> Document:
    meeting = Meeting.objects.get(series=SERIES)
    deu = Delegation.objects.get(meeting=meeting, state__code="DEU")
    paper = docs.create_working_paper(deu, by=ISU, title={"en": "A late paper"}, original_language="en")
    upload = SimpleUploadedFile("late.pdf", PDF, content_type="application/pdf")
    docs.add_paper_file(paper, by=ISU, lang="en", upload=upload)
    docs.submit_working_paper(paper, by=ISU)
    return docs.issue_working_paper(paper, by=ISU)


def test_a_meeting_with_a_paper_issued_through_the_portal_loads(record):
    issued = issue_a_paper_through_the_portal()
    assert issued.symbol == "BWC/MSP/2017/WP.25"
    record["meeting"]["venue"] = "Palais Wilson, Geneva"
    assert load(record).changed
    assert Document.objects.get(symbol="BWC/MSP/2017/WP.25").working_paper.status == "issued"
    # The file is the whole truth only where it may be: the paper issued since stays.
    with pytest.raises(RecordFrozen) as info:
        load(seal(record), replace=True)
    assert info.value.problems == [
        "documents: BWC/MSP/2017/WP.25 (not in the file): BWC/MSP/2017/WP.25 is issued and stays in the "
        "record (a correction comes as a Corr. or Rev.)"
    ]
    assert load(seal(export_record(SERIES)), replace=True).changes == []


def test_replace_needs_a_sealed_record(record):
    with pytest.raises(RecordError) as info:
        load(record, replace=True)
    assert info.value.problems == [
        "(top): only a sealed record (an export, with `sealed: true` and its trailer `end`) replaces a "
        "meeting's record: a file without its trailer may have been cut short. Seal an edited export "
        "with `plenary record seal`"
    ]


def test_replace_plans_then_applies_and_its_audit_entry_undoes_it(record):
    original = export_record(SERIES)
    record["delegations"] = [d for d in record["delegations"] if d.get("organization") != "WHO"]
    del record["statements"][-1]
    record["meeting"]["venue"] = "Geneva"
    entries = AuditEntry.objects.count()
    plan = load(seal(record), replace=True, dry_run=True)
    assert [(c.kind, c.where) for c in plan.changes] == [
        ("change", "meeting BWC/MSP/2017"),
        ("remove", "delegations WHO"),
        ("remove", "statements[90]"),
    ]
    assert plan.changed is False
    assert export_record(SERIES) == original
    assert AuditEntry.objects.count() == entries

    done = load(seal(record), replace=True)
    assert done.changed and done.changes == plan.changes
    entry = AuditEntry.objects.filter(action="record.load").latest("id")
    assert (entry.actor, entry.via, entry.object_type) == ("system:test", "load", "meetings.Meeting")
    assert entry.after["replace"] is True
    assert entry.after["changes"] == [c.as_dict() for c in plan.changes]
    assert entry.after["changes"][1] == {
        "object": "delegations",
        "key": "WHO",
        "before": {"organization": "WHO", "category": "io"},
        "after": None,
    }
    assert entry.before["counts"]["delegations"] == 133
    assert entry.after["counts"]["delegations"] == 132
    assert [e.action for e in AuditEntry.objects.filter(pk__gt=entries).order_by("id")] == [
        "meeting.update",
        "statement.remove",
        "delegation.remove",
        "record.load",
    ]

    # Undo: every change's `before`, put back.
    undo = copy.deepcopy(export_record(SERIES))
    undo["meeting"] = entry.after["changes"][0]["before"]
    undo["delegations"].append(entry.after["changes"][1]["before"])
    undo["statements"].append(entry.after["changes"][2]["before"])
    assert load(undo).changed
    assert export_record(SERIES) == original


def test_a_second_load_changes_nothing_and_writes_no_audit_entry(record):
    entries = AuditEntry.objects.count()
    assert load(record).changes == []
    assert load(seal(record), replace=True).changes == []
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda r: document(r, "BWC/MSP/2017/WP.9").update(symbol="BWC/MSP/2017/WP.9" + "/Add.1" * 16),
            "documents[19].symbol: 113 characters is too long (at most 100)",
        ),
        (
            lambda r: r["documents"].append({"symbol": "BWC/MSP/2017/WP.2147483648", "title": {"en": "x"}}),
            "documents[36].symbol: document number 2147483648 is out of range (at most 2,147,483,647)",
        ),
        (
            lambda r: r["attendance_tallies"][0].update(count=2**31),
            "attendance_tallies[0].count: 2147483648 is greater than the maximum of 2147483647",
        ),
        (
            lambda r: r["attendance_tallies"][0].update(count=-36),
            "attendance_tallies[0].count: -36 is less than the minimum of 1",
        ),
        (
            lambda r: r["statements"][80].update(endorsed_by_ngos=10**20),
            "statements[80].endorsed_by_ngos: 100000000000000000000 is greater than the maximum of 2147483647",
        ),
        (
            lambda r: r["agenda"].append({"number": 40000, "title": {"en": "x"}}),
            "agenda[10].number: 40000 is greater than the maximum of 32767",
        ),
        (
            lambda r: r["meeting"].update(year="2017"),
            "meeting.year: '2017' is not of type 'integer'",
        ),
        (
            lambda r: r["meeting"].update(days=5.0),
            "meeting.days: 5.0 is not of type 'integer'",
        ),
        (
            lambda r: r["delegations"][0].update(members={"name": "A"}),
            "delegations[0].members: {'name': 'A'} is not of type 'array'",
        ),
        (
            lambda r: r["delegations"].append({"state": "XYZ"}),
            "delegations[133].state: unknown code 'XYZ'",
        ),
        (
            lambda r: r["statements"][0].update(state="QQQ"),
            "statements[0].state: unknown code 'QQQ'\nstatements[0].state: QQQ speaks but has no delegation",
        ),
        (
            lambda r: r["meeting"].update(venue="x" * 201),
            "meeting.venue: 201 characters is too long (at most 200)",
        ),
    ],
)
def test_bad_values_are_refused_before_anything_is_written(record, edit, problem):
    edit(record)
    entries = AuditEntry.objects.count()
    with pytest.raises(RecordError) as info:
        load(record)
    assert info.value.problems == problem.split("\n")
    assert AuditEntry.objects.count() == entries
    assert meeting_counts(SERIES) == COUNTS_2017


def test_the_report_still_builds_after_a_refused_load(record):
    record["report"]["texts"]["22"]["en"] = record["report"]["texts"]["22"]["en"][:20]
    with pytest.raises(RecordFrozen):
        load(record)
    assert build_report("BWC/MSP/2017/6", "en").sections


def test_diff_records_by_natural_keys():
    before = {"meeting": {"series": "S"}, "documents": [{"symbol": "A"}, {"symbol": "B"}]}
    after = {"meeting": {"series": "S"}, "documents": [{"symbol": "B"}, {"symbol": "A", "status": "draft"}]}
    assert [c.as_dict() for c in diff_records(before, after)] == [
        {
            "object": "documents",
            "key": "A",
            "before": {"symbol": "A"},
            "after": {"symbol": "A", "status": "draft"},
        },
        {"object": "documents", "key": "(order)", "before": ["A", "B"], "after": ["B", "A"]},
    ]


def test_an_agenda_with_sub_items_exports_and_loads_again(db):
    """Sub-items travel in the record under their item: the export of a meeting whose agenda has
    them loads again unchanged, and into a new meeting with the same agenda."""
    from plenary.meetings.agenda import add_agenda_item
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(series="BWC/MSP/2089")
    debate = add_agenda_item(meeting, title={"en": "General debate"}, by=ISU)
    add_agenda_item(meeting, title={"en": "Statements by States"}, parent=debate, by=ISU)
    add_agenda_item(
        meeting, title={"en": "Statements by observers", "zh": "观察员的发言"}, parent=debate, by=ISU
    )
    exported = export_record("BWC/MSP/2089")
    assert exported["agenda"] == [
        {
            "number": 1,
            "title": {"en": "General debate"},
            "sub_items": [
                {"number": 1, "title": {"en": "Statements by States"}},
                {"number": 2, "title": {"en": "Statements by observers", "zh": "观察员的发言"}},
            ],
        }
    ]
    before = AuditEntry.objects.count()
    load(exported)
    assert AuditEntry.objects.count() == before  # nothing changed, nothing written

    again = copy.deepcopy(exported)
    again["meeting"]["series"] = "BWC/MSP/2088"
    again["meeting"]["year"] = 2088
    for key in ("start", "end"):
        again["meeting"][key] = again["meeting"][key].replace("2089", "2088")
    load(again)
    assert export_record("BWC/MSP/2088")["agenda"] == exported["agenda"]
    labels = [a.label for a in Meeting.objects.get(series="BWC/MSP/2088").agenda.order_by("parent", "number")]
    assert sorted(labels) == ["1", "1 (a)", "1 (b)"]
