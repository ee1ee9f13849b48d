"""Every admin act is audited: a walk over `admin.site._registry` asks each ModelAdmin what a
superuser may do there (add, change, delete, actions); what it allows is done through the admin's
pages with the test client and leaves an audit entry through "admin"; what it does not allow is
refused (403) and writes nothing. A new admin, or a new ability of one, fails until it has a case
here. Django's User and Group admins are Plenary's: accounts change through the domain (audited,
superuser grants too, never the password), groups are read-only."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice

from plenary.accounts.models import ApiToken, EnrolmentTicket, LoginAttempt, Role
from plenary.core.models import AuditEntry
from plenary.documents.models import CoSponsorship, WorkingPaper
from plenary.proceedings.models import FloorRequest
from tests import factories as f


def label(model) -> str:
    return model._meta.label


# What a superuser may do in each admin that writes: anything else is read-only.
WRITABLE = {
    "accounts.Role": {"add": True, "change": False, "delete": True, "actions": {"delete_selected"}},
    "auth.User": {"add": False, "change": True, "delete": False, "actions": {"invite_to_set_password"}},
}
READ_ONLY = {"add": False, "change": False, "delete": False, "actions": set()}


@pytest.fixture
def root(db):
    # No password: force_login, and no slow hashing.
    return User.objects.create(username="root", email="root@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, root):
    client.force_login(root)
    return client


def abilities(model_admin, user) -> dict:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {
        "add": model_admin.has_add_permission(request),
        "change": model_admin.has_change_permission(request),
        "delete": model_admin.has_delete_permission(request),
        "actions": set(model_admin.get_actions(request)),
    }


def registry():
    return sorted(admin.site._registry.items(), key=lambda item: label(item[0]))


def test_every_admin_is_read_only_or_has_its_audited_cases_here(root):
    found = {label(model): abilities(ma, root) for model, ma in registry()}
    for name, can in found.items():
        expected = WRITABLE.get(name, READ_ONLY)
        assert can == expected, (
            f"the admin of {name} allows {can}: make it read-only, or write its acts through the domain "
            f"and add its cases to tests/accounts/test_admin_audit.py"
        )
    assert set(WRITABLE) <= set(found)


def entries_since(last: int) -> list[tuple]:
    return list(
        AuditEntry.objects.filter(id__gt=last)
        .order_by("id")
        .values_list("actor", "via", "action", "object_type", "before", "after")
    )


def last_id() -> int:
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


# -- the writable admins: each ability, through the pages ----------------------------------------


def test_adding_a_role_in_the_admin_is_audited(admin_client):
    user, fra = f.UserFactory(username="new.fp"), f.state("FRA")
    last = last_id()
    response = admin_client.post(
        "/admin/accounts/role/add/", {"user": user.pk, "kind": "focal_point", "state": fra.pk, "_save": "1"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    role = Role.objects.get(user=user)
    assert entries_since(last) == [
        ("root", "admin", "role.grant", "accounts.Role", None, {"user": "new.fp", "role": str(role)})
    ]


def test_deleting_a_role_in_the_admin_is_audited(admin_client):
    role = f.RoleFactory(user=f.UserFactory(username="old.staff"))
    text = str(role)
    last = last_id()
    response = admin_client.post(f"/admin/accounts/role/{role.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()
    assert entries_since(last) == [
        ("root", "admin", "role.revoke", "accounts.Role", {"user": "old.staff", "role": text}, None)
    ]


def test_deleting_roles_with_the_action_is_audited(admin_client):
    roles = [f.RoleFactory(user=f.UserFactory(username=f"staff.{i}")) for i in range(2)]
    last = last_id()
    response = admin_client.post(
        "/admin/accounts/role/",
        {"action": "delete_selected", "_selected_action": [r.pk for r in roles], "post": "yes"},
    )
    assert response.status_code == 302
    assert [(e[2], e[4]["user"]) for e in entries_since(last)] == [
        ("role.revoke", "staff.0"),
        ("role.revoke", "staff.1"),
    ]


def change_user(client, user, **values):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "_save": "1",
    }
    data |= {k: ("on" if v is True else "" if v is False else v) for k, v in values.items()}
    return client.post(f"/admin/auth/user/{user.pk}/change/", {k: v for k, v in data.items() if v != ""})


def test_a_superuser_grant_in_the_admin_is_audited_with_before_and_after(admin_client):
    user = f.UserFactory(username="anne", email="anne@example.org", first_name="Anne")
    password = user.password
    last = last_id()
    response = change_user(admin_client, user, is_superuser=True, is_staff=True)
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert (user.is_superuser, user.is_staff, user.password) == (True, True, password)
    before = {
        "username": "anne",
        "first_name": "Anne",
        "last_name": "",
        "email": "anne@example.org",
        "is_active": True,
        "is_staff": False,
        "is_superuser": False,
    }
    assert entries_since(last) == [
        (
            "root",
            "admin",
            "account.superuser",
            "auth.User",
            before,
            before | {"is_staff": True, "is_superuser": True},
        )
    ]


def test_closing_an_account_in_the_admin_is_audited(admin_client):
    user = f.UserFactory(username="leaving")
    last = last_id()
    assert change_user(admin_client, user, is_active=False).status_code == 302
    [entry] = entries_since(last)
    assert entry[2:4] == ("account.update", "auth.User")
    assert (entry[4]["is_active"], entry[5]["is_active"]) == (True, False)
    assert "password" not in entry[4] and "password" not in entry[5]


def test_an_unchanged_account_writes_no_entry(admin_client):
    user = f.UserFactory(username="same")
    last = last_id()
    assert change_user(admin_client, user).status_code == 302
    assert entries_since(last) == []


def test_a_duplicate_email_is_refused_in_the_form(admin_client):
    f.UserFactory(username="first", email="taken@example.org")
    user = f.UserFactory(username="second", email="second@example.org")
    last = last_id()
    response = change_user(admin_client, user, email="TAKEN@example.org")
    assert response.status_code == 200
    assert "Another account has this e-mail address." in response.content.decode()
    user.refresh_from_db()
    assert (user.email, entries_since(last)) == ("second@example.org", [])


def test_the_last_superuser_stays_one(admin_client, root):
    User.objects.filter(is_superuser=True).exclude(pk=root.pk).update(is_superuser=False)
    last = last_id()
    response = change_user(admin_client, root, is_superuser=False)
    assert response.status_code == 403
    root.refresh_from_db()
    assert (root.is_superuser, entries_since(last)) == (True, [])


def test_the_invitation_action_is_audited(admin_client, django_capture_on_commit_callbacks):
    user = f.UserFactory(username="invited", email="invited@example.org")
    last = last_id()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/auth/user/", {"action": "invite_to_set_password", "_selected_action": [user.pk]}
        )
    assert response.status_code == 302
    assert entries_since(last) == [
        (
            "root",
            "admin",
            "account.invite",
            "auth.User",
            None,
            {"username": "invited", "email": "invited@example.org", "language": "en"},
        )
    ]
    assert [m.to for m in mail.outbox] == [["invited@example.org"]]


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/add/", "/admin/auth/user/{pk}/delete/", "/admin/auth/user/{pk}/password/"]
)
def test_users_are_not_added_deleted_or_given_a_password_in_the_admin(admin_client, url):
    user = f.UserFactory(username="kept")
    before = (User.objects.count(), user.password, last_id())
    data = {
        "username": "x",
        "password1": "a long enough pass",
        "password2": "a long enough pass",
        "post": "yes",
    }
    response = admin_client.post(url.format(pk=user.pk), data)
    assert response.status_code == 403
    user.refresh_from_db()
    assert (User.objects.count(), user.password, last_id()) == before


def test_staff_who_are_not_superusers_do_not_change_admin_flags(client, db):
    staff = User.objects.create(username="isu", email="isu@example.org", is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(*Permission.objects.filter(codename__in=["change_user", "view_user"]))
    f.RoleFactory(user=staff)
    user = f.UserFactory(username="target")
    client.force_login(staff)
    last = last_id()
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {"email": user.email, "is_active": "on", "is_superuser": "on", "is_staff": "on", "_save": "1"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.is_superuser, user.is_staff, entries_since(last)) == (False, False, [])


# -- the read-only admins refuse every change ------------------------------------------------------

MAKE = {
    "accounts.ApiToken": lambda: f.ApiTokenFactory(),
    "accounts.LoginAttempt": lambda: LoginAttempt.objects.create(username="someone", address="192.0.2.1"),
    "auth.Group": lambda: Group.objects.create(name="editors"),
    "documents.WorkingPaper": lambda: f.WorkingPaperFactory(),
    "documents.CoSponsorship": lambda: f.CoSponsorshipFactory(),
    "proceedings.FloorRequest": lambda: f.FloorRequestFactory(),
    "accounts.EnrolmentTicket": lambda: EnrolmentTicket.objects.create(
        user=f.UserFactory(), digest="0" * 64, expires=timezone.now()
    ),
    "otp_static.StaticDevice": lambda: StaticDevice.objects.create(user=f.UserFactory(), name="recovery"),
}


def read_only_admins():
    return [pytest.param(model, id=label(model)) for model, _ in registry() if label(model) not in WRITABLE]


@pytest.mark.parametrize("model", read_only_admins())
def test_a_read_only_admin_refuses_to_add_change_or_delete(admin_client, model):
    obj = model._default_manager.order_by("pk").first() or MAKE[label(model)]()
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}"
    rows, last = model._default_manager.count(), last_id()
    assert admin_client.post(f"{base}/add/", {"_save": "1"}).status_code == 403
    assert admin_client.post(f"{base}/{obj.pk}/change/", {"_save": "1"}).status_code == 403
    assert admin_client.post(f"{base}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    listing = admin_client.post(
        f"{base}/", {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert listing.status_code in (200, 302)
    assert (model._default_manager.count(), last_id()) == (rows, last)
    assert model._default_manager.filter(pk=obj.pk).exists()


def test_the_lists_name_models_that_have_admins():
    labels = {label(model) for model, _ in registry()}
    assert set(MAKE) <= labels
    assert {ApiToken._meta.label, WorkingPaper._meta.label, CoSponsorship._meta.label} <= labels
    assert FloorRequest._meta.label in labels


def test_the_account_pages_stay_usable(admin_client):
    user = f.UserFactory(username="anne")
    page = admin_client.get(f"/admin/auth/user/{user.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="is_superuser"' in html and 'name="email"' in html
    assert 'name="password"' not in html and "pbkdf2" not in html and "!unusable" not in html
    listing = admin_client.get("/admin/auth/user/?q=anne").content.decode()
    assert "Send a set-password invitation" in listing and "Delete selected" not in listing
    assert admin_client.get("/admin/auth/group/").status_code == 200
    assert admin_client.get("/admin/").status_code == 200
