"""treaties.domain: deposits recorded by the secretariat move the treaty status at once, and
universalization contacts with States not party are recorded and corrected with their history."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.models import AuditEntry
from plenary.treaties.domain import correct_contact, record_contact, record_deposit
from plenary.treaties.models import State, TreatyEvent, UniversalizationContact
from plenary.treaties.queries import contacts_in_year, current_contacts, parties_by_year, treaty_status
from plenary.treaties.reference import load_reference_data

SYSTEM = Actor.system("test")
SOURCE = "Depositary notification (example)"


def _state(code):
    return State.objects.get(code=code)


def _deposit(bwc, code="ISR", kind="accession", date=None, **values):
    args = {"depositary": "W", "source": SOURCE, "by": SYSTEM} | values
    return record_deposit(bwc, _state(code), kind, date or clock.today(), **args)


def test_an_accession_moves_the_status_at_once_and_is_audited(bwc, people):
    today = clock.today()
    before = treaty_status(bwc, today)
    assert "ISR" in before.neither
    event = _deposit(bwc, by=people.actor("staff"))
    after = treaty_status(bwc, today)
    assert (len(after.states_parties), len(after.neither)) == (
        len(before.states_parties) + 1,
        len(before.neither) - 1,
    )
    assert "ISR" in after.states_parties
    assert (event.kind, event.depositary, event.note, event.origin) == ("accession", "W", SOURCE, "deposit")
    entry = AuditEntry.objects.get(action="treaty.deposit")
    assert (entry.actor, entry.via, entry.object_type, entry.object_id) == (
        "staff",
        "page",
        "treaties.TreatyEvent",
        str(event.pk),
    )
    assert entry.before == {"state": "ISR", "status": "neither", "status today": "neither"}
    assert entry.after == {
        "state": "ISR",
        "kind": "accession",
        "date": today.isoformat(),
        "depositary": "W",
        "source": SOURCE,
        "status": "state_party",
        "status today": "state_party",
    }


def test_a_signatory_ratifies_and_leaves_the_signatories(bwc):
    today = clock.today()
    assert "EGY" in treaty_status(bwc, today).signatories
    _deposit(bwc, "EGY", "ratification", depositary="l, w")
    status = treaty_status(bwc, today)
    assert ("EGY" in status.states_parties, "EGY" in status.signatories) == (True, False)
    assert TreatyEvent.objects.get(state__code="EGY", kind="ratification").depositary == "L,W"


def test_a_deposit_survives_the_next_reference_load_and_is_adopted_when_the_file_carries_it(bwc):
    _deposit(bwc)
    load_reference_data(by=SYSTEM)
    assert TreatyEvent.objects.filter(state__code="ISR", kind="accession", origin="deposit").count() == 1


@pytest.mark.parametrize(
    ("code", "kind", "date", "values", "message"),
    [
        ("ISR", "accession", dt.date(2999, 1, 1), {}, "the date of deposit 1 January 2999 is in the future"),
        (
            "ISR",
            "accession",
            dt.date(1971, 1, 1),
            {},
            "the date of deposit 1 January 1971 is before the BWC opened for signature (10 April 1972)",
        ),
        ("ISR", "accession", "2020-01-01", {}, "the date of deposit is a date, not '2020-01-01'"),
        ("FRA", "accession", None, {}, "FRA accession of the BWC: FRA is already a party"),
        ("ISR", "accession", None, {"depositary": "X"}, "'X' is not a depositary of the BWC: one of L, M, W"),
        ("ISR", "accession", None, {"depositary": ""}, "the depositary is required: one of L, M, W"),
        ("ISR", "accession", None, {"source": "  "}, "ISR accession of the BWC: the source is required"),
        ("ISR", "accession", None, {"source": "x" * 501}, "ISR accession of the BWC: the source has 501"),
        (
            "ISR",
            "accession",
            None,
            {"source": "a\x00b"},
            "ISR accession of the BWC: the source holds control",
        ),
        ("ISR", "withdrawal", None, {}, "'withdrawal' is not one of signature, ratification"),
        ("ISR", "ratification", None, {}, "ISR ratification of the BWC: ISR has not signed; a State that"),
        ("EGY", "signature", None, {}, "EGY signature of the BWC: EGY already has a signature"),
    ],
)
def test_a_wrong_deposit_is_refused_and_writes_nothing(bwc, code, kind, date, values, message):
    events, entries = TreatyEvent.objects.count(), AuditEntry.objects.count()
    with pytest.raises(DomainError) as caught:
        _deposit(bwc, code, kind, date, **values)
    assert str(caught.value).startswith(message)
    assert (TreatyEvent.objects.count(), AuditEntry.objects.count()) == (events, entries)


def test_a_ratification_before_the_signature_is_refused(bwc):
    _deposit(bwc, "ISR", "signature", dt.date(2020, 5, 4))
    assert "ISR" in treaty_status(bwc, clock.today()).signatories
    with pytest.raises(DomainError, match=r"a ratification follows the signature \(4 May 2020\)"):
        _deposit(bwc, "ISR", "ratification", dt.date(2020, 5, 3))


@pytest.mark.parametrize("persona", ["anonymous", "fra_fp", "fra_del", "ngo", "officer"])
def test_only_staff_record_a_deposit(bwc, people, persona):
    with pytest.raises(NotAllowed):
        _deposit(bwc, by=people.actor(persona))
    assert not TreatyEvent.objects.filter(state__code="ISR").exists()


def _contact(bwc, code="ISR", **values):
    args = {
        "date": dt.date(2025, 3, 4),
        "kind": "letter",
        "made_by": "chair",
        "summary": "Letter of the Chair encouraging accession (example)",
        "source": "example",
        "by": SYSTEM,
    } | values
    return record_contact(bwc, _state(code), **args)


def test_a_contact_is_recorded_and_corrected_with_its_history(bwc, people):
    first = _contact(bwc, by=people.actor("staff"))
    new = correct_contact(
        first, reason="the date was wrong", date=dt.date(2025, 3, 5), by=people.actor("staff")
    )
    assert list(current_contacts(bwc).values_list("pk", flat=True)) == [new.pk]
    assert (new.replaces_id, new.date, new.summary, new.correction_reason) == (
        first.pk,
        dt.date(2025, 3, 5),
        first.summary,
        "the date was wrong",
    )
    first.refresh_from_db()
    assert first.date == dt.date(2025, 3, 4)  # the first account stays as it was
    entry = AuditEntry.objects.get(action="treaty.contact_correct")
    assert (entry.before["date"], entry.after["date"], entry.after["replaces"]) == (
        "2025-03-04",
        "2025-03-05",
        first.pk,
    )
    assert {code: [c.pk for c in rows] for code, rows in contacts_in_year(bwc, 2025).items()} == {
        "ISR": [new.pk]
    }
    with pytest.raises(Frozen):
        correct_contact(first, reason="again", summary="other", by=SYSTEM)
    with pytest.raises(DomainError, match="the correction changes nothing"):
        correct_contact(new, reason="nothing", by=SYSTEM)


def test_a_contact_by_a_depositary_or_a_state_names_it(bwc):
    c = _contact(bwc, made_by="depositary", made_by_state=_state("GBR"))
    d = _contact(bwc, made_by="state", made_by_state=_state("FRA"), kind="visit")
    assert (c.made_by_state.code, d.made_by_state.code) == ("GBR", "FRA")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": "email"}, "the kind of contact is one of letter, meeting, workshop, visit, other"),
        ({"made_by": "ngo"}, "a contact is made by one of chair, isu, depositary, state"),
        ({"made_by": "depositary"}, "a contact made by a depositary names which: GBR, RUS, USA"),
        ({"made_by": "depositary", "made_by_state": "FRA"}, "the State that made the contact is a recorded"),
        ({"made_by": "state"}, "a contact made by another State names that State"),
        ({"made_by": "chair", "made_by_state": "FRA"}, "a contact made by chair names no State"),
        ({"summary": ""}, "the summary is required"),
        ({"source": ""}, "the source is required"),
        ({"summary": "<script>" * 1000}, "the summary has 8,000 characters; at most 5,000"),
        ({"date": dt.date(2999, 1, 1)}, "the date of the contact 1 January 2999 is in the future"),
        ({"date": None}, "the date of the contact is a date, not None"),
    ],
)
def test_a_wrong_contact_is_refused_and_writes_nothing(bwc, values, message):
    if values.get("made_by_state") == "FRA" and values["made_by"] == "chair":
        values = values | {"made_by_state": _state("FRA")}
    with pytest.raises(DomainError) as caught:
        _contact(bwc, **values)
    assert str(caught.value).startswith(message)
    assert UniversalizationContact.objects.count() == 0


def test_a_contact_is_with_a_state_not_party(bwc):
    with pytest.raises(DomainError, match="FRA was a State Party on 4 March 2025"):
        _contact(bwc, "FRA")
    with pytest.raises(DomainError, match="ISR cannot make a universalization contact with itself"):
        _contact(bwc, made_by="state", made_by_state=_state("ISR"))
    with pytest.raises(DomainError, match="EGY was not a State Party on 4 March 2025"):
        _contact(bwc, made_by="state", made_by_state=_state("EGY"))


@pytest.mark.parametrize("persona", ["anonymous", "fra_fp", "deu_del", "ngo", "officer"])
def test_only_staff_record_and_correct_contacts(bwc, people, persona):
    contact = _contact(bwc)
    with pytest.raises(NotAllowed):
        _contact(bwc, by=people.actor(persona))
    with pytest.raises(NotAllowed):
        correct_contact(contact, reason="x", summary="y", by=people.actor(persona))
    assert UniversalizationContact.objects.count() == 1


def test_parties_by_year_counts_at_the_end_of_each_year(bwc):
    counts = dict(parties_by_year(bwc, 2024))
    assert (min(counts), max(counts)) == (1975, 2024)
    assert counts[2024] == len(treaty_status(bwc, dt.date(2024, 12, 31)).states_parties)
