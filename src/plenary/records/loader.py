"""Load a meeting record: check all of it, then merge it into the database through the domain,
all or nothing.

A load matches what the file holds with what the database holds by natural keys: the meeting by
its series, documents by symbol, delegations by State or organization, decisions by key,
attendance tallies by category, agenda items by number, sittings, statements and reservations by
their place in the list, officers and the secretariat as wholes. It creates what is new and
updates what changed, each through the capability app's domain function. A plain load never
removes anything, and a field that an entry leaves out keeps its value. With `replace=True` the
file is the whole truth of the meeting: what it does not have is removed, and fields an entry
leaves out take their defaults; only a sealed record (see `seal.py`) may replace.

What the record format does not describe is never touched: floor requests, working papers, the
files of language versions, the meeting's note. The domain refuses any change to issued material
(an issued document, a decision taken, an adopted or issued report) with Frozen; the load collects
every refusal with the entry's path, and then writes nothing at all.

Each load that changes something writes one audit entry, `record.load` on the meeting, whose
`after.changes` lists every change as {object, key, before, after}, with the entries as the
export writes them: enough to explain the load and to undo it. The domain functions write their
own entries beside it. A load that changes nothing writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import jsonschema
from django.db import DatabaseError, transaction

from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen
from plenary.core.jsondata import jsonable
from plenary.documents.domain import (
    MAX_NUMBER,
    atomic_files,
    record_document,
    remove_document,
    update_document,
)
from plenary.documents.models import Document
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.domain import (
    record_sitting,
    remove_agenda_item,
    remove_sitting,
    save_agenda_item,
    save_meeting,
    seat_officers,
    set_secretariat,
    update_sitting,
)
from plenary.meetings.models import AgendaItem, Meeting
from plenary.participation.domain import (
    expected_category,
    register_delegation,
    remove_delegation,
    remove_tally,
    save_tally,
    update_delegation,
)
from plenary.participation.models import Category, Delegation, Organization
from plenary.proceedings.domain import (
    STATEMENT_DEFAULTS,
    record_decision,
    record_reservation,
    record_statement,
    remove_decision,
    remove_reservation,
    remove_statement,
    update_decision,
    update_reservation,
    update_statement,
)
from plenary.proceedings.models import Decision
from plenary.records.exporter import export_record
from plenary.records.schema import SCHEMA
from plenary.records.seal import canonical_json, counts, is_sealed, seal_problems
from plenary.reports.domain import record_report, remove_report, store_issued_report, update_report
from plenary.reports.models import Report
from plenary.treaties.models import Group, State, Treaty

Say = Callable[[str], None]


class RecordError(DomainError):
    """The record cannot be loaded; `problems` says why, each with its place in the file."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"the record has {len(problems)} problem(s); nothing was loaded:\n"
            + "\n".join(f"  {p}" for p in problems)
        )


class RecordFrozen(RecordError, Frozen):
    """The record would change or remove issued material: the whole file is refused."""


@dataclass(frozen=True)
class Change:
    """One object a load adds (before None), changes, or removes (after None), as exported."""

    object: str
    key: str
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        return "add" if self.before is None else "remove" if self.after is None else "change"

    @property
    def where(self) -> str:
        """How a person names the object: `documents BWC/MSP/2017/WP.9`, `statements[12]`."""
        if self.object == "meeting":
            return f"meeting {self.key}"
        if self.object in ("officers", "secretariat", "report"):
            return self.object
        if self.object in ("sittings", "statements", "reservations"):
            return f"{self.object}[{self.key}]"
        return f"{self.object} {self.key}"

    def fields(self) -> list[str]:
        """The fields that differ, for a change of one entry."""
        if isinstance(self.before, dict) and isinstance(self.after, dict):
            keys = list(dict.fromkeys([*self.before, *self.after]))
            return [k for k in keys if self.before.get(k) != self.after.get(k)]
        return []

    def as_dict(self) -> dict[str, Any]:
        return {"object": self.object, "key": self.key, "before": self.before, "after": self.after}


@dataclass
class LoadResult:
    series: str
    changes: list[Change] = field(default_factory=list)
    applied: bool = False

    @property
    def changed(self) -> bool:
        return self.applied and bool(self.changes)


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "maxLength" and isinstance(error.instance, str):
        return f"{len(error.instance):,} characters is too long (at most {error.validator_value})"
    if error.validator == "maxItems" and isinstance(error.instance, list):
        return f"{len(error.instance):,} entries are too many (at most {error.validator_value})"
    message = " ".join(error.message.split())
    return message if len(message) <= 240 else message[:240] + "..."


# JSON Schema counts 2017.0 as an integer; the database's integer columns do not take it.
_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool)
    ),
)


def schema_problems(data: Any) -> list[str]:
    validator = _Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return [
        f"{_path(error.absolute_path)}: {_message(error)}"
        for error in sorted(
            validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)
        )
    ]


class _Refs:
    """The reference data a record names, fetched once."""

    def __init__(self, treaty: Treaty):
        self.treaty = treaty
        self.states = {s.code: s for s in State.objects.all()}
        self.organizations = {o.code: o for o in Organization.objects.all()}
        self.groups = {g.code: g for g in Group.objects.filter(scheme=treaty.code)}

    def party(self, code: str) -> State | Organization | None:
        return self.states.get(code) or self.organizations.get(code)


def _symbol(text: str) -> str:
    return parse(text).format()


def check_record(data: dict[str, Any], *, replace: bool = False) -> list[str]:
    """Every problem of the record against the reference data (the schema already holds). A
    plain load may name what the meeting already holds (its agenda items, delegations,
    documents); a replacing one only what the file itself has."""
    problems: list[str] = []
    add = problems.append
    m = data["meeting"]
    treaty = Treaty.objects.filter(code=m["treaty"]).first()
    if treaty is None:
        return [f"meeting.treaty: unknown treaty {m['treaty']!r}"]
    refs = _Refs(treaty)
    held = None if replace else Meeting.objects.filter(series=m["series"]).first()
    start, end = dt.date.fromisoformat(m["start"]), dt.date.fromisoformat(m["end"])
    if end < start:
        add(f"meeting.end: {m['end']} is before meeting.start {m['start']}")
    agenda = {a["number"] for a in data.get("agenda", [])}
    if len(agenda) != len(data.get("agenda", [])):
        add("agenda: an item number is used twice")
    if held is not None:
        agenda |= set(held.agenda.filter(parent=None).values_list("number", flat=True))

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
    categories = [t["category"] for t in data.get("attendance_tallies", [])]
    for c in sorted({c for c in categories if categories.count(c) > 1}):
        add(f"attendance_tallies: category {c!r} is counted twice")
    speakers = set(seen)
    if held is not None:
        speakers |= {
            d.state.code if d.state else d.organization.code  # type: ignore[union-attr]
            for d in Delegation.objects.filter(meeting=held).select_related("state", "organization")
        }
    symbols: dict[str, int] = {}
    known = set() if held is None else set(held.documents.values_list("symbol", flat=True))
    for i, doc in enumerate(data.get("documents", [])):
        path = f"documents[{i}]"
        try:
            parsed = parse(doc["symbol"])
        except SymbolError as exc:
            add(f"{path}.symbol: {exc}")
            continue
        symbol = parsed.format()
        if len(symbol) > Document._meta.get_field("symbol").max_length:  # type: ignore[operator]
            add(f"{path}.symbol: {len(symbol)} characters is too long (a symbol has at most 100)")
            continue
        if parsed.number > MAX_NUMBER:
            add(f"{path}.symbol: document number {parsed.number} is out of range (at most {MAX_NUMBER:,})")
            continue
        if symbol in symbols:
            add(f"{path}.symbol: {symbol} is listed twice")
        parent = parsed.parent.format() if parsed.parent is not None else None
        if parent is not None and parent not in symbols and parent not in known:
            if not Document.objects.filter(symbol=parent).exclude(meeting__series=m["series"]).exists():
                add(f"{path}.symbol: its parent {parent} must come before it")
        other = Document.objects.filter(symbol=symbol).exclude(meeting__series=m["series"]).first()
        if other is not None:
            add(f"{path}.symbol: {symbol} is recorded for another meeting")
        symbols[symbol] = i
        langs = [v["lang"] for v in doc.get("versions", [])]
        for lang in sorted({lang for lang in langs if langs.count(lang) > 1}):
            add(f"{path}.versions: the {lang} version is listed twice")
        for key in ("submitters", "co_sponsors"):
            for j, code in enumerate(doc.get(key, [])):
                if refs.party(code) is None:
                    add(f"{path}.{key}[{j}]: unknown State or organization {code!r}")
            codes = doc.get(key, [])
            for code in sorted({c for c in codes if codes.count(c) > 1}):
                add(f"{path}.{key}: {code} is listed twice")
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
        if s["kind"] == "state" and s.get("state") and s["state"] not in speakers:
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
                if symbol not in symbols and symbol not in known:
                    add(f"report.{key}: {symbol} is not among the record's documents")
        item("report.agenda_item", report.get("agenda_item"))
    return problems


def load_record(
    data: Any,
    *,
    by: Actor,
    replace: bool = False,
    dry_run: bool = False,
    say: Say | None = None,
) -> LoadResult:
    """Check `data` (a parsed YAML/JSON record) and merge it into the database, all or nothing.

    `replace`: the record is the whole truth of its meeting (it must be sealed). `dry_run`: work
    out every change, with every refusal, and write nothing. Raises RecordError (RecordFrozen
    when issued material would change) listing every problem; nothing is written then.
    """
    by = by.through("load")
    say = say or (lambda message: None)
    data = jsonable(data)
    if not isinstance(data, dict):
        raise RecordError(
            [f"(top): a meeting record is a mapping (format, meeting, ...), not a {_kind(data)}"]
        )
    problems = seal_problems(data)
    if problems:
        raise RecordError(problems)
    if replace and not is_sealed(data):
        raise RecordError(
            [
                "(top): only a sealed record (an export, with `sealed: true` and its trailer `end`) "
                "replaces a meeting's record: a file without its trailer may have been cut short. "
                "Seal an edited export with `plenary record seal`"
            ]
        )
    problems = schema_problems(data)
    if problems:
        raise RecordError(problems)
    problems = check_record(data, replace=replace)
    if problems:
        raise RecordError(problems)
    record = {k: v for k, v in data.items() if k not in ("sealed", "end", "source")}
    series = record["meeting"]["series"]
    before = export_record(series) if Meeting.objects.filter(series=series).exists() else {}
    with atomic_files():  # the files an issued report's load renders go if the load is refused
        merge = _Merge(record, by=by, replace=replace, say=say)
        merge.run()
        if merge.problems:
            error = RecordFrozen if merge.frozen else RecordError
            raise error(merge.problems)
        after = export_record(series)
        changes = diff_records(before, after)
        if not changes or dry_run:
            transaction.set_rollback(True)
            return LoadResult(series, changes, applied=False)
        log_action(
            by,
            "record.load",
            merge.meeting,
            before=_digest(before) if before else None,
            after={
                **_digest(after),
                "replace": replace,
                "changes": [c.as_dict() for c in changes],
            },
        )
    return LoadResult(series, changes, applied=True)


def _kind(value: Any) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "yes/no value"}.get(
        type(value), type(value).__name__
    )


def _digest(record: dict[str, Any]) -> dict[str, Any]:
    return {"sha256": hashlib.sha256(canonical_json(record)).hexdigest(), "counts": counts(record)}


# -- what changed ------------------------------------------------------------------------------

PARTS = (
    "meeting",
    "officers",
    "secretariat",
    "agenda",
    "sittings",
    "delegations",
    "attendance_tallies",
    "documents",
    "statements",
    "decisions",
    "reservations",
    "report",
)
# The natural key of an entry of each list (its place in the list where it has no other).
KEYS: dict[str, Callable[[dict[str, Any], int], str]] = {
    "agenda": lambda e, i: str(e["number"]),
    "sittings": lambda e, i: str(i),
    "delegations": lambda e, i: e.get("state") or e.get("organization") or "",
    "attendance_tallies": lambda e, i: e["category"],
    "documents": lambda e, i: e["symbol"],
    "statements": lambda e, i: str(i),
    "decisions": lambda e, i: e["key"],
    "reservations": lambda e, i: str(i),
}
# Lists whose entries have a key of their own and an order besides.
ORDERED = ("delegations", "documents", "decisions")


def diff_records(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every change from one export of a meeting to another, part by part, by natural keys."""
    changes: list[Change] = []
    series = (after.get("meeting") or before.get("meeting") or {}).get("series", "")
    for part in PARTS:
        old, new = before.get(part), after.get(part)
        if part not in KEYS:
            if old != new:
                changes.append(Change(part, series if part == "meeting" else part, old, new))
            continue
        key = KEYS[part]
        olds = {key(e, i): e for i, e in enumerate(old or [])}
        news = {key(e, i): e for i, e in enumerate(new or [])}
        for k, e in news.items():
            if k not in olds:
                changes.append(Change(part, k, None, e))
            elif olds[k] != e:
                changes.append(Change(part, k, olds[k], e))
        for k, e in olds.items():
            if k not in news:
                changes.append(Change(part, k, e, None))
        if part in ORDERED:
            kept_old, kept_new = [k for k in olds if k in news], [k for k in news if k in olds]
            if kept_old != kept_new:
                changes.append(Change(part, "(order)", kept_old, kept_new))
    return changes


# -- writing, through the domain ---------------------------------------------------------------

# What an entry's left-out fields mean (as the export leaves them out): used for new entries and,
# with replace, for every entry.
MEETING_DEFAULTS = {
    "number": None,
    "days": None,
    "venue": "",
    "venues": {},
    "status": "held",
    "closed": False,
    "title": {},
    "topics": {},
}
DOCUMENT_DEFAULTS = {
    "original_language": "en",
    "versions": [],
    "submitters": [],
    "co_sponsors": [],
    "secretariat": False,
    "on_behalf_of": None,
    "submitted_by_text": {},
    "agenda_item": None,
    "issued_on": None,
    "status": Document.Status.ISSUED,
}
REPORT_DEFAULTS = {
    "draft": None,
    "final": None,
    "status": Report.Status.DRAFT,
    "adopted_on": None,
    "orally_amended": False,
    "agenda_item": None,
    "job_number": "",
    "original_language": "en",
    "issued_on": None,
    "texts": {},
}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class _Merge:
    """One load's writes, part by part, each through its domain function. A refusal is kept with
    its path and the load goes on, so that one run names every problem; the caller then rolls
    everything back."""

    def __init__(self, record: dict[str, Any], *, by: Actor, replace: bool, say: Say):
        self.record, self.by, self.replace, self.say = record, by, replace, say
        self.treaty = Treaty.objects.get(code=record["meeting"]["treaty"])
        self.refs = _Refs(self.treaty)
        self.problems: list[str] = []
        self.frozen = False
        self.meeting: Meeting | None = None
        self.items: dict[int, AgendaItem] = {}

    def attempt(self, path: str, write: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            with transaction.atomic():
                return write(*args, **kwargs)
        except DomainError as exc:
            self.frozen = self.frozen or isinstance(exc, Frozen)
            self.problems.append(f"{path}: {exc}")
        except DatabaseError as exc:  # a backstop: the schema and the domain refuse first
            self.problems.append(f"{path}: the database refused it ({' '.join(str(exc).split())[:200]})")
        return None

    def entries(self, part: str) -> list[dict[str, Any]]:
        return self.record.get(part, [])

    def given(self, entry: dict[str, Any], defaults: dict[str, Any], *, new: bool) -> dict[str, Any]:
        """The fields to write: those the entry gives, and with replace (or for a new entry) the
        defaults of those it leaves out."""
        return {**defaults, **entry} if (new or self.replace) else dict(entry)

    def run(self) -> None:
        self.write_meeting()
        if self.meeting is None:
            return
        self.say("officers, secretariat, agenda, programme of work")
        self.write_officers()
        self.write_agenda()
        self.write_sittings()
        self.say(f"{len(self.entries('delegations'))} delegations")
        self.write_delegations()
        self.write_tallies()
        self.say(f"{len(self.entries('documents'))} documents")
        self.write_documents()
        self.say(f"{len(self.entries('statements'))} statements, decisions, report")
        self.write_statements()
        self.write_decisions()
        self.write_reservations()
        self.write_report()
        if self.replace:
            self.remove_the_rest()

    # -- the meeting and its officers

    def write_meeting(self) -> None:
        m = self.record["meeting"]
        current = Meeting.objects.filter(series=m["series"]).first()
        fields = (
            "kind",
            "number",
            "year",
            "start",
            "end",
            "days",
            "venue",
            "venues",
            "status",
            "closed",
            "title",
            "topics",
        )
        if current is not None and not self.replace:
            values = {f: getattr(current, f) for f in fields}
        else:
            values = dict(MEETING_DEFAULTS)
        values |= {f: m[f] for f in fields if f in m}
        values["start"], values["end"] = _date(m["start"]), _date(m["end"])
        values["note"] = current.note if current is not None else ""
        result = self.attempt("meeting", save_meeting, self.treaty, m["series"], by=self.by, **values)
        if result is not None:
            self.meeting = result[0]

    def write_officers(self) -> None:
        assert self.meeting is not None
        if "officers" in self.record or self.replace:
            self.attempt("officers", seat_officers, self.meeting, self.entries("officers"), by=self.by)
        if "secretariat" in self.record or self.replace:
            self.attempt(
                "secretariat", set_secretariat, self.meeting, self.entries("secretariat"), by=self.by
            )

    def write_agenda(self) -> None:
        assert self.meeting is not None
        for i, a in enumerate(self.entries("agenda")):
            self.attempt(f"agenda[{i}]", save_agenda_item, self.meeting, a["number"], a["title"], by=self.by)
        # A record names the agenda's items by number; sub-items are not part of the record's agenda.
        self.items = {a.number: a for a in self.meeting.agenda.filter(parent=None)}

    def write_sittings(self) -> None:
        assert self.meeting is not None
        held = list(self.meeting.sittings.order_by("position", "id"))
        defaults = {"items": [], "subject": {}}
        for i, s in enumerate(self.entries("sittings")):
            if i < len(held):
                values = self.given(s, defaults, new=False)
                self.attempt(f"sittings[{i}]", update_sitting, held[i], by=self.by, **values)
            else:
                values = self.given(s, defaults, new=True)
                self.attempt(f"sittings[{i}]", record_sitting, self.meeting, by=self.by, **values)

    # -- who took part

    def write_delegations(self) -> None:
        assert self.meeting is not None
        held = {
            (d.state.code if d.state else d.organization.code): d  # type: ignore[union-attr]
            for d in Delegation.objects.filter(meeting=self.meeting).select_related("state", "organization")
        }
        place = max((d.position for d in held.values()), default=-1) + 1
        for i, d in enumerate(self.entries("delegations")):
            path = f"delegations[{i}]"
            code = d.get("state") or d.get("organization")
            current = held.get(code)
            if current is None:
                self.attempt(
                    path,
                    register_delegation,
                    self.meeting,
                    by=self.by,
                    state=self.refs.states.get(d.get("state", "")),
                    organization=self.refs.organizations.get(d.get("organization", "")),
                    category=d.get("category"),
                    status=d.get("status", Delegation.Status.REGISTERED),
                    members=d.get("members", []),
                    position=i if self.replace else place,
                    review=d.get("review", Delegation.Review.APPROVED),
                )
                place += 1
            elif self.replace:
                self.attempt(
                    path,
                    update_delegation,
                    current,
                    by=self.by,
                    status=d.get("status", Delegation.Status.REGISTERED),
                    members=d.get("members", []),
                    position=i,
                    review=d.get("review", Delegation.Review.APPROVED),
                )
            elif "status" in d or "members" in d or "review" in d:
                self.attempt(
                    path,
                    update_delegation,
                    current,
                    by=self.by,
                    status=d.get("status"),
                    members=d.get("members"),
                    review=d.get("review"),
                )

    def write_tallies(self) -> None:
        assert self.meeting is not None
        held = {t.category: t for t in self.meeting.tallies.all()}
        for i, t in enumerate(self.entries("attendance_tallies")):
            current = held.get(t["category"])
            source = t.get("source", current.source if current is not None and not self.replace else "")
            self.attempt(
                f"attendance_tallies[{i}]",
                save_tally,
                self.meeting,
                category=t["category"],
                count=t["count"],
                source=source,
                by=self.by,
            )

    # -- documents

    def document_values(self, entry: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f, v in entry.items():
            if f == "symbol":
                continue
            if f in ("submitters", "co_sponsors"):
                out[f] = [self.refs.party(code) for code in v]
            elif f == "on_behalf_of":
                out[f] = self.refs.groups.get(v) if v else None
            elif f == "agenda_item":
                out[f] = self.items.get(v) if v else None
            elif f == "issued_on":
                out[f] = _date(v)
            else:
                out[f] = v
        return out

    def write_documents(self) -> None:
        assert self.meeting is not None
        held = {d.symbol: d for d in Document.objects.filter(meeting=self.meeting)}
        place = max((d.position for d in held.values()), default=-1) + 1
        for i, doc in enumerate(self.entries("documents")):
            path = f"documents[{i}]"
            symbol = _symbol(doc["symbol"])
            current = held.get(symbol)
            if current is None:
                values = self.document_values(self.given(doc, DOCUMENT_DEFAULTS, new=True))
                self.attempt(
                    path,
                    record_document,
                    self.meeting,
                    by=self.by,
                    symbol=symbol,
                    position=i if self.replace else place,
                    **values,
                )
                place += 1
            else:
                values = self.document_values(self.given(doc, DOCUMENT_DEFAULTS, new=False))
                if self.replace:
                    values["position"] = i
                self.attempt(f"{path} ({symbol})", update_document, current, by=self.by, **values)

    # -- what was said and decided

    def statement_values(self, entry: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f, v in entry.items():
            if f == "state":
                out[f] = self.refs.states.get(v) if v else None
            elif f in ("organization", "on_behalf_of_organization"):
                out[f] = self.refs.organizations.get(v) if v else None
            elif f == "on_behalf_of_group":
                out[f] = self.refs.groups.get(v) if v else None
            elif f == "agenda_item":
                out[f] = self.items.get(v) if v else None
            else:
                out[f] = v
        return out

    def write_statements(self) -> None:
        assert self.meeting is not None
        held = list(self.meeting.statements.order_by("position"))
        for i, s in enumerate(self.entries("statements")):
            path = f"statements[{i}]"
            if i < len(held):
                values = self.statement_values(self.given(s, STATEMENT_DEFAULTS, new=False))
                self.attempt(path, update_statement, held[i], by=self.by, **values)
            else:
                values = self.statement_values(self.given(s, STATEMENT_DEFAULTS, new=True))
                self.attempt(path, record_statement, self.meeting, by=self.by, **values)

    def write_decisions(self) -> None:
        assert self.meeting is not None
        held = {d.key: d for d in self.meeting.decisions.all()}
        defaults = {"adopted_on": None, "method": Decision.Method.CONSENSUS}
        for i, d in enumerate(self.entries("decisions")):
            path = f"decisions[{i}]"
            current = held.get(d["key"])
            values = self.given(d, defaults, new=current is None)
            values.pop("key")
            if "adopted_on" in values:
                values["adopted_on"] = _date(values["adopted_on"])
            if current is None:
                self.attempt(path, record_decision, self.meeting, key=d["key"], by=self.by, **values)
                if self.replace:
                    created = self.meeting.decisions.filter(key=d["key"]).first()
                    if created is not None:
                        self.attempt(path, update_decision, created, by=self.by, position=i)
            else:
                if self.replace:
                    values["position"] = i
                self.attempt(f"{path} ({d['key']})", update_decision, current, by=self.by, **values)

    def write_reservations(self) -> None:
        assert self.meeting is not None
        held = list(self.meeting.reservations.order_by("position", "id"))
        for i, r in enumerate(self.entries("reservations")):
            path = f"reservations[{i}]"
            values = self.given(r, {"state": None}, new=i >= len(held))
            if "state" in values:
                values["state"] = self.refs.states.get(values["state"]) if values["state"] else None
            if i < len(held):
                self.attempt(path, update_reservation, held[i], by=self.by, **values)
            else:
                self.attempt(path, record_reservation, self.meeting, by=self.by, **values)

    # -- the report

    def report_values(self, entry: dict[str, Any]) -> dict[str, Any]:
        assert self.meeting is not None
        documents = {d.symbol: d for d in Document.objects.filter(meeting=self.meeting)}
        out: dict[str, Any] = {}
        for f, v in entry.items():
            if f in ("draft", "final"):
                out[f] = documents.get(_symbol(v)) if v else None
            elif f in ("adopted_on", "issued_on"):
                out[f] = _date(v)
            else:
                out[f] = v
        return out

    def write_report(self) -> None:
        assert self.meeting is not None
        if "report" not in self.record:
            return
        current = Report.objects.filter(meeting=self.meeting).first()
        if current is None:
            self.create_report(
                self.report_values(self.given(self.record["report"], REPORT_DEFAULTS, new=True))
            )
        else:
            values = self.report_values(self.given(self.record["report"], REPORT_DEFAULTS, new=False))
            self.attempt("report", update_report, current, by=self.by, **values)
            current.refresh_from_db()
            self.store_if_issued(current)

    def create_report(self, values: dict[str, Any]) -> Report | None:
        """The one place where a load creates a report. A report created here may already be
        issued (a meeting held long ago): its files are rendered and stored at once, as issuing
        stores them."""
        assert self.meeting is not None
        report: Report | None = self.attempt("report", record_report, self.meeting, by=self.by, **values)
        self.store_if_issued(report)
        return report

    def store_if_issued(self, report: Report | None) -> None:
        # store_issued_report keeps files already stored and renders only what is missing.
        if report is not None and report.status == Report.Status.ISSUED:
            self.attempt("report", store_issued_report, report, by=self.by)

    # -- with replace: what the file no longer has

    def remove_the_rest(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        self.say("removing what the record no longer holds")

        def missing(path: str) -> str:
            return f"{path} (not in the file)"

        if "report" not in self.record:
            current = Report.objects.filter(meeting=meeting).first()
            if current is not None:
                self.attempt(missing("report"), remove_report, current, by=self.by)
        for reservation in list(meeting.reservations.order_by("position", "id"))[
            len(self.entries("reservations")) :
        ]:
            self.attempt(
                missing(f"reservations: on {reservation.applies_to}"),
                remove_reservation,
                reservation,
                by=self.by,
            )
        keys = {d["key"] for d in self.entries("decisions")}
        for decision in meeting.decisions.exclude(key__in=keys):
            self.attempt(missing(f"decisions: {decision.key}"), remove_decision, decision, by=self.by)
        for statement in list(meeting.statements.order_by("position"))[len(self.entries("statements")) :]:
            self.attempt(missing(f"statements: {statement}"), remove_statement, statement, by=self.by)
        symbols = {_symbol(d["symbol"]) for d in self.entries("documents")}
        # An Add., Corr. or Rev. before the document it amends.
        for document in sorted(
            Document.objects.filter(meeting=meeting).exclude(symbol__in=symbols),
            key=lambda d: (-d.symbol.count("/"), d.symbol),
        ):
            self.attempt(missing(f"documents: {document.symbol}"), remove_document, document, by=self.by)
        categories = {t["category"] for t in self.entries("attendance_tallies")}
        for tally in meeting.tallies.exclude(category__in=categories):
            self.attempt(missing(f"attendance_tallies: {tally.category}"), remove_tally, tally, by=self.by)
        codes = {d.get("state") or d.get("organization") for d in self.entries("delegations")}
        for delegation in Delegation.objects.filter(meeting=meeting).select_related("state", "organization"):
            code = delegation.state.code if delegation.state else delegation.organization.code  # type: ignore[union-attr]
            if code not in codes:
                self.attempt(missing(f"delegations: {code}"), remove_delegation, delegation, by=self.by)
        for sitting in list(meeting.sittings.order_by("position", "id"))[len(self.entries("sittings")) :]:
            self.attempt(missing(f"sittings: {sitting}"), remove_sitting, sitting, by=self.by)
        numbers = {a["number"] for a in self.entries("agenda")}
        for item in meeting.agenda.filter(parent=None).exclude(number__in=numbers):
            self.attempt(missing(f"agenda: item {item.number}"), remove_agenda_item, item, by=self.by)
