"""The Article X pages and API for every persona (the permission matrix of every page and endpoint),
a restricted request absent for those who may not read it (pages, API, search, exports, counts),
the forms with bad and hostile input, the matching view, the yearly report as a table, CSV, XLSX
and a draft document in six languages, and query counts."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.cooperation import domain
from plenary.cooperation.models import Match, Offer, Request
from plenary.core import clock
from plenary.treaties.models import State
from tests.cooperation.conftest import offer_values, request_values

pytestmark = pytest.mark.django_db

ALL = [
    "anonymous",
    "staff",
    "fra_fp",
    "fra_del",
    "fra_cp",
    "fra_auth",
    "deu_fp",
    "deu_del",
    "ken_cp",
    "ngo",
    "officer",
    "egy_cp",
    "isr_del",
    "who_fp",
]
# Who reads requests: the secretariat and the people of States Parties (France, Germany, Kenya).
READERS = {"staff", "fra_fp", "fra_del", "fra_cp", "fra_auth", "deu_fp", "deu_del", "ken_cp"}
# Who drafts in France's name, and who submits.
FRA_DRAFTERS = {"staff", "fra_fp", "fra_cp", "fra_auth"}
FRA_SUBMITTERS = {"staff", "fra_cp"}
# Who has a page of their own entries and the entry forms (they draft for a State Party or an
# international organization).
ENTRY_MAKERS = {"staff", "fra_fp", "fra_cp", "fra_auth", "deu_fp", "ken_cp", "who_fp"}
SECRET = "Confidential laboratory upgrade request"


@pytest.fixture
def made(world):
    fra = State.objects.get(code="FRA")
    request = domain.draft_request(
        fra, submit=True, by=world.actor("fra_cp"), **request_values(title=SECRET, fields=["laboratory"])
    )
    draft = domain.draft_request(
        fra, by=world.actor("fra_auth"), **request_values(title="A French draft request")
    )
    offer = domain.draft_offer(
        state=State.objects.get(code="DEU"),
        submit=True,
        by=world.actor("staff"),
        **offer_values(title="German lab course"),
    )
    draft_offer = domain.draft_offer(
        state=fra, by=world.actor("fra_auth"), **offer_values(title="A French draft offer")
    )
    return {"request": request, "draft": draft, "offer": offer, "draft_offer": draft_offer}


def client_for(client, world, persona):
    if world[persona] is not None:
        client.force_login(world[persona])
    return client


def expected(persona, allowed, *, other=403):
    if persona == "anonymous":
        return 302
    return 200 if persona in allowed else other


@pytest.mark.parametrize("persona", ALL)
def test_the_permission_matrix_of_every_page(client, world, made, persona):
    c = client_for(client, world, persona)
    r, d, o, do = made["request"], made["draft"], made["offer"], made["draft_offer"]
    year = clock.today().year
    statuses = {
        "offers": c.get(reverse("web:cooperation_offers")).status_code,
        "offer": c.get(reverse("web:cooperation_offer", args=[o.pk])).status_code,
        "draft offer (web)": c.get(reverse("web:cooperation_offer", args=[do.pk])).status_code,
        "report": c.get(reverse("web:cooperation_report", args=[year])).status_code,
        "report csv": c.get(reverse("web:cooperation_report_file", args=[year, "csv"])).status_code,
        "report xlsx": c.get(reverse("web:cooperation_report_file", args=[year, "xlsx"])).status_code,
        "requests": c.get(reverse("portal:cooperation_requests")).status_code,
        "mine": c.get(reverse("portal:cooperation_mine")).status_code,
        "new offer": c.get(reverse("portal:cooperation_new", args=["offer"])).status_code,
        "new request": c.get(reverse("portal:cooperation_new", args=["request"])).status_code,
        "request": c.get(reverse("portal:cooperation_entry", args=["request", r.pk])).status_code,
        "draft request": c.get(reverse("portal:cooperation_entry", args=["request", d.pk])).status_code,
        "offer (portal)": c.get(reverse("portal:cooperation_entry", args=["offer", o.pk])).status_code,
        "edit request": c.get(reverse("portal:cooperation_edit", args=["request", r.pk])).status_code,
        "edit draft": c.get(reverse("portal:cooperation_edit", args=["request", d.pk])).status_code,
        "office entries": c.get(reverse("backoffice:cooperation_entries")).status_code,
        "office match": c.get(reverse("backoffice:cooperation_match", args=[r.pk])).status_code,
        "office report": c.get(reverse("backoffice:cooperation_report")).status_code,
    }
    assert statuses == {
        "offers": 200,
        "offer": 200,
        "draft offer (web)": 404,
        "report": 200,
        "report csv": 200,
        "report xlsx": 200,
        "requests": expected(persona, READERS),
        "mine": expected(persona, ENTRY_MAKERS),
        "new offer": expected(persona, ENTRY_MAKERS),
        "new request": expected(persona, ENTRY_MAKERS - {"who_fp"}),
        "request": expected(persona, READERS, other=404),
        "draft request": expected(persona, FRA_DRAFTERS, other=404),
        "offer (portal)": expected(persona, set(ALL)),
        "edit request": expected(persona, FRA_SUBMITTERS, other=403 if persona in READERS else 404),
        "edit draft": expected(persona, FRA_DRAFTERS, other=404),
        "office entries": expected(persona, {"staff"}),
        "office match": expected(persona, {"staff"}),
        "office report": expected(persona, {"staff"}),
    }


@pytest.mark.parametrize("persona", ALL)
def test_the_permission_matrix_of_every_endpoint(client, world, made, persona):
    c = client_for(client, world, persona)
    r, d, o, do = made["request"], made["draft"], made["offer"], made["draft_offer"]
    answers = {
        "offers": c.get("/api/cooperation/offers"),
        "offer": c.get(f"/api/cooperation/offers/{o.pk}"),
        "draft offer": c.get(f"/api/cooperation/offers/{do.pk}"),
        "requests": c.get("/api/cooperation/requests"),
        "request": c.get(f"/api/cooperation/requests/{r.pk}"),
        "draft request": c.get(f"/api/cooperation/requests/{d.pk}"),
        "fits": c.get(f"/api/cooperation/requests/{r.pk}/fits"),
    }
    reader = persona in READERS
    assert {k: a.status_code for k, a in answers.items()} == {
        "offers": 200,
        "offer": 200,
        "draft offer": 200 if persona in FRA_DRAFTERS else 404,
        "requests": 401 if persona == "anonymous" else (200 if reader else 403),
        "request": 200 if reader else 404,
        "draft request": 200 if persona in FRA_DRAFTERS else 404,
        "fits": 200 if reader else 404,
    }
    assert [e["title"] for e in answers["offers"].json()] == ["German lab course"]
    if reader:
        assert [e["title"] for e in answers["requests"].json()] == [SECRET]
        fits = answers["fits"].json()
        assert [(f["offer"]["title"], f["score"], f["reasons"]) for f in fits] == [
            (
                "German lab course",
                6,
                [
                    "same field: laboratory capacity",
                    "offers training, which is asked",
                    "open to every region",
                ],
            )
        ]
    for answer in answers.values():
        assert SECRET.encode() not in answer.content or reader


@pytest.mark.parametrize("persona", ["anonymous", "ngo", "egy_cp", "isr_del", "who_fp", "officer"])
def test_a_request_is_nowhere_for_those_who_may_not_read_it(client, world, made, persona):
    c = client_for(client, world, persona)
    year = clock.today().year
    pages = [
        reverse("web:cooperation_offers"),
        reverse("web:cooperation_offer", args=[made["offer"].pk]),
        reverse("web:cooperation_report", args=[year]),
        reverse("web:cooperation_report_file", args=[year, "csv"]),
        reverse("portal:cooperation_requests"),
        reverse("portal:cooperation_mine"),
        reverse("portal:cooperation_entry", args=["offer", made["offer"].pk]),
        "/api/cooperation/offers",
        "/api/cooperation/requests",
        f"/api/search?q={SECRET.split()[0]}",
        "/api/search?q=laboratory upgrade",
        "/search/?q=laboratory+upgrade",
        "/api/meetings/BWC%2FMSP%2F2017/documents.csv",
    ]
    for url in pages:
        answer = c.get(url, follow=True)
        assert SECRET.encode() not in answer.content, url
        if "search" in url:  # the query is echoed; nothing is found
            assert "count" not in url and (
                b'"items": []' in answer.content or b"upgrade request" not in answer.content
            )


def test_the_public_offers_are_filtered_by_type_field_and_region(client, world, made):
    domain.draft_offer(
        state=State.objects.get(code="KEN"),
        submit=True,
        by=world.actor("ken_cp"),
        **offer_values(title="Kenyan funding", types=["funding"], fields=["education"], regions=["AFRICAN"]),
    )

    def titles(query):
        return [e["title"] for e in client.get(f"/api/cooperation/offers{query}").json()]

    assert titles("") == ["Kenyan funding", "German lab course"]
    assert titles("?type=funding") == ["Kenyan funding"]
    assert titles("?field=biosafety") == ["German lab course"]
    assert titles("?region=WEOG") == ["German lab course"]  # open to every region
    assert titles("?region=AFRICAN") == ["Kenyan funding", "German lab course"]
    bad = client.get("/api/cooperation/offers?type=weapons")
    assert bad.status_code == 400 and "type" in bad.json()["detail"]
    page = client.get(reverse("web:cooperation_offers") + "?type=funding&region=<script>")
    assert (
        page.status_code == 200
        and b"Kenyan funding" in page.content
        and b"German lab course" not in page.content
    )
    assert b"<script>" not in page.content


def test_the_form_drafts_and_the_contact_point_submits(client, world):
    client.force_login(world["fra_auth"])
    form = client.get(reverse("portal:cooperation_new", args=["request"]))
    assert b'value="submit"' not in form.content  # an authorised user drafts only
    data = {
        "provider": "state:FRA",
        "with_states": "deu, KEN",
        "title": "Equipment for a diagnostic laboratory",
        "description": "PCR equipment.",
        "types": ["equipment"],
        "fields": ["laboratory", "surveillance"],
        "contact": "Ministry of Health",
        "language": "en",
        "action": "draft",
    }
    answer = client.post(reverse("portal:cooperation_new", args=["request"]), data)
    made = Request.objects.get()
    assert answer.status_code == 302 and made.status == "draft" and made.region == "WEOG"
    assert sorted(s.code for s in made.with_states.all()) == ["DEU", "KEN"]
    refused = client.post(
        reverse("portal:cooperation_entry", args=["request", made.pk]), {"action": "submit"}
    )
    assert refused.status_code == 403
    client.force_login(world["fra_cp"])
    client.post(reverse("portal:cooperation_entry", args=["request", made.pk]), {"action": "submit"})
    made.refresh_from_db()
    assert made.status == "open"
    client.post(
        reverse("portal:cooperation_entry", args=["request", made.pk]),
        {"action": "withdraw", "reason": "Met."},
    )
    made.refresh_from_db()
    assert (made.status, made.status_note) == ("withdrawn", "Met.")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"types": ["weapons"]}, b"Select a valid choice"),
        ({"provider": "state:DEU"}, b"Select a valid choice"),
        ({"provider": "state:EGY"}, b"Select a valid choice"),
        ({"description": "bad\x00"}, b"Null characters are not allowed"),
        ({"description": "csi \x9b text"}, b"control characters"),
        ({"with_states": "XXX"}, b"No State with the code XXX"),
        ({"with_states": "ISR"}, b"ISR is not a State Party"),
        ({"with_states": "FR'; DROP TABLE"}, b"three-letter codes"),
        ({"title": "x" * 201}, b"at most 200 characters"),
        ({"valid_until": "2001-01-01"}, b"which is past"),
        ({"valid_until": "tomorrow"}, b"Enter a valid date"),
    ],
)
def test_bad_and_hostile_forms_are_refused_with_400_and_nothing_written(client, world, changes, message):
    client.force_login(world["fra_cp"])
    data = {
        "provider": "state:FRA",
        "title": "x",
        "description": "y",
        "types": ["training"],
        "fields": ["biosafety"],
        "contact": "z",
        "language": "en",
        "action": "submit",
    }
    data.update(changes)
    answer = client.post(reverse("portal:cooperation_new", args=["request"]), data)
    assert answer.status_code == 400 and message in answer.content
    assert not Request.objects.exists()


def test_an_unknown_kind_is_a_404(client, world):
    client.force_login(world["staff"])
    assert client.get("/portal/cooperation/new/weapon/").status_code == 404
    assert client.get("/portal/cooperation/weapon/1/").status_code == 404
    assert client.get("/api/cooperation/requests/0").status_code == 400
    assert client.get("/api/cooperation/requests/99999999").status_code == 404


def test_the_matching_view_records_a_match_and_its_outcome(client, world, made, mailoutbox):
    client.force_login(world["staff"])
    url = reverse("backoffice:cooperation_match", args=[made["request"].pk])
    page = client.get(url)
    assert b"same field: laboratory capacity" in page.content and b"German lab course" in page.content
    answer = client.post(
        url, {"action": "match", "offer": made["offer"].pk, "status": "proposed", "outcome": "In touch."}
    )
    assert answer.status_code == 302
    match = Match.objects.get()
    again = client.post(url, {"action": "match", "offer": made["offer"].pk})
    assert again.status_code == 400 and b"already matched" in again.content
    hostile = client.post(url, {"action": "outcome", "match": "1 OR 1=1", "status": "completed"})
    assert hostile.status_code == 400
    bad = client.post(url, {"action": "outcome", "match": match.pk, "status": "won"})
    assert bad.status_code == 400 and b"status of a match is one of" in bad.content
    client.post(
        url, {"action": "outcome", "match": match.pk, "status": "completed", "outcome": "Course held."}
    )
    match.refresh_from_db()
    assert (match.status, match.outcome) == ("completed", "Course held.")
    client.force_login(world["fra_cp"])
    mine = client.get(reverse("portal:cooperation_entry", args=["request", made["request"].pk]))
    assert b"Course held." in mine.content and b"matched" in mine.content


def test_the_yearly_report_as_a_table_csv_xlsx_and_a_draft_document(client, world, made):
    from openpyxl import load_workbook

    from plenary.documents.models import Document
    from plenary.meetings.models import Meeting

    domain.record_match(made["request"], made["offer"], by=world.actor("staff"))
    year = clock.today().year
    page = client.get(reverse("web:cooperation_report", args=[year]))
    assert b'id="row-offers"' in page.content and SECRET.encode() not in page.content
    csv = client.get(reverse("web:cooperation_report_file", args=[year, "csv"]))
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[:4] == [
        "figure,Figure,Number",
        "offers,Offers made,1",
        "requests,Requests sought,1",
        "matches,Matches made,1",
    ]
    xlsx = client.get(reverse("web:cooperation_report_file", args=[year, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]] == ["offers", "Offers made", "1"]
    fr = client.get("/fr" + reverse("web:cooperation_report_file", args=[year, "csv"]))
    assert fr.status_code == 200  # its words: tests/cooperation/test_i18n.py
    assert client.get(reverse("web:cooperation_report", args=[1999])).status_code == 404
    assert client.get(reverse("web:cooperation_report_file", args=[year, "exe"])).status_code == 404

    client.force_login(world["staff"])
    meeting = Meeting.objects.filter(kind="MSP").order_by("-year").first()
    answer = client.post(reverse("backoffice:cooperation_report"), {"year": year, "meeting": meeting.pk})
    assert answer.status_code == 302
    draft = Document.objects.get(meeting=meeting, status="draft", title__en__startswith="The Article X")
    assert sorted(v.lang for v in draft.versions.all()) == ["ar", "en", "es", "fr", "ru", "zh"]
    again = client.post(reverse("backoffice:cooperation_report"), {"year": year, "meeting": meeting.pk})
    # The refusal in the reader's language: French, the language this client last read in.
    assert again.status_code == 400 and "le projet est déjà enregistré sous la cote" in again.content.decode()
    hostile = client.post(
        reverse("backoffice:cooperation_report"), {"year": "2020; DROP", "meeting": meeting.pk}
    )
    assert hostile.status_code == 400


def test_a_cooperation_csv_cell_never_runs_as_a_formula(client, world):
    from plenary.cooperation.report import rows

    assert all(not str(label).startswith(("=", "+", "-", "@")) for _k, label, _n in rows(2025))
    from plenary.exports.tables import Table, to_csv

    assert (
        to_csv(Table("t", ("a",), [["=HYPERLINK(1)"]])).decode("utf-8-sig").splitlines()[1]
        == "'=HYPERLINK(1)"
    )


@pytest.mark.parametrize("url", ["web:cooperation_offers", "api"])
def test_the_offer_lists_cost_the_same_queries_for_1_and_for_30_offers(client, world, url):
    deu = State.objects.get(code="DEU")

    def cost():
        target = reverse("web:cooperation_offers") if url != "api" else "/api/cooperation/offers"
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        return len(queries)

    domain.draft_offer(
        state=deu,
        with_states=[State.objects.get(code="FRA")],
        submit=True,
        by=world.actor("staff"),
        **offer_values(),
    )
    one = cost()
    for i in range(29):
        domain.draft_offer(
            state=deu, submit=True, by=world.actor("staff"), **offer_values(title=f"Offer {i}")
        )
    assert cost() == one
    assert Offer.objects.count() == 30


def test_the_matrix_names_every_url_of_the_app():
    """Every page of the three URL modules is in test_the_permission_matrix_of_every_page above."""
    from plenary.backoffice import cooperation_urls as office
    from plenary.portal import cooperation_urls as portal
    from plenary.web import cooperation_urls as web

    names = {p.name for module in (web, portal, office) for p in module.urlpatterns}
    assert names == {
        "cooperation_offers",
        "cooperation_offer",
        "cooperation_report",
        "cooperation_report_file",
        "cooperation_requests",
        "cooperation_mine",
        "cooperation_new",
        "cooperation_entry",
        "cooperation_edit",
        "cooperation_entries",
        "cooperation_match",
    }


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("fra_cp", "portal:cooperation_requests"),
        ("fra_cp", "portal:cooperation_mine"),
        ("fra_cp", "/api/cooperation/requests"),
        ("staff", "backoffice:cooperation_entries"),
    ],
)
def test_the_request_lists_cost_the_same_queries_for_1_and_for_20_entries(client, world, persona, target):
    fra = State.objects.get(code="FRA")
    client.force_login(world[persona])
    url = target if target.startswith("/") else reverse(target)

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    domain.draft_request(
        fra,
        with_states=[State.objects.get(code="KEN")],
        submit=True,
        by=world.actor("fra_cp"),
        **request_values(),
    )
    domain.draft_offer(state=fra, submit=True, by=world.actor("fra_cp"), **offer_values())
    one = cost()
    for i in range(19):
        domain.draft_request(
            fra, submit=True, by=world.actor("fra_cp"), **request_values(title=f"Request {i}")
        )
        domain.draft_offer(
            state=fra, submit=True, by=world.actor("fra_cp"), **offer_values(title=f"Offer {i}")
        )
    assert cost() == one


@pytest.mark.parametrize(
    ("persona", "kind", "which", "data"),
    [
        ("fra_auth", "request", "request", {"title": "Changed"}),
        ("deu_fp", "request", "request", {"title": "Changed"}),
        ("fra_del", "request", "draft", {"title": "Changed"}),
        ("ngo", "offer", "offer", {"title": "Changed"}),
    ],
)
def test_others_cannot_change_an_entry_through_the_edit_form(client, world, made, persona, kind, which, data):
    client.force_login(world[persona])
    entry = made[which]
    answer = client.post(reverse("portal:cooperation_edit", args=[kind, entry.pk]), data)
    assert answer.status_code in (403, 404)
    entry.refresh_from_db()
    assert entry.title != "Changed"


@pytest.mark.parametrize("persona", ["fra_auth", "fra_fp", "deu_fp", "ken_cp", "ngo"])
def test_only_the_contact_point_or_the_secretariat_withdraws(client, world, made, persona):
    client.force_login(world[persona])
    url = reverse("portal:cooperation_entry", args=["request", made["request"].pk])
    answer = client.post(url, {"action": "withdraw", "reason": "x"})
    assert answer.status_code in (403, 404)
    made["request"].refresh_from_db()
    assert made["request"].status == "open"


def test_the_draft_document_is_written_in_each_language(client, world, made):
    import docx

    from plenary.documents.models import Document
    from plenary.meetings.models import Meeting

    client.force_login(world["staff"])
    meeting = Meeting.objects.get(series="BWC/MSP/2026")
    year = clock.today().year
    assert (
        client.post(
            reverse("backoffice:cooperation_report"), {"year": year, "meeting": meeting.pk}
        ).status_code
        == 302
    )
    document = Document.objects.get(meeting=meeting, status="draft", title__en__startswith="The Article X")

    def cells(lang):
        with document.versions.get(lang=lang).file.open("rb") as fh:
            word = docx.Document(io.BytesIO(fh.read()))
        return [p.text for p in word.paragraphs], [
            c.text for t in word.tables for r in t.rows for c in r.cells
        ]

    paragraphs, table = cells("fr")
    assert any("Offres faites" == c for c in table) and SECRET not in " ".join(paragraphs + table)
    paragraphs, table = cells("zh")
    assert "寻求的请求" in table and any("第十条合作与援助数据库" in p for p in paragraphs)
