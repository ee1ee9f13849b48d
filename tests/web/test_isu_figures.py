"""The ISU's yearly figures on the public site, and the universalization pages for every persona:
the public page shows the counts only (never a restricted CBM report's content, nor Article VII or
the finances), moves when a record changes, cached pages included; the back office's pages are
the secretariat's alone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from plenary.cbm import domain as cbm
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.treaties.domain import record_contact, record_deposit
from plenary.treaties.models import State, Treaty
from tests.cbm.test_domain import FACILITY
from tests.conftest import PERSONAS

SYSTEM = Actor.system("test")
PUBLIC = ["/figures/", "/figures/?year=2017", "/fr/figures/", "/zh-hans/figures/?year=2025"]
OFFICE = [
    "/office/treaties/deposits/",
    "/office/treaties/contacts/",
    "/office/treaties/contacts/EGY/",
    "/office/treaties/universalization/",
    "/office/treaties/universalization/?format=csv",
    "/office/treaties/figures/",
]


def client_of(people, persona: str) -> Client:
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_reads_the_public_figures(people, persona):
    client = client_of(people, persona)
    assert [client.get(url).status_code for url in PUBLIC] == [200] * len(PUBLIC)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_universalization_pages_are_the_secretariats(people, persona):
    client = client_of(people, persona)
    expected = {"staff": 200, "anonymous": 302}.get(persona, 403)
    assert [client.get(url).status_code for url in OFFICE] == [expected] * len(OFFICE)
    posts = ["/office/treaties/deposits/", "/office/treaties/contacts/EGY/", "/office/treaties/figures/"]
    if persona != "staff":
        assert [client.post(url, {}).status_code for url in posts] == [expected] * len(posts)


def test_bad_years_are_404(client, db):
    for query in ("?year=abc", "?year=99999", "?year=-1", "?year=%00", "?year=٢٠١٧", "?year=" + "9" * 5000):
        assert client.get(f"/figures/{query}").status_code == 404, query


def restricted_report(code: str, year: int):
    report = cbm.start_report(State.objects.get(code=code), year, by=SYSTEM)
    cbm.set_declaration(report, "A1", "declared", by=SYSTEM)
    cbm.add_entry(report, "A1i", FACILITY, by=SYSTEM)
    return cbm.submit_report(report, visibility="restricted", by=SYSTEM)


def test_the_public_page_counts_a_restricted_report_and_shows_nothing_of_it(client, staff_client):
    before = client.get("/figures/?year=2025").context["apps"]
    restricted_report("FRA", 2025)
    response = client.get("/figures/?year=2025")
    apps = {a["app"]: a["rows"] for a in response.context["apps"]}
    assert list(apps) == ["cbm", "cooperation", "sponsorship"]
    cbm_rows = dict(apps["cbm"])
    assert set(cbm_rows) <= {
        "reports",
        "public",
        "restricted to States Parties",
        "published count",
        "published count / reports",
        "published count / source",
    }
    assert (cbm_rows["reports"], cbm_rows["restricted to States Parties"], cbm_rows["public"]) == (
        "1",
        "1",
        "0",
    )
    assert dict(next(a["rows"] for a in before if a["app"] == "cbm"))["reports"] == "0"
    html = response.content.decode()
    secrets = [v for v in FACILITY.values() if len(v) > 3]
    for secret in (
        *secrets,
        "FRA",
        "France",
        "<td>on time</td>",
        "<td>late</td>",
        "<td>first-time submitters</td>",
    ):
        assert secret not in html, secret
    office = {
        a["app"]: dict(a["rows"] or [])
        for a in staff_client.get("/office/treaties/figures/?year=2025").context["apps"]
    }
    assert (office["cbm"]["on time"], office["cbm"]["late"]) == ("0", "1")
    assert "Article VII" not in html and "Financial matters" not in html


def test_the_public_page_moves_when_a_deposit_is_recorded_even_when_cached(client, bwc, page_cache):
    year = clock.today().year
    url = f"/figures/?year={year}"
    before = client.get(url)
    client.get(url)
    with page_cache():
        record_deposit(
            bwc,
            State.objects.get(code="ISR"),
            "accession",
            clock.today(),
            depositary="W",
            source="example",
            by=SYSTEM,
        )
        record_contact(
            bwc,
            State.objects.get(code="EGY"),
            date=clock.today(),
            kind="letter",
            made_by="chair",
            summary="A letter.",
            source="example",
            by=SYSTEM,
        )
    after = client.get(url).content.decode()
    old = before.context["figures"]["universalization"]
    assert f'<td class="num" id="fig-parties">{old["states_parties"] + 1}</td>' in after
    assert f'<td class="num" id="fig-joined">{old["joined"] + 1}</td>' in after
    assert f'<td class="num" id="fig-contacts">{old["contacts"] + 1}</td>' in after
    status = client.get("/status/").content.decode()
    assert f'<b id="count-parties">{old["states_parties"] + 1}</b>' in status


def test_the_public_charts_render_in_every_language(client, db):
    for prefix in ("", "/fr", "/ar", "/ru", "/es", "/zh-hans"):
        charts = client.get(f"{prefix}/figures/?year=2017").context["charts"]
        assert all(
            charts[c].startswith('<svg class="chart"') for c in ("parties", "meetings", "documents")
        ), prefix
    ar = client.get("/ar/figures/").content.decode()
    assert "الأرقام السنوية لوحدة دعم التنفيذ" in ar


def test_the_cbm_chart_gives_the_share_of_states_parties(client, bwc):
    restricted_report("FRA", 2025)
    restricted_report("DEU", 2025)
    rows = client.get("/figures/?year=2025").context["cbm_rows"]
    assert rows[0]["year"] == 1987
    last = rows[-1]
    assert (last["year"], last["reports"]) == (2025, 2)
    assert last["percent"] == round(200 / last["parties"])
    assert Treaty.objects.filter(code="BWC").exists() and dt.date(2025, 1, 1).year == 2025


@pytest.fixture
def staff_client(people):
    return client_of(people, "staff")
