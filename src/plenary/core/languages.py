"""The six official UN languages and multilingual text values.

A multilingual value is a plain dict {lang: text} stored in a JSON field. Reading one never fails
silently: `pick` says which language it fell back to, so that a page can show the fallback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

# UN order of the official languages (as on UN document covers and ODS).
UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
LANGUAGE_NAMES_EN = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}
# Fallback order when a text is missing in the wanted language: English, then French (the
# Secretariat's two working languages), then the rest in UN order.
FALLBACK_ORDER: tuple[str, ...] = ("en", "fr", "es", "ru", "zh", "ar")

T = TypeVar("T")


def un_order(codes: Iterable[str]) -> list[str]:
    """The language codes in the UN's order (AR, ZH, EN, FR, RU, ES), each once; codes that are
    not UN languages after them, as given."""
    seen = list(dict.fromkeys(codes))
    return sorted(seen, key=lambda c: UN_LANGUAGES.index(c) if c in UN_LANGUAGES else len(UN_LANGUAGES))


def in_un_order(values: Mapping[str, T] | None) -> list[tuple[str, T]]:
    """A multilingual value's (lang, value) pairs in the UN's order, whatever order the mapping
    keeps (PostgreSQL's jsonb keeps its keys by length, then bytes: ar, en, es, fr, ru, zh)."""
    values = values or {}
    return [(code, values[code]) for code in un_order(values)]


def reader_lang(code: str | None = None) -> str:
    """`code`, else the language a page (or a check made for it) is being written in, the active
    one, as a UN two-letter code: zh for zh-hans; English when none is active or it is not a UN
    language."""
    try:
        return normalize_lang(code or translation.get_language() or "en")
    except (ValueError, ImproperlyConfigured):  # not a UN language; no settings, so none active
        return "en"


def normalize_lang(code: str) -> str:
    """Map Django / BCP 47 codes (zh-hans, zh-CN, en-gb) to the UN two-letter codes."""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    if base not in UN_LANGUAGES:
        raise ValueError(f"unknown language {code!r}: use one of {', '.join(UN_LANGUAGES)}")
    return base


@dataclass(frozen=True)
class Picked:
    text: str
    lang: str  # the language the text is actually in
    fallback: bool  # True when `lang` is not the language asked for


def pick(values: dict[str, str] | None, lang: str) -> Picked | None:
    """The text in `lang`, else the first present in FALLBACK_ORDER; None when there is none."""
    values = values or {}
    if values.get(lang):
        return Picked(values[lang], lang, False)
    for other in FALLBACK_ORDER:
        if values.get(other):
            return Picked(values[other], other, True)
    return None


def pick_text(values: dict[str, str] | None, lang: str, default: str = "") -> str:
    """The text in `lang` or its fallback (see `pick`), or `default` when no language has one."""
    picked = pick(values, lang)
    return picked.text if picked else default
