"""Staff open accounts and invite people to set their password (issue 9: no shell to make users)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from plenary.accounts.domain import create_account, invite_to_set_password
from plenary.accounts.models import Preference, Role
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from plenary.treaties.models import State

SITE = "https://plenary.example.org"


def entries(action: str) -> list[tuple]:
    return list(AuditEntry.objects.filter(action=action).values_list("actor", "via", "object_id", "after"))


def test_staff_open_an_account_with_no_usable_password(people):
    user = create_account(
        username="ppl.new", email="new@example.org", language="fr", by=people.actor("staff")
    )
    user.refresh_from_db()
    assert (user.username, user.email, user.has_usable_password(), user.is_active) == (
        "ppl.new",
        "new@example.org",
        False,
        True,
    )
    assert Preference.objects.get(user=user).language == "fr"
    assert list(Role.objects.filter(user=user)) == []
    assert entries("account.create") == [
        ("staff", "page", str(user.pk), {"username": "ppl.new", "email": "new@example.org", "language": "fr"})
    ]


def test_the_first_role_comes_with_the_account(people):
    fra = State.objects.get(code="FRA")
    user = create_account(
        username="ppl.fp", email="fp@example.org", by=people.actor("staff"), role="focal_point", state=fra
    )
    assert list(Role.objects.filter(user=user).values_list("kind", "state__code")) == [("focal_point", "FRA")]


def test_a_role_that_does_not_fit_leaves_no_account(people):
    with pytest.raises(DomainError) as err:
        create_account(
            username="ppl.bad", email="bad@example.org", by=people.actor("staff"), role="focal_point"
        )
    assert str(err.value) == "a focal point role takes organization or state, not none"
    assert not User.objects.filter(username="ppl.bad").exists()
    assert entries("account.create") == []


def test_a_user_name_is_unique_in_any_case(people):
    create_account(username="ppl.Dup", email="a@example.org", by=people.actor("staff"))
    with pytest.raises(DomainError) as err:
        create_account(username="PPL.dup", email="b@example.org", by=people.actor("staff"))
    assert str(err.value) == "the user name 'PPL.dup' is taken (by the account 'ppl.Dup')"
    assert list(User.objects.filter(username__iexact="ppl.dup").values_list("username", flat=True)) == [
        "ppl.Dup"
    ]


def test_an_e_mail_address_belongs_to_one_account(people):
    create_account(username="ppl.one", email="same@example.org", by=people.actor("staff"))
    with pytest.raises(DomainError) as err:
        create_account(username="ppl.two", email="SAME@example.org", by=people.actor("staff"))
    assert str(err.value) == (
        "an account with the e-mail address 'SAME@example.org' exists already: give that account the role"
    )
    assert not User.objects.filter(username="ppl.two").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": "ppl.x", "email": "not-an-address"}, "'not-an-address' is not a valid e-mail address"),
        (
            {"username": "ppl.x", "email": ""},
            "give the person's e-mail address: the invitation to set a password goes there",
        ),
        (
            {"username": "ppl.x", "email": "x@example.org", "language": "de"},
            "language must be one of ar, zh, en, fr, ru, es, not 'de'",
        ),
        ({"username": "", "email": "x@example.org"}, "give the account a user name"),
        (
            {"username": "ppl x<script>", "email": "x@example.org"},
            "the user name 'ppl x<script>' may hold only letters, digits and the signs @ . + - _",
        ),
        ({"username": "p" * 151, "email": "x@example.org"}, "a user name has at most 150 characters"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(people, fields, message):
    before = User.objects.count()
    with pytest.raises(DomainError) as err:
        create_account(by=people.actor("staff"), **fields)
    assert str(err.value) == message
    assert User.objects.count() == before


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "ngo", "officer", "anonymous"])
def test_only_staff_open_accounts(people, persona):
    with pytest.raises(NotAllowed) as err:
        create_account(username="ppl.sneaky", email="s@example.org", by=people.actor(persona))
    assert str(err.value) == "only the secretariat creates accounts"
    assert not User.objects.filter(username="ppl.sneaky").exists()


@pytest.mark.parametrize("persona", ["fra_fp", "ngo", "officer", "anonymous"])
def test_only_staff_invite(people, persona, django_capture_on_commit_callbacks):
    user = create_account(username="ppl.inv", email="inv@example.org", by=people.actor("staff"))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotAllowed) as err:
        invite_to_set_password(user, by=people.actor(persona), url_base=SITE)
    assert str(err.value) == "only the secretariat invites people to set their password"
    assert mail.outbox == []


def test_no_invitation_without_an_address_or_to_a_closed_account(people):
    people["fra_del"].email = ""
    with pytest.raises(DomainError) as err:
        invite_to_set_password(people["fra_del"], by=people.actor("staff"), url_base=SITE)
    assert str(err.value) == "the account 'fra_del' has no e-mail address"
    people["fra_fp"].email, people["fra_fp"].is_active = "fp@example.org", False
    with pytest.raises(DomainError) as err:
        invite_to_set_password(people["fra_fp"], by=people.actor("staff"), url_base=SITE)
    assert str(err.value) == "the account 'fra_fp' is closed"
    people["fra_fp"].is_active = True
    with pytest.raises(DomainError) as err:
        invite_to_set_password(people["fra_fp"], by=people.actor("staff"), url_base="javascript:alert(1)")
    assert (
        str(err.value) == "the site's address must start with http:// or https://, not 'javascript:alert(1)'"
    )
    assert entries("account.invite") == []


def test_the_e_mail_leaves_on_commit_in_the_person_s_language(people, django_capture_on_commit_callbacks):
    user = create_account(username="ppl.fr", email="fr@example.org", language="fr", by=people.actor("staff"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        link = invite_to_set_password(user, by=people.actor("staff"), url_base=SITE + "/")
    assert (len(callbacks), mail.outbox) == (1, [])
    callbacks[0]()
    [message] = mail.outbox
    assert (message.to, message.subject) == (
        ["fr@example.org"],
        "Votre compte Plenary : choisissez votre mot de passe",
    )
    assert message.body == (
        "Le secrétariat vous a ouvert un compte Plenary, avec le nom d'utilisateur ppl.fr.\n\n"
        "Ouvrez ce lien pour choisir votre mot de passe. Il ne sert qu'une fois :\n\n"
        f"{link}\n\n"
        "Si vous n'attendiez pas ce message, ignorez-le."
    )
    assert re.fullmatch(rf"{SITE}/accounts/reset/[\w-]+/[\w-]+/", link)
    assert entries("account.invite") == [
        ("staff", "page", str(user.pk), {"username": "ppl.fr", "email": "fr@example.org", "language": "fr"})
    ]


def test_the_link_sets_the_password_once_and_the_person_signs_in(people, django_capture_on_commit_callbacks):
    user = create_account(username="ppl.walk", email="walk@example.org", by=people.actor("staff"))
    with django_capture_on_commit_callbacks(execute=True):
        invite_to_set_password(user, by=people.actor("staff"), url_base="http://testserver")
    [message] = mail.outbox
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    client = Client()
    form = client.get(link, follow=True)
    assert (form.status_code, form.context["validlink"]) == (200, True)
    passphrase = "a long enough passphrase"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": passphrase, "new_password2": passphrase})
    assert (done.status_code, done["Location"]) == (302, "/accounts/reset/done/")
    user.refresh_from_db()
    assert user.check_password(passphrase)
    # The link works once.
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    signed = Client()
    response = signed.post("/accounts/sign-in/", {"username": "ppl.walk", "password": passphrase})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert signed.get("/").context["user"].username == "ppl.walk"
