"""The back office's pages for one meeting of any kind (new, edit) and for planning a year in a
chosen programme shape, for every persona; hostile input gets the domain's message, HTTP 400 and
nothing written."""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import quote

import pytest
from django.test import Client

from plenary.core.models import AuditEntry
from plenary.meetings.models import Meeting

NEW = "/office/meetings/new/"
EDIT = "/office/meetings/BWC/MSP/2018/edit/"
PLAN_WG = "/office/plan/?shape=working-group&year=2027"
GET_PAGES = [NEW, f"{NEW}?kind=WG&year=2027&number=11", EDIT, PLAN_WG, "/office/plan/?year=2027"]
POSTS = [NEW, EDIT, "/office/plan/"]
NOT_STAFF = ["fra_fp", "fra_del", "deu_fp", "deu_del", "ngo", "officer"]


def client_of(people, persona) -> Client:
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    return client


def counts():
    return (Meeting.objects.count(), AuditEntry.objects.count())


def msp_2027(**changes) -> dict:
    data = {
        "kind": "MSP",
        "series": "BWC/MSP/2027",
        "number": "",
        "year": "2027",
        "start": "2027-12-06",
        "end": "2027-12-08",
        "days": "",
        "venue": "Palais des Nations, Geneva",
        "access": "",
        "status": "planned",
        "note": "",
        "title_en": "2027 Meeting of States Parties",
        "title_zh": "2027年缔约国会议",
        "venue_en": "Geneva",
        "venue_fr": "Genève",
    }
    return data | changes


# -- who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", GET_PAGES)
def test_staff_see_the_pages(people, url):
    assert client_of(people, "staff").get(url).status_code == 200


@pytest.mark.parametrize("persona", NOT_STAFF)
@pytest.mark.parametrize("url", GET_PAGES)
def test_delegates_ngos_and_officers_are_refused(people, persona, url):
    assert client_of(people, persona).get(url).status_code == 403


@pytest.mark.parametrize("persona", NOT_STAFF)
@pytest.mark.parametrize("url", POSTS)
def test_they_cannot_post_and_nothing_is_written(people, persona, url):
    client = client_of(people, persona)  # signed in (an audited act) before counting
    before = counts()
    assert client.post(url, msp_2027()).status_code == 403
    assert counts() == before


@pytest.mark.parametrize("url", GET_PAGES + POSTS)
def test_anonymous_visitors_are_sent_to_sign_in(people, url):
    before = counts()
    client = client_of(people, "anonymous")
    for response in (client.get(url), client.post(url, msp_2027())):
        assert (response.status_code, response["Location"]) == (
            302,
            f"/accounts/sign-in/?next={quote(url, safe='/')}",
        )
    assert counts() == before


def test_the_dashboard_and_every_office_page_link_new_meeting(people):
    staff = client_of(people, "staff")
    assert (
        '<a class="button" href="/office/meetings/new/">New meeting</a>'
        in staff.get("/office/").content.decode()
    )
    assert '<a href="/office/meetings/new/">New meeting</a>' in staff.get(EDIT).content.decode()
    assert '<a href="/office/meetings/BWC/MSP/2018/edit/">edit</a>' in staff.get("/office/").content.decode()


# -- a new meeting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?kind=WG&year=2027&number=11", {"kind": "WG", "series": "BWC/WG/11", "days": 5, "number": 11}),
        (
            "?kind=CONSULT&year=2027",
            {"kind": "CONSULT", "series": "BWC/CONS/2027", "days": 5, "number": None},
        ),
        (
            "?kind=REVCON&year=2027&number=10",
            {"kind": "REVCON", "series": "BWC/CONF.X", "days": 15, "number": 10},
        ),
        ("?kind=WG&year=2027", {"kind": "WG", "series": "", "days": 5, "number": None}),
        (
            "",
            {"kind": "MSP", "series": f"BWC/MSP/{dt.date.today().year + 1}", "days": 3, "number": None},
        ),
        (
            "?kind=PARTY",
            {"kind": "MSP", "series": f"BWC/MSP/{dt.date.today().year + 1}", "days": 3, "number": None},
        ),
    ],
)
def test_the_form_is_prefilled_from_the_kind(people, query, expected):
    form = client_of(people, "staff").get(NEW + query).context["form"]
    assert {k: form.initial.get(k) for k in expected} == expected


def test_the_page_lists_every_kind_with_its_series(people):
    html = client_of(people, "staff").get(NEW).content.decode()
    assert (
        '<tr><td>Working Group session</td><td class="symbol">BWC/WG/&lt;number&gt;</td><td>5</td><td>open</td>'
        "<td>procedural report (the MSP&#x27;s report; a Working Group session&#x27;s procedural report)</td></tr>"
    ) in html
    assert (
        '<tr><td>consultative meeting</td><td class="symbol">BWC/CONS/&lt;year&gt; or BWC/CONS</td><td>5</td><td>closed</td>'
        in html
    )


def test_staff_create_a_meeting_of_states_parties(people):
    response = client_of(people, "staff").post(NEW, msp_2027(), follow=True)
    assert response.redirect_chain == [("/office/meetings/BWC/MSP/2027/", 302)]
    m = Meeting.objects.get(series="BWC/MSP/2027")
    assert (m.kind, m.number, m.year, m.start, m.end, m.days, m.venue, m.closed, m.status) == (
        "MSP",
        None,
        2027,
        dt.date(2027, 12, 6),
        dt.date(2027, 12, 8),
        3,
        "Palais des Nations, Geneva",
        False,
        "planned",
    )
    assert (m.title, m.venues) == (
        {"en": "2027 Meeting of States Parties", "zh": "2027年缔约国会议"},
        {"en": "Geneva", "fr": "Genève"},
    )
    entry = AuditEntry.objects.get(action="meeting.create", object_id=str(m.pk))
    assert (entry.actor, entry.via) == ("staff", "page")
    html = response.content.decode()
    assert "Created BWC/MSP/2027: Meeting of States Parties, 2027, open, status planned." in html


def test_a_consultative_meeting_is_closed_unless_opened(people):
    staff = client_of(people, "staff")
    staff.post(NEW, msp_2027(kind="CONSULT", series="BWC/CONS/2027", start="", end=""))
    staff.post(
        NEW, msp_2027(kind="CONSULT", series="BWC/CONS/2028", year="2028", start="", end="", access="open")
    )
    assert dict(Meeting.objects.filter(kind="CONSULT", year__gte=2027).values_list("series", "closed")) == {
        "BWC/CONS/2027": True,
        "BWC/CONS/2028": False,
    }


def test_a_working_group_session_takes_its_number_from_the_series(people):
    client_of(people, "staff").post(
        NEW, msp_2027(kind="WG", series="BWC/WG/11", start="2027-08-02", end="2027-08-13")
    )
    m = Meeting.objects.get(series="BWC/WG/11")
    assert (m.kind, m.number, m.days, m.code) == ("WG", 11, 10, "WG11")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"start": "2027-12-08", "end": "2027-12-06"},
            "BWC/MSP/2027: ends (6 December 2027) before it starts (8 December 2027)",
        ),
        (
            {"start": "2028-01-10", "end": "2028-01-12"},
            "BWC/MSP/2027: opens on 10 January 2028, outside its year 2027; a meeting planned for another year "
            "(as the 2020 meetings were, for 2021) says why in its note",
        ),
        ({"end": ""}, "BWC/MSP/2027: give both the opening and the closing date, or neither"),
        (
            {"series": "BWC/WG/11"},
            "BWC/WG/11 is the series of a Working Group session, not of a Meeting of States Parties "
            "(the series of a Meeting of States Parties is written BWC/MSP/<year>)",
        ),
        (
            {"series": "BWC/MSP/2018", "year": "2018", "start": "", "end": ""},
            "BWC/MSP/2018 already exists: open it to edit it",
        ),
        ({"series": "BWC/MSP/2028"}, "BWC/MSP/2028 is a meeting of 2028, not of 2027"),
        (
            {"title_en": "T" * 10_000},
            "BWC/MSP/2027: the title in English is 10000 characters long; a title is at most 500",
        ),
        (
            {"title_ar": "ع" * 10_000},
            "BWC/MSP/2027: the title in Arabic is 10000 characters long; a title is at most 500",
        ),
        ({"venue": "V" * 10_000}, "BWC/MSP/2027: the venue is 10000 characters long; at most 200"),
        (
            {"days": "9"},
            "BWC/MSP/2027: 9 meeting days do not fit between 6 December 2027 and 8 December 2027 (3 calendar days)",
        ),
        (
            {"series": "BWC/MSP/2027; DROP TABLE"},
            "BWC/MSP/2027; DROP TABLE: a series has no blanks (BWC/MSP/2027)",
        ),
        (
            {"series": "<script>alert(1)</script>"},
            "<script>alert(1)</script>: the series of a Meeting of States Parties is written BWC/MSP/<year>",
        ),
    ],
)
def test_hostile_input_gets_the_domains_message_and_nothing_is_written(people, changes, message):
    client = client_of(people, "staff")  # signed in (an audited act) before counting
    before = counts()
    response = client.post(NEW, msp_2027(**changes))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [message]
    assert (
        f'<ul class="errorlist nonfield" role="alert"><li>{escape(message)}</li></ul>'
        in response.content.decode()
    )
    assert counts() == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "PARTY"}, "kind", "Select a valid choice. PARTY is not one of the available choices."),
        ({"year": "twenty"}, "year", "Enter a whole number."),
        ({"start": "2027-02-30"}, "start", "Enter a valid date."),
        ({"series": ""}, "series", "This field is required."),
        ({"number": "-3"}, "number", "Ensure this value is greater than or equal to 1."),
        (
            {"status": "adjourned"},
            "status",
            "Select a valid choice. adjourned is not one of the available choices.",
        ),
    ],
)
def test_malformed_input_is_a_form_error_and_nothing_is_written(people, changes, field, message):
    client = client_of(people, "staff")  # signed in (an audited act) before counting
    before = counts()
    response = client.post(NEW, msp_2027(**changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert counts() == before


# -- editing ------------------------------------------------------------------------------------


def test_the_edit_form_shows_the_meeting(people):
    form = client_of(people, "staff").get(EDIT).context["form"]
    assert {
        k: form.initial[k] for k in ("kind", "series", "year", "start", "end", "days", "access", "status")
    } == {
        "kind": "MSP",
        "series": "BWC/MSP/2018",
        "year": 2018,
        "start": dt.date(2018, 12, 4),
        "end": dt.date(2018, 12, 7),
        "days": 4,
        "access": "open",
        "status": "held",
    }


def test_staff_edit_a_meeting_and_rename_it_while_nothing_is_filed(people):
    staff = client_of(people, "staff")
    staff.post(NEW, msp_2027())
    response = staff.post(
        "/office/meetings/BWC/MSP/2027/edit/",
        msp_2027(series="BWC/MSP/2028", year="2028", start="2028-12-04", end="2028-12-06", access="closed"),
        follow=True,
    )
    assert response.redirect_chain == [("/office/meetings/BWC/MSP/2028/", 302)]
    m = Meeting.objects.get(series="BWC/MSP/2028")
    assert (m.year, m.start, m.closed) == (2028, dt.date(2028, 12, 4), True)
    assert "Saved BWC/MSP/2028." in response.content.decode()
    assert not Meeting.objects.filter(series="BWC/MSP/2027").exists()


def test_a_meeting_with_registrations_keeps_its_series(people):
    client = client_of(people, "staff")  # signed in (an audited act) before counting
    before = counts()
    response = client.post(
        "/office/meetings/BWC/MSP/2017/edit/",
        msp_2027(series="BWC/MSP/2018", year="2018", start="2018-12-04", end="2018-12-07", status="held"),
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "BWC/MSP/2017 cannot become BWC/MSP/2018: BWC/MSP/2018 already exists"
    ]
    response = client.post(
        "/office/meetings/BWC/MSP/2017/edit/",
        msp_2027(series="BWC/MSP/2015", year="2015", start="2015-12-14", end="2015-12-18", status="held"),
    )
    assert response.context["form"].non_field_errors() == [
        "BWC/MSP/2017 cannot become BWC/MSP/2015: documents and registrations are filed under it"
    ]
    assert counts() == before


def test_editing_an_unknown_meeting_is_404(people):
    assert client_of(people, "staff").get("/office/meetings/BWC/MSP/1999/edit/").status_code == 404


# -- officers of a kind -------------------------------------------------------------------------


def test_the_officers_page_of_a_consultative_meeting_has_six_vice_chair_seats(people):
    staff = client_of(people, "staff")
    staff.post(NEW, msp_2027(kind="CONSULT", series="BWC/CONS/2027"))
    seats = staff.get("/office/meetings/BWC/CONS/2027/officers/").context["seats"]
    assert [label for label, _ in seats] == ["Chair", *["Vice-Chair"] * 6]


# -- planning a year in a shape -----------------------------------------------------------------


def wg_year(**changes) -> dict:
    data = {
        "shape": "working-group",
        "year": "2027",
        "venue": "Geneva",
        "WG_1_number": "11",
        "WG_1_start": "2027-08-02",
        "WG_1_end": "2027-08-13",
        "WG_1_chair": "",
        "WG_2_number": "12",
        "WG_2_start": "2027-11-29",
        "WG_2_end": "2027-12-03",
        "WG_2_chair": "",
        "WG_3_number": "",
        "WG_3_start": "",
        "WG_3_end": "",
        "WG_3_chair": "",
        "MSP_start": "2027-12-06",
        "MSP_end": "2027-12-08",
        "MSP_chair": "",
    }
    return data | changes


def test_the_working_group_shape_has_a_row_per_possible_session(people):
    response = client_of(people, "staff").get(PLAN_WG)
    rows = [(row.key, row.required, row.rotates) for row, *_ in response.context["form"].rows()]
    assert rows == [
        ("WG_1", True, False),
        ("WG_2", False, False),
        ("WG_3", False, False),
        ("MSP", True, False),
    ]
    assert response.context["rule_lines"] == [
        "1 to 3 WG sessions a year, numbered on from the last one on record, 15 days in all",
        "days: MSP 3",
        "the Meeting of States Parties after the year's other meetings",
        "no two meetings on the same day",
        "no chair rotation: officers are elected",
    ]
    # Without a shape, the one in force in the year.
    assert client_of(people, "staff").get("/office/plan/?year=2027").context["rules"].name == "working-group"
    assert (
        client_of(people, "staff").get("/office/plan/?year=2021").context["rules"].name
        == "intersessional-2018-2020"
    )


def test_staff_plan_a_working_group_year(people):
    response = client_of(people, "staff").post("/office/plan/", wg_year(), follow=True)
    assert response.redirect_chain == [("/office/", 302)]
    assert list(
        Meeting.objects.filter(year=2027, kind__in=["WG", "MSP"])
        .order_by("start")
        .values_list("series", "kind", "number", "days")
    ) == [
        ("BWC/WG/11", "WG", 11, 10),
        ("BWC/WG/12", "WG", 12, 5),
        ("BWC/MSP/2027", "MSP", None, 3),
    ]
    assert "Planned 2027: BWC/WG/11, BWC/WG/12, BWC/MSP/2027 (status planned)." in response.content.decode()
    # The next year's form numbers its sessions on.
    form = client_of(people, "staff").get("/office/plan/?shape=working-group&year=2028").context["form"]
    assert [form.initial.get(f"WG_{i}_number") for i in (1, 2, 3)] == [13, 14, 15]


def test_a_working_group_year_that_breaks_the_rules_shows_every_violation(people):
    client = client_of(people, "staff")  # signed in (an audited act) before counting
    before = counts()
    response = client.post("/office/plan/", wg_year(MSP_start="2027-12-01", MSP_end="2027-12-03"))
    assert response.status_code == 422
    assert [(v["rule"], v["message"]) for v in response.context["violations"]] == [
        (
            "msp-last",
            "opens 1 December 2027, but WG12 closes 3 December 2027: the Meeting of States Parties opens after the year's other meetings",
        ),
        ("overlap", "opens 1 December 2027, while WG12 sits (29 November–3 December 2027)"),
    ]
    assert counts() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"WG_2_number": ""},
            "WG session row 2: give its number, opening and closing dates, or leave the row empty",
        ),
        ({"WG_2_number": "11"}, "WG session 11 is given twice"),
    ],
)
def test_a_half_filled_session_row_is_a_form_error(people, changes, message):
    client = client_of(people, "staff")  # signed in (an audited act) before counting
    before = counts()
    response = client.post("/office/plan/", wg_year(**changes))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [message]
    assert counts() == before


def test_an_unknown_shape_or_a_year_without_one_is_refused(people):
    response = client_of(people, "staff").get("/office/plan/?shape=annual&year=2027")
    assert (response.status_code, response.context["error"]) == (
        400,
        "unknown programme shape 'annual' (known: intersessional-2018-2020 (2018-2022), working-group (from 2023))",
    )
    client = client_of(people, "staff")  # signed in (an audited act) before counting
    before = counts()
    response = client.post("/office/plan/", wg_year(shape="", year="2016"))
    assert response.status_code == 400
    assert response.context["error"].startswith("no programme shape is in force in 2016")
    assert counts() == before
