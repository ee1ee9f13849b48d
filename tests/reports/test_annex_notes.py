"""The report's list of documents sets a document's language note ("English only", "只有英文本")
under its symbol, in the symbol's column, as the UN's table does (BWC/MSP/2017/6's annex: the
symbol, under it "只有英文本", then the title), in every format: txt, html, docx, pdf and the
Akoma Ntoso XML. The note follows the document's `only_in` as well as its versions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess

import docx
import pytest
from lxml import etree

from plenary.documents.models import Document
from plenary.reports.akn import AKN_NS, AknIdentity, render_akn
from plenary.reports.builder import build_report
from plenary.reports.render import render_docx, render_html, render_pdf, render_txt
from plenary.reports.tree import Annex, AnnexEntry, ReportDoc

WP13_NOTE = "Spanish only (with an informal English translation)"


def report_with_annex() -> ReportDoc:
    return ReportDoc(
        lang="en",
        symbol="BWC/MSP/2085/6",
        distribution="General",
        date="8 December 2085",
        original="Original: English",
        job_number="GE.85-00001",
        body_lines=("Meeting of the States Parties",),
        title="Report of the Meeting of States Parties",
        sections=(),
        annex=Annex(
            "Annex",
            "List of documents of the Meeting of States Parties",
            ("Symbol", "Title"),
            (
                AnnexEntry("BWC/MSP/2085/1", "Provisional agenda"),
                AnnexEntry("BWC/MSP/2085/WP.1", "Peer review. Submitted by Morocco", note="English only"),
                AnnexEntry("BWC/MSP/2085/WP.13/Corr.1", "Voluntary visits. Corrigendum", note=WP13_NOTE),
            ),
        ),
    )


def test_txt_sets_the_note_under_the_symbol_in_the_symbol_column() -> None:
    txt = render_txt(report_with_annex())
    assert txt.split("List of documents of the Meeting of States Parties\n", 1)[1] == (
        "Symbol                     Title\n"
        "BWC/MSP/2085/1             Provisional agenda\n"
        "BWC/MSP/2085/WP.1          Peer review. Submitted by Morocco\n"
        "English only\n"
        "BWC/MSP/2085/WP.13/Corr.1  Voluntary visits. Corrigendum\n"
        "Spanish only (with an\n"
        "informal English\n"
        "translation)\n"
    )


def test_txt_wraps_a_chinese_note_by_characters_within_the_column() -> None:
    doc = report_with_annex()
    entries = (
        AnnexEntry("BWC/MSP/2017/WP.13", "自愿访问", note="只有西班牙文本(附有非正式英文译本)"),
        AnnexEntry("BWC/MSP/2017/INF.1", "与会者名单", note="只有英文本"),
    )
    doc = dataclasses.replace(
        doc, lang="zh", annex=Annex("附件", "缔约国会议文件清单", ("文号", "标题"), entries)
    )
    assert render_txt(doc).split("缔约国会议文件清单\n", 1)[1] == (
        "文号                标题\n"
        "BWC/MSP/2017/WP.13  自愿访问\n"
        "只有西班牙文本(附\n"
        "有非正式英文译本)\n"
        "BWC/MSP/2017/INF.1  与会者名单\n"
        "只有英文本\n"
    )


def test_html_sets_the_note_in_the_symbols_cell_as_a_block() -> None:
    page = render_html(report_with_annex())
    assert (
        '<tr><td class="symbol"><span class="entry-symbol">BWC/MSP/2085/WP.1</span>'
        '<span class="note">English only</span></td><td>Peer review. Submitted by Morocco</td></tr>'
    ) in page
    assert ".un-report table.annex-list .note { display: block;" in page


def test_docx_sets_the_note_as_a_paragraph_under_the_symbol() -> None:
    word = docx.Document(io.BytesIO(render_docx(report_with_annex())))
    annex = word.tables[-1]
    assert [[cell.text for cell in row.cells] for row in annex.rows] == [
        ["Symbol", "Title"],
        ["BWC/MSP/2085/1", "Provisional agenda"],
        ["BWC/MSP/2085/WP.1\nEnglish only", "Peer review. Submitted by Morocco"],
        [f"BWC/MSP/2085/WP.13/Corr.1\n{WP13_NOTE}", "Voluntary visits. Corrigendum"],
    ]


def test_akn_sets_the_note_as_a_second_paragraph_of_the_symbols_cell() -> None:
    identity = AknIdentity(
        symbol="BWC/MSP/2085/6",
        date=dt.date(2085, 12, 8),
        actor="bwc-msp",
        actor_name="Meeting of States Parties",
    )
    root = etree.fromstring(render_akn(report_with_annex(), identity))
    ns = {"a": AKN_NS}
    rows = root.findall(".//a:hcontainer[@name='annex']//a:table/a:tr", ns)
    cells = [[[p.text for p in cell.findall("a:p", ns)] for cell in row] for row in rows]
    assert cells == [
        [["Symbol"], ["Title"]],
        [["BWC/MSP/2085/1"], ["Provisional agenda"]],
        [["BWC/MSP/2085/WP.1", "English only"], ["Peer review. Submitted by Morocco"]],
        [["BWC/MSP/2085/WP.13/Corr.1", WP13_NOTE], ["Voluntary visits. Corrigendum"]],
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_pdf_sets_the_note_on_the_line_under_the_symbol(tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(report_with_annex()))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.rstrip() for line in text.splitlines()]
    at = next(i for i, line in enumerate(lines) if "BWC/MSP/2085/WP.1 " in line)
    assert re.match(r"^\s*BWC/MSP/2085/WP\.1\s+Peer review\. Submitted by Morocco$", lines[at])
    symbol_column = lines[at].index("BWC/MSP/2085/WP.1")
    assert lines[at + 1].strip() == "English only"
    assert lines[at + 1].index("English only") == symbol_column


def test_the_2017_report_notes_follow_the_record(db) -> None:
    zh = build_report("BWC/MSP/2017", "zh")
    notes = {e.symbol: e.note for e in zh.annex.entries if e.note}
    assert notes["BWC/MSP/2017/WP.1"] == "只有英文本"
    assert notes["BWC/MSP/2017/WP.13"] == "只有西班牙文本(附有非正式英文译本)"
    txt = render_txt(zh)
    assert (
        "\nBWC/MSP/2017/WP.1          关于国家执行《生物武器公约》情况的同行审查工作。摩洛哥提交\n只有英文本\n"
        in txt
    )
    en = build_report("BWC/MSP/2017", "en")
    assert {e.symbol: e.note for e in en.annex.entries if e.note}["BWC/MSP/2017/WP.13"] == WP13_NOTE


def test_a_document_issued_in_one_language_only_has_its_note(db) -> None:
    """`only_in` says the document is issued in one language, whatever versions are on record."""

    def note(lang: str) -> str | None:
        entries = build_report("BWC/MSP/2017", lang).annex.entries
        return next(e.note for e in entries if e.symbol == "BWC/MSP/2017/5")

    assert note("ru") is None  # in the six languages
    Document.objects.filter(symbol="BWC/MSP/2017/5").update(only_in="fr")
    assert note("ru") == "Только на французском языке"
    assert note("zh") == "只有法文本"
