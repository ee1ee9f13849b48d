"""The delegate portal: working papers on their way to becoming documents, their co-sponsors, and
requests for the floor. Data only; plenary.portal.domain is the only writer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.participation.models import Delegation
from plenary.treaties.models import Group, State


class Submission(models.Model):
    """A working paper a delegation submits to a meeting. Once issued it is a Document with a WP
    symbol and can no longer change (corrections come as Corr./Rev.)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ISSUED = "issued", _("issued")
        WITHDRAWN = "withdrawn", _("withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="submissions")
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="submissions", help_text="the submitter"
    )
    title = models.JSONField(default=dict, help_text="title per UN language")
    original_language = models.CharField(max_length=2, default="en")
    on_behalf_of = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="submission"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "submitted_at", "created", "id"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.title.get(self.original_language, '')[:60]}"


class SubmissionFile(models.Model):
    """One language version of a submission. The stored name is generated; the name the user gave
    is kept only as text."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("official version")
        INFORMAL = "informal", _("informal translation")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    lang = models.CharField(max_length=2)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    file = models.FileField(upload_to="submissions/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "lang"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "lang"], name="one_submission_file_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} [{self.lang}] {self.original_name}"


class CoSponsorship(models.Model):
    """A State invited to co-sponsor a submission; its focal point confirms or declines."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="co_sponsorships")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    position = models.PositiveSmallIntegerField(default=0, help_text="order of invitation")
    invited_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submission", "position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "state"], name="one_invitation_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.state.code} {self.status}"


class FloorRequest(models.Model):
    """A delegation's request to take the floor: its place in the meeting's list of speakers."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SPEAKING = "speaking", _("speaking")
        SPOKEN = "spoken", _("spoken")
        WITHDRAWN = "withdrawn", _("withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="floor_requests")
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="floor_requests")
    on_behalf_of_text = models.JSONField(default=dict, blank=True, help_text="wording per language")
    position = models.PositiveIntegerField(help_text="place in the list; the queue is the waiting ones")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="one_floor_request_per_position"),
            # A delegation is once in the queue: one request waiting or speaking at a time.
            models.UniqueConstraint(
                fields=["meeting", "delegation"],
                condition=models.Q(status__in=["waiting", "speaking"]),
                name="one_open_floor_request_per_delegation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.position}: {self.delegation} ({self.status})"
