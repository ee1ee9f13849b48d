"""CBMs in real Chromium (issue 13's done-means): France's national contact point drafts its report
with Form 0 and two forms (E, the grid and the laws; G, a vaccine facility), a colleague (an
authorised user of France) adds a facility to the same draft, the contact point submits it as
restricted to States Parties; a delegate of Egypt (a signatory, not a State Party), an NGO's
representative and an anonymous visitor find none of its content in the pages, the API, the CSV
or search; the figures page draws the participation chart. Screenshots in /tmp/cbm-shots."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import browser, page, server  # noqa: F401
from tests.browser.staff import sign_in, sign_out
from tests.live_server import plenary

SHOTS = Path("/tmp/cbm-shots")
PASS = "a long enough passphrase"
SECRET = "Laboratoire-P4-confidentiel-Lyon"
SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.participation.models import Organization
from plenary.treaties.models import State
setup = Actor.system("setup")
for name, kind, state, org in (
    ("cbm.fra", "contact_point", "FRA", None),
    ("cbm.fra2", "authorised", "FRA", None),
    ("cbm.egy", "delegate", "EGY", None),
    ("cbm.ngo", "observer", None, "VERTIC"),
):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough passphrase")
    grant_role(
        user,
        kind,
        state=State.objects.get(code=state) if state else None,
        organization=Organization.objects.get(code=org) if org else None,
        by=setup,
    )
"""


@pytest.fixture(scope="module")
def site(server):  # noqa: F811
    plenary("manage", "shell", "-c", SETUP, env=server.env, timeout=300)
    return server.url


def shot(page, name):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_restricted_cbm_report_from_draft_to_unseen(site, page):  # noqa: F811
    sign_in(page, site, "cbm.fra", PASS)
    page.goto(site + "/portal/cbm/")
    page.fill("input[name=year]", "2025")
    page.uncheck("input[name=languages][value=en]")
    page.check("input[name=languages][value=fr]")
    page.click("#start button")
    page.wait_for_selector("#form0-edit")
    draft_url = page.url
    for measure in ("A2i", "A2ii", "A2iii", "B", "F"):
        page.check(f"#nothing-{measure}")
    page.check("#nothing_new-C")
    page.fill("#year-C", "2019")
    for measure in ("A1", "E", "G"):
        page.check(f"#declared-{measure}")
    shot(page, "1-form0")
    page.click("#save-form0")
    page.wait_for_selector("ul.messages")
    assert "Form 0 is saved." in page.inner_text("ul.messages")

    page.click("#add-E")
    selects = page.locator("table.cbm-grid select")
    assert selects.count() == 16
    for i in range(16):
        selects.nth(i).select_option("no")
    page.select_option("select[name=a_legislation]", "yes")
    page.fill("textarea[name=laws]", "Code de la défense, articles L2341-1 et suivants")
    shot(page, "2-form-e")
    page.click("#save-entry")
    page.wait_for_selector("#form0-edit")

    page.click("#add-G")
    page.fill("input[name=name]", "Sanofi Pasteur")
    page.fill("input[name=location]", "Marcy-l'Étoile")
    page.fill("textarea[name=diseases]", "Influenza; rabies")
    page.click("#save-entry")
    page.wait_for_selector("#form0-edit")
    sign_out(page)

    sign_in(page, site, "cbm.fra2", PASS)
    page.goto(draft_url)
    assert "Sanofi Pasteur" in page.inner_text("main")
    assert page.locator("#submit-report").count() == 0
    page.click("#add-A1i")
    page.click("#save-entry")  # empty: the form's messages
    assert "is required" in page.inner_text("main")
    page.fill("input[name=name]", SECRET)
    page.fill("input[name=organization]", "Inserm")
    page.fill("input[name=location]", "21 avenue Tony Garnier, Lyon")
    page.fill("textarea[name=financing]", "Inserm; not the Ministry of Defence")
    page.fill("input[name=units]", "1")
    page.fill("input[name=unit_area]", "450")
    page.fill("textarea[name=scope]", "Diagnostics and research on highly pathogenic viruses")
    page.click("#save-entry")
    page.wait_for_selector("#form0-edit")
    assert SECRET in page.inner_text("#form-A1i")
    shot(page, "3-draft-by-colleague")
    sign_out(page)

    sign_in(page, site, "cbm.fra", PASS)
    page.goto(draft_url)
    page.check("input[name=visibility][value=restricted]")
    page.click("#submit-report")
    page.wait_for_selector("#visibility")
    assert page.inner_text("#visibility") == "restricted to States Parties"
    report_url = page.url
    pk = report_url.rstrip("/").rsplit("/", 1)[1]
    assert SECRET in page.inner_text("main") and "cbm.fra2" not in page.inner_text("#form0")
    shot(page, "4-submitted-restricted")
    sign_out(page)

    for who in (None, "cbm.egy", "cbm.ngo"):
        if who:
            sign_in(page, site, who, PASS)
        answer = page.goto(report_url)
        assert answer.status == 404, who
        for url in (
            "/cbm/",
            "/cbm/?year=2025",
            "/cbm/reports.csv",
            "/cbm/figures/?year=2025",
            f"/api/cbm/reports/{pk}",
            "/api/cbm/reports?state=FRA",
            "/search/?q=Inserm",
            "/api/search?q=Pasteur",
        ):
            body = page.request.get(site + url).text()  # the browser's cookies: the same reader
            assert SECRET not in body and "Sanofi" not in body, (who, url)
            assert f"/cbm/{pk}/" not in body, (who, url)
        if who:
            sign_out(page)

    page.goto(site + "/cbm/figures/?year=2025")
    chart = page.locator("#participation-chart svg.chart")
    assert chart.is_visible() and chart.locator("rect").count() >= 5
    assert "compliance" not in page.inner_text("main").lower()
    shot(page, "5-figures")
