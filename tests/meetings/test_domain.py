"""Meetings and officers: the demo data and the domain functions that write them."""

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.meetings.domain import load_meetings, save_meeting, seat_officers
from plenary.meetings.models import Meeting
from plenary.meetings.queries import meetings_with_officers


def officers_of(series):
    meeting = Meeting.objects.get(series=series)
    return [
        (o.role, o.title, o.name, o.state.code, o.group.code if o.group else None)
        for o in meeting.officers.select_related("state", "group").order_by("role", "position")
    ]


def test_the_2017_meeting_as_the_seed_reports_it(db):
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    assert (meeting.kind, meeting.start, meeting.end, meeting.days, meeting.status) == (
        "MSP",
        dt.date(2017, 12, 4),
        dt.date(2017, 12, 8),
        5,
        "held",
    )
    # Seed para. 3.
    assert officers_of("BWC/MSP/2017") == [
        ("chair", "Ambassador", "Amandeep Singh Gill", "IND", "NAM"),
        ("vice_chair", "Ambassador", "Michael Biontino", "DEU", "WG"),
        ("vice_chair", "Ambassador", "Juraj Podhorský", "SVK", "EEG"),
    ]


def test_the_programme_2018_to_2020_is_in_the_demo(db):
    for year in (2018, 2019, 2020):
        codes = sorted(m.code for m in Meeting.objects.filter(year=year, kind__in=["MX", "MSP"]))
        assert codes == ["MSP", "MX1", "MX2", "MX3", "MX4", "MX5"]
    for year in (2018, 2019, 2020):
        days = {m.code: m.days for m in Meeting.objects.filter(year=year)}
        assert days == {"MX1": 2, "MX2": 2, "MX3": 1, "MX4": 2, "MX5": 1, "MSP": 4}, year


def test_demo_chairs_follow_the_rotation(bwc):
    from plenary.meetings.queries import programme_rules

    rotation = programme_rules(bwc).rotation
    for meeting in meetings_with_officers(bwc).filter(kind__in=["MX", "MSP"], year__gte=2018):
        chairs = [o for o in meeting.officers.all() if o.role == "chair"]
        for chair in chairs:
            assert chair.group.code == rotation.chairs(meeting.year).chairs[meeting.code], meeting.series


def test_loading_the_meetings_twice_changes_nothing(db):
    entries = AuditEntry.objects.count()
    assert load_meetings(by=Actor.system("test"))["changes"] == 0
    assert AuditEntry.objects.count() == entries


def test_officers_from_one_group_are_refused_and_nothing_changes(db):
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    before = officers_of("BWC/MSP/2017")
    with pytest.raises(DomainError) as info:
        seat_officers(
            meeting,
            [
                {"role": "chair", "name": "A", "state": "IND"},
                {"role": "vice_chair", "name": "B", "state": "FRA"},
                {"role": "vice_chair", "name": "C", "state": "DEU"},
            ],
            by=Actor.system("test"),
        )
    assert str(info.value) == (
        "BWC/MSP/2017: officers: C and B both come from WG; the Chair and Vice-Chairs must each come from a different group"
    )
    assert officers_of("BWC/MSP/2017") == before


@pytest.mark.parametrize(
    ("officers", "message"),
    [
        (
            [{"role": "chair", "name": "A", "state": "IND", "group": "WG"}],
            "BWC/MSP/2017: officers[0]: A represents IND, which is in NAM, not WG, on 4 December 2017",
        ),
        ([{"role": "chair", "name": "A", "state": "XYZ"}], "BWC/MSP/2017: officers[0]: unknown State 'XYZ'"),
        (
            [{"role": "speaker", "name": "A", "state": "IND"}],
            "BWC/MSP/2017: officers[0]: role must be one of president, chair, vice_chair, not 'speaker'",
        ),
        (
            [{"role": "chair", "name": "A", "state": "IND"}, {"role": "chair", "name": "B", "state": "FRA"}],
            "BWC/MSP/2017: officers: more than 1 Chair or President",
        ),
        (
            [
                {"role": "vice_chair", "name": n, "state": s}
                for n, s in (("A", "IND"), ("B", "FRA"), ("C", "SVK"))
            ],
            "BWC/MSP/2017: officers: more than 2 Vice-Chairs",
        ),
    ],
)
def test_bad_officers_are_refused_with_a_clear_message(db, officers, message):
    with pytest.raises(DomainError) as info:
        seat_officers(Meeting.objects.get(series="BWC/MSP/2017"), officers, by=Actor.system("test"))
    assert str(info.value) == message


def test_seating_officers_is_audited_with_before_and_after(db):
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    changed = seat_officers(
        meeting,
        [
            {
                "role": "chair",
                "name": "Amandeep Singh Gill",
                "state": "IND",
                "title": "Ambassador",
                "honorific": "Mr",
            }
        ],
        by=Actor.system("alice"),
    )
    assert changed
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor, entry.action, entry.object_id) == (
        "system:alice",
        "meeting.seat_officers",
        str(meeting.pk),
    )
    assert [o["name"] for o in entry.before] == ["Amandeep Singh Gill", "Michael Biontino", "Juraj Podhorský"]
    assert entry.after == [
        {
            "role": "chair",
            "name": "Amandeep Singh Gill",
            "title": "Ambassador",
            "state": "IND",
            "group": "NAM",
            "position": 0,
            "source": "",
            "honorific": "Mr",
        }
    ]


def test_save_meeting_validates_and_audits(bwc):
    with pytest.raises(
        DomainError, match=r"BWC/MSP/2021: ends \(1 December 2021\) before it starts \(3 December 2021\)"
    ):
        save_meeting(
            bwc,
            "BWC/MSP/2021",
            by=Actor.system("test"),
            kind="MSP",
            year=2021,
            start=dt.date(2021, 12, 3),
            end=dt.date(2021, 12, 1),
        )
    with pytest.raises(
        DomainError, match="kind must be one of REVCON, PREPCOM, MSP, MX, WG, SPECIAL, CONSULT, not 'PARTY'"
    ):
        save_meeting(bwc, "BWC/MSP/2021", by=Actor.system("test"), kind="PARTY", year=2021)
    meeting, created = save_meeting(
        bwc,
        "BWC/MSP/2034",
        by=Actor.system("bob"),
        kind="MSP",
        year=2034,
        start=dt.date(2034, 12, 11),
        end=dt.date(2034, 12, 13),
    )
    assert created and meeting.days == 3
    assert (
        AuditEntry.objects.filter(
            action="meeting.create", object_id=str(meeting.pk), actor="system:bob"
        ).count()
        == 1
    )
    assert (
        save_meeting(
            bwc,
            "BWC/MSP/2034",
            by=Actor.system("bob"),
            kind="MSP",
            year=2034,
            start=dt.date(2034, 12, 11),
            end=dt.date(2034, 12, 13),
        )[1]
        is False
    )


def test_the_secretariat_agenda_and_sittings_change_only_when_they_differ(db):
    from plenary.meetings.domain import (
        record_sitting,
        remove_agenda_item,
        remove_sitting,
        save_agenda_item,
        set_secretariat,
        update_sitting,
    )

    isu = Actor.system("isu")
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    current = [
        {"role": s.role, "name": s.name, "names": s.names, "functions": s.functions, "honorific": s.honorific}
        for s in meeting.secretariat.order_by("position")
    ]
    entries = AuditEntry.objects.count()
    assert set_secretariat(meeting, current, by=isu) is False
    assert save_agenda_item(meeting, 1, meeting.agenda.get(number=1).title, by=isu)[1] is False
    assert AuditEntry.objects.count() == entries
    assert set_secretariat(meeting, current[:1], by=isu) is True
    assert [s.name for s in meeting.secretariat.all()] == ["Daniel Feakes"]
    # The 2017 agenda is adopted: a new item is an amendment (tests/meetings/test_agenda.py).
    item, changed = save_agenda_item(meeting, 11, {"en": "Other matters"}, by=isu, amendment="test")
    assert changed and item.number == 11
    sitting = record_sitting(meeting, dates=["2017-12-08"], items=[11], by=isu)
    assert sitting.position == 6
    with pytest.raises(DomainError, match="^BWC/MSP/2017: sitting: agenda item 12 is not on the agenda"):
        update_sitting(sitting, by=isu, items=[12])
    with pytest.raises(DomainError, match="^BWC/MSP/2017: sitting: '8 December' is not a date"):
        update_sitting(sitting, by=isu, dates=["8 December"])
    with pytest.raises(DomainError, match="an agenda item's number is a whole number from 1 to 32767"):
        save_agenda_item(meeting, 40000, {"en": "x"}, by=isu)
    remove_sitting(sitting, by=isu)
    remove_agenda_item(item, by=isu, amendment="test")
    assert meeting.agenda.count() == 10
