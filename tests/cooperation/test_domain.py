"""The Article X writers: who drafts, submits, edits and withdraws offers and requests; matches and
their outcome recorded by the secretariat and told to the parties; bad and hostile values refused
with nothing written; the offers that fit a request with their reasons; the yearly figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from plenary.accounts.models import Notification
from plenary.cooperation import domain, queries
from plenary.cooperation.models import Match, Offer, Request
from plenary.core.audit import AuditEntry
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.participation.models import Organization
from plenary.treaties.models import State
from tests.cooperation.conftest import offer_values, request_values

pytestmark = pytest.mark.django_db


def st(code):
    return State.objects.get(code=code)


def test_an_authorised_user_drafts_and_the_contact_point_submits(world):
    draft = domain.draft_request(st("FRA"), by=world.actor("fra_auth"), **request_values())
    assert (draft.status, draft.region, draft.published_on, draft.on_behalf) == ("draft", "WEOG", None, False)
    with pytest.raises(NotAllowed, match="national contact point of FRA"):
        domain.submit_entry(draft, by=world.actor("fra_auth"))
    domain.submit_entry(draft, by=world.actor("fra_cp"))
    draft.refresh_from_db()
    assert draft.status == "open" and draft.published_on is not None
    with pytest.raises(Frozen, match="submitted once"):
        domain.submit_entry(draft, by=world.actor("fra_cp"))
    actions = list(
        AuditEntry.objects.filter(object_type="cooperation.Request", object_id=str(draft.pk)).values_list(
            "action", "via"
        )
    )
    assert actions == [("cooperation.request", "page"), ("cooperation.submit_request", "page")]


def test_the_secretariat_enters_on_a_states_behalf_and_it_is_marked(world):
    offer = domain.draft_offer(state=st("DEU"), submit=True, by=world.actor("staff"), **offer_values())
    assert offer.on_behalf and offer.status == "open"
    entry = AuditEntry.objects.get(action="cooperation.offer", object_id=str(offer.pk))
    assert entry.acting_for == "State:DEU"


@pytest.mark.parametrize("persona", ["fra_del", "deu_fp", "ngo", "officer", "isr_del"])
def test_others_may_not_draft_for_france(world, persona):
    with pytest.raises(NotAllowed):
        domain.draft_offer(state=st("FRA"), by=world.actor(persona), **offer_values())
    assert not Offer.objects.exists()


def test_a_state_not_party_makes_no_entry_and_requests_are_of_states_parties(world):
    with pytest.raises(DomainError, match="EGY is not a State Party"):
        domain.draft_request(st("EGY"), by=world.actor("egy_cp"), **request_values())
    with pytest.raises(DomainError, match="ISR is not a State Party: requests are made by States Parties"):
        domain.draft_request(st("FRA"), with_states=[st("ISR")], by=world.actor("fra_cp"), **request_values())
    assert not Request.objects.exists()


def test_an_organization_offers_and_an_ngo_cannot(world):
    who = Organization.objects.get(code="WHO")
    offer = domain.draft_offer(organization=who, submit=True, by=world.actor("who_fp"), **offer_values())
    assert offer.provider_code == "WHO" and not offer.on_behalf
    vertic = Organization.objects.get(code="VERTIC")
    with pytest.raises(DomainError, match="VERTIC is not an international organization"):
        domain.draft_offer(organization=vertic, by=world.actor("staff"), **offer_values())


def test_several_states_make_an_offer_together(world):
    offer = domain.draft_offer(
        state=st("FRA"),
        with_states=[st("DEU"), st("FRA"), st("ISR")],
        by=world.actor("fra_cp"),
        **offer_values(),
    )
    assert sorted(s.code for s in offer.with_states.all()) == ["DEU", "ISR"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"types": ["weapons"]}, "'weapons' is not one of"),
        ({"types": "training"}, "a list of codes"),
        ({"fields": []}, "choose at least one"),
        ({"title": ""}, "the title is required"),
        ({"title": "x" * 201}, "at most 200"),
        ({"description": "bad\x00byte"}, "control characters"),
        ({"description": "bidi\x9b"}, "control characters"),
        ({"contact": 12}, "is text, not int"),
        ({"regions": ["MARS"]}, "'MARS' is not one of"),
        ({"valid_until": dt.date(2000, 1, 1)}, "which is past"),
        ({"valid_until": "2030-01-01"}, "is a date"),
        ({"owner": "me"}, "an offer has no owner"),
        ({"region": "WEOG"}, "an offer has no region"),
    ],
)
def test_bad_and_hostile_values_are_refused_and_nothing_is_written(world, changes, message):
    before = AuditEntry.objects.count()
    with pytest.raises(DomainError, match=message):
        domain.draft_offer(state=st("FRA"), by=world.actor("fra_cp"), **offer_values(**changes))
    assert not Offer.objects.exists() and AuditEntry.objects.count() == before


def test_edit_and_withdraw(world):
    offer = domain.draft_offer(state=st("FRA"), by=world.actor("fra_auth"), **offer_values())
    domain.edit_entry(offer, by=world.actor("fra_auth"), title="Biosafety courses")
    domain.submit_entry(offer, by=world.actor("fra_cp"))
    with pytest.raises(NotAllowed):  # once submitted, the contact point changes it
        domain.edit_entry(offer, by=world.actor("fra_auth"), title="Other")
    domain.edit_entry(offer, by=world.actor("fra_cp"), regions=["AFRICAN"])
    entry = AuditEntry.objects.filter(action="cooperation.edit_offer").last()
    assert (entry.before["regions"], entry.after["regions"]) == ([], ["AFRICAN"])
    count = AuditEntry.objects.count()
    domain.edit_entry(offer, by=world.actor("fra_cp"), regions=["AFRICAN"])  # no change, no entry
    assert AuditEntry.objects.count() == count
    domain.withdraw_entry(offer, by=world.actor("fra_cp"), reason="No longer available.")
    offer.refresh_from_db()
    assert (offer.status, offer.status_note, offer.title) == (
        "withdrawn",
        "No longer available.",
        "Biosafety courses",
    )
    with pytest.raises(Frozen):
        domain.edit_entry(offer, by=world.actor("fra_cp"), title="x")
    with pytest.raises(Frozen):
        domain.withdraw_entry(offer, by=world.actor("fra_cp"))


def _open_pair(world):
    request = domain.draft_request(st("KEN"), submit=True, by=world.actor("ken_cp"), **request_values())
    offer = domain.draft_offer(state=st("FRA"), submit=True, by=world.actor("fra_cp"), **offer_values())
    return request, offer


def test_the_offers_that_fit_a_request_are_ranked_with_their_reasons(world):
    request, good = _open_pair(world)
    partial = domain.draft_offer(
        state=st("DEU"),
        submit=True,
        by=world.actor("staff"),
        **offer_values(title="Lab kits", types=["equipment"], fields=["laboratory"], regions=["WEOG"]),
    )
    domain.draft_offer(
        state=st("DEU"),
        submit=True,
        by=world.actor("staff"),
        **offer_values(title="Funding", types=["funding"], fields=["education"]),
    )
    domain.draft_offer(state=st("DEU"), by=world.actor("deu_fp"), **offer_values(title="A draft"))  # not open
    domain.draft_offer(
        state=st("KEN"), submit=True, by=world.actor("ken_cp"), **offer_values(title="Kenya's own")
    )
    fits = queries.fitting_offers(request)
    assert [(f["offer"].title, f["score"], f["words"]) for f in fits] == [
        (
            good.title,
            9,
            [
                "same field: biosafety and biosecurity",
                "same field: laboratory capacity",
                "offers training, which is asked",
                "open to every region",
            ],
        ),
        (partial.title, 3, ["same field: laboratory capacity"]),
    ]


def test_a_match_is_recorded_by_the_secretariat_and_the_parties_are_told(
    world, django_capture_on_commit_callbacks
):
    request, offer = _open_pair(world)
    with pytest.raises(NotAllowed):
        domain.record_match(request, offer, by=world.actor("fra_cp"))
    with django_capture_on_commit_callbacks(execute=True):
        match = domain.record_match(
            request, offer, by=world.actor("staff"), outcome="The parties are in touch."
        )
    told = set(Notification.objects.filter(kind="artx_match").values_list("user__username", flat=True))
    assert {"ken_cp", "fra_cp", "fra_auth", "fra_fp", "fra_del", "staff"} <= told
    assert not told & {"deu_fp", "ngo", "egy_cp", "isr_del", "who_fp"}
    assert any("ken_cp@example.org" in m.to for m in mail.outbox)
    subject = Notification.objects.filter(user__username="ken_cp").get().subject
    assert subject == f"Article X: a match recorded for KEN-R{request.pk}: {request.title}"
    with pytest.raises(Frozen, match="already matched"):
        domain.record_match(request, offer, by=world.actor("staff"))
    domain.record_outcome(match, by=world.actor("staff"), status="completed", outcome="Course held in May.")
    match.refresh_from_db()
    assert (match.status, match.outcome) == ("completed", "Course held in May.")
    assert Notification.objects.filter(user__username="ken_cp").count() == 2
    with pytest.raises(DomainError, match="status of a match is one of"):
        domain.record_outcome(match, by=world.actor("staff"), status="won")
    assert queries.fitting_offers(request)[0]["matched"] is True


def test_a_match_needs_open_entries_of_different_states(world):
    request, offer = _open_pair(world)
    own = domain.draft_offer(state=st("KEN"), submit=True, by=world.actor("ken_cp"), **offer_values())
    with pytest.raises(DomainError, match="own offer"):
        domain.record_match(request, own, by=world.actor("staff"))
    domain.withdraw_entry(offer, by=world.actor("fra_cp"))
    with pytest.raises(DomainError, match="is withdrawn, not open"):
        domain.record_match(request, offer, by=world.actor("staff"))
    assert not Match.objects.exists()


def test_the_yearly_figures_count_what_was_submitted_in_the_year(world):
    request, offer = _open_pair(world)
    domain.draft_offer(state=st("DEU"), by=world.actor("deu_fp"), **offer_values())  # a draft: not counted
    domain.record_match(request, offer, by=world.actor("staff"))
    year = request.published_on.year
    figures = queries.yearly_figures(year)
    assert (figures["offers"], figures["requests"], figures["matches"]) == (1, 1, 1)
    assert figures["matches_by_status"]["proposed"] == 1
    assert figures["offers_by_field"]["biosafety"] == 1 and figures["offers_by_type"]["funding"] == 0
    assert queries.yearly_figures(year - 1)["offers"] == 0

    from plenary.records.isu import app_figures

    assert app_figures("cooperation", year) == figures
