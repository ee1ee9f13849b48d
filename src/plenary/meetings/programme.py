"""Checks of a proposed intersessional programme against a treaty's rules. Pure: no database.

A proposal is a mapping (read from YAML or JSON; the README documents the format)::

    treaty: BWC
    years:
      - year: 2018
        meetings:
          - {code: MX1, start: 2018-08-07, end: 2018-08-08, chair_group: NAM, vice_chair_groups: [WG, EEG]}
          ...
          - {code: MSP, start: 2018-12-04, end: 2018-12-07, chair_group: EEG}

`check_programme` returns every violation found, each naming the rule it breaks; an empty list
means the proposal keeps every rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from plenary.meetings.rotation import RotationRule, RuleError

# Rule identifiers and what each one says, as printed by `plenary programme check`.
RULES = {
    "format": "the proposal must be readable: years with meetings, each with code, dates and groups",
    "meetings": "each year holds each meeting of the programme exactly once",
    "days": "each meeting lasts the number of days the programme gives it",
    "total-days": "the meetings of a year add up to the programme's days per year",
    "back-to-back": "the Meetings of Experts are held back to back, in order, with no working day between",
    "gap-before-msp": "the Meetings of Experts end at least the given number of months before the MSP opens",
    "chair-rotation": "each meeting is chaired by the group that the rotation rule gives",
    "officer-groups": "the Chair and the Vice-Chairs each come from a different group",
}


@dataclass(frozen=True)
class ProgrammeMeeting:
    code: str
    kind: str
    days: int
    number: int | None = None


@dataclass(frozen=True)
class ProgrammeRules:
    meetings: tuple[ProgrammeMeeting, ...]
    days_per_year: int
    experts_back_to_back: bool
    min_months_before_msp: int
    groups: tuple[str, ...]
    vice_chairs: int
    distinct_groups: bool
    rotation: RotationRule
    series: Mapping[str, str]

    @classmethod
    def from_profile(cls, profile: Mapping[str, Any]) -> ProgrammeRules:
        try:
            prog = profile["programme"]
            meetings = tuple(
                ProgrammeMeeting(m["code"], m["kind"], int(m["days"]), m.get("number"))
                for m in prog["meetings"]
            )
            officers = profile.get("officers", {})
            return cls(
                meetings=meetings,
                days_per_year=int(prog["days_per_year"]),
                experts_back_to_back=bool(prog.get("experts_back_to_back", False)),
                min_months_before_msp=int(prog.get("min_months_between_experts_and_msp", 0)),
                groups=tuple(g["code"] for g in profile["groups"]),
                vice_chairs=int(officers.get("vice_chairs", 2)),
                distinct_groups=bool(officers.get("distinct_groups", True)),
                rotation=RotationRule.from_profile(profile["rotation"]),
                series=dict(prog.get("series", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, RuleError):
                raise
            raise RuleError(f"programme settings incomplete or malformed: {exc}") from exc

    @property
    def experts(self) -> tuple[ProgrammeMeeting, ...]:
        return tuple(m for m in self.meetings if m.kind == "MX")

    @property
    def msp(self) -> ProgrammeMeeting | None:
        return next((m for m in self.meetings if m.kind == "MSP"), None)

    def series_of(self, meeting: ProgrammeMeeting, year: int) -> str:
        return self.series[meeting.kind].format(year=year, number=meeting.number)


@dataclass(frozen=True)
class Violation:
    rule: str
    where: str
    message: str

    def to_dict(self) -> dict:
        return {"rule": self.rule, "where": self.where, "message": self.message}

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [rule {self.rule}: {RULES[self.rule]}]"


def working_days(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days from start to end, both included."""
    days = 0
    day = start
    while day <= end:
        if day.weekday() < 5:
            days += 1
        day += dt.timedelta(days=1)
    return days


def next_working_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip())
    raise ValueError(f"{value!r} is not a date")


@dataclass
class _Planned:
    where: str
    code: str
    start: dt.date
    end: dt.date
    days: int
    chair_group: str | None
    vice_chair_groups: list[str] | None


def check_programme(proposal: Any, rules: ProgrammeRules) -> list[Violation]:
    """Every violation of `rules` in `proposal`, in the order of the proposal."""
    out: list[Violation] = []
    if not isinstance(proposal, Mapping) or not isinstance(proposal.get("years"), Sequence):
        return [Violation("format", "(top)", "the file must be a mapping with a list 'years'")]
    by_code = {m.code: m for m in rules.meetings}
    for yi, year_entry in enumerate(proposal["years"]):
        where_year = f"years[{yi}]"
        if not isinstance(year_entry, Mapping) or not isinstance(year_entry.get("year"), int):
            out.append(
                Violation("format", where_year, "each year needs 'year' (a whole number) and 'meetings'")
            )
            continue
        year = year_entry["year"]
        meetings = year_entry.get("meetings")
        if not isinstance(meetings, Sequence) or isinstance(meetings, str):
            out.append(Violation("format", f"{where_year} ({year})", "'meetings' must be a list"))
            continue
        planned: dict[str, _Planned] = {}
        for mi, entry in enumerate(meetings):
            where = f"{where_year}.meetings[{mi}]"
            item = _read_meeting(entry, where, year, by_code, rules, out)
            if item is None:
                continue
            if item.code in planned:
                out.append(Violation("meetings", item.where, f"{year}: {item.code} is planned twice"))
                continue
            planned[item.code] = item
        missing = [m.code for m in rules.meetings if m.code not in planned]
        if missing:
            out.append(
                Violation("meetings", f"{where_year} ({year})", f"{year}: missing {', '.join(missing)}")
            )
        _check_year(year, where_year, planned, rules, out)
    return out


def _read_meeting(entry, where, year, by_code, rules, out) -> _Planned | None:
    if not isinstance(entry, Mapping) or "code" not in entry:
        out.append(Violation("format", where, "each meeting needs a 'code' (e.g. MX1, MSP)"))
        return None
    code = str(entry["code"])
    where = f"{where} ({year} {code})"
    if code not in by_code:
        known = ", ".join(by_code)
        out.append(Violation("meetings", where, f"{code} is not a meeting of the programme (known: {known})"))
        return None
    try:
        start, end = _as_date(entry["start"]), _as_date(entry["end"])
    except KeyError as exc:
        out.append(Violation("format", where, f"missing {exc.args[0]!r} date (YYYY-MM-DD)"))
        return None
    except ValueError as exc:
        out.append(Violation("format", where, f"bad date: {exc}"))
        return None
    if end < start:
        out.append(Violation("format", where, f"ends ({end}) before it starts ({start})"))
        return None
    if start.year != year:
        out.append(Violation("format", where, f"starts on {start}, outside {year}"))
    chair = entry.get("chair_group")
    vice = entry.get("vice_chair_groups")
    for group in [chair, *(vice or [])]:
        if group is not None and group not in rules.groups:
            out.append(
                Violation("format", where, f"unknown group {group!r} (known: {', '.join(rules.groups)})")
            )
            return None
    if vice is not None and not isinstance(vice, list):
        out.append(Violation("format", where, "'vice_chair_groups' must be a list"))
        return None
    days = entry.get("days", working_days(start, end))
    return _Planned(where, code, start, end, int(days), chair, vice)


def _check_year(year: int, where_year: str, planned: dict[str, _Planned], rules: ProgrammeRules, out) -> None:
    expected_chairs = rules.rotation.chairs(year).chairs
    total = 0
    for meeting in rules.meetings:
        item = planned.get(meeting.code)
        if item is None:
            continue
        total += item.days
        if item.days != meeting.days:
            out.append(
                Violation(
                    "days",
                    item.where,
                    f"lasts {item.days} day(s) ({item.start} to {item.end}); "
                    f"{meeting.code} has {meeting.days}",
                )
            )
        expected = expected_chairs.get(meeting.code)
        if item.chair_group is None:
            out.append(
                Violation(
                    "chair-rotation", item.where, f"no chair_group given; the rotation gives {expected}"
                )
            )
        elif expected is not None and item.chair_group != expected:
            out.append(
                Violation(
                    "chair-rotation",
                    item.where,
                    f"chaired by {item.chair_group}; the rotation gives {expected} for {year}",
                )
            )
        if item.vice_chair_groups is not None:
            _check_officers(item, rules, out)
    if not [m for m in rules.meetings if m.code not in planned] and total != rules.days_per_year:
        out.append(
            Violation(
                "total-days",
                f"{where_year} ({year})",
                f"{year}: {total} days planned; the programme gives {rules.days_per_year}",
            )
        )
    experts = [planned[m.code] for m in rules.experts if m.code in planned]
    if rules.experts_back_to_back:
        for before, after in zip(experts, experts[1:], strict=False):
            if after.start != next_working_day(before.end):
                out.append(
                    Violation(
                        "back-to-back",
                        after.where,
                        f"starts {after.start}; back to back after {before.code} (ends {before.end}) "
                        f"it would start {next_working_day(before.end)}",
                    )
                )
    msp_rule = rules.msp
    msp = planned.get(msp_rule.code) if msp_rule else None
    if msp is not None and experts and rules.min_months_before_msp:
        last = max(experts, key=lambda p: p.end)
        latest_end = add_months(msp.start, -rules.min_months_before_msp)
        if last.end > latest_end:
            out.append(
                Violation(
                    "gap-before-msp",
                    msp.where,
                    f"opens {msp.start}, but {last.code} ends {last.end}: the Meetings of Experts must end "
                    f"by {latest_end}, {rules.min_months_before_msp} months before",
                )
            )


def _check_officers(item: _Planned, rules: ProgrammeRules, out) -> None:
    vice = item.vice_chair_groups or []
    if len(vice) != rules.vice_chairs:
        out.append(
            Violation(
                "officer-groups",
                item.where,
                f"{len(vice)} Vice-Chair group(s) given; the rules give {rules.vice_chairs}",
            )
        )
    if rules.distinct_groups:
        groups = [item.chair_group, *vice]
        repeated = sorted({g for g in groups if g is not None and groups.count(g) > 1})
        if repeated:
            out.append(
                Violation("officer-groups", item.where, f"{', '.join(repeated)} holds more than one office")
            )
