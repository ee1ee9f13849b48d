"""Django's sign-in, sign-out and user-saving signals, turned into the domain's records. Every way
in (the site's sign-in, the admin's, the test client) sends them, so the trail misses none: one
writer (`domain.record_sign_in`, `domain.record_sign_out`, `domain.end_access`), called here."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from plenary.accounts import domain
from plenary.accounts.permissions import needs_second_factor
from plenary.core.actor import Actor
from plenary.core.clients import client_address

# Set in the session at sign-in: when (a POSIX timestamp), for the staff session's hours.
SIGNED_IN_AT = "plenary_signed_in_at"
# Set on the request by whoever ends a session for a reason (the staff session's hours).
SIGN_OUT_REASON = "plenary_sign_out_reason"


def _via(request) -> str:
    match = getattr(request, "resolver_match", None)
    return "admin" if match is not None and "admin" in match.app_names else "page"


def _address(request) -> str | None:
    return client_address(request) if request is not None and hasattr(request, "META") else None


@receiver(user_logged_in, dispatch_uid="plenary.accounts.signed_in")
def signed_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = timezone.now().timestamp()
        if needs_second_factor(user):
            request.session.set_expiry(0)  # the session cookie ends with the browser
    domain.record_sign_in(
        user.get_username(),
        _address(request),
        succeeded=True,
        by=Actor.of(user, via=_via(request)),
        user=user,
    )


@receiver(user_login_failed, dispatch_uid="plenary.accounts.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; only the name is read.
    username = str(credentials.get(User.USERNAME_FIELD) or "")
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    domain.record_sign_in(
        username, _address(request), succeeded=False, by=Actor.of(None, via=_via(request)), user=user
    )


@receiver(user_logged_out, dispatch_uid="plenary.accounts.signed_out")
def signed_out(sender, request, user, **kwargs) -> None:
    if user is None or not user.is_authenticated:
        return
    domain.record_sign_out(
        user,
        _address(request),
        by=Actor.of(user, via=_via(request)),
        reason=getattr(request, SIGN_OUT_REASON, ""),
    )


@receiver(post_save, sender=User, dispatch_uid="plenary.accounts.password_saved")
def password_saved(sender, instance, created, **kwargs) -> None:
    # AbstractBaseUser.save() keeps the new raw password in `_password` until the save is done
    # (to tell the password validators): a password set outside `domain.change_password`.
    if (
        created
        or getattr(instance, "_password", None) is None
        or getattr(instance, "_plenary_access_ended", False)
    ):
        return
    domain.end_access(instance, by=Actor.system("password-change", via="system"), why="password changed")
