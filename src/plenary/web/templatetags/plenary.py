import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html

from plenary.core import dates, numbers
from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES, reader_lang, un_order

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ names|get_item:code }}: a dict's value in a template."""
    return (mapping or {}).get(key)


def _day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        # A moment is shown on the day it was where the secretariat works (settings.TIME_ZONE).
        return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    return value if isinstance(value, dt.date) else None


@register.filter
def un_date(value, lang=None):
    """{{ m.start|un_date }} or {{ m.start|un_date:lang }}: 4 December 2017, 2017年12月4日, ...
    in the page's language (or `lang`); "" for no date."""
    day = _day(value)
    return dates.un_date(day, reader_lang(lang)) if day else ""


@register.filter
def un_month(value, lang=None):
    """{{ day|un_month }}: December 2017, 2017年12月, декабрь 2017 года ..."""
    day = _day(value)
    return dates.un_month_year(day, reader_lang(lang)) if day else ""


@register.simple_tag
def un_dates(start, end, lang=None):
    """{% un_dates m.start m.end %}: the span as a UN cover writes it (4–8 December 2017,
    2017年12月4日至8日); one day is one date; one end missing gives the other; none gives ""."""
    start, end, code = _day(start), _day(end), reader_lang(lang)
    if start and end and start <= end:
        return dates.un_date_range(start, end, code)
    if start and end:
        return f"{dates.un_date(start, code)} – {dates.un_date(end, code)}"
    return dates.un_date(start or end, code) if (start or end) else ""


@register.filter
def un_money(value, currency="USD"):
    """{{ amount|un_money }} or {{ amount|un_money:"EUR" }}: an exact Decimal amount written as the
    page's language writes money (US$70,000.00, 70 000,00 $US, ...); "" for no amount."""
    if value is None or value == "":
        return ""
    return numbers.money(value, currency, reader_lang())


@register.filter
def un_number(value):
    """{{ count|un_number }}: a number grouped as the page's language groups it."""
    if value is None or value == "":
        return ""
    return numbers.number(value, reader_lang())


@register.filter
def english(value):
    """{{ note|english }}: a text the record holds in English only (a source note), marked as
    English, left to right, so that a reader (or a screen reader) on an Arabic or Chinese page
    knows it is not the page's language; it can be put inside a translated sentence."""
    if value is None or value == "":
        return ""
    return format_html("<span{}>{}</span>", written_in_one("en"), value)


@register.filter
def written_in(languages):
    """{{ report.languages|written_in }}: ` lang="en" dir="ltr"` for what a State wrote in one UN
    language (its text is not translated with the page); "" when it gave several or none."""
    codes = [code for code in (languages or []) if code in UN_LANGUAGES]
    return written_in_one(codes[0]) if len(codes) == 1 else ""


@register.filter
def written_in_one(code):
    """{{ entry.language|written_in_one }}: ` lang="en" dir="ltr"` (` lang="zh-Hans"`, ` dir="rtl"`
    for Arabic) for a text written in that one UN language; "" for a code that is not one."""
    if code not in UN_LANGUAGES:
        return ""
    return format_html(
        ' lang="{}" dir="{}"', "zh-Hans" if code == "zh" else code, "rtl" if code == "ar" else "ltr"
    )


@register.filter
def language_aside(code):
    """{{ entry.language|language_aside }}: beside a text written in another language than the
    page's, that language's name in brackets, in the reader's language (" (Anglais)"; "（英文）",
    with no space before a full-width bracket); "" on a page in the text's own language. The name
    alone, not "in English": French and Russian would want it in another form than the catalogue's
    ("en anglais", "на английском")."""
    from django.utils.translation import pgettext

    reader = reader_lang()
    if code not in UN_LANGUAGES or code == reader:
        return ""
    aside = pgettext("the language of a text, in brackets beside it", "(%(language)s)")
    return format_html(
        '{}<span class="language-aside">{}</span>',
        "" if reader == "zh" else " ",
        aside % {"language": language_names(code)},
    )


@register.filter
def language_names(codes):
    """{{ report.languages|language_names }} (or one code): the languages' names in the reader's language, in
    the UN's order, joined as the language joins a list ("Anglais, Français"; "الإنكليزية، الفرنسية")."""
    from django.utils.translation import gettext

    if isinstance(codes, str):  # one code
        codes = [codes]
    names = [
        gettext(LANGUAGE_NAMES_EN[code]) for code in un_order(c for c in (codes or []) if c in UN_LANGUAGES)
    ]
    return gettext(", ").join(names)
