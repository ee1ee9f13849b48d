"""Filters of the cost-estimate pages: amounts in whole dollars and quantities as the page's
language writes numbers (Babel, CLDR; plenary.finance.costing)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from plenary.core.languages import LANGUAGE_NAMES_EN, pick, reader_lang
from plenary.finance import costing, estimate_queries

register = template.Library()


@register.filter
def usd(value):
    """{{ line.amount|usd }}: 1,234,567 (en), 1 234 567 (fr) ...; "" for nothing."""
    if not isinstance(value, Decimal):
        return ""
    return costing.format_amount(value, reader_lang())


@register.filter
def qty(value):
    """{{ line.quantity|qty }}: 18, 1.5 (en), 1,5 (fr) ..."""
    if not isinstance(value, Decimal | int):
        return ""
    return costing.format_quantity(Decimal(value), reader_lang())


@register.filter
def rate_label(code):
    return estimate_queries.rate_label(code)


@register.filter
def unit_label(code):
    return estimate_queries.unit_label(code)


@register.filter
def in_lang(values):
    """{{ estimate.title|in_lang }}: the text in the page's language; else the English (or first)
    one, marked with its language and "(English)" so that a fallback is visible."""
    picked = pick(values or {}, reader_lang())
    if picked is None:
        return ""
    if not picked.fallback:
        return picked.text
    # The language's name from the site's catalogue ("Anglais", "英文" ...).
    name = gettext(LANGUAGE_NAMES_EN.get(picked.lang, picked.lang))
    return format_html('<span lang="{}">{}</span> <small>({})</small>', picked.lang, picked.text, name)
