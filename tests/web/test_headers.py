"""The security headers of every answer, behind a TLS proxy as in production (README, "Deployment:
behind a reverse proxy"): the pages, the admin, the API and its docs, the error pages and the
static files carry the Content-Security-Policy, HSTS, X-Frame-Options, Permissions-Policy,
Referrer-Policy and Cross-Origin-Opener-Policy; stored files keep their own policy, their ETag and
their byte ranges; plain HTTP is sent to HTTPS, /health excepted; cookies are HTTPS-only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from plenary.documents.models import IssuedFile
from tests.helpers import body

REPO = Path(__file__).resolve().parents[2]
HOST = "plenary.example.org"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS = (
    "accelerometer=(), bluetooth=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=(), xr-spatial-tracking=()"
)
PAGE = {
    "Content-Security-Policy": CSP,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS,
}
# A file is not one of Plenary's pages: the same headers, without the site's policy.
FILE = {**PAGE, "Content-Security-Policy": None}
STORED_HTML = {
    **PAGE,
    "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "font-src data:; frame-ancestors 'none'",
}


def headers_of(response) -> dict[str, str | None]:
    return {name: response.get(name) for name in PAGE}


@pytest.fixture
def behind_the_proxy(settings):
    """The settings BEHIND_TLS_PROXY=1 gives (test_the_environment_turns_https_on), for this process."""
    settings.ALLOWED_HOSTS = [HOST]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.LANGUAGE_COOKIE_SECURE = True
    return settings


@pytest.fixture
def https(behind_the_proxy):
    """A browser reaching Plenary through the TLS proxy."""
    return Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")


@pytest.mark.parametrize(
    "path, status, kind",
    [
        ("/", 200, "text/html; charset=utf-8"),
        ("/fr/meetings/", 200, "text/html; charset=utf-8"),
        ("/accounts/sign-in/", 200, "text/html; charset=utf-8"),  # the admin signs in here too
        ("/api/meetings", 200, "application/json; charset=utf-8"),
        ("/api/meetings/BWC/NOPE/1", 404, "application/json; charset=utf-8"),
        ("/api/docs", 200, "text/html; charset=utf-8"),
        ("/api/openapi.json", 200, "application/json"),
        ("/no-such-page/", 404, "text/html; charset=utf-8"),
        ("/static/web/site.css", 200, 'text/css; charset="utf-8"'),
        ("/static/web/htmx.min.js", 200, 'text/javascript; charset="utf-8"'),
    ],
)
def test_every_page_carries_the_headers(https, db, path, status, kind):
    response = https.get(path)
    assert (response.status_code, response["Content-Type"]) == (status, kind)
    assert headers_of(response) == PAGE


def test_the_admin_signed_in_carries_them(https, db):
    https.force_login(User.objects.create_superuser("root", "root@example.org", None))
    response = https.get("/admin/")
    assert response.status_code == 200
    assert headers_of(response) == PAGE


def test_a_server_error_page_carries_them(behind_the_proxy, db):
    behind_the_proxy.ROOT_URLCONF = "tests.web.error_urls"
    client = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False)
    page, api = client.get("/boom/"), client.get("/api/boom-outside-ninja/")
    assert (page.status_code, page["Content-Type"]) == (500, "text/html; charset=utf-8")
    assert (api.status_code, api["Content-Type"]) == (500, "application/json")
    assert headers_of(page) == headers_of(api) == PAGE


def test_an_issued_file_keeps_its_own_policy_its_etag_and_its_ranges(https, db):
    pdf = IssuedFile.objects.get(document__symbol="BWC/MSP/2017/6", lang="zh", fmt="pdf")
    with pdf.file.open("rb") as handle:
        stored = handle.read()
    whole = https.get("/documents/BWC/MSP/2017/6/read/zh.pdf")
    assert (whole.status_code, whole["ETag"], whole["Accept-Ranges"]) == (200, f'"{pdf.sha256}"', "bytes")
    assert body(whole) == stored
    assert headers_of(whole) == FILE
    part = https.get("/documents/BWC/MSP/2017/6/read/zh.pdf", HTTP_RANGE="bytes=0-9")
    assert (part.status_code, part["Content-Range"], body(part)) == (
        206,
        f"bytes 0-9/{len(stored)}",
        stored[:10],
    )
    assert headers_of(part) == FILE
    again = https.get("/documents/BWC/MSP/2017/6/read/zh.pdf", HTTP_IF_NONE_MATCH=f'"{pdf.sha256}"')
    assert (again.status_code, again["ETag"]) == (304, f'"{pdf.sha256}"')
    # The API's download of the same bytes, as an attachment.
    download = https.get("/api/documents/BWC/MSP/2017/6/versions/zh")
    assert (download.status_code, download["ETag"], body(download)) == (200, f'"{pdf.sha256}"', stored)
    assert download["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017_6-ZH.pdf"'
    assert headers_of(download) == FILE


def test_the_reports_html_is_sandboxed(https, db):
    response = https.get("/documents/BWC/MSP/2017/6/read/en.html")
    assert response.status_code == 200
    assert headers_of(response) == STORED_HTML


def test_plain_http_is_sent_to_https_but_health_answers(behind_the_proxy, db):
    plain = Client(HTTP_HOST=HOST)
    response = plain.get("/meetings/?year=2017")
    assert (response.status_code, response["Location"]) == (301, f"https://{HOST}/meetings/?year=2017")
    assert "Strict-Transport-Security" not in response  # HSTS is for HTTPS answers alone
    health = plain.get("/health")
    assert (health.status_code, health["Content-Type"], health.content) == (
        200,
        "text/plain; charset=utf-8",
        b"ok\n",
    )
    assert health["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https").get("/health").status_code == 200


def test_health_says_when_the_database_is_gone(behind_the_proxy, db, monkeypatch, caplog):
    from django.db.utils import OperationalError

    from plenary.web import health

    class Gone:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Gone())
    response = Client(HTTP_HOST=HOST).get("/health")
    assert (response.status_code, response.content) == (503, b"database unreachable\n")
    assert "health: the database does not answer: connection refused" in caplog.text


def test_health_takes_no_post(behind_the_proxy, db):
    assert Client(HTTP_HOST=HOST).post("/health").status_code == 405


def test_cookies_go_over_https_only(https, db):
    sign_in = https.get("/accounts/sign-in/")
    assert sign_in.status_code == 200
    assert sign_in.cookies["csrftoken"]["secure"] is True
    french = https.get("/fr/")
    assert french.cookies["django_language"]["secure"] is True


def test_a_form_through_the_proxy_passes_the_csrf_check_without_trusted_origins(behind_the_proxy, db):
    """The proxy passes Host and X-Forwarded-Proto: the browser's Origin is the site's own, so
    CSRF_TRUSTED_ORIGINS is not needed; an http:// origin (a downgraded page) is refused."""
    assert behind_the_proxy.CSRF_TRUSTED_ORIGINS == []
    browser = Client(enforce_csrf_checks=True, HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    browser.get("/accounts/sign-in/")
    token = browser.cookies["csrftoken"].value
    form = {"language": "fr", "next": "/", "csrfmiddlewaretoken": token}
    sent = browser.post("/i18n/setlang/", form, HTTP_ORIGIN=f"https://{HOST}")
    assert (sent.status_code, sent["Location"]) == (302, "/fr/")
    refused = browser.post("/i18n/setlang/", form, HTTP_ORIGIN=f"http://{HOST}")
    assert refused.status_code == 403


def _settings_in_a_new_process(tmp_path, **env) -> dict:
    names = [
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
    ]
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    ours = ("BEHIND_TLS_PROXY", "SECURE_COOKIES", "SSL_REDIRECT", "HSTS_")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    environ |= {
        "DJANGO_SETTINGS_MODULE": "plenary.settings",
        "PYTHONPATH": str(REPO / "src"),
        "PLENARY_VAR_DIR": str(tmp_path),
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True, cwd=REPO
    )
    return json.loads(done.stdout)


def test_the_environment_turns_https_on(tmp_path):
    year = 365 * 24 * 3600
    assert _settings_in_a_new_process(tmp_path) == {
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "LANGUAGE_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": year,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
    }
    behind = {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": year,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
    }
    assert _settings_in_a_new_process(tmp_path, BEHIND_TLS_PROXY="1") == behind
    # Each can be turned off on its own.
    assert _settings_in_a_new_process(
        tmp_path,
        BEHIND_TLS_PROXY="1",
        SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        HSTS_SECONDS="3600",
        HSTS_INCLUDE_SUBDOMAINS="0",
        HSTS_PRELOAD="0",
    ) == behind | {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "LANGUAGE_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
    }
