"""Browser tests: Debian's Chromium driven by Playwright against `plenary serve`, started here on a
fresh SQLite database with the demo data, as a new visitor would meet the site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

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


class Server(str):
    """The site's address (a str, so tests write server + "/path"), with the environment of its
    database, for setting up records beside the browser."""

    def __new__(cls, url: str, env: dict):
        obj = super().__new__(cls, url)
        obj.url, obj.env = url, env
        return obj


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("browser-var")
    env = {**os.environ, "PLENARY_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'site.sqlite3'}"}
    bin_dir = Path(sys.executable).parent
    demo = subprocess.run(
        [str(bin_dir / "plenary"), "demo"], env=env, capture_output=True, text=True, timeout=600
    )
    assert demo.returncode == 0, demo.stderr
    port = _free_port()
    log = open(var / "server.log", "w")
    proc = subprocess.Popen(
        [str(bin_dir / "plenary"), "serve", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((var / "server.log").read_text()) from None
            time.sleep(0.3)
    else:
        proc.terminate()
        raise RuntimeError("plenary serve did not answer within 60 s")
    yield Server(base, env)
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


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
