"""Article VII in real Chromium: France's national contact point submits an EXERCISE request through
the form (the guidance beside each field); the secretariat takes it through every step to closed on
the back office's timeline page (matching a demo offer, notifying the partners); the timeline shows
every step with who, when and how long it took, and the contact point sees it closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import browser, page, server  # noqa: F401
from tests.browser.staff import sign_in_staff
from tests.live_server import plenary

SHOTS = Path("/tmp/assistance-shots")

SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.treaties.models import State
setup = Actor.system("setup")
for name, kind, state in (("art7.fra", "contact_point", "FRA"), ("art7.isu", "staff", None)):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough passphrase")
    grant_role(user, kind, state=State.objects.get(code=state) if state else None, by=setup)
"""

TITLE = "Exercise Rhône: unexplained respiratory cases"


@pytest.fixture(scope="module")
def site(server):  # noqa: F811
    plenary("manage", "shell", "-c", SETUP, env=server.env, timeout=300)
    return server.url


def shot(page, name):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_exercise_request_from_submission_to_closed(site, page):  # noqa: F811
    page.goto(site + "/accounts/sign-in/")
    page.fill("input[name=username]", "art7.fra")
    page.fill("input[name=password]", "a long enough passphrase")
    page.click("form.stacked button")
    page.wait_for_selector("nav.account")

    page.goto(site + "/portal/assistance/new/")
    assert "Providers are matched by these categories" in page.inner_text("#guide-needs")
    page.fill("input[name=event_title]", TITLE)
    page.select_option("select[name=nature]", "outbreak_unusual")
    page.fill("input[name=event_date]", "2026-11-30")
    page.fill("input[name=place]", "Lyon (exercise)")
    page.fill(
        "textarea[name=description]", "Exercise scenario: 30 people with an unexplained respiratory illness."
    )
    page.check("input[name=needs][value=medical]")
    page.check("input[name=needs][value=detection]")
    page.select_option("select[name=urgency]", "urgent")
    page.fill("textarea[name=contacts]", "Exercise desk, Lyon")
    page.check("input[name=exercise]")
    shot(page, "1-request-form")
    page.click("main form button")
    page.wait_for_selector("table.timeline")
    assert "EXERCISE" in page.inner_text("h1")
    request_url = page.url
    pk = request_url.rstrip("/").rsplit("/", 1)[1]
    page.click("nav.account button.link")
    page.wait_for_selector("nav.account a[href*='sign-in']")

    sign_in_staff(page, site, "art7.isu", "a long enough passphrase")
    page.goto(f"{site}/office/assistance/{pk}/")
    for step in ("acknowledged", "matched", "partners_notified", "delivered", "closed"):
        form = page.locator(f"#step-{step}")
        if step == "matched":
            assert form.locator("input[name=offer]").count() >= 1  # the demo offers that fit
            assert "(demo entry, not a real offer)" in form.inner_text()
        if step == "delivered":
            form.locator("input[name=note]").fill("Exercise: a field laboratory deployed on paper.")
        if step == "matched":
            shot(page, "2-match-offers")
        form.locator("button").click()
        page.wait_for_load_state()
        assert "Step recorded" in page.inner_text("ul.messages")
    rows = page.locator("table.timeline tbody tr")
    assert rows.count() == 6
    text = page.inner_text("table.timeline")
    for label in (
        "request submitted",
        "request acknowledged",
        "offers matched",
        "partners notified",
        "assistance delivered",
        "closed",
    ):
        assert label in text
    assert "art7.fra" in text and "art7.isu" in text and "WHO" in text
    assert page.locator("form.step-form").count() == 0
    shot(page, "3-timeline-closed")

    page.click("nav.account button.link")
    page.wait_for_selector("nav.account a[href*='sign-in']")
    page.goto(site + "/accounts/sign-in/")
    page.fill("input[name=username]", "art7.fra")
    page.fill("input[name=password]", "a long enough passphrase")
    page.click("form.stacked button")
    page.wait_for_selector("nav.account")
    page.goto(request_url)
    assert page.locator("table.timeline tbody tr").count() == 6
    page.goto(site + "/fr/portal/assistance/")
    assert "EXERCICE" in page.inner_text("main") and "close" in page.inner_text("main")
    shot(page, "4-requests-fr")


def test_the_secretariat_changes_and_withdraws_an_offer_on_its_providers_behalf(site, page):  # noqa: F811
    sign_in_staff(page, site, "art7.isu", "a long enough passphrase")
    page.goto(site + "/portal/assistance/offers/")
    row = page.locator("main table tbody tr").first
    row.locator("a[href*='/edit/']").click()
    page.wait_for_selector("#edit-offer")
    title = page.input_value("input[name=title]")
    assert title in page.inner_text("p.lead")
    # Zero hours: the browser holds the form back (min 1), as the domain would refuse it.
    page.fill("input[name=deploy_hours]", "0")
    assert page.evaluate("document.querySelector('input[name=deploy_hours]').validity.valid") is False
    page.fill("input[name=deploy_hours]", "6")
    shot(page, "5-edit-offer")
    page.click("#edit-offer button")
    page.wait_for_selector("text=The offer of assistance has been changed.")
    row = page.locator("main table tbody tr", has_text=title).first
    assert row.locator("td").nth(3).inner_text() == "6"
    row.locator("a[href*='/edit/']").click()
    page.wait_for_selector("#withdraw-offer")
    page.fill("#withdraw-note", "Exercise: the team is on another mission.")
    page.click("#withdraw-offer button")
    page.wait_for_selector("text=The offer of assistance has been withdrawn.")
    row = page.locator("main table tbody tr", has_text=title).first
    assert "(withdrawn)" in row.inner_text() and row.locator("a[href*='/edit/']").count() == 0
    shot(page, "6-offer-withdrawn")
