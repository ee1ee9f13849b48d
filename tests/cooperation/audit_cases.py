"""The audit walk's cases for `plenary.cooperation` (tests/core/test_audit_complete.py imports this
module): one `@case("cooperation.<function>")` per public function of its domain module (or any module of
the app that writes the trail), building its world and returning the act; pure readers go into
READERS with what they do. See the cases in tests/core/test_audit_complete.py for the shape."""

from __future__ import annotations

from tests.core.test_audit_complete import READERS, case

READERS.update(
    {
        "cooperation.region_of": "a State's UN regional group on a date",
        "cooperation.snapshot": "the values of an offer or a request, for audit entries",
        "cooperation.parties_people": "the people told of a match",
    }
)


def _values(**changes):
    values = {
        "title": "Biosafety training",
        "description": "A course.",
        "types": ["training"],
        "fields": ["biosafety"],
        "contact": "Desk",
        "language": "en",
    }
    values.update(changes)
    return values


def _offer(t, *, submit=True):
    from plenary.cooperation import domain
    from plenary.treaties.models import State

    return domain.draft_offer(
        state=State.objects.get(code="DEU"), submit=submit, by=t.by("staff"), **_values()
    )


def _request(t, *, submit=True):
    from plenary.cooperation import domain
    from plenary.treaties.models import State

    return domain.draft_request(State.objects.get(code="FRA"), submit=submit, by=t.by("staff"), **_values())


@case("cooperation.draft_offer")
def _(t):
    from plenary.cooperation import domain
    from plenary.treaties.models import State

    return lambda: domain.draft_offer(state=State.objects.get(code="FRA"), by=t.by("fra_fp"), **_values())


@case("cooperation.draft_request")
def _(t):
    from plenary.cooperation import domain
    from plenary.treaties.models import State

    return lambda: domain.draft_request(
        State.objects.get(code="FRA"), submit=True, by=t.by("staff"), **_values()
    )


@case("cooperation.edit_entry")
def _(t):
    from plenary.cooperation import domain

    offer = _offer(t, submit=False)
    return lambda: domain.edit_entry(offer, by=t.by("staff"), title="Courses", regions=["AFRICAN"])


@case("cooperation.submit_entry")
def _(t):
    from plenary.cooperation import domain

    request = _request(t, submit=False)
    return lambda: domain.submit_entry(request, by=t.by("staff"))


@case("cooperation.withdraw_entry")
def _(t):
    from plenary.cooperation import domain

    offer = _offer(t)
    return lambda: domain.withdraw_entry(offer, by=t.by("staff"), reason="Ended.")


@case("cooperation.record_match")
def _(t):
    from plenary.cooperation import domain

    request, offer = _request(t), _offer(t)
    return lambda: domain.record_match(request, offer, by=t.by("staff"))


@case("cooperation.record_outcome")
def _(t):
    from plenary.cooperation import domain

    match = domain.record_match(_request(t), _offer(t), by=t.by("staff"))
    return lambda: domain.record_outcome(match, by=t.by("staff"), status="completed", outcome="Done.")
