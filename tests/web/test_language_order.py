"""Languages are listed in the UN's order (AR, ZH, EN, FR, RU, ES) wherever a list of them is
shown: the language switcher, a document's language versions and downloads, the report's
downloads, the API's lists and the exports, the record."""

from __future__ import annotations

import re

from plenary.core.languages import in_un_order, un_order
from plenary.documents.models import IssuedFile, LanguageVersion
from plenary.records.exporter import export_record

UN = ["ar", "zh", "en", "fr", "ru", "es"]


def test_un_order_of_codes_and_of_multilingual_values() -> None:
    assert un_order(["zh", "es", "en", "ar", "ru", "fr", "en"]) == UN
    assert un_order(["xx", "fr", "ar"]) == ["ar", "fr", "xx"]
    assert in_un_order({"es": "Tema", "en": "Topic", "zh": "专题"}) == [
        ("zh", "专题"),
        ("en", "Topic"),
        ("es", "Tema"),
    ]
    assert in_un_order(None) == []


def test_language_versions_and_issued_files_come_in_the_un_order(db) -> None:
    assert [v.lang for v in LanguageVersion.objects.filter(document__symbol="BWC/MSP/2017/3")] == UN
    files = IssuedFile.objects.filter(document__symbol="BWC/MSP/2017/6")
    assert list(dict.fromkeys(f.lang for f in files)) == UN
    assert [f.fmt for f in files if f.lang == "ar"] == ["akn", "docx", "html", "pdf", "txt"]


def test_the_switcher_the_document_page_and_the_report_downloads(client, db) -> None:
    page = client.get("/documents/BWC/MSP/2017/3").content.decode()
    switcher = re.findall(r'hreflang="([\w-]+)"', page.split("</header>", 1)[0])
    assert switcher == ["ar", "zh-hans", "en", "fr", "ru", "es"]
    versions = page.split("Language versions", 1)[1].split("</dd>", 1)[0]
    assert re.findall(r"\b([A-Z]{2})\b", versions) == ["AR", "ZH", "EN", "FR", "RU", "ES"]
    report = client.get("/documents/BWC/MSP/2017/6").content.decode()
    assert list(dict.fromkeys(re.findall(r'<tr data-lang="(\w\w)">', report))) == UN
    meeting = client.get("/meetings/BWC/MSP/2017/").content.decode()
    downloads = meeting.split('<table class="downloads">', 1)[1].split("</thead>", 1)[0]
    assert re.findall(r"<th>([A-Z]{2})</th>", downloads) == ["AR", "ZH", "EN", "FR", "RU", "ES"]


def test_the_api_the_export_and_the_record(client, db) -> None:
    body = client.get("/api/documents/BWC/MSP/2017/3").json()
    assert [v["lang"] for v in body["versions"]] == UN
    record = export_record("BWC/MSP/2017")
    three = next(d for d in record["documents"] if d["symbol"] == "BWC/MSP/2017/3")
    assert [v["lang"] for v in three["versions"]] == UN
