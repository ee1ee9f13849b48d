"""The sponsorship pages in six languages: every text of their templates and views is in a
catalogue in each language, and amounts are written as each language writes money (Babel)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from plenary.core.numbers import money
from plenary.sponsorship import rules

SRC = Path(__file__).resolve().parents[2] / "src/plenary"
TEMPLATES = sorted(SRC.glob("*/templates/*/sponsorship/*.html"))
VIEWS = [SRC / "portal/sponsorship_views.py", SRC / "backoffice/sponsorship_views.py"]
LANGS = ["ar", "zh-hans", "fr", "ru", "es"]


def _texts() -> list[tuple[str, str]]:
    """(context, text) of each text of the pages; the context empty where there is none."""
    found = []
    for path in TEMPLATES:
        text = path.read_text()
        found += [("", t) for t in re.findall(r'{% translate "([^"]+)" %}', text)]
        found += [(c, t) for t, c in re.findall(r'{% translate "([^"]+)" context "([^"]+)" %}', text)]
        for body in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text, re.S):
            found.append(("", re.sub(r"{{ (\w+) }}", r"%(\1)s", body)))
    for path in VIEWS:
        text = path.read_text()
        found += [("", t) for t in re.findall(r'(?<!p)gettext_lazy\(\s*"([^"]+)"', text)]
        found += [("", t) for t in re.findall(r'[^\w]_\("([^"]+)"', text)]
        found += re.findall(r'pgettext(?:_lazy)?\(\s*"([^"]+)",\s*"([^"]+)"', text)
    found += [("", r.reason) for r in rules.load_rules()]
    return sorted(set(found))


def test_the_templates_and_views_have_texts():
    assert len(TEMPLATES) == 9 and len(_texts()) > 90


# Words written the same in a language and in English.
SAME = {"fr": {"Contributions", "Points", "Source", "Note"}, "es": {"No"}}


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_the_pages_is_translated(lang):
    with translation.override(lang):
        missing = [
            (c, t)
            for c, t in _texts()
            if (translation.pgettext(c, t) if c else translation.gettext(t)) == t
            and t not in SAME.get(lang, set())
        ]
    assert missing == []


@pytest.mark.parametrize(
    "lang, written",
    [
        ("en", "US$70,000.00"),
        ("fr", "70\u202f000,00\xa0$US"),
        ("es", "70.000,00\xa0US$"),
        ("ru", "70\xa0000,00\xa0$"),
        ("ar", "\u200f70,000.00\xa0US$"),
        ("zh", "US$70,000.00"),
    ],
)
def test_money_as_each_language_writes_it(lang, written):
    assert money(Decimal("70000.00"), "USD", lang) == written
    assert money(Decimal("0.05"), "USD", "en") == "US$0.05"


def test_the_public_page_in_french_groups_the_amounts(client, db):
    from plenary.core.actor import Actor
    from plenary.sponsorship import domain
    from plenary.sponsorship.models import Contribution
    from plenary.treaties.models import State

    Contribution.objects.all().delete()
    domain.record_contribution(
        donor=State.objects.get(code="CAN"),
        amount="70000.00",
        received_on=dt.date(2019, 3, 1),
        example=True,
        by=Actor.system("test"),
    )
    html = client.get("/fr/sponsorship/").content.decode()
    assert "Programme de parrainage" in html
    assert "70\u202f000,00\xa0$US" in html and "70000,00" not in html and "70000.00" not in html
    assert "(exemple)" in html
    html = client.get("/zh-hans/sponsorship/").content.decode()
    assert "资助方案" in html and "US$70,000.00" in html
