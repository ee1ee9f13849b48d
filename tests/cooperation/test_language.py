"""The language of an Article X entry: recorded for every offer and request (the existing rows, the
demo's English entries, given "en" by the migration), asked and checked by the domain, chosen in
the portal's form (the page's language first), read and written through the API, and shown on the
pages: the entry's texts marked with it (lang, dir), its name beside the title where the page is in
another language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connections
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse as reverse_in
from django.utils import translation

from plenary.cooperation import domain
from plenary.cooperation.models import Offer, Request
from plenary.core.audit import AuditEntry
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.languages import UN_LANGUAGES
from plenary.treaties.models import State
from tests.cooperation.conftest import offer_values, request_values

pytestmark = pytest.mark.django_db


def reverse(name, args=()):
    """The path of a page without a language prefix (a page read in Arabic leaves Arabic active)."""
    with translation.override("en"):
        return reverse_in(name, args=args)


def st(code):
    return State.objects.get(code=code)


SCRATCH = "language-migration"
MOMENT = dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)


def test_the_migration_gives_the_existing_entries_english():
    # On a database of its own (SQLite in memory), so that the session's database is not touched:
    # an offer recorded before the migration comes out of it written in English.
    settings = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "OPTIONS": {},
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    scratch = DatabaseWrapper(settings, alias=SCRATCH)
    scratch.ensure_connection()  # before it is named: the test case allows only "default" by name
    connections.settings[SCRATCH], connections[SCRATCH] = settings, scratch  # migrate() looks it up
    try:
        before, after = [("cooperation", "0001_initial")], [("cooperation", "0002_entry_language")]
        executor = MigrationExecutor(scratch)
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        fra = old.get_model("treaties", "State").objects.using(SCRATCH).create(code="FRA")
        old.get_model("cooperation", "Offer").objects.using(SCRATCH).create(
            state_id=fra.pk, title="Courses", description="A course.", contact="Desk", status="open",
            created_at=MOMENT, created_by="load", updated_at=MOMENT, demo=True,
        )  # fmt: skip
        MigrationExecutor(scratch).migrate(after)
        with scratch.cursor() as cursor:
            cursor.execute("SELECT title, language FROM cooperation_offer")
            assert cursor.fetchall() == [("Courses", "en")]
    finally:
        scratch.close()
        del connections[SCRATCH], connections.settings[SCRATCH]


def test_the_demo_entries_are_english():
    # The session's database holds the demo, loaded through the domain with language "en".
    assert set(Offer.objects.filter(demo=True).values_list("language", flat=True)) == {"en"}
    assert set(Request.objects.filter(demo=True).values_list("language", flat=True)) == {"en"}


@pytest.mark.parametrize("code", UN_LANGUAGES)
def test_an_entry_is_drafted_in_each_un_language(world, code):
    offer = domain.draft_offer(state=st("FRA"), by=world.actor("fra_cp"), **offer_values(language=code))
    request = domain.draft_request(st("FRA"), by=world.actor("fra_cp"), **request_values(language=code))
    offer.refresh_from_db(), request.refresh_from_db()
    assert (offer.language, request.language) == (code, code)
    entry = AuditEntry.objects.get(action="cooperation.offer", object_id=str(offer.pk))
    assert entry.after["language"] == code


@pytest.mark.parametrize("bad", ["EN", "de", "zh-Hans", "", None, 1, ["en"]])
def test_a_bad_language_is_refused_and_nothing_is_written(world, bad):
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError) as refused:
        domain.draft_offer(state=st("FRA"), by=world.actor("fra_cp"), **offer_values(language=bad))
    assert refused.value.english() == (
        f"the language of the entry is one of ar, zh, en, fr, ru, es, not {bad!r}"
    )
    with translation.override("fr"):
        assert str(refused.value) == (
            f"la langue de l'entrée est l'une de ar, zh, en, fr, ru, es, et non {bad!r}"
        )
    assert not Offer.objects.exists() and AuditEntry.objects.count() == before


def test_the_language_is_required(world):
    values = offer_values()
    del values["language"]
    with pytest.raises(DomainError, match="the language of the entry is one of .*, not None"):
        domain.draft_offer(state=st("FRA"), by=world.actor("fra_cp"), **values)
    assert not Offer.objects.exists()


def test_a_bad_language_is_refused_by_an_edit_too(world):
    offer = domain.draft_offer(state=st("FRA"), by=world.actor("fra_cp"), **offer_values())
    with pytest.raises(DomainError, match="language of the entry"):
        domain.edit_entry(offer, by=world.actor("fra_cp"), language="german")
    offer.refresh_from_db()
    assert offer.language == "en"


def test_the_language_of_a_submitted_entry_follows_the_other_fields(world):
    # A submitted entry is not frozen in this module: its national contact point (or the
    # secretariat) may still correct it, its language with its texts; an authorised user, who
    # drafts but does not submit, may not; once withdrawn, nothing changes.
    offer = domain.draft_offer(state=st("FRA"), by=world.actor("fra_auth"), **offer_values())
    domain.edit_entry(offer, by=world.actor("fra_auth"), language="fr")
    domain.submit_entry(offer, by=world.actor("fra_cp"))
    with pytest.raises(NotAllowed):
        domain.edit_entry(offer, by=world.actor("fra_auth"), language="es")
    offer.refresh_from_db()
    assert offer.language == "fr"
    domain.edit_entry(offer, by=world.actor("fra_cp"), language="en", title="Biosafety courses")
    edit = AuditEntry.objects.filter(action="cooperation.edit_offer").last()
    assert (edit.before["language"], edit.after["language"]) == ("fr", "en")
    domain.withdraw_entry(offer, by=world.actor("fra_cp"))
    with pytest.raises(Frozen):
        domain.edit_entry(offer, by=world.actor("fra_cp"), language="fr")
    offer.refresh_from_db()
    assert offer.language == "en"


def _selected(content: bytes) -> tuple[list[str], str, list[str]]:
    """The language select's codes, the one selected and the names shown."""
    select = re.search(rb'<select name="language"[^>]*>(.*?)</select>', content, re.S).group(1).decode()
    codes = re.findall(r'<option value="(\w+)"', select)
    chosen = re.findall(r'<option value="(\w+)"[^>]*selected', select)
    names = re.findall(r"<option [^>]*>([^<]*)</option>", select)
    return codes, (chosen[0] if chosen else ""), names


@pytest.mark.parametrize(
    ("prefix", "code", "names"),
    [
        ("", "en", ["Arabic", "Chinese", "English", "French", "Russian", "Spanish"]),
        ("/fr", "fr", ["Arabe", "Chinois", "Anglais", "Français", "Russe", "Espagnol"]),
        ("/ar", "ar", ["العربية", "الصينية", "الإنكليزية", "الفرنسية", "الروسية", "الإسبانية"]),
        ("/zh-hans", "zh", ["阿拉伯文", "中文", "英文", "法文", "俄文", "西班牙文"]),
    ],
)
def test_the_form_offers_the_un_languages_and_starts_in_the_pages(client, world, prefix, code, names):
    client.force_login(world["fra_cp"])
    page = client.get(prefix + reverse("portal:cooperation_new", args=["offer"]))
    assert page.status_code == 200
    codes, chosen, shown = _selected(page.content)
    assert (codes, chosen, shown) == (list(UN_LANGUAGES), code, names)


def test_the_form_saves_the_language_chosen_and_the_edit_form_starts_in_it(client, world):
    client.force_login(world["fra_cp"])
    data = {
        "provider": "state:FRA",
        "title": "Cours de biosécurité",
        "description": "Un cours de deux semaines.",
        "types": ["training"],
        "fields": ["biosafety"],
        "contact": "Bureau de la formation",
        "language": "fr",
        "action": "submit",
    }
    answer = client.post(reverse("portal:cooperation_new", args=["offer"]), data)
    made = Offer.objects.get()
    assert (answer.status_code, made.language, made.status) == (302, "fr", "open")
    edit = client.get(reverse("portal:cooperation_edit", args=["offer", made.pk]))
    assert _selected(edit.content)[1] == "fr"
    bad = client.post(reverse("portal:cooperation_new", args=["offer"]), {**data, "language": "de"})
    assert bad.status_code == 400 and b"Select a valid choice" in bad.content
    assert Offer.objects.count() == 1


def test_the_api_reads_and_writes_the_language(client, world):
    client.force_login(world["fra_cp"])
    body = {**offer_values(language="ru"), "state": "FRA", "submit": True}
    made = client.post("/api/cooperation/offers", body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["language"] == "ru"
    pk = made.json()["id"]
    assert Offer.objects.get(pk=pk).language == "ru"
    assert client.get(f"/api/cooperation/offers/{pk}").json()["language"] == "ru"
    asked = client.post(
        "/api/cooperation/requests",
        {**request_values(language="es"), "state": "FRA"},
        content_type="application/json",
    )
    assert (asked.status_code, asked.json()["language"], asked.json()["status"]) == (201, "es", "draft")
    spec = client.get("/api/openapi.json").json()
    out = spec["components"]["schemas"]["CooperationEntryOut"]["properties"]["language"]
    assert out["enum"] == list(UN_LANGUAGES) and "not translated" in out["description"]
    assert (
        "ar, zh, en, fr, ru or es"
        in spec["components"]["schemas"]["CooperationOfferIn"]["properties"]["language"]["description"]
    )


@pytest.mark.parametrize(
    ("accept", "detail"),
    [
        (None, "the language of the entry is one of ar, zh, en, fr, ru, es, not 'german'"),
        ("fr", "la langue de l'entrée est l'une de ar, zh, en, fr, ru, es, et non 'german'"),
    ],
)
def test_a_bad_language_through_the_api_is_a_400_with_the_reason(client, world, accept, detail):
    client.force_login(world["fra_cp"])
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    answer = client.post(
        "/api/cooperation/offers",
        {**offer_values(language="german"), "state": "FRA"},
        content_type="application/json",
        **headers,
    )
    assert (answer.status_code, answer.json()) == (400, {"detail": detail})
    assert not Offer.objects.exists()


def test_the_api_drafts_only_for_those_who_may(client, world):
    body = {**offer_values(), "state": "FRA"}
    assert client.post("/api/cooperation/offers", body, content_type="application/json").status_code == 401
    client.force_login(world["deu_fp"])
    answer = client.post("/api/cooperation/offers", body, content_type="application/json")
    assert answer.status_code == 403 and "only the people of FRA" in answer.json()["detail"]
    assert not Offer.objects.exists()


def _marks(content: str, text: str) -> list[str]:
    """The attributes of the elements that hold exactly `text`."""
    return re.findall(rf"<\w+((?: [\w-]+=\"[^\"]*\")*)>{re.escape(text)}<", content)


def test_an_arabic_page_of_an_english_offer_marks_its_texts_and_names_its_language(client, world):
    offer = domain.draft_offer(state=st("FRA"), submit=True, by=world.actor("fra_cp"), **offer_values())
    page = client.get("/ar" + reverse("web:cooperation_offer", args=[offer.pk])).content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert _marks(page, offer.title) == [' lang="en" dir="ltr"']
    assert _marks(page, offer.description) == [' lang="en" dir="ltr"']
    assert _marks(page, offer.contact) == [' lang="en" dir="ltr"']
    assert f'{offer.title}</span> <span class="language-aside">(الإنكليزية)</span>' in page
    assert '<dd class="entry-language">الإنكليزية</dd>' in page
    listing = client.get("/ar" + reverse("web:cooperation_offers")).content.decode()
    assert (
        f'lang="en" dir="ltr">{offer.title}</a> <span class="language-aside">(الإنكليزية)</span>' in listing
    )


def test_a_page_in_the_entrys_own_language_names_no_language_beside_the_title(client, world):
    offer = domain.draft_offer(state=st("FRA"), submit=True, by=world.actor("fra_cp"), **offer_values())
    page = client.get(reverse("web:cooperation_offer", args=[offer.pk])).content.decode()
    assert "language-aside" not in page
    assert _marks(page, offer.title) == [' lang="en" dir="ltr"']
    assert '<dd class="entry-language">English</dd>' in page


@pytest.mark.parametrize(
    ("code", "prefix", "marks", "aside"),
    [
        ("ar", "/fr", ' lang="ar" dir="rtl"', ' <span class="language-aside">(Arabe)</span>'),
        ("zh", "/ru", ' lang="zh-Hans" dir="ltr"', ' <span class="language-aside">(Китайский)</span>'),
        ("fr", "/zh-hans", ' lang="fr" dir="ltr"', '<span class="language-aside">（法文）</span>'),
        ("es", "/es", ' lang="es" dir="ltr"', ""),
    ],
)
def test_the_portal_entry_page_marks_the_texts_with_their_language(client, world, code, prefix, marks, aside):
    request = domain.draft_request(
        st("FRA"), submit=True, by=world.actor("fra_cp"), **request_values(language=code)
    )
    client.force_login(world["fra_cp"])
    page = client.get(
        prefix + reverse("portal:cooperation_entry", args=["request", request.pk])
    ).content.decode()
    assert _marks(page, request.title) == [marks]
    assert _marks(page, request.description) == [marks]
    assert f"{request.title}</span>{aside}" in page
