"""One clock: every date the code judges by ("today") comes from plenary.core.clock, so that a test
or a demo can set it, and the pages, API, CLI and back office agree on the day."""

from __future__ import annotations

import re
from pathlib import Path

import plenary

SRC = Path(plenary.__file__).resolve().parent
# Ways to read the day or the time of day other than through the clock.
OTHER_CLOCKS = re.compile(r"\bdate\.today\(\)|\bdatetime\.(?:now|today|utcnow)\(\)\.date\(\)|\blocaldate\(\)")


def test_only_core_clock_reads_todays_date():
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).as_posix() != "core/clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OTHER_CLOCKS.search(line)
    ]
    assert offenders == []


def test_the_check_finds_the_usual_ways_of_reading_the_day():
    for line in ("x = dt.date.today()", "datetime.now().date()", "timezone.localdate()"):
        assert OTHER_CLOCKS.search(line), line
    assert not OTHER_CLOCKS.search("clock.today()")
