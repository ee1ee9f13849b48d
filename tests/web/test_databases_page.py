"""The page that leads from the main menu to the public pages of the treaty's databases."""

from __future__ import annotations

import re

import pytest

LINKS = ["cbm/", "cbm/figures/", "cooperation/", "sponsorship/", "finance/estimates/", "figures/"]


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("", "The treaty's databases"),
        ("/fr", "Les bases de données de la Convention"),
        ("/es", "Las bases de datos de la Convención"),
        ("/ru", "Базы данных Конвенции"),
        ("/zh-hans", "《公约》的数据库"),
        ("/ar", "قواعد بيانات الاتفاقية"),
    ],
)
def test_the_menu_leads_to_every_public_database_page_in_the_readers_language(client, db, prefix, title):
    home = client.get(f"{prefix}/").content.decode()
    assert f'href="{prefix}/databases/"' in home
    page = client.get(f"{prefix}/databases/")
    assert page.status_code == 200
    html = page.content.decode()
    assert re.search(r"<h1>(.*?)</h1>", html).group(1).replace("&#x27;", "'") == title
    listing = re.search(r'<ul class="databases">(.*?)</ul>', html, re.S).group(1)
    links = re.findall(r'<a href="([^"]+)"', listing)
    assert sorted(links) == sorted(f"{prefix}/{link}" for link in LINKS)
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_databases_page_takes_no_writes(client, db):
    assert client.post("/databases/").status_code == 405
