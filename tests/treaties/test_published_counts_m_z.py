"""The running count of BWC States Parties on dates where a public source states it.

Each case is a figure published by the UN, UNOG/the ISU, a depositary or the EU on the day a State
joined (the press releases of the accessions in the M-Z half of bwc_events.csv) or "as of" a
meeting; the source keys are those of the header of bwc_events.csv. The project's count on that
date (treaty_status over the loaded events) must equal the published figure.

Côte d'Ivoire's ratification, once dated 2003, is dated 2016-03-23 ([ATBGBL16]): the figures below
show it was not yet a party in December 2015 ([UNGE] 2015-12: 173) but was by November 2016 (Nepal
177th), and every case runs as it stands.
"""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.treaties.queries import treaty_status

D = dt.date

# (date, States Parties, signatories or None, source)
PUBLISHED = [
    (D(2006, 4, 28), 155, 16, "[UNPR] UN News 2006-04-28: 155 States parties, a further 16 signed"),
    (
        D(2007, 7, 19),
        158,
        16,
        "[UNGE] 2007-07: Trinidad and Tobago 2007-07-19, 158 States Parties, 16 signed",
    ),
    (D(2008, 1, 15), 160, None, "[UNGE] 2008-03: Zambia w.e.f. 2008-01-15, the 160th State party"),
    (D(2011, 3, 29), 164, None, "[UNGE] 2011-05 (ISU): Mozambique in London 2011-03-29, membership 164"),
    (D(2012, 11, 15), 166, None, "[NEWS] osdife (source UN): Marshall Islands 2012-11-15, 166th"),
    (D(2013, 1, 18), 167, None, "[NEWS] bioprepwatch: Cameroon 2013-01-18, 167 States Parties"),
    (
        D(2013, 4, 2),
        170,
        10,
        "[USDOS13] US 2013-04-08: Malawi 2013-04-02, 170; armscontrol.org 2013-05: 10 signed",
    ),
    (D(2015, 1, 28), 172, None, "[ISS15] ISS Africa: Mauritania 2015-01-28, 172 States Parties"),
    (
        D(2015, 12, 14),
        173,
        None,
        "[UNGE] 2015-12 MSP (14-18 Dec): Andorra, Mauritania new, membership 173",
    ),
    (D(2015, 11, 30), 173, 9, "[RKI15] Robert Koch-Institut, Stand November 2015: 173 parties, 9 signed"),
    (D(2016, 11, 4), 177, None, "[NEWS] Nepal MoFA: deposited at Washington 2016-11-04, 177th"),
    (D(2017, 9, 21), 179, None, "[UNGE] 2017-09: Samoa 2017-09-21, 179 States Parties"),
    (D(2018, 8, 16), 181, 6, "[UNGE] 2018-08 (MX 7-16 Aug): 181 States Parties, six signed"),
    (D(2019, 8, 14), 183, None, "[NEWS] EEAS: Tanzania 2019-08-14, 183rd State Party"),
    (D(2023, 2, 15), 185, None, "[NEWS] PGA: South Sudan 2023-02-15, 185th"),
    (D(2024, 1, 23), 185, 4, "[UNODA] Pacific workshop 23-25 Jan 2024: 185 States Parties, four signatories"),
    (D(2024, 7, 12), 187, None, "[NEWS] FSM Embassy 2024-07-12 + [UNODA]: Micronesia 187th in July 2024"),
    (D(2025, 2, 14), 188, None, "[NEWS] EEAS: Comoros 2025-02-14, 188th"),
    (
        D(2025, 5, 20),
        189,
        4,
        "[NEWS] EEAS: Kiribati 2025-05-20, 189th; [UNODA-FR] 189 parties, 4 signatories",
    ),
]


@pytest.mark.parametrize(
    ("on", "parties", "signatories", "source"), PUBLISHED, ids=[str(c[0]) for c in PUBLISHED]
)
def test_the_count_of_states_parties_matches_the_published_figure(bwc, on, parties, signatories, source):
    status = treaty_status(bwc, on)
    counted = (len(status.states_parties), len(status.signatories) if signatories is not None else None)
    published = (parties, signatories)
    assert counted == published, source


def test_the_states_that_joined_after_the_2006_count_and_in_2007_are_those_unog_names(bwc):
    # [UNPR] 155 on 2006-04-28; [UNGE] 2008-03: "Four States joined the Convention in 2007: Gabon,
    # Kazakhstan, Montenegro, and Trinidad and Tobago." Montenegro's row was dated 2006-10-23, its CWC
    # date ([OPCW06]); its BWC Note is dated 2006-12-12 ([UNODA-DB]) and the UN counts it in 2007.
    before = set(treaty_status(bwc, D(2006, 4, 28)).states_parties)
    after = set(treaty_status(bwc, D(2007, 12, 31)).states_parties)
    assert after - before == {"GAB", "KAZ", "MNE", "TTO"}
    # Not yet a party when the Sixth Review Conference opened.
    assert treaty_status(bwc, D(2006, 11, 20)).status_of("MNE") == "neither"


def test_tuvalu_is_the_186th_state_party_in_june_2024(bwc):
    # [UNODA] Aug 2024: Tuvalu joined in June 2024 as the 186th State Party (the day is not known:
    # the row's 2024-06-30 is a placeholder, so only the month is asserted).
    assert treaty_status(bwc, D(2024, 5, 31)).status_of("TUV") == "neither"
    june = treaty_status(bwc, D(2024, 6, 30))
    assert june.status_of("TUV") == "state_party"
    assert len(june.states_parties) == 186


# Undated pages that state the whole membership: each figure holds on every day between the
# joinings that bound it, so it is asserted on the first and the last day of that window.
UNDATED_MEMBERSHIP = [
    # [UNGE] unog.ch "Membership of the Biological Weapons Convention" (c. 2016): 174 States
    # Parties, 8 signatories, 14 States neither, named: Angola, Chad, Comoros, Djibouti, Eritrea,
    # Guinea, Israel, Kiribati, Micronesia, Namibia, Niue, Samoa, South Sudan, Tuvalu. The window
    # runs from Côte d'Ivoire's ratification to the day before Angola's accession. UNOG's list of
    # 196 did not yet count the State of Palestine, which the data list as neither until 2018.
    (
        D(2016, 3, 23),
        D(2016, 7, 25),
        174,
        8,
        {"AGO", "TCD", "COM", "DJI", "ERI", "GIN", "ISR", "KIR", "FSM", "NAM", "NIU", "WSM", "SSD", "TUV"},
        {"PSE"},
        True,
    ),
    # [UNODA-FR22] disarmament.unoda.org/fr/achieving-universality (2022): 184 States Parties,
    # four signatories, nine States neither; from Namibia's accession to the day before South
    # Sudan's.
    (D(2022, 2, 25), D(2023, 2, 14), 184, 4, None, set(), True),
    # [UNODA] disarmament.unoda.org/biological-weapons/about/universalization-and-joining-the-bwc
    # (2023/24): 185 States Parties, four signatories, eight States neither; from South Sudan's
    # accession to the month before Tuvalu's (June 2024, day not known, so the end is a bound).
    (D(2023, 2, 15), D(2024, 5, 31), 185, 4, None, set(), False),
]


@pytest.mark.parametrize(
    ("first", "last", "parties", "signatories", "named_neither", "not_counted", "ends_at_a_joining"),
    UNDATED_MEMBERSHIP,
    ids=[str(c[0]) for c in UNDATED_MEMBERSHIP],
)
def test_an_undated_membership_page_holds_on_every_day_of_its_window(
    bwc, first, last, parties, signatories, named_neither, not_counted, ends_at_a_joining
):
    for on in (first, last):
        status = treaty_status(bwc, on)
        neither = set(status.neither) - not_counted
        assert (len(status.states_parties), len(status.signatories)) == (parties, signatories), on
        if named_neither is not None:
            assert neither == named_neither, on
        assert parties + signatories + len(neither) == 197 - len(not_counted), on
    # The window is tight: the day before it (and the day after it, where a joining ends it)
    # gives another count.
    assert len(treaty_status(bwc, first - dt.timedelta(days=1)).states_parties) == parties - 1
    if ends_at_a_joining:
        assert len(treaty_status(bwc, last + dt.timedelta(days=1)).states_parties) == parties + 1
