"""Record versions: what a cached page was built on, and how a write makes it stale.

Every domain write moves, inside its own transaction, the version of the scopes it touches
(`bump`): "records" always, and "meeting:<pk>" for a write to a meeting or "reference" for a
write that belongs to no meeting. A cached page names the scopes it shows and keeps the
versions it was built on (`plenary.core.pagecache`); it is served while they are current.

The database row is the truth; the cache holds a copy of each version so that a cached page
costs no query. After a commit the copies of the bumped scopes are dropped (not set: two
writers' after-commit steps may run in either order, and a late `set` of the older number would
make stale pages current again; a drop cannot go backwards). The next reader copies the row
back for VERSION_SECONDS, so that a copy that outlived its row (a crash between the commit and
the drop, a cache that was down, a database restored from a backup) heals itself within that
time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from plenary.core.models import RecordVersion

log = logging.getLogger(__name__)

RECORDS = "records"
REFERENCE = "reference"
VERSION_SECONDS = 60
_KEY = "rv:"

# A scope's version as a cached page keeps it: (number, changed_at as a POSIX timestamp). The
# timestamp (to the microsecond) tells apart two databases whose numbers happen to agree (a
# database re-created beside an old file cache).
Version = tuple[int, float]


def meeting_scope(meeting_id: int) -> str:
    return f"meeting:{meeting_id}"


def scopes_of_write(meeting_id: int | None) -> list[str]:
    """The scopes a write moves, "records" first: every writing transaction takes that row's lock
    first, so that two transactions never take the other rows in opposite orders (no deadlock).
    On PostgreSQL the "records" row thus serialises concurrent domain writes from their first
    audit entry to their commit; domain writes are a secretariat's acts, a few a second at most,
    and SQLite serialises writers anyway."""
    return [RECORDS, meeting_scope(meeting_id) if meeting_id is not None else REFERENCE]


class _Drop:
    """The after-commit step of one bump; Django forgets it when the savepoint it was registered in
    rolls back, so that its presence in `run_on_commit` means "bumped in this transaction"."""

    def __init__(self, scope: str):
        self.scope = scope
        self.done = False

    def __call__(self) -> None:
        self.done = True
        try:
            cache.delete(_KEY + self.scope)
        except Exception:  # the write is committed; the copy expires within VERSION_SECONDS
            log.exception("could not drop the cached version of %s", self.scope)


def _bumped(scope: str) -> bool:
    return any(
        isinstance(func, _Drop) and func.scope == scope and not func.done
        for _sids, func, *_rest in connection.run_on_commit
    )


def bump(scopes: Iterable[str]) -> None:
    """Move the version of each scope, once per scope and transaction, inside the current
    transaction (a write that rolls back moves nothing); after the commit the cached copies are
    dropped."""
    for scope in scopes:
        if connection.in_atomic_block and _bumped(scope):
            continue
        now = timezone.now()
        rows = RecordVersion.objects.filter(scope=scope)
        if not rows.update(number=F("number") + 1, changed_at=now):
            try:
                with transaction.atomic():
                    RecordVersion.objects.create(scope=scope, number=1, changed_at=now)
            except IntegrityError:  # another transaction created it meanwhile
                rows.update(number=F("number") + 1, changed_at=now)
        transaction.on_commit(_Drop(scope))


def current(scopes: Iterable[str], *, create: bool = False) -> dict[str, Version | None]:
    """The current version of each scope: from the cache, else (one query for all that are
    missing) from the database, copied into the cache for VERSION_SECONDS. A scope never written
    has no row: None, unless `create`, which writes its row at number 0 (a page over records
    loaded without domain writes can then be cached too)."""
    scopes = list(dict.fromkeys(scopes))
    got = cache.get_many([_KEY + s for s in scopes])
    out: dict[str, Version | None] = {}
    missing = []
    for scope in scopes:
        value = got.get(_KEY + scope)
        if value is None:
            missing.append(scope)
        else:
            out[scope] = value
    if missing:
        found: dict[str, Version] = {
            row.scope: (row.number, row.changed_at.timestamp())
            for row in RecordVersion.objects.filter(scope__in=missing)
        }
        for scope in missing:
            if scope not in found and create:
                row, _created = RecordVersion.objects.get_or_create(
                    scope=scope, defaults={"number": 0, "changed_at": timezone.now()}
                )
                found[scope] = (row.number, row.changed_at.timestamp())
            out[scope] = found.get(scope)
        if found:
            cache.set_many({_KEY + s: v for s, v in found.items()}, VERSION_SECONDS)
    return out
