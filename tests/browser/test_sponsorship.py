"""The sponsorship programme in real Chromium: an expert of Kenya (a developing State Party) finds
the programme from the portal's navigation and applies for a meeting open for applications; the
ISU finds it from the back office's navigation, sees the application ranked with its reasons and
approves it (airfare, terminal expenses, DSA days against the fund); a visitor reads the fund's
public figures in French, the amounts grouped as French writes money. Screenshots in
/tmp/sponsorship-shots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import browser, page, server  # noqa: F401
from tests.browser.staff import sign_in_staff, sign_out
from tests.live_server import plenary

SHOTS = Path("/tmp/sponsorship-shots")
PASSWORD = "a long enough passphrase"

# A consultative meeting a month from now, open for applications until the day before it opens
# (the demo's meeting has passed its deadline), and the two people of the test.
SETUP = """
import datetime as dt
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.sponsorship import domain
from plenary.treaties.models import State, Treaty
setup = Actor.system("setup")
start = clock.today() + dt.timedelta(days=30)
meeting, _ = save_meeting(
    Treaty.objects.get(code="BWC"), f"BWC/CONS/{start.year}", by=setup, kind="CONSULT",
    year=start.year, start=start, end=start + dt.timedelta(days=4),
)
domain.open_call(meeting, deadline=start - dt.timedelta(days=1), source="browser test", by=setup)
for name, kind, state in (("sp.ken", "delegate", "KEN"), ("sp.isu", "staff", None)):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough passphrase")
    grant_role(user, kind, state=State.objects.get(code=state) if state else None, by=setup)
print(meeting.pk, meeting.series, meeting.start.isoformat(), meeting.end.isoformat())
"""


@pytest.fixture(scope="module")
def site(server):  # noqa: F811
    done = plenary("manage", "shell", "-c", SETUP, env=server.env, timeout=300)
    pk, series, start, end = done.split()[-4:]
    return {"url": server.url, "pk": pk, "series": series, "start": start, "end": end}


def shot(page, name):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_apply_decide_and_the_public_figures_in_french(site, page):  # noqa: F811
    url, series = site["url"], site["series"]
    page.goto(url + "/accounts/sign-in/")
    page.fill("input[name=username]", "sp.ken")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked button")
    page.wait_for_selector("nav.account")

    # The portal's navigation leads to the programme, and the meeting is open for applications.
    page.click("nav.account a[href$='/portal/sponsorship/']")
    page.wait_for_selector("#calls")
    page.click(f"#calls a[href$='/portal/sponsorship/apply/{site['pk']}/']")
    page.wait_for_selector("#sponsorship-apply")
    page.fill("input[name=expert_name]", "Wanjiru Kamau")
    page.fill("input[name=expert_function]", "Biosafety Officer")
    page.fill("input[name=expert_agency]", "Ministry of Health")
    page.fill("input[name=travel_from]", "Nairobi")
    page.fill("input[name=arrive]", site["start"])
    page.fill("input[name=depart]", site["end"])
    page.check("input[name=developing][value=yes]")
    page.check("input[name=attended_before][value=no]")
    page.check("input[name=can_send_from_capital][value=no]")
    # Without the confirmation of being an official, the application is refused with the reason.
    page.click("#sponsorship-apply button")
    page.wait_for_selector("#sponsorship-apply")
    assert "must confirm being an official" in page.inner_text("main")
    page.check("input[name=official_confirmed]")
    shot(page, "1-apply")
    page.click("#sponsorship-apply button")
    page.wait_for_selector("#applications")
    row = page.locator("#applications tbody tr", has_text="Wanjiru Kamau")
    assert series in row.inner_text() and "submitted" in row.inner_text()
    shot(page, "2-applied")
    sign_out(page)

    # The ISU: from the back office's navigation to the meeting's ranked applications.
    sign_in_staff(page, url, "sp.isu", PASSWORD)
    page.goto(url + "/office/")
    page.click("nav.toc a[href$='/office/sponsorship/']")
    page.wait_for_selector("#fund")
    page.click(f"a[href$='/office/sponsorship/meetings/{site['pk']}/']")
    page.wait_for_selector("#ranked")
    ranked = page.locator("#ranked tbody tr", has_text="Wanjiru Kamau")
    assert ranked.locator("td").first.inner_text() == "1"
    assert "has not taken part before" in ranked.inner_text()
    assert re.search(r"Available for this meeting: US\$[\d,]+\.\d\d", page.inner_text("#available"))
    ranked.locator("a[href*='/decide/']").click()
    page.wait_for_selector("#decide")
    page.check("input[name=outcome][value=approved]")
    page.fill("input[name=airfare]", "1450.00")
    page.fill("input[name=terminal]", "120.00")
    page.fill("input[name=dsa_days]", "5")
    shot(page, "3-decide")
    page.click("#decide button")
    page.wait_for_selector("#ranked")
    assert "The decision has been recorded." in page.inner_text("ul.messages")
    ranked = page.locator("#ranked tbody tr", has_text="Wanjiru Kamau")
    # 1450.00 + 120.00 + 5 days x the demo's example DSA rate for Geneva, 450.00.
    assert "approved (US$3,820.00)" in ranked.inner_text()
    shot(page, "4-decided")
    sign_out(page)

    # A visitor: the public site's navigation in French, the fund's figures grouped as French does.
    page.goto(url + "/fr/")
    page.click("header nav a[href='/fr/databases/']")
    assert page.inner_text("h1") == "Les bases de données de la Convention"
    page.click("main a[href='/fr/sponsorship/']")
    page.wait_for_selector("#figures")
    assert page.inner_text("h1") == "Programme de parrainage"
    text = page.inner_text("#figures")
    assert re.search(r"\d{1,3}([\u202f\xa0 ]\d{3})+,\d\d[\xa0 ]\$US", text), text
    assert "Wanjiru" not in page.content()
    shot(page, "5-figures-fr")

    # The same figures in Arabic (right to left, with CLDR's right-to-left mark before each amount)
    # and in Chinese.
    page.goto(url + "/ar/sponsorship/")
    assert page.inner_text("h1") == "برنامج الرعاية"
    assert page.get_attribute("html", "dir") == "rtl" and "US$" in page.inner_text("#figures")
    shot(page, "6-figures-ar")
    page.goto(url + "/zh-hans/sponsorship/")
    assert page.inner_text("h1") == "资助方案" and "US$" in page.inner_text("#figures")
    shot(page, "7-figures-zh")
