"""`plenary programme plan` and `programme check` with programme shapes: --shape, or the shape in
force for the year."""

from __future__ import annotations

import json

import yaml

from tests.meetings.test_programme import PROGRAMME_2018
from tests.meetings.test_shapes import YEAR_2024
from tests.test_cli import run

SHAPES = "intersessional-2018-2020 (2018-2022), working-group (from 2023)"


def test_plan_in_the_shape_in_force(capsys):
    code, out, _ = run(capsys, "programme", "plan", "--from", "2027", "--to", "2028")
    assert (code, out) == (
        0,
        "BWC working-group, the Working Group years (Working Group sessions, then the MSP): the profile "
        "gives no chair rotation for its meetings; their officers are elected\n",
    )
    code, out, _ = run(capsys, "programme", "plan", "--from", "2027", "--json")
    assert (code, json.loads(out)) == (0, [{"year": 2027, "chairs": {}}])


def test_plan_in_a_shape_given(capsys):
    code, out, _ = run(
        capsys, "programme", "plan", "--shape", "intersessional-2018-2020", "--from", "2027", "--json"
    )
    assert (code, json.loads(out)) == (
        0,
        [
            {
                "year": 2027,
                "chairs": {"MSP": "EEG", "MX1": "NAM", "MX2": "NAM", "MX3": "WG", "MX4": "WG", "MX5": "EEG"},
            }
        ],
    )


def test_a_span_over_two_shapes_or_an_unknown_shape_exits_2(capsys):
    code, _, err = run(capsys, "programme", "plan", "--from", "2022", "--to", "2023")
    assert (code, err) == (
        2,
        f"plenary: error: 2022-2023 spans two programme shapes ({SHAPES}): give --shape, or a span in one of them\n",
    )
    code, _, err = run(capsys, "programme", "plan", "--shape", "annual", "--from", "2027")
    assert (code, err) == (2, f"plenary: error: unknown programme shape 'annual' (known: {SHAPES})\n")
    code, _, err = run(capsys, "programme", "plan", "--from", "2010")
    assert (code, err) == (2, f"plenary: error: no programme shape is in force in 2010 (shapes: {SHAPES})\n")


def test_check_each_year_in_its_shape(capsys, tmp_path):
    both = tmp_path / "both.yaml"
    both.write_text(yaml.safe_dump({"years": PROGRAMME_2018["years"] + YEAR_2024["years"]}), encoding="utf-8")
    code, out, _ = run(capsys, "programme", "check", str(both))
    assert (code, out) == (0, f"{both}: keeps every BWC programme rule (2 year(s) checked)\n")
    code, out, _ = run(capsys, "programme", "check", str(both), "--shape", "working-group", "--json")
    assert code == 1
    assert [v["message"] for v in json.loads(out)["violations"]] == [
        *[f"MX{n} is not a meeting of the programme (known: WG, MSP)" for n in range(1, 6)],
        "missing WG",
        "lasts 4 days (4–7 December 2018); MSP has 3",
    ]


def test_check_in_the_files_shape(capsys, tmp_path):
    path = tmp_path / "wg.yaml"
    late_msp = json.loads(json.dumps(YEAR_2024))
    late_msp["shape"] = "working-group"
    late_msp["years"][0]["meetings"][2] |= {"start": "2024-12-12", "end": "2024-12-16"}
    path.write_text(yaml.safe_dump(late_msp), encoding="utf-8")
    code, out, _ = run(capsys, "programme", "check", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}: 2 violation(s) of the BWC programme rules",
        "  The Meeting of States Parties 2024: opens 12 December 2024, but WG5 closes 13 December 2024: the Meeting of "
        "States Parties opens after the year's other meetings",
        "      rule msp-last: the Meeting of States Parties opens after the year's other meetings have closed; "
        "in the file: years[0].meetings[2] (2024 MSP)",
        "  The Meeting of States Parties 2024: opens 12 December 2024, while WG5 sits (2–13 December 2024)",
        "      rule overlap: no two meetings of a year sit on the same day; in the file: years[0].meetings[2] (2024 MSP)",
    ]
