"""accounts.domain.update_account: what the admin changes of an account, checked and audited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from plenary.accounts.domain import update_account
from plenary.core.actor import Actor
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from tests.factories import UserFactory


@pytest.fixture
def root(db):
    return User.objects.create(username="root", email="root@example.org", is_superuser=True, is_staff=True)


def by(user, via="admin"):
    return Actor.of(user, via=via)


def snapshot(user):
    user.refresh_from_db()
    return (user.first_name, user.email, user.is_active, user.is_staff, user.is_superuser, user.password)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"password": "pbkdf2_sha256$1$x$y"}, "an account's password is not changed here"),
        ({"username": "other", "groups": []}, "an account's groups, username is not changed here"),
        ({"is_superuser": "yes"}, "is_superuser is true or false"),
        ({"is_active": 1}, "is_active is true or false"),
        ({"email": "not an address"}, "'not an address' is not a valid e-mail address"),
        ({"email": ""}, "'' is not a valid e-mail address"),
        ({"first_name": "x" * 151}, "first name has at most 150 characters"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(root, values, message):
    user = UserFactory(username="anne")
    before, entries = snapshot(user), AuditEntry.objects.count()
    with pytest.raises(DomainError) as caught:
        update_account(user, by=by(root), **values)
    assert str(caught.value) == message
    assert (snapshot(user), AuditEntry.objects.count()) == (before, entries)


def test_only_staff_change_accounts_and_only_superusers_the_admin_flags(root, people):
    user = UserFactory(username="anne")
    entries = AuditEntry.objects.count()
    for persona in ("fra_fp", "ngo", "officer", "anonymous"):
        with pytest.raises(NotAllowed, match="^only the secretariat changes accounts$"):
            update_account(user, by=people.actor(persona), first_name="Eve")
    for flag in ("is_superuser", "is_staff"):
        with pytest.raises(NotAllowed, match="^only a superuser gives or takes staff and superuser status$"):
            update_account(user, by=people.actor("staff"), **{flag: True})
    with pytest.raises(NotAllowed, match="^only a superuser changes a superuser's account$"):
        update_account(root, by=people.actor("staff"), is_active=False)
    assert AuditEntry.objects.count() == entries
    assert update_account(user, by=people.actor("staff"), first_name="  Anne   Marie ") is True
    assert User.objects.get(pk=user.pk).first_name == "Anne Marie"


def test_a_superuser_grant_is_one_entry_with_before_and_after(root):
    user = UserFactory(username="anne", email="anne@example.org")
    assert update_account(user, by=by(root, "cli"), is_superuser=True) is True
    entry = AuditEntry.objects.latest("id")
    base = {
        "username": "anne",
        "first_name": "",
        "last_name": "",
        "email": "anne@example.org",
        "is_active": True,
        "is_staff": False,
    }
    assert (entry.actor, entry.via, entry.action, entry.object_id, entry.before, entry.after) == (
        "root",
        "cli",
        "account.superuser",
        str(user.pk),
        base | {"is_superuser": False},
        base | {"is_superuser": True},
    )
    assert user.is_superuser is True
    assert update_account(user, by=by(root), is_superuser=True) is False  # nothing changes: no entry
    assert AuditEntry.objects.latest("id").pk == entry.pk


def test_the_last_superuser_and_a_taken_address_are_refused(root):
    User.objects.filter(is_superuser=True).exclude(pk=root.pk).update(is_superuser=False)
    for values in ({"is_superuser": False}, {"is_active": False}):
        with pytest.raises(DomainError, match="^root is the last superuser: make another one first$"):
            update_account(root, by=Actor.system("test"), **values)
    UserFactory(username="bob", email="bob@example.org")
    with pytest.raises(DomainError, match="^another account has the e-mail address 'BOB@example.org'$"):
        update_account(root, by=by(root), email="BOB@example.org")
    assert snapshot(root)[1:5] == ("root@example.org", True, True, True)
