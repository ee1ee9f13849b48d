"""Draft documents of a Meeting of States Parties that Plenary writes from the records (the Chair's
universalization report, the ISU's annual report): a symbol of the meeting's series from the one
allocator, and a Word file in each of the six languages, all through the documents domain.

The text of each language is built as a `reports.tree.ReportDoc` (already in that language) and
rendered by the report renderer (`reports.render.render_docx`), so these drafts look like the
meeting's other documents. A draft is recorded once per meeting and title: the secretariat works
on from it (it is issued, once edited, through the "Issue a document" page as its final text).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_noop as _

from plenary.accounts import permissions
from plenary.core.actor import Actor
from plenary.core.errors import DomainError, Frozen
from plenary.core.languages import UN_LANGUAGES
from plenary.documents import numbering
from plenary.documents.domain import add_language_version, record_document
from plenary.documents.files import atomic_files
from plenary.documents.models import Document
from plenary.documents.symbols import file_stem
from plenary.meetings.models import Meeting
from plenary.reports.builder import phrases
from plenary.reports.render import render_docx
from plenary.reports.tree import Para, ReportDoc, Section, Table

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# (title, blocks) of each section, in the language of the draft.
Sections = list[tuple[str, tuple[Para | Table, ...]]]


def msp_of(treaty_code: str, year: int) -> Meeting:
    """The Meeting of States Parties of the year, to which the year's reports go."""
    meeting = (
        Meeting.objects.select_related("treaty")
        .filter(treaty__code=treaty_code, kind=Meeting.Kind.MSP, year=year)
        .first()
    )
    if meeting is None:
        raise DomainError(_("no Meeting of States Parties of %(year)s is recorded: plan it first"), year=year)
    return meeting


def existing_draft(meeting: Meeting, title_en: str) -> Document | None:
    """The draft of this title already recorded for the meeting, if any."""
    for document in Document.objects.filter(meeting=meeting, status=Document.Status.DRAFT):
        if (document.title or {}).get("en") == title_en:
            return document
    return None


def report_doc(
    lang: str,
    *,
    symbol: str,
    title: str,
    body_lines: tuple[str, ...],
    sections: Sections,
    treaty: str,
    preface: tuple[Para | Table, ...] = (),
) -> ReportDoc:
    """The draft's text in one language, as the report renderer takes it; `preface` the blocks
    before the numbered sections (a Summary)."""
    p = phrases(lang)
    return ReportDoc(
        lang=lang,
        symbol=symbol,
        distribution=p["distribution"],
        date="",
        original=p["original"].format(language=p["languages"]["en"]),
        job_number="",
        body_lines=body_lines,
        title=title,
        sections=tuple(
            Section(p["section_numbers"][i], heading, blocks) for i, (heading, blocks) in enumerate(sections)
        ),
        treaty_short=treaty,
        blocks=preface,
    )


def record_draft(
    meeting: Meeting,
    *,
    titles: dict[str, str],
    build: Callable[[str, str], ReportDoc],
    by: Actor,
) -> Document:
    """Record a draft document of the meeting under the next free symbol of its series, with its
    Word file in each UN language (`build(lang, symbol)` gives the text).

    Guarantees: staff or the system only; one draft of a title per meeting (a second is refused
    with the symbol of the first: Frozen); the symbol from the one allocator, under the meeting's
    lock; the document and its six files in one transaction, no file left behind if anything
    fails; audited by the documents domain."""
    permissions.require_staff(by, _("drafts documents of a meeting"))
    if set(titles) != set(UN_LANGUAGES):
        raise DomainError(_("a draft has its title in the six UN languages"))
    with atomic_files():
        found = existing_draft(meeting, titles["en"])
        if found is not None:
            raise Frozen(
                _("the draft is already recorded as %(symbol)s: open it to work on it"), symbol=found.symbol
            )
        symbol = numbering.next_document_symbol(meeting)
        document = record_document(
            meeting,
            by=by,
            symbol=symbol,
            title=titles,
            original_language="en",
            secretariat=True,
            status=Document.Status.DRAFT,
        )
        for lang in UN_LANGUAGES:
            data = render_docx(build(lang, document.symbol))
            upload = SimpleUploadedFile(f"{file_stem(document.symbol, lang)}.docx", data, content_type=DOCX)
            add_language_version(document, lang=lang, upload=upload, by=by)
    return document
