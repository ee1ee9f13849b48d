"""The records' drafts refused in the reader's language: no Meeting of States Parties of the year, a
draft already recorded, not the secretariat; the year stays a number and the symbol as it is;
english() stays English."""

from __future__ import annotations

import pytest
from django.utils import translation

from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.languages import UN_LANGUAGES
from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.records.drafts import msp_of, record_draft

pytestmark = pytest.mark.django_db

TITLES = {lang: f"A draft ({lang})" for lang in UN_LANGUAGES}


def _never(lang: str, symbol: str):
    raise AssertionError("a refused draft builds no text")


def test_no_msp_of_the_year_reads_in_french_arabic_and_russian(bwc):
    with pytest.raises(DomainError) as caught:
        msp_of("BWC", 1990)
    with translation.override("fr"):
        assert str(caught.value) == (
            "aucune Réunion des États parties de 1990 n’est enregistrée : planifiez-la d’abord"
        )
    with translation.override("ar"):
        assert str(caught.value) == "لا يوجد اجتماع مسجل للدول الأطراف لعام 1990: خطِّط له أولاً"
    with translation.override("ru"):
        assert str(caught.value) == (
            "Совещание государств-участников 1990 года не зарегистрировано: сначала запланируйте его"
        )
    assert caught.value.english() == "no Meeting of States Parties of 1990 is recorded: plan it first"


def test_a_draft_already_recorded_is_refused_with_its_symbol_in_french_and_chinese(bwc, people):
    msp = Meeting.objects.get(series="BWC/MSP/2026")
    Document.objects.create(
        meeting=msp,
        symbol="BWC/MSP/2026/TEST.1",
        series=msp.series,
        title={"en": TITLES["en"]},
        status=Document.Status.DRAFT,
    )
    with pytest.raises(Frozen) as caught:
        record_draft(msp, titles=TITLES, build=_never, by=people.actor("staff"))
    with translation.override("fr"):
        assert str(caught.value) == (
            "le projet est déjà enregistré sous la cote BWC/MSP/2026/TEST.1 : ouvrez-le pour y travailler"
        )
    with translation.override("zh-hans"):
        assert str(caught.value) == "该草案已登记为BWC/MSP/2026/TEST.1：请打开该文件继续处理"
    assert caught.value.english() == (
        "the draft is already recorded as BWC/MSP/2026/TEST.1: open it to work on it"
    )


def test_only_the_secretariat_drafts_and_the_six_titles_are_asked_for_in_french(bwc, people):
    msp = Meeting.objects.get(series="BWC/MSP/2026")
    with pytest.raises(NotAllowed) as refused:
        record_draft(msp, titles=TITLES, build=_never, by=people.actor("fra_fp"))
    with pytest.raises(DomainError) as short:
        record_draft(msp, titles={"en": "A draft"}, build=_never, by=people.actor("staff"))
    with translation.override("fr"):
        assert str(refused.value) == "seul le secrétariat établit les projets de documents d’une réunion"
        assert str(short.value) == "un projet porte son titre dans les six langues officielles de l’ONU"
    with translation.override("ar"):
        assert str(refused.value) == "الأمانة وحدها هي التي تعد مشاريع وثائق الاجتماع"
    assert refused.value.english() == "only the secretariat drafts documents of a meeting"
