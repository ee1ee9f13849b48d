"""Accounts: the one-time-password rule, sign-in with throttling, API tokens, password reset, roles
(the second factor: test_second_factor.py)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django_otp.oath import TOTP

from plenary.accounts import domain
from plenary.accounts.models import LoginAttempt, Role
from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.models import AuditEntry
from plenary.treaties.models import State
from tests import authenticator

RFC_KEY = b"12345678901234567890"  # RFC 6238's SHA-1 key


@pytest.mark.parametrize(
    ("at", "code"),
    [
        (59, "287082"),
        (1111111109, "081804"),
        (1111111111, "050471"),
        (1234567890, "005924"),
        (2000000000, "279037"),
        (20000000000, "353130"),
    ],
)
def test_the_codes_match_the_rfc_6238_vectors(at, code):
    """django-otp's TOTP (what the server checks) and the tests' own authenticator agree with the
    RFC's vectors (the RFC gives eight digits; six are their last six)."""
    totp = TOTP(RFC_KEY, step=30, t0=0, digits=6)
    totp.time = at
    assert f"{totp.token():06d}" == code
    assert authenticator.code_at(RFC_KEY, at // 30) == code


@pytest.fixture
def people(db):
    staff = User.objects.create_user("isu", "isu@example.org", "correct horse battery staple")
    domain.grant_role(staff, "staff", by=Actor.system("test"))
    delegate = User.objects.create_user("fra", "fra@example.org", "another long passphrase")
    domain.grant_role(delegate, "focal_point", state=State.objects.get(code="FRA"), by=Actor.system("test"))
    return {"staff": staff, "delegate": delegate}


def test_a_delegate_signs_in_with_a_password(client, people):
    response = client.post(
        "/accounts/sign-in/", {"username": "fra", "password": "another long passphrase", "next": "/meetings/"}
    )
    assert response.status_code == 302 and response["Location"] == "/meetings/"
    assert client.get("/api/me").json() == {
        "username": "fra",
        "roles": [{"kind": "focal_point", "meeting": None, "state": "FRA", "organization": None}],
    }


def test_sign_in_is_refused_after_repeated_failures(client, people, settings):
    settings.LOGIN_FAILURES_ALLOWED = 3
    for _ in range(3):
        response = client.post("/accounts/sign-in/", {"username": "fra", "password": "wrong"})
        assert "The user name or the password is wrong." in response.content.decode()
    refused = client.post("/accounts/sign-in/", {"username": "fra", "password": "another long passphrase"})
    assert refused.status_code == 429
    assert "Too many failed sign-ins for this account. Try again in 15 minutes." in refused.content.decode()
    assert LoginAttempt.objects.filter(username="fra", succeeded=False).count() == 3


def test_api_tokens_authenticate_scripts_and_can_be_revoked(client, people):
    record, token = domain.make_token(people["delegate"], "my script", by=Actor.system("fra"))
    assert token.startswith("pln_") and record.digest != token  # only a hash is kept
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["username"] == "fra"
    assert client.get("/api/me", headers={"Authorization": "Bearer pln_wrong"}).status_code == 401
    domain.revoke_token(record, by=Actor.system("fra"))
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    actions = list(
        AuditEntry.objects.filter(object_type="accounts.ApiToken").values_list("action", flat=True)
    )
    assert actions == ["token.create", "token.revoke"]


def test_the_tokens_page_shows_a_new_token_once(client, people):
    client.force_login(people["delegate"])
    page = client.post("/accounts/tokens/", {"name": "nightly export"}).content.decode()
    token = re.search(r'<code id="new-token">(pln_[\w-]+)</code>', page).group(1)
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert token not in client.get("/accounts/tokens/").content.decode()


def test_password_reset_by_mail(client, people):
    client.post("/accounts/password-reset/", {"email": "fra@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a brand new passphrase", "new_password2": "a brand new passphrase"},
    )
    assert done.status_code == 302
    assert User.objects.get(username="fra").check_password("a brand new passphrase")


def test_roles_are_scoped_as_their_kind_requires(people):
    fra = State.objects.get(code="FRA")
    with pytest.raises(DomainError, match="a secretariat staff role takes no scope, not state"):
        domain.grant_role(people["delegate"], "staff", state=fra, by=Actor.system("test"))
    with pytest.raises(DomainError, match="a focal point role takes organization or state, not none"):
        domain.grant_role(people["delegate"], "focal_point", by=Actor.system("test"))
    assert Role.objects.filter(user=people["delegate"]).count() == 1


def test_the_admin_grants_roles_through_the_domain_and_shows_records_read_only(client, people, db):
    admin = User.objects.create_superuser("root", "root@example.org", "a long admin passphrase")
    client.force_login(admin)
    assert client.get("/admin/documents/document/").status_code == 200
    doc = client.get("/admin/documents/document/").content.decode()
    assert "BWC/MSP/2017/WP.13" in doc and "/admin/documents/document/add/" not in doc
    fra = State.objects.get(code="FRA")
    response = client.post(
        "/admin/accounts/role/add/", {"user": people["staff"].pk, "kind": "delegate", "state": fra.pk}
    )
    assert response.status_code == 302
    assert Role.objects.filter(user=people["staff"], kind="delegate", state=fra).exists()
    entry = AuditEntry.objects.filter(action="role.grant").latest("id")
    assert (entry.actor, entry.via) == ("root", "admin")
