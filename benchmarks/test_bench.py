"""Speed targets (make bench). Each target is a ceiling on the mean time of one call, on the
2-core machines Plenary is developed and tested on; the test suite never times anything."""

import datetime as dt

import pytest

from plenary.documents.symbols import parse
from plenary.meetings.programme import ProgrammeRules, check_programme
from plenary.treaties.profile import read_profile
from plenary.treaties.queries import treaty_status
from tests.meetings.test_programme import PROGRAMME_2018

SYMBOLS = [f"BWC/MSP/{y}/WP.{n}/Corr.1" for y in range(2000, 2030) for n in range(1, 34)]  # 990


def mean_seconds(benchmark, target_s: float) -> float:
    """The mean time of one call; the target goes into the results, for make bench's table."""
    benchmark.extra_info["target_s"] = target_s
    return benchmark.stats.stats.mean


@pytest.mark.django_db
def test_treaty_status_on_a_date(benchmark):
    from plenary.treaties.models import Treaty

    treaty = Treaty.objects.get(code="BWC")
    status = benchmark(treaty_status, treaty, dt.date(2017, 12, 4))
    assert len(status.states_parties) == 179
    assert mean_seconds(benchmark, 0.05) < 0.05  # target: 50 ms, with 197 States and ~300 events


def test_parse_a_thousand_symbols(benchmark):
    parsed = benchmark(lambda: [parse(s) for s in SYMBOLS])
    assert len(parsed) == 990
    assert mean_seconds(benchmark, 0.5) < 0.5  # target: 0.5 ms a symbol


def test_check_a_ten_year_programme(benchmark):
    rules = ProgrammeRules.from_profile(read_profile("BWC"))
    year = PROGRAMME_2018["years"][0]
    proposal = {"years": [dict(year, year=2018 + i) for i in range(10)]}
    violations = benchmark(check_programme, proposal, rules)
    assert violations  # the same dates in other years break the rules: all are checked
    assert mean_seconds(benchmark, 0.05) < 0.05
