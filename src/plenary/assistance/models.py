"""Article VII assistance: requests in the standard format, offers of assistance, each request's steps
and the offers matched to it. Data only; the writers are in `assistance/domain.py`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.assistance import guidance, steps
from plenary.participation.models import Organization
from plenary.treaties.models import State

STEP_CHOICES = [(code, _(label)) for code, label in steps.STEPS.items()]  # noqa: INT001


class AssistanceRequest(models.Model):
    """A State Party's request for assistance under Article VII. `status` is its last step."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="assistance_requests")
    event_title = models.CharField(max_length=200)
    nature = models.CharField(max_length=30, choices=[(k, _(v)) for k, v in guidance.NATURES.items()])  # noqa: INT001
    event_date = models.DateField()
    place = models.CharField(max_length=300)
    description = models.TextField()
    needs = models.JSONField(default=list, help_text="codes of guidance.NEEDS")
    needs_detail = models.TextField(blank=True)
    urgency = models.CharField(max_length=20, choices=[(k, _(v)) for k, v in guidance.URGENCIES.items()])  # noqa: INT001
    contacts = models.TextField()
    exercise = models.BooleanField(default=False)
    demo = models.BooleanField(default=False, help_text="a demo entry, not a real request")
    status = models.CharField(max_length=30, choices=STEP_CHOICES, default=steps.SUBMITTED)
    submitted_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=150)
    on_behalf = models.BooleanField(
        default=False, help_text="entered by the secretariat on the State's behalf"
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.state.code}: {self.event_title}"


class AssistanceOffer(models.Model):
    """An offer of assistance by a State Party or a partner organization (WHO, OIE, FAO)."""

    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="assistance_offers"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="assistance_offers"
    )
    title = models.CharField(max_length=200)
    categories = models.JSONField(default=list, help_text="codes of guidance.NEEDS")
    capacity = models.TextField()
    deploy_hours = models.PositiveIntegerField()
    mobile_unit = models.BooleanField(default=False)
    conditions = models.TextField(blank=True)
    contact = models.TextField()
    valid_until = models.DateField(null=True, blank=True)
    demo = models.BooleanField(default=False, help_text="a demo entry, not a real offer")
    withdrawn = models.BooleanField(default=False)
    recorded_at = models.DateTimeField()
    recorded_by = models.CharField(max_length=150)
    on_behalf = models.BooleanField(
        default=False, help_text="entered by the secretariat on the provider's behalf"
    )

    class Meta:
        ordering = ["deploy_hours", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__isnull=True, organization__isnull=False)
                | models.Q(state__isnull=False, organization__isnull=True),
                name="assistance_offer_one_provider",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.title}"

    @property
    def provider(self) -> State | Organization:
        return self.state or self.organization  # type: ignore[return-value]


class AssistanceStep(models.Model):
    """One step of a request, with who took it and when (the timeline)."""

    request = models.ForeignKey(AssistanceRequest, on_delete=models.PROTECT, related_name="steps")
    step = models.CharField(max_length=30, choices=STEP_CHOICES)
    at = models.DateTimeField()
    by = models.CharField(max_length=150)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "step"], name="assistance_step_once")]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.step}"


class OfferMatch(models.Model):
    """An offer matched by the secretariat to a request."""

    # "assistance offer": the words agree with the offer (French "déclinée", Arabic "مقترح"), not the
    # site's or another app's "declined", "proposed".
    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("assistance offer", "proposed")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", pgettext_lazy("assistance offer", "declined")
        DELIVERED = "delivered", _("delivered")

    request = models.ForeignKey(AssistanceRequest, on_delete=models.PROTECT, related_name="matches")
    offer = models.ForeignKey(AssistanceOffer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    note = models.TextField(blank=True)
    matched_at = models.DateTimeField()
    matched_by = models.CharField(max_length=150)

    class Meta:
        ordering = ["request", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "offer"], name="assistance_match_once")]

    def __str__(self) -> str:
        return f"{self.request_id} <- {self.offer_id}"
