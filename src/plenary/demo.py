"""The demo data: reference data, the BWC's meetings from the Eighth Review Conference (2016) to
what is planned for 2027 with the UN documents known by symbol, and the meeting records in
records/data/ (the whole 2017 Meeting of States Parties)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from plenary.assistance.demo import load_demo as assistance_demo
from plenary.cbm.demo import load_demo as load_cbm_demo
from plenary.cooperation.demo import load_demo as cooperation_demo
from plenary.core.actor import Actor
from plenary.documents.loader import load_documents
from plenary.finance.demo_estimates import load_demo as cost_estimates_demo
from plenary.meetings.domain import load_meetings
from plenary.meetings.models import Meeting
from plenary.participation.domain import load_organizations
from plenary.records.loader import load_record
from plenary.records.schema import FORMAT
from plenary.search.index import rebuild_index
from plenary.setup import ensure_database
from plenary.sponsorship.demo import load_demo as sponsorship_demo
from plenary.treaties.reference import load_reference_data

RECORDS_DIR = Path(__file__).resolve().parent / "records" / "data"


def load_demo(*, by: Actor, only_if_empty: bool = False, say: Callable[[str], None] | None = None) -> dict:
    """Load (or refresh) the demo data. Safe to run twice: the second run changes nothing."""
    say = say or (lambda message: None)
    fresh = ensure_database(by=by, say=say)
    if only_if_empty and Meeting.objects.exists():
        say("the database already holds meetings; demo data not reloaded")
        return {"skipped": True}
    reference = {}
    if not fresh:
        say("checking reference data")
        reference = load_reference_data(by=by, progress=say)
    say("loading organizations")
    load_organizations(by=by)
    say("loading meetings")
    meetings = load_meetings(by=by)
    say("loading the documents known by symbol")
    documents = load_documents(by=by)
    meetings["changes"] += documents["changes"]
    records = []
    for path in sorted(RECORDS_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            continue  # a source file beside the records, not a record
        say(f"loading the meeting record {path.name}")
        result = load_record(data, by=by, say=say)
        records.append(result)
    meetings["meetings"] += len(records)
    meetings["changes"] += sum(r.changed for r in records)
    cbm = load_cbm_demo(by=by, say=say)
    assistance_demo(by=by, say=say)
    sponsorship_demo(by=by, say=say)
    cost_estimates_demo(by=by, say=say)
    cooperation_demo(by=by, say=say)
    say("building the search index")
    rebuild_index(say=say)
    return {"reference": reference, "meetings": meetings, "documents": documents, "cbm": cbm}
