"""The public meetings list and meeting page name every kind of meeting in the six languages, in
the words of the treaty profile (treaties/data/bwc.yaml, meeting_kinds)."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.meetings.queries import KIND_NAMES, meeting_titles

PREFIX = {"ar": "/ar", "zh": "/zh-hans", "en": "", "fr": "/fr", "ru": "/ru", "es": "/es"}
NEW_KINDS = {"WG": "BWC/WG/11", "SPECIAL": "BWC/SPCONF/2027", "CONSULT": "BWC/CONS/2027"}


@pytest.fixture
def new_kinds(bwc):
    isu = Actor.system("isu")
    save_meeting(
        bwc, "BWC/WG/11", by=isu, kind="WG", year=2027, start=dt.date(2027, 8, 2), end=dt.date(2027, 8, 13)
    )
    save_meeting(
        bwc,
        "BWC/SPCONF/2027",
        by=isu,
        kind="SPECIAL",
        year=2027,
        start=dt.date(2027, 9, 6),
        end=dt.date(2027, 9, 17),
    )
    save_meeting(
        bwc,
        "BWC/CONS/2027",
        by=isu,
        kind="CONSULT",
        year=2027,
        start=dt.date(2027, 10, 4),
        end=dt.date(2027, 10, 8),
    )


def cell_of(html: str, series: str) -> str:
    """The meetings list's first cell of the meeting's row: its series and kind."""
    start = html.index(f">{series}</a>")
    return html[start : html.index("</td>", start)]


@pytest.mark.parametrize("lang", list(PREFIX))
def test_the_meetings_list_names_the_new_kinds(client, new_kinds, lang):
    html = client.get(f"{PREFIX[lang]}/meetings/").content.decode()
    for kind, series in NEW_KINDS.items():
        assert (
            cell_of(html, series) == f'>{series}</a><br><span class="muted">{KIND_NAMES[kind][lang]}</span>'
        )


@pytest.mark.parametrize("lang", list(PREFIX))
@pytest.mark.parametrize("kind", list(NEW_KINDS))
def test_the_meeting_page_names_its_kind(client, new_kinds, lang, kind):
    response = client.get(f"{PREFIX[lang]}/meetings/{NEW_KINDS[kind]}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<dd>{KIND_NAMES[kind][lang]}</dd>" in html


def test_the_kind_names_are_the_profiles_and_the_translations_agree(new_kinds):
    from django.utils import translation

    from plenary.meetings.models import Meeting

    for kind in NEW_KINDS:
        for lang, django_lang in (
            ("ar", "ar"),
            ("zh", "zh-hans"),
            ("en", "en"),
            ("fr", "fr"),
            ("ru", "ru"),
            ("es", "es"),
        ):
            with translation.override(django_lang):
                assert str(Meeting.Kind(kind).label) == KIND_NAMES[kind][lang], (kind, lang)


def test_a_meeting_without_a_title_is_called_by_its_kind(new_kinds):
    from plenary.meetings.models import Meeting

    assert meeting_titles(Meeting.objects.get(series="BWC/WG/11")) == {
        lang: f"{name} (BWC/WG/11)" for lang, name in KIND_NAMES["WG"].items()
    }
