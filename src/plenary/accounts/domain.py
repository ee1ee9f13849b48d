"""The only writers of accounts: accounts and their invitations, roles, API tokens, the second
factor, sign-in attempts."""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from plenary.accounts import totp
from plenary.accounts.models import ApiToken, LoginAttempt, Preference, Role, TotpDevice
from plenary.accounts.notify import language_of
from plenary.accounts.permissions import is_staff, require_staff
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.languages import UN_LANGUAGES

log = logging.getLogger(__name__)

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


def create_account(
    *,
    username: str,
    email: str,
    language: str = "en",
    by: Actor,
    role: str | None = None,
    meeting=None,
    state=None,
    organization=None,
) -> User:
    """A new account for a person the secretariat names: a focal point, a delegate, an NGO's
    representative, an officer, a colleague. Guarantees: staff (or the system) only; the user name
    follows Django's rules and no account has it in any case ("Fp.Fra" is "fp.fra"); the e-mail
    address is valid and no other account has it; the language is one of the six. The account
    has no usable password: the person sets their own through `invite_to_set_password`. With
    `role`, the first role is given in the same act (scoped as `grant_role` requires): a role
    that does not fit leaves no account behind."""
    require_staff(by, "creates accounts")
    username = (username or "").strip()
    email = (email or "").strip()
    if not username:
        raise DomainError("give the account a user name")
    if len(username) > 150:
        raise DomainError("a user name has at most 150 characters")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise DomainError(
            f"the user name {username!r} may hold only letters, digits and the signs @ . + - _"
        ) from None
    if not email:
        raise DomainError("give the person's e-mail address: the invitation to set a password goes there")
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(f"{email!r} is not a valid e-mail address") from None
    if language not in UN_LANGUAGES:
        raise DomainError(f"language must be one of {', '.join(UN_LANGUAGES)}, not {language!r}")
    with transaction.atomic():
        taken = User.objects.filter(username__iexact=username).values_list("username", flat=True).first()
        if taken is not None:
            raise DomainError(f"the user name {username!r} is taken (by the account {taken!r})")
        if User.objects.filter(email__iexact=email).exists():
            raise DomainError(
                f"an account with the e-mail address {email!r} exists already: give that account the role"
            )
        user = User(username=username, email=email)
        user.set_unusable_password()
        user.save()
        Preference.objects.create(user=user, language=language)
        log_action(
            by, "account.create", user, after={"username": username, "email": email, "language": language}
        )
        if role:
            grant_role(user, role, by=by, meeting=meeting, state=state, organization=organization)
    return user


_DJANGO_CODES = {"zh": "zh-hans"}


def invite_to_set_password(user: User, *, by: Actor, url_base: str) -> str:
    """E-mail the person a one-time link to set their password (Django's password-reset token: it
    stops working once the password is set, or after PASSWORD_RESET_TIMEOUT), written in their
    language. `url_base` is the site's address ("https://plenary.example.org"). The mail leaves
    when the act commits; the audit entry says who sent it to which address. Returns the link."""
    require_staff(by, "invites people to set their password")
    if not user.is_active:
        raise DomainError(f"the account {user.username!r} is closed")
    if not user.email:
        raise DomainError(f"the account {user.username!r} has no e-mail address")
    base = (url_base or "").rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise DomainError(f"the site's address must start with http:// or https://, not {url_base!r}")
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    link = base + path
    lang = language_of(user)
    with translation.override(_DJANGO_CODES.get(lang, lang)):
        subject = gettext("Your Plenary account: set your password")
        body = "\n\n".join(
            [
                gettext(
                    "The secretariat has opened a Plenary account for you, with the user name %(username)s."
                )
                % {"username": user.username},
                gettext("Open this link to choose your password. It works once:"),
                link,
                gettext("If you did not expect this message, ignore it."),
            ]
        )
    to = user.email
    with transaction.atomic():
        log_action(
            by, "account.invite", user, after={"username": user.username, "email": to, "language": lang}
        )
        transaction.on_commit(lambda: _send(subject, body, to))
    return link


def _send(subject: str, body: str, to: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except Exception:  # the invitation stands in the trail; staff may send it again
        log.exception("could not send the set-password e-mail to %s", to)


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


# -- accounts as the Django admin edits them (accounts/admin.py) -----------------------------------

# What of an account the admin may change; its password never (the person sets it through
# `invite_to_set_password`), nor its Django groups and permissions (Plenary's rights are roles).
ACCOUNT_FIELDS = ("first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")
ADMIN_FLAGS = ("is_staff", "is_superuser")


def _account_snapshot(user: User) -> dict:
    return {"username": user.username, **{f: getattr(user, f) for f in ACCOUNT_FIELDS}}


def update_account(user: User, *, by: Actor, **values) -> bool:
    """Change an account's names, e-mail address, whether it is open (`is_active`), and its Django
    admin flags (`is_staff`, `is_superuser`). Returns whether anything changed.

    Guarantees: staff only; the admin flags only by a superuser (or the system); the e-mail address
    is valid and no other account has it; the last open superuser stays one; one entry with the
    values before and after (never the password), "account.superuser" when superuser status is
    given or taken, "account.update" otherwise. Nothing is written when nothing changes."""
    require_staff(by, "changes accounts")
    unknown = sorted(set(values) - set(ACCOUNT_FIELDS))
    if unknown:
        raise DomainError(f"an account's {', '.join(unknown)} is not changed here")
    for flag in ("is_active", *ADMIN_FLAGS):
        if flag in values and not isinstance(values[flag], bool):
            raise DomainError(f"{flag} is true or false")
    for name in ("first_name", "last_name"):
        if name in values:
            values[name] = " ".join(str(values[name] or "").split())
            if len(values[name]) > 150:
                raise DomainError(f"{name.replace('_', ' ')} has at most 150 characters")
    if "email" in values:
        values["email"] = str(values["email"] or "").strip()
        try:
            validate_email(values["email"])
        except ValidationError:
            raise DomainError(f"{values['email']!r} is not a valid e-mail address") from None
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        before = _account_snapshot(current)
        changes = {f: v for f, v in values.items() if before[f] != v}
        if not changes:
            return False
        superuser = by.is_system or bool(by.user and by.user.is_superuser)
        if set(changes) & set(ADMIN_FLAGS) and not superuser:
            raise NotAllowed("only a superuser gives or takes staff and superuser status")
        if before["is_superuser"] and not superuser:
            raise NotAllowed("only a superuser changes a superuser's account")
        if (
            "email" in changes
            and User.objects.filter(email__iexact=changes["email"]).exclude(pk=user.pk).exists()
        ):
            raise DomainError(f"another account has the e-mail address {changes['email']!r}")
        if (
            before["is_superuser"]
            and before["is_active"]
            and (changes.get("is_superuser") is False or changes.get("is_active") is False)
        ):
            others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
            if not others.exists():
                raise DomainError(f"{user.username} is the last superuser: make another one first")
        for f, v in changes.items():
            setattr(current, f, v)
        current.save(update_fields=list(changes))
        action = "account.superuser" if "is_superuser" in changes else "account.update"
        log_action(by, action, current, before=before, after=_account_snapshot(current))
    for f, v in changes.items():
        setattr(user, f, v)
    return True
