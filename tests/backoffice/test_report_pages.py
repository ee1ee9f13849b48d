"""The report of a new meeting from the back office: build the draft, write its paragraphs in the
six languages, preview it, adopt it as orally amended and issue it; bad and hostile input gets a
clear message and the right status, and nothing is written."""

from __future__ import annotations

import pytest

from plenary.core.models import AuditEntry
from plenary.documents.models import IssuedFile
from plenary.reports.models import Report, ReportParagraph
from tests.factories import DecisionFactory, DelegationFactory, MeetingFactory, state

URL = "/office/meetings/BWC/MSP/2033/report/"
PARAGRAPHS = URL + "paragraphs/"


@pytest.fixture
def meeting(db):
    m = MeetingFactory(series="BWC/MSP/2033")
    DecisionFactory(meeting=m, key="agenda", position=0, text={"en": "The Meeting adopted its agenda."})
    for code in ("FRA", "DEU", "CHN"):
        DelegationFactory(meeting=m, state=state(code))
    return m


@pytest.fixture
def drafted(staff, meeting):
    response = staff.post(URL, {"action": "draft", "draft-symbol": ""})
    assert (response.status_code, response["Location"]) == (302, URL)
    return Report.objects.get(meeting=meeting)


def texts(**values):
    return {f"add-work-text_{code}": values.get(code, "") for code in ("ar", "zh", "en", "fr", "ru", "es")}


def test_a_meeting_without_a_report_offers_to_build_the_draft(staff, meeting):
    html = staff.get(URL).content.decode()
    assert '<input type="hidden" name="action" value="draft">' in html
    assert "No report of BWC/MSP/2033 is on record." in html


def test_build_write_preview_adopt_issue(staff, drafted, fast_pdf):
    assert drafted.draft.symbol == "BWC/MSP/2033/CRP.1"
    html = staff.get(URL).content.decode()
    assert (
        '<a class="button" id="write-paragraphs" href="/office/meetings/BWC/MSP/2033/report/paragraphs/">'
        in html
    )
    assert '<a href="/office/meetings/BWC/MSP/2033/report/preview/ar/" hreflang="ar">AR</a>' in html

    response = staff.post(
        PARAGRAPHS,
        {
            "action": "write",
            "section": "work",
            **texts(zh="会议商定了实质内容。", en="The Meeting agreed on the substance."),
        },
    )
    assert (response.status_code, response["Location"]) == (302, PARAGRAPHS)
    paragraph = ReportParagraph.objects.get(report=drafted)
    assert (paragraph.section, paragraph.position, paragraph.text) == (
        "work",
        1,
        {"zh": "会议商定了实质内容。", "en": "The Meeting agreed on the substance."},
    )
    editor = staff.get(PARAGRAPHS).content.decode()
    assert f'<div class="written" id="paragraph-{paragraph.pk}">' in editor
    assert f'name="p-{paragraph.pk}-text_zh"' in editor and 'lang="zh"' in editor and 'dir="rtl"' in editor

    preview = staff.get(URL + "preview/zh/")
    assert preview.status_code == 200 and preview["Content-Type"] == "text/html; charset=utf-8"
    # Styled inline, as the issued HTML: sandboxed, no script, nothing loaded (web.headers).
    assert preview["Content-Security-Policy"] == (
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "frame-ancestors 'none'"
    )
    html = preview.content.decode()
    assert '<html lang="zh" dir="ltr">' in html
    assert '<p class="para" id="para-4"><span class="num">4. </span>会议商定了实质内容。</p>' in html
    fr = staff.get(URL + "preview/fr/").content.decode()
    assert "[Pas encore traduit] The Meeting agreed on the substance." in fr

    response = staff.post(URL, {"action": "adopt", "adopt-on": "2033-12-09", "adopt-orally_amended": "on"})
    assert (response.status_code, response["Location"]) == (302, URL)
    page = staff.get(URL)
    assert '<p id="next-final">The next free symbol is BWC/MSP/2033/1.</p>' in page.content.decode()
    assert page.context["issue_form"].fields["final"].choices == [
        ("", "BWC/MSP/2033/1 (the next free number)")
    ]
    response = staff.post(URL, {"action": "issue", "issue-final": "", "issue-on": "2033-12-20"})
    assert (response.status_code, response["Location"]) == (302, URL)
    drafted.refresh_from_db()
    assert (drafted.status, drafted.final.symbol, drafted.orally_amended) == (
        "issued",
        "BWC/MSP/2033/1",
        True,
    )
    assert IssuedFile.objects.filter(document=drafted.final).count() == 30
    html = staff.get(URL).content.decode()
    assert '<a href="/api/reports/BWC/MSP/2033/1.akn?lang=zh">akn</a>' in html

    # The public meeting page offers the issued report in six languages and five formats.
    public = staff.get("/zh-hans/meetings/BWC/MSP/2033/").content.decode()
    for fmt in ("pdf", "docx", "html", "txt", "akn"):
        for code in ("ar", "zh", "en", "fr", "ru", "es"):
            assert f'href="/api/reports/BWC/MSP/2033/1.{fmt}?lang={code}"' in public
    assert "Akoma Ntoso XML" in staff.get("/meetings/BWC/MSP/2033/").content.decode()
    akn = staff.get("/api/reports/BWC/MSP/2033/1.akn", {"lang": "zh"})
    assert (akn.status_code, akn["Content-Type"], akn["Plenary-Status"]) == (
        200,
        "application/akn+xml",
        "issued",
    )


def snapshot(report):
    return (
        list(ReportParagraph.objects.filter(report=report).values_list("section", "position", "text")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (
            {"action": "write", "section": "nowhere", "add-nowhere-text_en": "x"},
            400,
            "the report of BWC/MSP/2033 has no section &#x27;nowhere&#x27;: write in one of introduction, "
            "organization, participation, work, finance, documents, closing",
        ),
        (
            {"action": "write", "section": "work", "add-work-position": "70000", **texts(en="x")},
            400,
            "section work: the position is a whole number from 1 to 2",
        ),
        (
            {"action": "write", "section": "work", **texts(en="x" * 1_000_000)},
            400,
            "Ensure this value has at most 40000 characters (it has 1000000).",
        ),
        (
            {"action": "write", "section": "work", **texts(en="x" * 30_000)},
            400,
            "the report of BWC/MSP/2033: the en text is 30,000 characters; a paragraph has at most 20,000",
        ),
        (
            {"action": "write", "section": "work", **texts()},
            400,
            "write the paragraph in at least one language",
        ),
        ({"action": "remove", "paragraph": "abc"}, 404, "no such paragraph"),
        ({"action": "explode"}, 400, "Unknown action."),
    ],
)
def test_bad_and_hostile_posts(staff, drafted, data, status, message):
    staff.post(PARAGRAPHS, {"action": "write", "section": "work", **texts(en="First.")})
    before = snapshot(drafted)
    response = staff.post(PARAGRAPHS, data)
    assert response.status_code == status
    assert message in response.content.decode()
    assert snapshot(drafted) == before


def test_a_paragraph_of_another_meetings_report(staff, drafted, db):
    other = MeetingFactory(series="BWC/MSP/2034")
    staff.post("/office/meetings/BWC/MSP/2034/report/", {"action": "draft"})
    staff.post(
        "/office/meetings/BWC/MSP/2034/report/paragraphs/",
        {"action": "write", "section": "work", **texts(en="Theirs.")},
    )
    foreign = ReportParagraph.objects.get(report__meeting=other)
    before = snapshot(drafted)
    response = staff.post(PARAGRAPHS, {"action": "remove", "paragraph": str(foreign.pk)})
    assert response.status_code == 404
    assert f"the report of BWC/MSP/2033 has no written paragraph #{foreign.pk}" in response.content.decode()
    assert snapshot(drafted) == before and ReportParagraph.objects.filter(pk=foreign.pk).exists()


def test_an_adopted_report_is_frozen_on_the_page(staff, drafted):
    staff.post(PARAGRAPHS, {"action": "write", "section": "work", **texts(en="First.")})
    paragraph = ReportParagraph.objects.get(report=drafted)
    staff.post(URL, {"action": "adopt", "adopt-on": "2033-12-09"})
    before = snapshot(drafted)
    response = staff.post(PARAGRAPHS, {"action": "remove", "paragraph": str(paragraph.pk)})
    assert response.status_code == 409
    assert "its paragraphs no longer change" in response.content.decode()
    assert snapshot(drafted) == before
    page = staff.get(PARAGRAPHS).content.decode()
    assert '<div class="notice" role="status" id="frozen">' in page
    assert 'value="update"' not in page


def test_building_twice_is_refused(staff, drafted):
    response = staff.post(URL, {"action": "draft"})
    assert response.status_code == 400
    assert "BWC/MSP/2033 already has a report on record." in response.content.decode()
    assert Report.objects.filter(meeting__series="BWC/MSP/2033").count() == 1


@pytest.mark.parametrize("persona", ["officer", "focal_point", "anonymous"])
def test_only_staff_build_and_write(request, persona, meeting):
    client = request.getfixturevalue(persona)
    for url, data in ((URL, {"action": "draft"}), (PARAGRAPHS, {"action": "write", "section": "work"})):
        response = client.post(url, data)
        assert response.status_code == (302 if persona == "anonymous" else 403)
    assert not Report.objects.filter(meeting=meeting).exists()


def test_the_page_speaks_chinese(staff, meeting):
    html = staff.get("/zh-hans" + URL).content.decode()
    assert "建立报告草案" in html
    staff.post(URL, {"action": "draft"})
    editor = staff.get("/zh-hans" + PARAGRAPHS).content.decode()
    assert "<h2>缔约国会议的工作</h2>" in editor
    assert "在本节中添加一段" in editor
