"""The only writers of meetings, officers and the intersessional programme.

Each function takes who acts as `by` (an Actor), checks the permission, validates first, writes
inside one transaction, records an audit entry, and raises DomainError with a message for the
user when a rule is broken.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from django.db import IntegrityError, models, transaction

from plenary.accounts import permissions
from plenary.core import clock, jsondata
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, passed_on
from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES

# The record loader names its agenda's writers here; they live with the rest of the agenda's.
from plenary.meetings.agenda import SMALL_INT, save_sub_item
from plenary.meetings.agenda import check_text as _check_text
from plenary.meetings.agenda import remove_agenda_item as remove_agenda_item
from plenary.meetings.agenda import save_agenda_item as save_agenda_item
from plenary.meetings.errors import MeetingError, Names, Place, _, term
from plenary.meetings.models import Meeting, Officer, SecretariatMember, Sitting
from plenary.meetings.programme import (
    ProgrammeMeeting,
    ProgrammeRules,
    Violation,
    check_programme,
    working_days,
)
from plenary.meetings.rotation import RuleError
from plenary.treaties.models import Group, GroupMembership, State, Treaty
from plenary.treaties.profile import kind_of_series, meeting_kinds, officer_rule

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
            raise DomainError(
                _("%(series)s is no longer open: it ended on %(date)s"),
                series=meeting.series,
                date=meeting.end,
            )
        # The status's value is its English label (Meeting.Status), the word the catalogues translate.
        raise DomainError(
            _("%(series)s is not open (%(status)s)"), series=meeting.series, status=term(meeting.status)
        )


# Limits of what a meeting record holds (the model's columns, and what a page can show).
SERIES_MAX = 60
TITLE_MAX = 500
VENUE_MAX = 200
LAST_YEAR = 2200


def _clean_series(series: Any) -> str:
    if not isinstance(series, str) or not series.strip():
        raise DomainError(
            _("a meeting needs its series, the stem of its document symbols (e.g. BWC/MSP/2027)")
        )
    series = series.strip()
    if len(series) > SERIES_MAX:
        raise DomainError(
            _("%(series)s...: a series is at most %(limit)s characters long"),
            series=series[:SERIES_MAX],
            limit=SERIES_MAX,
        )
    if any(ch.isspace() for ch in series):
        raise DomainError(_("%(series)s: a series has no blanks (BWC/MSP/2027)"), series=series)
    return series


def _clean_meeting(
    treaty: Treaty, series: str, values: dict[str, Any], *, current: Meeting | None
) -> dict[str, Any]:
    """The meeting's values, checked against the treaty profile: the series written as the kind's
    pattern and naming the meeting's year and number, dates in order and in the year, days that
    fit, texts per UN language and not too long. DomainError says what is wrong."""
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise DomainError(
            _("%(series)s: unknown meeting field(s) %(fields)s"),
            series=series,
            fields=", ".join(sorted(unknown)),
        )
    if values.get("kind") not in Meeting.Kind.values:
        raise DomainError(
            _("%(series)s: kind must be one of %(kinds)s, not %(value)s"),
            series=series,
            kinds=", ".join(Meeting.Kind.values),
            value=repr(values.get("kind")),
        )
    profile = treaty.profile or {}
    kinds = meeting_kinds(profile)
    kind = kinds.get(values["kind"])
    name = kind.name if kind else Meeting.Kind(values["kind"]).label
    year = values.get("year")
    first_year = treaty.entry_into_force.year if treaty.entry_into_force else 1900
    if isinstance(year, bool) or not isinstance(year, int) or not first_year <= year <= LAST_YEAR:
        raise DomainError(
            _(
                "%(series)s: the year must be a whole number from %(first)s (the Convention in force) "
                "to %(last)s, not %(value)s"
            ),
            series=series,
            first=first_year,
            last=LAST_YEAR,
            value=repr(year),
        )
    number = values.get("number")
    if number is not None and (
        isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= SMALL_INT
    ):
        raise DomainError(
            _("%(series)s: the number must be a whole number from 1 to %(limit)s, not %(value)s"),
            series=series,
            limit=SMALL_INT,
            value=repr(number),
        )
    if kind is not None:
        # The kind's name as the profile gives it in each language (shown in the reader's).
        named = Names(kind.names, name)
        parts = kind.parse_series(series)
        if parts is None:
            other = kind_of_series(profile, series)
            if other is not None and other != kind.code:
                raise MeetingError(
                    _(
                        "%(series)s is the series of a %(other)s, not of a %(name)s "
                        "(the series of a %(name)s is written %(hint)s)"
                    ),
                    series=series,
                    other=Names(kinds[other].names, kinds[other].name),
                    name=named,
                    hint=kind.series_hint,
                )
            raise MeetingError(
                _("%(series)s: the series of a %(name)s is written %(hint)s"),
                series=series,
                name=named,
                hint=kind.series_hint,
            )
        if parts.year is not None and parts.year != year:
            raise DomainError(
                _("%(series)s is a meeting of %(given)s, not of %(year)s"),
                series=series,
                given=parts.year,
                year=year,
            )
        if parts.number is not None:
            if number is None:
                values["number"] = number = parts.number
            elif number != parts.number:
                raise DomainError(
                    _("%(series)s is number %(given)s, not %(number)s"),
                    series=series,
                    given=parts.number,
                    number=number,
                )
        elif kind.number == "none" and number is not None:
            raise MeetingError(
                _("%(series)s: a %(name)s has no number (given %(number)s)"),
                series=series,
                name=named,
                number=number,
            )
    values.setdefault("status", Meeting.Status.PLANNED)
    if values["status"] not in Meeting.Status.values:
        raise DomainError(
            _("%(series)s: status must be one of %(statuses)s"),
            series=series,
            statuses=", ".join(Meeting.Status.values),
        )
    start, end = values.get("start"), values.get("end")
    for template, day in (
        (_("%(series)s: the opening date must be a date (YYYY-MM-DD), not %(value)s"), start),
        (_("%(series)s: the closing date must be a date (YYYY-MM-DD), not %(value)s"), end),
    ):
        if day is not None and (isinstance(day, dt.datetime) or not isinstance(day, dt.date)):
            raise DomainError(template, series=series, value=repr(day))
    if (start is None) != (end is None):
        raise DomainError(
            _("%(series)s: give both the opening and the closing date, or neither"), series=series
        )
    if start and end and end < start:
        raise DomainError(
            _("%(series)s: ends (%(end)s) before it starts (%(start)s)"),
            series=series,
            end=end,
            start=start,
        )
    note = values.get("note")
    if note is None:
        note = current.note if current is not None and "note" not in values else ""
    if not isinstance(note, str):
        raise DomainError(_("%(series)s: the note is a text"), series=series)
    # A planned meeting opens in its year, unless its note says why not (the 2020 meetings were
    # planned again for 2021); the record of a meeting held, postponed or cancelled keeps its
    # dates as they were.
    if start and start.year != year and values["status"] == Meeting.Status.PLANNED and not note.strip():
        raise DomainError(
            _(
                "%(series)s: opens on %(start)s, outside its year %(year)s; a meeting planned for another "
                "year (as the 2020 meetings were, for 2021) says why in its note"
            ),
            series=series,
            start=start,
            year=year,
        )
    if start and end and not values.get("days"):
        values["days"] = working_days(start, end)
    days = values.get("days")
    if days is not None:
        span = (end - start).days + 1 if start and end else 366
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= span:
            if start and end and isinstance(days, int) and not isinstance(days, bool) and days > span:
                raise DomainError(
                    _(
                        "%(series)s: %(days)s meeting days do not fit between %(start)s and %(end)s (%(span)s calendar days)"
                    ),
                    series=series,
                    days=days,
                    start=start,
                    end=end,
                    span=span,
                )
            raise DomainError(
                _("%(series)s: days must be a whole number from 1 to %(span)s, not %(value)s"),
                series=series,
                span=span,
                value=repr(days),
            )
    for f, default in (("title", {}), ("topics", {}), ("venue", ""), ("note", ""), ("venues", {})):
        if values.get(f) is None:
            values[f] = default
    values["title"] = _limited_texts(
        values["title"],
        TITLE_MAX,
        Place(_("%(series)s: the title"), series=series),
        _("%(where)s in %(language)s is %(length)s characters long; a title is at most %(limit)s"),
    )
    values["venues"] = _limited_texts(
        values["venues"],
        VENUE_MAX,
        Place(_("%(series)s: the venue"), series=series),
        _("%(where)s in %(language)s is %(length)s characters long; a venue is at most %(limit)s"),
    )
    if not isinstance(values["venue"], str):
        raise DomainError(_("%(series)s: the venue is a text"), series=series)
    values["venue"] = values["venue"].strip()
    if len(values["venue"]) > VENUE_MAX:
        raise DomainError(
            _("%(series)s: the venue is %(length)s characters long; at most %(limit)s"),
            series=series,
            length=len(values["venue"]),
            limit=VENUE_MAX,
        )
    if not isinstance(values["topics"], Mapping):
        raise DomainError(_("%(series)s: topics are given per UN language"), series=series)
    if "closed" in values:
        if not isinstance(values["closed"], bool):
            raise DomainError(
                _("%(series)s: closed is yes or no, not %(value)s"),
                series=series,
                value=repr(values["closed"]),
            )
    elif current is None and kind is not None:
        values["closed"] = kind.closed
    return values


def _limited_texts(text: Any, limit: int, where: Place, too_long: str) -> dict[str, str]:
    """A text per UN language, blanks trimmed, empty languages left out, each at most `limit`
    (`too_long`: the message when one is longer: where, language, length, limit)."""
    cleaned = {}
    for lang, value in _check_text(text, where).items():
        value = value.strip()
        if len(value) > limit:
            raise MeetingError(
                too_long, where=where, language=term(LANGUAGE_NAMES_EN[lang]), length=len(value), limit=limit
            )
        if value:
            cleaned[lang] = value
    return cleaned


def save_meeting(
    treaty: Treaty, series: str, *, by: Actor, must_be_new: bool = False, **values: Any
) -> tuple[Meeting, bool]:
    """Create the meeting `series` or bring it up to date with `values`.

    Guarantees, from the treaty profile (meeting_kinds): the kind is known and the series is
    written as the kind's pattern, naming the meeting's year and number (a number the series
    gives is filled in); the status is valid; both dates or neither, end not before start; a
    planned meeting opens in its year unless its note says why; `days` defaults to the working
    days between start and end and fits between them; titles and venues per UN language, at most
    TITLE_MAX and VENUE_MAX characters; a new meeting is open or closed as its kind is unless
    told. With `must_be_new`, an existing series is refused. Returns (meeting, changed); nothing
    is written, and no audit entry made, when the meeting already holds these values.
    """
    permissions.require_staff(by, _("plans meetings"))
    series = _clean_series(series)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().filter(series=series).first()
        if meeting is not None and must_be_new:
            raise DomainError(_("%(series)s already exists: open it to edit it"), series=series)
        values = _clean_meeting(treaty, series, dict(values), current=meeting)
        if meeting is None:
            try:
                with transaction.atomic():
                    meeting = Meeting.objects.create(treaty=treaty, series=series, **values)
            except IntegrityError:
                # Another request created the same series a moment before (the row lock above
                # cannot lock a row that does not exist yet).
                raise DomainError(_("%(series)s already exists: open it to edit it"), series=series) from None
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


def update_meeting(meeting: Meeting, *, by: Actor, series: str | None = None, **values: Any) -> bool:
    """Edit a meeting: its values as `save_meeting` checks them, and its series, which changes
    only to one no other meeting has and only while no document or registration is filed under
    the meeting (their symbols and lists carry the series). Returns whether anything changed."""
    permissions.require_staff(by, _("plans meetings"))
    new_series = _clean_series(series) if series is not None else meeting.series
    with transaction.atomic():
        current = Meeting.objects.select_for_update().select_related("treaty").get(pk=meeting.pk)
        renamed = new_series != current.series
        if renamed:
            if Meeting.objects.filter(series=new_series).exists():
                raise DomainError(
                    _("%(series)s cannot become %(new)s: %(new)s already exists"),
                    series=current.series,
                    new=new_series,
                )
            documents, registrations = current.documents.exists(), current.delegations.exists()
            if documents or registrations:
                filed = (
                    _("documents and registrations")
                    if documents and registrations
                    else _("documents")
                    if documents
                    else _("registrations")
                )
                raise DomainError(
                    _("%(series)s cannot become %(new)s: %(filed)s are filed under it"),
                    series=current.series,
                    new=new_series,
                    filed=term(filed),
                )
        values = _clean_meeting(current.treaty, new_series, dict(values), current=current)
        before = _meeting_snapshot(current) | {"series": current.series}
        for f, v in values.items():
            setattr(current, f, v)
        current.series = new_series
        after = _meeting_snapshot(current) | {"series": new_series}
        if after == before:
            return False
        current.save()
        log_action(by, "meeting.update", current, before=before, after=after)
    meeting.refresh_from_db()
    return True


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
    permissions.require_staff(by, _("seats officers"))
    rule = officer_rule(meeting.treaty.profile or {}, meeting.kind)
    scheme = meeting.treaty.code
    on = meeting.start or dt.date(meeting.year, 1, 1)
    series = meeting.series
    rows: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for i, entry in enumerate(officers):
        role = entry.get("role")
        if role not in Officer.Role.values:
            raise DomainError(
                _("%(series)s: officers[%(index)s]: role must be one of %(roles)s, not %(value)s"),
                series=series,
                index=i,
                roles=", ".join(Officer.Role.values),
                value=repr(role),
            )
        if not entry.get("name"):
            raise DomainError(_("%(series)s: officers[%(index)s]: name missing"), series=series, index=i)
        state = State.objects.filter(code=entry.get("state")).first()
        if state is None:
            raise DomainError(
                _("%(series)s: officers[%(index)s]: unknown State %(value)s"),
                series=series,
                index=i,
                value=repr(entry.get("state")),
            )
        group = None
        if entry.get("group"):
            group = Group.objects.filter(scheme=scheme, code=entry["group"]).first()
            if group is None:
                raise DomainError(
                    _("%(series)s: officers[%(index)s]: unknown %(scheme)s group %(value)s"),
                    series=series,
                    index=i,
                    scheme=scheme,
                    value=repr(entry["group"]),
                )
        known = group_of(state, scheme, on)
        if group is None:
            group = known
        elif known is not None and known != group:
            raise DomainError(
                _(
                    "%(series)s: officers[%(index)s]: %(name)s represents %(state)s, which is in %(known)s, "
                    "not %(group)s, on %(date)s"
                ),
                series=series,
                index=i,
                name=entry["name"],
                state=state.code,
                known=known.code,
                group=group.code,
                date=on,
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
        raise DomainError(
            _("%(series)s: officers: more than %(limit)s Chair or President"),
            series=series,
            limit=rule.get("chairs", 1),
        )
    if counts.get(Officer.Role.VICE_CHAIR, 0) > rule.get("vice_chairs", 2):
        raise DomainError(
            _("%(series)s: officers: more than %(limit)s Vice-Chairs"),
            series=series,
            limit=rule.get("vice_chairs", 2),
        )
    if rule.get("distinct_groups", True):
        seen: dict[str, str] = {}
        for row in rows:
            if row["group"] is None:
                continue
            if row["group"].code in seen:
                raise DomainError(
                    _(
                        "%(series)s: officers: %(name)s and %(other)s both come from %(group)s; "
                        "the Chair and Vice-Chairs must each come from a different group"
                    ),
                    series=series,
                    name=row["name"],
                    other=seen[row["group"].code],
                    group=row["group"].code,
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
    permissions.require_staff(by, _("records the secretariat"))
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
    permissions.require_staff(by, _("records the programme of work"))
    where = f"{meeting.series}: sitting"
    values = _sitting_values(meeting, {"dates": dates, "items": items, "subject": subject or {}}, where)
    with transaction.atomic():
        last = meeting.sittings.aggregate(m=models.Max("position"))["m"]
        sitting = Sitting.objects.create(meeting=meeting, position=0 if last is None else last + 1, **values)
        log_action(by, "sitting.record", sitting, after=_sitting_snapshot(sitting))
    return sitting


def update_sitting(sitting: Sitting, *, by: Actor, **values: Any) -> bool:
    """Change a sitting's dates, items or subject (only those given). Returns whether it changed."""
    permissions.require_staff(by, _("records the programme of work"))
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
    permissions.require_staff(by, _("records the programme of work"))
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


# The keys a meeting of the data file may have: the meeting's fields, its officers and agenda, and
# what the file says about its facts (read by people, not written: where each fact was read).
MEETING_ENTRY_KEYS = {
    "series",
    *(f for f in MEETING_FIELDS if f not in ("venues", "closed")),  # not read from the file
    "officers",
    "agenda",
    "uncertain",
    "report",
    "source",
}


def read_data_file(path: Path) -> dict[str, Any]:
    """The mapping a YAML data file holds, read by the one reader of data files
    (core.jsondata.read_data_file: size, encoding, aliases, depth, duplicate keys); DomainError
    naming the file when it cannot be read or is not a mapping."""
    try:
        data = jsondata.read_data_file(path)
    except jsondata.DataFileError as exc:
        raise DomainError(f"{path.name}: {exc}") from None
    if not isinstance(data, dict):
        raise DomainError(
            f"{path.name}: the file must hold a mapping (treaty, meetings), not {type(data).__name__}"
        )
    return data


def _load_agenda(meeting: Meeting, items: Any, where: str, *, by: Actor) -> int:
    """Put the agenda items of a data file on the meeting (adding and updating, never removing).
    Returns how many items or sub-items changed."""
    if not isinstance(items, list):
        raise DomainError(f"{where}: agenda must be a list of items (number, title, sub_items)")
    changed = 0
    numbers = []
    for j, item in enumerate(items):
        at = f"{where}: agenda[{j}]"
        if not isinstance(item, Mapping) or set(item) - {"number", "title", "sub_items"}:
            raise DomainError(f"{at}: an agenda item has a number, a title and perhaps sub_items")
        numbers.append(item.get("number"))
        saved, did = save_agenda_item(meeting, item.get("number"), item.get("title") or {}, by=by)
        changed += did
        subs = item.get("sub_items") or []
        if not isinstance(subs, list):
            raise DomainError(f"{at}: sub_items must be a list")
        for k, sub in enumerate(subs):
            if not isinstance(sub, Mapping) or set(sub) - {"number", "title"}:
                raise DomainError(f"{at}.sub_items[{k}]: a sub-item has a number and a title")
            _sub, did = save_sub_item(saved, sub.get("number"), sub.get("title") or {}, by=by)
            changed += did
    if len(set(numbers)) != len(numbers):
        raise DomainError(f"{where}: an agenda item number is used twice")
    return changed


def _venue_names(rows: Any, name: str) -> dict[str, dict[str, str]]:
    """The file's table of venues: each English venue -> its text in the six UN languages."""
    if rows is None:
        return {}
    if not isinstance(rows, list):
        raise DomainError(f"{name}: venue_names must be a list of venues, each in the six UN languages")
    table: dict[str, dict[str, str]] = {}
    for i, row in enumerate(rows):
        if (
            not isinstance(row, Mapping)
            or set(row) != set(UN_LANGUAGES)
            or not all(isinstance(text, str) and text.strip() for text in row.values())
        ):
            raise DomainError(
                f"{name}: venue_names[{i}] gives a venue as text in each of {', '.join(UN_LANGUAGES)}"
            )
        if row["en"] in table:
            raise DomainError(f"{name}: venue_names[{i}]: {row['en']!r} is there twice")
        # The English is the meeting's own `venue`: kept once, so that an edit of it shows.
        table[row["en"]] = {lang: row[lang].strip() for lang in UN_LANGUAGES if lang != "en"}
    return table


def load_meetings(path: Path | None = None, *, by: Actor) -> dict[str, int]:
    """Load a treaty's meetings, officers and agendas from a YAML data file (all or nothing).

    Guarantees: a file that is not valid YAML, or a meeting entry with an unknown key or a value
    the domain refuses, raises DomainError naming the file and the entry, and nothing is written;
    safe to run twice: the second run changes nothing. A load adds and updates; it removes no
    meeting and no agenda item.
    """
    path = path or DATA_DIR / "bwc_meetings.yaml"
    data = read_data_file(path)
    treaty_code = data.get("treaty", "BWC")
    treaty = Treaty.objects.filter(code=treaty_code).first()
    if treaty is None:
        raise DomainError(f"{path.name}: treaty {treaty_code} is not loaded; load the reference data first")
    entries = data.get("meetings") or []
    if not isinstance(entries, list):
        raise DomainError(f"{path.name}: meetings must be a list")
    venue_names = _venue_names(data.get("venue_names"), path.name)
    changed = 0
    with transaction.atomic():
        for i, entry in enumerate(entries):
            if not isinstance(entry, Mapping):
                raise DomainError(f"{path.name}: meetings[{i}] must be a mapping (series, kind, year ...)")
            where = f"{path.name}: meetings[{i}] ({entry.get('series')})"
            if not entry.get("series"):
                raise DomainError(f"{where}: series missing")
            unknown = sorted(str(k) for k in set(entry) - MEETING_ENTRY_KEYS)
            if unknown:
                raise DomainError(f"{where}: unknown key(s) {', '.join(unknown)}")
            topics = entry.get("topics") or []
            venue = entry.get("venue", "")
            if venue and venue not in venue_names:
                raise DomainError(
                    f"{where}: the venue {venue!r} is not in venue_names: give it in the six UN languages there"
                )
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
                venue=venue,
                venues=venue_names.get(venue, {}),
                status=entry.get("status", "planned"),
                title=entry.get("title") or {},
                topics={"en": list(topics)} if isinstance(topics, list) and topics else (topics or {}),
                note=(entry.get("note") or "").strip(),
            )
            changed += did
            changed += seat_officers(meeting, entry.get("officers") or [], by=by)
            if entry.get("agenda"):
                changed += _load_agenda(meeting, entry["agenda"], where, by=by)
    return {"meetings": len(entries), "changes": changed}


# -- the programme: a year of it, in the shape the profile gives -----------------------------------


class ProgrammeRejected(DomainError):
    """A proposed year of the programme breaks the treaty's rules; `violations` lists each."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        super().__init__(_("the proposal breaks %(count)s rule(s) of the programme"), count=len(violations))


def programme_rules(treaty: Treaty, shape: str | None = None, *, year: int | None = None) -> ProgrammeRules:
    """The rules of programme shape `shape` of the treaty; without a name, of the shape in force
    in `year` (without either: the profile's first). DomainError names the shapes there are."""
    try:
        return ProgrammeRules.from_profile(treaty.profile, shape, year=year)
    except RuleError as exc:
        raise passed_on(DomainError, exc) from None


def _session_labels(meeting: ProgrammeMeeting, labels: Iterable[str]) -> list[tuple[int, str]]:
    """The sessions of `meeting` among the labels given (WG11, WG12), by number."""
    found = []
    for label in labels:
        match = re.fullmatch(re.escape(meeting.code) + r"([1-9][0-9]*)", label)
        if match:
            found.append((int(match.group(1)), label))
    return sorted(found)


def year_proposal(
    treaty: Treaty,
    year: int,
    dates: Mapping[str, tuple[dt.date, dt.date]],
    chair_groups: Mapping[str, str],
    *,
    shape: str | None = None,
) -> dict:
    """The proposal, in the format `check_programme` reads, for one year of the programme in
    shape `shape` (default: the shape in force in `year`). `dates` and `chair_groups` are keyed by
    meeting code (MX1, MSP) or, for a meeting held in sessions, by code and session number (WG11)."""
    rules = programme_rules(treaty, shape, year=year)
    meetings = []
    for meeting in rules.meetings:
        if meeting.in_sessions:
            for number, label in _session_labels(meeting, [*dates, *chair_groups]):
                if any(e.get("number") == number and e["code"] == meeting.code for e in meetings):
                    continue
                entry: dict = {
                    "code": meeting.code,
                    "number": number,
                    "chair_group": chair_groups.get(label) or None,
                }
                if label in dates:
                    entry["start"], entry["end"] = dates[label]
                meetings.append(entry)
            continue
        entry = {"code": meeting.code, "chair_group": chair_groups.get(meeting.code) or None}
        if meeting.code in dates:
            entry["start"], entry["end"] = dates[meeting.code]
        meetings.append(entry)
    return {"treaty": treaty.code, "shape": rules.name, "years": [{"year": year, "meetings": meetings}]}


def plan_year(
    treaty: Treaty,
    year: int,
    dates: Mapping[str, tuple[dt.date, dt.date]],
    chair_groups: Mapping[str, str],
    *,
    by: Actor,
    venue: str = "Geneva",
    shape: str | None = None,
) -> list[Meeting]:
    """Create the meetings of one year of the programme, status planned, in shape `shape` (default:
    the shape in force in `year`).

    `dates` maps each meeting's code (MX1 ... MX5, MSP; for a meeting held in sessions, the code
    and the session's number: WG11, WG12) to its (start, end); `chair_groups` maps each to the
    group that chairs it (required where the shape's rotation gives the chair). Guarantees: nothing
    is created unless the proposal keeps every rule of the shape (ProgrammeRejected lists every
    violation); sessions continue the numbering of those on record (after BWC/WG/10 comes
    BWC/WG/11); a year is planned once (its meetings must not exist yet); all meetings or none are
    created.
    """
    permissions.require_staff(by, _("plans the programme"))
    rules = programme_rules(treaty, shape, year=year)
    proposal = year_proposal(treaty, year, dates, chair_groups, shape=rules.name)
    violations = check_programme(proposal, rules)
    if violations:
        raise ProgrammeRejected(violations)
    planned: list[tuple[str, ProgrammeMeeting, int | None]] = []
    for m in rules.meetings:
        if m.in_sessions:
            planned.extend((label, m, number) for number, label in _session_labels(m, dates))
        else:
            planned.append((m.code, m, m.number))
    series = {label: rules.series_of(m, year, number) for label, m, number in planned}
    for m in rules.meetings:
        numbers = [number for _label, pm, number in planned if pm is m and number is not None]
        if not m.in_sessions or not numbers:
            continue
        last = (
            Meeting.objects.filter(treaty=treaty, kind=m.kind, number__isnull=False)
            .order_by("-number")
            .first()
        )
        if last is not None and min(numbers) != last.number + 1:
            expected = rules.series_of(m, year, last.number + 1)
            raise DomainError(
                _(
                    "%(year)s: the last %(code)s session on record is %(last)s; the next is %(expected)s, not %(given)s"
                ),
                year=year,
                code=m.code,
                last=last.series,
                expected=expected,
                given=series[m.label(min(numbers))],
            )
    existing = sorted(Meeting.objects.filter(series__in=series.values()).values_list("series", flat=True))
    if existing:
        raise DomainError(
            _("%(year)s is already planned: %(existing)s exist(s)"), year=year, existing=", ".join(existing)
        )
    created: list[Meeting] = []
    with transaction.atomic():
        for label, m, number in planned:
            start, end = dates[label]
            meeting, _changed = save_meeting(
                treaty,
                series[label],
                by=by,
                kind=m.kind,
                number=number,
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
                label: {
                    "series": series[label],
                    "start": dates[label][0].isoformat(),
                    "end": dates[label][1].isoformat(),
                    "chair_group": chair_groups.get(label),
                }
                for label in series
            }
            | {"shape": rules.name},
        )
    return created
