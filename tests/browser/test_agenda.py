"""Issue 9, section 2, in real Chromium: staff set the agenda of a new meeting (three items, the
third with two sub-items, titled in the six languages), issue the provisional agenda /1, and
download its Chinese PDF, which holds the agenda in Chinese; they set a sitting of the programme
of work and issue /2; the public meeting page shows both, in Chinese and in Arabic."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.browser.test_delegate_workflow import sign_in
from tests.helpers import AGENDA_TITLES

# A series of its own: the browser tests share one server.
SERIES = "BWC/MSP/2092"
SETUP = """
import datetime as dt
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.treaties.models import Treaty
bwc = Treaty.objects.get(code="BWC")
save_meeting(bwc, "BWC/MSP/2092", by=Actor.system("setup"), kind="MSP", year=2092, start=dt.date(2092, 12, 8),
             end=dt.date(2092, 12, 11), venue="Geneva", status="planned")
user = User.objects.create_user("isu.agenda", "isu.agenda@example.org", "a long enough passphrase")
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


def add_item(page, key: str, parent: str | None = None) -> None:
    form = page.locator("#add-item")
    for lang, text in AGENDA_TITLES[key].items():
        form.locator(f"input[name='add-title_{lang}']").fill(text)
    if parent is not None:
        form.locator("select[name='add-parent']").select_option(label=parent)
    form.locator("button").click()
    page.wait_for_selector("ul.messages li.success")


def test_staff_set_an_agenda_issue_it_and_download_the_chinese_pdf(site, page, tmp_path):
    sign_in(page, site, "isu.agenda", staff=True)
    page.goto(site + f"/office/meetings/{SERIES}/agenda/")
    assert page.inner_text("h1") == f"Agenda of {SERIES}"

    for key in ("opening", "adoption", "debate"):
        add_item(page, key)
    for key in ("states", "observers"):
        add_item(page, key, parent="3. General debate")
    labels = page.locator("ul.agenda-editor > li").evaluate_all("els => els.map(e => e.dataset.label)")
    assert labels == ["1", "2", "3", "3 (a)", "3 (b)"]
    assert (
        page.locator("ul.agenda-editor li[data-label='3 (b)'] .title").inner_text()
        == "Statements by observers"
    )
    page.screenshot(path=str(tmp_path / "agenda-editor.png"), full_page=True)

    # Issue the provisional agenda: its 24 files are stored, each with its SHA-256.
    issue = page.locator("form#issue")
    issue.locator("input[name='issue-on']").fill("2092-09-01")
    issue.locator("button").click()
    page.wait_for_selector("ul.messages li.success")
    assert (
        page.inner_text("ul.messages li.success") == f"Issued {SERIES}/1 in six languages and four formats."
    )
    page.click(".issued-document details summary")
    assert page.locator(".issued-document details tbody tr").count() == 24

    # The Chinese PDF, downloaded from the document's public page, holds the agenda in Chinese.
    page.goto(site + f"/documents/{SERIES}/1")
    with page.expect_download() as info:
        page.click("a.button:text-is('ZH')")
    download = info.value
    assert download.suggested_filename == "BWC_MSP_2092_1-ZH.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make deps` installs poppler-utils")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())
    for wanted in (f"{SERIES}/1", "普遍分发", "2092年9月1日", "原文：英文", "临时议程"):
        assert wanted in text, wanted
    order = [
        text.index(AGENDA_TITLES[key]["zh"])
        for key in ("opening", "adoption", "debate", "states", "observers")
    ]
    assert order == sorted(order)
    assert re.search(r"\(a\)\s*" + AGENDA_TITLES["states"]["zh"], text)
    assert re.search(r"\(b\)\s*" + AGENDA_TITLES["observers"]["zh"], text)
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "zh-pdf")], check=True
    )

    # The programme of work: a sitting on the first day takes up items 1 and 3; it goes out as /2.
    page.goto(site + f"/office/meetings/{SERIES}/programme/")
    form = page.locator("#add-sitting")
    form.locator("input[name='sitting-date']").fill("2092-12-08")
    form.locator("select[name='sitting-period']").select_option("morning")
    form.locator("input[name='sitting-opens']").fill("10:00")
    form.locator("input[name='sitting-closes']").fill("13:00")
    form.locator("button").click()
    page.wait_for_selector("#sitting-1")
    for label in ("1. Opening of the meeting", "3. General debate"):
        page.click("#sitting-1 details:has(form.add-entry) summary")
        page.locator("#sitting-1 form.add-entry select").select_option(label=label)
        page.locator("#sitting-1 form.add-entry button").click()
        page.wait_for_selector("ul.messages li.success")
    assert page.inner_text("#sitting-1 h2") == "Sitting 1: Monday, 8 December 2092, 10.00–13.00"
    issue = page.locator("form#issue")
    issue.locator("input[name='issue-on']").fill("2092-09-01")
    issue.locator("button").click()
    page.wait_for_selector("ul.messages li.success")
    assert (
        page.inner_text("ul.messages li.success") == f"Issued {SERIES}/2 in six languages and four formats."
    )
    page.screenshot(path=str(tmp_path / "programme-editor.png"), full_page=True)

    # The public meeting page, in Chinese and in Arabic, shows the agenda with its sub-items.
    page.goto(site + f"/zh-hans/meetings/{SERIES}/")
    agenda = page.locator("#agenda ol.agenda")
    assert agenda.locator("ul.sub-items li").all_inner_texts() == [
        f"(a) {AGENDA_TITLES['states']['zh']}",
        f"(b) {AGENDA_TITLES['observers']['zh']}",
    ]
    assert page.inner_text("#planned-sitting-1") == (
        f"10:00至13:00\n\n议程项目 1 {AGENDA_TITLES['opening']['zh']}\n议程项目 3 {AGENDA_TITLES['debate']['zh']}"
    )
    page.screenshot(path=str(tmp_path / "meeting-zh.png"), full_page=True)
    page.goto(site + f"/ar/meetings/{SERIES}/")
    assert page.get_attribute("html", "dir") == "rtl"
    assert (
        page.locator("#agenda ul.sub-items li").first.inner_text() == f"(أ) {AGENDA_TITLES['states']['ar']}"
    )
    page.screenshot(path=str(tmp_path / "meeting-ar.png"), full_page=True)
