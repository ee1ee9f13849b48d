"""Officer rotation between a treaty's political groups. Pure: no database.

The BWC rule (BWC/CONF.VIII/4 paras. 6-7; BWC/MSP/2017/6 para. 19(d)): the chair of the Meeting of
States Parties (MSP) passes round the groups in a fixed cycle, year by year; each Meeting of
Experts takes its chair's group from the MSPs: the group that chaired last year's MSP, the group
that chairs this year's, or the remaining one. Other treaties give other cycles in their profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DERIVATIONS = ("previous_msp", "this_msp", "other")


class RuleError(ValueError):
    """A treaty profile's rotation or programme settings are inconsistent."""


@dataclass(frozen=True)
class YearChairs:
    year: int
    chairs: dict[str, str]  # meeting code -> group code, MSP first, then experts in order

    def to_dict(self) -> dict:
        return {"year": self.year, "chairs": dict(self.chairs)}


@dataclass(frozen=True)
class RotationRule:
    cycle: tuple[str, ...]
    anchor_year: int
    anchor_group: str
    experts: Mapping[str, str] = field(default_factory=dict)  # meeting code -> derivation
    msp_code: str = "MSP"

    def __post_init__(self) -> None:
        if len(self.cycle) < 2 or len(set(self.cycle)) != len(self.cycle):
            raise RuleError(f"rotation cycle must list two or more distinct groups, got {list(self.cycle)}")
        if self.anchor_group not in self.cycle:
            raise RuleError(f"anchor group {self.anchor_group!r} is not in the cycle {list(self.cycle)}")
        for code, how in self.experts.items():
            if how not in DERIVATIONS:
                raise RuleError(
                    f"{code}: unknown chair derivation {how!r} (use one of {', '.join(DERIVATIONS)})"
                )
            if how == "other" and len(self.cycle) != 3:
                raise RuleError(f"{code}: 'other' needs exactly three groups in the cycle")

    @classmethod
    def from_profile(cls, rotation: Mapping) -> RotationRule:
        try:
            return cls(
                cycle=tuple(rotation["cycle"]),
                anchor_year=int(rotation["anchor"]["year"]),
                anchor_group=str(rotation["anchor"]["group"]),
                experts=dict(rotation.get("experts", {})),
            )
        except (KeyError, TypeError) as exc:
            raise RuleError(f"rotation settings incomplete: missing {exc}") from exc

    def msp_group(self, year: int) -> str:
        start = self.cycle.index(self.anchor_group)
        return self.cycle[(start + year - self.anchor_year) % len(self.cycle)]

    def chairs(self, year: int) -> YearChairs:
        this = self.msp_group(year)
        previous = self.msp_group(year - 1)
        result = {self.msp_code: this}
        for code, how in self.experts.items():
            if how == "this_msp":
                result[code] = this
            elif how == "previous_msp":
                result[code] = previous
            else:
                (result[code],) = [g for g in self.cycle if g not in (this, previous)]
        return YearChairs(year, result)

    def plan(self, first: int, last: int) -> list[YearChairs]:
        if last < first:
            raise RuleError(f"the span {first}-{last} is empty: the last year comes before the first")
        return [self.chairs(year) for year in range(first, last + 1)]
