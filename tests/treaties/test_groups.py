"""The BWC political groups and the UN regional groups, over time and against their public lists."""

import datetime as dt
import re

from plenary.treaties.queries import groups_on, names_on
from plenary.treaties.reference import DATA_DIR, read_table

D = dt.date

# The UN DGACM page "Regional groups of Member States" (stored copy at fanyjok.com/dgacm/content/
# regional-groups; see states.csv): the three lists the copy shows whole, in its English names.
DGACM = {
    "AFRICAN": "Algeria, Angola, Benin, Botswana, Burkina Faso, Burundi, Cabo Verde, Cameroon, Central African "
    "Republic, Chad, Comoros, Congo, Côte d’Ivoire, Democratic Republic of the Congo, Djibouti, Egypt, "
    "Equatorial Guinea, Eritrea, Eswatini, Ethiopia, Gabon, Gambia, Ghana, Guinea, Guinea-Bissau, Kenya, "
    "Lesotho, Liberia, Libya, Madagascar, Malawi, Mali, Mauritania, Mauritius, Morocco, Mozambique, Namibia, "
    "Niger, Nigeria, Rwanda, Sao Tome and Principe, Senegal, Seychelles, Sierra Leone, Somalia, South Africa, "
    "South Sudan, Sudan, Togo, Tunisia, Uganda, United Republic of Tanzania, Zambia, Zimbabwe",
    "ASIA_PACIFIC": "Afghanistan, Bahrain, Bangladesh, Bhutan, Brunei Darussalam, Cambodia, China, Cyprus, "
    "Democratic People's Republic of Korea, Fiji, India, Indonesia, Iran (Islamic Republic of), Iraq, Japan, "
    "Jordan, Kazakhstan, Kiribati, Kuwait, Kyrgyzstan, Lao People's Democratic Republic, Lebanon, Malaysia, "
    "Maldives, Marshall Islands, Micronesia (Federated States of), Mongolia, Myanmar, Nauru, Nepal, Oman, "
    "Pakistan, Palau, Papua New Guinea, Philippines, Qatar, Republic of Korea, Samoa, Saudi Arabia, Singapore, "
    "Solomon Islands, Sri Lanka, Syrian Arab Republic, Tajikistan, Thailand, Timor-Leste, Tonga, Turkmenistan, "
    "Tuvalu, United Arab Emirates, Uzbekistan, Vanuatu, Viet Nam, Yemen",
    "EEG": "Albania, Armenia, Azerbaijan, Belarus, Bosnia and Herzegovina, Bulgaria, Croatia, Czechia, Estonia, "
    "Georgia, Hungary, Latvia, Lithuania, Montenegro, North Macedonia, Poland, Republic of Moldova, Romania, "
    "Russian Federation, Serbia, Slovakia, Slovenia, Ukraine",
}

# The UNOG page "Regional Groups in the Biological Weapons Convention", Western Group nos. 1-32
# (no. 33, cut off in the stored copy, is taken to be the United States: see bwc_groups.csv).
UNOG_WESTERN_GROUP = (
    "Andorra, Argentina, Australia, Austria, Belgium, Canada, Cyprus, Denmark, Finland, France, Germany, Greece, "
    "Holy See, Iceland, Ireland, Italy, Japan, Liechtenstein, Luxembourg, Malta, Monaco, Netherlands, New "
    "Zealand, Norway, Portugal, Republic of Korea, San Marino, Spain, Sweden, Switzerland, Turkey, United "
    "Kingdom of Great Britain and Northern Ireland"
)


def test_the_un_groups_of_today_are_the_dgacm_lists(db):
    today = D(2026, 12, 1)
    by_name = {name: code for code, name in names_on(today, "en").items()}
    groups = groups_on("UN", today)
    for group, listed in DGACM.items():
        expected = {by_name[name] for name in listed.split(", ")}
        assert {code for code, g in groups.items() if g == group} == expected, group


def test_the_un_groups_over_time(db):
    assert "SSD" not in groups_on("UN", D(2011, 7, 13))
    assert groups_on("UN", D(2011, 7, 14))["SSD"] == "AFRICAN"
    assert "MNE" not in groups_on("UN", D(2006, 6, 27))
    assert groups_on("UN", D(2006, 6, 28))["MNE"] == "EEG"
    assert "ISR" not in groups_on("UN", D(2000, 4, 30))  # WEOG from May 2000 (ask.un.org, DGACM)
    assert groups_on("UN", D(2000, 5, 1))["ISR"] == "WEOG"
    assert groups_on("UN", D(1980, 1, 1))["FRA"] == "WEOG"
    assert "DEU" not in groups_on("UN", D(1973, 9, 17))  # admitted (as the FRG) on 18 September 1973
    assert groups_on("UN", D(1973, 9, 18))["DEU"] == "WEOG"


def test_the_bwc_western_group_is_the_unog_list_and_russia_left_the_eeg_in_2022(db):
    on = D(2017, 12, 4)
    en = names_on(on, "en")
    western = sorted(en[code] for code, group in groups_on("BWC", on).items() if group == "WG")
    assert western == sorted(UNOG_WESTERN_GROUP.split(", ") + ["United States of America"])
    assert groups_on("BWC", D(2022, 11, 27))["RUS"] == "EEG"
    assert "RUS" not in groups_on("BWC", D(2022, 11, 28))  # the "Group of One" (UNODA)


def test_every_group_row_names_explained_sources():
    for name, key_column, group_column in [
        ("bwc_groups.csv", "source", "group"),
        ("states.csv", "un_group_source", "un_regional_group"),
    ]:
        path = DATA_DIR / name
        problems: list[str] = []
        rows = read_table(path, ("alpha3", key_column, group_column), problems).rows
        assert problems == []
        header = "\n".join(
            line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")
        )
        used = {k.strip() for _, row in rows if row[group_column] for k in row[key_column].split(";")}
        assert "" not in used, name
        unexplained = {
            k
            for k in used
            if not re.search(rf"(^#\s+- {re.escape(k)}[\s:]|\b{re.escape(k)} \()", header, re.M)
        }
        assert unexplained == set(), name
