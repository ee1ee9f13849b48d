"""Pages write dates and spans of dates as the UN does, in each of the six languages."""

from __future__ import annotations

import re

import pytest
from django.utils import translation


def _(text: str, lang: str) -> str:
    with translation.override("zh-hans" if lang == "zh" else lang):
        return translation.gettext(text)


PREFIX = {"ar": "/ar", "zh": "/zh-hans", "en": "", "fr": "/fr", "ru": "/ru", "es": "/es"}

# The 2017 Meeting of States Parties, 4-8 December 2017.
MSP_2017 = {
    "ar": "4-8 كانون الأول/ديسمبر 2017",
    "zh": "2017年12月4日至8日",
    "en": "4–8 December 2017",
    "fr": "4-8 décembre 2017",
    "ru": "4–8 декабря 2017 года",
    "es": "4 a 8 de diciembre de 2017",
}
MSP_2018 = {
    "ar": "4-7 كانون الأول/ديسمبر 2018",
    "zh": "2018年12月4日至7日",
    "en": "4–7 December 2018",
    "fr": "4-7 décembre 2018",
    "ru": "4–7 декабря 2018 года",
    "es": "4 a 7 de diciembre de 2018",
}
# The Meeting of Experts 3 of 2018 sat for one day, 13 August 2018: one date.
MX3_2018 = {
    "ar": "13 آب/أغسطس 2018",
    "zh": "2018年8月13日",
    "en": "13 August 2018",
    "fr": "13 août 2018",
    "ru": "13 августа 2018 года",
    "es": "13 de agosto de 2018",
}


def dates_of(html: str) -> str:
    """The text of the meeting page's "Dates" entry, up to the count of days."""
    match = re.search(r'<dd id="meeting-dates">([^<(]*?)\s*(\(|</dd>)', html)
    assert match, html
    return match.group(1)


@pytest.mark.parametrize("lang", list(PREFIX))
def test_the_2017_meeting_page_gives_its_days_in_the_uns_form(client, db, lang):
    html = client.get(f"{PREFIX[lang]}/meetings/BWC/MSP/2017/").content.decode()
    assert dates_of(html) == MSP_2017[lang]


@pytest.mark.parametrize("lang", list(PREFIX))
def test_a_one_day_meeting_is_one_date(client, db, lang):
    html = client.get(f"{PREFIX[lang]}/meetings/BWC/MSP/2018/MX.3/").content.decode()
    assert dates_of(html) == MX3_2018[lang]


@pytest.mark.parametrize("lang", list(PREFIX))
def test_the_list_of_meetings_and_the_programme_write_spans_the_uns_way(client, db, lang):
    html = client.get(PREFIX[lang] + "/meetings/").content.decode()
    assert f"<td>{MSP_2017[lang]}</td>" in html
    assert "Dec." not in html and " – 2017" not in html
    html = client.get(PREFIX[lang] + "/programme/").content.decode()
    # The programme's cells carry a label for the phone-width card layout.
    assert f'<td data-label="{_("Dates", lang)}">{MSP_2018[lang]}</td>' in html
    assert f'<td data-label="{_("Dates", lang)}">{MX3_2018[lang]}</td>' in html


def test_the_status_page_and_the_home_page_write_dates_the_uns_way(client, db):
    html = client.get("/ru/status/?on=2017-12-08").content.decode()
    assert "8 декабря 2017 года" in html
    html = client.get("/zh-hans/").content.decode()
    assert "1972年4月10日" in html  # opened for signature
    assert "1975年3月26日" in html  # in force
