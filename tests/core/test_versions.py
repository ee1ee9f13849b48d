"""Record versions: a domain write moves the versions of what it touched, once per transaction,
when it commits (no version row is written, so none is locked, inside the transaction); a write
that rolls back moves nothing; accounts-only writes move none."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from plenary.accounts.domain import grant_role
from plenary.accounts.notify import set_language
from plenary.core import versions
from plenary.core.actor import Actor
from plenary.core.models import RecordVersion
from plenary.meetings.models import Meeting
from plenary.proceedings import domain as proceedings
from plenary.treaties.models import State

ISU = Actor.system("isu")


def numbers(*scopes: str) -> dict[str, int | None]:
    rows = dict(RecordVersion.objects.filter(scope__in=scopes).values_list("scope", "number"))
    return {s: rows.get(s) for s in scopes}


@pytest.fixture
def msp(db):
    return Meeting.objects.get(series="BWC/MSP/2017")


def test_a_write_moves_its_meeting_and_the_records_once_per_transaction(msp, page_cache):
    scope = versions.meeting_scope(msp.pk)
    before = numbers(scope, "records", "reference")
    fra, deu = State.objects.get(code="FRA"), State.objects.get(code="DEU")
    with page_cache(), CaptureQueriesContext(connection) as queries, transaction.atomic():
        proceedings.record_statement(msp, by=ISU, kind="state", state=fra)
        proceedings.record_statement(msp, by=ISU, kind="state", state=deu)
        assert numbers(scope, "records", "reference") == before
        written = [
            q["sql"]
            for q in queries.captured_queries
            if "core_recordversion" in q["sql"] and not q["sql"].startswith("SELECT")
        ]
        assert written == []
    # The records move once in the transaction and once more after the search index followed it.
    assert numbers(scope, "records", "reference") == {
        scope: before[scope] + 1,
        "records": before["records"] + 2,
        "reference": before["reference"],
    }


def test_a_write_that_rolls_back_moves_nothing_and_a_later_one_moves_again(msp, page_cache):
    scope = versions.meeting_scope(msp.pk)
    before = numbers(scope, "records")
    fra = State.objects.get(code="FRA")
    with page_cache(), transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            proceedings.record_statement(msp, by=ISU, kind="state", state=fra)
            raise RuntimeError("the act fails after its audit entry")
        assert numbers(scope, "records") == before
        # The savepoint's bump rolled back with it: the next write in the transaction bumps anew.
        proceedings.record_statement(msp, by=ISU, kind="state", state=fra)
    assert numbers(scope, "records") == {scope: before[scope] + 1, "records": before["records"] + 2}


def test_writes_of_accounts_move_no_version(msp, page_cache):
    before = dict(RecordVersion.objects.values_list("scope", "number"))
    user = User.objects.create(username="someone")
    with page_cache():
        grant_role(user, "officer", meeting=msp, by=ISU)
        set_language(user, "fr", by=ISU)
    assert dict(RecordVersion.objects.values_list("scope", "number")) == before


def test_the_commit_drops_the_cached_copy_and_a_reader_copies_the_row_back(
    msp, page_cache, django_assert_num_queries
):
    scope = versions.meeting_scope(msp.pk)
    with django_assert_num_queries(1):
        first = versions.current([scope, "records"])
    with django_assert_num_queries(0):
        assert versions.current([scope, "records"]) == first
    with page_cache():
        proceedings.record_statement(msp, by=ISU, kind="state", state=State.objects.get(code="FRA"))
    assert cache.get("rv:" + scope) is None
    assert cache.get("rv:records") is None
    with django_assert_num_queries(1):
        now = versions.current([scope, "records"])
    assert (now[scope][0], now["records"][0]) == (first[scope][0] + 1, first["records"][0] + 2)
    # The copy lives VERSION_SECONDS, so that one that outlived its row heals itself.
    assert versions.VERSION_SECONDS == 60


def test_a_scope_never_written_has_no_version_unless_asked_to_create_it(db, page_cache):
    assert versions.current(["meeting:999999"]) == {"meeting:999999": None}
    made = versions.current(["meeting:999999"], create=True)["meeting:999999"]
    assert made is not None and made[0] == 0
    assert numbers("meeting:999999") == {"meeting:999999": 0}


def test_each_committed_transaction_bumps_again(db, page_cache):
    before = numbers("reference", "records")
    for _ in range(2):
        with page_cache(), transaction.atomic():
            versions.bump(versions.scopes_of_write(None))
            versions.bump(versions.scopes_of_write(None))
    assert numbers("reference", "records") == {
        "reference": before["reference"] + 2,
        "records": before["records"] + 2,
    }
