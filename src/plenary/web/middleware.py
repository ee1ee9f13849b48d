"""The reader's language at the door.

English is unprefixed (`/meetings/`), the other languages have their prefix (`/zh-hans/meetings/`).
Django alone would answer `/` in English to every browser; here:

- `/` opens in the reader's language: the language they chose or last read the site in (the
  language cookie), else the first of the browser's languages (Accept-Language) that the site has
  (zh-CN and zh-Hans give Chinese, ar-EG Arabic, fr-CH French, es-419 Spanish); English and
  languages the site does not have stay on `/`.
- Reading a page in a language remembers it (the cookie), so that `/` opens in it next time.
- `/en/...` is English chosen: it remembers English and goes to the unprefixed page. The
  language switcher's English link points there, so that a reader whose browser asks for
  Chinese can still choose English.
- Other spellings of a prefix (`/zh/`, `/zh-cn/`, `/zh-Hans/`) go to the site's own (`/zh-hans/`),
  with the rest of the path and the query string.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_request

ENGLISH_CHOSEN = "en"  # the prefix that means "English, chosen"


def _aliases() -> dict[str, str]:
    """Prefix (lower case) -> the site's prefix, for the spellings browsers and people use."""
    aliases = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans", "zh-my": "zh-hans"}
    return {alias: code for alias, code in aliases.items() if code in dict(settings.LANGUAGES)}


def _remember(response, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )


class ReaderLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}
        self.aliases = _aliases()

    def __call__(self, request):
        path = request.path_info
        first, slash, rest = path[1:].partition("/")
        query = request.META.get("QUERY_STRING", "")
        suffix = f"?{query}" if query else ""
        lowered = first.lower()
        if request.method in ("GET", "HEAD"):
            if path == "/":
                code = get_language_from_request(request)
                if code != settings.LANGUAGE_CODE and code in self.codes:
                    response = HttpResponseRedirect(f"/{code}/{suffix}")
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
            elif lowered == ENGLISH_CHOSEN:
                response = HttpResponseRedirect(f"/{rest}{suffix}")
                _remember(response, settings.LANGUAGE_CODE)
                return response
            else:
                target = self.aliases.get(lowered) or (
                    lowered if lowered != first and lowered in self.codes else None
                )
                if target:
                    return HttpResponsePermanentRedirect(f"/{target}/{rest}{suffix}")
        response = self.get_response(request)
        if (
            first in self.codes
            and first != settings.LANGUAGE_CODE
            and request.method == "GET"
            and response.status_code == 200
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != first
            and response.get("Content-Type", "").startswith("text/html")
        ):
            _remember(response, first)
        return response
