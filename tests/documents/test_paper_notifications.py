"""Working papers tell the people concerned of each step, in their language: the invited State of an
invitation, the submitting delegation of an answer, staff and the delegation of a submission, the
submitter and the confirmed co-sponsors of the issue. The rows are written with the act, the mail
leaves when it commits; an act that fails tells no one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from plenary.accounts.domain import grant_role
from plenary.accounts.models import Notification
from plenary.accounts.notify import set_language
from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.documents import domain as docs
from plenary.documents.models import CoSponsorship, WorkingPaper
from plenary.meetings.models import Meeting
from plenary.participation import domain as participation
from plenary.participation.models import Organization
from plenary.treaties.models import State
from tests.helpers import tiny_pdf

PDF = tiny_pdf()
TITLE = {"en": "Strengthening Article X", "fr": "Renforcer l'article X", "zh": "加强第十条"}


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("paper.pdf", PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _today_and_media(monkeypatch, settings, tmp_path):
    from plenary.core import clock

    # BWC/MSP/2018 (4-7 December 2018) is open for registration on 15 November 2018.
    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 11, 15))
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def w(people):
    """Who hears what: France's focal point reads French, Germany's Chinese, Germany's delegate
    Arabic (and has no e-mail address), staff Spanish, France's delegate English (never chose).
    The United States' focal point is invited too. A draft by France's delegate, in three
    languages, with its English file."""
    msp = Meeting.objects.get(series="BWC/MSP/2018")
    fra, deu, usa = (State.objects.get(code=c) for c in ("FRA", "DEU", "USA"))
    usa_fp = people["fra_fp"].__class__.objects.create(username="usa_fp", email="usa.fp@example.org")
    grant_role(usa_fp, "focal_point", state=usa, by=Actor.system("test:setup"))
    people["usa_fp"] = usa_fp
    addresses = {
        "staff": "isu@example.org",
        "fra_fp": "fra.fp@example.org",
        "fra_del": "fra.del@example.org",
        "deu_fp": "deu.fp@example.org",
        "deu_del": "",
    }
    for persona, address in addresses.items():
        people[persona].email = address
        people[persona].save(update_fields=["email"])
    for persona, lang in (("fra_fp", "fr"), ("deu_fp", "zh"), ("deu_del", "ar"), ("staff", "es")):
        set_language(people[persona], lang, by=people.actor(persona))
    fra_d = participation.register_delegation(
        msp, by=people.actor("fra_fp"), state=fra, members=[{"name": "A", "role": "head"}]
    )
    paper = docs.create_working_paper(fra_d, by=people.actor("fra_del"), title=TITLE, original_language="en")
    docs.add_paper_file(paper, by=people.actor("fra_del"), lang="en", upload=pdf())
    # Registering may tell people of it too (another part of Plenary): these tests count from here.
    Notification.objects.all().delete()
    mail.outbox.clear()
    return {"paper": paper, "fra": fra, "deu": deu, "usa": usa, "msp": msp}


def sent(kind: str) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (n.user.username, n.language, n.subject, n.body, n.url, n.emailed_to)
        for n in Notification.objects.filter(kind=kind).select_related("user").order_by("id")
    ]


def mails() -> list[tuple[list[str], str, str]]:
    return [(m.to, m.subject, m.body) for m in mail.outbox]


def test_the_invited_state_hears_of_the_invitation_in_its_languages(
    people, w, django_capture_on_commit_callbacks
):
    paper = w["paper"]
    page = f"/portal/papers/{paper.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        docs.invite_co_sponsor(paper, w["deu"], by=people.actor("fra_fp"))
        assert mail.outbox == []  # not before the act commits
    assert sent("co_sponsor_invited") == [
        (
            "deu_fp",
            "zh",
            "邀请共同提交工作文件：加强第十条",
            "法国邀请德国共同提交缔约国会议 (BWC/MSP/2018)的工作文件“加强第十条”。",
            "/zh-hans" + page,
            "deu.fp@example.org",
        ),
        (
            "deu_del",
            "ar",
            "دعوة إلى المشاركة في تقديم ورقة عمل: Strengthening Article X",
            'يدعو فرنسا ألمانيا إلى المشاركة في تقديم ورقة العمل "Strengthening Article X" إلى '
            "اجتماع الدول الأطراف (BWC/MSP/2018).",
            "/ar" + page,
            "",
        ),
    ]
    # Germany's delegate has no address: the portal only.
    assert mails() == [
        (
            ["deu.fp@example.org"],
            "邀请共同提交工作文件：加强第十条",
            f"法国邀请德国共同提交缔约国会议 (BWC/MSP/2018)的工作文件“加强第十条”。\n\n/zh-hans{page}",
        )
    ]


def test_an_answer_is_told_to_the_creator_and_the_submitting_delegation_once(
    people, w, django_capture_on_commit_callbacks
):
    paper = w["paper"]
    page = f"/portal/papers/{paper.pk}/"
    invitation = docs.invite_co_sponsor(paper, w["deu"], by=people.actor("fra_fp"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        docs.answer_co_sponsorship(invitation, by=people.actor("deu_fp"), confirm=True)
        # The same answer again is no new step: no one hears of it twice.
        docs.answer_co_sponsorship(invitation, by=people.actor("deu_fp"), confirm=True)
    confirmed = [
        (
            "fra_del",
            "en",
            "Co-sponsorship confirmed: Strengthening Article X",
            "Germany has confirmed that it co-sponsors the working paper \u201cStrengthening Article X\u201d.",
            page,
            "fra.del@example.org",
        ),
        (
            "fra_fp",
            "fr",
            "Coparrainage confirmé : Renforcer l'article X",
            "Allemagne a confirmé qu’il coparraine le document de travail « Renforcer l'article X ».",
            "/fr" + page,
            "fra.fp@example.org",
        ),
    ]
    assert sent("co_sponsor_confirmed") == confirmed
    assert [(m[0], m[1]) for m in mails()] == [
        (["fra.del@example.org"], "Co-sponsorship confirmed: Strengthening Article X"),
        (["fra.fp@example.org"], "Coparrainage confirmé : Renforcer l'article X"),
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        docs.answer_co_sponsorship(invitation, by=people.actor("deu_fp"), confirm=False)  # changes its mind
    assert sent("co_sponsor_declined") == [
        (
            "fra_del",
            "en",
            "Co-sponsorship declined: Strengthening Article X",
            "Germany has declined to co-sponsor the working paper \u201cStrengthening Article X\u201d.",
            page,
            "fra.del@example.org",
        ),
        (
            "fra_fp",
            "fr",
            "Coparrainage refusé : Renforcer l'article X",
            "Allemagne a refusé de coparrainer le document de travail « Renforcer l'article X ».",
            "/fr" + page,
            "fra.fp@example.org",
        ),
    ]
    assert [m[1] for m in mails()] == [
        "Co-sponsorship declined: Strengthening Article X",
        "Coparrainage refusé : Renforcer l'article X",
    ]
    assert sent("co_sponsor_confirmed") == confirmed  # nothing more


def test_a_submission_is_told_to_staff_and_the_delegation(people, w, django_capture_on_commit_callbacks):
    paper = w["paper"]
    page = f"/portal/papers/{paper.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        docs.submit_working_paper(paper, by=people.actor("fra_fp"))
    assert sent("paper_submitted") == [
        (
            "staff",
            "es",
            "Documento de trabajo presentado: Strengthening Article X",
            "Francia ha presentado el documento de trabajo «Strengthening Article X» a la "
            "Reunión de los Estados Partes (BWC/MSP/2018).",
            "/es" + page,
            "isu@example.org",
        ),
        (
            "fra_fp",
            "fr",
            "Document de travail présenté : Renforcer l'article X",
            "France a présenté le document de travail « Renforcer l'article X » à la "
            "Réunion des États parties (BWC/MSP/2018).",
            "/fr" + page,
            "fra.fp@example.org",
        ),
        (
            "fra_del",
            "en",
            "Working paper submitted: Strengthening Article X",
            "France has submitted the working paper \u201cStrengthening Article X\u201d to "
            "Meeting of States Parties (BWC/MSP/2018).",
            page,
            "fra.del@example.org",
        ),
    ]
    assert [m[0] for m in mails()] == [["isu@example.org"], ["fra.fp@example.org"], ["fra.del@example.org"]]


def test_the_issue_is_told_to_the_submitter_and_the_confirmed_co_sponsors_only(
    people, w, django_capture_on_commit_callbacks
):
    paper = w["paper"]
    deu = docs.invite_co_sponsor(paper, w["deu"], by=people.actor("fra_fp"))
    usa = docs.invite_co_sponsor(paper, w["usa"], by=people.actor("fra_fp"))
    docs.answer_co_sponsorship(deu, by=people.actor("deu_fp"), confirm=True)
    docs.answer_co_sponsorship(usa, by=Actor.of(people["usa_fp"]), confirm=False)
    docs.submit_working_paper(paper, by=people.actor("fra_fp"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document = docs.issue_working_paper(paper, by=people.actor("staff"))
    assert document.symbol == "BWC/MSP/2018/WP.1"
    public = "/documents/BWC/MSP/2018/WP.1"
    assert sent("paper_issued") == [
        (
            "fra_fp",
            "fr",
            "Document de travail publié : BWC/MSP/2018/WP.1",
            "Le document de travail « Renforcer l'article X » a été publié pour la "
            "Réunion des États parties (BWC/MSP/2018) sous la cote BWC/MSP/2018/WP.1.",
            "/fr" + public,
            "fra.fp@example.org",
        ),
        (
            "fra_del",
            "en",
            "Working paper issued: BWC/MSP/2018/WP.1",
            "The working paper \u201cStrengthening Article X\u201d has been issued for "
            "Meeting of States Parties (BWC/MSP/2018) as BWC/MSP/2018/WP.1.",
            public,
            "fra.del@example.org",
        ),
        (
            "deu_fp",
            "zh",
            "工作文件已印发：BWC/MSP/2018/WP.1",
            "工作文件“加强第十条”已作为BWC/MSP/2018/WP.1为缔约国会议 (BWC/MSP/2018)印发。",
            "/zh-hans" + public,
            "deu.fp@example.org",
        ),
        (
            "deu_del",
            "ar",
            "صدرت ورقة عمل: BWC/MSP/2018/WP.1",
            'صدرت ورقة العمل "Strengthening Article X" لـاجتماع الدول الأطراف (BWC/MSP/2018) بالرمز '
            "BWC/MSP/2018/WP.1.",
            "/ar" + public,
            "",
        ),
    ]
    # The United States declined: it hears nothing of the issue; staff issued it and know.
    assert [m[0] for m in mails()] == [
        ["fra.fp@example.org"],
        ["fra.del@example.org"],
        ["deu.fp@example.org"],
    ]
    assert mails()[2][2] == (
        f"工作文件“加强第十条”已作为BWC/MSP/2018/WP.1为缔约国会议 (BWC/MSP/2018)印发。\n\n/zh-hans{public}"
    )


def test_a_paper_of_an_organization_is_told_to_its_representatives(
    people, w, django_capture_on_commit_callbacks
):
    vertic = Organization.objects.get(code="VERTIC")
    people["ngo"].email = "ngo@example.org"
    people["ngo"].save(update_fields=["email"])
    delegation = participation.register_delegation(
        w["msp"], by=people.actor("staff"), organization=vertic, members=[{"name": "C", "role": "head"}]
    )
    paper = docs.create_working_paper(
        delegation, by=people.actor("ngo"), title={"en": "Verification ideas"}, original_language="en"
    )
    docs.add_paper_file(paper, by=people.actor("ngo"), lang="en", upload=pdf())
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        docs.submit_working_paper(paper, by=people.actor("ngo"))
    assert [(n[0], n[2], n[3]) for n in sent("paper_submitted")] == [
        (
            "staff",
            "Documento de trabajo presentado: Verification ideas",
            "Verification Research, Training and Information Centre ha presentado el documento de trabajo "
            "«Verification ideas» a la Reunión de los Estados Partes (BWC/MSP/2018).",
        ),
        (
            "ngo",
            "Working paper submitted: Verification ideas",
            "Verification Research, Training and Information Centre has submitted the working paper "
            "\u201cVerification ideas\u201d to Meeting of States Parties (BWC/MSP/2018).",
        ),
    ]


# -- an act that fails tells no one ---------------------------------------------------------------


def _nothing_told(callbacks) -> None:
    assert (Notification.objects.count(), mail.outbox, callbacks) == (0, [], [])


def test_refused_acts_tell_no_one(people, w, django_capture_on_commit_callbacks):
    paper = w["paper"]
    docs.invite_co_sponsor(paper, w["deu"], by=people.actor("fra_fp"))
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(DomainError, match="^DEU is already invited$"):
            docs.invite_co_sponsor(paper, w["deu"], by=people.actor("fra_fp"))
        with pytest.raises(NotAllowed, match="^only the submitting delegation invites co-sponsors$"):
            docs.invite_co_sponsor(paper, w["usa"], by=people.actor("deu_fp"))
        with pytest.raises(NotAllowed, match="^only the focal point of the invited State answers$"):
            docs.answer_co_sponsorship(
                CoSponsorship.objects.get(paper=paper), by=people.actor("deu_del"), confirm=True
            )
        with pytest.raises(DomainError, match="^only a submitted paper is issued; this one is draft$"):
            docs.issue_working_paper(paper, by=people.actor("staff"))
        with pytest.raises(NotAllowed):
            docs.submit_working_paper(paper, by=people.actor("deu_fp"))
    _nothing_told(callbacks)
    bare = docs.create_working_paper(
        paper.delegation, by=people.actor("fra_fp"), title={"fr": "Sans fichier"}, original_language="fr"
    )
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(DomainError, match=r"^attach the paper in its original language \(fr\) first$"):
            docs.submit_working_paper(bare, by=people.actor("fra_fp"))
    _nothing_told(callbacks)


def test_no_answer_once_issued_and_no_one_is_told(people, w, django_capture_on_commit_callbacks):
    paper = w["paper"]
    invitation = docs.invite_co_sponsor(paper, w["deu"], by=people.actor("fra_fp"))
    docs.submit_working_paper(paper, by=people.actor("fra_fp"))
    docs.issue_working_paper(paper, by=people.actor("staff"))
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Frozen):
            docs.answer_co_sponsorship(invitation, by=people.actor("deu_fp"), confirm=True)
    _nothing_told(callbacks)


@pytest.mark.parametrize("act", ["invite", "answer", "submit", "issue"])
def test_an_act_that_fails_after_telling_takes_its_notifications_back(
    people, w, monkeypatch, django_capture_on_commit_callbacks, act
):
    """A failure after the notifications are written (the last step of each act) undoes the act
    and them: no row, no mail."""
    paper = w["paper"]
    invitation = docs.invite_co_sponsor(paper, w["deu"], by=people.actor("fra_fp"))
    if act == "issue":
        docs.submit_working_paper(paper, by=people.actor("fra_fp"))
    Notification.objects.all().delete()
    real = docs.notify

    def tell_then_fail(*args, **kwargs):
        assert real(*args, **kwargs)  # someone was told ...
        raise RuntimeError("the disk is full")  # ... and then the act fails

    monkeypatch.setattr(docs, "notify", tell_then_fail)
    steps = {
        "invite": lambda: docs.invite_co_sponsor(paper, w["usa"], by=people.actor("fra_fp")),
        "answer": lambda: docs.answer_co_sponsorship(invitation, by=people.actor("deu_fp"), confirm=True),
        "submit": lambda: docs.submit_working_paper(paper, by=people.actor("fra_fp")),
        "issue": lambda: docs.issue_working_paper(paper, by=people.actor("staff")),
    }
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError, match="^the disk is full$"):
            steps[act]()
    _nothing_told(callbacks)
    paper.refresh_from_db()
    invitation.refresh_from_db()
    assert (paper.status, paper.document, invitation.status, paper.co_sponsorships.count()) == (
        "submitted" if act == "issue" else "draft",
        None,
        "invited",
        1,
    )
    assert WorkingPaper.objects.filter(pk=paper.pk, document__isnull=True).exists()
