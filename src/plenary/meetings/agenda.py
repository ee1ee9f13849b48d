"""The only writers of a meeting's agenda (numbered items and their sub-items) and of its programme
of work (the planned sittings, by day and period, and what each takes up, in order).

Every function takes who acts as `by` (an Actor), is the secretariat's alone, validates before it
writes, writes inside one transaction under the meeting's row lock (two staff editing one agenda
follow each other, and numbers never collide), audits with before and after, and raises a
DomainError with one line for the person who acts.

The agenda may change until the meeting adopts it. Once the adoption is recorded (the meeting's
decision "agenda" with its date: reports.agenda.adopt_agenda), the agenda is frozen: a change is
refused (Frozen) unless it is an amendment the meeting agreed, given with its reason; such a change
is audited as "agenda.amend.<what>". The adoption is a decision of the meeting (proceedings); it is
read here through the meeting's reverse relation, so that this layer imports nothing above it.

Numbers stay contiguous: items are 1, 2, 3 ... and an item's sub-items (a), (b), (c) ... Adding,
moving or removing an item renumbers the items after it. A sub-item has no sub-items of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F

from plenary.accounts import permissions
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen
from plenary.core.languages import UN_LANGUAGES
from plenary.meetings.errors import Listing, MeetingError, Place, _, term
from plenary.meetings.models import AgendaItem, Meeting, PlannedSitting, ProgrammeEntry

# The largest number a PositiveSmallIntegerField holds on every database (agenda numbers).
SMALL_INT = 32767
# An agenda of a treaty meeting has a dozen or two items; an item a few sub-items, lettered (a)-(z).
MAX_ITEMS = 99
MAX_SUB_ITEMS = 26
MAX_TITLE = 1000
MAX_NOTE = 200
MAX_REASON = 500
MAX_ENTRIES = 30
# The key of the meeting's decision that adopts its agenda.
ADOPTION_KEY = "agenda"
PERIOD_ORDER = {p: i for i, p in enumerate(PlannedSitting.Period.values)}
# Renumbering moves the rows of a group out of the way first, so that no two share a number
# (the unique constraints are checked row by row on PostgreSQL).
_OFFSET = 10000


# -- texts -------------------------------------------------------------------------------------


def check_text(text: Any, where: str | Place) -> dict[str, str]:
    """A text per UN language, as it is kept: a mapping of language codes to strings. `where`
    names the text in the messages (a Place, to be read in the reader's language)."""
    if not isinstance(text, Mapping):
        raise MeetingError(
            _("%(where)s: a text is given per UN language (%(languages)s)"),
            where=where,
            languages=", ".join(UN_LANGUAGES),
        )
    unknown = sorted(str(k) for k in text if k not in UN_LANGUAGES)
    if unknown:
        raise MeetingError(
            _("%(where)s: unknown language(s) %(unknown)s; use %(languages)s"),
            where=where,
            unknown=", ".join(unknown),
            languages=", ".join(UN_LANGUAGES),
        )
    if not all(isinstance(v, str) for v in text.values()):
        raise MeetingError(_("%(where)s: each language's text is a string"), where=where)
    return dict(text)


def clean_text(
    text: Any, where: str | Place, *, limit: int = MAX_TITLE, required: bool = True
) -> dict[str, str]:
    """A text per UN language, cleaned: white space collapsed, empty languages left out, each at
    most `limit` characters, kept in the UN order of the languages; at least one language unless
    not `required`."""
    checked = check_text(text if text is not None else {}, where)
    cleaned = {}
    for lang in UN_LANGUAGES:
        value = " ".join((checked.get(lang) or "").split())
        if len(value) > limit:
            raise MeetingError(
                _("%(where)s: the %(lang)s text is longer than %(limit)s characters"),
                where=where,
                lang=lang,
                limit=f"{limit:,}",
            )
        if value:
            cleaned[lang] = value
    if required and not cleaned:
        raise MeetingError(_("%(where)s: give the text in at least one UN language"), where=where)
    return cleaned


def missing_languages(text: Mapping[str, str]) -> list[str]:
    """The UN languages a text is not given in."""
    return [lang for lang in UN_LANGUAGES if not (text or {}).get(lang)]


# -- reading -------------------------------------------------------------------------------------


def adopted_on(meeting: Meeting) -> dt.date | None:
    """The day the meeting adopted its agenda, or None while it is not adopted."""
    return (
        meeting.decisions.filter(key=ADOPTION_KEY)
        .exclude(adopted_on=None)
        .values_list("adopted_on", flat=True)
        .first()
    )


def items_of(meeting: Meeting, parent: AgendaItem | None = None) -> list[AgendaItem]:
    """The meeting's items (parent None) or an item's sub-items, in their order."""
    rows = AgendaItem.objects.filter(meeting=meeting, parent=parent).select_related("parent")
    return list(rows.order_by("number", "id"))


def _outline(meeting: Meeting) -> list[dict[str, Any]]:
    """The agenda's numbering, as the audit trail keeps it around a change: each item's id and
    label, in order."""
    rows = AgendaItem.objects.filter(meeting=meeting).select_related("parent")
    items = sorted(
        rows, key=lambda a: (a.parent.number if a.parent else a.number, a.parent_id is not None, a.number)
    )
    return [{"id": a.pk, "item": a.label} for a in items]


def _snapshot(item: AgendaItem) -> dict[str, Any]:
    return {
        "meeting": item.meeting.series,
        "item": item.label,
        "parent": item.parent.label if item.parent_id else None,
        "number": item.number,
        "title": dict(item.title),
    }


# -- guards --------------------------------------------------------------------------------------


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def adds_translations(before: Mapping[str, str] | None, after: Mapping[str, str]) -> bool:
    """Whether `after` is `before` with texts in more languages, every text it had unchanged."""
    before = before or {}
    return all(after.get(lang) == text for lang, text in before.items()) and len(after) > len(before)


def _amendment(meeting: Meeting, amendment: str | None) -> str | None:
    """None while the agenda is not adopted; once it is, the reason of the amendment (Frozen
    without one)."""
    adopted = adopted_on(meeting)
    if adopted is None:
        return None
    reason = " ".join((amendment or "").split())
    if not reason:
        raise Frozen(
            _(
                "the agenda of %(series)s was adopted on %(date)s: it no longer changes, "
                "except by an amendment the meeting agreed (give its reason)"
            ),
            series=meeting.series,
            date=adopted,
        )
    if len(reason) > MAX_REASON:
        raise DomainError(_("the reason of an amendment has at most %(limit)s characters"), limit=MAX_REASON)
    return reason


def _audit(
    by: Actor, what: str, item: AgendaItem | Meeting, reason: str | None, *, before: Any, after: Any
) -> None:
    action = f"agenda.amend.{what}" if reason else f"agenda.{what}"
    if reason:
        after = {**(after or {}), "amendment": reason}
    log_action(by, action, item, before=before, after=after)


def _check_number(number: Any, where: Place, highest: int) -> int:
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= highest:
        raise MeetingError(
            _("%(where)s: the number is a whole number from 1 to %(highest)s"), where=where, highest=highest
        )
    return number


def _not_on_agenda(where: Place, item: AgendaItem, meeting: Meeting) -> MeetingError:
    return MeetingError(
        _("%(where)s: item %(item)s of %(other)s is not on the agenda of %(series)s"),
        where=where,
        item=item.label,
        other=item.meeting.series,
        series=meeting.series,
    )


def _check_parent(meeting: Meeting, parent: AgendaItem | None, where: Place) -> None:
    if parent is None:
        return
    if parent.meeting_id != meeting.pk:
        raise _not_on_agenda(where, parent, meeting)
    if parent.parent_id is not None:
        raise MeetingError(
            _("%(where)s: %(item)s is a sub-item, and a sub-item has no sub-items of its own"),
            where=where,
            item=parent.label,
        )


def _limit(parent: AgendaItem | None) -> int:
    return MAX_ITEMS if parent is None else MAX_SUB_ITEMS


def _full(parent: AgendaItem | None, where: Place) -> MeetingError:
    if parent is None:
        return MeetingError(
            _("%(where)s: an agenda has at most %(limit)s items"), where=where, limit=MAX_ITEMS
        )
    return MeetingError(
        _("%(where)s: item %(item)s has at most %(limit)s sub-items, (a) to (z)"),
        where=where,
        item=parent.label,
        limit=MAX_SUB_ITEMS,
    )


def _item_place(meeting: Meeting, label: object) -> Place:
    return Place(_("%(series)s: agenda item %(item)s"), series=meeting.series, item=label)


def _renumber(order: Sequence[AgendaItem]) -> None:
    """Number the items of one group 1, 2, 3 ... in `order` (their rows, numbers updated)."""
    pks = [item.pk for item in order]
    AgendaItem.objects.filter(pk__in=pks).update(number=F("number") + _OFFSET)
    for i, item in enumerate(order, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(number=i)
        item.number = i


# -- the agenda ----------------------------------------------------------------------------------


def add_agenda_item(
    meeting: Meeting,
    *,
    title: Mapping[str, str],
    parent: AgendaItem | None = None,
    number: int | None = None,
    by: Actor,
    amendment: str | None = None,
) -> AgendaItem:
    """Put an item on the meeting's agenda, or a sub-item under `parent`, as number `number` (the
    items from there on move down by one) or after the last.

    Guarantees: staff only; a title in at least one UN language, each at most 1,000 characters;
    the parent is a top-level item of this meeting; at most 99 items and 26 sub-items an item;
    the numbers stay contiguous; refused once the agenda is adopted, unless `amendment` says why.
    """
    permissions.require_staff(by, _("sets the agenda"))
    where = (
        Place(_("%(series)s: new agenda sub-item"), series=meeting.series)
        if parent
        else Place(_("%(series)s: new agenda item"), series=meeting.series)
    )
    cleaned = clean_text(title, Place(_("%(where)s: title"), where=where))
    _check_parent(meeting, parent, where)
    with transaction.atomic():
        _lock(meeting)
        reason = _amendment(meeting, amendment)
        siblings = items_of(meeting, parent)
        if len(siblings) >= _limit(parent):
            raise _full(parent, where)
        at = len(siblings) + 1 if number is None else _check_number(number, where, len(siblings) + 1)
        before = _outline(meeting)
        item = AgendaItem.objects.create(meeting=meeting, parent=parent, number=_OFFSET * 2, title=cleaned)
        _renumber([*siblings[: at - 1], item, *siblings[at - 1 :]])
        item.refresh_from_db()
        _audit(
            by,
            "add",
            item,
            reason,
            before={"outline": before},
            after={**_snapshot(item), "outline": _outline(meeting)},
        )
    return item


def edit_agenda_item(
    item: AgendaItem, *, title: Mapping[str, str], by: Actor, amendment: str | None = None
) -> bool:
    """Give the item (or sub-item) its new title in each language (the languages left empty are
    taken away). Returns whether it changed; nothing is written, nor audited, when it did not.
    Guarantees: those of add_agenda_item for the title; refused once the agenda is adopted,
    unless `amendment` says why."""
    permissions.require_staff(by, _("sets the agenda"))
    meeting = item.meeting
    cleaned = clean_text(title, Place(_("%(where)s: title"), where=_item_place(meeting, item.label)))
    with transaction.atomic():
        _lock(meeting)
        current = AgendaItem.objects.select_related("meeting", "parent").get(pk=item.pk)
        if current.title == cleaned:
            return False
        reason = _amendment(meeting, amendment)
        before = _snapshot(current)
        current.title = cleaned
        current.save(update_fields=["title"])
        item.title = cleaned
        _audit(by, "edit", current, reason, before=before, after=_snapshot(current))
    return True


def move_agenda_item(
    item: AgendaItem,
    *,
    number: int,
    parent: AgendaItem | None = None,
    by: Actor,
    amendment: str | None = None,
) -> bool:
    """Make the item number `number` among the items of `parent` (None: the agenda's own items):
    renumber it in its place, or move a sub-item under another item or up to the agenda, or an
    item (without sub-items) under another. The items around it are renumbered so that numbers stay
    contiguous. Returns whether anything changed.

    Guarantees: staff only; the parent is a top-level item of the same meeting, and not the item
    itself; an item with sub-items stays an item (no sub-item has sub-items); the limits of
    add_agenda_item; refused once the agenda is adopted, unless `amendment` says why.
    """
    permissions.require_staff(by, _("sets the agenda"))
    meeting = item.meeting
    where = _item_place(meeting, item.label)
    _check_parent(meeting, parent, where)
    if parent is not None and parent.pk == item.pk:
        raise MeetingError(_("%(where)s: an item cannot be its own sub-item"), where=where)
    with transaction.atomic():
        _lock(meeting)
        current = AgendaItem.objects.select_related("meeting", "parent").get(pk=item.pk)
        if parent is not None and current.sub_items.exists():
            raise MeetingError(
                _("%(where)s has sub-items: it stays an item of the agenda (a sub-item has no sub-items)"),
                where=where,
            )
        target = [a for a in items_of(meeting, parent) if a.pk != current.pk]
        same_group = current.parent_id == (parent.pk if parent else None)
        if not same_group and len(target) >= _limit(parent):
            raise _full(parent, where)
        at = _check_number(number, where, len(target) + 1)
        if same_group and current.number == at:
            return False
        reason = _amendment(meeting, amendment)
        before = {**_snapshot(current), "outline": _outline(meeting)}
        old_group = [a for a in items_of(meeting, current.parent) if a.pk != current.pk]
        if not same_group:
            current.parent = parent
            current.number = _OFFSET * 2
            current.save(update_fields=["parent", "number"])
            _renumber(old_group)
        _renumber([*target[: at - 1], current, *target[at - 1 :]])
        current.refresh_from_db()
        item.parent, item.number = current.parent, current.number
        _audit(
            by,
            "move",
            current,
            reason,
            before=before,
            after={**_snapshot(current), "outline": _outline(meeting)},
        )
    return True


def _references(item: AgendaItem) -> list[Place]:
    """What is filed under the item, counted, through the reverse relations of the records that
    hang on it (documents, papers, statements, decisions, the list of speakers, the programme)."""
    found = []
    for accessor, label in (
        ("programme_entries", _("%(count)s entry(ies) of the programme of work")),
        ("floor_requests", _("%(count)s request(s) for the floor")),
        ("document_set", _("%(count)s document(s)")),
        ("working_papers", _("%(count)s working paper(s)")),
        ("statement_set", _("%(count)s statement(s)")),
        ("decision_set", _("%(count)s decision(s)")),
    ):
        manager = getattr(item, accessor, None)
        count = manager.count() if manager is not None else 0
        if count:
            found.append(Place(label, count=count))
    return found


def remove_agenda_item(item: AgendaItem, *, by: Actor, amendment: str | None = None) -> None:
    """Take an item (or a sub-item) off the agenda; the items after it move up by one.

    Guarantees: staff only; an item with sub-items stays until they are removed; an item under
    which anything is filed (documents, papers, statements, decisions, requests for the floor,
    entries of the programme of work) stays until they are filed elsewhere; refused once the
    agenda is adopted, unless `amendment` says why.
    """
    permissions.require_staff(by, _("sets the agenda"))
    meeting = item.meeting
    with transaction.atomic():
        _lock(meeting)
        current = AgendaItem.objects.select_related("meeting", "parent").get(pk=item.pk)
        where = _item_place(meeting, current.label)
        subs = items_of(meeting, current)
        if subs:
            raise MeetingError(
                _("%(where)s has sub-items (%(labels)s): take them off first"),
                where=where,
                labels=", ".join(s.label for s in subs),
            )
        filed = _references(current)
        if filed:
            raise MeetingError(
                _("%(where)s stays: %(filed)s are filed under it; file them elsewhere first"),
                where=where,
                filed=Listing(filed),
            )
        reason = _amendment(meeting, amendment)
        before = {**_snapshot(current), "outline": _outline(meeting)}
        parent = current.parent
        current.delete()
        _renumber(items_of(meeting, parent))
        _audit(by, "remove", meeting, reason, before=before, after={"outline": _outline(meeting)})


def save_agenda_item(
    meeting: Meeting, number: int, title: Mapping[str, str], *, by: Actor, amendment: str | None = None
) -> tuple[AgendaItem, bool]:
    """Put item `number` on the meeting's agenda with its title (per UN language), or give the
    item its new title: the writer of a meeting record loaded from a file, which names its items
    by number. Returns (item, changed); nothing is written when the item already holds the title.
    Refused once the agenda is adopted (Frozen), unless `amendment` says why."""
    permissions.require_staff(by, _("sets the agenda"))
    where = _item_place(meeting, number)
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= SMALL_INT:
        raise DomainError(
            _("%(series)s: an agenda item's number is a whole number from 1 to %(limit)s"),
            series=meeting.series,
            limit=SMALL_INT,
        )
    title = check_text(title, where)
    with transaction.atomic():
        item = (
            AgendaItem.objects.select_for_update()
            .filter(meeting=meeting, parent__isnull=True, number=number)
            .first()
        )
        if item is not None and item.title == title:
            return item, False
        # A translation added to an adopted item's title is not an amendment: the item stays the same.
        reason = (
            None
            if item is not None and adds_translations(item.title, title)
            else _amendment(meeting, amendment)
        )
        if item is None:
            item = AgendaItem.objects.create(meeting=meeting, number=number, title=title)
            _audit(
                by,
                "add",
                item,
                reason,
                before=None,
                after={"meeting": meeting.series, "number": number, "title": title},
            )
            return item, True
        before = {"meeting": meeting.series, "number": number, "title": item.title}
        item.title = title
        item.save(update_fields=["title"])
        _audit(by, "update", item, reason, before=before, after=before | {"title": title})
        return item, True


def save_sub_item(
    parent: AgendaItem, number: int, title: Mapping[str, str], *, by: Actor, amendment: str | None = None
) -> tuple[AgendaItem, bool]:
    """Put sub-item `number` ((a) is 1) under item `parent` with its title, or give it its new
    title: the record loader's writer, as save_agenda_item is for items. Returns (sub-item,
    changed). A new sub-item goes through add_agenda_item, so its rules hold (contiguous numbers,
    at most 26, no sub-item of a sub-item)."""
    permissions.require_staff(by, _("sets the agenda"))
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 26:
        raise DomainError(
            _("%(series)s: a sub-item's number is a whole number from 1 to 26"), series=parent.meeting.series
        )
    with transaction.atomic():
        sub = AgendaItem.objects.select_for_update().filter(parent=parent, number=number).first()
        if sub is None:
            return add_agenda_item(
                parent.meeting, title=title, parent=parent, number=number, by=by, amendment=amendment
            ), True
        return sub, edit_agenda_item(sub, title=title, by=by, amendment=amendment)


# -- the programme of work -----------------------------------------------------------------------


def _sitting_snapshot(sitting: PlannedSitting) -> dict[str, Any]:
    return {
        "meeting": sitting.meeting.series,
        "number": sitting.number,
        "date": sitting.date.isoformat(),
        "period": sitting.period,
        "opens": sitting.opens.isoformat(timespec="minutes") if sitting.opens else None,
        "closes": sitting.closes.isoformat(timespec="minutes") if sitting.closes else None,
        "note": dict(sitting.note),
    }


def _entry_snapshot(entry: ProgrammeEntry) -> dict[str, Any]:
    return {
        "sitting": entry.sitting.number,
        "position": entry.position,
        "agenda_item": entry.agenda_item.label if entry.agenda_item_id else None,
        "subject": dict(entry.subject),
    }


def _not_a_date(where: Place, value: str) -> MeetingError:
    return MeetingError(_("%(where)s: %(value)s is not a date (YYYY-MM-DD)"), where=where, value=value)


def _as_date(value: Any, where: Place) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _not_a_date(where, repr(value))
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise _not_a_date(where, repr(str(value)[:40])) from None


def _as_time(value: Any, where: Place) -> dt.time | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    try:
        return dt.time.fromisoformat(str(value)).replace(second=0, microsecond=0)
    except ValueError:
        raise MeetingError(
            _("%(where)s: %(value)s is not a time (HH:MM)"), where=where, value=repr(str(value)[:40])
        ) from None


SITTING_FIELDS = ("date", "period", "opens", "closes", "note")


def _sitting_values(meeting: Meeting, values: Mapping[str, Any], where: Place) -> dict[str, Any]:
    unknown = set(values) - set(SITTING_FIELDS)
    if unknown:
        raise MeetingError(
            _("%(where)s: unknown field(s) %(fields)s"), where=where, fields=", ".join(sorted(unknown))
        )
    out: dict[str, Any] = {}
    if "date" in values:
        day = _as_date(values["date"], where)
        if meeting.start is None or meeting.end is None:
            raise MeetingError(
                _("%(where)s: %(series)s has no dates yet; set its dates first"),
                where=where,
                series=meeting.series,
            )
        if not meeting.start <= day <= meeting.end:
            raise MeetingError(
                _("%(where)s: %(day)s is not a day of %(series)s (%(start)s to %(end)s)"),
                where=where,
                day=day,
                series=meeting.series,
                start=meeting.start,
                end=meeting.end,
            )
        out["date"] = day
    if "period" in values:
        if values["period"] not in PlannedSitting.Period.values:
            raise MeetingError(
                _("%(where)s: the period is one of %(periods)s, not %(value)s"),
                where=where,
                periods=", ".join(PlannedSitting.Period.values),
                value=repr(str(values["period"])[:40]),
            )
        out["period"] = values["period"]
    for f in ("opens", "closes"):
        if f in values:
            out[f] = _as_time(values[f], where)
    if "note" in values:
        out["note"] = clean_text(
            values["note"], Place(_("%(where)s: note"), where=where), limit=MAX_NOTE, required=False
        )
    return out


def _check_times(opens: dt.time | None, closes: dt.time | None, where: Place) -> None:
    if opens and closes and closes <= opens:
        raise MeetingError(
            _("%(where)s: it closes (%(closes)s) before it opens (%(opens)s)"),
            where=where,
            closes=f"{closes:%H:%M}",
            opens=f"{opens:%H:%M}",
        )


def _sitting_place(meeting: Meeting, number: int | None = None) -> Place:
    if number is None:
        return Place(_("%(series)s: sitting"), series=meeting.series)
    return Place(_("%(series)s: sitting %(number)s"), series=meeting.series, number=number)


def _clash(where: Place, meeting: Meeting, period: str, day: dt.date, clash: PlannedSitting) -> MeetingError:
    return MeetingError(
        _("%(where)s: %(series)s already has a sitting in the %(period)s of %(date)s (sitting %(number)s)"),
        where=where,
        series=meeting.series,
        period=term(period),
        date=day,
        number=clash.number,
    )


def _renumber_sittings(meeting: Meeting) -> None:
    """Number the meeting's sittings 1, 2, 3 ... in the order of the days and periods."""
    sittings = sorted(
        PlannedSitting.objects.filter(meeting=meeting), key=lambda s: (s.date, PERIOD_ORDER[s.period], s.pk)
    )
    PlannedSitting.objects.filter(meeting=meeting).update(number=F("number") + _OFFSET)
    for i, sitting in enumerate(sittings, start=1):
        PlannedSitting.objects.filter(pk=sitting.pk).update(number=i)


def _taken(meeting: Meeting, day: dt.date, period: str, other: int | None) -> PlannedSitting | None:
    return PlannedSitting.objects.filter(meeting=meeting, date=day, period=period).exclude(pk=other).first()


def plan_sitting(
    meeting: Meeting,
    *,
    date: dt.date | str,
    period: str,
    opens: dt.time | str | None = None,
    closes: dt.time | str | None = None,
    note: Mapping[str, str] | None = None,
    by: Actor,
) -> PlannedSitting:
    """Add a sitting to the programme of work: a day of the meeting and its period (morning,
    afternoon, evening), with its hours if known and a note per language (e.g. "informal").

    Guarantees: staff only; the day is one of the meeting's dates; one sitting per day and period;
    it closes after it opens; the sittings are numbered 1, 2, 3 ... in the order of days and
    periods (a sitting put before others renumbers them).
    """
    permissions.require_staff(by, _("sets the programme of work"))
    where = _sitting_place(meeting)
    values = _sitting_values(
        meeting, {"date": date, "period": period, "opens": opens, "closes": closes, "note": note or {}}, where
    )
    _check_times(values["opens"], values["closes"], where)
    with transaction.atomic():
        _lock(meeting)
        clash = _taken(meeting, values["date"], values["period"], None)
        if clash is not None:
            raise _clash(where, meeting, values["period"], values["date"], clash)
        sitting = PlannedSitting.objects.create(meeting=meeting, number=_OFFSET * 2, **values)
        _renumber_sittings(meeting)
        sitting.refresh_from_db()
        log_action(by, "programme.sitting.add", sitting, after=_sitting_snapshot(sitting))
    return sitting


def change_sitting(sitting: PlannedSitting, *, by: Actor, **values: Any) -> bool:
    """Change what is given of a sitting (date, period, opens, closes, note). Returns whether it
    changed. Guarantees: those of plan_sitting; the sittings are numbered again in order."""
    permissions.require_staff(by, _("sets the programme of work"))
    meeting = sitting.meeting
    where = _sitting_place(meeting, sitting.number)
    cleaned = _sitting_values(meeting, values, where)
    with transaction.atomic():
        _lock(meeting)
        current = PlannedSitting.objects.select_related("meeting").get(pk=sitting.pk)
        before = _sitting_snapshot(current)
        for f, v in cleaned.items():
            setattr(current, f, v)
        _check_times(current.opens, current.closes, where)
        after = _sitting_snapshot(current)
        if after == before:
            return False
        clash = _taken(meeting, current.date, current.period, current.pk)
        if clash is not None:
            raise _clash(where, meeting, current.period, current.date, clash)
        current.save(update_fields=list(cleaned))
        _renumber_sittings(meeting)
        current.refresh_from_db()
        for f in (*SITTING_FIELDS, "number"):
            setattr(sitting, f, getattr(current, f))
        log_action(by, "programme.sitting.change", current, before=before, after=_sitting_snapshot(current))
    return True


def remove_planned_sitting(sitting: PlannedSitting, *, by: Actor) -> None:
    """Take a sitting off the programme of work, with its entries; the sittings after it are
    numbered again. Guarantees: staff only; a sitting that the list of speakers or the statements
    refer to stays."""
    permissions.require_staff(by, _("sets the programme of work"))
    meeting = sitting.meeting
    with transaction.atomic():
        _lock(meeting)
        current = PlannedSitting.objects.select_related("meeting").get(pk=sitting.pk)
        where = _sitting_place(meeting, current.number)
        used = []
        for accessor, label in (
            ("floor_requests", _("%(count)s request(s) for the floor")),
            ("statements", _("%(count)s statement(s)")),
        ):
            manager = getattr(current, accessor, None)
            count = manager.count() if manager is not None else 0
            if count:
                used.append(Place(label, count=count))
        if used:
            raise MeetingError(_("%(where)s stays: %(used)s refer to it"), where=where, used=Listing(used))
        entries = [
            _entry_snapshot(e) for e in current.entries.select_related("sitting", "agenda_item__parent")
        ]
        before = {**_sitting_snapshot(current), "entries": entries}
        current.entries.all().delete()
        current.delete()
        _renumber_sittings(meeting)
        log_action(by, "programme.sitting.remove", meeting, before=before)


def _entry_values(
    sitting: PlannedSitting, agenda_item: AgendaItem | None, subject: Any, where: Place
) -> dict[str, Any]:
    text = clean_text(subject, Place(_("%(where)s: subject"), where=where), required=False)
    if agenda_item is None and not text:
        raise MeetingError(
            _("%(where)s: an entry takes up an agenda item, or says what the sitting does (a subject)"),
            where=where,
        )
    if agenda_item is not None and text:
        raise MeetingError(_("%(where)s: an entry is an agenda item or a subject, not both"), where=where)
    if agenda_item is not None and agenda_item.meeting_id != sitting.meeting_id:
        raise _not_on_agenda(where, agenda_item, sitting.meeting)
    return {"agenda_item": agenda_item, "subject": text}


def _order_entries(sitting: PlannedSitting, order: Sequence[ProgrammeEntry]) -> None:
    for i, entry in enumerate(order):
        if entry.position != i:
            ProgrammeEntry.objects.filter(pk=entry.pk).update(position=i)
            entry.position = i


def _too_many_entries(where: Place) -> MeetingError:
    return MeetingError(
        _("%(where)s: a sitting has at most %(limit)s entries"), where=where, limit=MAX_ENTRIES
    )


def _entries(sitting: PlannedSitting) -> list[ProgrammeEntry]:
    return list(sitting.entries.order_by("position", "id"))


def add_programme_entry(
    sitting: PlannedSitting,
    *,
    agenda_item: AgendaItem | None = None,
    subject: Mapping[str, str] | None = None,
    position: int | None = None,
    by: Actor,
) -> ProgrammeEntry:
    """Put an agenda item, or a subject of its own (per language: an opening, an informal meeting),
    on the sitting's programme, at place `position` (1 is first; the entries from there move down)
    or after the last.

    Guarantees: staff only; an item of the same meeting, or a subject in at least one UN language,
    not both; at most 30 entries a sitting; the entries keep their order.
    """
    permissions.require_staff(by, _("sets the programme of work"))
    meeting = sitting.meeting
    where = _sitting_place(meeting, sitting.number)
    values = _entry_values(sitting, agenda_item, subject, where)
    with transaction.atomic():
        _lock(meeting)
        entries = _entries(sitting)
        if len(entries) >= MAX_ENTRIES:
            raise _too_many_entries(where)
        at = (
            len(entries) + 1
            if position is None
            else _check_number(position, Place(_("%(where)s: entry"), where=where), len(entries) + 1)
        )
        entry = ProgrammeEntry.objects.create(sitting=sitting, position=SMALL_INT, **values)
        _order_entries(sitting, [*entries[: at - 1], entry, *entries[at - 1 :]])
        entry = ProgrammeEntry.objects.select_related("sitting", "agenda_item__parent").get(pk=entry.pk)
        log_action(by, "programme.entry.add", entry, after=_entry_snapshot(entry))
    return entry


def change_programme_entry(
    entry: ProgrammeEntry,
    *,
    agenda_item: AgendaItem | None = None,
    subject: Mapping[str, str] | None = None,
    by: Actor,
) -> bool:
    """Make the entry take up `agenda_item`, or `subject`. Returns whether it changed.
    Guarantees: those of add_programme_entry."""
    permissions.require_staff(by, _("sets the programme of work"))
    sitting = entry.sitting
    where = _sitting_place(sitting.meeting, sitting.number)
    values = _entry_values(sitting, agenda_item, subject, where)
    with transaction.atomic():
        _lock(sitting.meeting)
        current = ProgrammeEntry.objects.select_related("sitting__meeting", "agenda_item__parent").get(
            pk=entry.pk
        )
        before = _entry_snapshot(current)
        current.agenda_item, current.subject = values["agenda_item"], values["subject"]
        after = _entry_snapshot(current)
        if after == before:
            return False
        current.save(update_fields=["agenda_item", "subject"])
        entry.agenda_item, entry.subject = current.agenda_item, current.subject
        log_action(by, "programme.entry.change", current, before=before, after=after)
    return True


def move_programme_entry(
    entry: ProgrammeEntry, *, position: int, sitting: PlannedSitting | None = None, by: Actor
) -> bool:
    """Make the entry the `position`-th (1 is first) of `sitting` (by default its own). Returns
    whether anything changed. Guarantees: staff only; a sitting of the same meeting; at most 30
    entries a sitting; the entries of both sittings keep their order."""
    permissions.require_staff(by, _("sets the programme of work"))
    meeting = entry.sitting.meeting
    target_sitting = sitting or entry.sitting
    where = _sitting_place(meeting, target_sitting.number)
    if target_sitting.meeting_id != meeting.pk:
        raise MeetingError(
            _("%(where)s: sitting %(number)s of %(other)s is not a sitting of %(series)s"),
            where=where,
            number=target_sitting.number,
            other=target_sitting.meeting.series,
            series=meeting.series,
        )
    with transaction.atomic():
        _lock(meeting)
        current = ProgrammeEntry.objects.select_related("sitting__meeting", "agenda_item__parent").get(
            pk=entry.pk
        )
        others = [e for e in _entries(target_sitting) if e.pk != current.pk]
        moving = current.sitting_id != target_sitting.pk
        if moving and len(others) >= MAX_ENTRIES:
            raise _too_many_entries(where)
        at = _check_number(position, Place(_("%(where)s: entry"), where=where), len(others) + 1)
        if not moving and current.position == at - 1:
            return False
        before = _entry_snapshot(current)
        old = current.sitting
        if moving:
            current.sitting = target_sitting
            current.position = SMALL_INT
            current.save(update_fields=["sitting", "position"])
            _order_entries(old, [e for e in _entries(old) if e.pk != current.pk])
        _order_entries(target_sitting, [*others[: at - 1], current, *others[at - 1 :]])
        current.refresh_from_db()
        entry.sitting, entry.position = current.sitting, current.position
        log_action(by, "programme.entry.move", current, before=before, after=_entry_snapshot(current))
    return True


def remove_programme_entry(entry: ProgrammeEntry, *, by: Actor) -> None:
    """Take an entry off its sitting's programme; the entries after it move up."""
    permissions.require_staff(by, _("sets the programme of work"))
    sitting = entry.sitting
    with transaction.atomic():
        _lock(sitting.meeting)
        current = ProgrammeEntry.objects.select_related("sitting__meeting", "agenda_item__parent").get(
            pk=entry.pk
        )
        before = _entry_snapshot(current)
        current.delete()
        _order_entries(sitting, _entries(sitting))
        log_action(by, "programme.entry.remove", sitting, before=before)
