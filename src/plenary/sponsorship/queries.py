"""Reads of the sponsorship programme, in a fixed number of queries: the fund, the applications
ranked by the priority rules (with the reasons in words), the report to donors, the public
aggregate figures, and the figures of a year for the ISU's annual report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from plenary.accounts import permissions
from plenary.meetings.models import Meeting
from plenary.sponsorship import rules
from plenary.sponsorship.domain import fund_now
from plenary.sponsorship.models import Application, Award, Call, Contribution

ZERO = Decimal("0.00")


def fund() -> rules.Fund:
    """The fund as it stands (two queries)."""
    return fund_now()


def facts_of(application: Application) -> rules.Facts:
    return rules.Facts(
        developing=application.developing,
        party=application.state_party,
        attended_before=application.attended_before,
        can_send_from_capital=application.can_send_from_capital,
    )


@dataclass
class RankedApplication:
    application: Application
    rank: int | None  # None once decided or withdrawn
    points: int
    reasons: tuple[str, ...]


def ranked(meeting: Meeting, *, priority: list[rules.Rule] | None = None) -> list[RankedApplication]:
    """The meeting's applications: those awaiting a decision in priority order with their rank
    and reasons, then the others (decided or withdrawn) in the order they came (one query)."""
    return ranked_all(Application.objects.filter(meeting=meeting), priority=priority)


def ranked_all(
    applications=None, *, priority: list[rules.Rule] | None = None, officers: bool = False
) -> list[RankedApplication]:
    """The applications (all, or those of the queryset given), meeting by meeting in the order the
    meetings open, each meeting's ranked as `ranked` ranks them; with `officers`, the officers
    consulted on each decision prefetched (one query, and one more for the officers once any
    decision is recorded, however many meetings and applications)."""
    priority = priority or rules.load_rules()
    rows = Application.objects.all() if applications is None else applications
    rows = rows.select_related("state", "meeting", "award", "decision")
    if officers:
        rows = rows.prefetch_related("decision__officers_consulted")
    apps = list(rows.order_by("submitted_at", "pk"))
    by_meeting: dict[int, list[Application]] = defaultdict(list)
    for a in apps:
        by_meeting[a.meeting_id].append(a)
    meetings = sorted(
        {a.meeting_id: a.meeting for a in apps}.values(), key=lambda m: (m.start or dt.date.max, m.pk)
    )
    out: list[RankedApplication] = []
    for m in meetings:
        out += _ranked_rows(by_meeting[m.pk], priority)
    return out


def _ranked_rows(apps: list[Application], priority: list[rules.Rule]) -> list[RankedApplication]:
    waiting = [a for a in apps if a.status == Application.Status.SUBMITTED]
    by_key = {str(a.pk): a for a in waiting}
    order = rules.rank([rules.Candidate(str(a.pk), facts_of(a), a.submitted_at) for a in waiting], priority)
    rows = [RankedApplication(by_key[r.key], r.rank, r.score.points, r.score.reasons) for r in order]
    for a in apps:
        if a.status != Application.Status.SUBMITTED:
            s = rules.score(facts_of(a), priority)
            rows.append(RankedApplication(a, None, s.points, s.reasons))
    return rows


def visible_to(user) -> list[Application]:
    """The applications a person sees in the portal: their own and, for a focal point, those of
    their State; a meeting's officer, those of the meeting (one query after the roles)."""
    if user is None or not user.is_authenticated:
        return []
    if permissions.is_staff(user):
        rows = Application.objects.all()
    else:
        states = permissions.represented_states(user, focal_point_only=True)
        meetings = [r.meeting_id for r in permissions._roles(user) if r.kind == "officer" and r.meeting_id]
        rows = Application.objects.filter(
            Q(applicant=user) | Q(state__code__in=states) | Q(meeting_id__in=meetings)
        )
    return list(rows.select_related("state", "meeting", "award").order_by("-submitted_at", "-pk"))


def open_calls(on: dt.date) -> list[Call]:
    """The meetings open for applications on `on`, the nearest deadline first."""
    return list(Call.objects.filter(deadline__gte=on).select_related("meeting").order_by("deadline", "pk"))


def donor_keys() -> set[str]:
    """The donors of record, as "State:XXX" and "Organization:CODE"."""
    keys = set()
    for state, org in Contribution.objects.values_list("donor_state__code", "donor_organization__code"):
        keys.add(f"State:{state}" if state else f"Organization:{org}")
    return keys


def donor_report() -> dict:
    """The report to donors: the contributions, the awards by meeting, the balance (three queries)."""
    contributions = list(
        Contribution.objects.select_related("donor_state", "donor_organization", "earmark_meeting")
    )
    awards = list(Award.objects.select_related("application__meeting", "application__state"))
    by_meeting: dict[int, dict] = {}
    for a in awards:
        m = a.application.meeting
        row = by_meeting.setdefault(m.pk, {"meeting": m, "awards": 0, "total": ZERO, "states": set()})
        row["awards"] += 1
        row["total"] += a.total
        row["states"].add(a.application.state.code)
    state = fund()
    return {
        "contributions": contributions,
        "by_meeting": sorted(
            by_meeting.values(), key=lambda r: (r["meeting"].start or dt.date.min, r["meeting"].pk)
        ),
        "contributed": state.contributed,
        "awarded": state.awarded,
        "balance": state.balance,
        "example": any(c.example for c in contributions),
    }


def public_figures() -> list[dict]:
    """The programme's aggregate figures by year: applications, experts sponsored, States
    sponsored, contributions and awards (no names; one query each)."""
    years: dict[int, dict] = defaultdict(
        lambda: {
            "applications": 0,
            "awards": 0,
            "states": set(),
            "contributed": ZERO,
            "awarded": ZERO,
            "example": False,
        }
    )
    for year, code, total, example in Application.objects.values_list(
        "meeting__year", "state__code", "award__total", "example"
    ):
        row = years[year]
        row["applications"] += 1
        row["example"] |= example
        if total is not None:
            row["awards"] += 1
            row["awarded"] += total
            row["states"].add(code)
    for received, amount, example in Contribution.objects.values_list("received_on", "amount", "example"):
        row = years[received.year]
        row["contributed"] += amount
        row["example"] |= example
    return [{"year": y, **v, "states": len(v["states"])} for y, v in sorted(years.items(), reverse=True)]


def yearly_figures(year: int) -> dict:
    """The programme's figures for the ISU's annual report of `year`. Keys:
    contributions (count received in the year), contributed (Decimal, USD), donors (count of
    distinct donors), applications (for the year's meetings), approved, declined, withdrawn,
    awards (count), awarded (Decimal, USD), states_sponsored (count), experts_sponsored (count),
    balance (Decimal, USD: contributions received by the end of the year less awards for meetings
    of that year and before), example (True when any figure counted is an example)."""
    contributions = list(
        Contribution.objects.filter(received_on__year__lte=year).values_list(
            "received_on", "amount", "donor_state_id", "donor_organization_id", "example"
        )
    )
    apps = list(
        Application.objects.filter(meeting__year__lte=year).values_list(
            "meeting__year", "status", "state_id", "award__total", "example"
        )
    )
    this = [c for c in contributions if c[0].year == year]
    mine = [a for a in apps if a[0] == year]
    awarded = [a for a in mine if a[3] is not None]
    return {
        "contributions": len(this),
        "contributed": sum((c[1] for c in this), ZERO),
        "donors": len({(c[2], c[3]) for c in this}),
        "applications": len(mine),
        "approved": sum(1 for a in mine if a[1] == Application.Status.APPROVED),
        "declined": sum(1 for a in mine if a[1] == Application.Status.DECLINED),
        "withdrawn": sum(1 for a in mine if a[1] == Application.Status.WITHDRAWN),
        "awards": len(awarded),
        "awarded": sum((a[3] for a in awarded), ZERO),
        "states_sponsored": len({a[2] for a in awarded}),
        "experts_sponsored": len(awarded),
        "balance": sum((c[1] for c in contributions), ZERO)
        - sum((a[3] for a in apps if a[3] is not None), ZERO),
        "example": any(c[4] for c in this) or any(a[4] for a in mine),
    }
