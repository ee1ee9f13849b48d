"""The audit walk's cases for the cost estimates (`plenary.finance.estimates`): one
`@case("finance.estimates.<function>")` per public function, building its world and returning the
act (tests/core/test_audit_complete.py imports this module beside tests/finance/audit_cases.py)."""

from __future__ import annotations

from tests.core.test_audit_complete import case


def _estimate(t, **values):
    from plenary.finance import estimates

    estimate = estimates.create_estimate(year=2018, option="W", title="Audit walk", by=t.system(), **values)
    estimates.set_meeting_costs(estimate, label="BWC/MSP/2018", days=2, pages_before=10, by=t.system())
    return estimate


@case("finance.estimates.record_cost_rate")
def _(t):
    from plenary.finance import estimates

    return lambda: estimates.record_cost_rate(
        code="conference_day", amount="11000.00", valid_from="2031-01-01", example=True, by=t.by()
    )


@case("finance.estimates.load_cost_rates")
def _(t):
    from plenary.finance import estimates

    path = t.tmp_path / "rates.csv"
    path.write_text(
        "code,amount,valid_from,valid_to,example,source\nconference_day,12000.00,2032-01-01,,yes,example rate\n",
        encoding="utf-8",
    )
    return lambda: estimates.load_cost_rates(path=path, by=t.by())


@case("finance.estimates.create_estimate")
def _(t):
    from plenary.finance import estimates

    return lambda: estimates.create_estimate(year=2018, option="V", title="Audit walk", by=t.by())


@case("finance.estimates.update_estimate")
def _(t):
    from plenary.finance import estimates

    estimate = _estimate(t)
    return lambda: estimates.update_estimate(estimate, isu_posts="2", isu_months=12, by=t.by())


@case("finance.estimates.set_meeting_costs")
def _(t):
    from plenary.finance import estimates

    estimate = _estimate(t)
    return lambda: estimates.set_meeting_costs(estimate, label="BWC/MSP/2018", days=3, by=t.by())


@case("finance.estimates.remove_meeting_costs")
def _(t):
    from plenary.finance import estimates

    item = _estimate(t).items.get()
    return lambda: estimates.remove_meeting_costs(item, by=t.by())


@case("finance.estimates.add_programme_meetings")
def _(t):
    from plenary.finance import estimates

    estimate = _estimate(t)
    return lambda: estimates.add_programme_meetings(estimate, pages_per_day=(1, 1, 1), by=t.by())


@case("finance.estimates.derive_option")
def _(t):
    from plenary.finance import estimates

    estimate = _estimate(t)
    return lambda: estimates.derive_option(
        estimate, option="W+5", title="Five days more", extra_days={"BWC/MSP/2018": 5}, by=t.by()
    )


@case("finance.estimates.issue_estimates")
def _(t):
    from plenary.finance import estimates
    from plenary.meetings.models import Meeting

    estimate = _estimate(t)
    msp = Meeting.objects.get(series="BWC/MSP/2017")
    return lambda: estimates.issue_estimates([estimate], meeting=msp, by=t.by())
