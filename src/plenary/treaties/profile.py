"""Treaty profiles: the per-treaty settings files (data/<code>.yaml). Pure: no database.

A profile holds the treaty's titles, groups, officer rule, chair rotation, kinds of meeting (their
symbol series, default days, open or closed, the report each gives), programme shapes and symbol
prefix, so that another convention runs on the same code with its own file. The typed readers
below (`meeting_kinds`, `programme_shapes`, `shape_in_force`) read a profile as `read_profile`
returns it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from plenary.core.jsondata import jsonable

DATA_DIR = Path(__file__).resolve().parent / "data"


class ProfileError(ValueError):
    """No profile for that treaty, or an unreadable one."""


def available_treaties(data_dir: Path = DATA_DIR) -> list[str]:
    return sorted(
        p.stem.upper()
        for p in data_dir.glob("*.yaml")
        if "code" in (yaml.safe_load(p.read_text("utf-8")) or {})
    )


def read_profile(code: str, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """The profile of treaty `code` as plain JSON-able data (dates as ISO strings)."""
    path = data_dir / f"{code.lower()}.yaml"
    if not code.isalnum() or not path.exists():
        known = ", ".join(available_treaties(data_dir)) or "none"
        raise ProfileError(f"unknown treaty {code!r} (known: {known})")
    try:
        profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path.name}: not valid YAML: {exc}") from exc
    return jsonable(profile)


# -- meeting kinds ------------------------------------------------------------------------------

NUMBER_MEANINGS = ("ordinal", "session", "meeting", "none")
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_PLACEHOLDERS = {
    "year": r"(?P<year>[0-9]{4})",
    "number": r"(?P<number>[1-9][0-9]{0,4})",
    "roman": r"(?P<roman>[IVXLCDM]+)",
}


def to_roman(number: int) -> str:
    """9 -> "IX" (the ordinal of a Review Conference in its symbol, BWC/CONF.IX)."""
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 3999:
        raise ValueError(f"{number!r} has no Roman numeral (1 to 3999)")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    """ "IX" -> 9; None when `text` is not a Roman numeral written the usual way ("VIIII")."""
    value, i = 0, 0
    for amount, letters in _ROMAN:
        while text.startswith(letters, i):
            value += amount
            i += len(letters)
    if i != len(text) or value == 0 or to_roman(value) != text:
        return None
    return value


@dataclass(frozen=True)
class SeriesParts:
    """What a meeting's series says: the pattern it matched, its year and its number."""

    pattern: str
    year: int | None
    number: int | None


@dataclass(frozen=True)
class MeetingKind:
    """A kind of meeting as the treaty profile gives it (`meeting_kinds` in data/<code>.yaml)."""

    code: str
    names: Mapping[str, str]
    series: tuple[str, ...]
    number: str
    days: int
    closed: bool
    report: str
    officers: Mapping[str, Any] | None
    source: str

    @property
    def name(self) -> str:
        return self.names.get("en", self.code)

    @property
    def series_hint(self) -> str:
        """The patterns as a person writes them: BWC/MSP/<year>, BWC/CONF.<roman>."""
        return " or ".join(p.replace("{", "<").replace("}", ">") for p in self.series)

    def parse_series(self, series: str) -> SeriesParts | None:
        """The parts of `series` when it is written as one of the kind's patterns, else None."""
        for pattern in self.series:
            found = _pattern_regex(pattern).fullmatch(series)
            if found is None:
                continue
            parts = found.groupdict()
            number: int | None = None
            if parts.get("roman") is not None:
                number = from_roman(parts["roman"])
                if number is None:
                    continue
            elif parts.get("number") is not None:
                number = int(parts["number"])
            year = int(parts["year"]) if parts.get("year") is not None else None
            return SeriesParts(pattern, year, number)
        return None

    def format_series(self, *, year: int | None = None, number: int | None = None) -> str:
        """The series of a meeting of this kind: the first pattern whose placeholders are given."""
        values: dict[str, str] = {}
        if year is not None:
            values["year"] = str(year)
        if number is not None:
            values["number"] = str(number)
            values["roman"] = to_roman(number)
        for pattern in self.series:
            needed = set(re.findall(r"\{(\w+)\}", pattern))
            if needed <= set(values):
                return pattern.format(**{k: values[k] for k in needed})
        raise ProfileError(f"{self.code}: its series {self.series_hint} needs a year or a number")


@lru_cache(maxsize=64)
def _pattern_regex(pattern: str) -> re.Pattern[str]:
    out, pos = [], 0
    for found in re.finditer(r"\{(\w+)\}", pattern):
        out.append(re.escape(pattern[pos : found.start()]))
        out.append(_PLACEHOLDERS[found.group(1)])
        pos = found.end()
    out.append(re.escape(pattern[pos:]))
    return re.compile("".join(out))


def meeting_kinds(profile: Mapping[str, Any]) -> dict[str, MeetingKind]:
    """The profile's kinds of meeting, in the profile's order: code -> MeetingKind."""
    out: dict[str, MeetingKind] = {}
    for code, entry in (profile.get("meeting_kinds") or {}).items():
        where = f"meeting_kinds.{code}"
        try:
            patterns = tuple(str(p) for p in entry["series"])
            for pattern in patterns:
                unknown = set(re.findall(r"\{(\w+)\}", pattern)) - set(_PLACEHOLDERS)
                if unknown:
                    raise ProfileError(f"{where}: unknown placeholder(s) {', '.join(sorted(unknown))}")
            number = str(entry.get("number", "none"))
            if number not in NUMBER_MEANINGS:
                raise ProfileError(f"{where}: number must be one of {', '.join(NUMBER_MEANINGS)}")
            report = str(entry["report"])
            if report not in (profile.get("report_kinds") or {}):
                raise ProfileError(f"{where}: report kind {report!r} is not in report_kinds")
            days = int(entry["days"])
            if days < 1:
                raise ProfileError(f"{where}: days must be 1 or more")
            out[code] = MeetingKind(
                code=code,
                names=dict(entry["names"]),
                series=patterns,
                number=number,
                days=days,
                closed=bool(entry.get("closed", False)),
                report=report,
                officers=dict(entry["officers"]) if entry.get("officers") else None,
                source=str(entry.get("source", "")).strip(),
            )
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, ProfileError):
                raise
            raise ProfileError(f"{where}: incomplete or malformed ({exc!r})") from exc
    return out


def kind_of_series(profile: Mapping[str, Any], series: str) -> str | None:
    """The code of the kind whose series pattern `series` is written in, or None."""
    for code, kind in meeting_kinds(profile).items():
        if kind.parse_series(series) is not None:
            return code
    return None


def officer_rule(profile: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The officers a meeting of `kind` seats: the kind's own rule, else the profile's."""
    rule = dict(profile.get("officers") or {})
    entry = (profile.get("meeting_kinds") or {}).get(kind) or {}
    rule.update(entry.get("officers") or {})
    return rule


# -- programme shapes ---------------------------------------------------------------------------


def programme_shapes(profile: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The profile's programme shapes, in the profile's order: name -> its settings.

    A profile of the first version gave one `programme` with no name; it reads as one shape,
    "programme", in force every year."""
    shapes = profile.get("programmes")
    if shapes is None and isinstance(profile.get("programme"), Mapping):
        return {"programme": dict(profile["programme"])}
    out: dict[str, Mapping[str, Any]] = {}
    for i, shape in enumerate(shapes or []):
        if not isinstance(shape, Mapping) or not shape.get("name"):
            raise ProfileError(f"programmes[{i}]: each programme shape needs a name")
        if shape["name"] in out:
            raise ProfileError(f"programmes[{i}]: the name {shape['name']!r} is given twice")
        out[str(shape["name"])] = shape
    return out


def shape_years(shape: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """The first and last year a shape is in force (None: open-ended)."""
    years = shape.get("years") or {}
    first, last = years.get("from"), years.get("to")
    return (int(first) if first is not None else None, int(last) if last is not None else None)


def shape_in_force(profile: Mapping[str, Any], year: int) -> str:
    """The name of the programme shape in force in `year`; ProfileError when none is."""
    shapes = programme_shapes(profile)
    for name, shape in shapes.items():
        first, last = shape_years(shape)
        if (first is None or first <= year) and (last is None or year <= last):
            return name
    spans = ", ".join(f"{name} ({_span(shape)})" for name, shape in shapes.items()) or "none"
    raise ProfileError(f"no programme shape is in force in {year} (shapes: {spans})")


def _span(shape: Mapping[str, Any]) -> str:
    first, last = shape_years(shape)
    if last is None:
        return f"from {first}" if first is not None else "every year"
    return f"{first}-{last}" if first is not None else f"until {last}"


def describe_shapes(profile: Mapping[str, Any]) -> str:
    """ "intersessional-2018-2020 (2018-2022), working-group (from 2023)"."""
    return ", ".join(f"{name} ({_span(shape)})" for name, shape in programme_shapes(profile).items())
