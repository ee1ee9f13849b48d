"""The BWC meetings data file (bwc_meetings.yaml) as the demo loads it: the Ninth Review
Conference's Preparatory Committee, the Working Group's sessions 2023-2026, the Meetings of States
Parties that oversee it, what is planned for 2027; the loader's handling of a bad file; the
programme check on the years held."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.meetings.domain import DATA_DIR, load_meetings, programme_rules, year_proposal
from plenary.meetings.models import Meeting
from plenary.meetings.programme import check_programme
from plenary.treaties.models import Treaty

NEW = [
    "BWC/CONF.IX/PC",
    "BWC/CONS/2022",
    "BWC/WG/1",
    "BWC/WG/2",
    "BWC/WG/3",
    "BWC/MSP/2023",
    "BWC/WG/4",
    "BWC/WG/5",
    "BWC/MSP/2024",
    "BWC/WG/6",
    "BWC/WG/7",
    "BWC/MSP/2025",
    "BWC/WG/8",
    "BWC/WG/9",
    "BWC/WG/10",
    "BWC/MSP/2026",
    "BWC/CONF.X/PC",
    "BWC/CONF.X",
]


def row(series):
    m = Meeting.objects.get(series=series)
    return (m.kind, m.number, m.year, m.start, m.end, m.days, m.status, m.venue)


def officers_of(series):
    meeting = Meeting.objects.get(series=series)
    return [
        (o.role, o.title, o.name, o.state.code, o.group.code if o.group else None)
        for o in meeting.officers.select_related("state", "group").order_by("role", "position")
    ]


def test_the_file_holds_the_meetings_from_2016_to_2027(db):
    assert load_meetings(by=Actor.system("test"))["meetings"] == 38
    after_2021 = Meeting.objects.filter(start__gte=dt.date(2022, 1, 1)) | Meeting.objects.filter(start=None)
    assert sorted(after_2021.exclude(series="BWC/CONF.IX").values_list("series", flat=True)) == sorted(NEW)
    # The Working Group's sessions are numbered on, 1 to 10, from 2023 to 2026.
    sessions = Meeting.objects.filter(kind="WG").order_by("number")
    assert [(m.number, m.year) for m in sessions] == [
        (1, 2023),
        (2, 2023),
        (3, 2023),
        (4, 2024),
        (5, 2024),
        (6, 2025),
        (7, 2025),
        (8, 2026),
        (9, 2026),
        (10, 2026),
    ]


def test_exact_rows(db):
    assert row("BWC/CONF.IX/PC") == (
        "PREPCOM",
        9,
        2022,
        dt.date(2022, 4, 4),
        dt.date(2022, 4, 11),
        6,
        "held",
        "Palais des Nations, Geneva",
    )
    assert row("BWC/WG/1") == (
        "WG",
        1,
        2023,
        dt.date(2023, 3, 15),
        dt.date(2023, 3, 16),
        2,
        "held",
        "Palais des Nations, Geneva",
    )
    assert row("BWC/WG/2") == (
        "WG",
        2,
        2023,
        dt.date(2023, 8, 7),
        dt.date(2023, 8, 18),
        10,
        "held",
        "Palais des Nations, Geneva (Room XIX, E Building)",
    )
    assert row("BWC/WG/3") == (
        "WG",
        3,
        2023,
        dt.date(2023, 12, 4),
        dt.date(2023, 12, 8),
        5,
        "held",
        "Palais des Nations, Geneva (Room XVII)",
    )
    assert row("BWC/MSP/2023") == (
        "MSP",
        None,
        2023,
        dt.date(2023, 12, 11),
        dt.date(2023, 12, 13),
        3,
        "held",
        "Palais des Nations, Geneva",
    )
    assert row("BWC/WG/8") == (
        "WG",
        8,
        2026,
        dt.date(2026, 2, 9),
        dt.date(2026, 2, 13),
        5,
        "held",
        "Palais des Nations, Geneva (Tempus Building)",
    )
    # On 2026-12-02 the tenth session is still to come; the 2026 MSP and the Tenth Review
    # Conference have no dates on record.
    assert row("BWC/WG/10") == (
        "WG",
        10,
        2026,
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 11),
        5,
        "planned",
        "Palais des Nations, Geneva (Tempus Building)",
    )
    assert row("BWC/MSP/2026") == ("MSP", None, 2026, None, None, None, "planned", "Geneva")
    assert row("BWC/CONF.X/PC") == ("PREPCOM", 10, 2027, None, None, None, "planned", "Geneva")
    assert row("BWC/CONF.X") == ("REVCON", 10, 2027, None, None, None, "planned", "Geneva")


def test_officers_with_their_states(db):
    bureau_2023 = [
        ("chair", "Ambassador", "Flavio Soares Damico", "BRA", "NAM"),
        ("vice_chair", "Ambassador", "Camille Petit", "FRA", "WG"),
        ("vice_chair", "Mr", "Irakli Jgenti", "GEO", "EEG"),
    ]
    assert officers_of("BWC/WG/3") == bureau_2023
    assert officers_of("BWC/WG/7") == [
        ("chair", "Ambassador", "Frederico S. Duque Estrada Meyer", "BRA", "NAM"),
        ("vice_chair", "Ambassador", "Anne Lazar-Sury", "FRA", "WG"),
        ("vice_chair", "Mr", "Irakli Jgenti", "GEO", "EEG"),
    ]
    assert officers_of("BWC/WG/4") == [
        ("chair", "Ambassador", "Frederico S. Duque Estrada Meyer", "BRA", "NAM")
    ]
    assert officers_of("BWC/CONF.IX") == [("president", "Ambassador", "Leonardo Bencini", "ITA", "WG")]
    # Officers no source names are left out, not guessed.
    for series in (
        "BWC/CONF.IX/PC",
        "BWC/MSP/2023",
        "BWC/MSP/2024",
        "BWC/MSP/2025",
        "BWC/WG/10",
        "BWC/CONF.X",
    ):
        assert officers_of(series) == [], series


def test_the_agendas_read_in_a_source(db):
    def agenda(series):
        meeting = Meeting.objects.get(series=series)
        return [
            (a.label, a.title["en"])
            for a in sorted(
                meeting.agenda.select_related("parent"),
                key=lambda a: (a.parent.number if a.parent else a.number, a.parent_id is not None, a.number),
            )
        ]

    prepcom = agenda("BWC/CONF.IX/PC")
    assert len(prepcom) == 11 + 3 + 6
    assert prepcom[:7] == [
        ("1", "Opening of the meeting"),
        ("2", "Election of the Chairperson and other officers"),
        ("3", "Adoption of the agenda of the Preparatory Committee"),
        ("4", "Organization of work of the Preparatory Committee:"),
        ("4 (a)", "Method of decision-making"),
        ("4 (b)", "Languages"),
        ("4 (c)", "Participation of non-States Parties"),
    ]
    assert prepcom[-1] == ("11", "Other business")
    revcon = agenda("BWC/CONF.IX")
    assert [label for label, _ in revcon if "(" in label] == ["7 (a)", "7 (b)", "10 (a)", "10 (b)", "10 (c)"]
    assert revcon[-1] == ("16", "Preparation and adoption of the final document(s)")


def test_loading_twice_changes_nothing(db):
    entries = AuditEntry.objects.count()
    assert load_meetings(by=Actor.system("test"))["changes"] == 0
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "meetings:\n  - series: BWC/MSP/2031\n    kind: [MSP\n",
            "bad.yaml: not valid YAML (line 4, column 1): expected ',' or ']', but got '<stream end>'",
        ),
        ("- just\n- a list\n", "bad.yaml: the file must hold a mapping (treaty, meetings), not list"),
        ("meetings: {series: BWC/MSP/2031}\n", "bad.yaml: meetings must be a list"),
        (
            "meetings:\n  - {series: BWC/MSP/2031, kind: MSP, year: 2031, start: 2031-12-08, end: 2031-12-10}\n"
            "  - {series: BWC/MSP/2032, kind: MSP, year: 2032, venu: Geneva}\n",
            "bad.yaml: meetings[1] (BWC/MSP/2032): unknown key(s) venu",
        ),
        (
            "meetings:\n  - {series: BWC/MSP/2031, kind: MSP, year: 2031}\n"
            "  - {series: BWC/WG/11, kind: WG, year: 2031, agenda: [{number: 1, title: {xx: Opening}}]}\n",
            "BWC/WG/11: agenda item 1: unknown language(s) xx; use ar, zh, en, fr, ru, es",
        ),
        (
            "meetings:\n  - {series: BWC/MSP/2031, kind: MSP, year: 2031}\n"
            "  - {series: BWC/MSP/2032, kind: MSP, year: 2032, venue: Vienna}\n",
            "bad.yaml: meetings[1] (BWC/MSP/2032): the venue 'Vienna' is not in venue_names: give it in the six UN",
        ),
        (
            "venue_names:\n  - {en: Vienna, fr: Vienne}\nmeetings: []\n",
            "bad.yaml: venue_names[0] gives a venue as text in each of ar, zh, en, fr, ru, es",
        ),
        (
            "venue_names: {en: Vienna}\nmeetings: []\n",
            "bad.yaml: venue_names must be a list of venues, each in the six UN languages",
        ),
        (
            "venue_names:\n"
            + "  - {ar: فيينا, zh: 维也纳, en: Vienna, fr: Vienne, ru: Вена, es: Viena}\n" * 2
            + "meetings: []\n",
            "bad.yaml: venue_names[1]: 'Vienna' is there twice",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_written(db, tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = (Meeting.objects.count(), AuditEntry.objects.count())
    with pytest.raises(DomainError) as info:
        load_meetings(path, by=Actor.system("test"))
    assert str(info.value).startswith(message), str(info.value)
    assert (Meeting.objects.count(), AuditEntry.objects.count()) == before
    assert not Meeting.objects.filter(series__in=["BWC/MSP/2031", "BWC/WG/11"]).exists()


def proposal_of(treaty, year):
    """The year as held, in the format `plenary programme check` reads."""
    dates, chairs = {}, {}
    for m in Meeting.objects.filter(treaty=treaty, year=year, kind__in=["WG", "MSP"]).exclude(start=None):
        dates[m.code] = (m.start, m.end)
    return year_proposal(treaty, year, dates, chairs)


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_programme_check_passes_the_years_held(db, year):
    treaty = Treaty.objects.get(code="BWC")
    assert check_programme(proposal_of(treaty, year), programme_rules(treaty, year=year)) == []


def test_2023_held_two_days_more_than_the_shape_gives(db):
    """The organisational first session (two days) came on top of the fifteen Working Group days
    (the treaty profile says so); the check says so in words."""
    treaty = Treaty.objects.get(code="BWC")
    found = [
        (v.rule, v.subject, v.message)
        for v in check_programme(proposal_of(treaty, 2023), programme_rules(treaty, year=2023))
    ]
    assert found == [
        ("total-days", "the year 2023", "17 days of WG sessions planned; the programme gives 15")
    ]


def test_the_data_file_is_the_default(db):
    assert (DATA_DIR / "bwc_meetings.yaml").exists()


def test_the_formal_consultative_meeting_of_2022_is_closed_and_sat_five_days(db):
    # Opened on 26 August 2022 and suspended, resumed on 5, 6, 7 and 9 September (indico.un.org):
    # a span of fifteen days with five meeting days; closed to all but States Parties and signatories.
    load_meetings(by=Actor.system("test"))
    m = Meeting.objects.get(series="BWC/CONS/2022")
    assert (m.kind, m.start, m.end, m.days, m.closed) == (
        "CONSULT",
        dt.date(2022, 8, 26),
        dt.date(2022, 9, 9),
        5,
        True,
    )
    assert [(o.role, o.state.code) for o in m.officers.all()] == [("chair", "HUN")]
    assert "THE SERIES SYMBOL BWC/CONS/2022 IS NOT READ" in m.note


@pytest.mark.parametrize(
    ("lang", "venue"),
    [
        ("zh", "日内瓦万国宫(XVII号会议室)"),
        ("fr", "Palais des Nations à Genève (salle XVII)"),
        ("ru", "Дворец Наций в Женеве (зал XVII)"),
        ("ar", "قصر الأمم في جنيف (القاعة XVII)"),
    ],
)
def test_each_venue_is_given_in_the_six_languages(db, lang, venue):
    # As a label names the place (the nominative in Russian); a report's sentence declines it.
    load_meetings(by=Actor.system("test"))
    assert Meeting.objects.get(series="BWC/WG/3").venues[lang] == venue
    held_in_geneva = (
        Meeting.objects.filter(treaty__code="BWC").exclude(venue="").exclude(series="BWC/MSP/2017")
    )
    assert all(set(m.venues) == {"ar", "zh", "fr", "ru", "es"} for m in held_in_geneva)
