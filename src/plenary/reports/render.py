"""Renderers: a ReportDoc (plenary.reports.tree) -> txt, html, docx, pdf.

The tree is already in the target language; the renderers translate nothing and count nothing,
they only lay the report out as a UN document (BWC/MSP/2017/6 and the like). Pure: no database,
no Django; they read only the tree and the stylesheets beside them in templates/reports/.

    render_txt(doc)                          -> str
    render_html(doc, standalone=True)        -> str   (a complete HTML5 page, or the <article> only)
    render_docx(doc)                         -> bytes (Office Open XML, python-docx)
    render_pdf(doc)                          -> bytes (WeasyPrint, from the HTML + print stylesheet)
    FORMATS[fmt] = (function, extension, MIME type)

Footnotes: every renderer keeps the tree's numbers (it does not renumber). In txt and docx the
markers follow the paragraph text and the notes come after the last section (before the annex),
under a short rule ("____"); in the HTML page they are a list (ids ``fn-N``) after the sections; in
the PDF they are real page footnotes (CSS ``float: footnote``) at the foot of the page where their
first marker falls.
"""

from __future__ import annotations

import html
import io
import string
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from plenary.reports.tree import Annex, Footnote, Para, ReportDoc, Section, Table

__all__ = ["FORMATS", "render_docx", "render_html", "render_pdf", "render_txt"]

TEMPLATES = Path(__file__).resolve().parent / "templates" / "reports"

# Fonts by language: (Latin/Cyrillic font, East Asian font, complex-script font). The PDF uses the
# installed Noto fonts through fontconfig; the docx names the same families (Word substitutes if
# the reader lacks them).
LATIN_FONT = "Noto Serif"
CJK_FONT = "Noto Sans CJK SC"
ARABIC_FONT = "Noto Naskh Arabic"
WORD_LANG = {"ar": "ar-SA", "zh": "zh-CN", "en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}


def _grouped(blocks: tuple[Para | Table, ...]) -> Iterator[Para | Table | tuple[str, list[Para]]]:
    """Yield the blocks, gathering each run of consecutive quotes or bullets into (kind, [paras])."""
    run: list[Para] = []
    for block in blocks:
        if isinstance(block, Para) and block.kind in ("quote", "bullet"):
            if run and run[0].kind != block.kind:
                yield (run[0].kind, run)
                run = []
            run.append(block)
            continue
        if run:
            yield (run[0].kind, run)
            run = []
        yield block
    if run:
        yield (run[0].kind, run)


# --------------------------------------------------------------------------------------------- txt


def _txt_para(para: Para) -> str:
    if para.kind in ("numbered", "quote") and para.number:
        line = f"{para.number}. {para.text}"
    elif para.kind == "sub" and para.number:
        line = f"{para.number} {para.text}"
    elif para.kind == "bullet":
        line = f"\u2022 {para.text}"
    else:
        line = para.text
    line += "".join(f" [{n}]" for n in para.footnotes)
    return line


def _txt_blocks(blocks: tuple[Para | Table, ...]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            if block.caption:
                lines.append(block.caption)
            lines.append(" | ".join(block.header))
            lines.extend(" | ".join(row) for row in block.rows)
        else:
            lines.append(_txt_para(block))
    return lines


def render_txt(doc: ReportDoc) -> str:
    """The report as plain text (UTF-8, ``\\n`` line ends, no trailing spaces, a final newline).

    Layout::

        {symbol}
        {distribution}
        {date}                             (left out when the tree has no date)
        {original}

        {body_lines, one a line}

        {title}
        {subtitle}                         (left out when the tree has none)

        {blocks}                           a document without sections: its blocks, as below

        {number}. {section title}          <- a blank line before every section heading
        {number}. {text} [1]               numbered paragraph, then " [n]" per footnote marker
        ({letter}) {text}                  sub-paragraph: the number as given, "(a)"
        {number}. {text}                   quote with a number; without one, the text alone
        • {text}                           bullet (U+2022)
        {text}                             run-in heading, plain paragraph
        {caption}                          table: the caption if any, then one line per row,
        {cell} | {cell} | {cell}           header row first, cells joined by " | "

        ____                               footnotes, after the last section
        {n} {text}

        {annex label}                      annex, after the footnotes
        {annex title}
        {column 1}      {column 2}         the list as a table of two columns, as the UN's:
        {symbol}        {title}            the title column starts two places after the
        {note}                             longest symbol; the entry's language note ("English
                                           only") under its symbol, wrapped within the symbol
                                           column

    Line breaks inside a text are kept as they are (a paragraph is one line unless its text has
    newlines); trailing spaces are stripped from every line.
    """
    # The date line is left out while the issue date is not known (a draft, or a record without it).
    lines: list[str] = [line for line in (doc.symbol, doc.distribution, doc.date, doc.original) if line] + [
        ""
    ]
    lines.extend(doc.body_lines)
    lines.extend(["", doc.title])
    if doc.subtitle:
        lines.append(doc.subtitle)
    if doc.blocks:
        lines.append("")
        lines.extend(_txt_blocks(doc.blocks))
    for section in doc.sections:
        lines.extend(["", f"{section.number}. {section.title}"])
        lines.extend(_txt_blocks(section.blocks))
    if doc.footnotes:
        lines.extend(["", "____"])
        lines.extend(f"{fn.number} {fn.text}" for fn in doc.footnotes)
    if doc.annex is not None:
        lines.extend(["", doc.annex.label, doc.annex.title])
        lines.extend(_txt_annex(doc.annex))
    text = "\n".join(line.rstrip() for line in "\n".join(lines).split("\n"))
    return text.rstrip("\n") + "\n"


def _width(text: str) -> int:
    """The places a text takes in a fixed-width face: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` places: between words where it has spaces, else (Chinese)
    between characters; a word longer than the width keeps a line of its own."""
    units = text.split(" ") if " " in text else list(text)
    sep = " " if " " in text else ""
    lines: list[str] = []
    for unit in units:
        if lines and _width(lines[-1] + sep + unit) <= width:
            lines[-1] += sep + unit
        else:
            lines.append(unit)
    return lines


def _txt_annex(annex: Annex) -> list[str]:
    """The list of documents as two columns, the language note under the symbol (BWC/MSP/2017/6's
    annex: "BWC/MSP/2017/WP.1" and, under it, "只有英文本")."""
    column = max((_width(e.symbol) for e in annex.entries), default=0)
    column = max(column, _width(annex.columns[0])) + 2

    def row(left: str, right: str) -> str:
        return left + " " * (column - _width(left)) + right

    lines = [row(annex.columns[0], annex.columns[1] if len(annex.columns) > 1 else "")]
    for entry in annex.entries:
        lines.append(row(entry.symbol, entry.title))
        if entry.note:
            lines.extend(_wrap(entry.note, column - 2))
    return lines


# -------------------------------------------------------------------------------------------- html

_esc = html.escape


def _has_rtl_letter(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _num_span(number: str, doc: ReportDoc, suffix: str = ".") -> str:
    # In a right-to-left report a number without Arabic letters ("7.", "(a)") is a left-to-right
    # run (dir="ltr"), so that the dot stays after the digits ("7." rather than ".7"); a number in
    # Arabic letters ("أولاً.", "(أ)") keeps the paragraph's direction, its dot on the left.
    # (The attribute rather than bidi control characters: WeasyPrint honours dir but not FSI/LRM
    # across inline boxes, nor unicode-bidi: isolate.)
    bidi = ""
    if doc.direction == "rtl" and not _has_rtl_letter(number):
        bidi = ' dir="ltr"'
    # The space after the number is inside the box (an inline-block drops it), so that the text
    # content still reads "7. text" while the text begins exactly at the hanging indent.
    return f'<span class="num"{bidi}>{_esc(number + suffix)} </span>'


class _HtmlWriter:
    """Builds the <article>; `for_print` puts each footnote's text at its first marker (for CSS
    ``float: footnote`` in the PDF) instead of a list after the sections."""

    def __init__(self, doc: ReportDoc, *, for_print: bool = False) -> None:
        self.doc = doc
        self.for_print = for_print
        self.notes: dict[int, Footnote] = {fn.number: fn for fn in doc.footnotes}
        self.called: set[int] = set()
        self.para_ids: set[str] = set()
        self.out: list[str] = []

    def w(self, text: str) -> None:
        self.out.append(text)

    # markers ---------------------------------------------------------------------------------
    def markers(self, numbers: tuple[int, ...]) -> str:
        parts = []
        for n in numbers:
            first = n not in self.called
            self.called.add(n)
            if self.for_print and first and n in self.notes:
                parts.append(f'<span class="fn" id="fn-{n}" data-n="{n}">{_esc(self.notes[n].text)}</span>')
            elif self.for_print:
                parts.append(f'<sup class="fnref">{n}</sup>')
            else:
                ref_id = f' id="fnref-{n}"' if first else ""
                parts.append(f'<sup class="fnref"><a href="#fn-{n}"{ref_id}>{n}</a></sup>')
        return "".join(parts)

    def para_id(self, number: str | None) -> str:
        if not number:
            return ""
        ident = "para-" + "".join(number.split())
        if ident in self.para_ids:
            return ""
        self.para_ids.add(ident)
        return f' id="{_esc(ident)}"'

    # blocks ----------------------------------------------------------------------------------
    def para(self, para: Para) -> None:
        doc = self.doc
        text = _esc(para.text) + self.markers(para.footnotes)
        if para.kind == "numbered":
            num = _num_span(para.number, doc) if para.number else ""
            self.w(f'<p class="para"{self.para_id(para.number)}>{num}{text}</p>')
        elif para.kind == "sub":
            num = _num_span(para.number, doc, suffix="") if para.number else ""
            self.w(f'<p class="sub">{num}{text}</p>')
        elif para.kind == "heading":
            self.w(f'<h3 class="run-in">{text}</h3>')
        else:  # plain (quote and bullet come in runs, see section())
            self.w(f'<p class="plain">{text}</p>')

    def quote(self, run: list[Para]) -> None:
        self.w("<blockquote>")
        for para in run:
            text = _esc(para.text) + self.markers(para.footnotes)
            if para.number:
                self.w(f'<p class="numbered">{_num_span(para.number, self.doc)}{text}</p>')
            else:
                self.w(f"<p>{text}</p>")
        self.w("</blockquote>")

    def bullets(self, run: list[Para]) -> None:
        self.w('<ul class="bullets">')
        for para in run:
            self.w(f"<li>{_esc(para.text)}{self.markers(para.footnotes)}</li>")
        self.w("</ul>")

    def table(self, table: Table) -> None:
        self.w('<table class="data">')
        if table.caption:
            self.w(f"<caption>{_esc(table.caption)}</caption>")
        cells = "".join(f'<th scope="col">{_esc(cell)}</th>' for cell in table.header)
        self.w(f"<thead><tr>{cells}</tr></thead>")
        self.w("<tbody>")
        for row in table.rows:
            self.w("<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in row) + "</tr>")
        self.w("</tbody></table>")

    def blocks(self, blocks: tuple[Para | Table, ...]) -> None:
        for item in _grouped(blocks):
            if isinstance(item, tuple):
                kind, run = item
                self.quote(run) if kind == "quote" else self.bullets(run)
            elif isinstance(item, Table):
                self.table(item)
            else:
                self.para(item)

    def section(self, index: int, section: Section) -> None:
        self.w(f'<section class="report-section" id="section-{index}">')
        self.w(f"<h2>{_num_span(section.number, self.doc)}{_esc(section.title)}</h2>")
        self.blocks(section.blocks)
        self.w("</section>")

    def footnotes(self) -> None:
        if self.for_print:
            notes = [fn for fn in self.doc.footnotes if fn.number not in self.called]
        else:
            notes = list(self.doc.footnotes)
        if not notes:
            return
        label = self.doc.labels.get("footnotes", "")
        aria = f' aria-label="{_esc(label)}"' if label else ""
        self.w(f'<aside class="footnotes" role="doc-endnotes"{aria}><hr>')
        self.w('<ol class="footnotes-list">')
        for fn in notes:
            back = ""
            if not self.for_print and fn.number in self.called:
                back = f' <a class="fnback" href="#fnref-{fn.number}" aria-label="\u21a9">\u21a9</a>'
            self.w(
                f'<li id="fn-{fn.number}" value="{fn.number}"><span class="fn-num">{fn.number}</span>'
                f"{_esc(fn.text)}{back}</li>"
            )
        self.w("</ol></aside>")

    def annex(self, annex: Annex) -> None:
        self.w('<section class="annex" id="annex">')
        self.w(f'<p class="annex-label">{_esc(annex.label)}</p>')
        self.w(f"<h2>{_esc(annex.title)}</h2>")
        self.w('<table class="annex-list">')
        cols = "".join(f'<th scope="col">{_esc(c)}</th>' for c in annex.columns)
        self.w(f"<thead><tr>{cols}</tr></thead><tbody>")
        for entry in annex.entries:
            note = f'<span class="note">{_esc(entry.note)}</span>' if entry.note else ""
            self.w(
                f'<tr><td class="symbol"><span class="entry-symbol">{_esc(entry.symbol)}</span>{note}</td>'
                f"<td>{_esc(entry.title)}</td></tr>"
            )
        self.w("</tbody></table></section>")

    # the whole -------------------------------------------------------------------------------
    def article(self) -> str:
        doc = self.doc
        lang, direction = _esc(doc.lang), doc.direction
        self.w(f'<article class="un-report" lang="{lang}" dir="{direction}">')
        self.w('<header class="cover">')
        treaty = f'<span class="treaty">{_esc(doc.treaty_short)}</span>' if doc.treaty_short else ""
        self.w(
            f'<div class="masthead">{treaty}<span class="symbol" dir="ltr">{_esc(doc.symbol)}</span></div>'
        )
        self.w('<div class="distribution">')
        self.w(f'<p class="distribution-kind">{_esc(doc.distribution)}</p>')
        self.w(f'<p class="date">{_esc(doc.date)}</p>')
        self.w(f'<p class="original">{_esc(doc.original)}</p>')
        self.w("</div>")
        if doc.body_lines:
            self.w('<div class="body-lines">')
            for line in doc.body_lines:
                self.w(f"<p>{_esc(line)}</p>")
            self.w("</div>")
        self.w("</header>")
        self.w(f"<h1>{_esc(doc.title)}</h1>")
        if doc.subtitle:
            self.w(f'<p class="subtitle">{_esc(doc.subtitle)}</p>')
        if doc.blocks:
            self.w('<div class="report-body">')
            self.blocks(doc.blocks)
            self.w("</div>")
        for index, section in enumerate(doc.sections, start=1):
            self.section(index, section)
        self.footnotes()
        if doc.annex is not None:
            self.annex(doc.annex)
        self.w("</article>")
        return "\n".join(self.out)


def _css(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _page(doc: ReportDoc, article: str, css: str) -> str:
    title = f"{doc.symbol} \u2014 {doc.title}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_esc(doc.lang)}" dir="{doc.direction}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)}</title>\n"
        f"<style>\n{css}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{article}\n"
        "</body>\n"
        "</html>\n"
    )


def render_html(doc: ReportDoc, *, standalone: bool = True) -> str:
    """The report as HTML: a complete HTML5 page (with its stylesheet inline) when `standalone`,
    else the ``<article class="un-report" lang dir>`` alone, for a page that links
    templates/reports/report.css itself. All text is escaped."""
    article = _HtmlWriter(doc).article()
    if not standalone:
        return article + "\n"
    return _page(doc, article, _css("report.css"))


# --------------------------------------------------------------------------------------------- pdf


def _css_string(value: str) -> str:
    """A CSS string literal for `value`."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def print_css(doc: ReportDoc) -> str:
    """The print stylesheet for `doc`: page size and margins, running header, footer, footnotes."""
    rtl = doc.direction == "rtl"
    template = string.Template(_css("print.css"))
    return template.substitute(
        symbol=_css_string(doc.symbol),
        job_number=_css_string(doc.job_number),
        start="right" if rtl else "left",
    )


def render_pdf(doc: ReportDoc) -> bytes:
    """The report as PDF (A4), by WeasyPrint from the HTML with the print stylesheet: the symbol
    in the running header (outer edge: top right on odd pages, top left on even pages, mirrored
    for Arabic), the page number in the footer, and on the first page the masthead instead of the
    running header and the job number in the footer. Footnotes at the foot of the page."""
    from weasyprint import HTML  # imported here: slow to import, and only the PDF needs it

    article = _HtmlWriter(doc, for_print=True).article()
    page = _page(doc, article, _css("report.css") + "\n" + print_css(doc))
    return HTML(string=page, base_url=str(TEMPLATES)).write_pdf()


# -------------------------------------------------------------------------------------------- docx


def render_docx(doc: ReportDoc) -> bytes:
    """The report as a Word document (python-docx).

    - A4, margins 2.5 cm (top/bottom) and 2.2 cm (sides), as the PDF.
    - Headers: different first page and different odd/even pages. First page: the masthead (the
      treaty abbreviation and the symbol in large bold type) and, in the footer, the job number.
      Other pages: the symbol at the outer edge of the header (right on odd pages, left on even
      pages) and the page number (a PAGE field) at the outer edge of the footer.
    - Fonts: the Normal style names the Latin (w:ascii/w:hAnsi), East Asian (w:eastAsia) and
      complex-script (w:cs) fonts and the languages; Arabic paragraphs carry w:bidi, their runs
      w:rtl, the tables w:bidiVisual.
    - Numbered paragraphs are plain text "7.<tab>text" with a hanging indent (the number in the
      indent, the text at 2.25 cm), sub-paragraphs "(a)<tab>text" one step further in; section
      headings bold "I.<tab>Title"; tables are Word tables (header row repeated on each page).
    - Footnotes: python-docx cannot write real Word footnotes, so the markers are superscript
      numbers after the paragraph text and the notes follow the last section (before the annex)
      under a short rule, as "n<tab>text" in a smaller size.
    """
    return _DocxWriter(doc).build()


# The schema order of the children of w:rPr, w:pPr and w:tblPr (ECMA-376, as in python-docx).
_PROPERTY_ORDER = {
    "rPr": (
        "w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps w:smallCaps w:strike w:dstrike w:outline "
        "w:shadow w:emboss w:imprint w:noProof w:snapToGrid w:vanish w:webHidden w:color w:spacing "
        "w:w w:kern w:position w:sz w:szCs w:highlight w:u w:effect w:bdr w:shd w:fitText "
        "w:vertAlign w:rtl w:cs w:em w:lang w:eastAsianLayout w:specVanish w:oMath"
    ).split(),
    "pPr": (
        "w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr "
        "w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap "
        "w:overflowPunct w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd "
        "w:snapToGrid w:spacing w:ind w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc "
        "w:textDirection w:textAlignment w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr "
        "w:sectPr w:pPrChange"
    ).split(),
    "sectPr": (
        "w:headerReference w:footerReference w:footnotePr w:endnotePr w:type w:pgSz w:pgMar "
        "w:paperSrc w:pgBorders w:lnNumType w:pgNumType w:cols w:formProt w:vAlign w:noEndnote "
        "w:titlePg w:textDirection w:bidi w:rtlGutter w:docGrid w:printerSettings w:sectPrChange"
    ).split(),
    "tblPr": (
        "w:tblStyle w:tblpPr w:tblOverlap w:bidiVisual w:tblStyleRowBandSize w:tblStyleColBandSize "
        "w:tblW w:jc w:tblCellSpacing w:tblInd w:tblBorders w:shd w:tblLayout w:tblCellMar w:tblLook "
        "w:tblCaption w:tblDescription w:tblPrChange"
    ).split(),
}


def _child(parent, tag: str, **attrs: str):
    """The child `tag` ("w:bidi") of a python-docx property element (w:rPr, w:pPr, w:tblPr), added
    in its schema position (Word rejects misordered properties) if absent; `attrs` are set on it
    ("w:val" spelt val)."""
    from docx.oxml.ns import qn

    el = parent.find(qn(tag))
    if el is None:
        el = parent.makeelement(qn(tag), {})
        seq = _PROPERTY_ORDER[parent.tag.rsplit("}", 1)[-1]]
        successors = {qn(t) for t in seq[seq.index(tag) + 1 :]}
        for i, existing in enumerate(parent):
            if existing.tag in successors:
                parent.insert(i, el)
                break
        else:
            parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


class _DocxWriter:
    def __init__(self, doc: ReportDoc) -> None:
        import docx
        from docx.shared import Cm, Pt

        self.doc = doc
        self.rtl = doc.direction == "rtl"
        self.Cm, self.Pt = Cm, Pt
        self.word = docx.Document()

    # low-level helpers ---------------------------------------------------------------------
    def _fonts(self, rpr_owner, size_pt: float | None = None) -> None:
        """Set the four font slots and the languages on a style (its w:rPr)."""
        from docx.oxml.ns import qn

        rpr = rpr_owner.get_or_add_rPr()
        fonts = _child(rpr, "w:rFonts", ascii=LATIN_FONT, hAnsi=LATIN_FONT, eastAsia=CJK_FONT, cs=ARABIC_FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        if size_pt is not None:
            _child(rpr, "w:sz", val=str(int(size_pt * 2)))
            _child(rpr, "w:szCs", val=str(int(size_pt * 2)))
        _child(rpr, "w:lang", val=WORD_LANG.get(self.doc.lang, "en-GB"), eastAsia="zh-CN", bidi="ar-SA")

    def _bidi(self, paragraph) -> None:
        if self.rtl:
            _child(paragraph._p.get_or_add_pPr(), "w:bidi")

    def _run(
        self,
        paragraph,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        superscript: bool = False,
        size: float | None = None,
    ):
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if superscript:
            run.font.superscript = True
        if size is not None:
            run.font.size = self.Pt(size)
        if bold or italic or size is not None or self.rtl:
            rpr = run._r.get_or_add_rPr()
            if bold:
                _child(rpr, "w:bCs")
            if italic:
                _child(rpr, "w:iCs")
            if size is not None:
                _child(rpr, "w:szCs", val=str(int(size * 2)))
            if self.rtl:
                _child(rpr, "w:rtl")
        return run

    def _para(
        self,
        text: str = "",
        *,
        start: float = 0.0,
        hang: float = 0.0,
        end: float = 0.0,
        bold: bool = False,
        size: float | None = None,
        align=None,
        space_after: float = 6,
        space_before: float = 0,
        keep_with_next: bool = False,
        container=None,
    ):
        """A paragraph; `start`/`end` indents in cm (logical: Word mirrors them for bidi
        paragraphs), `hang` the hanging indent in cm with a tab stop where the text begins."""
        from docx.enum.text import WD_TAB_ALIGNMENT

        target = container if container is not None else self.word
        p = target.add_paragraph()
        self._bidi(p)
        fmt = p.paragraph_format
        if start:
            fmt.left_indent = self.Cm(start)
        if end:
            fmt.right_indent = self.Cm(end)
        if hang:
            fmt.first_line_indent = self.Cm(-hang)
            fmt.tab_stops.add_tab_stop(self.Cm(start), WD_TAB_ALIGNMENT.LEFT)
        fmt.space_after = self.Pt(space_after)
        fmt.space_before = self.Pt(space_before)
        if keep_with_next:
            fmt.keep_with_next = True
        if align is not None:
            p.alignment = align
        if text:
            self._run(p, text, bold=bold, size=size)
        return p

    def _field(self, paragraph, instruction: str, size: float | None = None) -> None:
        """A field (PAGE) as fldChar begin / instrText / separate / result / end."""
        from docx.oxml.ns import qn

        def char(kind: str):
            run = self._run(paragraph, "", size=size)
            run._r.append(run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))
            return run

        char("begin")
        run = self._run(paragraph, "", size=size)
        instr = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
        instr.text = f" {instruction} "
        run._r.append(instr)
        char("separate")
        self._run(paragraph, "1", size=size)
        char("end")

    # parts -----------------------------------------------------------------------------------
    def setup(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        word, doc, Cm = self.word, self.doc, self.Cm
        normal = word.styles["Normal"]
        self._fonts(normal.element, size_pt=12 if self.rtl else (10.5 if doc.lang == "zh" else 10))
        normal.paragraph_format.space_after = self.Pt(6)
        section = word.sections[0]
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.2)
        section.header_distance = section.footer_distance = Cm(1.2)
        section.different_first_page_header_footer = True
        if self.rtl:
            _child(section._sectPr, "w:bidi")
        word.settings.odd_and_even_pages_header_footer = True

        right, left = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
        # first page: the masthead
        head = section.first_page_header.paragraphs[0]
        self._bidi(head)
        head.alignment = right
        if doc.treaty_short:
            self._run(head, doc.treaty_short + "\t", bold=True, size=9)
            head.alignment = WD_ALIGN_PARAGRAPH.LEFT
            from docx.enum.text import WD_TAB_ALIGNMENT

            head.paragraph_format.tab_stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT)
        self._run(head, doc.symbol, bold=True, size=16)
        foot = section.first_page_footer.paragraphs[0]
        self._bidi(foot)
        foot.alignment = left
        self._run(foot, doc.job_number, size=9)
        # odd pages (the default header) and even pages
        for header, footer, align in (
            (section.header, section.footer, right),
            (section.even_page_header, section.even_page_footer, left),
        ):
            p = header.paragraphs[0]
            self._bidi(p)
            p.alignment = align
            self._run(p, doc.symbol, bold=True, size=9)
            f = footer.paragraphs[0]
            self._bidi(f)
            f.alignment = align
            self._field(f, "PAGE", size=9)

    def cover(self) -> None:
        doc = self.doc
        for i, line in enumerate((doc.distribution, doc.date, doc.original)):
            self._para(line, start=11.0, space_after=0 if i < 2 else 18)
        for line in doc.body_lines:
            self._para(line, bold=True, space_after=0)
        self._para(
            doc.title, start=1.25, bold=True, size=14, space_before=18, space_after=4 if doc.subtitle else 12
        )
        if doc.subtitle:
            self._para(doc.subtitle, start=1.25, bold=True, space_after=12)

    def block(self, block: Para | Table) -> None:
        if isinstance(block, Table):
            self.table(block)
            return
        para = block
        if para.kind in ("numbered", "quote") and para.number:
            start = 2.25 if para.kind == "numbered" else 3.25
            p = self._para(start=start, hang=1.0, end=1.0 if para.kind == "numbered" else 2.0)
            self._run(p, f"{para.number}.\t{para.text}")
        elif para.kind == "quote":
            p = self._para(start=3.25, end=2.0)
            self._run(p, para.text)
        elif para.kind == "sub":
            p = self._para(start=3.25, hang=1.0, end=1.0)
            self._run(p, f"{para.number}\t{para.text}" if para.number else para.text)
        elif para.kind == "bullet":
            p = self._para(start=3.25, hang=1.0, end=1.0)
            self._run(p, f"\u2022\t{para.text}")
        elif para.kind == "heading":
            p = self._para(start=2.25, end=1.0, keep_with_next=True)
            self._run(p, para.text, bold=True)
        else:
            p = self._para(start=2.25, end=1.0)
            self._run(p, para.text)
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if para.kind != "heading":
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for n in para.footnotes:
            self._run(p, str(n), superscript=True)

    def _table_props(self, table) -> None:
        from docx.oxml.ns import qn

        try:
            table.style = self.word.styles["Table Grid"]
        except KeyError:  # pragma: no cover - the default template has it
            pass
        if self.rtl:
            _child(table._tbl.tblPr, "w:bidiVisual")
        # repeat the header row on every page
        trpr = table.rows[0]._tr.get_or_add_trPr()
        trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))

    def _cell(self, cell, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None):
        p = cell.paragraphs[0]
        self._bidi(p)
        p.paragraph_format.space_after = self.Pt(0)
        self._run(p, text, bold=bold, italic=italic, size=size)
        return p

    def table(self, table: Table) -> None:
        if table.caption:
            self._para(table.caption, start=2.25, bold=True, keep_with_next=True, space_after=3)
        ncols = max([len(table.header), *(len(r) for r in table.rows)] or [1])
        t = self.word.add_table(rows=1 + len(table.rows), cols=ncols)
        self._table_props(t)
        # python-docx's t.cell(i, j) walks every cell of the table each time (quadratic: a table of
        # 150 rows took seconds); the table has no merged cells, so the cells are taken once.
        cells = t._cells
        for j, text in enumerate(table.header):
            self._cell(cells[j], text, italic=True, size=9)
        for i, row in enumerate(table.rows, start=1):
            for j, text in enumerate(row):
                self._cell(cells[i * ncols + j], text, size=9)
        self._para(space_after=0)  # Word needs a paragraph between consecutive tables

    def section(self, section: Section) -> None:
        p = self._para(start=1.25, hang=1.25, end=1.0, space_before=12, space_after=8, keep_with_next=True)
        self._run(p, f"{section.number}.\t{section.title}", bold=True, size=12 if not self.rtl else 14)
        for block in section.blocks:
            self.block(block)

    def footnotes(self) -> None:
        if not self.doc.footnotes:
            return
        self._para("____", space_before=12, space_after=3)
        for fn in self.doc.footnotes:
            p = self._para(start=1.25, hang=1.25, space_after=2)
            self._run(p, f"{fn.number}\t{fn.text}", size=8.5)

    def annex(self, annex: Annex) -> None:
        from docx.enum.text import WD_BREAK

        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._para(annex.label, bold=True, size=12, space_after=6, keep_with_next=True)
        self._para(annex.title, bold=True, size=12, space_after=12, keep_with_next=True)
        t = self.word.add_table(rows=1 + len(annex.entries), cols=2)
        self._table_props(t)
        for j, text in enumerate(annex.columns):
            self._cell(t.cell(0, j), text, italic=True, size=9)
        for i, entry in enumerate(annex.entries, start=1):
            self._cell(t.cell(i, 0), entry.symbol)
            if entry.note:
                p = t.cell(i, 0).add_paragraph()
                self._bidi(p)
                p.paragraph_format.space_after = self.Pt(0)
                self._run(p, entry.note, italic=True, size=8)
            self._cell(t.cell(i, 1), entry.title)
        for row in t.rows:
            row.cells[0].width = self.Cm(5.0)
            row.cells[1].width = self.Cm(11.6)

    def build(self) -> bytes:
        self.setup()
        self.cover()
        for block in self.doc.blocks:
            self.block(block)
        for section in self.doc.sections:
            self.section(section)
        self.footnotes()
        if self.doc.annex is not None:
            self.annex(self.doc.annex)
        props = self.word.core_properties
        props.title = self.doc.title
        props.subject = self.doc.symbol
        props.language = self.doc.lang
        buf = io.BytesIO()
        self.word.save(buf)
        return buf.getvalue()


# ----------------------------------------------------------------------------------------- formats

FORMATS: dict[str, tuple[Callable[[ReportDoc], str | bytes], str, str]] = {
    "txt": (render_txt, "txt", "text/plain; charset=utf-8"),
    "html": (render_html, "html", "text/html; charset=utf-8"),
    "docx": (render_docx, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (render_pdf, "pdf", "application/pdf"),
}
