"""treaties.domain: a treaty recorded with its profile and groups, and its group members and
treaty events in bulk, each checked before anything is written."""

from __future__ import annotations

import datetime as dt

import pytest

from plenary.core.actor import Actor
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from plenary.synth import NAMES, SHORT_NAMES, synthetic_profile
from plenary.treaties.domain import record_group_members, record_treaty, record_treaty_events
from plenary.treaties.models import Group, GroupMembership, Treaty, TreatyEvent

SYSTEM = Actor.system("test")
OPENED = dt.date(1976, 4, 10)


def _record(code="SYN", **values):
    args = {
        "names": NAMES,
        "short_names": SHORT_NAMES,
        "opened_for_signature": OPENED,
        "entry_into_force": dt.date(1977, 3, 26),
        "profile": synthetic_profile(1986),
        "by": SYSTEM,
    } | values
    return record_treaty(code, **args)


def test_a_treaty_is_recorded_with_its_groups_and_one_audit_entry(db):
    treaty = _record()
    assert (treaty.code, treaty.short_names["zh"], treaty.entry_into_force) == (
        "SYN",
        "合成公约",
        dt.date(1977, 3, 26),
    )
    assert list(Group.objects.filter(scheme="SYN").values_list("code", flat=True)) == ["WG", "EEG", "NAM"]
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.object_type, entry.after["groups"]) == (
        "treaty.record",
        "treaties.Treaty",
        ["WG", "EEG", "NAM"],
    )
    assert [k["series"][0] for k in treaty.profile["meeting_kinds"].values()][:3] == [
        "SYN/CONF.{roman}",
        "SYN/CONF.{roman}/PC",
        "SYN/MSP/{year}",
    ]


@pytest.mark.parametrize(
    "code, values, message",
    [
        ("BWC", {}, "the profile is of 'SYN'"),
        ("syn", {}, "upper-case letters and digits"),
        ("SY/N", {}, "upper-case letters and digits"),
        ("SYN", {"names": {"xx": "?"}}, "'xx' is not one of"),
        ("SYN", {"short_names": {"en": "  "}}, "the short title in en is empty"),
        ("SYN", {"entry_into_force": dt.date(1970, 1, 1)}, "before it opened for signature"),
    ],
)
def test_a_bad_treaty_is_refused(db, code, values, message):
    with pytest.raises(DomainError, match=message):
        _record(code, **values)
    assert not Treaty.objects.filter(code__in=["SYN", "syn", "SY/N"]).exists()


def test_a_treaty_series_must_start_with_its_code_and_a_treaty_is_recorded_once(db):
    profile = synthetic_profile(1986)
    profile["meeting_kinds"]["MSP"] = dict(profile["meeting_kinds"]["MSP"], series=["BWC/MSP/{year}"])
    with pytest.raises(DomainError, match="the series of a MSP must start with SYN/"):
        _record(profile=profile)
    _record()
    with pytest.raises(DomainError, match="SYN is already recorded"):
        _record()


def test_only_staff_record_treaties(db, people):
    with pytest.raises(NotAllowed):
        _record(by=people.actor("fra_fp"))


def test_events_and_members_are_written_in_bulk_with_the_rules_of_a_treaty(db):
    treaty = _record()
    events = [
        ("FRA", "signature", dt.date(1976, 5, 1), "synthetic"),
        ("FRA", "ratification", dt.date(1977, 1, 1), "synthetic"),
        ("DEU", "accession", dt.date(1980, 1, 1), "synthetic"),
    ]
    assert record_treaty_events(treaty, events, by=SYSTEM) == 3
    assert TreatyEvent.objects.filter(treaty=treaty).count() == 3
    assert AuditEntry.objects.latest("id").after == {
        "count": 3,
        "kinds": {"signature": 1, "ratification": 1, "accession": 1, "succession": 0},
    }
    assert (
        record_group_members(treaty, [("FRA", "WG", None, None), ("POL", "EEG", None, None)], by=SYSTEM) == 2
    )
    assert GroupMembership.objects.get(group__scheme="SYN", state__code="FRA").group.code == "WG"


@pytest.mark.parametrize(
    "events, message",
    [
        ([("FRA", "signature", dt.date(1975, 1, 1), "")], "before the treaty opened for signature"),
        ([("FRA", "ratification", dt.date(1980, 1, 1), "")], "a ratification follows the State's signature"),
        (
            [("FRA", "signature", dt.date(1980, 1, 1), ""), ("FRA", "ratification", dt.date(1979, 1, 1), "")],
            "a ratification follows the State's signature",
        ),
        (
            [("FRA", "accession", dt.date(1980, 1, 1), ""), ("FRA", "succession", dt.date(1981, 1, 1), "")],
            "FRA is already a party",
        ),
        ([("FRA", "accession", dt.date(1980, 1, 1), "")] * 2, "FRA already has a accession"),
        ([("FRA", "withdrawal", dt.date(1980, 1, 1), "")], "the kind is one of"),
        ([("XXX", "accession", dt.date(1980, 1, 1), "")], "unknown State"),
        ([("FRA", "accession", "1980-01-01", "")], "the date is a date"),
    ],
)
def test_bad_events_are_refused_and_none_written(db, events, message):
    treaty = _record()
    with pytest.raises(DomainError, match=message):
        record_treaty_events(treaty, events, by=SYSTEM)
    assert not TreatyEvent.objects.filter(treaty=treaty).exists()


@pytest.mark.parametrize(
    "members, message",
    [
        ([("FRA", "XX", None, None)], "'XX' is not a group of the SYN"),
        ([("FRA", "WG", None, None), ("FRA", "EEG", None, None)], "FRA would be in two SYN groups at once"),
        ([("FRA", "WG", dt.date(2000, 1, 1), dt.date(1999, 1, 1))], "leaves WG"),
        ([("QQQ", "WG", None, None)], "unknown State"),
    ],
)
def test_bad_members_are_refused_and_none_written(db, members, message):
    treaty = _record()
    with pytest.raises(DomainError, match=message):
        record_group_members(treaty, members, by=SYSTEM)
    assert not GroupMembership.objects.filter(group__scheme="SYN").exists()
