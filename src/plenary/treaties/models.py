"""Treaties, States, their names over time, groups, and treaty events.

Time-bounded facts carry `valid_from` (inclusive) and `valid_to` (exclusive); an empty bound is open.
So a name valid_to 2018-04-19 is no longer in force on 2018-04-19, and its successor, valid_from
2018-04-19, is.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Treaty(models.Model):
    """A treaty and its per-treaty settings (the profile: groups, rotation, programme, symbols)."""

    code = models.CharField(max_length=20, unique=True)
    names = models.JSONField(default=dict, help_text="full title per UN language")
    short_names = models.JSONField(default=dict, help_text="short title per UN language")
    opened_for_signature = models.DateField(null=True, blank=True)
    entry_into_force = models.DateField(null=True, blank=True)
    profile = models.JSONField(
        default=dict, help_text="groups, rotation rule, programme rules, symbol prefix"
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "treaties"

    def __str__(self) -> str:
        return self.code


class State(models.Model):
    """A State that can be party to a UN treaty, keyed by its ISO 3166-1 alpha-3 code."""

    class UNStatus(models.TextChoices):
        MEMBER = "member", _("UN Member State")
        OBSERVER = "observer", _("non-member observer State")
        NON_MEMBER = "non_member", _("non-member State")

    code = models.CharField(max_length=3, unique=True, help_text="ISO 3166-1 alpha-3")
    alpha2 = models.CharField(max_length=2, blank=True)
    m49 = models.CharField(max_length=3, blank=True, help_text="UN M49 numeric code")
    un_status = models.CharField(max_length=20, choices=UNStatus.choices)
    un_member_since = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


# Periods in time order with an open start first: PostgreSQL sorts NULL last, SQLite first.
EARLIEST_FIRST = F("valid_from").asc(nulls_first=True)


class ValidityQuerySet(models.QuerySet):
    def on(self, date: dt.date) -> ValidityQuerySet:
        """The rows in force on `date`."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=date),
            Q(valid_to__isnull=True) | Q(valid_to__gt=date),
        )


class StateName(models.Model):
    """A State's official UN short name in one language, for a period."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="names")
    lang = models.CharField(max_length=2)
    name = models.CharField(max_length=200)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["state__code", "lang", EARLIEST_FIRST]
        constraints = [
            models.UniqueConstraint(fields=["state", "lang", "valid_from"], name="one_name_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code}/{self.lang}: {self.name}"


class Group(models.Model):
    """A group of States. `scheme` says whose: "UN" for the UN regional groups, or a treaty code
    ("BWC") for that treaty's political groups used in officer rotation."""

    scheme = models.CharField(max_length=20)
    code = models.CharField(max_length=20)
    names = models.JSONField(default=dict)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scheme", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="group_code_per_scheme")]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.code}"


class GroupMembership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="group_memberships")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["group", "state__code", EARLIEST_FIRST]
        constraints = [
            models.UniqueConstraint(fields=["group", "state", "valid_from"], name="one_membership_per_start")
        ]

    def __str__(self) -> str:
        return f"{self.state.code} in {self.group}"


class TreatyEvent(models.Model):
    """A State's act under a treaty: signature, ratification, accession or succession."""

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("signature")
        RATIFICATION = "ratification", _("ratification")
        ACCESSION = "accession", _("accession")
        SUCCESSION = "succession", _("succession")

    treaty = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="events")
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="treaty_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()

    class Origin(models.TextChoices):
        REFERENCE = "reference", _("the reference data")
        DEPOSIT = "deposit", _("recorded as deposited")

    depositary = models.CharField(max_length=20, blank=True)
    # The source of the row: for the reference data, the data file's note ("V: ... [US]"); for a
    # deposit recorded by the secretariat (treaties.domain.record_deposit), the source it gave.
    note = models.TextField(blank=True)
    # Where the row comes from. The reference load makes the data file's rows hold exactly what the
    # file says and removes those of its own that left the file; a deposit recorded by the
    # secretariat stays until the file carries it (the load then adopts it as reference data).
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.REFERENCE)

    class Meta:
        ordering = ["treaty", "date", "state__code"]
        constraints = [
            models.UniqueConstraint(fields=["treaty", "state", "kind"], name="one_event_of_a_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.state.code} {self.kind} {self.treaty.code} {self.date}"


class UniversalizationContact(models.Model):
    """A contact made with a State not party to a treaty, to encourage it to join: a letter, a
    meeting, a workshop, a visit. Never changed: a correction is a new row that `replaces` the
    one it corrects, so the first account stays on record (the current rows are those no row
    replaces)."""

    class Kind(models.TextChoices):
        LETTER = "letter", _("letter")
        MEETING = "meeting", _("meeting")
        WORKSHOP = "workshop", _("workshop")
        VISIT = "visit", _("visit")
        OTHER = "other", _("other")

    class MadeBy(models.TextChoices):
        CHAIR = "chair", _("the Chair")
        ISU = "isu", _("the Implementation Support Unit")
        DEPOSITARY = "depositary", _("a depositary")
        STATE = "state", _("another State")

    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="contacts")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="universalization_contacts")
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    made_by = models.CharField(max_length=10, choices=MadeBy.choices)
    # Which depositary or which State made it (alpha-3 code), when made_by says one of them.
    made_by_state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts_made"
    )
    summary = models.TextField()
    outcome = models.TextField(blank=True)
    source = models.CharField(max_length=500)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    correction_reason = models.CharField(max_length=500, blank=True)
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["treaty", "date", "state__code", "pk"]

    def __str__(self) -> str:
        return f"{self.state.code} {self.kind} {self.date}"
