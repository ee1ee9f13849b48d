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

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="report")
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


class ReportParagraph(models.Model):
    """A paragraph of a report that the records cannot give (the substance agreed), written by the
    secretariat in each language. `section` is the key of the report part it belongs to (the
    builder's section keys: "organization", "work", "conclusions", ...); `position` orders the
    paragraphs in that part, after the ones built from the records."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="paragraphs")
    section = models.SlugField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.JSONField(default=dict, help_text="the paragraph per UN language")

    class Meta:
        ordering = ["report", "section", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "section", "position"], name="one_paragraph_per_place")
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.section} {self.position}"
