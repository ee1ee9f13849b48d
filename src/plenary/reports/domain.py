"""The report's workflow: a draft (CRP) is adopted, then issued under its final symbol.

Each step is a domain function: it checks the step is allowed, writes it, and audits it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from plenary.accounts import permissions
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, NotAllowed
from plenary.documents.models import Document
from plenary.reports.models import Report


def _require_staff(by: Actor) -> None:
    if not permissions.can_issue(by):
        raise NotAllowed("only the secretariat records the adoption and issue of the report")


def adopt_report(report: Report, *, on: dt.date, orally_amended: bool = False, by: Actor) -> Report:
    """The meeting adopts its draft report on a day of the meeting ("as orally amended" or not)."""
    _require_staff(by)
    if report.status != Report.Status.DRAFT:
        raise DomainError(f"the report of {report.meeting} is already {report.get_status_display()}")
    if report.draft is None:
        raise DomainError(f"the report of {report.meeting} has no draft (CRP) to adopt")
    meeting = report.meeting
    if meeting.start and meeting.end and not meeting.start <= on <= meeting.end:
        raise DomainError(f"{on} is not a day of {meeting} ({meeting.start} to {meeting.end})")
    with transaction.atomic():
        report.status, report.adopted_on, report.orally_amended = Report.Status.ADOPTED, on, orally_amended
        report.save(update_fields=["status", "adopted_on", "orally_amended"])
        log_action(
            by,
            "report.adopt",
            report,
            after={"on": on.isoformat(), "orally_amended": orally_amended, "draft": report.draft.symbol},
        )
    return report


def issue_report(report: Report, *, final: Document, on: dt.date, by: Actor) -> Report:
    """The adopted report is issued under its final symbol; from then on it changes only by Corr."""
    _require_staff(by)
    if report.status != Report.Status.ADOPTED:
        raise DomainError(f"the report of {report.meeting} must be adopted before it is issued")
    if final.meeting_id != report.meeting_id or final.doc_type or final.parent_id:
        raise DomainError(f"{final.symbol} is not an official document of {report.meeting}")
    if report.adopted_on and on < report.adopted_on:
        raise DomainError(f"a report cannot be issued ({on}) before it is adopted ({report.adopted_on})")
    with transaction.atomic():
        report.status, report.final, report.issued_on = Report.Status.ISSUED, final, on
        report.save(update_fields=["status", "final", "issued_on"])
        log_action(by, "report.issue", report, after={"final": final.symbol, "on": on.isoformat()})
    return report
