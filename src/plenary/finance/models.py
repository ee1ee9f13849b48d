"""The finances' records (data only: `estimates.py` and the assessments' domain write them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.documents.models import Document
from plenary.finance import costing
from plenary.meetings.models import Meeting

# --- cost estimates
# Dated rates (with their source, or marked as example rates), estimates of a meeting or of a year's
# programme with the parts of each meeting, and the lines computed from them (quantity x rate), kept
# with the rate each used so that every figure of an issued estimate traces back to its records.

ESTIMATE_MONEY = {"max_digits": 14, "decimal_places": 2}
RATE_LABELS = {
    costing.CONFERENCE_DAY: _("Meeting days with conference services"),
    costing.INTERPRETATION_DAY: _("Interpretation in six languages"),
    costing.PAGE_BEFORE: _("Documents before the meeting"),
    costing.PAGE_DURING: _("Documents during the meeting"),
    costing.PAGE_AFTER: _("Documents after the meeting"),
    costing.ISU_STAFF: _("Implementation Support Unit: staff"),
    costing.ISU_OPERATING: _("Implementation Support Unit: operating costs"),
    costing.PROGRAMME_SUPPORT: _("Programme support costs"),
}
UNIT_LABELS = {
    "meeting day": _("meeting day"),
    "meeting day (six languages)": _("meeting day (six languages)"),
    "page x language": _("page x language"),
    "post x month": _("post x month"),
    "month": _("month"),
    "per cent": _("per cent"),
}


class CostRate(models.Model):
    """A rate in US dollars per unit (or, for programme support costs, a percentage), valid over a
    period, with its source or marked as an example rate."""

    code = models.CharField(max_length=40, choices=[(c, RATE_LABELS[c]) for c in costing.RATE_CODES])
    amount = models.DecimalField(**ESTIMATE_MONEY)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=400, blank=True)
    example = models.BooleanField(default=False, help_text="an example rate, not a published figure")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="finance_cost_rate_once_a_day"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="finance_cost_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.amount} from {self.valid_from}"

    @property
    def unit(self) -> str:
        return costing.UNITS[self.code]

    def as_rate(self) -> costing.Rate:
        return costing.Rate(
            code=self.code,
            amount=self.amount,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            source=self.source,
            example=self.example,
        )


class CostEstimate(models.Model):
    """The estimated costs of the meetings of a year (one meeting, or a year's programme) under one
    option ("A", "B" ...), at the rates valid on `rates_on`. Editable while a draft; issued, it is
    frozen and its figures are those of the cost-estimates document (`document`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ISSUED = "issued", _("issued")

    year = models.PositiveSmallIntegerField(help_text="the programme year costed")
    option = models.CharField(max_length=40, blank=True, help_text='"A", "B", ... or empty')
    title = models.JSONField(default=dict, help_text="the option's title per UN language (English required)")
    basis = models.TextField(blank=True, help_text="what the estimate assumes, in a sentence or two")
    rates_on = models.DateField(help_text="the date whose rates apply")
    isu_posts = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    isu_months = models.PositiveSmallIntegerField(default=0)
    derived_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="derived_options"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    subtotal = models.DecimalField(**ESTIMATE_MONEY, default=0)
    support = models.DecimalField(**ESTIMATE_MONEY, default=0)
    total = models.DecimalField(**ESTIMATE_MONEY, default=0)
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="cost_estimates"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(document__isnull=False),
                name="finance_issued_estimate_has_its_document",
            ),
        ]

    def __str__(self) -> str:
        option = f" option {self.option}" if self.option else ""
        return f"Cost estimate {self.year}{option} ({self.title.get('en', '')})"

    @property
    def issued(self) -> bool:
        return self.status == self.Status.ISSUED


class CostItem(models.Model):
    """A meeting's parts in an estimate: its days and the pages of its documents."""

    estimate = models.ForeignKey(CostEstimate, on_delete=models.CASCADE, related_name="items")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="cost_items"
    )
    label = models.CharField(max_length=100, help_text="the meeting's series, or a name")
    days = models.PositiveSmallIntegerField()
    pages_before = models.PositiveIntegerField(default=0)
    pages_during = models.PositiveIntegerField(default=0)
    pages_after = models.PositiveIntegerField(default=0)
    languages = models.PositiveSmallIntegerField(default=costing.LANGUAGES)
    interpretation = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["estimate", "label"], name="finance_cost_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.days} days"

    def as_parts(self) -> costing.MeetingParts:
        return costing.MeetingParts(
            label=self.label,
            days=self.days,
            pages_before=self.pages_before,
            pages_during=self.pages_during,
            pages_after=self.pages_after,
            languages=self.languages,
            interpretation=self.interpretation,
        )


class CostLine(models.Model):
    """One computed line of an estimate: quantity x the rate it used = amount (to the dollar)."""

    estimate = models.ForeignKey(CostEstimate, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(CostItem, on_delete=models.CASCADE, null=True, blank=True, related_name="lines")
    position = models.PositiveSmallIntegerField()
    section = models.CharField(max_length=8)  # meeting, isu, support
    label = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=40)
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    rate = models.ForeignKey(CostRate, on_delete=models.PROTECT, related_name="lines")
    rate_amount = models.DecimalField(**ESTIMATE_MONEY)
    amount = models.DecimalField(**ESTIMATE_MONEY)

    class Meta:
        ordering = ["estimate", "position"]
        constraints = [
            models.UniqueConstraint(fields=["estimate", "position"], name="finance_cost_line_position"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.label or self.section} {self.code}: {self.quantity} x {self.rate_amount} = {self.amount}"
        )
