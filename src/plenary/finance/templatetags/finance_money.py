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
