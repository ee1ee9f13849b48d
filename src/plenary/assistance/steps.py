"""The steps of a request for assistance under Article VII, from its submission to its closure.
Pure: no database.

Article VII has never been invoked (treaty-databases.md, section 3), and no format or procedure is
agreed; these steps are Plenary's, modelled on the proposals the reference names (the India-France
database proposal; the OPCW's assistance procedures) and on the issue's list: submitted,
acknowledged, offers matched, partners notified, assistance delivered, closed. A request may be
withdrawn by its State, or closed by the secretariat, at any step before it is closed. Each step
is written with who took it and when; the timeline shows how long each took.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_noop as _  # marks a label; pages translate it when they show it

from plenary.core.errors import DomainError, term

SUBMITTED = "submitted"
ACKNOWLEDGED = "acknowledged"
MATCHED = "matched"
PARTNERS_NOTIFIED = "partners_notified"
DELIVERED = "delivered"
CLOSED = "closed"
WITHDRAWN = "withdrawn"

# The steps in their order, with their names.
STEPS: dict[str, str] = {
    SUBMITTED: _("request submitted"),
    ACKNOWLEDGED: _("request acknowledged"),
    MATCHED: _("offers matched"),
    PARTNERS_NOTIFIED: _("partners notified"),
    DELIVERED: _("assistance delivered"),
    CLOSED: _("request closed"),
    WITHDRAWN: _("withdrawn by the requesting State"),
}
ORDER = (SUBMITTED, ACKNOWLEDGED, MATCHED, PARTNERS_NOTIFIED, DELIVERED, CLOSED)
FINAL = frozenset({CLOSED, WITHDRAWN})


class StepError(DomainError, ValueError):
    """A step that may not follow the last one, in words (a template and its values, read in the
    reader's language, as every DomainError; the steps' names are terms, translated with it)."""


def next_steps(last: str) -> tuple[str, ...]:
    """The steps that may follow `last`: the next in order, and closing or withdrawing the request
    while it is not closed."""
    if last not in STEPS:
        raise StepError(_("%(step)s is not a step of a request for assistance"), step=repr(last)[:80])
    if last in FINAL:
        return ()
    following = ORDER[ORDER.index(last) + 1]
    extra = (WITHDRAWN,) + (() if following == CLOSED else (CLOSED,))
    return (following, *extra)


def check_step(history: Sequence[str], step: str) -> None:
    """That `step` may be taken after the steps already taken (`history`, oldest first, starting
    with "submitted")."""
    if not history:
        if step != SUBMITTED:
            raise StepError(_("a request starts with its submission"))
        return
    if step not in STEPS:
        raise StepError(_("%(step)s is not a step of a request for assistance"), step=repr(step)[:80])
    last = history[-1]
    if step not in next_steps(last):
        if last == CLOSED:
            raise StepError(_("the request is closed: no step follows"))
        if last == WITHDRAWN:
            raise StepError(_("the request is withdrawn: no step follows"))
        allowed = [term(STEPS[s]) for s in next_steps(last)]
        if len(allowed) == 2:
            raise StepError(
                _("after '%(last)s' the request goes on to: %(first)s, %(second)s; not '%(step)s'"),
                last=term(STEPS[last]),
                first=allowed[0],
                second=allowed[1],
                step=term(STEPS[step]),
            )
        raise StepError(
            _("after '%(last)s' the request goes on to: %(first)s, %(second)s, %(third)s; not '%(step)s'"),
            last=term(STEPS[last]),
            first=allowed[0],
            second=allowed[1],
            third=allowed[2],
            step=term(STEPS[step]),
        )


@dataclass(frozen=True)
class Span:
    step: str
    at: dt.datetime
    took: dt.timedelta | None  # since the step before (None for the submission)


def timeline(steps: Sequence[tuple[str, dt.datetime]]) -> list[Span]:
    """The steps taken with how long each took since the one before. Steps are in the order taken;
    a step dated before the one it follows is an error in the record."""
    spans: list[Span] = []
    for index, (step, at) in enumerate(steps):
        before = steps[index - 1][1] if index else None
        if before is not None and at < before:
            raise StepError(
                _("'%(step)s' is dated before the step it follows"), step=term(STEPS.get(step, str(step)))
            )
        spans.append(Span(step, at, None if before is None else at - before))
    return spans


def hours(span: dt.timedelta) -> str:
    """A duration as the timeline shows it: "3 d 4 h", "5 h 20 min", "12 min"."""
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hrs, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hrs} h"
    if hrs:
        return f"{hrs} h {mins} min"
    return f"{mins} min"
