"""The report as Akoma Ntoso 3.0 XML, named after AKN4UN (the UN System's guidelines for Akoma
Ntoso): a ReportDoc (plenary.reports.tree) and its identification -> bytes. Pure: no database.

AKN4UN classes a meeting's report as a Meeting Report: the document type <debateReport> with the
FRBR subtype "report" and the AKN4UN subclass as its name ("meetingReport"; "conferenceReport" for
a conference's). Its IRIs (AKN4UN, "Naming convention"):

    Work           /akn/un/debateReport/report/{actor}/{date}/{number}
    Expression     {work}/{language}@{date}
    Manifestation  {expression}.xml

- {actor}: the body that authors the report, organization and body joined by a dash, lower case
  ("bwc-msp": the Meeting of States Parties to the BWC; "bwc-mx", "bwc-revcon"); it is also the
  end of the <TLCOrganization> that <FRBRauthor> points at.
- {date}: the date of the report (its issue), YYYY-MM-DD.
- {number}: the symbol, "/" written "-" and " " written "_" ("BWC-MSP-2017-6"); the symbol itself
  is <FRBRnumber showAs>.
- {language}: ISO 639-2 alpha-3 (ara, zho, eng, fra, rus, spa).
The main component is "!main" (FRBRthis).

The body: each section is a <section eId="sec_N"> with <num> and <heading>; each numbered paragraph
a <paragraph eId="para_N"> with <num>N.</num> and its text in <content><p>; what follows a numbered
paragraph until the next (a quoted decision, lettered sub-paragraphs, bullets, a table) stays in
that paragraph's content. Footnotes are <authorialNote> at their marker. The annex (the list of
documents) is a last <hcontainer name="annex"> holding a table; a document's language note ("English
only") is a second <p> in its symbol's cell, under the symbol.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from plenary.reports.tree import Annex, Para, ReportDoc, Table

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MIME = "application/akn+xml"
ISO_639_2 = {"ar": "ara", "zh": "zho", "en": "eng", "fr": "fra", "ru": "rus", "es": "spa"}


@dataclass(frozen=True)
class AknIdentity:
    """What names the report as a FRBR work, expression and manifestation."""

    symbol: str  # BWC/MSP/2017/6
    date: dt.date  # the report's date (its issue)
    actor: str  # bwc-msp
    actor_name: str  # "Meeting of States Parties to the Biological Weapons Convention"
    subclass: str = "meetingReport"  # or conferenceReport
    editor: str = "bwc-isu"  # who marks up the XML (the manifestation's author)
    editor_name: str = "Implementation Support Unit of the Biological Weapons Convention"

    @property
    def number(self) -> str:
        return self.symbol.replace("/", "-").replace(" ", "_")

    @property
    def work(self) -> str:
        return f"/akn/un/debateReport/report/{self.actor}/{self.date.isoformat()}/{self.number}"

    def expression(self, lang: str) -> str:
        return f"{self.work}/{ISO_639_2[lang]}@{self.date.isoformat()}"

    def manifestation(self, lang: str) -> str:
        return f"{self.expression(lang)}.xml"


def _el(parent, tag: str, text: str | None = None, **attrs: str):
    el = etree.SubElement(parent, f"{{{AKN_NS}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


class _Writer:
    def __init__(self, doc: ReportDoc, who: AknIdentity) -> None:
        self.doc, self.who = doc, who
        self.notes = {fn.number: fn.text for fn in doc.footnotes}
        self.noted: set[int] = set()

    def meta(self, root) -> None:
        who, lang, day = self.who, self.doc.lang, self.who.date.isoformat()
        meta = _el(root, "meta")
        ident = _el(meta, "identification", source=f"#{who.editor}")
        work = _el(ident, "FRBRWork")
        _el(work, "FRBRthis", value=f"{who.work}/!main")
        _el(work, "FRBRuri", value=who.work)
        _el(work, "FRBRdate", date=day, name="issue")
        _el(work, "FRBRauthor", href=f"#{who.actor}")
        _el(work, "FRBRcountry", value="un")
        _el(work, "FRBRsubtype", value="report")
        _el(work, "FRBRnumber", value=who.number, showAs=who.symbol)
        expression = _el(ident, "FRBRExpression")
        _el(expression, "FRBRthis", value=f"{who.expression(lang)}/!main")
        _el(expression, "FRBRuri", value=who.expression(lang))
        _el(expression, "FRBRdate", date=day, name="issue")
        _el(expression, "FRBRauthor", href=f"#{who.actor}")
        _el(expression, "FRBRlanguage", language=ISO_639_2[lang])
        manifestation = _el(ident, "FRBRManifestation")
        _el(manifestation, "FRBRthis", value=f"{who.expression(lang)}/!main.xml")
        _el(manifestation, "FRBRuri", value=who.manifestation(lang))
        _el(manifestation, "FRBRdate", date=day, name="markup")
        _el(manifestation, "FRBRauthor", href=f"#{who.editor}")
        _el(manifestation, "FRBRformat", value=MIME)
        refs = _el(meta, "references", source=f"#{who.editor}")
        _el(
            refs,
            "TLCOrganization",
            eId=who.actor,
            href=f"/ontology/organization/un/{who.actor}",
            showAs=who.actor_name,
        )
        _el(
            refs,
            "TLCOrganization",
            eId=who.editor,
            href=f"/ontology/organization/un/{who.editor}",
            showAs=who.editor_name,
        )

    def preface(self, root) -> None:
        doc = self.doc
        preface = _el(root, "preface")
        p = _el(preface, "p", class_="symbol")
        _el(p, "docNumber", doc.symbol)
        if doc.date:
            p = _el(preface, "p", class_="date")
            _el(p, "docDate", doc.date, date=self.who.date.isoformat())
        for line in doc.body_lines:
            _el(preface, "p", line, class_="meeting")
        p = _el(preface, "p", class_="title")
        _el(p, "docTitle", doc.title)

    def text_with_notes(self, p, para: Para) -> None:
        p.text = para.text
        for n in para.footnotes:
            if n in self.notes and n not in self.noted:
                self.noted.add(n)
                note = _el(p, "authorialNote", marker=str(n), placement="bottom", eId=f"fn_{n}")
                _el(note, "p", self.notes[n])

    def following(self, content, block: Para | Table, list_el) -> object:
        """A block after a numbered paragraph, in that paragraph's content; returns the open list."""
        if isinstance(block, Table):
            self.table(content, block.header, block.rows)
            return None
        if block.kind == "bullet":
            if list_el is None:
                list_el = _el(content, "ul")
            li = _el(list_el, "li")
            self.text_with_notes(li, block)
            return list_el
        prefix = {"sub": f"{block.number} ", "quote": f"{block.number}. "}.get(block.kind, "")
        p = _el(content, "p", class_=block.kind)
        self.text_with_notes(
            p, Para(prefix + block.text if block.number else block.text, block.kind, None, block.footnotes)
        )
        return None

    def table(self, parent, header: tuple[str, ...], rows) -> None:
        table = _el(parent, "table")
        tr = _el(table, "tr")
        for cell in header:
            _el(_el(tr, "th"), "p", cell)
        for row in rows:
            tr = _el(table, "tr")
            for cell in row:
                # A cell of several lines (a symbol and, under it, its language note) is one <p> each.
                td = _el(tr, "td")
                for line in (cell,) if isinstance(cell, str) else cell:
                    _el(td, "p", line)

    def section(self, body, index: int, section) -> None:
        sec = _el(body, "section", eId=f"sec_{index}")
        _el(sec, "num", f"{section.number}.")
        _el(sec, "heading", section.title)
        content, list_el = None, None
        for block in section.blocks:
            if isinstance(block, Para) and block.kind == "numbered":
                para = _el(sec, "paragraph", eId=f"para_{block.number}")
                _el(para, "num", f"{block.number}.")
                content, list_el = _el(para, "content"), None
                self.text_with_notes(_el(content, "p"), block)
            else:
                if content is None:  # a block before the section's first numbered paragraph
                    holder = _el(sec, "hcontainer", eId=f"sec_{index}__hcontainer_{len(sec)}", name="text")
                    content = _el(holder, "content")
                list_el = self.following(content, block, list_el)

    def annex(self, body, annex: Annex) -> None:
        holder = _el(body, "hcontainer", eId="hcontainer_annex", name="annex")
        _el(holder, "num", annex.label)
        _el(holder, "heading", annex.title)
        content = _el(holder, "content")
        # The language note under the symbol, in the symbol's cell, as the UN's table sets it.
        rows = [((e.symbol, e.note) if e.note else e.symbol, e.title) for e in annex.entries]
        if rows:
            self.table(content, annex.columns, rows)
        else:
            _el(content, "p")

    def build(self) -> bytes:
        root = etree.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap={None: AKN_NS})
        report = _el(root, "debateReport", name=self.who.subclass)
        self.meta(report)
        self.preface(report)
        body = _el(report, "mainBody")
        for index, section in enumerate(self.doc.sections, start=1):
            self.section(body, index, section)
        if self.doc.annex is not None:
            self.annex(body, self.doc.annex)
        if not len(body):
            _el(body, "p")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def render_akn(doc: ReportDoc, identity: AknIdentity) -> bytes:
    """The report in one language as an Akoma Ntoso 3.0 document (UTF-8 XML bytes)."""
    return _Writer(doc, identity).build()
