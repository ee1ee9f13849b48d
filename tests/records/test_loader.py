"""Loading meeting records: validation with paths, all or nothing, idempotence, Rule 44."""

import copy

import pytest

from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.participation.models import Delegation
from plenary.records.exporter import export_record
from plenary.records.loader import RecordError, load_record

RECORD = {
    "format": "plenary/meeting-record@1",
    "meeting": {
        "series": "BWC/MSP/2099",
        "treaty": "BWC",
        "kind": "MSP",
        "year": 2099,
        "start": "2017-12-04",
        "end": "2017-12-08",
        "status": "held",
    },
    "agenda": [
        {"number": 1, "title": {"en": "Opening of the meeting"}},
        {"number": 2, "title": {"en": "General debate"}},
    ],
    "delegations": [{"state": "FRA"}, {"state": "SYR", "category": "signatory"}, {"organization": "WHO"}],
    "documents": [
        {
            "symbol": "BWC/MSP/2099/WP.1",
            "title": {"en": "A paper"},
            "submitters": ["FRA"],
            "versions": [{"lang": "en"}],
        },
        {"symbol": "BWC/MSP/2099/WP.1/Corr.1", "title": {"en": "A paper"}, "submitters": ["FRA"]},
    ],
    "statements": [{"kind": "state", "state": "FRA", "agenda_item": 2}],
}


def load(record, by=None):
    return load_record(copy.deepcopy(record), by=by or Actor.system("test"))


def test_a_valid_record_loads_and_exports_back(db):
    assert load(RECORD).changed
    meeting = Meeting.objects.get(series="BWC/MSP/2099")
    categories = dict(
        (d.state.code if d.state else d.organization.code, (d.category, d.status))
        for d in Delegation.objects.filter(meeting=meeting).select_related("state", "organization")
    )
    # Rule 44: the category follows from treaty status on the opening day; an IO awaits the
    # meeting's decision on observer status.
    assert categories == {
        "FRA": ("state_party", "registered"),
        "SYR": ("signatory", "registered"),
        "WHO": ("io", "registered"),
    }
    corr = Document.objects.get(symbol="BWC/MSP/2099/WP.1/Corr.1")
    assert corr.parent.symbol == "BWC/MSP/2099/WP.1"
    exported = export_record("BWC/MSP/2099")
    assert exported["delegations"] == [
        {"state": "FRA", "category": "state_party"},
        {"state": "SYR", "category": "signatory"},
        {"organization": "WHO", "category": "io"},
    ]
    assert load(exported).changed is False


def test_loading_the_same_record_twice_changes_nothing(db):
    load(RECORD)
    entries = AuditEntry.objects.count()
    assert load(RECORD).changed is False
    assert AuditEntry.objects.count() == entries


def test_an_invalid_record_loads_nothing_and_names_every_problem_with_its_path(db):
    bad = copy.deepcopy(RECORD)
    bad["delegations"].append({"state": "XYZ"})
    bad["delegations"].append({"state": "ISR", "category": "state_party"})
    bad["documents"][1]["symbol"] = "BWC/MSP/2099/WP.2/Corr.1"
    bad["statements"].append({"kind": "state", "state": "DEU"})
    bad["statements"].append({"kind": "state", "state": "FRA", "agenda_item": 9})
    with pytest.raises(RecordError) as info:
        load(bad)
    assert info.value.problems == [
        "delegations[3].state: unknown code 'XYZ'",
        "delegations[4].category: ISR registers as State neither party nor signatory, observer (rule 44.2(a)) "
        "on 2017-12-04, not as State Party",
        "documents[1].symbol: its parent BWC/MSP/2099/WP.2 must come before it",
        "statements[1].state: DEU speaks but has no delegation",
        "statements[2].agenda_item: agenda item 9 is not on the agenda",
    ]
    assert not Meeting.objects.filter(series="BWC/MSP/2099").exists()


def test_schema_errors_come_with_paths(db):
    bad = copy.deepcopy(RECORD)
    bad["meeting"]["start"] = "4 December 2017"
    bad["delegations"][0]["state"] = "fr"
    bad["documents"][0]["title"] = {"de": "Ein Papier"}
    with pytest.raises(RecordError) as info:
        load(bad)
    assert info.value.problems == [
        "delegations[0].state: 'fr' does not match '^[A-Z]{3}$'",
        "documents[0].title: 'de' is not one of ['ar', 'zh', 'en', 'fr', 'ru', 'es']",
        "meeting.start: '4 December 2017' is not a 'date'",
    ]


def test_a_closed_meeting_refuses_observers(db):
    closed = copy.deepcopy(RECORD)
    closed["meeting"]["closed"] = True
    with pytest.raises(RecordError) as info:
        load(closed)
    assert info.value.problems == [
        "delegations[2]: the meeting is closed to States Parties and signatories; WHO cannot attend",
    ]


def test_a_change_to_the_record_is_loaded_and_audited(db):
    load(RECORD)
    changed = copy.deepcopy(RECORD)
    changed["delegations"].append({"state": "DEU"})
    assert load(changed, by=Actor.system("alice")).changed
    entry = AuditEntry.objects.filter(action="record.load").latest("id")
    assert entry.actor == "system:alice"
    assert entry.before["counts"]["delegations"] == 3
    assert entry.after["counts"]["delegations"] == 4
    assert entry.after["changes"] == [
        {
            "object": "delegations",
            "key": "DEU",
            "before": None,
            "after": {"state": "DEU", "category": "state_party"},
        }
    ]
    assert entry.after["replace"] is False


def test_a_record_that_is_not_a_mapping(db):
    with pytest.raises(RecordError) as info:
        load(["format", "meeting"])
    assert info.value.problems == ["(top): a meeting record is a mapping (format, meeting, ...), not a list"]


def test_the_people_and_the_check_of_a_registration_travel_with_the_record_but_not_the_email(db):
    record = copy.deepcopy(RECORD)
    record["delegations"] = [
        {
            "state": "FRA",
            "members": [
                {
                    "name": "Yann Hwang",
                    "honorific": "Mr",
                    "family_name": "Hwang",
                    "given_names": "Yann",
                    "role": "head",
                },
                {"name": "A. Adviser", "role": "expert", "function": "Institut Pasteur"},
            ],
        },
        {"state": "DEU", "review": "returned"},
        {"organization": "WHO", "review": "received"},
    ]
    assert load(record).changed
    meeting = Meeting.objects.get(series="BWC/MSP/2099")
    fra = Delegation.objects.get(meeting=meeting, state__code="FRA")
    assert fra.review == "approved"  # a record's registration is approved unless it says otherwise
    person = fra.participants.get(role="head")
    person.email = "y.hwang@example.fr"  # the secretariat's: never exported
    person.save()
    exported = export_record("BWC/MSP/2099")
    assert exported["delegations"] == [
        {
            "state": "FRA",
            "category": "state_party",
            "members": [
                {
                    "name": "Yann Hwang",
                    "honorific": "Mr.",
                    "family_name": "Hwang",
                    "given_names": "Yann",
                    "role": "head",
                },
                {"name": "A. Adviser", "function": "Institut Pasteur", "role": "expert"},
            ],
        },
        {"state": "DEU", "category": "state_party", "review": "returned"},
        {"organization": "WHO", "category": "io", "review": "received"},
    ]
    assert "example.fr" not in repr(exported)
    # Loaded again, the export changes nothing.
    assert not load(exported).changed
