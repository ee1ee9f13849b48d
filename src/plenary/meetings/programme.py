"""Checks of a proposed year (or years) of a treaty's programme against its rules. Pure: no
database.

A treaty's profile gives its programme *shapes* (`programmes` in data/<code>.yaml): which meetings a
year holds and the rules they keep. The BWC has two: the intersessional programme 2018-2020 (five
Meetings of Experts, then the MSP) and the Working Group years (from 2023: one to three sessions
of the Working Group, then the MSP). A proposal is a mapping (read from YAML or JSON; the README
documents the format)::

    treaty: BWC
    shape: intersessional-2018-2020          # optional: else the shape in force each year
    years:
      - year: 2018
        meetings:
          - {code: MX1, start: 2018-08-07, end: 2018-08-08, chair_group: NAM, vice_chair_groups: [WG, EEG]}
          ...
          - {code: MSP, start: 2018-12-04, end: 2018-12-07, chair_group: EEG}
      - year: 2027
        meetings:
          - {code: WG, number: 11, start: 2027-08-02, end: 2027-08-13}   # or {code: WG11, ...}
          - {code: WG, number: 12, start: 2027-11-29, end: 2027-12-03}
          - {code: MSP, start: 2027-12-06, end: 2027-12-08}

`check_programme` returns every violation found, each naming the rule it breaks; an empty list
means the proposal keeps every rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from plenary.core.dates import un_date, un_date_range
from plenary.core.languages import reader_lang
from plenary.meetings.rotation import RotationRule, RuleError
from plenary.treaties.profile import (
    MeetingKind,
    ProfileError,
    describe_shapes,
    meeting_kinds,
    programme_shapes,
    shape_in_force,
    shape_years,
)

# Rule identifiers and what each one says, as printed by `plenary programme check` and the back
# office (in the reader's language: the messages below are translated when a check runs, so a check
# made for a French page says its violations in French, dates as the UN writes them in French).
RULES = {
    "format": gettext_lazy(
        "the proposal must be readable: years with meetings, each with code, dates and groups"
    ),
    "meetings": gettext_lazy("each year holds each meeting of the programme exactly once"),
    "sessions": gettext_lazy(
        "a meeting held in sessions has the programme's number of them, numbered one after another"
    ),
    "days": gettext_lazy("each meeting lasts the number of days the programme gives it"),
    "total-days": gettext_lazy("the meetings of a year add up to the programme's days per year"),
    "back-to-back": gettext_lazy(
        "the Meetings of Experts are held back to back, in order, with no working day between"
    ),
    "gap-before-msp": gettext_lazy(
        "the Meetings of Experts end at least the given number of months before the MSP opens"
    ),
    "msp-last": gettext_lazy(
        "the Meeting of States Parties opens after the year's other meetings have closed"
    ),
    "overlap": gettext_lazy("no two meetings of a year sit on the same day"),
    "chair-rotation": gettext_lazy("each meeting is chaired by the group that the rotation rule gives"),
    "officer-groups": gettext_lazy("the Chair and the Vice-Chairs each come from a different group"),
}


def _day(day: dt.date) -> str:
    return un_date(day, reader_lang())


def _days(start: dt.date, end: dt.date) -> str:
    return un_date_range(start, end, reader_lang())


def _list(values: Sequence[str]) -> str:
    return _(", ").join(values)


@dataclass(frozen=True)
class ProgrammeMeeting:
    """A meeting of a programme year. One held in sessions (the Working Group) gives `sessions`
    (the fewest and most a year) and `days_per_year` for them all, and no `days` of its own."""

    code: str
    kind: str
    days: int | None
    number: int | None = None
    sessions: tuple[int, int] | None = None
    days_per_year: int | None = None

    @property
    def in_sessions(self) -> bool:
        return self.sessions is not None

    def label(self, number: int | None = None) -> str:
        """How a proposal and its violations name the meeting: MX3, MSP, or WG11 (a session)."""
        return f"{self.code}{number}" if self.in_sessions and number is not None else self.code


@dataclass(frozen=True)
class ProgrammeRules:
    meetings: tuple[ProgrammeMeeting, ...]
    days_per_year: int | None
    experts_back_to_back: bool
    min_months_before_msp: int
    groups: tuple[str, ...]
    vice_chairs: int
    distinct_groups: bool
    rotation: RotationRule
    series: Mapping[str, str]
    name: str = "programme"
    title: str = ""
    first_year: int | None = None
    last_year: int | None = None
    chair_rotation: tuple[str, ...] | None = None  # None: every meeting's chair follows the rotation
    msp_last: bool = False
    no_overlap: bool = False
    source: str = ""
    kinds: Mapping[str, MeetingKind] = field(default_factory=dict)

    @classmethod
    def from_profile(
        cls, profile: Mapping[str, Any], shape: str | None = None, *, year: int | None = None
    ) -> ProgrammeRules:
        """The rules of programme shape `shape`; without a name, of the shape in force in `year`;
        without either, of the profile's first shape. RuleError names the shapes there are."""
        try:
            shapes = programme_shapes(profile)
            if not shapes:
                raise RuleError("the treaty profile gives no programme")
            if shape is None:
                shape = shape_in_force(profile, year) if year is not None else next(iter(shapes))
            elif shape not in shapes:
                raise RuleError(f"unknown programme shape {shape!r} (known: {describe_shapes(profile)})")
            prog = shapes[shape]
            kinds = meeting_kinds(profile)
        except ProfileError as exc:
            raise RuleError(str(exc)) from None
        try:
            meetings = tuple(_programme_meeting(m, kinds) for m in prog["meetings"])
            if len({m.code for m in meetings}) != len(meetings):
                raise RuleError(f"programme {shape!r}: a meeting code is given twice")
            officers = profile.get("officers", {})
            series = dict(prog.get("series") or {k.code: k.series[0] for k in kinds.values()})
            rotation_codes = prog.get("chair_rotation")
            first, last = shape_years(prog)
            return cls(
                meetings=meetings,
                days_per_year=int(prog["days_per_year"]) if prog.get("days_per_year") is not None else None,
                experts_back_to_back=bool(prog.get("experts_back_to_back", False)),
                min_months_before_msp=int(prog.get("min_months_between_experts_and_msp", 0)),
                groups=tuple(g["code"] for g in profile["groups"]),
                vice_chairs=int(officers.get("vice_chairs", 2)),
                distinct_groups=bool(officers.get("distinct_groups", True)),
                rotation=RotationRule.from_profile(profile["rotation"]),
                series=series,
                name=shape,
                title=str(prog.get("title", "")),
                first_year=first,
                last_year=last,
                chair_rotation=tuple(rotation_codes) if rotation_codes is not None else None,
                msp_last=bool(prog.get("msp_last", False)),
                no_overlap=bool(prog.get("no_overlap", False)),
                source=str(prog.get("source", "")),
                kinds=kinds,
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

    def rotates(self, code: str) -> bool:
        """Whether the chair of meeting `code` comes from the rotation rule."""
        return self.chair_rotation is None or code in self.chair_rotation

    def series_of(self, meeting: ProgrammeMeeting, year: int, number: int | None = None) -> str:
        """The series of the meeting in `year` (a session's: of session `number`)."""
        number = number if number is not None else meeting.number
        kind = self.kinds.get(meeting.kind)
        if kind is not None:
            return kind.format_series(year=year, number=number)
        return self.series[meeting.kind].format(year=year, number=number)


def _programme_meeting(entry: Mapping[str, Any], kinds: Mapping[str, MeetingKind]) -> ProgrammeMeeting:
    if kinds and entry["kind"] not in kinds:
        raise RuleError(f"{entry['code']}: kind {entry['kind']!r} is not one of the profile's meeting kinds")
    sessions = entry.get("sessions")
    if sessions is not None:
        low, high = (int(n) for n in sessions)
        if not 1 <= low <= high:
            raise RuleError(f"{entry['code']}: sessions must be [fewest, most], 1 or more")
        return ProgrammeMeeting(
            entry["code"],
            entry["kind"],
            None,
            None,
            sessions=(low, high),
            days_per_year=int(entry["days_per_year"]) if entry.get("days_per_year") is not None else None,
        )
    return ProgrammeMeeting(entry["code"], entry["kind"], int(entry["days"]), entry.get("number"))


@dataclass(frozen=True)
class Violation:
    """One rule broken. `where` is the place in the proposal's file (years[1].meetings[2] (2019
    MSP)), for a program or an editor; `subject` says the same in words ("the Meeting of States
    Parties 2019"), for a person: the back office and `plenary programme check` show it."""

    rule: str
    where: str
    message: str
    subject: str = ""

    def to_dict(self) -> dict:
        return {"rule": self.rule, "where": self.where, "subject": self.said, "message": self.message}

    @property
    def said(self) -> str:
        return self.subject or self.where

    def __str__(self) -> str:
        return _("%(subject)s: %(message)s [rule %(rule)s: %(says)s]") % {
            "subject": self.said,
            "message": self.message,
            "rule": self.rule,
            "says": RULES[self.rule],
        }


def _year_words(year: int) -> str:
    return _("the year %(year)s") % {"year": year}


def _meeting_words(rules: ProgrammeRules, meeting: ProgrammeMeeting, year: int, number: int | None) -> str:
    """The meeting as a person names it: "the Meeting of States Parties 2019", "the Meeting of
    Experts MX3 of 2019", "the Working Group session 11 (2027)"."""
    kind = rules.kinds.get(meeting.kind)
    name = (kind.names.get(reader_lang()) or kind.name) if kind else meeting.code
    if meeting.in_sessions:
        if number is not None:
            return _("the %(name)s %(number)s (%(year)s)") % {"name": name, "number": number, "year": year}
        return _("a %(name)s of %(year)s") % {"name": name, "year": year}
    if len([m for m in rules.meetings if m.kind == meeting.kind]) > 1:
        return _("the %(name)s %(code)s of %(year)s") % {"name": name, "code": meeting.code, "year": year}
    return _("the %(name)s %(year)s") % {"name": name, "year": year}


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
    subject: str
    code: str
    label: str
    number: int | None
    start: dt.date
    end: dt.date
    days: int
    chair_group: str | None
    vice_chair_groups: list[str] | None


RulesFor = ProgrammeRules | Callable[[int], ProgrammeRules]


def check_programme(proposal: Any, rules: RulesFor) -> list[Violation]:
    """Every violation of `rules` in `proposal`, in the order of the proposal. `rules` is one
    shape's rules, or a function giving the rules of a year (the shape in force that year)."""
    out: list[Violation] = []
    if not isinstance(proposal, Mapping) or not isinstance(proposal.get("years"), Sequence):
        return [
            Violation(
                "format", "(top)", _("the file must be a mapping with a list 'years'"), _("the proposal")
            )
        ]
    for yi, year_entry in enumerate(proposal["years"]):
        where_year = f"years[{yi}]"
        if not isinstance(year_entry, Mapping) or not isinstance(year_entry.get("year"), int):
            out.append(
                Violation(
                    "format",
                    where_year,
                    _("each year needs 'year' (a whole number) and 'meetings'"),
                    _("year %(position)s of the proposal") % {"position": yi + 1},
                )
            )
            continue
        year = year_entry["year"]
        meetings = year_entry.get("meetings")
        if not isinstance(meetings, Sequence) or isinstance(meetings, str):
            out.append(
                Violation(
                    "format",
                    f"{where_year} ({year})",
                    _("its meetings must be a list ('meetings')"),
                    _year_words(year),
                )
            )
            continue
        if isinstance(rules, ProgrammeRules):
            year_rules = rules
        else:
            try:
                year_rules = rules(year)
            except (RuleError, ProfileError) as exc:
                out.append(Violation("format", f"{where_year} ({year})", str(exc), _year_words(year)))
                continue
        _check_one_year(year, where_year, meetings, year_rules, out)
    return out


def _check_one_year(year: int, where_year: str, meetings: Sequence, rules: ProgrammeRules, out) -> None:
    """The year's violations, each with its subject in words: the meeting's, else the year's."""
    found: list[Violation] = []
    planned = _check_one_year_at(year, where_year, meetings, rules, found)
    subjects = {p.where: p.subject for p in planned.values()}
    out.extend(
        v if v.subject else replace(v, subject=subjects.get(v.where, _year_words(year))) for v in found
    )


def _check_one_year_at(
    year: int, where_year: str, meetings: Sequence, rules: ProgrammeRules, out
) -> dict[str, _Planned]:
    by_code = {m.code: m for m in rules.meetings}
    planned: dict[str, _Planned] = {}
    for mi, entry in enumerate(meetings):
        where = f"{where_year}.meetings[{mi}]"
        item = _read_meeting(entry, where, year, by_code, rules, out, position=mi + 1)
        if item is None:
            continue
        if item.label in planned:
            out.append(
                Violation(
                    "meetings",
                    item.where,
                    _("%(label)s is planned twice") % {"label": item.label},
                    item.subject,
                )
            )
            continue
        planned[item.label] = item
    missing = []
    for m in rules.meetings:
        if m.in_sessions:
            assert m.sessions is not None
            held = [p for p in planned.values() if p.code == m.code]
            if not held:
                missing.append(m.code)
            elif not m.sessions[0] <= len(held) <= m.sessions[1]:
                out.append(
                    Violation(
                        "sessions",
                        f"{where_year} ({year})",
                        ngettext(
                            "%(count)s %(code)s session planned; the programme gives %(between)s",
                            "%(count)s %(code)s sessions planned; the programme gives %(between)s",
                            len(held),
                        )
                        % {"count": len(held), "code": m.code, "between": _between(*m.sessions)},
                    )
                )
        elif m.code not in planned:
            missing.append(m.code)
    if missing:
        out.append(
            Violation(
                "meetings", f"{where_year} ({year})", _("missing %(codes)s") % {"codes": _list(missing)}
            )
        )
    _check_year(year, where_year, planned, rules, out, complete=not missing)
    return planned


def _hint(rules: ProgrammeRules, meeting: ProgrammeMeeting) -> str:
    kind = rules.kinds.get(meeting.kind)
    return kind.series_hint if kind is not None else rules.series.get(meeting.kind, meeting.kind)


def _between(low: int, high: int) -> str:
    return str(low) if low == high else _("%(low)s to %(high)s") % {"low": low, "high": high}


def _read_meeting(entry, where, year, by_code, rules, out, *, position: int) -> _Planned | None:
    if not isinstance(entry, Mapping) or "code" not in entry:
        out.append(
            Violation(
                "format",
                where,
                _("each meeting needs a 'code' (e.g. MX1, MSP)"),
                _("meeting %(position)s listed for %(year)s") % {"position": position, "year": year},
            )
        )
        return None
    code = str(entry["code"])
    number = entry.get("number")
    meeting = by_code.get(code)
    if meeting is None:
        # A session may be written with its number: WG11 for {code: WG, number: 11}.
        found = re.fullmatch(r"(.*?)([1-9][0-9]*)", code)
        if found and found.group(1) in by_code and by_code[found.group(1)].in_sessions and number is None:
            meeting, number = by_code[found.group(1)], int(found.group(2))
    if meeting is None:
        known = _list([m.code for m in rules.meetings])
        out.append(
            Violation(
                "meetings",
                f"{where} ({year} {code})",
                _("%(code)s is not a meeting of the programme (known: %(known)s)")
                % {"code": code, "known": known},
                _("the meeting %(code)s listed for %(year)s") % {"code": code, "year": year},
            )
        )
        return None
    if meeting.in_sessions:
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            out.append(
                Violation(
                    "format",
                    f"{where} ({year} {code})",
                    _("each %(code)s session needs its 'number', a whole number (%(hint)s)")
                    % {"code": meeting.code, "hint": _hint(rules, meeting)},
                    _meeting_words(rules, meeting, year, None),
                )
            )
            return None
    else:
        number = meeting.number
    label = meeting.label(number)
    where = f"{where} ({year} {label})"
    subject = _meeting_words(rules, meeting, year, number)
    dates = {}
    for key, not_given, not_a_date in (
        (
            "start",
            _("no opening date given (start, YYYY-MM-DD)"),
            _("the opening date %(value)s is not a date of the calendar (write YYYY-MM-DD)"),
        ),
        (
            "end",
            _("no closing date given (end, YYYY-MM-DD)"),
            _("the closing date %(value)s is not a date of the calendar (write YYYY-MM-DD)"),
        ),
    ):
        if key not in entry:
            out.append(Violation("format", where, not_given, subject))
            return None
        try:
            dates[key] = _as_date(entry[key])
        except ValueError:
            out.append(Violation("format", where, not_a_date % {"value": str(entry[key])[:40]}, subject))
            return None
    start, end = dates["start"], dates["end"]
    if end < start:
        out.append(
            Violation(
                "format",
                where,
                _("closes (%(end)s) before it opens (%(start)s)") % {"end": _day(end), "start": _day(start)},
                subject,
            )
        )
        return None
    if start.year != year:
        out.append(
            Violation(
                "format",
                where,
                _("opens on %(start)s, outside %(year)s") % {"start": _day(start), "year": year},
                subject,
            )
        )
    chair = entry.get("chair_group")
    vice = entry.get("vice_chair_groups")
    for group in [chair, *(vice or [])]:
        if group is not None and group not in rules.groups:
            out.append(
                Violation(
                    "format",
                    where,
                    _("unknown group %(group)s (known: %(known)s)")
                    % {"group": repr(group)[:40], "known": _list(list(rules.groups))},
                    subject,
                )
            )
            return None
    if vice is not None and not isinstance(vice, list):
        out.append(
            Violation(
                "format", where, _("the Vice-Chairs' groups must be a list (vice_chair_groups)"), subject
            )
        )
        return None
    days = entry.get("days", working_days(start, end))
    return _Planned(where, subject, meeting.code, label, number, start, end, int(days), chair, vice)


def _check_year(
    year: int, where_year: str, planned: dict[str, _Planned], rules: ProgrammeRules, out, *, complete: bool
) -> None:
    expected_chairs = rules.rotation.chairs(year).chairs
    total = 0
    for meeting in rules.meetings:
        items = [p for p in planned.values() if p.code == meeting.code]
        if meeting.in_sessions:
            _check_sessions(year, where_year, meeting, items, out)
        for item in items:
            total += item.days
            if meeting.days is not None and item.days != meeting.days:
                out.append(
                    Violation(
                        "days",
                        item.where,
                        ngettext(
                            "lasts %(count)s day (%(dates)s); %(code)s has %(days)s",
                            "lasts %(count)s days (%(dates)s); %(code)s has %(days)s",
                            item.days,
                        )
                        % {
                            "count": item.days,
                            "dates": _days(item.start, item.end),
                            "code": meeting.code,
                            "days": meeting.days,
                        },
                    )
                )
            if rules.rotates(meeting.code):
                expected = expected_chairs.get(meeting.code)
                if item.chair_group is None:
                    out.append(
                        Violation(
                            "chair-rotation",
                            item.where,
                            _("no chair group given (chair_group); the rotation gives %(group)s")
                            % {"group": expected},
                        )
                    )
                elif expected is not None and item.chair_group != expected:
                    out.append(
                        Violation(
                            "chair-rotation",
                            item.where,
                            _("chaired by %(given)s; the rotation gives %(group)s for %(year)s")
                            % {"given": item.chair_group, "group": expected, "year": year},
                        )
                    )
            if item.vice_chair_groups is not None:
                _check_officers(item, rules, out)
    if complete and rules.days_per_year is not None and total != rules.days_per_year:
        out.append(
            Violation(
                "total-days",
                f"{where_year} ({year})",
                ngettext(
                    "%(count)s day planned; the programme gives %(days)s",
                    "%(count)s days planned; the programme gives %(days)s",
                    total,
                )
                % {"count": total, "days": rules.days_per_year},
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
                        _(
                            "starts %(start)s; back to back after %(before)s (ends %(end)s) "
                            "it would start %(expected)s"
                        )
                        % {
                            "start": _day(after.start),
                            "before": before.code,
                            "end": _day(before.end),
                            "expected": _day(next_working_day(before.end)),
                        },
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
                    ngettext(
                        "opens %(start)s, but %(last)s ends %(end)s: the Meetings of Experts must end "
                        "by %(latest)s, %(months)s month before",
                        "opens %(start)s, but %(last)s ends %(end)s: the Meetings of Experts must end "
                        "by %(latest)s, %(months)s months before",
                        rules.min_months_before_msp,
                    )
                    % {
                        "start": _day(msp.start),
                        "last": last.code,
                        "end": _day(last.end),
                        "latest": _day(latest_end),
                        "months": rules.min_months_before_msp,
                    },
                )
            )
    if msp is not None and rules.msp_last:
        others = [p for p in planned.values() if p is not msp]
        if others:
            last = max(others, key=lambda p: p.end)
            if msp.start <= last.end:
                out.append(
                    Violation(
                        "msp-last",
                        msp.where,
                        _(
                            "opens %(start)s, but %(last)s closes %(end)s: the Meeting of States "
                            "Parties opens after the year's other meetings"
                        )
                        % {"start": _day(msp.start), "last": last.label, "end": _day(last.end)},
                    )
                )
    if rules.no_overlap:
        ordered = sorted(planned.values(), key=lambda p: (p.start, p.end))
        for i, item in enumerate(ordered):
            clash = next((p for p in ordered[:i] if p.end >= item.start), None)
            if clash is not None:
                out.append(
                    Violation(
                        "overlap",
                        item.where,
                        _("opens %(start)s, while %(other)s sits (%(dates)s)")
                        % {
                            "start": _day(item.start),
                            "other": clash.label,
                            "dates": _days(clash.start, clash.end),
                        },
                    )
                )


def _check_sessions(
    year: int, where_year: str, meeting: ProgrammeMeeting, items: list[_Planned], out
) -> None:
    """A meeting held in sessions: numbered one after another, in date order, and (when the
    programme says) adding up to its days a year."""
    if not items:
        return
    numbers = sorted(p.number for p in items if p.number is not None)
    expected = list(range(numbers[0], numbers[0] + len(numbers)))
    if numbers != expected:
        out.append(
            Violation(
                "sessions",
                f"{where_year} ({year})",
                _("%(code)s sessions numbered %(numbers)s; sessions follow one another (%(expected)s)")
                % {
                    "code": meeting.code,
                    "numbers": _list([str(n) for n in numbers]),
                    "expected": _list([str(n) for n in expected]),
                },
            )
        )
    by_number = sorted(items, key=lambda p: p.number or 0)
    for before, after in zip(by_number, by_number[1:], strict=False):
        if after.start < before.start:
            out.append(
                Violation(
                    "sessions",
                    after.where,
                    _(
                        "opens %(start)s, before %(before)s (%(before_start)s): sessions are numbered "
                        "in the order they meet"
                    )
                    % {
                        "start": _day(after.start),
                        "before": before.label,
                        "before_start": _day(before.start),
                    },
                )
            )
    if meeting.days_per_year is not None and meeting.sessions is not None:
        total = sum(p.days for p in items)
        if meeting.sessions[0] <= len(items) <= meeting.sessions[1] and total != meeting.days_per_year:
            out.append(
                Violation(
                    "total-days",
                    f"{where_year} ({year})",
                    ngettext(
                        "%(count)s day of %(code)s sessions planned; the programme gives %(days)s",
                        "%(count)s days of %(code)s sessions planned; the programme gives %(days)s",
                        total,
                    )
                    % {"count": total, "code": meeting.code, "days": meeting.days_per_year},
                )
            )


def _check_officers(item: _Planned, rules: ProgrammeRules, out) -> None:
    vice = item.vice_chair_groups or []
    if len(vice) != rules.vice_chairs:
        out.append(
            Violation(
                "officer-groups",
                item.where,
                ngettext(
                    "%(count)s Vice-Chair group given; the rules give %(rule)s",
                    "%(count)s Vice-Chair groups given; the rules give %(rule)s",
                    len(vice),
                )
                % {"count": len(vice), "rule": rules.vice_chairs},
            )
        )
    if rules.distinct_groups:
        groups = [item.chair_group, *vice]
        repeated = sorted({g for g in groups if g is not None and groups.count(g) > 1})
        if repeated:
            out.append(
                Violation(
                    "officer-groups",
                    item.where,
                    ngettext(
                        "%(groups)s holds more than one office",
                        "%(groups)s hold more than one office each",
                        len(repeated),
                    )
                    % {"groups": _list(repeated)},
                )
            )


# -- the programme as the records hold it -------------------------------------------------------

# A year of the programme is shown when a meeting of it was held or is planned; postponed and
# cancelled meetings make no year.
ON_RECORD = ("held", "planned")


@dataclass(frozen=True)
class RecordedYear:
    """A year of the programme as the records hold it: the shape in force, the meetings of that
    shape recorded for the year (held or planned, in date order), and, where the shape's chairs
    follow the rotation rule, the group the rule gives each meeting code (else None)."""

    year: int
    rules: ProgrammeRules
    meetings: tuple[Any, ...]
    rotation: Mapping[str, str] | None

    def expected(self, code: str) -> str | None:
        return self.rotation.get(code) if self.rotation is not None else None


def recorded_years(profile: Mapping[str, Any], meetings: Sequence[Any]) -> list[RecordedYear]:
    """The years of the programme that the records hold, oldest first.

    `meetings` are meeting records (anything with kind, year, status, start, code). A year is
    listed when one of its meetings of the kinds of the shape in force that year was held or is
    planned; a year with no shape in force (before the first) or no such meeting is not listed,
    so no year is invented between two recorded ones. The rotation is given only for years whose
    shape takes its chairs from the rotation rule (the intersessional programme 2018-2020; the
    Working Group years elect their officers)."""
    by_year: dict[int, list[Any]] = {}
    for meeting in meetings:
        if meeting.status in ON_RECORD:
            by_year.setdefault(meeting.year, []).append(meeting)
    out = []
    for year in sorted(by_year):
        try:
            rules = ProgrammeRules.from_profile(profile, year=year)
        except RuleError:
            continue
        kinds = {m.kind for m in rules.meetings}
        held = sorted(
            (m for m in by_year[year] if m.kind in kinds),
            key=lambda m: (m.start or dt.date.max, m.code),
        )
        if not held:
            continue
        rotation = None
        if rules.chair_rotation is None or rules.chair_rotation:
            chairs = rules.rotation.chairs(year).chairs
            rotation = {code: group for code, group in chairs.items() if rules.rotates(code)}
        out.append(RecordedYear(year, rules, tuple(held), rotation))
    return out
