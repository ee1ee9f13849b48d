"""CBM reports: drafted by a State's contact point and authorised users, submitted by the contact
point, frozen once submitted, corrected by a new version, and read only by those who may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, User

from plenary.accounts.domain import grant_role
from plenary.accounts.models import Notification
from plenary.accounts.permissions import can_read_cbm_report
from plenary.cbm import domain
from plenary.cbm.models import CbmDeclaration, CbmEntry, CbmReport
from plenary.cbm.queries import completeness_of, readable_reports, yearly_figures
from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.models import AuditEntry
from plenary.treaties.models import State

pytestmark = pytest.mark.django_db
SETUP = Actor.system("test-setup")


def person(name, kind, code):
    user = User.objects.create(username=name)
    grant_role(user, kind, by=SETUP, state=State.objects.get(code=code))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def fra():
    return State.objects.get(code="FRA")


@pytest.fixture
def cast(people):
    """The personas, with France's national contact point and an authorised user, and delegates
    of Egypt (a signatory, not a State Party) and Israel (neither)."""
    return {
        **people,
        "fra_cp": person("fra_cp", "contact_point", "FRA"),
        "fra_au": person("fra_au", "authorised", "FRA"),
        "egy_del": person("egy_del", "delegate", "EGY"),
        "isr_del": person("isr_del", "delegate", "ISR"),
    }


def act(cast, name):
    return Actor.of(cast[name])


FACILITY = {
    "name": "Laboratoire P4 Jean Mérieux",
    "organization": "Inserm",
    "location": "Lyon",
    "financing": "Inserm; not the Ministry of Defence",
    "units": "1",
    "scope": "Diagnostics and research on highly pathogenic viruses",
}


def drafted(cast, fra):
    """The done-means: Form 0 and two forms by the contact point, a facility by a colleague."""
    report = domain.start_report(fra, 2025, by=act(cast, "fra_cp"), languages=["fr", "en"])
    for measure in ("A2i", "A2ii", "A2iii", "B", "F"):
        domain.set_declaration(report, measure, "nothing", by=act(cast, "fra_cp"))
    domain.set_declaration(report, "C", "nothing_new", last_year=2019, by=act(cast, "fra_cp"))
    domain.set_declaration(report, "A1", "declared", by=act(cast, "fra_cp"))
    domain.add_entry(
        report,
        "E",
        {f"{t}_{c}": "no" for t in "abcd" for c in ("legislation", "regulations", "other", "amended")},
        by=act(cast, "fra_cp"),
    )
    domain.add_entry(
        report,
        "G",
        {"name": "Sanofi Pasteur", "location": "Marcy-l'Étoile", "diseases": "Influenza"},
        by=act(cast, "fra_cp"),
    )
    domain.add_entry(report, "A1i", FACILITY, by=act(cast, "fra_au"))
    return report


def test_a_report_is_drafted_by_the_state_and_submitted_restricted_by_its_contact_point(cast, fra):
    report = drafted(cast, fra)
    assert [e.added_by for e in report.entries.order_by("pk")] == ["fra_cp", "fra_cp", "fra_au"]
    with pytest.raises(NotAllowed, match="only the national contact point of FRA"):
        domain.submit_report(report, visibility="restricted", by=act(cast, "fra_au"))
    submitted = domain.submit_report(report, visibility="restricted", by=act(cast, "fra_cp"))
    assert (submitted.status, submitted.visibility, submitted.channel, submitted.acting_for) == (
        "submitted",
        "restricted",
        "portal",
        "",
    )
    assert completeness_of(submitted).score == 100
    told = Notification.objects.filter(kind="cbm_submitted").values_list("user__username", flat=True)
    assert sorted(told) == ["fra_au", "fra_cp", "fra_del", "fra_fp"]
    readers = {name for name, user in cast.items() if can_read_cbm_report(user or AnonymousUser(), submitted)}
    assert readers == {"staff", "fra_fp", "fra_del", "deu_fp", "deu_del", "fra_cp", "fra_au"}
    for outsider in ("egy_del", "isr_del", "ngo", "anonymous", "officer"):
        who = cast[outsider] or AnonymousUser()
        assert not readable_reports(who).filter(pk=submitted.pk).exists(), outsider


def test_a_submitted_version_never_changes_and_a_correction_is_the_next_version(cast, fra):
    report = domain.submit_report(drafted(cast, fra), visibility="public", by=act(cast, "fra_cp"))
    entry = report.entries.get(form="G")
    for attempt in (
        lambda: domain.set_declaration(report, "B", "declared", by=act(cast, "fra_cp")),
        lambda: domain.add_entry(
            report, "G", {"name": "x", "location": "y", "diseases": "z"}, by=act(cast, "fra_cp")
        ),
        lambda: domain.update_entry(
            entry, {"name": "x", "location": "y", "diseases": "z"}, by=act(cast, "staff")
        ),
        lambda: domain.remove_entry(entry, by=act(cast, "fra_cp")),
        lambda: domain.submit_report(report, visibility="public", by=act(cast, "fra_cp")),
    ):
        with pytest.raises(Frozen, match="submitted and never changes"):
            attempt()
    correction = domain.start_report(fra, 2025, by=act(cast, "fra_cp"))
    assert (correction.version, correction.supersedes_id, correction.languages) == (
        2,
        report.pk,
        ["en", "fr"],  # in the UN order
    )
    assert sorted(correction.entries.values_list("form", flat=True)) == ["A1i", "E", "G"]
    assert correction.declarations.count() == 7
    with pytest.raises(DomainError, match="already has a draft CBM report for 2025"):
        domain.start_report(fra, 2025, by=act(cast, "fra_au"))
    entry = correction.entries.get(form="G")
    domain.update_entry(
        entry, {"name": "Sanofi", "location": "Lyon", "diseases": "Influenza, rabies"}, by=act(cast, "fra_au")
    )
    assert report.entries.get(form="G").data["name"] == "Sanofi Pasteur"  # the submitted one is untouched


def test_the_secretariat_may_act_on_the_states_behalf_and_it_is_marked(cast, fra):
    report = domain.start_report(fra, 2024, by=act(cast, "staff"))
    assert report.channel == "secretariat"
    domain.set_declaration(report, "G", "nothing", by=act(cast, "staff"))
    submitted = domain.submit_report(report, visibility="public", by=act(cast, "staff"))
    assert (submitted.channel, submitted.acting_for) == ("secretariat", "State:FRA")
    entries = AuditEntry.objects.filter(object_type="cbm.CbmReport", object_id=str(report.pk))
    assert set(entries.values_list("acting_for", flat=True)) == {"State:FRA"}


@pytest.mark.parametrize("persona", ["deu_fp", "deu_del", "fra_del", "ngo", "officer", "egy_del"])
def test_only_the_states_drafters_draft(cast, fra, persona):
    with pytest.raises(NotAllowed, match="only the contact point and authorised users of FRA"):
        domain.start_report(fra, 2025, by=act(cast, persona))
    assert not CbmReport.objects.exists()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r, by: domain.set_declaration(r, "B", "nothing_new", by=by), "needs the year"),
        (lambda r, by: domain.set_declaration(r, "D", "nothing", by=by), "no row 'D'"),
        (lambda r, by: domain.add_entry(r, "G", {"name": "<script>", "location": "x"}, by=by), "is required"),
        (lambda r, by: domain.add_entry(r, "G", "DROP TABLE", by=by), "field by field"),
        (
            lambda r, by: domain.add_entry(
                r,
                "A2iii",
                {"programme": "Ghost", "name": "n", "location": "l", "personnel": "3", "work": "w"},
                by=by,
            ),
            "programme is one declared",
        ),
        (lambda r, by: domain.add_entry(r, "Z", {}, by=by), "no CBM form 'Z'"),
        (lambda r, by: domain.update_report(r, languages=["xx"], by=by), "not a UN language: xx"),
        (lambda r, by: domain.update_report(r, contact={"name": "a\x00"}, by=by), "at most 500"),
        (lambda r, by: domain.update_report(r, contact={"password": "x"}, by=by), "no field password"),
        (lambda r, by: domain.submit_report(r, visibility="secret", by=by), "public or restricted"),
        (lambda r, by: domain.submit_report(r, visibility="public", by=by), "the report is empty"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(cast, fra, call, message):
    report = domain.start_report(fra, 2025, by=act(cast, "fra_cp"))
    trail = AuditEntry.objects.count()
    with pytest.raises(DomainError, match=message):
        call(report, act(cast, "fra_cp"))
    assert AuditEntry.objects.count() == trail
    assert (CbmEntry.objects.count(), CbmDeclaration.objects.count()) == (0, 0)
    assert CbmReport.objects.get().status == "draft"


@pytest.mark.parametrize("year", [1986, 2026, "2025", True, None])
def test_a_report_covers_a_past_year(cast, fra, year):
    with pytest.raises(DomainError, match="covers a past calendar year from 1987 to 2025"):
        domain.start_report(fra, year, by=act(cast, "fra_cp"))


def test_form_zero_and_the_entries_must_agree(cast, fra):
    report = domain.start_report(fra, 2025, by=act(cast, "fra_cp"))
    domain.add_entry(report, "G", {"name": "n", "location": "l", "diseases": "d"}, by=act(cast, "fra_cp"))
    domain.set_declaration(report, "G", "nothing", by=act(cast, "fra_cp"))
    with pytest.raises(DomainError, match="nothing \\(new\\) to declare for G, but the report has entries"):
        domain.submit_report(report, visibility="public", by=act(cast, "fra_cp"))


def test_the_figures_count_without_showing_content(cast, fra):
    domain.submit_report(drafted(cast, fra), visibility="restricted", by=act(cast, "fra_cp"))
    deu = State.objects.get(code="DEU")
    r = domain.start_report(deu, 2025, by=act(cast, "staff"))
    domain.set_declaration(r, "G", "nothing", by=act(cast, "staff"))
    domain.submit_report(r, visibility="public", by=act(cast, "staff"))
    assert yearly_figures(2025) == {
        "year": 2025,
        "reports": 2,
        "on_time": 0,
        "late": 2,  # submitted today, after 15 April 2026
        "public": 1,
        "restricted": 1,
        "first_time": 2,
        "history": None,
    }


def test_the_history_is_loaded_from_its_sources_and_a_second_load_changes_nothing():
    from plenary.cbm.demo import history_rows
    from plenary.cbm.domain import load_history
    from plenary.cbm.models import CbmHistory

    # The test database holds the demo: the history is there, each row with its source.
    assert list(CbmHistory.objects.values_list("year", "reports", "states_parties")) == [
        (2010, 72, None),
        (2011, 69, None),
        (2014, 69, 170),
        (2016, 80, 175),
        (2018, 78, None),
    ]
    assert all(h.source for h in CbmHistory.objects.all())
    assert load_history(history_rows(), by=SETUP) == {"created": 0, "updated": 0}
    assert yearly_figures(2016)["history"] == {
        "reports": 80,
        "source": "University of Hamburg, 2016 Reader on Publicly Available CBMs",
    }


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"year": "x", "reports": "1", "source": "s"}, "whole numbers"),
        ({"year": "1980", "reports": "1", "source": "s"}, "a year from 1987"),
        ({"year": "2012", "reports": "1", "source": " "}, "a source"),
        ({"reports": "1"}, "whole numbers"),
    ],
)
def test_a_bad_history_row_loads_nothing(row, message, people):
    from plenary.cbm.domain import load_history
    from plenary.cbm.models import CbmHistory

    good = {"year": "2012", "reports": "70", "source": "s"}
    with pytest.raises(DomainError, match=message):
        load_history([good, row], by=SETUP)
    assert not CbmHistory.objects.filter(year=2012).exists()
    with pytest.raises(NotAllowed):
        load_history([good], by=people.actor("fra_fp"))


def test_a_report_the_secretariat_enters_is_on_time_or_late_from_the_day_it_was_received(cast, fra):
    report = domain.start_report(fra, 2024, by=act(cast, "staff"))
    domain.set_declaration(report, "G", "nothing", by=act(cast, "staff"))
    submitted = domain.submit_report(
        report, visibility="public", by=act(cast, "staff"), received_on=dt.date(2025, 4, 15)
    )
    assert (submitted.received_on, submitted.reported_on, submitted.on_time) == (
        dt.date(2025, 4, 15),
        dt.date(2025, 4, 15),
        True,  # entered in 2026, received on the day it was due
    )
    audit = AuditEntry.objects.get(action="cbm.submit", object_id=str(report.pk))
    assert audit.after["received_on"] == "2025-04-15"
    deu = State.objects.get(code="DEU")
    late = domain.start_report(deu, 2024, by=act(cast, "staff"))
    domain.set_declaration(late, "G", "nothing", by=act(cast, "staff"))
    domain.submit_report(late, visibility="public", by=act(cast, "staff"), received_on=dt.date(2025, 4, 16))
    figures = yearly_figures(2024)
    assert (figures["reports"], figures["on_time"], figures["late"]) == (2, 1, 1)


@pytest.mark.parametrize(
    ("received", "error", "message"),
    [
        (dt.date(2999, 1, 1), DomainError, "cannot have been received on 1 January 2999, after today"),
        (
            dt.date(2023, 12, 31),
            DomainError,
            "a report on 2024 cannot have been received on 31 December 2023",
        ),
        ("2025-04-01", DomainError, "the day the report was received is a date"),
        (dt.datetime(2025, 4, 1, 12), DomainError, "the day the report was received is a date"),
    ],
)
def test_a_wrong_day_of_receipt_is_refused_and_nothing_is_submitted(cast, fra, received, error, message):
    report = domain.start_report(fra, 2024, by=act(cast, "staff"))
    domain.set_declaration(report, "G", "nothing", by=act(cast, "staff"))
    with pytest.raises(error, match=message):
        domain.submit_report(report, visibility="public", by=act(cast, "staff"), received_on=received)
    report.refresh_from_db()
    assert (report.status, report.received_on, report.submitted_at) == ("draft", None, None)


def test_the_contact_point_does_not_date_its_own_submission(cast, fra):
    report = drafted(cast, fra)
    with pytest.raises(NotAllowed, match="only the secretariat, entering a report on the State's behalf"):
        domain.submit_report(
            report, visibility="public", by=act(cast, "fra_cp"), received_on=dt.date(2025, 4, 1)
        )
    report.refresh_from_db()
    assert report.status == "draft"
