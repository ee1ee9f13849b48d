"""The CBM forms' rules: Form 0, the fields of each form, and a report's completeness."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.cbm.forms import (
    FORMS,
    MEASURES,
    Declaration,
    FormError,
    check_declaration,
    check_entry,
    completeness,
)


def test_form_zero_has_the_nine_rows_in_order_and_every_form_a_row():
    assert list(MEASURES) == ["A1", "A2i", "A2ii", "A2iii", "B", "C", "E", "F", "G"]
    assert {f.measure for f in FORMS.values()} == set(MEASURES)
    assert [code for code, f in FORMS.items() if f.repeats] == ["A1i", "A2ii", "A2iii", "B", "G"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (Declaration("D", "nothing"), "Form 0 has no row 'D'"),
        (Declaration("B", "both"), "the answer is one of"),
        (Declaration("C", "nothing_new"), "needs the year of the last declaration"),
        (Declaration("C", "nothing_new", 1986), "between 1987 and 2025, not 1986"),
        (Declaration("C", "nothing_new", 2026), "between 1987 and 2025, not 2026"),
        (Declaration("G", "nothing", 2020), "goes only with nothing new"),
        (Declaration("G", "declared", 2020), "goes only with nothing new"),
    ],
)
def test_form_zero_rules(row, message):
    with pytest.raises(FormError, match=message):
        check_declaration(row, year_covered=2025)


def test_a_good_form_zero_row_passes():
    row = Declaration("C", "nothing_new", 2018)
    assert check_declaration(row, year_covered=2025) == row


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1987, max_value=2100))
def test_the_year_of_last_declaration_is_checked_against_the_year_covered(last, covered):
    row = Declaration("E", "nothing_new", last)
    if 1987 <= last <= covered:
        assert check_declaration(row, year_covered=covered) == row
    else:
        with pytest.raises(FormError):
            check_declaration(row, year_covered=covered)


def facility(**changes):
    data = {
        "name": "National Laboratory",
        "organization": "Ministry of Health",
        "location": "1 Main Street",
        "financing": "Ministry of Health; not the Ministry of Defence",
        "units": "2",
        "unit_area": "120.5",
        "scope": "Diagnostics of viral haemorrhagic fevers",
    }
    data.update(changes)
    return data


def test_a_bl4_facility_is_cleaned():
    assert check_entry("A1i", facility(name="  National Laboratory ")) == facility()


@pytest.mark.parametrize(
    ("code", "data", "message"),
    [
        ("A9", {}, "no CBM form 'A9'"),
        ("A1i", facility(name=""), "Name\\(s\\) of facility is required"),
        ("A1i", facility(units="two"), "is a number, not 'two'"),
        ("A1i", facility(units="-1"), "not negative"),
        ("A1i", facility(unit_area="NaN"), "not negative"),
        ("A1i", facility(units=True), "is a number"),
        ("A1i", facility(name="x" * 501), "longer than 500"),
        ("A1i", facility(scope="a\x00b"), "control characters"),
        ("A1i", facility(colour="red"), "no field colour"),
        ("A1ii", {"level": "BSL4"}, "one of BSL3, BSL2"),
        ("A2i", {"programmes": "maybe"}, "answered yes or no"),
        ("C", {"policy": ["a list"]}, "is a text"),
    ],
)
def test_bad_entries_are_refused_with_the_reason(code, data, message):
    with pytest.raises(FormError, match=message):
        check_entry(code, data)


def grid(answer="no"):
    return {f.name: answer for f in FORMS["E"].fields if f.kind == "yes_no"}


def test_form_e_names_the_laws_when_any_cell_is_yes():
    assert len(grid()) == 16  # the 4 x 4 grid
    assert check_entry("E", grid()) == grid()
    with pytest.raises(FormError, match="name the legislation"):
        check_entry("E", {**grid(), "b_legislation": "yes"})
    assert check_entry("E", {**grid(), "b_legislation": "yes", "laws": "Export Control Act 2009"})[
        "laws"
    ] == ("Export Control Act 2009")


def test_the_share_of_contracted_funds_goes_with_a_contract():
    programme = {"name": "P", "objectives": "O", "funding": "1 million", "contracted": "no"}
    assert check_entry("A2ii", programme) == programme
    with pytest.raises(FormError, match="only with aspects under contract"):
        check_entry("A2ii", {**programme, "contracted_share": "20 %"})


def test_completeness_counts_the_measures_answered():
    rows = [
        Declaration("A2i", "nothing"),
        Declaration("A2ii", "nothing"),
        Declaration("A2iii", "nothing"),
        Declaration("C", "nothing_new", 2018),
        Declaration("A1", "declared"),  # declared, but no entry yet: missing
    ]
    report = completeness(rows, {"G": 1, "E": 1, "A1i": 0})
    assert report.answers == {
        "A1": "missing",
        "A2i": "nothing",
        "A2ii": "nothing",
        "A2iii": "nothing",
        "B": "missing",
        "C": "nothing_new",
        "E": "declared",
        "F": "missing",
        "G": "declared",
    }
    assert (report.answered, report.score) == (6, 67)
    assert completeness([], {"A1ii": 1}).answers["A1"] == "declared"
    assert completeness([], {}).score == 0
