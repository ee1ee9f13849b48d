"""The second factor in real Chromium: the first superuser (made as the README says, then given a
link with `plenary account enrol`) sets up an authenticator with a code computed here, sees the
recovery codes, reaches the admin; signs out; signs in with a code; signs out; signs in with a
recovery code, which works once. The admin's own sign-in sends to Plenary's."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.staff import RECOVERY, fill_password, sign_in_staff
from tests.live_server import PLENARY

PASSWORD = "a long enough passphrase for root"


@pytest.fixture(scope="module")
def site(server):
    made = subprocess.run(
        [
            str(PLENARY),
            "manage",
            "createsuperuser",
            "--noinput",
            "--username",
            "root.otp",
            "--email",
            "root@example.org",
        ],
        env={**server.env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    return server


def sign_out(page):
    page.click("nav.account button.link")
    page.wait_for_selector("nav.account a[href*='sign-in']")


def test_a_superuser_enrols_then_signs_in_with_a_code_then_with_a_recovery_code(site, page):
    base = site.url
    # The admin's sign-in is Plenary's: the password alone gets no one into the admin.
    page.goto(base + "/admin/")
    assert page.url == base + "/accounts/sign-in/?next=/admin/"
    fill_password(page, "root.otp", PASSWORD)
    assert page.url.startswith(base + "/accounts/two-factor/")
    assert "none is set up yet" in page.inner_text("main")
    assert page.locator("#totp-secret").count() == 0

    sign_in_staff(page, base, "root.otp", PASSWORD)  # the link, the password, the key, a code
    codes = RECOVERY[(base, "root.otp")]
    assert len(codes) == 10
    page.goto(base + "/admin/")
    assert page.url == base + "/admin/"
    assert "Site administration" in page.inner_text("#content")
    page.goto(base + "/")
    sign_out(page)

    sign_in_staff(page, base, "root.otp", PASSWORD)  # the password and a code from the app
    page.goto(base + "/accounts/tokens/")
    assert "You have 10 recovery codes left." in page.inner_text("#second-factor")
    sign_out(page)

    # A recovery code in place of the app's.
    page.goto(base + "/accounts/sign-in/?next=/admin/")
    fill_password(page, "root.otp", PASSWORD)
    page.fill("#second-factor input[name=code]", codes[0])
    page.click("#second-factor button")
    page.wait_for_url(base + "/admin/")
    page.goto(base + "/accounts/tokens/")
    assert "You have 9 recovery codes left." in page.inner_text("#second-factor")
    sign_out(page)

    # It worked once.
    page.goto(base + "/accounts/sign-in/")
    fill_password(page, "root.otp", PASSWORD)
    page.fill("#second-factor input[name=code]", codes[0])
    page.click("#second-factor button")
    assert "This code is wrong or was already used." in page.inner_text("#second-factor")
    assert page.locator("nav.account a[href*='sign-in']").count() == 1
