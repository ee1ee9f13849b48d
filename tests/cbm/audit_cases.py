"""The audit walk's cases for `plenary.cbm` (tests/core/test_audit_complete.py imports this
module): one `@case("cbm.<function>")` per public function of its domain module (or any module of
the app that writes the trail), building its world and returning the act; pure readers go into
READERS with what they do. See the cases in tests/core/test_audit_complete.py for the shape."""

from __future__ import annotations

from tests.core.test_audit_complete import READERS, case  # noqa: F401

READERS["cbm.report_snapshot"] = "the values of a CBM report, for audit entries"


def _draft(year=2025):
    from plenary.cbm import domain
    from plenary.core.actor import Actor
    from plenary.treaties.models import State

    return domain.start_report(State.objects.get(code="FRA"), year, by=Actor.system("audit-walk-setup"))


def _entry(report, form="G"):
    from plenary.cbm import domain
    from plenary.core.actor import Actor

    data = {"name": "Facility", "location": "Lyon", "diseases": "Influenza"}
    return domain.add_entry(report, form, data, by=Actor.system("audit-walk-setup"))


@case("cbm.start_report")
def _(t):
    from plenary.cbm import domain
    from plenary.treaties.models import State

    return lambda: domain.start_report(State.objects.get(code="FRA"), 2025, by=t.by())


@case("cbm.update_report")
def _(t):
    from plenary.cbm import domain

    report = _draft()
    return lambda: domain.update_report(report, languages=["fr"], by=t.by())


@case("cbm.set_declaration")
def _(t):
    from plenary.cbm import domain

    report = _draft()
    return lambda: domain.set_declaration(report, "C", "nothing_new", last_year=2020, by=t.by())


@case("cbm.add_entry")
def _(t):
    from plenary.cbm import domain

    report = _draft()
    return lambda: domain.add_entry(report, "G", {"name": "N", "location": "L", "diseases": "D"}, by=t.by())


@case("cbm.update_entry")
def _(t):
    from plenary.cbm import domain

    entry = _entry(_draft())
    return lambda: domain.update_entry(entry, {"name": "N2", "location": "L", "diseases": "D"}, by=t.by())


@case("cbm.remove_entry")
def _(t):
    from plenary.cbm import domain

    entry = _entry(_draft())
    return lambda: domain.remove_entry(entry, by=t.by())


@case("cbm.submit_report")
def _(t):
    from plenary.cbm import domain

    report = _draft()
    _entry(report)
    return lambda: domain.submit_report(report, visibility="restricted", by=t.by())


@case("cbm.load_history")
def _(t):
    from plenary.cbm import domain

    return lambda: domain.load_history(
        [
            {"year": "2012", "reports": "70", "source": "audit walk"},
            {"year": "2010", "reports": "71", "source": "x"},
        ],
        by=t.system(),
    )


@case("cbm.set_form0")
def _(t):
    from plenary.cbm import domain, forms

    report = _draft()
    rows = [forms.Declaration("B", "nothing"), forms.Declaration("C", "nothing_new", 2019)]
    return lambda: domain.set_form0(report, rows, by=t.by())


@case("cbm.upload_report")
def _(t):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.cbm import domain
    from plenary.treaties.models import State
    from tests.helpers import tiny_pdf

    pdf = SimpleUploadedFile("cbm.pdf", tiny_pdf())
    return lambda: domain.upload_report(
        State.objects.get(code="FRA"), 2024, pdf, visibility="restricted", languages=["fr"], by=t.by()
    )
