# ruff: noqa: F811
"""The CBM domain's messages in the reader's language: a page refused in French or Chinese says
why in that language; english() stays English."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from plenary.cbm import domain
from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from tests.cbm.test_domain import cast, fra, person  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("fr", "FRA a déjà un projet de rapport sur les mesures de confiance pour 2025 : poursuivez-le"),
        ("zh-hans", "FRA 已有 2025 年的建立信任措施报告草稿：请继续完成该草稿"),
        ("en", "FRA already has a draft CBM report for 2025: go on with it"),
    ],
)
def test_a_second_draft_is_refused_in_the_reader_s_language(client, cast, fra, lang, said):
    domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["fr"])
    client.force_login(cast["fra_cp"])
    with translation.override(lang):
        url = reverse("portal:cbm_start")
    answer = client.post(url, {"state": fra.pk, "year": 2025, "languages": ["fr"]})
    assert answer.status_code == 400 and said in answer.content.decode()


def test_english_stays_english_whatever_the_language(cast, fra):
    domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["fr"])
    with translation.override("ar"):
        with pytest.raises(DomainError) as caught:
            domain.start_report(fra, 2025, by=Actor.of(cast["fra_cp"]), languages=["fr"])
        arabic = str(caught.value)
    assert caught.value.english() == "FRA already has a draft CBM report for 2025: go on with it"
    assert arabic == "لدى FRA بالفعل مشروع تقرير لتدابير بناء الثقة لسنة 2025: تابِع العمل عليه"
