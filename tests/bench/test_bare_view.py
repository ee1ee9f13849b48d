"""The bare view of make bench returns exactly the bytes captured from a real page, with its type,
only under benchmarks.bench_settings' URLs."""

from __future__ import annotations

import pytest
from django.test import override_settings


@pytest.fixture
def bare_dir(tmp_path):
    body = "<!doctype html><p>会议 — réunion</p>\n".encode() + bytes(range(256))
    (tmp_path / "meeting.body").write_bytes(body)
    (tmp_path / "meeting.type").write_text("text/html; charset=utf-8")
    with override_settings(ROOT_URLCONF="benchmarks.bench_urls", BENCH_BARE_DIR=str(tmp_path)):
        from benchmarks import bench_urls

        bench_urls._captured.clear()
        yield body
        bench_urls._captured.clear()


def test_the_bare_view_returns_exactly_the_captured_bytes(db, client, bare_dir):
    response = client.get("/__bench__/bare/meeting", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response.content == bare_dir
    assert response["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize("name", ["missing", "..%2Fmeeting", "meeting.body", "__init__"])
def test_the_bare_view_serves_nothing_else(db, client, bare_dir, name):
    assert client.get(f"/__bench__/bare/{name}", HTTP_HOST="localhost").status_code == 404


def test_the_real_pages_still_answer_beside_it(db, client, bare_dir):
    assert client.get("/api/meetings/BWC/MSP/2017", HTTP_HOST="localhost").status_code == 200


def test_the_product_has_no_bare_view(db, client):
    assert client.get("/__bench__/bare/meeting", HTTP_HOST="localhost").status_code == 404
