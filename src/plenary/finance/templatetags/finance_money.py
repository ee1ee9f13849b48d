"""`{{ amount|money }}`: an amount as the page's language writes it (Babel), two decimals always."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import translation

from plenary.core.languages import normalize_lang
from plenary.finance.statement import money as format_money

register = template.Library()


@register.filter
def money(value) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    try:
        lang = normalize_lang(translation.get_language() or "en")
    except ValueError:
        lang = "en"
    return format_money(value, lang)


@register.filter
def rate(value, places: int = 3) -> str:
    """A rate (per cent on the scale, three places; an adjusted rate, twelve) as the language
    writes decimals, never with a separator of thousands that would read 4.859 as 4,859."""
    from babel.numbers import format_decimal

    from plenary.finance.statement import BABEL

    if value is None or value == "":
        return ""
    try:
        lang = normalize_lang(translation.get_language() or "en")
    except ValueError:
        lang = "en"
    pattern = "0." + "0" * int(places)
    return format_decimal(Decimal(str(value)), format=pattern, locale=BABEL.get(lang, lang))
