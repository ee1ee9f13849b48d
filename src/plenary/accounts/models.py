"""Who may do what: roles scoped to a meeting, a State or an organization; API tokens; links to
set up the second factor (its devices are django-otp's); sign-ins and password-reset requests (for
throttling)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.meetings.models import Meeting
from plenary.participation.models import Organization
from plenary.treaties.models import State


class Role(models.Model):
    """One role of a person. A person may hold several."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("secretariat staff")
        OFFICER = "officer", _("meeting officer")
        FOCAL_POINT = "focal_point", _("focal point")
        DELEGATE = "delegate", _("delegate")
        OBSERVER = "observer", _("observer or NGO representative")
        # The treaty's databases (CBMs, Article X, Article VII, finances): the State's national
        # contact point submits in its name; its authorised users draft for the contact point.
        CONTACT_POINT = "contact_point", _("national contact point")
        AUTHORISED = "authorised", _("authorised user of a State")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plenary_roles")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, help_text="officers"
    )
    state = models.ForeignKey(
        State,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="focal points, delegates, contact points, authorised users",
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "meeting", "state", "organization"], name="one_role_once"
            ),
        ]

    def __str__(self) -> str:
        scope = self.meeting or self.state or self.organization or ""
        return f"{self.user}: {self.get_kind_display()} {scope}".strip()


class ApiToken(models.Model):
    """A token for scripts. Only its SHA-256 is stored; the token is shown once, when made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, help_text="the first characters, to tell tokens apart")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class EnrolmentTicket(models.Model):
    """A one-time link to set up an authenticator app, given outside the password: mailed to the
    account's address, or printed for the operator at the command line. Only its hash is kept; it
    works once (`used`), until `expires`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_tickets"
    )
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    used = models.DateTimeField(null=True, blank=True)
    sent_to = models.EmailField(blank=True, help_text="empty: printed at the command line")

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"enrolment of {self.user} ({self.created:%Y-%m-%d %H:%M})"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class LoginAttempt(models.Model):
    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} {'ok' if self.succeeded else 'failed'} {self.at:%Y-%m-%d %H:%M}"


class PasswordResetRequest(models.Model):
    """One request for a password-reset mail, kept to rate-limit them per e-mail address and per
    client address across every server (`accounts.domain.request_password_reset`)."""

    email = models.CharField(max_length=254, help_text="as asked, in lower case")
    address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    served = models.BooleanField(help_text="within the limits (a mail left if an account has the address)")

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["email", "at"]), models.Index(fields=["address", "at"])]

    def __str__(self) -> str:
        return f"{self.email} {self.at:%Y-%m-%d %H:%M}"


class Preference(models.Model):
    """What a person chose for themselves: the language of their e-mails and notifications."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference")
    language = models.CharField(max_length=2, default="en")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"


class Notification(models.Model):
    """A step that concerns someone, told in their language: listed in the portal and sent by
    e-mail. Subject and body are written in the recipient's language when the step happens."""

    class Kind(models.TextChoices):
        REGISTRATION_RECEIVED = "registration_received", _("registration received")
        REGISTRATION_APPROVED = "registration_approved", _("registration approved")
        REGISTRATION_RETURNED = "registration_returned", _("registration returned")
        CO_SPONSOR_INVITED = "co_sponsor_invited", _("invited to co-sponsor")
        CO_SPONSOR_CONFIRMED = "co_sponsor_confirmed", _("co-sponsorship confirmed")
        CO_SPONSOR_DECLINED = "co_sponsor_declined", _("co-sponsorship declined")
        PAPER_SUBMITTED = "paper_submitted", _("paper submitted")
        PAPER_ISSUED = "paper_issued", _("paper issued")
        FLOOR_GIVEN = "floor_given", _("the floor given")
        # The treaty's databases.
        CBM_SUBMITTED = "cbm_submitted", _("CBM report submitted")
        ARTX_MATCH = "artx_match", _("Article X match recorded")
        ART7_STEP = "art7_step", _("Article VII request: a step")
        ART7_PARTNER = "art7_partner", _("Article VII request: partner asked")
        INVOICE_ISSUED = "invoice_issued", _("invoice issued")
        PAYMENT_RECEIVED = "payment_received", _("payment received")
        SPONSORSHIP_RECEIVED = "sponsorship_received", _("sponsorship application received")
        SPONSORSHIP_DECIDED = "sponsorship_decided", _("sponsorship application decided")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    language = models.CharField(max_length=2)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    url = models.CharField(max_length=500, blank=True, help_text="the page it is about, site-relative")
    created = models.DateTimeField(auto_now_add=True)
    emailed_to = models.EmailField(blank=True, help_text="empty: the person has no e-mail address")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"
