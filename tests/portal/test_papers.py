"""Working papers: drafting, files and their checks, co-sponsors, submitting, issuing as WP.n."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from plenary.documents import domain as docs
from plenary.documents.domain import record_document
from plenary.documents.models import CoSponsorship, Document, IssuedFile, WorkingPaper, WorkingPaperFile
from plenary.participation import domain as participation
from tests.helpers import next_wp_symbol

from .conftest import PDF, docx_bytes, pdf_upload

XSS = "<script>alert(1)</script>"
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _new_paper(client, delegation, title="Strengthening Article X", **extra):
    data = {"original_language": "en", f"title_{extra.pop('lang', 'en')}": title} | extra
    response = client.post(reverse("portal:new_paper", args=[delegation.pk]), data)
    assert response.status_code == 302
    return WorkingPaper.objects.latest("id")


def test_a_paper_co_sponsored_by_germany_is_issued_as_wp_1(as_, world, msp2018):
    fra = as_("fra_del")
    paper = _new_paper(fra, world["fra_d"], on_behalf_of="WG", title_fr="Renforcer l'article X")
    assert reverse("portal:paper", args=[paper.pk]) == f"/portal/papers/{paper.pk}/"
    assert (
        fra.post(
            reverse("portal:paper_file", args=[paper.pk]),
            {"lang": "en", "kind": "official", "file": pdf_upload()},
        ).status_code
        == 302
    )
    assert (
        fra.post(
            reverse("portal:paper_file", args=[paper.pk]),
            {"lang": "fr", "kind": "informal", "file": SimpleUploadedFile("fr.docx", docx_bytes())},
        ).status_code
        == 302
    )
    for code in ("DEU", "USA"):
        assert fra.post(reverse("portal:paper_invite", args=[paper.pk]), {"state": code}).status_code == 302
    assert fra.post(reverse("portal:paper_submit", args=[paper.pk])).status_code == 302

    deu = as_("deu_fp")
    invitation = CoSponsorship.objects.get(paper=paper, state__code="DEU")
    page = deu.get(reverse("portal:invitations")).content.decode()
    assert reverse("portal:answer_invitation", args=[invitation.pk]) in page
    response = deu.post(reverse("portal:answer_invitation", args=[invitation.pk]), {"answer": "confirm"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.decided_by.username) == ("confirmed", "deu_fp")

    staff = as_("staff")
    page = staff.get(reverse("portal:to_issue")).content.decode()
    # The paper of the world came first: it gets WP.1, this one WP.2 if issued in that order.
    assert '<td class="symbol">BWC/MSP/2018/WP.1</td>' in page
    assert '<td class="symbol">BWC/MSP/2018/WP.2</td>' in page
    assert staff.post(reverse("portal:issue", args=[paper.pk])).status_code == 302

    paper.refresh_from_db()
    document = paper.document
    assert (paper.status, document.symbol) == ("issued", "BWC/MSP/2018/WP.1")
    assert (document.series, document.doc_type, document.number, document.meeting) == (
        "BWC/MSP/2018",
        "WP",
        1,
        msp2018,
    )
    assert document.title == {"en": "Strengthening Article X", "fr": "Renforcer l'article X"}
    assert document.on_behalf_of.code == "WG"
    assert [
        (s.role, s.state.code, s.position) for s in document.sponsorships.order_by("role", "position")
    ] == [
        ("co_sponsor", "DEU", 0),
        ("submitter", "FRA", 0),
    ]
    versions = list(document.versions.order_by("lang"))
    year = timezone.now().year  # LanguageVersion files go under documents/<year of upload>/
    assert [(v.lang, v.kind, v.file.name) for v in versions] == [
        ("en", "official", f"documents/{year}/BWC_MSP_2018_WP.1-EN.pdf"),
        ("fr", "informal", f"documents/{year}/BWC_MSP_2018_WP.1-FR.docx"),
    ]
    with versions[0].file.open("rb") as fh:
        assert fh.read() == PDF
    with versions[1].file.open("rb") as fh:
        word = fh.read()
    # Every issued byte has its checksum: one row per version, naming the version's own file.
    assert [
        (f.lang, f.fmt, f.file.name, f.size, f.sha256)
        for f in IssuedFile.objects.filter(document=document).order_by("lang")
    ] == [
        ("en", "pdf", versions[0].file.name, len(PDF), hashlib.sha256(PDF).hexdigest()),
        ("fr", "docx", versions[1].file.name, len(word), hashlib.sha256(word).hexdigest()),
    ]
    entry = AuditEntry.objects.get(action="paper.issue", object_id=str(paper.pk))
    assert (entry.actor, entry.via) == ("staff", "page")
    assert entry.after == {
        "status": "issued",
        "symbol": "BWC/MSP/2018/WP.1",
        "submitters": ["FRA"],
        "co_sponsors": ["DEU"],
        "versions": ["en", "fr"],
    }

    # The second paper gets the next number.
    assert staff.post(reverse("portal:issue", args=[world["submitted"].pk])).status_code == 302
    world["submitted"].refresh_from_db()
    assert world["submitted"].document.symbol == "BWC/MSP/2018/WP.2"


def test_co_sponsors_are_in_invitation_order_and_only_confirmed_ones_count(people, world):
    from plenary.treaties.models import State

    paper = world["draft"]
    for code in ("USA", "GBR"):
        docs.invite_co_sponsor(paper, State.objects.get(code=code), by=Actor.of(people["fra_fp"]))
    gbr_fp = people["deu_fp"].__class__.objects.create(username="gbr_fp")
    from plenary.accounts.domain import grant_role

    grant_role(gbr_fp, "focal_point", by=Actor.system("test:setup"), state=State.objects.get(code="GBR"))
    docs.answer_co_sponsorship(
        CoSponsorship.objects.get(paper=paper, state__code="GBR"), by=Actor.of(gbr_fp), confirm=True
    )
    docs.answer_co_sponsorship(world["invitation"], by=Actor.of(people["deu_fp"]), confirm=True)
    docs.submit_working_paper(paper, by=Actor.of(people["fra_del"]))
    document = docs.issue_working_paper(paper, by=Actor.of(people["staff"]))
    assert list(
        document.sponsorships.filter(role="co_sponsor")
        .order_by("position")
        .values_list("state__code", flat=True)
    ) == ["DEU", "GBR"]


def test_the_next_symbol_counts_parents_only(people, msp2018):
    assert next_wp_symbol(msp2018) == "BWC/MSP/2018/WP.1"
    for symbol in (
        "BWC/MSP/2018/WP.24",
        "BWC/MSP/2018/WP.24/Corr.1",
        "BWC/MSP/2018/WP.3",
        "BWC/MSP/2018/INF.30",
    ):
        record_document(msp2018, by=Actor.system("test"), symbol=symbol, title={"en": symbol})
    assert next_wp_symbol(msp2018) == "BWC/MSP/2018/WP.25"


def test_only_staff_issue_and_only_submitted_papers(people, world):
    with pytest.raises(NotAllowed):
        docs.issue_working_paper(world["submitted"], by=Actor.of(people["fra_fp"]))
    with pytest.raises(DomainError, match="^only a submitted paper is issued; this one is draft$"):
        docs.issue_working_paper(world["draft"], by=Actor.of(people["staff"]))
    assert not Document.objects.filter(series="BWC/MSP/2018").exists()


def test_an_issued_paper_can_no_longer_change(as_, people, world):
    paper = world["submitted"]
    docs.issue_working_paper(paper, by=Actor.of(people["staff"]))
    message = "^BWC/MSP/2018/WP.1 is issued and can no longer change: corrections come as a Corr. or Rev.$"
    with pytest.raises(DomainError, match=message):
        docs.update_working_paper(
            paper, by=Actor.of(people["fra_fp"]), title={"en": "Changed"}, original_language="en"
        )
    with pytest.raises(DomainError, match=message):
        docs.add_paper_file(paper, by=Actor.of(people["fra_fp"]), lang="fr", upload=pdf_upload())
    with pytest.raises(DomainError, match=message):
        docs.invite_co_sponsor(paper, world["deu"], by=Actor.of(people["fra_fp"]))
    with pytest.raises(DomainError, match=message):
        docs.withdraw_working_paper(paper, by=Actor.of(people["fra_fp"]))
    with pytest.raises(DomainError, match=message):
        docs.submit_working_paper(paper, by=Actor.of(people["fra_fp"]))
    response = as_("fra_fp").post(
        reverse("portal:paper", args=[paper.pk]), {"original_language": "en", "title_en": "Changed"}
    )
    assert response.status_code == 400
    assert (
        '<p class="error" role="alert">BWC/MSP/2018/WP.1 is issued and can no longer change: corrections '
        "come as a Corr. or Rev.</p>" in response.content.decode()
    )
    paper.refresh_from_db()
    assert paper.title == {"en": "Submitted paper"}
    # Nor can the secretariat issue it again or put another file under its language version.
    with pytest.raises(DomainError, match="^only a submitted paper is issued; this one is issued$"):
        docs.issue_working_paper(paper, by=Actor.of(people["staff"]))
    lang = paper.document.versions.get().lang
    with pytest.raises(
        DomainError,
        match=f"^BWC/MSP/2018/WP.1 already has its {lang} version on file; a change comes as a corrigendum or revision$",
    ):
        docs.add_language_version(
            paper.document, lang=lang, upload=pdf_upload(), by=Actor.of(people["staff"])
        )
    assert IssuedFile.objects.filter(document=paper.document).count() == 1


def test_germany_invited_reads_but_cannot_touch_frances_papers(as_, world):
    deu = as_("deu_fp")
    paper = world["draft"]
    assert deu.get(reverse("portal:paper", args=[paper.pk])).status_code == 200  # invited: reads
    for name, data in [
        ("portal:paper", {"original_language": "en", "title_en": "Hijacked"}),
        ("portal:paper_file", {"lang": "en", "kind": "official", "file": pdf_upload()}),
        ("portal:paper_invite", {"state": "USA"}),
        ("portal:paper_submit", {}),
        ("portal:paper_withdraw", {}),
    ]:
        assert deu.post(reverse(name, args=[paper.pk]), data).status_code == 403
    paper.refresh_from_db()
    assert (paper.title, paper.status, paper.co_sponsorships.count()) == ({"en": "Draft paper"}, "draft", 1)


def test_only_the_invited_states_focal_point_answers(people, world):
    for persona in ("deu_del", "fra_fp", "staff"):
        with pytest.raises(NotAllowed):
            docs.answer_co_sponsorship(world["invitation"], by=Actor.of(people[persona]), confirm=True)
    docs.answer_co_sponsorship(world["invitation"], by=Actor.of(people["deu_fp"]), confirm=False)
    world["invitation"].refresh_from_db()
    assert world["invitation"].status == "declined"


def test_submitting_needs_the_original_language_file(people, world):
    paper = docs.create_working_paper(
        world["fra_d"],
        by=Actor.of(people["fra_fp"]),
        title={"fr": "Document de travail"},
        original_language="fr",
    )
    docs.add_paper_file(paper, by=Actor.of(people["fra_fp"]), lang="en", upload=pdf_upload())
    with pytest.raises(DomainError, match=r"^attach the paper in its original language \(fr\) first$"):
        docs.submit_working_paper(paper, by=Actor.of(people["fra_fp"]))


def test_the_title_in_the_original_language_is_required(as_, people, world):
    response = as_("fra_fp").post(
        reverse("portal:new_paper", args=[world["fra_d"].pk]),
        {"original_language": "fr", "title_en": "Only English"},
    )
    assert response.status_code == 200
    assert '<span class="error">Give the title in the original language.</span>' in response.content.decode()
    with pytest.raises(DomainError, match=r"^give the title in the original language \(fr\)$"):
        docs.create_working_paper(
            world["fra_d"], by=Actor.of(people["fra_fp"]), title={"en": "x"}, original_language="fr"
        )


# Under the 100 bytes the test allows: refused for its name or type before its content is parsed.
SHORT = b"%PDF-1.4\n%%EOF\n"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("paper.exe", SHORT, "files of type .exe are not accepted; send .doc, .docx, .pdf, .txt"),
        ("paper", SHORT, "files of type (none) are not accepted; send .doc, .docx, .pdf, .txt"),
        ("paper.pdf", b"MZ\x90\x00 not a pdf", "the file&#x27;s content is not a .pdf file"),
        ("paper.docx", SHORT, "the file&#x27;s content is not a .docx file"),
        ("paper.docx", b"PK\x03\x04garbage", "the file&#x27;s content is not a .docx file"),
        ("paper.txt", b"\xff\xfe\x00bad", "the file&#x27;s content is not a .txt file"),
        (
            "paper.pdf",
            b"%PDF-" + b"x" * 200,
            "This file is 205 bytes; at most 100 bytes can be sent. Nothing was stored.",
        ),
    ],
)
def test_uploads_are_checked(as_, settings, world, name, data, message):
    settings.UPLOAD_MAX_BYTES = 100
    paper = world["draft"]
    response = as_("fra_fp").post(
        reverse("portal:paper_file", args=[paper.pk]),
        {"lang": "fr", "kind": "official", "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 400
    assert f'<span class="error">{message}</span>' in response.content.decode()
    assert list(paper.files.values_list("lang", flat=True)) == ["en"]


def test_a_stored_file_gets_a_generated_name(people, world):
    record = docs.add_paper_file(
        world["draft"],
        by=Actor.of(people["fra_fp"]),
        lang="fr",
        upload=SimpleUploadedFile("../../etc/évil name.txt", "Texte en français".encode()),
    )
    assert record.original_name == "évil name.txt"
    assert record.size == len("Texte en français".encode())
    assert record.file.name.startswith("papers/")
    assert record.file.name.endswith(".txt")
    assert len(record.file.name) == len("papers/") + 32 + len(".txt")
    # A new file in the same language replaces the old one.
    docs.add_paper_file(world["draft"], by=Actor.of(people["fra_fp"]), lang="fr", upload=pdf_upload())
    assert list(
        WorkingPaperFile.objects.filter(paper=world["draft"]).values_list("lang", "original_name")
    ) == [
        ("en", "paper.pdf"),
        ("fr", "paper.pdf"),
    ]


def test_a_dangerous_title_is_escaped_on_every_page(as_, people, world):
    paper = docs.create_working_paper(
        world["fra_d"], by=Actor.of(people["fra_fp"]), title={"en": XSS}, original_language="en"
    )
    docs.add_paper_file(paper, by=Actor.of(people["fra_fp"]), lang="en", upload=pdf_upload())
    docs.invite_co_sponsor(paper, world["deu"], by=Actor.of(people["fra_fp"]))
    pages = [
        ("fra_fp", reverse("portal:paper", args=[paper.pk])),
        ("fra_fp", reverse("portal:papers")),
        ("fra_fp", reverse("portal:delegation", args=[world["fra_d"].pk])),
        ("deu_fp", reverse("portal:invitations")),
    ]
    docs.submit_working_paper(paper, by=Actor.of(people["fra_fp"]))
    pages.append(("staff", reverse("portal:to_issue")))
    for persona, url in pages:
        html = as_(persona).get(url).content.decode()
        assert XSS_ESCAPED in html, url
        assert XSS not in html, url


def test_member_names_are_escaped(as_, people, world):
    participation.update_members(
        world["fra_d"], by=Actor.of(people["fra_fp"]), members=[{"name": "<b>Bold</b>", "role": "head"}]
    )
    html = as_("fra_del").get(reverse("portal:delegation", args=[world["fra_d"].pk])).content.decode()
    assert "<td>&lt;b&gt;Bold&lt;/b&gt;</td>" in html


def test_every_paper_write_is_audited_from_the_page(world):
    actions = list(
        AuditEntry.objects.filter(action__startswith="paper.").order_by("id").values_list("action", "via")
    )
    assert actions == [
        ("paper.create", "page"),
        ("paper.file", "page"),
        ("paper.invite", "page"),
        ("paper.create", "page"),
        ("paper.file", "page"),
        ("paper.submit", "page"),
    ]
