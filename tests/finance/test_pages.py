"""The assessed contributions' pages for each persona: a State's account and invoices in the portal
(the secretariat and the State's own people only), the back office's year, payments and fund
pages and their acts, the exports (neutralised against formulas); bad and hostile input refused
with nothing written; six languages; fixed query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.finance.models import Apportionment, Credit, FundContribution, Invoice, MeetingCost, Payment
from tests.finance.world import make_world

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "staff", "fra_fp", "fra_del", "fra_cp", "deu_fp", "deu_del", "ngo", "officer"]
FRANCE = {"staff": 200, "fra_fp": 200, "fra_del": 200, "fra_cp": 200}
EVERYONE_SIGNED_IN = {p: 200 for p in PERSONAS if p != "anonymous"}


@pytest.fixture
def world(people, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    w = make_world(people)
    w["invoice"] = Invoice.objects.get(year=2018, state__code="FRA")
    return w


def login(client, people, persona):
    if people[persona] is not None:
        client.force_login(people[persona])
    return client


def pages(world):
    fra = world["invoice"]
    return {
        ("get", reverse("portal:finance_mine")): EVERYONE_SIGNED_IN,
        ("get", reverse("portal:finance_state", args=["FRA"])): FRANCE,
        ("get", reverse("portal:finance_invoice", args=[fra.pk])): FRANCE,
        ("get", reverse("backoffice:finance_overview")): {"staff": 200},
        ("get", reverse("backoffice:finance_payments")): {"staff": 200},
        ("get", reverse("backoffice:finance_fund")): {"staff": 200},
        ("get", reverse("backoffice:finance_export", args=["arrears", "csv"])): {"staff": 200},
        ("post", reverse("backoffice:finance_apportion", args=[2019])): {"staff": 302},
        ("post", reverse("backoffice:finance_issue", args=[2018])): {"staff": 400},  # already issued
        ("post", reverse("backoffice:finance_cost", args=[2019])): {"staff": 302},
        ("post", reverse("backoffice:finance_statement", args=[2018])): {"staff": 302},
    }


POSTS = {
    "finance_apportion": {"total": "", "basis": ""},
    "finance_issue": {"issued_on": "2018-02-13", "due_on": "2018-03-15"},
    "finance_cost": {"meeting": "BWC/MSP/2019/MX.2", "amount": "100000.00"},
    "finance_statement": {"as_of": "2018-12-31"},
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_permission_matrix(client, people, world, persona):
    login(client, people, persona)
    got, want = {}, {}
    for (method, url), expected in pages(world).items():
        name = url.rstrip("/").split("/")[-1]
        data = next(
            (
                v
                for k, v in POSTS.items()
                if reverse(
                    f"backoffice:{k}", args=[2018 if k in ("finance_issue", "finance_statement") else 2019]
                )
                == url
            ),
            {},
        )
        response = client.get(url) if method == "get" else client.post(url, data)
        got[url] = response.status_code
        want[url] = expected.get(persona, 302 if persona == "anonymous" else 403)
        assert name
    assert got == want


def test_the_matrix_names_every_url_of_assessed_contributions():
    from plenary.backoffice.finance_urls import urlpatterns as office
    from plenary.portal.finance_urls import urlpatterns as portal

    mine = {
        "finance_mine",
        "finance_state",
        "finance_invoice",
        "finance_overview",
        "finance_apportion",
        "finance_issue",
        "finance_cost",
        "finance_statement",
        "finance_payments",
        "finance_fund",
        "finance_export",
    }
    assert mine <= {p.name for p in [*portal, *office]}


@pytest.mark.parametrize("persona", ["deu_fp", "deu_del", "ngo", "officer"])
def test_another_states_account_and_invoice_are_refused(client, people, world, persona):
    login(client, people, persona)
    assert client.get(reverse("portal:finance_state", args=["FRA"])).status_code == 403
    assert client.get(reverse("portal:finance_invoice", args=[world["invoice"].pk])).status_code == 403
    assert b"BWC/2018/" not in client.get(reverse("portal:finance_mine")).content or persona.startswith("deu")


@pytest.mark.parametrize(
    "url",
    [
        "/portal/finance/states/XXX/",
        "/portal/finance/states/FR/",
        "/portal/finance/states/%00AB/",
        "/portal/finance/invoices/999999/",
        "/portal/finance/states/FRA/?as_of=yesterday",
        "/office/finance/?year=abc",
        "/office/finance/?as_of=2018-13-01",
        "/office/finance/exports/nothing.csv",
        "/office/finance/exports/arrears.exe",
    ],
)
def test_hostile_urls_are_404(client, people, world, url):
    client.force_login(people["staff"])
    assert client.get(url).status_code == 404


def test_the_account_of_france_adds_up(client, people, world):
    client.force_login(people["fra_del"])
    response = client.get(reverse("portal:finance_state", args=["FRA"]), {"as_of": "2018-12-31"})
    account = response.context["account"]
    assert account.invoiced - account.paid == account.outstanding
    html = response.content.decode()
    assert world["invoice"].number in html
    fr = client.get("/fr" + reverse("portal:finance_state", args=["FRA"]), {"as_of": "2018-12-31"})
    assert "Contributions mises en recouvrement" in fr.content.decode()


@pytest.mark.parametrize(
    ("prefix", "as_of"),
    [
        ("", "31 December 2018"),
        ("/fr", "31 décembre 2018"),
        ("/zh-hans", "2018年12月31日"),
        ("/ru", "31 декабря 2018 года"),
    ],
)
def test_the_account_gives_its_days_as_the_un_writes_them(client, people, world, prefix, as_of):
    # The day of the account, and each invoice's days of issue and due, in the page's language.
    client.force_login(people["fra_del"])
    page = client.get(
        prefix + reverse("portal:finance_state", args=["FRA"]), {"as_of": "2018-12-31"}
    ).content.decode()
    assert as_of in page
    invoice = client.get(
        prefix + reverse("portal:finance_invoice", args=[world["invoice"].pk])
    ).content.decode()
    for html in (page, invoice):
        text = re.sub(r"<[^>]+>", " ", html)  # what the reader sees: no ISO day (the links may hold one)
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_staff_record_a_payment_and_bad_input_writes_nothing(client, people, world):
    client.force_login(people["staff"])
    url = reverse("backoffice:finance_payments")
    count = Payment.objects.count()
    for bad in (
        {"state": "FRA", "amount": "-10.00", "received_on": "2019-01-01"},
        {"state": "FRA", "amount": "abc", "received_on": "2019-01-01"},
        {"state": "FRA", "amount": "1e99", "received_on": "2019-01-01"},
        {"state": "FRA", "amount": "10.00", "received_on": "2999-01-01"},
        {"state": "XYZ", "amount": "10.00", "received_on": "2019-01-01"},
        {"state": "FRA", "amount": "10.00", "received_on": "01/02/2019"},
        {"state": "FRA", "amount": "0.00", "received_on": "2019-01-01"},
    ):
        response = client.post(url, {"record-payment": "1", **bad})
        assert response.status_code == 400, bad
        assert response.context["payment_form"].non_field_errors() or response.context["payment_form"].errors
    assert Payment.objects.count() == count
    response = client.post(
        url, {"record-payment": "1", "state": "fra", "amount": "1,234.56", "received_on": "2019-01-02"}
    )
    assert response.status_code == 302
    assert Payment.objects.latest("pk").amount == D("1234.56")
    response = client.post(
        url, {"record-credit": "1", "state": "FRA", "amount": "5.00", "reason": "correction of a payment"}
    )
    assert response.status_code == 302
    assert Credit.objects.latest("pk").kind == "note"


def test_staff_record_a_contribution_to_the_working_capital_fund(client, people, world):
    client.force_login(people["staff"])
    url = reverse("backoffice:finance_fund")
    count = FundContribution.objects.count()
    assert client.post(url, {"state": "FRA", "amount": "-1", "received_on": "2019-01-01"}).status_code == 400
    assert client.post(url, {"state": "FRA", "amount": "100", "received_on": "2016-01-01"}).status_code == 400
    assert FundContribution.objects.count() == count
    assert client.post(url, {"state": "FRA", "amount": "100", "received_on": "2019-01-01"}).status_code == 302
    assert FundContribution.objects.count() == count + 1


def test_the_year_from_costs_to_invoices_through_the_pages(client, people, world):
    client.force_login(people["staff"])
    response = client.post(
        reverse("backoffice:finance_cost", args=[2019]), {"meeting": "BWC/MSP/2019", "amount": "x"}
    )
    assert response.status_code == 400
    assert MeetingCost.objects.get(meeting__series="BWC/MSP/2019").amount == D("300000.00")
    assert (
        client.post(reverse("backoffice:finance_apportion", args=[2019]), {"total": "-5"}).status_code == 400
    )
    assert not Apportionment.objects.filter(year=2019).exists()
    assert client.post(reverse("backoffice:finance_apportion", args=[2019]), {}).status_code == 302
    a = Apportionment.objects.get(year=2019)
    assert sum(x.amount for x in a.assessments.all()) == a.total == D("500000.00")
    bad = client.post(
        reverse("backoffice:finance_issue", args=[2019]), {"issued_on": "2019-03-01", "due_on": "2019-02-01"}
    )
    assert bad.status_code == 400 and not Invoice.objects.filter(year=2019).exists()
    ok = client.post(
        reverse("backoffice:finance_issue", args=[2019]), {"issued_on": "2019-02-13", "due_on": "2019-03-15"}
    )
    assert ok.status_code == 302
    assert Invoice.objects.filter(year=2019).count() == a.assessments.count()
    page = client.get(reverse("backoffice:finance_overview"), {"year": "2019", "as_of": "2019-04-01"})
    assert page.status_code == 200
    assert b'class="flagged"' in page.content  # funds of the MSP not assured before its decision date


def test_the_exports_add_up_and_are_neutralised(client, people, world):
    from plenary.finance import domain

    client.force_login(people["staff"])
    domain.record_payment(
        world["fra"], amount="1.00", received_on="2019-01-01", reference='=HYPERLINK("x")', by=world["setup"]
    )
    data = client.get(reverse("backoffice:finance_export", args=["payments", "csv"])).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0] == ["state", "received_on", "amount", "reference", "example"]
    assert ["FRA", "2019-01-01", "1.00", '\'=HYPERLINK("x")', ""] in rows
    arrears = client.get(
        reverse("backoffice:finance_export", args=["arrears", "csv"]), {"as_of": "2018-12-31"}
    )
    table = list(csv.reader(io.StringIO(arrears.content.decode("utf-8-sig"))))[1:]
    assert all(D(r[1]) - D(r[2]) == D(r[3]) for r in table)
    assert all(D(r[4]) + D(r[5]) + D(r[6]) <= D(r[3]) for r in table)
    assessments = client.get(
        reverse("backoffice:finance_export", args=["assessments", "csv"]), {"year": "2018"}
    )
    shares = list(csv.reader(io.StringIO(assessments.content.decode("utf-8-sig"))))[1:]
    assert sum(D(r[4]) for r in shares) == Apportionment.objects.get(year=2018).total
    xlsx = client.get(reverse("backoffice:finance_export", args=["arrears", "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "state"


def test_the_statement_is_drafted_from_the_back_office(client, people, world):
    from plenary.documents.models import Document

    client.force_login(people["staff"])
    response = client.post(
        reverse("backoffice:finance_statement", args=[2018]), {"as_of": "2018-12-31"}, follow=True
    )
    assert response.status_code == 200
    document = Document.objects.filter(meeting__series="BWC/MSP/2018", status="draft").latest("pk")
    assert document.title["en"] == "Financial situation of the Convention in 2018"
    again = client.post(
        reverse("backoffice:finance_statement", args=[2018]), {"as_of": "2018-12-31"}, follow=True
    )
    assert document.symbol in again.content.decode()


@pytest.mark.parametrize("prefix", ["", "/fr", "/es", "/ru", "/zh-hans", "/ar"])
def test_the_pages_in_six_languages(client, people, world, prefix):
    client.force_login(people["staff"])
    for url in (
        reverse("portal:finance_state", args=["FRA"]),
        reverse("portal:finance_invoice", args=[world["invoice"].pk]),
        reverse("backoffice:finance_overview"),
        reverse("backoffice:finance_payments"),
        reverse("backoffice:finance_fund"),
    ):
        assert client.get(prefix + url).status_code == 200


def test_a_fixed_number_of_queries(client, people, world):
    client.force_login(people["staff"])
    counts = []
    for url in (
        reverse("backoffice:finance_overview") + "?year=2018&as_of=2018-06-01",
        reverse("backoffice:finance_overview") + "?year=2018&as_of=2018-12-31",
    ):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    state_counts = []
    for day in ("2018-03-01", "2018-12-31"):  # few and many payments
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("portal:finance_state", args=["NOR"]), {"as_of": day})
        state_counts.append(len(ctx))
    assert state_counts[0] == state_counts[1]
    assert dt.date  # noqa: B018


def test_the_arrears_totals_add_up(client, people, world):
    client.force_login(people["staff"])
    page = client.get(reverse("backoffice:finance_overview"), {"year": "2018", "as_of": "2019-06-30"})
    rows, totals = page.context["arrears"], page.context["totals"]
    assert totals["outstanding"] == sum((r.outstanding for r in rows), D("0.00"))
    assert totals["invoiced"] - totals["paid"] == totals["outstanding"]
    assert totals["0-1"] + totals["1-2"] + totals["2+"] == totals["outstanding"]  # all past due by then
    assert b'id="arrears-total"' in page.content
