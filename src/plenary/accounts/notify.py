"""Telling people of the steps that concern them: a notification in the portal and an e-mail, in
the recipient's language.

Domain functions call `notify(kind, users, context=..., url=...)` inside their transaction. The
notification rows are written with the act (a rolled-back act tells no one); the e-mails go out
when the transaction commits, through Django's mail (the console by default, SMTP or a file
outbox from the environment, see settings). A mail server that fails does not undo the act: the
failure is logged and the notification stays listed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

from plenary.accounts.models import Notification, Preference, Role
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.dates import un_date, un_date_range
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.languages import UN_LANGUAGES, pick_text

log = logging.getLogger(__name__)

K = Notification.Kind

# Subject and body of each kind (marked for translation, translated when sent). Placeholders come from the context: a value that is a dict of
# languages ({"en": ..., "zh": ...}) is read in the recipient's language.
MESSAGES: dict[str, tuple[str, str]] = {
    K.REGISTRATION_RECEIVED: (
        _("Registration received: {who}, {meeting}"),
        _(
            "The secretariat has received the registration of {who} for {meeting}. "
            "It will be checked and you will be told when it is approved."
        ),
    ),
    K.REGISTRATION_APPROVED: (
        _("Registration approved: {who}, {meeting}"),
        _("The secretariat has approved the registration of {who} for {meeting}."),
    ),
    K.REGISTRATION_RETURNED: (
        _("Registration returned: {who}, {meeting}"),
        _(
            "The secretariat has returned the registration of {who} for {meeting} for correction. "
            "Reason: {reason}"
        ),
    ),
    K.CO_SPONSOR_INVITED: (
        _("Invitation to co-sponsor a working paper: {paper}"),
        _("{submitter} invites {state} to co-sponsor the working paper \u201c{paper}\u201d for {meeting}."),
    ),
    K.CO_SPONSOR_CONFIRMED: (
        _("Co-sponsorship confirmed: {paper}"),
        _("{state} has confirmed that it co-sponsors the working paper \u201c{paper}\u201d."),
    ),
    K.CO_SPONSOR_DECLINED: (
        _("Co-sponsorship declined: {paper}"),
        _("{state} has declined to co-sponsor the working paper \u201c{paper}\u201d."),
    ),
    K.PAPER_SUBMITTED: (
        _("Working paper submitted: {paper}"),
        _("{submitter} has submitted the working paper \u201c{paper}\u201d to {meeting}."),
    ),
    K.PAPER_ISSUED: (
        _("Working paper issued: {symbol}"),
        _("The working paper \u201c{paper}\u201d has been issued for {meeting} as {symbol}."),
    ),
    K.FLOOR_GIVEN: (
        _("You have the floor: {meeting}"),
        _("The Chair gives the floor to {who} at {meeting}."),
    ),
    # The treaty's databases (the domain functions of cbm, cooperation, assistance, finance and
    # sponsorship give these placeholders).
    K.CBM_SUBMITTED: (
        _("CBM report submitted: {state}, {year}"),
        _("The CBM report of {state} for {year} has been submitted (version {version}, {visibility})."),
    ),
    K.ARTX_MATCH: (
        _("Article X: a match recorded for {request}"),
        _(
            "The secretariat has recorded a match between the request {request} and the offer "
            "{offer}. Status: {status}."
        ),
    ),
    K.ART7_STEP: (
        _("Article VII request {request}: {step}"),
        _("The request for assistance {request} has reached the step: {step}. {note}"),
    ),
    K.ART7_PARTNER: (
        _("Article VII: assistance requested from {partner}"),
        _(
            "{state} has requested assistance ({request}). The secretariat asks {partner} whether it "
            "can help with: {needs}."
        ),
    ),
    K.INVOICE_ISSUED: (
        _("Invoice {number}: {state}, {year}"),
        _("An invoice of {amount} has been issued to {state} for {year}, due on {due}."),
    ),
    K.PAYMENT_RECEIVED: (
        _("Payment received: {state}, {amount}"),
        _("The secretariat has recorded a payment of {amount} from {state} on {date}."),
    ),
    K.SPONSORSHIP_RECEIVED: (
        _("Sponsorship application received: {who}, {meeting}"),
        _("The ISU has received the application of {who} for sponsorship to attend {meeting}."),
    ),
    K.SPONSORSHIP_DECIDED: (
        _("Sponsorship application {decision}: {who}, {meeting}"),
        _(
            "The ISU, in consultation with the Chair and Vice-Chairs, has decided on the application "
            "of {who} for sponsorship to attend {meeting}: {decision}. {note}"
        ),
    ),
}

_DJANGO_CODES = {"zh": "zh-hans"}


def language_of(user: User) -> str:
    """The language the person chose, English until they choose."""
    pref = Preference.objects.filter(user=user).only("language").first()
    return pref.language if pref else "en"


def set_language(user: User, language: str, *, by: Actor) -> Preference:
    """The person's language for notifications. Only they (or staff) may set it."""
    from plenary.accounts.permissions import is_staff

    if by.user != user and not is_staff(by):
        raise NotAllowed(_("only the person themselves may choose the language of their notifications"))
    if language not in UN_LANGUAGES:
        raise DomainError(
            _("language must be one of %(choices)s, not %(language)s"),
            choices=", ".join(UN_LANGUAGES),
            language=repr(language),
        )
    with transaction.atomic():
        pref, created = Preference.objects.get_or_create(user=user, defaults={"language": language})
        before = None if created else {"language": pref.language}
        if not created and pref.language != language:
            pref.language = language
            pref.save(update_fields=["language"])
        log_action(by, "accounts.set_language", pref, before=before, after={"language": language})
    return pref


def _value(value: Any, lang: str) -> str:
    """A context value in the recipient's language: a dict of languages read in it; a date, or a
    (start, end) span of dates, written as the UN writes it in that language (plenary.core.dates)."""
    if isinstance(value, dict):
        return pick_text(value, lang)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return un_date(value, lang)
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, dt.date) for v in value):
        return un_date_range(value[0], value[1], lang)
    return str(value)


def _fill(template: str, context: Mapping[str, Any], lang: str) -> str:
    values = {key: _value(value, lang) for key, value in context.items()}
    return template.format_map(_Missing(values))


class _Missing(dict):
    def __missing__(self, key: str) -> str:  # a message never fails for a value not given
        return ""


def _mail(subject: str, body: str, to: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except Exception:  # the act stands; the person still sees the notification in the portal
        log.exception("could not send the notification e-mail to %s", to)


def page_urls(viewname: str, *args: Any) -> dict[str, str]:
    """The site-relative address of a page in each UN language ({"en": "/portal/papers/3/",
    "zh": "/zh-hans/portal/papers/3/", ...}): given to `notify` as `url`, each person's
    notification links the page in their own language."""
    urls = {}
    for lang in UN_LANGUAGES:
        with translation.override(_DJANGO_CODES.get(lang, lang)):
            urls[lang] = reverse(viewname, args=args)
    return urls


def link_in(url: str, language_code: str) -> str:
    """A notification's page in the language a reader reads now (Django's code: "zh-hans"): it was
    stored in the recipient's language of the day ("/zh-hans/portal/papers/3/" -> "/fr/portal/
    papers/3/"). An address that is not a page of the site is returned as it is."""
    if not url:
        return ""
    with translation.override(translation.get_language_from_path(url) or settings.LANGUAGE_CODE):
        return translate_url(url, language_code)


def notify(
    kind: str,
    users: Iterable[User | None],
    *,
    context: Mapping[str, Any],
    url: str | Mapping[str, str] = "",
) -> list[Notification]:
    """Tell each distinct user (None and inactive ones skipped) of `kind`, in their language.

    `url` is the page it is about, site-relative: one address, or one per language (`page_urls`),
    of which each person gets the one in their language.
    Call inside the act's transaction: the rows are part of the act; the mail leaves on commit.
    """
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    subject_t, body_t = MESSAGES[kind]
    made: list[Notification] = []
    seen: set[int] = set()
    for user in users:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        lang = language_of(user)
        with translation.override(_DJANGO_CODES.get(lang, lang)):
            subject = _fill(gettext(subject_t), context, lang)
            body = _fill(gettext(body_t), context, lang)
        subject = " ".join(subject.split())[:300]
        link = pick_text(url, lang) if isinstance(url, Mapping) else url
        note = Notification.objects.create(
            user=user,
            kind=kind,
            language=lang,
            subject=subject,
            body=body,
            url=link[:500],
            emailed_to=user.email or "",
        )
        made.append(note)
        if user.email:
            text = f"{body}\n\n{link}" if link else body
            transaction.on_commit(lambda s=subject, b=text, to=user.email: _mail(s, b, to))
    return made


def mark_read(notification: Notification, *, by: Actor) -> Notification:
    """The recipient marks a notification read (idempotent)."""
    if by.user is None or by.user.pk != notification.user_id:
        raise NotAllowed(_("only its recipient may mark a notification read"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user: User, *, by: Actor) -> int:
    """The person marks all their unread notifications read; how many were unread."""
    if by.user is None or by.user.pk != user.pk:
        raise NotAllowed(_("only its recipient may mark a notification read"))
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def people_of(*, state_id: int | None = None, organization_id: int | None = None) -> list[User]:
    """The focal points and delegates of a State or an organization (and an organization's
    observer representatives, who act for it in the portal): who hears of its steps."""
    roles = Role.objects.filter(kind__in=[Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE])
    if state_id is not None:
        roles = roles.filter(state_id=state_id)
    elif organization_id is not None:
        roles = Role.objects.filter(
            kind__in=[Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE, Role.Kind.OBSERVER],
            organization_id=organization_id,
        )
    else:
        return []
    return list(User.objects.filter(plenary_roles__in=roles, is_active=True).distinct().order_by("pk"))


def staff_users() -> list[User]:
    """Secretariat staff, who hear of papers submitted and registrations received."""
    return list(
        User.objects.filter(plenary_roles__kind=Role.Kind.STAFF, is_active=True).distinct().order_by("pk")
    )
