"""Published counts of BWC States Parties from entry into force to 2005, against the data.

The source keys are those of the header of src/plenary/treaties/data/bwc_events.csv. Three States
that ratified before entry into force and later ceased to exist are not rows (CONVENTIONS in that
header): Czechoslovakia, the German Democratic Republic and SFR Yugoslavia, whose membership
FR Yugoslavia/Serbia continued but whose row (SRB) dates from its deposit of 2001-06-13. A count
published while one of them was counted is higher than the data's by exactly the number of them
counted on that day; the tests assert that difference, not an approximation.
"""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.treaties.queries import treaty_status

D = dt.date

# Not rows: (name, counted from, counted until - the first day it is no longer counted).
PREDECESSORS = [
    ("German Democratic Republic", D(1975, 3, 26), D(1990, 10, 3)),
    ("Czechoslovakia", D(1975, 3, 26), D(1993, 1, 1)),
    # Yugoslavia: SFR Yugoslavia, then FR Yugoslavia as counted by [SIMS] ("Yugoslavia counted
    # throughout"); the data count it as SRB from the deposit of its succession.
    ("Yugoslavia", D(1975, 3, 26), D(2001, 6, 13)),
]


def predecessors_counted(on: dt.date) -> int:
    return sum(1 for _, since, until in PREDECESSORS if since <= on < until)


def parties_on(bwc, on: dt.date) -> int:
    return len(treaty_status(bwc, on).states_parties)


def test_at_entry_into_force_the_data_lack_exactly_the_three_predecessors(bwc):
    # [SIMS] p. 358: 46 States Parties when the Convention entered into force on 26 March 1975,
    # and 64 States that had signed but were not yet parties.
    status = treaty_status(bwc, D(1975, 3, 26))
    assert predecessors_counted(D(1975, 3, 26)) == 3
    assert len(status.states_parties) == 46 - 3
    assert len(status.signatories) == 64
    # The day before, nothing is in force and every ratifier counts as a signatory.
    assert parties_on(bwc, D(1975, 3, 25)) == 0


@pytest.mark.parametrize(
    ("year", "published"),
    [
        # [SIMS] p. 361, running totals at the end of each year in which States joined
        # ("Yugoslavia counted throughout"); 1995 and 2000 had no new party in that list.
        (1993, 133),
        (1994, 135),
        (1995, 135),
        (1996, 139),
        (1997, 140),
        (1998, 141),
        (1999, 143),
        (2000, 143),
        (2001, 144),
        (2003, 151),
        (2004, 153),
    ],
)
def test_the_running_totals_of_1993_to_2004_differ_only_by_yugoslavia(bwc, year, published):
    on = D(year, 12, 31)
    expected_difference = 1 if year <= 2000 else 0
    assert predecessors_counted(on) == expected_difference
    assert parties_on(bwc, on) == published - expected_difference


def test_the_2002_total_differs_by_mali_which_deposited_in_november_2002(bwc):
    # [SIMS] lists Holy See and Morocco for 2002 (146) and Mali for 2003; [ATBGBL16] dates
    # Mali's ratification 25 November 2002, so the data's total for the end of 2002 is 147.
    end_2001 = set(treaty_status(bwc, D(2001, 12, 31)).states_parties)
    end_2002 = set(treaty_status(bwc, D(2002, 12, 31)).states_parties)
    assert len(end_2002) == 146 + 1
    assert end_2002 - end_2001 == {"VAT", "MAR", "MLI"}
    assert treaty_status(bwc, D(2002, 11, 24)).status_of("MLI") == "signatory"
    assert treaty_status(bwc, D(2002, 11, 25)).status_of("MLI") == "state_party"


def test_the_2005_total_is_that_of_moldova_before_tajikistan(bwc):
    # [SIMS] "2005 Moldavia (154)": the count after Moldova (28 January 2005, [ATBGBL16]);
    # Tajikistan followed later in 2005, and [UNPR] counts 155 in April 2006.
    assert treaty_status(bwc, D(2005, 1, 27)).status_of("MDA") != "state_party"
    assert parties_on(bwc, D(2005, 1, 28)) == 154
    joined_2005 = set(treaty_status(bwc, D(2005, 12, 31)).states_parties) - set(
        treaty_status(bwc, D(2004, 12, 31)).states_parties
    )
    assert joined_2005 == {"MDA", "TJK"}
    assert parties_on(bwc, D(2006, 4, 28)) == 155


@pytest.mark.parametrize("year", range(1993, 2002))
def test_eighteen_signatories_until_morocco_and_mali_ratified(bwc, year):
    # [SIMS] p. 361: "States that signed the BWC but did not ratify it numbered 18 for many
    # years. Then in 2002 Morocco and in 2003 Mali ratified the BWC. The remaining 16 ..."
    assert len(treaty_status(bwc, D(year, 12, 31)).signatories) == 18


@pytest.mark.parametrize("year", [2003, 2004, 2005])
def test_sixteen_signatories_from_2003(bwc, year):
    # [SIMS] p. 361 names the 16 (Burundi ... United Arab Emirates; Myanmar signed as Burma).
    status = treaty_status(bwc, D(year, 12, 31))
    assert set(status.signatories) == {
        "BDI", "CAF", "CIV", "EGY", "GAB", "GUY", "HTI", "LBR",
        "MDG", "MWI", "MMR", "NPL", "SOM", "SYR", "TZA", "ARE",
    }  # fmt: skip
