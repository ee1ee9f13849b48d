"""The interface in six languages: complete catalogues, compiled, and used by the pages."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "src/plenary/locale"
LANGS = ["ar", "zh_Hans", "fr", "ru", "es"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_is_translated_and_the_compiled_catalogue_is_current(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    mo = gettext.GNUTranslations((LOCALE / lang / "LC_MESSAGES" / "django.mo").open("rb"))
    untranslated, stale = [], []
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            if "fuzzy" in message.flags or not all(message.string):
                untranslated.append(message.id[0])
            elif mo.ngettext(message.id[0], message.id[1], 1) not in message.string:
                stale.append(message.id[0])
            continue
        if "fuzzy" in message.flags or not message.string:
            untranslated.append(message.id)
        elif mo.gettext(message.id) != message.string:
            stale.append(message.id)
    assert untranslated == []
    assert stale == [], "run msgfmt (see README: translations) to recompile"


@pytest.mark.parametrize(
    ("prefix", "words"),
    [
        ("/fr", ["Réunions", "État du traité"]),
        ("/zh-hans", ["会议"]),
        ("/ar", ["الاجتماعات"]),
        ("/ru", ["Совещания"]),
        ("/es", ["Reuniones"]),
    ],
)
def test_pages_speak_the_readers_language(client, db, prefix, words):
    html = client.get(prefix + "/").content.decode()
    for word in words:
        assert word in html
