"""CACHE_URL: each shared cache, really used by the page cache and the record versions (files
shared by a machine's workers, Redis, the database, this process)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from plenary.core.actor import Actor
from plenary.meetings.models import Meeting
from plenary.proceedings import domain as proceedings
from plenary.settings import VAR_DIR, _caches
from plenary.treaties.models import State

PAGE = "/meetings/BWC/MSP/2017/"


def test_cache_url_names_the_backend():
    assert _caches("") == {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
            "KEY_PREFIX": "plenary",
            "TIMEOUT": 300,
        }
    }
    assert _caches("redis://10.0.0.5:6379/2")["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://10.0.0.5:6379/2",
        "KEY_PREFIX": "plenary",
        "TIMEOUT": 300,
    }
    assert _caches("db")["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert _caches("db")["default"]["LOCATION"] == "plenary_cache"
    assert _caches(" locmem ")["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    with pytest.raises(
        ImproperlyConfigured,
        match="CACHE_URL must be redis://host:port/db, db or locmem, not 'memcached://x'",
    ):
        _caches("memcached://x")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed here (scripts/deps.sh --ci installs it for CI)")
    port = _free_port()
    server = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path_factory.mktemp("redis")),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                    break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the private redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _backend(kind: str, tmp_path, request) -> dict:
    if kind == "files":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    if kind == "redis":
        return _caches(request.getfixturevalue("redis_url"))["default"]
    if kind == "db":
        return _caches("db")["default"]
    return _caches("locmem")["default"]


@pytest.mark.parametrize("kind", ["files", "redis", "db", "locmem"])
def test_each_shared_cache_serves_pages_and_forgets_them_on_commit(kind, db, tmp_path, request, page_cache):
    with override_settings(CACHES={"default": _backend(kind, tmp_path, request)}):
        from django.core.cache import cache

        if kind == "db":
            call_command("createcachetable", verbosity=0)
            call_command("createcachetable", verbosity=0)  # safe twice
        cache.clear()
        msp = Meeting.objects.get(series="BWC/MSP/2017")
        client = Client()
        first = client.get(PAGE)
        with CaptureQueriesContext(connection) as hit:
            again = client.get(PAGE)
        assert (again.status_code, again.content, again["ETag"]) == (200, first.content, first["ETag"])
        if kind == "db":
            # The database cache's reads are its only queries: the entry, then the versions.
            assert [q["sql"].count("plenary_cache") >= 1 for q in hit.captured_queries] == [True, True]
        else:
            assert hit.captured_queries == []
        with page_cache():
            proceedings.record_statement(
                msp, by=Actor.system("isu"), kind="state", state=State.objects.get(code="TUV")
            )
        changed = client.get(PAGE)
        assert changed.content != first.content
        assert changed["ETag"] != first["ETag"]
        cache.clear()


def test_bringing_the_database_up_to_date_makes_the_cache_table_once(db):
    from plenary.setup import ensure_cache_table

    with override_settings(CACHES=_caches("db")):
        ensure_cache_table()
        ensure_cache_table()
        assert "plenary_cache" in connection.introspection.table_names()
    with override_settings(CACHES=_caches("locmem")), CaptureQueriesContext(connection) as made:
        ensure_cache_table()
    assert made.captured_queries == []
