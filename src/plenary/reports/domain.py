"""The report's workflow: a draft (CRP) is adopted, then issued under its final symbol; and the
issue of the documents Plenary renders itself (the report, the lists of participants).

Each step is a domain function: it checks the step is allowed, writes it, and audits it.

Issued means frozen. Issuing the report renders it in the six languages and every format (txt,
html, docx, pdf) from the records as they are at that moment and stores those bytes with their
SHA-256 (documents.models.IssuedFile), inside the issuing transaction; every download serves them.
The records behind it may still be corrected afterwards (a late registration is a fact), but the
issued report does not change: reports.queries.records_changed tells staff that the records now
differ, and the change comes out as a revision (revise_report, rendered from the records then) or
a corrigendum or revision with files (documents.domain.issue_modifier).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from plenary.accounts import permissions
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen
from plenary.core.languages import UN_LANGUAGES
from plenary.documents.domain import atomic_files, record_modifier, store_issued_file
from plenary.documents.models import Document, IssuedFile
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.models import Meeting
from plenary.participation.domain import record_participants_list
from plenary.reports import lists
from plenary.reports.builder import build_report_of
from plenary.reports.models import Report
from plenary.reports.render import FORMATS

REPORT_FORMATS = tuple(FORMATS)  # txt, html, docx, pdf
LIST_FORMATS = ("pdf", "docx")


def _require_staff(by: Actor) -> None:
    permissions.require_staff(by, "records the adoption and issue of the report")


def _locked(report: Report) -> Report:
    """The report read again under a row lock: two clicks on "issue" follow each other."""
    # Lock the report row only: PostgreSQL cannot lock the nullable side of the outer joins.
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("meeting", "draft", "final")
        .get(pk=report.pk)
    )


def _issued_message(report: Report) -> str:
    on = f" on {report.issued_on}" if report.issued_on else ""
    return (
        f"the report of {report.meeting} is issued as {report.final.symbol if report.final else '?'}{on}: "
        "an issued report does not change; a change comes as a corrigendum or revision"
    )


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
    """The meeting adopts its draft report on a day of the meeting ("as orally amended" or not).
    Guarantees: staff only; once (an adopted or issued report is not adopted again: Frozen)."""
    _require_staff(by)
    meeting = report.meeting
    if meeting.start and meeting.end and not meeting.start <= on <= meeting.end:
        raise DomainError(f"{on} is not a day of {meeting} ({meeting.start} to {meeting.end})")
    with transaction.atomic():
        current = _locked(report)
        if current.status == Report.Status.ISSUED:
            raise Frozen(_issued_message(current))
        if current.status == Report.Status.ADOPTED:
            raise Frozen(
                f"the report of {meeting} is already adopted (on {current.adopted_on}): an adopted report "
                "is not adopted again"
            )
        if current.draft is None:
            raise DomainError(f"the report of {meeting} has no draft (CRP) to adopt")
        report.status, report.adopted_on, report.orally_amended = Report.Status.ADOPTED, on, orally_amended
        report.save(update_fields=["status", "adopted_on", "orally_amended"])
        log_action(
            by,
            "report.adopt",
            report,
            after={"on": on.isoformat(), "orally_amended": orally_amended, "draft": current.draft.symbol},
        )
    return report


def issue_report(report: Report, *, final: Document, on: dt.date, by: Actor) -> Report:
    """The adopted report is issued under its final symbol.

    Guarantees: staff only; once (an issued report is not issued again: Frozen); an official
    document of the meeting that carries no issued file yet; in the same transaction the report is
    rendered from the records in the six languages and every format and those bytes are stored
    with their SHA-256 (store_issued_report): all or nothing, no file left behind if anything
    fails. From then on it changes only by a corrigendum or revision.
    """
    _require_staff(by)
    if final.meeting_id != report.meeting_id or final.doc_type or final.parent_id:
        raise DomainError(f"{final.symbol} is not an official document of {report.meeting}")
    if report.adopted_on and on < report.adopted_on:
        raise DomainError(f"a report cannot be issued ({on}) before it is adopted ({report.adopted_on})")
    with atomic_files():
        current = _locked(report)
        if current.status == Report.Status.ISSUED:
            raise Frozen(_issued_message(current))
        if current.status != Report.Status.ADOPTED:
            raise DomainError(f"the report of {report.meeting} must be adopted before it is issued")
        taken = sorted(IssuedFile.objects.filter(document=final).values_list("lang", "fmt"))
        if taken:
            raise Frozen(
                f"{final.symbol} is already issued with its files ({', '.join(f'{lg} {f}' for lg, f in taken)}): "
                "an issued document does not change; choose the symbol the report is issued under"
            )
        report.status, report.final, report.issued_on = Report.Status.ISSUED, final, on
        report.save(update_fields=["status", "final", "issued_on"])
        log_action(by, "report.issue", report, after={"final": final.symbol, "on": on.isoformat()})
        store_issued_report(report, by=by)
    return report


def render_report(report: Report, lang: str, fmt: str, *, issued_as: Document | None = None) -> bytes:
    """The report rendered from the records as they are now, in `lang` and `fmt`, as bytes."""
    if fmt not in FORMATS:
        raise DomainError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    content = FORMATS[fmt][0](build_report_of(report, lang, issued_as=issued_as))
    return content.encode("utf-8") if isinstance(content, str) else content


def _store_rendering(report: Report, document: Document, *, by: Actor) -> list[IssuedFile]:
    """Render the report as `document` in every language and format and store the bytes."""
    rows = []
    for lang in UN_LANGUAGES:
        tree = build_report_of(report, lang, issued_as=None if document == report.final else document)
        for fmt in REPORT_FORMATS:
            content = FORMATS[fmt][0](tree)
            data = content.encode("utf-8") if isinstance(content, str) else content
            rows.append(store_issued_file(document, lang=lang, fmt=fmt, data=data))
    log_action(
        by,
        "report.files",
        report,
        after={"document": document.symbol, "files": {f"{r.lang}.{r.fmt}": r.sha256 for r in rows}},
    )
    return rows


def store_issued_report(report: Report, *, by: Actor) -> list[IssuedFile]:
    """The issued report's files: its final document holds the report in the six languages and
    every format (txt, html, docx, pdf), each with its SHA-256.

    Guarantees: staff (or the system) only; the report is issued under a final symbol; when the
    final document holds none of these files yet, every language and format is rendered from the
    records now and stored, all in one transaction (a failure leaves neither row nor file); when
    it already holds all of them (a meeting record loaded again), they are kept exactly as they
    are and nothing is rendered: an issued document does not change. Used by issue_report and by
    the record loader for a record whose report is already issued.
    """
    _require_staff(by)
    if report.status != Report.Status.ISSUED or report.final is None:
        raise DomainError(f"the report of {report.meeting} is not issued under a final symbol")
    final = report.final
    held = {(f.lang, f.fmt): f for f in IssuedFile.objects.filter(document=final)}
    wanted = {(lang, fmt) for lang in UN_LANGUAGES for fmt in REPORT_FORMATS}
    if wanted <= set(held):
        return [held[key] for key in sorted(wanted)]
    if held:
        raise Frozen(
            f"{final.symbol} already holds issued files ({', '.join(f'{lg} {f}' for lg, f in sorted(held))}) "
            "that are not the report's: an issued document does not change"
        )
    with atomic_files():
        return _store_rendering(report, final, by=by)


def revise_report(report: Report, *, by: Actor) -> Document:
    """Issue a revision of the issued report rendered from the records as they are now
    (BWC/MSP/2017/6/Rev.1, then Rev.2): the issued report itself does not change.

    Guarantees: staff only; the report is issued; the next free Rev. number of its final symbol
    (documents.domain.record_modifier); the revision holds the report in the six languages and
    every format, laid out under its own symbol and date, each with its SHA-256; all or nothing.
    """
    _require_staff(by)
    if report.status != Report.Status.ISSUED or report.final is None:
        raise DomainError(f"the report of {report.meeting} is not issued: change the draft instead")
    with atomic_files():
        revision = record_modifier(report.final, kind="Rev", languages=list(UN_LANGUAGES), by=by)
        _store_rendering(report, revision, by=by)
        log_action(
            by, "report.revise", report, after={"final": report.final.symbol, "revision": revision.symbol}
        )
    return revision


def issue_participants_list(
    meeting: Meeting,
    *,
    kind: str,
    lang: str,
    by: Actor,
    languages: Sequence[str] = UN_LANGUAGES,
    on: dt.date | None = None,
) -> Document:
    """Issue the meeting's provisional (MISC) or final (INF) list of participants.

    Guarantees: those of participation.domain.record_participants_list (staff only; MISC.1, then
    revisions; INF.1 once); the list is built from the registered delegations as they are now and
    stored as PDF and Word in each of `languages` (all six by default), with SHA-256, in the same
    transaction (a failure leaves no document and no file). From then on the list is served from
    these files; later registrations go into the next revision.
    """
    chosen = list(dict.fromkeys(languages))
    if not chosen:
        raise DomainError("issue the list in at least one language")
    for code in chosen:
        if code not in UN_LANGUAGES:
            raise DomainError(f"unknown language {code!r}: use one of {', '.join(UN_LANGUAGES)}")
    with atomic_files():
        document = record_participants_list(meeting, kind=kind, lang=lang, by=by, on=on)
        rows = []
        for code in chosen:
            built = lists.build_list(meeting, document.symbol, code)
            for fmt in LIST_FORMATS:
                rows.append(store_issued_file(document, lang=code, fmt=fmt, data=lists.RENDERERS[fmt](built)))
        log_action(
            by,
            "participants.files",
            document,
            after={"files": {f"{r.lang}.{r.fmt}": r.sha256 for r in rows}},
        )
    return document


# -- a record loaded again -------------------------------------------------------------------------

# What a load may not change once the report is adopted, and once it is issued.
_ADOPTED_FACTS = ("draft", "adopted_on", "orally_amended", "agenda_item", "original_language", "texts")
_ISSUED_FACTS = ("final", "issued_on", "job_number")
_ORDER = {Report.Status.DRAFT: 0, Report.Status.ADOPTED: 1, Report.Status.ISSUED: 2}


def _symbol(value: Any) -> str | None:
    if not value:
        return None
    try:
        return parse(str(value)).format()
    except SymbolError:
        return str(value)


def _facts(status: str, values: Mapping[str, Any]) -> dict[str, Any]:
    def day(value: Any) -> str | None:
        return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else None)

    return {
        "status": status,
        "draft": _symbol(values.get("draft")),
        "final": _symbol(values.get("final")),
        "adopted_on": day(values.get("adopted_on")),
        "orally_amended": bool(values.get("orally_amended")),
        "agenda_item": values.get("agenda_item"),
        "original_language": values.get("original_language") or "en",
        "texts": dict(values.get("texts") or {}),
        "issued_on": day(values.get("issued_on")),
        "job_number": values.get("job_number") or "",
    }


def check_report_reload(meeting: Meeting, record: Mapping[str, Any] | None) -> None:
    """For a path that writes the report's row itself (a meeting record loaded again): refuse
    (Frozen) a record that would take back the adoption or the issue of the meeting's report or
    change what was adopted or issued (the draft, the dates, the agreed texts, the final symbol).
    The records behind the report (registrations, officers, statements ...) may change."""
    report = Report.objects.filter(meeting=meeting).select_related("draft", "final").first()
    if report is None or report.status == Report.Status.DRAFT:
        return
    now = _facts(
        report.status,
        {
            "draft": report.draft.symbol if report.draft else None,
            "final": report.final.symbol if report.final else None,
            "adopted_on": report.adopted_on,
            "orally_amended": report.orally_amended,
            "agenda_item": report.agenda_item,
            "original_language": report.original_language,
            "texts": report.texts,
            "issued_on": report.issued_on,
            "job_number": report.job_number,
        },
    )
    what = (
        f"issued as {report.final.symbol}"
        if report.status == Report.Status.ISSUED and report.final
        else "adopted"
    )
    rule = "an adopted or issued report does not change (a correction comes as a corrigendum or revision)"
    if record is None:
        raise Frozen(f"the report of {meeting} is {what}: the record has no report; {rule}")
    wanted = _facts(record.get("status") or Report.Status.DRAFT, record)
    fixed = _ADOPTED_FACTS + (_ISSUED_FACTS if report.status == Report.Status.ISSUED else ())
    changed = [key for key in fixed if now[key] != wanted[key]]
    if _ORDER[wanted["status"]] < _ORDER[report.status]:
        changed.insert(0, "status")
    if changed:
        raise Frozen(
            f"the report of {meeting} is {what}: the record would change its {', '.join(changed)}; {rule}"
        )
