"""The renderers (plenary.reports.render): a hand-made ReportDoc in Chinese, English and Arabic
laid out as txt, html, docx and pdf. No database."""

from __future__ import annotations

import io
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from plenary.reports.render import FORMATS, render_docx, render_html, render_pdf, render_txt
from plenary.reports.tree import Annex, AnnexEntry, Footnote, Para, ReportDoc, Section, Table

# ------------------------------------------------------------------------------------ the samples


def zh_doc() -> ReportDoc:
    return ReportDoc(
        lang="zh",
        symbol="BWC/MSP/2017/6",
        distribution="普遍分发",
        date="2017年12月19日",
        original="中文\n原文：英文",
        job_number="GE.17-22586",
        body_lines=("缔约国会议", "2017 年 12 月 4 日至 8 日，日内瓦", "临时议程项目 10", "通过会议报告"),
        title="缔约国会议的报告",
        treaty_short="BWC",
        sections=(
            Section(
                number="一",
                title="导言",
                blocks=(
                    Para(
                        "第八次审查会议《最后文件》(BWC/CONF.VIII/4)在“决定和建议”一节中载有下述决定：",
                        number="1",
                        footnotes=(1,),
                    ),
                    Para(
                        "“在 2016 年 11 月 25 日最后全体会议上，会议决定缔约国举行年度会议。",
                        kind="quote",
                        number="6",
                    ),
                    Para("根据第 72/71 号决议，大会除其他外，请秘书长继续提供必要协助。", number="2"),
                ),
            ),
            Section(
                number="二",
                title="缔约国会议的组织",
                blocks=(
                    Para("下列 116 个《公约》缔约国参加了会议：", number="7"),
                    Para("会议的议程；", kind="sub", number="(a)"),
                    Para("会议的工作计划。<script>alert(1)</script>", kind="sub", number="(b)"),
                    Para("专家会议 1（两天）：", kind="heading"),
                    Para("合作与援助", kind="bullet"),
                    Para("审查科技发展", kind="bullet", footnotes=(2,)),
                    Table(
                        header=("区域集团", "缔约国", "签署国"),
                        rows=(("不结盟运动", "60", "3"), ("东欧集团", "23", "0")),
                    ),
                ),
            ),
        ),
        footnotes=(Footnote(1, "BWC/CONF.VIII/4，第三部分。"), Footnote(2, "见 BWC/MSP/2017/4。")),
        annex=Annex(
            label="附件",
            title="缔约国会议文件一览表",
            columns=("文号", "标题"),
            entries=(
                AnnexEntry("BWC/MSP/2017/1", "临时议程"),
                AnnexEntry("BWC/MSP/2017/2", "工作计划"),
                AnnexEntry("BWC/MSP/2017/INF.1", "与会者名单", note="只有英文本"),
            ),
        ),
    )


def en_doc() -> ReportDoc:
    return ReportDoc(
        lang="en",
        symbol="BWC/MSP/2017/6",
        distribution="General",
        date="19 December 2017",
        original="Original: English",
        job_number="GE.17-22586",
        body_lines=(
            "Meeting of the States Parties",
            "Geneva, 4\u20138 December 2017",
            "Item 10 of the provisional agenda",
            "Adoption of the report of the Meeting",
        ),
        title="Report of the Meeting of States Parties",
        treaty_short="BWC",
        sections=(
            Section(
                number="I",
                title="Introduction",
                blocks=(
                    Para(
                        "The Final Document of the Eighth Review Conference (BWC/CONF.VIII/4) contains "
                        "the following decision:",
                        number="1",
                        footnotes=(1,),
                    ),
                    Para(
                        "\u201cThe Conference decides that the States Parties shall hold annual meetings.\u201d",
                        kind="quote",
                        number="6",
                    ),
                    Para(
                        "By resolution 72/71, the General Assembly requested the Secretary-General to "
                        "continue to render the necessary assistance.",
                        number="2",
                    ),
                ),
            ),
            Section(
                number="II",
                title="Organization of the Meeting of States Parties",
                blocks=(
                    Para("The following 116 States Parties participated:", number="7"),
                    Para("the agenda of the Meeting;", kind="sub", number="(a)"),
                    Para("the programme of work <script>alert(1)</script> & more.", kind="sub", number="(b)"),
                    Para("Meeting of Experts 1 (two days):", kind="heading"),
                    Para("Cooperation and assistance", kind="bullet"),
                    Para("Review of developments in science and technology", kind="bullet", footnotes=(2,)),
                    Table(
                        header=("Group", "States Parties", "Signatories"),
                        rows=(("Non-Aligned Movement", "60", "3"), ("Eastern European Group", "23", "0")),
                    ),
                ),
            ),
        ),
        footnotes=(
            Footnote(1, "BWC/CONF.VIII/4, Part III."),
            Footnote(2, "See BWC/MSP/2017/4."),
        ),
        annex=Annex(
            label="Annex",
            title="List of documents of the Meeting of States Parties",
            columns=("Symbol", "Title"),
            entries=(
                AnnexEntry("BWC/MSP/2017/1", "Provisional agenda"),
                AnnexEntry("BWC/MSP/2017/2", "Programme of work"),
                AnnexEntry("BWC/MSP/2017/INF.1", "List of participants", note="English only"),
            ),
        ),
    )


def ar_doc() -> ReportDoc:
    return ReportDoc(
        lang="ar",
        symbol="BWC/MSP/2017/6",
        distribution="عام",
        date="19 كانون الأول/ديسمبر 2017",
        original="الأصل: بالإنكليزية",
        job_number="GE.17-22586",
        body_lines=(
            "اجتماع الدول الأطراف",
            "جنيف، 4-8 كانون الأول/ديسمبر 2017",
            "البند 10 من جدول الأعمال المؤقت",
        ),
        title="تقرير اجتماع الدول الأطراف",
        treaty_short="BWC",
        sections=(
            Section(
                number="أولاً",
                title="مقدمة",
                blocks=(
                    Para(
                        "تضمنت الوثيقة الختامية للمؤتمر الاستعراضي الثامن المقرر التالي:",
                        number="1",
                        footnotes=(1,),
                    ),
                    Para(
                        "\u201cيقرر المؤتمر أن تعقد الدول الأطراف اجتماعات سنوية.\u201d",
                        kind="quote",
                        number="6",
                    ),
                    Para("طلبت الجمعية العامة إلى الأمين العام أن يواصل تقديم المساعدة اللازمة.", number="2"),
                ),
            ),
            Section(
                number="ثانياً",
                title="تنظيم اجتماع الدول الأطراف",
                blocks=(
                    Para("شاركت في الاجتماع 116 دولة من الدول الأطراف في الاتفاقية:", number="7"),
                    Para("جدول أعمال الاجتماع؛", kind="sub", number="(أ)"),
                    Para("برنامج العمل.", kind="sub", number="(ب)"),
                    Para("التعاون والمساعدة", kind="bullet", footnotes=(2,)),
                    Table(
                        header=("المجموعة", "الدول الأطراف", "الدول الموقعة"),
                        rows=(("حركة عدم الانحياز", "60", "3"), ("مجموعة أوروبا الشرقية", "23", "0")),
                    ),
                ),
            ),
        ),
        footnotes=(Footnote(1, "BWC/CONF.VIII/4، الجزء الثالث."), Footnote(2, "انظر BWC/MSP/2017/4.")),
        annex=Annex(
            label="المرفق",
            title="قائمة وثائق اجتماع الدول الأطراف",
            columns=("الرمز", "العنوان"),
            entries=(
                AnnexEntry("BWC/MSP/2017/1", "جدول الأعمال المؤقت"),
                AnnexEntry("BWC/MSP/2017/2", "برنامج العمل"),
                AnnexEntry("BWC/MSP/2017/INF.1", "قائمة المشاركين", note="بالإنكليزية فقط"),
            ),
        ),
    )


SAMPLES = {"zh": zh_doc, "en": en_doc, "ar": ar_doc}

# ------------------------------------------------------------------------------------------- txt

ZH_TXT = """\
BWC/MSP/2017/6
普遍分发
2017年12月19日
中文
原文：英文

缔约国会议
2017 年 12 月 4 日至 8 日，日内瓦
临时议程项目 10
通过会议报告

缔约国会议的报告

一. 导言
1. 第八次审查会议《最后文件》(BWC/CONF.VIII/4)在“决定和建议”一节中载有下述决定： [1]
6. “在 2016 年 11 月 25 日最后全体会议上，会议决定缔约国举行年度会议。
2. 根据第 72/71 号决议，大会除其他外，请秘书长继续提供必要协助。

二. 缔约国会议的组织
7. 下列 116 个《公约》缔约国参加了会议：
(a) 会议的议程；
(b) 会议的工作计划。<script>alert(1)</script>
专家会议 1（两天）：
• 合作与援助
• 审查科技发展 [2]
区域集团 | 缔约国 | 签署国
不结盟运动 | 60 | 3
东欧集团 | 23 | 0

____
1 BWC/CONF.VIII/4，第三部分。
2 见 BWC/MSP/2017/4。

附件
缔约国会议文件一览表
文号                标题
BWC/MSP/2017/1      临时议程
BWC/MSP/2017/2      工作计划
BWC/MSP/2017/INF.1  与会者名单
只有英文本
"""

EN_TXT = """\
BWC/MSP/2017/6
General
19 December 2017
Original: English

Meeting of the States Parties
Geneva, 4\u20138 December 2017
Item 10 of the provisional agenda
Adoption of the report of the Meeting

Report of the Meeting of States Parties

I. Introduction
1. The Final Document of the Eighth Review Conference (BWC/CONF.VIII/4) contains the following decision: [1]
6. \u201cThe Conference decides that the States Parties shall hold annual meetings.\u201d
2. By resolution 72/71, the General Assembly requested the Secretary-General to continue to render the necessary assistance.

II. Organization of the Meeting of States Parties
7. The following 116 States Parties participated:
(a) the agenda of the Meeting;
(b) the programme of work <script>alert(1)</script> & more.
Meeting of Experts 1 (two days):
\u2022 Cooperation and assistance
\u2022 Review of developments in science and technology [2]
Group | States Parties | Signatories
Non-Aligned Movement | 60 | 3
Eastern European Group | 23 | 0

____
1 BWC/CONF.VIII/4, Part III.
2 See BWC/MSP/2017/4.

Annex
List of documents of the Meeting of States Parties
Symbol              Title
BWC/MSP/2017/1      Provisional agenda
BWC/MSP/2017/2      Programme of work
BWC/MSP/2017/INF.1  List of participants
English only
"""


def test_txt_zh_exact() -> None:
    assert render_txt(zh_doc()) == ZH_TXT


def test_txt_en_exact() -> None:
    assert render_txt(en_doc()) == EN_TXT


def test_txt_minimal_and_clean() -> None:
    doc = ReportDoc(
        lang="fr",
        symbol="X/1",
        distribution="Générale ",
        date="1er janvier 2018",
        original="Original : anglais",
        job_number="GE.18-1",
        body_lines=(),
        title="Rapport",
        sections=(
            Section("I", "Introduction", (Para("Texte.", kind="plain"), Para("Titre", kind="heading"))),
        ),
    )
    assert render_txt(doc) == (
        "X/1\nGénérale\n1er janvier 2018\nOriginal : anglais\n\n\nRapport\n\nI. Introduction\nTexte.\nTitre\n"
    )
    for sample in SAMPLES.values():
        out = render_txt(sample())
        assert out.endswith("\n") and not out.endswith("\n\n")
        assert all(line == line.rstrip() for line in out.split("\n"))


# ------------------------------------------------------------------------------------------ html


class _Tree(HTMLParser):
    """A tiny DOM: (tag, attrs, children, text) tuples as dicts, enough to check the structure."""

    VOID = {"meta", "hr", "br", "img", "link", "col"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: dict = {"tag": "#root", "attrs": {}, "children": [], "parent": None}
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = {"tag": tag, "attrs": dict(attrs), "children": [], "parent": self.cur}
        self.cur["children"].append(node)
        if tag not in self.VOID:
            self.cur = node

    def handle_endtag(self, tag):
        node = self.cur
        while node is not None and node["tag"] != tag:
            node = node["parent"]
        assert node is not None, f"unmatched </{tag}>"
        self.cur = node["parent"]

    def handle_data(self, data):
        self.cur["children"].append(data)


def _parse(markup: str) -> dict:
    parser = _Tree()
    parser.feed(markup)
    parser.close()
    assert parser.cur is parser.root, "unclosed elements"
    return parser.root


def _walk(node: dict):
    for child in node["children"]:
        if isinstance(child, dict):
            yield child
            yield from _walk(child)


def _find(node: dict, tag: str, **attrs) -> list[dict]:
    out = []
    for el in _walk(node):
        if el["tag"] != tag:
            continue
        if all(
            (v in el["attrs"].get(k.rstrip("_"), "").split()) if k.endswith("_") else el["attrs"].get(k) == v
            for k, v in attrs.items()
        ):
            out.append(el)
    return out


def _text(node: dict) -> str:
    return "".join(c if isinstance(c, str) else _text(c) for c in node["children"])


@pytest.mark.parametrize("lang,direction", [("zh", "ltr"), ("en", "ltr"), ("ar", "rtl")])
def test_html_structure(lang: str, direction: str) -> None:
    doc = SAMPLES[lang]()
    page = render_html(doc)
    assert page.startswith("<!DOCTYPE html>")
    root = _parse(page)
    (html_el,) = _find(root, "html")
    assert html_el["attrs"] == {"lang": lang, "dir": direction}
    assert _find(root, "meta", charset="utf-8")
    (article,) = _find(root, "article", class_="un-report")
    assert article["attrs"]["lang"] == lang and article["attrs"]["dir"] == direction
    assert _text(_find(article, "span", class_="symbol")[0]) == "BWC/MSP/2017/6"
    assert _text(_find(article, "h1")[0]) == doc.title
    sections = _find(article, "section", class_="report-section")
    assert len(sections) == 2
    heading = _text(_find(sections[0], "h2")[0])
    assert heading == f"{doc.sections[0].number}. {doc.sections[0].title}"
    # numbered paragraphs with ids, the number in its span, a footnote link after the text
    para1 = _find(article, "p", id="para-1")[0]
    assert para1["attrs"]["class"] == "para"
    assert _text(_find(para1, "span", class_="num")[0]) == "1. "
    assert _text(para1).startswith("1. " + doc.sections[0].blocks[0].text)
    (link,) = _find(para1, "a")
    assert link["attrs"]["href"] == "#fn-1" and _text(link) == "1"
    assert _find(article, "p", id="para-7")
    assert len(_find(article, "p", class_="sub")) == 2
    quote = _find(article, "blockquote")[0]
    assert _text(_find(quote, "span", class_="num")[0]) == "6. "
    # quotes get no id: their number belongs to the quoted document
    assert not _find(quote, "p", id="para-6")
    # the footnotes, with ids the links point to
    notes = _find(article, "ol", class_="footnotes-list")[0]
    items = _find(notes, "li")
    assert [li["attrs"]["id"] for li in items] == ["fn-1", "fn-2"]
    assert doc.footnotes[0].text in _text(items[0])
    # the bullets are one list
    (ul,) = _find(article, "ul", class_="bullets")
    assert len(_find(ul, "li")) == len(
        [b for b in doc.sections[1].blocks if getattr(b, "kind", "") == "bullet"]
    )
    # the table with its head
    table = _find(article, "table", class_="data")[0]
    assert len(_find(table, "th")) == 3 and len(_find(_find(table, "tbody")[0], "tr")) == 2
    # the annex: symbol | title, the note under the symbol
    annex = _find(article, "table", class_="annex-list")[0]
    rows = _find(_find(annex, "tbody")[0], "tr")
    assert len(rows) == 3
    assert _text(_find(rows[2], "span", class_="note")[0]) == doc.annex.entries[2].note
    assert _text(_find(rows[2], "span", class_="entry-symbol")[0]) == "BWC/MSP/2017/INF.1"


def test_html_escapes_text() -> None:
    page = render_html(en_doc())
    assert "<script>" not in page
    assert "the programme of work &lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in page
    root = _parse(page)
    assert not _find(root, "script")
    subs = _find(root, "p", class_="sub")
    assert _text(subs[1]).endswith("<script>alert(1)</script> & more.")


def test_html_fonts_and_fragment() -> None:
    page = render_html(zh_doc())
    assert '"Noto Sans CJK SC"' in page and '"Noto Naskh Arabic"' in page
    fragment = render_html(ar_doc(), standalone=False)
    assert fragment.startswith('<article class="un-report" lang="ar" dir="rtl">')
    assert "<html" not in fragment and "<style" not in fragment
    # right to left: numbers in digits or Latin letters are left-to-right runs, Arabic ones not
    assert '<span class="num" dir="ltr">1. </span>' in fragment
    assert '<span class="num">أولاً. </span>' in fragment
    assert '<span class="num">(أ) </span>' in fragment


def test_formats() -> None:
    assert set(FORMATS) == {"txt", "html", "docx", "pdf"}
    assert FORMATS["txt"][0] is render_txt and FORMATS["pdf"][1:] == ("pdf", "application/pdf")
    assert FORMATS["docx"][1] == "docx" and "wordprocessingml" in FORMATS["docx"][2]
    assert FORMATS["html"][2].startswith("text/html")


# ------------------------------------------------------------------------------------------- pdf

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {lang: render_pdf(make()) for lang, make in SAMPLES.items()}


def _pdftotext(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")


def _pdffonts(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout


@needs_poppler
def test_pdf_zh(pdfs, tmp_path) -> None:
    data = pdfs["zh"]
    assert data.startswith(b"%PDF")
    text = _pdftotext(data)
    assert "BWC/MSP/2017/6" in text
    assert "GE.17-22586" in text
    assert "下列 116 个《公约》缔约国参加了会议" in text
    assert "缔约国会议的报告" in text
    assert "NotoSansCJKSC" in _pdffonts(data, tmp_path).replace("-", "")


@needs_poppler
def test_pdf_en(pdfs) -> None:
    data = pdfs["en"]
    assert data.startswith(b"%PDF")
    text = _pdftotext(data)
    for expected in (
        "BWC/MSP/2017/6",
        "GE.17-22586",
        "Report of the Meeting of States Parties",
        "Introduction",
        "See BWC/MSP/2017/4.",
        "English only",
    ):
        assert expected in text
    assert "<script>alert(1)</script>" in text  # escaped in the HTML, shown as text


@needs_poppler
def test_pdf_ar(pdfs, tmp_path) -> None:
    data = pdfs["ar"]
    assert data.startswith(b"%PDF")
    text = _pdftotext(data)
    assert "BWC/MSP/2017/6" in text and "GE.17-22586" in text
    assert "الأطراف" in text
    assert "NotoNaskhArabic" in _pdffonts(data, tmp_path).replace("-", "")


@needs_poppler
def test_pdf_pages_have_running_header(pdfs) -> None:
    """Page 2 onwards: the symbol in the header and the page number in the footer."""
    text = _pdftotext(pdfs["en"])
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 2  # the annex starts a new page
    assert "BWC/MSP/2017/6" in pages[1] and "2" in pages[1].split()
    assert "GE.17-22586" not in pages[1]


# ------------------------------------------------------------------------------------------ docx


@pytest.fixture(scope="module")
def docxs() -> dict[str, object]:
    import docx

    return {lang: docx.Document(io.BytesIO(render_docx(make()))) for lang, make in SAMPLES.items()}


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def test_docx_bytes() -> None:
    data = render_docx(en_doc())
    assert data[:2] == b"PK"


def test_docx_en(docxs) -> None:
    from docx.shared import Cm

    document = docxs["en"]
    texts = _texts(document)
    assert texts[:3] == ["General", "19 December 2017", "Original: English"]
    assert "Report of the Meeting of States Parties" in texts
    assert "I.\tIntroduction" in texts
    assert "7.\tThe following 116 States Parties participated:" in texts
    assert "(a)\tthe agenda of the Meeting;" in texts
    assert (
        "6.\t\u201cThe Conference decides that the States Parties shall hold annual meetings.\u201d" in texts
    )
    assert "\u2022\tReview of developments in science and technology2" in texts
    assert "1\tBWC/CONF.VIII/4, Part III." in texts
    # the footnote marker is a superscript run
    para1 = next(p for p in document.paragraphs if p.text.startswith("1.\tThe Final Document"))
    assert para1.runs[-1].text == "1" and para1.runs[-1].font.superscript
    # section heading bold, numbered paragraph with a hanging indent
    heading = next(p for p in document.paragraphs if p.text == "I.\tIntroduction")
    assert all(r.bold for r in heading.runs)
    para7 = next(p for p in document.paragraphs if p.text.startswith("7.\t"))
    assert para7.paragraph_format.first_line_indent < 0 < para7.paragraph_format.left_indent
    # page setup, headers and footers
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.05) and abs(section.page_height - Cm(29.7)) < Cm(0.05)
    assert section.different_first_page_header_footer
    assert "BWC/MSP/2017/6" in section.header.paragraphs[0].text
    assert "BWC/MSP/2017/6" in section.even_page_header.paragraphs[0].text
    assert "BWC/MSP/2017/6" in section.first_page_header.paragraphs[0].text
    assert section.first_page_footer.paragraphs[0].text == "GE.17-22586"
    assert "PAGE" in section.footer._element.xml and "fldChar" in section.footer._element.xml
    # tables: the 3x3 data table and the annex
    assert len(document.tables) == 2
    data_table, annex = document.tables
    assert [c.text for c in data_table.rows[0].cells] == ["Group", "States Parties", "Signatories"]
    assert len(data_table.rows) == 3 and len(data_table.columns) == 3
    assert annex.cell(3, 0).text == "BWC/MSP/2017/INF.1\nEnglish only"
    assert annex.cell(3, 1).text == "List of participants"


def test_docx_zh_fonts(docxs) -> None:
    from docx.oxml.ns import qn

    document = docxs["zh"]
    texts = _texts(document)
    assert "7.\t下列 116 个《公约》缔约国参加了会议：" in texts
    assert "一.\t导言" in texts
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    assert fonts.get(qn("w:cs")) == "Noto Naskh Arabic"
    assert "<script>alert(1)</script>" in "".join(texts)
    # Chinese paragraphs are left to right
    assert document.paragraphs[0]._p.pPr.find(qn("w:bidi")) is None


def test_docx_ar_bidi(docxs) -> None:
    from docx.oxml.ns import qn

    document = docxs["ar"]
    texts = _texts(document)
    assert "1.\tتضمنت الوثيقة الختامية للمؤتمر الاستعراضي الثامن المقرر التالي:1" in texts
    assert "أولاً.\tمقدمة" in texts
    for p in document.paragraphs:
        if p.text:
            assert p._p.pPr.find(qn("w:bidi")) is not None, p.text
            assert all(r._r.rPr.find(qn("w:rtl")) is not None for r in p.runs)
    for table in document.tables:
        assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None
    header = document.sections[0].header.paragraphs[0]
    assert header.text == "BWC/MSP/2017/6" and header._p.pPr.find(qn("w:bidi")) is not None


@pytest.mark.parametrize("lang", ["zh", "en", "ar"])
def test_docx_properties_in_schema_order(lang: str) -> None:
    """Word refuses a file whose w:rPr / w:pPr / w:tblPr children are out of schema order."""
    import zipfile

    from lxml import etree

    from plenary.reports.render import _PROPERTY_ORDER

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(render_docx(SAMPLES[lang]()))) as package:
        parts = [n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")]
        assert "word/header1.xml" in parts or any("header" in n for n in parts)
        for name in parts:
            root = etree.fromstring(package.read(name))
            for kind, order in _PROPERTY_ORDER.items():  # w:rPr, w:pPr, w:sectPr, w:tblPr
                rank = {f"{w}{tag[2:]}": i for i, tag in enumerate(order)}
                if kind == "sectPr":  # header and footer references are one choice group
                    rank[f"{w}footerReference"] = rank[f"{w}headerReference"]
                for element in root.iter(f"{w}{kind}"):
                    if element.getparent() is not None and element.getparent().tag == f"{w}rPrChange":
                        continue
                    ranks = [rank[c.tag] for c in element if c.tag in rank]
                    assert ranks == sorted(ranks), (name, kind, [c.tag for c in element])


def test_docx_ar_section_is_rtl(docxs) -> None:
    from docx.oxml.ns import qn

    assert docxs["ar"].sections[0]._sectPr.find(qn("w:bidi")) is not None
    assert docxs["en"].sections[0]._sectPr.find(qn("w:bidi")) is None
