"""Issue 9, section 7, in real Chromium: staff build the draft report of a new meeting from its
records, write a paragraph in Chinese and English, adopt the report as orally amended, issue it
under the next free symbol, and open the issued Chinese HTML; the public meeting page offers it in
six languages and five formats."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_delegate_workflow import sign_in

SETUP = """
import datetime as dt
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.participation.domain import register_delegation
from plenary.proceedings.domain import record_decision
from plenary.treaties.models import State, Treaty
isu = Actor.system("setup")
bwc = Treaty.objects.get(code="BWC")
m, _ = save_meeting(bwc, "BWC/MSP/2098", by=isu, kind="MSP", year=2098, start=dt.date(2098, 12, 7),
                 end=dt.date(2098, 12, 10), venue="Palais des Nations, Geneva", status="planned")
for code in ("FRA", "DEU", "CHN"):
    register_delegation(m, state=State.objects.get(code=code), members=[{"name": f"Head of {code}", "role": "head"}], by=isu)
record_decision(m, key="agenda", text={"en": "The Meeting adopted its agenda.", "zh": "会议通过了议程。"},
                adopted_on=dt.date(2098, 12, 7), by=isu)
record_decision(m, key="next-meeting", text={"en": "The Meeting decided to meet again in 2099.",
                "zh": "会议决定于 2099 年再次举行会议。"}, adopted_on=dt.date(2098, 12, 10), by=isu)
user = User.objects.create_user("isu.report", "isu.report@example.org", "a long enough passphrase")
grant_role(user, "staff", by=isu)
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


def test_the_report_of_a_new_meeting_from_draft_to_issue(site, page, tmp_path):
    shots = Path("/tmp/plenary-report-shots")
    shots.mkdir(exist_ok=True)
    sign_in(page, site, "isu.report", staff=True)
    office = site + "/office/meetings/BWC/MSP/2098/report/"

    page.goto(office)
    page.click("#build-draft button")
    page.wait_for_selector("#report-draft")
    assert page.inner_text("#report-draft") == "BWC/MSP/2098/CRP.1"
    page.screenshot(path=str(shots / "1-draft.png"), full_page=True)

    # A paragraph of the substance agreed, in Chinese and English, in the work of the meeting.
    page.click("#write-paragraphs")
    page.click("#section-work details.add-paragraph summary")
    page.fill("textarea[name='add-work-text_zh']", "会议商定了加强《公约》执行的措施。")
    page.fill(
        "textarea[name='add-work-text_en']",
        "The Meeting agreed on measures to strengthen the implementation of the Convention.",
    )
    page.click("#add-work button")
    page.wait_for_selector("#section-work div.written")
    page.screenshot(path=str(shots / "2-paragraphs.png"), full_page=True)

    # The draft in Chinese, as it stands.
    page.goto(site + "/office/meetings/BWC/MSP/2098/report/preview/zh/")
    assert "会议商定了加强《公约》执行的措施。" in page.inner_text("article")

    page.goto(office)
    page.fill("input[name='adopt-on']", "2098-12-10")
    page.check("input[name='adopt-orally_amended']")
    page.click("#adopt button")
    page.wait_for_selector("#next-final")
    assert page.inner_text("#next-final") == "The next free symbol is BWC/MSP/2098/1."
    page.fill("input[name='issue-on']", "2098-12-20")
    page.click("#issue button")
    page.wait_for_selector("#stored-files")
    assert page.inner_text("#report-final") == "BWC/MSP/2098/1 on 20 December 2098"
    assert page.locator("#stored-files tbody tr").count() == 30
    page.screenshot(path=str(shots / "3-issued.png"), full_page=True)

    # The issued Chinese HTML: the stored file, opened as a page.
    with page.expect_download() as info:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; document.body.appendChild(a); a.click(); }",
            "/api/reports/BWC/MSP/2098/1.html?lang=zh",
        )
    download = info.value
    assert download.suggested_filename == "BWC_MSP_2098_1-ZH.html"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    page.goto(path.as_uri())
    assert page.get_attribute("html", "lang") == "zh"
    text = page.inner_text("article")
    assert "缔约国会议的报告" in text
    assert "会议商定了加强《公约》执行的措施。" in text
    assert re.search(
        r"在 2098年12月10日的闭幕会议上，缔约国会议以协商一致方式通过了载于 BWC/MSP/2098/CRP\.1 号文件并经口头订正的报告，报告现作为 BWC/MSP/2098/1 号文件印发。",
        text,
    )
    page.screenshot(path=str(shots / "4-issued-zh.png"), full_page=True)

    # The public meeting page, in Chinese: the report in six languages and five formats.
    page.goto(site + "/zh-hans/meetings/BWC/MSP/2098/")
    links = page.locator("#report a[href^='/api/reports/BWC/MSP/2098/1.']")
    assert links.count() == 30
    assert page.locator("#report a[href='/api/reports/BWC/MSP/2098/1.akn?lang=ar']").count() == 1
    page.screenshot(path=str(shots / "5-public-zh.png"), full_page=True)
