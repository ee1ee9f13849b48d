"""The index at scale, without timing (figures live in benchmarks/test_search_scale.py): the filler
is deterministic, every kind of query finds what a brute-force reading of the same rows finds,
filters and counts agree with it, and hostile queries give hits or a clear 400, never a 500."""

from __future__ import annotations

from collections import defaultdict

import pytest

from plenary.search.fulltext import KINDS
from plenary.search.models import SearchEntry
from plenary.search.query import QueryError, parse_query, search
from plenary.search.scale import DEFAULT_QUERIES, fill_index, measure

pytestmark = pytest.mark.django_db

ENTRIES = 2500


@pytest.fixture
def filled(db) -> int:
    """An index of ENTRIES synthetic entries only (the demo's entries set aside in this test)."""
    SearchEntry.objects.all().delete()
    return fill_index(ENTRIES, seed=7)


def _snapshot() -> list[tuple]:
    return list(
        SearchEntry.objects.order_by("kind", "key", "lang").values_list(
            "kind",
            "key",
            "lang",
            "title",
            "body",
            "tokens",
            "series",
            "year",
            "doc_type",
            "submitters",
            "obj",
        )
    )


def test_the_filler_is_deterministic_for_a_seed(db):
    SearchEntry.objects.all().delete()
    assert fill_index(800, seed=3) == 800 == SearchEntry.objects.count()
    first = _snapshot()
    SearchEntry.objects.all().delete()
    fill_index(800, seed=3)
    assert _snapshot() == first
    SearchEntry.objects.all().delete()
    fill_index(800, seed=4)
    assert _snapshot() != first
    langs = {row[2] for row in first}
    assert langs == {"ar", "zh", "en", "fr", "ru", "es"}
    assert {row[0] for row in first} == {"document", "paragraph", "statement"}
    # The documents the issue names are there whatever the seed.
    keys = {row[1] for row in first}
    assert {"BWC/MSP/2017/6", "BWC/CONF.IX/PC/1", "BWC/MSP/2017/WP.13"} <= keys


def test_the_filler_refuses_an_index_that_holds_entries(indexed):
    with pytest.raises(ValueError, match="not empty"):
        fill_index(10, seed=1)


# ---------------------------------------------------------------------- brute force


def _brute(q: str, *, kind=None, meeting=None, year=None, doc_type=None, submitter=None, language=None):
    """(total, facets) by reading every row in Python: the objects whose tokens hold every
    required token (the prefix by its beginning) and which pass the filters."""
    pq = parse_query(q)
    objects: dict[str, set] = defaultdict(set)
    for row in SearchEntry.objects.values_list(
        "kind", "key", "lang", "tokens", "series", "year", "doc_type", "submitters"
    ):
        kind_, key, lang, tokens, series, year_, doc_type_, submitters = row
        words = set(" ".join(tokens.split("|")[:3]).split())
        if meeting and series != meeting:
            continue
        if year and year_ != year:
            continue
        if doc_type and doc_type_ != doc_type:
            continue
        if submitter and f" {submitter} " not in submitters:
            continue
        if language and lang != language:
            continue
        if not all(
            t in words or (t == pq.prefix and any(w.startswith(t) for w in words)) for t in pq.required
        ):
            continue
        objects[kind_].add(key)
    facets = {k: len(objects[k]) for k in KINDS}
    return (facets[kind] if kind else sum(facets.values())), facets


CASES = [
    ("cooperation", {}),
    ("voluntary visits", {}),
    ("volunt", {}),  # a prefix
    ("会议", {}),
    ("缔约国会议", {}),
    ("会", {}),
    ("الزيارات الطوعية", {}),
    ("الأسلحة", {"language": "ar"}),
    ("Конвенции", {"kind": "paragraph"}),
    ("BWC/MSP/2017/6", {}),
    ("BWC/CONF.IX/PC/1", {}),
    ("WP.13", {}),
    ("report", {"year": 2017}),
    ("convention", {"kind": "document", "language": "en"}),
    ("", {"meeting": "BWC/CONF.IX/PC"}),
    ("", {"submitter": "CHE"}),
    ("", {"doc_type": "WP", "year": 2010}),
    ("Estados Partes", {"meeting": "BWC/MSP/2017", "language": "es"}),
]


@pytest.mark.parametrize(("q", "filters"), CASES)
def test_counts_and_facets_agree_with_a_brute_force_count(filled, q, filters):
    total, facets = _brute(q, **filters)
    results = search(q, lang="en", limit=0, **filters)
    assert (results.total, results.facets) == (total, facets)
    assert len(results.hits) == total
    assert len({(h.kind, h.key) for h in results.hits}) == total  # each object once


def test_the_brute_force_cases_find_something(filled):
    # So that the agreement above is not the agreement of two empty lists.
    found = [q for q, filters in CASES if search(q, lang="en", **filters).total]
    assert len(found) >= len(CASES) - 2


def test_arabic_variants_find_the_same_objects(filled):
    def found(q: str) -> list:
        return [(h.kind, h.key) for h in search(q, lang="ar", limit=0).hits]

    plain = found("الزيارات الطوعية")
    assert plain
    assert found("الزِّيَارَاتُ الطَّوْعِيَّةُ") == plain  # diacritics
    assert found("الطوعيه الزيارات") == found("الطوعية الزيارات")  # taa marbuta typed as haa
    assert found("إجتماع") == found("اجتماع") != []  # hamza under the alef


def test_symbols_first_and_filters_in_every_language(filled):
    hit = search("BWC/MSP/2017/6", lang="ru").hits[0]
    langs = set(
        SearchEntry.objects.filter(kind="document", key="BWC/MSP/2017/6").values_list("lang", flat=True)
    )
    assert (hit.kind, hit.key, hit.lang) == ("document", "BWC/MSP/2017/6", "ru" if "ru" in langs else "en")
    hit = search("bwc/conf.ix/pc/1", lang="zh").hits[0]
    assert (hit.kind, hit.key) == ("document", "BWC/CONF.IX/PC/1")
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        results = search("", lang=lang, meeting="BWC/MSP/2017", language=lang, limit=0)
        assert results.total and {(h.series, h.lang) for h in results.hits} == {("BWC/MSP/2017", lang)}


def test_a_chinese_bigram_is_in_every_hit(filled):
    hits = search("会议", lang="zh", limit=0).hits
    assert hits and all(h.lang == "zh" for h in hits)
    assert all("会议" in h.snippet.replace("<mark>", "").replace("</mark>", "") for h in hits)


def test_measure_gives_p50_and_p95_per_kind(filled):
    figures = measure({"word": [{"q": "cooperation", "lang": "en"}]}, repeat=3, warmup=0)
    assert list(figures) == ["word"]
    p50, p95 = figures["word"]
    assert 0 < p50 <= p95
    assert set(DEFAULT_QUERIES) == {"word", "cjk", "arabic", "symbol", "filtered"}


# ------------------------------------------------------------------------ hostile input

HOSTILE = [
    '"',
    '""',
    "'",
    "a\"b'c",
    "NEAR(a b)",
    "voluntary NEAR visits",
    "a AND b OR NOT c",
    "AND",
    "*",
    "volunt*",
    "^visits",
    "t : visits",
    "{k t} : bwc",
    "col:wp",
    "'x':*A & !y",
    "x | y & !z <-> w",
    "\\",
    "a\x00b",
    "\x00",
    "\ud800",
    "bwc\udfff/msp",
    "()",
    "(((((",
    "-visits",
    "+visits",
    "kind=state",
    "lang=en year=2017",
    "% _ %%",
    "BWC/MSP/2017/6\x00",
    "会议\ud83d",
    "\u202e\u200f",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_give_results_never_an_error(indexed, q):
    results = search(q, lang="en", year=2017, meeting=q, submitter=q)  # filters hostile too
    assert results.total >= 0
    results = search(q, lang="ar")
    assert results.total == len(results.hits) or len(results.hits) == 20


def test_filter_tokens_typed_as_words_match_only_as_words(indexed):
    # "kind=state" is split into words by the tokenizer: it never reaches the filters section.
    assert parse_query("kind=state").required == ("kind", "state")


def test_a_query_too_long_is_refused_clearly(indexed):
    with pytest.raises(QueryError, match="longer than 500"):
        search("a" * 501, lang="en")
    with pytest.raises(QueryError, match="more than 32 words"):
        search(" ".join(f"w{i}" for i in range(33)), lang="en")


@pytest.mark.parametrize("q", [*HOSTILE, "x" * 5000, " ".join(["visits"] * 40)])
def test_hostile_queries_through_the_api_and_the_page(client, indexed, q):
    q = q.encode("utf-8", "surrogatepass").decode("utf-8", "replace")  # what a URL can carry
    api = client.get("/api/search", {"q": q, "meeting": q, "type": q, "submitter": q})
    assert api.status_code in (200, 400)
    if api.status_code == 400:
        assert api.json()["detail"].startswith("the query ")
    page = client.get("/search/", {"q": q, "meeting": q, "submitter": q})
    assert page.status_code in (200, 400)
