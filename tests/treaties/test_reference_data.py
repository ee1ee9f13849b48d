"""The BWC reference data against the seed report and public facts."""

import datetime as dt
import re
import shutil

import pytest

from plenary.core.actor import Actor
from plenary.core.languages import UN_LANGUAGES
from plenary.core.models import AuditEntry
from plenary.treaties.models import State, StateName, TreatyEvent
from plenary.treaties.queries import groups_on, names_on, treaty_status
from plenary.treaties.reference import DATA_DIR, ReferenceDataError, load_reference_data

MEETING_DAY = dt.date(2017, 12, 4)


def seed_paragraph_lines(text: str, number: int) -> list[str]:
    """The lines of numbered paragraph `number` of the seed, up to the next paragraph.

    Paragraphs are found in sequence (1, 2, 3...), each a line starting "N. " after the previous
    one, so that the numbered sub-paragraphs of the decision quoted in para. 1 are passed over.
    """
    lines = text.splitlines()
    starts, expected = {}, 1
    for i, line in enumerate(lines):
        match = re.match(r"\s*(\d+)\.\s", line)
        if match and int(match.group(1)) == expected:
            starts[expected] = i
            expected += 1
    assert number in starts, f"paragraph {number} not found in the seed"
    end = starts.get(number + 1, len(lines))
    block = lines[starts[number] : end]
    block[0] = re.sub(rf"^\s*{number}\.\s*", "", block[0])
    if number == max(starts):  # the last paragraph ends where the annex begins
        block = block[: next((i for i, line in enumerate(block) if line.strip() == "附件"), len(block))]
    return block


def seed_paragraph(text: str, number: int) -> str:
    """Numbered paragraph `number` of the seed, with the PDF's line breaks removed."""
    return "".join(line.strip() for line in seed_paragraph_lines(text, number))


def seed_state_list(paragraph: str) -> list[str]:
    """The States of an enumeration "A、B、...、Y和Z。" (the seed's para. 7 form)."""
    body = paragraph.split("：", 1)[1].rstrip("。")
    *rest, last = body.split("、")
    return rest + last.rsplit("和", 1)


def test_reference_data_covers_every_state_that_can_join_a_un_treaty(db):
    assert State.objects.count() == 197
    by_status = {s: State.objects.filter(un_status=s).count() for s in ("member", "observer", "non_member")}
    assert by_status == {"member": 193, "observer": 2, "non_member": 2}
    assert set(
        State.objects.filter(un_status__in=["observer", "non_member"]).values_list("code", flat=True)
    ) == {"VAT", "PSE", "COK", "NIU"}


@pytest.mark.parametrize("on", [dt.date(1990, 1, 1), MEETING_DAY, dt.date(2019, 6, 1), dt.date(2026, 11, 28)])
def test_every_state_has_one_name_per_language_on_any_date(db, on):
    for lang in UN_LANGUAGES:
        names = StateName.objects.on(on).filter(lang=lang)
        assert names.count() == 197, (lang, on)
        assert names.values("state").distinct().count() == 197


def test_the_seed_counts_179_states_parties_during_the_2017_meeting(bwc, seed_text):
    status = treaty_status(bwc, MEETING_DAY)
    assert len(status.states_parties) == 179
    # Seed para. 8: two signatories took part; para. 9: two States neither party nor signatory.
    assert {"SYR", "TZA"} <= set(status.signatories)
    assert {"ISR", "NAM"} <= set(status.neither)
    # Seed para. 17: Samoa's accession made 179.
    assert "179" in seed_paragraph(seed_text, 17)
    assert status.status_of("WSM") == "state_party"
    assert treaty_status(bwc, dt.date(2017, 9, 20)).status_of("WSM") == "neither"


def test_every_state_the_seed_lists_as_party_was_a_party_under_its_2017_chinese_name(bwc, seed_text):
    names = names_on(MEETING_DAY, "zh")
    by_name = {name: code for code, name in names.items()}
    listed = seed_state_list(seed_paragraph(seed_text, 7))
    assert len(listed) == 116
    unknown = [n for n in listed if n not in by_name]
    assert unknown == []
    status = treaty_status(bwc, MEETING_DAY)
    assert [n for n in listed if by_name[n] not in status.states_parties] == []
    # Para. 8: the two signatories, by their Chinese names of the day.
    para8 = seed_paragraph(seed_text, 8)
    assert names["SYR"] in para8 and names["TZA"] in para8
    para9 = seed_paragraph(seed_text, 9)
    assert names["ISR"] in para9 and names["NAM"] in para9


def test_names_follow_the_un_changes_over_time(db):
    def name(code, lang, on):
        return names_on(on, lang)[code]

    assert name("SWZ", "en", MEETING_DAY) == "Swaziland"
    assert name("SWZ", "en", dt.date(2019, 1, 1)) == "Eswatini"
    assert name("SWZ", "zh", MEETING_DAY) == "斯威士兰"
    assert name("MKD", "zh", MEETING_DAY) == "前南斯拉夫的马其顿共和国"
    assert name("MKD", "zh", dt.date(2019, 3, 1)) == "北马其顿"
    assert name("MKD", "en", dt.date(2019, 2, 13)) == "the former Yugoslav Republic of Macedonia"
    assert name("MKD", "en", dt.date(2019, 2, 14)) == "North Macedonia"
    assert name("TUR", "en", dt.date(2022, 5, 31)) == "Turkey"
    assert name("TUR", "en", dt.date(2022, 6, 1)) == "Türkiye"
    assert name("CZE", "zh", MEETING_DAY) == "捷克共和国"
    assert name("CZE", "en", dt.date(2026, 1, 1)) == "Czechia"
    assert name("VEN", "zh", MEETING_DAY) == "委内瑞拉玻利瓦尔共和国"


def test_the_2017_officers_groups(db):
    groups = groups_on("BWC", MEETING_DAY)
    # Seed para. 3: Chair India, Vice-Chairs Germany and Slovakia, one from each group.
    assert (groups["IND"], groups["DEU"], groups["SVK"]) == ("NAM", "WG", "EEG")
    un = groups_on("UN", MEETING_DAY)
    counts = {g: list(un.values()).count(g) for g in set(un.values())}
    assert counts == {"AFRICAN": 54, "ASIA_PACIFIC": 54, "EEG": 23, "GRULAC": 33, "WEOG": 29}


def test_status_today_and_the_accessions_after_2017(bwc):
    status = treaty_status(bwc, dt.date(2026, 11, 28))
    # UNODA, May 2025: 189 States Parties, 4 signatories (Egypt, Haiti, Somalia, Syria), 4 neither.
    assert len(status.states_parties) == 189
    assert status.signatories == ("EGY", "HTI", "SOM", "SYR")
    assert status.neither == ("DJI", "ERI", "ISR", "TCD")
    assert treaty_status(bwc, dt.date(2019, 8, 13)).status_of("TZA") == "signatory"
    assert treaty_status(bwc, dt.date(2019, 8, 14)).status_of("TZA") == "state_party"


def test_states_parties_never_decrease(bwc):
    counts = [len(treaty_status(bwc, dt.date(year, 12, 31)).states_parties) for year in range(1975, 2027)]
    assert counts == sorted(counts)
    assert counts[0] > 22  # the Convention needed 22 ratifications to enter into force


def test_loading_twice_changes_nothing(db):
    entries = AuditEntry.objects.count()
    summary = load_reference_data(by=Actor.system("test"))
    assert all(counts == {"created": 0, "updated": 0, "deleted": 0} for counts in summary.values())
    assert AuditEntry.objects.count() == entries


def test_a_bad_data_file_loads_nothing_and_names_every_problem(db, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    events = data / "bwc_events.csv"
    text = events.read_text(encoding="utf-8")
    text += "XYZ,accession,2020-01-01,,\nFRA,withdrawal,2020-01-01,,\nWSM,accession,2017-02-30,,\n"
    events.write_text(text, encoding="utf-8")
    lines = len(text.splitlines())
    before = TreatyEvent.objects.count()
    with pytest.raises(ReferenceDataError) as info:
        load_reference_data(by=Actor.system("test"), data_dir=data)
    assert info.value.problems == [
        f"bwc_events.csv:{lines - 2}: unknown State 'XYZ'",
        f"bwc_events.csv:{lines - 1}: event 'withdrawal' is not one of accession, ratification, signature, succession",
        f"bwc_events.csv:{lines}: '2017-02-30' is not a date (YYYY-MM-DD)",
    ]
    assert TreatyEvent.objects.count() == before


def test_a_change_in_a_data_file_is_synced_and_audited(db, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    names = data / "state_names.csv"
    names.write_text(
        names.read_text(encoding="utf-8").replace("\nFRA,en,France,,", "\nFRA,en,French Republic,,"),
        encoding="utf-8",
    )
    summary = load_reference_data(by=Actor.system("alice"), data_dir=data)
    assert summary["state_names"] == {"created": 0, "updated": 1, "deleted": 0}
    assert names_on(MEETING_DAY, "en")["FRA"] == "French Republic"
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor, entry.action) == ("system:alice", "reference.load")
    assert entry.after["changes"]["state_names"] == {"created": 0, "updated": 1, "deleted": 0}
