"""`plenary serve`, the production server (gunicorn): its options, its static files (collected under
hashed, compressed names, cached for years, every one a template names), the API's docs, and a
graceful restart (HUP) in the middle of a burst of readers. `tests/test_concurrency.py` has the
bursts of readers and writers on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from plenary import cli, server
from tests.live_server import PLENARY, free_port, running_server, sqlite_env
from tests.test_concurrency import Client, Outcome, _fire_at_once

SRC = Path(cli.__file__).resolve().parent
HASHED = re.compile(r"/static/(?P<name>[\w/.-]+?)\.(?P<hash>[0-9a-f]{12})\.(?P<ext>\w+)")
TEN_YEARS = "max-age=315360000, public, immutable"


def test_serve_help_names_its_options(capsys):
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", "--help"])
    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for option in ("--host HOST", "--port PORT", "--workers N", "--threads N", "--access-log", "--dev"):
        assert option in out
    assert f"worker processes (default: 2 x CPUs + 1, here {server.default_workers()})" in out
    assert "HUP starts new workers and stops the old ones once their requests are answered" in out
    assert "TERM answers the requests in flight, then stops" in out


@pytest.mark.parametrize("bad", ["0", "-1", "two", "1.5"])
def test_serve_refuses_a_worker_count_that_is_not_a_positive_number(capsys, bad):
    with pytest.raises(SystemExit) as exited:
        cli.main(["serve", "--workers", bad])
    assert exited.value.code == 2
    assert f"argument --workers: {bad!r} is not a positive whole number" in capsys.readouterr().err


def test_the_default_worker_count_is_two_per_cpu_and_one():
    assert [server.default_workers(n) for n in (1, 2, 4)] == [3, 5, 9]
    assert server.default_workers() == 2 * len(os.sched_getaffinity(0)) + 1


def test_one_thread_is_a_sync_worker_and_more_are_gthread():
    sync = server.Options(host="::1", port=8001, workers=3).gunicorn_settings()
    assert (sync["bind"], sync["workers"], sync["worker_class"], sync["threads"]) == (
        ["[::1]:8001"],
        3,
        "sync",
        1,
    )
    assert (sync["backlog"], sync["accesslog"], sync["control_socket_disable"]) == (2048, None, True)
    threaded = server.Options(workers=2, threads=4, access_log=True).gunicorn_settings()
    assert (threaded["worker_class"], threaded["threads"], threaded["accesslog"]) == ("gthread", 4, "-")


def test_serve_warns_when_the_pools_may_exceed_what_postgresql_accepts():
    assert server.pool_warning(5, 1, 97) is None
    assert server.pool_warning(5, 19, 95) is None
    assert server.pool_warning(5, 20, 97) == (
        "5 worker(s) x DATABASE_POOL_SIZE 20 = 100 connections, more than the 97 PostgreSQL accepts: "
        "lower --workers or DATABASE_POOL_SIZE"
    )


# --- the running server ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var = tmp_path_factory.mktemp("serve")
    with running_server(var, sqlite_env(var)) as base:
        yield base, var


def _static_names_in_templates() -> set[str]:
    """Every file a template names with {% static %}: Plenary's and django-ninja's."""
    import ninja

    roots = [SRC, Path(ninja.__file__).resolve().parent]
    found = set()
    for root in roots:
        for template in root.glob("**/templates/**/*.html"):
            found |= set(re.findall(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""", template.read_text()))
    return found


def test_every_static_file_a_template_names_is_collected_and_served_for_years(site):
    base, var = site
    manifest = json.loads((var / "static" / "staticfiles.json").read_text())["paths"]
    names = _static_names_in_templates()
    assert {"web/site.css", "web/htmx.min.js", "portal/speakers.js", "ninja/swagger-ui-bundle.js"} <= names
    assert names <= set(manifest)
    client = Client(base)
    for name in sorted(names):
        hashed = manifest[name]
        assert re.fullmatch(HASHED, f"/static/{hashed}"), hashed
        response = client.request("GET", f"/static/{hashed}")
        assert response.status == 200, hashed
        assert response.headers["Cache-Control"] == TEN_YEARS
        assert response.body == (var / "static" / hashed).read_bytes()
        # Only the hashed names are kept: a page names nothing else.
        assert client.request("GET", f"/static/{name}").status == 404


def unhashed(paths: list[bytes]) -> list[str]:
    """The static paths a page names, sorted, with WhiteNoise's 12-digit hash taken out."""
    return sorted(re.sub(r"\.[0-9a-f]{12}\.", ".", p.decode()) for p in paths)


def test_pages_name_the_hashed_files_and_get_them_compressed(site):
    base, _ = site
    client = Client(base)
    page = client.request("GET", "/")
    assert page.status == 200
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', page.body)
    assert unhashed(assets) == [
        "/static/web/favicon.svg",
        "/static/web/htmx.min.js",
        "/static/web/site.css",
    ]
    css = next(a.decode() for a in assets if b"site." in a)
    for encoding in ("br", "gzip"):
        response = client.request("GET", css, headers={"Accept-Encoding": encoding})
        assert (response.status, response.headers["Content-Encoding"]) == (200, encoding)
        assert response.headers["Vary"] == "Accept-Encoding"
    assert client.request("GET", "/favicon.ico").status == 200


def test_the_api_docs_load_their_own_swagger_ui(site):
    base, _ = site
    client = Client(base)
    docs = client.request("GET", "/api/docs")
    assert docs.status == 200
    scripts = re.findall(rb'(?:href|src)="(/static/[^"]+)"', docs.body)
    assert unhashed(scripts) == [
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
        "/static/ninja/swagger-ui.css",
        "/static/web/favicon.svg",
    ]
    for script in scripts:
        assert client.request("GET", script.decode()).status == 200
    assert client.request("GET", "/api/openapi.json").status == 200


@pytest.mark.concurrency
def test_a_graceful_restart_in_a_burst_answers_every_reader(tmp_path):
    """HUP while 200 readers wait: new workers start, the old ones finish the requests they hold,
    and the listening socket stays open throughout, so every reader gets the page."""
    env = sqlite_env(tmp_path)
    with running_server(tmp_path, env) as base:
        client = Client(base)
        page = client.request("GET", "/meetings/").body
        master = _master_pid(tmp_path)
        answered = threading.Event()
        outcomes: list[Outcome] = []

        def burst():
            outcomes.extend(
                _fire_at_once(
                    [("read", str(i), client, client.prepare("GET", "/meetings/")) for i in range(200)],
                    answered=answered,
                )
            )

        reader = threading.Thread(target=burst)
        reader.start()
        assert answered.wait(120)
        os.kill(master, signal.SIGHUP)
        reader.join(300)
        log = (tmp_path / "server.log").read_text()
    assert [o.error for o in outcomes if o.status is None] == []
    assert [o.status for o in outcomes] == [200] * 200 and {o.body for o in outcomes} == {page}
    assert "Handling signal: hup" in log
    assert log.count("Booting worker") == 4  # two at the start, two after HUP


def _master_pid(var: Path) -> int:
    return int(re.search(r"Listening at: \S+ \((\d+)\)", (var / "server.log").read_text()).group(1))


def _started(args: list[str], env: dict, log: Path) -> tuple[subprocess.Popen, Client]:
    port = free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen([str(PLENARY), *args, "--port", str(port)], env=env, stdout=out, stderr=out)
    client = Client(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 90
    while proc.poll() is None:
        try:
            assert client.request("GET", "/").status == 200
            return proc, client
        except OSError:
            assert time.monotonic() < deadline, "plenary serve did not answer"
            time.sleep(0.3)
    raise AssertionError(log.read_text())


def _stopped(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_dev_serves_the_static_files_from_the_source_without_collecting(tmp_path):
    proc, client = _started(["serve", "--dev"], sqlite_env(tmp_path), tmp_path / "server.log")
    try:
        page = client.request("GET", "/").body
        assert re.findall(rb'(?:href|src)="(/static/[^"]+)"', page) == [
            b"/static/web/favicon.svg",
            b"/static/web/site.css",
            b"/static/web/htmx.min.js",
        ]
        css = client.request("GET", "/static/web/site.css")
        assert css.status == 200 and css.body == (SRC / "web" / "static" / "web" / "site.css").read_bytes()
    finally:
        _stopped(proc)
    assert not (tmp_path / "static").exists()
    assert "Starting development server" in (tmp_path / "server.log").read_text()


def test_term_lets_the_request_in_flight_finish_then_stops(tmp_path):
    """TERM, as a service manager stops a service: the master closes its socket and waits for
    the workers to answer what they hold, then exits with status 0."""
    proc, client = _started(["serve", "--workers", "1"], sqlite_env(tmp_path), tmp_path / "server.log")
    try:
        conn = client.connection()
        conn.request("GET", "/meetings/")  # sent, not yet answered
        time.sleep(0.2)  # the worker takes it
        proc.send_signal(signal.SIGTERM)
        response = conn.getresponse()
        assert (response.status, len(response.read()) > 0) == (200, True)
        assert proc.wait(60) == 0
    finally:
        _stopped(proc)
    log = (tmp_path / "server.log").read_text()
    assert "Handling signal: term" in log and "Shutting down: Master" in log
