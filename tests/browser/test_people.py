"""Issue 9 in real Chromium: staff (with their second factor) open an account for France's new
focal point on the People page, give it the role, and send the set-password e-mail; the person
follows the link from the e-mail, chooses a password and signs in to the portal as France's focal
point. No shell: the pages alone."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_delegate_workflow import sign_in, sign_out

SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
user = User.objects.create_user("ppl.isu", "ppl.isu@example.org", "a long enough passphrase")
grant_role(user, "staff", by=Actor.system("setup"))
"""


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
    return server


def test_staff_open_an_account_for_a_focal_point_who_then_signs_in(site, page, tmp_path):
    base = site.url
    sign_in(page, base, "ppl.isu", staff=True)
    page.goto(base + "/office/")
    page.click("nav.toc a:text-is('People')")
    page.wait_for_url(base + "/office/people/")

    # A new account, with no role yet.
    page.fill("#new-account input[name=username]", "ppl.fra")
    page.fill("#new-account input[name=email]", "ppl.fra@example.org")
    page.select_option("#new-account select[name=language]", "fr")
    page.click("#new-account button:text-is('Create the account')")
    page.wait_for_url(base + "/office/people/?q=ppl.fra")
    assert page.locator("#people tbody tr").count() == 1
    row = page.locator("#people tbody tr:has-text('ppl.fra')")
    assert "no role" in row.inner_text()

    # A role that does not fit is refused on the person, with the domain's message...
    row.locator("select[name$=kind]").select_option("officer")
    row.locator("input[name$=state]").fill("FRA")
    row.locator("button:text-is('Give')").click()
    row = page.locator("#people tbody tr:has-text('ppl.fra')")
    assert (
        row.locator("ul.errorlist.nonfield").inner_text() == "a meeting officer role takes meeting, not state"
    )

    # ...the focal point of France is given.
    row.locator("select[name$=kind]").select_option("focal_point")
    row.locator("input[name$=state]").fill("FRA")
    row.locator("button:text-is('Give')").click()
    page.wait_for_url(base + "/office/people/?q=ppl.fra")
    row = page.locator("#people tbody tr:has-text('ppl.fra')")
    assert row.locator("ul.roles li").all_inner_texts() == ["focal point: FRA Take away"]
    page.screenshot(path=str(tmp_path / "people.png"), full_page=True)

    # The whole list shows the new account among the others.
    page.goto(base + "/office/people/")
    assert "ppl.fra" in page.locator("#people").inner_text()

    page.goto(base + "/office/people/?q=ppl.fra")
    page.click("#people tbody tr:has-text('ppl.fra') button:text-is('Send the set-password e-mail')")
    assert "The set-password e-mail goes to ppl.fra@example.org." in page.inner_text("ul.messages")
    sign_out(page)

    # The e-mail (the console backend writes it to the server's log), in French.
    log = (Path(site.env["PLENARY_VAR_DIR"]) / "server.log").read_text(encoding="utf-8")
    assert "Le secrétariat vous a ouvert un compte Plenary, avec le nom d'utilisateur ppl.fra." in log
    link = re.findall(r"http://127\.0\.0\.1:\d+/accounts/reset/\S+/", log)[-1]

    page.goto(link)
    page.fill("input[name=new_password1]", "a long enough passphrase")
    page.fill("input[name=new_password2]", "a long enough passphrase")
    page.click("form.stacked button")
    page.wait_for_url(base + "/accounts/reset/done/")

    sign_in(page, base, "ppl.fra")
    page.goto(base + "/portal/")
    page.screenshot(path=str(tmp_path / "portal.png"), full_page=True)
    assert "France" in page.inner_text("main")
    print("screenshots:", tmp_path)
