"""Issue 14 §1 in real Chromium: staff (with their second factor) open the demo's 2018 options
side by side, try a meeting with negative days (refused, nothing lost), issue the options as the
cost-estimates document of BWC/MSP/2017 in six languages, and a visitor reads them in Arabic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.staff import sign_in_staff

SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
user = User.objects.create_user("isu.finance", "isu.finance@example.org", "a long enough passphrase")
grant_role(user, "staff", by=Actor.system("setup"))
"""
SHOTS = Path(os.environ.get("PLENARY_SCREENSHOTS", "")) if os.environ.get("PLENARY_SCREENSHOTS") else None


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


def shot(page, tmp_path, name):
    page.screenshot(path=str((SHOTS or tmp_path) / name), full_page=True)


def test_staff_compare_and_issue_the_options_and_a_visitor_reads_them(site, page, browser, tmp_path):
    sign_in_staff(page, site, "isu.finance", "a long enough passphrase")
    page.goto(site + "/office/finance/estimates/year/2018/")
    assert page.inner_text("h1") == "Cost estimates 2018: the options side by side"
    totals = page.locator("#compare td.total").all_inner_texts()
    assert totals == ["1,782,462", "1,961,002", "2,139,542"]
    assert "example rates" in page.inner_text("#example-note")
    shot(page, tmp_path, "estimates-compare.png")

    # A meeting with negative days: refused with the reason, the estimate unchanged.
    page.click("#compare thead a:text-is('A')")
    page.fill("#meeting-costs input[name=label]", "An extra meeting")
    page.fill("#meeting-costs input[name=days]", "-3")
    page.click("#meeting-costs button")
    assert page.inner_text("#meeting-costs ul.errorlist.nonfield") == "the meeting days cannot be less than 0"
    assert page.inner_text("#total") == "1,782,462"
    shot(page, tmp_path, "estimate-refused.png")

    page.goto(site + "/office/finance/estimates/year/2018/")
    page.select_option("#issue select[name=meeting]", "BWC/MSP/2017")
    page.click(
        "#issue button", timeout=180_000
    )  # six Word files of three options: python-docx tables are slow
    page.wait_for_selector("ul.messages", timeout=180_000)
    message = page.inner_text("ul.messages")
    assert message.startswith("Issued as BWC/MSP/2017/")
    symbol = message.removeprefix("Issued as ").rstrip(".")
    shot(page, tmp_path, "estimates-issued.png")

    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(site + "/ar/finance/estimates/2018/")
    assert visitor.get_attribute("html", "dir") == "rtl"
    assert visitor.inner_text("h1") == "تقديرات التكاليف لعام 2018"
    assert visitor.locator("#compare td.total").all_inner_texts() == ["1,782,462", "1,961,002", "2,139,542"]
    assert symbol in visitor.inner_text("body")
    shot(visitor, tmp_path, "estimates-public-ar.png")
    visitor.goto(site + f"/documents/{symbol}")
    assert "Estimated costs of the meetings to be held in 2018" in visitor.inner_text("body")
    shot(visitor, tmp_path, "estimates-document.png")
    visitor.context.close()
