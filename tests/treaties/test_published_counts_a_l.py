"""Published running counts of BWC States Parties, for joinings by States named A to L.

Each case is a figure a public source gives for a date; the count of States Parties that the
reference data gives on that date must be the same. The sources are cited per case (their keys
are those of the header of src/plenary/treaties/data/bwc_events.csv).
"""

import datetime as dt

import pytest

from plenary.treaties.queries import treaty_status

D = dt.date


def parties_on(bwc, on):
    return len(treaty_status(bwc, on).states_parties)


@pytest.mark.parametrize(
    ("code", "joined", "count"),
    [
        # [NEWS2] VOA Português, July 2016, quoting the US State Department: Angola deposited its
        # instrument of accession "last Tuesday" (26 July 2016), the 175th country to join.
        ("AGO", D(2016, 7, 26), 175),
        # [NEWS2] bioprepwatch and osdife.org: Cameroon confirmed by the US as a party on
        # 18 January 2013, the 167th State Party (after the Marshall Islands, 166th).
        ("CMR", D(2013, 1, 18), 167),
        # [NEWS] EEAS statement: the Comoros joined on 14 February 2025 as the 188th State Party.
        ("COM", D(2025, 2, 14), 188),
        # [NEWS] US State Department statement and EEAS: Kiribati deposited at Washington on
        # 20 May 2025, the 189th State Party.
        ("KIR", D(2025, 5, 20), 189),
    ],
)
def test_the_nth_state_party_on_its_day(bwc, code, joined, count):
    assert treaty_status(bwc, joined).status_of(code) == "state_party"
    assert treaty_status(bwc, joined - dt.timedelta(days=1)).status_of(code) != "state_party"
    assert parties_on(bwc, joined) == count
    assert parties_on(bwc, joined - dt.timedelta(days=1)) == count - 1


def test_guyana_ratified_in_march_2013_and_four_joinings_made_170(bwc):
    # [USDOS13] US State Department press release of 8 April 2013: Guyana deposited its
    # ratification with the US on 26 March 2013; with Cameroon, Nauru and Malawi the BWC has 170
    # States Parties.
    assert treaty_status(bwc, D(2013, 3, 25)).status_of("GUY") == "signatory"
    assert treaty_status(bwc, D(2013, 3, 26)).status_of("GUY") == "state_party"
    assert parties_on(bwc, D(2013, 4, 8)) == 170


def test_kazakhstan_acceded_in_june_2007_and_the_count_reached_158(bwc):
    # [ATBGBL16] Austria's BGBl. III Nr. 97/2016, from the depositaries' notifications:
    # Kazakhstan deposited its instrument of accession on 15 June 2007 (the earliest deposit
    # found). [UNGE] UN Geneva press release, July 2007: Kazakhstan acceded (it gives 28 June
    # 2007) and Trinidad and Tobago on 19 July 2007; with Montenegro that brings the number of
    # States Parties to 158, with a further 16 signatories.
    assert treaty_status(bwc, D(2007, 6, 14)).status_of("KAZ") == "neither"
    assert treaty_status(bwc, D(2007, 6, 15)).status_of("KAZ") == "state_party"
    status = treaty_status(bwc, D(2007, 7, 19))
    assert len(status.states_parties) == 158
    assert len(status.signatories) == 16


def test_andorra_among_the_173_of_december_2015(bwc):
    # [UNGE] UN Geneva summary of the Meeting of States Parties, 14-18 December 2015: States
    # Parties welcomed Andorra and Mauritania as new States Parties, bringing the membership to
    # 173.
    status = treaty_status(bwc, D(2015, 12, 14))
    assert status.status_of("AND") == "state_party"
    assert len(status.states_parties) == 173


def test_burundis_ratification_is_in_the_165_of_the_seventh_review_conference(bwc):
    # [UNGE] UN Geneva press release, December 2011: "Representatives of the 165 States parties"
    # meet from 5 December 2011; Burundi ratified in October 2011 ([WP]; [SIMS] lists it as a
    # signatory c. 2005).
    status = treaty_status(bwc, D(2011, 12, 5))
    assert status.status_of("BDI") == "state_party"
    assert len(status.states_parties) == 165
    assert treaty_status(bwc, D(2005, 12, 31)).status_of("BDI") == "signatory"


@pytest.mark.parametrize(
    ("year", "joined", "count"),
    [
        # [SIMS] Deadly Cultures (2006), p. 361, new States Parties by year with running totals:
        # 2001 Algeria (144); 2003 Antigua & Barbuda, Mali, Palau, Sudan, Timor-Leste (151);
        # 2004 Azerbaijan, Kyrgyzstan (153).
        (2001, ["DZA"], 144),
        (2003, ["ATG"], 151),
        (2004, ["AZE", "KGZ"], 153),
    ],
)
def test_new_parties_of_the_year_and_the_total_at_its_end(bwc, year, joined, count):
    end = treaty_status(bwc, D(year, 12, 31))
    before = treaty_status(bwc, D(year - 1, 12, 31))
    assert len(end.states_parties) == count
    for code in joined:
        assert end.status_of(code) == "state_party"
        assert before.status_of(code) != "state_party"


def test_cote_divoire_signed_in_1972_and_became_a_party_only_in_2016(bwc):
    # Recorded as ratified in 2003, which made every count from 2003 one too high. [SIMS] lists
    # Côte d'Ivoire among the 16 signatories c. 2005; the cabinet decided to ratify on 8 July 2015
    # ([NEWS2], lebabi.net); the Meeting of States Parties of 14-18 December 2015 counted 173
    # States Parties with Andorra and Mauritania the newest ([UNGE]); the Ministry of Defence
    # dates the ratification to March 2016 ([NEWS2], jda.ci) and banmonitor.org to 2016 ([BANMON]);
    # UN Geneva counted 174 for the Preparatory Committee of 26-27 April 2016 ([UNGE]).
    assert treaty_status(bwc, D(1975, 3, 26)).status_of("CIV") == "signatory"
    assert treaty_status(bwc, D(2010, 1, 1)).status_of("CIV") == "signatory"
    assert treaty_status(bwc, D(2015, 12, 18)).status_of("CIV") == "signatory"
    assert treaty_status(bwc, D(2016, 4, 26)).status_of("CIV") == "state_party"
    assert parties_on(bwc, D(2016, 4, 26)) == 174
    assert treaty_status(bwc, D(2017, 1, 1)).status_of("CIV") == "state_party"


@pytest.mark.parametrize(
    ("on", "parties", "signatories"),
    [
        # [UNPR] UN News, August 2003 (Meeting of Experts): 150 States Parties, 16 signatories.
        (D(2003, 8, 18), 150, 16),
        # [UNPR] UN press release DC/2896, 7 November 2003: 151 States Parties, 16 signatories.
        (D(2003, 11, 7), 151, 16),
        # [UNPR] UN News, 28 April 2006: 155 States Parties, 16 signatories.
        (D(2006, 4, 28), 155, 16),
    ],
)
def test_counts_between_2003_and_2015_do_not_include_cote_divoire(bwc, on, parties, signatories):
    status = treaty_status(bwc, on)
    assert "CIV" in status.signatories
    assert (len(status.states_parties), len(status.signatories)) == (parties, signatories)
