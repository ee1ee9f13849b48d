"""Reads of a person's notifications and of every notification sent, for the portal and the back
office; whether a person has set up their second factor."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.accounts.models import Notification, Preference, Role


def has_second_factor(user: User) -> bool:
    """Whether the person has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def notifications_of(user: User) -> QuerySet[Notification]:
    """The person's own notifications, newest first."""
    return Notification.objects.filter(user=user).order_by("-created", "-id")


def unread_count(user: User) -> int:
    """How many of the person's notifications are not read yet (one query)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def outbox() -> QuerySet[Notification]:
    """Every notification sent, to whom, newest first: what the secretariat told whom."""
    return Notification.objects.select_related("user").order_by("-created", "-id")


def language_chosen(user: User) -> bool:
    """Whether the person has chosen the language Plenary writes to them in (English until then)."""
    return Preference.objects.filter(user=user).exists()


def accounts(search: str = "") -> QuerySet[User]:
    """Every account with its roles (and their State, organization, meeting), by user name;
    `search` keeps those whose user name, name or e-mail address holds it."""
    users = User.objects.prefetch_related(
        Prefetch(
            "plenary_roles",
            queryset=Role.objects.select_related("state", "organization", "meeting").order_by("kind", "id"),
        )
    ).order_by("username")
    for word in search.split():
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    return users
