"""The full-text index of the search entries, the same design on each database (ARCHITECTURE.md,
"Search"): Plenary tokenizes itself (plenary.search.tokenize) and keeps the tokens in
`SearchEntry.tokens` as four blank-separated sections, " key | title | body | filters "; the
database keeps them in a real index that matches, ranks, filters and counts in one query.

* SQLite: an FTS5 table with one column per section (k, t, b, f), its content a view that cuts
  the sections out of `tokens`, kept in step by triggers (migration 0004). Its tokenizer splits
  on blanks only in practice: "/", "." and "=" are token characters, so that a symbol
  (bwc/msp/2017/wp.13) and a filter token (year=2017) are one token each, as Plenary made them.
  Ranking: bm25 with the weights of key, title and body (filters weigh nothing).
* PostgreSQL: a stored tsvector column `search_vector` generated from the same sections, each
  token a lexeme as it is (no parser, no stemming), weighted B (key), A (title), D (body) and C
  (filters), with a GIN index. Ranking: ts_rank with the same weights.

Filters (kind, language, meeting, year, document type, submitter) are tokens of the filters
section (`filter_tokens`), so that the index intersects them with the words: a filtered query
does not read the rows a filter would drop. Each object (kind, key) has one row per language; the
query keeps the best row of each object (a window over the matches) and counts objects, in total
and per kind, in the same statement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from plenary.core.languages import FALLBACK_ORDER

__all__ = [
    "FTS_TABLE",
    "FTS_VIEW",
    "KINDS",
    "PAGE_COLUMNS",
    "VECTOR_COLUMN",
    "Ranked",
    "filter_token",
    "filter_tokens",
    "ranked",
]

FTS_TABLE = "search_entry_fts"
FTS_VIEW = "search_entry_fts_source"
VECTOR_COLUMN = "search_vector"
TABLE = "search_searchentry"
# In the order results list them when nothing else tells them apart.
KINDS = ("meeting", "document", "statement", "paragraph", "state")

# Weights of a query token found in the key (symbol, series, code), the title or the body.
W_KEY, W_TITLE, W_BODY = 8.0, 10.0, 3.0

_VALUE_RE = re.compile(r"[^\w./]|_")


def filter_token(name: str, value: object) -> str:
    """One token of the filters section: "year=2017", "series=bwc/msp/2017", "by=fra".

    Casefolded, with any character that is not a letter, a digit, "/" or "." turned into ".",
    so that the index's tokenizer keeps it whole and a filter value typed by anyone (quotes,
    blanks, operators) is one harmless token."""
    text = _VALUE_RE.sub(".", str(value).casefold())
    return f"{name}={text}"


def filter_tokens(
    *,
    kind: str,
    lang: str,
    series: str = "",
    year: int | None = None,
    doc_type: str = "",
    submitters: Iterable[str] = (),
) -> list[str]:
    """The filters section of an entry: what `ranked(filters=...)` can select it by."""
    tokens = [filter_token("kind", kind), filter_token("lang", lang)]
    if series:
        tokens.append(filter_token("series", series))
    if year is not None:
        tokens.append(filter_token("year", year))
    if doc_type:
        tokens.append(filter_token("type", doc_type))
    tokens += [filter_token("by", code) for code in dict.fromkeys(c for c in submitters if c)]
    return tokens


# ------------------------------------------------------------------------------- the queries


def _clean(text: str) -> str:
    """Text a database accepts as a parameter: no NUL, no lone surrogate."""
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _fts5_string(token: str, prefix: bool = False) -> str:
    return '"' + _clean(token).replace('"', '""') + '"' + ("*" if prefix else "")


def _fts5_query(
    words: Sequence[str], prefix: str | None, compounds: Sequence[str], filters: Sequence[str]
) -> str:
    """Every word (the last one typed by its beginning) and every filter; compounds only rank:
    `(c OR w)` is true whenever w is, and brings c into bm25 where the row holds it."""
    parts = [_fts5_string(t, t == prefix) for t in words]
    parts += [_fts5_string(t) for t in filters]
    if words:
        parts += [f"({_fts5_string(c)} OR {_fts5_string(words[0], words[0] == prefix)})" for c in compounds]
    return " AND ".join(parts)


def _lexeme(token: str, prefix: bool = False) -> str:
    return "'" + _clean(token).replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")


def _tsquery(words: Sequence[str], prefix: str | None, filters: Sequence[str]) -> str:
    return " & ".join([_lexeme(t, t == prefix) for t in words] + [_lexeme(t) for t in filters])


def _tsquery_rank(words: Sequence[str], prefix: str | None, compounds: Sequence[str]) -> str:
    return " | ".join([_lexeme(t, t == prefix) for t in words] + [_lexeme(c) for c in compounds])


def _case(column: str, values: Sequence[str]) -> str:
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {whens} ELSE {len(values)} END"


# The columns of each hit on the page, read in the same statement.
PAGE_COLUMNS = ("kind", "key", "lang", "title", "body", "url", "series", "meeting_start", "meeting_end")


@dataclass(frozen=True)
class Ranked:
    """A page of matching objects: the best row of each, in order, as (entry id, score, and the
    PAGE_COLUMNS), and the count of objects, in total and per kind (the kind filter aside)."""

    total: int
    facets: dict[str, int]
    rows: list[tuple]


def _date(value):
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def ranked(
    words: Sequence[str],
    *,
    prefix: str | None = None,
    compounds: Sequence[str] = (),
    filters: Sequence[str] = (),
    kind: str | None = None,
    reader: str = "en",
    exact: Sequence[str] = (),
    limit: int | None = 20,
    offset: int = 0,
) -> Ranked:
    """The objects whose entries hold every one of `words` (`prefix`, one of them, by its
    beginning) and every one of `filters`, ranked in the database:

    1. an exact match of the object's key (one of `exact`, lower case) first (not statements,
       whose key is an id);
    2. then objects found in the `reader`'s language, before those found only in another;
    3. then those with every word in the title, the shorter title first;
    4. then by score: bm25 (SQLite) or ts_rank (PostgreSQL) over key, title and body with their
       weights; `compounds` add to it;
    5. then the shorter title, then by kind and by key in natural order (`SearchEntry.sort_key`).

    Each object counts once, in its best language: the reader's, else the best scored, else the
    first in the fallback order (English, French ...). `kind` filters after the count per kind,
    so that `facets` gives every kind's count for the same words and other filters. With neither
    words nor filters nothing matches. One statement, whatever the number of matches."""
    if not words and not filters:
        return Ranked(0, dict.fromkeys(KINDS, 0), [])
    vendor = connection.vendor
    params: list = []
    if vendor == "sqlite":
        if words:
            score = f"-bm25({FTS_TABLE}, {W_KEY}, {W_TITLE}, {W_BODY}, 0)"
            in_title = f"e.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
            title_match = " AND ".join(_fts5_string(t, t == prefix) for t in words)
            params.append(f"t : ({title_match})")
        else:
            score, in_title = "0.0", "1 = 0"
        source = f"FROM {FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s"
        match_params = [_fts5_query(words, prefix, compounds, filters)]
    elif vendor == "postgresql":
        if words:
            weights = f"{{{W_BODY / W_TITLE},0,{W_KEY / W_TITLE},1}}"  # D, C, B, A
            score = f"ts_rank('{weights}'::float4[], e.{VECTOR_COLUMN}, %s::tsquery)"
            in_title = f"e.{VECTOR_COLUMN} @@ %s::tsquery"
            title_match = " & ".join(_lexeme(t, t == prefix) + ("A" if t == prefix else ":A") for t in words)
            params += [_tsquery_rank(words, prefix, compounds), title_match]
        else:
            score, in_title = "0.0", "1 = 0"
        source = f"FROM {TABLE} e WHERE e.{VECTOR_COLUMN} @@ %s::tsquery"
        match_params = [_tsquery(words, prefix, filters)]
    else:  # pragma: no cover - Plenary runs on SQLite and PostgreSQL
        raise NotImplementedError(f"no full-text index on {vendor}")
    exact = [_clean(k) for k in exact if k] or [""]
    placeholders = ", ".join(["%s"] * len(exact))
    facets = ", ".join(f"SUM(CASE WHEN kind = '{k}' THEN 1 ELSE 0 END) OVER () AS n_{k}" for k in KINDS)
    counts = ", ".join(f"n_{k}" for k in KINDS)
    # Every word in the title, the shorter title first (the nearer to the words typed); then
    # by score, then the shorter title, then by kind and key.
    order = "{t}exact DESC, {t}reader DESC, {t}in_title DESC, {t}in_title * {t}tlen, {t}score DESC, {t}tlen, {t}sort_key"
    tlen = "length(e.title)" if words else "0"
    page = ""
    if limit:
        page = "LIMIT %s OFFSET %s"
    elif offset:
        page = "LIMIT -1 OFFSET %s" if vendor == "sqlite" else "OFFSET %s"
    sql = f"""
        WITH matched AS (
            SELECT e.id, e.obj, e.kind, e.lang, e.sort_key, {tlen} AS tlen, {score} AS score,
                   CASE WHEN {in_title} THEN 1 ELSE 0 END AS in_title,
                   CASE WHEN e.kind <> 'statement' AND lower(e.key) IN ({placeholders})
                        THEN 1 ELSE 0 END AS exact,
                   CASE WHEN e.lang = %s THEN 1 ELSE 0 END AS reader
            {source}
        ),
        best AS (
            SELECT matched.*, ROW_NUMBER() OVER (
                PARTITION BY obj
                ORDER BY reader DESC, in_title DESC, score DESC, {_case("lang", FALLBACK_ORDER)}
            ) AS choice
            FROM matched
        ),
        counted AS (SELECT best.*, {facets} FROM best WHERE choice = 1),
        page AS (
            SELECT id, score, exact, reader, in_title, tlen, sort_key, COUNT(*) OVER () AS total, {counts}
            FROM counted {"WHERE kind = %s" if kind else ""}
            ORDER BY {order.format(t="")}
            {page}
        )
        SELECT page.id, page.score, page.total, {counts}, {", ".join(f"e.{c}" for c in PAGE_COLUMNS)}
        FROM page JOIN {TABLE} e ON e.id = page.id
        ORDER BY {order.format(t="page.")}
    """
    params = [*params, *exact, reader, *match_params]
    if kind:
        params.append(kind)
    if limit:
        params += [limit, offset]
    elif offset:
        params.append(offset)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if not fetched:
        if offset:  # a page past the end: the counts from the first page
            first = ranked(
                words,
                prefix=prefix,
                compounds=compounds,
                filters=filters,
                kind=kind,
                reader=reader,
                exact=exact,
                limit=1,
                offset=0,
            )
            return Ranked(first.total, first.facets, [])
        return Ranked(0, dict.fromkeys(KINDS, 0), [])
    head = fetched[0]
    n = 3 + len(KINDS)
    return Ranked(
        int(head[2]),
        {k: int(c or 0) for k, c in zip(KINDS, head[3:n], strict=True)},
        [(int(r[0]), float(r[1]), *r[n:-2], _date(r[-2]), _date(r[-1])) for r in fetched],
    )
