"""Browser tests: Debian's Chromium driven by Playwright against `plenary serve`, started here on a
fresh SQLite database with the demo data, as a new visitor would meet the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.staff import ENVS
from tests.live_server import plenary, running_server, sqlite_env

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("browser-var")
    env = sqlite_env(var)
    plenary("demo", env=env)
    with running_server(var, env) as site:
        ENVS[site.url] = site.env
        yield site


# Module scope: Playwright's sync API keeps an event loop running while it is open, and Django
# refuses database calls from inside one; the browser closes before the other tests run.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make deps` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
