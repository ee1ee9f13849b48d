"""The tokenizer: what is indexed and what is typed go through the same normalization."""

from __future__ import annotations

import pytest

from plenary.search.tokenize import Span, find_spans, normalize, tokenize


def test_chinese_runs_become_overlapping_bigrams():
    assert tokenize("缔约国会议的报告") == ["缔约", "约国", "国会", "会议", "议的", "的报", "报告"]


def test_a_two_character_word_is_one_token_found_inside_a_longer_run():
    assert tokenize("会议") == ["会议"]
    assert "会议" in tokenize("缔约国会议的报告")


def test_punctuation_splits_chinese_runs_and_one_character_stays_a_unigram():
    assert tokenize("《公约》") == ["公约"]
    assert tokenize("会") == ["会"]
    assert tokenize("2018-2020 年将举行会议") == ["2018", "2020", "年将", "将举", "举行", "行会", "会议"]


def test_arabic_with_and_without_diacritics_gives_the_same_tokens():
    voweled = "الزِّيَارَاتُ الطَّوْعِيَّةُ"
    bare = "الزيارات الطوعية"
    assert tokenize(voweled) == tokenize(bare) == ["الزيارات", "الطوعيه"]


def test_arabic_alef_forms_alef_maqsura_teh_marbuta_and_tatweel():
    assert tokenize("أحمد إلى آخر") == ["احمد", "الي", "اخر"]
    assert tokenize("تقـــرير") == ["تقرير"]
    assert tokenize("ﺍﻟﺰﻳﺎﺭﺍﺕ") == ["الزيارات"]  # presentation forms, by NFKC


def test_french_accents_and_elision():
    assert tokenize("Visites volontaires : un moyen d'améliorer la coopération") == [
        "visites",
        "volontaires",
        "un",
        "moyen",
        "d",
        "ameliorer",
        "la",
        "cooperation",
    ]
    assert tokenize("ÉTATS PARTIES") == tokenize("etats parties") == ["etats", "parties"]


def test_cyrillic_folds_yo_but_keeps_short_i():
    assert tokenize("Ёлка и йод") == ["елка", "и", "йод"]


def test_a_symbol_gives_its_parts_the_whole_symbol_and_its_dotted_element():
    assert tokenize("BWC/MSP/2017/WP.13") == ["bwc", "msp", "2017", "wp", "13", "bwc/msp/2017/wp.13", "wp.13"]
    assert tokenize("BWC/CONF.VIII/4") == ["bwc", "conf", "viii", "4", "bwc/conf.viii/4", "conf.viii"]
    assert tokenize("BWC/MSP/2017") == ["bwc", "msp", "2017", "bwc/msp/2017"]


def test_full_width_forms_and_casefolding():
    assert tokenize("ＷＰ．１３") == ["wp", "13", "wp.13"]
    assert tokenize("Straße") == ["strasse"]


def test_hangul_and_kana_are_bigrammed_too():
    assert tokenize("회의록") == ["회의", "의록"]
    assert tokenize("かいぎ") == ["かい", "いぎ"]


@pytest.mark.parametrize("text", ["", "  ", "—…", "《》"])
def test_no_tokens(text):
    assert tokenize(text) == []


def test_normalize():
    assert normalize("Réunion des États") == "reunion des etats"


def test_spans_are_found_in_the_original_text():
    assert find_spans("Voluntary visits: a way", ["visits"]) == [Span(10, 16)]
    assert find_spans("Voluntary visits", ["volunt"]) == []  # whole words only
    assert find_spans("Voluntary visits", ["volunt"], prefix=frozenset({"volunt"})) == [Span(0, 6)]
    # The bigrams of one Chinese word merge into one span.
    assert find_spans("缔约国会议的报告", tokenize("缔约国会议")) == [Span(0, 5)]
    # Tashkeel after the last letter stays inside the span.
    text = "الزِّيَارَاتُ الطَّوْعِيَّةُ"
    assert find_spans(text, ["الزيارات"]) == [Span(0, text.index(" "))]
