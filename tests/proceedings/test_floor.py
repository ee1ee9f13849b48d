"""The list of speakers as the Chair's secretary runs it, through the domain: lists per sitting and
agenda item, points of order first and rights of reply after the statements, delegations added
from the room, the floor given and taken back with the clock, the statement recorded for the
record of the general debate, and every refusal with its message and nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from plenary.accounts.models import Notification
from plenary.accounts.notify import set_language
from plenary.core import clock
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from plenary.meetings.models import AgendaItem, Meeting
from plenary.participation.models import Category
from plenary.proceedings import domain as proceedings
from plenary.proceedings.models import FloorRequest, SpeakingTime, Statement
from plenary.proceedings.queries import place_in_queue, queue_of
from plenary.reports.builder import _Builder
from plenary.treaties.models import Group
from tests.factories import (
    AgendaItemFactory,
    DelegationFactory,
    DocumentFactory,
    PlannedSittingFactory,
    ReportFactory,
    organization,
    state,
)

T0 = dt.datetime(2018, 12, 4, 10, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 11, 15))


@pytest.fixture
def clock_at(monkeypatch):
    """clock_at(seconds after T0): the time the list of speakers reads from now on."""

    def set_to(seconds: int) -> dt.datetime:
        now = T0 + dt.timedelta(seconds=seconds)
        monkeypatch.setattr(proceedings, "_now", lambda: now)
        return now

    set_to(0)
    return set_to


@pytest.fixture
def msp(db):
    return Meeting.objects.get(series="BWC/MSP/2018")


@pytest.fixture
def room(msp):
    """Delegations at BWC/MSP/2018 (States Parties, a signatory, the EU, an NGO), two sittings and
    the general debate item."""
    d = {
        code: DelegationFactory(meeting=msp, state=state(code), position=i)
        for i, code in enumerate(("FRA", "DEU", "USA", "GBR", "CHN"))
    }
    d["EGY"] = DelegationFactory(meeting=msp, state=state("EGY"), category=Category.SIGNATORY)
    d["EU"] = DelegationFactory(
        meeting=msp, state=None, organization=organization("EU"), category=Category.IO
    )
    d["VERTIC"] = DelegationFactory(
        meeting=msp, state=None, organization=organization("VERTIC"), category=Category.NGO
    )
    d["s1"] = PlannedSittingFactory(meeting=msp, number=1, date=dt.date(2018, 12, 4), period="morning")
    d["s2"] = PlannedSittingFactory(meeting=msp, number=2, date=dt.date(2018, 12, 4), period="afternoon")
    d["item5"] = AgendaItemFactory(meeting=msp, number=5, title={"en": "General debate"})
    return d


def _order(meeting, sitting=None, item=None) -> list[tuple[str, str]]:
    return [
        (r.delegation.state.code if r.delegation.state_id else r.delegation.organization.code, r.kind)
        for r in queue_of(meeting, sitting, item).select_related(
            "delegation__state", "delegation__organization"
        )
    ]


def test_points_of_order_go_first_and_replies_after_the_statements(people, msp, room):
    staff = people.actor("staff")
    s1, item = room["s1"], room["item5"]

    def ask(code, kind="statement"):
        return proceedings.request_floor(room[code], by=staff, kind=kind, sitting=s1, agenda_item=item)

    ask("FRA")
    deu_reply = ask("DEU", "reply")
    ask("USA")
    gbr_order = ask("GBR", "order")
    chn = ask("CHN")  # asked after the reply, heard before it
    assert _order(msp, s1, item) == [
        ("GBR", "order"),
        ("FRA", "statement"),
        ("USA", "statement"),
        ("CHN", "statement"),
        ("DEU", "reply"),
    ]
    assert [r.position for r in (deu_reply, gbr_order, chn)] == [2, 4, 5]
    assert place_in_queue(gbr_order) == (1, 5)
    assert place_in_queue(chn) == (4, 5)
    assert place_in_queue(deu_reply) == (5, 5)

    # A delegation asks once per kind: a statement and a reply at once, not two statements.
    deu_statement = ask("DEU")
    assert place_in_queue(deu_statement) == (5, 6)
    with pytest.raises(DomainError, match="^the delegation has already asked for the right of reply$"):
        ask("DEU", "reply")
    with pytest.raises(DomainError, match="^the delegation has already raised a point of order$"):
        ask("GBR", "order")

    # Moving keeps the kinds in their places: a statement does not pass the point of order, nor the
    # reply the statements; at the edge of its kind nothing changes.
    fra = FloorRequest.objects.get(delegation=room["FRA"])
    assert proceedings.move(fra, by=staff, direction="up").position == fra.position
    assert proceedings.move(deu_reply, by=staff, direction="up").position == deu_reply.position
    proceedings.move(chn, by=staff, direction="up")
    assert _order(msp, s1, item) == [
        ("GBR", "order"),
        ("FRA", "statement"),
        ("CHN", "statement"),
        ("USA", "statement"),
        ("DEU", "statement"),
        ("DEU", "reply"),
    ]


def test_each_sitting_and_item_keeps_its_own_list(people, msp, room, clock_at):
    staff = people.actor("staff")
    proceedings.request_floor(room["FRA"], by=staff, sitting=room["s1"], agenda_item=room["item5"])
    proceedings.request_floor(room["DEU"], by=staff, sitting=room["s2"], agenda_item=room["item5"])
    proceedings.request_floor(room["USA"], by=staff)  # the list kept without sitting or item
    assert _order(msp, room["s1"], room["item5"]) == [("FRA", "statement")]
    assert _order(msp, room["s2"], room["item5"]) == [("DEU", "statement")]
    assert _order(msp) == [("USA", "statement")]
    assert _order(msp, room["s1"]) == []

    given = proceedings.next_speaker(msp, by=staff, sitting=room["s2"], agenda_item=room["item5"])
    assert (given.delegation.state.code, given.status) == ("DEU", "speaking")
    assert proceedings.next_speaker(msp, by=staff, sitting=room["s2"], agenda_item=room["item5"]) is None
    statement = Statement.objects.get(meeting=msp)
    assert (statement.state.code, statement.sitting, statement.agenda_item) == (
        "DEU",
        room["s2"],
        room["item5"],
    )
    assert _order(msp, room["s1"], room["item5"]) == [("FRA", "statement")]


def test_a_sitting_or_item_of_another_meeting_is_refused_and_nothing_written(people, msp, room):
    other_item = AgendaItem.objects.get(meeting__series="BWC/MSP/2017", number=5, parent=None)
    other_sitting = PlannedSittingFactory(meeting=Meeting.objects.get(series="BWC/MSP/2017"), number=1)
    before = (FloorRequest.objects.count(), AuditEntry.objects.count())
    with pytest.raises(
        DomainError, match=r"^agenda item 5 of BWC/MSP/2017 is not on the agenda of BWC/MSP/2018$"
    ):
        proceedings.request_floor(room["FRA"], by=people.actor("fra_fp"), agenda_item=other_item)
    with pytest.raises(DomainError, match="^sitting 1 of BWC/MSP/2017 is not a sitting of BWC/MSP/2018$"):
        proceedings.add_from_the_room(msp, room["DEU"], by=people.actor("staff"), sitting=other_sitting)
    with pytest.raises(DomainError, match="^sitting 1 of BWC/MSP/2017 is not a sitting of BWC/MSP/2018$"):
        proceedings.next_speaker(msp, by=people.actor("staff"), sitting=other_sitting)
    with pytest.raises(DomainError, match="^sitting 1 of BWC/MSP/2017 is not a sitting of BWC/MSP/2018$"):
        proceedings.set_time_limit(msp, 300, by=people.actor("staff"), sitting=other_sitting)
    assert (FloorRequest.objects.count(), AuditEntry.objects.count()) == before


def test_staff_add_a_delegation_that_asks_from_the_room(people, msp, room):
    staff = people.actor("staff")
    added = proceedings.add_from_the_room(
        msp,
        room["DEU"],
        by=staff,
        sitting=room["s1"],
        agenda_item=room["item5"],
        on_behalf_of_group=Group.objects.get(scheme="BWC", code="WG"),
    )
    assert (added.from_the_room, added.requested_by, added.kind, added.position) == (
        True,
        people["staff"],
        "statement",
        1,
    )
    entry = AuditEntry.objects.filter(action="floor.add").get()
    assert (entry.actor, entry.via, entry.after) == (
        "staff",
        "page",
        {
            "meeting": "BWC/MSP/2018",
            "who": "DEU",
            "kind": "statement",
            "sitting": 1,
            "agenda_item": "5",
            "position": 1,
            "status": "waiting",
            "from_the_room": True,
            "on_behalf_of_group": "WG",
            "on_behalf_of_text": {},
            "time_limit": None,
            "started_at": None,
            "ended_at": None,
        },
    )
    # An officer of the meeting may too; a delegate may not (not even for its own delegation).
    assert proceedings.add_from_the_room(msp, room["USA"], by=people.actor("officer")).from_the_room
    with pytest.raises(NotAllowed, match="^only the secretariat and the meeting's officers add a delegation"):
        proceedings.add_from_the_room(msp, room["FRA"], by=people.actor("fra_fp"))
    # A delegation of another meeting (a forged id) is refused.
    elsewhere = DelegationFactory(meeting=Meeting.objects.get(series="BWC/MSP/2019"), state=state("ITA"))
    with pytest.raises(
        DomainError, match="^the delegation of ITA is registered at BWC/MSP/2019, not at BWC/MSP/2018$"
    ):
        proceedings.add_from_the_room(msp, elsewhere, by=staff)
    # A group of another scheme is refused.
    with pytest.raises(DomainError, match="^AFRICAN is not a group of the BWC$"):
        proceedings.add_from_the_room(
            msp, room["GBR"], by=staff, on_behalf_of_group=Group.objects.get(scheme="UN", code="AFRICAN")
        )
    assert FloorRequest.objects.filter(meeting=msp).count() == 2


def test_who_may_take_the_floor_for_what(people, msp, room):
    staff = people.actor("staff")
    ngo = room["VERTIC"]
    # An NGO does not ask for itself (rule 44.5); the secretariat adds it from the room, for a
    # statement only (heard informally).
    with pytest.raises(
        DomainError,
        match=r"^a non-governmental organization or research institute \(rule 44.5\) attends without taking "
        r"the floor in formal meetings$",
    ):
        proceedings.request_floor(ngo, by=staff)
    with pytest.raises(DomainError, match=r"makes a statement only, in an informal meeting$"):
        proceedings.add_from_the_room(msp, ngo, by=staff, kind="reply")
    assert proceedings.add_from_the_room(msp, ngo, by=staff).from_the_room
    # A signatory and an organization do not raise points of order; an organization has no reply.
    with pytest.raises(
        DomainError,
        match=r"^a point of order is raised by a State Party, not by a signatory State \(rule 44.1\)$",
    ):
        proceedings.request_floor(room["EGY"], by=staff, kind="order")
    assert proceedings.request_floor(room["EGY"], by=staff, kind="reply").kind == "reply"
    with pytest.raises(
        DomainError, match=r"^the right of reply is a State's, not a international organization, observer"
    ):
        proceedings.request_floor(room["EU"], by=staff, kind="reply")
    with pytest.raises(
        DomainError, match="^ask for the floor for a statement, a reply or a point of order, not 'x'$"
    ):
        proceedings.request_floor(room["FRA"], by=staff, kind="x")
    with pytest.raises(DomainError, match="^the wording 'on behalf of' is given per UN language$"):
        proceedings.request_floor(room["FRA"], by=staff, on_behalf_of_text={"de": "die EU"})
    assert FloorRequest.objects.filter(meeting=msp).count() == 2


def test_in_a_closed_meeting_only_states_parties_and_signatories_take_the_floor(people, msp, room):
    msp.closed = True
    msp.save(update_fields=["closed"])
    staff = people.actor("staff")
    for code in ("VERTIC", "EU"):
        with pytest.raises(
            DomainError, match=r"^BWC/MSP/2018 is a closed meeting, open to States Parties and "
        ):
            proceedings.add_from_the_room(msp, room[code], by=staff)
    assert proceedings.request_floor(room["EGY"], by=staff).status == "waiting"
    assert not FloorRequest.objects.filter(meeting=msp, delegation__organization__isnull=False).exists()


def test_give_and_end_with_the_clock_and_the_statement_recorded(people, msp, room, clock_at):
    staff, officer = people.actor("staff"), people.actor("officer")
    proceedings.set_time_limit(msp, 300, by=staff)
    proceedings.set_time_limit(msp, 180, by=staff, sitting=room["s1"])
    wg = Group.objects.get(scheme="BWC", code="WG")
    fra = proceedings.request_floor(
        room["FRA"],
        by=people.actor("fra_fp"),
        sitting=room["s1"],
        agenda_item=room["item5"],
        on_behalf_of_group=wg,
    )
    usa = proceedings.request_floor(room["USA"], by=staff, sitting=room["s1"], agenda_item=room["item5"])
    proceedings.set_speaker_time_limit(usa, 480, by=officer)

    given = proceedings.give_floor(fra, by=officer)
    assert (given.status, given.started_at, given.ended_at, given.time_limit) == ("speaking", T0, None, 180)
    clock_at(200)  # past the limit: the statement is still recorded, with its time
    statement = proceedings.end_speech(fra, by=officer, on_behalf_of_states=["FRA", "DEU"])
    fra.refresh_from_db()
    assert (fra.status, fra.started_at, fra.ended_at) == ("spoken", T0, T0 + dt.timedelta(seconds=200))
    assert {
        f: getattr(statement, f)
        for f in (
            "position",
            "kind",
            "state_id",
            "organization_id",
            "sitting_id",
            "agenda_item_id",
            "reply",
            "on_behalf_of_states",
            "on_behalf_of_group_id",
            "on_behalf_of_text",
            "endorsed_by_ngos",
            "endorsed_by_individuals",
            "informal",
        )
    } == {
        "position": 1,
        "kind": "state",
        "state_id": state("FRA").pk,
        "organization_id": None,
        "sitting_id": room["s1"].pk,
        "agenda_item_id": room["item5"].pk,
        "reply": False,
        "on_behalf_of_states": ["FRA", "DEU"],
        "on_behalf_of_group_id": wg.pk,
        "on_behalf_of_text": {},
        "endorsed_by_ngos": None,
        "endorsed_by_individuals": None,
        "informal": False,
    }
    end = AuditEntry.objects.get(action="floor.end")
    assert (end.actor, end.before, end.after["seconds"], end.after["statement"], end.after["ended_at"]) == (
        "officer",
        {"status": "speaking"},
        200,
        1,
        "2018-12-04T10:18:20+00:00",
    )
    # The speaker's own limit comes before the sitting's; giving the floor to the next one ends the
    # current speech first.
    clock_at(300)
    assert proceedings.give_floor(usa, by=staff).time_limit == 480
    assert list(
        AuditEntry.objects.filter(action__startswith="floor.").order_by("id").values_list("action", flat=True)
    ) == [
        "floor.time_limit",
        "floor.time_limit",
        "floor.request",
        "floor.request",
        "floor.time_limit",
        "floor.give",
        "floor.end",
        "floor.give",
    ]


def test_next_speaker_ends_the_speech_and_gives_the_floor(people, msp, room, clock_at):
    staff = people.actor("staff")
    proceedings.request_floor(room["FRA"], by=staff)
    proceedings.request_floor(room["DEU"], by=staff)
    first = proceedings.next_speaker(msp, by=staff)
    clock_at(90)
    second = proceedings.next_speaker(msp, by=staff)
    assert (first.delegation.state.code, second.delegation.state.code, second.started_at) == (
        "FRA",
        "DEU",
        T0 + dt.timedelta(seconds=90),
    )
    first.refresh_from_db()
    assert (first.status, first.ended_at) == ("spoken", T0 + dt.timedelta(seconds=90))
    assert proceedings.next_speaker(msp, by=staff) is None
    assert list(Statement.objects.filter(meeting=msp).values_list("position", "state__code")) == [
        (1, "FRA"),
        (2, "DEU"),
    ]


def test_the_statements_become_the_general_debate_of_the_report(people, msp, room, clock_at):
    """Recorded from the floor, the statements give paragraph 14's shape: States (one on behalf of a
    group), observer organizations, the joint NGO statement with its endorsements and the NGOs'
    own; a right of reply is not in the list, a point of order records nothing."""
    staff = people.actor("staff")
    nam = Group.objects.get(scheme="BWC", code="NAM")
    pugwash = DelegationFactory(
        meeting=msp, state=None, organization=organization("PUGWASH"), category=Category.NGO
    )

    def speak(delegation, kind="statement", *, from_the_room=False, group=None, **end):
        if from_the_room:
            request = proceedings.add_from_the_room(
                msp, delegation, by=staff, kind=kind, on_behalf_of_group=group
            )
        else:
            request = proceedings.request_floor(delegation, by=staff, kind=kind, on_behalf_of_group=group)
        proceedings.give_floor(request, by=staff)
        return proceedings.end_speech(request, by=staff, **end)

    speak(room["FRA"])
    speak(room["USA"], group=nam)
    assert speak(room["GBR"], kind="order") is None
    reply = speak(room["CHN"], kind="reply")
    speak(room["EU"])
    joint = speak(room["VERTIC"], from_the_room=True, endorsed_by_ngos=19, endorsed_by_individuals=40)
    own = speak(pugwash, from_the_room=True)
    assert (reply.kind, reply.reply) == ("state", True)
    assert [(s.kind, s.informal, s.endorsed_by_ngos, s.endorsed_by_individuals) for s in (joint, own)] == [
        ("ngo_joint", True, 19, 40),
        ("ngo", True, None, None),
    ]
    assert Statement.objects.filter(meeting=msp).count() == 6
    DocumentFactory(meeting=msp, symbol="BWC/MSP/2018/2")
    report = ReportFactory(meeting=msp)
    paragraph = _Builder(report, "en").general_debate()[0].text
    # The builder's wording, as it words the 2017 record (its English plural for one observer
    # organization is the builder's, not the list's).
    assert paragraph == (
        "In accordance with its programme of work (BWC/MSP/2018/2), the Meeting of States Parties held a general "
        "debate, during which statements were made by the following 2 States Parties: France and United States of "
        "America (on behalf of Group of the Non-Aligned Movement and Other States). One observer organizations, EU, "
        "also made statements. Following the general debate, in an informal meeting, the Meeting heard a joint "
        "statement endorsed by 19 non-governmental organizations and 40 individuals, followed by individual "
        "statements from 1 non-governmental organizations and research institutes."
    )
    # In the seed's language, word for word the shape of BWC/MSP/2017/6, para. 14.
    assert _Builder(report, "zh").general_debate()[0].text == (
        "按照工作计划(BWC/MSP/2018/2)，缔约国会议举行了一般性辩论，下列 2 个缔约国作了发言：法国和美利坚合众国"
        "(代表不结盟运动和其他国家集团)。一个观察员组织――欧洲联盟也作了发言。一般性辩论结束后，在一次非正式会议上，"
        "会议听取了 19 个非政府组织和 40 名个人认可的联合声明，随后听取了 1 个非政府组织和研究所的个别发言。"
    )


def test_the_delegations_people_are_told_they_have_the_floor(
    people, msp, room, django_capture_on_commit_callbacks
):
    people["fra_fp"].email = "fp@fra.example"
    people["fra_fp"].save()
    set_language(people["fra_del"], "zh", by=people.actor("fra_del"))
    request = proceedings.request_floor(room["FRA"], by=people.actor("fra_del"))
    with django_capture_on_commit_callbacks(execute=True):
        proceedings.give_floor(request, by=people.actor("staff"))
    notes = Notification.objects.filter(kind="floor_given").order_by("user_id")
    assert [(n.user.username, n.language, n.subject, n.body, n.url) for n in notes] == [
        (
            "fra_fp",
            "en",
            "You have the floor: BWC/MSP/2018",
            "The Chair gives the floor to France at BWC/MSP/2018.",
            f"/portal/delegations/{room['FRA'].pk}/floor/",
        ),
        (
            "fra_del",
            "zh",
            "请您发言：BWC/MSP/2018",
            "主席在BWC/MSP/2018上请法国发言。",
            f"/zh-hans/portal/delegations/{room['FRA'].pk}/floor/",
        ),
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["fp@fra.example"], "You have the floor: BWC/MSP/2018")
    ]


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (-60, "-60"),
        (0, "0"),
        (14, "14"),
        (3601, "3601"),
        (10**6, "1000000"),
        (True, "True"),
        ("300", "'300'"),
    ],
)
def test_absurd_time_limits_are_refused_and_nothing_written(people, msp, room, seconds, shown):
    request = proceedings.request_floor(room["FRA"], by=people.actor("staff"))
    before = AuditEntry.objects.count()
    message = (
        f"^a speaking-time limit is a whole number of seconds from 15 to 3600 \\(an hour\\), not {shown}$"
    )
    with pytest.raises(DomainError, match=message):
        proceedings.set_time_limit(msp, seconds, by=people.actor("staff"))
    with pytest.raises(DomainError, match=message):
        proceedings.set_speaker_time_limit(request, seconds, by=people.actor("officer"))
    request.refresh_from_db()
    assert (
        SpeakingTime.objects.filter(meeting=msp).count(),
        request.time_limit,
        AuditEntry.objects.count(),
    ) == (
        0,
        None,
        before,
    )


def test_hostile_steps_are_refused_with_a_clear_message_and_nothing_written(people, msp, room, clock_at):
    staff = people.actor("staff")
    fra = proceedings.request_floor(room["FRA"], by=staff)
    deu = proceedings.request_floor(room["DEU"], by=staff)
    with pytest.raises(DomainError, match="^the request is waiting, not speaking: give it the floor first$"):
        proceedings.end_speech(fra, by=staff)
    proceedings.give_floor(fra, by=staff)
    with pytest.raises(
        DomainError, match="^the request is speaking: the floor is given to a waiting delegation$"
    ):
        proceedings.give_floor(fra, by=staff)
    with pytest.raises(DomainError, match="^the request is speaking: only a waiting one moves$"):
        proceedings.move(fra, by=staff, direction="down")
    before = (Statement.objects.count(), AuditEntry.objects.count())
    # A wrong value entered as the speech ends: nothing is recorded, the delegation still speaks.
    with pytest.raises(DomainError, match=r"^BWC/MSP/2018: the statement of FRA: unknown State 'XXX'$"):
        proceedings.end_speech(fra, by=staff, on_behalf_of_states=["DEU", "XXX"])
    with pytest.raises(
        DomainError,
        match="^BWC/MSP/2018: the statement of FRA: only a joint statement of NGOs counts the organizations",
    ):
        proceedings.end_speech(fra, by=staff, endorsed_by_ngos=3)
    with pytest.raises(DomainError, match="endorsed by individuals is a whole number from 0$"):
        proceedings.end_speech(fra, by=staff, endorsed_by_individuals=-4)
    with pytest.raises(DomainError, match="^unknown field\\(s\\) kind, state$"):
        proceedings.end_speech(fra, by=staff, kind="ngo", state=state("USA"))
    fra.refresh_from_db()
    assert (fra.status, Statement.objects.count(), AuditEntry.objects.count()) == ("speaking", *before)
    proceedings.end_speech(fra, by=staff)
    # A spoken request does not move, is not withdrawn, not given the floor, not timed.
    with pytest.raises(DomainError, match="^the request is spoken: only a waiting one moves$"):
        proceedings.move(fra, by=staff, direction="up")
    with pytest.raises(DomainError, match="^the request is spoken: only a waiting one is withdrawn$"):
        proceedings.withdraw_floor_request(fra, by=staff)
    with pytest.raises(
        DomainError, match="^the request is spoken: the floor is given to a waiting delegation$"
    ):
        proceedings.give_floor(fra, by=staff)
    with pytest.raises(DomainError, match="^the request is spoken: its time is over$"):
        proceedings.set_speaker_time_limit(fra, 120, by=staff)
    with pytest.raises(DomainError, match="^move up or down, not 'sideways'$"):
        proceedings.move(deu, by=staff, direction="sideways")
    # Delegates steer nothing.
    for act in (
        lambda: proceedings.give_floor(deu, by=people.actor("deu_fp")),
        lambda: proceedings.next_speaker(msp, by=people.actor("deu_fp")),
        lambda: proceedings.end_speech(deu, by=people.actor("deu_fp")),
        lambda: proceedings.set_time_limit(msp, 120, by=people.actor("deu_fp")),
        lambda: proceedings.set_speaker_time_limit(deu, 120, by=people.actor("deu_fp")),
        lambda: proceedings.request_floor(room["FRA"], by=people.actor("deu_fp")),
    ):
        with pytest.raises(NotAllowed):
            act()
    deu.refresh_from_db()
    assert (deu.status, deu.time_limit) == ("waiting", None)


def test_lifting_a_limit_and_setting_the_same_one_again(people, msp, room):
    staff = people.actor("staff")
    assert proceedings.set_time_limit(msp, 300, by=staff).seconds == 300
    assert proceedings.set_time_limit(msp, 300, by=staff).seconds == 300
    assert proceedings.set_time_limit(msp, 240, by=staff).seconds == 240
    assert proceedings.set_time_limit(msp, None, by=staff) is None
    assert proceedings.set_time_limit(msp, None, by=staff) is None
    assert list(AuditEntry.objects.filter(action="floor.time_limit").values_list("before", "after")) == [
        ({"seconds": None}, {"sitting": None, "seconds": 300}),
        ({"seconds": 300}, {"sitting": None, "seconds": 240}),
        ({"seconds": 240}, {"sitting": None, "seconds": None}),
    ]
    # A speaker given the floor keeps the limit it was given; lifting its own falls back.
    proceedings.set_time_limit(msp, 200, by=staff)
    request = proceedings.request_floor(room["FRA"], by=staff)
    proceedings.set_speaker_time_limit(request, 600, by=staff)
    proceedings.give_floor(request, by=staff)
    assert proceedings.set_speaker_time_limit(request, None, by=staff).time_limit == 200
