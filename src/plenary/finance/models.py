"""The finances' records (data only: `estimates.py` writes the cost estimates, `domain.py` the
assessed contributions)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.documents.models import Document
from plenary.finance import costing
from plenary.meetings.models import Meeting
from plenary.treaties.models import State

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
        # The estimate (French "publiée", Russian "выпущена"), not the site's issued document.
        ISSUED = "issued", pgettext_lazy("cost estimate", "issued")

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


# --- assessed contributions
# The UN scale of assessments as dated data; a year's costs shared among the States Parties taking
# part by the scale adjusted to them (finance/apportion.py states the rule); preliminary
# assessments, then invoices (issued = frozen and numbered); payments and credits applied to the
# oldest open invoices; the Working Capital Fund; the meetings' costs against the year's cash.


MONEY = {"max_digits": 14, "decimal_places": 2}
CURRENCY = "USD"


class ScaleRate(models.Model):
    """A State's rate on the UN scale of assessments for a period (per cent, three decimals)."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="scale_rates")
    valid_from = models.DateField()
    valid_to = models.DateField()
    rate = models.DecimalField(max_digits=7, decimal_places=3)
    source = models.CharField(max_length=300)
    verified = models.BooleanField(default=False, help_text="checked against the resolution's text")
    example = models.BooleanField(default=False, help_text="an example rate, not the State's published one")

    class Meta:
        ordering = ["valid_from", "state__code"]
        constraints = [
            models.UniqueConstraint(fields=["state", "valid_from"], name="finance_one_rate_per_period"),
            models.CheckConstraint(condition=models.Q(rate__gte=0), name="finance_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code} {self.rate}% {self.valid_from.year}-{self.valid_to.year}"


class MeetingCost(models.Model):
    """What a meeting of the year costs (from its cost estimate or as decided) and the day by which
    it must be confirmed (funds must be available before a meeting is held)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="finance_cost")
    amount = models.DecimalField(**MONEY)
    decision_on = models.DateField()
    source = models.CharField(max_length=300, blank=True)
    example = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="finance_meeting_cost_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting.series}: {self.amount} {CURRENCY}"


class Apportionment(models.Model):
    """A year's costs shared among the States Parties taking part: preliminary until its invoices
    are issued, then final (frozen)."""

    class Status(models.TextChoices):
        PRELIMINARY = "preliminary", _("preliminary")
        INVOICED = "invoiced", _("invoiced")

    treaty = models.CharField(max_length=20, default="BWC")
    year = models.PositiveSmallIntegerField()
    total = models.DecimalField(**MONEY)
    basis = models.TextField(help_text="what the total covers (the meetings and the ISU's costs)")
    scale_from = models.DateField(help_text="the period of the scale used")
    participants_on = models.DateField(help_text="the day the States Parties were counted")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PRELIMINARY)
    example = models.BooleanField(default=False)
    made_at = models.DateTimeField()
    made_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["treaty", "year"]
        constraints = [
            models.UniqueConstraint(fields=["treaty", "year"], name="finance_one_apportionment_a_year"),
            models.CheckConstraint(condition=models.Q(total__gte=0), name="finance_total_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.treaty} {self.year}: {self.total} {CURRENCY} ({self.status})"


class Assessment(models.Model):
    """One State's share of a year's costs: its rate on the scale, the rate adjusted to the
    participants, the amount to the cent."""

    apportionment = models.ForeignKey(Apportionment, on_delete=models.PROTECT, related_name="assessments")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="assessments")
    scale_rate = models.DecimalField(max_digits=7, decimal_places=3)
    adjusted_rate = models.DecimalField(max_digits=13, decimal_places=12)
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["apportionment", "state__code"]
        constraints = [
            models.UniqueConstraint(fields=["apportionment", "state"], name="finance_one_assessment_a_state"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code} {self.apportionment.year}: {self.amount}"


class Invoice(models.Model):
    """The invoice of an assessment: numbered from the one serial of the year, frozen once issued
    (its amount copied from the assessment)."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="invoice")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="invoices")
    year = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=30, unique=True)
    amount = models.DecimalField(**MONEY)
    issued_on = models.DateField()
    due_on = models.DateField()
    issued_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["year", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.state.code} {self.amount}"


class Payment(models.Model):
    """A payment received from a State (never changed: a mistake is reversed by a credit note)."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(**MONEY)
    received_on = models.DateField()
    reference = models.CharField(max_length=100, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.CharField(max_length=150)
    example = models.BooleanField(default=False)

    class Meta:
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="finance_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code} {self.amount} ({self.received_on})"


class Credit(models.Model):
    """Money of a State not owed on any invoice: the part of a payment beyond what it owed (an
    over-payment), or a credit note of the secretariat (a refund of a surplus, a correction). It
    is applied to the State's open invoices, oldest first, as they come."""

    class Kind(models.TextChoices):
        OVERPAYMENT = "overpayment", _("over-payment")
        NOTE = "note", _("credit note")

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="credits")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = models.DecimalField(**MONEY)
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="credit"
    )
    reason = models.TextField(blank=True)
    made_on = models.DateField()
    made_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["made_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="finance_credit_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code} credit {self.amount} ({self.kind})"


class Application(models.Model):
    """Money applied to an invoice: from a payment or from a credit (exactly one)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="applications")
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    credit = models.ForeignKey(
        Credit, on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    amount = models.DecimalField(**MONEY)
    applied_on = models.DateField()

    class Meta:
        ordering = ["applied_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="finance_application_positive"),
            models.CheckConstraint(
                condition=models.Q(payment__isnull=False, credit__isnull=True)
                | models.Q(payment__isnull=True, credit__isnull=False),
                name="finance_application_one_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} to {self.invoice.number}"


class FundContribution(models.Model):
    """A voluntary contribution to the Working Capital Fund (established by the MSP of 2018 "as a
    source of short-term funding", per the reference)."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="fund_contributions")
    amount = models.DecimalField(**MONEY)
    received_on = models.DateField()
    source = models.CharField(max_length=300, blank=True)
    example = models.BooleanField(default=False)
    recorded_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="finance_fund_positive"),
        ]

    def __str__(self) -> str:
        return f"WCF {self.state.code} {self.amount} ({self.received_on})"
