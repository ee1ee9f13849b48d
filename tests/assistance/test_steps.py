"""The steps of an Article VII request: their order, what may follow what, and the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.assistance.steps import (
    CLOSED,
    ORDER,
    STEPS,
    WITHDRAWN,
    StepError,
    check_step,
    hours,
    next_steps,
    timeline,
)


def test_the_steps_follow_in_order_and_a_request_may_be_withdrawn_or_closed_on_the_way():
    assert next_steps("submitted") == ("acknowledged", "withdrawn", "closed")
    assert next_steps("delivered") == ("closed", "withdrawn")
    assert next_steps("closed") == ()
    assert next_steps("withdrawn") == ()
    history = []
    for step in ORDER:
        check_step(history, step)
        history.append(step)


@pytest.mark.parametrize(
    ("history", "step", "message"),
    [
        ([], "acknowledged", "starts with its submission"),
        (["submitted"], "delivered", "after 'request submitted' the request goes on to"),
        (["submitted", "closed"], "acknowledged", "the request is closed: no step follows"),
        (["submitted"], "lost", "'lost' is not a step"),
    ],
)
def test_a_step_out_of_order_is_refused_with_the_reason(history, step, message):
    with pytest.raises(StepError, match=message):
        check_step(history, step)


@given(st.lists(st.sampled_from(sorted(STEPS)), max_size=10))
def test_any_accepted_sequence_is_a_prefix_of_the_order_then_perhaps_closed_or_withdrawn(steps):
    taken = []
    for step in steps:
        try:
            check_step(taken, step)
        except StepError:
            continue
        taken.append(step)
    plain = [s for s in taken if s not in (CLOSED, WITHDRAWN)]
    assert plain == list(ORDER[: len(plain)])
    assert sum(s in (CLOSED, WITHDRAWN) for s in taken) <= 1
    if taken and taken[-1] not in (CLOSED, WITHDRAWN):
        assert CLOSED not in taken and WITHDRAWN not in taken


def test_the_timeline_says_how_long_each_step_took():
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    spans = timeline(
        [
            ("submitted", start),
            ("acknowledged", start + dt.timedelta(minutes=42)),
            ("matched", start + dt.timedelta(hours=6, minutes=2)),
            ("closed", start + dt.timedelta(days=3, hours=8)),
        ]
    )
    assert [(s.step, s.took and hours(s.took)) for s in spans] == [
        ("submitted", None),
        ("acknowledged", "42 min"),
        ("matched", "5 h 20 min"),
        ("closed", "3 d 1 h"),
    ]
    with pytest.raises(StepError, match="dated before"):
        timeline([("submitted", start), ("acknowledged", start - dt.timedelta(seconds=1))])
