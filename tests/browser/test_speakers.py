"""The list of speakers in real Chromium, two people at once: France's delegate asks for the floor on
the general debate of a sitting; the Chair's secretary adds Germany from the room and a right of
reply for the United States, gives France the floor (the clock runs on the officers' page, and a
reload shows the same time), ends the speech; the delegate's page follows every step by itself,
never reloaded."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_delegate_workflow import sign_in

SERIES = "BWC/MSP/2097"
SETUP = """
import datetime as dt, json
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.meetings.models import AgendaItem, PlannedSitting
from plenary.participation.domain import register_delegation
from plenary.treaties.models import State, Treaty
system = Actor.system("setup")
meeting, _ = save_meeting(Treaty.objects.get(code="BWC"), "BWC/MSP/2097", by=system, kind="MSP", year=2097,
                          start=dt.date(2097, 12, 8), end=dt.date(2097, 12, 11), venue="Palais des Nations, Geneva",
                          status="planned")
sitting = PlannedSitting.objects.create(meeting=meeting, number=1, date=meeting.start, period="morning")
item = AgendaItem.objects.create(meeting=meeting, number=5, title={"en": "General debate", "zh": "一般性辩论",
                                 "ar": "المناقشة العامة"})
ids = {"sitting": sitting.pk, "item": item.pk}
for code in ("FRA", "DEU", "USA"):
    ids[code] = register_delegation(meeting, by=system, state=State.objects.get(code=code),
                                    members=[{"name": "Head " + code, "role": "head"}]).pk
for name, kind, state in (("spk.fra", "focal_point", "FRA"), ("spk.isu", "staff", None)):
    user = User.objects.create_user(name, name + "@example.org", "a long enough passphrase")
    grant_role(user, kind, state=State.objects.get(code=state) if state else None, by=system)
print("IDS" + json.dumps(ids))
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
    ids = json.loads(done.stdout.split("IDS", 1)[1])
    return server.url, ids


def test_the_secretary_runs_the_list_and_the_delegate_follows(site, page, browser, tmp_path):
    base, ids = site
    run = f"{base}/portal/meetings/{SERIES}/speakers/"

    # France's delegate asks for the floor for a statement on item 5 of the first sitting.
    sign_in(page, base, "spk.fra")
    page.goto(f"{base}/portal/delegations/{ids['FRA']}/floor/")
    page.select_option("#ask select[name=kind]", "statement")
    page.select_option("#ask select[name=sitting]", str(ids["sitting"]))
    page.select_option("#ask select[name=agenda_item]", str(ids["item"]))
    page.click("#ask button")
    assert page.inner_text("#place .where") == "You are number 1 of 1 waiting."
    page.evaluate("window.notReloaded = true")

    # The Chair's secretary, in a second browser, opens that list.
    officers = browser.new_context(viewport={"width": 1280, "height": 900})
    secretary = officers.new_page()
    sign_in(secretary, base, "spk.isu", staff=True)
    secretary.goto(run)
    secretary.select_option("#list-choice select[name=sitting]", str(ids["sitting"]))
    secretary.select_option("#list-choice select[name=agenda_item]", str(ids["item"]))
    secretary.click("#list-choice button")
    secretary.wait_for_url(re.compile(r".*/speakers/\?sitting=\d+&agenda_item=\d+$"))
    assert secretary.inner_text("#speakers tbody tr td:nth-child(2)") == "France"

    # Germany asks from the room; the United States for the right of reply.
    secretary.select_option("#from-the-room select[name=delegation]", str(ids["DEU"]))
    secretary.click("#from-the-room button")
    secretary.wait_for_selector("#speakers tbody tr:nth-child(2):has-text('Germany')")
    secretary.select_option("#from-the-room select[name=delegation]", str(ids["USA"]))
    secretary.select_option("#from-the-room select[name=kind]", "reply")
    secretary.click("#from-the-room button")
    secretary.wait_for_selector("#speakers tbody tr:nth-child(3):has-text('United States of America')")
    rows = [r.split("\t")[:3] for r in secretary.inner_text("#speakers tbody").splitlines()]
    assert rows == [
        ["1", "France", "statement"],
        ["2", "Germany from the room", "statement"],
        ["3", "United States of America from the room", "right of reply"],
    ]
    # The delegate's page counts the others without a reload.
    page.wait_for_selector("#place .where:text-is('You are number 1 of 3 waiting.')", timeout=10000)

    # France is given the floor: the clock runs on the officers' page.
    secretary.click("#speakers tbody tr:nth-child(1) button.give")
    secretary.wait_for_selector("#speaking .speaker:has-text('France') .clock")
    first = secretary.inner_text("#speaking .clock")
    secretary.wait_for_function(
        "t => document.querySelector('#speaking .clock').textContent !== t", arg=first, timeout=10000
    )
    secretary.screenshot(path=str(tmp_path / "officers.png"), full_page=True)
    page.wait_for_selector("#place .where:text-is('You have the floor.')", timeout=10000)
    page.screenshot(path=str(tmp_path / "delegate.png"), full_page=True)
    # A reload shows the time counted from the server's started_at, not from zero.
    secretary.wait_for_timeout(1100)
    secretary.reload()
    seconds = secretary.get_attribute("#speaking .clock", "data-elapsed")
    assert int(seconds) >= 2

    # The same page in Arabic reads right to left.
    secretary.goto(
        f"{base}/ar/portal/meetings/{SERIES}/speakers/?sitting={ids['sitting']}&agenda_item={ids['item']}"
    )
    assert secretary.get_attribute("html", "dir") == "rtl"
    assert "من القاعة" in secretary.inner_text("#speakers")
    secretary.screenshot(path=str(tmp_path / "officers-ar.png"), full_page=True)
    secretary.goto(run + f"?sitting={ids['sitting']}&agenda_item={ids['item']}")

    # The speech ends: the statement is recorded, Germany is next, France's page follows.
    secretary.click("#speaking form.end button")
    secretary.wait_for_selector("#speaking p.muted")
    page.wait_for_selector("#place p.muted:text-is('You are not on the list of speakers.')", timeout=10000)
    assert page.evaluate("window.notReloaded") is True
    page.screenshot(path=str(tmp_path / "delegate-after.png"), full_page=True)

    # The clock turns red past the limit (the script alone, on a clock drawn at 1:40 of 0:50).
    secretary.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<span id="probe" class="clock" data-elapsed="100" data-limit="50">1:40</span>\')'
    )
    secretary.wait_for_selector("#probe.over")
    assert secretary.inner_text("#probe") == "1:40"

    secretary.goto(f"{base}/office/meetings/{SERIES}/")
    trail = secretary.inner_text("main")
    for step in ("floor.request", "floor.add", "floor.give", "floor.end", "statement.record"):
        assert step in trail, step
    officers.close()
