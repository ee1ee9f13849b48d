"""Sign-in throttling: per account, and per client address only at a far higher threshold; the
client address behind a trusted proxy; every sign-in, failure and sign-out in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db.models import F

from plenary.accounts import domain
from plenary.accounts.models import LoginAttempt
from plenary.core.actor import Actor
from plenary.core.models import AuditEntry

PASSWORDS = {"alice": "alice's long passphrase", "bob": "bob's long passphrase too"}


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # A hundred sign-ins with the real hasher take minutes; what is tested here is the counting.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def accounts(db):
    return {name: User.objects.create_user(name, f"{name}@example.org", pw) for name, pw in PASSWORDS.items()}


def sign_in(client, username, password, address="10.0.0.1", **headers):
    return client.post(
        "/accounts/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in_as(client) -> str | None:
    response = client.get("/api/me")
    return response.json()["username"] if response.status_code == 200 else None


def test_five_wrong_passwords_lock_the_account_not_the_others_at_the_address(client, accounts, settings):
    assert (settings.LOGIN_FAILURES_ALLOWED, settings.LOGIN_FAILURE_WINDOW_MINUTES) == (5, 15)
    for _ in range(5):
        assert sign_in(client, "alice", "wrong").status_code == 200
    refused = sign_in(client, "alice", PASSWORDS["alice"])
    assert refused.status_code == 429
    assert "Too many failed sign-ins for this account. Try again in 15 minutes." in refused.content.decode()
    assert signed_in_as(client) is None
    # The name in another case is the same account.
    assert sign_in(client, "ALICE", PASSWORDS["alice"]).status_code == 429
    # Bob, at the same address, signs in.
    assert sign_in(client, "bob", PASSWORDS["bob"]).status_code == 302
    assert signed_in_as(client) == "bob"
    # ... and his success does not unlock Alice.
    assert sign_in(client, "alice", PASSWORDS["alice"], address="10.0.0.2").status_code == 429


def test_a_success_for_an_account_starts_its_count_again(client, accounts):
    for _ in range(4):
        sign_in(client, "alice", "wrong")
    assert sign_in(client, "alice", PASSWORDS["alice"]).status_code == 302
    client.post("/accounts/sign-out/")
    for _ in range(4):
        sign_in(client, "alice", "wrong")
    assert sign_in(client, "alice", PASSWORDS["alice"]).status_code == 302


def test_many_failures_over_many_names_lock_the_address(client, accounts, settings):
    assert settings.LOGIN_ADDRESS_FAILURES_ALLOWED == 100
    for n in range(99):
        assert sign_in(client, f"guess{n}", "wrong", address="203.0.113.9").status_code == 200
    # Bob's success from there neither resets the address's count ...
    assert sign_in(client, "bob", PASSWORDS["bob"], address="203.0.113.9").status_code == 302
    client.post("/accounts/sign-out/")
    assert sign_in(client, "guess99", "wrong", address="203.0.113.9").status_code == 200
    # ... nor keeps the address from being locked at the hundredth failure, for every name.
    refused = sign_in(client, "alice", PASSWORDS["alice"], address="203.0.113.9")
    assert refused.status_code == 429
    assert (
        "Too many failed sign-ins from your network address. Try again in 15 minutes."
        in refused.content.decode()
    )
    assert sign_in(client, "bob", PASSWORDS["bob"], address="203.0.113.9").status_code == 429
    # Elsewhere Alice signs in: her account was never tried.
    assert sign_in(client, "alice", PASSWORDS["alice"], address="198.51.100.4").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_client_counts(client, accounts, settings):
    settings.TRUSTED_PROXIES = ["10.9.0.0/16"]
    settings.LOGIN_ADDRESS_FAILURES_ALLOWED = 3
    for n in range(3):
        sign_in(
            client, f"guess{n}", "wrong", address="10.9.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5"
        )
    assert set(LoginAttempt.objects.values_list("address", flat=True)) == {"203.0.113.5"}
    # The attacker behind the proxy is locked, whatever it writes into the header itself ...
    assert (
        sign_in(
            client, "bob", PASSWORDS["bob"], address="10.9.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5"
        ).status_code
        == 429
    )
    # ... while a delegate behind the same proxy is not.
    assert (
        sign_in(
            client, "bob", PASSWORDS["bob"], address="10.9.0.2", HTTP_X_FORWARDED_FOR="203.0.113.6"
        ).status_code
        == 302
    )


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(client, accounts, settings):
    settings.TRUSTED_PROXIES = ["10.9.0.0/16"]
    settings.LOGIN_ADDRESS_FAILURES_ALLOWED = 3
    for n in range(3):
        # A client trying a new forwarded address each time, to dodge the address count.
        sign_in(client, f"guess{n}", "wrong", address="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert set(LoginAttempt.objects.values_list("address", flat=True)) == {"203.0.113.5"}
    assert sign_in(client, "bob", PASSWORDS["bob"], address="203.0.113.5").status_code == 429


def test_the_wait_is_until_enough_failures_leave_the_window(accounts, settings):
    settings.LOGIN_FAILURES_ALLOWED = 2
    for _ in range(2):
        domain.record_sign_in("alice", None, succeeded=False, by=Actor.of(None))
    refusal = domain.sign_in_refusal("alice", None)
    assert refusal.reason == "account" and refusal.minutes == 15
    LoginAttempt.objects.update(at=F("at") - dt.timedelta(minutes=14))
    assert domain.sign_in_refusal("alice", None).minutes == 1
    LoginAttempt.objects.update(at=F("at") - dt.timedelta(minutes=2))
    assert domain.sign_in_refusal("alice", None) is None
    assert domain.sign_in_refused("alice", None) is None


def entries():
    return list(
        AuditEntry.objects.filter(action__startswith="account.sign").values_list(
            "action", "actor", "via", "object_type", "object_id", "after"
        )
    )


def test_every_sign_in_failure_and_sign_out_is_audited_without_the_password(client, accounts):
    alice = accounts["alice"]
    sign_in(client, "alice", "wrong password 1", address="203.0.113.5")
    sign_in(client, "nobody", "wrong password 2", address="203.0.113.5")
    sign_in(client, "alice", PASSWORDS["alice"], address="203.0.113.5")
    client.post("/accounts/sign-out/", REMOTE_ADDR="203.0.113.6")
    assert entries() == [
        ("account.sign_in_failed", "anonymous", "page", "auth.User", str(alice.pk),
         {"username": "alice", "address": "203.0.113.5"}),
        ("account.sign_in_failed", "anonymous", "page", "auth.User", "",
         {"username": "nobody", "address": "203.0.113.5"}),
        ("account.sign_in", "alice", "page", "auth.User", str(alice.pk),
         {"username": "alice", "address": "203.0.113.5"}),
        ("account.sign_out", "alice", "page", "auth.User", str(alice.pk),
         {"username": "alice", "address": "203.0.113.6"}),
    ]  # fmt: skip
    text = str(list(AuditEntry.objects.values_list("before", "after")))
    assert "wrong password" not in text and PASSWORDS["alice"] not in text


def test_the_admin_takes_no_password_so_nothing_is_tried_there(client, accounts):
    """One sign-in: /admin/login/ sends to Plenary's (where failures are counted and audited); a
    password posted to it signs no one in and is not even tried."""
    User.objects.create_superuser("root", "root@example.org", "a long admin passphrase")
    answer = client.post(
        "/admin/login/",
        {"username": "root", "password": "a long admin passphrase"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert (answer.status_code, answer["Location"]) == (302, "/accounts/sign-in/?next=/admin/")
    assert entries() == [] and not LoginAttempt.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_is_the_signed_in_persons_own(accounts):
    with pytest.raises(Exception, match="recorded for the user who signed in"):
        domain.record_sign_in(
            "alice", None, succeeded=True, by=Actor.of(accounts["bob"]), user=accounts["alice"]
        )
    assert not LoginAttempt.objects.exists() and not entries()


@pytest.mark.parametrize(
    ("lang", "reason", "minutes", "text"),
    [
        ("ru", "account", 15, "Слишком много неудачных попыток входа в эту учётную запись. Повторите попытку через 15 минут."),
        ("ru", "address", 2, "Слишком много неудачных попыток входа с вашего сетевого адреса. Повторите попытку через 2 минуты."),
        ("fr", "account", 1, "Trop de tentatives de connexion infructueuses pour ce compte. Réessayez dans 1 minute."),
        ("ar", "account", 5, "عدد كبير جداً من محاولات تسجيل الدخول الفاشلة لهذا الحساب. حاول مرة أخرى بعد 5 دقائق."),
        ("zh-hans", "address", 15, "来自您的网络地址的登录失败次数过多。请在15分钟后重试。"),
        ("es", "address", 1, "Demasiados intentos fallidos de inicio de sesión desde su dirección de red. Vuelva a intentarlo dentro de 1 minuto."),
        ("en", "address", 1, "Too many failed sign-ins from your network address. Try again in 1 minute."),
    ],
)  # fmt: skip
def test_the_refusal_says_how_long_in_six_languages(lang, reason, minutes, text):
    # (The accounts pages themselves are outside the language prefixes: they answer in English.)
    from django.utils import translation

    from plenary.accounts.views import _refusal_message

    with translation.override(lang):
        assert _refusal_message(domain.Refusal(reason, dt.timedelta(minutes=minutes))) == text
