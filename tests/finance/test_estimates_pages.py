"""The cost-estimate pages and API for each persona: the back office (the secretariat alone), the
public pages and API (issued estimates only, for everyone); entering, comparing and issuing
through the pages; bad input refused with a 400 and nothing written; fixed query counts; six
languages."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.documents.models import Document
from plenary.finance import estimates
from plenary.finance.models import CostEstimate, CostItem, CostLine, CostRate
from plenary.meetings.models import Meeting

pytestmark = pytest.mark.django_db
PERSONAS = ["anonymous", "staff", "fra_fp", "fra_del", "deu_fp", "deu_del", "ngo", "officer"]
SYSTEM = Actor.system("test-setup")


@pytest.fixture
def world(settings, tmp_path):
    """The demo's 2018 drafts, and a 2019 estimate issued as a document of BWC/MSP/2018."""
    settings.MEDIA_ROOT = str(tmp_path)
    drafts = list(CostEstimate.objects.filter(year=2018).order_by("pk"))
    issued = estimates.create_estimate(year=2019, option="A", title="The 2019 programme", by=SYSTEM)
    estimates.set_meeting_costs(issued, label="BWC/MSP/2019", days=4, pages_before=50, by=SYSTEM)
    plus = estimates.derive_option(
        issued, option="B", title="Five days more", extra_days={"BWC/MSP/2019": 5}, by=SYSTEM
    )
    document = estimates.issue_estimates(
        [issued, plus], meeting=Meeting.objects.get(series="BWC/MSP/2018"), by=SYSTEM
    )
    return {"drafts": drafts, "issued": issued, "plus": plus, "document": document}


def counts():
    return (
        CostEstimate.objects.count(),
        CostItem.objects.count(),
        CostLine.objects.count(),
        CostRate.objects.count(),
        Document.objects.count(),
        AuditEntry.objects.count(),
    )


BACKOFFICE = {"staff": 200, "anonymous": 302}
EVERYONE = dict.fromkeys(PERSONAS, 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_permission_matrix(client, people, world, persona):
    draft, issued = world["drafts"][0], world["issued"]
    pages = {
        reverse("backoffice:finance_estimates"): BACKOFFICE,
        reverse("backoffice:finance_estimate", args=[draft.pk]): BACKOFFICE,
        reverse("backoffice:finance_estimate", args=[issued.pk]): BACKOFFICE,
        reverse("backoffice:finance_estimate_compare", args=[2018]): BACKOFFICE,
        reverse("backoffice:finance_rates"): BACKOFFICE,
        reverse("web:finance_estimates"): EVERYONE,
        reverse("web:finance_estimate_year", args=[2019]): EVERYONE,
        # A year of drafts only is not public.
        reverse("web:finance_estimate_year", args=[2018]): dict.fromkeys(PERSONAS, 404),
        "/api/finance/estimates": EVERYONE,
        f"/api/finance/estimates/{issued.pk}": EVERYONE,
        f"/api/finance/estimates/{draft.pk}": dict.fromkeys(PERSONAS, 404),
        "/api/finance/estimates/years/2019": EVERYONE,
        "/api/finance/estimates/years/2018": dict.fromkeys(PERSONAS, 404),
        "/api/finance/cost-rates": EVERYONE,
    }
    if people[persona] is not None:
        client.force_login(people[persona])
    got = {url: client.get(url).status_code for url in pages}
    assert got == {url: expected.get(persona, 403) for url, expected in pages.items()}


POSTS = [
    ("backoffice:finance_estimates", False),
    ("backoffice:finance_estimate", True),
    ("backoffice:finance_estimate_edit", True),
    ("backoffice:finance_estimate_programme", True),
    ("backoffice:finance_estimate_derive", True),
    ("backoffice:finance_rates", False),
]


@pytest.mark.parametrize("persona", ["fra_fp", "ngo", "officer", "anonymous"])
def test_no_one_but_the_secretariat_writes_through_the_pages(client, people, world, persona):
    draft = world["drafts"][0]
    if people[persona] is not None:
        client.force_login(people[persona])
    before = counts()
    for name, with_pk in POSTS:
        url = reverse(name, args=[draft.pk] if with_pk else [])
        assert client.post(url, {"days": "1", "label": "x", "option": "Z", "title": "x"}).status_code in (
            302,
            403,
        )
    issue = reverse("backoffice:finance_estimate_issue", args=[2018])
    assert client.post(issue, {"estimates": [draft.pk], "meeting": "BWC/MSP/2017"}).status_code in (302, 403)
    item = draft.items.first()
    remove = reverse("backoffice:finance_estimate_remove", args=[draft.pk, item.pk])
    assert client.post(remove).status_code in (302, 403)
    assert counts() == before


def test_the_secretariat_enters_compares_and_issues_through_the_pages(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(people["staff"])
    r = client.post(
        reverse("backoffice:finance_estimates"),
        {
            "year": "2020",
            "option": "A",
            "title_en": "The 2020 programme",
            "isu_posts": "2",
            "isu_months": "12",
        },
    )
    assert r.status_code == 302
    made = CostEstimate.objects.get(year=2020, option="A")
    page = reverse("backoffice:finance_estimate", args=[made.pk])
    assert r["Location"] == page
    r = client.post(
        reverse("backoffice:finance_estimate_programme", args=[made.pk]),
        {"pages_before": "10", "pages_during": "5", "pages_after": "5"},
    )
    assert r.status_code == 302
    assert made.items.count() == Meeting.objects.filter(year=2020).exclude(status="cancelled").count() > 0
    r = client.post(
        page, {"label": "A special meeting", "days": "2", "languages": "6", "interpretation": "on"}
    )
    assert r.status_code == 302
    first = made.items.order_by("position").first()
    r = client.post(
        reverse("backoffice:finance_estimate_derive", args=[made.pk]),
        {"option": "+5", "title": "Five days more", f"extra_{first.pk}": "5"},
    )
    assert r.status_code == 302
    plus = CostEstimate.objects.get(year=2020, option="+5")
    body = client.get(reverse("backoffice:finance_estimate_compare", args=[2020])).content.decode()
    made.refresh_from_db()
    assert "Difference from the first option" in body
    assert f"{int(plus.total - made.total):,}" in body
    r = client.post(
        reverse("backoffice:finance_estimate_issue", args=[2020]),
        {"estimates": [made.pk, plus.pk], "meeting": "BWC/MSP/2019"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    made.refresh_from_db()
    assert made.issued and made.document.symbol.startswith("BWC/MSP/2019/")
    # Issued: the page shows no forms to change it, and a change is refused.
    body = client.get(page).content.decode()
    assert 'id="meeting-costs"' not in body and "frozen" in body
    before = counts()
    r = client.post(page, {"label": "A special meeting", "days": "3", "languages": "6"})
    assert r.status_code == 400
    assert "issued means frozen" in r.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "backoffice:finance_estimate",
            {"label": "M", "days": "-4", "languages": "6"},
            "cannot be less than 0",
        ),
        (
            "backoffice:finance_estimate",
            {"label": "M", "days": "1e9", "languages": "6"},
            "must be a whole number",
        ),
        (
            "backoffice:finance_estimate",
            {"label": "M", "days": "99999999999", "languages": "6"},
            "cannot be more than 60",
        ),
        (
            "backoffice:finance_estimate",
            {"label": "M", "days": "two", "languages": "6"},
            "must be a whole number",
        ),
        (
            "backoffice:finance_estimate",
            {"meeting": "BWC/MSP/1066", "days": "1", "languages": "6"},
            "No meeting has this series.",
        ),
        (
            "backoffice:finance_estimate",
            {"label": "M", "days": "1", "languages": "12"},
            "cannot be more than 6",
        ),
        (
            "backoffice:finance_estimate",
            {"label": "", "days": "1", "languages": "6"},
            "the meeting&#x27;s name is missing",
        ),
        ("backoffice:finance_estimate_edit", {"title_en": "T", "isu_posts": "-1"}, "cannot be negative"),
        ("backoffice:finance_estimate_edit", {"title_en": "T", "rates_on": "1999-01-01"}, "no rate"),
        ("backoffice:finance_estimate_programme", {"pages_before": "x"}, "must be a whole number"),
        ("backoffice:finance_estimate_derive", {"option": "", "title": "x"}, "name the new option"),
        (
            "backoffice:finance_estimate_derive",
            {"option": "Z", "title": "x", "extra_ITEM": "-3"},
            "cannot be less than 0",
        ),
    ],
)
def test_bad_input_on_the_pages_is_a_400_and_writes_nothing(client, people, name, data, message):
    draft = CostEstimate.objects.filter(year=2018, option="A").get()
    data = {k.replace("ITEM", str(draft.items.first().pk)): v for k, v in data.items()}
    client.force_login(people["staff"])
    before = counts()
    r = client.post(reverse(name, args=[draft.pk]), data)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert counts() == before


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"code": "conference_day", "amount": "-1", "valid_from": "2030-01-01", "example": "on"},
            "cannot be negative",
        ),
        (
            {"code": "conference_day", "amount": "ten", "valid_from": "2030-01-01", "example": "on"},
            "must be a number",
        ),
        ({"code": "conference_day", "amount": "1", "valid_from": "2030-01-01"}, "needs its source"),
        ({"code": "conference_day", "amount": "1", "valid_from": "never", "example": "on"}, "must be a date"),
        (
            {"code": "caviar", "amount": "1", "valid_from": "2030-01-01", "example": "on"},
            "Select a valid choice",
        ),
    ],
)
def test_a_bad_rate_on_the_page_is_a_400(client, people, data, message):
    client.force_login(people["staff"])
    before = counts()
    r = client.post(reverse("backoffice:finance_rates"), data)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert counts() == before


def test_a_bad_issue_is_a_400_and_writes_nothing(client, people, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(people["staff"])
    drafts = list(CostEstimate.objects.filter(year=2018))
    url = reverse("backoffice:finance_estimate_issue", args=[2018])
    before = counts()
    for data, message in (
        ({"estimates": [d.pk for d in drafts], "meeting": "BWC/MSP/1999"}, "No meeting has this series."),
        ({"estimates": [], "meeting": "BWC/MSP/2017"}, "choose the estimates to issue"),
        ({"estimates": ["1; DROP TABLE x"], "meeting": "BWC/MSP/2017"}, "Choose estimates of this year."),
        ({"estimates": [d.pk for d in drafts], "meeting": "BWC/MSP/2017", "on": "soon"}, "must be a date"),
    ):
        r = client.post(url, data)
        assert (r.status_code, message in r.content.decode()) == (400, True), message
    assert counts() == before


def test_the_public_year_shows_every_line_with_its_rate(client, world):
    body = client.get(reverse("web:finance_estimate_year", args=[2019])).content.decode()
    issued, plus = world["issued"], world["plus"]
    for e in (issued, plus):
        for line in e.lines.all():
            assert f"{int(line.amount):,}" in body
    assert world["document"].symbol in body
    assert "example rate" in body and "ST/AI/286" in body


@pytest.mark.parametrize(
    "prefix, words",
    [
        ("/fr", ["Prévisions de dépenses", "appui aux programmes"]),
        ("/es", ["Estimaciones de costos", "Gastos de apoyo a los programas"]),
        ("/ru", ["Сметы расходов", "Расходы на поддержку программ"]),
        ("/zh-hans", ["费用估计", "方案支助费用"]),
        ("/ar", ["تقديرات التكاليف", "تكاليف دعم البرامج"]),
    ],
)
def test_the_public_pages_in_six_languages(client, world, prefix, words):
    body = client.get(prefix + reverse("web:finance_estimate_year", args=[2019])).content.decode()
    for word in words:
        assert word in body, word


def test_the_api_answers_decimals_as_strings_that_add_up(client, world):
    issued = world["issued"]
    got = json.loads(client.get(f"/api/finance/estimates/{issued.pk}").content)
    amounts = [D(line["amount"]) for line in got["lines"]]
    assert sum(amounts[:-1], D(0)) == D(got["subtotal"])
    assert D(got["subtotal"]) + D(got["programme_support"]) == D(got["total"])
    assert got["document"] == world["document"].symbol
    compared = json.loads(client.get("/api/finance/estimates/years/2019").content)
    assert compared["options"] == ["A", "B"]
    assert compared["differences"][0] == "0.00"
    assert [e["option"] for e in json.loads(client.get("/api/finance/estimates?year=2019").content)] == [
        "A",
        "B",
    ]
    assert json.loads(client.get("/api/finance/estimates?year=2018").content) == []
    r = client.get("/api/finance/estimates?year=-1")
    assert r.status_code == 400
    assert client.get(f"/api/finance/estimates/{2**63}").status_code == 404


def test_list_pages_cost_a_fixed_number_of_queries(client, people, world):
    client.force_login(people["staff"])
    urls = [
        reverse("backoffice:finance_estimates"),
        reverse("backoffice:finance_estimate_compare", args=[2018]),
        reverse("web:finance_estimate_year", args=[2019]),
        "/api/finance/estimates",
    ]
    first = {}
    for url in urls:
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        first[url] = len(q)
    for n in range(3):
        extra = estimates.derive_option(world["drafts"][0], option=f"X{n}", title="More", by=SYSTEM)
        estimates.derive_option(world["issued"], option=f"Y{n}", title="More", by=SYSTEM)
        assert extra.pk
    estimates.issue_estimates(
        list(CostEstimate.objects.filter(year=2019, option__startswith="Y")),
        meeting=Meeting.objects.get(series="BWC/MSP/2018"),
        by=SYSTEM,
    )
    for url in urls:
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        assert len(q) == first[url], url


def test_the_matrix_names_every_cost_estimate_url():
    from plenary.backoffice.finance_urls import urlpatterns as office
    from plenary.web.finance_urls import urlpatterns as public

    ours = {p.name for p in [*office, *public] if p.name.startswith(("finance_estimate", "finance_rates"))}
    assert ours == {
        "finance_estimates",
        "finance_estimate",
        "finance_estimate_edit",
        "finance_estimate_programme",
        "finance_estimate_remove",
        "finance_estimate_derive",
        "finance_estimate_compare",
        "finance_estimate_issue",
        "finance_rates",
        "finance_estimate_year",
    }


def test_a_title_in_english_only_is_marked_as_such_on_a_french_page(client, world):
    body = client.get("/fr" + reverse("web:finance_estimates")).content.decode()
    assert '<span lang="en">The 2019 programme</span> <small>(Anglais)</small>' in body
