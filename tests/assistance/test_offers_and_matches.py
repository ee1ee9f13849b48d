"""An offer changed or withdrawn by its provider (or the secretariat on its behalf, marked), and what
became of a matched offer (accepted, declined, delivered) recorded by the secretariat: in the domain,
through the portal and the back office, for every persona; bad and hostile input refused with
nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from plenary.accounts.models import Notification
from plenary.assistance import domain
from plenary.assistance.models import AssistanceOffer, OfferMatch
from plenary.core.audit import AuditEntry
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.participation.models import Organization
from plenary.treaties.models import State
from tests.assistance.conftest import offer_fields, request_fields

pytestmark = pytest.mark.django_db
PERSONAS = [
    "anonymous",
    "staff",
    "fra_fp",
    "fra_cp",
    "deu_fp",
    "deu_del",
    "ngo",
    "egy_cp",
    "isr_del",
    "officer",
    "who_fp",
    "oie_fp",
]


@pytest.fixture
def offer(world):
    return domain.record_offer(
        state=State.objects.get(code="DEU"), by=world.actor("deu_fp"), **offer_fields(title="DEU lab team")
    )


@pytest.fixture
def who_offer(world):
    return domain.record_offer(
        organization=Organization.objects.get(code="WHO"),
        by=world.actor("who_fp"),
        **offer_fields(title="WHO team", categories=["medical"]),
    )


@pytest.fixture
def matched(world, offer):
    staff = world.actor("staff")
    request = domain.submit_request(
        State.objects.get(code="FRA"), by=world.actor("fra_cp"), **request_fields()
    )
    domain.acknowledge(request, by=staff)
    domain.match_offers(request, [offer], by=staff)
    return request, request.matches.get()


def entries(world, **where):
    return AuditEntry.objects.filter(pk__gt=world.audit_from, **where)


# -- the domain -----------------------------------------------------------------------------------


def test_the_provider_changes_its_offer_and_the_audit_keeps_before_and_after(world, offer):
    domain.edit_offer(offer, by=world.actor("deu_del"), deploy_hours=12, title="DEU lab team (rapid)")
    offer.refresh_from_db()
    assert (offer.deploy_hours, offer.title, offer.categories) == (
        12,
        "DEU lab team (rapid)",
        ["detection", "expertise"],
    )
    (entry,) = entries(world, action="assistance.edit_offer")
    assert (entry.before["deploy_hours"], entry.after["deploy_hours"]) == (48, 12)
    assert entry.acting_for == ""


def test_the_secretariat_changes_and_withdraws_on_the_providers_behalf_marked(world, who_offer):
    domain.edit_offer(who_offer, by=world.actor("staff"), conditions="At WHO's request only.")
    domain.withdraw_offer(who_offer, by=world.actor("staff"), note="Team deployed elsewhere.")
    who_offer.refresh_from_db()
    assert who_offer.withdrawn and who_offer.conditions == "At WHO's request only."
    acting = list(
        entries(world, action__in=["assistance.edit_offer", "assistance.withdraw_offer"]).values_list(
            "acting_for", flat=True
        )
    )
    assert len(acting) == 2 and all("WHO" in a for a in acting)
    assert entries(world, action="assistance.withdraw_offer").get().after == {
        "withdrawn": True,
        "note": "Team deployed elsewhere.",
    }


@pytest.mark.parametrize("persona", ["fra_fp", "fra_cp", "ngo", "egy_cp", "who_fp", "officer"])
def test_no_one_else_changes_or_withdraws_an_offer(world, offer, persona):
    with pytest.raises(NotAllowed):
        domain.edit_offer(offer, by=world.actor(persona), deploy_hours=1)
    with pytest.raises(NotAllowed):
        domain.withdraw_offer(offer, by=world.actor(persona))
    offer.refresh_from_db()
    assert (offer.deploy_hours, offer.withdrawn) == (48, False)
    assert not entries(world, action__in=["assistance.edit_offer", "assistance.withdraw_offer"]).exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"deploy_hours": 0}, "the time to deploy is from 1 to 8760 hours, not 0"),
        ({"deploy_hours": True}, "the time to deploy is a whole number of hours"),
        ({"deploy_hours": "12"}, "the time to deploy is a whole number of hours"),
        ({"categories": ["medical", "<script>"]}, "the kinds of assistance offered: <script> is not a kind"),
        ({"categories": "medical"}, "the kinds of assistance offered is a list of kinds of assistance"),
        ({"title": ""}, "the title of the offer is required"),
        ({"title": "x" * 201}, "the title of the offer has 201 characters; at most 200"),
        ({"capacity": "a\x00b"}, "the capacity holds control characters"),
        ({"valid_until": dt.date(2000, 1, 1)}, "the offer would end on 1 January 2000, which is past"),
        ({"valid_until": "2030-01-01"}, "the last day of the offer is a date"),
        ({"mobile_unit": "yes"}, "the mobile biomedical unit and demo marks are yes or no"),
        ({"state": None}, "state cannot be changed on an offer"),
        ({"demo": True}, "demo cannot be changed on an offer"),
        ({"deploy_hours": 48}, "nothing to change: the offer already says this"),
    ],
)
def test_hostile_changes_are_refused_and_nothing_is_written(world, offer, changes, message):
    with pytest.raises(DomainError) as error:
        domain.edit_offer(offer, by=world.actor("deu_fp"), **changes)
    assert str(error.value).startswith(message)
    fresh = AssistanceOffer.objects.get(pk=offer.pk)
    assert (fresh.title, fresh.deploy_hours, fresh.categories, fresh.state_id) == (
        "DEU lab team",
        48,
        ["detection", "expertise"],
        State.objects.get(code="DEU").pk,
    )
    assert not entries(world, action="assistance.edit_offer").exists()


def test_a_withdrawn_offer_is_frozen_and_no_longer_matched(world, offer):
    domain.withdraw_offer(offer, by=world.actor("deu_fp"))
    with pytest.raises(Frozen):
        domain.withdraw_offer(offer, by=world.actor("deu_fp"))
    with pytest.raises(Frozen):
        domain.edit_offer(offer, by=world.actor("staff"), deploy_hours=1)
    request = domain.submit_request(
        State.objects.get(code="FRA"), by=world.actor("fra_cp"), **request_fields()
    )
    domain.acknowledge(request, by=world.actor("staff"))
    with pytest.raises(DomainError, match="no longer open"):
        domain.match_offers(request, [offer], by=world.actor("staff"))
    with pytest.raises(DomainError, match="an offer that is recorded"):
        domain.withdraw_offer("1", by=world.actor("staff"))


def test_a_matched_offer_is_accepted_then_delivered_and_the_state_is_told(world, matched):
    request, match = matched
    staff = world.actor("staff")
    domain.set_match_status(match, "accepted", by=staff, note="France accepts the team.")
    domain.set_match_status(match, "delivered", by=staff)
    match.refresh_from_db()
    assert (match.status, match.note) == ("delivered", "France accepts the team.")
    audit = entries(world, action="assistance.match_status").order_by("pk")
    assert [(e.before["status"], e.after["status"]) for e in audit] == [
        ("proposed", "accepted"),
        ("accepted", "delivered"),
    ]
    told = Notification.objects.filter(user=world["fra_cp"], kind="art7_step").order_by("pk").last()
    assert "DEU lab team: delivered" in told.subject
    for status in ("accepted", "declined", "proposed", "delivered"):
        with pytest.raises(DomainError, match=f"a match delivered cannot become {status}"):
            domain.set_match_status(match, status, by=staff)


def test_a_proposed_match_may_be_declined_and_declined_is_final(world, matched):
    _, match = matched
    domain.set_match_status(match, "declined", by=world.actor("staff"))
    with pytest.raises(DomainError, match="a match declined cannot become accepted"):
        domain.set_match_status(match, "accepted", by=world.actor("staff"))


@pytest.mark.parametrize("status", ["", "ACCEPTED", "closed", None, 3, "accepted\x00", "<script>"])
def test_hostile_match_statuses_are_refused(world, matched, status):
    _, match = matched
    with pytest.raises(DomainError, match="a match is proposed, accepted, declined, delivered"):
        domain.set_match_status(match, status, by=world.actor("staff"))
    assert OfferMatch.objects.get(pk=match.pk).status == "proposed"
    assert not entries(world, action="assistance.match_status").exists()


@pytest.mark.parametrize("persona", ["fra_cp", "deu_fp", "who_fp", "ngo", "officer"])
def test_only_the_secretariat_records_what_became_of_a_match(world, matched, persona):
    _, match = matched
    with pytest.raises(NotAllowed):
        domain.set_match_status(match, "accepted", by=world.actor(persona))
    assert OfferMatch.objects.get(pk=match.pk).status == "proposed"


def test_a_closed_requests_matches_are_frozen(world, matched):
    request, match = matched
    domain.close(request, by=world.actor("staff"))
    with pytest.raises(Frozen):
        domain.set_match_status(match, "accepted", by=world.actor("staff"))
    with pytest.raises(DomainError, match="the note has 10,001 characters"):
        domain.set_match_status(match, "accepted", by=world.actor("staff"), note="x" * 10_001)


# -- the pages ------------------------------------------------------------------------------------


def _client(client, world, persona):
    if world[persona] is not None:
        client.force_login(world[persona])
    return client


# Who changes Germany's offer: its people and the secretariat. Who reads it without changing it:
# the people of States Parties (404 for the others, who do not see it at all).
CHANGERS = {"staff", "deu_fp", "deu_del"}
READERS = {"fra_fp", "fra_cp"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_permission_matrix_of_the_new_pages(client, world, matched, persona):
    request, match = matched
    offer = match.offer
    c = _client(client, world, persona)
    edit = reverse("portal:assistance_edit_offer", args=[offer.pk])
    withdraw = reverse("portal:assistance_withdraw_offer", args=[offer.pk])
    status = reverse("backoffice:assistance_match_status", args=[match.pk])
    got = {
        "edit": c.get(edit).status_code,
        "withdraw-get": c.get(withdraw).status_code,
        "status-get": c.get(status).status_code,
    }
    if persona == "anonymous":
        expected = {"edit": 302, "withdraw-get": 302, "status-get": 302}
    elif persona in CHANGERS:
        expected = {"edit": 200, "withdraw-get": 405, "status-get": 405 if persona == "staff" else 403}
    elif persona in READERS:
        expected = {"edit": 403, "withdraw-get": 405, "status-get": 403}
    else:
        expected = {"edit": 404, "withdraw-get": 405, "status-get": 403}
    assert got == expected
    listing = c.get(reverse("portal:assistance_offers"))
    if persona in CHANGERS:
        assert edit.encode() in listing.content
    elif listing.status_code == 200:
        assert edit.encode() not in listing.content
    if persona != "staff":
        c.post(status, {"status": "accepted"})
        assert OfferMatch.objects.get(pk=match.pk).status == "proposed"
    if persona not in CHANGERS:
        c.post(withdraw, {"note": "no"})
        assert not AssistanceOffer.objects.get(pk=offer.pk).withdrawn


def test_the_provider_changes_its_offer_in_the_portal(client, world, offer):
    client.force_login(world["deu_fp"])
    url = reverse("portal:assistance_edit_offer", args=[offer.pk])
    page = client.get(url)
    assert (
        page.status_code == 200
        and b'value="DEU lab team"' in page.content
        and b'name="provider"' not in page.content
    )
    form = {
        "title": "DEU lab team",
        "categories": ["detection"],
        "capacity": "A team of 8.",
        "deploy_hours": "24",
        "contact": "Duty officer",
    }
    assert client.post(url, form).status_code == 302
    offer.refresh_from_db()
    assert (offer.deploy_hours, offer.categories, offer.mobile_unit) == (24, ["detection"], False)
    bad = client.post(url, {**form, "deploy_hours": "0"})
    assert bad.status_code == 400
    hostile = client.post(url, {**form, "categories": ["<script>"], "title": "x" * 300})
    assert hostile.status_code == 400 and b"<script>" not in hostile.content.replace(b"&lt;script&gt;", b"")
    past = client.post(url, {**form, "valid_until": "2001-01-01"})
    assert past.status_code == 400 and b"which is past" in past.content
    offer.refresh_from_db()
    assert offer.deploy_hours == 24 and offer.title == "DEU lab team"


def test_the_provider_withdraws_its_offer_in_the_portal(client, world, offer):
    client.force_login(world["deu_del"])
    url = reverse("portal:assistance_withdraw_offer", args=[offer.pk])
    assert client.post(url, {"note": "Team on another mission."}).status_code == 302
    offer.refresh_from_db()
    assert offer.withdrawn
    again = client.post(url, follow=True)
    assert b"is withdrawn and can no longer change" in again.content
    listing = client.get(reverse("portal:assistance_offers"))
    assert reverse("portal:assistance_edit_offer", args=[offer.pk]).encode() not in listing.content
    assert client.post(reverse("portal:assistance_withdraw_offer", args=[10**12])).status_code == 404


def test_staff_record_what_became_of_a_match_on_the_timeline(client, world, matched):
    request, match = matched
    client.force_login(world["staff"])
    timeline = reverse("backoffice:assistance_timeline", args=[request.pk])
    url = reverse("backoffice:assistance_match_status", args=[match.pk])
    page = client.get(timeline)
    assert f'id="match-{match.pk}"'.encode() in page.content and b'value="accepted"' in page.content
    assert b'value="delivered"' not in page.content
    answer = client.post(url, {"status": "accepted", "note": "Accepted by France."})
    assert answer.status_code == 302 and answer["Location"] == timeline
    page = client.get(timeline)
    assert b"The offer DEU lab team is now accepted." in page.content
    assert b'value="delivered"' in page.content and b"Accepted by France." in page.content
    refused = client.post(url, {"status": "<script>"}, follow=True)
    assert b"a match is proposed, accepted, declined, delivered" in refused.content
    assert OfferMatch.objects.get(pk=match.pk).status == "accepted"
    assert client.post(reverse("backoffice:assistance_match_status", args=[10**12]), {}).status_code == 404
    domain.close(request, by=world.actor("staff"))
    assert f'id="match-{match.pk}"'.encode() not in client.get(timeline).content


def test_the_pages_speak_french(client, world, matched):
    request, match = matched
    client.force_login(world["staff"])
    edit = reverse("portal:assistance_edit_offer", args=[match.offer.pk])
    timeline = reverse("backoffice:assistance_timeline", args=[request.pk])
    page = client.get("/fr" + edit)
    assert "Modifier l’offre d’assistance" in page.content.decode()
    page = client.get("/fr" + timeline)
    assert "Enregistrer : acceptée" in page.content.decode()


def test_the_portal_links_to_article_vii_for_its_readers(client, world):
    client.force_login(world["fra_cp"])
    assert reverse("portal:assistance_requests").encode() in client.get("/").content
    client.logout()
    client.force_login(world["ngo"])
    assert reverse("portal:assistance_requests").encode() not in client.get("/").content


def test_every_url_of_the_app_is_tried():
    from plenary.backoffice.assistance_urls import urlpatterns as office
    from plenary.portal.assistance_urls import urlpatterns as portal

    assert sorted(p.name for p in portal) == [
        "assistance_edit_offer",
        "assistance_new_offer",
        "assistance_new_request",
        "assistance_offers",
        "assistance_request",
        "assistance_requests",
        "assistance_withdraw_offer",
    ]
    assert sorted(p.name for p in office) == [
        "assistance_match_status",
        "assistance_requests",
        "assistance_timeline",
    ]


def test_the_requesting_state_reads_what_became_of_each_offer(client, world, matched):
    request, match = matched
    domain.set_match_status(match, "accepted", by=world.actor("staff"), note="Team expected on Monday.")
    client.force_login(world["fra_cp"])
    page = client.get(reverse("portal:assistance_request", args=[request.pk]))
    assert b'id="matches"' in page.content and b"DEU lab team (accepted)" in page.content
    body = client.get(f"/api/assistance/requests/{request.pk}").json()
    assert body["matches"] == [
        {
            "offer": match.offer_id,
            "provider": "DEU",
            "title": "DEU lab team",
            "status": "accepted",
            "note": "Team expected on Monday.",
        }
    ]
