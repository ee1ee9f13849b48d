"""Amounts of money and numbers as each UN language writes them, by Babel (CLDR): "US$70,000.00"
in English, "70 000,00 $US" in French (narrow no-break spaces as CLDR gives them), "70.000,00 US$"
in Spanish, "70 000,00 $" in Russian, "US$70,000.00" in Chinese, and in Arabic with the
right-to-left mark CLDR puts before it. The amount is a Decimal and stays exact: Babel formats
the Decimal itself, with the currency's two digits, never through a float."""

from __future__ import annotations

import math
from decimal import Decimal

from babel.numbers import format_currency, format_decimal

from plenary.core.dates import BABEL_LOCALES


def _locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, BABEL_LOCALES["en"])


def money(amount: Decimal | int | str, currency: str, lang: str) -> str:
    """`amount` in `currency` as `lang` writes it (lang is a UN code: ar, zh, en, fr, ru, es)."""
    value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    return format_currency(value, currency, locale=_locale(lang))


def number(value: Decimal | int, lang: str) -> str:
    """A count or a decimal grouped as `lang` writes it ("1 234" in French)."""
    return format_decimal(value, locale=_locale(lang))


MB = 1024 * 1024


def size_words(size: int) -> str:
    """A size in bytes as the reader reads it, in Django's own translated units (the site's
    `filesizeformat` speaks the same) in the active language: 20 MB, 1.5 MB (1,5 Mio in French),
    300 KB, 205 bytes. Rounded up to a tenth, so that a file just over a limit never reads as
    the limit."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext, ngettext

    if size < 1024:
        return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
    unit, text = (MB, gettext("%s MB")) if size >= MB else (1024, gettext("%s KB"))
    if size % unit == 0:
        return text % number_format(size // unit, 0)
    return text % number_format(math.ceil(size * 10 / unit) / 10, 1)
