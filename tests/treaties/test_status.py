"""Treaty status on a date, from events: the pure rule."""

import datetime as dt

import pytest

from plenary.treaties.status import status_on

D = dt.date
STATES = ["AAA", "BBB", "CCC", "DDD"]
EVENTS = [
    ("AAA", "signature", D(1972, 4, 10)),
    ("AAA", "ratification", D(1973, 1, 1)),
    ("BBB", "signature", D(1972, 4, 10)),
    ("BBB", "ratification", D(2019, 8, 14)),
    ("CCC", "accession", D(2017, 9, 21)),
]


def test_status_sorts_states_by_their_events_on_the_date():
    status = status_on(STATES, EVENTS, D(2017, 12, 4), entry_into_force=D(1975, 3, 26))
    assert status.to_dict() == {
        "date": "2017-12-04",
        "states_parties": ["AAA", "CCC"],
        "signatories": ["BBB"],
        "neither": ["DDD"],
    }


def test_an_event_counts_from_its_own_day():
    assert status_on(STATES, EVENTS, D(2017, 9, 20)).states_parties == ("AAA",)
    assert status_on(STATES, EVENTS, D(2017, 9, 21)).states_parties == ("AAA", "CCC")


def test_ratification_before_entry_into_force_takes_effect_on_entry_into_force():
    before = status_on(STATES, EVENTS, D(1975, 3, 25), entry_into_force=D(1975, 3, 26))
    assert before.states_parties == ()
    assert before.signatories == ("AAA", "BBB")
    on_the_day = status_on(STATES, EVENTS, D(1975, 3, 26), entry_into_force=D(1975, 3, 26))
    assert on_the_day.states_parties == ("AAA",)
    assert on_the_day.status_of("AAA") == "state_party"
    assert on_the_day.status_of("BBB") == "signatory"
    assert on_the_day.status_of("DDD") == "neither"


def test_events_for_unknown_states_or_kinds_are_refused():
    with pytest.raises(ValueError, match="unknown States: ZZZ"):
        status_on(STATES, [("ZZZ", "accession", D(2000, 1, 1))], D(2001, 1, 1))
    with pytest.raises(ValueError, match="unknown treaty event kind 'withdrawal'"):
        status_on(STATES, [("AAA", "withdrawal", D(2000, 1, 1))], D(2001, 1, 1))
