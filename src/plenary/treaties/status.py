"""Treaty status on a date, from treaty events. Pure: no database.

A State is a State Party from its ratification, accession or succession, but not before the
treaty's entry into force: an instrument deposited earlier takes effect on that day (BWC Art. XIV
(3)-(5)); until then the State is counted with the signatories. A State is a signatory from its
signature until it becomes a party; otherwise neither. (The BWC has no withdrawal clause in use;
a treaty that has withdrawals would add an event kind here.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

PARTY_EVENTS = frozenset({"ratification", "accession", "succession"})
SIGNATURE = "signature"


@dataclass(frozen=True)
class TreatyStatus:
    date: dt.date
    states_parties: tuple[str, ...]
    signatories: tuple[str, ...]
    neither: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "states_parties": list(self.states_parties),
            "signatories": list(self.signatories),
            "neither": list(self.neither),
        }

    def status_of(self, code: str) -> str:
        if code in self.states_parties:
            return "state_party"
        if code in self.signatories:
            return "signatory"
        return "neither"


def status_on(
    states: Iterable[str],
    events: Iterable[tuple[str, str, dt.date]],
    on: dt.date,
    *,
    entry_into_force: dt.date | None = None,
) -> TreatyStatus:
    """Sort `states` (alpha-3 codes) into parties, signatories and neither on the date `on`.

    `events` are (state, kind, date). An event counts from its own date on (a State that deposits
    its instrument on the day of a meeting is a party at that meeting).
    """
    in_force = entry_into_force is None or on >= entry_into_force
    parties: set[str] = set()
    signed: set[str] = set()
    for code, kind, date in events:
        if date > on:
            continue
        if kind in PARTY_EVENTS:
            (parties if in_force else signed).add(code)
        elif kind == SIGNATURE:
            signed.add(code)
        else:
            raise ValueError(f"unknown treaty event kind {kind!r} for {code}")
    all_states = set(states)
    unknown = (parties | signed) - all_states
    if unknown:
        raise ValueError(f"events name unknown States: {', '.join(sorted(unknown))}")
    return TreatyStatus(
        date=on,
        states_parties=tuple(sorted(parties)),
        signatories=tuple(sorted(signed - parties)),
        neither=tuple(sorted(all_states - parties - signed)),
    )
