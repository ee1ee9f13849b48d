import pytest

from plenary.core.sync import sync_rows
from plenary.treaties.models import Group


def test_sync_creates_updates_and_deletes_only_what_differs(db):
    qs = Group.objects.filter(scheme="TEST")
    first = sync_rows(
        qs,
        ["scheme", "code"],
        [
            {"scheme": "TEST", "code": "A", "names": {"en": "Alpha"}, "order": 0},
            {"scheme": "TEST", "code": "B", "names": {"en": "Beta"}, "order": 1},
        ],
    )
    assert first.as_dict() == {"created": 2, "updated": 0, "deleted": 0}
    second = sync_rows(
        qs,
        ["scheme", "code"],
        [
            {"scheme": "TEST", "code": "A", "names": {"en": "Alpha"}, "order": 0},
            {"scheme": "TEST", "code": "C", "names": {"en": "Gamma"}, "order": 2},
            {"scheme": "TEST", "code": "B", "names": {"en": "Bravo"}, "order": 1},
        ],
    )
    assert second.as_dict() == {"created": 1, "updated": 1, "deleted": 0}
    third = sync_rows(
        qs, ["scheme", "code"], [{"scheme": "TEST", "code": "C", "names": {"en": "Gamma"}, "order": 2}]
    )
    assert third.as_dict() == {"created": 0, "updated": 0, "deleted": 2}
    assert list(qs.values_list("code", "names")) == [("C", {"en": "Gamma"})]


def test_sync_refuses_duplicate_keys(db):
    with pytest.raises(ValueError, match=r"Group: duplicate key \('TEST', 'A'\)"):
        sync_rows(
            Group.objects.filter(scheme="TEST"),
            ["scheme", "code"],
            [
                {"scheme": "TEST", "code": "A", "order": 0},
                {"scheme": "TEST", "code": "A", "order": 1},
            ],
        )
