"""The only writers of accounts: accounts and their invitations, roles, API tokens, the second
factor (enrolment links, django-otp's authenticators and recovery codes), sign-ins and sign-outs,
passwords and their resets."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import secrets
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.accounts.models import (
    ApiToken,
    EnrolmentTicket,
    LoginAttempt,
    PasswordResetRequest,
    Preference,
    Role,
)
from plenary.accounts.notify import language_of
from plenary.accounts.permissions import is_staff, require_staff
from plenary.accounts.queries import has_second_factor
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, NotAllowed, term
from plenary.core.languages import UN_LANGUAGES

log = logging.getLogger(__name__)


def _word(label: object) -> term:
    """A choice's label (a lazy translation) as the English word of the interface, for a message
    that translates it when it is read."""
    with translation.override("en"):
        return term(str(label))


SCOPES = {
    Role.Kind.STAFF: set(),
    Role.Kind.OFFICER: {"meeting"},
    Role.Kind.FOCAL_POINT: {"state", "organization"},
    Role.Kind.DELEGATE: {"state", "organization"},
    Role.Kind.OBSERVER: {"organization"},
    Role.Kind.CONTACT_POINT: {"state"},
    Role.Kind.AUTHORISED: {"state"},
}


def grant_role(user: User, kind: str, *, by: Actor, meeting=None, state=None, organization=None) -> Role:
    """Give `user` a role. Guarantees: staff (or the system) only; the role is scoped as its kind
    requires (an officer to one meeting, a focal point or delegate to one State or one
    organization, staff to nothing)."""
    if not is_staff(by):
        raise NotAllowed(_("only the secretariat gives roles"))
    if kind not in Role.Kind.values:
        raise DomainError(_("unknown role %(kind)s"), kind=repr(kind))
    given = {
        name
        for name, value in (("meeting", meeting), ("state", state), ("organization", organization))
        if value
    }
    allowed = SCOPES[Role.Kind(kind)]
    if (allowed and len(given) != 1) or not given <= allowed:
        # The scopes are the arguments' names (meeting, state, organization), shown as they are.
        raise DomainError(
            _("a %(role)s role takes %(need)s, not %(given)s"),
            role=_word(Role.Kind(kind).label),
            need=" or ".join(sorted(allowed)) or term(_("no scope")),
            given=", ".join(sorted(given)) or term(_("none")),
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
    require_staff(by, _("creates accounts"))
    username = (username or "").strip()
    email = (email or "").strip()
    if not username:
        raise DomainError(_("give the account a user name"))
    if len(username) > 150:
        raise DomainError(_("a user name has at most 150 characters"))
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise DomainError(
            _("the user name %(username)s may hold only letters, digits and the signs @ . + - _"),
            username=repr(username),
        ) from None
    if not email:
        raise DomainError(_("give the person's e-mail address: the invitation to set a password goes there"))
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("%(email)s is not a valid e-mail address"), email=repr(email)) from None
    if language not in UN_LANGUAGES:
        raise DomainError(
            _("language must be one of %(choices)s, not %(language)s"),
            choices=", ".join(UN_LANGUAGES),
            language=repr(language),
        )
    with transaction.atomic():
        taken = User.objects.filter(username__iexact=username).values_list("username", flat=True).first()
        if taken is not None:
            raise DomainError(
                _("the user name %(username)s is taken (by the account %(taken)s)"),
                username=repr(username),
                taken=repr(taken),
            )
        if User.objects.filter(email__iexact=email).exists():
            raise DomainError(
                _("an account with the e-mail address %(email)s exists already: give that account the role"),
                email=repr(email),
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


def _site_address(url_base: str) -> str:
    """The site's address without its final slash; DomainError unless it starts with http(s)://."""
    base = (url_base or "").rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise DomainError(
            _("the site's address must start with http:// or https://, not %(address)s"),
            address=repr(url_base),
        )
    return base


def invite_to_set_password(user: User, *, by: Actor, url_base: str) -> str:
    """E-mail the person a one-time link to set their password (Django's password-reset token: it
    stops working once the password is set, or after PASSWORD_RESET_TIMEOUT), written in their
    language. `url_base` is the site's address ("https://plenary.example.org"). The mail leaves
    when the act commits; the audit entry says who sent it to which address. Returns the link."""
    require_staff(by, _("invites people to set their password"))
    if not user.is_active:
        raise DomainError(_("the account %(username)s is closed"), username=repr(user.username))
    if not user.email:
        raise DomainError(_("the account %(username)s has no e-mail address"), username=repr(user.username))
    base = _site_address(url_base)
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
        raise NotAllowed(_("only the secretariat takes roles away"))
    with transaction.atomic():
        log_action(by, "role.revoke", role, before={"user": role.user.username, "role": str(role)})
        role.delete()


def _own_or_staff(user: User, by: Actor) -> None:
    if not (by.user is not None and by.user.pk == user.pk) and not is_staff(by):
        raise NotAllowed(_("a person manages their own API tokens"))


def make_token(user: User, name: str, *, by: Actor) -> tuple[ApiToken, str]:
    """A new API token; returns the record and the token itself, which is not stored."""
    _own_or_staff(user, by)
    if not name.strip():
        raise DomainError(_("give the token a name, to know later what uses it"))
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
            log_action(
                by,
                "token.revoke",
                record,
                before={"user": record.user.username, "name": record.name, "revoked": None},
                after={"revoked": record.revoked.isoformat()},
            )


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
    """NotAllowed unless `by` is `user` or the system; `what` is marked with _() where it is written
    ("signs in"), a word of the interface translated with the message."""
    if not (by.user is not None and by.user.pk == user.pk) and not by.is_system:
        raise NotAllowed(
            _("a person %(what)s for themselves (or the operator at the command line)"), what=term(what)
        )


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
        raise NotAllowed(_("only the operator at the command line is given an enrolment link to pass on"))
    if not (by.user is not None and by.user.pk == user.pk) and not is_staff(by):
        raise NotAllowed(_("a person asks for their own enrolment link"))
    if not user.is_active:
        raise DomainError(_("the account %(username)s is closed"), username=repr(user.username))
    if mail and not user.email:
        raise DomainError(
            _("the account %(username)s has no e-mail address: ask the secretariat"),
            username=repr(user.username),
        )
    base = _site_address(url_base)
    token = secrets.token_urlsafe(32)
    link = _enrolment_link(base, token)
    now = timezone.now()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one mail at a time a person
        if mail:
            recent = now - dt.timedelta(minutes=settings.OTP_ENROLMENT_MAIL_MINUTES)
            if EnrolmentTicket.objects.filter(user=user, created__gte=recent).exclude(sent_to="").exists():
                raise DomainError(
                    _("A link was sent less than %(minutes)d minutes ago: look for it in your mail."),
                    minutes=settings.OTP_ENROLMENT_MAIL_MINUTES,
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
    _own_or_system(user, by, _("sets up an authenticator"))
    now = timezone.now()
    with transaction.atomic():
        ticket = (
            EnrolmentTicket.objects.select_for_update()
            .filter(digest=EnrolmentTicket.hash(token or ""), user=user)
            .first()
        )
        if ticket is None:
            raise DomainError(_("This link to set up an authenticator is not valid for this account."))
        if ticket.used is not None:
            raise DomainError(_("This link to set up an authenticator was used already."))
        if ticket.expires <= now:
            raise DomainError(_("This link to set up an authenticator has expired."))
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
    _own_or_system(user, by, _("confirms an authenticator"))
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed:
            raise DomainError(_("this authenticator is confirmed already"))
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
    _own_or_system(user, by, _("makes recovery codes"))
    if not has_second_factor(user):
        raise DomainError(_("Set up an authenticator app first."))
    codes = [_recovery_code() for _n in range(settings.OTP_RECOVERY_CODES)]
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
    _own_or_system(user, by, _("signs in"))
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
    _own_or_system(user, by, _("signs in"))
    with transaction.atomic():
        log_action(by, "otp.lockout", user, after={"user": user.username, "wrong_codes": wrong_codes})


@dataclass(frozen=True)
class Refusal:
    """Sign-in refused for `wait`, because of the failures for this account ("account") or from
    this client address ("address")."""

    reason: str
    wait: dt.timedelta

    @property
    def minutes(self) -> int:
        """The wait in whole minutes, rounded up (at least 1)."""
        return max(1, math.ceil(self.wait.total_seconds() / 60))


def sign_in_refusal(username: str, address: str | None) -> Refusal | None:
    """Whether sign-in with `username` from `address` is refused now, and for how long.

    Per account: LOGIN_FAILURES_ALLOWED failures for the user name (in any case) within
    LOGIN_FAILURE_WINDOW_MINUTES, counted since the account's last successful sign-in. Per
    address: LOGIN_ADDRESS_FAILURES_ALLOWED failures from the client address in the same window,
    over every name, whatever succeeded in between: delegates who share an address do not lock
    each other out, a success for one account unlocks no other, and guessing across many names
    from one address still stops. The wait is until enough failures have left the window."""
    window = dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)
    now = timezone.now()
    recent = LoginAttempt.objects.filter(at__gte=now - window)
    name = (username or "")[:150]
    last_success = (
        recent.filter(username__iexact=name, succeeded=True)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    by_name = recent.filter(username__iexact=name, succeeded=False)
    if last_success is not None:
        by_name = by_name.filter(at__gt=last_success)
    checks = [("account", by_name, settings.LOGIN_FAILURES_ALLOWED)]
    if address:
        checks.append(
            (
                "address",
                recent.filter(address=address, succeeded=False),
                settings.LOGIN_ADDRESS_FAILURES_ALLOWED,
            )
        )
    for reason, failures, allowed in checks:
        count = failures.count()
        if count >= allowed:
            # Refused until the count falls below the limit: until the (count - allowed + 1)th
            # oldest failure leaves the window.
            expires = failures.order_by("at").values_list("at", flat=True)[count - allowed] + window
            return Refusal(reason, max(expires - now, dt.timedelta(seconds=1)))
    return None


def sign_in_refused(username: str, address: str | None) -> dt.timedelta | None:
    """How long sign-in stays refused for this name from this address (`sign_in_refusal`), or None."""
    refusal = sign_in_refusal(username, address)
    return refusal.wait if refusal else None


def record_sign_in(
    username: str, address: str | None, *, succeeded: bool, by: Actor, user: User | None = None
) -> None:
    """Record a sign-in (`succeeded`: the session is the user's) or a failed one (a wrong name or
    password), for throttling and in the audit trail: who (the name given; the account, if one
    has it), when, through what, from which client address. Never the password. A successful
    sign-in is the signed-in user's own act."""
    name = (username or "")[:150]
    if succeeded and (user is None or by.user is None or by.user.pk != user.pk):
        raise DomainError(_("a successful sign-in is recorded for the user who signed in"))
    with transaction.atomic():
        LoginAttempt.objects.create(username=name, address=address, succeeded=succeeded)
        log_action(
            by,
            "account.sign_in" if succeeded else "account.sign_in_failed",
            user,
            object_type="auth.User",
            after={"username": name, "address": address},
        )


def record_sign_out(user: User, address: str | None, *, by: Actor, reason: str = "") -> None:
    """Record that `user`'s session ended: signed out, or ended by the server (`reason`,
    e.g. "staff session hours")."""
    with transaction.atomic():
        log_action(
            by,
            "account.sign_out",
            user,
            after={
                "username": user.get_username(),
                "address": address,
                **({"reason": reason} if reason else {}),
            },
        )


def _serialize(*keys: str) -> None:
    """Inside a transaction: wait for any other transaction holding one of these keys. SQLite
    runs one writing transaction at a time already (they begin IMMEDIATE); PostgreSQL takes an
    advisory lock per key, released at commit, so that servers sharing the database count the
    same requests."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(set(keys)):
            number = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def request_password_reset(email: str, *, address: str | None, by: Actor, url_base: str) -> bool:
    """Someone asks for a password-reset link to `email`. Guarantees: at most
    PASSWORD_RESETS_PER_EMAIL_HOUR requests an hour are served for one e-mail address (in any
    case) and PASSWORD_RESETS_PER_ADDRESS_HOUR from one client address, counted in the database
    across every server; a served request mails a one-time link (Django's password-reset token)
    to every active account with that address and a usable password, in the account's
    language; every request is in the audit trail (whether it was served, whose account). The
    caller answers the same whatever happened, so that nobody learns which addresses have an
    account. Returns whether the request was within the limits."""
    key = (email or "").strip().lower()[:254]
    try:
        validate_email(key)
    except ValidationError:
        raise DomainError(_("%(email)s is not a valid e-mail address"), email=repr(email)) from None
    base = _site_address(url_base)
    hour_ago = timezone.now() - dt.timedelta(hours=1)
    with transaction.atomic():
        _serialize(f"password-reset:email:{key}", f"password-reset:address:{address}")
        recent = PasswordResetRequest.objects.filter(at__gte=hour_ago, served=True)
        served = recent.filter(email=key).count() < settings.PASSWORD_RESETS_PER_EMAIL_HOUR and not (
            address and recent.filter(address=address).count() >= settings.PASSWORD_RESETS_PER_ADDRESS_HOUR
        )
        PasswordResetRequest.objects.create(email=key, address=address, served=served)
        users = [
            u
            for u in User.objects.filter(email__iexact=key, is_active=True).order_by("pk")
            if u.has_usable_password()
        ]
        log_action(
            by,
            "account.password_reset_request",
            users[0] if len(users) == 1 else None,
            object_type="auth.User",
            after={
                "email": key,
                "address": address,
                "served": served,
                "accounts": [u.username for u in users],
            },
        )
    for user in users if served else []:
        subject, body = _reset_mail(user, base)
        _send(subject, body, user.email)
    return served


def _reset_mail(user: User, base: str) -> tuple[str, str]:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    lang = language_of(user)
    with translation.override(_DJANGO_CODES.get(lang, lang)):
        subject = gettext("Reset your password") + " (Plenary)"
        body = "\n".join(
            [
                gettext(
                    "Someone asked to reset the Plenary password of this address. If it was you, open this link:"
                ),
                base + path,
                gettext("If it was not you, ignore this message."),
            ]
        )
    return subject, body


def change_password(
    user: User, password: str, *, by: Actor, reset: bool = False, keep_session_key: str | None = None
) -> None:
    """Set `user`'s password: the person themselves (signed in, or through a reset link, which
    proves it: `reset`), or staff. Guarantees: the password passes the password validators;
    every API token of the account is revoked and every session of it ends (but
    `keep_session_key`, the session of the person changing their own password), in the same
    transaction, with one audit entry (never the password)."""
    if not (by.user is not None and by.user.pk == user.pk) and not is_staff(by):
        raise NotAllowed(_("a person changes their own password"))
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages)) from None
    with transaction.atomic():
        user.set_password(password)
        user._plenary_access_ended = True  # signals.password_saved has nothing left to do
        try:
            user.save(update_fields=["password"])
        finally:
            del user._plenary_access_ended
        tokens, sessions = _end_access(user, keep_session_key)
        log_action(
            by,
            "account.password_reset" if reset else "account.password_change",
            user,
            after={"username": user.username, "tokens_revoked": tokens, "sessions_ended": sessions},
        )


def end_access(user: User, *, by: Actor, why: str, keep_session_key: str | None = None) -> tuple[int, int]:
    """Revoke every API token of `user` and end every session of theirs (but `keep_session_key`),
    with an audit entry saying `why`, when anything was open. Staff or the system only (a
    password changed elsewhere than `change_password`, e.g. in the Django admin or with
    `plenary manage changepassword`, comes here through `accounts.signals`). Returns (tokens
    revoked, sessions ended)."""
    require_staff(by, _("ends a person's sessions and tokens"))
    with transaction.atomic():
        tokens, sessions = _end_access(user, keep_session_key)
        if tokens or sessions:
            log_action(
                by,
                "account.access_end",
                user,
                after={
                    "username": user.username,
                    "why": why,
                    "tokens_revoked": tokens,
                    "sessions_ended": sessions,
                },
            )
    return tokens, sessions


def _end_access(user: User, keep_session_key: str | None) -> tuple[int, int]:
    tokens = ApiToken.objects.filter(user=user, revoked=None).update(revoked=timezone.now())
    return tokens, _end_sessions(user, keep_session_key)


def _end_sessions(user: User, keep: str | None) -> int:
    """Delete the user's sessions from a database session store (Django keeps no index of
    sessions by user, so the live ones are read: a rare act). With another store (signed cookies,
    the cache) they end all the same at their next request, since the session carries a hash of
    the password that no longer matches (django.contrib.auth.get_user)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    model = store.get_model_class()
    uid, ended = str(user.pk), 0
    for key, data in (
        model.objects.filter(expire_date__gt=timezone.now())
        .values_list("session_key", "session_data")
        .iterator()
    ):
        if key != keep and str(store().decode(data).get(SESSION_KEY)) == uid:
            store(session_key=key).delete()
            ended += 1
    return ended


# -- accounts as the Django admin edits them (accounts/admin.py) -----------------------------------

# What of an account the admin may change; its password never (the person sets it through
# `invite_to_set_password`), nor its Django groups and permissions (Plenary's rights are roles).
ACCOUNT_FIELDS = ("first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")
ADMIN_FLAGS = ("is_staff", "is_superuser")
# One message a name (Django's own catalogue has "first name", "last name" as column labels).
NAME_TOO_LONG = {
    "first_name": _("first name has at most 150 characters"),
    "last_name": _("last name has at most 150 characters"),
}


def _account_snapshot(user: User) -> dict:
    return {"username": user.username, **{f: getattr(user, f) for f in ACCOUNT_FIELDS}}


def update_account(user: User, *, by: Actor, **values) -> bool:
    """Change an account's names, e-mail address, whether it is open (`is_active`), and its Django
    admin flags (`is_staff`, `is_superuser`). Returns whether anything changed.

    Guarantees: staff only; the admin flags only by a superuser (or the system); the e-mail address
    is valid and no other account has it; the last open superuser stays one; one entry with the
    values before and after (never the password), "account.superuser" when superuser status is
    given or taken, "account.update" otherwise. Nothing is written when nothing changes."""
    require_staff(by, _("changes accounts"))
    unknown = sorted(set(values) - set(ACCOUNT_FIELDS))
    if unknown:
        raise DomainError(_("an account's %(fields)s is not changed here"), fields=", ".join(unknown))
    for flag in ("is_active", *ADMIN_FLAGS):
        if flag in values and not isinstance(values[flag], bool):
            raise DomainError(_("%(flag)s is true or false"), flag=flag)
    for name in ("first_name", "last_name"):
        if name in values:
            values[name] = " ".join(str(values[name] or "").split())
            if len(values[name]) > 150:
                raise DomainError(NAME_TOO_LONG[name])
    if "email" in values:
        values["email"] = str(values["email"] or "").strip()
        try:
            validate_email(values["email"])
        except ValidationError:
            raise DomainError(
                _("%(email)s is not a valid e-mail address"), email=repr(values["email"])
            ) from None
    with transaction.atomic():
        current = User.objects.select_for_update().get(pk=user.pk)
        before = _account_snapshot(current)
        changes = {f: v for f, v in values.items() if before[f] != v}
        if not changes:
            return False
        superuser = by.is_system or bool(by.user and by.user.is_superuser)
        if set(changes) & set(ADMIN_FLAGS) and not superuser:
            raise NotAllowed(_("only a superuser gives or takes staff and superuser status"))
        if before["is_superuser"] and not superuser:
            raise NotAllowed(_("only a superuser changes a superuser's account"))
        if (
            "email" in changes
            and User.objects.filter(email__iexact=changes["email"]).exclude(pk=user.pk).exists()
        ):
            raise DomainError(
                _("another account has the e-mail address %(email)s"), email=repr(changes["email"])
            )
        if (
            before["is_superuser"]
            and before["is_active"]
            and (changes.get("is_superuser") is False or changes.get("is_active") is False)
        ):
            others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
            if not others.exists():
                raise DomainError(
                    _("%(username)s is the last superuser: make another one first"), username=user.username
                )
        for f, v in changes.items():
            setattr(current, f, v)
        current.save(update_fields=list(changes))
        action = "account.superuser" if "is_superuser" in changes else "account.update"
        log_action(by, action, current, before=before, after=_account_snapshot(current))
    for f, v in changes.items():
        setattr(user, f, v)
    return True
