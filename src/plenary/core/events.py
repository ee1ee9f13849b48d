"""What changed, told to whoever derives data from it (the search index, the page cache).

Every domain write records itself with `core.audit.log_action`, which calls `record_changed` with
the meeting the write concerns. Listeners run once per meeting and transaction, after the
transaction commits: a write that rolls back tells nobody, and derived data never runs ahead of
the records. Capability apps do not import the apps that derive data from them (the import
contracts forbid it); those apps subscribe here instead, in their AppConfig.ready().
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import connection, transaction

from plenary.core import versions

log = logging.getLogger(__name__)

# listener(meeting_id, actions): actions are the audit actions of the transaction for that meeting.
Listener = Callable[[int, frozenset[str]], None]
_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Be told, after each commit, which meetings changed and through which actions."""
    if listener not in _listeners:
        _listeners.append(listener)


def _pending() -> dict[int, set[str]]:
    pending = getattr(connection, "_plenary_changed_meetings", None)
    if pending is None:
        pending = connection._plenary_changed_meetings = {}
    return pending


def record_changed(meeting_id: int | None, action: str, *, public: bool = True) -> None:
    """Note that the current transaction changed the meeting `meeting_id` (None: records that
    belong to no meeting) by `action`. A public change moves the record versions that cached pages
    were built on (`core.versions`) when this transaction commits; `public=False` is for writes
    no public page shows (a user's account, tokens, second factor, roles)."""
    if public:
        versions.bump(versions.scopes_of_write(meeting_id))
    _note(meeting_id, action, public)


def _note(meeting_id: int | None, action: str, public: bool) -> None:
    if meeting_id is None or not _listeners:
        return
    pending = _pending()
    if not any(entry[1] is _tell for entry in connection.run_on_commit):
        # A new transaction (what an earlier one noted was rolled back with it).
        pending.clear()
        connection._plenary_public_change = public
        pending.setdefault(meeting_id, set()).add(action)
        transaction.on_commit(_tell)  # in autocommit mode this runs at once
        return
    connection._plenary_public_change = getattr(connection, "_plenary_public_change", False) or public
    pending.setdefault(meeting_id, set()).add(action)


def _tell() -> None:
    pending = _pending()
    changed = dict(pending)
    pending.clear()
    for meeting_id, actions in changed.items():
        for listener in list(_listeners):
            try:
                listener(meeting_id, frozenset(actions))
            except Exception:  # derived data must not undo a committed record; it is rebuilt later
                log.exception("a listener failed after a change of meeting %s", meeting_id)
    if changed and getattr(connection, "_plenary_public_change", False):
        # What the listeners derive (the search index) is written after the commit, so a page
        # built from it in between (the search page) may hold the old results under the new
        # version: the records move once more, now that the derived data is up to date.
        try:
            versions.bump([versions.RECORDS])
        except Exception:
            log.exception("could not move the records' version after the listeners")


def meeting_of(obj) -> int | None:
    """The meeting a record belongs to, from its fields: a Meeting itself, or anything with a
    `meeting_id` (documents, delegations, statements, decisions, papers, floor requests, reports),
    or a co-sponsorship through its paper."""
    if obj is None:
        return None
    if obj._meta.label == "meetings.Meeting":
        return obj.pk
    if getattr(obj, "meeting_id", None) is not None:
        return obj.meeting_id
    paper = getattr(obj, "paper", None)
    return getattr(paper, "meeting_id", None)
