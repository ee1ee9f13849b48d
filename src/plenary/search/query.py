"""Search the index: match in the database, rank in Python, highlight the page of hits.

Matching: every required query token must be among the entry's tokens, looked up in the
database's full-text index (plenary.search.fulltext: FTS5 on SQLite, a tsvector on PostgreSQL);
the last word typed matches by its beginning, and a single CJK character, which only a substring
finds inside bigrams, by substring. The candidates are then ranked here:

1. an exact match of the object's key (the symbol or series typed in full) comes first;
2. then hits in the reader's language, before hits found only in another language;
3. then by score: a token found in the title weighs more than one found in the key, which
   weighs more than one found in the body; the query as a phrase in the title, and compound
   tokens (WP.13) found whole, add to it.

Each object (document, meeting, statement, State) is one hit, in the best of its languages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from plenary.core.languages import FALLBACK_ORDER
from plenary.documents.models import Document
from plenary.documents.symbols import SymbolError, parse
from plenary.search import fulltext
from plenary.search.index import split_tokens
from plenary.search.models import SearchEntry
from plenary.search.tokenize import Span, cjk_single, find_spans, is_cjk, normalize, tokenize

__all__ = ["Hit", "ParsedQuery", "Results", "highlight", "parse_query", "search", "symbol_target"]

KIND_ORDER = {"meeting": 0, "document": 1, "statement": 2, "paragraph": 3, "state": 4}

# Weights of a query token found in the title, the key (symbol, series, code) or the body.
W_TITLE, W_KEY, W_BODY = 10.0, 8.0, 3.0
W_PREFIX = 0.8  # a word found by its beginning only (search as you type) counts a little less
W_COMPOUND = 20.0  # "WP.13" or "BWC/MSP/2017/WP.13" found whole
W_PHRASE = 15.0  # the query as typed, found in the title
W_ALL_IN_TITLE = 5.0


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


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # the query normalized (as the index sees text)
    required: tuple[str, ...]  # every one must match
    compounds: tuple[str, ...]  # symbols and other chains: they rank, the parts match
    prefix: str | None  # the last word, still being typed: matches the beginning of a word

    @property
    def highlight_tokens(self) -> list[str]:
        return [*self.required, *self.compounds]


def parse_query(q: str) -> ParsedQuery:
    """Tokenize the query as the index was tokenized, and say how each token matches."""
    tokens = list(dict.fromkeys(tokenize(q)))
    required = tuple(t for t in tokens if "/" not in t and "." not in t)
    compounds = tuple(t for t in tokens if t not in required)
    prefix = None
    # The last word typed (no blank after it) may be unfinished: "volunt" should find "voluntary".
    # Only words of letters: a number or a CJK bigram is complete as typed.
    raw_tokens = tokenize(q)
    if required and q == q.rstrip() and raw_tokens and raw_tokens[-1] == required[-1]:
        last = required[-1]
        if len(last) >= 2 and last.isalpha() and not is_cjk(last[0]):
            prefix = last
    return ParsedQuery(normalize(q).strip(), required, compounds, prefix)


def _single_cjk_q(tok: str) -> Q:
    """One CJK character: inside any bigram, first or second, or as a unigram."""
    return Q(tokens__contains=f" {tok}") | Q(tokens__contains=f"{tok} ")


def _matches(tok: str, tokens: Iterable[str], pq: ParsedQuery) -> float:
    """How well `tok` is found among `tokens`: 1 whole, W_PREFIX by its beginning, 0 not."""
    tokens = tokens if isinstance(tokens, set | frozenset) else set(tokens)
    if tok in tokens:
        return 1.0
    if cjk_single(tok):
        return 1.0 if any(tok in t for t in tokens if is_cjk(t[0])) else 0.0
    if tok == pq.prefix and any(t.startswith(tok) for t in tokens):
        return W_PREFIX
    return 0.0


def _symbol_key(q: str) -> str | None:
    """The query as a normalized symbol or series, when it parses as one."""
    if "/" not in q:
        return None
    try:
        return str(parse(q))
    except (SymbolError, ValueError):
        return None


def _natural(key: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", key))


@dataclass
class _Scored:
    kind: str
    key: str
    lang: str
    title: str
    body: str
    url: str
    exact: bool
    reader: bool
    score: float
    series: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    def order(self) -> tuple:
        return (
            not self.exact,
            not self.reader,
            -self.score,
            KIND_ORDER.get(self.kind, 9),
            _natural(self.key),
        )


def _score(row: tuple, pq: ParsedQuery, exact_keys: set[str], lang: str) -> _Scored:
    kind, key, entry_lang, title, body, tokens, url, series, start, end = row
    key_tokens, title_tokens, body_tokens = split_tokens(tokens)
    entry_tokens = key_tokens | title_tokens | body_tokens
    score = 0.0
    in_title = 0
    for tok in pq.required:
        t = _matches(tok, title_tokens, pq)
        if t:
            score += W_TITLE * t
            in_title += 1
            continue
        k = _matches(tok, key_tokens, pq)
        score += W_KEY * k if k else W_BODY * _matches(tok, entry_tokens, pq)
    if pq.required and in_title == len(pq.required):
        score += W_ALL_IN_TITLE
    score += W_COMPOUND * sum(1 for c in pq.compounds if c in entry_tokens)
    # The words as typed, together in the title (normalizing the title costs: only when it can).
    if len(pq.required) > 1 and in_title == len(pq.required) and pq.text in normalize(title):
        score += W_PHRASE
    if pq.required:
        score -= len(title) / 10000  # between equals, the shorter (more specific) title first
    exact = kind != SearchEntry.Kind.STATEMENT and key.casefold() in exact_keys  # a statement's key is an id
    return _Scored(
        kind, key, entry_lang, title, body, url, exact, entry_lang == lang, score, series, start, end
    )


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
    `total` counts objects, not languages; `hits` is the page [offset, offset + limit)."""
    pq = parse_query(q or "")
    filters = Q()
    if kind:
        filters &= Q(kind=kind)
    if meeting:
        filters &= Q(series=meeting)
    if year:
        filters &= Q(year=year)
    if doc_type:
        filters &= Q(doc_type=doc_type.upper())
    if submitter:
        filters &= Q(submitters__contains=f" {submitter.strip().upper()} ")
    if language:
        filters &= Q(lang=language)
    if not pq.required and not filters:
        return Results(0, [])
    # One CJK character matches inside bigrams, which a full-text index cannot look up: those
    # go by substring; every other token through the database's full-text index.
    indexed = [tok for tok in pq.required if not cjk_single(tok)]
    for tok in pq.required:
        if cjk_single(tok):
            filters &= _single_cjk_q(tok)
    entries = fulltext.matching(SearchEntry.objects.filter(filters), indexed, prefix=pq.prefix)
    rows = entries.values_list(
        "kind", "key", "lang", "title", "body", "tokens", "url", "series", "meeting_start", "meeting_end"
    )
    exact_keys = {k.casefold() for k in (q.strip(), _symbol_key(q)) if k}
    best: dict[tuple[str, str], _Scored] = {}
    for row in rows.iterator(chunk_size=2000):
        scored = _score(row, pq, exact_keys, lang)
        ident = (scored.kind, scored.key)
        held = best.get(ident)
        if held is None or _better(scored, held):
            best[ident] = scored
    ranked = sorted(best.values(), key=_Scored.order)
    page = ranked[offset : offset + limit] if limit else ranked[offset:]
    hits = [
        Hit(
            s.kind,
            s.key,
            s.title,
            highlight(s.title, s.body, pq),
            s.url,
            s.lang,
            round(s.score, 3),
            s.series,
            s.start,
            s.end,
        )
        for s in page
    ]
    return Results(len(ranked), hits)


def _better(a: _Scored, b: _Scored) -> bool:
    """Which language of one object to show: the reader's, else the best scored, else the
    first in the fallback order (English, French ...)."""
    if a.reader != b.reader:
        return a.reader
    if a.score != b.score:
        return a.score > b.score
    rank = {code: i for i, code in enumerate(FALLBACK_ORDER)}
    return rank.get(a.lang, 99) < rank.get(b.lang, 99)


def symbol_target(q: str) -> str | None:
    """The page of the document whose symbol `q` is (in any spelling the symbol parser
    normalizes: "bwc/msp/2017/wp.13"), when that document is recorded; else None."""
    symbol = _symbol_key((q or "").strip())
    if symbol is None or not Document.objects.filter(symbol=symbol).exists():
        return None
    return f"/documents/{symbol}"
