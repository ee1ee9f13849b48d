"""The index of the `tokens` column on each database: FTS5 on SQLite, a GIN-indexed tsvector on
PostgreSQL (ARCHITECTURE.md, "Search"). Plenary tokenizes itself (plenary.search.tokenize); the
database only keeps the blank-separated tokens in a real index and answers "which entries hold
all these tokens", so that one design works on both and a search does not scan the table.

* SQLite: an external-content FTS5 table over search_searchentry.tokens, kept in step by
  triggers (migration 0003). Its tokenizer (unicode61, diacritics kept) splits on blanks and
  "|", and on the "/" and "." of compound tokens, which only rank and are never matched.
* PostgreSQL: an expression index on the tokens as a tsvector (array_to_tsvector of the blank
  separated tokens: no parser, no stemming, so 会议 and wp stay as Plenary made them).

Another database matches by substring (" tok "), as every database can.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from django.db.models import Q, QuerySet

__all__ = ["FTS_TABLE", "VECTOR_SQL", "matching", "substring_q"]

FTS_TABLE = "search_entry_fts"
# The tokens as a tsvector: the index's expression and the query's, character for character.
VECTOR_SQL = "array_to_tsvector(array_remove(regexp_split_to_array({col}, '[ |]+'), ''))"


def substring_q(token: str, *, prefix: bool = False) -> Q:
    """The portable match: the token whole (" tok "), or by its beginning (" tok")."""
    return Q(tokens__contains=f" {token}") if prefix else Q(tokens__contains=f" {token} ")


def _fts5_query(tokens: Sequence[str], prefix: str | None) -> str:
    # Each token a quoted string ("" escapes a quote), the last word typed as a prefix query.
    return " AND ".join(f'"{t.replace(chr(34), chr(34) * 2)}"' + ("*" if t == prefix else "") for t in tokens)


def _tsquery(tokens: Sequence[str], prefix: str | None) -> str:
    # Quoted lexemes, taken as they are ('' and \\ escaped); :* matches by the beginning.
    def lexeme(t: str) -> str:
        return "'" + t.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if t == prefix else "")

    return " & ".join(lexeme(t) for t in tokens)


def matching(queryset: QuerySet, tokens: Sequence[str], *, prefix: str | None = None) -> QuerySet:
    """The entries of `queryset` whose tokens hold every one of `tokens` (`prefix`, one of them,
    by its beginning), looked up in the database's full-text index."""
    if not tokens:
        return queryset
    table = queryset.model._meta.db_table
    vendor = connection.vendor
    if vendor == "sqlite":
        where = f'"{table}"."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)'
        return queryset.extra(where=[where], params=[_fts5_query(tokens, prefix)])
    if vendor == "postgresql":
        vector = VECTOR_SQL.format(col=f'"{table}"."tokens"')
        return queryset.extra(where=[f"{vector} @@ %s::tsquery"], params=[_tsquery(tokens, prefix)])
    q = Q()
    for token in tokens:
        q &= substring_q(token, prefix=token == prefix)
    return queryset.filter(q)
