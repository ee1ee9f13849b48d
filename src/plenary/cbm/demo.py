"""The CBM part of the demo: past years' counts from public sources (cbm/data/cbm_history.csv).
No State's report is invented: the demo holds no CBM reports."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from plenary.cbm.domain import load_history
from plenary.core.actor import Actor

HISTORY = Path(__file__).resolve().parent / "data" / "cbm_history.csv"


def history_rows() -> list[dict]:
    lines = [line for line in HISTORY.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def load_demo(*, by: Actor, say: Callable[[str], None]) -> dict[str, int]:
    say("loading the CBM history")
    return load_history(history_rows(), by=by)
