"""The demo's sponsorship data (loaded into the test database): example amounts by the donors the
reference names, a 2026 meeting's applications and decisions, awards within the fund, to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.sponsorship import queries
from plenary.sponsorship.demo import load_demo
from plenary.sponsorship.models import Application, Award, Contribution, DsaRate

pytestmark = pytest.mark.django_db


def test_the_demo_is_example_data_and_the_fund_adds_up():
    assert set(Contribution.objects.values_list("example", flat=True)) == {True}
    assert set(DsaRate.objects.values_list("example", flat=True)) == {True}
    assert set(Application.objects.values_list("example", flat=True)) == {True}
    donors = sorted(
        (c.received_on.year, c.donor_state.code if c.donor_state_id else c.donor_organization.code)
        for c in Contribution.objects.all()
    )
    assert donors == [(2017, "AUS"), (2017, "CAN"), (2017, "IND"), (2019, "CAN"), (2019, "EU")]
    fund = queries.fund()
    contributed = sum(Contribution.objects.values_list("amount", flat=True), Decimal(0))
    awarded = sum(Award.objects.values_list("total", flat=True), Decimal(0))
    assert (fund.contributed, fund.awarded, fund.balance) == (contributed, awarded, contributed - awarded)
    assert (awarded, fund.balance) == (Decimal("8470.00"), Decimal("126530.00"))
    assert sorted(Application.objects.values_list("meeting__series", "state__code", "status")) == [
        ("BWC/WG/10", "BOL", "declined"),
        ("BWC/WG/10", "EGY", "approved"),
        ("BWC/WG/10", "KEN", "approved"),
        ("BWC/WG/10", "NPL", "submitted"),
    ]


def test_a_second_run_changes_nothing():
    before = AuditEntry.objects.count()
    assert load_demo(by=Actor.system("test"), say=lambda m: None) == {"loaded": False}
    assert AuditEntry.objects.count() == before
