"""The agenda and the programme of work: adding, editing, renumbering, moving and removing items
and sub-items; sittings by day and period and their entries; the freeze after adoption; hostile
input refused with one line and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.models import AuditEntry
from plenary.meetings import agenda as A
from plenary.meetings.models import AgendaItem, Meeting, PlannedSitting, ProgrammeEntry
from plenary.meetings.queries import agenda_of, programme_of
from tests.factories import DecisionFactory, DocumentFactory, MeetingFactory

ISU = Actor.system("isu")
SIX = {
    "ar": "افتتاح الاجتماع",
    "zh": "会议开幕",
    "en": "Opening of the meeting",
    "fr": "Ouverture",
    "ru": "Открытие",
    "es": "Apertura",
}


@pytest.fixture
def meeting(db) -> Meeting:
    return MeetingFactory(series="BWC/MSP/2126")  # 6-9 December 2126


def outline(meeting: Meeting) -> list[tuple[str, str]]:
    return [(row.label, row.title["en"]) for item, subs in agenda_of(meeting) for row in (item, *subs)]


def state(meeting: Meeting) -> tuple:
    """Everything the agenda and the programme hold, and the size of the audit trail."""
    return (
        outline(meeting),
        [
            (s.number, s.date, s.period, [(e.position, e.agenda_item_id, e.subject) for e in s.entries.all()])
            for s in programme_of(meeting)
        ],
        AuditEntry.objects.count(),
    )


def add(meeting, en, **kw):
    return A.add_agenda_item(meeting, title={"en": en}, by=ISU, **kw)


def test_items_and_sub_items_are_numbered_in_order_and_audited(meeting):
    opening = add(meeting, "Opening of the meeting")
    debate = add(meeting, "General debate")
    add(meeting, "Adoption of the agenda", number=2)
    a = add(meeting, "Universalization", parent=debate)
    add(meeting, "Science and technology", parent=debate)
    add(meeting, "National implementation", parent=debate, number=1)
    assert outline(meeting) == [
        ("1", "Opening of the meeting"),
        ("2", "Adoption of the agenda"),
        ("3", "General debate"),
        ("3 (a)", "National implementation"),
        ("3 (b)", "Universalization"),
        ("3 (c)", "Science and technology"),
    ]
    a.refresh_from_db()
    assert (a.label, opening.label) == ("3 (b)", "1")
    entry = AuditEntry.objects.filter(action="agenda.add").latest("id")
    assert (entry.actor, entry.via, entry.object_type) == ("system:isu", "cli", "meetings.AgendaItem")
    ids = {row.title["en"]: row.pk for row in AgendaItem.objects.filter(meeting=meeting)}
    assert entry.before == {
        "outline": [
            {"id": ids["Opening of the meeting"], "item": "1"},
            {"id": ids["Adoption of the agenda"], "item": "2"},
            {"id": ids["General debate"], "item": "3"},
            {"id": ids["Universalization"], "item": "3 (a)"},
            {"id": ids["Science and technology"], "item": "3 (b)"},
        ]
    }
    assert {k: v for k, v in entry.after.items() if k != "outline"} == {
        "meeting": "BWC/MSP/2126",
        "item": "3 (a)",
        "parent": "3",
        "number": 1,
        "title": {"en": "National implementation"},
    }


def test_titles_are_kept_per_language_cleaned_and_edited(meeting):
    item = A.add_agenda_item(meeting, title={**SIX, "en": "  Opening   of the\nmeeting ", "fr": ""}, by=ISU)
    assert item.title == {k: v for k, v in SIX.items() if k != "fr"}
    assert A.edit_agenda_item(item, title=item.title, by=ISU) is False
    assert A.edit_agenda_item(item, title=SIX, by=ISU) is True
    item.refresh_from_db()
    assert item.title == SIX
    entry = AuditEntry.objects.filter(action="agenda.edit").get()
    assert entry.before["title"] == {k: v for k, v in SIX.items() if k != "fr"}
    assert entry.after == {"meeting": "BWC/MSP/2126", "item": "1", "parent": None, "number": 1, "title": SIX}


def test_moving_renumbers_and_may_change_the_parent(meeting):
    one, two, three = (add(meeting, t) for t in ("One", "Two", "Three"))
    x = add(meeting, "X", parent=three)
    add(meeting, "Y", parent=three)
    assert A.move_agenda_item(one, number=3, by=ISU) is True
    assert outline(meeting) == [("1", "Two"), ("2", "Three"), ("2 (a)", "X"), ("2 (b)", "Y"), ("3", "One")]
    assert A.move_agenda_item(one, number=3, by=ISU) is False
    # a sub-item moves under another item, then up to the agenda itself
    A.move_agenda_item(x, parent=two, number=1, by=ISU)
    assert outline(meeting) == [("1", "Two"), ("1 (a)", "X"), ("2", "Three"), ("2 (a)", "Y"), ("3", "One")]
    A.move_agenda_item(x, number=1, by=ISU)
    assert outline(meeting) == [("1", "X"), ("2", "Two"), ("3", "Three"), ("3 (a)", "Y"), ("4", "One")]
    # an item without sub-items becomes one
    A.move_agenda_item(one, parent=two, number=1, by=ISU)
    assert outline(meeting) == [("1", "X"), ("2", "Two"), ("2 (a)", "One"), ("3", "Three"), ("3 (a)", "Y")]
    entry = AuditEntry.objects.filter(action="agenda.move").latest("id")
    assert (entry.before["item"], entry.after["item"], entry.after["parent"]) == ("4", "2 (a)", "2")


def test_removing_renumbers_and_keeps_what_is_filed(meeting):
    one, two, three = (add(meeting, t) for t in ("One", "Two", "Three"))
    sub = add(meeting, "Sub", parent=three)
    with pytest.raises(
        DomainError, match=r"^BWC/MSP/2126: agenda item 3 has sub-items \(3 \(a\)\): take them off first$"
    ):
        A.remove_agenda_item(three, by=ISU)
    DocumentFactory(meeting=meeting, agenda_item=two)
    DecisionFactory(meeting=meeting, agenda_item=two)
    with pytest.raises(
        DomainError,
        match=r"^BWC/MSP/2126: agenda item 2 stays: 1 document\(s\), 1 decision\(s\) are filed under it; file them elsewhere first$",
    ):
        A.remove_agenda_item(two, by=ISU)
    A.remove_agenda_item(one, by=ISU)
    A.remove_agenda_item(sub, by=ISU)
    assert outline(meeting) == [("1", "Two"), ("2", "Three")]
    entry = AuditEntry.objects.filter(action="agenda.remove").latest("id")
    assert (entry.object_type, entry.before["item"], entry.before["title"]) == (
        "meetings.Meeting",
        "2 (a)",
        {"en": "Sub"},
    )
    assert entry.after == {"outline": [{"id": two.pk, "item": "1"}, {"id": three.pk, "item": "2"}]}


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda m, i: add(m, "x", number=0),
            "BWC/MSP/2126: new agenda item: the number is a whole number from 1 to 3",
        ),
        (
            lambda m, i: add(m, "x", number=70000),
            "BWC/MSP/2126: new agenda item: the number is a whole number from 1 to 3",
        ),
        (
            lambda m, i: add(m, "x", number=True),
            "BWC/MSP/2126: new agenda item: the number is a whole number from 1 to 3",
        ),
        (
            lambda m, i: add(m, "x", number="2"),
            "BWC/MSP/2126: new agenda item: the number is a whole number from 1 to 3",
        ),
        (
            lambda m, i: add(m, "x", parent=i["2 (a)"]),
            "BWC/MSP/2126: new agenda sub-item: 2 (a) is a sub-item, and a sub-item has no sub-items of its own",
        ),
        (
            lambda m, i: A.add_agenda_item(m, title={"en": "x" * 100_000}, by=ISU),
            "BWC/MSP/2126: new agenda item: title: the en text is longer than 1,000 characters",
        ),
        (
            lambda m, i: A.add_agenda_item(m, title={"de": "Eröffnung"}, by=ISU),
            "BWC/MSP/2126: new agenda item: title: unknown language(s) de; use ar, zh, en, fr, ru, es",
        ),
        (
            lambda m, i: A.add_agenda_item(m, title={"en": "   "}, by=ISU),
            "BWC/MSP/2126: new agenda item: title: give the text in at least one UN language",
        ),
        (
            lambda m, i: A.add_agenda_item(m, title="Opening", by=ISU),
            "BWC/MSP/2126: new agenda item: title: a text is given per UN language (ar, zh, en, fr, ru, es)",
        ),
        (
            lambda m, i: A.add_agenda_item(m, title={"en": 5}, by=ISU),
            "BWC/MSP/2126: new agenda item: title: each language's text is a string",
        ),
        (
            lambda m, i: add(
                m,
                "x",
                parent=AgendaItem.objects.create(
                    meeting=MeetingFactory(series="BWC/MSP/2127"), number=1, title={"en": "y"}
                ),
            ),
            "BWC/MSP/2126: new agenda sub-item: item 1 of BWC/MSP/2127 is not on the agenda of BWC/MSP/2126",
        ),
        (
            lambda m, i: A.move_agenda_item(i["1"], number=0, by=ISU),
            "BWC/MSP/2126: agenda item 1: the number is a whole number from 1 to 2",
        ),
        (
            lambda m, i: A.move_agenda_item(i["1"], number=1, parent=i["2 (a)"], by=ISU),
            "BWC/MSP/2126: agenda item 1: 2 (a) is a sub-item, and a sub-item has no sub-items of its own",
        ),
        (
            lambda m, i: A.move_agenda_item(i["2"], number=1, parent=i["1"], by=ISU),
            "BWC/MSP/2126: agenda item 2 has sub-items: it stays an item of the agenda (a sub-item has no sub-items)",
        ),
        (
            lambda m, i: A.move_agenda_item(i["1"], number=1, parent=i["1"], by=ISU),
            "BWC/MSP/2126: agenda item 1: an item cannot be its own sub-item",
        ),
        (
            lambda m, i: A.edit_agenda_item(i["1"], title={"zh": "会" * 1001}, by=ISU),
            "BWC/MSP/2126: agenda item 1: title: the zh text is longer than 1,000 characters",
        ),
    ],
    ids=[
        "number-0",
        "number-70000",
        "number-bool",
        "number-str",
        "sub-of-sub",
        "title-100000",
        "language",
        "empty",
        "not-a-mapping",
        "not-a-string",
        "parent-of-another-meeting",
        "move-0",
        "move-under-sub",
        "move-item-with-subs",
        "own-parent",
        "edit-too-long",
    ],
)
def test_hostile_input_is_refused_with_one_line_and_nothing_written(meeting, call, message):
    add(meeting, "One")
    two = add(meeting, "Two")
    add(meeting, "Two a", parent=two)
    items = {row.label: row for item, subs in agenda_of(meeting) for row in (item, *subs)}
    before = state(meeting)
    with pytest.raises(DomainError) as raised:
        call(meeting, items)
    assert str(raised.value) == message
    assert state(meeting) == before


def test_an_agenda_holds_at_most_99_items_and_an_item_26_sub_items(meeting):
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=meeting, number=n, title={"en": f"{n}"}) for n in range(1, 100)]
    )
    with pytest.raises(DomainError, match="^BWC/MSP/2126: new agenda item: an agenda has at most 99 items$"):
        add(meeting, "one more")
    parent = AgendaItem.objects.get(meeting=meeting, number=5)
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=meeting, parent=parent, number=n, title={"en": f"5.{n}"}) for n in range(1, 27)]
    )
    assert AgendaItem.objects.get(parent=parent, number=26).label == "5 (z)"
    with pytest.raises(
        DomainError,
        match=r"^BWC/MSP/2126: new agenda sub-item: item 5 has at most 26 sub-items, \(a\) to \(z\)$",
    ):
        add(meeting, "(aa)", parent=parent)


@pytest.mark.parametrize("persona", ["anonymous", "fra_fp", "fra_del", "deu_fp", "ngo", "officer"])
def test_only_the_secretariat_sets_the_agenda_and_programme(meeting, people, persona):
    item = add(meeting, "One")
    sitting = A.plan_sitting(meeting, date=meeting.start, period="morning", by=ISU)
    entry = A.add_programme_entry(sitting, agenda_item=item, by=ISU)
    by = people.actor(persona)
    before = state(meeting)
    for call in (
        lambda: A.add_agenda_item(meeting, title={"en": "x"}, by=by),
        lambda: A.edit_agenda_item(item, title={"en": "x"}, by=by),
        lambda: A.move_agenda_item(item, number=1, by=by),
        lambda: A.remove_agenda_item(item, by=by),
        lambda: A.save_agenda_item(meeting, 2, {"en": "x"}, by=by),
        lambda: A.plan_sitting(meeting, date=meeting.start, period="afternoon", by=by),
        lambda: A.change_sitting(sitting, period="evening", by=by),
        lambda: A.remove_planned_sitting(sitting, by=by),
        lambda: A.add_programme_entry(sitting, subject={"en": "x"}, by=by),
        lambda: A.change_programme_entry(entry, subject={"en": "x"}, by=by),
        lambda: A.move_programme_entry(entry, position=1, by=by),
        lambda: A.remove_programme_entry(entry, by=by),
    ):
        with pytest.raises(NotAllowed, match="^only the secretariat sets the (agenda|programme of work)$"):
            call()
    assert state(meeting) == before


def test_the_adopted_agenda_is_frozen_except_by_an_audited_amendment(meeting):
    one = add(meeting, "Opening")
    two = add(meeting, "General debate")
    DecisionFactory(meeting=meeting, key="agenda", adopted_on=dt.date(2126, 12, 6))
    before = state(meeting)
    frozen = (
        "the agenda of BWC/MSP/2126 was adopted on 6 December 2126: it no longer changes, except by an amendment "
        "the meeting agreed (give its reason)"
    )
    for call in (
        lambda amendment: add(meeting, "Other matters", amendment=amendment),
        lambda amendment: A.edit_agenda_item(
            one, title={"en": "Opening of the meeting"}, by=ISU, amendment=amendment
        ),
        lambda amendment: A.move_agenda_item(one, number=2, by=ISU, amendment=amendment),
        lambda amendment: A.remove_agenda_item(two, by=ISU, amendment=amendment),
        lambda amendment: A.save_agenda_item(meeting, 1, {"en": "Opening!"}, by=ISU, amendment=amendment),
    ):
        for empty in (None, "", "   "):
            with pytest.raises(Frozen) as raised:
                call(empty)
            assert str(raised.value) == frozen
    assert state(meeting) == before
    # what does not change is not refused
    assert A.edit_agenda_item(one, title={"en": "Opening"}, by=ISU) is False
    with pytest.raises(DomainError, match="^the reason of an amendment has at most 500 characters$"):
        add(meeting, "Other matters", amendment="x" * 501)
    add(meeting, "Other matters", amendment="  as orally amended  on 6 December ")
    assert outline(meeting) == [("1", "Opening"), ("2", "General debate"), ("3", "Other matters")]
    entry = AuditEntry.objects.filter(action__startswith="agenda.").latest("id")
    assert (entry.action, entry.after["amendment"], entry.after["item"]) == (
        "agenda.amend.add",
        "as orally amended on 6 December",
        "3",
    )


def test_the_2017_record_loader_path_is_frozen_too(db):
    meeting = Meeting.objects.get(series="BWC/MSP/2017")
    title = meeting.agenda.get(number=1, parent=None).title
    assert A.save_agenda_item(meeting, 1, title, by=ISU) == (meeting.agenda.get(number=1), False)
    with pytest.raises(
        Frozen, match="^the agenda of BWC/MSP/2017 was adopted on 4 December 2017: it no longer changes"
    ):
        A.save_agenda_item(meeting, 11, {"en": "Other matters"}, by=ISU)


# -- the programme of work ----------------------------------------------------------------------


def sittings(meeting):
    return [(s.number, s.date.isoformat(), s.period, s.opens, s.closes) for s in programme_of(meeting)]


def test_sittings_are_numbered_by_day_and_period(meeting):
    afternoon = A.plan_sitting(
        meeting, date="2126-12-06", period="afternoon", opens="15:00", closes="18:00", by=ISU
    )
    A.plan_sitting(meeting, date=dt.date(2126, 12, 7), period="morning", by=ISU)
    morning = A.plan_sitting(
        meeting, date="2126-12-06", period="morning", opens=dt.time(10), closes="13:00", by=ISU
    )
    assert sittings(meeting) == [
        (1, "2126-12-06", "morning", dt.time(10), dt.time(13)),
        (2, "2126-12-06", "afternoon", dt.time(15), dt.time(18)),
        (3, "2126-12-07", "morning", None, None),
    ]
    assert morning.number == 1
    entry = AuditEntry.objects.filter(action="programme.sitting.add").latest("id")
    assert entry.after == {
        "meeting": "BWC/MSP/2126",
        "number": 1,
        "date": "2126-12-06",
        "period": "morning",
        "opens": "10:00",
        "closes": "13:00",
        "note": {},
    }
    assert (
        A.change_sitting(afternoon, date="2126-12-08", note={"en": "informal", "zh": "非正式"}, by=ISU)
        is True
    )
    assert A.change_sitting(afternoon, date="2126-12-08", by=ISU) is False
    assert sittings(meeting) == [
        (1, "2126-12-06", "morning", dt.time(10), dt.time(13)),
        (2, "2126-12-07", "morning", None, None),
        (3, "2126-12-08", "afternoon", dt.time(15), dt.time(18)),
    ]
    assert (afternoon.number, afternoon.note) == (3, {"zh": "非正式", "en": "informal"})


@pytest.mark.parametrize(
    "values, message",
    [
        (
            {"date": "2126-12-10"},
            "BWC/MSP/2126: sitting: 10 December 2126 is not a day of BWC/MSP/2126 (6 December 2126 to 9 December 2126)",
        ),
        (
            {"date": "2126-12-05"},
            "BWC/MSP/2126: sitting: 5 December 2126 is not a day of BWC/MSP/2126 (6 December 2126 to 9 December 2126)",
        ),
        ({"date": "8 December"}, "BWC/MSP/2126: sitting: '8 December' is not a date (YYYY-MM-DD)"),
        (
            {"period": "night"},
            "BWC/MSP/2126: sitting: the period is one of morning, afternoon, evening, not 'night'",
        ),
        (
            {"opens": "13:00", "closes": "10:00"},
            "BWC/MSP/2126: sitting: it closes (10:00) before it opens (13:00)",
        ),
        ({"opens": "25:00"}, "BWC/MSP/2126: sitting: '25:00' is not a time (HH:MM)"),
        (
            {"period": "morning"},
            "BWC/MSP/2126: sitting: BWC/MSP/2126 already has a sitting in the morning of 6 December 2126 (sitting 1)",
        ),
        (
            {"note": {"en": "x" * 201}},
            "BWC/MSP/2126: sitting: note: the en text is longer than 200 characters",
        ),
    ],
)
def test_a_sitting_is_a_day_and_period_of_the_meeting(meeting, values, message):
    A.plan_sitting(meeting, date="2126-12-06", period="morning", by=ISU)
    before = state(meeting)
    with pytest.raises(DomainError) as raised:
        A.plan_sitting(meeting, **{"date": "2126-12-06", "period": "afternoon", **values}, by=ISU)
    assert str(raised.value) == message
    assert state(meeting) == before


def test_a_meeting_without_dates_has_no_sittings_yet(db):
    meeting = MeetingFactory(series="BWC/MSP/2128", start=None, end=None)
    with pytest.raises(
        DomainError, match="^BWC/MSP/2128: sitting: BWC/MSP/2128 has no dates yet; set its dates first$"
    ):
        A.plan_sitting(meeting, date="2128-12-06", period="morning", by=ISU)


def test_entries_take_up_items_or_subjects_in_order(meeting):
    opening = add(meeting, "Opening of the meeting")
    debate = add(meeting, "General debate")
    sub = add(meeting, "Statements", parent=debate)
    first = A.plan_sitting(meeting, date="2126-12-06", period="morning", by=ISU)
    second = A.plan_sitting(meeting, date="2126-12-06", period="afternoon", by=ISU)
    a = A.add_programme_entry(first, agenda_item=opening, by=ISU)
    b = A.add_programme_entry(first, agenda_item=sub, by=ISU)
    c = A.add_programme_entry(
        first,
        subject={"en": "Informal meeting with NGOs", "zh": "与非政府组织的非正式会议"},
        position=1,
        by=ISU,
    )

    def entries(s):
        return [
            (e.position, e.agenda_item.label if e.agenda_item else e.subject["en"])
            for e in s.entries.order_by("position")
        ]

    assert entries(first) == [(0, "Informal meeting with NGOs"), (1, "1"), (2, "2 (a)")]
    assert A.move_programme_entry(c, position=3, by=ISU) is True
    assert entries(first) == [(0, "1"), (1, "2 (a)"), (2, "Informal meeting with NGOs")]
    assert A.move_programme_entry(b, position=1, sitting=second, by=ISU) is True
    assert (entries(first), entries(second)) == (
        [(0, "1"), (1, "Informal meeting with NGOs")],
        [(0, "2 (a)")],
    )
    assert A.change_programme_entry(a, agenda_item=debate, by=ISU) is True
    assert A.change_programme_entry(a, agenda_item=debate, by=ISU) is False
    entry = AuditEntry.objects.filter(action="programme.entry.change").get()
    assert (entry.before, entry.after) == (
        {"sitting": 1, "position": 0, "agenda_item": "1", "subject": {}},
        {"sitting": 1, "position": 0, "agenda_item": "2", "subject": {}},
    )
    A.remove_programme_entry(a, by=ISU)
    assert entries(first) == [(0, "Informal meeting with NGOs")]
    # an item on the programme stays on the agenda until it is taken off the programme
    with pytest.raises(
        DomainError,
        match=r"^BWC/MSP/2126: agenda item 2 \(a\) stays: 1 entry\(ies\) of the programme of work are filed under it",
    ):
        A.remove_agenda_item(sub, by=ISU)
    A.remove_planned_sitting(first, by=ISU)
    assert sittings(meeting) == [(1, "2126-12-06", "afternoon", None, None)]
    removed = AuditEntry.objects.filter(action="programme.sitting.remove").get()
    assert removed.before["entries"] == [
        {
            "sitting": 1,
            "position": 0,
            "agenda_item": None,
            "subject": {"zh": "与非政府组织的非正式会议", "en": "Informal meeting with NGOs"},
        }
    ]
    assert ProgrammeEntry.objects.filter(sitting__meeting=meeting).count() == 1


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {},
            "BWC/MSP/2126: sitting 1: an entry takes up an agenda item, or says what the sitting does (a subject)",
        ),
        (
            {"subject": {"en": " "}},
            "BWC/MSP/2126: sitting 1: an entry takes up an agenda item, or says what the sitting does (a subject)",
        ),
        ("both", "BWC/MSP/2126: sitting 1: an entry is an agenda item or a subject, not both"),
        ("other", "BWC/MSP/2126: sitting 1: item 1 of BWC/MSP/2017 is not on the agenda of BWC/MSP/2126"),
        (
            {"subject": {"en": "x" * 100_000}},
            "BWC/MSP/2126: sitting 1: subject: the en text is longer than 1,000 characters",
        ),
        (
            {"subject": {"en": "x"}, "position": 0},
            "BWC/MSP/2126: sitting 1: entry: the number is a whole number from 1 to 2",
        ),
        (
            {"subject": {"en": "x"}, "position": 70000},
            "BWC/MSP/2126: sitting 1: entry: the number is a whole number from 1 to 2",
        ),
    ],
)
def test_hostile_entries_are_refused(meeting, kwargs, message):
    item = add(meeting, "Opening")
    sitting = A.plan_sitting(meeting, date="2126-12-06", period="morning", by=ISU)
    A.add_programme_entry(sitting, agenda_item=item, by=ISU)
    if kwargs == "both":
        kwargs = {"agenda_item": item, "subject": {"en": "Opening"}}
    elif kwargs == "other":
        kwargs = {
            "agenda_item": AgendaItem.objects.get(meeting__series="BWC/MSP/2017", number=1, parent=None)
        }
    before = state(meeting)
    with pytest.raises(DomainError) as raised:
        A.add_programme_entry(sitting, **kwargs, by=ISU)
    assert str(raised.value) == message
    assert state(meeting) == before


def test_a_sitting_of_another_meeting_takes_no_entry_of_this_one(meeting):
    other = MeetingFactory(series="BWC/MSP/2129")
    mine = A.plan_sitting(meeting, date="2126-12-06", period="morning", by=ISU)
    theirs = A.plan_sitting(other, date="2129-12-06", period="morning", by=ISU)
    entry = A.add_programme_entry(mine, subject={"en": "Opening"}, by=ISU)
    with pytest.raises(
        DomainError,
        match="^BWC/MSP/2126: sitting 1: sitting 1 of BWC/MSP/2129 is not a sitting of BWC/MSP/2126$",
    ):
        A.move_programme_entry(entry, position=1, sitting=theirs, by=ISU)
    assert list(theirs.entries.all()) == []


def test_a_sitting_the_list_of_speakers_uses_stays(meeting):
    from tests.factories import DelegationFactory, FloorRequestFactory

    sitting = A.plan_sitting(meeting, date="2126-12-06", period="morning", by=ISU)
    FloorRequestFactory(meeting=meeting, sitting=sitting, delegation=DelegationFactory(meeting=meeting))
    with pytest.raises(
        DomainError, match=r"^BWC/MSP/2126: sitting 1 stays: 1 request\(s\) for the floor refer to it$"
    ):
        A.remove_planned_sitting(sitting, by=ISU)
    assert PlannedSitting.objects.filter(pk=sitting.pk).exists()
