"""What happens in the room: the list of speakers, statements, decisions and reservations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.meetings.models import AgendaItem, Meeting, PlannedSitting
from plenary.participation.models import Delegation, Organization
from plenary.treaties.models import Group, State


class Statement(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        OBSERVER = "observer", _("observer organization")
        NGO_JOINT = "ngo_joint", _("joint statement of NGOs")
        NGO = "ngo", _("NGO or research institute")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="statements")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    state = models.ForeignKey(State, on_delete=models.PROTECT, null=True, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True)
    speaker = models.CharField(
        max_length=200, blank=True, help_text="when no State or organization is recorded"
    )
    on_behalf_of_states = models.JSONField(default=list, blank=True, help_text="alpha-3 codes")
    on_behalf_of_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="represented_in"
    )
    on_behalf_of_group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True)
    on_behalf_of_text = models.JSONField(
        default=dict, blank=True, help_text="wording per language, when given"
    )
    endorsed_by_ngos = models.PositiveIntegerField(null=True, blank=True)
    endorsed_by_individuals = models.PositiveIntegerField(null=True, blank=True)
    informal = models.BooleanField(default=False, help_text="heard in an informal meeting")
    reply = models.BooleanField(default=False, help_text="in exercise of the right of reply")
    sitting = models.ForeignKey(
        PlannedSitting, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="one_statement_per_position")
        ]

    def __str__(self) -> str:
        return (
            f"{self.meeting} #{self.position}: {self.state or self.organization or self.speaker or self.kind}"
        )


class Decision(models.Model):
    """A decision, conclusion or agreed text of a meeting, in each language."""

    class Method(models.TextChoices):
        CONSENSUS = "consensus", _("by consensus")
        WITHOUT_VOTE = "without_vote", _("without a vote")
        VOTE = "vote", _("by vote")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    key = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.JSONField(default=dict)
    adopted_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=12, choices=Method.choices, default=Method.CONSENSUS)
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "key"], name="one_decision_per_key")]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.key}"


class Reservation(models.Model):
    """A delegation's reservation, printed as a footnote where it applies."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="reservations")
    applies_to = models.CharField(
        max_length=60, help_text="the report paragraph or decision key it attaches to"
    )
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, help_text="empty: 'one delegation'"
    )
    text = models.JSONField(default=dict)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.meeting}: reservation on {self.applies_to}"


class FloorRequest(models.Model):
    """A delegation's request to take the floor: its place in the meeting's list of speakers, for a
    sitting and an agenda item when the list is kept per sitting and item."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SPEAKING = "speaking", _("speaking")
        SPOKEN = "spoken", _("spoken")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("statement")
        REPLY = "reply", _("right of reply")
        ORDER = "order", _("point of order")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="floor_requests")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="floor_requests")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STATEMENT)
    sitting = models.ForeignKey(
        PlannedSitting, on_delete=models.PROTECT, null=True, blank=True, related_name="floor_requests"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="floor_requests"
    )
    on_behalf_of_text = models.JSONField(default=dict, blank=True, help_text="wording per language")
    on_behalf_of_group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True)
    position = models.PositiveIntegerField(help_text="place in the list; the queue is the waiting ones")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    from_the_room = models.BooleanField(
        default=False, help_text="added by the secretariat as asked in the room"
    )
    by_secretariat = models.BooleanField(
        default=False, help_text="asked in the delegation's name by someone not of it (the secretariat)"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The speaking-time clock: when the floor was given and taken back, and the limit shown.
    time_limit = models.PositiveSmallIntegerField(null=True, blank=True, help_text="seconds")
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="one_floor_request_per_position"),
            # A delegation is once in the queue per kind: one statement, one reply, one point of order.
            models.UniqueConstraint(
                fields=["meeting", "delegation", "kind"],
                condition=models.Q(status__in=["waiting", "speaking"]),
                name="one_open_floor_request_per_delegation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.position}: {self.delegation} ({self.status})"


class SpeakingTime(models.Model):
    """The speaking-time limit the Chair sets for the whole meeting (no sitting) or for one of its
    sittings, which then comes first. A speaker's own limit (FloorRequest.time_limit) comes before
    both; the limit in force is written on the request when the floor is given."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="speaking_times")
    sitting = models.ForeignKey(
        PlannedSitting, on_delete=models.PROTECT, null=True, blank=True, related_name="speaking_times"
    )
    seconds = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["meeting", "sitting"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(sitting__isnull=True),
                name="one_speaking_time_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "sitting"],
                condition=models.Q(sitting__isnull=False),
                name="one_speaking_time_per_sitting",
            ),
        ]

    def __str__(self) -> str:
        where = f"sitting {self.sitting.number}" if self.sitting_id else "every sitting"
        return f"{self.meeting}, {where}: {self.seconds} s"
