"""A meeting's list of participants and list of documents as tables, written as CSV (UTF-8 with a
BOM, so that Excel reads Arabic and Chinese right) or XLSX (bold header, sized columns)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from plenary.core.languages import pick
from plenary.documents.models import Document, LanguageVersion, Sponsorship
from plenary.exports.queries import delegations_of, documents_of
from plenary.exports.texts import SECRETARIAT, NameBook, meeting_day, plain
from plenary.meetings.models import Meeting
from plenary.participation.models import Category, Delegation, Participant
from plenary.participation.queries import names_are_public

PARTICIPANT_COLUMNS = (
    "category",
    "status",
    "code",
    "delegation",
    "name",
    "honorific",
    "function",
    "role",
)
DOCUMENT_COLUMNS = (
    "symbol",
    "title",
    "title_language",
    "submitters",
    "co_sponsors",
    "on_behalf_of",
    "original_language",
    "official_versions",
    "informal_translations",
    "status",
    "issued_on",
)
MIME = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class Table:
    def __init__(self, title: str, columns: Sequence[str], rows: list[list[str]]):
        self.title = title
        self.columns = tuple(columns)
        self.rows = rows


def participants_table(meeting: Meeting, lang: str) -> Table:
    """One row per member of each delegation, in Rule 44 order; a delegation with no member on
    record gives one row with the name columns empty."""
    names = NameBook(meeting_day(meeting))
    rows: list[list[str]] = []
    public = names_are_public(meeting)  # before a list is issued, the people are not named
    for delegation in delegations_of(meeting):
        if delegation.state is not None:
            code, who = delegation.state.code, names.plain(delegation.state.code, lang)
        else:
            code = delegation.organization.code
            who = plain(delegation.organization.names, lang) or code
        head = [delegation.category, delegation.status, code, who]
        members = list(delegation.participants.all()) if public else []
        if not members:
            rows.append(head + ["", "", "", ""])
        for member in members:
            rows.append(head + [member.name, member.honorific, member.function, member.role])
    return Table("participants", PARTICIPANT_COLUMNS, rows)


BADGE_COLUMNS = (
    "salutation",
    "family_name",
    "given_names",
    "function",
    "delegation",
    "category",
    "role",
    "meeting",
)


def badges_table(meeting: Meeting) -> Table:
    """The list for badges (for the secretariat only): one row per person of every delegation
    whose registration is approved and not refused observer status, in Rule 44 order; the
    delegation under its English name, the category and the role as the English labels."""
    names = NameBook(meeting_day(meeting))
    categories = dict(Category.choices)
    roles = dict(Participant.Role.choices)
    rows: list[list[str]] = []
    with translation.override("en"):
        for delegation in delegations_of(meeting):
            if delegation.status == Delegation.Status.REFUSED:
                continue
            if delegation.state is not None:
                who = names.plain(delegation.state.code, "en")
            else:
                who = plain(delegation.organization.names, "en") or delegation.organization.code
            for p in delegation.participants.all():
                rows.append(
                    [
                        p.honorific,
                        p.family_name or p.name,
                        p.given_names,
                        p.function,
                        who,
                        str(categories.get(delegation.category, delegation.category)),
                        str(roles.get(p.role, p.role)),
                        meeting.series,
                    ]
                )
    return Table("badges", BADGE_COLUMNS, rows)


def badges_file(meeting: Meeting, fmt: str) -> tuple[bytes, str, str]:
    """(content, file name, MIME type) of the meeting's list for badges as CSV or XLSX."""
    return WRITERS[fmt](badges_table(meeting)), file_name(meeting.series, "badges", "en", fmt), MIME[fmt]


def sponsor_name(sponsorship: Sponsorship, names: NameBook, lang: str) -> str:
    if sponsorship.state is not None:
        return names.plain(sponsorship.state.code, lang)
    if sponsorship.organization is not None:
        return plain(sponsorship.organization.names, lang) or sponsorship.organization.code
    return SECRETARIAT[lang]


def documents_table(meeting: Meeting, lang: str) -> Table:
    names = NameBook(meeting_day(meeting))
    rows: list[list[str]] = []
    for document in documents_of(meeting):
        rows.append(document_row(document, names, lang))
    return Table("documents", DOCUMENT_COLUMNS, rows)


def document_row(document: Document, names: NameBook, lang: str) -> list[str]:
    title = pick(document.title, lang)
    sponsors = list(document.sponsorships.all())
    versions = list(document.versions.all())
    return [
        document.symbol,
        title.text if title else "",
        title.lang if title else "",
        "; ".join(sponsor_name(s, names, lang) for s in sponsors if s.role == Sponsorship.Role.SUBMITTER),
        "; ".join(sponsor_name(s, names, lang) for s in sponsors if s.role == Sponsorship.Role.CO_SPONSOR),
        plain(document.on_behalf_of.names, lang) if document.on_behalf_of else "",
        document.original_language,
        " ".join(v.lang for v in versions if v.kind == LanguageVersion.Kind.OFFICIAL),
        " ".join(v.lang for v in versions if v.kind == LanguageVersion.Kind.INFORMAL),
        document.status,
        document.issued_on.isoformat() if document.issued_on else "",
    ]


# What a spreadsheet takes as the start of a formula (OWASP, "CSV Injection"): = + - @, and the
# tab and carriage return that some programs strip before they look. The full-width forms count
# too: some spreadsheets in CJK locales read ＝ as =.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralised(value):
    """A cell's value as no spreadsheet runs it: text that would start a formula gets a leading
    apostrophe (OWASP's rule), shown as written; numbers, dates and other text are left alone.
    A participant named "=HYPERLINK(...)" must come out as text, whoever typed it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([neutralised(c) for c in table.columns])
    writer.writerows([neutralised(v) for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.title
    sheet.append([neutralised(c) for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # openpyxl stores text starting with "=" as a formula: neutralised() leaves none.
    for row in table.rows:
        sheet.append([neutralised(v) for v in row])
    sheet.freeze_panes = "A2"
    for i, column in enumerate(table.columns, start=1):
        longest = max([len(column), *(len(str(row[i - 1])) for row in table.rows)])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 8), 80)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WRITERS = {"csv": to_csv, "xlsx": to_xlsx}


def file_name(series: str, what: str, lang: str, fmt: str) -> str:
    """BWC_MSP_2017-participants-EN.xlsx: the series as in UN file names, the list, the language."""
    return f"{series.replace('/', '_').replace(' ', '_')}-{what}-{lang.upper()}.{fmt}"


def meeting_table_file(meeting: Meeting, what: str, lang: str, fmt: str) -> tuple[bytes, str, str]:
    """(content, file name, MIME type) of a meeting's `participants` or `documents` list."""
    table = {"participants": participants_table, "documents": documents_table}[what](meeting, lang)
    return WRITERS[fmt](table), file_name(meeting.series, what, lang, fmt), MIME[fmt]
