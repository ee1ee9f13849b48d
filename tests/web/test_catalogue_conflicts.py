"""No app's words hidden by the site's. Django gives the site's catalogue (src/plenary/locale, in
LOCALE_PATHS) priority over the apps' catalogues (src/plenary/<app>/locale): where an app translates
a msgid without context that the site also translates, differently, the site's words are the ones
shown on the app's pages and the app's are never seen. Where the app's words are the right ones in
its place, its use has a gettext context (pgettext, `{% translate "..." context "..." %}`) and the
app's catalogue has them under that msgctxt; where the site's are right, the app has no entry.
Between apps the same holds: the app earlier in INSTALLED_APPS wins, so a later app's entry that an
earlier app's translates otherwise is never shown either."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src/plenary"
SITE = SRC / "locale"
LANGS = ["ar", "zh_Hans", "fr", "ru", "es"]
APPS = sorted({po.parents[2] for po in SRC.glob("*/locale/*/LC_MESSAGES/django.po")} - {SITE})


def _catalogue(locale: Path, lang: str):
    with (locale / lang / "LC_MESSAGES" / "django.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def test_the_apps_catalogues_are_found():
    assert {p.parent.name for p in APPS} >= {"assistance", "cbm", "cooperation", "finance", "sponsorship"}


@pytest.mark.parametrize("locale", APPS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("lang", LANGS)
def test_no_app_entry_without_context_is_translated_otherwise_by_the_site(lang, locale):
    site = _catalogue(SITE, lang)
    hidden = []
    for message in _catalogue(locale, lang):
        if not message.id or message.context:
            continue
        theirs = site.get(message.id)
        if theirs is None or not any(theirs.string if isinstance(theirs.string, tuple) else [theirs.string]):
            continue
        if theirs.string != message.string:
            hidden.append((_key(message), theirs.string, message.string))
    assert hidden == [], (
        "the site's translation wins over the app's: give the app's use a context (pgettext) "
        "and its entry a msgctxt, or delete the app's entry if the site's words are right there"
    )


def _apps_in_djangos_order() -> list[Path]:
    """The apps' catalogues, the one Django prefers first (it merges INSTALLED_APPS in reverse)."""
    from django.apps import apps

    seen = []
    for config in apps.get_app_configs():
        locale = Path(config.path) / "locale"
        if locale in APPS and locale not in seen:
            seen.append(locale)
    return seen


def test_every_app_catalogue_is_an_installed_apps():
    assert sorted(_apps_in_djangos_order()) == APPS


@pytest.mark.parametrize("lang", LANGS)
def test_no_app_entry_is_translated_otherwise_by_an_app_django_prefers(lang):
    earlier: list[tuple[str, object]] = []
    hidden = []
    for locale in _apps_in_djangos_order():
        catalogue = _catalogue(locale, lang)
        for message in catalogue:
            if not message.id:
                continue
            for name, other in earlier:
                theirs = other.get(message.id, context=message.context)
                if theirs is not None and theirs.string and theirs.string != message.string:
                    hidden.append((locale.parent.name, name, message.context, _key(message)))
        earlier.append((locale.parent.name, catalogue))
    assert hidden == [], (
        "(app, the app Django prefers, context, msgid): give the later app's use a context of its "
        "own, or word its entry as the earlier app does"
    )


# What each app's context makes Django show (the catalogues as merged for a request).
SHOWN = [
    ("es", "cbm person", "Title", "Tratamiento"),
    ("ru", "cbm person", "Title", "Обращение"),
    ("zh-hans", "cbm person", "Title", "称谓"),
    ("zh-hans", "cbm person", "Name", "姓名"),
    ("es", "cbm reports", "No report yet.", "Todavía no hay informes."),
    ("es", "cbm report status", "draft", "borrador"),
    ("fr", "assistance offer", "withdrawn", "retirée"),
    ("fr", "assistance offer", "declined", "déclinée"),
    ("ru", "assistance request", "Withdraw the request", "Отозвать запрос"),
    ("fr", "Article X entry status", "withdrawn", "retirée"),
    ("fr", "count", "Number", "Nombre"),
    ("ru", "Article X entry", "Withdraw", "Отозвать"),
    ("fr", "invoice", "Issue", "Émettre"),
    ("fr", "invoice", "Issued on", "Émise le"),
    ("fr", "payment source", "From", "Provenance"),
    ("fr", "cost estimate", "issued", "publiée"),
    ("fr", "sponsorship application", "withdrawn", "retirée"),
    ("ru", "sponsorship application", "submitted", "подана"),
    ("fr", "sponsorship meetings", "None.", "Aucune."),
    # Where an app earlier in INSTALLED_APPS translated the same English otherwise.
    ("fr", "cbm report", "public", "public"),
    ("fr", "cbm report", "restricted to States Parties", "réservé aux États parties"),
    ("fr", "assistance request", "Submitted", "Soumise"),
    (
        "fr",
        "Article X entry",
        "entered by the secretariat on the State's behalf",
        "saisie par le secrétariat au nom de l’État",
    ),
    ("zh-hans", "cost estimate", "Meeting days", "会议天数"),
    ("fr", "sponsorship contribution", "Received on", "Reçue le"),
]


@pytest.mark.parametrize(("lang", "context", "msgid", "shown"), SHOWN)
def test_the_apps_words_are_shown_under_their_context(lang, context, msgid, shown):
    with translation.override(lang):
        assert translation.pgettext(context, msgid) == shown


@pytest.mark.parametrize(
    ("lang", "msgid", "shown"),
    [
        # Where the site's words are the right ones, they are the ones shown: a status column beside
        # a State column ("Estado") reads "Situación"; a language's name alone starts with a capital.
        ("es", "Status", "Situación"),
        ("fr", "Arabic", "Arabe"),
        ("fr", "Issue", "Publication"),  # a document's issue, not an invoice's
    ],
)
def test_the_sites_words_stay_where_they_are_right(lang, msgid, shown):
    with translation.override(lang):
        assert translation.gettext(msgid) == shown


def test_the_models_choices_carry_the_context():
    from plenary.assistance.models import OfferMatch
    from plenary.cbm.models import CbmReport
    from plenary.cooperation.models import Status
    from plenary.finance.models import CostEstimate
    from plenary.sponsorship.models import Application

    with translation.override("fr"):
        assert str(Status.WITHDRAWN.label) == "retirée"
        assert str(OfferMatch.Status.DECLINED.label) == "déclinée"
        assert str(Application.Status.SUBMITTED.label) == "soumise"
        assert str(CostEstimate.Status.ISSUED.label) == "publiée"
    with translation.override("es"):
        assert str(CbmReport.Status.DRAFT.label) == "borrador"
