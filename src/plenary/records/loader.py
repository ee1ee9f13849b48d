"""Load a meeting record: validate all of it, then write all of it, or nothing.

`load_record(data)` checks the document against the JSON Schema and then against the reference
data (States, organizations, groups, treaty status, symbols); every problem is reported with its
path in the file (`delegations[12].state: unknown code 'XYZ'`). Only a valid record is written,
in one transaction, through the apps' domain functions. Loading the same record twice changes
nothing: a load whose result equals what was there is rolled back and reported as unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import jsonschema
from django.db import transaction

from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError
from plenary.core.jsondata import jsonable
from plenary.documents.domain import atomic_files, frozen_symbols, record_document
from plenary.documents.models import Document
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.domain import save_meeting, seat_officers
from plenary.meetings.models import AgendaItem, Meeting, SecretariatMember, Sitting
from plenary.participation.domain import expected_category, register_delegation
from plenary.participation.models import AttendanceTally, Category, Delegation, Organization
from plenary.proceedings.models import Decision, Reservation, Statement
from plenary.records.exporter import export_record
from plenary.records.schema import SCHEMA
from plenary.reports.domain import check_report_reload, store_issued_report
from plenary.reports.models import Report
from plenary.treaties.models import Group, State, Treaty


class RecordError(DomainError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"the record has {len(problems)} problem(s); nothing was loaded:\n"
            + "\n".join(f"  {p}" for p in problems)
        )


@dataclass
class LoadResult:
    series: str
    changed: bool


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def schema_problems(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    problems = []
    for error in sorted(
        validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)
    ):
        problems.append(f"{_path(error.absolute_path)}: {error.message}")
    return problems


class _Refs:
    """The reference data a record names, fetched once."""

    def __init__(self, treaty: Treaty):
        self.treaty = treaty
        self.states = {s.code: s for s in State.objects.all()}
        self.organizations = {o.code: o for o in Organization.objects.all()}
        self.groups = {g.code: g for g in Group.objects.filter(scheme=treaty.code)}

    def party(self, code: str) -> State | Organization | None:
        return self.states.get(code) or self.organizations.get(code)


def check_record(data: dict[str, Any]) -> list[str]:
    """Every problem of the record against the reference data (the schema already holds)."""
    problems: list[str] = []
    add = problems.append
    m = data["meeting"]
    treaty = Treaty.objects.filter(code=m["treaty"]).first()
    if treaty is None:
        return [f"meeting.treaty: unknown treaty {m['treaty']!r}"]
    refs = _Refs(treaty)
    start, end = dt.date.fromisoformat(m["start"]), dt.date.fromisoformat(m["end"])
    if end < start:
        add(f"meeting.end: {m['end']} is before meeting.start {m['start']}")
    agenda = {a["number"] for a in data.get("agenda", [])}
    if len(agenda) != len(data.get("agenda", [])):
        add("agenda: an item number is used twice")

    def state(path: str, code: str | None) -> None:
        if code is not None and code not in refs.states:
            add(f"{path}: unknown code {code!r}")

    def organization(path: str, code: str | None) -> None:
        if code is not None and code not in refs.organizations:
            add(f"{path}: unknown organization {code!r}")

    def group(path: str, code: str | None) -> None:
        if code is not None and code not in refs.groups:
            add(f"{path}: unknown {treaty.code} group {code!r} (known: {', '.join(refs.groups)})")

    def item(path: str, number: int | None) -> None:
        if number is not None and number not in agenda:
            add(f"{path}: agenda item {number} is not on the agenda")

    for i, o in enumerate(data.get("officers", [])):
        state(f"officers[{i}].state", o.get("state"))
        group(f"officers[{i}].group", o.get("group"))
    for i, s in enumerate(data.get("sittings", [])):
        for j, n in enumerate(s.get("items", [])):
            item(f"sittings[{i}].items[{j}]", n)
    meeting_stub = Meeting(
        treaty=treaty, series=m["series"], year=m["year"], start=start, closed=m.get("closed", False)
    )
    seen: set[str] = set()
    for i, d in enumerate(data.get("delegations", [])):
        path = f"delegations[{i}]"
        if ("state" in d) == ("organization" in d):
            add(f"{path}: give either state or organization")
            continue
        code = d.get("state") or d.get("organization")
        if code in seen:
            add(f"{path}: {code} has a second delegation")
        seen.add(code)
        if "state" in d:
            state(f"{path}.state", d["state"])
            who = refs.states.get(d["state"])
            kw = {"state": who}
        else:
            organization(f"{path}.organization", d["organization"])
            who = refs.organizations.get(d["organization"])
            kw = {"organization": who}
        if who is None:
            continue
        expected = expected_category(meeting_stub, **kw)
        if d.get("category") and d["category"] != expected:
            label = dict(Category.choices)
            add(
                f"{path}.category: {code} registers as {label[expected]} on {m['start']}, not as {label[d['category']]}"
            )
        if meeting_stub.closed and expected not in (Category.STATE_PARTY, Category.SIGNATORY):
            add(f"{path}: the meeting is closed to States Parties and signatories; {code} cannot attend")
    symbols: dict[str, int] = {}
    for i, doc in enumerate(data.get("documents", [])):
        path = f"documents[{i}]"
        try:
            parsed = parse(doc["symbol"])
        except SymbolError as exc:
            add(f"{path}.symbol: {exc}")
            continue
        symbol = parsed.format()
        if symbol in symbols:
            add(f"{path}.symbol: {symbol} is listed twice")
        if parsed.parent is not None and parsed.parent.format() not in symbols:
            if (
                not Document.objects.filter(symbol=parsed.parent.format())
                .exclude(meeting__series=m["series"])
                .exists()
            ):
                add(f"{path}.symbol: its parent {parsed.parent.format()} must come before it")
        other = Document.objects.filter(symbol=symbol).exclude(meeting__series=m["series"]).first()
        if other is not None:
            add(f"{path}.symbol: {symbol} is recorded for another meeting")
        symbols[symbol] = i
        for key in ("submitters", "co_sponsors"):
            for j, code in enumerate(doc.get(key, [])):
                if refs.party(code) is None:
                    add(f"{path}.{key}[{j}]: unknown State or organization {code!r}")
        group(f"{path}.on_behalf_of", doc.get("on_behalf_of"))
        item(f"{path}.agenda_item", doc.get("agenda_item"))
    for i, s in enumerate(data.get("statements", [])):
        path = f"statements[{i}]"
        state(f"{path}.state", s.get("state"))
        organization(f"{path}.organization", s.get("organization"))
        organization(f"{path}.on_behalf_of_organization", s.get("on_behalf_of_organization"))
        group(f"{path}.on_behalf_of_group", s.get("on_behalf_of_group"))
        for j, code in enumerate(s.get("on_behalf_of_states", [])):
            state(f"{path}.on_behalf_of_states[{j}]", code)
        item(f"{path}.agenda_item", s.get("agenda_item"))
        if s["kind"] == "state" and "state" not in s:
            add(f"{path}: a statement of kind 'state' needs a state")
        if s["kind"] == "observer" and "organization" not in s:
            add(f"{path}: a statement of kind 'observer' needs an organization")
        if s["kind"] == "state" and s.get("state") and s["state"] not in seen:
            add(f"{path}.state: {s['state']} speaks but has no delegation")
    keys = [d["key"] for d in data.get("decisions", [])]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        add(f"decisions: key {key!r} is used twice")
    for i, r in enumerate(data.get("reservations", [])):
        state(f"reservations[{i}].state", r.get("state"))
    report = data.get("report")
    if report:
        for key in ("draft", "final"):
            if report.get(key):
                try:
                    symbol = parse(report[key]).format()
                except SymbolError as exc:
                    add(f"report.{key}: {exc}")
                    continue
                if symbol not in symbols:
                    add(f"report.{key}: {symbol} is not among the record's documents")
        item("report.agenda_item", report.get("agenda_item"))
    return problems


def load_record(data: Any, *, by: Actor, say: Callable[[str], None] | None = None) -> LoadResult:
    """Validate `data` (a parsed YAML/JSON record) and load it, all or nothing."""
    by = by.through("load")
    say = say or (lambda message: None)
    data = jsonable(data)
    problems = schema_problems(data)
    if problems:
        raise RecordError(problems)
    problems = check_record(data)
    if problems:
        raise RecordError(problems)
    series = data["meeting"]["series"]
    before = export_record(series) if Meeting.objects.filter(series=series).exists() else None
    with atomic_files():
        _write(data, by=by, say=say)
        after = export_record(series)
        if after == before:
            transaction.set_rollback(True)
            return LoadResult(series, False)
        meeting = Meeting.objects.get(series=series)
        log_action(by, "record.load", meeting, before=_digest(before), after=_digest(after))
    return LoadResult(series, True)


def _digest(record: dict[str, Any] | None) -> dict[str, Any] | None:
    if record is None:
        return None
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    counts = {k: len(v) for k, v in record.items() if isinstance(v, list)}
    return {"sha256": hashlib.sha256(text.encode()).hexdigest(), "counts": counts}


def _clear(meeting: Meeting, kept: set[str]) -> None:
    """Remove the meeting's records before they are written anew from the record."""
    Report.objects.filter(meeting=meeting).delete()
    Reservation.objects.filter(meeting=meeting).delete()
    Decision.objects.filter(meeting=meeting).delete()
    Statement.objects.filter(meeting=meeting).delete()
    # Children before parents: a Corr. or Add. protects its parent.
    for doc in Document.objects.filter(meeting=meeting).exclude(symbol__in=kept).order_by("-symbol"):
        doc.family.filter(meeting=meeting).exclude(symbol__in=kept).delete()
        doc.delete()
    Delegation.objects.filter(meeting=meeting).delete()
    AttendanceTally.objects.filter(meeting=meeting).delete()
    Sitting.objects.filter(meeting=meeting).delete()
    SecretariatMember.objects.filter(meeting=meeting).delete()
    AgendaItem.objects.filter(meeting=meeting).delete()


def _write(data: dict[str, Any], *, by: Actor, say: Callable[[str], None]) -> None:
    m = data["meeting"]
    treaty = Treaty.objects.get(code=m["treaty"])
    refs = _Refs(treaty)
    meeting, _ = save_meeting(
        treaty,
        m["series"],
        by=by,
        kind=m["kind"],
        number=m.get("number"),
        year=m["year"],
        start=dt.date.fromisoformat(m["start"]),
        end=dt.date.fromisoformat(m["end"]),
        days=m.get("days"),
        venue=m.get("venue", ""),
        status=m.get("status", "held"),
        title=m.get("title", {}),
        topics=m.get("topics", {}),
        note="",
        venues=m.get("venues", {}),
        closed=m.get("closed", False),
    )
    seat_officers(meeting, data.get("officers", []), by=by)
    check_report_reload(meeting, data.get("report"))
    kept = frozen_symbols(meeting)  # issued documents with stored files stay as they are
    _clear(meeting, kept)
    say("agenda, secretariat, programme of work")
    SecretariatMember.objects.bulk_create(
        [
            SecretariatMember(
                meeting=meeting,
                role=s["role"],
                name=s["name"],
                names=s.get("names", {}),
                functions=s.get("functions", {}),
                honorific=s.get("honorific", ""),
                position=i,
            )
            for i, s in enumerate(data.get("secretariat", []))
        ]
    )
    items = {
        a["number"]: AgendaItem.objects.create(meeting=meeting, number=a["number"], title=a["title"])
        for a in data.get("agenda", [])
    }
    Sitting.objects.bulk_create(
        [
            Sitting(
                meeting=meeting,
                position=i,
                dates=s["dates"],
                items=s.get("items", []),
                subject=s.get("subject", {}),
            )
            for i, s in enumerate(data.get("sittings", []))
        ]
    )
    say(f"{len(data.get('delegations', []))} delegations")
    for i, d in enumerate(data.get("delegations", [])):
        register_delegation(
            meeting,
            by=by,
            state=refs.states.get(d.get("state", "")),
            organization=refs.organizations.get(d.get("organization", "")),
            category=d.get("category"),
            status=d.get("status", Delegation.Status.REGISTERED),
            members=d.get("members", []),
            position=i,
        )
    AttendanceTally.objects.bulk_create(
        [
            AttendanceTally(
                meeting=meeting, category=t["category"], count=t["count"], source=t.get("source", "")
            )
            for t in data.get("attendance_tallies", [])
        ]
    )
    say(f"{len(data.get('documents', []))} documents")
    for i, doc in enumerate(data.get("documents", [])):
        if parse(doc["symbol"]).format() in kept:
            continue
        record_document(
            meeting,
            by=by,
            symbol=doc["symbol"],
            title=doc["title"],
            original_language=doc.get("original_language", "en"),
            versions=doc.get("versions", []),
            submitters=[refs.party(c) for c in doc.get("submitters", [])],
            co_sponsors=[refs.party(c) for c in doc.get("co_sponsors", [])],
            secretariat=doc.get("secretariat", False),
            on_behalf_of=refs.groups.get(doc.get("on_behalf_of", "")),
            submitted_by_text=doc.get("submitted_by_text"),
            agenda_item=items.get(doc.get("agenda_item")),
            issued_on=_date(doc.get("issued_on")),
            status=doc.get("status", Document.Status.ISSUED),
            position=i,
        )
    say(f"{len(data.get('statements', []))} statements, decisions, report")
    Statement.objects.bulk_create(
        [
            Statement(
                meeting=meeting,
                position=i,
                kind=s["kind"],
                state=refs.states.get(s.get("state", "")),
                organization=refs.organizations.get(s.get("organization", "")),
                speaker=s.get("speaker", ""),
                agenda_item=items.get(s.get("agenda_item")),
                on_behalf_of_states=s.get("on_behalf_of_states", []),
                on_behalf_of_organization=refs.organizations.get(s.get("on_behalf_of_organization", "")),
                on_behalf_of_group=refs.groups.get(s.get("on_behalf_of_group", "")),
                on_behalf_of_text=s.get("on_behalf_of_text", {}),
                endorsed_by_ngos=s.get("endorsed_by_ngos"),
                endorsed_by_individuals=s.get("endorsed_by_individuals"),
                informal=s.get("informal", False),
            )
            for i, s in enumerate(data.get("statements", []))
        ]
    )
    Decision.objects.bulk_create(
        [
            Decision(
                meeting=meeting,
                key=d["key"],
                position=i,
                text=d["text"],
                adopted_on=_date(d.get("adopted_on")),
                method=d.get("method", Decision.Method.CONSENSUS),
            )
            for i, d in enumerate(data.get("decisions", []))
        ]
    )
    Reservation.objects.bulk_create(
        [
            Reservation(
                meeting=meeting,
                applies_to=r["applies_to"],
                state=refs.states.get(r.get("state", "")),
                text=r["text"],
                position=i,
            )
            for i, r in enumerate(data.get("reservations", []))
        ]
    )
    report = data.get("report")
    if report:
        docs = {d.symbol: d for d in Document.objects.filter(meeting=meeting)}
        created = Report.objects.create(
            meeting=meeting,
            draft=docs.get(parse(report["draft"]).format()) if report.get("draft") else None,
            final=docs.get(parse(report["final"]).format()) if report.get("final") else None,
            status=report.get("status", Report.Status.DRAFT),
            adopted_on=_date(report.get("adopted_on")),
            orally_amended=report.get("orally_amended", False),
            agenda_item=report.get("agenda_item"),
            job_number=report.get("job_number", ""),
            original_language=report.get("original_language", "en"),
            issued_on=_date(report.get("issued_on")),
            texts=report.get("texts", {}),
        )
        if created.status == Report.Status.ISSUED:
            store_issued_report(created, by=by)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
