"""What every page needs: the reader's language and direction, and the same page in the others."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language_bidi

from plenary.core.languages import normalize_lang, un_order
from plenary.web.middleware import ENGLISH_CHOSEN


def site(request) -> dict:
    code = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path()
    # One link per UN language, in the UN's order (AR, ZH, EN, FR, RU, ES), whatever order or
    # aliases (zh beside zh-hans) the settings list.
    first: dict[str, tuple[str, str]] = {}
    for lang, name in settings.LANGUAGES:
        first.setdefault(normalize_lang(lang), (lang, name))
    links = [
        {"code": lang, "name": name, "url": _switch_url(path, lang), "active": lang == code}
        for lang, name in (first[un] for un in un_order(first))
    ]
    return {
        "account_links": _account_links(request),
        "ui_lang": normalize_lang(code),
        "html_lang": normalize_lang(code) if code != "zh-hans" else "zh-Hans",
        "text_dir": "rtl" if get_language_bidi() else "ltr",
        "language_links": links,
    }


def _switch_url(path: str, lang: str) -> str:
    """The page in `lang`; English through /en/, which remembers the choice (see web.middleware)
    so that `/` no longer follows a browser that asks for another language."""
    url = translate_url(path, lang)
    if url == path and not _resolves(path):
        # An address no pattern matches (an error page): the same address under lang's prefix.
        url = _under_prefix(path, lang)
    return f"/{ENGLISH_CHOSEN}{url}" if lang == settings.LANGUAGE_CODE and url.startswith("/") else url


def _resolves(path: str) -> bool:
    try:
        resolve(unquote(urlsplit(path).path))
    except Resolver404:
        return False
    return True


def _under_prefix(path: str, lang: str) -> str:
    first, _slash, rest = path[1:].partition("/")
    if first in dict(settings.LANGUAGES):
        path = "/" + rest
    return path if lang == settings.LANGUAGE_CODE else f"/{lang}{path}"


# Pages for signed-in users, by role; other apps add theirs here (portal, back office).
ACCOUNT_PAGES: list[tuple[str, object, str]] = []  # (url name, predicate(user) -> bool, label)
# A count shown beside a page's link (the unread notifications), by url name: count(user) -> int.
ACCOUNT_BADGES: dict[str, object] = {}


def _account_links(request) -> list[dict]:
    from django.urls import NoReverseMatch, reverse

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    links = []
    for name, allowed, label in ACCOUNT_PAGES:
        try:
            if allowed(user):
                badge = ACCOUNT_BADGES.get(name)
                links.append({"url": reverse(name), "label": label, "badge": badge(user) if badge else 0})
        except NoReverseMatch:
            continue
    return links
