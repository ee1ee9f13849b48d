"""Notifications in real Chromium: France's focal point invites Germany to co-sponsor a paper;
Germany's focal point, who reads Plenary in Chinese, sees the invitation in Chinese, opens the paper
(reads it, downloads its file) and confirms; France sees the confirmation; the secretariat's
outbox lists what was told to whom."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.staff import sign_in_staff
from tests.helpers import tiny_pdf

SHOTS = Path(os.environ.get("PLENARY_SCREENSHOTS", "")) if os.environ.get("PLENARY_SCREENSHOTS") else None

SETUP = """
import datetime as dt
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.participation.domain import register_delegation
from plenary.treaties.models import State, Treaty
setup = Actor.system("setup")
bwc = Treaty.objects.get(code="BWC")
meeting, _created = save_meeting(bwc, "BWC/MSP/2096", by=setup, kind="MSP", year=2096, start=dt.date(2096, 12, 7),
                       end=dt.date(2096, 12, 10), venue="Palais des Nations, Geneva", status="planned")
for name, kind, state in (("note.fra", "focal_point", "FRA"), ("note.deu", "focal_point", "DEU"),
                          ("note.isu", "staff", None)):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough passphrase")
    grant_role(user, kind, state=State.objects.get(code=state) if state else None, by=setup)
register_delegation(meeting, state=State.objects.get(code="FRA"), members=[{"name": "Camille Martin", "role": "head"}],
                    by=setup)
# Whatever the setup told them (a registration is told too) is read: the test counts from here.
from django.utils import timezone
from plenary.accounts.models import Notification
Notification.objects.filter(user__username__startswith="note.").update(read_at=timezone.now())
"""

TITLE = "Assistance under Article VII: a database"


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
    page.wait_for_selector("nav.account a[href*='sign-in']")


def shot(page, name):
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_invitation_told_in_chinese_is_read_and_confirmed(site, page, tmp_path):
    pdf = tmp_path / "database.pdf"
    pdf.write_bytes(tiny_pdf())

    # Germany's focal point chooses Chinese for the e-mails and notifications.
    sign_in(page, site, "note.deu")
    page.click("nav.account a:has-text('Notifications')")
    page.wait_for_selector("#notification-language")
    page.select_option("select[name=language]", "zh")
    page.click("#notification-language button")
    assert page.locator("select[name=language]").input_value() == "zh"
    sign_out(page)

    # France's focal point drafts a paper, attaches it and invites Germany.
    sign_in(page, site, "note.fra")
    page.goto(site + "/portal/")
    page.click("#my-delegations tr:has-text('BWC/MSP/2096') a")
    page.click("a.button:text-is('New working paper')")
    page.fill("input[name=title_en]", TITLE)
    page.fill("input[name=title_zh]", "第七条规定的援助：数据库")
    page.click("form button:text-is('Save the draft')")
    page.wait_for_selector("#paper-title")
    paper_path = page.url.removeprefix(site)
    page.select_option("select[name=lang]", "en")
    page.set_input_files("input[name=file]", str(pdf))
    page.click("form button:text-is('Attach')")
    page.fill("input[name=state]", "DEU")
    page.click("form button:text-is('Invite')")
    assert "Germany · invited" in page.inner_text("#co-sponsors")
    sign_out(page)

    # Germany's focal point sees the invitation in Chinese, counted in the header.
    sign_in(page, site, "note.deu")
    assert page.inner_text("nav.account a[href='/portal/notifications/'] .badge") == "1"
    page.click("nav.languages a[hreflang='zh-hans']")
    page.click("nav.account a[href='/zh-hans/portal/notifications/']")
    page.wait_for_selector("#notifications")
    note = page.locator("#notifications li.unread")
    assert note.locator(".subject").inner_text() == "邀请共同提交工作文件：第七条规定的援助：数据库"
    assert note.locator(".body").inner_text() == (
        "法国邀请德国共同提交缔约国会议 (BWC/MSP/2096)的工作文件“第七条规定的援助：数据库”。"
    )
    assert page.locator("h1").inner_text() == "通知"
    shot(page, "1-germany-notifications-zh")

    # It opens the paper: Germany reads it (in Chinese), and may download its file, not change it.
    note.locator(".subject a").click()
    page.wait_for_url(site + "/zh-hans" + paper_path)
    assert page.inner_text("#paper-title") == "第七条规定的援助：数据库"
    assert page.locator("input[name=title_en]").count() == 0  # no edit form
    assert page.locator("button[name=answer][value=confirm]").count() == 1
    with page.expect_download() as info:
        page.click("#files a")
    assert info.value.suggested_filename.endswith("-EN.pdf")
    shot(page, "2-germany-reads-the-paper-zh")
    page.click("button[name=answer][value=confirm]")
    page.wait_for_selector(".messages")
    assert "德国" in page.inner_text("#co-sponsors")
    assert page.locator("button[name=answer][value=confirm]").count() == 1  # may still change its mind
    # The same notifications in Arabic: the page reads right to left.
    page.click("nav.languages a[hreflang='ar']")
    page.click("nav.account a[href='/ar/portal/notifications/']")
    page.wait_for_selector("#notifications")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator("h1").inner_text() == "الإشعارات"
    shot(page, "3-germany-notifications-ar")
    sign_out(page)

    # France sees the confirmation, in its own browser (this one remembers Germany's Arabic: `/`
    # would open in it).
    page.context.clear_cookies()
    sign_in(page, site, "note.fra")
    assert page.inner_text("nav.account a[href='/portal/notifications/'] .badge") == "1"
    page.click("nav.account a[href='/portal/notifications/']")
    note = page.locator("#notifications li.unread")
    assert note.locator(".subject").inner_text() == f"Co-sponsorship confirmed: {TITLE}"
    assert note.locator(".body").inner_text() == (
        f"Germany has confirmed that it co-sponsors the working paper \u201c{TITLE}\u201d."
    )
    shot(page, "4-france-notifications-en")
    page.click("button:text-is('Mark all read')")
    page.wait_for_selector("#notifications li.read")
    assert page.locator("nav.account .badge").count() == 0
    page.goto(site + paper_path)
    assert "Germany · confirmed" in page.inner_text("#co-sponsors")
    sign_out(page)

    # The secretariat's outbox lists both notifications, newest first, each in its language.
    sign_in(page, site, "note.isu", staff=True)
    page.goto(site + "/office/outbox/")
    rows = page.locator("#outbox tbody tr").all_inner_texts()
    confirmed = next(i for i, row in enumerate(rows) if "note.fra@example.org" in row)
    invited = next(i for i, row in enumerate(rows) if "note.deu@example.org" in row)
    assert confirmed < invited
    assert f"Co-sponsorship confirmed: {TITLE}" in rows[confirmed]
    assert "邀请共同提交工作文件：第七条规定的援助：数据库" in rows[invited] and "\tzh\t" in rows[invited]
    shot(page, "5-outbox")
