"""Files put on record get their official name only when the transaction that records them commits.

A file (a language version under its UN file name, an issued file, a working paper's file) is
written first under a temporary name, tmp/<random>/<official name>, in the same storage (local
files or S3). When the transaction commits, it is moved to its official name (on local disk a
rename, which is atomic; on S3 a server-side copy, then the temporary is deleted). When the
transaction rolls back, by an exception, transaction.set_rollback(True), or an outer
transaction.atomic() or savepoint that rolls back, the temporary is deleted. So a file under an
official name always has its committed database row.

A process killed in between leaves a temporary, never an official name: `plenary files clean`
deletes temporaries older than an hour, and finishes the move of one whose row was committed (a
kill after the commit, before the move). It is safe to run at any time, and twice.

How the rollback is seen: Django runs on_commit callbacks on commit and drops them on rollback
(Django 5.2 has no on_rollback hook). Each staged file's on_commit callback carries a finalizer
that deletes the temporary when Django drops the callback without running it; atomic_files()
deletes its own at once when it rolls back.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
import uuid
import weakref
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection, models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

TEMPORARY = "tmp"
# A temporary older than this is left over (no transaction of Plenary runs for an hour).
LEFTOVER_AFTER = dt.timedelta(hours=1)


def temporary_name(official: str) -> str:
    return f"{TEMPORARY}/{uuid.uuid4().hex}/{official}"


def official_name(temporary: str) -> str | None:
    """The official name a temporary is for (tmp/<random>/issued/X.pdf -> issued/X.pdf)."""
    parts = PurePosixPath(temporary).parts
    if len(parts) < 3 or parts[0] != TEMPORARY:
        return None
    return "/".join(parts[2:])


# -- test pause points ---------------------------------------------------------------------------


def pause_point(name: str) -> None:
    """For the tests that kill a server mid-issue: when settings.TEST_PAUSE_POINTS is on (never in
    production) and PLENARY_PAUSE_AT names this point, write this process's id to the file
    PLENARY_PAUSE_MARKER and wait there to be killed. Points: "files-written" (the files are under
    their temporary names, the transaction not committed), "committed" (committed, not moved)."""
    if not settings.TEST_PAUSE_POINTS or os.environ.get("PLENARY_PAUSE_AT") != name:
        return
    Path(os.environ["PLENARY_PAUSE_MARKER"]).write_text(str(os.getpid()))
    while True:
        time.sleep(1)


# -- moving and deleting ---------------------------------------------------------------------------


def _s3_key(storage, name: str) -> str:
    from storages.utils import clean_name

    return storage._normalize_name(clean_name(name))


def move(storage, source: str, target: str) -> None:
    """Give the file `source` the name `target`, in one step where the storage has one."""
    if isinstance(storage, FileSystemStorage):
        path = Path(storage.path(target))
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(storage.path(source), path)
        _prune(storage, source)
    elif hasattr(storage, "bucket") and hasattr(storage, "_normalize_name"):  # django-storages S3
        storage.bucket.Object(_s3_key(storage, target)).copy_from(
            CopySource={"Bucket": storage.bucket.name, "Key": _s3_key(storage, source)}
        )
        storage.delete(source)
    else:
        with storage.open(source, "rb") as handle:
            saved = storage.save(target, ContentFile(handle.read()))
        if saved != target:
            raise RuntimeError(f"{target} was stored as {saved}")
        storage.delete(source)


def _prune(storage, temporary: str) -> None:
    """Remove the empty folders a local temporary leaves (tmp/<random>/issued/ ...)."""
    root = Path(storage.path(TEMPORARY))
    folder = Path(storage.path(temporary)).parent
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


class _Staged:
    """One file under its temporary name, waiting for its transaction."""

    def __init__(self, storage, temporary: str, official: str, seq: int) -> None:
        self.storage, self.temporary, self.official, self.seq = storage, temporary, official, seq
        self.state = "staged"
        # The connection's own list (a finalizer may run on another thread, whose connection differs).
        self.pending = _pending()

    def promote(self) -> None:
        if self.state != "staged":
            return
        pause_point("committed")
        move(self.storage, self.temporary, self.official)
        self.state = "promoted"
        self.pending.pop(self.seq, None)

    def discard(self) -> None:
        if self.state != "staged":
            return
        self.state = "discarded"
        self.pending.pop(self.seq, None)
        try:
            self.storage.delete(self.temporary)
        except Exception:  # left for `plenary files clean`
            logger.exception("could not delete the temporary %s", self.temporary)


class _OnCommit:
    """The on_commit callback of one staged file (an object, so that a finalizer can watch it)."""

    def __init__(self, staged: _Staged) -> None:
        self.staged = staged
        self.__qualname__ = f"promote {staged.official}"  # what Django logs if the move fails

    def __call__(self) -> None:
        self.staged.promote()


def _pending() -> dict[int, _Staged]:
    pending = getattr(connection, "_plenary_staged", None)
    if pending is None:
        pending = connection._plenary_staged = {}
        connection._plenary_staged_seq = 0
    return pending


def _next_seq() -> int:
    _pending()
    connection._plenary_staged_seq += 1
    return connection._plenary_staged_seq


def stage(field_file, name: str, data: bytes) -> None:
    """Put `data` on `field_file` (not saved: its row is the caller's to save) under the official
    name its field makes of `name`, written under a temporary name until the transaction commits."""
    storage = field_file.storage
    field = field_file.field
    official = storage.get_available_name(
        field.generate_filename(field_file.instance, name), max_length=field.max_length
    )
    temporary = storage.save(temporary_name(official), ContentFile(data))
    field_file.name = official
    staged = _Staged(storage, temporary, official, _next_seq())
    staged.pending[staged.seq] = staged
    callback = _OnCommit(staged)
    weakref.finalize(callback, staged.discard)  # dropped by a rollback: the temporary goes
    transaction.on_commit(callback, robust=True)  # a failed move is logged; `files clean` ends it


def _commits_now() -> bool:
    """True when no transaction of the program is open any longer. Django's TestCase wraps each
    test in atomic blocks it marks _from_testcase (as atomic(durable=True) does, they are taken as
    absent): there, leaving the last block of the program is its commit."""
    return all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


class atomic_files:
    """transaction.atomic() for writes that stage files: the files get their official names when
    the transaction commits (at once when this is the outermost block; else when the outer one
    commits), and their temporaries are deleted when it rolls back."""

    def __enter__(self):
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self._first = _next_seq()
        return self

    def _mine(self) -> list[_Staged]:
        return [s for seq, s in sorted(_pending().items()) if seq > self._first]

    def __exit__(self, exc_type, exc, tb):
        rolled_back = exc_type is not None or connection.needs_rollback
        if (
            not rolled_back
            and self._mine()
            and all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks[:-1])
        ):
            pause_point("files-written")
        try:
            result = self._atomic.__exit__(exc_type, exc, tb)
        except BaseException:
            rolled_back = True
            raise
        finally:
            if rolled_back:
                for staged in self._mine():
                    staged.discard()
            elif _commits_now():
                for staged in self._mine():  # on a real commit Django has moved them already
                    staged.promote()
        return result


# -- leftovers ----------------------------------------------------------------------------------


def _walk(storage, folder: str):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def _on_record(name: str) -> bool:
    """Whether a committed row names the file (any file field of any model)."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.FileField)
                and model._default_manager.filter(**{field.name: name}).exists()
            ):
                return True
    return False


def leftovers(
    storage, *, older_than: dt.timedelta = LEFTOVER_AFTER, remove: bool = True
) -> list[tuple[str, str]]:
    """The temporaries older than `older_than`, each with what is (or, remove=False, would be)
    done: "completed" (its row was committed: moved to its official name), else "removed"."""
    now = timezone.now()
    done = []
    for name in sorted(_walk(storage, TEMPORARY)):
        if now - storage.get_modified_time(name) < older_than:
            continue
        official = official_name(name)
        complete = official is not None and _on_record(official) and not storage.exists(official)
        if remove:
            if complete:
                move(storage, name, official)
            else:
                storage.delete(name)
                if isinstance(storage, FileSystemStorage):
                    _prune(storage, name)
        done.append((name, "completed" if complete else "removed"))
    return done
