"""Reference data: States, their names over time, groups and treaty events, from the data files.

The files live in `plenary/treaties/data/`; each names its sources in its header. Loading checks
every file first and writes nothing when any row is wrong; then it syncs the tables so that a
second load changes nothing (see `plenary.core.sync`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError
from plenary.core.languages import UN_LANGUAGES
from plenary.core.sync import sync_rows
from plenary.treaties.models import Group, GroupMembership, State, StateName, Treaty, TreatyEvent
from plenary.treaties.profile import ProfileError, read_profile

DATA_DIR = Path(__file__).resolve().parent / "data"
TREATIES = ("BWC",)
EVENT_KINDS = {k.value for k in TreatyEvent.Kind}
UN_STATUSES = {s.value for s in State.UNStatus}


class ReferenceDataError(DomainError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"the reference data has {len(problems)} problem(s):\n{shown}{more}")


@dataclass
class Table:
    path: Path
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_table(path: Path, columns: tuple[str, ...], problems: list[str]) -> Table:
    """Read a CSV data file whose leading lines starting with '#' are comments (the sources)."""
    table = Table(path)
    if not path.exists():
        problems.append(f"{path.name}: file missing")
        return table
    lines = path.read_text(encoding="utf-8").splitlines()
    body_start = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), len(lines)
    )
    reader = csv.DictReader(io.StringIO("\n".join(lines[body_start:])))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        problems.append(f"{path.name}:{body_start + 1}: header lacks column(s) {', '.join(missing)}")
        return table
    for offset, row in enumerate(reader, start=body_start + 2):
        if not any((v or "").strip() for v in row.values()) or (row[columns[0]] or "").startswith("#"):
            continue
        table.rows.append((offset, {k: (v or "").strip() for k, v in row.items() if k is not None}))
    return table


def _date(value: str, where: str, problems: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}: {value!r} is not a date (YYYY-MM-DD)")
        return None


def _overlaps(periods: list[tuple[dt.date | None, dt.date | None]]) -> bool:
    lo, hi = dt.date.min, dt.date.max
    spans = sorted(((a or lo), (b or hi)) for a, b in periods)
    return any(prev[1] > cur[0] for prev, cur in zip(spans, spans[1:], strict=False))


def _checksum(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_reference_data(
    *, by: Actor, data_dir: Path = DATA_DIR, progress: Callable[[str], None] | None = None
) -> dict[str, dict[str, int]]:
    """Check every reference data file, then make the database hold exactly what they say.

    Writes nothing and raises ReferenceDataError (listing every problem with file and line) when
    any row is wrong. Safe to run twice: the second run changes nothing.
    """
    say = progress or (lambda message: None)
    problems: list[str] = []
    say("reading States")
    states = read_table(
        data_dir / "states.csv", ("alpha3", "alpha2", "m49", "un_status", "un_regional_group"), problems
    )
    names = read_table(
        data_dir / "state_names.csv", ("alpha3", "lang", "name", "valid_from", "valid_to"), problems
    )
    un_groups = yaml.safe_load((data_dir / "un_groups.yaml").read_text(encoding="utf-8"))
    un_group_codes = {g["code"] for g in un_groups["groups"]}

    state_rows: list[dict[str, Any]] = []
    un_members: list[tuple[str, str, dt.date | None, None]] = []
    codes: set[str] = set()
    for line, row in states.rows:
        where = f"states.csv:{line}"
        code = row["alpha3"]
        if len(code) != 3 or not code.isalpha() or not code.isupper():
            problems.append(f"{where}: {code!r} is not an ISO 3166-1 alpha-3 code")
            continue
        if code in codes:
            problems.append(f"{where}: {code} listed twice")
            continue
        codes.add(code)
        if row["un_status"] not in UN_STATUSES:
            problems.append(
                f"{where}: un_status {row['un_status']!r} is not one of {', '.join(sorted(UN_STATUSES))}"
            )
        group = row["un_regional_group"]
        if group and group not in un_group_codes:
            problems.append(f"{where}: unknown UN regional group {group!r}")
        elif group:
            # un_group_from (optional): the first day in the group; empty = since the groups began.
            since = _date(row.get("un_group_from", ""), where, problems)
            un_members.append((code, group, since, None))
        state_rows.append(
            {
                "code": code,
                "alpha2": row["alpha2"],
                "m49": row["m49"],
                "un_status": row["un_status"],
                "un_member_since": _date(row.get("un_member_since", ""), where, problems),
            }
        )

    name_rows: list[dict[str, Any]] = []
    periods: dict[tuple[str, str], list[tuple[dt.date | None, dt.date | None]]] = defaultdict(list)
    for line, row in names.rows:
        where = f"state_names.csv:{line}"
        if row["alpha3"] not in codes:
            problems.append(f"{where}: unknown State {row['alpha3']!r}")
            continue
        if row["lang"] not in UN_LANGUAGES:
            problems.append(f"{where}: language {row['lang']!r} is not one of {', '.join(UN_LANGUAGES)}")
            continue
        if not row["name"]:
            problems.append(f"{where}: empty name")
            continue
        start = _date(row["valid_from"], where, problems)
        end = _date(row["valid_to"], where, problems)
        if start and end and end <= start:
            problems.append(f"{where}: valid_to {end} is not after valid_from {start}")
        periods[(row["alpha3"], row["lang"])].append((start, end))
        name_rows.append(
            {
                "code": row["alpha3"],
                "lang": row["lang"],
                "name": row["name"],
                "valid_from": start,
                "valid_to": end,
            }
        )
    for (code, lang), spans in sorted(periods.items()):
        if _overlaps(spans):
            problems.append(f"state_names.csv: {code}/{lang}: name periods overlap")
    for code in sorted(codes):
        for lang in UN_LANGUAGES:
            if (code, lang) not in periods:
                problems.append(f"state_names.csv: {code} has no name in {lang}")

    treaty_data = []
    for treaty_code in TREATIES:
        say(f"reading {treaty_code} profile, groups and events")
        try:
            profile = read_profile(treaty_code, data_dir)
        except ProfileError as exc:
            raise DomainError(str(exc)) from exc
        group_codes = {g["code"] for g in profile["groups"]}
        prefix = treaty_code.lower()
        events = read_table(
            data_dir / f"{prefix}_events.csv", ("alpha3", "event", "date", "depositary", "note"), problems
        )
        memberships = read_table(
            data_dir / f"{prefix}_groups.csv", ("alpha3", "group", "valid_from", "valid_to"), problems
        )
        event_rows, seen_events = [], set()
        for line, row in events.rows:
            where = f"{prefix}_events.csv:{line}"
            if row["alpha3"] not in codes:
                problems.append(f"{where}: unknown State {row['alpha3']!r}")
                continue
            if row["event"] not in EVENT_KINDS:
                problems.append(
                    f"{where}: event {row['event']!r} is not one of {', '.join(sorted(EVENT_KINDS))}"
                )
                continue
            date = _date(row["date"], where, problems)
            if date is None:
                if not row["date"]:
                    problems.append(f"{where}: date missing")
                continue
            if (row["alpha3"], row["event"]) in seen_events:
                problems.append(f"{where}: {row['alpha3']} has a second {row['event']}")
                continue
            seen_events.add((row["alpha3"], row["event"]))
            event_rows.append(
                {
                    "code": row["alpha3"],
                    "kind": row["event"],
                    "date": date,
                    "depositary": row["depositary"],
                    "note": row["note"],
                }
            )
        member_rows = []
        member_periods: dict[str, list[tuple[dt.date | None, dt.date | None]]] = defaultdict(list)
        for line, row in memberships.rows:
            where = f"{prefix}_groups.csv:{line}"
            if row["alpha3"] not in codes:
                problems.append(f"{where}: unknown State {row['alpha3']!r}")
                continue
            if row["group"] not in group_codes:
                problems.append(
                    f"{where}: unknown group {row['group']!r} (known: {', '.join(sorted(group_codes))})"
                )
                continue
            start = _date(row["valid_from"], where, problems)
            end = _date(row["valid_to"], where, problems)
            member_periods[row["alpha3"]].append((start, end))
            member_rows.append(
                {"code": row["alpha3"], "group": row["group"], "valid_from": start, "valid_to": end}
            )
        for code, spans in sorted(member_periods.items()):
            if _overlaps(spans):
                problems.append(f"{prefix}_groups.csv: {code} is in two {treaty_code} groups at once")
        treaty_data.append((treaty_code, profile, event_rows, member_rows, [events.path, memberships.path]))

    if problems:
        raise ReferenceDataError(problems)

    summary: dict[str, dict[str, int]] = {}
    with transaction.atomic():
        say(f"writing {len(state_rows)} States")
        summary["states"] = sync_rows(State.objects.all(), ["code"], state_rows).as_dict()
        state_ids = dict(State.objects.values_list("code", "id"))
        say(f"writing {len(name_rows)} names")
        summary["state_names"] = sync_rows(
            StateName.objects.all(),
            ["state_id", "lang", "valid_from"],
            [{"state_id": state_ids[r.pop("code")], **r} for r in name_rows],
        ).as_dict()
        summary["un_groups"] = _sync_groups("UN", un_groups["groups"], un_members, state_ids)
        for treaty_code, profile, event_rows, member_rows, paths in treaty_data:
            say(
                f"writing {treaty_code}: {len(event_rows)} treaty events, {len(member_rows)} group memberships"
            )
            treaty, created = Treaty.objects.get_or_create(code=treaty_code)
            values = {
                "names": profile["names"],
                "short_names": profile["short_names"],
                "opened_for_signature": dt.date.fromisoformat(profile["opened_for_signature"]),
                "entry_into_force": dt.date.fromisoformat(profile["entry_into_force"]),
                "profile": profile,
            }
            changed = created or any(getattr(treaty, k) != v for k, v in values.items())
            if changed:
                for k, v in values.items():
                    setattr(treaty, k, v)
                treaty.save()
            summary[f"{treaty_code}.treaty"] = {
                "created": int(created),
                "updated": int(changed and not created),
                "deleted": 0,
            }
            summary[f"{treaty_code}.events"] = _sync_events(treaty, event_rows, state_ids)
            summary[f"{treaty_code}.groups"] = _sync_groups(
                treaty_code,
                profile["groups"],
                [(r["code"], r["group"], r["valid_from"], r["valid_to"]) for r in member_rows],
                state_ids,
            )
            del paths
        if any(any(counts.values()) for counts in summary.values()):
            files = sorted(data_dir.glob("*.csv")) + sorted(data_dir.glob("*.yaml"))
            log_action(
                by,
                "reference.load",
                object_type="reference-data",
                object_id=_checksum(files),
                after={"files": [f.name for f in files], "changes": summary},
            )
    return summary


def _sync_groups(
    scheme: str, groups: list[dict], members: list[tuple], state_ids: dict[str, int]
) -> dict[str, int]:
    result = sync_rows(
        Group.objects.filter(scheme=scheme),
        ["scheme", "code"],
        [
            {"scheme": scheme, "code": g["code"], "names": g["names"], "order": i}
            for i, g in enumerate(groups)
        ],
    )
    group_ids = dict(Group.objects.filter(scheme=scheme).values_list("code", "id"))
    rows = []
    for member in members:
        code, group = member[0], member[1]
        start, end = (member[2], member[3]) if len(member) > 2 else (None, None)
        rows.append(
            {"group_id": group_ids[group], "state_id": state_ids[code], "valid_from": start, "valid_to": end}
        )
    members_result = sync_rows(
        GroupMembership.objects.filter(group__scheme=scheme), ["group_id", "state_id", "valid_from"], rows
    )
    return {
        "created": result.created + members_result.created,
        "updated": result.updated + members_result.updated,
        "deleted": result.deleted + members_result.deleted,
    }


def _sync_events(treaty: Treaty, event_rows: list[dict], state_ids: dict[str, int]) -> dict[str, int]:
    """Make the treaty's events hold the data file's rows. A deposit the secretariat recorded
    (origin "deposit") that the file does not carry yet stays; one the file carries becomes
    reference data with the file's values. Rows of the file's own that left it are removed."""
    events = TreatyEvent.objects.filter(treaty=treaty)
    desired = [
        {
            "treaty_id": treaty.id,
            "state_id": state_ids[r.pop("code")],
            **r,
            "origin": TreatyEvent.Origin.REFERENCE,
        }
        for r in event_rows
    ]
    result = sync_rows(events, ["state_id", "kind"], desired, delete_missing=False)
    keys = {(r["state_id"], r["kind"]) for r in desired}
    stale = [
        pk
        for pk, state_id, kind in events.filter(origin=TreatyEvent.Origin.REFERENCE).values_list(
            "pk", "state_id", "kind"
        )
        if (state_id, kind) not in keys
    ]
    if stale:
        TreatyEvent.objects.filter(pk__in=stale).delete()
    result.deleted = len(stale)
    return result.as_dict()
