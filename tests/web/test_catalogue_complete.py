"""Every message the Python code marks for translation is translated into the five other UN
languages. The English is the msgid; what a reader sees in Arabic, Chinese, French, Russian or
Spanish is whatever Django's merged catalogues (the site's and every app's, as a request reads
them) hold for it, so a message no catalogue translates would reach that reader in English. The
Python messages are extracted as scripts/messages.py does (Babel's extractor); the templates'
({% translate %}, {% blocktranslate %}) through Django's own templatize, as makemessages reads them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from django.utils import translation
from django.utils.translation import trans_real
from django.utils.translation.template import templatize

from plenary.core.catalogues import KEYWORDS

SRC = Path(__file__).resolve().parents[2] / "src/plenary"
LANGS = ["ar", "zh-hans", "fr", "ru", "es"]
APPS = sorted(path.parent.name for path in SRC.glob("*/apps.py"))


def _marked(app: str) -> list[tuple[str, str | None, str, bool]]:
    """(place, context, msgid, plural?) for each message the app's Python code marks."""
    found = []
    for path in sorted((SRC / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for lineno, message, _comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, strip_comment_tags=True
        ):
            plural = isinstance(message, tuple)
            msgid = message[0] if plural else message
            if msgid:
                found.append((f"{path.relative_to(SRC.parent)}:{lineno}", context, msgid, plural))
    return found


# templatize turns each tag into a call: gettext(u'...'), pgettext(u'context', u'...'),
# ngettext(u'...', u'...', count), npgettext(u'context', u'...', u'...', count).
# A literal with an apostrophe comes in double quotes: u"the Chair's letter".
_QUOTED = r"""u(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
CALL = re.compile(rf"\b(n?p?gettext)\(((?:{_QUOTED}\s*,?\s*)+)")
LITERAL = re.compile(r"""u('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def _in_templates(app: str) -> list[tuple[str, str | None, str, bool]]:
    found = []
    for path in sorted((SRC / app).glob("templates/**/*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for call in CALL.finditer(code):
            function, literals = call.group(1), [ast.literal_eval(x) for x in LITERAL.findall(call.group(2))]
            context = literals.pop(0) if "p" in function else None
            if not literals:
                continue  # {% translate variable context "..." %}: the text is not the template's
            found.append((str(path.relative_to(SRC.parent)), context, literals[0], function.startswith("n")))
    return found


def _untranslated(app: str, lang: str) -> list[str]:
    with translation.override(lang):
        catalog = trans_real.translation(translation.to_locale(lang))._catalog
        missing = []
        for place, context, msgid, plural in _marked(app) + _in_templates(app):
            key = f"{context}\x04{msgid}" if context else msgid
            text = catalog.get((key, 0) if plural else key)
            if not text:
                missing.append(f"{place}: {msgid!r}" + (f" (context {context!r})" if context else ""))
        return missing


def test_the_extractor_finds_the_domains_messages():
    # The check below is only as good as the extraction: it must see the domains' refusals.
    msgids = {msgid for _place, _context, msgid, _plural in _marked("meetings")}
    assert "%(where)s: give the text in at least one UN language" in msgids
    assert any(plural for *_rest, plural in _marked("core"))  # size_words: "%(size)d byte(s)"
    templates = {(context, msgid) for _place, context, msgid, _plural in _in_templates("web")}
    assert (None, "Meetings") in templates
    assert any(context for context, _msgid in templates)
    assert any("'" in msgid for _context, msgid in templates)  # those templatize writes in u"..."


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("app", APPS)
def test_every_marked_message_is_translated(app, lang):
    missing = _untranslated(app, lang)
    assert missing == [], (
        f"{len(missing)} message(s) of plenary.{app} with no {lang} translation in any catalogue "
        "(list and add them with scripts/messages.py APP [--add FILE.json])"
    )
