"""The only writers of accounts: accounts and their invitations, roles, API tokens, the second
factor (enrolment links, django-otp's authenticators and recovery codes), sign-in attempts."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

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
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.accounts.models import ApiToken, EnrolmentTicket, LoginAttempt, Preference, Role
from plenary.accounts.notify import language_of
from plenary.accounts.permissions import is_staff, require_staff
from plenary.accounts.queries import has_second_factor
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


# --- the second factor (django-otp's devices; these functions are their only writers) -----------

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery codes"


def _own_or_system(user: User, by: Actor, what: str) -> None:
    if not (by.user is not None and by.user.pk == user.pk) and not by.is_system:
        raise NotAllowed(f"a person {what} for themselves (or the operator at the command line)")


def _enrolment_link(base: str, token: str) -> str:
    return base + reverse("accounts:enrol", kwargs={"token": token})


def offer_enrolment(user: User, *, by: Actor, url_base: str, mail: bool = True) -> str:
    """A one-time link to set up an authenticator app for `user`, that works once and for
    OTP_ENROLMENT_HOURS. The confirmation outside the password: with `mail`, the link goes (when
    the act commits) to the account's own e-mail address, in the person's language, and never to
    whoever asked; without, it is returned to the operator at the command line (the system only:
    the first superuser, or a person who lost their device). The person asks for a mail at most
    every OTP_ENROLMENT_MAIL_MINUTES. Returns the link."""
    if not mail and not by.is_system:
        raise NotAllowed("only the operator at the command line is given an enrolment link to pass on")
    if not (by.user is not None and by.user.pk == user.pk) and not is_staff(by):
        raise NotAllowed("a person asks for their own enrolment link")
    if not user.is_active:
        raise DomainError(f"the account {user.username!r} is closed")
    if mail and not user.email:
        raise DomainError(f"the account {user.username!r} has no e-mail address: ask the secretariat")
    base = (url_base or "").rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise DomainError(f"the site's address must start with http:// or https://, not {url_base!r}")
    token = secrets.token_urlsafe(32)
    link = _enrolment_link(base, token)
    now = timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one mail at a time a person
        if mail:
            recent = now - dt.timedelta(minutes=settings.OTP_ENROLMENT_MAIL_MINUTES)
            if EnrolmentTicket.objects.filter(user=user, created__gte=recent).exclude(sent_to="").exists():
                raise DomainError(
                    gettext("A link was sent less than %(minutes)d minutes ago: look for it in your mail.")
                    % {"minutes": settings.OTP_ENROLMENT_MAIL_MINUTES}
                )
        ticket = EnrolmentTicket.objects.create(
            user=user,
            digest=EnrolmentTicket.hash(token),
            expires=now + dt.timedelta(hours=settings.OTP_ENROLMENT_HOURS),
            sent_to=user.email if mail else "",
        )
        log_action(
            by,
            "otp.enrolment_sent" if mail else "otp.enrolment_link",
            ticket,
            after={"user": user.username, "sent_to": ticket.sent_to, "expires": ticket.expires.isoformat()},
        )
        if mail:
            lang = language_of(user)
            with translation.override(_DJANGO_CODES.get(lang, lang)):
                subject = gettext("Your Plenary account: set up your authenticator app")
                body = "\n\n".join(
                    [
                        gettext(
                            "Someone who knows the password of your account %(username)s asked to set up "
                            "an authenticator app for its second factor."
                        )
                        % {"username": user.username},
                        gettext(
                            "If it was you, open this link in the browser where you signed in. It works "
                            "once, for %(hours)d hours:"
                        )
                        % {"hours": settings.OTP_ENROLMENT_HOURS},
                        link,
                        gettext(
                            "If it was not you, do not open it: change your password and tell the secretariat."
                        ),
                    ]
                )
            to = user.email
            transaction.on_commit(lambda: _send(subject, body, to))
    return link


def start_enrolment(user: User, token: str, *, by: Actor) -> TOTPDevice:
    """Use an enrolment link: `token` must be one `offer_enrolment` made for this very user, unused
    and unexpired; it is used up here. Returns a new, unconfirmed authenticator (a fresh key): it
    counts only once `confirm_device` has checked a code from it. Earlier unconfirmed ones go."""
    _own_or_system(user, by, "sets up an authenticator")
    now = timezone.now()
    with transaction.atomic():
        ticket = (
            EnrolmentTicket.objects.select_for_update()
            .filter(digest=EnrolmentTicket.hash(token or ""), user=user)
            .first()
        )
        if ticket is None:
            raise DomainError(gettext("This link to set up an authenticator is not valid for this account."))
        if ticket.used is not None:
            raise DomainError(gettext("This link to set up an authenticator was used already."))
        if ticket.expires <= now:
            raise DomainError(gettext("This link to set up an authenticator has expired."))
        ticket.used = now
        ticket.save(update_fields=["used"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
        log_action(by, "otp.enrolment_start", device, after={"user": user.username, "ticket": ticket.pk})
    return device


def confirm_device(device: TOTPDevice, code: str, *, by: Actor) -> list[str] | None:
    """Confirm a new authenticator with a code from it (django-otp's check, throttled like any).
    A right code makes it the person's authenticator (an earlier one goes) and makes ten new
    recovery codes, returned (they are shown once); a wrong one returns None."""
    user = device.user
    _own_or_system(user, by, "confirms an authenticator")
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed:
            raise DomainError("this authenticator is confirmed already")
        if not device.verify_token(_digits(code)):
            log_action(by, "otp.code_refused", device, after={"user": user.username, "confirming": True})
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        replaced = list(
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).values_list("pk", flat=True)
        )
        TOTPDevice.objects.filter(pk__in=replaced).delete()
        log_action(by, "otp.device_confirm", device, after={"user": user.username, "replaced": replaced})
        return make_recovery_codes(user, by=by)


def make_recovery_codes(user: User, *, by: Actor) -> list[str]:
    """Ten new single-use recovery codes for a person with an authenticator; the earlier ones stop
    working. Returned to be shown once; the audit entry records how many, never the codes."""
    _own_or_system(user, by, "makes recovery codes")
    if not has_second_factor(user):
        raise DomainError(gettext("Set up an authenticator app first."))
    codes = [_recovery_code() for _ in range(settings.OTP_RECOVERY_CODES)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY, confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        log_action(by, "otp.recovery_codes", device, after={"user": user.username, "codes": len(codes)})
    return codes


def _recovery_code() -> str:
    # 50 random bits in ten letters and digits, written as two groups of five (xxxxx-xxxxx).
    raw = StaticToken.random_token() + StaticToken.random_token()[:2]
    return f"{raw[:5]}-{raw[5:10]}"


def _digits(code: str) -> str:
    return "".join((code or "").split())


@dataclass(frozen=True)
class Verification:
    """The answer to a second-factor code: `device` that accepted it, or None; `wait` when the
    code was not even tried because the device is throttled after wrong codes."""

    device: Device | None
    wait: dt.timedelta | None = None


def verify_second_factor(user: User, code: str, *, by: Actor) -> Verification:
    """Check a code from the person's authenticator, or one of their recovery codes (which is used
    up). django-otp's throttle applies: after a wrong code the next is not even tried for 1, 2,
    4, 8... seconds (`wait`), so that a right code then is refused too. Every try is audited."""
    _own_or_system(user, by, "signs in")
    code = _digits(code)
    recovery = not (code.isdigit() and len(code) == 6)
    model = StaticDevice if recovery else TOTPDevice
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            log_action(
                by,
                "otp.code_refused",
                user,
                after={"user": user.username, "recovery": recovery, "device": None},
            )
            return Verification(None)
        allowed, why = device.verify_is_allowed()
        if not allowed:
            until = (why or {}).get("locked_until") or timezone.now()
            log_action(by, "otp.code_refused", device, after={"user": user.username, "throttled": True})
            return Verification(None, wait=max(until - timezone.now(), dt.timedelta(seconds=1)))
        token = code.lower().replace("-", "")
        token = f"{token[:5]}-{token[5:]}" if recovery else code
        if not device.verify_token(token):
            log_action(by, "otp.code_refused", device, after={"user": user.username, "recovery": recovery})
            return Verification(None)
        if recovery:
            left = device.token_set.count()
            log_action(by, "otp.recovery_code_used", device, after={"user": user.username, "left": left})
        else:
            log_action(by, "otp.verify", device, after={"user": user.username})
    return Verification(device)


def drop_pending_sign_in(user: User, *, by: Actor, wrong_codes: int) -> None:
    """Record that a sign-in waiting for its second factor was dropped after too many wrong
    codes: the person starts again with the password."""
    _own_or_system(user, by, "signs in")
    with transaction.atomic():
        log_action(by, "otp.lockout", user, after={"user": user.username, "wrong_codes": wrong_codes})


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
