"""One factory per model, for tests that need a record the demo data does not have.

Factories write rows directly: they build the world a test starts from, never the act under test
(which goes through the domain function it tests). The reference data (treaties, States, groups,
organizations) comes from the demo data; factories look those up by code.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import factory
from django.contrib.auth.models import User
from django.utils import timezone

from plenary.accounts.models import ApiToken, Notification, Preference, Role
from plenary.core.models import AuditEntry
from plenary.documents.models import (
    CoSponsorship,
    Document,
    IssuedFile,
    LanguageVersion,
    Sponsorship,
    WorkingPaper,
    WorkingPaperFile,
)
from plenary.meetings.models import (
    AgendaItem,
    Meeting,
    Officer,
    PlannedSitting,
    ProgrammeEntry,
    SecretariatMember,
    Sitting,
)
from plenary.participation.models import AttendanceTally, Category, Delegation, Organization, Participant
from plenary.proceedings.models import Decision, FloorRequest, Reservation, SpeakingTime, Statement
from plenary.reports.models import Report, ReportParagraph
from plenary.treaties.models import State, Treaty


def state(code: str) -> State:
    return State.objects.get(code=code)


def organization(code: str) -> Organization:
    return Organization.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    # An unusable password: tests sign in with force_login, and no slow hashing.
    password = "!unusable"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    kind = Role.Kind.STAFF


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preference

    user = factory.SubFactory(UserFactory)
    language = "en"


class NotificationFactory(factory.django.DjangoModelFactory):
    """A notification as accounts.notify writes it (the act that sends one is tested through it)."""

    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = Notification.Kind.PAPER_SUBMITTED
    language = "en"
    subject = factory.Sequence(lambda n: f"Working paper submitted: Paper {n}")
    body = factory.LazyAttribute(lambda o: f"France has submitted the working paper “{o.subject[25:]}”.")
    url = "/portal/papers/1/"
    emailed_to = factory.LazyAttribute(lambda o: o.user.email)


class ApiTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = "script"
    prefix = factory.Sequence(lambda n: f"{n:06d}")
    digest = factory.Sequence(lambda n: ApiToken.hash(f"pln_test_{n}"))


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    actor = "system:test"
    action = "test.write"
    via = "cli"
    object_type = "test"
    object_id = factory.Sequence(str)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        django_get_or_create = ("series",)

    treaty = factory.LazyFunction(lambda: Treaty.objects.get(code="BWC"))
    # Years 2100-2199: the profile takes years up to 2200, and a long test run makes hundreds.
    series = factory.Sequence(lambda n: f"BWC/MSP/{2100 + n % 100}")
    kind = Meeting.Kind.MSP
    year = factory.LazyAttribute(lambda m: int(m.series.rsplit("/", 1)[-1]))
    start = factory.LazyAttribute(lambda m: dt.date(m.year, 12, 6))
    end = factory.LazyAttribute(lambda m: dt.date(m.year, 12, 9))
    days = 4
    venue = "Geneva"


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    meeting = factory.SubFactory(MeetingFactory)
    role = Officer.Role.CHAIR
    name = factory.Sequence(lambda n: f"Ambassador {n}")
    state = factory.LazyFunction(lambda: state("IND"))


class SecretariatMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SecretariatMember

    meeting = factory.SubFactory(MeetingFactory)
    role = SecretariatMember.Role.SECRETARY
    name = factory.Sequence(lambda n: f"Secretary {n}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda a: {"en": f"Item {a.number}"})


class SittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sitting

    meeting = factory.SubFactory(MeetingFactory)
    dates = factory.LazyAttribute(lambda s: [s.meeting.start.isoformat()])
    items = [1]


class PlannedSittingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedSitting

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    date = factory.LazyAttribute(lambda s: s.meeting.start)
    period = factory.Sequence(lambda n: ["morning", "afternoon", "evening"][n % 3])


class ProgrammeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeEntry

    sitting = factory.SubFactory(PlannedSittingFactory)
    agenda_item = factory.SubFactory(AgendaItemFactory, meeting=factory.SelfAttribute("..sitting.meeting"))


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    meeting = factory.SubFactory(MeetingFactory)
    state = factory.LazyFunction(lambda: state("FRA"))
    category = Category.STATE_PARTY
    status = Delegation.Status.REGISTERED


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    delegation = factory.SubFactory(DelegationFactory)
    name = factory.Sequence(lambda n: f"Delegate {n}")
    role = Participant.Role.HEAD


class AttendanceTallyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceTally

    meeting = factory.SubFactory(MeetingFactory)
    category = Category.NGO
    count = 3


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        django_get_or_create = ("symbol",)

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    doc_type = "WP"
    series = factory.LazyAttribute(lambda d: d.meeting.series)
    symbol = factory.LazyAttribute(lambda d: f"{d.series}/{d.doc_type + '.' if d.doc_type else ''}{d.number}")
    title = factory.LazyAttribute(lambda d: {"en": f"Paper {d.number}"})
    status = Document.Status.ISSUED


class LanguageVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguageVersion

    document = factory.SubFactory(DocumentFactory)
    lang = "en"


class IssuedFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuedFile

    document = factory.SubFactory(DocumentFactory)
    lang = "en"
    fmt = "txt"
    file = factory.django.FileField(filename="issued.txt", data=b"Issued text.\n")
    sha256 = hashlib.sha256(b"Issued text.\n").hexdigest()
    size = 13
    issued_at = factory.LazyFunction(timezone.now)


class SponsorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sponsorship

    document = factory.SubFactory(DocumentFactory)
    state = factory.LazyFunction(lambda: state("FRA"))


class WorkingPaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingPaper

    delegation = factory.SubFactory(DelegationFactory)
    meeting = factory.LazyAttribute(lambda p: p.delegation.meeting)
    title = {"en": "A working paper"}


class WorkingPaperFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingPaperFile

    paper = factory.SubFactory(WorkingPaperFactory)
    lang = "en"
    file = factory.django.FileField(filename="paper.txt", data=b"The text of the paper.\n")
    original_name = "paper.txt"
    size = 23


class CoSponsorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoSponsorship

    paper = factory.SubFactory(WorkingPaperFactory)
    state = factory.LazyFunction(lambda: state("DEU"))


class FloorRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FloorRequest

    delegation = factory.SubFactory(DelegationFactory)
    meeting = factory.LazyAttribute(lambda r: r.delegation.meeting)
    position = factory.Sequence(lambda n: n + 1)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(int)
    kind = Statement.Kind.STATE
    state = factory.LazyFunction(lambda: state("FRA"))


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    key = factory.Sequence(lambda n: f"decision-{n}")
    text = {"en": "The Meeting decided."}


class ReservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reservation

    meeting = factory.SubFactory(MeetingFactory)
    applies_to = "17"
    text = {"en": "One delegation reserved its position."}


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    meeting = factory.SubFactory(MeetingFactory)


class ReportParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportParagraph

    report = factory.SubFactory(ReportFactory)
    section = "conclusions"
    position = factory.Sequence(lambda n: n + 1)
    text = {"en": "The Meeting agreed on the substance.", "zh": "会议就实质内容达成一致。"}


class SpeakingTimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakingTime

    meeting = factory.SubFactory(MeetingFactory)
    seconds = 300
