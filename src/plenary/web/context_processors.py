"""What every page needs: the reader's language and direction, and the same page in the others."""

from __future__ import annotations

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_bidi

from plenary.core.languages import normalize_lang, un_order


def site(request) -> dict:
    code = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    path = request.get_full_path()
    # One link per UN language, in the UN's order (AR, ZH, EN, FR, RU, ES), whatever order or
    # aliases (zh beside zh-hans) the settings list.
    first: dict[str, tuple[str, str]] = {}
    for lang, name in settings.LANGUAGES:
        first.setdefault(normalize_lang(lang), (lang, name))
    links = [
        {"code": lang, "name": name, "url": translate_url(path, lang), "active": lang == code}
        for lang, name in (first[un] for un in un_order(first))
    ]
    return {
        "account_links": _account_links(request),
        "ui_lang": normalize_lang(code),
        "html_lang": normalize_lang(code) if code != "zh-hans" else "zh-Hans",
        "text_dir": "rtl" if get_language_bidi() else "ltr",
        "language_links": links,
    }


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
