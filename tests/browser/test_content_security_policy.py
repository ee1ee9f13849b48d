"""The pages under their Content-Security-Policy in real Chromium: the home page, a meeting page,
search as you type, the back office (issuing a document, the list of speakers with its htmx
parts), the admin and the API's Swagger UI all work with no policy violation and no console error
(a refused script or style is both), and Swagger UI draws every operation of the OpenAPI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.staff import sign_in_staff

SERIES = "BWC/MSP/2089"
PASSWORD = "a long enough passphrase"
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
meeting, _ = save_meeting(Treaty.objects.get(code="BWC"), "BWC/MSP/2089", by=system, kind="MSP", year=2089,
                          start=dt.date(2089, 12, 8), end=dt.date(2089, 12, 11), venue="Palais des Nations, Geneva",
                          status="planned")
sitting = PlannedSitting.objects.create(meeting=meeting, number=1, date=meeting.start, period="morning")
item = AgendaItem.objects.create(meeting=meeting, number=5, title={"en": "General debate"})
ids = {"sitting": sitting.pk, "item": item.pk}
for code in ("FRA", "DEU"):
    ids[code] = register_delegation(meeting, by=system, state=State.objects.get(code=code),
                                    members=[{"name": "Head " + code, "role": "head"}]).pk
grant_role(User.objects.create_user("csp.isu", "csp.isu@example.org", "a long enough passphrase"), "staff", by=system)
User.objects.create_superuser("csp.root", "csp.root@example.org", "a long enough passphrase")
print("IDS" + json.dumps(ids))
"""
# Recorded in every page before its own scripts run (Playwright injects it past the policy).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber);
});
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
    return server.url, json.loads(done.stdout.split("IDS", 1)[1])


class Watched:
    """A page whose console errors, uncaught exceptions and policy violations are all kept."""

    def __init__(self, page):
        self.page, self.errors = page, []
        page.add_init_script(WATCH)
        page.on(
            "console",
            lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def goto(self, url: str):
        response = self.page.goto(url)
        assert response.status == 200, url
        assert response.headers["content-security-policy"].startswith(
            "default-src 'self'; script-src 'self';"
        )
        return response

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")

    def clean(self) -> None:
        assert (self.errors, self.violations()) == ([], [])


def sign_in(watched: Watched, base: str, username: str) -> None:
    """Through the real pages: the enrolment link, the password, the key and its first code (the
    enrolment page with its QR code is watched too), as tests/browser/staff.py does it."""
    watched.goto(base + "/accounts/sign-in/")
    watched.clean()
    sign_in_staff(watched.page, base, username, PASSWORD)
    watched.clean()


def test_the_public_pages_and_search_as_you_type(site, page):
    base, _ids = site
    watched = Watched(page)
    watched.goto(base + "/")
    watched.clean()
    watched.goto(base + "/meetings/BWC/MSP/2017/")
    watched.clean()
    watched.goto(base + "/ar/meetings/BWC/MSP/2017/")
    watched.clean()
    watched.goto(base + "/search/")
    page.type("#search-q", "sponsorship programme", delay=20)
    page.wait_for_url(re.compile(r".*/search/\?q=sponsorship.*"))
    page.wait_for_selector("#search-results .search-hit-paragraph", timeout=10000)
    watched.clean()


def test_the_back_office_and_the_list_of_speakers(site, page):
    base, ids = site
    watched = Watched(page)
    sign_in(watched, base, "csp.isu")
    watched.goto(base + "/office/")
    # htmx took its configuration from the page's meta tag: nothing of its own inline, no eval.
    config = "[htmx.config.includeIndicatorStyles, htmx.config.allowEval, htmx.config.allowScriptTags]"
    assert page.evaluate(config) == [False, False, False]
    assert page.locator("head style").count() == 0
    watched.clean()

    # Issuing a document: the next free symbol comes from backoffice/issue_document.js.
    watched.goto(base + f"/office/meetings/{SERIES}/documents/issue/")
    watched.clean()
    page.select_option("select[name=doc_type]", "INF")
    assert page.inner_text("#next-symbol") == f"{SERIES}/INF.2"
    assert page.get_attribute("input[name=symbol]", "placeholder") == f"{SERIES}/INF.2"
    watched.clean()

    # The list of speakers: a request from the room through htmx, the form emptied afterwards.
    watched.goto(
        base + f"/portal/meetings/{SERIES}/speakers/?sitting={ids['sitting']}&agenda_item={ids['item']}"
    )
    page.select_option("#from-the-room select[name=delegation]", str(ids["DEU"]))
    page.click("#from-the-room button")
    page.wait_for_selector("#speakers tbody tr:has-text('Germany')")
    assert page.input_value("#from-the-room select[name=delegation]") == ""
    # While something in the list has the focus, the list is not drawn again under it (the poll
    # is skipped: speakers.js); once the focus leaves the list, the poll comes back.
    polls = []
    page.on("request", lambda r: polls.append(r.url) if "/speakers/queue/" in r.url else None)
    page.focus("#queue #speakers button")
    page.wait_for_timeout(4000)  # more than one poll's interval (3 s)
    assert polls == []
    with page.expect_request(re.compile(r".*/speakers/queue/.*"), timeout=10000) as polled:
        page.focus("#meeting-time input[name=limit]")
    assert polled.value.method == "GET"
    watched.clean()


def test_the_admin(site, page):
    base, _ids = site
    watched = Watched(page)
    sign_in(watched, base, "csp.root")
    for path in ("/admin/", "/admin/auth/user/", "/admin/core/auditentry/"):
        watched.goto(base + path)
        watched.clean()
    page.click("#result_list tbody tr:first-child th a")
    page.wait_for_selector("#content h1")
    watched.clean()


def test_the_api_docs_draw_every_operation(site, page):
    base, _ids = site
    watched = Watched(page)
    schema = page.request.get(base + "/api/openapi.json").json()
    operations = sorted(
        (method.upper(), path) for path, methods in schema["paths"].items() for method in methods
    )
    assert len(operations) > 10
    watched.goto(base + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    drawn = sorted(
        (
            block.locator(".opblock-summary-method").inner_text().strip(),
            block.locator(".opblock-summary-path").get_attribute("data-path"),
        )
        for block in page.locator(".swagger-ui .opblock").all()
    )
    assert drawn == operations
    assert page.inner_text(".swagger-ui .info .title").startswith("Plenary API")
    # One operation tried from the page: Swagger UI calls the API (connect-src 'self').
    page.click(".opblock-summary-path[data-path='/api/states']")
    page.click(".try-out__btn")
    page.click(".execute")
    page.wait_for_selector(".live-responses-table tbody .response-col_status")
    assert page.inner_text(".live-responses-table tbody .response-col_status").strip() == "200"
    watched.clean()
