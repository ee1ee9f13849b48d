"""What Django itself formats (the admin, a plain `|date`) agrees with the UN's forms too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import formats, translation

EXPECTED = {
    "ar": "4 كانون الأول/ديسمبر 2017",
    "zh-hans": "2017年12月4日",
    "en": "4 December 2017",
    "fr": "4 décembre 2017",
    "ru": "4 декабря 2017 года",
    "es": "4 de diciembre de 2017",
}


@pytest.mark.parametrize("code", list(EXPECTED))
def test_djangos_date_format_is_the_uns(code):
    with translation.override(code):
        assert formats.date_format(dt.date(2017, 12, 4), "DATE_FORMAT") == EXPECTED[code]


def test_the_arabic_month_names_are_double_in_every_month():
    with translation.override("ar"):
        assert formats.date_format(dt.date(2018, 6, 13), "DATE_FORMAT") == "13 حزيران/يونيه 2018"
        assert formats.date_format(dt.date(2018, 1, 2), "DATE_FORMAT") == "2 كانون الثاني/يناير 2018"
