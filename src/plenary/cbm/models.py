"""The CBM reports of the States Parties: data only (the rules are in cbm/forms.py and
cbm/domain.py, the only writers)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.treaties.models import State


class CbmReport(models.Model):
    """One version of a State's CBM report for a calendar year (due 15 April of the next year). A
    submitted version never changes; a correction is the next version, started from it. The
    State's current report for the year is its latest submitted version."""

    class Status(models.TextChoices):
        # A report being written (Spanish "borrador"), not the site's draft of a document ("proyecto").
        DRAFT = "draft", pgettext_lazy("cbm report status", "draft")
        SUBMITTED = "submitted", _("submitted")

    class Visibility(models.TextChoices):
        # "cbm report": a report's words (French "public", "réservé"), not the treaties' plural.
        PUBLIC = "public", pgettext_lazy("cbm report", "public")
        RESTRICTED = "restricted", pgettext_lazy("cbm report", "restricted to States Parties")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("entered in the portal")
        SECRETARIAT = "secretariat", _("entered by the secretariat on the State's behalf")

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="cbm_reports")
    year = models.PositiveSmallIntegerField(help_text="the calendar year the report covers")
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Restricted until the contact point chooses at submission: a draft is never public.
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.RESTRICTED)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.PORTAL)
    languages = models.JSONField(default=list, help_text="the UN languages the report is written in")
    contact = models.JSONField(default=dict, help_text="the national point of contact (Form 0's header)")
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    started_by = models.CharField(max_length=150)
    started_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=150, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    received_on = models.DateField(
        null=True,
        blank=True,
        help_text="the day the secretariat received the report the State sent (by e-mail or on paper), "
        "when it was entered on the State's behalf: its timeliness counts from that day",
    )
    acting_for = models.CharField(
        max_length=20,
        blank=True,
        help_text='"State:XXX" when the secretariat submitted on the State\'s behalf',
    )
    # The original document as the State sent it, when the secretariat uploaded it on the State's
    # behalf (channel "secretariat"): the stored bytes and their SHA-256.
    original = models.FileField(upload_to="cbm/", blank=True, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    original_sha256 = models.CharField(max_length=64, blank=True)
    example = models.BooleanField(default=False, help_text="an example of the demo, not a State's report")

    class Meta:
        ordering = ["-year", "state__code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["state", "year", "version"], name="cbm_one_version_number"),
            models.UniqueConstraint(
                fields=["state", "year"], condition=Q(status="draft"), name="cbm_one_draft_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"CBM {self.state.code} {self.year} v{self.version} ({self.status})"

    @property
    def due(self):
        import datetime as dt

        return dt.date(self.year + 1, 4, 15)

    @property
    def reported_on(self):
        """The day the State reported: the day the secretariat received what the State sent,
        else the day it was submitted here."""
        if self.received_on is not None:
            return self.received_on
        return timezone.localtime(self.submitted_at).date() if self.submitted_at else None

    @property
    def on_time(self) -> bool | None:
        day = self.reported_on
        return None if day is None else day <= self.due


class CbmDeclaration(models.Model):
    """One row of Form 0: nothing to declare, nothing new to declare (since `last_year`), or
    declared in the measure's form."""

    report = models.ForeignKey(CbmReport, on_delete=models.CASCADE, related_name="declarations")
    measure = models.CharField(max_length=6)
    answer = models.CharField(max_length=12)
    last_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["report", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "measure"], name="cbm_one_row_a_measure")]

    def __str__(self) -> str:
        return f"{self.report} {self.measure}: {self.answer}"


class CbmEntry(models.Model):
    """One entry of a form (a facility, a programme, an outbreak, or a form that occurs once), its
    fields as checked by cbm/forms.py."""

    report = models.ForeignKey(CbmReport, on_delete=models.CASCADE, related_name="entries")
    form = models.CharField(max_length=6)
    data = models.JSONField(default=dict)
    added_by = models.CharField(max_length=150)
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["report", "form", "pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.form} #{self.pk}"


class CbmHistory(models.Model):
    """Participation in a past year, from a public source (the reports themselves are not in
    Plenary): the number of reports and, where the source gives it, of States Parties."""

    year = models.PositiveSmallIntegerField(unique=True)
    reports = models.PositiveSmallIntegerField()
    states_parties = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=500)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"CBMs {self.year}: {self.reports}"
