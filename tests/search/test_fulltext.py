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
        assert f"{fulltext.VECTOR_COLUMN} @@" in sql
    # Every kind of query, one character of Chinese and filters alone too: never a LIKE scan.
    for q, filters in (
        ("voluntary visits", {}),
        ("会", {}),
        ("会议", {"year": 2017}),
        ("", {"submitter": "CHE"}),
        ("", {"meeting": "BWC/MSP/2017", "kind": "document"}),
        ("BWC/MSP/2017/6", {"language": "fr"}),
    ):
        with CaptureQueriesContext(connection) as ctx:
            search(q, lang="en", **filters)
        assert len(ctx.captured_queries) == 1
        assert "LIKE" not in ctx.captured_queries[0]["sql"].upper()


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
    assert fulltext._fts5_query(["wp", 'a"b', "volunt"], "volunt", ["wp.13"], ["year=2017"]) == (
        '"wp" AND "a""b" AND "volunt"* AND "year=2017" AND ("wp.13" OR "wp")'
    )
    assert fulltext._tsquery(["会议", "o'k", "a\\b", "volunt"], "volunt", ["by=che"]) == (
        "'会议' & 'o''k' & 'a\\\\b' & 'volunt':* & 'by=che'"
    )
    assert fulltext.filter_token("series", 'BWC/MSP/2017" OR *') == "series=bwc/msp/2017..or.."


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


def test_the_postgresql_vector_weighs_each_section(indexed):
    if connection.vendor != "postgresql":
        pytest.skip("the tsvector is PostgreSQL's")
    entry = SearchEntry.objects.get(kind="state", key="SWZ", lang="en")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {fulltext.VECTOR_COLUMN}::text FROM search_searchentry WHERE id = %s", [entry.pk]
        )
        assert cursor.fetchone()[0] == "'eswatini':1A 'kind=state':1C 'lang=en':1C 'swaziland':1 'swz':1B"
