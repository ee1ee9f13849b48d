"""Assessed contributions through the domain: the year's costs shared to the cent among the States
Parties, invoices frozen and numbered, payments and credits applied oldest first, arrears by age,
the cash position and its flags, the statement with every figure traced; and hostile input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.finance import domain, queries
from plenary.finance.models import Application, Apportionment, Credit, Invoice, Payment
from tests.finance.world import TOTAL, YEAR, invoiced, make_world


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(people):
    return make_world(people)


def test_the_demo_year_adds_up_to_the_cent(db):
    a = Apportionment.objects.get(treaty="BWC", year=2018)
    assert a.example and a.status == "invoiced"
    assert sum(x.amount for x in a.assessments.all()) == a.total == D("1045000.00")
    assert a.assessments.count() == 179  # the States Parties on 1 January 2018 (the seed's 179)
    assert sum(i.amount for i in Invoice.objects.filter(year=2018)) == a.total


def test_the_costs_of_a_year_are_shared_among_the_states_parties_by_the_adjusted_scale(world):
    a = domain.apportion_year(YEAR, by=world["setup"])
    shares = {x.state.code: x for x in a.assessments.select_related("state")}
    assert a.total == TOTAL and a.status == "preliminary"
    assert sum(x.amount for x in shares.values()) == TOTAL
    assert "ISR" not in shares and "EGY" not in shares  # not States Parties
    whole = sum(x.scale_rate for x in shares.values())
    usa = shares["USA"]
    assert usa.scale_rate == D("22.000")
    assert abs(usa.amount - TOTAL * usa.scale_rate / whole) < D("0.01")
    assert a.basis == "BWC/MSP/2019/MX.1: 200000.00; BWC/MSP/2019: 300000.00"


def test_a_preliminary_apportionment_is_replaced_only_when_told_and_never_once_invoiced(world):
    domain.apportion_year(YEAR, by=world["setup"])
    with pytest.raises(DomainError, match="already shared"):
        domain.apportion_year(YEAR, by=world["setup"])
    a = domain.apportion_year(YEAR, total_amount="1000.00", replace=True, by=world["setup"])
    assert sum(x.amount for x in a.assessments.all()) == D("1000.00")
    domain.issue_invoices(a, issued_on=dt.date(2019, 2, 13), due_on=dt.date(2019, 3, 15), by=world["setup"])
    with pytest.raises(Frozen):
        domain.apportion_year(YEAR, replace=True, by=world["setup"])
    with pytest.raises(Frozen):
        domain.issue_invoices(
            a, issued_on=dt.date(2019, 2, 13), due_on=dt.date(2019, 3, 15), by=world["setup"]
        )
    from plenary.meetings.models import Meeting

    with pytest.raises(Frozen):
        domain.set_meeting_cost(Meeting.objects.get(series="BWC/MSP/2019"), amount="1.00", by=world["setup"])


def test_invoices_are_numbered_frozen_copies_and_the_contact_points_are_told(world, people):
    from plenary.accounts.models import Notification

    a, invoices = invoiced(world)
    assert len(invoices) == a.assessments.count()
    numbers = sorted(i.number for i in invoices.values())
    assert numbers[0] == "BWC/2019/0001" and len(set(numbers)) == len(numbers)
    fra = invoices["FRA"]
    assert fra.amount == a.assessments.get(state__code="FRA").amount
    note = Notification.objects.get(user=people["fra_cp"], kind="invoice_issued")
    assert note.subject == f"Invoice {fra.number}: FRA, 2019"
    assert not Notification.objects.filter(user=people["fra_del"], kind="invoice_issued").exists()


def test_payments_partial_full_and_over_become_credits_applied_to_the_next_invoice(world, people):
    from plenary.accounts.models import Notification

    a, invoices = invoiced(world)
    fra = invoices["FRA"]
    half = (fra.amount / 2).quantize(D("0.01"))
    domain.record_payment(world["fra"], amount=str(half), received_on="2019-03-01", by=world["setup"])
    acc = queries.account(world["fra"], dt.date(2019, 12, 31))
    line = next(x for x in acc.invoices if x.invoice.year == YEAR)
    assert (line.paid, line.outstanding) == (half, fra.amount - half)
    over = fra.amount - half + D("100.00")
    p = domain.record_payment(world["fra"], amount=over, received_on="2019-04-01", by=world["setup"])
    assert p.credit.amount == D("100.00") and p.credit.kind == Credit.Kind.OVERPAYMENT
    acc = queries.account(world["fra"], dt.date(2019, 12, 31))
    line = next(x for x in acc.invoices if x.invoice.year == YEAR)
    assert line.outstanding == D("0.00") and acc.credit == D("100.00")
    assert Notification.objects.filter(user=people["fra_cp"], kind="payment_received").count() == 2
    # The credit goes to the next year's invoice when it is issued.
    domain.apportion_year(2020, total_amount="1000.00", by=world["setup"])
    domain.issue_invoices(
        Apportionment.objects.get(year=2020), issued_on="2020-02-13", due_on="2020-03-15", by=world["setup"]
    )
    acc = queries.account(world["fra"], dt.date(2020, 12, 31))
    nxt = next(x for x in acc.invoices if x.invoice.year == 2020)
    assert nxt.paid == min(D("100.00"), nxt.invoice.amount)
    assert acc.invoiced - acc.paid == acc.outstanding


def test_a_payment_goes_to_the_oldest_arrears_first(world):
    _, invoices = invoiced(world)
    old = Invoice.objects.get(year=2018, state__code="DEU")  # the demo's 2018 invoice of Germany
    owed_2018 = domain.outstanding_of(old)
    domain.record_payment(world["deu"], amount="1.00", received_on="2019-05-01", by=world["setup"])
    applied = Application.objects.filter(payment__reference="", payment__state__code="DEU").last()
    assert applied.invoice == (old if owed_2018 > 0 else invoices["DEU"])


def test_arrears_age_by_state(world):
    _, invoices = invoiced(world)
    rows = {r.state.code: r for r in queries.arrears(dt.date(2020, 6, 1))}
    fra = rows["FRA"]
    demo_2018 = domain.outstanding_of(Invoice.objects.get(year=2018, state__code="FRA"))
    assert fra.buckets == {"0-1": D("0.00"), "1-2": invoices["FRA"].amount, "2+": demo_2018}
    assert invoices["FRA"].number in fra.numbers
    assert fra.outstanding == fra.invoiced - fra.paid


def test_a_meeting_whose_funds_are_not_assured_is_flagged_before_its_decision_date(world):
    invoiced(world)
    early = queries.cash_position(YEAR, dt.date(2019, 4, 1))
    # Norway's over-payment of 2018 (the demo's), a credit, went to its 2019 invoice when issued.
    assert early.received == D("500.00")
    assert [(c.meeting.series, s.assured, s.flagged) for c, s in early.meetings] == [
        ("BWC/MSP/2019/MX.1", False, True),
        ("BWC/MSP/2019", False, True),
    ]
    # Enough money comes in for the MX.1: it is assured; the MSP still flagged.
    from plenary.treaties.models import State

    for code in ("USA", "CHN", "JPN", "DEU"):  # each pays all it owes (its 2018 arrears first)
        state = State.objects.get(code=code)
        owed = queries.account(state, dt.date(2019, 4, 2)).outstanding
        domain.record_payment(state, amount=owed, received_on="2019-04-02", by=world["setup"])
    later = queries.cash_position(YEAR, dt.date(2019, 4, 3))
    assert later.available >= D("200000.00")
    assert [(c.meeting.series, s.assured, s.flagged) for c, s in later.meetings][0] == (
        "BWC/MSP/2019/MX.1",
        True,
        False,
    )
    assert [c.meeting.series for c in later.flagged] == ["BWC/MSP/2019"]


def test_the_working_capital_fund(world):
    before = queries.wcf_balance(dt.date(2019, 12, 31))
    domain.record_fund_contribution(
        world["fra"], amount="1000.50", received_on="2019-06-01", by=world["setup"]
    )
    assert queries.wcf_balance(dt.date(2019, 12, 31)) == before + D("1000.50")
    with pytest.raises(DomainError, match="established in 2018"):
        domain.record_fund_contribution(world["fra"], amount="1", received_on="2017-06-01", by=world["setup"])


def test_a_credit_note_pays_the_oldest_open_invoice(world):
    _, invoices = invoiced(world)
    credit = domain.record_credit_note(
        world["fra"], amount="10.00", reason="correction", on="2019-06-01", by=world["setup"]
    )
    assert credit.applications.get().amount == D("10.00")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5.00", "cannot be negative"),
        ("0", "more than 0.00"),
        (1.5, "decimal number"),
        ("1e400", "too large"),
        ("12,34.5.6", "number such as"),
        ("NaN", "finite"),
        ("", "number such as"),
        (True, "decimal number"),
    ],
)
def test_bad_payments_are_refused_and_nothing_is_written(world, amount, message):
    count = Payment.objects.count()
    with pytest.raises(DomainError, match=message):
        domain.record_payment(world["fra"], amount=amount, received_on="2019-03-01", by=world["setup"])
    assert Payment.objects.count() == count


@pytest.mark.parametrize(
    ("received_on", "message"),
    [("2100-01-01", "future"), ("yesterday", "YYYY-MM-DD"), ("0001-01-01", "out of range"), (None, "a date")],
)
def test_bad_dates_are_refused(world, received_on, message):
    with pytest.raises(DomainError, match=message):
        domain.record_payment(world["fra"], amount="1.00", received_on=received_on, by=world["setup"])


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "fra_cp", "deu_fp", "ngo", "officer", "anonymous"])
def test_only_the_secretariat_writes(world, people, persona):
    by = people.actor(persona)
    with pytest.raises(NotAllowed):
        domain.record_payment(world["fra"], amount="1.00", received_on="2019-03-01", by=by)
    with pytest.raises(NotAllowed):
        domain.apportion_year(YEAR, by=by)
    with pytest.raises(NotAllowed):
        domain.record_fund_contribution(world["fra"], amount="1.00", received_on="2019-03-01", by=by)
    with pytest.raises(NotAllowed):
        domain.draft_statement(2018, by=by)


def test_a_missing_rate_or_no_cost_is_a_clear_error(people):
    world = make_world(people, costs=False)
    with pytest.raises(DomainError, match="no meeting of 2019 has a cost"):
        domain.apportion_year(YEAR, by=world["setup"])
    from plenary.finance.models import ScaleRate

    ScaleRate.objects.filter(state__code="FRA", valid_from__year=2019).delete()
    with pytest.raises(DomainError, match="no rate on the scale of 2019 for FRA"):
        domain.apportion_year(YEAR, total_amount="10.00", by=world["setup"])


def test_loading_the_scale_twice_changes_nothing(db):
    from plenary.core.actor import Actor

    assert domain.load_scale(by=Actor.system("test")) == 0


def test_the_statement_is_a_draft_in_six_languages_whose_figures_trace_back(world, media):
    from plenary.core.models import AuditEntry
    from plenary.documents.models import Document
    from plenary.finance import statement

    as_of = dt.date(2018, 12, 31)
    f = statement.figures(2018, as_of)
    a = Apportionment.objects.get(year=2018)
    assert f.assessed == a.total
    paid = sum(
        (x.amount for x in Application.objects.filter(invoice__year=2018, applied_on__lte=as_of)), D("0.00")
    )
    assert f.received == paid
    traced = [int(t.split(":")[1]) for t in f.trace["received"]]
    assert sum((x.amount for x in Application.objects.filter(pk__in=traced)), D("0.00")) == f.received
    assert f.outstanding_year == f.invoiced - f.received
    owed = sum(
        (domain.outstanding_of(Invoice.objects.get(number=n.split(":", 1)[1])) for n in f.trace["arrears"]),
        D("0"),
    )
    assert owed == f.arrears_total
    assert f.example  # the demo's amounts are examples, and the statement says so
    document = domain.draft_statement(2018, as_of=as_of, by=world["setup"])
    assert document.status == Document.Status.DRAFT
    assert sorted(v.lang for v in document.versions.all()) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert document.title["fr"] == "Situation financière de la Convention en 2018"
    entry = AuditEntry.objects.filter(action="finance.statement").latest("pk")
    assert entry.after["trace"]["assessed"] == [f"Apportionment:{a.pk}"]
    with pytest.raises(Frozen, match=document.symbol):
        domain.draft_statement(2018, as_of=as_of, by=world["setup"])


def test_the_statement_text_in_each_language(db):
    from plenary.finance import statement

    f = statement.figures(2018, dt.date(2018, 12, 31))
    for lang in statement.WORDS:
        doc = statement.build(lang, "BWC/MSP/2018/9", f, {})
        assert len(doc.sections) == 4
    en = statement.build("en", "BWC/MSP/2018/9", f, {})
    assert (
        en.sections[0]
        .blocks[0]
        .text.startswith(
            "The costs of 2018, 1,045,000.00 United States dollars, were shared among 179 States Parties"
        )
    )
    fr = statement.build("fr", "BWC/MSP/2018/9", f, {})
    assert "1\u202f045\u202f000,00" in fr.sections[0].blocks[0].text
    assert set(statement.WORDS["en"]) == set(statement.WORDS["zh"]) == set(statement.WORDS["ar"])
