"""Matching a request of the Article X database with the offers that fit, with the reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.cooperation.matching import Entry, fit, points, ranked
from plenary.cooperation.vocabulary import FIELDS, REGIONS, TYPES, VocabularyError, check_words

DAY = dt.date(2026, 6, 1)
F = frozenset


def request(**values):
    base = {"key": 1, "fields": F({"laboratory", "biosafety"}), "types": F({"training"}), "region": "AFRICAN"}
    return Entry(**{**base, **values})


def offer(key, **values):
    base = {"key": key, "fields": F(), "types": F(), "published": dt.date(2025, 1, key)}
    return Entry(**{**base, **values})


def test_offers_are_ranked_with_a_reason_for_every_point():
    offers = [
        offer(1, fields=F({"laboratory"}), regions=F({"WEOG"})),
        offer(2, fields=F({"laboratory", "biosafety"}), types=F({"training", "equipment"})),
        offer(3, types=F({"training"}), regions=F({"AFRICAN"})),
        offer(4, fields=F({"education"}), types=F({"funding"})),  # shares nothing
        offer(5, fields=F({"biosafety"}), open=False),  # withdrawn
        offer(6, fields=F({"biosafety"}), valid_until=dt.date(2026, 5, 31)),  # expired
    ]
    fits = ranked(request(), offers, DAY)
    assert [(f.offer.key, f.score, f.reasons) for f in fits] == [
        (2, 9, (("field", "biosafety"), ("field", "laboratory"), ("type", "training"), ("region", ""))),
        (1, 3, (("field", "laboratory"),)),
        (3, 3, (("type", "training"), ("region", "AFRICAN"))),
    ]


def test_an_offer_valid_until_the_day_still_fits():
    assert fit(request(), offer(1, fields=F({"laboratory"}), valid_until=DAY), DAY) is not None


codes = st.frozensets(st.sampled_from(sorted(FIELDS)), max_size=4)
kinds = st.frozensets(st.sampled_from(sorted(TYPES)), max_size=3)
regions = st.frozensets(st.sampled_from(sorted(REGIONS)), max_size=2)
offers = st.lists(
    st.builds(
        Entry,
        key=st.integers(1, 10**6),
        fields=codes,
        types=kinds,
        regions=regions,
        open=st.booleans(),
        published=st.dates(dt.date(2013, 1, 1), dt.date(2026, 1, 1)),
    ),
    max_size=20,
    unique_by=lambda e: e.key,
)


@given(
    st.builds(Entry, key=st.just(0), fields=codes, types=kinds, region=st.sampled_from(sorted(REGIONS))),
    offers,
)
def test_every_point_of_score_has_its_reason_and_the_ranking_is_stable(req, entries):
    fits = ranked(req, entries, DAY)
    for f in fits:
        assert f.score == sum(points(r) for r in f.reasons)
        assert f.offer.open
        assert any(kind in ("field", "type") for kind, _ in f.reasons)
    assert [f.score for f in fits] == sorted((f.score for f in fits), reverse=True)
    assert ranked(req, list(reversed(entries)), DAY) == fits


def test_the_words_are_checked():
    assert check_words(["training", "equipment", "training"], TYPES, "types") == ["equipment", "training"]
    with pytest.raises(VocabularyError, match="'weapons' is not one of"):
        check_words(["weapons"], TYPES, "types")
    with pytest.raises(VocabularyError, match="choose at least one"):
        check_words([], FIELDS, "fields")
    with pytest.raises(VocabularyError, match="a list of codes"):
        check_words("training", TYPES, "types")
    assert check_words([], REGIONS, "regions", required=False) == []


def test_the_regions_are_the_un_regional_groups_of_the_reference_data():
    from pathlib import Path

    import yaml

    import plenary.treaties

    data = yaml.safe_load((Path(plenary.treaties.__file__).parent / "data/un_groups.yaml").read_text())
    assert {group["code"] for group in data["groups"]} == set(REGIONS)
