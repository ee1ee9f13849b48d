"""The interface in six languages: complete catalogues, compiled, and used by the pages."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parents[2] / "src/plenary"
LOCALE = SRC / "locale"
LANGS = ["ar", "zh_Hans", "fr", "ru", "es"]
# The site's catalogue (src/plenary/locale) and those of the apps that keep their own (the treaty's
# databases: src/plenary/<app>/locale), each in every language.
CATALOGUES = sorted({po.parent.parent.parent for po in SRC.glob("**/locale/*/LC_MESSAGES/django.po")})


def test_every_app_catalogue_has_every_language():
    assert LOCALE in CATALOGUES
    for locale in CATALOGUES:
        assert sorted(p.name for p in locale.iterdir() if (p / "LC_MESSAGES/django.po").exists()) == sorted(
            LANGS
        ), locale


@pytest.mark.parametrize("locale", CATALOGUES, ids=lambda p: str(p.relative_to(SRC)))
@pytest.mark.parametrize("lang", LANGS)
def test_every_string_is_translated_and_the_compiled_catalogue_is_current(lang, locale):
    po = locale / lang / "LC_MESSAGES" / "django.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    mo = gettext.GNUTranslations((locale / lang / "LC_MESSAGES" / "django.mo").open("rb"))
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
        elif message.context and mo.pgettext(message.context, message.id) != message.string:
            stale.append(f"{message.context}: {message.id}")
        elif not message.context and mo.gettext(message.id) != message.string:
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


def _plural(po: Path):
    with po.open("rb") as fh:
        header = read_po(fh).plural_forms  # "nplurals=...; plural=...;"
    return gettext.c2py(header.split("plural=", 1)[1].rstrip(";"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalogue_of_a_language_counts_as_the_sites(lang):
    # Django reads each catalogue's plural forms with the catalogue's own formula: two formulas that
    # number the forms differently (Babel's Arabic puts 11-99 last, GNU's fifth) would show a
    # translator's "many" wording for 100 and "other" for 15.
    site = _plural(LOCALE / lang / "LC_MESSAGES/django.po")
    for locale in CATALOGUES:
        theirs = _plural(locale / lang / "LC_MESSAGES/django.po")
        differ = [n for n in range(0, 1201) if theirs(n) != site(n)]
        assert differ == [], (locale, differ[:5])


def test_an_arabic_count_of_eleven_to_ninety_nine_takes_the_many_form(client, db):
    from django.utils import translation

    # 189 States Parties: the wording for 11-99 (the accusative of the counted noun, form 4).
    with translation.override("ar"):
        text = translation.ngettext(
            "Today %(count)s State is party to the Convention.",
            "Today %(count)s States are party to the Convention.",
            189,
        ) % {"count": 189}
    assert text == "اليوم 189 دولة طرفاً في الاتفاقية."
