"""The security headers of every answer beside Django's own (SecurityMiddleware: HSTS, nosniff,
Referrer-Policy, Cross-Origin-Opener-Policy, the HTTPS redirect; XFrameOptionsMiddleware): the
Content-Security-Policy of the pages and the Permissions-Policy.

A middleware of Plenary's rather than django-csp: the pages need no nonce (every script is a
file), so what is left is one fixed header; django-csp 4.0 builds it by walking a set, so that
its directives come in another order in each server process. Django 6 has this built in
(SECURE_CSP, the same shape as here), once Plenary can move to Python 3.12."""

from __future__ import annotations

from django.conf import settings

# A stored HTML file (a report as issued, an agenda's preview) shown as a page of its own: its
# stylesheet is inline, no script runs in it, it loads nothing, nothing may frame it.
STORED_HTML_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "frame-ancestors 'none'"
)


def policy(directives: dict[str, list[str]]) -> str:
    """The header's value, directives in the order given: "default-src 'self'; img-src 'self' data:"."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def _debug_page(response) -> bool:
    """Django's technical 404 and 500 pages (DEBUG on, never in production) style and script
    themselves inline."""
    return settings.DEBUG and response.status_code in (404, 500)


class SecurityHeadersMiddleware:
    """Content-Security-Policy (settings.SECURE_CSP) on every answer that is a page: Plenary's
    pages, the admin, the API and its docs, the error pages, the static files. A file (an answer
    with Content-Disposition: an issued PDF shown inline, a download) is not one of Plenary's
    pages: it keeps the policy its view gave it (STORED_HTML_POLICY for HTML) or none, since the
    browser's own PDF viewer runs scripts that the site's policy would refuse.

    Permissions-Policy on every answer: each feature of settings.PERMISSIONS_POLICY refused to
    every origin."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = policy(getattr(settings, "SECURE_CSP", {}))
        self.permissions = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.csp and not response.has_header("Content-Disposition") and not _debug_page(response):
            response.setdefault("Content-Security-Policy", self.csp)
        if self.permissions:
            response.setdefault("Permissions-Policy", self.permissions)
        return response
