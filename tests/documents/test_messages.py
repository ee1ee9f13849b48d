"""The documents' refusals in the reader's language: a back-office page in French, Arabic or
Chinese shows them translated, the words of the interface in them too; english() stays English."""

from __future__ import annotations

import pytest
from django.utils import translation

from plenary.core.actor import Actor
from plenary.core.errors import Frozen
from plenary.documents import domain as docs
from plenary.documents.models import Document

ISU = Actor.system("isu")


@pytest.fixture
def wp9(db):
    return Document.objects.get(symbol="BWC/MSP/2017/WP.9")


def test_a_refusal_naming_fields_reads_in_french(wp9):
    with pytest.raises(Frozen) as info:
        docs.update_document(wp9, by=ISU, title={"en": "Something else"}, co_sponsors=[])
    with translation.override("fr"):
        assert str(info.value) == (
            "BWC/MSP/2017/WP.9 est publié : les éléments suivants ne peuvent plus changer : titre, coauteurs "
            "(une correction se fait par un Corr. ou une Rev.)"
        )
        assert info.value.english() == (
            "BWC/MSP/2017/WP.9 is issued: its title, co-sponsors cannot change (a correction comes as a Corr. or Rev.)"
        )


def test_a_refusal_reads_in_arabic_and_chinese(wp9):
    with pytest.raises(Frozen) as removed:
        docs.remove_document(wp9, by=ISU)
    with translation.override("ar"):
        assert (
            str(removed.value) == "BWC/MSP/2017/WP.9 صدر ويبقى في السجل (يأتي التصحيح في شكل Corr. أو Rev.)"
        )
    with pytest.raises(Frozen) as drafted:
        docs.update_document(wp9, by=ISU, status="draft")
    with translation.override("zh-hans"):
        assert str(drafted.value) == "BWC/MSP/2017/WP.9 已印发：不能退回草案"
    assert str(drafted.value) == "BWC/MSP/2017/WP.9 is issued: it cannot go back to draft"
