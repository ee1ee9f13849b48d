"""Shared fixtures: the test database holds the reference data and the demo meetings, loaded once
per session through the same domain functions that `plenary demo` uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def seed_path() -> Path:
    """The seed report (BWC/MSP/2017/6, Chinese), kept in ../shared/reference beside the repo."""
    candidates = [
        os.environ.get("PLENARY_SEED", ""),
        str(REPO.parent / "shared" / "reference" / "000_766e911b2a4e629e.txt"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return Path(candidate)
    pytest.fail("the seed report is missing: set PLENARY_SEED or put shared/ beside the repository")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return seed_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from plenary.meetings.domain import load_meetings
    from plenary.participation.domain import load_organizations
    from plenary.treaties.reference import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data(by="test:setup")
        load_organizations(by="test:setup")
        load_meetings(by="test:setup")


@pytest.fixture
def bwc(db):
    from plenary.treaties.models import Treaty

    return Treaty.objects.get(code="BWC")
