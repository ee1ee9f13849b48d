"""What the backup tests share: a second, empty database and file store that `plenary` runs against
in a subprocess (a restore into the test's own database would not be into an empty one), and a
way to rewrite an archive as a forger would."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from plenary.core.actor import Actor
from plenary.records import backup
from plenary.search.fulltext import FTS_TABLE
from tests.helpers import tiny_pdf
from tests.pg_support import drop_database


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by its path relative to root ("/"-separated), with its bytes."""
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _derived(table: str) -> bool:
    """The full-text index's own tables (SQLite's FTS5 table and its shadow tables): the database
    keeps them from search_searchentry, which is counted; their inner layout is no record."""
    return table.startswith(FTS_TABLE)


def source_counts() -> dict[str, int]:
    """Rows of every table of the test's database."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            if _derived(table):
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


class Target:
    """An empty database and file store of its own: PLENARY_VAR_DIR and DATABASE_URL for a
    subprocess. SQLite: a new file; PostgreSQL: a new database on the test's server."""

    def __init__(self, root: Path):
        self.root = root
        self.media = root / "media"
        self.vendor = connection.vendor
        db = settings.DATABASES["default"]
        if self.vendor == "sqlite":
            self.file = root / "plenary.sqlite3"
            self.url = f"sqlite:///{self.file}"
            self.name = str(self.file)
        elif self.vendor == "postgresql":
            self.name = f"plenary_restore_test_{os.getpid()}"
            self._params = {
                "host": db.get("HOST") or "localhost",
                "port": db.get("PORT") or 5432,
                "user": db.get("USER"),
                "password": db.get("PASSWORD"),
            }
            self.url = (
                f"postgres://{quote(db.get('USER') or '')}:{quote(db.get('PASSWORD') or '')}@"
                f"{self._params['host']}:{self._params['port']}/{self.name}"
            )
        else:
            pytest.skip(f"no second database for {self.vendor}")

    def _server(self):
        import psycopg

        return psycopg.connect(dbname="postgres", autocommit=True, **self._params)

    def _drop(self, server) -> None:
        drop_database(server, self.name)

    def create(self) -> None:
        if self.vendor != "postgresql":
            return
        import psycopg

        try:
            with self._server() as server:
                self._drop(server)
                server.execute(f'CREATE DATABASE "{self.name}"')
        except psycopg.errors.InsufficientPrivilege as exc:
            pytest.skip(f"the PostgreSQL role may not create a second database for the restore: {exc}")

    def drop(self) -> None:
        if self.vendor == "postgresql":
            with self._server() as server:
                self._drop(server)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "PLENARY_VAR_DIR": str(self.root), "DATABASE_URL": self.url}

    def run(self, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "plenary", *argv],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def counts(self) -> dict[str, int] | None:
        """Rows of every table; None when the database does not exist yet (SQLite)."""
        if self.vendor == "sqlite":
            import sqlite3

            if not self.file.exists():
                return None
            with sqlite3.connect(self.file) as db:
                tables = [
                    row[0]
                    for row in db.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    )
                ]
                return {
                    t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                    for t in tables
                    if not _derived(t)
                }
        import psycopg

        with psycopg.connect(dbname=self.name, **self._params) as db:
            tables = [
                row[0]
                for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ]
            return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}

    def state(self) -> tuple:
        """What must not change when a restore is refused: the database (its bytes, for SQLite) and
        the file store."""
        if self.vendor == "sqlite":
            db = hashlib.sha256(self.file.read_bytes()).hexdigest() if self.file.exists() else None
        else:
            db = self.counts()
        return db, tree(self.media), self.media.exists()


@contextmanager
def empty_target(root: Path) -> Iterator[Target]:
    place = Target(root)
    place.root.mkdir()
    place.create()
    try:
        yield place
    finally:
        place.drop()


PDF = tiny_pdf()


def demo_archive(path: Path, media: Path, django_db_blocker) -> Path:
    """An archive of the test database (the demo data) and two stored files, made in a
    transaction that is rolled back: the backup's audit entry is not left for other tests."""
    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            # The demo's issued files live in the session's store, not in this one.
            apps.get_model("documents", "IssuedFile").objects.all().delete()
            default_storage.save("documents/2017/WP.1-EN.pdf", ContentFile(PDF))
            default_storage.save("notes/readme.txt", ContentFile(b"named by no record\n"))
            backup.write_backup(path, by=Actor.system("test-backup"))
            transaction.set_rollback(True)
    return path


# --- a forger's tools: read an archive's members, write them back in Plenary's framing ----------


def members(path: Path) -> list[tuple[str, bytes]]:
    """(name, bytes) of every member, read with the standard library's gzip and tar."""
    with tarfile.open(path, "r:gz") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]


def write_members(path: Path, entries: list[tuple[str, bytes] | tarfile.TarInfo]) -> None:
    """An archive in the framing `plenary backup` writes (its gzip header and checksum), holding
    exactly these members."""
    with open(path, "wb") as raw:
        gz = backup._GzipWriter(raw)
        with tarfile.open(fileobj=gz, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            for entry in entries:
                if isinstance(entry, tarfile.TarInfo):
                    tar.addfile(entry)
                    continue
                name, data = entry
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        gz.finish()


def forge(
    source: Path,
    out: Path,
    edit: Callable[[dict, dict[str, bytes]], None],
    after: Callable[[dict], object] = lambda manifest: None,
) -> None:
    """Rewrite an archive as a forger would: edit(manifest, members) changes them in place; the
    members' sizes and checksums are listed anew, after(manifest) may change the manifest again,
    and the manifest's own checksum is made to agree."""
    entries = dict(members(source))
    manifest = json.loads(entries.pop(backup.MANIFEST))
    edit(manifest, entries)
    listed = []
    for name, data in entries.items():
        entry = {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        if name.startswith("data/"):
            entry["rows"] = len(json.loads(data))
        listed.append(entry)
    manifest["members"] = listed
    after(manifest)
    manifest["checksum"] = backup._checksum(manifest)
    write_members(out, [*entries.items(), (backup.MANIFEST, json.dumps(manifest).encode())])
