"""Issue 9, section 3, in real Chromium: staff (with their second factor) issue an information
document with its Chinese and English files through the back office's page (a first attempt with a
mistake loses nothing), and a visitor opens it from the public page, in Chinese."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.staff import sign_in_staff

SETUP = """
import datetime as dt
from django.contrib.auth.models import User
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.treaties.models import Treaty
bwc = Treaty.objects.get(code="BWC")
save_meeting(bwc, "BWC/MSP/2094", by=Actor.system("setup"), kind="MSP", year=2094, start=dt.date(2094, 12, 6),
             end=dt.date(2094, 12, 9), venue="Palais des Nations, Geneva", status="planned")
user = User.objects.create_user("isu.documents", "isu.documents@example.org", "a long enough passphrase")
grant_role(user, "staff", by=Actor.system("setup"))
"""


def a_pdf(lang: str, text: str) -> bytes:
    """A real one-page PDF (WeasyPrint, as the reports are made), so that the browser shows a page."""
    from weasyprint import HTML

    return HTML(
        string=f'<html lang="{lang}"><body><h1>BWC/MSP/2094/INF.2</h1><p>{text}</p></body></html>'
    ).write_pdf()


@pytest.fixture(scope="module")
def site(server):
    plenary = Path(sys.executable).with_name("plenary")
    done = subprocess.run(
        [str(plenary), "manage", "shell", "-c", SETUP],
        env=server.env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return server.url


def sign_in_as_staff(page, base):
    sign_in_staff(page, base, "isu.documents", "a long enough passphrase")


def test_staff_issue_an_inf_document_and_a_visitor_reads_it(site, page, browser, tmp_path):
    en, zh = tmp_path / "information.pdf", tmp_path / "资料.pdf"
    pdf_zh = a_pdf("zh", "与会者须知")
    en.write_bytes(a_pdf("en", "Information for participants"))
    zh.write_bytes(pdf_zh)

    sign_in_as_staff(page, site)
    page.goto(site + "/office/meetings/BWC/MSP/2094/")
    page.click("#issue-a-document")
    page.wait_for_url(site + "/office/meetings/BWC/MSP/2094/documents/issue/")
    page.select_option("select[name=doc_type]", "INF")
    assert page.inner_text("#next-symbol") == "BWC/MSP/2094/INF.2"
    assert page.get_attribute("input[name=symbol]", "placeholder") == "BWC/MSP/2094/INF.2"

    # A first attempt without the English title: the page says so and keeps the rest.
    page.fill("input[name=title_zh]", "与会者须知")
    page.set_input_files("input[name=file_en]", str(en))
    page.set_input_files("input[name=file_zh]", str(zh))
    page.click("#issue-document button")
    assert page.inner_text("ul.errorlist.nonfield") == "give the title in the original language (en)"
    assert page.input_value("input[name=title_zh]") == "与会者须知"
    assert page.input_value("select[name=doc_type]") == "INF"
    kept = page.inner_text("#languages")
    assert (
        "Kept from your last attempt: information.pdf" in kept
        and "Kept from your last attempt: 资料.pdf" in kept
    )
    page.screenshot(path=str(tmp_path / "form-with-error.png"), full_page=True)

    # The second attempt sends no file again.
    page.fill("input[name=title_en]", "Information for participants")
    page.click("#issue-document button")
    page.wait_for_url(site + "/office/meetings/BWC/MSP/2094/documents/")
    assert "Issued BWC/MSP/2094/INF.2: 2 file(s) stored as issued." in page.inner_text("ul.messages")
    page.screenshot(path=str(tmp_path / "issued.png"), full_page=True)

    # A visitor finds it on the meeting's public page, in Chinese, and opens its page.
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(site + "/zh-hans/meetings/BWC/MSP/2094/")
    visitor.click("a:text-is('BWC/MSP/2094/INF.2')")
    visitor.wait_for_url(site + "/zh-hans/documents/BWC/MSP/2094/INF.2")
    assert "与会者须知" in visitor.inner_text("p.lead")
    assert visitor.inner_text("#read tr[data-lang=zh] a.button") == "PDF"
    assert visitor.inner_text("#read tr[data-lang=en] a.button") == "PDF"
    assert visitor.get_attribute("#read tr[data-lang=fr] a.official-copy", "href") == (
        "https://undocs.org/fr/BWC/MSP/2094/INF.2"
    )
    assert visitor.inner_text("#read tr[data-lang=fr] a.official-copy") == "联合国正式文本 (undocs.org)"
    visitor.screenshot(path=str(tmp_path / "public.png"), full_page=True)

    # The Chinese file opens in the browser: the stored bytes, inline, with their checksum.
    href = visitor.get_attribute("#read tr[data-lang=zh] a.button", "href")
    assert href == "/zh-hans/documents/BWC/MSP/2094/INF.2/read/zh.pdf"
    response = visitor.request.get(site + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'inline; filename="BWC_MSP_2094_INF.2-ZH.pdf"'
    assert re.fullmatch(r'"[0-9a-f]{64}"', response.headers["etag"])
    assert response.body() == pdf_zh
    visitor.click("#read tr[data-lang=zh] a.button")
    visitor.wait_for_url(re.compile(r".*/read/zh\.pdf$"))
    visitor.screenshot(path=str(tmp_path / "pdf.png"))
    visitor.context.close()


def test_a_2017_document_without_its_file_reads_at_the_un_in_arabic(site, page, tmp_path):
    page.goto(site + "/ar/documents/BWC/MSP/2017/WP.13")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.inner_text("#only-in") == "بالإسبانية فقط"
    assert page.inner_text("#read tr[data-lang=en] td.informal") == "ترجمة غير رسمية"
    assert page.get_attribute("#read tr[data-lang=es] a.official-copy", "href") == (
        "https://undocs.org/es/BWC/MSP/2017/WP.13"
    )
    page.screenshot(path=str(tmp_path / "wp13-ar.png"), full_page=True)
