"""Who takes part in a meeting: organizations, delegations and their members (Rule 44)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.meetings.models import Meeting
from plenary.treaties.models import State


class Organization(models.Model):
    """An organization that can attend: the UN and its bodies, intergovernmental organizations,
    NGOs and research institutes."""

    class Kind(models.TextChoices):
        UN = "un", _("United Nations")
        UN_BODY = "un_body", _("body of the United Nations")
        IO = "io", _("international organization")
        NGO = "ngo", _("non-governmental organization")
        RESEARCH = "research_institute", _("research institute")

    code = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="bodies")
    names = models.JSONField(default=dict)
    short_names = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Category(models.TextChoices):
    """Rule 44 of the rules of procedure: who takes part, and with which rights."""

    STATE_PARTY = "state_party", _("State Party")
    SIGNATORY = "signatory", _("signatory State (rule 44.1)")
    OBSERVER_STATE = "observer_state", _("State neither party nor signatory, observer (rule 44.2(a))")
    UN = "un", _("United Nations (rule 44.3)")
    IO = "io", _("international organization, observer (rule 44.4)")
    NGO = "ngo", _("non-governmental organization or research institute (rule 44.5)")


# Rights per category: take part in the debate; take decisions; need the meeting's decision to
# be granted observer status.
RIGHTS = {
    Category.STATE_PARTY: {"participates": True, "decides": True, "needs_observer_decision": False},
    Category.SIGNATORY: {"participates": True, "decides": False, "needs_observer_decision": False},
    Category.OBSERVER_STATE: {"participates": True, "decides": False, "needs_observer_decision": True},
    Category.UN: {"participates": True, "decides": False, "needs_observer_decision": False},
    Category.IO: {"participates": True, "decides": False, "needs_observer_decision": True},
    Category.NGO: {"participates": False, "decides": False, "needs_observer_decision": False},
}


class Delegation(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        PENDING = "pending", _("observer status pending")
        REFUSED = "refused", _("refused")

    class Review(models.TextChoices):
        RECEIVED = "received", _("received")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned for correction")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="delegations")
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="delegations"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REGISTERED)
    position = models.PositiveIntegerField(default=0)
    # The secretariat's check of a registration: received, then approved or returned with a
    # reason for the focal point to correct and send again. Records of past meetings are approved.
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.APPROVED)
    review_reason = models.TextField(blank=True, help_text="why it was returned")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="the focal point who registered it",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The note verbale or letter of credentials, as uploaded (stored name generated).
    credentials = models.FileField(upload_to="credentials/", blank=True, max_length=255)
    credentials_name = models.CharField(max_length=255, blank=True)
    # Registrations made together for several meetings (all Meetings of Experts of a year) share
    # a batch: one per meeting, checked together.
    batch = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["meeting", "category", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "state"], name="one_delegation_per_state"),
            models.UniqueConstraint(
                fields=["meeting", "organization"], name="one_delegation_per_organization"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(state__isnull=False, organization__isnull=True)
                    | models.Q(state__isnull=True, organization__isnull=False)
                ),
                name="delegation_of_a_state_or_an_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.state or self.organization}"


class Participant(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("head of delegation")
        DEPUTY = "deputy", _("deputy head")
        ALTERNATE = "alternate", _("alternate")
        MEMBER = "member", _("member")
        ADVISER = "adviser", _("adviser")
        EXPERT = "expert", _("expert")

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="participants")
    # `name` is the name as lists of participants print it; a registration gives it in parts.
    name = models.CharField(max_length=200)
    honorific = models.CharField(max_length=20, blank=True, help_text="salutation: Mr., Ms., H.E. ...")
    family_name = models.CharField(max_length=100, blank=True)
    given_names = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True, help_text="seen by the secretariat only")
    function = models.CharField(max_length=300, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["delegation", "position"]

    def __str__(self) -> str:
        return self.name


class AttendanceTally(models.Model):
    """Attendance known only as a number (a report gives "36 NGOs attended" but the list of
    participants is not at hand). Counts add to the named delegations of the category."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="tallies")
    category = models.CharField(max_length=20, choices=Category.choices)
    count = models.PositiveIntegerField()
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "category"]
        constraints = [models.UniqueConstraint(fields=["meeting", "category"], name="one_tally_per_category")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.count} {self.category}"
