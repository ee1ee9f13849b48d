"""Staff sign in in the browser as a person does: the first time with a one-time enrolment link
(printed by `plenary account enrol`, as the operator passes it on), their password, the key the
page then shows (into the tests' own authenticator, tests/authenticator.py) and a first code, which
shows the recovery codes; afterwards their password and a code from the same app."""

from __future__ import annotations

import subprocess

from tests.authenticator import Authenticator
from tests.live_server import PLENARY

# The environment of each running server, by its address (the `server` fixture fills it in), so
# that a sign-in helper given the address alone can ask the command line for a link.
ENVS: dict[str, dict] = {}
# Each person's app and recovery codes, by (server, user name): one app a person for the session.
APPS: dict[tuple[str, str], Authenticator] = {}
RECOVERY: dict[tuple[str, str], list[str]] = {}


def enrolment_link(base: str, username: str) -> str:
    done = subprocess.run(
        [str(PLENARY), "account", "enrol", username, "--site", str(base)],
        env=ENVS[str(base)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def fill_password(page, username: str, password: str) -> None:
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.stacked button")


def sign_in_staff(page, base: str, username: str, password: str) -> Authenticator:
    key = (str(base), username)
    app = APPS.get(key)
    if app is None:
        page.goto(enrolment_link(base, username))
        # A person who passed the password step already goes straight to the key.
        page.wait_for_selector("input[name=password], #totp-secret")
        if page.locator("#totp-secret").count() == 0:
            fill_password(page, username, password)
        app = APPS[key] = Authenticator(page.inner_text("#totp-secret").strip())
        page.fill("#confirm-device input[name=code]", app.code())
        page.click("#confirm-device button")
        RECOVERY[key] = [c.strip() for c in page.locator("#recovery-codes code").all_inner_texts()]
        page.click("#continue")
    else:
        page.goto(str(base) + "/accounts/sign-in/")
        fill_password(page, username, password)
        page.fill("#second-factor input[name=code]", app.code())
        page.click("#second-factor button")
    page.wait_for_selector("nav.account")
    return app


def sign_in(page, base: str, username: str, password: str) -> None:
    """A person without a second factor (a delegate, a contact point) signs in with a password."""
    page.goto(str(base) + "/accounts/sign-in/")
    fill_password(page, username, password)
    page.wait_for_selector("nav.account")


def sign_out(page) -> None:
    page.click("nav.account button.link")
    page.wait_for_selector("nav.account a[href*='sign-in']")
