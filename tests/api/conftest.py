from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.fixture
def api(db, client):
    """GET a path under /api/ and return (status, JSON)."""

    def get(path: str, **params):
        response = client.get(path, params, HTTP_HOST="localhost")
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response.status_code, response.json()

    return get


@pytest.fixture
def count_queries(db, client):
    """The number of queries one GET costs (and its status, which must be 200)."""

    def count(path: str, **params) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, params, HTTP_HOST="localhost")
        assert response.status_code == 200, response.content[:300]
        return len(ctx.captured_queries)

    return count


def parties_on(meeting, n: int):
    """n States that are parties on the meeting's opening day, not yet registered for it."""
    from plenary.treaties.models import State
    from plenary.treaties.queries import treaty_status

    status = treaty_status(meeting.treaty, meeting.start)
    taken = set(meeting.delegations.values_list("state__code", flat=True))
    codes = [c for c in status.states_parties if c not in taken][:n]
    assert len(codes) == n
    return list(State.objects.filter(code__in=codes).order_by("code"))
