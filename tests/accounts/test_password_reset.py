"""Password reset: rate-limited per e-mail address and per client address (in the database), the
same answer whether an account has the address, audited; a reset (or any password change) revokes
the account's API tokens and ends its other sessions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import mail
from django.db.models import F

from plenary.accounts import domain
from plenary.accounts.models import PasswordResetRequest, Preference
from plenary.core.actor import Actor
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry

NEW = "a brand new passphrase"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fra(db):
    return User.objects.create_user("fra", "fra@example.org", "another long passphrase")


def ask(client, email, address="203.0.113.5"):
    return client.post("/accounts/password-reset/", {"email": email}, REMOTE_ADDR=address)


def test_thirty_one_requests_in_a_row_send_at_most_the_limit(client, fra, settings):
    assert (settings.PASSWORD_RESETS_PER_EMAIL_HOUR, settings.PASSWORD_RESETS_PER_ADDRESS_HOUR) == (3, 20)
    answers = {(r.status_code, r["Location"]) for r in (ask(client, "fra@example.org") for _ in range(31))}
    assert answers == {(302, "/accounts/password-reset/sent/")}
    assert [m.to for m in mail.outbox] == [["fra@example.org"]] * 3
    assert (
        list(PasswordResetRequest.objects.order_by("at", "id").values_list("served", flat=True))
        == [True] * 3 + [False] * 28
    )


def test_the_limit_is_per_address_in_any_case(client, fra):
    for email in ("fra@example.org", "FRA@example.org", " Fra@Example.ORG"):
        ask(client, email)
    ask(client, "fra@EXAMPLE.org", address="198.51.100.9")  # from elsewhere: still the same mailbox
    assert len(mail.outbox) == 3


def test_one_client_address_is_served_twenty_requests_an_hour(client, db):
    users = [User.objects.create_user(f"d{n}", f"d{n}@example.org", "a long passphrase") for n in range(22)]
    for user in users:
        ask(client, user.email)
    assert len(mail.outbox) == 20
    # Another client address is served; an hour later the first one is again.
    ask(client, "d21@example.org", address="198.51.100.9")
    assert len(mail.outbox) == 21
    PasswordResetRequest.objects.update(at=F("at") - dt.timedelta(minutes=61))
    ask(client, "d20@example.org")
    assert len(mail.outbox) == 22


def test_the_page_answers_the_same_with_or_without_an_account(client, fra):
    known, unknown = ask(client, "fra@example.org"), ask(client, "nobody@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    sent = client.get(known["Location"]).content.decode()
    assert "If the address belongs to an account, a link to reset the password is on its way." in sent
    assert len(mail.outbox) == 1
    # A request for an unknown address counts too (the limit does not tell whether it exists).
    for _ in range(3):
        ask(client, "nobody@example.org")
    assert PasswordResetRequest.objects.filter(email="nobody@example.org", served=True).count() == 3


def test_a_bad_address_is_refused_with_a_message(client, db):
    page = ask(client, "not an address")
    assert page.status_code == 200 and "Enter a valid email address." in page.content.decode()
    with pytest.raises(DomainError, match="'x@' is not a valid e-mail address"):
        domain.request_password_reset("x@", address=None, by=Actor.of(None), url_base="https://h")
    assert not PasswordResetRequest.objects.exists() and not mail.outbox


def test_the_mail_is_in_the_accounts_language(client, fra):
    Preference.objects.create(user=fra, language="fr")
    ask(client, "fra@example.org")
    assert mail.outbox[0].body.startswith("Une demande de réinitialisation du mot de passe Plenary")
    assert re.search(r"http://testserver/accounts/reset/\S+/\S+/", mail.outbox[0].body)


def reset(client, email="fra@example.org", password=NEW):
    ask(client, email)
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    return client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})


def test_a_reset_revokes_the_tokens_and_ends_the_other_sessions(client, fra):
    from django.test import Client

    _record, token = domain.make_token(fra, "my script", by=Actor.of(fra))
    elsewhere = Client()
    elsewhere.force_login(fra)
    assert elsewhere.get("/api/me").json()["username"] == "fra"
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=bearer).status_code == 200

    done = reset(client)
    assert (done.status_code, done["Location"]) == (302, "/accounts/reset/done/")
    assert User.objects.get(username="fra").check_password(NEW)
    assert client.get("/api/me", headers=bearer).status_code == 401
    assert elsewhere.get("/api/me").status_code == 401  # the old session is signed out
    assert not any(s.get_decoded().get("_auth_user_id") == str(fra.pk) for s in Session.objects.all())
    entries = list(
        AuditEntry.objects.filter(action__startswith="account.password").values_list(
            "action", "actor", "after"
        )
    )
    assert entries == [
        (
            "account.password_reset_request",
            "anonymous",
            {"email": "fra@example.org", "address": "203.0.113.5", "served": True, "accounts": ["fra"]},
        ),
        ("account.password_reset", "fra", {"username": "fra", "tokens_revoked": 1, "sessions_ended": 1}),
    ]
    assert NEW not in str(list(AuditEntry.objects.values_list("after", flat=True)))


def test_a_weak_password_changes_nothing(client, fra):
    _record, token = domain.make_token(fra, "my script", by=Actor.of(fra))
    page = reset(client, password="password")
    assert page.status_code == 200 and "This password is too common." in page.content.decode()
    assert User.objects.get(username="fra").check_password("another long passphrase")
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_a_person_changes_their_own_password_and_keeps_their_session(client, fra, db):
    other = User.objects.create_user("deu", "deu@example.org", "some long passphrase")
    with pytest.raises(NotAllowed, match="a person changes their own password"):
        domain.change_password(fra, NEW, by=Actor.of(other))
    with pytest.raises(DomainError, match="This password is too short"):
        domain.change_password(fra, "short", by=Actor.of(fra))
    client.force_login(fra)
    domain.change_password(fra, NEW, by=Actor.of(fra), keep_session_key=client.session.session_key)
    assert Session.objects.filter(session_key=client.session.session_key).exists()
    assert AuditEntry.objects.filter(action="account.password_change").latest("id").after == {
        "username": "fra",
        "tokens_revoked": 0,
        "sessions_ended": 0,
    }


def test_a_password_set_anywhere_else_revokes_tokens_and_sessions_too(client, fra):
    # The Django admin's "change password" form, `plenary manage changepassword`: they save the user.
    _record, token = domain.make_token(fra, "my script", by=Actor.of(fra))
    client.force_login(fra)
    fra.set_password("changed in the admin")
    fra.save()
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    entry = AuditEntry.objects.filter(action="account.access_end").get()
    assert (entry.actor, entry.via, entry.after) == (
        "system:password-change",
        "system",
        {"username": "fra", "why": "password changed", "tokens_revoked": 1, "sessions_ended": 1},
    )
    # Saving the user without a new password ends nothing.
    fra.first_name = "France"
    fra.save()
    assert AuditEntry.objects.filter(action="account.access_end").count() == 1
