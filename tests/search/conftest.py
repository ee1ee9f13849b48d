"""The search index over the demo data, built once for the tests of this package."""

from __future__ import annotations

import time

import pytest


@pytest.fixture(scope="session")
def search_index(django_db_setup, django_db_blocker) -> dict:
    """Rebuild the index over the session's demo data; return the count and the time taken."""
    from plenary.search.index import rebuild_index

    with django_db_blocker.unblock():
        started = time.perf_counter()
        count = rebuild_index()
        return {"entries": count, "seconds": time.perf_counter() - started}


@pytest.fixture
def indexed(search_index, db) -> dict:
    return search_index
