"""The cost estimates' demo data: the rates of data/cost_rates.csv (example rates, but for the UN's
13 per cent programme support rate), and three draft estimates of the 2018 programme as the
meetings' records have it (the five Meetings of Experts, eight days, and the Meeting of States
Parties), side by side: the programme as held, and two options of five and ten meeting days more,
as the ISU presented its options for 2018-2020 (BWC/MSP/2017/6 para. 21). The real lines of those
options (BWC/MSP/2017/5, adjusted from BWC/CONF.VIII/5) are not public in a form found for this
project, so the pages, the ISU's posts, the rates and the spread of the extra days are examples,
and say so. The drafts are not issued: BWC/MSP/2017/5 is on record as the real document.

Idempotent: once the demo's first estimate is there, a second run changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from plenary.core.actor import Actor
from plenary.finance import estimates
from plenary.finance.models import CostEstimate
from plenary.meetings.models import Meeting

YEAR = 2018
BASE_TITLE = "Example: the 2018 programme as held"
PAGES_PER_DAY = (20, 10, 15)  # example planning assumption: pages before, during, after per day
ISU_POSTS, ISU_MONTHS = "3", 12  # example
OPTIONS = [
    ("+5", "Example: five meeting days more", 1),
    ("+10", "Example: ten meeting days more", 2),
]
BASIS = (
    "Example figures: the rates (but the 13 per cent programme support rate), the pages per meeting "
    "day, the ISU's posts and the spread of the extra days over the Meetings of Experts are examples, "
    "not the figures of BWC/MSP/2017/5."
)


def load_demo(*, by: Actor, say: Callable[[str], None] | None = None) -> dict:
    say = say or (lambda message: None)
    say("loading the cost rates")
    rates = estimates.load_cost_rates(by=by)
    if CostEstimate.objects.filter(year=YEAR, title__en=BASE_TITLE).exists():
        return {"rates": rates, "estimates": 0}
    if not Meeting.objects.filter(treaty__code="BWC", year=YEAR).exists():
        return {"rates": rates, "estimates": 0}
    say("estimating the costs of the 2018 programme (example rates)")
    base = estimates.create_estimate(
        year=YEAR,
        option="A",
        title=BASE_TITLE,
        basis=BASIS,
        isu_posts=ISU_POSTS,
        isu_months=ISU_MONTHS,
        by=by,
    )
    items = estimates.add_programme_meetings(base, pages_per_day=PAGES_PER_DAY, by=by)
    experts = [i.label for i in items if i.meeting is not None and i.meeting.kind == Meeting.Kind.MX]
    made = [base]
    for option, title, per_meeting in OPTIONS:
        made.append(
            estimates.derive_option(
                base,
                option=option,
                title=title,
                basis=BASIS,
                extra_days=dict.fromkeys(experts, per_meeting),
                by=by,
            )
        )
    return {"rates": rates, "estimates": len(made)}
