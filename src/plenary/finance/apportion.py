"""Assessed contributions: the pure rules (no database).

The rule of apportionment (documented here, applied by `assess`):
1. The costs of a year (its meetings and the ISU) are shared among the States Parties taking part
   "in accordance with the United Nations scale of assessments adjusted to take into account
   differences between the United Nations membership and the number of States Parties
   participating" (the reference, finance section).
2. Each participant's rate on the scale in force on the first day of the year (a percentage with
   three decimals, as the General Assembly publishes it) is divided by the sum of the participants'
   rates: the adjusted rates, exact fractions that add up to 1 (`money.adjusted_scale`).
3. The total is shared in cents by the largest-remainder method (`money.apportion`): each share
   cut down to the cent, the cents left over one each to the largest remainders, ties in the
   order of the States' alpha-3 codes. So the shares add up to the total exactly, none is more
   than one cent from its exact value, and the order the States are given in changes nothing.
   This is the "UN rounding" of a shared total: half-up rounding of each share alone could miss
   the total by a few cents.

Payments and credits are applied to a State's open invoices oldest first (the year, then the
invoice number), as the UN applies a payment to the oldest arrears; what is left over is a credit
of the State, applied to its next invoice. Arrears age by the days since an invoice fell due:
under one year, one to two years, two years and more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_noop as _

from plenary.finance.money import CENT, MoneyError, adjusted_scale, amount, apportion, total

ZERO = Decimal("0.00")
RATE_PLACES = Decimal("0.001")  # the UN scale is published as a percentage with three decimals
AGE_BUCKETS = ("0-1", "1-2", "2+")  # years past due


@dataclass(frozen=True)
class Share:
    """One State's part of a shared total."""

    code: str
    rate: Decimal  # on the UN scale, per cent
    adjusted: Decimal  # fraction of 1 among the participants
    amount: Decimal  # to the cent


def scale_rate(value: object, what: str = _("the rate")) -> Decimal:
    """A rate of the UN scale (per cent, 0 to 100, at most three decimals) from text or Decimal."""
    if isinstance(value, bool | float):
        raise MoneyError(f"{what} is a decimal number such as 0.001, not {value!r}")
    try:
        rate = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except Exception:
        raise MoneyError(f"{what} is a number such as 0.001, not {str(value)[:30]!r}") from None
    if not rate.is_finite() or rate < 0 or rate > 100:
        raise MoneyError(f"{what} is a percentage from 0 to 100")
    if rate != rate.quantize(RATE_PLACES):
        raise MoneyError(f"{what} has at most three decimals, as the UN scale is published")
    return rate


def assess(whole: Decimal, rates: Mapping[str, Decimal], participants: Iterable[str]) -> list[Share]:
    """Share `whole` among `participants` by the scale `rates` adjusted to them (the rule above).
    Guarantees: one share per participant, in code order; the amounts add up to `whole` exactly."""
    whole = amount(whole, "the total to share")
    adjusted = adjusted_scale(rates, participants)
    amounts = apportion(whole, adjusted)
    shares = [Share(code, rates[code], adjusted[code], amounts[code]) for code in sorted(adjusted)]
    if total(s.amount for s in shares) != whole:  # pragma: no cover - guaranteed by apportion
        raise MoneyError("the shares do not add up to the total")
    return shares


@dataclass(frozen=True)
class Open:
    """An open invoice: its key (to write the allocation against) and what is still owed."""

    key: str
    outstanding: Decimal


def allocate(available: Decimal, invoices: Sequence[Open]) -> tuple[list[tuple[str, Decimal]], Decimal]:
    """Apply `available` (a payment or a credit) to `invoices`, given oldest first: each is paid in
    full before the next. Returns the (key, amount) applied and what is left over (the credit).
    Guarantees: applied + left over == available; nothing applied beyond an invoice's outstanding."""
    available = amount(available, _("the amount to apply"))
    left = available
    applied: list[tuple[str, Decimal]] = []
    for invoice in invoices:
        if left == ZERO:
            break
        owed = amount(invoice.outstanding, _("what is owed"))
        if owed == ZERO:
            continue
        part = min(owed, left)
        applied.append((invoice.key, part))
        left -= part
    return applied, left


def age_bucket(due_on: dt.date, as_of: dt.date) -> str | None:
    """How long an invoice has been overdue on `as_of`: None when not yet due (due on `as_of` is
    not overdue); "0-1" under a year past due, "1-2" under two years, "2+" beyond. A year is the
    same day of the month a year on (29 February counts to 28 February)."""
    if as_of <= due_on:
        return None
    if as_of < _years_after(due_on, 1):
        return "0-1"
    if as_of < _years_after(due_on, 2):
        return "1-2"
    return "2+"


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def ageing(items: Iterable[tuple[dt.date, Decimal]], as_of: dt.date) -> dict[str, Decimal]:
    """Arrears by age: the outstanding amounts of (due date, outstanding) summed by bucket."""
    out = {bucket: ZERO for bucket in AGE_BUCKETS}
    for due_on, owed in items:
        bucket = age_bucket(due_on, as_of)
        if bucket is not None and owed > 0:
            out[bucket] += owed
    return out


def invoice_number(treaty: str, year: int, serial: int) -> str:
    """The number of an invoice: treaty, year and a serial of four digits (BWC/2018/0001)."""
    if not 1 <= serial <= 9999:
        raise MoneyError("an invoice serial is from 1 to 9999")
    return f"{treaty}/{year}/{serial:04d}"


@dataclass(frozen=True)
class MeetingNeed:
    key: str
    start: dt.date
    decision_on: dt.date
    cost: Decimal


@dataclass(frozen=True)
class Assured:
    key: str
    cost: Decimal
    needed: Decimal  # cumulative cost of the year's meetings up to and including this one
    assured: bool
    flagged: bool  # not assured and its decision date not passed: the secretariat must act
    shortfall: Decimal


def funds_assured(meetings: Sequence[MeetingNeed], available: Decimal, today: dt.date) -> list[Assured]:
    """Whether the funds of each of a year's meetings are assured: the meetings in order of their
    start, each needing its cost on top of those before it; assured when the cash `available`
    (contributions received for the year and the Working Capital Fund) covers that cumulative cost,
    since under the UN's financial procedures funds must be available before a meeting is held.
    A meeting not assured is flagged until its decision date (the day by which it must be
    confirmed; for the MSP three months ahead, per the reference) has passed."""
    out: list[Assured] = []
    needed = ZERO
    for meeting in sorted(meetings, key=lambda m: (m.start, m.key)):
        needed += amount(meeting.cost, _("the cost of a meeting"))
        assured = available >= needed
        shortfall = ZERO if assured else (needed - max(available, ZERO)).quantize(CENT)
        flagged = not assured and today <= meeting.decision_on
        out.append(Assured(meeting.key, meeting.cost, needed, assured, flagged, shortfall))
    return out


def decision_date(start: dt.date, months: int = 3) -> dt.date:
    """The day by which a meeting must be confirmed: `months` before its start (the MSP of 2017 had
    to be decided three months ahead, per the reference). The same day of the month, or the last
    day of a shorter month."""
    month = start.month - months
    year = start.year
    while month < 1:
        month += 12
        year -= 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
