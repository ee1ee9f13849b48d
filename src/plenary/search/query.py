"""Search the index: match, rank, filter, count and page in the database; highlight the page.

Matching: every query token must be among the entry's tokens, looked up in the database's
full-text index (plenary.search.fulltext: FTS5 on SQLite, a tsvector on PostgreSQL); the last
word typed matches by its beginning; one CJK character is a token of its own beside the bigrams.
The database ranks the matches:

1. an exact match of the object's key (the symbol or series typed in full) comes first;
2. then hits in the reader's language, before hits found only in another language;
3. then by score (bm25 on SQLite, ts_rank on PostgreSQL): a token found in the title weighs
   more than one found in the key, which weighs more than one found in the body; compound
   tokens (WP.13, the whole symbol) found whole add to it;
4. then by kind and by key in natural order.

Each object (document, meeting, statement, State) is one hit, in the best of its languages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from plenary.documents.models import Document
from plenary.documents.symbols import SymbolError, parse
from plenary.search import fulltext
from plenary.search.tokenize import Span, find_spans, is_cjk, normalize, tokenize

__all__ = [
    "Hit",
    "ParsedQuery",
    "QueryError",
    "Results",
    "clean_query",
    "highlight",
    "parse_query",
    "search",
    "symbol_target",
]


@dataclass(frozen=True)
class Hit:
    kind: str
    key: str
    title: str
    snippet: str  # safe HTML: the title, and a passage of the body when it matched, with <mark>
    url: str  # public page path without language prefix
    lang: str  # the language of title and snippet
    score: float
    # The meeting the object belongs to (its series) and the meeting's dates: every hit but a
    # State's shows them.
    series: str = ""
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class Results:
    total: int
    hits: list[Hit]
    # The count of objects per kind for the same words and filters, the kind filter aside.
    facets: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the query normalized (as the index sees text)
    required: tuple[str, ...]  # every one must match
    compounds: tuple[str, ...]  # symbols and other chains: they rank, the parts match
    prefix: str | None  # the last word, still being typed: matches the beginning of a word

    @property
    def highlight_tokens(self) -> list[str]:
        return [*self.required, *self.compounds]


def _chain_parts(chain: str) -> set[str]:
    """The tokens a chain (bwc/msp/2017/wp.13) brings with it in the index: its words and its
    "/"-elements that hold a "." (wp.13)."""
    return set(re.split(r"[/.]", chain)) | {el for el in chain.split("/") if "." in el and el != chain}


def parse_query(q: str, *, whole_symbols: bool = True) -> ParsedQuery:
    """Tokenize the query as the index was tokenized, and say how each token matches.

    A symbol or series typed (BWC/MSP/2017/6, WP.13) matches as one token, the chain, that the
    index holds for the document's symbol and for each of its "/"-beginnings (its series, the
    documents under it); its words are then implied. With `whole_symbols` false the chain only
    ranks and its words match one by one (what a chain the index does not hold falls back to)."""
    raw_tokens = tokenize(q)
    tokens = list(dict.fromkeys(raw_tokens))
    if whole_symbols:
        chains = [t for t in tokens if "/" in t]
        covered: set[str] = set().union(*(_chain_parts(c) for c in chains))
        dotted = [t for t in tokens if "." in t and "/" not in t and t not in covered]
        covered |= set().union(*(_chain_parts(d) for d in dotted))
        required = tuple(
            t for t in tokens if t in chains or t in dotted or ("." not in t and t not in covered)
        )
        compounds: tuple[str, ...] = ()
    else:
        required = tuple(t for t in tokens if "/" not in t and "." not in t)
        compounds = tuple(t for t in tokens if t not in required)
    prefix = None
    # The last word typed (no blank after it) may be unfinished: "volunt" should find "voluntary".
    # Only words of letters: a number, a symbol or a CJK bigram is complete as typed.
    if required and q == q.rstrip() and raw_tokens and raw_tokens[-1] == required[-1]:
        last = required[-1]
        if len(last) >= 2 and last.isalpha() and not is_cjk(last[0]):
            prefix = last
    return ParsedQuery(normalize(q).strip(), required, compounds, prefix)


def _symbol_key(q: str) -> str | None:
    """The query as a normalized symbol or series, when it parses as one."""
    if "/" not in q:
        return None
    try:
        return str(parse(q))
    except (SymbolError, ValueError):
        return None


def _mark(text: str, spans: list[Span]) -> str:
    out, pos = [], 0
    for span in spans:
        out.append(escape(text[pos : span.start]))
        out.append(f"<mark>{escape(text[span.start : span.end])}</mark>")
        pos = span.end
    out.append(escape(text[pos:]))
    return "".join(out)


def _excerpt(text: str, spans: list[Span], *, before: int = 60, after: int = 140) -> str:
    """A passage of `text` around its first match, cut at blanks where it can be."""
    first = spans[0]
    start = max(0, first.start - before)
    if start > 0:
        blank = text.find(" ", start, first.start)
        start = blank + 1 if blank != -1 else start
    end = min(len(text), first.end + after)
    if end < len(text):
        blank = text.rfind(" ", first.end, end)
        end = blank if blank != -1 else end
    inside = [Span(s.start - start, s.end - start) for s in spans if s.start >= start and s.end <= end]
    return ("…" if start > 0 else "") + _mark(text[start:end], inside) + ("…" if end < len(text) else "")


def highlight(title: str, body: str, pq: ParsedQuery) -> SafeString:
    """The title with its matches in <mark>, then the body's first matching passage, if any.

    Everything but the <mark> and <span> tags is escaped."""
    prefix = frozenset([pq.prefix]) if pq.prefix else frozenset()
    tokens = pq.highlight_tokens
    html = _mark(title, find_spans(title, tokens, prefix=prefix))
    body_spans = find_spans(body, tokens, prefix=prefix) if body else []
    if body_spans:
        html += f'<span class="search-excerpt"> — {_excerpt(body, body_spans)}</span>'
    return mark_safe(html)  # noqa: S308 - built from escaped pieces above


class QueryError(ValueError):
    """A query the index will not run (too long): the API answers 400."""


MAX_QUERY_CHARS = 500
MAX_QUERY_TOKENS = 32


def clean_query(q: str) -> str:
    """The query as a database takes it: no NUL and no lone surrogate (a form or a URL may carry
    both), blanks at the ends kept (a blank after the last word says it is complete)."""
    return (q or "").replace("\x00", " ").encode("utf-8", "replace").decode("utf-8")


def search(
    q: str,
    *,
    lang: str,
    kind: str | None = None,
    meeting: str | None = None,
    year: int | None = None,
    doc_type: str | None = None,
    submitter: str | None = None,
    limit: int = 20,
    offset: int = 0,
    language: str | None = None,
) -> Results:
    """Search the index for `q`, for a reader of `lang` (a UN code: ar zh en fr ru es).

    Filters: `kind` (document, meeting, statement, paragraph, state), `meeting` (a series), `year`,
    `doc_type` (WP, INF ...), `submitter` (alpha-3 or organization code: documents it submitted
    or co-sponsored, statements it made), `language` (only text in that language). With no
    query words, the filters alone select (an empty query without filters finds nothing).
    `total` counts objects, not languages; `facets` counts them per kind (whatever `kind`);
    `hits` is the page [offset, offset + limit) (`limit` 0: all from `offset`).

    Matching, ranking, filtering, counting and paging run in one SQL statement over the
    database's full-text index (plenary.search.fulltext); only the page's rows are read and
    highlighted here. Raises QueryError for a query over MAX_QUERY_CHARS characters or with
    more than MAX_QUERY_TOKENS words."""
    q = clean_query(q)
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    pq = parse_query(q)
    if len(pq.required) + len(pq.compounds) > MAX_QUERY_TOKENS:
        raise QueryError(f"the query has more than {MAX_QUERY_TOKENS} words")
    filters = []
    if meeting:
        filters.append(fulltext.filter_token("series", clean_query(meeting).strip()))
    if year:
        filters.append(fulltext.filter_token("year", year))
    if doc_type:
        filters.append(fulltext.filter_token("type", clean_query(doc_type).strip()))
    if submitter:
        filters.append(fulltext.filter_token("by", clean_query(submitter).strip()))
    if language:
        filters.append(fulltext.filter_token("lang", clean_query(language).strip()))
    if not pq.required and not filters and not kind:
        return Results(0, [])
    if kind and not pq.required and not filters:
        filters.append(fulltext.filter_token("kind", kind))
    typed = q.strip()
    exact_keys = [k for k in dict.fromkeys((typed, typed.upper(), _symbol_key(typed) or "")) if k]

    def run(pq: ParsedQuery) -> fulltext.Ranked:
        return fulltext.ranked(
            pq.required,
            prefix=pq.prefix,
            compounds=pq.compounds,
            filters=filters,
            kind=kind,
            reader=lang,
            exact=exact_keys,
            limit=limit or None,
            offset=offset,
        )

    found = run(pq)
    if not found.total and any("/" in t or "." in t for t in pq.required):
        # A chain the index does not hold whole (MSP/2017, a symbol's middle): by its words.
        pq = parse_query(q, whole_symbols=False)
        found = run(pq)
    hits = [
        Hit(
            kind_,
            key,
            title,
            highlight(title, body, pq),
            url,
            entry_lang,
            round(score, 3),
            series,
            start,
            end,
        )
        for _, score, kind_, key, entry_lang, title, body, url, series, start, end in found.rows
    ]
    return Results(found.total, hits, found.facets)


def symbol_target(q: str) -> str | None:
    """The page of the document whose symbol `q` is (in any spelling the symbol parser
    normalizes: "bwc/msp/2017/wp.13"), when that document is recorded; else None."""
    symbol = _symbol_key(clean_query(q).strip())
    if symbol is None or not Document.objects.filter(symbol=symbol).exists():
        return None
    return f"/documents/{symbol}"
