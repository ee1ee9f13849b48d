"""Documents of a meeting: symbol, titles, submitters, language versions, family (Add/Corr/Rev)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.core.ordering import un_language_order
from plenary.meetings.models import AgendaItem, Meeting
from plenary.participation.models import Delegation, Organization
from plenary.treaties.models import Group, State


class Document(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ISSUED = "issued", _("issued")

    class Generated(models.TextChoices):
        AGENDA = "agenda", _("provisional agenda")
        PROGRAMME = "programme", _("provisional programme of work")
        PARTICIPANTS = "participants", _("list of participants")
        REPORT = "report", _("report")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="documents", null=True, blank=True
    )
    symbol = models.CharField(max_length=100, unique=True)
    series = models.CharField(max_length=80)
    doc_type = models.CharField(max_length=10, blank=True, help_text="WP, INF, CRP, MISC ... or empty")
    number = models.PositiveIntegerField(null=True, blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="family")
    title = models.JSONField(default=dict)
    original_language = models.CharField(max_length=2, default="en")
    # The submitters as the document itself words them, when that differs from a plain list of
    # names ("the following members of the Global Partnership ..."), per language.
    submitted_by_text = models.JSONField(default=dict, blank=True)
    on_behalf_of = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True)
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ISSUED)
    position = models.PositiveIntegerField(default=0, help_text="order in the list of documents")
    # "Only in English": the document exists in this language alone (the UN's footnote), empty
    # when it is (or will be) in every official language.
    only_in = models.CharField(max_length=2, blank=True)
    # What Plenary generated the files from, when it did: the agenda, the programme of work, the
    # list of participants, the report. Empty for uploaded documents.
    generated = models.CharField(max_length=20, choices=Generated.choices, blank=True)

    class Meta:
        ordering = ["position", "symbol"]

    def __str__(self) -> str:
        return self.symbol


class InUnOrder(models.Manager):
    """A document's language versions (or issued files) in the UN's order of languages, wherever
    they are read: the pages, the API, the exports, the record (a related manager and a prefetch
    take their rows from the model's default manager)."""

    then: tuple[str, ...] = ()  # what orders the rows of one language

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().order_by("document", un_language_order(), *self.then)


class FilesInUnOrder(InUnOrder):
    then = ("fmt",)


class LanguageVersion(models.Model):
    class Kind(models.TextChoices):
        OFFICIAL = "official", _("official version")
        INFORMAL = "informal", _("informal translation")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    lang = models.CharField(max_length=2)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    file = models.FileField(upload_to="documents/%Y/", blank=True)

    objects = InUnOrder()

    class Meta:
        ordering = ["document", "lang"]
        constraints = [models.UniqueConstraint(fields=["document", "lang"], name="one_version_per_language")]

    def __str__(self) -> str:
        return f"{self.document.symbol} [{self.lang}]"


class IssuedFile(models.Model):
    """The exact bytes of one issued language version in one format, with their SHA-256.

    Written once, by the domain functions that issue (documents.domain.store_issued_file and its
    callers), inside the issuing transaction; never updated or deleted by any code path (the admin
    shows it read-only; the PROTECT below keeps an issued document from being deleted under it).
    Every download of an issued document serves these bytes: nothing issued is rendered again.

    `fmt` is txt, html, docx or pdf for a rendered report or list of participants, or the stored
    file's extension (pdf, docx, doc, txt) for an uploaded language version. An uploaded version's
    row points at the very file its LanguageVersion holds (one stored copy, two rows naming it);
    rendered files are stored under issued/ with the UN file name (BWC_MSP_2017_6-ZH.pdf).
    """

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="issued_files")
    lang = models.CharField(max_length=2)
    fmt = models.CharField(max_length=8, help_text="txt, html, docx, pdf, or an upload's extension")
    file = models.FileField(upload_to="issued/", max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    issued_at = models.DateTimeField()

    objects = FilesInUnOrder()

    class Meta:
        ordering = ["document", "lang", "fmt"]
        constraints = [
            models.UniqueConstraint(fields=["document", "lang", "fmt"], name="one_issued_file_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.document.symbol} [{self.lang}] {self.fmt} sha256:{self.sha256[:12]}"


class Sponsorship(models.Model):
    class Role(models.TextChoices):
        SUBMITTER = "submitter", _("submitted by")
        CO_SPONSOR = "co_sponsor", _("co-sponsor")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sponsorships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.SUBMITTER)
    state = models.ForeignKey(State, on_delete=models.PROTECT, null=True, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True)
    secretariat = models.BooleanField(default=False, help_text="submitted by the secretariat or the Chair")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["document", "role", "position"]

    def __str__(self) -> str:
        return f"{self.document.symbol}: {self.get_role_display()} {self.state or self.organization or 'secretariat'}"


class WorkingPaper(models.Model):
    """A working paper a delegation drafts and submits to a meeting. Once issued it is a Document
    with a WP symbol and can no longer change (corrections come as Corr./Rev.)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        ISSUED = "issued", _("issued")
        WITHDRAWN = "withdrawn", _("withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="working_papers")
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="working_papers", help_text="the submitter"
    )
    title = models.JSONField(default=dict, help_text="title per UN language")
    original_language = models.CharField(max_length=2, default="en")
    on_behalf_of = models.ForeignKey(Group, on_delete=models.PROTECT, null=True, blank=True)
    # The agenda item the paper is submitted under; the issued document carries it on.
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="working_papers"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="working_paper"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    by_secretariat = models.BooleanField(
        default=False,
        help_text="drafted or submitted in the delegation's name by someone not of it (the secretariat)",
    )

    class Meta:
        ordering = ["meeting", "submitted_at", "created", "id"]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.title.get(self.original_language, '')[:60]}"


class WorkingPaperFile(models.Model):
    """One language version of a working paper. The stored name is generated; the name the user gave
    is kept only as text."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("official version")
        INFORMAL = "informal", _("informal translation")

    paper = models.ForeignKey(WorkingPaper, on_delete=models.PROTECT, related_name="files")
    lang = models.CharField(max_length=2)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    file = models.FileField(upload_to="papers/")
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paper", "lang"]
        constraints = [models.UniqueConstraint(fields=["paper", "lang"], name="one_paper_file_per_language")]

    def __str__(self) -> str:
        return f"{self.paper_id} [{self.lang}] {self.original_name}"


class CoSponsorship(models.Model):
    """A State invited to co-sponsor a working paper; its focal point confirms or declines. The
    confirmed ones become the document's co-sponsors (Sponsorship) when the paper is issued."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    paper = models.ForeignKey(WorkingPaper, on_delete=models.PROTECT, related_name="co_sponsorships")
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    position = models.PositiveSmallIntegerField(default=0, help_text="order of invitation")
    invited_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["paper", "position"]
        constraints = [models.UniqueConstraint(fields=["paper", "state"], name="one_invitation_per_state")]

    def __str__(self) -> str:
        return f"{self.paper_id}: {self.state.code} {self.status}"
