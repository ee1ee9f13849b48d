"""Issue 13, section 4, in real Chromium: the secretariat records an accession in the back office and
the public treaty status counts one State Party more at once; a contact recorded with a signatory
shows in the Chair's universalization report; the ISU's figures page draws its charts (back office
and public, in French)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.staff import sign_in_staff

SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
user = User.objects.create_user("isu.universal", "isu.universal@example.org", "a long enough passphrase")
grant_role(user, "staff", by=Actor.system("setup"))
"""


# Recorded in every page before its own scripts run: a chart or a page the Content-Security-Policy
# refuses (an inline style, a script) shows here.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def no_violations(page) -> None:
    assert page.evaluate("window.__violations") == [], page.url


@pytest.fixture(scope="module")
def site(server):
    plenary = Path(sys.executable).with_name("plenary")
    done = subprocess.run(
        [str(plenary), "manage", "shell", "-c", SETUP],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return server.url


def public_count(browser, base: str) -> int:
    """The States Parties today on the public status page, as an anonymous visitor reads it."""
    context = browser.new_context()
    try:
        visitor = context.new_page()
        visitor.goto(f"{base}/status/")
        return int(visitor.inner_text("#count-parties"))
    finally:
        context.close()


def test_an_accession_moves_the_status_and_the_chair_sees_the_contacts(site, page, browser, tmp_path):
    today = dt.date.today().isoformat()
    before = public_count(browser, site)
    sign_in_staff(page, site, "isu.universal", "a long enough passphrase")

    # A first try with a mistake: a date in the future is refused with the reason, nothing written.
    page.goto(f"{site}/office/treaties/deposits/")
    page.select_option("select[name=state]", "ISR")
    page.select_option("select[name=kind]", "accession")
    page.fill("input[name=date]", "2999-01-01")
    page.check("input[name=depositary][value=W]")
    page.fill("input[name=source]", "Depositary notification (example)")
    page.click("#record-deposit button")
    assert "is in the future" in page.inner_text("ul.errorlist[role=alert]")
    assert public_count(browser, site) == before

    page.fill("input[name=date]", today)
    page.click("#record-deposit button")
    page.wait_for_selector("ul.messages")
    assert f"States Parties today: {before + 1}." in page.inner_text("ul.messages")
    assert "Depositary notification (example)" in page.inner_text("#deposits")
    page.screenshot(path=str(tmp_path / "deposit.png"), full_page=True)
    assert public_count(browser, site) == before + 1

    # A contact with a signatory (Egypt), then the Chair's report lists it.
    page.goto(f"{site}/office/treaties/contacts/")
    page.click("#not-party a[href$='/contacts/EGY/']")
    page.select_option("select[name=kind]", "letter")
    page.select_option("select[name=made_by]", "chair")
    page.fill("textarea[name=summary]", "The Chair wrote to the Minister for Foreign Affairs.")
    page.fill("input[name=source]", "Letter of the Chair (example)")
    page.click("#record-contact button")
    page.wait_for_selector("ul.messages")
    assert "The Chair wrote to the Minister" in page.inner_text("#contacts")

    page.goto(f"{site}/office/treaties/universalization/")
    row = page.inner_text("#state-EGY")
    assert "The Chair wrote to the Minister for Foreign Affairs." in row
    assert "Letter of the Chair (example)" in row
    assert "Israel" not in page.inner_text("#not-party")
    assert "Israel" in page.inner_text("#joined")
    with page.expect_download() as download:
        page.click("a[href$='format=xlsx']")
    assert re.fullmatch(r"BWC-universalization-\d{4}-EN\.xlsx", download.value.suggested_filename)
    page.screenshot(path=str(tmp_path / "chair-report.png"), full_page=True)


def test_the_figures_pages_draw_their_charts(site, page, browser, tmp_path):
    page.add_init_script(WATCH)
    sign_in_staff(page, site, "isu.universal", "a long enough passphrase")
    for path in ("deposits/", "contacts/", "contacts/EGY/", "universalization/"):
        page.goto(f"{site}/office/treaties/{path}")
        no_violations(page)
    page.goto(f"{site}/office/treaties/figures/?year=2017")
    no_violations(page)
    for chart in ("#chart-parties svg", "#chart-meetings svg", "#chart-documents svg"):
        box = page.locator(chart).bounding_box()
        assert box and box["width"] > 300 and box["height"] > 80, chart
    assert page.locator("#chart-meetings svg rect.bar").count() >= 11
    assert page.inner_text("#fig-documents") == "34"
    page.screenshot(path=str(tmp_path / "figures-office.png"), full_page=True)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        visitor = context.new_page()
        visitor.add_init_script(WATCH)
        visitor.goto(f"{site}/fr/figures/?year=2017")
        no_violations(visitor)
        assert "Réunions tenues" in visitor.inner_text("#figures-records")
        assert visitor.locator("#chart-parties svg polyline").count() == 1
        assert visitor.locator("form#draft").count() == 0
        visitor.screenshot(path=str(tmp_path / "figures-public-fr.png"), full_page=True)
        visitor.goto(f"{site}/ar/figures/?year=2017")
        assert visitor.locator("html").get_attribute("dir") == "rtl"
        assert visitor.locator("#chart-cbm svg rect.bar").count() > 30
        visitor.screenshot(path=str(tmp_path / "figures-public-ar.png"), full_page=True)
    finally:
        context.close()
