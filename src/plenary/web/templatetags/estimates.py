"""Filters of the cost-estimate pages: amounts in whole dollars and quantities as the page's
language writes numbers (Babel, CLDR; plenary.finance.costing)."""

from decimal import Decimal

from django import template
from django.utils import translation

from plenary.core.languages import normalize_lang, pick_text
from plenary.finance import costing, estimate_queries

register = template.Library()


def _lang() -> str:
    try:
        return normalize_lang(translation.get_language() or "en")
    except ValueError:
        return "en"


@register.filter
def usd(value):
    """{{ line.amount|usd }}: 1,234,567 (en), 1 234 567 (fr) ...; "" for nothing."""
    if not isinstance(value, Decimal):
        return ""
    return costing.format_amount(value, _lang())


@register.filter
def qty(value):
    """{{ line.quantity|qty }}: 18, 1.5 (en), 1,5 (fr) ..."""
    if not isinstance(value, Decimal | int):
        return ""
    return costing.format_quantity(Decimal(value), _lang())


@register.filter
def rate_label(code):
    return estimate_queries.rate_label(code)


@register.filter
def unit_label(code):
    return estimate_queries.unit_label(code)


@register.filter
def in_lang(values):
    """{{ estimate.title|in_lang }}: the text in the page's language, else the English one."""
    values = values or {}
    return pick_text(values, _lang(), values.get("en", ""))
