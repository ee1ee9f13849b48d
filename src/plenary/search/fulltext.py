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

from plenary.core.languages import FALLBACK_ORDER, UN_LANGUAGES

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


# An entry's id says what the counts and the tiers need without reading the row (index.entry_id):
# bits 0-2 its language, 3-51 a hash of its object, 52-54 its kind, 55-61 the age of its meeting
# (2100 - year), so that id >> 3 is its object, and ascending ids go from the newest meeting.
LANG_BITS, KIND_SHIFT, AGE_SHIFT = 3, 52, 55
# How many matching entries are ranked: the first CAP (newest first) in the reader's language and
# twice as many in any language, or as many as the page needs beyond them. Counts are always
# over every match; when there are more matches than this, the order is that of the newest.
CAP = 200
_NO_CUT = 2**62


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

    1. an exact match of the object's key (one of `exact`, as stored) first (not statements,
       whose key is an id);
    2. then objects found in the `reader`'s language, before those found only in another;
    3. then those with every word in the title, the shorter title first;
    4. then by score: bm25 (SQLite) or ts_rank (PostgreSQL) over key, title and body with their
       weights; `compounds` add to it;
    5. then the shorter title, then by kind and by key in natural order (`SearchEntry.sort_key`).

    Each object counts once, in its best language: the reader's, else the best scored, else the
    first in the fallback order (English, French ...). `kind` filters after the count per kind,
    so that `facets` gives every kind's count for the same words and other filters. With neither
    words nor filters nothing matches. One statement, whatever the number of matches: the counts
    read only the index's ids; the ranking reads the first CAP matches (see CAP), every match
    when `limit` is None."""
    if not words and not filters:
        return Ranked(0, dict.fromkeys(KINDS, 0), [])
    vendor = connection.vendor
    need = _NO_CUT if not limit else max(CAP, offset + limit)
    tier = CAP if not limit else need
    reader_bits = UN_LANGUAGES.index(reader) if reader in UN_LANGUAGES else 7
    kind_cond = f"AND ((id >> {KIND_SHIFT}) & 7) = {KINDS.index(kind)}" if kind in KINDS else ""
    exact = [_clean(k) for k in exact if k] or [""]
    placeholders = ", ".join(["%s"] * len(exact))
    kind_filters = [*filters, filter_token("kind", kind)] if kind else list(filters)
    reader_filters = [*kind_filters, filter_token("lang", reader)]
    # The title section of the tokens (" a b "), for "every word in the title".
    if vendor == "sqlite":
        title = "substr(substr(e.tokens, instr(e.tokens, '|') + 1), 1, instr(substr(e.tokens, instr(e.tokens, '|') + 1), '|') - 1)"
    else:
        title = "split_part(e.tokens, '|', 2)"
    in_title = (
        " AND ".join(f"{'instr' if vendor == 'sqlite' else 'strpos'}({title}, %s) > 0" for _ in words)
        or "1 = 0"
    )
    in_title_params = [f" {w}" if w == prefix else f" {w} " for w in words]

    cte_params: list = []
    if vendor == "sqlite":
        match = f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        cte_params.append(_fts5_query(words, prefix, compounds, filters))
        score = f"-bm25({FTS_TABLE}, {W_KEY}, {W_TITLE}, {W_BODY}, 0)" if words else "0.0"
        # Ranked in the index itself: the first entries in id order, by a range of ids.
        scored = f"""
            SELECT rowid AS id, {score} AS score FROM {FTS_TABLE}
            WHERE {FTS_TABLE} MATCH %s AND rowid < (SELECT any_cut FROM cut)
            UNION ALL
            SELECT rowid AS id, {score} AS score FROM {FTS_TABLE}
            WHERE {FTS_TABLE} MATCH %s AND rowid < (SELECT reader_cut FROM cut)
            UNION ALL
            SELECT id, 0.0 AS score FROM exact_ids"""
        scored_params = [
            _fts5_query(words, prefix, compounds, kind_filters),
            _fts5_query(words, prefix, compounds, reader_filters),
        ]
    elif vendor == "postgresql":
        match = f"SELECT id FROM {TABLE} WHERE {VECTOR_COLUMN} @@ %s::tsquery"
        cte_params.append(_tsquery(words, prefix, filters))
        if words:
            weights = f"{{{W_BODY / W_TITLE},0,{W_KEY / W_TITLE},1}}"  # D, C, B, A
            score = f"ts_rank('{weights}'::float4[], e.{VECTOR_COLUMN}, %s::tsquery)"
            scored_params = [_tsquery_rank(words, prefix, compounds)]
        else:
            score, scored_params = "0.0", []
        scored = f"""
            SELECT e.id, {score} AS score FROM {TABLE} e WHERE e.id IN (
                SELECT id FROM pool, cut WHERE id < any_cut OR ((id & 7) = {reader_bits} AND id < reader_cut)
                UNION SELECT id FROM exact_ids)"""
    else:  # pragma: no cover - Plenary runs on SQLite and PostgreSQL
        raise NotImplementedError(f"no full-text index on {vendor}")
    counts = ", ".join(f"SUM(CASE WHEN k = {i} THEN 1 ELSE 0 END) AS n_{k}" for i, k in enumerate(KINDS))
    order = (
        "{t}capped DESC, {t}exact DESC, {t}reader DESC, {t}in_title DESC, {t}in_title * {t}tlen, {t}score DESC, "
        "{t}tlen, {t}sort_key"
    )
    tlen = "length(e.title)" if words else "0"
    page = ""
    page_params: list = []
    if limit:
        page, page_params = "LIMIT %s OFFSET %s", [limit, offset]
    elif offset:
        page, page_params = ("LIMIT -1 OFFSET %s" if vendor == "sqlite" else "OFFSET %s"), [offset]
    sql = f"""
        WITH m AS MATERIALIZED ({match}),
        objects AS (SELECT id >> {LANG_BITS} AS o, MIN((id >> {KIND_SHIFT}) & 7) AS k FROM m GROUP BY 1),
        counts AS (SELECT COUNT(*) AS n_all, {counts} FROM objects),
        pool AS MATERIALIZED (SELECT id FROM m WHERE 1 = 1 {kind_cond}),
        cut AS (SELECT
            COALESCE((SELECT id FROM pool ORDER BY id LIMIT 1 OFFSET %s), {_NO_CUT}) AS any_cut,
            COALESCE((SELECT id FROM pool WHERE (id & 7) = {reader_bits} ORDER BY id LIMIT 1 OFFSET %s),
                     {_NO_CUT}) AS reader_cut,
            COALESCE((SELECT id FROM pool ORDER BY id LIMIT 1 OFFSET %s), {_NO_CUT}) AS tier_any_cut,
            COALESCE((SELECT id FROM pool WHERE (id & 7) = {reader_bits} ORDER BY id LIMIT 1 OFFSET %s),
                     {_NO_CUT}) AS tier_reader_cut),
        exact_ids AS (
            SELECT e.id FROM {TABLE} e
            WHERE e.kind IN ('meeting', 'document', 'paragraph', 'state') AND e.key IN ({placeholders})
              AND e.id IN (SELECT id FROM pool)),
        scored AS (SELECT id, MAX(score) AS score FROM ({scored}) s GROUP BY id),
        matched AS (
            SELECT e.id, e.lang, e.sort_key, {tlen} AS tlen, s.score,
                   CASE WHEN {in_title} THEN 1 ELSE 0 END AS in_title,
                   CASE WHEN e.id IN (SELECT id FROM exact_ids) THEN 1 ELSE 0 END AS exact,
                   CASE WHEN (e.id & 7) = {reader_bits} THEN 1 ELSE 0 END AS reader,
                   CASE WHEN e.id < cut.tier_any_cut
                          OR ((e.id & 7) = {reader_bits} AND e.id < cut.tier_reader_cut)
                          OR e.id IN (SELECT id FROM exact_ids) THEN 1 ELSE 0 END AS capped
            FROM scored s JOIN {TABLE} e ON e.id = s.id CROSS JOIN cut
        ),
        best AS (
            SELECT matched.*, ROW_NUMBER() OVER (
                PARTITION BY id >> {LANG_BITS}
                ORDER BY capped DESC, reader DESC, in_title DESC, score DESC, {_case("lang", FALLBACK_ORDER)}
            ) AS choice
            FROM matched
        ),
        page AS (
            SELECT id, score, capped, exact, reader, in_title, tlen, sort_key FROM best WHERE choice = 1
            ORDER BY {order.format(t="")}
            {page}
        )
        SELECT page.id, page.score, counts.*, {", ".join(f"e.{c}" for c in PAGE_COLUMNS)}
        FROM counts LEFT JOIN page ON 1 = 1 LEFT JOIN {TABLE} e ON e.id = page.id
        ORDER BY {order.format(t="page.")}
    """
    params = [
        *cte_params,
        min(2 * need, _NO_CUT),
        need,
        # The tiers: whatever is ranked, the newest CAP matches come first, so that a page and
        # the whole list (limit None) agree on the first CAP.
        min(2 * tier, _NO_CUT),
        tier,
        *exact,
        *scored_params,
        *in_title_params,
        *page_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    head = fetched[0]
    n = 3 + len(KINDS)
    total = int(head[2] or 0)
    facets = {k: int(c or 0) for k, c in zip(KINDS, head[3:n], strict=True)}
    if kind:
        total = facets.get(kind, 0)
    rows = [
        (int(r[0]), float(r[1]), *r[n:-2], _date(r[-2]), _date(r[-1])) for r in fetched if r[0] is not None
    ]
    return Ranked(total, facets, rows)
