"""Registrations through the domain: people in parts, the credentials, the secretariat's check
(received, approved, returned and sent again), several meetings at once, who is told, and every
hostile input refused with its message and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.accounts.models import Notification
from plenary.accounts.notify import set_language
from plenary.core.actor import Actor
from plenary.core.errors import DomainError, NotAllowed, NotFound
from plenary.core.models import AuditEntry
from plenary.meetings.models import Meeting
from plenary.participation import domain as participation
from plenary.participation.models import Delegation, Organization, Participant
from plenary.participation.queries import delegations_of, names_are_public, registration_of
from plenary.reports import lists
from plenary.treaties.models import State
from tests.helpers import tiny_pdf

ISU = Actor.system("isu")
PDF = tiny_pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HEAD = {"honorific": "Ms", "family_name": "Martin", "given_names": "Camille", "role": "head"}


@pytest.fixture(autouse=True)
def _before_the_2018_meeting(monkeypatch, settings, tmp_path):
    from plenary.core import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 11, 15))
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def msp2018(db):
    return Meeting.objects.get(series="BWC/MSP/2018")


@pytest.fixture
def fra(db):
    return State.objects.get(code="FRA")


def upload(name: str = "note-verbale.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def stored_files(settings) -> list[str]:
    folder = settings.MEDIA_ROOT / "credentials"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def register(people, meeting, members, **kwargs):
    return participation.register_delegation(
        meeting, by=people.actor("fra_fp"), state=State.objects.get(code="FRA"), members=members, **kwargs
    )


def test_a_person_is_kept_in_parts_and_printed_as_lists_print_them(people, msp2018):
    d = register(
        people,
        msp2018,
        [
            {"family_name": "Dubois", "given_names": "Jean-Pierre", "role": "adviser", "salutation": "mr."},
            {**HEAD, "function": " Ambassador,  Permanent   Representative ", "email": "c.martin@example.fr"},
            {"family_name": "", "given_names": "", "function": "", "role": "member"},  # an empty row
        ],
        credentials=upload(),
    )
    assert [
        (p.position, p.honorific, p.family_name, p.given_names, p.name, p.function, p.email, p.role)
        for p in d.participants.order_by("position")
    ] == [
        (
            0,
            "Ms.",
            "Martin",
            "Camille",
            "Camille Martin",
            "Ambassador, Permanent Representative",
            "c.martin@example.fr",
            "head",
        ),
        (1, "Mr.", "Dubois", "Jean-Pierre", "Jean-Pierre Dubois", "", "", "adviser"),
    ]
    assert (d.review, d.submitted_by, d.reviewed_by, d.credentials_name) == (
        "received",
        people["fra_fp"],
        None,
        "note-verbale.pdf",
    )


def test_credentials_of_each_type_are_checked_by_their_content(people, msp2018, settings):
    d = register(people, msp2018, [HEAD], credentials=upload("Scan 1.PNG", PNG))
    assert (d.credentials_name, d.credentials.name.endswith(".png")) == ("Scan 1.PNG", True)
    data, name, mime = participation.credentials_of(d, by=people.actor("fra_del"))
    assert (data, name, mime) == (PNG, "Scan 1.PNG", "image/png")
    with pytest.raises(
        NotAllowed, match="^only the secretariat and the delegation's own people read its credentials$"
    ):
        participation.credentials_of(d, by=people.actor("deu_fp"))
    assert participation.credentials_of(d, by=people.actor("staff"))[0] == PNG
    bare = participation.register_delegation(
        msp2018, by=ISU, state=State.objects.get(code="DEU"), members=[HEAD]
    )
    with pytest.raises(NotFound, match="^BWC/MSP/2018: DEU sent no credentials$"):
        participation.credentials_of(bare, by=ISU)


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ([{"family_name": "A", "role": "member"}], "name one head of delegation"),
        (
            [{"family_name": "A", "role": "head"}, {"family_name": "B", "role": "head"}],
            "a delegation has one head only, not 2",
        ),
        (
            [HEAD] + [{"family_name": f"P{i}"} for i in range(100)],
            "a registration lists at most 100 people; this one lists 101",
        ),
        ([HEAD] * 1001, "a registration lists at most 100 people; this one lists 1001"),
        (
            [{**HEAD, "email": "camille at example"}],
            "person 1 (Camille Martin): 'camille at example' is not an e-mail address",
        ),
        ([{**HEAD, "family_name": "x" * 100_000}], "person 1: the family name is longer than 100 characters"),
        ([{**HEAD, "given_names": "y" * 101}], "person 1: the given names is longer than 100 characters"),
        (
            [{**HEAD, "family_name": "f" * 100, "given_names": "g" * 100}],
            "person 1: the name is longer than 200 characters",
        ),
        ([{**HEAD, "function": "z" * 301}], "person 1: the function is longer than 300 characters"),
        ([{"given_names": "Camille", "role": "head"}], "person 1: give the family name"),
        (
            [{**HEAD, "honorific": "Sir"}],
            "person 1 (Camille Martin): unknown salutation 'Sir'; use one of Mr., Ms., Dr., Prof., H.E. Mr., H.E. Ms., H.E. Dr.",
        ),
        (
            [{**HEAD, "role": "spy"}],
            "person 1 (Camille Martin): unknown role 'spy'; use one of head, deputy, alternate, member, adviser, expert",
        ),
        ([{**HEAD, "family_name": "Mar\x00tin"}], "person 1: the family name holds a control character"),
        ([{**HEAD, "family_name": ["Martin"]}], "person 1: the family name is text, not list"),
        (
            ["Camille Martin"],
            "person 1: a person is given by family name, given names, function, e-mail and role",
        ),
        ("Camille Martin", "the people of a delegation are given as a list"),
        (
            [{**HEAD, "email": "same@example.org"}, {"family_name": "Dubois", "email": "SAME@example.org"}],
            "Camille Martin and Dubois have the same e-mail address SAME@example.org",
        ),
    ],
)
def test_hostile_people_are_refused_and_nothing_is_written(people, msp2018, settings, members, message):
    with pytest.raises(DomainError) as caught:
        register(people, msp2018, members, credentials=upload())
    assert str(caught.value) == message
    assert not Delegation.objects.filter(meeting=msp2018, state__code="FRA").exists()
    assert stored_files(settings) == []
    assert not AuditEntry.objects.filter(
        action="delegation.register", object_id__isnull=False, actor="fra_fp"
    ).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "note.pdf",
            b"<html><body>not a pdf</body></html>",
            "the credentials file 'note.pdf' is not a PDF file",
        ),
        ("note.docx", b"PK\x03\x04 not a zip", "the credentials file 'note.docx' is not a DOCX file"),
        ("photo.jpg", PNG, "the credentials file 'photo.jpg' is not a JPG file"),
        (
            "note.html",
            b"<html></html>",
            "credentials of type .html are not accepted; send a PDF, Word (.docx), JPEG or PNG file",
        ),
        (
            "note",
            PDF,
            "credentials of type (none) are not accepted; send a PDF, Word (.docx), JPEG or PNG file",
        ),
        ("note.pdf", b"", "the credentials file is empty"),
    ],
)
def test_hostile_credentials_are_refused_and_nothing_is_written(
    people, msp2018, settings, name, data, message
):
    with pytest.raises(DomainError) as caught:
        register(people, msp2018, [HEAD], credentials=upload(name, data))
    assert str(caught.value) == message
    assert not Delegation.objects.filter(meeting=msp2018).exists()
    assert stored_files(settings) == []


def test_credentials_above_the_limit_are_refused(people, msp2018, settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(
        DomainError, match="^the credentials file is 101 bytes; at most 100 bytes are accepted$"
    ):
        register(people, msp2018, [HEAD], credentials=upload("big.pdf", b"%PDF-" + b"0" * 96))
    assert stored_files(settings) == []


def test_a_meeting_closed_to_the_states_category_refuses_it(people, msp2018):
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role

    msp2018.closed = True
    msp2018.save(update_fields=["closed"])
    isr_fp = User.objects.create(username="isr_fp")
    grant_role(isr_fp, "focal_point", by=ISU, state=State.objects.get(code="ISR"))
    with pytest.raises(
        DomainError,
        match="^BWC/MSP/2018 is open to States Parties and signatories only; ISR cannot register$",
    ):
        participation.register_delegation(
            msp2018,
            by=Actor.of(isr_fp),
            state=State.objects.get(code="ISR"),
            members=[HEAD],
            credentials=upload(),
        )
    assert not Delegation.objects.filter(meeting=msp2018, state__code="ISR").exists()


def test_a_batch_covers_several_meetings_all_or_nothing(people, fra, settings):
    mx = list(Meeting.objects.filter(series__startswith="BWC/MSP/2019/MX.").order_by("series"))
    assert [m.series for m in mx] == [f"BWC/MSP/2019/MX.{n}" for n in range(1, 6)]
    participation.register_delegation(mx[2], by=ISU, state=fra, members=[HEAD])  # MX.3 already has France
    with pytest.raises(DomainError) as caught:
        participation.register_for_meetings(
            mx, by=people.actor("fra_fp"), state=fra, members=[HEAD], credentials=upload()
        )
    assert str(caught.value) == (
        "BWC/MSP/2019/MX.3: FRA already has a delegation; none of the 5 meetings was registered"
    )
    assert list(
        Delegation.objects.filter(state=fra, meeting__year=2019).values_list("meeting__series", flat=True)
    ) == ["BWC/MSP/2019/MX.3"]
    assert stored_files(settings) == []
    with pytest.raises(
        DomainError, match="^one registration covers meetings of one year: BWC/MSP/2018 is not of 2019$"
    ):
        participation.register_for_meetings(
            [mx[0], Meeting.objects.get(series="BWC/MSP/2018")],
            by=people.actor("fra_fp"),
            state=fra,
            members=[HEAD],
        )
    made = participation.register_for_meetings(
        [mx[0], mx[1], mx[0]], by=people.actor("fra_fp"), state=fra, members=[HEAD], credentials=upload()
    )
    assert [d.meeting.series for d in made] == ["BWC/MSP/2019/MX.1", "BWC/MSP/2019/MX.2"]
    assert made[0].batch == made[1].batch and made[0].batch is not None
    assert made[0].credentials.name == made[1].credentials.name and len(stored_files(settings)) == 1
    assert [d.meeting.series for d in registration_of(made[1])] == [
        "BWC/MSP/2019/MX.1",
        "BWC/MSP/2019/MX.2",
    ]


def test_the_check_received_returned_sent_again_approved_told_in_each_language(
    people, msp2018, fra, django_capture_on_commit_callbacks
):
    addresses = {
        "fra_fp": "fp@example.fr",
        "fra_del": "del@example.fr",
        "staff": "isu@example.org",
        "deu_fp": "fp@example.de",
    }
    for persona, address in addresses.items():
        people[persona].email = address
        people[persona].save()
    set_language(people["fra_fp"], "fr", by=people.actor("fra_fp"))
    set_language(people["fra_del"], "ar", by=people.actor("fra_del"))
    set_language(people["staff"], "ru", by=people.actor("staff"))

    def sent() -> list[tuple[str, str]]:
        out = sorted((m.to[0], m.subject) for m in mail.outbox)
        mail.outbox.clear()
        return out

    with django_capture_on_commit_callbacks(execute=True):
        d = register(people, msp2018, [HEAD], credentials=upload())
    assert sent() == [
        ("fp@example.fr", "Inscription reçue : France, Réunion des États parties (BWC/MSP/2018)"),
        ("isu@example.org", "Регистрация получена: Франция, Совещание государств-участников (BWC/MSP/2018)"),
    ]
    with pytest.raises(NotAllowed, match="^only the secretariat approves registrations$"):
        participation.approve_registration(d, by=people.actor("fra_fp"))
    with pytest.raises(DomainError, match="^say why the registration is returned$"):
        participation.return_registration(d, by=people.actor("staff"), reason=" \n ")
    with pytest.raises(DomainError, match="^the reason is longer than 2000 characters$"):
        participation.return_registration(d, by=people.actor("staff"), reason="x" * 2001)
    with django_capture_on_commit_callbacks(execute=True):
        participation.return_registration(
            d, by=people.actor("staff"), reason="Le nom du chef  de délégation manque."
        )
    assert sent() == [
        ("del@example.fr", "أعيد التسجيل: فرنسا، اجتماع الدول الأطراف (BWC/MSP/2018)"),
        ("fp@example.fr", "Inscription renvoyée : France, Réunion des États parties (BWC/MSP/2018)"),
    ]
    d.refresh_from_db()
    assert (d.review, d.review_reason, d.reviewed_by) == (
        "returned",
        "Le nom du chef de délégation manque.",
        people["staff"],
    )
    assert d not in delegations_of(msp2018)
    with pytest.raises(
        DomainError,
        match="^BWC/MSP/2018: the registration of FRA was already returned; the focal point corrects it and sends it again$",
    ):
        participation.return_registration(d, by=people.actor("staff"), reason="again")
    with pytest.raises(NotAllowed, match="^only the focal point changes the delegation$"):
        participation.correct_registration(d, by=people.actor("deu_fp"), members=[HEAD])
    with pytest.raises(NotAllowed):
        participation.correct_registration(d, by=people.actor("fra_del"), members=[HEAD])

    with django_capture_on_commit_callbacks(execute=True):
        participation.correct_registration(
            d,
            by=people.actor("fra_fp"),
            members=[{**HEAD, "honorific": "H.E. Ms."}],
            credentials=upload("signed.pdf"),
        )
    d.refresh_from_db()
    assert (d.review, d.review_reason, d.credentials_name) == ("received", "", "signed.pdf")
    assert list(d.participants.values_list("honorific", flat=True)) == ["H.E. Ms."]
    assert [m[0] for m in sent()] == ["fp@example.fr", "isu@example.org"]

    with django_capture_on_commit_callbacks(execute=True):
        participation.approve_registration(d, by=people.actor("staff"))
    assert sent() == [
        ("del@example.fr", "تمت الموافقة على التسجيل: فرنسا، اجتماع الدول الأطراف (BWC/MSP/2018)"),
        ("fp@example.fr", "Inscription approuvée : France, Réunion des États parties (BWC/MSP/2018)"),
    ]
    assert list(delegations_of(msp2018)) == [d]
    assert [
        (e.action, e.before["review"], e.after["review"])
        for e in AuditEntry.objects.filter(object_type="participation.Delegation", object_id=str(d.pk))
        .exclude(action="delegation.register")
        .order_by("id")
    ] == [
        ("delegation.return", "received", "returned"),
        ("delegation.correct", "returned", "received"),
        ("delegation.approve", "received", "approved"),
    ]
    assert Notification.objects.filter(user=people["deu_fp"]).count() == 0  # Germany hears nothing


def test_a_correction_replaces_the_credentials_file_once_committed(
    people, msp2018, settings, django_capture_on_commit_callbacks
):
    d = register(people, msp2018, [HEAD], credentials=upload("first.pdf"))
    first = d.credentials.name
    with django_capture_on_commit_callbacks(execute=True):
        participation.correct_registration(d, by=people.actor("fra_fp"), credentials=upload("second.pdf"))
    d.refresh_from_db()
    assert d.credentials.name != first and stored_files(settings) == [d.credentials.name.split("/")[-1]]
    before = AuditEntry.objects.filter(action="delegation.correct").count()
    assert participation.correct_registration(d, by=people.actor("fra_fp"), members=[HEAD])  # no change
    assert AuditEntry.objects.filter(action="delegation.correct").count() == before


def test_an_organization_registers_its_own_representatives(people, msp2018):
    vertic = Organization.objects.get(code="VERTIC")
    d = participation.register_delegation(
        msp2018, by=people.actor("ngo"), organization=vertic, members=[HEAD], credentials=upload()
    )
    assert (d.category, d.status, d.review) == ("ngo", "registered", "received")
    with pytest.raises(NotAllowed, match="^only the focal point registers the delegation$"):
        participation.register_delegation(
            msp2018, by=people.actor("ngo"), organization=Organization.objects.get(code="WHO"), members=[HEAD]
        )
    with pytest.raises(NotAllowed, match="^only the secretariat records the check of a registration$"):
        participation.register_delegation(
            Meeting.objects.get(series="BWC/MSP/2019"),
            by=people.actor("ngo"),
            organization=vertic,
            members=[HEAD],
            review="approved",
        )


def test_only_approved_registrations_are_listed(people, msp2018, fra):
    received = register(people, msp2018, [HEAD])
    participation.register_delegation(
        msp2018,
        by=ISU,
        state=State.objects.get(code="DEU"),
        members=[{"family_name": "Müller", "role": "head"}],
    )
    built = lists.build_list(msp2018, "BWC/MSP/2018/MISC.1", "en")
    assert [(c.label, [d.name for d in c.delegations]) for c in built.categories] == [
        ("State Party", ["Germany"])
    ]
    participation.approve_registration(received, by=ISU)
    built = lists.build_list(msp2018, "BWC/MSP/2018/MISC.1", "en")
    assert [[(d.name, [m.name for m in d.members]) for d in c.delegations] for c in built.categories] == [
        [("France", ["Ms. Camille Martin"]), ("Germany", ["Müller"])]
    ]


def test_a_list_needs_an_approved_delegation(people, msp2018):
    register(people, msp2018, [HEAD])
    with pytest.raises(DomainError) as caught:
        participation.record_participants_list(msp2018, kind="MISC", lang="en", by=ISU)
    assert str(caught.value) == (
        "BWC/MSP/2018 has no registered delegation whose registration is approved: there is no one to list yet"
    )


def test_names_are_public_once_a_list_is_issued_or_the_meeting_is_over(msp2018):
    assert names_are_public(msp2018) is False
    assert names_are_public(Meeting.objects.get(series="BWC/MSP/2017")) is True
    participation.register_delegation(msp2018, by=ISU, state=State.objects.get(code="DEU"), members=[HEAD])
    participation.record_participants_list(msp2018, kind="MISC", lang="en", by=ISU)
    assert names_are_public(msp2018) is True


def test_records_and_staff_set_the_check(msp2018):
    d = participation.register_delegation(
        msp2018,
        by=ISU,
        state=State.objects.get(code="DEU"),
        members=[{"name": "N. N.", "role": "head"}],
        review="returned",
    )
    assert (d.review, list(d.participants.values_list("name", "family_name"))) == (
        "returned",
        [("N. N.", "")],
    )
    assert participation.update_delegation(d, by=ISU, review="approved") is True
    assert participation.update_delegation(d, by=ISU, review="approved") is False
    with pytest.raises(DomainError, match="^DEU: review must be one of received, approved, returned$"):
        participation.update_delegation(d, by=ISU, review="maybe")
    assert Participant.objects.filter(delegation=d).count() == 1


def test_an_issued_list_holds_the_approved_registrations_and_stays_as_issued(people, msp2018, fast_pdf):
    import io

    import docx

    from plenary.documents.models import IssuedFile
    from plenary.exports.files import issued_file
    from plenary.reports.domain import issue_participants_list

    def names_in(document) -> list[str]:
        found = issued_file(document, "en", "docx")
        return [p.text for p in docx.Document(io.BytesIO(found.content)).paragraphs]

    france = register(people, msp2018, [{**HEAD, "function": "Ambassador"}])  # received
    participation.register_delegation(
        msp2018,
        by=ISU,
        state=State.objects.get(code="DEU"),
        members=[{"family_name": "Müller", "given_names": "Eva", "role": "head"}],
    )
    first = issue_participants_list(msp2018, kind="MISC", lang="en", languages=["en"], by=ISU)
    text = names_in(first)
    assert "Germany" in text and "Eva Müller" in text
    assert "France" not in text and not any("Martin" in line for line in text)
    stored = dict(IssuedFile.objects.filter(document=first).values_list("fmt", "sha256"))
    participation.approve_registration(france, by=ISU)
    # Frozen: the issued list is the same bytes after France is approved; the revision lists it.
    assert dict(IssuedFile.objects.filter(document=first).values_list("fmt", "sha256")) == stored
    assert names_in(first) == text
    revision = issue_participants_list(msp2018, kind="MISC", lang="en", languages=["en"], by=ISU)
    assert revision.symbol == "BWC/MSP/2018/MISC.1/Rev.1"
    assert "Ms. Camille Martin, Ambassador" in names_in(revision)
