"""`plenary serve` started for a test, as a user starts it (gunicorn and its workers): its own
processes, its own files, its own database (a file for SQLite, a fresh database on the PostgreSQL
server of DATABASE_URL), so that tests can drive the real server over HTTP. The browser tests and
the concurrency tests use it."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.pg_support import drop_database

PLENARY = Path(sys.executable).with_name("plenary")


class Server(str):
    """The site's address (a str, so tests write server + "/path"), with the environment of its
    database, for setting up records beside the browser."""

    def __new__(cls, url: str, env: dict):
        obj = super().__new__(cls, url)
        obj.url, obj.env = url, env
        return obj


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sqlite_env(var: Path) -> dict[str, str]:
    """The environment of a server on its own SQLite file (a real file: WAL needs one)."""
    return {**os.environ, "PLENARY_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'site.sqlite3'}"}


def on_postgresql() -> bool:
    return urllib.parse.urlsplit(os.environ.get("DATABASE_URL", "")).scheme in ("postgres", "postgresql")


@contextmanager
def database_env(var: Path) -> Iterator[dict[str, str]]:
    """The environment of a server on the database the test run uses: when DATABASE_URL names a
    PostgreSQL server, a new database on it (dropped afterwards); else an SQLite file in `var`."""
    if not on_postgresql():
        yield sqlite_env(var)
        return
    import psycopg

    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = f"test_plenary_live_{secrets.token_hex(4)}"
    # The maintenance database: the one in DATABASE_URL need not exist (pytest-django's does not).
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {
            **os.environ,
            "PLENARY_VAR_DIR": str(var),
            "DATABASE_URL": url._replace(path=f"/{name}").geturl(),
        }
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            drop_database(conn, name)


def plenary(*args: str, env: dict, timeout: float = 600) -> str:
    """Run the `plenary` command; its output, or the test fails with its error output."""
    done = subprocess.run([str(PLENARY), *args], env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextmanager
def running_server(var: Path, env: dict, *, workers: int = 2, wait: float = 90) -> Iterator[Server]:
    """`plenary serve` (the production server, gunicorn, with `workers` worker processes: few, on
    a machine the tests share) on a free port until the block ends; its output goes to
    var/server.log. The block's end stops it as a service manager does, with TERM: the requests
    in flight are answered first."""
    port = free_port()
    with open(var / "server.log", "w") as log:
        proc = subprocess.Popen(
            [str(PLENARY), "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + wait
            while True:
                try:
                    urllib.request.urlopen(base + "/", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError((var / "server.log").read_text()) from None
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"plenary serve did not answer within {wait:.0f} s") from None
                    time.sleep(0.3)
            server = Server(base, env)
            server.process = proc  # for the tests that kill it
            yield server
        finally:
            proc.terminate()
            proc.wait(timeout=60)
