"""The only writers of accounts: roles, API tokens, the second factor, sign-in attempts."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from plenary.accounts import totp
from plenary.accounts.models import ApiToken, LoginAttempt, Role, TotpDevice
from plenary.accounts.permissions import is_staff
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, NotAllowed

SCOPES = {
    Role.Kind.STAFF: set(),
    Role.Kind.OFFICER: {"meeting"},
    Role.Kind.FOCAL_POINT: {"state", "organization"},
    Role.Kind.DELEGATE: {"state", "organization"},
    Role.Kind.OBSERVER: {"organization"},
}


def grant_role(user: User, kind: str, *, by: Actor, meeting=None, state=None, organization=None) -> Role:
    """Give `user` a role. Guarantees: staff (or the system) only; the role is scoped as its kind
    requires (an officer to one meeting, a focal point or delegate to one State or one
    organization, staff to nothing)."""
    if not is_staff(by):
        raise NotAllowed("only the secretariat gives roles")
    if kind not in Role.Kind.values:
        raise DomainError(f"unknown role {kind!r}")
    given = {
        name
        for name, value in (("meeting", meeting), ("state", state), ("organization", organization))
        if value
    }
    allowed = SCOPES[Role.Kind(kind)]
    if (allowed and len(given) != 1) or not given <= allowed:
        need = " or ".join(sorted(allowed)) or "no scope"
        raise DomainError(
            f"a {Role.Kind(kind).label} role takes {need}, not {', '.join(sorted(given)) or 'none'}"
        )
    with transaction.atomic():
        role, created = Role.objects.get_or_create(
            user=user, kind=kind, meeting=meeting, state=state, organization=organization
        )
        if created:
            log_action(by, "role.grant", role, after={"user": user.username, "role": str(role)})
    return role


def revoke_role(role: Role, *, by: Actor) -> None:
    """Take a role away. Staff (or the system) only; the entry keeps what the role was."""
    if not is_staff(by):
        raise NotAllowed("only the secretariat takes roles away")
    with transaction.atomic():
        log_action(by, "role.revoke", role, before={"user": role.user.username, "role": str(role)})
        role.delete()


def _own_or_staff(user: User, by: Actor) -> None:
    if not (by.user is not None and by.user.pk == user.pk) and not is_staff(by):
        raise NotAllowed("a person manages their own API tokens")


def make_token(user: User, name: str, *, by: Actor) -> tuple[ApiToken, str]:
    """A new API token; returns the record and the token itself, which is not stored."""
    _own_or_staff(user, by)
    if not name.strip():
        raise DomainError("give the token a name, to know later what uses it")
    token = "pln_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        record = ApiToken.objects.create(
            user=user, name=name.strip()[:100], prefix=token[4:10], digest=ApiToken.hash(token)
        )
        log_action(by, "token.create", record, after={"user": user.username, "name": record.name})
    return record, token


def revoke_token(record: ApiToken, *, by: Actor) -> None:
    _own_or_staff(record.user, by)
    if record.revoked is None:
        with transaction.atomic():
            record.revoked = timezone.now()
            record.save(update_fields=["revoked"])
            log_action(by, "token.revoke", record)


def user_for_token(token: str) -> User | None:
    record = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.hash(token or ""), revoked=None)
        .first()
    )
    if record is None or not record.user.is_active:
        return None
    ApiToken.objects.filter(pk=record.pk).update(last_used=timezone.now())
    return record.user


def start_totp(user: User) -> TotpDevice:
    """The device being set up (a new secret until it is confirmed)."""
    device, _ = TotpDevice.objects.get_or_create(user=user, defaults={"secret": totp.new_secret()})
    return device


def check_totp(user: User, code: str, *, by: Actor) -> bool:
    """Check a code; the first good code confirms the device. A code is never accepted twice."""
    device = TotpDevice.objects.filter(user=user).first()
    if device is None:
        return False
    step = totp.verify(device.secret, code, after=device.last_step)
    if step is None:
        return False
    with transaction.atomic():
        first = not device.confirmed
        device.last_step, device.confirmed = step, True
        device.save(update_fields=["last_step", "confirmed"])
        if first:
            log_action(by, "totp.confirm", device, after={"user": user.username})
    return True


def sign_in_refused(username: str, address: str | None) -> dt.timedelta | None:
    """How long sign-in stays refused after too many failures for this name or address, or None."""
    since = timezone.now() - dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    recent = LoginAttempt.objects.filter(at__gte=since, succeeded=False)
    by_name = recent.filter(username__iexact=username)
    by_address = recent.filter(address=address) if address else recent.none()
    for failures in (by_name, by_address):
        if failures.count() >= settings.LOGIN_FAILURES_ALLOWED:
            oldest = failures.order_by("at").values_list("at", flat=True)[0]
            return oldest + dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES) - timezone.now()
    return None


def record_sign_in(username: str, address: str | None, *, succeeded: bool) -> None:
    LoginAttempt.objects.create(username=username[:150], address=address, succeeded=succeeded)
