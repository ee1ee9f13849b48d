"""Loading the UN documents known by symbol (no files) from a data file, per meeting series.

The file (data/bwc_documents.yaml) lists each meeting's documents: symbol, title per UN language,
submitters; Plenary holds no file of them, so the pages link each to the official copy at
undocs.org. Documents are written only through record_document and update_document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.db import transaction

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.documents.domain import record_document, update_document
from plenary.documents.models import Document
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.domain import read_data_file
from plenary.meetings.models import Meeting
from plenary.treaties.models import Group, State

DATA_DIR = Path(__file__).resolve().parent / "data"
DOCUMENT_KEYS = {
    "symbol",
    "title",
    "submitted_by",
    "on_behalf_of",
    "secretariat",
    "issued_on",
    "original_language",
    "source",
    "uncertain",
    "note",
}
MEETING_KEYS = {"source", "documents", "note"}


def _values(entry: Mapping[str, Any], where: str, treaty_code: str) -> dict[str, Any]:
    """The record_document arguments of one entry of the file (its States and group looked up)."""
    unknown = sorted(str(k) for k in set(entry) - DOCUMENT_KEYS)
    if unknown:
        raise DomainError(f"{where}: unknown key(s) {', '.join(unknown)}")
    title = entry.get("title")
    if (
        not isinstance(title, Mapping)
        or not title
        or not all(isinstance(v, str) and v.strip() for v in title.values())
    ):
        raise DomainError(f"{where}: give the document's title per UN language (title: {{en: ...}})")
    codes = entry.get("submitted_by") or []
    if not isinstance(codes, list):
        raise DomainError(f"{where}: submitted_by is a list of States (alpha-3 codes)")
    states = {s.code: s for s in State.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in states]
    if missing:
        raise DomainError(f"{where}: unknown State(s) {', '.join(map(str, missing))}")
    group = None
    if entry.get("on_behalf_of"):
        group = Group.objects.filter(scheme=treaty_code, code=entry["on_behalf_of"]).first()
        if group is None:
            raise DomainError(f"{where}: unknown {treaty_code} group {entry['on_behalf_of']!r}")
    issued_on = entry.get("issued_on")
    if issued_on is not None and (isinstance(issued_on, dt.datetime) or not isinstance(issued_on, dt.date)):
        raise DomainError(f"{where}: issued_on must be a date (YYYY-MM-DD), not {issued_on!r}")
    secretariat = entry.get("secretariat", False)
    if not isinstance(secretariat, bool):
        raise DomainError(f"{where}: secretariat is true or false, not {secretariat!r}")
    return {
        "title": {lang: text.strip() for lang, text in title.items()},
        "original_language": entry.get("original_language", "en"),
        "submitters": [states[c] for c in codes],
        "secretariat": secretariat,
        "on_behalf_of": group,
        "issued_on": issued_on,
    }


def load_documents(path: Path | None = None, *, by: Actor) -> dict[str, int]:
    """Record the documents of a data file under their meetings (all or nothing).

    Guarantees: every meeting named is on record and every document is one of its meeting's;
    symbols are valid and each is listed once; titles and submitters are checked by
    record_document; a file that is not valid YAML, or any entry that is refused, raises
    DomainError naming the file and the entry, and nothing is written. Safe to run twice: a
    document already on record with these values is left as it is (an issued document whose
    title the file changes is refused: a correction comes as a Corr. or Rev.). Returns the
    number of documents in the file and of changes made."""
    path = path or DATA_DIR / "bwc_documents.yaml"
    data = read_data_file(path)
    treaty_code = data.get("treaty", "BWC")
    meetings = data.get("meetings") or {}
    if not isinstance(meetings, Mapping):
        raise DomainError(f"{path.name}: meetings must map each meeting's series to its documents")
    count = changed = 0
    seen: set[str] = set()
    with transaction.atomic():
        for series, block in meetings.items():
            where_meeting = f"{path.name}: {series}"
            meeting = Meeting.objects.filter(series=series, treaty__code=treaty_code).first()
            if meeting is None:
                raise DomainError(f"{where_meeting}: no such meeting on record; load the meetings first")
            if not isinstance(block, Mapping) or set(block) - MEETING_KEYS:
                raise DomainError(f"{where_meeting}: give the meeting's source and its list of documents")
            entries = block.get("documents") or []
            if not isinstance(entries, list):
                raise DomainError(f"{where_meeting}: documents must be a list")
            held = {d.symbol: d for d in Document.objects.filter(meeting=meeting)}
            place = max((d.position for d in held.values()), default=-1) + 1
            for i, entry in enumerate(entries):
                where = f"{where_meeting}: documents[{i}]"
                if not isinstance(entry, Mapping):
                    raise DomainError(f"{where}: a document is a mapping (symbol, title ...)")
                symbol = entry.get("symbol")
                try:
                    symbol = parse(str(symbol or "")).format()
                except SymbolError as exc:
                    raise DomainError(f"{where}: {symbol!r} is not a document symbol ({exc})") from None
                where = f"{where} ({symbol})"
                if symbol in seen:
                    raise DomainError(f"{where}: listed twice")
                seen.add(symbol)
                values = _values(entry, where, treaty_code)
                count += 1
                current = held.get(symbol)
                if current is None:
                    other = Document.objects.filter(symbol=symbol).select_related("meeting").first()
                    if other is not None:
                        owner = other.meeting.series if other.meeting else "no meeting"
                        raise DomainError(f"{where}: already recorded under {owner}")
                    try:
                        record_document(meeting, by=by, symbol=symbol, position=place, **values)
                    except DomainError as exc:
                        raise DomainError(f"{where}: {exc}") from None
                    place += 1
                    changed += 1
                else:
                    try:
                        changed += update_document(current, by=by, **values)
                    except DomainError as exc:
                        raise DomainError(f"{where}: {exc}") from None
    return {"documents": count, "changes": changed}
