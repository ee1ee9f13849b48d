"""Meetings of a treaty's bodies and their officers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.treaties.models import Group, State, Treaty


class Meeting(models.Model):
    """A meeting, identified by its document series (BWC/MSP/2017, BWC/MSP/2018/MX.1, BWC/CONF.VIII)."""

    class Kind(models.TextChoices):
        REVCON = "REVCON", _("Review Conference")
        PREPCOM = "PREPCOM", _("Preparatory Committee")
        MSP = "MSP", _("Meeting of States Parties")
        MX = "MX", _("Meeting of Experts")
        WG = "WG", _("Working Group session")
        SPECIAL = "SPECIAL", _("Special Conference")
        CONSULT = "CONSULT", _("consultative meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    treaty = models.ForeignKey(Treaty, on_delete=models.PROTECT, related_name="meetings")
    series = models.CharField(max_length=60, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="the Review Conference's ordinal, or the Meeting of Experts' number"
    )
    year = models.PositiveSmallIntegerField(help_text="the programme year the meeting belongs to")
    title = models.JSONField(default=dict, blank=True, help_text="title per UN language")
    topics = models.JSONField(
        default=dict, blank=True, help_text="topic per UN language (Meetings of Experts)"
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    days = models.PositiveSmallIntegerField(null=True, blank=True, help_text="meeting days")
    venue = models.CharField(max_length=200, blank=True)
    venues = models.JSONField(
        default=dict, blank=True, help_text="venue per UN language, as a label names the place"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    closed = models.BooleanField(default=False, help_text="open to States Parties and signatories only")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["start", "series"]

    def __str__(self) -> str:
        return self.series

    @property
    def code(self) -> str:
        """The meeting's code in its programme year: MSP, MX1 ... MX5, WG11 (a Working Group
        session), REVCON, PREPCOM."""
        if self.kind in (self.Kind.MX, self.Kind.WG) and self.number:
            return f"{self.kind}{self.number}"
        return self.kind

    @property
    def venue_texts(self) -> dict[str, str]:
        """The venue in each language it is recorded in, as a label names the place: `venues`
        with the English, which is the meeting's own `venue` (a data file gives it once)."""
        out = {lang: text for lang, text in (self.venues or {}).items() if text}
        if self.venue and "en" not in out:
            out["en"] = self.venue
        return out

    @property
    def topic_texts(self) -> dict[str, str]:
        """The meeting's topic in each language it is recorded in, as one text: the record holds
        a list of topics per language (one, for a Meeting of Experts), joined by "; " here."""
        out = {}
        for lang, value in (self.topics or {}).items():
            text = "; ".join(v for v in value if v) if isinstance(value, list) else str(value or "")
            if text:
                out[lang] = text
        return out


class Officer(models.Model):
    class Role(models.TextChoices):
        PRESIDENT = "president", _("President")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-Chair")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="officers")
    role = models.CharField(max_length=12, choices=Role.choices)
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=100, blank=True, help_text="e.g. Ambassador")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="officers")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True, related_name="officers")
    position = models.PositiveSmallIntegerField(default=0, help_text="order of listing within the role")
    source = models.CharField(max_length=300, blank=True)
    # How reports style the officer, per UN language: the name as transliterated, the title
    # ("Ambassador", "大使"), the function ("Permanent Representative of India to the Conference
    # on Disarmament") and the honorific (Mr/Ms).
    names = models.JSONField(default=dict, blank=True)
    titles = models.JSONField(default=dict, blank=True)
    functions = models.JSONField(default=dict, blank=True)
    honorific = models.CharField(max_length=10, blank=True, help_text="Mr or Ms")

    class Meta:
        ordering = ["meeting", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "role", "position"], name="one_officer_per_seat"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} of {self.meeting}: {self.name} ({self.state.code})"


class SecretariatMember(models.Model):
    """A member of the meeting's secretariat (seed para. 6): the Secretary, the deputy, staff."""

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("Secretary of the meeting")
        DEPUTY = "deputy", _("Deputy Secretary")
        STAFF = "staff", _("secretariat staff")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="secretariat")
    role = models.CharField(max_length=12, choices=Role.choices)
    name = models.CharField(max_length=200)
    names = models.JSONField(default=dict, blank=True)
    functions = models.JSONField(default=dict, blank=True)
    honorific = models.CharField(max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class AgendaItem(models.Model):
    """An item of the agenda (1, 2, ...) or a sub-item of one (5 (a), 5 (b)): a sub-item has a
    parent and its number counts within the parent (1 is (a))."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="sub_items"
    )
    number = models.PositiveSmallIntegerField()
    title = models.JSONField(default=dict)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=models.Q(parent__isnull=True),
                name="one_item_per_number",
            ),
            models.UniqueConstraint(
                fields=["parent", "number"],
                condition=models.Q(parent__isnull=False),
                name="one_sub_item_per_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} item {self.label}"

    @property
    def label(self) -> str:
        """How the agenda numbers it: "5", or "5 (a)" for a sub-item."""
        if self.parent_id is None:
            return str(self.number)
        letter = chr(ord("a") + self.number - 1) if 1 <= self.number <= 26 else str(self.number)
        return f"{self.parent.number} ({letter})"


class Sitting(models.Model):
    """What the meeting took up on a day (seed para. 15): agenda items and how, per language."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="sittings")
    position = models.PositiveSmallIntegerField(default=0)
    dates = models.JSONField(default=list, help_text="ISO dates the items were taken up on")
    items = models.JSONField(default=list, help_text="agenda item numbers")
    subject = models.JSONField(default=dict, blank=True, help_text="what was done, per language")

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.meeting}: items {self.items} on {', '.join(self.dates)}"


class PlannedSitting(models.Model):
    """A sitting of the programme of work: a day and a period (morning, afternoon), numbered in the
    meeting's order. The list of speakers runs per sitting."""

    class Period(models.TextChoices):
        MORNING = "morning", _("morning")
        AFTERNOON = "afternoon", _("afternoon")
        EVENING = "evening", _("evening")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="planned_sittings")
    number = models.PositiveSmallIntegerField(help_text="1st, 2nd ... sitting of the meeting")
    date = models.DateField()
    period = models.CharField(max_length=10, choices=Period.choices)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    note = models.JSONField(default=dict, blank=True, help_text="per language, e.g. 'informal'")

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_sitting_per_number"),
            models.UniqueConstraint(fields=["meeting", "date", "period"], name="one_sitting_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} sitting {self.number} ({self.date} {self.period})"


class ProgrammeEntry(models.Model):
    """What a sitting takes up: an agenda item, or a line of its own (an opening, a break)."""

    sitting = models.ForeignKey(PlannedSitting, on_delete=models.PROTECT, related_name="entries")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="programme_entries"
    )
    position = models.PositiveSmallIntegerField(default=0)
    subject = models.JSONField(default=dict, blank=True, help_text="per language, when not an item")

    class Meta:
        ordering = ["sitting", "position"]

    def __str__(self) -> str:
        return f"{self.sitting}: {self.agenda_item or self.subject.get('en', '')}"
