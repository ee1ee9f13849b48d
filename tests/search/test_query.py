"""Search over the demo data (the 2017 Meeting of States Parties, meetings 2016-2022, States)."""

from __future__ import annotations

import pytest

from plenary.documents.models import Document, Sponsorship
from plenary.search.query import highlight, parse_query, search, symbol_target

pytestmark = pytest.mark.usefixtures("indexed")


def keys(results):
    return [(h.kind, h.key, h.lang) for h in results.hits]


def test_a_two_character_chinese_word_finds_the_titles_that_contain_it():
    results = search("会议", lang="zh")
    assert keys(results) == [
        ("document", "BWC/MSP/2017/6", "zh"),
        ("document", "BWC/MSP/2017/CRP.2", "zh"),
        ("document", "BWC/MSP/2017/5", "zh"),
        ("meeting", "BWC/MSP/2017", "zh"),
    ]
    assert results.total == 4
    first = results.hits[0]
    assert (first.title, first.snippet, first.url) == (
        "缔约国会议的报告",
        "缔约国<mark>会议</mark>的报告",
        "/documents/BWC/MSP/2017/6",
    )


def test_other_language_hits_still_show_for_a_reader_of_another_language():
    assert keys(search("会议", lang="en")) == keys(search("会议", lang="zh"))


def test_gongyue_finds_every_document_whose_chinese_title_holds_it():
    results = search("公约", lang="zh", kind="document", limit=100)
    expected = sorted(d.symbol for d in Document.objects.all() if "公约" in d.title.get("zh", ""))
    assert len(expected) == 15
    assert sorted(h.key for h in results.hits) == expected
    assert results.total == 15
    assert {h.lang for h in results.hits} == {"zh"}
    # The meeting's Chinese title, a statement "on behalf of" the NAM, and the Chinese topics of the
    # Meetings of Experts on science and technology and on institutional strengthening (MX2 and
    # MX5, 2018-2020) hold it too.
    assert search("公约", lang="zh").total == 23


def test_one_chinese_character_matches_inside_bigrams():
    assert ("document", "BWC/MSP/2017/6", "zh") in keys(search("会", lang="zh", limit=100))


def test_an_arabic_word_from_a_title_finds_it_with_or_without_diacritics():
    expected = [("document", "BWC/MSP/2017/WP.13", "ar"), ("document", "BWC/MSP/2017/WP.13/Corr.1", "ar")]
    assert keys(search("الزيارات الطوعية", lang="ar")) == expected
    assert keys(search("الزِّيَارَاتُ", lang="ar")) == expected
    assert search("الزيارات", lang="ar").hits[0].snippet == (
        "<mark>الزيارات</mark> الطوعية: سبيل لتحسين التعاون في إطار اتفاقية الأسلحة البيولوجية والتكسينية"
    )


def test_an_arabic_word_with_teh_marbuta_and_hamza_as_typed_differently():
    # "تقرير" (report) is in five Arabic titles; "اجتماع" typed "إجتماع" still finds the report.
    assert [k for _, k, _ in keys(search("تقرير", lang="ar"))] == [
        "BWC/MSP/2017/6",
        "BWC/MSP/2017/CRP.2",
        "BWC/MSP/2017/3",
        "BWC/MSP/2017/3/Add.1",
        "BWC/MSP/2017/WP.7",
    ]
    assert keys(search("تقرير إجتماع", lang="ar"))[:1] == [("document", "BWC/MSP/2017/6", "ar")]


def test_voluntary_visits_finds_wp13_and_its_corrigendum():
    results = search("voluntary visits", lang="en")
    assert keys(results) == [
        ("document", "BWC/MSP/2017/WP.13", "en"),
        ("document", "BWC/MSP/2017/WP.13/Corr.1", "en"),
    ]
    assert results.hits[0].snippet == (
        "<mark>Voluntary</mark> <mark>visits</mark>: a way to improve cooperation in the framework of the"
        " Biological and Toxin Weapons Convention"
    )


def test_the_last_word_typed_matches_as_a_prefix():
    assert [h.key for h in search("volunt", lang="en").hits] == [
        "BWC/MSP/2017/WP.13",
        "BWC/MSP/2017/WP.13/Corr.1",
    ]
    assert search("volunt ", lang="en").total == 0  # a blank after it: a whole word


def test_french_without_accents_for_an_english_reader_is_marked_as_french():
    results = search("etats parties", lang="en", kind="document")
    assert keys(results) == [
        ("document", "BWC/MSP/2017/6", "fr"),
        ("document", "BWC/MSP/2017/CRP.2", "fr"),
    ]
    assert results.hits[0].snippet == "Rapport de la Réunion des <mark>États</mark> <mark>parties</mark>"


def test_one_hit_per_object_in_the_readers_language():
    results = search("WP.13", lang="fr")
    assert keys(results) == [
        ("document", "BWC/MSP/2017/WP.13", "fr"),
        ("document", "BWC/MSP/2017/WP.13/Corr.1", "fr"),
    ]


def test_the_exact_symbol_comes_first():
    assert search("BWC/MSP/2017/WP.1", lang="en").hits[0].key == "BWC/MSP/2017/WP.1"
    results = search("BWC/MSP/2017", lang="en")
    assert (results.hits[0].kind, results.hits[0].key) == ("meeting", "BWC/MSP/2017")
    assert {h.kind for h in results.hits[1:]} == {"document"}  # then its documents, then statements


def test_filters_document_type_and_submitter():
    results = search("", lang="en", doc_type="WP", submitter="CHE")
    expected = sorted(
        Sponsorship.objects.filter(state__code="CHE", document__doc_type="WP").values_list(
            "document__symbol", flat=True
        ),
        key=lambda s: int(s.rsplit(".", 1)[1]),
    )
    assert (
        [h.key for h in results.hits]
        == expected
        == [
            "BWC/MSP/2017/WP.2",
            "BWC/MSP/2017/WP.3",
            "BWC/MSP/2017/WP.6",
            "BWC/MSP/2017/WP.14",
        ]
    )
    assert [h.key for h in search("confidence", lang="en", submitter="che").hits] == ["BWC/MSP/2017/WP.14"]


def test_filters_kind_meeting_year_and_language():
    assert keys(search("report", lang="en", year=2017, doc_type="CRP")) == [
        ("document", "BWC/MSP/2017/CRP.2", "en")
    ]
    assert {h.kind for h in search("Switzerland", lang="en", kind="statement").hits} == {"statement"}
    assert search("geneva", lang="en", kind="meeting", meeting="BWC/MSP/2018/MX.1").total == 1
    assert search("report", lang="en", meeting="BWC/MSP/2019").total == 0
    assert keys(search("voluntary", lang="en", language="es")) == []
    assert keys(search("voluntarias", lang="en", language="es")) == [
        ("document", "BWC/MSP/2017/WP.13", "es"),
        ("document", "BWC/MSP/2017/WP.13/Corr.1", "es"),
    ]


def test_a_state_is_found_by_a_former_name():
    hits = search("Swaziland", lang="en", kind="state").hits
    assert [(h.key, h.title, h.url) for h in hits] == [("SWZ", "Eswatini", "/states/SWZ/")]
    assert hits[0].snippet == 'Eswatini<span class="search-excerpt"> — <mark>Swaziland</mark></span>'


def test_paging():
    everything = search("bwc", lang="en", limit=0)
    page = search("bwc", lang="en", limit=10, offset=10)
    assert page.total == everything.total
    assert [h.key for h in page.hits] == [h.key for h in everything.hits[10:20]]


def test_nothing_to_search():
    assert search("", lang="en").total == 0
    assert search("  《》 ", lang="zh").total == 0
    assert search("zzzzqqq", lang="en").total == 0


def test_symbol_target():
    assert symbol_target("bwc/msp/2017/wp.13") == "/documents/BWC/MSP/2017/WP.13"
    assert symbol_target(" BWC/MSP/ 2017/6 ") == "/documents/BWC/MSP/2017/6"
    assert symbol_target("BWC/MSP/2017/WP.99") is None  # a symbol, but no such document
    assert symbol_target("BWC/MSP/2017") is None  # a series
    assert symbol_target("voluntary visits") is None


def test_highlight_escapes_everything_but_the_marks():
    pq = parse_query("peer")
    assert highlight('<b>Peer</b> review & "co"', "", pq) == (
        "&lt;b&gt;<mark>Peer</mark>&lt;/b&gt; review &amp; &quot;co&quot;"
    )
    assert highlight("<script>", "a <peer> & more", pq) == (
        '&lt;script&gt;<span class="search-excerpt"> — a &lt;<mark>peer</mark>&gt; &amp; more</span>'
    )


def test_highlight_marks_chinese_substrings_and_voweled_arabic():
    assert highlight("缔约国会议的报告", "", parse_query("缔约国会议")) == "<mark>缔约国会议</mark>的报告"
    assert highlight("关于会议和会议", "", parse_query("会议")) == "关于<mark>会议</mark>和<mark>会议</mark>"
    assert highlight("الزِّيَارَاتُ الطَّوْعِيَّةُ", "", parse_query("الطوعية")) == ("الزِّيَارَاتُ <mark>الطَّوْعِيَّةُ</mark>")


def test_a_long_body_is_cut_around_its_first_match():
    body = " ".join(f"word{i}" for i in range(60)) + " target " + " ".join(f"tail{i}" for i in range(60))
    html = highlight("Title", body, parse_query("target"))
    # 60 characters before the match and 140 after, cut at blanks.
    before = " ".join(f"word{i}" for i in range(52, 60))
    after = " ".join(f"tail{i}" for i in range(21))
    assert html == f'Title<span class="search-excerpt"> — …{before} <mark>target</mark> {after}…</span>'
