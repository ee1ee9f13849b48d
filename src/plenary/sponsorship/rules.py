"""The sponsorship programme's rules. Pure: no database.

Priority. The programme gives priority to developing States Parties that have not taken part
before or cannot send experts from capital, and to States not party, to promote universalization
(treaty-databases.md §6, from the UNODA programme page and the unog.ch pages of 2017 and 2019).
The rules are configuration: a list of rules, each with a key (one of RULE_KINDS, what it tests),
a weight and its reason in words, read from data (`data/priority_rules.json` by default). An
application scores the sum of the weights of the rules it meets; applications are ranked by score
(highest first), then by when they were submitted (earliest first), then by their key, so the
order does not depend on the order they are given in.

Cost. A sponsorship pays round-trip airfare, terminal expenses and daily subsistence allowance
(DSA) at the dated rate for the place: airfare + terminal expenses + DSA days x the DSA rate, in
Decimal to the cent (half up, as UN amounts are rounded). Floats are refused.

Fund. Contributions may be earmarked for a meeting, for a year, or not at all. An award for a
meeting draws first on what is earmarked for that meeting, then on what is earmarked for its
year, then on what is not earmarked. The earmarks nest (meeting within year within the whole
fund), so drawing the most specific money first is the best one can do: an award fits if and only
if `available(...)` for its meeting covers it, and the fund never goes below zero.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_noop as _

from plenary.core.errors import DomainError, term

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("1000000000.00")  # more than any contribution or award: a typo, refused
MAX_DSA_DAYS = 60
MAX_WEIGHT = 1000

DATA_FILE = Path(__file__).resolve().parent / "data" / "priority_rules.json"

# What a rule may test: the facts an application gives.
RULE_KINDS = {
    "developing_not_attended": "a developing State Party whose expert has not taken part before",
    "developing_no_capital_experts": "a developing State Party that cannot send experts from capital",
    "not_party": "a State not party to the Convention (universalization)",
}


class RuleError(DomainError, ValueError):
    """A rule, amount or figure that is not one; the message says which and why. An amount's or a
    figure's refusal is a template with its values (read in the reader's language, as every
    DomainError); the rules' own, read from a data file by the secretariat, are English."""


# -- money ----------------------------------------------------------------------------------------


def money(value: object, what: str = _("the amount")) -> Decimal:
    """`value` (a Decimal, an int or a string such as "1234.50") as an amount to the cent, half up.
    Floats, booleans, NaN, infinities, negative and absurdly large amounts are refused. `what`
    names the field (a word of the interface, marked for translation where it is written)."""
    if isinstance(value, bool | float):
        raise RuleError(
            _("%(what)s must be written as a decimal number, not %(kind)s"),
            what=term(what),
            kind=type(value).__name__,
        )
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace(" ", "")
        if not value:
            raise RuleError(_("%(what)s is missing"), what=term(what))
    if not isinstance(value, Decimal | int | str):
        raise RuleError(_("%(what)s must be a decimal number"), what=term(what))
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise RuleError(
            _("%(what)s is not a number: %(value)s"), what=term(what), value=repr(str(value)[:40])
        ) from None
    if not number.is_finite():
        raise RuleError(_("%(what)s must be a finite number"), what=term(what))
    if number < 0:
        raise RuleError(_("%(what)s may not be negative"), what=term(what))
    if number > MAX_AMOUNT:
        raise RuleError(_("%(what)s is too large"), what=term(what))
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def dsa_days(value: object) -> int:
    """A number of DSA days: a whole number from 0 to MAX_DSA_DAYS."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise RuleError(_("the DSA days must be a whole number"))
    try:
        days = int(str(value).strip())
    except ValueError:
        raise RuleError(_("the DSA days must be a whole number")) from None
    if not 0 <= days <= MAX_DSA_DAYS:
        raise RuleError(_("the DSA days must be between 0 and %(most)s"), most=MAX_DSA_DAYS)
    return days


@dataclass(frozen=True)
class Cost:
    airfare: Decimal
    terminal: Decimal
    days: int
    rate: Decimal
    dsa: Decimal
    total: Decimal


def award_cost(airfare: object, terminal: object, days: object, rate: object) -> Cost:
    """What a sponsorship pays: airfare + terminal expenses + DSA days x the DSA rate, to the cent."""
    a = money(airfare, _("the airfare"))
    t = money(terminal, _("the terminal expenses"))
    n = dsa_days(days)
    r = money(rate, _("the DSA rate"))
    dsa = (r * n).quantize(CENT, rounding=ROUND_HALF_UP)
    return Cost(airfare=a, terminal=t, days=n, rate=r, dsa=dsa, total=a + t + dsa)


# -- priority -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    kind: str
    weight: int
    reason: str


@dataclass(frozen=True)
class Facts:
    """What an application says of its State and expert."""

    developing: bool
    party: bool
    attended_before: bool
    can_send_from_capital: bool


def meets(rule: Rule, facts: Facts) -> bool:
    if rule.kind == "developing_not_attended":
        return facts.party and facts.developing and not facts.attended_before
    if rule.kind == "developing_no_capital_experts":
        return facts.party and facts.developing and not facts.can_send_from_capital
    if rule.kind == "not_party":
        return not facts.party
    raise RuleError(f"unknown rule {rule.kind!r}")


def parse_rules(entries: object) -> list[Rule]:
    """The rules from data: a list of {"kind", "weight", "reason"}; each kind once."""
    if not isinstance(entries, list) or not entries:
        raise RuleError("the priority rules must be a non-empty list")
    rules: list[Rule] = []
    for i, entry in enumerate(entries):
        where = f"rule {i + 1}"
        if not isinstance(entry, dict):
            raise RuleError(f"{where} must be a mapping")
        unknown = set(entry) - {"kind", "weight", "reason"}
        if unknown:
            raise RuleError(f"{where}: unknown fields {', '.join(sorted(map(str, unknown)))}")
        kind, weight, reason = entry.get("kind"), entry.get("weight"), entry.get("reason")
        if kind not in RULE_KINDS:
            raise RuleError(f"{where}: kind must be one of {', '.join(sorted(RULE_KINDS))}")
        if any(r.kind == kind for r in rules):
            raise RuleError(f"{where}: {kind} is listed twice")
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= MAX_WEIGHT:
            raise RuleError(f"{where}: the weight must be a whole number from 1 to {MAX_WEIGHT}")
        if not isinstance(reason, str) or not reason.strip():
            raise RuleError(f"{where}: the reason in words is missing")
        rules.append(Rule(kind=str(kind), weight=weight, reason=reason.strip()))
    return rules


def load_rules(path: Path | None = None) -> list[Rule]:
    """The rules from a JSON file (the default one unless `path`)."""
    path = path or DATA_FILE
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise RuleError(f"{path.name}: cannot be read ({e})") from None
    return parse_rules(data.get("rules") if isinstance(data, dict) else data)


@dataclass(frozen=True)
class Score:
    points: int
    reasons: tuple[str, ...]


def score(facts: Facts, rules: Sequence[Rule]) -> Score:
    """The points of an application and the reasons in words, in the order of the rules."""
    met = [r for r in rules if meets(r, facts)]
    return Score(points=sum(r.weight for r in met), reasons=tuple(r.reason for r in met))


@dataclass(frozen=True)
class Candidate:
    key: str
    facts: Facts
    submitted: dt.datetime


@dataclass(frozen=True)
class Ranked:
    rank: int
    key: str
    score: Score


def rank(candidates: Iterable[Candidate], rules: Sequence[Rule]) -> list[Ranked]:
    """Candidates in priority order: points (highest first), submitted (earliest), key. Equal
    points share a rank (1, 2, 2, 4)."""
    scored = sorted(
        ((c, score(c.facts, rules)) for c in candidates),
        key=lambda cs: (-cs[1].points, cs[0].submitted, cs[0].key),
    )
    out: list[Ranked] = []
    for i, (c, s) in enumerate(scored):
        shared = out and out[-1].score.points == s.points
        out.append(Ranked(rank=out[-1].rank if shared else i + 1, key=c.key, score=s))
    return out


# -- the fund -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    """A contribution (what is given) or an award (what is spent): an amount and its earmark. For
    an award `meeting` and `year` say what it is for; for a contribution at most one is set."""

    amount: Decimal
    meeting: str = ""
    year: int | None = None


@dataclass(frozen=True)
class Fund:
    contributed: Decimal
    awarded: Decimal
    balance: Decimal
    # What is left of each earmark once the awards drew on it (meeting and year pools), and of
    # the money not earmarked; `short` is what the awards took beyond the fund (0 when sound).
    left_meeting: Mapping[str, Decimal]
    left_year: Mapping[int, Decimal]
    left_general: Decimal
    short: Decimal

    def available(self, meeting: str, year: int) -> Decimal:
        """What can still be awarded for `meeting` (of `year`)."""
        if self.short > 0:
            return ZERO
        return self.left_meeting.get(meeting, ZERO) + self.left_year.get(year, ZERO) + self.left_general


def fund(contributions: Iterable[Money], awards: Iterable[Money]) -> Fund:
    """The fund: what was contributed, awarded, the balance, and what is left per earmark."""
    by_meeting: dict[str, Decimal] = {}
    by_year: dict[int, Decimal] = {}
    general = ZERO
    contributed = ZERO
    for c in contributions:
        contributed += c.amount
        if c.meeting:
            by_meeting[c.meeting] = by_meeting.get(c.meeting, ZERO) + c.amount
        elif c.year is not None:
            by_year[c.year] = by_year.get(c.year, ZERO) + c.amount
        else:
            general += c.amount
    need_meeting: dict[str, Decimal] = {}
    year_of: dict[str, int] = {}
    awarded = ZERO
    for a in awards:
        if a.year is None:
            raise RuleError("an award says the year of its meeting")
        awarded += a.amount
        need_meeting[a.meeting] = need_meeting.get(a.meeting, ZERO) + a.amount
        year_of[a.meeting] = a.year
    left_meeting = dict(by_meeting)
    need_year: dict[int, Decimal] = {}
    for m, need in need_meeting.items():
        have = left_meeting.get(m, ZERO)
        used = min(have, need)
        if m in left_meeting:
            left_meeting[m] = have - used
        if need > used:
            need_year[year_of[m]] = need_year.get(year_of[m], ZERO) + need - used
    left_year = dict(by_year)
    need_general = ZERO
    for y, need in need_year.items():
        have = left_year.get(y, ZERO)
        used = min(have, need)
        if y in left_year:
            left_year[y] = have - used
        need_general += need - used
    short = max(ZERO, need_general - general)
    return Fund(
        contributed=contributed,
        awarded=awarded,
        balance=contributed - awarded,
        left_meeting=left_meeting,
        left_year=left_year,
        left_general=max(ZERO, general - need_general),
        short=short,
    )
