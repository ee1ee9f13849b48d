"""Issue 5's walk, in real Chromium: a focal point registers a delegation and submits a
co-sponsored working paper; the co-sponsor confirms; staff (with their second factor) issue it
with its symbol; the paper is on the public meeting page in its language versions; the audit
trail shows each step."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.staff import sign_in_staff
from tests.helpers import tiny_pdf

SETUP = """
import datetime as dt
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.treaties.models import State, Treaty
bwc = Treaty.objects.get(code="BWC")
save_meeting(bwc, "BWC/MSP/2099", by=Actor.system("setup"), kind="MSP", year=2099, start=dt.date(2099, 12, 7),
             end=dt.date(2099, 12, 10), venue="Palais des Nations, Geneva", status="planned")
for name, kind, state in (("fp.fra", "focal_point", "FRA"), ("fp.deu", "focal_point", "DEU"), ("isu", "staff", None)):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough passphrase")
    grant_role(user, kind, state=State.objects.get(code=state) if state else None, by=Actor.system("setup"))
"""


@pytest.fixture(scope="module")
def site(server):
    """The demo site of the walkthrough, with three people and a meeting in the future."""
    env = server.env
    plenary = Path(sys.executable).with_name("plenary")
    done = subprocess.run(
        [str(plenary), "manage", "shell", "-c", SETUP], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return server.url


def sign_in(page, base, username, *, staff=False):
    if staff:
        sign_in_staff(page, base, username, "a long enough passphrase")
        return
    page.goto(base + "/accounts/sign-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "a long enough passphrase")
    page.click("form.stacked button")
    page.wait_for_selector("nav.account")


def sign_out(page):
    page.click("nav.account button.link")


def test_a_paper_from_registration_to_the_public_page(site, page, tmp_path):
    pdf = tmp_path / "voluntary-visits.pdf"
    pdf.write_bytes(tiny_pdf())

    # France's focal point registers the delegation for the 2099 meeting.
    sign_in(page, site, "fp.fra")
    page.goto(site + "/portal/")
    page.click("#open-meetings tr:has-text('BWC/MSP/2099') a.button")
    page.fill("input[name='form-0-family_name']", "Martin")
    page.fill("input[name='form-0-given_names']", "Camille")
    page.select_option("select[name='form-0-role']", "head")
    page.set_input_files("input[name=credentials]", str(pdf))
    page.click("form button:text-is('Send the registration')")
    assert "State Party" in page.inner_text("main")

    # ...then drafts a working paper, attaches the English original, invites Germany, submits.
    page.click("a.button:text-is('New working paper')")
    page.fill("input[name=title_en]", "Voluntary visits: a way forward")
    page.click("form button:text-is('Save the draft')")
    page.wait_for_selector("#paper-title")
    page.select_option("select[name=lang]", "en")
    page.set_input_files("input[name=file]", str(pdf))
    page.click("form button:text-is('Attach')")
    page.fill("input[name=state]", "DEU")
    page.click("form button:text-is('Invite')")
    page.click("form button:text-is('Submit to the secretariat')")
    assert "Germany" in page.inner_text("#co-sponsors")
    sign_out(page)

    # Germany's focal point confirms the co-sponsorship.
    sign_in(page, site, "fp.deu")
    page.goto(site + "/portal/invitations/")
    page.click("button[value=confirm]")
    sign_out(page)

    # Staff sign in with the second factor and issue the paper: it gets the next symbol.
    sign_in(page, site, "isu", staff=True)
    page.goto(site + "/portal/to-issue/")
    page.click("button:text-is('Issue as BWC/MSP/2099/WP.1')")

    # The paper is on the public meeting page with its language version.
    page.goto(site + "/meetings/BWC/MSP/2099/")
    row = page.locator("table.documents tr:has-text('BWC/MSP/2099/WP.1')")
    assert "Voluntary visits: a way forward" in row.inner_text()
    assert row.locator("a[download]").inner_text().strip() == "EN"
    page.goto(site + "/documents/BWC/MSP/2099/WP.1")
    assert "Germany" in page.inner_text("main")  # co-sponsor

    # The audit trail shows each step, with who and through what.
    page.goto(site + "/office/meetings/BWC/MSP/2099/")
    trail = page.inner_text("main")
    for step in (
        "delegation.register",
        "paper.create",
        "paper.file",
        "paper.invite",
        "paper.submit",
        "paper.co_sponsor",
        "paper.issue",
        "document.record",
    ):
        assert step in trail, step
    assert re.search(r"fp\.fra", trail) and re.search(r"fp\.deu", trail) and "isu" in trail
