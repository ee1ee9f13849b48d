"""What a State wrote in a CBM report stays in its language on a page in another: a report written
in one UN language has its texts marked with that language (lang, dir), so that a browser, a
screen reader or a translation tool does not take English for Arabic; a report in several
languages is not marked (which text is in which is not known)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from plenary.cbm.demo import YEAR
from plenary.cbm.models import CbmReport

pytestmark = pytest.mark.django_db


def test_a_report_in_english_read_on_the_arabic_page_is_marked_english(client):
    deu = CbmReport.objects.get(year=YEAR, example=True, state__code="DEU")
    assert deu.languages == ["en"]
    page = client.get(f"/ar/cbm/{deu.pk}/").content.decode()
    assert '<dd><span lang="en" dir="ltr">Example research institute</span></dd>' in page
    assert '<html lang="ar" dir="rtl"' in page


def test_a_report_in_two_languages_is_not_marked():
    che = CbmReport.objects.get(year=YEAR, example=True, state__code="CHE")
    assert che.languages == ["en", "fr"]
    assert (
        Template("{% load plenary %}[{{ langs|written_in }}]").render(Context({"langs": che.languages}))
        == "[]"
    )


@pytest.mark.parametrize(
    ("languages", "marked"),
    [
        (["ar"], '[ lang="ar" dir="rtl"]'),
        (["zh"], '[ lang="zh-Hans" dir="ltr"]'),
        (["ru"], '[ lang="ru" dir="ltr"]'),
        ([], "[]"),
        (["xx"], "[]"),
        (None, "[]"),
    ],
)
def test_the_mark_names_the_language_and_its_direction(languages, marked):
    assert (
        Template("{% load plenary %}[{{ langs|written_in }}]").render(Context({"langs": languages})) == marked
    )


def test_the_languages_of_a_report_are_named_in_the_readers_language(client):
    che = CbmReport.objects.get(year=YEAR, example=True, state__code="CHE")
    page = client.get(f"/fr/cbm/{che.pk}/").content.decode()
    assert "<dd>Anglais, Français</dd>" in page
    render = Template("{% load plenary %}{{ langs|language_names }}").render
    with translation.override("ar"):
        assert render(Context({"langs": ["fr", "en", "ar"]})) == "العربية، الإنكليزية، الفرنسية"
    with translation.override("en"):
        assert render(Context({"langs": ["es", "zh"]})) == "Chinese, Spanish"
        assert render(Context({"langs": ["xx"]})) == ""


def test_a_fallback_text_says_by_name_which_language_is_shown(client):
    from plenary.core.actor import Actor
    from plenary.meetings.agenda import save_agenda_item
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(series="BWC/MSP/2086")
    save_agenda_item(meeting, 1, {"en": "Opening of the meeting"}, by=Actor.system("test:fallback"))
    page = client.get("/fr/meetings/BWC/MSP/2086/").content.decode()
    assert 'title="Non disponible dans cette langue\xa0; langue affichée\xa0: Anglais"' in page
    with translation.override("en"):
        render = Template("{% load plenary %}{{ code|language_names }}").render
        assert render(Context({"code": "ru"})) == "Russian"
