"""Issue 9, section 1, in real Chromium: staff sign in with their second factor, create the 2027
Meeting of States Parties through the back office's pages, and the public meetings page shows it
in Chinese, with its Chinese title and the kind's Chinese name."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_delegate_workflow import sign_in

SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
user = User.objects.create_user("isu.kinds", "isu.kinds@example.org", "a long enough passphrase")
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
    return server.url


def test_staff_create_a_meeting_of_states_parties_and_the_public_sees_it_in_chinese(site, page, tmp_path):
    sign_in(page, site, "isu.kinds", staff=True)
    page.goto(site + "/office/")
    page.click("a.button:text-is('New meeting')")
    page.wait_for_url(site + "/office/meetings/new/")

    # Prefill the form for a Meeting of States Parties of 2027: the series and days come from the
    # treaty profile.
    page.select_option("#id_prefill_kind", "MSP")
    page.fill("#id_prefill_year", "2027")
    page.click("#prefill button")
    assert page.input_value("input[name=series]") == "BWC/MSP/2027"
    assert page.input_value("input[name=days]") == "3"
    page.screenshot(path=str(tmp_path / "new-meeting.png"), full_page=True)

    # A date that is not in the year is refused with the domain's message, and nothing is created.
    page.fill("input[name=start]", "2028-01-10")
    page.fill("input[name=end]", "2028-01-12")
    page.click("#meeting-form button")
    assert page.inner_text("#meeting-form ul.errorlist.nonfield") == (
        "BWC/MSP/2027: opens on 10 January 2028, outside its year 2027; a meeting planned for another year "
        "(as the 2020 meetings were, for 2021) says why in its note"
    )

    page.fill("input[name=start]", "2027-12-06")
    page.fill("input[name=end]", "2027-12-08")
    page.fill("input[name=venue]", "Palais des Nations, Geneva")
    page.fill("input[name=title_en]", "2027 Meeting of States Parties")
    page.fill("input[name=title_zh]", "2027年缔约国会议")
    page.fill("input[name=venue_zh]", "日内瓦万国宫")
    page.click("#meeting-form button")
    page.wait_for_url(site + "/office/meetings/BWC/MSP/2027/")
    assert "Created BWC/MSP/2027: Meeting of States Parties, 2027, open, status planned." in page.inner_text(
        "ul.messages"
    )
    assert "meeting.create" in page.inner_text("main")  # the audit trail
    page.screenshot(path=str(tmp_path / "office-meeting.png"), full_page=True)

    # The public meetings page, in Chinese.
    page.goto(site + "/zh-hans/meetings/")
    row = page.locator("#meetings tr:has-text('BWC/MSP/2027')")
    assert re.sub(r"\s+", " ", row.locator("td").first.inner_text()).strip() == "BWC/MSP/2027 缔约国会议"
    page.screenshot(path=str(tmp_path / "meetings-zh.png"), full_page=True)
    row.locator("a:text-is('BWC/MSP/2027')").click()
    page.wait_for_url(site + "/zh-hans/meetings/BWC/MSP/2027/")
    assert page.inner_text("p.lead") == "2027年缔约国会议"
    assert page.get_attribute("html", "lang") == "zh-Hans"
    facts = page.inner_text("dl.facts")
    assert "缔约国会议" in facts and "日内瓦万国宫" in facts
    page.screenshot(path=str(tmp_path / "meeting-zh.png"), full_page=True)

    # The year's plan in the Working Group shape: a row per possible session, then the MSP.
    page.goto(site + "/office/plan/?shape=working-group&year=2028")
    assert page.locator("#plan-rows tbody tr").count() == 4
    page.screenshot(path=str(tmp_path / "plan-wg.png"), full_page=True)
