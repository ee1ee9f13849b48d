"""An invited co-sponsor reads the paper it is asked to sign (its page and its files), answers on
the page, and changes nothing; a State not invited, and the anonymous visitor, do not read it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.documents import domain as docs
from plenary.treaties.models import State

from .conftest import PDF

EDIT_FORMS = (
    'action="/portal/papers/{pk}/"',
    'action="/portal/papers/{pk}/files/"',
    'action="/portal/papers/{pk}/co-sponsors/"',
    'action="/portal/papers/{pk}/submit/"',
    'action="/portal/papers/{pk}/withdraw/"',
)


@pytest.fixture
def gbr_fp(db):
    """The focal point of a third State, not invited."""
    user = User.objects.create(username="gbr_fp")
    grant_role(user, "focal_point", state=State.objects.get(code="GBR"), by=Actor.system("test:setup"))
    return user


def _forms(html: str, pk: int) -> list[str]:
    return [form.format(pk=pk) for form in EDIT_FORMS if form.format(pk=pk) in html]


def test_the_invited_focal_point_reads_the_paper_and_may_answer_there(as_, world):
    paper, invitation = world["draft"], world["invitation"]
    response = as_("deu_fp").get(reverse("portal:paper", args=[paper.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="paper-title">Draft paper</h1>' in html
    assert _forms(html, paper.pk) == []  # read only: no edit, no upload, no invitation, no submit
    assert f'<a href="/portal/papers/{paper.pk}/files/en/">EN</a>' in html
    assert (
        "Germany is invited to co-sponsor this paper: you may read it; only the submitting delegation "
        "changes it." in html
    )
    assert f'action="/portal/invitations/{invitation.pk}/"' in html
    assert '<button name="answer" value="confirm">Confirm</button>' in html
    assert '<button name="answer" value="decline">Decline</button>' in html


def test_an_answer_given_on_the_paper_comes_back_to_it(as_, world):
    paper, invitation = world["draft"], world["invitation"]
    deu = as_("deu_fp")
    response = deu.post(
        reverse("portal:answer_invitation", args=[invitation.pk]), {"answer": "confirm", "back": "paper"}
    )
    assert (response.status_code, response["Location"]) == (302, f"/portal/papers/{paper.pk}/")
    invitation.refresh_from_db()
    assert invitation.status == "confirmed"
    html = deu.get(f"/portal/papers/{paper.pk}/").content.decode()
    assert "Co-sponsorship confirmed." in html
    assert "<strong>Answer: confirmed</strong>" in html
    # From the list of invitations (no "back"), back to the list.
    response = as_("deu_fp").post(
        reverse("portal:answer_invitation", args=[invitation.pk]), {"answer": "nope"}
    )
    assert (response.status_code, response["Location"]) == (302, "/portal/invitations/")


def test_the_invited_states_delegate_reads_but_does_not_answer(as_, world):
    paper = world["draft"]
    html = as_("deu_del").get(reverse("portal:paper", args=[paper.pk])).content.decode()
    assert '<h1 id="paper-title">Draft paper</h1>' in html
    assert _forms(html, paper.pk) == []
    assert "Germany is invited to co-sponsor this paper" in html
    assert 'value="confirm"' not in html


def test_the_submitting_delegation_still_edits_and_sees_no_invitation_of_its_own(as_, world):
    paper = world["draft"]
    html = as_("fra_del").get(reverse("portal:paper", args=[paper.pk])).content.decode()
    assert _forms(html, paper.pk) == [form.format(pk=paper.pk) for form in EDIT_FORMS]
    assert 'id="my-invitation"' not in html


def test_the_invited_state_downloads_the_files(as_, world):
    paper = world["draft"]
    for persona in ("deu_fp", "deu_del", "fra_del", "staff"):
        response = as_(persona).get(reverse("portal:paper_download", args=[paper.pk, "en"]))
        assert response.status_code == 200, persona
        assert b"".join(response.streaming_content) == PDF
        assert (response["Content-Type"], response["Content-Disposition"], response["Cache-Control"]) == (
            "application/pdf",
            f'attachment; filename="BWC_MSP_2018_paper{paper.pk}-EN.pdf"',
            "private, no-store",
        )
    # A language the paper has no file in, and a hostile one, are not found.
    for lang in ("fr", "..", "en%00"):
        assert as_("deu_fp").get(f"/portal/papers/{paper.pk}/files/{lang}/").status_code == 404


def test_a_state_not_invited_reads_nothing(as_, client, world, gbr_fp):
    paper = world["draft"]
    client.force_login(gbr_fp)
    assert client.get(reverse("portal:paper", args=[paper.pk])).status_code == 403
    assert client.get(reverse("portal:paper_download", args=[paper.pk, "en"])).status_code == 403
    # Nor does the NGO, or Germany for France's other paper (not invited to it).
    assert as_("ngo").get(reverse("portal:paper", args=[paper.pk])).status_code == 403
    other = world["submitted"]
    assert as_("deu_fp").get(reverse("portal:paper", args=[other.pk])).status_code == 403
    assert as_("deu_fp").get(reverse("portal:paper_download", args=[other.pk, "en"])).status_code == 403
    assert client.get("/portal/papers/999999/").status_code == 404


def test_the_anonymous_visitor_is_sent_to_sign_in(client, world):
    paper = world["draft"]
    for url in (f"/portal/papers/{paper.pk}/", f"/portal/papers/{paper.pk}/files/en/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/accounts/sign-in/?next={url}")


def test_the_invited_state_changes_nothing(as_, world):
    paper = world["draft"]
    deu = as_("deu_fp")
    assert (
        deu.post(f"/portal/papers/{paper.pk}/", {"original_language": "en", "title_en": "X"}).status_code
        == 403
    )
    assert deu.post(f"/portal/papers/{paper.pk}/submit/").status_code == 403
    paper.refresh_from_db()
    assert (paper.title, paper.status) == ({"en": "Draft paper"}, "draft")


def test_once_issued_the_invitation_is_shown_without_buttons(as_, people, world):
    paper = world["draft"]
    docs.submit_working_paper(paper, by=Actor.of(people["fra_fp"]))
    docs.issue_working_paper(paper, by=Actor.of(people["staff"]))
    html = as_("deu_fp").get(reverse("portal:paper", args=[paper.pk])).content.decode()
    assert "Germany is invited to co-sponsor this paper" in html
    assert 'value="confirm"' not in html
