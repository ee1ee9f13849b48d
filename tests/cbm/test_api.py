"""The CBM reports in the API: public ones for everyone, restricted ones for the people of States
Parties and the secretariat, never for a non-party's delegate, an NGO or an anonymous visitor."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.cbm import domain
from plenary.core.actor import Actor
from plenary.treaties.models import State
from tests.cbm.test_domain import FACILITY, cast, fra, person  # noqa: F401

pytestmark = pytest.mark.django_db
STAFF = Actor.system("test-setup")


def report(code, visibility, year=2025):
    r = domain.start_report(State.objects.get(code=code), year, by=STAFF)
    domain.set_declaration(r, "A1", "declared", by=STAFF)
    domain.add_entry(r, "A1i", FACILITY, by=STAFF)
    return domain.submit_report(r, visibility=visibility, by=STAFF)


@pytest.fixture
def two(db):
    return report("FRA", "restricted"), report("DEU", "public")


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("anonymous", ["DEU"]),
        ("ngo", ["DEU"]),
        ("egy_del", ["DEU"]),
        ("isr_del", ["DEU"]),
        ("officer", ["DEU"]),
        ("deu_del", ["DEU", "FRA"]),
        ("fra_au", ["DEU", "FRA"]),
        ("staff", ["DEU", "FRA"]),
    ],
)
def test_who_reads_which_report(client, cast, two, persona, sees):  # noqa: F811
    restricted, public = two
    if cast[persona] is not None:
        client.force_login(cast[persona])
    listed = client.get("/api/cbm/reports?year=2025")
    assert listed.status_code == 200
    assert sorted(r["state"] for r in listed.json()) == sees
    detail = client.get(f"/api/cbm/reports/{restricted.pk}")
    if "FRA" in sees:
        assert detail.status_code == 200
        assert detail.json()["entries"] == [{"form": "A1i", "data": FACILITY}]
    else:
        assert detail.status_code == 404
        assert "Laboratoire" not in detail.content.decode()
    assert client.get(f"/api/cbm/reports/{public.pk}").json()["visibility"] == "public"


def test_a_draft_is_for_its_drafters_only(client, cast, fra):  # noqa: F811
    draft = domain.start_report(fra, 2024, by=Actor.of(cast["fra_cp"]))
    client.force_login(cast["deu_fp"])
    assert client.get(f"/api/cbm/reports/{draft.pk}").status_code == 404
    client.force_login(cast["fra_au"])
    assert client.get(f"/api/cbm/reports/{draft.pk}").json()["status"] == "draft"


def test_the_figures_are_counts_for_everyone(client, two):
    answer = client.get("/api/cbm/figures/2025")
    assert answer.json() == {
        "year": 2025,
        "reports": 2,
        "on_time": 0,
        "late": 2,
        "public": 1,
        "restricted": 1,
        "first_time": 2,
        "history": None,
    }
    assert "Laboratoire" not in answer.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/api/cbm/reports?year=abc",
        "/api/cbm/reports?year=1900",
        "/api/cbm/reports?state=%27%3B--",
        "/api/cbm/reports/0",
        "/api/cbm/reports/99999999999999999999",
        "/api/cbm/figures/1986",
        "/api/cbm/figures/9999",
    ],
)
def test_bad_parameters_are_a_400(client, path):
    answer = client.get(path)
    assert answer.status_code == 400
    assert answer.json()["detail"]


def test_a_bad_token_is_a_401(client):
    answer = client.get("/api/cbm/reports", HTTP_AUTHORIZATION="Bearer pln_nothing")
    assert (answer.status_code, answer.json()) == (401, {"detail": "the token is not valid"})


def test_the_list_costs_the_same_queries_for_one_report_and_many(client, cast):  # noqa: F811
    report("FRA", "public")
    client.force_login(cast["deu_fp"])
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/cbm/reports").json()) == 1
    for code in ("DEU", "ITA", "ESP", "NLD", "BEL"):
        report(code, "restricted", year=2024)
    with CaptureQueriesContext(connection) as six:
        assert len(client.get("/api/cbm/reports").json()) == 6
    assert len(six) == len(one)
