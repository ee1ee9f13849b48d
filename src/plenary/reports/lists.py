"""A meeting's list of participants as a document: built from the delegations, rendered as PDF
(WeasyPrint, from an HTML template) or Word (python-docx). Issuing a list stores these files
(reports.domain.issue_participants_list); an issued list is served from them, never built again.

The list holds the registered delegations whose registration the secretariat approved, by Rule 44
category, each under the State's UN short name in force on the opening day (or the organization's
name) in the list's language, ordered as that language's UN documents order names (Chinese keeps
the English order), with the head of delegation first. A person is printed as the registration
gives them: salutation, given names, family name, function (e-mail addresses are never printed).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation

from plenary.core.languages import pick
from plenary.meetings.models import Meeting
from plenary.meetings.queries import meeting_titles
from plenary.participation.models import Category, Delegation, Participant
from plenary.participation.queries import delegations_of
from plenary.reports.language import sort_key
from plenary.treaties.queries import names_on

DJANGO_LANG = {"zh": "zh-hans"}
HEADINGS = {
    "ar": "قائمة المشاركين",
    "zh": "与会者名单",
    "en": "List of participants",
    "fr": "Liste des participants",
    "ru": "Список участников",
    "es": "Lista de participantes",
}
PROVISIONAL = {
    "ar": "قائمة مؤقتة",
    "zh": "临时名单",
    "en": "Provisional list",
    "fr": "Liste provisoire",
    "ru": "Предварительный список",
    "es": "Lista provisional",
}
# The head of delegation first, then the deputy and the alternates; the others in the order the
# registration gives them.
ROLE_ORDER = {
    Participant.Role.HEAD: 0,
    Participant.Role.DEPUTY: 1,
    Participant.Role.ALTERNATE: 2,
    Participant.Role.MEMBER: 3,
    Participant.Role.ADVISER: 3,
    Participant.Role.EXPERT: 3,
}
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class Member:
    name: str
    function: str
    head: bool


@dataclass
class ListedDelegation:
    name: str
    members: list[Member] = field(default_factory=list)


@dataclass
class ListCategory:
    label: str
    delegations: list[ListedDelegation]


@dataclass
class ParticipantsList:
    symbol: str
    lang: str
    heading: str
    provisional: str
    meeting: str
    categories: list[ListCategory]

    @property
    def css_symbol(self) -> str:
        """The symbol for a CSS string in the page header: only the characters a symbol has."""
        return re.sub(r"[^A-Za-z0-9/.*()]", "", self.symbol)

    @property
    def direction(self) -> str:
        return "rtl" if self.lang == "ar" else "ltr"


def _members(delegation: Delegation) -> list[Member]:
    people = sorted(delegation.participants.all(), key=lambda p: (ROLE_ORDER.get(p.role, 3), p.position))
    return [
        Member(
            name=" ".join(x for x in (p.honorific, p.name) if x),
            function=p.function,
            head=p.role == Participant.Role.HEAD,
        )
        for p in people
    ]


def build_list(meeting: Meeting, symbol: str, lang: str) -> ParticipantsList:
    """The list of participants of `meeting` in `lang`, under `symbol` (a fixed number of queries)."""
    on = meeting.start or dt.date(meeting.year, 1, 1)
    names = names_on(on, lang)
    english = names if lang == "en" else names_on(on, "en")
    key_lang = "en" if lang == "zh" else lang
    # The delegations that count: registered (observer status granted where it is needed) and
    # approved by the secretariat; a registration received or returned is not listed.
    delegations = [d for d in delegations_of(meeting) if d.status == Delegation.Status.REGISTERED]
    categories = []
    with translation.override(DJANGO_LANG.get(lang, lang)):
        for code, label in Category.choices:
            rows = []
            for d in (d for d in delegations if d.category == code):
                if d.state is not None:
                    name = names.get(d.state.code) or d.state.code
                    order = (english if lang == "zh" else names).get(d.state.code) or d.state.code
                else:
                    picked = pick(d.organization.names, lang)
                    name = picked.text if picked else d.organization.code
                    order_pick = pick(d.organization.names, key_lang)
                    order = order_pick.text if order_pick else name
                rows.append((sort_key(order, key_lang), ListedDelegation(name, _members(d))))
            if rows:
                rows.sort(key=lambda row: row[0])
                categories.append(ListCategory(str(label), [row[1] for row in rows]))
    title = pick(meeting_titles(meeting), lang)
    return ParticipantsList(
        symbol=symbol,
        lang=lang,
        heading=HEADINGS[lang],
        provisional=PROVISIONAL[lang] if "/MISC." in symbol else "",
        meeting=title.text if title else meeting.series,
        categories=categories,
    )


def render_html(doc: ParticipantsList) -> str:
    return render_to_string("reports/participants_list.html", {"doc": doc})


def render_pdf(doc: ParticipantsList) -> bytes:
    from weasyprint import HTML  # imported here: slow to import, and only the PDF needs it

    return HTML(string=render_html(doc)).write_pdf()


def render_docx(doc: ParticipantsList) -> bytes:
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    word = WordDocument()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.header.paragraphs[0].text = doc.symbol
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    base = word.styles["Normal"]
    base.font.name = "Noto Serif"
    base.font.size = Pt(11)
    if doc.provisional:
        word.add_paragraph(doc.provisional).alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.add_paragraph(doc.meeting).alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.add_heading(doc.heading, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for category in doc.categories:
        word.add_heading(category.label, level=1)
        for delegation in category.delegations:
            word.add_heading(delegation.name, level=2)
            for member in delegation.members:
                para = word.add_paragraph()
                run = para.add_run(member.name)
                run.bold = member.head
                if member.function:
                    para.add_run(f", {member.function}")
                para.paragraph_format.space_after = Pt(2)
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


RENDERERS = {"pdf": render_pdf, "docx": render_docx}


def file_name(symbol: str, lang: str, fmt: str) -> str:
    """As the UN names files: BWC_MSP_2018_MISC.1_Rev.1-EN.pdf."""
    return f"{symbol.replace('/', '_')}-{lang.upper()}.{fmt}"
