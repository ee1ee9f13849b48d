"""Backup and restore (records/backup.py).

A round trip -- the demo database plus stored files, backed up, restored by `plenary restore` into
an empty database of its own -- gives the same meeting record, the same rows in every table and the
same files. A truncated, damaged or foreign archive, and a database or store that is not empty,
are refused before anything is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from plenary.accounts.models import Role
from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.documents.models import IssuedFile, LanguageVersion
from plenary.meetings.models import Meeting
from plenary.records import backup
from plenary.records.backup import (
    FORMAT,
    ArchiveError,
    BackupError,
    backed_up_models,
    check_archive,
    database_rows,
    migration_state,
    restore_backup,
    write_backup,
)
from plenary.records.exporter import dump_yaml, export_record
from plenary.records.seal import seal
from tests.records.backup_support import (
    PDF,
    demo_archive,
    empty_target,
    forge,
    members,
    source_counts,
    tree,
    write_members,
)

# What dumpdata leaves out when two databases' rows are compared: sessions (not backed up), content
# types and permissions (each database numbers its own), the audit trail (compared on its own:
# the restore adds its entry).
# Record versions are not backed up (a restored database starts its own: core.versions).
COMPARED_APART = ["sessions", "contenttypes", "auth.permission", "core.auditentry", "core.recordversion"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def target(tmp_path):
    with empty_target(tmp_path / "target") as place:
        yield place


@pytest.fixture
def world(db, media):
    """The demo data and what it lacks: stored files (a language version's file with a Chinese
    name, and a file no record names), an account with a password, a group, permissions and a
    role, and an admin log entry. The demo's issued files live in the session's store, not in this
    test's own: their rows go too (in this test's transaction only)."""
    IssuedFile.objects.all().delete()
    version = LanguageVersion.objects.filter(document__symbol="BWC/MSP/2017/WP.13").order_by("lang").first()
    version.file.save("BWC_MSP_2017_WP.13 会议.pdf", ContentFile(PDF))
    default_storage.save("notes/readme.txt", ContentFile(b"named by no record\n"))
    default_storage.save("notes/empty.txt", ContentFile(b""))
    group = Group.objects.create(name="ISU")
    group.permissions.add(Permission.objects.get(codename="view_meeting"))
    user = User.objects.create_user("isu-officer", "isu@example.org", "a long pass phrase")
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="change_document"))
    Role.objects.create(user=user, kind="staff")
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id=str(Meeting.objects.get(series="BWC/MSP/2017").pk),
        object_repr="BWC/MSP/2017",
        action_flag=ADDITION,
    )
    return {"version": version, "user": user}


def dumpdata(*labels: str, exclude: tuple[str, ...] = ()) -> str:
    out = io.StringIO()
    call_command("dumpdata", *labels, natural_foreign=True, exclude=list(exclude), stdout=out)
    return out.getvalue()


# --- what a backup holds ----------------------------------------------------------------------


def test_every_model_is_backed_up_but_sessions_in_an_order_that_loads():
    ordered = backed_up_models()
    assert sorted(m._meta.label for m in ordered) == sorted(
        m._meta.label
        for m in apps.get_models()
        if m._meta.label not in ("sessions.Session", "core.RecordVersion")
    )
    position = {m._meta.label: i for i, m in enumerate(ordered)}
    # Rows named by natural key come before the rows that name them.
    assert position["contenttypes.ContentType"] < position["auth.Permission"] < position["auth.Group"]
    assert position["auth.Permission"] < position["auth.User"] < position["accounts.Role"]
    assert position["auth.User"] < position["admin.LogEntry"]


def test_a_backup_holds_every_row_and_file_with_a_manifest_of_checksums(world, media, tmp_path):
    counts = source_counts()
    path = tmp_path / "plenary.tar.gz"
    result = write_backup(path, by=Actor.system("test-backup"))

    assert path.stat().st_mode & 0o777 == 0o600  # it holds password hashes
    assert [p.name for p in tmp_path.iterdir() if p.name != "media"] == ["plenary.tar.gz"]
    with tarfile.open(path, "r:gz") as tar:  # the standard library reads it: tar tzf does too
        names = tar.getnames()
        manifest = json.load(tar.extractfile(backup.MANIFEST))
        stored = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    version_file = world["version"].file.name
    assert names[-4:] == [
        f"files/{version_file}",
        "files/notes/empty.txt",
        "files/notes/readme.txt",
        "manifest.json",
    ]
    assert all(name.startswith("data/") for name in names[:-4])
    assert stored[f"files/{version_file}"] == PDF
    assert [m["name"] for m in manifest["members"]] == names[:-1]
    for entry in manifest["members"]:
        data = stored[entry["name"]]
        assert (entry["size"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    assert manifest["checksum"] == backup._checksum(manifest)
    assert manifest["format"] == FORMAT == "plenary/backup@1"
    assert manifest["database"] == connection.vendor
    assert manifest["migrations"] == migration_state()
    leaf = [name for app, name in MigrationLoader(connection).graph.leaf_nodes() if app == "documents"]
    assert manifest["migrations"]["documents"] == leaf and len(leaf) == 1  # the leaf applied
    assert manifest["skipped"] == {
        "sessions.session": backup.SKIPPED["sessions.session"],
        "core.recordversion": "record versions are not backed up: a restored database starts its own",
    }
    assert manifest["missing_files"] == []
    # Every table's rows, as the database counts them (many-to-many tables included).
    assert manifest["tables"] == {
        table: n
        for table, n in counts.items()
        if table not in ("django_migrations", "django_session", "core_recordversion")
    }
    assert counts["auth_user_groups"] == counts["auth_group_permissions"] == 1
    assert result.rows == sum(m.get("rows", 0) for m in manifest["members"])
    assert (result.files, result.file_bytes) == (3, len(PDF) + len(b"named by no record\n"))
    assert (result.size, result.sha256) == (
        path.stat().st_size,
        hashlib.sha256(path.read_bytes()).hexdigest(),
    )
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor, entry.action, entry.via, entry.object_type, entry.object_id) == (
        "system:test-backup",
        "backup.written",
        "cli",
        "backup",
        "plenary.tar.gz",
    )
    assert entry.after == {
        "file": str(path.resolve()),
        "sha256": result.sha256,
        "size": result.size,
        "rows": result.rows,
        "files": 3,
        "missing_files": [],
    }


def test_a_file_that_a_record_names_but_the_store_lacks_is_listed_as_missing(world, media, tmp_path):
    name = world["version"].file.name
    default_storage.delete(name)
    result = write_backup(tmp_path / "b.tar.gz", by=Actor.system("test-backup"))
    assert result.missing_files == [name]
    assert check_archive(tmp_path / "b.tar.gz")["missing_files"] == [name]


# --- the round trip -----------------------------------------------------------------------------


def test_a_round_trip_into_an_empty_database_gives_the_same_records_and_files(world, media, tmp_path, target):
    # A time whose milliseconds are zero but not its microseconds: Django's JSON encoder would
    # cut it to ".000" and the restored time would differ from the one recorded.
    first = AuditEntry.objects.order_by("id").first()
    AuditEntry.objects.filter(pk=first.pk).update(at=first.at.replace(microsecond=123))
    counts = source_counts()
    export = dump_yaml(seal(export_record("BWC/MSP/2017")))  # as `plenary record export` writes it
    rows = dumpdata(exclude=tuple(COMPARED_APART))
    trail = json.loads(dumpdata("core.auditentry"))
    files = tree(media)
    archive = tmp_path / "plenary.tar.gz"
    made = write_backup(archive, by=Actor.system("test-backup"))
    manifest = check_archive(archive)

    restored = target.run("restore", str(archive))

    assert restored.returncode == 0, restored.stderr
    assert restored.stdout == (
        f"restored {archive} (made {manifest['created_at']} by Plenary {manifest['plenary_version']}): "
        f"{made.rows} rows in {made.tables} tables, 3 file(s)\n"
    )
    assert restored.stderr == "· checking the archive\n· applying database migrations\n· restoring\n"
    # The same meeting record, byte for byte, from both databases.
    again = target.run("record", "export", "BWC/MSP/2017")
    assert (again.returncode, again.stdout) == (0, export)
    # The same files, byte for byte.
    assert tree(target.media) == files
    assert len(files) == 3
    # The same rows in every table; one audit entry more: the restore's own.
    # Record versions start anew: the restore's own write moves the records and the reference data.
    assert target.counts() == {
        **counts,
        "core_auditentry": counts["core_auditentry"] + 1,
        "core_recordversion": 2,
    }
    dumped = target.run(
        "manage", "dumpdata", "--natural-foreign", *(f"--exclude={x}" for x in COMPARED_APART)
    )
    assert dumped.returncode == 0, dumped.stderr
    assert dumped.stdout == rows
    restored_trail = json.loads(target.run("manage", "dumpdata", "core.auditentry").stdout)
    assert restored_trail[:-1] == trail
    last = restored_trail[-1]["fields"]
    assert {k: last[k] for k in ("actor", "action", "via", "object_type", "object_id")} == {
        "actor": "system:cli",
        "action": "backup.restored",
        "via": "cli",
        "object_type": "backup",
        "object_id": "plenary.tar.gz",
    }
    assert last["after"]["sha256"] == made.sha256
    assert last["after"]["created_at"] == manifest["created_at"]
    # The password still signs in; a new row gets a fresh id (sequences moved past the restored ids).
    probe = target.run(
        "manage",
        "shell",
        "-c",
        "from django.contrib.auth import authenticate; from django.contrib.auth.models import User; "
        "from plenary.core.models import AuditEntry; "
        "print(authenticate(username='isu-officer', password='a long pass phrase') is not None, "
        "User.objects.create(username='new').pk, AuditEntry.objects.create(action='x').pk)",
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.splitlines()[-1].split() == [
        "True",
        str(User.objects.order_by("pk").last().pk + 1),
        str(restored_trail[-1]["pk"] + 1),
    ]


# --- hostile archives: refused by check_archive, before anything is written ----------------------


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """One archive of the demo database and two stored files, made once for the hostile cases."""
    path = tmp_path_factory.mktemp("archive") / "plenary.tar.gz"
    return demo_archive(path, tmp_path_factory.mktemp("media"), django_db_blocker)


def test_a_sound_archive_passes_the_check(archive):
    manifest = check_archive(archive)
    assert manifest["format"] == FORMAT
    assert [m["name"] for m in manifest["members"] if m["name"].startswith("files/")] == [
        "files/documents/2017/WP.1-EN.pdf",
        "files/notes/readme.txt",
    ]


def refused(path: Path) -> str:
    with pytest.raises(ArchiveError) as caught:
        check_archive(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("keep", [1, 9, 16, 47, 48, 49, 1000, "half", -100, -9, -8, -4, -1])
def test_a_truncated_archive_is_refused(archive, tmp_path, keep):
    data = archive.read_bytes()
    size = len(data) // 2 if keep == "half" else keep if keep > 0 else len(data) + keep
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(data[:size])
    expected = (
        "the archive is truncated: it ends inside its first bytes"
        if size < backup.GZIP_HEADER_SIZE
        else "the archive is truncated (or damaged): it ends before its data does"
    )
    assert refused(cut) == f"{cut}: {expected}"


def test_a_changed_byte_anywhere_is_refused(archive, tmp_path):
    """Every bit of the header and of the last 12 bytes (the end of the deflate stream, its CRC-32
    and length), and one byte in every stretch of the rest."""
    data = archive.read_bytes()
    header, tail = range(backup.GZIP_HEADER_SIZE), range(len(data) - 12, len(data))
    flips = [(pos, 1 << bit) for pos in (*header[:16], *tail) for bit in range(8)]
    flips += [(pos, 0x01) for pos in header[16:]]  # the checksum
    flips += [(pos, 0xFF) for pos in range(backup.GZIP_HEADER_SIZE, len(data) - 12, len(data) // 40)]
    bad = tmp_path / "bad.tar.gz"
    accepted = []
    for pos, mask in flips:
        changed = bytearray(data)
        changed[pos] ^= mask
        bad.write_bytes(changed)
        try:
            check_archive(bad)
        except ArchiveError as exc:
            assert str(exc).startswith(f"{bad}: ")
            assert "\n" not in str(exc)
        else:
            accepted.append((pos, mask))
    assert accepted == []
    assert len(flips) == 16 * 8 + 12 * 8 + 32 + len(
        range(backup.GZIP_HEADER_SIZE, len(data) - 12, len(data) // 40)
    )


def test_a_flipped_byte_in_the_middle_fails_a_check(archive, tmp_path):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(data)
    assert refused(bad).startswith(f"{bad}: the archive is damaged: ")


def _foreign(kind: str, folder: Path) -> Path:
    path = folder / f"foreign-{kind}"
    readme = Path(__file__).resolve().parents[2] / "README.md"
    if kind == "tar.gz":  # any other gzip-compressed tar
        with tarfile.open(path, "w:gz") as tar:
            tar.add(readme, arcname="README.md")
    elif kind == "tar":
        with tarfile.open(path, "w") as tar:
            tar.add(readme, arcname="README.md")
    elif kind == "zip":
        import zipfile

        with zipfile.ZipFile(path, "w") as z:
            z.write(readme, "README.md")
    elif kind == "random":
        path.write_bytes(os.urandom(4096))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "folder":
        path.mkdir()
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("tar.gz", "not a Plenary backup: a gzip file, but not one that plenary backup wrote"),
        ("tar", "not a Plenary backup (those are gzip-compressed tar files)"),
        ("zip", "not a Plenary backup (those are gzip-compressed tar files)"),
        ("random", "not a Plenary backup (those are gzip-compressed tar files)"),
        ("empty", "the file is empty: not a Plenary backup"),
        ("folder", "is a folder, not a backup archive"),
        ("missing", "no such file"),
    ],
)
def test_a_foreign_file_is_refused(tmp_path, kind, message):
    path = _foreign(kind, tmp_path)
    assert refused(path) == f"{path}: {message}"


def _symlink(name: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = "/etc/passwd"
    return info


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (
            [("README.md", b"hello\n")],
            "not a Plenary backup: it holds 'README.md', which a Plenary backup never holds",
        ),
        ([], "not a Plenary backup: an archive without manifest.json"),
        (
            [("files/../../outside.txt", b"x")],
            "not a Plenary backup: it holds 'files/../../outside.txt', which a Plenary backup never holds",
        ),
        (
            [_symlink("files/passwd")],
            "not a Plenary backup: it holds 'files/passwd', which is not a plain file",
        ),
        ([("files/a.txt", b"a")], "not a complete Plenary backup: it has no manifest.json"),
        (
            [("manifest.json", b"{}")],
            "not a Plenary backup: manifest.json does not say format plenary/backup@1",
        ),
        (
            [("data/000001-nowhere.thing.json", b"[]")],
            "the archive holds records of 'nowhere.thing', a model this Plenary does not have",
        ),
    ],
)
def test_an_archive_in_plenary_framing_with_foreign_members_is_refused(tmp_path, entries, message):
    path = tmp_path / "crafted.tar.gz"
    write_members(path, entries)
    assert refused(path) == f"{path}: {message}"


def _set(key, value):
    def edit(manifest, entries):
        manifest[key] = value

    return edit


def _drop_member(manifest, entries):
    del entries[next(name for name in entries if name.startswith("files/"))]


def _drop_rows(manifest, entries):
    name = next(name for name in entries if "treaties.state." in name)
    entries[name] = json.dumps(json.loads(entries[name])[1:]).encode()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            _set("format", "plenary/backup@2"),
            "the archive is in backup format plenary/backup@2; this Plenary ({v}) reads plenary/backup@1",
        ),
        (
            _set("format", "pretalx/export@1"),
            "not a Plenary backup: manifest.json does not say format plenary/backup@1",
        ),
        (
            _set("migrations", {**migration_state(), "meetings": ["0003_moved_floor_requests"]}),
            "the archive was made at another migration state (meetings: archive 0003_moved_floor_requests, "
            "this Plenary {m}): "
            "restore it with the Plenary that made it ({v}), then upgrade",
        ),
        (_drop_rows, "the archive is damaged: its rows do not add up to the counts in its manifest"),
        (
            _set("tables", {"treaties_state": 197}),
            "the archive is damaged: its rows do not add up to the counts in its manifest",
        ),
    ],
)
def test_a_forged_manifest_that_disagrees_with_the_archive_or_this_code_is_refused(
    archive, tmp_path, edit, message
):
    from importlib.metadata import version

    path = tmp_path / "forged.tar.gz"
    forge(archive, path, edit)
    leaf = ", ".join(migration_state()["meetings"])
    assert refused(path) == f"{path}: {message.format(v=version('plenary'), m=leaf)}"


def test_a_manifest_without_its_parts_is_refused(archive, tmp_path):
    path = tmp_path / "forged.tar.gz"
    forge(archive, path, lambda manifest, entries: None, after=lambda manifest: manifest.pop("tables"))
    assert refused(path) == f"{path}: not a Plenary backup: its manifest.json lacks tables"


def test_an_archive_whose_members_do_not_match_the_manifest_is_refused(archive, tmp_path):
    entries = members(archive)
    # A member changed, the manifest left as it was.
    changed = [(n, d + b" " if n.startswith("files/notes") else d) for n, d in entries]
    path = tmp_path / "changed.tar.gz"
    write_members(path, changed)
    assert (
        refused(path) == f"{path}: the archive is damaged: files/notes/readme.txt does not match its checksum"
    )
    # A member left out.
    write_members(path, [(n, d) for n, d in entries if n != "files/notes/readme.txt"])
    assert (
        refused(path)
        == f"{path}: the archive is damaged: it holds {len(entries) - 2} member(s), its manifest lists {len(entries) - 1}"
    )
    # The manifest changed, its checksum not.
    manifest = json.loads(dict(entries)[backup.MANIFEST])
    manifest["created_at"] = "2017-12-08T00:00:00+00:00"
    write_members(path, [*entries[:-1], (backup.MANIFEST, json.dumps(manifest).encode())])
    assert refused(path) == f"{path}: the archive is damaged: manifest.json does not match its own checksum"
    # Members in another order.
    write_members(path, [entries[1], entries[0], *entries[2:]])
    assert (
        refused(path) == f"{path}: the archive is damaged: {entries[1][0]} is not where its manifest lists it"
    )
    # A member twice.
    write_members(path, [entries[0], *entries])
    assert refused(path) == f"{path}: not a Plenary backup: it holds {entries[0][0]!r} twice"


# --- restore refuses a database or a store that is not empty -----------------------------------


def test_restore_into_a_database_with_records_is_refused_and_changes_nothing(archive, db, media):
    counts = source_counts()
    rows = database_rows()
    assert rows["treaties.State"] == 197
    biggest = sorted(rows.items(), key=lambda item: (-item[1], item[0]))[:3]
    with pytest.raises(BackupError) as caught:
        restore_backup(archive, by=Actor.system("test-restore"))
    assert str(caught.value) == (
        f"the database is not empty ({', '.join(f'{n} {label}' for label, n in biggest)}, ...): "
        f"restore {archive} into an empty database (a new DATABASE_URL); nothing was changed"
    )
    assert source_counts() == counts
    assert tree(media) == {}


def test_restore_into_a_store_with_files_is_refused(archive, db, media):
    default_storage.save("left/over.pdf", ContentFile(PDF))
    counts = source_counts()
    with pytest.raises(BackupError) as caught:
        restore_backup(archive, by=Actor.system("test-restore"))
    assert str(caught.value) == (
        f"the file store {media} is not empty (1 file(s), e.g. 'left/over.pdf'): restore {archive} "
        "into an empty one (a new PLENARY_VAR_DIR); nothing was changed"
    )
    assert tree(media) == {"left/over.pdf": PDF}
    assert source_counts() == counts


# --- a backup that fails leaves nothing behind -------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "raised"),
    [(KeyboardInterrupt(), KeyboardInterrupt), (OSError(28, "No space left on device"), BackupError)],
)
def test_a_backup_that_fails_midway_leaves_the_target_as_it_was(
    world, tmp_path, monkeypatch, failure, raised
):
    path = tmp_path / "plenary.tar.gz"
    path.write_bytes(b"yesterday's archive")
    entries = AuditEntry.objects.count()

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(backup, "_dump_files", fail)
    with pytest.raises(raised) as caught:
        write_backup(path, by=Actor.system("test-backup"))
    if raised is BackupError:
        assert (
            str(caught.value) == f"{path}: cannot write it (No space left on device); no backup was written"
        )
    assert path.read_bytes() == b"yesterday's archive"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media", "plenary.tar.gz"]
    assert AuditEntry.objects.count() == entries


def test_a_backup_is_written_outside_the_file_store_to_a_file(db, media, tmp_path):
    media.mkdir()
    (tmp_path / "stdout").symlink_to("/dev/stdout")
    for path, message in [
        (tmp_path, f"{tmp_path}: is a folder; name the archive to write, e.g. {tmp_path / 'plenary.tar.gz'}"),
        (tmp_path / "no" / "b.tar.gz", f"{tmp_path / 'no' / 'b.tar.gz'}: no such folder {tmp_path / 'no'}"),
        (
            media / "b.tar.gz",
            f"{media / 'b.tar.gz'}: is inside the file store {media}; write the backup elsewhere",
        ),
        (
            tmp_path / "stdout",
            f"{tmp_path / 'stdout'}: is not a plain file; name a new file (or an earlier archive to replace)",
        ),
    ]:
        with pytest.raises(BackupError) as caught:
            write_backup(path, by=Actor.system("test-backup"))
        assert str(caught.value) == message
    assert tree(media) == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media", "stdout"]
    assert (tmp_path / "stdout").is_symlink()
