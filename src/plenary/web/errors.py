"""Error pages: 400, 403 (and a refused form token), 404 and 500 in the site's frame and the
reader's language (the language of the address's prefix), each saying why and how to go on. The
API answers JSON ({"detail": ...}) instead, as its own handlers do."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _page(request, status: int, **context) -> HttpResponse:
    if _is_api(request):
        detail = {
            400: "bad request",
            403: "forbidden",
            404: "not found",
            413: "request too large",
            500: "internal error",
        }[status]
        return JsonResponse({"detail": context.get("reason") or detail}, status=status)
    html = render_to_string("web/error.html", {"status": status, **context}, request=request)
    return HttpResponse(html, status=status)


def bad_request(request, exception=None) -> HttpResponse:
    return _page(request, 400)


def permission_denied(request, exception=None) -> HttpResponse:
    reason = str(exception) if exception is not None and str(exception) else ""
    return _page(request, 403, reason=reason)


def csrf_failure(request, reason: str = "") -> HttpResponse:
    """The form's token was missing or out of date (a page kept open past its session, cookies
    off): nothing was done; reloading the form and sending it again works."""
    if _is_api(request):
        return JsonResponse({"detail": f"CSRF check failed: {reason}"}, status=403)
    return _page(request, 403, csrf=True)


def request_too_large(request, length: int) -> HttpResponse:
    from plenary.core.numbers import size_words

    if _is_api(request):
        return JsonResponse(
            {
                "detail": f"the request is {length} bytes; at most {settings.UPLOAD_MAX_REQUEST_BYTES} are accepted"
            },
            status=413,
        )
    return _page(request, 413, sent=size_words(length), limit=size_words(settings.UPLOAD_MAX_BYTES))


def page_not_found(request, exception=None) -> HttpResponse:
    return _page(request, 404)


def server_error(request) -> HttpResponse:
    """The page in the frame; if the frame itself cannot be drawn (the database is down, say), a
    plain page in the reader's language."""
    try:
        return _page(request, 500)
    except Exception:
        log.exception("the 500 page could not be drawn in the site's frame")
    lang = get_language() or "en"
    try:
        home = reverse("web:home")
    except Exception:
        home = "/"
    title = _("Server error")
    text = _("Plenary could not answer because of an error on its side; the error has been recorded.")
    advice = _("Please try again in a moment. If you were sending a form, check whether it was saved first.")
    html = (
        f'<!doctype html><html lang="{"zh-Hans" if lang == "zh-hans" else escape(lang)}" dir="{"rtl" if get_language_bidi() else "ltr"}">'
        f'<head><meta charset="utf-8"><title>{escape(title)} · Plenary</title></head>'
        f"<body><h1>{escape(title)}</h1><p>{escape(text)}</p><p>{escape(advice)}</p>"
        f'<p><a href="{escape(home)}">Plenary</a></p></body></html>'
    )
    return HttpResponse(html, status=500)
