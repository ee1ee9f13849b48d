"""The back office's agenda and programme of work pages: staff edit the items and sub-items and the
sittings, preview and issue /1 and /2, record the adoption; hostile input comes back as one line
with 400 (409 when frozen) and nothing written; decisions and papers carry their agenda item."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile, WorkingPaper
from plenary.meetings.models import AgendaItem, PlannedSitting, ProgrammeEntry
from plenary.meetings.queries import agenda_of
from plenary.proceedings.models import Decision
from plenary.reports import agenda as R
from tests.helpers import AGENDA_TITLES, body, meeting_with_agenda

ISU = Actor.system("isu")
AGENDA = "/office/meetings/BWC/MSP/2026/agenda/"
PROGRAMME = "/office/meetings/BWC/MSP/2026/programme/"


@pytest.fixture
def meeting(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return meeting_with_agenda()


def outline(meeting) -> list[tuple[str, str]]:
    return [(row.label, row.title["en"]) for item, subs in agenda_of(meeting) for row in (item, *subs)]


def written(meeting) -> tuple:
    return (
        outline(meeting),
        list(PlannedSitting.objects.filter(meeting=meeting).values_list("number", "date", "period")),
        list(
            ProgrammeEntry.objects.filter(sitting__meeting=meeting).values_list("sitting__number", "position")
        ),
        Document.objects.filter(meeting=meeting).count(),
        Decision.objects.filter(meeting=meeting).count(),
        AuditEntry.objects.count(),
    )


def titles(prefix: str, values: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}-title_{lang}": text for lang, text in values.items()}


def errors(response) -> list[str]:
    """The one-line messages a refused form shows (the form's non-field errors)."""
    html = response.content.decode()
    import re

    return re.findall(r'<ul class="errorlist nonfield" role="alert">(?:<li>(.*?)</li>)+</ul>', html)


@pytest.mark.parametrize("url", [AGENDA, PROGRAMME, AGENDA + "preview/?which=agenda&lang=ar&fmt=html"])
@pytest.mark.parametrize("persona", ["anonymous", "focal_point", "officer"])
def test_only_staff_see_and_use_the_pages(request, meeting, url, persona):
    client = request.getfixturevalue(persona)
    before = written(meeting)
    got = client.get(url)
    posted = client.post(url.split("?")[0], {"action": "add", "add-title_en": "Other matters"})
    if persona == "anonymous":
        assert (got.status_code, posted.status_code) == (302, 405 if "preview" in url else 302)
        assert got["Location"].startswith("/accounts/sign-in/?next=")
    else:
        assert (got.status_code, posted.status_code) == (403, 403 if "preview" not in url else 405)
    assert written(meeting) == before


def test_the_editor_lists_items_and_sub_items_with_every_form_carrying_its_token(staff, meeting):
    response = staff.get(AGENDA)
    assert response.status_code == 200
    html = response.content.decode()
    assert [(r["item"].label, r["title"], r["sub"]) for r in response.context["rows"]] == [
        ("1", "Opening of the meeting", False),
        ("2", "Adoption of the agenda", False),
        ("3", "General debate", False),
        ("3 (a)", "Statements by States Parties", True),
        ("3 (b)", "Statements by observers", True),
    ]
    assert html.count('<form method="post"') == html.count('name="csrfmiddlewaretoken"') > 10
    assert 'value="بيانات الدول الأطراف" lang="ar" dir="rtl"' in html
    zh = staff.get("/zh-hans" + AGENDA).content.decode()
    assert "<h1>BWC/MSP/2026 的议程</h1>" in zh and "增加项目或分项" in zh and "印发临时议程" in zh


def test_staff_add_edit_move_and_remove_items_through_the_page(staff, meeting):
    debate = meeting.agenda.get(number=3, parent=None)
    response = staff.post(
        AGENDA, {"action": "add", **titles("add", {"en": "Other matters", "fr": "Questions diverses"})}
    )
    assert (response.status_code, response["Location"]) == (302, AGENDA)
    response = staff.post(
        AGENDA,
        {
            "action": "add",
            "add-parent": str(debate.pk),
            "add-number": "1",
            **titles("add", {"en": "Opening statements"}),
        },
    )
    assert response.status_code == 302
    other = meeting.agenda.get(title__en="Other matters")
    response = staff.post(
        AGENDA, {"action": "move", "pk": other.pk, f"i{other.pk}-parent": "", f"i{other.pk}-number": "1"}
    )
    assert response.status_code == 302
    opening = meeting.agenda.get(title__en="Opening of the meeting")
    response = staff.post(
        AGENDA,
        {
            "action": "edit",
            "pk": opening.pk,
            **titles(f"i{opening.pk}", {**AGENDA_TITLES["opening"], "en": "Opening of the Meeting"}),
        },
    )
    assert response.status_code == 302
    observers = meeting.agenda.get(title__en="Statements by observers")
    assert staff.post(AGENDA, {"action": "remove", "pk": observers.pk}).status_code == 302
    assert outline(meeting) == [
        ("1", "Other matters"),
        ("2", "Opening of the Meeting"),
        ("3", "Adoption of the agenda"),
        ("4", "General debate"),
        ("4 (a)", "Opening statements"),
        ("4 (b)", "Statements by States Parties"),
    ]
    assert [e.via for e in AuditEntry.objects.filter(action__startswith="agenda.").order_by("-id")[:5]] == [
        "page"
    ] * 5
    page = staff.get(AGENDA)
    assert "Item 1 is taken off" not in page.content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"add-number": "0"}, "BWC/MSP/2026: new agenda item: the number is a whole number from 1 to 4"),
        ({"add-number": "70000"}, "BWC/MSP/2026: new agenda item: the number is a whole number from 1 to 4"),
        (
            "sub-of-sub",
            "BWC/MSP/2026: new agenda sub-item: 3 (a) is a sub-item, and a sub-item has no sub-items of its own",
        ),
        (
            "other-meeting",
            "BWC/MSP/2026: new agenda sub-item: item 1 of BWC/MSP/2017 is not on the agenda of BWC/MSP/2026",
        ),
        (
            {"add-title_en": ""},
            "BWC/MSP/2026: new agenda item: title: give the text in at least one UN language",
        ),
        (
            {"add-title_en": "x" * 1500},
            "BWC/MSP/2026: new agenda item: title: the en text is longer than 1,000 characters",
        ),
        ({"add-title_en": "x" * 100_000}, "Check the fields of the new item."),
    ],
)
def test_hostile_input_on_the_page_is_one_line_400_and_nothing_written(staff, meeting, data, message):
    if data == "sub-of-sub":
        data = {"add-parent": str(meeting.agenda.get(parent__number=3, number=1).pk)}
    elif data == "other-meeting":
        data = {
            "add-parent": str(
                AgendaItem.objects.get(meeting__series="BWC/MSP/2017", number=1, parent=None).pk
            )
        }
    before = written(meeting)
    response = staff.post(AGENDA, {"action": "add", "add-title_en": "Other matters", **data})
    assert response.status_code == 400
    assert errors(response) == [message]
    assert written(meeting) == before


def test_an_item_of_another_meeting_is_not_found_from_this_page(staff, meeting):
    other = AgendaItem.objects.get(meeting__series="BWC/MSP/2017", number=1, parent=None)
    for action in ("edit", "move", "remove"):
        assert (
            staff.post(AGENDA, {"action": action, "pk": other.pk, f"i{other.pk}-number": "1"}).status_code
            == 404
        )
    assert staff.post(AGENDA, {"action": "edit", "pk": "../1"}).status_code == 404
    assert AgendaItem.objects.get(pk=other.pk).title == other.title


def test_issue_preview_adopt_and_amend_through_the_page(staff, meeting, fast_pdf):
    preview = staff.get(AGENDA + "preview/?which=agenda&lang=zh&fmt=txt")
    assert (preview.status_code, preview["Plenary-Status"]) == (200, "draft")
    assert preview.content.decode() == R.render_preview(meeting, "agenda", "zh", "txt").decode()
    assert staff.get(AGENDA + "preview/?which=minutes&lang=zh&fmt=txt").status_code == 400
    page = staff.get(AGENDA + "preview/?which=agenda&lang=ar&fmt=html")
    assert (page.status_code, page["Content-Disposition"]) == (
        200,
        f'inline; filename="{meeting.series.replace("/", "_")}_1-AR-preview.html"',
    )
    assert page["Content-Security-Policy"] == (
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "frame-ancestors 'none'"
    )
    assert "Content-Security-Policy" not in preview  # the text preview: a file, not a page
    response = staff.post(
        AGENDA, {"action": "issue", "issue-on": "2026-09-01", "issue-original_language": "en"}
    )
    assert (response.status_code, response["Location"]) == (302, AGENDA)
    document = Document.objects.get(symbol="BWC/MSP/2026/1")
    assert (document.generated, IssuedFile.objects.filter(document=document).count()) == ("agenda", 24)
    page = staff.get(AGENDA)
    assert [f["fmt"] for f in page.context["issues"][0]["files"]][:4] == ["docx", "html", "pdf", "txt"]
    zh_pdf = staff.get(AGENDA + "file/?symbol=BWC/MSP/2026/1&lang=zh&fmt=pdf")
    stored = IssuedFile.objects.get(document=document, lang="zh", fmt="pdf")
    with stored.file.open("rb") as handle:
        assert body(zh_pdf) == handle.read()
    assert staff.get(AGENDA + "file/?symbol=BWC/MSP/2017/6&lang=zh&fmt=pdf").status_code == 404
    # issued again: refused, 409
    again = staff.post(AGENDA, {"action": "issue", "issue-on": "2026-09-01", "issue-original_language": "en"})
    assert again.status_code == 409
    assert errors(again) == [
        "the provisional agenda of BWC/MSP/2026 is issued as BWC/MSP/2026/1 on 1 September 2026: an issued document "
        "does not change; a corrected one goes out as a revision (Rev.)"
    ]
    # the adoption
    response = staff.post(AGENDA, {"action": "adopt", "adopt-on": "2026-12-07", "adopt-orally_amended": "on"})
    assert response.status_code == 302
    decision = Decision.objects.get(meeting=meeting, key="agenda")
    assert (decision.agenda_item.label, decision.text["en"]) == (
        "2",
        "The Meeting adopted its agenda (BWC/MSP/2026/1), as orally amended.",
    )
    # frozen: a change without a reason is 409, with one it is an audited amendment
    debate = meeting.agenda.get(number=3, parent=None)
    frozen = staff.post(
        AGENDA,
        {
            "action": "edit",
            "pk": debate.pk,
            **titles(f"i{debate.pk}", {**AGENDA_TITLES["debate"], "en": "General exchange of views"}),
        },
    )
    assert frozen.status_code == 409
    assert errors(frozen) == [
        "the agenda of BWC/MSP/2026 was adopted on 7 December 2026: it no longer changes, except by an amendment the "
        "meeting agreed (give its reason)"
    ]
    assert meeting.agenda.get(pk=debate.pk).title == AGENDA_TITLES["debate"]
    amended = staff.post(
        AGENDA,
        {
            "action": "edit",
            "pk": debate.pk,
            f"i{debate.pk}-amendment": "as orally amended on 7 December",
            **titles(f"i{debate.pk}", {**AGENDA_TITLES["debate"], "en": "General exchange of views"}),
        },
    )
    assert amended.status_code == 302
    entry = AuditEntry.objects.filter(action="agenda.amend.edit").get()
    assert (entry.via, entry.after["amendment"], entry.after["title"]["en"]) == (
        "page",
        "as orally amended on 7 December",
        "General exchange of views",
    )
    # the issued /1 is as it was; a revision carries the change
    with IssuedFile.objects.get(document=document, lang="en", fmt="txt").file.open("rb") as handle:
        assert b"3. General debate\n" in handle.read()
    assert staff.post(AGENDA, {"action": "revise"}).status_code == 302
    revision = Document.objects.get(symbol="BWC/MSP/2026/1/Rev.1")
    with IssuedFile.objects.get(document=revision, lang="en", fmt="txt").file.open("rb") as handle:
        assert b"3. General exchange of views\n" in handle.read()


def test_a_taken_symbol_is_refused_on_the_page(staff, meeting, fast_pdf):
    from tests.factories import DocumentFactory

    DocumentFactory(meeting=meeting, doc_type="", number=1, title={"en": "Note by the Secretariat"})
    before = written(meeting)
    response = staff.post(
        AGENDA, {"action": "issue", "issue-on": "2026-09-01", "issue-original_language": "en"}
    )
    assert response.status_code == 400
    assert errors(response) == [
        "BWC/MSP/2026/1 is already recorded (Note by the Secretariat): choose a free symbol"
    ]
    assert written(meeting) == before
    response = staff.post(
        AGENDA,
        {
            "action": "issue",
            "issue-on": "2026-09-01",
            "issue-original_language": "en",
            "issue-symbol": "BWC/MSP/2026/3",
        },
    )
    assert response.status_code == 302
    assert Document.objects.get(symbol="BWC/MSP/2026/3").generated == "agenda"


def test_the_programme_page_sets_sittings_and_entries(staff, meeting):
    response = staff.post(
        PROGRAMME,
        {
            "action": "add_sitting",
            "sitting-date": "2026-12-08",
            "sitting-period": "morning",
            "sitting-opens": "10:00",
            "sitting-closes": "13:00",
            "sitting-note_en": "closed",
        },
    )
    assert (response.status_code, response["Location"]) == (302, PROGRAMME)
    third = PlannedSitting.objects.get(meeting=meeting, number=3)
    debate = meeting.agenda.get(number=3, parent=None)
    assert (
        staff.post(
            PROGRAMME, {"action": "add_entry", "pk": third.pk, f"e{third.pk}-agenda_item": str(debate.pk)}
        ).status_code
        == 302
    )
    assert (
        staff.post(
            PROGRAMME,
            {
                "action": "add_entry",
                "pk": third.pk,
                f"e{third.pk}-subject_en": "Closing",
                f"e{third.pk}-position": "1",
            },
        ).status_code
        == 302
    )
    closing = ProgrammeEntry.objects.get(sitting=third, subject__en="Closing")
    assert closing.position == 0
    assert (
        staff.post(
            PROGRAMME,
            {
                "action": "move_entry",
                "pk": closing.pk,
                f"m{closing.pk}-sitting": str(third.pk),
                f"m{closing.pk}-position": "2",
            },
        ).status_code
        == 302
    )
    assert (
        staff.post(
            PROGRAMME,
            {
                "action": "change_sitting",
                "pk": third.pk,
                f"s{third.pk}-date": "2026-12-09",
                f"s{third.pk}-period": "afternoon",
            },
        ).status_code
        == 302
    )
    page = staff.get(PROGRAMME)
    assert [
        (r["sitting"].number, r["day"], r["time"], [(e["label"], e["text"]) for e in r["entries"]])
        for r in page.context["sittings"]
    ] == [
        (
            1,
            "Monday, 7 December 2026",
            "10.00–13.00",
            [("1", "Opening of the meeting"), ("2", "Adoption of the agenda")],
        ),
        (
            2,
            "Monday, 7 December 2026",
            "15.00–18.00",
            [("3", "General debate"), ("", "Informal meeting with non-governmental organizations")],
        ),
        (3, "Wednesday, 9 December 2026", "Afternoon", [("3", "General debate"), ("", "Closing")]),
    ]
    assert staff.post(PROGRAMME, {"action": "remove_entry", "pk": closing.pk}).status_code == 302
    assert staff.post(PROGRAMME, {"action": "remove_sitting", "pk": third.pk}).status_code == 302
    assert PlannedSitting.objects.filter(meeting=meeting).count() == 2
    ar = staff.get("/ar" + PROGRAMME).content.decode()
    assert "الاثنين، 7 كانون الأول/ديسمبر 2026" in ar and "إضافة جلسة" in ar


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"sitting-date": "2026-12-11", "sitting-period": "morning"},
            "BWC/MSP/2026: sitting: 11 December 2026 is not a day of BWC/MSP/2026 (7 December 2026 to 10 December 2026)",
        ),
        (
            {"sitting-date": "2026-12-07", "sitting-period": "morning"},
            "BWC/MSP/2026: sitting: BWC/MSP/2026 already has a sitting in the morning of 7 December 2026 (sitting 1)",
        ),
        (
            {
                "sitting-date": "2026-12-08",
                "sitting-period": "morning",
                "sitting-opens": "13:00",
                "sitting-closes": "10:00",
            },
            "BWC/MSP/2026: sitting: it closes (10:00) before it opens (13:00)",
        ),
        (
            {"sitting-date": "2026-12-08", "sitting-period": "night"},
            "Give the day and the period of the sitting.",
        ),
        (
            {"sitting-date": "tomorrow", "sitting-period": "morning"},
            "Give the day and the period of the sitting.",
        ),
    ],
)
def test_a_hostile_sitting_is_refused_on_the_page(staff, meeting, data, message):
    before = written(meeting)
    response = staff.post(PROGRAMME, {"action": "add_sitting", **data})
    assert response.status_code == 400
    assert errors(response) == [message]
    assert written(meeting) == before


def test_an_entry_pointing_at_another_meetings_item_is_refused(staff, meeting):
    sitting = PlannedSitting.objects.get(meeting=meeting, number=1)
    other = AgendaItem.objects.get(meeting__series="BWC/MSP/2017", number=5, parent=None)
    before = written(meeting)
    response = staff.post(
        PROGRAMME, {"action": "add_entry", "pk": sitting.pk, f"e{sitting.pk}-agenda_item": str(other.pk)}
    )
    assert response.status_code == 400
    assert errors(response) == [
        "BWC/MSP/2026: sitting 1: item 5 of BWC/MSP/2017 is not on the agenda of BWC/MSP/2026"
    ]
    assert written(meeting) == before
    theirs = PlannedSitting.objects.create(
        meeting=other.meeting, number=1, date=dt.date(2017, 12, 4), period="morning"
    )
    assert (
        staff.post(
            PROGRAMME, {"action": "add_entry", "pk": theirs.pk, f"e{theirs.pk}-subject_en": "x"}
        ).status_code
        == 404
    )
    assert staff.post(PROGRAMME, {"action": "remove_sitting", "pk": theirs.pk}).status_code == 404


def test_the_programme_is_issued_as_2_from_its_page(staff, meeting, fast_pdf):
    response = staff.post(
        PROGRAMME, {"action": "issue", "issue-on": "2026-09-01", "issue-original_language": "fr"}
    )
    assert response.status_code == 302
    document = Document.objects.get(symbol="BWC/MSP/2026/2")
    assert (document.generated, document.original_language, document.issued_files.count()) == (
        "programme",
        "fr",
        24,
    )
    with document.issued_files.get(lang="es", fmt="txt").file.open("rb") as handle:
        text = handle.read().decode()
    assert (
        "Original: francés\n" in text
        and "Lunes 7 de diciembre de 2026 | 10.00 a 13.00 | 1 | Apertura de la Reunión\n" in text
    )


# -- papers and decisions carry their agenda item --------------------------------------------------


def test_the_decision_form_offers_the_meetings_items_and_files_the_decision(staff, meeting):
    url = "/office/meetings/BWC/MSP/2026/decisions/"
    form = staff.get(url).context["decision_form"]
    assert [label for _value, label in form.fields["agenda_item"].widget.choices][:3] == [
        "(none)",
        "1. Opening of the meeting",
        "2. Adoption of the agenda",
    ]
    sub = meeting.agenda.get(parent__number=3, number=1)
    data = {
        "form": "decision",
        "decision-key": "dates",
        "decision-original_language": "en",
        "decision-text_en": "Agreed.",
        "decision-method": "consensus",
    }
    assert staff.post(url, {**data, "decision-agenda_item": str(sub.pk)}).status_code == 302
    decision = Decision.objects.get(meeting=meeting, key="dates")
    assert decision.agenda_item == sub
    assert (
        AuditEntry.objects.get(action="decision.record", object_id=str(decision.pk)).after["agenda_item"]
        == "3 (a)"
    )
    other = AgendaItem.objects.get(meeting__series="BWC/MSP/2017", number=5, parent=None)
    response = staff.post(url, {**data, "decision-key": "other", "decision-agenda_item": str(other.pk)})
    assert response.status_code == 422
    assert response.context["decision_form"].non_field_errors() == [
        "BWC/MSP/2026: decision 'other': item 5 of BWC/MSP/2017 is not on the agenda of BWC/MSP/2026"
    ]
    assert not Decision.objects.filter(meeting=meeting, key="other").exists()


def test_a_working_paper_carries_its_agenda_item_to_its_document(db, meeting, people, client, monkeypatch):
    from plenary.core import clock
    from plenary.documents import domain as docs
    from plenary.participation.domain import register_delegation
    from plenary.treaties.models import State
    from tests.portal.conftest import pdf_upload

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 11, 15))  # before the meeting: it is open
    france = register_delegation(
        meeting,
        state=State.objects.get(code="FRA"),
        members=[{"name": "A. Delegate", "role": "head"}],
        by=ISU,
    )
    client.force_login(people["fra_fp"])
    debate = meeting.agenda.get(number=3, parent=None)
    form = client.get(f"/portal/delegations/{france.pk}/papers/new/")
    choices = [c[1] for c in form.context["form"].fields["agenda_item"].choices]
    assert choices == [
        "---------",
        "1. Opening of the meeting",
        "2. Adoption of the agenda",
        "3. General debate",
        "3 (a). Statements by States Parties",
        "3 (b). Statements by observers",
    ]
    from django.urls import reverse

    url = reverse("portal:new_paper", args=[france.pk])
    other = AgendaItem.objects.get(meeting__series="BWC/MSP/2017", number=5, parent=None)
    refused = client.post(
        url, {"original_language": "en", "title_en": "Article X", "agenda_item": str(other.pk)}
    )
    assert refused.status_code == 200 and not WorkingPaper.objects.filter(meeting=meeting).exists()
    assert refused.context["form"].errors == {
        "agenda_item": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert (
        client.post(
            url, {"original_language": "en", "title_en": "Article X", "agenda_item": str(debate.pk)}
        ).status_code
        == 302
    )
    paper = WorkingPaper.objects.get(meeting=meeting)
    assert paper.agenda_item == debate
    with pytest.raises(Exception, match="item 5 of BWC/MSP/2017 is not on the agenda of BWC/MSP/2026"):
        docs.update_working_paper(
            paper,
            by=people.actor("fra_fp"),
            title={"en": "Article X"},
            original_language="en",
            agenda_item=other,
        )
    docs.add_paper_file(paper, by=people.actor("fra_fp"), lang="en", upload=pdf_upload())
    docs.submit_working_paper(paper, by=people.actor("fra_fp"))
    document = docs.issue_working_paper(paper, by=ISU)
    assert (document.symbol, document.agenda_item) == ("BWC/MSP/2026/WP.1", debate)


def test_the_public_page_shows_the_agenda_and_the_programme_in_chinese_and_arabic(client, meeting):
    zh = client.get("/zh-hans/meetings/BWC/MSP/2026/")
    assert [
        (r["number"], r["title"].text, [(s["label"], s["title"].text) for s in r["sub_items"]])
        for r in zh.context["agenda"]
    ] == [
        (1, "会议开幕", []),
        (2, "通过议程", []),
        (3, "一般性辩论", [("(a)", "缔约国的发言"), ("(b)", "观察员的发言")]),
    ]
    assert [
        (
            d["heading"],
            [(s["time"], [(e["label"], e["text"].text) for e in s["entries"]]) for s in d["sittings"]],
        )
        for d in zh.context["programme"]
    ] == [
        (
            "2026年12月7日星期一",
            [
                ("10:00至13:00", [("1", "会议开幕"), ("2", "通过议程")]),
                ("15:00至18:00", [("3", "一般性辩论"), ("", "与非政府组织的非正式会议")]),
            ],
        ),
    ]
    html = zh.content.decode()
    assert '<h3 id="programme-of-work">工作方案</h3>' in html and "议程项目 1" in html
    ar = client.get("/ar/meetings/BWC/MSP/2026/").content.decode()
    assert '<span class="label">(أ)</span> <span>بيانات الدول الأطراف</span>' in ar
    assert "<h4>الاثنين، 7 كانون الأول/ديسمبر 2026</h4>" in ar and "البند 3" in ar


def test_what_keeps_the_agenda_from_being_issued_reads_in_the_pages_language(staff, meeting):
    debate = meeting.agenda.get(number=3, parent=None)
    from plenary.meetings import agenda as A

    A.edit_agenda_item(debate, title={"en": "General debate", "zh": "一般性辩论"}, by=ISU)
    html = staff.get("/fr/office" + AGENDA.removeprefix("/office")).content.decode()
    assert "<li>le point 3 n’a pas de titre dans ces langues : Arabe, Français, Russe, Espagnol</li>" in html
    html = staff.get("/ar/office" + AGENDA.removeprefix("/office")).content.decode()
    assert "<li>البند 3 ليس له عنوان باللغات التالية: العربية، الفرنسية، الروسية، الإسبانية</li>" in html
    assert "has no title" not in staff.get("/ar/office" + AGENDA.removeprefix("/office")).content.decode()
