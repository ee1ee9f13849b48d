"""Asking for the floor, and the live list of speakers the Chair's secretary runs in the portal: the
list per sitting and agenda item, kinds marked, added from the room, the floor given with its
clock, the speech ended with what the record needs; the delegate's place refreshing by itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.participation.models import Category
from plenary.portal import views
from plenary.proceedings import domain as proceedings
from plenary.proceedings.models import FloorRequest, SpeakingTime, Statement
from tests.factories import AgendaItemFactory, DelegationFactory, PlannedSittingFactory, organization

QUEUE = reverse("portal:queue", args=["BWC/MSP/2018"])
RUN = reverse("portal:meeting_speakers", args=["BWC/MSP/2018"])
T0 = dt.datetime(2018, 12, 4, 10, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def at(monkeypatch):
    """at(given, shown): the floor is given at T0 + `given` s; pages draw clocks at T0 + `shown` s."""

    def set_to(given: int, shown: int) -> None:
        monkeypatch.setattr(proceedings, "_now", lambda: T0 + dt.timedelta(seconds=given))
        monkeypatch.setattr(views, "_now", lambda: T0 + dt.timedelta(seconds=shown))

    set_to(0, 0)
    return set_to


def _queue(meeting):
    return list(
        FloorRequest.objects.filter(meeting=meeting, status="waiting")
        .order_by("position")
        .values_list("delegation__state__code", "position")
    )


def test_france_and_germany_ask_staff_move_germany_up_give_it_the_floor_and_end(as_, world, msp2018, at):
    # FRA asked in the world; DEU asks now, through the page.
    deu = as_("deu_del")
    response = deu.post(reverse("portal:floor", args=[world["deu_d"].pk]), {"on_behalf_of": "the EU"})
    assert response.status_code == 302
    assert _queue(msp2018) == [("FRA", 1), ("DEU", 2)]
    place_url = reverse("portal:floor_place", args=[world["deu_d"].pk])
    page = deu.get(reverse("portal:floor", args=[world["deu_d"].pk])).content.decode()
    assert f'<div id="place" hx-get="{place_url}" hx-trigger="every 3s" hx-swap="outerHTML"' in page
    assert '<span class="where">You are number 2 of 2 waiting.</span>' in page

    staff = as_("staff")
    page = staff.get(RUN).content.decode()
    assert (f'<div id="queue" hx-get="{QUEUE}" hx-trigger="every 3s" hx-swap="outerHTML"') in page
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
    assert '<script src="/static/portal/speakers.js" defer></script>' in page
    deu_request = FloorRequest.objects.get(meeting=msp2018, delegation=world["deu_d"])
    response = staff.post(
        reverse("portal:floor_move", args=[deu_request.pk]),
        {"direction": "up", "sitting": "", "agenda_item": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.startswith('<div id="queue"')
    assert fragment.index("Germany") < fragment.index("France")
    assert _queue(msp2018) == [("DEU", 1), ("FRA", 2)]

    at(0, 75)
    response = staff.post(reverse("portal:floor_give", args=[deu_request.pk]), HTTP_HX_REQUEST="true")
    fragment = response.content.decode()
    assert (
        '<span class="clock" role="timer" dir="ltr" data-elapsed="75" data-limit="" title="Time spoken">1:15</span>'
        in fragment
    )
    assert "<strong>Germany</strong>" in fragment
    place = deu.get(place_url).content.decode()
    assert '<span class="where">You have the floor.</span>' in place

    response = as_("staff").post(
        reverse("portal:floor_end", args=[deu_request.pk]), {"on_behalf_of_states": "deu, fra"}
    )
    assert (response.status_code, response["Location"]) == (302, RUN)
    statement = Statement.objects.get(meeting=msp2018)
    assert (
        statement.position,
        statement.kind,
        statement.state.code,
        statement.on_behalf_of_text,
        statement.on_behalf_of_states,
    ) == (1, "state", "DEU", {"en": "the EU"}, ["DEU", "FRA"])
    deu_request.refresh_from_db()
    assert (deu_request.status, deu_request.started_at, deu_request.ended_at) == ("spoken", T0, T0)
    assert (
        '<p class="muted">You are not on the list of speakers.</p>'
        in as_("deu_del").get(place_url).content.decode()
    )
    page = as_("fra_fp").get(reverse("portal:floor", args=[world["fra_d"].pk])).content.decode()
    assert '<span class="where">You are number 1 of 1 waiting.</span>' in page
    assert list(
        AuditEntry.objects.filter(action__startswith="floor.")
        .order_by("id")
        .values_list("action", "actor", "via")
    ) == [
        ("floor.request", "fra_del", "page"),
        ("floor.request", "deu_del", "page"),
        ("floor.move", "staff", "page"),
        ("floor.give", "staff", "page"),
        ("floor.end", "staff", "page"),
    ]


def test_the_clock_reads_the_servers_started_at_and_turns_red_past_the_limit(as_, people, world, msp2018, at):
    proceedings.set_time_limit(msp2018, 180, by=people.actor("staff"))
    proceedings.give_floor(world["fra_floor"], by=people.actor("staff"))
    at(0, 200)  # a reload 200 seconds later shows 3:20, past the 3:00 limit
    html = as_("officer").get(QUEUE).content.decode()
    assert (
        '<span class="clock over" role="timer" dir="ltr" data-elapsed="200" data-limit="180" title="Time spoken">'
        '3:20</span> <span class="limit" dir="ltr">/ 3:00</span>'
    ) in html
    assert '<p id="limits" class="muted">Speaking time: 3:00 for the meeting</p>' in html
    place = as_("fra_del").get(reverse("portal:floor_place", args=[world["fra_d"].pk])).content.decode()
    assert 'data-elapsed="200" data-limit="180"' in place


def test_the_list_per_sitting_and_item_with_kinds_marked_and_added_from_the_room(as_, people, world, msp2018):
    sitting = PlannedSittingFactory(meeting=msp2018, number=1, date=dt.date(2018, 12, 4), period="morning")
    item = AgendaItemFactory(meeting=msp2018, number=5, title={"en": "General debate", "zh": "一般性辩论"})
    staff = as_("staff")
    the_list = {"sitting": sitting.pk, "agenda_item": item.pk}
    page = staff.get(RUN, the_list).content.decode()
    assert f'<option value="{sitting.pk}" selected>Sitting 1, 4 December 2018, morning</option>' in page
    assert f'<option value="{item.pk}" selected>5. General debate</option>' in page
    assert f'hx-get="{QUEUE}?sitting={sitting.pk}&amp;agenda_item={item.pk}"' in page

    # Germany asks from the room for the right of reply; the United States for a statement on
    # this list (France waits on the list kept without sitting or item).
    response = staff.post(
        reverse("portal:floor_add", args=["BWC/MSP/2018"]),
        the_list | {"delegation": world["deu_d"].pk, "kind": "reply"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    usa = DelegationFactory(meeting=msp2018, state=world["fra"].__class__.objects.get(code="USA"))
    proceedings.request_floor(usa, by=people.actor("staff"), sitting=sitting, agenda_item=item)
    html = staff.get(QUEUE, the_list).content.decode()
    rows = html[html.index("<tbody>") : html.index("</tbody>")]
    assert rows.index("United States of America") < rows.index("Germany")
    assert "France" not in rows
    assert '<td>Germany <span class="badge room">from the room</span></td>' in rows
    assert '<span class="badge kind-reply">right of reply</span>' in rows
    # The list kept without sitting or item still holds France's first request.
    assert "<td>1</td><td>France</td>" in staff.get(QUEUE).content.decode()
    # The Chinese page names the kinds in Chinese.
    zh = staff.get("/zh-hans/portal/meetings/BWC/MSP/2018/speakers/queue/", the_list).content.decode()
    assert '<span class="badge room">当场请求</span>' in zh
    assert '<span class="badge kind-reply">答辩权</span>' in zh


def test_an_ngo_added_from_the_room_makes_a_joint_statement_entered_as_it_ends(as_, people, world, msp2018):
    staff = as_("staff")
    add = reverse("portal:floor_add", args=["BWC/MSP/2018"])
    assert (
        staff.post(add, {"delegation": world["ngo_d"].pk, "sitting": "", "agenda_item": ""}).status_code
        == 302
    )
    ngo_request = FloorRequest.objects.get(delegation=world["ngo_d"])
    proceedings.give_floor(ngo_request, by=people.actor("staff"))
    html = staff.get(QUEUE).content.decode()
    assert '<input type="number" name="endorsed_by_ngos" min="0">' in html
    assert 'name="on_behalf_of_states"' not in html
    response = staff.post(
        reverse("portal:floor_end", args=[ngo_request.pk]),
        {"endorsed_by_ngos": "19", "endorsed_by_individuals": "40", "sitting": "", "agenda_item": ""},
    )
    assert response.status_code == 302
    statement = Statement.objects.get(meeting=msp2018)
    assert (statement.kind, statement.organization.code, statement.informal) == ("ngo_joint", "VERTIC", True)
    assert (statement.endorsed_by_ngos, statement.endorsed_by_individuals) == (19, 40)


def test_refusals_answer_400_with_the_message_and_write_nothing(as_, people, world, msp2018):
    staff = as_("staff")
    elsewhere = DelegationFactory(meeting=msp2018.__class__.objects.get(series="BWC/MSP/2019"))
    before = (FloorRequest.objects.count(), SpeakingTime.objects.count(), AuditEntry.objects.count())
    add = reverse("portal:floor_add", args=["BWC/MSP/2018"])
    for delegation in (elsewhere.pk, 999999, "x"):
        response = staff.post(
            add, {"delegation": delegation, "sitting": "", "agenda_item": ""}, HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 400
        assert (
            '<p class="error" role="alert">Select a valid choice. That choice is not one of the available choices.</p>'
            in response.content.decode()
        )
    limit = reverse("portal:time_limit", args=["BWC/MSP/2018"])
    response = staff.post(limit, {"limit": "-3", "sitting": "", "agenda_item": ""})
    assert response.status_code == 400
    assert (
        "a speaking-time limit is a whole number of seconds from 15 to 3600 (an hour), not -180"
        in response.content.decode()
    )
    response = staff.post(limit, {"limit": "5:99", "sitting": "", "agenda_item": ""}, HTTP_HX_REQUEST="true")
    assert (
        response.status_code,
        "Give minutes (5) or minutes and seconds (4:30)." in response.content.decode(),
    ) == (
        400,
        True,
    )
    response = staff.post(limit, {"limit": "900", "sitting": "", "agenda_item": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    # A sitting of another meeting named in the page's list.
    other = PlannedSittingFactory(meeting=elsewhere.meeting, number=1)
    response = staff.post(
        limit, {"limit": "5", "sitting": other.pk, "agenda_item": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert staff.get(RUN, {"sitting": other.pk}).status_code == 400
    # Ending a request that was never given the floor.
    response = staff.post(reverse("portal:floor_end", args=[world["fra_floor"].pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "the request is waiting, not speaking: give it the floor first" in response.content.decode()
    assert (FloorRequest.objects.count(), SpeakingTime.objects.count(), AuditEntry.objects.count()) == before


def test_a_delegate_asks_for_a_point_of_order_and_sees_its_places(as_, world, msp2018):
    fra = as_("fra_del")
    url = reverse("portal:floor", args=[world["fra_d"].pk])
    assert fra.post(url, {"kind": "order"}).status_code == 302
    page = fra.get(url).content.decode()
    assert page.index("<strong>point of order</strong>") < page.index("<strong>statement</strong>")
    assert page.count('<span class="where">You are number 1 of 2 waiting.</span>') == 1
    assert page.count('<span class="where">You are number 2 of 2 waiting.</span>') == 1
    again = fra.post(url, {"kind": "order"})
    assert again.status_code == 400
    assert "the delegation has already raised a point of order" in again.content.decode()
    ngo = as_("ngo").post(reverse("portal:floor", args=[world["ngo_d"].pk]), {"kind": "statement"})
    assert ngo.status_code == 400
    assert FloorRequest.objects.filter(delegation__in=[world["fra_d"], world["ngo_d"]]).count() == 2


def test_the_delegate_withdraws_from_its_page_by_htmx(as_, world):
    fra = as_("fra_fp")
    response = fra.post(
        reverse("portal:floor_withdraw", args=[world["fra_floor"].pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().startswith('<div id="place"')
    world["fra_floor"].refresh_from_db()
    assert world["fra_floor"].status == "withdrawn"


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "deu_del", "ngo", "anonymous"])
def test_delegates_steer_nothing(as_, world, persona):
    client = as_(persona)
    r = world["fra_floor"]
    for url, data in (
        (reverse("portal:floor_add", args=["BWC/MSP/2018"]), {"delegation": world["deu_d"].pk}),
        (reverse("portal:floor_give", args=[r.pk]), {}),
        (reverse("portal:floor_end", args=[r.pk]), {}),
        (reverse("portal:next_speaker", args=["BWC/MSP/2018"]), {}),
        (reverse("portal:floor_time_limit", args=[r.pk]), {"limit": "5"}),
        (reverse("portal:time_limit", args=["BWC/MSP/2018"]), {"limit": "5"}),
        (reverse("portal:floor_move", args=[r.pk]), {"direction": "down"}),
    ):
        assert client.post(url, data).status_code == (302 if persona == "anonymous" else 403)
    r.refresh_from_db()
    assert (r.status, r.from_the_room, FloorRequest.objects.count()) == ("waiting", False, 1)


def test_the_queue_fragment_is_the_list_alone(as_, world):
    html = as_("officer").get(QUEUE).content.decode()
    assert html.startswith(f'<div id="queue" hx-get="{QUEUE}" hx-trigger="every 3s')
    assert "<html" not in html
    assert "<td>1</td><td>France</td>" in html


def test_next_speaker_gives_the_floor_and_closes_the_previous_turn(people, world, msp2018):
    proceedings.request_floor(world["deu_d"], by=Actor.of(people["deu_fp"]))
    first = proceedings.next_speaker(msp2018, by=Actor.of(people["officer"]))
    assert (first.delegation.state.code, first.status) == ("FRA", "speaking")
    second = proceedings.next_speaker(msp2018, by=Actor.of(people["officer"]))
    assert second.delegation.state.code == "DEU"
    assert list(Statement.objects.filter(meeting=msp2018).values_list("position", "state__code")) == [
        (1, "FRA")
    ]
    assert proceedings.next_speaker(msp2018, by=Actor.of(people["officer"])) is None
    assert list(Statement.objects.filter(meeting=msp2018).values_list("position", "state__code")) == [
        (1, "FRA"),
        (2, "DEU"),
    ]


def test_a_delegation_asks_once_while_waiting(people, world):
    with pytest.raises(proceedings.DomainError, match="^the delegation is already on the list of speakers$"):
        proceedings.request_floor(world["fra_d"], by=Actor.of(people["fra_fp"]))
    proceedings.withdraw_floor_request(world["fra_floor"], by=Actor.of(people["fra_fp"]))
    again = proceedings.request_floor(world["fra_d"], by=Actor.of(people["fra_fp"]))
    assert (again.position, again.status) == (2, "waiting")


def test_ngos_ask_not_and_pending_observers_may_not_take_the_floor(as_, people, world, msp2018):
    with pytest.raises(
        proceedings.DomainError,
        match=r"^a non-governmental organization or research institute \(rule 44.5\) attends without taking "
        r"the floor in formal meetings$",
    ):
        proceedings.request_floor(world["ngo_d"], by=Actor.of(people["ngo"]))
    page = as_("ngo").get(reverse("portal:delegation", args=[world["ngo_d"].pk])).content.decode()
    assert "This delegation may not take the floor." in page

    from plenary.participation import domain as participation
    from plenary.treaties.models import State

    isr = participation.register_delegation(
        msp2018,
        by=Actor.of(people["staff"]),
        state=State.objects.get(code="ISR"),
        members=[{"name": "D", "role": "head"}],
    )
    assert isr.status == "pending"
    with pytest.raises(
        proceedings.DomainError, match="^the delegation's status is observer status pending: it may"
    ):
        proceedings.request_floor(isr, by=Actor.of(people["staff"]))
    # Not offered to staff to add from the room either, until admitted.
    page = as_("staff").get(RUN).content.decode()
    form = page[page.index('id="from-the-room"') : page.index("</form>", page.index('id="from-the-room"'))]
    assert ("Israel" in form, "Verification Research, Training and Information Centre" in form) == (
        False,
        True,
    )
    participation.decide_observer_status(isr, granted=True, by=Actor.system("test"))
    assert proceedings.request_floor(isr, by=Actor.of(people["staff"])).position == 2


def test_move_at_the_top_changes_nothing_and_only_steering_users_move(people, world, msp2018):
    assert proceedings.move(world["fra_floor"], by=Actor.of(people["staff"]), direction="up").position == 1
    with pytest.raises(proceedings.NotAllowed):
        proceedings.move(world["fra_floor"], by=Actor.of(people["fra_fp"]), direction="down")
    with pytest.raises(proceedings.NotAllowed):
        proceedings.give_floor(world["fra_floor"], by=Actor.of(people["fra_fp"]))
    assert not Statement.objects.filter(meeting=msp2018).exists()


def test_an_observer_organization_is_listed_with_its_short_name(as_, people, world, msp2018):
    eu = DelegationFactory(meeting=msp2018, state=None, organization=organization("EU"), category=Category.IO)
    proceedings.request_floor(eu, by=people.actor("staff"))
    # Staff asked in the EU's name: the list says so.
    assert (
        '<td>2</td><td>EU <span class="badge room">asked by the secretariat</span></td>'
        in as_("staff").get(QUEUE).content.decode()
    )


@pytest.mark.parametrize("lang", ["zh-hans", "ar", "fr", "ru", "es"])
def test_the_pages_of_the_list_speak_the_readers_language(as_, people, world, msp2018, lang):
    sitting = PlannedSittingFactory(meeting=msp2018, number=1, date=dt.date(2018, 12, 4), period="morning")
    item = AgendaItemFactory(meeting=msp2018, number=5, title={"en": "General debate"})
    proceedings.add_from_the_room(msp2018, world["deu_d"], by=people.actor("staff"), kind="reply")
    proceedings.request_floor(world["fra_d"], by=people.actor("fra_fp"), kind="order")
    proceedings.give_floor(world["fra_floor"], by=people.actor("staff"))
    run = as_("staff").get(f"/{lang}{RUN}", {"sitting": sitting.pk, "agenda_item": item.pk}).content.decode()
    run += as_("staff").get(f"/{lang}{RUN}").content.decode()
    mine = as_("fra_del").get(f"/{lang}" + reverse("portal:floor", args=[world["fra_d"].pk])).content.decode()
    english = [
        "Add from the room",
        "Add to the list",
        "Show this list",
        "Speaking time",
        "For the whole meeting",
        "For this sitting",
        "Give the floor",
        "End the speech",
        "On behalf of the States",
        "from the room",
        "right of reply",
        "point of order",
        ">statement<",
        "Sitting 1",
        "morning",
        "sitting 1",
        "(none)",
        "no limit",
        "Time spoken",
        ">Withdraw<",
        ">Set<",
        "Speaking<",
    ]
    assert [e for e in english if e in run] == []
    assert [
        e
        for e in english + ["You have the floor", "You are number", "a statement", "Ask for the floor"]
        if e in mine
    ] == []
    assert ('dir="rtl"' in run) == (lang == "ar")
