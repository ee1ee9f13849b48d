"""Assessed contributions in real Chromium: the secretariat signs in (second factor included), sees
2018 as it stood on 1 June (the MSP's funds not assured, flagged before its decision date),
records a payment of France through the form, and France's contact point sees it on France's
account, in French too; Germany's delegate is refused France's account."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import browser, page, server  # noqa: F401
from tests.browser.staff import sign_in, sign_in_staff, sign_out
from tests.live_server import plenary

SHOTS = Path("/tmp/finance-shots")
PASSWORD = "a long enough passphrase"

SETUP = """
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.treaties.models import State
setup = Actor.system("setup")
for name, kind, state in (("fin.fra", "contact_point", "FRA"), ("fin.deu", "delegate", "DEU"), ("fin.isu", "staff", None)):
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough passphrase")
    grant_role(user, kind, state=State.objects.get(code=state) if state else None, by=setup)
"""


@pytest.fixture(scope="module")
def site(server):  # noqa: F811
    plenary("manage", "shell", "-c", SETUP, env=server.env, timeout=300)
    return server.url


def shot(page, name):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_year_a_payment_and_a_states_account(site, page):  # noqa: F811
    sign_in_staff(page, site, "fin.isu", PASSWORD)
    page.goto(site + "/office/finance/?year=2018&as_of=2018-06-01")
    assert "Assessed contributions of 2018" in page.inner_text("h1")
    flagged = page.locator("#meetings tr.flagged")
    assert flagged.count() >= 1
    assert "BWC/MSP/2018" in flagged.last.inner_text()
    shot(page, "1-year-2018-on-1-june")

    page.goto(site + "/office/finance/payments/")
    form = page.locator("#record-payment")
    form.locator("input[name=state]").fill("FRA")
    form.locator("input[name=amount]").fill("-5")
    form.locator("input[name=received_on]").fill("2019-01-15")
    form.locator("button").click()
    page.wait_for_load_state()
    assert "cannot be negative" in page.inner_text("#record-payment")
    form = page.locator("#record-payment")
    form.locator("input[name=amount]").fill("1234.56")
    form.locator("input[name=reference]").fill("browser wire")
    form.locator("button").click()
    page.wait_for_load_state()
    assert "The payment has been recorded." in page.inner_text("ul.messages")
    assert "browser wire" in page.inner_text("#payments")
    shot(page, "2-payment-recorded")
    sign_out(page)

    sign_in(page, site, "fin.fra", PASSWORD)
    page.goto(site + "/portal/finance/")
    page.click("#states a")
    page.wait_for_selector("#invoices")
    assert "BWC/2018/" in page.inner_text("#invoices")
    assert "browser wire" in page.inner_text("#payments")
    shot(page, "3-france-account")
    page.goto(site + "/fr/portal/finance/states/FRA/")
    assert "Contributions mises en recouvrement" in page.inner_text("h1")
    shot(page, "4-france-account-fr")
    page.goto(site + "/ar/portal/finance/states/FRA/")
    assert page.locator("html[dir=rtl]").count() == 1
    shot(page, "5-france-account-ar")
    sign_out(page)

    sign_in(page, site, "fin.deu", PASSWORD)
    response = page.goto(site + "/portal/finance/states/FRA/")
    assert response.status == 403
