"""The only writers of meetings, officers and the intersessional programme.

Each function takes who acts as `by` (an Actor), checks the permission, validates first, writes
inside one transaction, records an audit entry, and raises DomainError with a message for the
user when a rule is broken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction

from plenary.accounts import permissions
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError

# The record loader names its agenda's writers here; they live with the rest of the agenda's.
from plenary.meetings.agenda import check_text as _check_text
from plenary.meetings.agenda import remove_agenda_item as remove_agenda_item
from plenary.meetings.agenda import save_agenda_item as save_agenda_item
from plenary.meetings.models import Meeting, Officer, SecretariatMember, Sitting
from plenary.meetings.programme import ProgrammeRules, Violation, check_programme, working_days
from plenary.treaties.models import Group, GroupMembership, State, Treaty

DATA_DIR = Path(__file__).resolve().parent / "data"
# How reports style an officer, per language (see Officer).
STYLE_FIELDS = ("names", "titles", "functions")
MEETING_FIELDS = (
    "kind",
    "number",
    "year",
    "title",
    "topics",
    "start",
    "end",
    "days",
    "venue",
    "status",
    "note",
    "venues",
    "closed",
)


def _meeting_snapshot(meeting: Meeting) -> dict[str, Any]:
    snap = {f: getattr(meeting, f) for f in MEETING_FIELDS}
    for f in ("start", "end"):
        snap[f] = snap[f].isoformat() if snap[f] else None
    return snap


def is_open(meeting: Meeting, on: dt.date | None = None) -> bool:
    """Open for registration, papers and requests: not cancelled, and not ended before `on`."""
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED):
        return False
    on = on or clock.today()
    end = meeting.end or meeting.start
    return end is None or end >= on


def check_open(meeting: Meeting, by: Actor) -> None:
    """DomainError unless the meeting is open; the secretariat may still record what happened at
    a meeting that has ended."""
    if not permissions.is_staff(by) and not is_open(meeting):
        if meeting.end:
            raise DomainError(f"{meeting.series} is no longer open: it ended on {meeting.end:%d %B %Y}")
        raise DomainError(f"{meeting.series} is not open ({meeting.get_status_display()})")


def save_meeting(treaty: Treaty, series: str, *, by: Actor, **values: Any) -> tuple[Meeting, bool]:
    """Create the meeting `series` or bring it up to date with `values`.

    Guarantees: kind, status and dates are valid; end is not before start; `days` defaults to the
    working days between start and end. Returns (meeting, changed); nothing is written, and no
    audit entry made, when the meeting already holds these values.
    """
    permissions.require_staff(by, "plans meetings")
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise DomainError(f"{series}: unknown meeting field(s) {', '.join(sorted(unknown))}")
    if values.get("kind") not in Meeting.Kind.values:
        raise DomainError(
            f"{series}: kind must be one of {', '.join(Meeting.Kind.values)}, not {values.get('kind')!r}"
        )
    values.setdefault("status", Meeting.Status.PLANNED)
    if values["status"] not in Meeting.Status.values:
        raise DomainError(f"{series}: status must be one of {', '.join(Meeting.Status.values)}")
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        raise DomainError(f"{series}: ends ({end}) before it starts ({start})")
    if start and end and not values.get("days"):
        values["days"] = working_days(start, end)
    for f, default in (("title", {}), ("topics", {}), ("venue", ""), ("note", ""), ("venues", {})):
        if values.get(f) is None:
            values[f] = default
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(series=series).first()
        if meeting is None:
            meeting = Meeting.objects.create(treaty=treaty, series=series, **values)
            log_action(by, "meeting.create", meeting, after=_meeting_snapshot(meeting))
            return meeting, True
        before = _meeting_snapshot(meeting)
        for f, v in values.items():
            setattr(meeting, f, v)
        after = _meeting_snapshot(meeting)
        if after == before and meeting.treaty_id == treaty.id:
            return meeting, False
        meeting.treaty = treaty
        meeting.save()
        log_action(by, "meeting.update", meeting, before=before, after=after)
        return meeting, True


def group_of(state: State, scheme: str, on: dt.date) -> Group | None:
    """The group of `scheme` that `state` belongs to on the date, or None."""
    membership = (
        GroupMembership.objects.on(on)
        .filter(state=state, group__scheme=scheme)
        .select_related("group")
        .first()
    )
    return membership.group if membership else None


def seat_officers(meeting: Meeting, officers: list[Mapping[str, Any]], *, by: Actor) -> bool:
    """Make `officers` the meeting's officers (President, or Chair and Vice-Chairs).

    Each entry: role, name, state (alpha-3), optional title, group (code in the treaty's scheme),
    source, and how reports style the officer: names, titles, functions (per language), honorific. Guarantees, per the treaty profile: at most one President or Chair and the profile's
    number of Vice-Chairs; each officer's group is the State's group on the meeting's date when
    Plenary knows it; Chair and Vice-Chairs come from different groups. Returns whether anything
    changed.
    """
    permissions.require_staff(by, "seats officers")
    profile = meeting.treaty.profile
    rule = profile.get("officers", {})
    scheme = meeting.treaty.code
    on = meeting.start or dt.date(meeting.year, 1, 1)
    where = f"{meeting.series}: officers"
    rows: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for i, entry in enumerate(officers):
        role = entry.get("role")
        if role not in Officer.Role.values:
            raise DomainError(
                f"{where}[{i}]: role must be one of {', '.join(Officer.Role.values)}, not {role!r}"
            )
        if not entry.get("name"):
            raise DomainError(f"{where}[{i}]: name missing")
        state = State.objects.filter(code=entry.get("state")).first()
        if state is None:
            raise DomainError(f"{where}[{i}]: unknown State {entry.get('state')!r}")
        group = None
        if entry.get("group"):
            group = Group.objects.filter(scheme=scheme, code=entry["group"]).first()
            if group is None:
                raise DomainError(f"{where}[{i}]: unknown {scheme} group {entry['group']!r}")
        known = group_of(state, scheme, on)
        if group is None:
            group = known
        elif known is not None and known != group:
            raise DomainError(
                f"{where}[{i}]: {entry['name']} represents {state.code}, which is in {known.code}, not {group.code}, on {on}"
            )
        position = counts.get(role, 0)
        counts[role] = position + 1
        rows.append(
            {
                "role": role,
                "name": entry["name"],
                "title": entry.get("title") or "",
                "state": state,
                "group": group,
                "position": position,
                "source": entry.get("source") or "",
                **{f: entry.get(f) or {} for f in STYLE_FIELDS},
                "honorific": entry.get("honorific") or "",
            }
        )
    if counts.get(Officer.Role.CHAIR, 0) + counts.get(Officer.Role.PRESIDENT, 0) > rule.get("chairs", 1):
        raise DomainError(f"{where}: more than {rule.get('chairs', 1)} Chair or President")
    if counts.get(Officer.Role.VICE_CHAIR, 0) > rule.get("vice_chairs", 2):
        raise DomainError(f"{where}: more than {rule.get('vice_chairs', 2)} Vice-Chairs")
    if rule.get("distinct_groups", True):
        seen: dict[str, str] = {}
        for row in rows:
            if row["group"] is None:
                continue
            if row["group"].code in seen:
                raise DomainError(
                    f"{where}: {row['name']} and {seen[row['group'].code]} both come from {row['group'].code}; "
                    "the Chair and Vice-Chairs must each come from a different group"
                )
            seen[row["group"].code] = row["name"]

    def snapshot(items) -> list[dict[str, Any]]:
        return [
            {
                "role": r["role"],
                "name": r["name"],
                "title": r["title"],
                "state": r["state"].code,
                "group": r["group"].code if r["group"] else None,
                "position": r["position"],
                "source": r["source"],
                **{f: r[f] for f in (*STYLE_FIELDS, "honorific") if r[f]},
            }
            for r in items
        ]

    with transaction.atomic():
        current = [
            {
                "role": o.role,
                "name": o.name,
                "title": o.title,
                "state": o.state,
                "group": o.group,
                "position": o.position,
                "source": o.source,
                **{f: getattr(o, f) for f in (*STYLE_FIELDS, "honorific")},
            }
            for o in meeting.officers.select_related("state", "group").order_by("role", "position")
        ]
        before = sorted(snapshot(current), key=lambda r: (r["role"], r["position"]))
        after = sorted(snapshot(rows), key=lambda r: (r["role"], r["position"]))
        if before == after:
            return False
        meeting.officers.all().delete()
        Officer.objects.bulk_create([Officer(meeting=meeting, **row) for row in rows])
        log_action(by, "meeting.seat_officers", meeting, before=before, after=after)
        return True


# -- the secretariat, and the programme of work as held -----------------------------------------
# (The agenda and the programme of work as planned are written by plenary.meetings.agenda.)


def _secretariat_row(entry: Mapping[str, Any], where: str) -> dict[str, Any]:
    role = entry.get("role")
    if role not in SecretariatMember.Role.values:
        raise DomainError(
            f"{where}: role must be one of {', '.join(SecretariatMember.Role.values)}, not {role!r}"
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DomainError(f"{where}: name missing")
    if len(name) > 200:
        raise DomainError(f"{where}: the name is longer than 200 characters")
    honorific = entry.get("honorific") or ""
    if honorific not in ("", "Mr", "Ms"):
        raise DomainError(f"{where}: honorific must be Mr or Ms, not {honorific!r}")
    return {
        "role": role,
        "name": name,
        "names": _check_text(entry.get("names") or {}, f"{where}.names"),
        "functions": _check_text(entry.get("functions") or {}, f"{where}.functions"),
        "honorific": honorific,
    }


def set_secretariat(meeting: Meeting, members: Sequence[Mapping[str, Any]], *, by: Actor) -> bool:
    """Make `members` the meeting's secretariat, in this order (seed para. 6: the Secretary, the
    deputy, staff). Each entry: role (secretary, deputy, staff), name, and how reports style the
    person: names, functions (per language), honorific. Returns whether anything changed; nothing
    is written, and no audit entry made, when the secretariat is already this one."""
    permissions.require_staff(by, "records the secretariat")
    rows = [_secretariat_row(entry, f"{meeting.series}: secretariat[{i}]") for i, entry in enumerate(members)]
    with transaction.atomic():
        current = [
            {f: getattr(s, f) for f in ("role", "name", "names", "functions", "honorific")}
            for s in meeting.secretariat.order_by("position", "id")
        ]
        if current == rows:
            return False
        meeting.secretariat.all().delete()
        SecretariatMember.objects.bulk_create(
            [SecretariatMember(meeting=meeting, position=i, **row) for i, row in enumerate(rows)]
        )
        log_action(by, "meeting.secretariat", meeting, before=current, after=rows)
    return True


def _sitting_values(meeting: Meeting, values: Mapping[str, Any], where: str) -> dict[str, Any]:
    unknown = set(values) - {"dates", "items", "subject"}
    if unknown:
        raise DomainError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    if "dates" in values:
        dates = list(values["dates"] or [])
        if not dates:
            raise DomainError(f"{where}: a sitting has at least one date")
        for d in dates:
            _as_date(d, where)
        out["dates"] = [str(d) for d in dates]
    if "items" in values:
        items = list(values["items"] or [])
        known = set(meeting.agenda.filter(parent__isnull=True).values_list("number", flat=True))
        missing = [n for n in items if n not in known]
        if missing:
            raise DomainError(f"{where}: agenda item {missing[0]} is not on the agenda of {meeting.series}")
        out["items"] = items
    if "subject" in values:
        out["subject"] = _check_text(values["subject"] or {}, where)
    return out


def _sitting_snapshot(sitting: Sitting) -> dict[str, Any]:
    return {"dates": sitting.dates, "items": sitting.items, "subject": sitting.subject}


def record_sitting(
    meeting: Meeting,
    *,
    dates: Sequence[str],
    items: Sequence[int],
    subject: Mapping[str, str] | None = None,
    by: Actor,
) -> Sitting:
    """Record what the meeting took up on which dates (seed para. 15), after its other sittings.
    Guarantees: dates are dates; the items are on the meeting's agenda."""
    permissions.require_staff(by, "records the programme of work")
    where = f"{meeting.series}: sitting"
    values = _sitting_values(meeting, {"dates": dates, "items": items, "subject": subject or {}}, where)
    with transaction.atomic():
        last = meeting.sittings.aggregate(m=models.Max("position"))["m"]
        sitting = Sitting.objects.create(meeting=meeting, position=0 if last is None else last + 1, **values)
        log_action(by, "sitting.record", sitting, after=_sitting_snapshot(sitting))
    return sitting


def update_sitting(sitting: Sitting, *, by: Actor, **values: Any) -> bool:
    """Change a sitting's dates, items or subject (only those given). Returns whether it changed."""
    permissions.require_staff(by, "records the programme of work")
    cleaned = _sitting_values(sitting.meeting, values, f"{sitting.meeting.series}: sitting")
    with transaction.atomic():
        before = _sitting_snapshot(sitting)
        for f, v in cleaned.items():
            setattr(sitting, f, v)
        after = _sitting_snapshot(sitting)
        if after == before:
            return False
        sitting.save(update_fields=list(cleaned))
        log_action(by, "sitting.update", sitting, before=before, after=after)
    return True


def remove_sitting(sitting: Sitting, *, by: Actor) -> None:
    permissions.require_staff(by, "records the programme of work")
    with transaction.atomic():
        log_action(by, "sitting.remove", sitting, before=_sitting_snapshot(sitting))
        sitting.delete()


def _as_date(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DomainError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def load_meetings(path: Path | None = None, *, by: Actor) -> dict[str, int]:
    """Load a treaty's meetings and officers from a YAML data file (all or nothing).

    Safe to run twice: the second run changes nothing.
    """
    path = path or DATA_DIR / "bwc_meetings.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    treaty_code = data.get("treaty", "BWC")
    treaty = Treaty.objects.filter(code=treaty_code).first()
    if treaty is None:
        raise DomainError(f"{path.name}: treaty {treaty_code} is not loaded; load the reference data first")
    changed = 0
    with transaction.atomic():
        for i, entry in enumerate(data.get("meetings", [])):
            where = f"{path.name}: meetings[{i}] ({entry.get('series')})"
            if not entry.get("series"):
                raise DomainError(f"{where}: series missing")
            topics = entry.get("topics") or []
            meeting, did = save_meeting(
                treaty,
                entry["series"],
                by=by,
                kind=entry.get("kind"),
                number=entry.get("number"),
                year=entry.get("year"),
                start=_as_date(entry.get("start"), where),
                end=_as_date(entry.get("end"), where),
                days=entry.get("days"),
                venue=entry.get("venue", ""),
                status=entry.get("status", "planned"),
                title=entry.get("title") or {},
                topics={"en": list(topics)} if isinstance(topics, list) and topics else (topics or {}),
                note=(entry.get("note") or "").strip(),
            )
            changed += did
            changed += seat_officers(meeting, entry.get("officers") or [], by=by)
    return {"meetings": len(data.get("meetings", [])), "changes": changed}


# -- the intersessional programme ----------------------------------------------------------------


class ProgrammeRejected(DomainError):
    """A proposed year of the programme breaks the treaty's rules; `violations` lists each."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        super().__init__(f"the proposal breaks {len(violations)} rule(s) of the programme")


def programme_rules(treaty: Treaty) -> ProgrammeRules:
    return ProgrammeRules.from_profile(treaty.profile)


def year_proposal(
    treaty: Treaty,
    year: int,
    dates: Mapping[str, tuple[dt.date, dt.date]],
    chair_groups: Mapping[str, str],
) -> dict:
    """The proposal, in the format `check_programme` reads, for one year of the programme."""
    rules = programme_rules(treaty)
    meetings = []
    for meeting in rules.meetings:
        entry: dict = {"code": meeting.code, "chair_group": chair_groups.get(meeting.code) or None}
        if meeting.code in dates:
            entry["start"], entry["end"] = dates[meeting.code]
        meetings.append(entry)
    return {"treaty": treaty.code, "years": [{"year": year, "meetings": meetings}]}


def plan_year(
    treaty: Treaty,
    year: int,
    dates: Mapping[str, tuple[dt.date, dt.date]],
    chair_groups: Mapping[str, str],
    *,
    by: Actor,
    venue: str = "Geneva",
) -> list[Meeting]:
    """Create the meetings of one year of the intersessional programme, status planned.

    `dates` maps each meeting code (MX1 ... MX5, MSP) to its (start, end); `chair_groups` maps
    each code to the group that chairs it. Guarantees: nothing is created unless the proposal
    keeps every rule of the treaty's programme (ProgrammeRejected lists every violation); a year
    is planned once (its meetings must not exist yet); all meetings or none are created.
    """
    permissions.require_staff(by, "plans the programme")
    violations = check_programme(year_proposal(treaty, year, dates, chair_groups), programme_rules(treaty))
    if violations:
        raise ProgrammeRejected(violations)
    rules = programme_rules(treaty)
    series = {m.code: rules.series_of(m, year) for m in rules.meetings}
    existing = sorted(Meeting.objects.filter(series__in=series.values()).values_list("series", flat=True))
    if existing:
        raise DomainError(f"{year} is already planned: {', '.join(existing)} exist(s)")
    created: list[Meeting] = []
    with transaction.atomic():
        for m in rules.meetings:
            start, end = dates[m.code]
            meeting, _ = save_meeting(
                treaty,
                series[m.code],
                by=by,
                kind=m.kind,
                number=m.number,
                year=year,
                start=start,
                end=end,
                days=m.days,
                venue=venue,
                status=Meeting.Status.PLANNED,
            )
            created.append(meeting)
        log_action(
            by,
            "programme.plan_year",
            object_type="programme",
            object_id=f"{treaty.code}/{year}",
            after={
                code: {
                    "series": series[code],
                    "start": dates[code][0].isoformat(),
                    "end": dates[code][1].isoformat(),
                    "chair_group": chair_groups[code],
                }
                for code in series
            },
        )
    return created
