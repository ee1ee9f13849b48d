"""The database's own full-text index answers the match (FTS5 on SQLite, a GIN-indexed tsvector
on PostgreSQL), and follows the entries as they are replaced."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.search import fulltext
from plenary.search.index import reindex_meeting
from plenary.search.models import SearchEntry
from plenary.search.query import search
from tests.factories import DocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def _search_sql(q: str) -> str:
    with CaptureQueriesContext(connection) as ctx:
        search(q, lang="en")
    return ctx.captured_queries[-1]["sql"]


def test_words_are_looked_up_in_the_database_full_text_index(indexed):
    sql = _search_sql("voluntary visits")
    if connection.vendor == "sqlite":
        assert f"{fulltext.FTS_TABLE} MATCH" in sql
    elif connection.vendor == "postgresql":
        assert "@@" in sql and "array_to_tsvector" in sql
    assert " LIKE " not in sql.upper().replace("ILIKE", "")
    # One CJK character is found inside bigrams: by substring.
    assert "LIKE" in _search_sql("会").upper()


def test_replaced_entries_are_matched_by_their_new_words_only(db):
    meeting = MeetingFactory(series="BWC/MSP/2095", year=2095)
    doc = DocumentFactory(meeting=meeting, symbol="BWC/MSP/2095/WP.1", title={"en": "Okapi habitats"})
    reindex_meeting("BWC/MSP/2095")
    assert [h.key for h in search("okapi", lang="en").hits] == ["BWC/MSP/2095/WP.1"]
    doc.title = {"en": "Pangolin habitats"}
    doc.save()
    reindex_meeting("BWC/MSP/2095")
    assert search("okapi", lang="en").total == 0
    assert [h.key for h in search("pangolin", lang="en").hits] == ["BWC/MSP/2095/WP.1"]
    assert [h.key for h in search("pangol", lang="en").hits] == ["BWC/MSP/2095/WP.1"]  # as typed


def test_the_queries_quote_every_token():
    assert fulltext._fts5_query(["wp", 'a"b', "volunt"], "volunt") == '"wp" AND "a""b" AND "volunt"*'
    assert fulltext._tsquery(["会议", "o'k", "volunt"], "volunt") == "'会议' & 'o''k' & 'volunt':*"


def test_the_sqlite_index_agrees_with_the_entries(indexed):
    if connection.vendor != "sqlite":
        pytest.skip("FTS5 is SQLite's")
    with connection.cursor() as cursor:
        # FTS5 raises "database disk image is malformed" when its index and its content differ.
        cursor.execute(
            f"INSERT INTO {fulltext.FTS_TABLE}({fulltext.FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
        )
        cursor.execute(f"SELECT COUNT(*) FROM {fulltext.FTS_TABLE}")
        assert cursor.fetchone()[0] == SearchEntry.objects.count()
