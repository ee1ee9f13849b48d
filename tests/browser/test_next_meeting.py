"""Issue 9's "done means", in real Chromium: from an empty future year, the secretariat runs a
Meeting of States Parties in the pages alone, from the first plan to the issued report.

Staff create the meeting, set its agenda and programme of work and issue /1 and /2 in six
languages; France, Germany and Spain register (Spain's is returned and corrected) and an NGO
registers its representatives; France's paper is co-sponsored by Germany, submitted and issued;
the general debate runs with a speaker added from the room and a right of reply; two decisions are
recorded; the draft report is built, a paragraph written, the report adopted and issued; the public
meeting page shows it all in Chinese and in Arabic; the e-mails are in the outbox.

Only the first staff account is made beforehand (`SETUP`), as an operator makes it at install
(`plenary manage createsuperuser` or the like); staff open every other account in the People page
and each person sets their password from the e-mail. The shell only reads ids and notifications
back for the test's own checks; no step of the meeting uses a YAML file or the shell.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.test_agenda import add_item
from tests.browser.test_delegate_workflow import sign_in, sign_out
from tests.browser.test_registration_workflow import fill_person
from tests.helpers import tiny_pdf

SERIES = "BWC/MSP/2091"
PASSWORD = "a long enough passphrase"
SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
user = User.objects.create_user("nm.isu", "nm.isu@example.org", "a long enough passphrase")
grant_role(user, "staff", by=Actor.system("setup"))
"""
# The people staff give accounts in the People page: user, language, role, scope field, scope.
PEOPLE = (
    ("nm.fra", "fr", "state", "FRA"),
    ("nm.deu", "zh", "state", "DEU"),
    ("nm.esp", "es", "state", "ESP"),
    ("nm.ngo", "en", "organization", "VERTIC"),
)
IDS = """
import json
from plenary.meetings.models import Meeting
m = Meeting.objects.get(series="BWC/MSP/2091")
ids = {(d.state.code if d.state else d.organization.code): d.pk for d in m.delegations.select_related("state", "organization")}
ids["sitting"] = m.planned_sittings.get(number=1).pk
ids["item"] = m.agenda.get(number=3, parent=None).pk
print("IDS" + json.dumps(ids))
"""
OUTBOX = """
import json
from plenary.accounts.models import Notification
rows = Notification.objects.filter(user__username__startswith="nm.").order_by("id")
print("NOTES" + json.dumps([[n.user.username, n.kind, n.language, n.emailed_to] for n in rows]))
"""


def _shell(env: dict, script: str, marker: str):
    plenary = Path(sys.executable).with_name("plenary")
    done = subprocess.run(
        [str(plenary), "manage", "shell", "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.split(marker, 1)[1]) if marker else None


def shot(page, name: str) -> None:
    folder = os.environ.get("PLENARY_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"next-{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def site(server):
    _shell(server.env, SETUP, "")
    return server


@pytest.fixture
def office(browser):
    """The secretariat's window: staff sign in once (a second factor's code is not used twice)."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def open_account(office, page, site, username, language, scope, code):
    """Staff open the account, give the focal point's role and send the set-password e-mail; the
    person follows the link (the console mail is in the server's log) and chooses a password."""
    base = site.url
    office.goto(base + "/office/people/")
    office.fill("#new-account input[name=username]", username)
    office.fill("#new-account input[name=email]", f"{username}@example.org")
    office.select_option("#new-account select[name=language]", language)
    office.click("#new-account button:text-is('Create the account')")
    office.wait_for_url(base + f"/office/people/?q={username}")
    row = office.locator(f"#people tbody tr:has-text('{username}')")
    row.locator("select[name$=kind]").select_option("focal_point")
    row.locator(f"input[name$={scope}]").fill(code)
    row.locator("button:text-is('Give')").click()
    office.wait_for_url(base + f"/office/people/?q={username}")
    row = office.locator(f"#people tbody tr:has-text('{username}')")
    assert row.locator("ul.roles li").all_inner_texts() == [f"focal point: {code} Take away"]
    row.locator("button:text-is('Send the set-password e-mail')").click()
    office.wait_for_selector("ul.messages")
    log = (Path(site.env["PLENARY_VAR_DIR"]) / "server.log").read_text(encoding="utf-8")
    link = re.findall(r"http://127\.0\.0\.1:\d+/accounts/reset/\S+/", log)[-1]
    page.goto(link)
    page.fill("input[name=new_password1]", PASSWORD)
    page.fill("input[name=new_password2]", PASSWORD)
    page.click("form.stacked button")
    page.wait_for_url(base + "/accounts/reset/done/")


def register(page, base, user, people, credentials):
    sign_in(page, base, user)
    page.goto(base + "/portal/")
    page.click(f"#open-meetings tr:has-text('{SERIES}') a.button")
    for i, person in enumerate(people):
        fill_person(page, i, *person)
    page.set_input_files("input[name=credentials]", str(credentials))
    page.click("#send")
    page.wait_for_selector("#review")
    sign_out(page)


def decide(office, base, registrant: str, verdict: str, reason: str = "") -> None:
    office.goto(base + f"/office/meetings/{SERIES}/registrations/")
    row = office.locator(f"#review-received + .scroll tr:has-text('{registrant}')")
    if reason:
        row.locator("textarea[name=reason]").fill(reason)
    row.locator(f"button[value={verdict}]").click()
    office.wait_for_selector("ul.messages")


def test_the_next_meeting_from_plan_to_issued_report(site, page, office, tmp_path):
    base = site.url
    note = tmp_path / "note-verbale.pdf"
    note.write_bytes(tiny_pdf())
    paper_pdf = tmp_path / "paper.pdf"
    paper_pdf.write_bytes(tiny_pdf("the paper"))

    # 0. Staff open the accounts of three States' focal points and an NGO's.
    sign_in(office, base, "nm.isu", staff=True)
    for username, language, scope, code in PEOPLE:
        open_account(office, page, site, username, language, scope, code)

    # 1. Staff create the Meeting of States Parties of 2091.
    office.goto(base + "/office/meetings/new/")
    office.select_option("#id_prefill_kind", "MSP")
    office.fill("#id_prefill_year", "2091")
    office.click("#prefill button")
    assert office.input_value("input[name=series]") == SERIES
    office.fill("input[name=start]", "2091-12-04")
    office.fill("input[name=end]", "2091-12-06")
    office.fill("input[name=venue]", "Palais des Nations, Geneva")
    office.fill("input[name=title_en]", "2091 Meeting of States Parties")
    office.fill("input[name=title_zh]", "2091年缔约国会议")
    office.fill("input[name=title_ar]", "اجتماع الدول الأطراف لعام 2091")
    office.fill("input[name=venue_zh]", "日内瓦万国宫")
    office.click("#meeting-form button")
    office.wait_for_url(base + f"/office/meetings/{SERIES}/")
    shot(office, "1-meeting")

    # 2. Its agenda (three items, two sub-items) and /1; its programme of work and /2.
    office.goto(base + f"/office/meetings/{SERIES}/agenda/")
    for key in ("opening", "adoption", "debate"):
        add_item(office, key)
    for key in ("states", "observers"):
        add_item(office, key, parent="3. General debate")
    issue = office.locator("form#issue")
    issue.locator("input[name='issue-on']").fill("2091-09-01")
    issue.locator("button").click()
    office.wait_for_selector("ul.messages li.success")
    assert (
        office.inner_text("ul.messages li.success") == f"Issued {SERIES}/1 in six languages and four formats."
    )
    office.goto(base + f"/office/meetings/{SERIES}/programme/")
    form = office.locator("#add-sitting")
    form.locator("input[name='sitting-date']").fill("2091-12-04")
    form.locator("select[name='sitting-period']").select_option("morning")
    form.locator("input[name='sitting-opens']").fill("10:00")
    form.locator("input[name='sitting-closes']").fill("13:00")
    form.locator("button").click()
    office.wait_for_selector("#sitting-1")
    office.click("#sitting-1 details:has(form.add-entry) summary")
    office.locator("#sitting-1 form.add-entry select").select_option(label="3. General debate")
    office.locator("#sitting-1 form.add-entry button").click()
    office.wait_for_selector("ul.messages li.success")
    issue = office.locator("form#issue")
    issue.locator("input[name='issue-on']").fill("2091-09-01")
    issue.locator("button").click()
    office.wait_for_selector("ul.messages li.success")
    assert (
        office.inner_text("ul.messages li.success") == f"Issued {SERIES}/2 in six languages and four formats."
    )
    shot(office, "2-programme")

    # 3. Three States register; Spain's is returned, corrected and sent again; an NGO registers.
    register(
        page,
        base,
        "nm.fra",
        [("H.E. Mr.", "Martin", "Camille", "Ambassador", "c.martin@example.fr", "head")],
        note,
    )
    register(
        page,
        base,
        "nm.deu",
        [("H.E. Ms.", "Schmidt", "Anna", "Ambassador", "a.schmidt@example.de", "head")],
        note,
    )
    register(
        page,
        base,
        "nm.esp",
        [("H.E. Ms.", "García", "María", "Ambassador", "m.garcia@example.es", "head")],
        note,
    )
    register(
        page, base, "nm.ngo", [("Ms.", "Jones", "Sarah", "Researcher", "s.jones@example.org", "head")], note
    )
    decide(office, base, "Spain", "return", "The note verbale is not signed.")
    sign_in(page, base, "nm.esp")
    page.goto(base + "/portal/")
    page.click(f"#my-delegations tr:has-text('{SERIES}') a")
    assert page.inner_text("#review-reason") == "Reason: The note verbale is not signed."
    page.click("#correct")
    page.set_input_files("input[name=credentials]", str(note))
    page.click("#send")
    page.wait_for_selector("#review")
    sign_out(page)
    for registrant in ("France", "Germany", "Spain", "VERTIC"):
        decide(office, base, registrant, "approve")
    office.goto(base + f"/office/meetings/{SERIES}/registrations/")
    assert office.locator("#review-received + .scroll tr").count() == 0
    shot(office, "3-registrations")

    # 4. France's paper, co-sponsored by Germany, submitted and issued.
    sign_in(page, base, "nm.fra")
    page.goto(base + "/portal/")
    page.click(f"#my-delegations tr:has-text('{SERIES}') a")
    page.click("a.button:text-is('New working paper')")
    page.fill("input[name=title_en]", "Strengthening Article VII assistance")
    page.click("form button:text-is('Save the draft')")
    page.wait_for_selector("#paper-title")
    page.select_option("select[name=lang]", "en")
    page.set_input_files("input[name=file]", str(paper_pdf))
    page.click("form button:text-is('Attach')")
    page.fill("input[name=state]", "DEU")
    page.click("form button:text-is('Invite')")
    page.click("form button:text-is('Submit to the secretariat')")
    sign_out(page)
    sign_in(page, base, "nm.deu")
    page.goto(base + "/portal/invitations/")
    page.click("button[value=confirm]")
    sign_out(page)
    office.goto(base + "/portal/to-issue/")
    office.click(f"button:text-is('Issue as {SERIES}/WP.1')")
    office.wait_for_selector("ul.messages")

    # 5. The general debate: France asks; Germany is added from the room; Spain replies.
    ids = _shell(site.env, IDS, "IDS")
    sign_in(page, base, "nm.fra")
    page.goto(f"{base}/portal/delegations/{ids['FRA']}/floor/")
    page.select_option("#ask select[name=kind]", "statement")
    page.select_option("#ask select[name=sitting]", str(ids["sitting"]))
    page.select_option("#ask select[name=agenda_item]", str(ids["item"]))
    page.click("#ask button")
    assert page.inner_text("#place .where") == "You are number 1 of 1 waiting."
    run = f"{base}/portal/meetings/{SERIES}/speakers/?sitting={ids['sitting']}&agenda_item={ids['item']}"
    office.goto(run)
    office.select_option("#from-the-room select[name=delegation]", str(ids["DEU"]))
    office.click("#from-the-room button")
    office.wait_for_selector("#speakers tbody tr:nth-child(2):has-text('Germany')")
    office.select_option("#from-the-room select[name=delegation]", str(ids["ESP"]))
    office.select_option("#from-the-room select[name=kind]", "reply")
    office.click("#from-the-room button")
    office.wait_for_selector("#speakers tbody tr:nth-child(3):has-text('Spain')")
    for speaker in ("France", "Germany", "Spain"):
        office.click("#speakers tbody tr:nth-child(1) button.give")
        office.wait_for_selector(f"#speaking .speaker:has-text('{speaker}') .clock")
        office.click("#speaking form.end button")
        office.wait_for_selector("#speaking p.muted")
    shot(office, "5-speakers")
    sign_out(page)

    # 6. Two decisions.
    for key, en, zh in (
        (
            "dates-of-2092",
            "The Meeting decided to meet from 3 to 5 December 2092.",
            "会议决定于2092年12月3日至5日举行会议。",
        ),
        ("isu-report", "The Meeting took note of the report of the ISU.", "会议注意到执行支助股的报告。"),
    ):
        office.goto(base + f"/office/meetings/{SERIES}/decisions/")
        form = office.locator("form:has(input[name=form][value=decision])")
        form.locator("input[name='decision-key']").fill(key)
        form.locator("input[name='decision-adopted_on']").fill("2091-12-06")
        form.locator("textarea[name='decision-text_en']").fill(en)
        form.locator("textarea[name='decision-text_zh']").fill(zh)
        form.locator("button").click()
        office.wait_for_selector(f"td:text-is('{key}')")

    # 7. The report: the draft built from the records, a paragraph written, adopted, issued.
    report = base + f"/office/meetings/{SERIES}/report/"
    office.goto(report)
    office.click("#build-draft button")
    office.wait_for_selector("#report-draft")
    assert office.inner_text("#report-draft") == f"{SERIES}/CRP.1"
    office.click("#write-paragraphs")
    office.click("#section-work details.add-paragraph summary")
    office.fill("textarea[name='add-work-text_zh']", "会议商定了加强第七条援助的措施。")
    office.fill(
        "textarea[name='add-work-text_en']",
        "The Meeting agreed on measures to strengthen Article VII assistance.",
    )
    office.fill(
        "textarea[name='add-work-text_ar']", "اتفق الاجتماع على تدابير لتعزيز المساعدة بموجب المادة السابعة."
    )
    office.click("#add-work button")
    office.wait_for_selector("#section-work div.written")
    office.goto(report)
    office.fill("input[name='adopt-on']", "2091-12-06")
    office.check("input[name='adopt-orally_amended']")
    office.click("#adopt button")
    office.wait_for_selector("#next-final")
    office.fill("input[name='issue-on']", "2091-12-20")
    office.click("#issue button")
    office.wait_for_selector("#stored-files")
    assert office.inner_text("#report-final") == f"{SERIES}/3 on 20 December 2091"
    shot(office, "7-report")

    # 8. The public meeting page, in Chinese and in Arabic.
    for prefix, lang_attr, direction in (("/zh-hans", "zh-Hans", "ltr"), ("/ar", "ar", "rtl")):
        page.goto(base + f"{prefix}/meetings/{SERIES}/")
        assert page.get_attribute("html", "lang") == lang_attr
        assert (page.get_attribute("html", "dir") or "ltr") == direction
        text = page.inner_text("main")
        for symbol in (f"{SERIES}/1", f"{SERIES}/2", f"{SERIES}/WP.1", f"{SERIES}/CRP.1", f"{SERIES}/3"):
            assert symbol in text, (prefix, symbol)
        assert page.locator(f"#report a[href^='/api/reports/{SERIES}/3.']").count() == 30
        shot(page, f"8-public{prefix.replace('/', '-')}")
    page.goto(base + f"/zh-hans/meetings/{SERIES}/")
    assert "2091年缔约国会议" in page.inner_text("main")
    assert "法国" in page.inner_text("main") and "德国" in page.inner_text("main")

    # 9. The e-mails are in the outbox: each person told of their steps, in their language.
    office.goto(base + "/office/outbox/")
    shot(office, "9-outbox")
    notes = _shell(site.env, OUTBOX, "NOTES")
    told = {(user, kind, lang) for user, kind, lang, _ in notes}
    for expected in (
        ("nm.fra", "registration_received", "fr"),
        ("nm.fra", "registration_approved", "fr"),
        ("nm.esp", "registration_returned", "es"),
        ("nm.esp", "registration_approved", "es"),
        ("nm.ngo", "registration_approved", "en"),
        ("nm.deu", "co_sponsor_invited", "zh"),
        ("nm.fra", "co_sponsor_confirmed", "fr"),
        ("nm.isu", "paper_submitted", "en"),
        ("nm.fra", "paper_issued", "fr"),
        ("nm.fra", "floor_given", "fr"),
    ):
        assert expected in told, expected
    assert all(address == f"{user}@example.org" for user, _, _, address in notes)
    assert office.locator("main table tbody tr").count() >= len(told)
