"""Dates and spans of dates as the UN writes them in its six languages.

Pure: no database, no Django. Every page, file, export and e-mail that shows a date to a reader
goes through these functions; machine formats (API JSON, CSV/XLSX data columns, HTML `<time
datetime>` attributes, iCalendar values) keep ISO 8601 and do not.

Two forms of a span of days:
- `un_date_range`: the form of a document's cover and of a table or heading ("Geneva, 4-8 December
  2017"): en "4–8 December 2017", zh "2017年12月4日至8日", fr "4-8 décembre 2017", es "4 a 8 de
  diciembre de 2017", ru "4–8 декабря 2017 года", ar "4-8 كانون الأول/ديسمبر 2017".
- `un_date_range_text`: the form a sentence takes ("was held from 4 to 8 December 2017"): en "4 to
  8 December 2017", fr "du 4 au 8 décembre 2017", es "del 4 al 8 de diciembre de 2017", ar "من 4
  إلى 8 كانون الأول/ديسمبر 2017"; zh and ru write the same as on a cover.
A span of one day is that day, written as one date.

Month names are CLDR's (Babel) in the format (genitive) form where it is right: the Russian
"декабря" after a day number, the French and Spanish lower-case names. Arabic is the exception:
CLDR gives one name ("ديسمبر") where UN Arabic documents give both the Levantine and the other name,
"كانون الأول/ديسمبر", so those twelve are written out here. Digits are Western (0-9) in every
language, as UN documents print them.

Sources of each language's form (`search` look-ups of UN documents, December 2026):
- en: UN covers "Sharm el-Sheikh, Egypt, 13–17 December 2021" (CAC/COSP/2021/3), en dash unspaced;
  across years "2019 session (New York, 26 July 2018–24 July 2019)" (A/74/3, the same unspaced
  dash between two full dates). Across months "28 November–16 December 2022" follows the same rule
  (UNODA's pages say "from 28 November to 16 December 2022" in running text, the form of
  `un_date_range_text`); NOT CONFIRMED from a cover of that span.
- fr: UN covers "Vienne, 12-15 juillet 2021" (IDB.49/1/Add.1, hyphen, no spaces), "Montréal, 5-13
  février 1998" (UNEP/CBD/BSWG/4/1/Add.1); running text "du 19 au 23 février", "du 22 au 26
  juillet 1996" in the same documents; "1er" for the first of a month, French usage and the UN's
  abbreviated ordinals ("À ses 1re et 2e séances", A/52/250). NOT CONFIRMED from a document: "1er"
  in a UN date itself, and the cover form across months ("28 novembre-16 décembre 2022") and years,
  written by the same rule as within a month.
- es: UN covers "Bonn, 6 a 17 de noviembre de 2017" (FCCC/KP/CMP/2017/1), "Viena, 15 a 19 de
  octubre de 2012" (CTOC/COP/2012/14), across months "Bonn, 28 de julio a 5 de agosto de 1997"
  (FCCC/SBI/1997/11); running text "del 23 al 26 de enero de 2012" (CTOC/COP/2012/14). NOT
  CONFIRMED: across years ("30 de diciembre de 2022 a 2 de enero de 2023").
- ru: UN covers "Женева, 4-15 мая 2015 года" (UNEP/FAO/RC/COP.7/12), "Женева, 9-13 декабря 2002
  года" (UNEP/CHW.6/1/Add.1); across months "30 мая – 1 июня 2012 года" (a UN CTOC working group
  report in Russian), a spaced dash between two day-and-month pairs. Plenary prints the en dash
  (U+2013) of current UN Russian typesetting within a month. NOT CONFIRMED: across years.
- zh: the seed, BWC/MSP/2017/6 in Chinese: cover "2017年12月4日至8日，日内瓦", text "2017年12月4日
  至8日" (the PDF's spaces around figures are typesetting, not text); across months "2012年11月26日
  至12月7日，多哈" (FCCC/KP/CMP/2012/1, Chinese) and "2015年6月1日至5日" (A/70/46). NOT CONFIRMED from
  a document: across years ("2022年12月30日至2023年1月2日"), which follows the same rule (what the end
  repeats of the start is left out).
- ar: the double month names in UN Arabic documents ("19 آذار/مارس 1978", "16 حزيران/يونيه 2011" in
  A/C.5/67/L.37 and A/65/L.78); Western digits; the day before the month. NOT CONFIRMED from a
  document: the cover form of a span ("4-8 كانون الأول/ديسمبر 2017", and " - " between two
  day-and-month pairs) and the running text "من 4 إلى 8" ("from ... to ..."), which are UN Arabic
  usage as Plenary's records already write them, not checked against a cover.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from babel.dates import get_month_names

from plenary.core.languages import UN_LANGUAGES, normalize_lang

LANGS: tuple[str, ...] = UN_LANGUAGES
BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans", "en": "en_GB", "fr": "fr", "ru": "ru", "es": "es"}

# UN Arabic names each month twice, the Levantine name and the other: "كانون الأول/ديسمبر".
AR_MONTHS: tuple[str, ...] = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)

EN_DASH = "\u2013"


@cache
def _babel_months(lang: str, standalone: bool) -> tuple[str, ...]:
    context: Literal["format", "stand-alone"] = "stand-alone" if standalone else "format"
    names = get_month_names("wide", context, locale=BABEL_LOCALES[lang])
    return tuple(str(names[m]) for m in range(1, 13))


def month_name(month: int, lang: str, *, standalone: bool = False) -> str:
    """The month's name as it follows a day number ("декабря", "décembre", "كانون الأول/ديسمبר"),
    or with `standalone` as it stands alone before a year (Russian "декабрь")."""
    lang = normalize_lang(lang)
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1 to 12")
    if lang == "ar":
        return AR_MONTHS[month - 1]
    if lang == "zh":
        return f"{month}月"
    return _babel_months(lang, standalone and lang == "ru")[month - 1]


def _day(day: dt.date, lang: str) -> str:
    # French writes the first of a month as an ordinal: "1er décembre".
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def _year(year: int, lang: str) -> str:
    return f"{year} года" if lang == "ru" else str(year)


def un_day_month(day: dt.date, lang: str) -> str:
    """A day and its month, without the year: 4 December, 12月4日, 1er décembre, 4 de diciembre,
    4 декабря, 4 كانون الأول/ديسمبر."""
    lang = normalize_lang(lang)
    if lang == "zh":
        return f"{day.month}月{day.day}日"
    if lang == "es":
        return f"{day.day} de {month_name(day.month, lang)}"
    return f"{_day(day, lang)} {month_name(day.month, lang)}"


def un_date(day: dt.date, lang: str) -> str:
    """A date as the language's UN documents write it: 4 December 2017, 2017年12月4日,
    4 décembre 2017, 4 de diciembre de 2017, 4 декабря 2017 года, 4 كانون الأول/ديسمبر 2017."""
    lang = normalize_lang(lang)
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    if lang == "es":
        return f"{un_day_month(day, lang)} de {day.year}"
    return f"{un_day_month(day, lang)} {_year(day.year, lang)}"


def un_month_year(day: dt.date, lang: str) -> str:
    """A month of a year: December 2017, 2017年12月, décembre 2017, diciembre de 2017,
    декабрь 2017 года, كانون الأول/ديسمبر 2017."""
    lang = normalize_lang(lang)
    if lang == "zh":
        return f"{day.year}年{day.month}月"
    if lang == "es":
        return f"{month_name(day.month, lang)} de {day.year}"
    return f"{month_name(day.month, lang, standalone=True)} {_year(day.year, lang)}"


def _check(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValueError(f"a span of dates ends before it starts: {start.isoformat()} to {end.isoformat()}")


def _zh_range(start: dt.date, end: dt.date) -> str:
    # What the end repeats of the start is left out: 2017年12月4日至8日, 2022年11月28日至12月16日.
    if (start.year, start.month) == (end.year, end.month):
        tail = f"{end.day}日"
    elif start.year == end.year:
        tail = f"{end.month}月{end.day}日"
    else:
        tail = un_date(end, "zh")
    return f"{un_date(start, 'zh')}至{tail}"


def un_date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """The span from `start` to `end` as a UN cover, table or heading writes it (see the module's
    docstring): 4–8 December 2017, 28 November–16 December 2022, 2017年12月4日至8日,
    4-8 décembre 2017, 4 a 8 de diciembre de 2017, 4–8 декабря 2017 года,
    4-8 كانون الأول/ديسمبر 2017. One day is one date. Raises ValueError when `end` is before
    `start`."""
    lang = normalize_lang(lang)
    _check(start, end)
    if start == end:
        return un_date(start, lang)
    if lang == "zh":
        return _zh_range(start, end)
    same_month = (start.year, start.month) == (end.year, end.month)
    if lang == "es":
        if same_month:
            first = str(start.day)
        elif start.year == end.year:
            first = un_day_month(start, lang)
        else:
            first = un_date(start, lang)
        return f"{first} a {un_date(end, lang)}"
    if same_month:
        dash = EN_DASH if lang in ("en", "ru") else "-"
        return f"{_day(start, lang)}{dash}{un_date(end, lang)}"
    # Two day-and-month pairs: unspaced in English and French, spaced in Russian and Arabic.
    dash = {"en": EN_DASH, "fr": "-", "ru": f" {EN_DASH} ", "ar": " - "}[lang]
    first = un_day_month(start, lang) if start.year == end.year else un_date(start, lang)
    return f"{first}{dash}{un_date(end, lang)}"


def un_date_range_text(start: dt.date, end: dt.date, lang: str) -> str:
    """The span as a sentence of a UN document writes it, without the English "from": 4 to 8
    December 2017, du 4 au 8 décembre 2017, del 4 al 8 de diciembre de 2017, 4–8 декабря 2017 года,
    2017年12月4日至8日, من 4 إلى 8 كانون الأول/ديسمبر 2017. One day is one date."""
    lang = normalize_lang(lang)
    _check(start, end)
    if start == end:
        return un_date(start, lang)
    if lang in ("zh", "ru"):
        return un_date_range(start, end, lang)
    same_month = (start.year, start.month) == (end.year, end.month)
    if same_month:
        first = _day(start, lang)
    elif start.year == end.year:
        first = un_day_month(start, lang)
    else:
        first = un_date(start, lang)
    words = {"en": ("", " to "), "fr": ("du ", " au "), "es": ("del ", " al "), "ar": ("من ", " إلى ")}
    before, between = words[lang]
    return f"{before}{first}{between}{un_date(end, lang)}"
