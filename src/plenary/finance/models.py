"""The Convention's finances (data only; `domain.py` writes them)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.meetings.models import Meeting
from plenary.treaties.models import State

MONEY = {"max_digits": 14, "decimal_places": 2}
CURRENCY = "USD"

# --- assessed contributions
# The UN scale of assessments as dated data; a year's costs shared among the States Parties taking
# part by the scale adjusted to them (finance/apportion.py states the rule); preliminary
# assessments, then invoices (issued = frozen and numbered); payments and credits applied to the
# oldest open invoices; the Working Capital Fund; the meetings' costs against the year's cash.


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
