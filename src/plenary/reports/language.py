"""Language rules a report needs: counts in words or figures, lists, order of names, dates.

Pure: no database. The rules follow the UN editorial manuals as far as Plenary applies them:
numbers one to nine in words in the Latin-script languages and Russian, one to ten in Chinese
characters before a measure word; lists joined with the language's conjunction; lists of States
in the alphabetical order of the language's own names, except Chinese, whose UN documents keep
the English order (the seed BWC/MSP/2017/6 shows it).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence

from plenary.core.dates import BABEL_LOCALES, month_name, un_date, un_date_range_text

__all__ = ["BABEL_LOCALES", "count", "date", "date_range", "join", "order_names", "sort_key", "spell_en"]

_WORDS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "fr": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
    "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
    "ru": ["ноль", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"],
    "zh": ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"],
}
# Feminine forms where a noun's gender changes the numeral (fr une, es una, ru одна/две).
_FEMININE = {"fr": {1: "une"}, "es": {1: "una"}, "ru": {1: "одна", 2: "две"}}


_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]


def spell_en(n: int) -> str:
    """An English number in words, 1 to 99 ("thirty-six"); figures beyond."""
    if 0 < n < 10:
        return _WORDS["en"][n]
    if 10 <= n < 20:
        return _EN_TEENS[n - 10]
    if 20 <= n < 100:
        tens, units = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_WORDS['en'][units]}" if units else "")
    return str(n)


def count(n: int, lang: str, *, feminine: bool = False, capital: bool = False) -> str:
    """A count in running text: words for small numbers, figures otherwise. An English sentence
    does not open with figures: with `capital`, English spells the number out up to 99."""
    if capital and lang == "en":
        text = spell_en(n)
        return text[:1].upper() + text[1:]
    words = _WORDS.get(lang)
    limit = 10 if lang == "zh" else 9
    if words is None or not 0 < n <= limit:
        text = str(n)
    else:
        text = (_FEMININE.get(lang, {}).get(n) if feminine else None) or words[n]
    return text[:1].upper() + text[1:] if capital else text


def join(items: Sequence[str], lang: str, *, last: str | None = None) -> str:
    """Join a list the way the language's UN documents do: "A, B and C", "A、B和C"."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if lang == "zh":
        return "、".join(items[:-1]) + (last or "和") + items[-1]
    if lang == "ar":
        if last is not None:
            return "، ".join(items[:-1]) + last + items[-1]
        if len(items) == 2:
            return f"{items[0]} و{items[1]}"
        return "، و".join(items)
    conjunction = last or {"en": " and ", "fr": " et ", "ru": " и ", "es": " y "}[lang]
    if (
        lang == "es"
        and last is None
        and items[-1][:1].lower() in ("i", "í")
        or (
            lang == "es"
            and last is None
            and items[-1][:2].lower() in ("hi", "hí")
            and items[-1][:3].lower() != "hie"
        )
    ):
        conjunction = " e "
    return ", ".join(items[:-1]) + conjunction + items[-1]


# English lists keep "the former Yugoslav Republic of Macedonia" under T, as UN documents did.
_ARTICLES = {"fr": ("l'", "l’", "le ", "la ", "les "), "es": ("el ", "la ", "los ", "las ")}


def sort_key(name: str, lang: str) -> str:
    """An alphabetical key: accents folded, case ignored, a leading article passed over."""
    text = name.strip().casefold()
    for article in _ARTICLES.get(lang, ()):
        if text.startswith(article):
            text = text[len(article) :]
            break
    if lang == "ar" and text.startswith("ال"):
        text = text[2:]
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def order_names(codes: Sequence[str], lang: str, names: Callable[[str, str], str]) -> list[str]:
    """Codes in the order that the language's UN documents list States.

    `names(code, lang)` gives a State's name. Chinese documents keep the English order.
    """
    key_lang = "en" if lang == "zh" else lang
    return sorted(codes, key=lambda code: sort_key(names(code, key_lang), key_lang))


def _month(day: dt.date, lang: str) -> str:
    """The month as it follows a day number (the genitive in Russian: "декабря")."""
    return month_name(day.month, lang)


def date(day: dt.date, lang: str) -> str:
    """A date as the language writes it in UN documents: 8 December 2017, 2017年12月8日,
    8 декабря 2017 года, 8 كانون الأول/ديسمبر 2017 (see plenary.core.dates)."""
    return un_date(day, lang)


def date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """A span of days in a sentence: 4 to 8 December 2017, 2017年12月4日至8日, du 4 au 8 décembre 2017
    (see plenary.core.dates)."""
    return un_date_range_text(start, end, lang)
