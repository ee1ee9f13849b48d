"""Every language in every format, built from the 2017 records."""

from __future__ import annotations

import io
import subprocess

import pytest
from docx import Document as Docx

from plenary.reports.builder import build_report, phrases
from plenary.reports.render import FORMATS

LANGS = ["ar", "zh", "en", "fr", "ru", "es"]


@pytest.fixture(scope="module")
def docs(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return {lang: build_report("BWC/MSP/2017/6", lang) for lang in LANGS}


def test_every_language_has_the_same_phrases_and_placeholders():
    import string

    def shape(value):
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return len(value)
        return sorted({f for _, f, _, _ in string.Formatter().parse(str(value)) if f})

    def keys(value):
        if isinstance(value, dict):
            return {k: keys(v) for k, v in value.items()}
        return len(value) if isinstance(value, list) else None

    english = shape(phrases("en"))
    for lang in LANGS:
        assert keys(phrases(lang)) == keys(phrases("en")), lang
        # Chinese words some phrases differently (no capitals, honorific after the name).
        if lang != "zh":
            assert shape(phrases(lang)) == english, lang


@pytest.mark.parametrize("lang", LANGS)
def test_the_report_has_23_numbered_paragraphs_in_eight_sections(docs, lang):
    doc = docs[lang]
    numbers = [b.number for s in doc.sections for b in s.blocks if getattr(b, "kind", None) == "numbered"]
    assert numbers == [str(n) for n in range(1, 24)]
    assert len(doc.sections) == 8
    assert len(doc.annex.entries) == 36
    assert doc.symbol == "BWC/MSP/2017/6"
    assert doc.job_number == "GE.17-22586"


@pytest.mark.parametrize("lang", LANGS)
def test_counts_are_the_records_in_every_language(docs, lang):
    doc = docs[lang]
    paras = {
        b.number: b.text for s in doc.sections for b in s.blocks if getattr(b, "kind", None) == "numbered"
    }
    assert "116" in paras["7"]
    assert "69" in paras["14"]
    assert "179" in paras["17"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "pdf"])
def test_every_language_renders_in_every_format(docs, lang, fmt, tmp_path):
    render, extension, mime = FORMATS[fmt]
    output = render(docs[lang])
    if fmt == "txt":
        assert output.splitlines()[0] == "BWC/MSP/2017/6"
    elif fmt == "html":
        direction = "rtl" if lang == "ar" else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in output
    elif fmt == "docx":
        document = Docx(io.BytesIO(output))
        texts = [p.text for p in document.paragraphs]
        assert any(t.startswith("7.") for t in texts)
    else:
        assert output.startswith(b"%PDF")
        path = tmp_path / f"report.{extension}"
        path.write_bytes(output)
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        expected = {"zh": "CJK", "ar": "Naskh"}.get(lang, "Noto")
        assert expected in fonts
