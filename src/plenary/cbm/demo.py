"""The CBM part of the demo: past years' counts from public sources (cbm/data/cbm_history.csv), and
a few example reports for a recent year, public and restricted to States Parties, every one marked
as an example (`example`, on every page): no State's real report is reproduced, and the names of
facilities say "Example". Entered by the demo loader, so marked as entered by the secretariat on
the State's behalf, each with the day the secretariat received it (RECEIVED: example days, three
before the 15 April deadline and one after it, so that the pages show both). Idempotent: a State's
example report of the year is made once."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from plenary.cbm import domain, forms
from plenary.cbm.models import CbmReport
from plenary.core.actor import Actor
from plenary.treaties.models import State

HISTORY = Path(__file__).resolve().parent / "data" / "cbm_history.csv"
YEAR = 2024
# The day each example report of YEAR was received (examples, not the States' real dates).
RECEIVED = {
    "DEU": dt.date(2025, 4, 9),
    "FRA": dt.date(2025, 4, 14),
    "CHE": dt.date(2025, 3, 28),
    "SWE": dt.date(2025, 5, 6),
}

E_NONE = {f"{t}_{c}": "no" for t in forms.E_TOPICS for c in forms.E_COLUMNS}
E_LAWS = {
    **E_NONE,
    "a_legislation": "yes",
    "b_legislation": "yes",
    "c_legislation": "yes",
    "d_regulations": "yes",
}

# code -> (visibility, languages, Form 0 rows, entries): all examples.
EXAMPLES = {
    "DEU": (
        "public",
        ["en"],
        {
            "A2i": "declared",
            "A2ii": "nothing",
            "A2iii": "nothing",
            "B": "nothing",
            "C": ("nothing_new", 2021),
            "F": ("nothing_new", 1992),
        },
        [
            (
                "A1i",
                {
                    "name": "Example high-containment laboratory (example)",
                    "organization": "Example research institute",
                    "location": "Example street 1, Example city",
                    "financing": "Example: federal research budget; not the Ministry of Defence",
                    "units": "2",
                    "unit_area": "150",
                    "scope": "Example: diagnostics and research on haemorrhagic fever viruses",
                },
            ),
            ("A2i", {"programmes": "no"}),
            (
                "E",
                {
                    **E_LAWS,
                    "laws": "Example: the law on the control of weapons of war; the example export regulation",
                },
            ),
            (
                "G",
                {
                    "name": "Example vaccine plant (example)",
                    "location": "Example city",
                    "diseases": "Example: influenza",
                },
            ),
        ],
    ),
    "FRA": (
        "restricted",
        ["fr", "en"],
        {
            "A2i": "declared",
            "A2ii": "nothing",
            "A2iii": "nothing",
            "B": "nothing",
            "C": ("nothing_new", 2020),
            "F": ("nothing_new", 1992),
        },
        [
            (
                "A1i",
                {
                    "name": "Exemple de laboratoire P4 (exemple)",
                    "organization": "Exemple d'organisme de recherche",
                    "location": "Exemple de ville",
                    "financing": "Exemple : budget de la recherche",
                    "units": "1",
                    "scope": "Exemple : diagnostic des virus hautement pathogènes",
                },
            ),
            ("A2i", {"programmes": "no"}),
            ("E", {**E_LAWS, "laws": "Exemple : code de la défense ; exemple de règlement"}),
            (
                "G",
                {
                    "name": "Exemple d'usine de vaccins (exemple)",
                    "location": "Exemple de ville",
                    "diseases": "Exemple : grippe",
                },
            ),
        ],
    ),
    "CHE": (
        "public",
        ["en", "fr"],
        {code: "nothing" for code in ("A2i", "A2ii", "A2iii", "B", "F", "G")} | {"C": ("nothing_new", 2022)},
        [
            ("A1ii", {"level": "BSL3", "information": "Example: two BSL3 laboratories"}),
            ("E", {**E_LAWS, "laws": "Example: the example federal act on weapons"}),
        ],
    ),
    "SWE": (
        "restricted",
        ["en"],
        {code: ("nothing_new", 2023) for code in forms.MEASURES},
        [],
    ),
}


def history_rows() -> list[dict]:
    lines = [line for line in HISTORY.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def load_examples(*, by: Actor, year: int = YEAR) -> int:
    """The example reports of `year` not yet made; returns how many were made."""
    made = 0
    for code, (visibility, languages, form0, entries) in EXAMPLES.items():
        state = State.objects.filter(code=code).first()
        if state is None or CbmReport.objects.filter(state=state, year=year, example=True).exists():
            continue
        report = domain.start_report(state, year, by=by, languages=languages, example=True)
        rows = []
        declared = {forms.FORMS[form].measure for form, _data in entries}
        for measure in forms.MEASURES:
            answer = form0.get(measure, "declared" if measure in declared else None)
            if answer is None:
                continue
            answer, last = answer if isinstance(answer, tuple) else (answer, None)
            rows.append(forms.Declaration(measure, answer, last))
        domain.set_form0(report, rows, by=by)
        for form, data in entries:
            domain.add_entry(report, form, data, by=by)
        received = RECEIVED.get(code) if year == YEAR else None
        domain.submit_report(report, visibility=visibility, by=by, received_on=received)
        made += 1
    return made


def load_demo(*, by: Actor, say: Callable[[str], None]) -> dict[str, int]:
    """The history (its counts are returned: what `plenary demo` reports as changed) and the
    example reports."""
    say("loading the CBM history")
    counts = domain.load_history(history_rows(), by=by)
    say("loading the example CBM reports")
    load_examples(by=by)
    return counts
