"""`/` opens in the reader's language; other spellings of a prefix lead to the site's own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("accept", "where"),
    [
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("zh", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("zh-TW", "/zh-hans/"),
        ("ar-EG,ar;q=0.9,en;q=0.5", "/ar/"),
        ("fr-CH, fr;q=0.9, en;q=0.8", "/fr/"),
        ("ru", "/ru/"),
        ("es-419", "/es/"),
        ("de-DE,de;q=0.9,es;q=0.7", "/es/"),  # no German: the browser's next language
    ],
)
def test_home_follows_the_browsers_language(client, db, accept, where):
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == where
    assert "Accept-Language" in response["Vary"]
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("accept", ["en-US,en;q=0.9", "en-GB", "de-DE,de;q=0.9", "ja", "", "*"])
def test_english_and_languages_the_site_lacks_stay_on_home(client, db, accept):
    response = client.get("/", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 200
    assert '<html lang="en" dir="ltr">' in response.content.decode()


def test_the_query_string_goes_along(client, db):
    response = client.get("/?from=mail", headers={"accept-language": "ru"})
    assert response["Location"] == "/ru/?from=mail"


def test_only_home_follows_the_browser(client, db):
    response = client.get("/meetings/", headers={"accept-language": "zh-CN"})
    assert response.status_code == 200


def test_a_chosen_language_wins_over_the_browser(client, db):
    client.cookies["django_language"] = "fr"
    assert client.get("/", headers={"accept-language": "zh-CN"})["Location"] == "/fr/"
    client.cookies["django_language"] = "en"
    assert client.get("/", headers={"accept-language": "zh-CN"}).status_code == 200


def test_set_language_is_a_choice_too(client, db):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    assert client.get("/", headers={"accept-language": "zh-CN"})["Location"] == "/ar/"


def test_reading_in_a_language_remembers_it(client, db):
    response = client.get("/ru/meetings/")
    assert response.cookies["django_language"].value == "ru"
    assert client.get("/", headers={"accept-language": "zh-CN"})["Location"] == "/ru/"
    # Once remembered, later pages do not set it again.
    assert "django_language" not in client.get("/ru/states/").cookies


def test_english_chosen_in_the_switcher_is_remembered(client, db):
    # A Chinese browser on the Chinese home page clicks English: it stays English.
    html = client.get("/zh-hans/meetings/BWC/MSP/2017/").content.decode()
    assert '<a href="/en/meetings/BWC/MSP/2017/" lang="en" hreflang="en">English</a>' in html
    response = client.get("/en/meetings/BWC/MSP/2017/?x=1")
    assert (response.status_code, response["Location"]) == (302, "/meetings/BWC/MSP/2017/?x=1")
    assert response.cookies["django_language"].value == "en"
    assert client.get("/", headers={"accept-language": "zh-CN"}).status_code == 200
    assert client.get("/en")["Location"] == "/"


@pytest.mark.parametrize(
    ("asked", "where"),
    [
        ("/zh/", "/zh-hans/"),
        ("/zh", "/zh-hans/"),
        ("/zh/meetings/BWC/MSP/2017/", "/zh-hans/meetings/BWC/MSP/2017/"),
        ("/zh/search/?q=%E4%BC%9A%E8%AE%AE", "/zh-hans/search/?q=%E4%BC%9A%E8%AE%AE"),
        ("/zh-CN/states/", "/zh-hans/states/"),
        ("/zh-Hans/status/", "/zh-hans/status/"),
        ("/AR/meetings/", "/ar/meetings/"),
    ],
)
def test_other_spellings_of_a_prefix_lead_to_the_sites_own(client, db, asked, where):
    response = client.get(asked)
    assert (response.status_code, response["Location"]) == (301, where)
    assert client.get(where).status_code == 200


def test_zh_pages_are_chinese(client, db):
    html = client.get("/zh/meetings/", follow=True).content.decode()
    assert '<html lang="zh-Hans" dir="ltr">' in html
