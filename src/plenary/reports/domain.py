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
from django.utils.translation import gettext_noop as _

from plenary.accounts import permissions
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen, NotFound, term
from plenary.core.languages import UN_LANGUAGES
from plenary.documents import numbering
from plenary.documents.domain import atomic_files, record_document, record_modifier, store_issued_file
from plenary.documents.models import Document, IssuedFile
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.models import Meeting
from plenary.participation.domain import record_participants_list
from plenary.reports import lists
from plenary.reports.akn import AknIdentity, render_akn
from plenary.reports.builder import build_report_of, kind_phrases, report_kind, report_sections
from plenary.reports.models import Report, ReportParagraph
from plenary.reports.render import FORMATS

REPORT_FORMATS = tuple(FORMATS)  # txt, html, docx, pdf
# What issuing stores per language: the four renderings and the Akoma Ntoso XML (30 files).
AKN = "akn"
ISSUED_FORMATS = (*REPORT_FORMATS, AKN)
LIST_FORMATS = ("pdf", "docx")
# A written paragraph, per language: a long paragraph fits; a megabyte does not.
MAX_PARAGRAPH = 20_000
# Written paragraphs per section (a position beyond it is refused).
MAX_PARAGRAPHS = 500


def _require_staff(by: Actor) -> None:
    permissions.require_staff(by, _("records the adoption and issue of the report"))


def _locked(report: Report) -> Report:
    """The report read again under a row lock: two clicks on "issue" follow each other."""
    # Lock the report row only: PostgreSQL cannot lock the nullable side of the outer joins.
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("meeting", "draft", "final")
        .get(pk=report.pk)
    )


def _issued(report: Report) -> Frozen:
    """The refusal of a change to an issued report."""
    symbol = report.final.symbol if report.final else "?"
    if report.issued_on:
        return Frozen(
            _(
                "the report of %(series)s is issued as %(symbol)s on %(date)s: an issued report does not "
                "change; a change comes as a corrigendum or revision"
            ),
            series=report.meeting.series,
            symbol=symbol,
            date=report.issued_on,
        )
    return Frozen(
        _(
            "the report of %(series)s is issued as %(symbol)s: an issued report does not change; a change "
            "comes as a corrigendum or revision"
        ),
        series=report.meeting.series,
        symbol=symbol,
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
    series = meeting.series
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise DomainError(
            _("the report of %(series)s: unknown field(s) %(fields)s"),
            series=series,
            fields=", ".join(sorted(unknown)),
        )
    out = dict(values)
    for f in ("draft", "final"):
        doc = out.get(f)
        if doc is not None and doc.meeting_id != meeting.pk:
            raise DomainError(
                _("the report of %(series)s: %(symbol)s is not a document of %(series)s"),
                series=series,
                symbol=doc.symbol,
            )
    if "status" in out and out["status"] not in Report.Status.values:
        raise DomainError(
            _("the report of %(series)s: status must be one of %(statuses)s"),
            series=series,
            statuses=", ".join(Report.Status.values),
        )
    if "original_language" in out and out["original_language"] not in UN_LANGUAGES:
        raise DomainError(
            _("the report of %(series)s: %(value)s is not one of the UN languages"),
            series=series,
            value=repr(out["original_language"])[:60],
        )
    if "job_number" in out:
        out["job_number"] = out["job_number"] or ""
        if len(out["job_number"]) > 20:
            raise DomainError(
                _("the report of %(series)s: the job number is longer than 20 characters"), series=series
            )
    agenda_item = out.get("agenda_item")
    if agenda_item is not None and (
        isinstance(agenda_item, bool) or not isinstance(agenda_item, int) or not 1 <= agenda_item <= 32767
    ):
        raise DomainError(
            _("the report of %(series)s: the agenda item is a whole number from 1 to 32767"), series=series
        )
    if "texts" in out:
        texts = out["texts"] or {}
        for key, text in texts.items():
            if not isinstance(text, Mapping) or any(k not in UN_LANGUAGES for k in text):
                raise DomainError(
                    _("the report of %(series)s: texts[%(key)s] is a text per UN language"),
                    series=series,
                    key=repr(key)[:60],
                )
        out["texts"] = {k: dict(v) for k, v in texts.items()}
    if "orally_amended" in out:
        out["orally_amended"] = bool(out["orally_amended"])
    return out


def _check_stage(report_values: Mapping[str, Any], series: str) -> None:
    status = report_values.get("status", Report.Status.DRAFT)
    if status == Report.Status.ISSUED and report_values.get("final") is None:
        raise DomainError(_("the report of %(series)s: an issued report has its final symbol"), series=series)


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
    cleaned = _report_values(meeting, values)
    _check_stage(cleaned, meeting.series)
    with transaction.atomic():
        if Report.objects.filter(meeting=meeting).exists():
            raise DomainError(_("the report of %(series)s is already recorded"), series=meeting.series)
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
    series = meeting.series
    cleaned = _report_values(meeting, values)
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        changed = [f for f, v in cleaned.items() if getattr(current, f) != v]
        if not changed:
            return False
        if current.status != Report.Status.DRAFT:
            # The status's value is its English label (Report.Status), the word the catalogues translate.
            state = term(current.status)
            if "status" in changed and STAGES.index(cleaned["status"]) < STAGES.index(current.status):
                raise Frozen(
                    _("the report of %(series)s is %(state)s: it cannot go back to %(status)s"),
                    series=series,
                    state=state,
                    status=term(cleaned["status"]),
                )
            if "texts" in changed:
                raise Frozen(
                    _("the report of %(series)s is %(state)s: its texts cannot change"),
                    series=series,
                    state=state,
                )
            rewritten = [
                f
                for f in changed
                if f not in ("status", "texts")
                and (f == "orally_amended" or getattr(current, f) not in (None, ""))
            ]
            if rewritten:
                raise Frozen(
                    _("the report of %(series)s is %(state)s: its %(fields)s cannot change"),
                    series=series,
                    state=state,
                    fields=", ".join(rewritten),
                )
        combined = {f: getattr(current, f) for f in REPORT_FIELDS} | cleaned
        _check_stage(combined, series)
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
            _("the report of %(series)s is %(state)s and stays in the record"),
            series=report.meeting.series,
            state=term(report.status),
        )
    with transaction.atomic():
        written = [
            _paragraph_snapshot(p)
            for p in ReportParagraph.objects.filter(report=report).order_by("section", "position")
        ]
        log_action(by, "report.remove", report, before=_report_snapshot(report) | {"paragraphs": written})
        # The paragraphs written for the draft go with it (the audit entry keeps their text).
        ReportParagraph.objects.filter(report=report).delete()
        report.delete()


# -- the report of a new meeting, drafted in the pages -------------------------------------------


def draft_report(meeting: Meeting, *, symbol: str | None = None, by: Actor) -> Report:
    """Begin the report of a meeting that has none: the Report and its draft, a conference room
    paper (CRP) of the meeting's series that Plenary renders from the records (generated
    "report"): the next free CRP number (documents.numbering), or `symbol` when given.

    Guarantees: staff only; a kind of meeting whose report Plenary builds (a Meeting of States
    Parties, a Meeting of Experts, a Review Conference); once per meeting; the symbol is a CRP of
    the meeting's series not yet taken; the report and its document are written together or not
    at all. The draft is then built from the records as they are (reports.builder), with the
    paragraphs the secretariat writes (write_paragraph), until it is adopted (adopt_report) and
    issued (issue_report)."""
    permissions.require_staff(by, _("drafts the report of a meeting"))
    kind = report_kind(meeting)
    wanted = None
    if symbol is not None and str(symbol).strip():
        try:
            parsed = parse(str(symbol).strip())
        except SymbolError as exc:
            raise DomainError(
                _("%(value)s: %(problem)s"), value=repr(str(symbol)[:60]), problem=str(exc)
            ) from None
        if parsed.series != meeting.series or parsed.type != "CRP" or parsed.modifiers:
            raise DomainError(
                _(
                    "%(symbol)s is not a conference room paper of %(series)s: the draft report is "
                    "%(series)s/CRP.<number>"
                ),
                symbol=parsed.format(),
                series=meeting.series,
            )
        wanted = parsed.format()
    with transaction.atomic():
        if Report.objects.filter(meeting=meeting).exists():
            raise DomainError(
                _("the report of %(series)s is already on record: open it to continue the draft"),
                series=meeting.series,
            )
        crp = numbering.next_symbol(meeting, "CRP") if wanted is None else wanted
        if Document.objects.filter(symbol=crp).exists():
            raise Frozen(
                _("%(symbol)s is already a document of %(series)s: choose another symbol for the draft"),
                symbol=crp,
                series=meeting.series,
            )
        report = Report(meeting=meeting, original_language="en")
        document = record_document(
            meeting,
            symbol=crp,
            title=_report_titles(report, draft=True),
            original_language="en",
            status=Document.Status.DRAFT,
            generated=Document.Generated.REPORT,
            by=by,
        )
        report.draft = document
        report.save()
        log_action(by, "report.draft", report, after=_report_snapshot(report) | {"kind": kind})
    return report


def _paragraph_snapshot(paragraph: ReportParagraph) -> dict[str, Any]:
    return {"section": paragraph.section, "position": paragraph.position, "text": dict(paragraph.text)}


def _editable(report: Report) -> Report:
    """The report under its row lock, refused (Frozen) once adopted or issued: what the meeting
    adopted is what is issued."""
    current = _locked(report)
    if current.status == Report.Status.ISSUED:
        raise _issued(current)
    if current.status == Report.Status.ADOPTED:
        raise Frozen(
            _(
                "the report of %(series)s was adopted on %(date)s: its paragraphs no longer change (it is "
                "issued as adopted; a later change comes as a corrigendum or revision)"
            ),
            series=current.meeting.series,
            date=current.adopted_on,
        )
    return current


def _check_section(report: Report, section: Any) -> str:
    sections = report_sections(report)
    if not isinstance(section, str) or section not in sections:
        shown = str(section)[:40]
        raise DomainError(
            _("the report of %(series)s has no section %(section)s: write in one of %(sections)s"),
            series=report.meeting.series,
            section=repr(shown),
            sections=", ".join(sections),
        )
    return section


def _clean_paragraph_text(report: Report, text: Any) -> dict[str, str]:
    series = report.meeting.series
    if not isinstance(text, Mapping):
        raise DomainError(_("the report of %(series)s: a paragraph is a text per UN language"), series=series)
    cleaned = {}
    for lang, value in text.items():
        if lang not in UN_LANGUAGES:
            raise DomainError(
                _("the report of %(series)s: %(value)s is not one of the UN languages"),
                series=series,
                value=repr(str(lang)[:10]),
            )
        if value is None:
            continue
        if not isinstance(value, str):
            raise DomainError(
                _("the report of %(series)s: the %(language)s text of a paragraph is text"),
                series=series,
                language=lang,
            )
        value = value.replace("\r\n", "\n").strip()
        if len(value) > MAX_PARAGRAPH:
            raise DomainError(
                _(
                    "the report of %(series)s: the %(language)s text is %(length)s characters; a paragraph has "
                    "at most %(limit)s"
                ),
                series=series,
                language=lang,
                length=f"{len(value):,}",
                limit=f"{MAX_PARAGRAPH:,}",
            )
        if "\x00" in value:
            raise DomainError(
                _("the report of %(series)s: the %(language)s text holds a NUL character"),
                series=series,
                language=lang,
            )
        if value:
            cleaned[lang] = value
    if not cleaned:
        raise DomainError(
            _("the report of %(series)s: write the paragraph in at least one language"), series=series
        )
    return cleaned


def _in_section(report: Report, section: str) -> list[ReportParagraph]:
    return list(ReportParagraph.objects.filter(report=report, section=section).order_by("position", "id"))


def _check_position(position: Any, highest: int, section: str) -> int:
    if isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= highest:
        raise DomainError(
            _("section %(section)s: the position is a whole number from 1 to %(highest)s"),
            section=section,
            highest=highest,
        )
    return position


def _renumber(paragraphs: list[ReportParagraph]) -> None:
    """Give `paragraphs` the positions 1, 2 ... in their list order. Moving through positions
    above every current one first keeps the unique (report, section, position) constraint true at
    each step."""
    if not paragraphs:
        return
    top = max(p.position for p in paragraphs) + len(paragraphs) + 1
    for i, paragraph in enumerate(paragraphs):
        ReportParagraph.objects.filter(pk=paragraph.pk).update(position=top + i)
    for i, paragraph in enumerate(paragraphs, start=1):
        ReportParagraph.objects.filter(pk=paragraph.pk).update(position=i)
        paragraph.position = i


def _paragraph_of(report: Report, paragraph: ReportParagraph | int) -> ReportParagraph:
    pk = paragraph.pk if isinstance(paragraph, ReportParagraph) else paragraph
    found = ReportParagraph.objects.filter(pk=pk, report=report).first() if isinstance(pk, int) else None
    if found is None:
        raise NotFound(
            _("the report of %(series)s has no written paragraph #%(id)s"),
            series=report.meeting.series,
            id=pk,
        )
    return found


def write_paragraph(
    report: Report,
    *,
    section: str,
    text: Mapping[str, str],
    position: int | None = None,
    by: Actor,
) -> ReportParagraph:
    """Write a paragraph of the report that the records cannot give (the substance agreed), in
    one or more of the six languages, into `section` (a section of the report's structure,
    reports.builder.report_sections) at `position` among that section's written paragraphs (1
    first; by default after the last). The builder numbers it after the section's paragraphs
    built from the records.

    Guarantees: staff only; the report is a draft (Frozen once adopted or issued); a section of
    the report; a text in at least one UN language, each at most MAX_PARAGRAPH characters; a
    position from 1 to one past the last; the paragraphs after it move down one; audited."""
    permissions.require_staff(by, _("writes the report"))
    section = _check_section(report, section)
    cleaned = _clean_paragraph_text(report, text)
    with transaction.atomic():
        current = _editable(report)
        here = _in_section(current, section)
        if len(here) >= MAX_PARAGRAPHS:
            raise DomainError(
                _("the report of %(series)s: a section holds at most %(limit)s paragraphs"),
                series=current.meeting.series,
                limit=MAX_PARAGRAPHS,
            )
        at = len(here) + 1 if position is None else _check_position(position, len(here) + 1, section)
        _renumber(here)
        for paragraph in reversed(here[at - 1 :]):
            ReportParagraph.objects.filter(pk=paragraph.pk).update(position=paragraph.position + 1)
        paragraph = ReportParagraph.objects.create(report=current, section=section, position=at, text=cleaned)
        log_action(
            by, "report.paragraph.write", current, after=_paragraph_snapshot(paragraph) | {"id": paragraph.pk}
        )
    return paragraph


def update_paragraph(
    report: Report, paragraph: ReportParagraph | int, *, text: Mapping[str, str], by: Actor
) -> ReportParagraph:
    """Replace a written paragraph's text (every language at once: a language left empty is no
    longer given). Guarantees: those of write_paragraph; the paragraph is one of this report's
    (NotFound otherwise); nothing is written when nothing changes."""
    permissions.require_staff(by, _("writes the report"))
    cleaned = _clean_paragraph_text(report, text)
    with transaction.atomic():
        current = _editable(report)
        found = _paragraph_of(current, paragraph)
        if found.text == cleaned:
            return found
        before = _paragraph_snapshot(found)
        found.text = cleaned
        found.save(update_fields=["text"])
        log_action(
            by,
            "report.paragraph.update",
            current,
            before=before,
            after=_paragraph_snapshot(found) | {"id": found.pk},
        )
    return found


def remove_paragraph(report: Report, paragraph: ReportParagraph | int, *, by: Actor) -> None:
    """Take a written paragraph out of the draft; the ones after it move up. Guarantees: staff
    only; a draft (Frozen once adopted or issued); a paragraph of this report; audited with its
    text."""
    permissions.require_staff(by, _("writes the report"))
    with transaction.atomic():
        current = _editable(report)
        found = _paragraph_of(current, paragraph)
        before = _paragraph_snapshot(found) | {"id": found.pk}
        found.delete()
        _renumber(_in_section(current, found.section))
        log_action(by, "report.paragraph.remove", current, before=before)


def move_paragraph(
    report: Report,
    paragraph: ReportParagraph | int,
    *,
    position: int,
    section: str | None = None,
    by: Actor,
) -> ReportParagraph:
    """Move a written paragraph to `position` in its section, or in `section`. Guarantees: staff
    only; a draft (Frozen once adopted or issued); a paragraph of this report and a section of it;
    a position from 1 to the last place (one past the last in another section); the others keep
    their order; audited."""
    permissions.require_staff(by, _("writes the report"))
    with transaction.atomic():
        current = _editable(report)
        found = _paragraph_of(current, paragraph)
        target = found.section if section is None else _check_section(current, section)
        before = _paragraph_snapshot(found)
        others = [p for p in _in_section(current, target) if p.pk != found.pk]
        at = _check_position(position, len(others) + 1, target)
        if target != found.section:
            old_section = found.section
            free = max([p.position for p in others], default=0) + 1  # a free place in the target section
            ReportParagraph.objects.filter(pk=found.pk).update(section=target, position=free)
            found.section = target
            _renumber(_in_section(current, old_section))
        order = others[: at - 1] + [found] + others[at - 1 :]
        _renumber(order)
        found.refresh_from_db()
        if _paragraph_snapshot(found) != before:
            log_action(
                by,
                "report.paragraph.move",
                current,
                before=before,
                after=_paragraph_snapshot(found) | {"id": found.pk},
            )
    return found


def adopt_report(report: Report, *, on: dt.date, orally_amended: bool = False, by: Actor) -> Report:
    """The meeting adopts its draft report on a day of the meeting ("as orally amended" or not).
    Guarantees: staff only; once (an adopted or issued report is not adopted again: Frozen)."""
    _require_staff(by)
    meeting = report.meeting
    if meeting.start and meeting.end and not meeting.start <= on <= meeting.end:
        raise DomainError(
            _("%(date)s is not a day of %(series)s (%(start)s to %(end)s)"),
            date=on,
            series=meeting.series,
            start=meeting.start,
            end=meeting.end,
        )
    with transaction.atomic():
        current = _locked(report)
        if current.status == Report.Status.ISSUED:
            raise _issued(current)
        if current.status == Report.Status.ADOPTED:
            raise Frozen(
                _(
                    "the report of %(series)s is already adopted (on %(date)s): an adopted report is not "
                    "adopted again"
                ),
                series=meeting.series,
                date=current.adopted_on,
            )
        if current.draft is None:
            raise DomainError(
                _("the report of %(series)s has no draft (CRP) to adopt"), series=meeting.series
            )
        report.status, report.adopted_on, report.orally_amended = Report.Status.ADOPTED, on, orally_amended
        report.save(update_fields=["status", "adopted_on", "orally_amended"])
        log_action(
            by,
            "report.adopt",
            report,
            after={"on": on.isoformat(), "orally_amended": orally_amended, "draft": current.draft.symbol},
        )
    return report


def _report_titles(report: Report, *, draft: bool) -> dict[str, str]:
    """The title of the report's document (or of its draft) in the six languages."""
    if report.texts and not draft and report.texts.get("title"):
        return dict(report.texts["title"])
    meeting = report.meeting
    kind = report_kind(meeting)
    titles = {}
    for lang in UN_LANGUAGES:
        p = kind_phrases(lang, kind)
        topic = meeting.topic_texts.get(lang)
        if not draft and kind == "MX" and topic:
            titles[lang] = p["report_title_topic"].format(topic=topic)
        else:
            titles[lang] = p["draft_title" if draft else "report_title"]
    return titles


def _final_document(report: Report, final: Document | str | None, on: dt.date, *, by: Actor) -> Document:
    """The document the report is issued as: `final` itself, the document of the symbol given, or
    (None) a new official document under the next free number of the meeting's series, allocated
    by documents.numbering in the issuing transaction."""
    meeting = report.meeting
    if isinstance(final, Document):
        document = final
    else:
        symbol = None
        if final is None or not str(final).strip():
            symbol = numbering.next_symbol(meeting, "")
        else:
            try:
                parsed = parse(str(final).strip())
            except SymbolError as exc:
                raise DomainError(
                    _("%(value)s: %(problem)s"), value=repr(str(final)[:60]), problem=str(exc)
                ) from None
            if parsed.series != meeting.series or parsed.type or parsed.modifiers:
                raise DomainError(
                    _(
                        "%(symbol)s is not an official document of %(series)s: the report is issued as "
                        "%(series)s/<number>"
                    ),
                    symbol=parsed.format(),
                    series=meeting.series,
                )
            symbol = parsed.format()
        document = Document.objects.filter(symbol=symbol).first()
        if document is None:
            document = record_document(
                meeting,
                symbol=symbol,
                title=_report_titles(report, draft=False),
                original_language=report.original_language,
                versions=[{"lang": lang} for lang in UN_LANGUAGES],
                issued_on=on,
                generated=Document.Generated.REPORT,
                by=by,
            )
    if document.meeting_id != report.meeting_id or document.doc_type or document.parent_id:
        raise DomainError(
            _("%(symbol)s is not an official document of %(series)s"),
            symbol=document.symbol,
            series=meeting.series,
        )
    return document


def issue_report(report: Report, *, final: Document | str | None = None, on: dt.date, by: Actor) -> Report:
    """The adopted report is issued under its final symbol: the document `final`, the symbol
    given, or (None) the next numbered document of the meeting's series (documents.numbering).

    Guarantees: staff only; once (an issued report is not issued again: Frozen); an official
    document of the meeting that carries no issued file yet; in the same transaction the report is
    rendered from the records in the six languages and every format (txt, html, docx, pdf) and as
    Akoma Ntoso XML, and those 30 files are stored with their SHA-256 (store_issued_report): all
    or nothing, no document and no file left behind if anything fails. From then on it changes
    only by a corrigendum or revision.
    """
    _require_staff(by)
    if isinstance(final, Document) and (
        final.meeting_id != report.meeting_id or final.doc_type or final.parent_id
    ):
        raise DomainError(
            _("%(symbol)s is not an official document of %(series)s"),
            symbol=final.symbol,
            series=report.meeting.series,
        )
    if report.adopted_on and on < report.adopted_on:
        raise DomainError(
            _("a report cannot be issued (%(date)s) before it is adopted (%(adopted)s)"),
            date=on,
            adopted=report.adopted_on,
        )
    with atomic_files():
        current = _locked(report)
        if current.status == Report.Status.ISSUED:
            raise _issued(current)
        if current.status != Report.Status.ADOPTED:
            raise DomainError(
                _("the report of %(series)s must be adopted before it is issued"),
                series=report.meeting.series,
            )
        document = _final_document(current, final, on, by=by)
        taken = sorted(IssuedFile.objects.filter(document=document).values_list("lang", "fmt"))
        if taken:
            raise Frozen(
                _(
                    "%(symbol)s is already issued with its files (%(files)s): an issued document does not "
                    "change; choose the symbol the report is issued under"
                ),
                symbol=document.symbol,
                files=", ".join(f"{lg} {f}" for lg, f in taken),
            )
        report.status, report.final, report.issued_on = Report.Status.ISSUED, document, on
        report.save(update_fields=["status", "final", "issued_on"])
        log_action(by, "report.issue", report, after={"final": document.symbol, "on": on.isoformat()})
        store_issued_report(report, by=by)
    return report


def akn_identity(report: Report, document: Document) -> AknIdentity:
    """How the issued report `document` is named in Akoma Ntoso (AKN4UN): its symbol, its date of
    issue and the body that authors it (reports.akn)."""
    meeting = report.meeting
    # The date of issue; a record that does not give it (BWC/MSP/2017/6 is recorded without one)
    # names the report by the day it was adopted, the nearest date on record.
    day = document.issued_on or report.issued_on or report.adopted_on
    if day is None:
        raise DomainError(
            _("%(symbol)s has no date of issue: the Akoma Ntoso export names the issued report"),
            symbol=document.symbol,
        )
    kind = "MSP" if report.texts else report_kind(meeting)
    treaty = meeting.treaty
    body = {"MSP": "Meeting of States Parties", "MX": "Meeting of Experts", "REVCON": "Review Conference"}[
        kind
    ]
    short = treaty.short_names.get("en") or treaty.code
    return AknIdentity(
        symbol=document.symbol,
        date=day,
        actor=f"{treaty.code.lower()}-{kind.lower()}",
        actor_name=f"{body} of the {short}",
        subclass="conferenceReport" if kind == "REVCON" else "meetingReport",
        editor=f"{treaty.code.lower()}-isu",
        editor_name=f"Implementation Support Unit of the {short}",
    )


def render_report(report: Report, lang: str, fmt: str, *, issued_as: Document | None = None) -> bytes:
    """The report rendered from the records as they are now, in `lang` and `fmt`, as bytes. The
    Akoma Ntoso XML ("akn") names an issued document, so it is rendered for an issued report only."""
    if fmt == AKN:
        document = issued_as or report.final
        if report.status != Report.Status.ISSUED or document is None:
            raise DomainError(
                _("the report of %(series)s is not issued: its Akoma Ntoso XML is made when it is issued"),
                series=report.meeting.series,
            )
        return render_akn(build_report_of(report, lang, issued_as=issued_as), akn_identity(report, document))
    if fmt not in FORMATS:
        raise DomainError(
            _("unknown report format %(format)s: use one of %(formats)s"),
            format=repr(fmt)[:60],
            formats=", ".join((*FORMATS, AKN)),
        )
    content = FORMATS[fmt][0](build_report_of(report, lang, issued_as=issued_as))
    return content.encode("utf-8") if isinstance(content, str) else content


def _store_rendering(report: Report, document: Document, *, by: Actor) -> list[IssuedFile]:
    """Render the report as `document` in every language and format (and as Akoma Ntoso XML) and
    store the bytes."""
    rows = []
    identity = akn_identity(report, document)
    for lang in UN_LANGUAGES:
        tree = build_report_of(report, lang, issued_as=None if document == report.final else document)
        for fmt in REPORT_FORMATS:
            content = FORMATS[fmt][0](tree)
            data = content.encode("utf-8") if isinstance(content, str) else content
            rows.append(store_issued_file(document, lang=lang, fmt=fmt, data=data))
        rows.append(store_issued_file(document, lang=lang, fmt=AKN, data=render_akn(tree, identity)))
    log_action(
        by,
        "report.files",
        report,
        after={"document": document.symbol, "files": {f"{r.lang}.{r.fmt}": r.sha256 for r in rows}},
    )
    return rows


def store_issued_report(report: Report, *, by: Actor) -> list[IssuedFile]:
    """The issued report's files: its final document holds the report in the six languages and
    every format (txt, html, docx, pdf) and as Akoma Ntoso XML (akn), each with its SHA-256.

    Guarantees: staff (or the system) only; the report is issued under a final symbol; when the
    final document holds none of these files yet, every language and format is rendered from the
    records now and stored, all in one transaction (a failure leaves neither row nor file); when
    it already holds them (a meeting record loaded again), they are kept exactly as they are and
    nothing is rendered: an issued document does not change (a report issued before Plenary made
    the Akoma Ntoso export keeps its 24 files and gets none added). Used by issue_report and by
    the record loader for a record whose report is already issued.
    """
    _require_staff(by)
    if report.status != Report.Status.ISSUED or report.final is None:
        raise DomainError(
            _("the report of %(series)s is not issued under a final symbol"), series=report.meeting.series
        )
    final = report.final
    held = {(f.lang, f.fmt): f for f in IssuedFile.objects.filter(document=final)}
    wanted = {(lang, fmt) for lang in UN_LANGUAGES for fmt in ISSUED_FORMATS}
    rendered = {(lang, fmt) for lang in UN_LANGUAGES for fmt in REPORT_FORMATS}
    if wanted <= set(held) or (rendered <= set(held) and not {k for k in held if k[1] == AKN}):
        return [held[key] for key in sorted(held)]
    if held:
        raise Frozen(
            _(
                "%(symbol)s already holds issued files (%(files)s) that are not the report's: an issued document does not change"
            ),
            symbol=final.symbol,
            files=", ".join(f"{lg} {f}" for lg, f in sorted(held)),
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
        raise DomainError(
            _("the report of %(series)s is not issued: change the draft instead"),
            series=report.meeting.series,
        )
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
        raise DomainError(_("issue the list in at least one language"))
    for code in chosen:
        if code not in UN_LANGUAGES:
            raise DomainError(
                _("unknown language %(code)s: use one of %(languages)s"),
                code=repr(code)[:60],
                languages=", ".join(UN_LANGUAGES),
            )
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
    issued_as = report.final.symbol if report.status == Report.Status.ISSUED and report.final else None
    if record is None:
        if issued_as:
            raise Frozen(
                _(
                    "the report of %(series)s is issued as %(symbol)s: the record has no report; an adopted or "
                    "issued report does not change (a correction comes as a corrigendum or revision)"
                ),
                series=meeting.series,
                symbol=issued_as,
            )
        raise Frozen(
            _(
                "the report of %(series)s is adopted: the record has no report; an adopted or issued report "
                "does not change (a correction comes as a corrigendum or revision)"
            ),
            series=meeting.series,
        )
    wanted = _facts(record.get("status") or Report.Status.DRAFT, record)
    fixed = _ADOPTED_FACTS + (_ISSUED_FACTS if report.status == Report.Status.ISSUED else ())
    changed = [key for key in fixed if now[key] != wanted[key]]
    if _ORDER[wanted["status"]] < _ORDER[report.status]:
        changed.insert(0, "status")
    if changed and issued_as:
        raise Frozen(
            _(
                "the report of %(series)s is issued as %(symbol)s: the record would change its %(fields)s; an "
                "adopted or issued report does not change (a correction comes as a corrigendum or revision)"
            ),
            series=meeting.series,
            symbol=issued_as,
            fields=", ".join(changed),
        )
    if changed:
        raise Frozen(
            _(
                "the report of %(series)s is adopted: the record would change its %(fields)s; an adopted or "
                "issued report does not change (a correction comes as a corrigendum or revision)"
            ),
            series=meeting.series,
            fields=", ".join(changed),
        )
