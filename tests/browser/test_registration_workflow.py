"""Issue 9's registration, in real Chromium: Spain's focal point registers three people with the
note verbale (a row added and one removed in the page); the secretariat returns it with a reason;
the focal point reads the reason, corrects the registration and sends it again; the secretariat
approves it; the list for badges has the three people; each step told in the person's language."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_delegate_workflow import sign_in, sign_out
from tests.helpers import tiny_pdf

SERIES = "BWC/MSP/2093"
SETUP = """
import datetime as dt
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.accounts.notify import set_language
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.treaties.models import State, Treaty
bwc = Treaty.objects.get(code="BWC")
setup = Actor.system("setup")
save_meeting(bwc, "BWC/MSP/2093", by=setup, kind="MSP", year=2093, start=dt.date(2093, 12, 1),
             end=dt.date(2093, 12, 4), venue="Palais des Nations, Geneva", status="planned")
fp = User.objects.create_user("fp.esp", "fp@example.es", "a long enough passphrase")
grant_role(fp, "focal_point", state=State.objects.get(code="ESP"), by=setup)
set_language(fp, "es", by=setup)
isu = User.objects.create_user("isu.reg", "isu@example.org", "a long enough passphrase")
grant_role(isu, "staff", by=setup)
"""
NOTIFICATIONS = """
import json
from plenary.accounts.models import Notification
rows = Notification.objects.filter(user__username__in=["fp.esp", "isu.reg"], kind__startswith="registration")
print("NOTES " + json.dumps(sorted((n.user.username, n.kind, n.language, n.subject) for n in rows), ensure_ascii=False))
"""


def _shell(env: dict, script: str) -> str:
    plenary = Path(sys.executable).with_name("plenary")
    done = subprocess.run(
        [str(plenary), "manage", "shell", "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def site(server):
    _shell(server.env, SETUP)
    return server


def shot(page, name: str) -> None:
    """Screenshots for a person to look at, when PLENARY_SCREENSHOTS names a folder."""
    folder = os.environ.get("PLENARY_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def fill_person(page, i: int, salutation: str, family: str, given: str, function: str, email: str, role: str):
    page.select_option(f"select[name='form-{i}-honorific']", salutation)
    page.fill(f"input[name='form-{i}-family_name']", family)
    page.fill(f"input[name='form-{i}-given_names']", given)
    page.fill(f"input[name='form-{i}-function']", function)
    page.fill(f"input[name='form-{i}-email']", email)
    page.select_option(f"select[name='form-{i}-role']", role)


@pytest.fixture
def office(browser):
    """The secretariat's own browser window: staff sign in once (a second factor's code is not
    used twice), beside the focal point's."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_a_registration_returned_corrected_and_approved(site, page, office, tmp_path):
    base = site.url
    note = tmp_path / "nota-verbal.pdf"
    note.write_bytes(tiny_pdf())
    signed = tmp_path / "nota-verbal-firmada.pdf"
    signed.write_bytes(tiny_pdf("signed"))

    # Spain's focal point registers three people (in English pages; the mails come in Spanish).
    sign_in(page, base, "fp.esp")
    page.goto(base + "/portal/")
    page.click(f"#open-meetings tr:has-text('{SERIES}') a.button")
    form_url = page.url
    # The same form in Chinese and in Arabic (right to left).
    page.goto(form_url.replace(base, base + "/zh-hans", 1))
    assert page.inner_text("#people thead").split() == [
        "#",
        "称谓",
        "姓",
        "名",
        "职务",
        "电子邮件",
        "在代表团中的职责",
    ]
    assert page.inner_text("#add-person") == "添加一人"
    shot(page, "1-registration-form-zh")
    page.goto(form_url.replace(base, base + "/ar", 1))
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.inner_text("#send") == "إرسال التسجيل"
    shot(page, "1-registration-form-ar")
    page.goto(form_url)
    assert page.locator("#people tr.person").count() == 3
    fill_person(page, 0, "H.E. Ms.", "García", "María", "Ambassador", "m.garcia@example.es", "head")
    fill_person(page, 1, "Mr.", "López", "Juan", "Counsellor", "j.lopez@example.es", "alternate")
    # A row added without sending the form (what was typed stays), then one taken off again.
    page.click("#add-person")
    assert page.locator("#people tr.person").count() == 4
    assert page.input_value("input[name='form-0-family_name']") == "García"
    fill_person(
        page, 2, "Dr.", "Pérez", "Ana", "Instituto de Salud Carlos III", "a.perez@example.es", "expert"
    )
    fill_person(page, 3, "Mr.", "Mistake", "Row", "", "", "member")
    page.locator("#people tr.person").nth(3).locator("button.remove-person").click()
    assert page.locator("#people tr.person:visible").count() == 3
    page.set_input_files("input[name=credentials]", str(note))
    shot(page, "1-registration-form")
    page.click("#send")
    page.wait_for_selector("#review")
    assert "the secretariat checks the registration" in page.inner_text("#review")
    assert [row.inner_text().split("\t")[1] for row in page.locator("#members tbody tr").all()] == [
        "García",
        "López",
        "Pérez",
    ]
    assert page.inner_text("#credentials-link") == "nota-verbal.pdf"
    shot(page, "2-received")
    sign_out(page)

    # The secretariat returns it with a reason.
    sign_in(office, base, "isu.reg", staff=True)
    office.goto(base + f"/office/meetings/{SERIES}/registrations/")
    row = office.locator("#review-received + .scroll tr:has-text('Spain')")
    assert "m.garcia@example.es" in row.inner_html()
    row.locator("textarea[name=reason]").fill("The note verbale is not signed.")
    shot(office, "3-office-received")
    row.locator("button[value=return]").click()
    assert "ESP: returned for BWC/MSP/2093." in office.inner_text("ul.messages")

    # The focal point reads the reason, corrects and sends it again.
    sign_in(page, base, "fp.esp")
    page.goto(base + "/portal/")
    page.click(f"#my-delegations tr:has-text('{SERIES}') a")
    assert page.inner_text("#review-reason") == "Reason: The note verbale is not signed."
    shot(page, "4-returned")
    page.click("#correct")
    assert "The secretariat returned this registration for correction." in page.inner_text("#returned")
    page.fill("input[name='form-1-function']", "Minister Counsellor")
    page.set_input_files("input[name=credentials]", str(signed))
    page.click("#send")
    page.wait_for_selector("#review")
    assert "Registration sent to the secretariat again." in page.inner_text("ul.messages")
    assert page.inner_text("#credentials-link") == "nota-verbal-firmada.pdf"
    sign_out(page)

    # The secretariat approves it; the list for badges has the three people.
    office.goto(base + f"/office/meetings/{SERIES}/registrations/")
    office.locator("#review-received + .scroll tr:has-text('Spain') button[value=approve]").click()
    assert "ESP: approved for BWC/MSP/2093." in office.inner_text("ul.messages")
    assert office.locator("#review-approved + .scroll tr:has-text('Spain')").count() == 1
    shot(office, "5-office-approved")
    with office.expect_download() as download:
        office.click("#badges-csv")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig"))))
    assert rows == [
        ["salutation", "family_name", "given_names", "function", "delegation", "category", "role", "meeting"],
        ["H.E. Ms.", "García", "María", "Ambassador", "Spain", "State Party", "head of delegation", SERIES],
        ["Mr.", "López", "Juan", "Minister Counsellor", "Spain", "State Party", "alternate", SERIES],
        ["Dr.", "Pérez", "Ana", "Instituto de Salud Carlos III", "Spain", "State Party", "expert", SERIES],
    ]

    # Each step was told: the focal point in Spanish, the secretariat in English.
    line = next(line for line in _shell(site.env, NOTIFICATIONS).splitlines() if line.startswith("NOTES "))
    meeting_es, meeting_en = (
        "Reunión de los Estados Partes (BWC/MSP/2093)",
        "Meeting of States Parties (BWC/MSP/2093)",
    )
    assert json.loads(line[len("NOTES ") :]) == sorted(
        [
            ["fp.esp", "registration_received", "es", f"Inscripción recibida: España, {meeting_es}"],
            ["fp.esp", "registration_returned", "es", f"Inscripción devuelta: España, {meeting_es}"],
            ["fp.esp", "registration_received", "es", f"Inscripción recibida: España, {meeting_es}"],
            ["fp.esp", "registration_approved", "es", f"Inscripción aprobada: España, {meeting_es}"],
            ["isu.reg", "registration_received", "en", f"Registration received: Spain, {meeting_en}"],
            ["isu.reg", "registration_received", "en", f"Registration received: Spain, {meeting_en}"],
        ]
    )
