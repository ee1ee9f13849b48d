"""The report as a language-specific document tree, between the builder and the renderers.

The builder (records -> tree) knows the meeting; the renderers (tree -> txt, html, docx, pdf) know
only this structure. Everything here is already in the target language: the renderers translate
nothing and count nothing. Pure: no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RTL_LANGUAGES = frozenset({"ar"})


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str


@dataclass(frozen=True)
class Para:
    """A paragraph.

    kind:
      numbered  a numbered paragraph of the report ("7."), `number` = "7"
      sub       a lettered sub-paragraph ("(a)"), `number` = "(a)"
      quote     a quoted passage (a decision quoted verbatim), may carry its own `number` ("6.")
      bullet    an item of a bulleted list (the topics of a Meeting of Experts)
      heading   a run-in heading inside a section (e.g. "Meeting of Experts 1 (two days): ...")
      plain     an unnumbered paragraph
    `footnotes` are the numbers of footnotes whose markers follow the paragraph's text.
    """

    text: str
    kind: Literal["numbered", "sub", "quote", "bullet", "heading", "plain"] = "numbered"
    number: str | None = None
    footnotes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None


@dataclass(frozen=True)
class Section:
    number: str  # as the language writes it: "I", "一", ...
    title: str
    blocks: tuple[Para | Table, ...]


@dataclass(frozen=True)
class AnnexEntry:
    symbol: str
    title: str
    note: str | None = None  # language availability: "English only", "只有英文本"...


@dataclass(frozen=True)
class Annex:
    label: str  # "Annex", "附件"
    title: str  # "List of documents of the Meeting of States Parties"
    columns: tuple[str, str]  # ("Symbol", "Title")
    entries: tuple[AnnexEntry, ...]


@dataclass(frozen=True)
class ReportDoc:
    lang: str  # ar zh en fr ru es
    symbol: str  # BWC/MSP/2017/6
    distribution: str  # "General" / "普遍分发"
    date: str  # the issue date, formatted for the language
    original: str  # "Original: English" / "原文：英文"
    job_number: str  # "GE.17-22586"; the footer's job number
    body_lines: tuple[str, ...]  # the meeting's name, place and dates, agenda item, item title
    title: str  # "Report of the Meeting of States Parties"
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...] = ()
    annex: Annex | None = None
    treaty_short: str = ""  # for the running header, e.g. "BWC"
    labels: dict[str, str] = field(default_factory=dict)  # UI words a renderer needs: "page" ...
    # A document with no sections of its own (a provisional agenda, a programme of work): the line
    # under its title ("Submitted by the Chair") and the blocks that follow it, before any section.
    subtitle: str = ""
    blocks: tuple[Para | Table, ...] = ()

    @property
    def direction(self) -> str:
        return "rtl" if self.lang in RTL_LANGUAGES else "ltr"
