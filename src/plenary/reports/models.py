"""The report of a meeting and its workflow: draft (CRP) -> adopted -> issued."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.documents.models import Document
from plenary.meetings.models import Meeting


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ADOPTED = "adopted", _("adopted")
        ISSUED = "issued", _("issued")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="report")
    draft = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    final = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    adopted_on = models.DateField(null=True, blank=True)
    orally_amended = models.BooleanField(default=False)
    agenda_item = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="the item 'adoption of the report'"
    )
    job_number = models.CharField(max_length=20, blank=True, help_text="e.g. GE.17-22586")
    original_language = models.CharField(max_length=2, default="en")
    issued_on = models.DateField(null=True, blank=True)
    # Passages of the report that are not counted from records but agreed as text (quoted
    # decisions, conclusions), by paragraph key, per language.
    texts = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"report of {self.meeting}"
