"""Error pages in the site's frame and the reader's language, saying why and how to go on; JSON
under /api/. DEBUG is off, as in production."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings

FRAME = [
    'href="/static/web/site.css"',  # the site's style
    'class="quick-search"',  # its header, with the search box
    'nav class="languages"',  # and its language switcher
]
LANG = {
    "": ('lang="en" dir="ltr"', "/"),
    "/ar": ('lang="ar" dir="rtl"', "/ar/"),
    "/zh-hans": ('lang="zh-Hans" dir="ltr"', "/zh-hans/"),
}
NOT_FOUND = {
    "": ("Not found", "Plenary holds no record at this address:"),
    "/ar": ("الصفحة غير موجودة", "لا يحتفظ Plenary بأي سجل في هذا العنوان:"),
    "/zh-hans": ("未找到页面", "Plenary 在此地址没有任何记录："),
}


def ways_on(html: str) -> list[str]:
    block = re.search(r'<ul class="ways-on">(.*?)</ul>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"', block)


def in_frame(html: str, prefix: str) -> None:
    assert f"<html {LANG[prefix][0]}>" in html
    for part in FRAME:
        assert part in html


@pytest.mark.parametrize("prefix", ["", "/ar", "/zh-hans"])
@override_settings(DEBUG=False)
def test_not_found_in_the_frame_and_the_readers_language(client, db, prefix):
    response = client.get(prefix + "/meetings/BWC/NOPE/1999/")
    assert response.status_code == 404
    html = response.content.decode()
    in_frame(html, prefix)
    title, why = NOT_FOUND[prefix]
    assert f"<h1>{title} <small" in html
    assert why in html
    assert f'<code dir="ltr">{prefix}/meetings/BWC/NOPE/1999/</code>' in html
    home = LANG[prefix][1]
    assert ways_on(html) == [home, f"{home}meetings/", f"{home}search/"]


@override_settings(DEBUG=False)
def test_an_address_that_matches_nothing_is_a_framed_404_too(client, db):
    response = client.get("/ar/no/such/page?x=1")
    assert response.status_code == 404
    html = response.content.decode()
    in_frame(html, "/ar")
    # The language switcher still switches: the same address under each prefix.
    assert dict(re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang', html)) == {
        "/ar/no/such/page?x=1": "ar",
        "/zh-hans/no/such/page?x=1": "zh-hans",
        "/en/no/such/page?x=1": "en",
        "/fr/no/such/page?x=1": "fr",
        "/ru/no/such/page?x=1": "ru",
        "/es/no/such/page?x=1": "es",
    }


@pytest.mark.parametrize(
    ("prefix", "title", "why"),
    [
        ("", "Not allowed", "Your account does not give access to this page."),
        ("/ar", "غير مسموح", "حسابك لا يتيح الوصول إلى هذه الصفحة."),
        ("/zh-hans", "不允许访问", "您的账户无权访问此页面。"),
    ],
)
@override_settings(DEBUG=False)
def test_the_back_office_refuses_a_delegate_in_the_frame(client, people, prefix, title, why):
    client.force_login(people["fra_del"])
    response = client.get(prefix + "/office/")
    assert response.status_code == 403
    html = response.content.decode()
    in_frame(html, prefix)
    assert f"<h1>{title} <small" in html
    assert why in html
    home = LANG[prefix][1]
    assert ways_on(html) == [home, f"{home}meetings/", f"{home}search/"]  # signed in: no "Sign in"


@override_settings(DEBUG=False)
def test_the_portal_refuses_another_states_registration_in_the_frame(client, people):
    from plenary.participation.models import Delegation

    france = Delegation.objects.filter(state__code="FRA").order_by("pk").first()
    client.force_login(people["deu_fp"])
    response = client.get(f"/ar/portal/delegations/{france.pk}/")
    assert response.status_code == 403
    html = response.content.decode()
    in_frame(html, "/ar")
    assert "حسابك لا يتيح الوصول إلى هذه الصفحة." in html


@pytest.mark.parametrize(
    ("prefix", "sign_in"), [("", "Sign in"), ("/ar", "تسجيل الدخول"), ("/zh-hans", "登录")]
)
@override_settings(DEBUG=False)
def test_an_anonymous_reader_refused_is_offered_to_sign_in(rf, db, prefix, sign_in):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.utils import translation

    from plenary.web.errors import permission_denied

    request = rf.get(prefix + "/portal/speakers/")
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = {"": "en", "/ar": "ar", "/zh-hans": "zh-hans"}[prefix]
    with translation.override(request.LANGUAGE_CODE):
        html = permission_denied(request, PermissionDenied()).content.decode()
    in_frame(html, prefix)
    home = LANG[prefix][1]
    assert ways_on(html) == [
        f"/accounts/sign-in/?next={prefix}/portal/speakers/",
        home,
        f"{home}meetings/",
        f"{home}search/",
    ]
    assert f'rel="nofollow">{sign_in}</a>' in html


@override_settings(DEBUG=False)
def test_a_refused_form_token_says_so_and_nothing_is_done(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/ar/portal/notifications/read/")
    assert response.status_code == 403
    html = response.content.decode()
    in_frame(html, "/ar")
    assert "تعذر إرسال الاستمارة" in html


SERVER_ERROR = {
    "": (
        "Server error",
        "Plenary could not answer because of an error on its side; the error has been recorded.",
    ),
    "/ar": ("خطأ في الخادم", "تعذر على Plenary الرد بسبب خطأ من جانبه؛ وقد سُجل الخطأ."),
    "/zh-hans": ("服务器错误", "由于 Plenary 自身出错，无法作出回应；该错误已记录在案。"),
}


@pytest.mark.parametrize("prefix", ["", "/ar", "/zh-hans"])
@override_settings(DEBUG=False, ROOT_URLCONF="tests.web.error_urls")
def test_a_server_error_in_the_frame_and_the_readers_language(db, prefix):
    client = Client(raise_request_exception=False)
    response = client.get(prefix + "/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    in_frame(html, prefix)
    title, why = SERVER_ERROR[prefix]
    assert f"<h1>{title} <small" in html
    assert why in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.web.error_urls")
def test_a_server_error_without_the_frame_is_still_in_the_readers_language(db, monkeypatch):
    import plenary.web.errors

    def broken(*args, **kwargs):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(plenary.web.errors, "render_to_string", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/ar/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert html.startswith('<!doctype html><html lang="ar" dir="rtl">')
    assert "<h1>خطأ في الخادم</h1>" in html
    assert '<a href="/ar/">Plenary</a>' in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.web.error_urls")
def test_the_api_answers_errors_in_json(client, db, people):
    unknown = client.get("/api/no-such-endpoint")
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"detail": "no such resource: /api/no-such-endpoint"},
    )
    response = client.get("/api/meetings/BWC/NOPE/1999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert set(response.json()) == {"detail"}
    broken = Client(raise_request_exception=False).get("/api/boom-outside-ninja/")
    assert (broken.status_code, broken.json()) == (500, {"detail": "internal error"})
