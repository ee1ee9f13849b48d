"""The `plenary` command, as a user runs it: output, exit status, and messages for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plenary.cli import main
from plenary.core.actor import Actor
from tests.meetings.test_programme import PROGRAMME_2018

CLI_TEST = Actor.system("test")


def run(capsys, *argv):
    """Run the CLI in-process; return (exit status, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


# --- status ---


def test_status_json_on_the_day_the_2017_meeting_opened(capsys, db):
    code, out, _ = run(capsys, "status", "--treaty", "BWC", "--on", "2017-12-04", "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data) == ["date", "states_parties", "signatories", "neither"]
    assert data["date"] == "2017-12-04"
    assert len(data["states_parties"]) == 179
    assert data["states_parties"] == sorted(data["states_parties"])
    assert {"SYR", "TZA"} <= set(data["signatories"])
    assert {"ISR", "NAM"} <= set(data["neither"])
    assert len(data["states_parties"]) + len(data["signatories"]) + len(data["neither"]) == 197


def test_status_text_lists_states_by_name_in_the_language_asked(capsys, db):
    code, out, _ = run(capsys, "status", "--on", "2017-12-04", "--lang", "zh")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "BWC on 2017-12-04: 179 States Parties, 6 signatories, 12 neither (197 States)"
    assert "  SWZ  斯威士兰" in lines
    assert "  SYR  阿拉伯叙利亚共和国" in lines[lines.index("Signatories (6):") :]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["status", "--on", "2017-13-04"],
            "argument --on: '2017-13-04' is not a date: write it as YYYY-MM-DD, e.g. 2017-12-04",
        ),
        (["status", "--treaty", "XYZ"], "plenary: error: unknown treaty 'XYZ' (known: BWC)"),
        (
            ["status", "--lang", "de"],
            "plenary: error: unknown language 'de': use one of ar, zh, en, fr, ru, es",
        ),
    ],
)
def test_status_bad_input_exits_2_with_a_message(capsys, db, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


# --- programme ---


def test_programme_plan_json_is_the_seed_table(capsys):
    from tests.meetings.test_rotation import SEED_TABLE

    code, out, _ = run(
        capsys, "programme", "plan", "--treaty", "BWC", "--from", "2018", "--to", "2020", "--json"
    )
    assert code == 0
    assert json.loads(out) == SEED_TABLE


def test_programme_plan_table(capsys):
    code, out, _ = run(capsys, "programme", "plan", "--from", "2021")
    assert code == 0
    rows = [line for line in out.splitlines() if "2021" in line and "│" in line]
    assert [cell.strip() for cell in rows[0].split("│")[1:-1]] == [
        "2021",
        "EEG",
        "NAM",
        "NAM",
        "WG",
        "WG",
        "EEG",
    ]


def test_programme_check_passes_a_good_file_and_fails_a_bad_one(capsys, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(PROGRAMME_2018), encoding="utf-8")
    code, out, _ = run(capsys, "programme", "check", str(good))
    assert (code, out) == (0, f"{good}: keeps every BWC programme rule (1 year(s) checked)\n")

    bad = tmp_path / "bad.json"
    proposal = json.loads(json.dumps(PROGRAMME_2018))
    proposal["years"][0]["meetings"][0]["chair_group"] = "WG"
    bad.write_text(json.dumps(proposal), encoding="utf-8")
    code, out, _ = run(capsys, "programme", "check", str(bad))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}: 1 violation(s) of the BWC programme rules",
        "  years[0].meetings[0] (2018 MX1): chaired by WG; the rotation gives NAM for 2018",
        "      rule chair-rotation: each meeting is chaired by the group that the rotation rule gives",
    ]
    code, out, _ = run(capsys, "programme", "check", str(bad), "--json")
    assert code == 1
    assert json.loads(out)["violations"] == [
        {
            "rule": "chair-rotation",
            "where": "years[0].meetings[0] (2018 MX1)",
            "message": "chaired by WG; the rotation gives NAM for 2018",
        }
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.yaml", "missing.yaml: no such file"),
        ("years: [unclosed", "broken.yaml", "broken.yaml: not valid YAML"),
        ('{"years": ', "broken.json", "broken.json: not valid JSON"),
    ],
)
def test_programme_check_unreadable_files_exit_2(capsys, tmp_path, content, name, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "programme", "check", str(path))
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_programme_plan_bad_years_exit_2(capsys):
    code, _, err = run(capsys, "programme", "plan", "--from", "2020", "--to", "2018")
    assert code == 2
    assert err == "plenary: error: the span 2020-2018 is empty: the last year comes before the first\n"
    code, _, err = run(capsys, "programme", "plan", "--from", "twenty")
    assert code == 2
    assert "'twenty' is not a year between 1900 and 2200" in err


# --- symbols ---


def test_symbol_parse_json(capsys):
    code, out, _ = run(capsys, "symbol", "parse", "BWC/MSP/2017/WP.13/Corr.1", "--json")
    assert code == 0
    assert json.loads(out) == {
        "symbol": "BWC/MSP/2017/WP.13/Corr.1",
        "series": "BWC/MSP/2017",
        "type": "WP",
        "number": 13,
        "modifiers": [{"kind": "Corr", "number": 1}],
        "reissue": False,
        "parent": "BWC/MSP/2017/WP.13",
    }


def test_symbol_parse_text(capsys):
    code, out, _ = run(capsys, "symbol", "parse", "BWC/MSP/2017/3/Add.1")
    assert code == 0
    assert out.splitlines() == [
        "symbol:    BWC/MSP/2017/3/Add.1",
        "series:    BWC/MSP/2017",
        "type:      (numbered document)",
        "number:    3",
        "modifiers: Add.1",
        "reissue:   no",
        "parent:    BWC/MSP/2017/3",
    ]


def test_a_malformed_symbol_exits_2_saying_which_part_is_wrong(capsys):
    code, out, err = run(capsys, "symbol", "parse", "BWC/MSP/2017/WP.13/Corr.0")
    assert code == 2
    assert out == ""
    assert err.startswith("plenary: error: 'BWC/MSP/2017/WP.13/Corr.0' is not a valid document symbol: ")
    assert "Corr.0" in err
    assert "Traceback" not in err


# --- the installed command ---


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["serve"],
        ["demo"],
        ["status"],
        ["programme"],
        ["programme", "plan"],
        ["programme", "check"],
        ["symbol"],
        ["symbol", "parse"],
        ["manage"],
    ],
)
def test_every_command_has_help(capsys, argv):
    code, out, _ = run(capsys, *argv, "--help")
    assert code == 0
    assert out.startswith("usage: plenary")


def test_the_console_script_works_on_a_fresh_database(tmp_path):
    """`plenary status` on an empty SQLite database migrates and loads the reference data itself."""
    env = {
        **os.environ,
        "PLENARY_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    script = Path(sys.executable).with_name("plenary")
    result = subprocess.run(
        [str(script), "status", "--on", "2017-12-08", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["states_parties"]) == 179
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    again = subprocess.run([str(script), "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "demo data loaded: 21 meetings; 35 record(s) changed\n"
    twice = subprocess.run([str(script), "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert twice.stdout == "demo data loaded: 21 meetings; 0 record(s) changed\n"


# --- reports ---


def stored(lang: str, fmt: str) -> bytes:
    from plenary.documents.models import IssuedFile

    with IssuedFile.objects.get(document__symbol="BWC/MSP/2017/6", lang=lang, fmt=fmt).file.open(
        "rb"
    ) as handle:
        return handle.read()


def test_report_txt_to_standard_output(capsysbinary, db):
    try:
        code = main(["report", "BWC/MSP/2017/6", "--lang", "zh", "--format", "txt"])
    except SystemExit as exc:
        code = exc.code
    out = capsysbinary.readouterr().out
    assert code == 0
    assert out == stored("zh", "txt")  # the issued report, byte for byte
    text = out.decode("utf-8")
    assert text.splitlines()[:3] == ["BWC/MSP/2017/6", "普遍分发", "原文：英文"]
    assert "\n7. 下列 116 个《公约》缔约国参加了缔约国会议：阿富汗、" in text


def test_report_pdf_and_docx_to_files_are_the_stored_ones(capsys, db, tmp_path):
    from plenary.meetings.models import Meeting
    from plenary.participation.domain import register_delegation
    from plenary.treaties.models import State

    # A late registration changes the records, not the issued report.
    register_delegation(
        Meeting.objects.get(series="BWC/MSP/2017"), state=State.objects.get(code="DNK"), by=CLI_TEST
    )
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("txt", b"BWC/MSP/2017/6")):
        path = tmp_path / f"BWC_MSP_2017_6-AR.{fmt}"
        code, out, _ = run(
            capsys, "report", "BWC/MSP/2017/6", "--lang", "ar", "--format", fmt, "-o", str(path)
        )
        assert (code, out) == (0, "")
        assert path.read_bytes().startswith(magic)
        assert path.read_bytes() == stored("ar", fmt)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "BWC/MSP/2099/6"], "plenary: error: no report is recorded under 'BWC/MSP/2099/6'"),
        (["report", "BWC/MSP/2017/6", "--lang", "de"], "argument --lang: invalid choice: 'de'"),
        (["report", "BWC/MSP/2017/6", "--format", "odt"], "argument --format: invalid choice: 'odt'"),
    ],
)
def test_report_bad_input_exits_2(capsys, db, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
