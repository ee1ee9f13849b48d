"""The pages' templates hold no code the Content-Security-Policy would refuse (script-src 'self',
style-src 'self', htmx with allowEval off): no inline <script>, no on*= handler, no javascript:
link, no style attribute or <style> element, no hx-on, no htmx trigger filter ([...] is
evaluated), no js: values. The report's templates are documents, not pages: they are served under
the stored files' policy (web.headers.STORED_HTML_POLICY) and rendered to PDF."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "plenary"
DOCUMENTS = SRC / "reports" / "templates"

REFUSED = {
    "inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I),
    "event handler": re.compile(r"<[^>]*\son[a-z]+\s*=", re.I),
    "javascript: link": re.compile(r"javascript:", re.I),
    "style attribute": re.compile(r"<[^>]*\sstyle\s*=", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
    "hx-on": re.compile(r"\shx-on", re.I),
    "trigger filter": re.compile(r"hx-trigger=\"[^\"]*\[", re.I),
    "js: value": re.compile(r"hx-(vals|vars|headers)='\s*js:", re.I),
}


def page_templates() -> list[Path]:
    return sorted(p for p in SRC.rglob("templates/**/*.html") if DOCUMENTS not in p.parents)


def test_the_page_templates_hold_no_inline_code():
    templates = page_templates()
    assert len(templates) > 50
    found = [
        f"{path.relative_to(SRC)}: {what}: {match.group(0)[:80]}"
        for path in templates
        for what, pattern in REFUSED.items()
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_patterns_catch_what_they_name():
    samples = {
        "inline script": "<script>alert(1)</script>",
        "event handler": '<button onclick="go()">',
        "javascript: link": '<a href="javascript:go()">',
        "style attribute": '<p style="color: red">',
        "style element": "<style>p {}</style>",
        "hx-on": '<form hx-on::after-request="this.reset()">',
        "trigger filter": "<div hx-trigger=\"every 3s [!document.querySelector('#x')]\">",
        "js: value": "<div hx-vals='js:{a: 1}'>",
    }
    assert {what: bool(REFUSED[what].search(text)) for what, text in samples.items()} == dict.fromkeys(
        samples, True
    )
    allowed = '<script src="/static/web/htmx.min.js" defer></script><div hx-trigger="every 3s" data-on="1">'
    assert [what for what, pattern in REFUSED.items() if pattern.search(allowed)] == []
