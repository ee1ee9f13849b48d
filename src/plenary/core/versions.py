"""Record versions: what a cached page was built on, and how a write makes it stale.

Every domain write moves the version of the scopes it touches (`bump`): "records" always, and
"meeting:<pk>" for a write to a meeting or "reference" for a write that belongs to no meeting.
A cached page names the scopes it shows and keeps the versions it was built on
(`plenary.core.pagecache`); it is served while they are current.

The version moves right after the writing transaction commits, once per scope and transaction,
not inside it (the first design): a version row updated inside the transaction stays locked
until its commit, and every write touches "records", so on PostgreSQL every domain write would
wait for every other from its first audit entry to its commit, and two transactions that take
another lock after their first audit entry (the symbol allocator's counter, a meeting's row)
would deadlock against each other. After the commit the update holds its row for one statement.
A write that rolls back moves nothing (Django drops its after-commit steps). A page built
between the commit and the move is built on the old version and is stale at once; only a
process that dies in that instant leaves its write unannounced, and PAGE_CACHE_SECONDS bounds
that.

The database row is the truth; the cache holds a copy of each version so that a cached page
costs no query. After the move the copy is dropped (not set: two writers' steps may run in
either order, and a late `set` of the older number would make stale pages current again; a
drop cannot go backwards). The next reader copies the row back for VERSION_SECONDS, so that a
copy that outlived its row (a cache that was down at the drop) heals itself within that time.
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
    """The scopes a write moves."""
    return [RECORDS, meeting_scope(meeting_id) if meeting_id is not None else REFERENCE]


class _Bump:
    """The after-commit step of one scope's bump; Django forgets it when the savepoint it was
    registered in rolls back, so that its presence in `run_on_commit` means "bumped in this
    transaction"."""

    def __init__(self, scope: str):
        self.scope = scope
        self.done = False

    def __call__(self) -> None:
        self.done = True
        try:
            now = timezone.now()
            rows = RecordVersion.objects.filter(scope=self.scope)
            if not rows.update(number=F("number") + 1, changed_at=now):
                try:
                    with transaction.atomic():
                        RecordVersion.objects.create(scope=self.scope, number=1, changed_at=now)
                except IntegrityError:  # another process created it meanwhile
                    rows.update(number=F("number") + 1, changed_at=now)
        except Exception:  # the write is committed; PAGE_CACHE_SECONDS bounds its pages
            log.exception("could not move the version of %s", self.scope)
        try:
            cache.delete(_KEY + self.scope)
        except Exception:  # the copy expires within VERSION_SECONDS
            log.exception("could not drop the cached version of %s", self.scope)


def _bumped(scope: str) -> bool:
    return any(
        isinstance(func, _Bump) and func.scope == scope and not func.done
        for _sids, func, *_rest in connection.run_on_commit
    )


def bump(scopes: Iterable[str]) -> None:
    """Move the version of each scope once the current transaction commits (at once outside a
    transaction), once per scope and transaction; a transaction that rolls back moves nothing.
    Then the cached copies are dropped."""
    for scope in scopes:
        if connection.in_atomic_block and _bumped(scope):
            continue
        transaction.on_commit(_Bump(scope))


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
