"""The report as a record: an adopted or issued report keeps what was adopted."""

from __future__ import annotations

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import Frozen
from plenary.reports import domain as reports
from plenary.reports.models import Report

ISU = Actor.system("isu")


@pytest.fixture
def report(db):
    return Report.objects.get(meeting__series="BWC/MSP/2017")


def test_an_issued_report_keeps_its_status_texts_and_symbols(report):
    texts = {**report.texts, "2": {"en": "Rewritten."}}
    cases = [
        ({"status": "draft"}, "the report of BWC/MSP/2017 is issued: it cannot go back to draft"),
        ({"texts": texts}, "the report of BWC/MSP/2017 is issued: its texts cannot change"),
        ({"job_number": "GE.17-00000"}, "the report of BWC/MSP/2017 is issued: its job_number cannot change"),
        ({"draft": None}, "the report of BWC/MSP/2017 is issued: its draft cannot change"),
    ]
    for values, message in cases:
        with pytest.raises(Frozen) as info:
            reports.update_report(report, by=ISU, **values)
        assert str(info.value) == message
    with pytest.raises(Frozen, match="^the report of BWC/MSP/2017 is issued and stays in the record$"):
        reports.remove_report(report, by=ISU)
    assert reports.update_report(report, by=ISU, status="issued", texts=dict(report.texts)) is False
