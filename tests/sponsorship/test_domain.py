"""The writers of the sponsorship programme: contributions, applications, decisions with the
officers consulted, awards against the fund (to the cent, earmarks respected, never below zero),
withdrawals; hostile input refused with nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from plenary.accounts.models import Notification
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from plenary.meetings.models import Meeting, Officer
from plenary.sponsorship import domain, queries
from plenary.sponsorship.models import Application, Award, Contribution, Decision
from plenary.treaties.models import State
from tests.sponsorship.world import SYSTEM, applied, make_world

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people, monkeypatch):
    monkeypatch.setattr("plenary.core.clock.today", lambda: dt.date(2018, 9, 1))
    return make_world(people)


def approve(people, world, app, **over):
    args = {"airfare": "1500.00", "terminal": "100.00", "dsa_days": 5}
    args.update(over)
    return domain.decide(
        app,
        outcome="approved",
        officers=[world["chair"], world["vice"]],
        note="",
        by=people.actor("staff"),
        **args,
    )


def test_an_expert_applies_and_is_told(people, world):
    app = applied(people, world)
    assert (app.status, app.state_party, app.applicant, app.expert_name) == (
        "submitted",
        True,
        people["ken_del"],
        "Amina Otieno",
    )
    notes = Notification.objects.filter(kind=Notification.Kind.SPONSORSHIP_RECEIVED)
    assert {n.user.username for n in notes} == {"ken_del", "staff"}
    assert (
        notes.get(user=people["ken_del"]).subject
        == "Sponsorship application received: Amina Otieno, BWC/MSP/2018"
    )
    entry = AuditEntry.objects.filter(action="sponsorship.apply").latest("id")
    assert (entry.actor, entry.acting_for) == ("ken_del", "")


def test_a_state_not_party_is_recorded_as_such_and_ranks_for_universalization(people, world):
    app = applied(people, world, persona="egy_del", code="EGY", expert_name="Omar Said", attended_before=True)
    assert app.state_party is False
    rows = queries.ranked(world["meeting"])
    assert [(r.application.expert_name, r.rank, r.points, r.reasons) for r in rows] == [
        ("Omar Said", 1, 2, ("State not party (universalization)",))
    ]


def test_applications_rank_by_the_rules_with_reasons(people, world):
    applied(people, world, expert_name="First", attended_before=True, can_send_from_capital=True)
    applied(people, world, expert_name="Second")
    applied(people, world, persona="egy_del", code="EGY", expert_name="Third")
    rows = queries.ranked(world["meeting"])
    assert [(r.application.expert_name, r.rank, r.points) for r in rows] == [
        ("Second", 1, 5),
        ("Third", 2, 2),
        ("First", 3, 0),
    ]
    assert rows[0].reasons == (
        "developing State Party whose expert has not taken part before",
        "developing State Party that cannot send experts from capital",
    )


@pytest.mark.parametrize(
    ("persona", "code", "error"),
    [
        ("fra_del", "KEN", NotAllowed),
        ("ngo", "KEN", NotAllowed),
        ("anonymous", "KEN", NotAllowed),
        ("officer", "KEN", NotAllowed),
    ],
)
def test_only_the_states_people_apply(people, world, persona, code, error):
    with pytest.raises(error):
        applied(people, world, persona=persona, code=code)
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"official_confirmed": False}, "the expert must confirm being an official of a responsible agency"),
        ({"official_confirmed": "yes"}, "the confirmation must be answered yes or no"),
        ({"expert_name": "  "}, "the expert's name is missing"),
        ({"expert_name": "x" * 201}, "the expert's name is too long (at most 200 characters)"),
        ({"expert_name": "Bad\x00name"}, "the expert's name contains control characters"),
        ({"expert_agency": ["list"]}, "the expert's agency must be text"),
        ({"arrive": "tomorrow"}, "the day of arrival must be a date (YYYY-MM-DD)"),
        ({"depart": dt.date(2018, 12, 1)}, "the day of departure is before the day of arrival"),
        ({"arrive": dt.date(2018, 11, 1)}, "the travel dates must be within two days of the meeting"),
        ({"developing": None}, "whether the State is a developing country must be answered yes or no"),
    ],
)
def test_bad_answers_are_refused_in_words(people, world, over, message):
    with pytest.raises(DomainError) as e:
        applied(people, world, **over)
    assert str(e.value) == message
    assert not Application.objects.exists()


def test_after_the_deadline_or_without_a_call_no_application(people, world, monkeypatch):
    monkeypatch.setattr("plenary.core.clock.today", lambda: dt.date(2018, 9, 16))
    with pytest.raises(DomainError, match="the deadline for BWC/MSP/2018 was 15 September 2018"):
        applied(people, world)
    other = Meeting.objects.get(series="BWC/MSP/2019")
    with pytest.raises(DomainError, match="BWC/MSP/2019 is not open for sponsorship applications"):
        domain.apply(other, state=State.objects.get(code="KEN"), by=people.actor("ken_del"), **_answers())


def _answers():
    from tests.sponsorship.world import answers

    return answers()


def test_the_same_expert_does_not_apply_twice(people, world):
    applied(people, world)
    with pytest.raises(DomainError, match="amina otieno has applied for BWC/MSP/2018 already"):
        applied(people, world, expert_name="amina otieno")


def test_approving_makes_the_award_against_the_fund_to_the_cent(people, world):
    app = applied(people, world)
    decision = approve(people, world, app, airfare="1234.56", terminal="99.99", dsa_days=5)
    award = Award.objects.get(application=app)
    assert (award.airfare, award.terminal, award.dsa_days, award.dsa_amount, award.total) == (
        D("1234.56"),
        D("99.99"),
        5,
        D("400.00"),
        D("3334.55"),
    )
    assert set(decision.officers_consulted.all()) == {world["chair"], world["vice"]}
    assert Application.objects.get(pk=app.pk).status == "approved"
    fund = queries.fund()
    assert (fund.contributed, fund.awarded, fund.balance) == (D("15000.00"), D("3334.55"), D("11665.45"))
    assert fund.left_meeting == {str(world["meeting"].pk): D("1665.45")}  # the earmark drawn on first
    note = Notification.objects.get(kind=Notification.Kind.SPONSORSHIP_DECIDED)
    assert (note.user, note.subject) == (
        people["ken_del"],
        "Sponsorship application approved: Amina Otieno, BWC/MSP/2018",
    )
    assert AuditEntry.objects.filter(action="sponsorship.decide").latest("id").after["award"] == "3334.55"


def test_an_award_the_fund_does_not_cover_is_refused_and_nothing_is_written(people, world):
    app = applied(people, world)
    with pytest.raises(DomainError) as e:
        approve(people, world, app, airfare="14000.00", terminal="0", dsa_days=3)
    # The amounts read as the reader writes amounts; english() keeps them plain, for the logs.
    assert (
        str(e.value)
        == "the fund does not cover this award: US$15,200.00 asked, US$15,000.00 available for BWC/MSP/2018"
    )
    assert (
        e.value.english()
        == "the fund does not cover this award: 15200.00 USD asked, 15000.00 USD available for BWC/MSP/2018"
    )
    assert not Decision.objects.exists() and not Award.objects.exists()
    assert Application.objects.get(pk=app.pk).status == "submitted"


def test_money_earmarked_for_another_meeting_is_not_spent(people, world):
    other = Meeting.objects.get(series="BWC/MSP/2019")
    domain.record_contribution(
        donor=State.objects.get(code="AUS"),
        amount="50000.00",
        received_on="2018-05-01",
        earmark_meeting=other,
        example=True,
        by=SYSTEM,
    )
    app = applied(people, world)
    with pytest.raises(DomainError, match=r"US\$15,000.00 available"):
        approve(people, world, app, airfare="15000.01", terminal="0", dsa_days=0)
    approve(people, world, app, airfare="15000.00", terminal="0", dsa_days=0)
    fund = queries.fund()
    assert fund.balance == D("50000.00") and fund.available(str(world["meeting"].pk), 2018) == D("0.00")


def test_the_fund_adds_up_across_many_awards(people, world):
    totals = []
    for i in range(4):
        app = applied(people, world, expert_name=f"Expert {i}")
        approve(people, world, app, airfare=f"{1000 + i}.33", terminal="50.01", dsa_days=i)
        totals.append(Award.objects.get(application=app).total)
    fund = queries.fund()
    contributed = sum(Contribution.objects.values_list("amount", flat=True), D(0))
    assert fund.awarded == sum(totals) == sum(Award.objects.values_list("total", flat=True), D(0))
    assert (
        fund.balance
        == contributed - fund.awarded
        == D("15000.00") - D("4007.32") - D("200.04") - D("2400.00")
    )
    assert fund.balance >= 0


def test_declining_records_the_officers_and_makes_no_award(people, world):
    app = applied(people, world)
    decision = domain.decide(
        app, outcome="declined", officers=[world["chair"]], note="late", by=people.actor("staff")
    )
    assert (decision.outcome, list(decision.officers_consulted.all()), decision.note) == (
        "declined",
        [world["chair"]],
        "late",
    )
    assert not Award.objects.exists()
    with pytest.raises(DomainError, match="the application is declined already"):
        approve(people, world, app)


@pytest.mark.parametrize("persona", ["fra_fp", "ken_del", "officer", "ngo"])
def test_only_the_secretariat_decides(people, world, persona):
    app = applied(people, world)
    with pytest.raises(NotAllowed, match="only the secretariat decides"):
        domain.decide(app, outcome="declined", officers=[world["chair"]], by=people.actor(persona))


def test_the_officers_consulted_are_the_meetings(people, world):
    app = applied(people, world)
    stranger = Officer.objects.filter(meeting__series="BWC/CONF.VIII").first()
    with pytest.raises(DomainError, match="the officers consulted must be officers of the meeting"):
        domain.decide(app, outcome="declined", officers=[stranger], by=people.actor("staff"))
    with pytest.raises(DomainError, match="say which of the meeting's officers were consulted"):
        domain.decide(app, outcome="declined", officers=[], by=people.actor("staff"))
    with pytest.raises(DomainError, match="the decision is approved or declined"):
        domain.decide(app, outcome="maybe", officers=[world["chair"]], by=people.actor("staff"))
    with pytest.raises(DomainError, match="the airfare may not be negative"):
        approve(people, world, app, airfare="-5")
    with pytest.raises(DomainError, match="the DSA days must be between 0 and 60"):
        approve(people, world, app, dsa_days=99)
    assert not Decision.objects.exists()


def test_withdrawing(people, world):
    app = applied(people, world)
    with pytest.raises(NotAllowed):
        domain.withdraw(app, by=people.actor("fra_fp"))
    domain.withdraw(app, by=people.actor("ken_del"))
    assert Application.objects.get(pk=app.pk).status == "withdrawn"
    with pytest.raises(DomainError, match="the application is withdrawn and can no longer be withdrawn"):
        domain.withdraw(app, by=people.actor("staff"))
    applied(people, world)  # the expert may apply again


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": 0.5}, "the amount must be written as a decimal number, not float"),
        ({"amount": "0"}, "the amount must be more than zero"),
        ({"currency": "EUR"}, "the fund is kept in USD"),
        ({"earmark_year": "20x6"}, "the earmarked year must be a year"),
        ({"earmark_year": 1900}, "the earmarked year is out of range"),
        ({"received_on": "1 May"}, "the date received must be a date (YYYY-MM-DD)"),
    ],
)
def test_bad_contributions_are_refused(people, world, kwargs, message):
    args = {"donor": State.objects.get(code="AUS"), "amount": "10.00", "received_on": "2018-01-01"}
    args.update(kwargs)
    before = Contribution.objects.count()
    with pytest.raises(DomainError) as e:
        domain.record_contribution(by=people.actor("staff"), **args)
    assert str(e.value).startswith(message)
    assert Contribution.objects.count() == before


def test_only_the_secretariat_records_contributions(people, world):
    with pytest.raises(NotAllowed):
        domain.record_contribution(
            donor=State.objects.get(code="FRA"),
            amount="10",
            received_on="2018-01-01",
            by=people.actor("fra_fp"),
        )


def test_yearly_figures(people, world):
    a = applied(people, world)
    applied(people, world, expert_name="Other")
    approve(people, world, a)
    figures = queries.yearly_figures(2018)
    assert figures == {
        "contributions": 2,
        "contributed": D("15000.00"),
        "donors": 2,
        "applications": 2,
        "approved": 1,
        "declined": 0,
        "withdrawn": 0,
        "awards": 1,
        "awarded": D("3600.00"),
        "states_sponsored": 1,
        "experts_sponsored": 1,
        "balance": D("11400.00"),
        "example": True,
    }
