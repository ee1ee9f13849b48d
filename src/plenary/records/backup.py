"""Backup and restore: the whole database and file store in one archive, checked before it is trusted.

The archive is a gzip-compressed tar file (``tar tzf`` lists it) with, in this order:

- ``data/000001-treaties.state.json`` ...: the rows of every model of every installed app, in
  Django's JSON serialization, at most ``CHUNK`` rows per member, in an order that loads: a model
  comes after the models it names by natural key (``django.core.serializers.sort_dependencies``).
- ``files/<name>``: every file in Django's default storage, under its storage name.
- ``manifest.json``, last: the format, when and by which Plenary it was made, the database vendor,
  the migration state, the row count of every table, every member's size and SHA-256, and a
  SHA-256 of the manifest itself.

Models are found with ``apps.get_models()``, never listed: a model that moves to another app is
backed up under its new label, and the migration state in the manifest says which layout an
archive belongs to. Rows keep their primary keys, except content types and permissions:
``migrate`` creates those in every database with ids of its own, so they travel by natural key
(``auth.user.user_permissions`` names a permission as ``[codename, app, model]``), and so does
every reference to a model that has a natural key (users, groups). Sessions are not backed up
(``SKIPPED``): after a restore people sign in again.

Restore reads the archive twice. The first pass checks everything and writes nothing: the gzip
stream (its exact header, the SHA-256 of the rest that the header holds, the CRC-32 and length,
nothing after the end), the tar structure, every member against the
manifest, the manifest against its own checksum, the format, the row counts and the migration
state against this code's. Only then does it look at the database and the file store, which must
be empty, apply migrations, and load everything inside one transaction in the second pass
(checking every member again as it goes); the files are written to storage inside that
transaction, and removed again if anything fails.

The checksums guard against damage (a truncated download, a flipped bit), not against a forger:
anyone who can write the archive can rewrite its manifest too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import posixpath
import re
import struct
import tarfile
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, OperationalError, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from plenary.core.actor import Actor
from plenary.core.errors import DomainError

FORMAT = "plenary/backup@1"
FORMAT_NAME = FORMAT.split("@")[0]
MANIFEST = "manifest.json"
CHUNK = 1000  # rows per data member: bounds the memory a member needs on restore
# Models whose rows are not backed up, and why (the manifest repeats this).
SKIPPED = {
    "sessions.session": "sessions are not backed up: after a restore, people sign in again",
    # How often the records changed, for the page cache (core.versions): a restored database
    # starts versions of its own (new times), so that no page cached before the restore matches.
    "core.recordversion": "record versions are not backed up: a restored database starts its own",
}
# Rows that `migrate` creates in every database, with ids of its own: they travel by natural key,
# and a restore merges them with the ones already there.
BY_NATURAL_KEY = frozenset({"contenttypes.contenttype", "auth.permission"})

# The gzip header that `write_backup` writes: no file name, no time stamp, OS "unknown", and one
# extra field ("PL", 32 bytes: RFC 1952 2.3.1.1) that holds the SHA-256 of every byte after the
# header, filled in when the archive is complete. gzip and tar skip the field. Restore insists on
# this header and on the checksum, so that a changed byte anywhere in the archive is noticed (the
# deflate stream's CRC-32 alone misses a few: the unused bits of its last byte).
GZIP_PREFIX = (
    b"\x1f\x8b\x08\x04\x00\x00\x00\x00\x00\xff" + struct.pack("<H", 36) + b"PL" + struct.pack("<H", 32)
)
GZIP_HEADER_SIZE = len(GZIP_PREFIX) + 32
_DATA_NAME = re.compile(r"data/(\d{6})-([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*)\.json")
_MAX_DATA_MEMBER = 512 * 1024 * 1024
_MAX_MANIFEST = 64 * 1024 * 1024
_READ_SIZE = 1024 * 1024

# progress(task, done, total): a phase of the work and how far it has come (total None: unknown).
Progress = Callable[[str, int, "int | None"], None]


class BackupError(DomainError):
    """A backup or restore cannot be done; the message says why, in one line."""


class ArchiveError(BackupError):
    """The file is not a sound Plenary backup (foreign, truncated or damaged)."""


@dataclass
class BackupResult:
    path: Path
    size: int
    sha256: str
    rows: int
    tables: int
    files: int
    file_bytes: int
    missing_files: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    path: Path
    created_at: str
    plenary_version: str
    rows: int
    tables: int
    files: int
    sha256: str


def _quiet(task: str, done: int, total: int | None) -> None:
    pass


def _audit(by: Actor, action: str, path: Path, after: dict[str, Any]) -> None:
    """The one call of the audit trail in this module."""
    from plenary.core.audit import log_action

    log_action(by, action, object_type="backup", object_id=path.name, after=after)


# --- what is backed up ---------------------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every model whose rows a backup holds, in an order that restores (natural keys first)."""
    chosen = [
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and model._meta.label_lower not in SKIPPED
    ]
    app_list = [
        (config, [m for m in chosen if m._meta.app_config is config]) for config in apps.get_app_configs()
    ]
    return serializers.sort_dependencies([pair for pair in app_list if pair[1]], allow_cycles=True)


def _through_tables(model: type[models.Model]) -> dict[str, str]:
    """The model's many-to-many fields whose rows Django keeps in a table of its own: {field: table}."""
    return {
        f.name: f.remote_field.through._meta.db_table
        for f in model._meta.many_to_many
        if f.remote_field.through._meta.auto_created
    }


def migration_state() -> dict[str, list[str]]:
    """This code's migration state: the latest migration(s) of every app, read from disk."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    state: dict[str, list[str]] = {}
    for app, name in loader.graph.leaf_nodes():
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def _plenary_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("plenary")
    except PackageNotFoundError:
        return "unknown"


def _storage_files(storage=None) -> list[str]:
    """Every file in the storage, by storage name ("documents/2017/x.pdf"), sorted."""
    storage = storage or default_storage
    names: list[str] = []

    def walk(path: str, depth: int) -> None:
        if depth > 64:
            raise BackupError(f"the file store is nested deeper than 64 folders at {path!r} (a link loop?)")
        try:
            folders, files = storage.listdir(path)
        except FileNotFoundError:
            return  # no store yet: nothing stored
        names.extend(posixpath.join(path, name) if path else name for name in files)
        for folder in folders:
            walk(posixpath.join(path, folder) if path else folder, depth + 1)

    walk("", 0)
    return sorted(names)


def _store_location(storage=None) -> str:
    storage = storage or default_storage
    return str(getattr(storage, "location", "") or type(storage).__name__)


def _referenced_files() -> set[str]:
    """The names that FileFields of the backed-up models hold."""
    names: set[str] = set()
    for model in backed_up_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                names.update(
                    model._base_manager.exclude(**{f.attname: ""})
                    .exclude(**{f"{f.attname}__isnull": True})
                    .values_list(f.attname, flat=True)
                )
    return names


def _checksum(manifest: dict[str, Any]) -> str:
    rest = {key: value for key, value in manifest.items() if key != "checksum"}
    canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# --- gzip, written and read strictly -------------------------------------------------------------


class _GzipWriter:
    """A gzip stream with GZIP_PREFIX; `finish` writes the trailer and fills in the checksum."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.body = hashlib.sha256()
        self.compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS, 9)
        self.crc = 0
        self.length = 0
        self.size = GZIP_HEADER_SIZE
        raw.write(GZIP_PREFIX + bytes(32))

    def _out(self, data: bytes) -> None:
        if data:
            self.raw.write(data)
            self.body.update(data)
            self.size += len(data)

    def write(self, data: bytes) -> int:
        self.crc = zlib.crc32(data, self.crc)
        self.length += len(data)
        self._out(self.compressor.compress(data))
        return len(data)

    def finish(self) -> None:
        self._out(self.compressor.flush())
        self._out(struct.pack("<II", self.crc, self.length & 0xFFFFFFFF))
        self.raw.seek(len(GZIP_PREFIX))
        self.raw.write(self.body.digest())
        self.raw.seek(0, os.SEEK_END)


class _GzipReader:
    """Reads a gzip stream as `_GzipWriter` writes it, and refuses anything else.

    Raises ArchiveError for another header, a damaged deflate stream, a wrong CRC-32, length or
    checksum, an early end (truncated) and bytes after the end.
    """

    def __init__(self, raw: IO[bytes], label: str, on_read: Callable[[int], None]):
        self.raw = raw
        self.label = label
        self.on_read = on_read
        self.whole = hashlib.sha256()
        self.body = hashlib.sha256()
        self.consumed = 0
        header = raw.read(GZIP_HEADER_SIZE)
        self.whole.update(header)
        self.consumed = len(header)
        prefix = header[: len(GZIP_PREFIX)]
        if len(header) < GZIP_HEADER_SIZE and (GZIP_PREFIX.startswith(prefix) and prefix):
            raise ArchiveError(f"{label}: the archive is truncated: it ends inside its first bytes")
        if prefix[:2] != GZIP_PREFIX[:2]:
            raise ArchiveError(f"{label}: not a Plenary backup (those are gzip-compressed tar files)")
        if prefix != GZIP_PREFIX:
            raise ArchiveError(
                f"{label}: not a Plenary backup: a gzip file, but not one that plenary backup wrote"
            )
        self.expected = header[len(GZIP_PREFIX) :]
        self.decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
        self.buffer = bytearray()
        self.crc = 0
        self.length = 0
        self.ended = False
        self.pending = b""

    @property
    def sha256(self) -> str:
        """The SHA-256 of the whole file (what sha256sum prints), once it has been read."""
        return self.whole.hexdigest()

    def _raw(self, size: int) -> bytes:
        data = self.raw.read(size)
        self.whole.update(data)
        self.body.update(data)
        self.consumed += len(data)
        self.on_read(self.consumed)
        return data

    def _inflate(self) -> None:
        if not self.pending:
            self.pending = self._raw(_READ_SIZE)
            if not self.pending:
                raise ArchiveError(
                    f"{self.label}: the archive is truncated (or damaged): it ends before its data does"
                )
        try:
            out = self.decompressor.decompress(self.pending, _READ_SIZE)
        except zlib.error as exc:
            raise ArchiveError(
                f"{self.label}: the archive is damaged: its compressed data is corrupt ({exc})"
            ) from None
        self.pending = self.decompressor.unconsumed_tail
        self.crc = zlib.crc32(out, self.crc)
        self.length += len(out)
        self.buffer += out
        if self.decompressor.eof:
            self._trailer(self.decompressor.unused_data)

    def _trailer(self, start: bytes) -> None:
        trailer = start + self._raw(max(0, 9 - len(start)))
        if len(trailer) < 8:
            raise ArchiveError(
                f"{self.label}: the archive is truncated (or damaged): it ends before its data does"
            )
        if len(trailer) > 8 or self._raw(1):
            raise ArchiveError(f"{self.label}: the archive is damaged: there are bytes after its end")
        crc, length = struct.unpack("<II", trailer)
        if crc != self.crc or length != self.length & 0xFFFFFFFF:
            raise ArchiveError(f"{self.label}: the archive is damaged: its content fails the CRC-32 check")
        if self.body.digest() != self.expected:
            raise ArchiveError(f"{self.label}: the archive is damaged: it does not match its checksum")
        self.ended = True

    def read(self, size: int = -1) -> bytes:
        while not self.ended and (size < 0 or len(self.buffer) < size):
            self._inflate()
        if size < 0:
            size = len(self.buffer)
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def drain(self) -> None:
        """Read to the end of the stream, so that the trailer and the checksum are checked."""
        while self.read(_READ_SIZE):
            pass


# --- backup --------------------------------------------------------------------------------------


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the database for the whole dump."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:  # the caller's transaction already is one (tests)
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _add_member(tar: tarfile.TarFile, name: str, data: IO[bytes], size: int, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    tar.addfile(info, data)


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise BackupError(f"{path}: is a folder; name the archive to write, e.g. {path / 'plenary.tar.gz'}")
    if not path.parent.is_dir():
        raise BackupError(f"{path}: no such folder {path.parent}")
    if (path.exists() or path.is_symlink()) and not (path.is_file() and not path.is_symlink()):
        raise BackupError(f"{path}: is not a plain file; name a new file (or an earlier archive to replace)")
    location = getattr(default_storage, "location", None)
    if location:
        store = Path(location).resolve()
        target = path.resolve()
        if target == store or store in target.parents:
            raise BackupError(f"{path}: is inside the file store {store}; write the backup elsewhere")


def write_backup(path: Path, *, by: Actor, progress: Progress | None = None) -> BackupResult:
    """Write one archive of every record and every stored file to `path`.

    The archive is written to a temporary file beside `path` and renamed at the end, so `path`
    holds a whole archive or is left as it was (an older archive there is replaced only by a
    complete one). It is readable by its owner only: it holds password hashes and second-factor
    keys. The rows are read in one transaction (repeatable read on PostgreSQL), so they are
    consistent with each other. An audit entry records the backup once it is complete.
    """
    progress = progress or _quiet
    path = Path(path)
    _check_target(path)
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("the database has migrations to apply first (any plenary command applies them)")

    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": created.isoformat(),
        "plenary_version": _plenary_version(),
        "database": connection.vendor,
        "migrations": migration_state(),
        "skipped": SKIPPED,
        "tables": {},
        "members": [],
        "missing_files": [],
    }
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
        tmp = Path(tmp_name)
        with os.fdopen(fd, "wb") as raw:
            gz = _GzipWriter(raw)
            with tarfile.open(fileobj=gz, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                with _snapshot():
                    _dump_rows(tar, manifest, created.timestamp(), progress)
                    files = _storage_files()
                    referenced = _referenced_files()
                _dump_files(tar, files, manifest, created.timestamp(), progress)
                manifest["missing_files"] = sorted(referenced - set(files))
                manifest["checksum"] = _checksum(manifest)
                body = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
                _add_member(tar, MANIFEST, io.BytesIO(body), len(body), created.timestamp())
            gz.finish()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise BackupError(
                f"{path}: cannot write it ({exc.strerror or exc}); no backup was written"
            ) from exc
        raise
    _fsync_folder(path.parent)

    result = BackupResult(
        path=path,
        size=gz.size,
        sha256=_file_sha256(path),
        rows=sum(m["rows"] for m in manifest["members"] if "rows" in m),
        tables=sum(1 for n in manifest["tables"].values() if n),
        files=sum(1 for m in manifest["members"] if m["name"].startswith("files/")),
        file_bytes=sum(m["size"] for m in manifest["members"] if m["name"].startswith("files/")),
        missing_files=manifest["missing_files"],
    )
    with transaction.atomic():
        _audit(
            by,
            "backup.written",
            path,
            {
                "file": str(path.resolve()),
                "sha256": result.sha256,
                "size": result.size,
                "rows": result.rows,
                "files": result.files,
                "missing_files": result.missing_files,
            },
        )
    return result


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(_READ_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _dump_rows(tar: tarfile.TarFile, manifest: dict[str, Any], mtime: float, progress: Progress) -> None:
    chosen = backed_up_models()
    total = sum(model._base_manager.count() for model in chosen)
    done = 0
    progress("backing up records", 0, total)
    number = 0
    for model in chosen:
        label = model._meta.label_lower
        natural_pk = label in BY_NATURAL_KEY
        through = _through_tables(model)
        manifest["tables"][model._meta.db_table] = 0
        for table in through.values():
            manifest["tables"][table] = 0
        # References by natural key need the referenced row: fetch it in the same query.
        natural_fks = [
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and hasattr(f.related_model, "natural_key") and f.related_model is not model
        ]
        rows = model._base_manager.select_related(*natural_fks).order_by("pk").iterator(chunk_size=CHUNK)
        batch: list[models.Model] = []
        for obj in rows:
            batch.append(obj)
            if len(batch) == CHUNK:
                number += 1
                _dump_batch(tar, manifest, number, label, batch, natural_pk, through, mtime)
                done += len(batch)
                progress("backing up records", done, total)
                batch = []
        if batch:
            number += 1
            _dump_batch(tar, manifest, number, label, batch, natural_pk, through, mtime)
            done += len(batch)
            progress("backing up records", done, total)


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond, so that a
    restored audit trail says exactly when each act was recorded."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _dump_batch(
    tar: tarfile.TarFile,
    manifest: dict[str, Any],
    number: int,
    label: str,
    batch: list[models.Model],
    natural_pk: bool,
    through: dict[str, str],
    mtime: float,
) -> None:
    text = serializers.serialize(
        "json",
        batch,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=natural_pk,
        indent=None,
        cls=_ExactEncoder,
    )
    data = text.encode("utf-8")
    name = f"data/{number:06d}-{label}.json"
    _add_member(tar, name, io.BytesIO(data), len(data), mtime)
    rows = json.loads(text)
    model = apps.get_model(label)
    manifest["tables"][model._meta.db_table] += len(rows)
    for field_name, table in through.items():
        manifest["tables"][table] += sum(len(row["fields"].get(field_name, [])) for row in rows)
    manifest["members"].append(
        {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "rows": len(rows)}
    )


def _dump_files(
    tar: tarfile.TarFile, names: list[str], manifest: dict[str, Any], mtime: float, progress: Progress
) -> None:
    progress("backing up files", 0, len(names))
    for done, name in enumerate(names, 1):
        # Copied aside first, so that size and checksum are those of the bytes the archive holds.
        with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
            digest = hashlib.sha256()
            try:
                with default_storage.open(name, "rb") as source:
                    while chunk := source.read(_READ_SIZE):
                        digest.update(chunk)
                        spool.write(chunk)
            except OSError as exc:
                raise BackupError(
                    f"cannot read {name!r} from the file store ({exc.strerror or exc}); no backup was written"
                ) from exc
            size = spool.tell()
            spool.seek(0)
            _add_member(tar, f"files/{name}", spool, size, mtime)
        manifest["members"].append({"name": f"files/{name}", "size": size, "sha256": digest.hexdigest()})
        progress("backing up files", done, len(names))


# --- checking an archive -------------------------------------------------------------------------


def _safe_storage_name(name: str) -> bool:
    parts = name.split("/")
    return (
        bool(name)
        and "\\" not in name
        and "\x00" not in name
        and not name.startswith("/")
        and all(part not in ("", ".", "..") for part in parts)
    )


def _members(
    path: Path,
    label: str,
    progress_bytes: Callable[[int], None],
    at_end: Callable[[str], None] = lambda sha256: None,
) -> Iterator[tuple[tarfile.TarInfo, IO[bytes]]]:
    """Each member of the archive in turn, with a reader of its bytes; checks the gzip stream to
    its end, then calls at_end with the SHA-256 of the whole file."""
    try:
        raw = open(path, "rb")
    except OSError as exc:
        raise ArchiveError(f"{label}: cannot read it ({exc.strerror})") from None
    with raw:
        reader = _GzipReader(raw, label, progress_bytes)
        try:
            tar = tarfile.open(fileobj=reader, mode="r|")
        except tarfile.TarError as exc:
            raise ArchiveError(
                f"{label}: not a Plenary backup: the compressed data is not a tar archive ({exc})"
            ) from None
        try:
            for member in tar:
                if not member.isreg():
                    raise ArchiveError(
                        f"{label}: not a Plenary backup: it holds {member.name!r}, which is not a plain file"
                    )
                extracted = tar.extractfile(member)
                assert extracted is not None  # a regular file
                yield member, extracted
        except tarfile.TarError as exc:
            raise ArchiveError(f"{label}: the archive is damaged: {exc}") from None
        reader.drain()
        at_end(reader.sha256)


def _read_member(label: str, member: tarfile.TarInfo, data: IO[bytes], limit: int) -> bytes:
    if member.size > limit:
        raise ArchiveError(
            f"{label}: not a Plenary backup: {member.name} is larger than a Plenary backup writes it"
        )
    try:
        return data.read()
    except tarfile.TarError as exc:
        raise ArchiveError(f"{label}: the archive is damaged: {exc}") from None


@dataclass
class _Seen:
    name: str
    size: int
    sha256: str
    rows: int | None = None


def check_archive(path: Path, *, progress: Progress | None = None) -> dict[str, Any]:
    """Check the whole archive and return its manifest; write nothing, read no database.

    Raises ArchiveError, with a one-line message, for anything but a sound Plenary backup of this
    code's migration state: a missing, empty or foreign file, a truncated or damaged archive, a
    member that does not match the manifest, another format version or migration state.
    """
    progress = progress or _quiet
    path = Path(path)
    label = str(path)
    if not path.exists():
        raise ArchiveError(f"{label}: no such file")
    if path.is_dir():
        raise ArchiveError(f"{label}: is a folder, not a backup archive")
    total = path.stat().st_size
    if total == 0:
        raise ArchiveError(f"{label}: the file is empty: not a Plenary backup")
    progress("checking the archive", 0, total)
    known = {model._meta.label_lower: model for model in backed_up_models()}
    seen: list[_Seen] = []
    names: set[str] = set()
    tables: Counter[str] = Counter()
    manifest_bytes: bytes | None = None
    for member, data in _members(path, label, lambda n: progress("checking the archive", n, total)):
        name = member.name
        if manifest_bytes is not None:
            raise ArchiveError(f"{label}: not a Plenary backup: {name!r} comes after {MANIFEST}")
        if name in names:
            raise ArchiveError(f"{label}: not a Plenary backup: it holds {name!r} twice")
        names.add(name)
        if name == MANIFEST:
            manifest_bytes = _read_member(label, member, data, _MAX_MANIFEST)
            continue
        matched = _DATA_NAME.fullmatch(name)
        if matched:
            body = _read_member(label, member, data, _MAX_DATA_MEMBER)
            model = known.get(matched.group(2))
            if model is None:
                raise ArchiveError(
                    f"{label}: the archive holds records of {matched.group(2)!r}, a model this Plenary does not have"
                )
            rows = _check_rows(label, name, body, model, tables)
            seen.append(_Seen(name, len(body), hashlib.sha256(body).hexdigest(), rows))
        elif name.startswith("files/") and _safe_storage_name(name[len("files/") :]):
            digest = hashlib.sha256()
            size = 0
            try:
                while chunk := data.read(_READ_SIZE):
                    digest.update(chunk)
                    size += len(chunk)
            except tarfile.TarError as exc:
                raise ArchiveError(f"{label}: the archive is damaged: {exc}") from None
            seen.append(_Seen(name, size, digest.hexdigest()))
        else:
            raise ArchiveError(
                f"{label}: not a Plenary backup: it holds {name!r}, which a Plenary backup never holds"
            )
    if manifest_bytes is None:
        if not seen:
            raise ArchiveError(f"{label}: not a Plenary backup: an archive without {MANIFEST}")
        raise ArchiveError(f"{label}: not a complete Plenary backup: it has no {MANIFEST}")
    manifest = _parse_manifest(label, manifest_bytes)
    _compare(label, manifest, seen, tables)
    return manifest


def _check_rows(label: str, name: str, body: bytes, model: type[models.Model], tables: Counter[str]) -> int:
    try:
        rows = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ArchiveError(f"{label}: the archive is damaged: {name} is not valid JSON") from None
    expected = model._meta.label_lower
    if not isinstance(rows, list) or not all(
        isinstance(row, dict) and row.get("model") == expected and isinstance(row.get("fields"), dict)
        for row in rows
    ):
        raise ArchiveError(f"{label}: the archive is damaged: {name} does not hold rows of {expected}")
    tables[model._meta.db_table] += len(rows)
    for field_name, table in _through_tables(model).items():
        tables[table] += sum(len(row["fields"].get(field_name) or []) for row in rows)
    return len(rows)


def _parse_manifest(label: str, body: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ArchiveError(f"{label}: the archive is damaged: {MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict):
        raise ArchiveError(f"{label}: not a Plenary backup: {MANIFEST} is not a Plenary manifest")
    found = manifest.get("format")
    if found != FORMAT:
        if isinstance(found, str) and found.startswith(FORMAT_NAME + "@"):
            raise ArchiveError(
                f"{label}: the archive is in backup format {found}; this Plenary ({_plenary_version()}) reads {FORMAT}"
            )
        raise ArchiveError(f"{label}: not a Plenary backup: {MANIFEST} does not say format {FORMAT}")
    if manifest.get("checksum") != _checksum(manifest):
        raise ArchiveError(f"{label}: the archive is damaged: {MANIFEST} does not match its own checksum")
    shapes = {
        "created_at": str,
        "plenary_version": str,
        "database": str,
        "migrations": dict,
        "tables": dict,
        "members": list,
        "missing_files": list,
    }
    wrong = [key for key, kind in shapes.items() if not isinstance(manifest.get(key), kind)]
    if wrong or not all(isinstance(n, int) for n in manifest["tables"].values()):
        raise ArchiveError(
            f"{label}: not a Plenary backup: its {MANIFEST} lacks {', '.join(wrong) or 'tables'}"
        )
    return manifest


def _compare(label: str, manifest: dict[str, Any], seen: list[_Seen], tables: Counter[str]) -> None:
    listed = manifest.get("members")
    if not isinstance(listed, list) or len(listed) != len(seen):
        raise ArchiveError(
            f"{label}: the archive is damaged: it holds {len(seen)} member(s), its manifest lists "
            f"{len(listed) if isinstance(listed, list) else 'none'}"
        )
    for entry, member in zip(listed, seen, strict=True):
        if not isinstance(entry, dict) or entry.get("name") != member.name:
            raise ArchiveError(
                f"{label}: the archive is damaged: {member.name} is not where its manifest lists it"
            )
        if entry.get("size") != member.size or entry.get("sha256") != member.sha256:
            raise ArchiveError(f"{label}: the archive is damaged: {member.name} does not match its checksum")
        if entry.get("rows") != member.rows:
            raise ArchiveError(
                f"{label}: the archive is damaged: {member.name} holds {member.rows} rows, not {entry.get('rows')}"
            )
    counted = {table: n for table, n in tables.items() if n}
    listed_tables = {table: n for table, n in manifest["tables"].items() if n}
    if counted != listed_tables:
        raise ArchiveError(
            f"{label}: the archive is damaged: its rows do not add up to the counts in its manifest"
        )
    ours = migration_state()
    theirs = manifest.get("migrations")
    if theirs != ours:
        raise ArchiveError(
            f"{label}: the archive was made at another migration state ({_state_difference(theirs, ours)}): "
            f"restore it with the Plenary that made it ({manifest.get('plenary_version')}), then upgrade"
        )


def _state_difference(theirs: Any, ours: dict[str, list[str]]) -> str:
    if not isinstance(theirs, dict):
        return "none recorded"
    differences = []
    for app in sorted(set(theirs) | set(ours)):
        if theirs.get(app) != ours.get(app):
            mine = ", ".join(ours.get(app, [])) or "no such app"
            archived = ", ".join(theirs.get(app) or []) or "no such app"
            differences.append(f"{app}: archive {archived}, this Plenary {mine}")
    return "; ".join(differences[:3]) + ("; ..." if len(differences) > 3 else "")


# --- restore -------------------------------------------------------------------------------------


def database_rows() -> dict[str, int]:
    """The rows the database holds, by model, apart from those migrate creates (content types,
    permissions). An empty result is what restore calls an empty database."""
    connection = connections[DEFAULT_DB_ALIAS]
    existing = set(connection.introspection.table_names())
    rows: dict[str, int] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if (
            meta.proxy
            or not meta.managed
            or meta.label_lower in BY_NATURAL_KEY
            or meta.db_table not in existing
        ):
            continue
        count = model._base_manager.count()
        if count:
            rows[meta.label] = count
    return rows


def _require_empty(label: str) -> None:
    # The file store first: it is checked without opening the database (which, for SQLite,
    # would create the file).
    files = _storage_files()
    if files:
        raise BackupError(
            f"the file store {_store_location()} is not empty ({len(files)} file(s), e.g. {files[0]!r}): "
            f"restore {label} into an empty one (a new PLENARY_VAR_DIR); nothing was changed"
        )
    rows = database_rows()
    if rows:
        biggest = sorted(rows.items(), key=lambda item: (-item[1], item[0]))
        listed = ", ".join(f"{n} {name}" for name, n in biggest[:3]) + (", ..." if len(biggest) > 3 else "")
        raise BackupError(
            f"the database is not empty ({listed}): restore {label} into an empty database "
            "(a new DATABASE_URL); nothing was changed"
        )


def restore_backup(path: Path, *, by: Actor, progress: Progress | None = None) -> RestoreResult:
    """Restore an archive of `write_backup` into an empty database and an empty file store.

    Checks the whole archive first (`check_archive`), then that the database holds no rows but
    those migrate creates and that the store holds no file; only then applies the migrations
    and loads every row and file inside one transaction. If anything fails, the transaction is
    rolled back and the files written are removed: the database and the store are left empty.
    The restored rows keep their ids; on PostgreSQL the sequences are moved past them. An audit
    entry records the restore.
    """
    progress = progress or _quiet
    path = Path(path)
    label = str(path)
    manifest = check_archive(path, progress=progress)
    try:
        _require_empty(label)
    except OperationalError as exc:
        first = (str(exc).strip().splitlines() or [""])[0]
        raise BackupError(f"cannot reach the database ({first}); nothing was restored") from exc
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        progress("applying database migrations", 0, None)
        call_command("migrate", interactive=False, verbosity=0)
        progress("applying database migrations", 1, 1)
    written: list[str] = []
    folders = _local_folders()
    try:
        with _failures_as(label), transaction.atomic():
            sha256 = _load(path, label, manifest, written, progress)
            _check_loaded(label, manifest)
            _reset_sequences()
            _audit(
                by,
                "backup.restored",
                path,
                {
                    "file": str(path.resolve()),
                    "sha256": sha256,
                    "created_at": manifest["created_at"],
                    "plenary_version": manifest["plenary_version"],
                    "database": manifest["database"],
                    "tables": {t: n for t, n in manifest["tables"].items() if n},
                    "files": len(written),
                },
            )
    except BaseException:
        for name in written:
            try:
                default_storage.delete(name)
            except OSError:
                pass
        _remove_new_folders(folders)
        raise
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return RestoreResult(
        path=path,
        created_at=manifest["created_at"],
        plenary_version=manifest["plenary_version"],
        rows=sum(m.get("rows", 0) for m in manifest["members"]),
        tables=sum(1 for n in manifest["tables"].values() if n),
        files=len(written),
        sha256=sha256,
    )


def _local_folders() -> set[Path] | None:
    """The folders of a file store on this machine's disk (None for other stores, e.g. S3)."""
    location = getattr(default_storage, "location", None)
    if not location:
        return None
    root = Path(location)
    return {root, *(p for p in root.rglob("*") if p.is_dir())} if root.exists() else set()


def _remove_new_folders(before: set[Path] | None) -> None:
    """After a failed restore: the folders that saving files made, if they are empty again."""
    if before is None:
        return
    root = Path(default_storage.location)
    made = [p for p in (root, *root.rglob("*")) if p.is_dir() and p not in before] if root.exists() else []
    for folder in sorted(made, key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty: not ours to remove


@contextmanager
def _failures_as(label: str) -> Iterator[None]:
    """A failure while loading (a row the database refuses, a reference that does not resolve) ends
    as a one-line BackupError; the transaction around the load has rolled back by then."""
    try:
        yield
    except BackupError:
        raise
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [""])[0]
        raise BackupError(
            f"{label}: restoring failed ({type(exc).__name__}: {first}); nothing was restored"
        ) from exc


def _load(path: Path, label: str, manifest: dict[str, Any], written: list[str], progress: Progress) -> str:
    """The second pass: every member checked again as it is loaded; returns the archive's SHA-256."""
    connection = connections[DEFAULT_DB_ALIAS]
    listed = {entry["name"]: entry for entry in manifest["members"]}
    total = len(listed)
    done = 0
    deferred = []
    loaded: set[type[models.Model]] = set()
    progress("restoring", 0, total)
    digest: list[str] = []
    with connection.constraint_checks_disabled():
        for member, data in _members(path, label, lambda n: None, digest.append):
            if member.name == MANIFEST:
                continue
            entry = listed.get(member.name)
            if entry is None:
                raise ArchiveError(
                    f"{label}: the archive changed while it was being restored ({member.name})"
                )
            if member.name.startswith("data/"):
                body = _read_member(label, member, data, _MAX_DATA_MEMBER)
                _same(label, entry, len(body), hashlib.sha256(body).hexdigest())
                for obj in serializers.deserialize(
                    "json", body.decode("utf-8"), handle_forward_references=True
                ):
                    # The database is empty: every row is new, except content types and
                    # permissions, which merge with those that migrate made.
                    obj.save(force_insert=obj.object._meta.label_lower not in BY_NATURAL_KEY)
                    loaded.add(type(obj.object))
                    if obj.deferred_fields:
                        deferred.append(obj)
            else:
                written.append(_write_file(label, member, data, entry))
            done += 1
            progress("restoring", done, total)
        for obj in deferred:
            obj.save_deferred_fields()
    connection.check_constraints(table_names=[model._meta.db_table for model in loaded])
    return digest[0]


def _same(label: str, entry: dict[str, Any], size: int, sha256: str) -> None:
    if entry["size"] != size or entry["sha256"] != sha256:
        raise ArchiveError(f"{label}: the archive changed while it was being restored ({entry['name']})")


def _write_file(label: str, member: tarfile.TarInfo, data: IO[bytes], entry: dict[str, Any]) -> str:
    name = member.name[len("files/") :]
    with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
        digest = hashlib.sha256()
        while chunk := data.read(_READ_SIZE):
            digest.update(chunk)
            spool.write(chunk)
        _same(label, entry, spool.tell(), digest.hexdigest())
        spool.seek(0)
        try:
            saved = default_storage.save(name, File(spool, name=posixpath.basename(name)))
        except BaseException:
            if default_storage.exists(name):  # a part written (the store was empty)
                default_storage.delete(name)
            raise
    if saved != name:
        default_storage.delete(saved)
        raise BackupError(f"the file store would not keep {name!r} under its name (it saved {saved!r})")
    return saved


def _check_loaded(label: str, manifest: dict[str, Any]) -> None:
    """The database holds the archive's rows: the same count in every table (at least as many
    content types and permissions, which merge with those migrate made)."""
    connection = connections[DEFAULT_DB_ALIAS]
    natural = {apps.get_model(name)._meta.db_table for name in BY_NATURAL_KEY}
    with connection.cursor() as cursor:
        for table, expected in manifest["tables"].items():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            (count,) = cursor.fetchone()
            if count < expected or (count != expected and table not in natural):
                raise BackupError(
                    f"{label}: restoring gave {count} rows in {table}, the archive holds {expected}; nothing was restored"
                )


def _reset_sequences() -> None:
    """Move the id sequences past the restored ids (PostgreSQL; SQLite needs nothing)."""
    connection = connections[DEFAULT_DB_ALIAS]
    every = apps.get_models(include_auto_created=True)
    statements = connection.ops.sequence_reset_sql(no_style(), [m for m in every if m._meta.managed])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
