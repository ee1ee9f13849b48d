"""The report's workflow: a draft (CRP) is adopted, then issued under its final symbol.

Each step is a domain function: it checks the step is allowed, writes it, and audits it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from plenary.accounts import permissions
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.languages import UN_LANGUAGES
from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.reports.models import Report


def _require_staff(by: Actor) -> None:
    if not permissions.can_issue(by):
        raise NotAllowed("only the secretariat records the adoption and issue of the report")


# -- the report as a record (a meeting record load) ----------------------------------------------

REPORT_FIELDS = (
    "draft",
    "final",
    "status",
    "adopted_on",
    "orally_amended",
    "agenda_item",
    "job_number",
    "original_language",
    "issued_on",
    "texts",
)
STAGES = [Report.Status.DRAFT, Report.Status.ADOPTED, Report.Status.ISSUED]


def _report_values(meeting: Meeting, values: Mapping[str, Any]) -> dict[str, Any]:
    where = f"the report of {meeting.series}"
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise DomainError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    out = dict(values)
    for f in ("draft", "final"):
        doc = out.get(f)
        if doc is not None and doc.meeting_id != meeting.pk:
            raise DomainError(f"{where}: {doc.symbol} is not a document of {meeting.series}")
    if "status" in out and out["status"] not in Report.Status.values:
        raise DomainError(f"{where}: status must be one of {', '.join(Report.Status.values)}")
    if "original_language" in out and out["original_language"] not in UN_LANGUAGES:
        raise DomainError(f"{where}: {out['original_language']!r} is not one of the UN languages")
    if "job_number" in out:
        out["job_number"] = out["job_number"] or ""
        if len(out["job_number"]) > 20:
            raise DomainError(f"{where}: the job number is longer than 20 characters")
    agenda_item = out.get("agenda_item")
    if agenda_item is not None and (
        isinstance(agenda_item, bool) or not isinstance(agenda_item, int) or not 1 <= agenda_item <= 32767
    ):
        raise DomainError(f"{where}: the agenda item is a whole number from 1 to 32767")
    if "texts" in out:
        texts = out["texts"] or {}
        for key, text in texts.items():
            if not isinstance(text, Mapping) or any(k not in UN_LANGUAGES for k in text):
                raise DomainError(f"{where}: texts[{key!r}] is a text per UN language")
        out["texts"] = {k: dict(v) for k, v in texts.items()}
    if "orally_amended" in out:
        out["orally_amended"] = bool(out["orally_amended"])
    return out


def _check_stage(report_values: Mapping[str, Any], where: str) -> None:
    status = report_values.get("status", Report.Status.DRAFT)
    if status == Report.Status.ISSUED and report_values.get("final") is None:
        raise DomainError(f"{where}: an issued report has its final symbol")


def _report_snapshot(report: Report) -> dict[str, Any]:
    return {
        "meeting": report.meeting.series,
        "draft": report.draft.symbol if report.draft else None,
        "final": report.final.symbol if report.final else None,
        "status": report.status,
        "adopted_on": report.adopted_on.isoformat() if report.adopted_on else None,
        "orally_amended": report.orally_amended,
        "agenda_item": report.agenda_item,
        "job_number": report.job_number,
        "original_language": report.original_language,
        "issued_on": report.issued_on.isoformat() if report.issued_on else None,
        "texts": report.texts,
    }


def record_report(meeting: Meeting, *, by: Actor, **values: Any) -> Report:
    """Record the meeting's report as it stands (a record load of a meeting already held): its
    draft (CRP) and final symbols, status, dates, and the agreed texts per paragraph and language.
    Guarantees: staff only; once per meeting; the symbols are documents of the meeting; an issued
    report has its final symbol. The workflow of a meeting in progress is `adopt_report` and
    `issue_report`."""
    _require_staff(by)
    where = f"the report of {meeting.series}"
    cleaned = _report_values(meeting, values)
    _check_stage(cleaned, where)
    with transaction.atomic():
        if Report.objects.filter(meeting=meeting).exists():
            raise DomainError(f"{where} is already recorded")
        report = Report.objects.create(meeting=meeting, **cleaned)
        log_action(by, "report.record", report, after=_report_snapshot(report))
    return report


def update_report(report: Report, *, by: Actor, **values: Any) -> bool:
    """Change what is given of the report (the fields of `record_report`).

    Guarantees: a draft report may change in all; an adopted or issued report keeps what was
    adopted: its status never goes back, its texts, symbols and dates never change (Frozen), and
    a field still empty may only be filled in (the final symbol and date of issue of an adopted
    report that is now issued). Returns whether anything changed; nothing is written when
    nothing did."""
    _require_staff(by)
    meeting = report.meeting
    where = f"the report of {meeting.series}"
    cleaned = _report_values(meeting, values)
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        changed = [f for f, v in cleaned.items() if getattr(current, f) != v]
        if not changed:
            return False
        if current.status != Report.Status.DRAFT:
            state = current.get_status_display()
            if "status" in changed and STAGES.index(cleaned["status"]) < STAGES.index(current.status):
                raise Frozen(f"{where} is {state}: it cannot go back to {cleaned['status']}")
            if "texts" in changed:
                raise Frozen(f"{where} is {state}: its texts cannot change")
            rewritten = [
                f
                for f in changed
                if f not in ("status", "texts")
                and (f == "orally_amended" or getattr(current, f) not in (None, ""))
            ]
            if rewritten:
                raise Frozen(f"{where} is {state}: its {', '.join(rewritten)} cannot change")
        combined = {f: getattr(current, f) for f in REPORT_FIELDS} | cleaned
        _check_stage(combined, where)
        before = _report_snapshot(current)
        for f in changed:
            setattr(report, f, cleaned[f])
        report.save(update_fields=changed)
        log_action(by, "report.update", report, before=before, after=_report_snapshot(report))
    return True


def remove_report(report: Report, *, by: Actor) -> None:
    """Take a draft report off the record; an adopted or issued one stays (Frozen)."""
    _require_staff(by)
    if report.status != Report.Status.DRAFT:
        raise Frozen(
            f"the report of {report.meeting} is {report.get_status_display()} and stays in the record"
        )
    with transaction.atomic():
        log_action(by, "report.remove", report, before=_report_snapshot(report))
        report.delete()


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
