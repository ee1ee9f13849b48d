"""The demo's year of assessed contributions (2018, example amounts): loaded with the test
database by the same function as `plenary demo`; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from plenary.finance import queries
from plenary.finance.models import (
    Apportionment,
    Credit,
    FundContribution,
    Invoice,
    MeetingCost,
    Payment,
    ScaleRate,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_year_of_assessments_invoices_payments_and_arrears():
    a = Apportionment.objects.get(treaty="BWC", year=2018)
    assert a.example and a.status == "invoiced"
    costs = MeetingCost.objects.filter(meeting__year=2018)
    assert costs.count() == 6 and all(c.example for c in costs)
    assert sum(c.amount for c in costs) == a.total
    invoices = Invoice.objects.filter(year=2018)
    assert invoices.count() == a.assessments.count() == 179
    assert sum(i.amount for i in invoices) == a.total
    assert Payment.objects.filter(example=True, received_on__year=2018).count() >= 150
    assert Credit.objects.get(state__code="NOR", kind="overpayment").amount == D("500.00")
    assert FundContribution.objects.filter(received_on__year=2018, example=True).count() == 2
    rows = queries.arrears(dt.date(2018, 12, 31))
    assert sum(r.outstanding for r in rows) > 0  # some States in arrears
    assert all(r.invoiced - r.paid == r.outstanding for r in rows)


def test_the_scale_marks_what_is_not_verified():
    import csv

    from plenary.finance.domain import SCALE_FILE

    with SCALE_FILE.open(encoding="utf-8") as fh:
        data = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    confirmed = {r["state"] for r in data if r["valid_from"] == "2016-01-01" and r["verified"] == "yes"}
    rows = ScaleRate.objects.filter(valid_from=dt.date(2016, 1, 1))
    assert set(rows.filter(verified=True).values_list("state__code", flat=True)) == confirmed
    assert rows.filter(verified=False, example=False).exists()  # rows not confirmed stay marked
    assert rows.get(state__code="USA").rate == D("22.000")
    floor = rows.filter(example=True)
    assert floor.exists() and all(r.rate == D("0.001") and "example" in r.source for r in floor)


def test_a_second_run_changes_nothing():
    from plenary.core.actor import Actor
    from plenary.finance.demo import load_demo

    before = Payment.objects.count()
    assert load_demo(by=Actor.system("test")) == {"payments": 0}
    assert Payment.objects.count() == before


def test_the_figures_for_the_isu_annual_report():
    from plenary.records import isu

    f = queries.yearly_figures(2018)
    assert f["assessed"] == f["invoiced"] == D("1045000.00") and f["states_assessed"] == 179
    assert f["outstanding"] == f["invoiced"] - f["received"] == f["arrears"]
    assert f["wcf"] == D("75000.00") and f["example"] is True
    assert isu.app_figures("finance", 2018) == f
