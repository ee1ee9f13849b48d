"""List pages cost the same number of queries for one item and for several."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plenary.core.actor import Actor
from plenary.documents import domain as docs
from plenary.participation import domain as participation
from plenary.proceedings import domain as proceedings
from plenary.treaties.models import State

from .conftest import pdf_upload


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_papers(people, world, n):
    for i in range(n):
        paper = docs.create_working_paper(
            world["fra_d"], by=Actor.of(people["fra_fp"]), title={"en": f"Paper {i}"}, original_language="en"
        )
        docs.add_paper_file(paper, by=Actor.of(people["fra_fp"]), lang="en", upload=pdf_upload())
        docs.invite_co_sponsor(paper, world["deu"], by=Actor.of(people["fra_fp"]))
        docs.answer_co_sponsorship(paper.co_sponsorships.get(), by=Actor.of(people["deu_fp"]), confirm=True)
        docs.submit_working_paper(paper, by=Actor.of(people["fra_fp"]))


def test_paper_lists_cost_a_fixed_number_of_queries(as_, people, world):
    pages = [
        ("staff", reverse("portal:to_issue")),
        ("fra_fp", reverse("portal:papers")),
        ("deu_fp", reverse("portal:invitations")),
        ("fra_fp", reverse("portal:delegations")),
    ]
    _more_papers(people, world, 1)  # one of each kind of row: with files and a confirmed co-sponsor
    before = {url: _count(as_(persona), url) for persona, url in pages}
    _more_papers(people, world, 4)
    after = {url: _count(as_(persona), url) for persona, url in pages}
    assert after == before


def test_the_list_of_speakers_costs_a_fixed_number_of_queries(as_, people, world, msp2018):
    url = reverse("portal:queue", args=["BWC/MSP/2018"])
    before = _count(as_("staff"), url)
    for code in ("USA", "GBR", "CHN", "RUS"):
        delegation = participation.register_delegation(
            msp2018,
            by=Actor.of(people["staff"]),
            state=State.objects.get(code=code),
            members=[{"name": "H", "role": "head"}],
        )
        proceedings.request_floor(delegation, by=Actor.of(people["staff"]))
    assert _count(as_("staff"), url) == before


def test_the_queue_fragment_costs_the_same_for_one_request_and_for_fifty(as_, people, world, msp2018):
    """Each kind of row: a speaker with a group and a limit, points of order, replies, requests from
    the room with their 'on behalf of', on one sitting and agenda item."""
    from plenary.treaties.models import Group, State
    from tests.factories import AgendaItemFactory, DelegationFactory, PlannedSittingFactory

    staff = people.actor("staff")
    sitting = PlannedSittingFactory(meeting=msp2018, number=1)
    item = AgendaItemFactory(meeting=msp2018, number=5)
    group = Group.objects.get(scheme="BWC", code="WG")
    proceedings.set_time_limit(msp2018, 300, by=staff, sitting=sitting)
    speaker = proceedings.add_from_the_room(
        msp2018, world["deu_d"], by=staff, sitting=sitting, agenda_item=item, on_behalf_of_group=group
    )
    proceedings.give_floor(speaker, by=staff)
    states = iter(State.objects.exclude(code__in=["FRA", "DEU"]).order_by("code")[:60])
    kinds = ["statement", "order", "reply"]

    def add(n):
        for i in range(n):
            delegation = DelegationFactory(meeting=msp2018, state=next(states))
            proceedings.add_from_the_room(
                msp2018,
                delegation,
                by=staff,
                kind=kinds[i % 3],
                sitting=sitting,
                agenda_item=item,
                on_behalf_of_group=group if i % 2 else None,
                on_behalf_of_text={"en": "a few States"} if i % 5 == 0 else None,
            )

    url = reverse("portal:queue", args=["BWC/MSP/2018"]) + f"?sitting={sitting.pk}&agenda_item={item.pk}"
    add(1)
    one = _count(as_("staff"), url)
    add(49)
    fifty = _count(as_("staff"), url)
    assert as_("staff").get(url).content.decode().count('<tr class="kind-') == 50
    assert fifty == one
