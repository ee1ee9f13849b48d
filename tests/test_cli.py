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
from tests.helpers import tiny_pdf
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


def test_programme_check_and_plan_run_as_a_command_in_a_fresh_process(tmp_path):
    # As a person runs them: no Django settings in the environment (the checks' words are
    # translatable messages, which need them; the command sets them up).
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(PLENARY_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'p.sqlite3'}")
    script = Path(sys.executable).with_name("plenary")
    bad = tmp_path / "bad.yaml"
    proposal = json.loads(json.dumps(PROGRAMME_2018))
    proposal["years"][0]["meetings"][0]["chair_group"] = "WG"
    bad.write_text(yaml.safe_dump(proposal), encoding="utf-8")
    result = subprocess.run(
        [str(script), "programme", "check", str(bad)], env=env, capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines()[1:] == [
        "  The Meeting of Experts MX1 of 2018: chaired by WG; the rotation gives NAM for 2018",
        "      rule chair-rotation: each meeting is chaired by the group that the rotation rule gives; "
        "in the file: years[0].meetings[0] (2018 MX1)",
    ]
    plan = subprocess.run(
        [str(script), "programme", "plan", "--from", "2018"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (plan.returncode, plan.stderr) == (0, "")
    assert "2018" in plan.stdout


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
        "  The Meeting of Experts MX1 of 2018: chaired by WG; the rotation gives NAM for 2018",
        "      rule chair-rotation: each meeting is chaired by the group that the rotation rule gives; "
        "in the file: years[0].meetings[0] (2018 MX1)",
    ]
    code, out, _ = run(capsys, "programme", "check", str(bad), "--json")
    assert code == 1
    assert json.loads(out)["violations"] == [
        {
            "rule": "chair-rotation",
            "where": "years[0].meetings[0] (2018 MX1)",
            "subject": "the Meeting of Experts MX1 of 2018",
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
        ["record", "export"],
        ["record", "load"],
        ["record", "seal"],
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
    # 141 records of the meetings and their documents (the 2020 MX4 Chair is one more), and the 5 years of
    # the CBM history.
    assert again.stdout == "demo data loaded: 39 meetings; 146 record(s) changed\n"
    twice = subprocess.run([str(script), "demo"], env=env, capture_output=True, text=True, timeout=300)
    assert twice.stdout == "demo data loaded: 39 meetings; 0 record(s) changed\n"


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


# --- meeting records ---


def export_2017(capsys, tmp_path) -> Path:
    path = tmp_path / "msp2017.yaml"
    code, _, _ = run(capsys, "record", "export", "BWC/MSP/2017", "-o", str(path))
    assert code == 0
    return path


def load_file(capsys, path, *flags):
    code, out, err = run(capsys, "record", "load", str(path), *flags)
    progress = [line for line in err.splitlines() if line.startswith("· ")]
    return code, out, [line for line in err.splitlines() if line not in progress]


def edited(tmp_path, path: Path, edit, *, sealed: bool, name: str = "edited.yaml") -> Path:
    from plenary.records.exporter import dump_yaml
    from plenary.records.seal import seal

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = {k: v for k, v in data.items() if k not in ("sealed", "end")}
    edit(record)
    out = tmp_path / name
    out.write_text(dump_yaml(seal(record) if sealed else record), encoding="utf-8")
    return out


def test_an_export_is_sealed(capsys, db, tmp_path):
    from plenary.records.seal import seal_problems

    path = export_2017(capsys, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "format: plenary/meeting-record@1\nsealed: true\nmeeting:\n  series: BWC/MSP/2017\n"
    )
    data = yaml.safe_load(text)
    assert list(data)[-1] == "end"
    assert data["end"]["counts"] == {
        "officers": 3,
        "secretariat": 3,
        "agenda": 10,
        "sittings": 6,
        "delegations": 133,
        "attendance_tallies": 1,
        "documents": 36,
        "statements": 91,
        "decisions": 5,
        "reservations": 1,
        "report": 1,
    }
    assert seal_problems(data) == []
    assert load_file(capsys, path) == (
        0,
        "BWC/MSP/2017: unchanged (the database already holds this record)\n",
        [],
    )


def test_the_first_1000_bytes_of_an_export_load_nothing(capsys, db, tmp_path):
    from tests.helpers import COUNTS_2017, meeting_counts

    cut = tmp_path / "cut.yaml"
    cut.write_bytes(export_2017(capsys, tmp_path).read_bytes()[:1000])
    assert load_file(capsys, cut) == (
        2,
        "",
        [
            f"plenary: error: {cut}: the file was cut short: it says `sealed: true` but does not end with "
            "its trailer `end` (nothing was loaded)"
        ],
    )
    assert meeting_counts("BWC/MSP/2017") == COUNTS_2017


def test_a_file_cut_inside_the_report_texts_loads_nothing(capsys, db, tmp_path):
    from plenary.reports.builder import build_report
    from tests.helpers import COUNTS_2017, meeting_counts

    text = export_2017(capsys, tmp_path).read_text(encoding="utf-8")
    # Inside the English text of the report's paragraph 2, after its first 30 characters.
    at = text.index("  texts:\n")
    at = text.index("      en: ", text.index("\n    '2':\n", at)) + len("      en: ") + 30
    cut = tmp_path / "cut.yaml"
    cut.write_text(text[:at], encoding="utf-8")
    code, out, err = load_file(capsys, cut)
    assert (code, out) == (2, "")
    assert err == [
        f"plenary: error: {cut}: the file was cut short: it says `sealed: true` but does not end with "
        "its trailer `end` (nothing was loaded)"
    ]
    # The same cut in a file without the seal: the text it cuts is the issued report's.
    unsealed = tmp_path / "unsealed.yaml"
    unsealed.write_text(text[:at].replace("sealed: true\n", "", 1), encoding="utf-8")
    assert load_file(capsys, unsealed) == (
        2,
        "",
        [
            f"plenary: error: {unsealed}: report: the report of BWC/MSP/2017 is issued: its texts cannot "
            "change (nothing was loaded)"
        ],
    )
    assert meeting_counts("BWC/MSP/2017") == COUNTS_2017
    assert build_report("BWC/MSP/2017/6", "en").sections


def _wp9(record):
    return next(d for d in record["documents"] if d["symbol"] == "BWC/MSP/2017/WP.9")


@pytest.mark.parametrize("sealed", [False, True], ids=["hand-written", "sealed again"])
@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda r: _wp9(r)["title"].update(en="Something else"),
            "documents[19] (BWC/MSP/2017/WP.9): BWC/MSP/2017/WP.9 is issued: its title cannot change "
            "(a correction comes as a Corr. or Rev.)",
        ),
        (
            lambda r: _wp9(r).update(co_sponsors=["USA"]),
            "documents[19] (BWC/MSP/2017/WP.9): BWC/MSP/2017/WP.9 is issued: its co-sponsors cannot change "
            "(a correction comes as a Corr. or Rev.)",
        ),
        (
            lambda r: r["decisions"][0]["text"].update(en="Nothing."),
            "decisions[0] (agenda): BWC/MSP/2017: decision 'agenda' was taken on 4 December 2017: its text cannot change",
        ),
        (
            lambda r: r["report"]["texts"]["2"].update(en="Rewritten."),
            "report: the report of BWC/MSP/2017 is issued: its texts cannot change",
        ),
        (
            lambda r: r["report"].update(status="draft"),
            "report: the report of BWC/MSP/2017 is issued: it cannot go back to draft",
        ),
    ],
    ids=["WP.9 title", "WP.9 co-sponsors", "decision text", "report text", "report to draft"],
)
def test_a_load_that_edits_issued_material_exits_2(capsys, db, tmp_path, edit, problem, sealed):
    from plenary.records.exporter import export_record

    before = export_record("BWC/MSP/2017")
    path = edited(tmp_path, export_2017(capsys, tmp_path), edit, sealed=sealed)
    assert load_file(capsys, path) == (2, "", [f"plenary: error: {path}: {problem} (nothing was loaded)"])
    assert export_record("BWC/MSP/2017") == before


def test_replace_prints_the_plan_and_changes_nothing_without_yes(capsys, db, tmp_path):
    from plenary.records.exporter import export_record

    def edit(record):
        record["meeting"]["venue"] = "Geneva"
        record["delegations"] = [d for d in record["delegations"] if d.get("organization") != "WHO"]
        del record["statements"][-1]

    original = export_2017(capsys, tmp_path)
    path = edited(tmp_path, original, edit, sealed=True)
    before = export_record("BWC/MSP/2017")
    plan = [
        "  change  meeting BWC/MSP/2017 (venue)",
        "  remove  delegations WHO",
        "  remove  statements[90]",
    ]
    code, out, err = load_file(capsys, path, "--replace")
    assert (code, err) == (0, [])
    assert out.splitlines() == [
        *plan,
        "BWC/MSP/2017: would add 0, would change 1, would remove 2",
        "nothing was changed: run again with --yes to make the file the whole record of the meeting",
    ]
    assert export_record("BWC/MSP/2017") == before

    code, out, err = load_file(capsys, path, "--replace", "--yes")
    assert (code, err) == (0, [])
    assert out.splitlines() == [*plan, "BWC/MSP/2017: added 0, changed 1, removed 2"]
    after = export_record("BWC/MSP/2017")
    assert (after["meeting"]["venue"], len(after["delegations"]), len(after["statements"])) == (
        "Geneva",
        132,
        90,
    )

    # A plain load of the export puts back what --replace removed, and removes nothing.
    assert load_file(capsys, original) == (0, "BWC/MSP/2017: loaded (2 added, 1 changed)\n", [])
    assert export_record("BWC/MSP/2017") == before


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            ["--replace"],
            "(top): only a sealed record (an export, with `sealed: true` and its trailer `end`) replaces a "
            "meeting's record: a file without its trailer may have been cut short. Seal an edited export "
            "with `plenary record seal` (nothing was loaded)",
        ),
    ],
)
def test_replace_refuses_a_file_without_its_seal(capsys, db, tmp_path, flags, message):
    path = edited(tmp_path, export_2017(capsys, tmp_path), lambda r: None, sealed=False)
    assert load_file(capsys, path, *flags) == (2, "", [f"plenary: error: {path}: {message}"])
    code, _, err = run(capsys, "record", "load", str(path), "--yes")
    assert (code, err) == (
        2,
        "plenary: error: --yes confirms --replace; a plain load needs no confirmation\n",
    )


def test_record_seal_gives_an_edited_export_a_new_trailer(capsys, db, tmp_path):
    def edit(record):
        record["meeting"]["venue"] = "Geneva"

    changed = edited(tmp_path, export_2017(capsys, tmp_path), edit, sealed=False)
    sealed = tmp_path / "sealed.yaml"
    code, out, err = run(capsys, "record", "seal", str(changed), "-o", str(sealed))
    assert (code, out) == (0, "")
    assert err.splitlines()[-1] == "· sealed: 290 entries"
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: plenary/meeting-record@1\nmeeting: {series: X}\n", encoding="utf-8")
    code, out, err = run(capsys, "record", "seal", str(bad))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "  meeting: 'end' is a required property",
        "  meeting: 'kind' is a required property",
        "  meeting: 'start' is a required property",
        "  meeting: 'treaty' is a required property",
        "  meeting: 'year' is a required property",
        "  meeting.series: 'X' is too short",
        f"plenary: error: {bad}: 6 problems (above); nothing was written",
    ]
    code, out, _ = load_file(capsys, sealed, "--replace", "--yes")
    assert (code, out) == (
        0,
        "  change  meeting BWC/MSP/2017 (venue)\nBWC/MSP/2017: added 0, changed 1, removed 0\n",
    )


def test_a_venue_change_keeps_the_floor_requests_and_files(capsys, db, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.core.actor import Actor
    from plenary.documents.domain import add_language_version
    from plenary.documents.models import Document, LanguageVersion
    from plenary.participation.models import Delegation
    from plenary.proceedings.domain import request_floor
    from plenary.proceedings.models import FloorRequest

    settings.MEDIA_ROOT = tmp_path / "media"
    isu = Actor.system("test")
    floor = request_floor(Delegation.objects.get(meeting__series="BWC/MSP/2017", state__code="FRA"), by=isu)
    upload = SimpleUploadedFile("wp2.pdf", tiny_pdf(), content_type="application/pdf")
    version = add_language_version(
        Document.objects.get(symbol="BWC/MSP/2017/WP.2"), lang="en", upload=upload, by=isu
    )

    def edit(record):
        record["meeting"]["venue"] = "Palais Wilson, Geneva"

    for sealed in (False, True):
        path = edited(
            tmp_path, export_2017(capsys, tmp_path), edit, sealed=sealed, name=f"venue-{sealed}.yaml"
        )
        flags = ["--replace", "--yes"] if sealed else []
        code, _, err = load_file(capsys, path, *flags)
        assert (code, err) == (0, [])
        assert list(
            FloorRequest.objects.filter(meeting__series="BWC/MSP/2017").values_list("pk", "status")
        ) == [(floor.pk, "waiting")]
        assert LanguageVersion.objects.get(pk=version.pk).file.name == version.file.name


def test_a_billion_laughs_is_refused_at_once(tmp_path):
    """In a child process with 2 GB of memory and a minute: an expanding loader would use up both."""
    import resource

    from tests.core.test_jsondata import BILLION_LAUGHS

    path = tmp_path / "laughs.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    env = {
        **os.environ,
        "PLENARY_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'l.sqlite3'}",
    }
    script = Path(sys.executable).with_name("plenary")
    result = subprocess.run(
        [str(script), "record", "load", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        f"plenary: error: {path}: its aliases expand 30 nodes into 490,329,066; at most 10,030 are read "
        "(a 'billion laughs' file?)\n",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.yaml", b"", "is empty"),
        ("junk.yaml", bytes(range(128, 256)) * 4, "is not UTF-8 text (byte 0 is 0x80): is it a binary file?"),
        (
            "png.yaml",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
            "is not UTF-8 text (byte 0 is 0x89): is it a binary file?",
        ),
        (
            "truncated.yaml",
            b"format: plenary/meeting-record@1\nmeeting: {series: BWC/MSP/2017, treaty: [BWC",
            ("not valid YAML (line 2, column 45): expected ',' or ']', but got '<stream end>'"),
        ),
        (
            "list.yaml",
            b"- format\n- meeting\n",
            ("(top): a meeting record is a mapping (format, meeting, ...), not a list (nothing was loaded)"),
        ),
        (
            "types.yaml",
            (
                b"format: plenary/meeting-record@1\nmeeting: {series: BWC/MSP/2017, treaty: BWC, kind: MSP,\n"
                b"  year: 2017, start: 2017-12-04, end: 2017-12-08, days: five}\n"
            ),
            "meeting.days: 'five' is not of type 'integer' (nothing was loaded)",
        ),
        (
            "state.yaml",
            (
                b"format: plenary/meeting-record@1\nmeeting: {series: BWC/MSP/2017, treaty: BWC, kind: MSP,\n"
                b"  year: 2017, start: 2017-12-04, end: 2017-12-08}\ndelegations: [{state: XYZ}]\n"
            ),
            "delegations[0].state: unknown code 'XYZ' (nothing was loaded)",
        ),
        (
            "symbol.yaml",
            (
                b"format: plenary/meeting-record@1\nmeeting: {series: BWC/MSP/2017, treaty: BWC, kind: MSP,\n"
                b"  year: 2017, start: 2017-12-04, end: 2017-12-08}\ndocuments: [{symbol: BWC/MSP/2017/WP."
                + b"1" * 100
                + b", title: {en: x}}]\n"
            ),
            "documents[0].symbol: 116 characters is too long (at most 100) (nothing was loaded)",
        ),
        (
            "range.yaml",
            (
                b"format: plenary/meeting-record@1\nmeeting: {series: BWC/MSP/2017, treaty: BWC, kind: MSP,\n"
                b"  year: 2017, start: 2017-12-04, end: 2017-12-08}\nattendance_tallies: [{category: ngo, count: -36}]\n"
            ),
            "attendance_tallies[0].count: -36 is less than the minimum of 1 (nothing was loaded)",
        ),
    ],
)
def test_bad_record_files_exit_2_with_one_line(capsys, db, tmp_path, name, content, message):
    from tests.helpers import COUNTS_2017, meeting_counts

    path = tmp_path / name
    path.write_bytes(content)
    assert load_file(capsys, path) == (2, "", [f"plenary: error: {path}: {message}"])
    assert meeting_counts("BWC/MSP/2017") == COUNTS_2017


def test_a_directory_and_a_file_too_large_exit_2(capsys, db, tmp_path, monkeypatch):
    from plenary.core import jsondata

    assert load_file(capsys, tmp_path) == (2, "", [f"plenary: error: {tmp_path}: is a directory, not a file"])
    monkeypatch.setattr(jsondata, "MAX_FILE_BYTES", 100_000)
    path = export_2017(capsys, tmp_path)
    assert load_file(capsys, path) == (
        2,
        "",
        [f"plenary: error: {path}: is larger than 100,000 bytes, the most a data file may hold"],
    )
