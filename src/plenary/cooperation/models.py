"""The Article X cooperation and assistance database: offers (public once submitted), requests
(States Parties only) and the matches the secretariat records between them. Data only; the writers
are in `cooperation/domain.py`, the words (types, fields, regions) in `cooperation/vocabulary.py`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES
from plenary.participation.models import Organization
from plenary.treaties.models import State


class Status(models.TextChoices):
    # "Article X entry status": an offer's or a request's words (Spanish "borrador", French
    # "retirée"), not the site's draft or withdrawn document ("proyecto", "retiré").
    DRAFT = "draft", pgettext_lazy("Article X entry status", "draft")
    OPEN = "open", _("open")
    WITHDRAWN = "withdrawn", pgettext_lazy("Article X entry status", "withdrawn")


# The UN languages in the UN's order, named in the reader's language (the site's catalogue).
LANGUAGES = [(code, _(LANGUAGE_NAMES_EN[code])) for code in UN_LANGUAGES]  # noqa: INT001


class Entry(models.Model):
    """What an offer and a request share. `state` is the State in whose name the entry is made (its
    people draft it, its national contact point submits it); `with_states` the other States that
    join it; an offer may instead be made by an international organization (`organization`).
    `language` is the UN language its title, description and contact are written in: pages mark
    them with it, since they are not translated with the page."""

    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="cooperation_%(class)ss"
    )
    with_states = models.ManyToManyField(State, blank=True, related_name="cooperation_joined_%(class)ss")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="cooperation_%(class)ss"
    )
    title = models.CharField(max_length=200)
    description = models.TextField()
    types = models.JSONField(default=list, help_text="codes of vocabulary.TYPES")
    fields = models.JSONField(default=list, help_text="codes of vocabulary.FIELDS")
    contact = models.TextField()
    # No default: the domain asks for it, so that no entry is silently taken for English.
    language = models.CharField(max_length=2, choices=LANGUAGES, help_text="the UN language it is written in")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    status_note = models.TextField(blank=True)
    valid_until = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True, help_text="the day it was submitted (opened)")
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)
    updated_at = models.DateTimeField()
    on_behalf = models.BooleanField(
        default=False, help_text="entered by the secretariat on the State's behalf"
    )
    demo = models.BooleanField(default=False, help_text="an example entry of the demo, not a real one")

    class Meta:
        abstract = True
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.provider_code}: {self.title}"

    @property
    def provider_code(self) -> str:
        return self.state.code if self.state_id else (self.organization.code if self.organization_id else "")


class Offer(Entry):
    """An offer of cooperation and assistance; public once submitted."""

    kind = "offer"
    regions = models.JSONField(
        default=list, blank=True, help_text="codes of vocabulary.REGIONS; empty: every region"
    )

    class Meta(Entry.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__isnull=False) | models.Q(organization__isnull=False),
                name="cooperation_offer_has_provider",
            )
        ]


class Request(Entry):
    """A request for cooperation and assistance by a State Party (alone or with other States
    Parties); read only by the secretariat and the people of States Parties."""

    kind = "request"
    region = models.CharField(max_length=20, help_text="a code of vocabulary.REGIONS: the requester's")

    class Meta(Entry.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__isnull=False, organization__isnull=True),
                name="cooperation_request_by_a_state",
            )
        ]


class Match(models.Model):
    """A match of a request with an offer, recorded by the secretariat once the parties make (or
    look at) an arrangement; its status and outcome follow it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ARRANGED = "arranged", _("arranged")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        NOT_PURSUED = "not_pursued", _("not pursued")

    request = models.ForeignKey(Request, on_delete=models.PROTECT, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    outcome = models.TextField(blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.CharField(max_length=150)
    updated_at = models.DateTimeField()
    demo = models.BooleanField(default=False, help_text="an example match of the demo")

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["request", "offer"], name="cooperation_match_once")]

    def __str__(self) -> str:
        return f"{self.request_id} <- {self.offer_id}"
