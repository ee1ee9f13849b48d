"""The Article X database in real Chromium: Kenya's national contact point fills the request form
and submits; the request's page lists the demo offers that fit it, best first, each with the
reasons it fits; the secretariat opens the matching view, sees the same ranking and records a
match and then its outcome; the contact point sees the match on the request. An anonymous visitor
sees the public offers but never the request."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import browser, page, server  # noqa: F401
from tests.browser.staff import sign_in, sign_in_staff, sign_out
from tests.live_server import plenary

SHOTS = Path("/tmp/cooperation-shots")

SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.treaties.models import State
setup = Actor.system("setup")
for name, kind, state in (("artx.ken", "contact_point", "KEN"), ("artx.isu", "staff", None)):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough passphrase")
    grant_role(user, kind, state=State.objects.get(code=state) if state else None, by=setup)
"""

TITLE = "Training and equipment for the national biosafety laboratory"


@pytest.fixture(scope="module")
def site(server):  # noqa: F811
    plenary("manage", "shell", "-c", SETUP, env=server.env, timeout=300)
    return server.url


def shot(page, name):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_request_finds_its_matching_offers_with_the_reasons(site, page):  # noqa: F811
    sign_in(page, site, "artx.ken", "a long enough passphrase")
    page.goto(site + "/portal/cooperation/new/request/")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=description]", "Training for 15 technicians and a biosafety cabinet.")
    page.check("input[name=types][value=training]")
    page.check("input[name=types][value=equipment]")
    page.check("input[name=fields][value=biosafety]")
    page.check("input[name=fields][value=laboratory]")
    page.fill("textarea[name=contact]", "National contact point of Kenya (test)")
    shot(page, "1-request-form")
    page.click("button[name=action][value=submit]")
    page.wait_for_selector("#fits")
    assert page.inner_text("#status") == "open"
    request_url = page.url
    pk = request_url.rstrip("/").rsplit("/", 1)[1]
    fits = page.locator("#fits > li")
    assert fits.count() >= 3
    first = fits.nth(0).inner_text()
    # The German (with France) training offer shares both fields and a type, and is open to every
    # region: 3 + 3 + 2 + 1 points; the British equipment offer covers Africa.
    assert "Biorisk management training" in first and "9 points" in first
    for reason in (
        "same field: biosafety and biosecurity",
        "same field: laboratory capacity",
        "offers training, which is asked",
        "open to every region",
    ):
        assert reason in first
    second = fits.nth(1).inner_text()
    assert "Diagnostic equipment" in second and "covers the region: Africa" in second
    assert "offers equipment, which is asked" in second
    assert "(example entry, not a real one)" in first
    shot(page, "2-request-with-fitting-offers")
    sign_out(page)

    page.goto(site + "/cooperation/")
    assert "Biorisk management training" in page.inner_text("#offers")
    assert TITLE not in page.content()
    page.goto(request_url)
    assert "sign-in" in page.url

    sign_in_staff(page, site, "artx.isu", "a long enough passphrase")
    page.goto(f"{site}/office/cooperation/requests/{pk}/")
    office_first = page.locator("#fits > li").nth(0)
    assert "Biorisk management training" in office_first.inner_text()
    office_first.locator("input[name=outcome]").fill("The parties will arrange a course.")
    office_first.locator("button").click()
    page.wait_for_load_state()
    assert "Recorded; the parties are told." in page.inner_text("ul.messages")
    assert page.inner_text("#matches .match-status") == "proposed"
    form = page.locator(".outcome-form").first
    form.locator("select[name=status]").select_option("arranged")
    form.locator("button").click()
    page.wait_for_load_state()
    assert page.inner_text("#matches .match-status") == "arranged"
    shot(page, "3-office-matching")
    sign_out(page)

    sign_in(page, site, "artx.ken", "a long enough passphrase")
    page.goto(request_url)
    assert "arranged" in page.inner_text("#matches")
    page.goto(site + "/fr/portal/cooperation/request/" + pk + "/")
    assert "même domaine : laboratoire" not in page.inner_text("main")
    assert "même domaine : capacités de laboratoire" in page.inner_text("#fits")
    shot(page, "4-request-fr")
