"""The search index at scale: a deterministic filler and the measurement `make bench` reports.

`fill_index(n, seed)` writes `n` index entries (documents, report paragraphs, statements and
meetings, in the six languages) straight into an empty index, through the index's own entry
builder, so that their tokens, filters and full-text rows are exactly what `rebuild_index` would
write for such records. Its text is the project's own: the paragraphs and document titles of the
2017 report in six languages (records/data/bwc_msp_2017_texts.yaml) and the States' names
(treaties/data/state_names.csv), recombined under synthetic symbols, meetings and years
1975-2026. The index is derived data: nothing else is written, and a `rebuild_index` afterwards
replaces it by the records' own index.

`measure(queries, repeat)` runs `plenary.search.query.search` (the function the search page and
/api/search call) for each kind of query and gives its p50 and p95 in milliseconds.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path

from django.db import connection, transaction

from plenary.core.jsondata import read_data_file
from plenary.core.languages import UN_LANGUAGES
from plenary.search.index import _entry, write_entries
from plenary.search.models import SearchEntry
from plenary.treaties.reference import read_table

__all__ = ["DEFAULT_QUERIES", "SCALE_ENTRIES", "fill_index", "measure"]

PACKAGE = Path(__file__).resolve().parents[1]
TEXTS = PACKAGE / "records" / "data" / "bwc_msp_2017_texts.yaml"
STATE_NAMES = PACKAGE / "treaties" / "data" / "state_names.csv"
SCALE_ENTRIES = 100_000
YEARS = range(1975, 2027)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
DOC_TYPES = ("", "WP", "INF", "CRP", "MISC")
PARAGRAPH_LABEL = {
    "ar": "الفقرة {n}",
    "zh": "第{n}段",
    "en": "para. {n}",
    "fr": "par. {n}",
    "ru": "п. {n}",
    "es": "párr. {n}",
}
_SEP = {"zh": "，", "ar": "، "}
_LIST_SEP = {"zh": "、", "ar": "، "}

# What `measure` runs by default: each kind of query the issue names, in the six languages.
# A query is the keyword arguments of `search` besides `lang` (given by "lang").
DEFAULT_QUERIES: dict[str, list[dict]] = {
    "word": [
        {"q": "voluntary visits", "lang": "en"},
        {"q": "biological weapons convention", "lang": "en"},
        {"q": "confidence", "lang": "en"},
        {"q": "coopération internationale", "lang": "fr"},
        {"q": "Estados Partes", "lang": "es"},
        {"q": "Конвенции", "lang": "ru"},
        {"q": "volunt", "lang": "en"},  # as typed: a prefix
        {"q": "universalization", "lang": "en"},
    ],
    "cjk": [
        {"q": "会议", "lang": "zh"},
        {"q": "缔约国", "lang": "zh"},
        {"q": "公约", "lang": "zh"},
        {"q": "两字", "lang": "zh"},
        {"q": "会", "lang": "zh"},
        {"q": "生物武器", "lang": "zh"},
    ],
    "arabic": [
        {"q": "الزيارات الطوعية", "lang": "ar"},
        {"q": "الزِّيَارَاتُ", "lang": "ar"},  # with diacritics
        {"q": "تقرير إجتماع", "lang": "ar"},  # hamza typed on the alef
        {"q": "اتفاقيه", "lang": "ar"},  # taa marbuta typed as haa
        {"q": "الأسلحة البيولوجية", "lang": "ar"},
    ],
    "symbol": [
        {"q": "BWC/MSP/2017/6", "lang": "en"},
        {"q": "BWC/CONF.IX/PC/1", "lang": "en"},
        {"q": "bwc/msp/2017/wp.13", "lang": "fr"},
        {"q": "WP.13", "lang": "en"},
        {"q": "BWC/MSP/2017", "lang": "en"},
    ],
    "filtered": [
        {"q": "report", "lang": "en", "year": 2017},
        {"q": "会议", "lang": "zh", "meeting": "BWC/MSP/2017"},
        {"q": "convention", "lang": "en", "kind": "document", "language": "en"},
        {"q": "", "lang": "en", "submitter": "CHE", "doc_type": "WP"},
        {"q": "", "lang": "fr", "meeting": "BWC/CONF.IX/PC"},
        {"q": "الدول", "lang": "ar", "kind": "paragraph", "year": 2001},
    ],
}


# ------------------------------------------------------------------------------------ the text


@cache
def _corpus() -> tuple[list[dict[str, str]], list[dict[str, str]], list[tuple[str, dict[str, str]]]]:
    """(paragraphs, document titles, States): each text in the six languages."""
    data = read_data_file(TEXTS)
    paragraphs = [
        {lang: str(p[lang]) for lang in UN_LANGUAGES if p.get(lang)}
        for p in data["paragraphs"]
        if all(p.get(lang) for lang in UN_LANGUAGES)
    ]
    titles = [
        {lang: str(d["title"][lang]) for lang in UN_LANGUAGES}
        for d in data["documents"]
        if all((d.get("title") or {}).get(lang) for lang in UN_LANGUAGES)
    ]
    names: dict[str, dict[str, str]] = defaultdict(dict)
    problems: list[str] = []
    table = read_table(STATE_NAMES, ("alpha3", "lang", "name", "valid_to"), problems)
    if problems:
        raise ValueError("; ".join(problems))
    for _line, row in table.rows:
        if not row["valid_to"]:  # the name in force now
            names[row["alpha3"]][row["lang"]] = row["name"]
    states = sorted((code, n) for code, n in names.items() if all(lang in n for lang in UN_LANGUAGES))
    return paragraphs, titles, states


def _series() -> list[tuple[str, int]]:
    """The synthetic meetings (series, year): a Meeting of States Parties each year, Meetings of
    Experts after 2002, Review Conferences and their Preparatory Committees every five years."""
    out: list[tuple[str, int]] = []
    for year in YEARS:
        out.append((f"BWC/MSP/{year}", year))
        if year >= 2003:
            out += [(f"BWC/MSP/{year}/MX.{k}", year) for k in range(1, 6 if year >= 2018 else 2)]
        if year >= 1980 and (year - 1980) % 5 == 1 and (year - 1980) // 5 < len(ROMAN):
            number = ROMAN[(year - 1980) // 5]
            out += [(f"BWC/CONF.{number}/PC", year), (f"BWC/CONF.{number}", year)]
    return out


def _objects(n: int, rng: random.Random) -> Iterator[SearchEntry]:
    """Index entries, object by object, until `n` are made."""
    paragraphs, titles, states = _corpus()
    series = _series()
    made = 0
    counters: dict[tuple[str, str], int] = defaultdict(int)
    statement = 0

    def languages() -> Sequence[str]:
        # Most UN documents are issued in the six languages; working papers often in one or two.
        roll = rng.random()
        if roll < 0.7:
            return UN_LANGUAGES
        if roll < 0.85:
            return ("en",)
        return ("en", rng.choice(("fr", "es", "ru")))

    # The documents the issue names come first, so that any n holds them.
    fixed = [("BWC/MSP/2017", 2017, "", 6), ("BWC/CONF.IX/PC", 2021, "", 1), ("BWC/MSP/2017", 2017, "WP", 13)]
    while made < n:
        if fixed:
            meeting, year, doc_type, number = fixed.pop(0)
            counters[(meeting, doc_type)] = max(counters[(meeting, doc_type)], number)
            kind = "document"
        else:
            meeting, year = rng.choice(series)
            roll = rng.random()
            kind = "document" if roll < 0.55 else "paragraph" if roll < 0.85 else "statement"
            doc_type = rng.choice(DOC_TYPES)
            counters[(meeting, doc_type)] += 1
            number = counters[(meeting, doc_type)]
        columns = {"series": meeting, "year": year}
        if kind == "document":
            symbol = f"{meeting}/{doc_type}.{number}" if doc_type else f"{meeting}/{number}"
            title = rng.choice(titles)
            text = rng.choice(paragraphs)
            sponsors = rng.sample(states, rng.randint(0, 4))
            columns |= {
                "doc_type": doc_type,
                "submitters": f" {' '.join(c for c, _ in sponsors)} " if sponsors else "",
                "url": f"/documents/{symbol}",
            }
            for lang in languages():
                listed = _LIST_SEP.get(lang, ", ").join(names[lang] for _, names in sponsors)
                body = f"{listed}; {text[lang]}" if listed else text[lang]
                yield _entry(
                    "document", symbol, lang, title[lang], body, key_text=f"{symbol} {meeting}", **columns
                )
                made += 1
        elif kind == "paragraph":
            # A paragraph of the meeting's report (its document 6, as BWC/MSP/2017/6).
            symbol = f"{meeting}/6"
            counters[(meeting, "#")] += 1
            para = counters[(meeting, "#")]
            chosen = [rng.choice(paragraphs) for _ in range(rng.randint(1, 2))]
            for lang in UN_LANGUAGES:
                place = PARAGRAPH_LABEL[lang].format(n=para)
                yield _entry(
                    "paragraph",
                    f"{symbol}#{para}",
                    lang,
                    f"{symbol}{_SEP.get(lang, ', ')}{place}",
                    " ".join(p[lang] for p in chosen),
                    key_text=symbol,
                    title_text="",
                    url=f"/documents/{symbol}/read/{lang}.html#para-{para}",
                    **columns,
                )
                made += 1
        else:
            statement += 1
            code, names = rng.choice(states)
            chosen_text = rng.choice(paragraphs)
            columns |= {"submitters": f" {code} ", "url": f"/meetings/{meeting}/#statement-{statement}"}
            for lang in UN_LANGUAGES:
                yield _entry(
                    "statement",
                    f"s{statement}",
                    lang,
                    names[lang],
                    f"{meeting}; {chosen_text[lang]}",
                    **columns,
                )
                made += 1


def fill_index(n: int = SCALE_ENTRIES, seed: int = 2017, *, say: Callable[[str], None] | None = None) -> int:
    """Write `n` synthetic index entries (exactly; the last object may have fewer languages),
    the same ones for the same `n` and `seed`, into an empty index; return `n`.

    Refuses (ValueError) an index that holds entries already: the filler is for a database made
    for measuring, and never mixes its entries with a real index."""
    if n < 0:
        raise ValueError("n must be 0 or more")
    if SearchEntry.objects.exists():
        raise ValueError("the search index is not empty: fill_index writes only into an empty one")
    say = say or (lambda message: None)
    rng = random.Random(seed)
    written = 0
    with transaction.atomic():
        entries = _objects(n, rng)
        while written < n:
            batch = [e for _, e in zip(range(min(5000, n - written)), entries, strict=False)]
            if not batch:
                break
            written += write_entries(batch)
            say(f"search index: {written} of {n} entries")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return written


# -------------------------------------------------------------------------------- measuring


def _percentile(sorted_ms: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) by nearest rank."""
    if not sorted_ms:
        return 0.0
    rank = max(1, min(len(sorted_ms), round(p / 100 * len(sorted_ms) + 0.5)))
    return sorted_ms[rank - 1]


def measure(
    queries: Mapping[str, Sequence[Mapping]] | None = None, repeat: int = 20, *, warmup: int = 1
) -> dict[str, tuple[float, float]]:
    """{kind of query: (p50 ms, p95 ms)} of `search` (matching, ranking, counts and the first
    page of 20 hits highlighted), each query of the kind run `repeat` times after `warmup`
    unmeasured runs. `queries` defaults to DEFAULT_QUERIES: words, CJK bigrams, Arabic words,
    symbols and filtered queries."""
    from plenary.search.query import search

    queries = DEFAULT_QUERIES if queries is None else queries
    figures: dict[str, tuple[float, float]] = {}
    for kind, group in queries.items():
        times: list[float] = []
        for query in group:
            args = dict(query)
            lang = args.pop("lang", "en")
            q = args.pop("q", "")
            for i in range(warmup + repeat):
                started = time.perf_counter()
                search(q, lang=lang, **args)
                if i >= warmup:
                    times.append((time.perf_counter() - started) * 1000)
        times.sort()
        figures[kind] = (round(statistics.median(times), 2), round(_percentile(times, 95), 2))
    return figures
