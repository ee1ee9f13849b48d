"""The sponsorship programme's records (data only; `domain.py` writes them).

Donors' voluntary contributions (earmarked for a meeting, a year or not at all), the dated DSA
rates, the application deadline of a meeting, experts' applications, the ISU's decisions in
consultation with the meeting's Chair and Vice-Chairs, and the awards paid against the fund.
The fund is kept in US dollars (FUND_CURRENCY), as UN DSA rates are published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy

from plenary.meetings.models import Meeting, Officer
from plenary.participation.models import Organization
from plenary.treaties.models import State

FUND_CURRENCY = "USD"
MONEY = {"max_digits": 14, "decimal_places": 2}


class Contribution(models.Model):
    """A donor's voluntary contribution to the programme: a State or an organization."""

    donor_state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="sponsorship_contributions"
    )
    donor_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsorship_contributions",
    )
    amount = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3, default=FUND_CURRENCY)
    received_on = models.DateField()
    earmark_meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="sponsorship_earmarks"
    )
    earmark_year = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)
    example = models.BooleanField(default=False, help_text="an example amount, not a published figure")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(donor_state__isnull=False, donor_organization__isnull=True)
                | models.Q(donor_state__isnull=True, donor_organization__isnull=False),
                name="sponsorship_contribution_one_donor",
            ),
            models.CheckConstraint(
                condition=models.Q(earmark_meeting__isnull=True) | models.Q(earmark_year__isnull=True),
                name="sponsorship_contribution_one_earmark",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="sponsorship_contribution_positive"
            ),
        ]

    def __str__(self) -> str:
        donor = self.donor_state.code if self.donor_state_id else self.donor_organization.code
        return f"{donor} {self.amount} {self.currency} ({self.received_on})"


class DsaRate(models.Model):
    """The daily subsistence allowance for a place, valid over a period."""

    place = models.CharField(max_length=100, default="Geneva")
    amount = models.DecimalField(**MONEY, help_text="per day, in US dollars")
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    example = models.BooleanField(default=False, help_text="an example rate, not the published one")

    class Meta:
        ordering = ["place", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["place", "valid_from"], name="sponsorship_one_rate_per_day"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="sponsorship_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"DSA {self.place} {self.amount} from {self.valid_from}"


class Call(models.Model):
    """A meeting open for applications, until its deadline (e.g. 15 September 2023 for WG3 and the
    MSP of that year)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="sponsorship_call")
    deadline = models.DateField()
    source = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.meeting.series}: applications until {self.deadline}"


class Application(models.Model):
    """An expert selected by their government applies to be sponsored to attend a meeting."""

    # "sponsorship application": the words agree with the application (French "soumise", Russian
    # "подана"), not the site's submitted or withdrawn document ("présenté", "отозван").
    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("sponsorship application", "submitted")
        APPROVED = "approved", pgettext_lazy("sponsorship application", "approved")
        DECLINED = "declined", pgettext_lazy("sponsorship application", "declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("sponsorship application", "withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="sponsorship_applications")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="sponsorship_applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expert_name = models.CharField(max_length=200)
    expert_function = models.CharField(max_length=200)
    expert_agency = models.CharField(max_length=200)
    official_confirmed = models.BooleanField(
        help_text="the expert confirms being an official of a responsible agency"
    )
    developing = models.BooleanField(help_text="the State declares itself a developing country")
    state_party = models.BooleanField(help_text="a State Party on the day of the application")
    attended_before = models.BooleanField()
    can_send_from_capital = models.BooleanField()
    travel_from = models.CharField(max_length=200)
    arrive = models.DateField()
    depart = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField()
    example = models.BooleanField(default=False)

    class Meta:
        ordering = ["meeting", "submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.expert_name} ({self.state.code}) for {self.meeting.series}"


class Decision(models.Model):
    """The ISU's decision on an application, in consultation with the meeting's officers."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("sponsorship application", "approved")
        DECLINED = "declined", pgettext_lazy("sponsorship application", "declined")

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    by = models.CharField(max_length=150)
    officers_consulted = models.ManyToManyField(Officer, related_name="+", blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.application}: {self.outcome}"


class Award(models.Model):
    """What a sponsorship pays, spent against the fund: airfare + terminal expenses + DSA days x
    the DSA rate (copied from the dated rate used)."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    airfare = models.DecimalField(**MONEY)
    terminal = models.DecimalField(**MONEY)
    dsa_days = models.PositiveSmallIntegerField()
    dsa_rate = models.ForeignKey(DsaRate, on_delete=models.PROTECT, related_name="awards")
    dsa_amount = models.DecimalField(**MONEY, help_text="the rate per day used")
    total = models.DecimalField(**MONEY)
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["made_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gte=0), name="sponsorship_award_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.total} {FUND_CURRENCY}"
