"""`plenary backup` and `plenary restore` as a user runs them: output, exit status, and what a
refused restore leaves behind (nothing changed)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from plenary.records.backup import check_archive
from tests.records.backup_support import PDF, demo_archive, empty_target, forge, tree
from tests.test_cli import run


@pytest.fixture
def media(db, settings, tmp_path):
    """A file store of the test's own. The demo's issued files live in the session's store: their
    rows go too, in this test's transaction only."""
    from plenary.documents.models import IssuedFile

    IssuedFile.objects.all().delete()
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def target(tmp_path):
    with empty_target(tmp_path / "target") as place:
        yield place


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("archive") / "plenary.tar.gz"
    return demo_archive(path, tmp_path_factory.mktemp("media"), django_db_blocker)


@pytest.mark.parametrize("argv", [["backup"], ["restore"]])
def test_backup_and_restore_have_help(capsys, argv):
    code, out, _ = run(capsys, *argv, "--help")
    assert code == 0
    assert out.startswith(f"usage: plenary {argv[0]}")


def test_backup_writes_the_archive_and_says_what_it_holds(capsys, db, media, tmp_path):
    default_storage.save("documents/2017/WP.1-EN.pdf", ContentFile(PDF))
    path = tmp_path / "plenary.tar.gz"
    code, out, err = run(capsys, "backup", "-o", str(path))
    assert code == 0
    manifest = check_archive(path)
    rows = sum(m.get("rows", 0) for m in manifest["members"])
    tables = sum(1 for n in manifest["tables"].values() if n)
    size = path.stat().st_size
    assert out == (
        f"wrote {path}: {rows} rows in {tables} tables, 1 file(s) (0.0 MB); {size / 1e6:.1f} MB, "
        f"sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}\n"
    )
    assert err == "· backing up records\n· backing up files\n"  # progress, one line a phase off a terminal


def test_a_backup_warns_of_a_file_that_a_record_names_but_the_store_lacks(capsys, db, media, tmp_path):
    from plenary.documents.models import LanguageVersion

    version = LanguageVersion.objects.order_by("pk").first()
    version.file.name = "documents/2017/lost.pdf"
    version.save()
    code, out, err = run(capsys, "backup", "-o", str(tmp_path / "b.tar.gz"))
    assert code == 0
    assert (
        err.splitlines()[-1]
        == "plenary: warning: a record names 'documents/2017/lost.pdf', which is not in the file store"
    )


@pytest.mark.parametrize("where", ["folder", "missing folder", "file store"])
def test_backup_to_a_bad_place_exits_2_and_writes_nothing(capsys, db, media, tmp_path, where):
    media.mkdir()
    path = {
        "folder": tmp_path,
        "missing folder": tmp_path / "no" / "b.tar.gz",
        "file store": media / "b.tar.gz",
    }[where]
    message = {
        "folder": f"{path}: is a folder; name the archive to write, e.g. {path / 'plenary.tar.gz'}",
        "missing folder": f"{path}: no such folder {path.parent}",
        "file store": f"{path}: is inside the file store {media}; write the backup elsewhere",
    }[where]
    code, out, err = run(capsys, "backup", "-o", str(path))
    assert (code, out, err) == (2, "", f"plenary: error: {message}\n")
    assert tree(media) == {}


def test_backup_needs_an_output_file(capsys):
    code, _, err = run(capsys, "backup")
    assert code == 2
    assert "the following arguments are required: -o/--output" in err


def test_restore_check_says_the_archive_is_sound_and_changes_nothing(capsys, archive, db, media):
    manifest = check_archive(archive)
    rows = sum(m.get("rows", 0) for m in manifest["members"])
    code, out, err = run(capsys, "restore", "--check", str(archive))
    assert code == 0
    assert out == (
        f"{archive}: a sound Plenary backup of {manifest['created_at']} (Plenary {manifest['plenary_version']}, "
        f"{manifest['database']}): {rows} rows, 2 file(s)\n"
    )
    assert err == "· checking the archive\n"
    assert tree(media) == {}


def test_restore_into_this_database_with_records_exits_2(capsys, archive, db, media):
    code, out, err = run(capsys, "restore", str(archive))
    assert (code, out) == (2, "")
    *progress, last = err.splitlines()
    assert progress == ["· checking the archive"]
    assert last.startswith("plenary: error: the database is not empty (")
    assert last.endswith(
        f"): restore {archive} into an empty database (a new DATABASE_URL); nothing was changed"
    )


# --- hostile archives against an empty target, in a subprocess --------------------------------


def _hostile(kind: str, archive: Path, folder: Path) -> tuple[Path, str]:
    path = folder / f"{kind}.tar.gz"
    data = archive.read_bytes()
    if kind == "truncated":
        path.write_bytes(data[: len(data) * 2 // 3])
        return path, "the archive is truncated (or damaged): it ends before its data does"
    if kind == "flipped":
        changed = bytearray(data)
        changed[len(data) // 2] ^= 0x10
        path.write_bytes(changed)
        return path, "the archive is damaged: "
    if kind == "foreign":
        import tarfile

        with tarfile.open(path, "w:gz") as tar:
            tar.add(Path(__file__), arcname="test.py")
        return path, "not a Plenary backup: a gzip file, but not one that plenary backup wrote"
    if kind == "random":
        path.write_bytes(hashlib.sha512(b"noise").digest() * 64)
        return path, "not a Plenary backup (those are gzip-compressed tar files)"
    if kind == "empty":
        path.write_bytes(b"")
        return path, "the file is empty: not a Plenary backup"
    if kind == "folder":
        path.mkdir()
        return path, "is a folder, not a backup archive"
    return path, "no such file"  # missing


@pytest.mark.parametrize("kind", ["truncated", "flipped", "foreign", "random", "empty", "folder", "missing"])
def test_a_hostile_archive_exits_2_with_one_line_and_changes_nothing(archive, tmp_path, target, kind):
    path, message = _hostile(kind, archive, tmp_path)
    before = target.state()
    result = target.run("restore", str(path))
    assert (result.returncode, result.stdout) == (2, "")
    *progress, last = result.stderr.splitlines()
    assert progress == ([] if kind in ("empty", "folder", "missing") else ["· checking the archive"])
    if message.endswith(": "):
        assert last.startswith(f"plenary: error: {path}: {message}")
    else:
        assert last == f"plenary: error: {path}: {message}"
    assert target.state() == before
    # Not even a database: no SQLite file, no table in the PostgreSQL database; no file store.
    assert before == ((None if target.vendor == "sqlite" else {}), {}, False)


def test_restore_into_a_target_that_holds_records_or_files_exits_2_and_changes_nothing(archive, target):
    first = target.run("restore", str(archive))
    assert first.returncode == 0, first.stderr
    before = target.state()
    again = target.run("restore", str(archive))
    assert (again.returncode, again.stdout) == (2, "")
    # The file store is looked at first: it needs no database connection.
    assert again.stderr.splitlines()[-1] == (
        f"plenary: error: the file store {target.media} is not empty (2 file(s), e.g. "
        f"'documents/2017/WP.1-EN.pdf'): restore {archive} into an empty one (a new PLENARY_VAR_DIR); "
        "nothing was changed"
    )
    assert target.state() == before
    for name in tree(target.media):
        (target.media / name).unlink()
    before = target.state()
    again = target.run("restore", str(archive))
    assert again.returncode == 2
    last = again.stderr.splitlines()[-1]
    assert last.startswith("plenary: error: the database is not empty (")
    assert last.endswith(
        f"restore {archive} into an empty database (a new DATABASE_URL); nothing was changed"
    )
    assert target.state() == before


def test_a_forged_archive_whose_rows_break_a_reference_restores_nothing(archive, tmp_path, target):
    """Sound checksums, unsound records: the load fails inside its transaction, the files that
    were written are removed again, and the database holds no rows."""

    def dangling(manifest, entries):
        name = next(n for n in entries if "treaties.statename" in n)
        rows = json.loads(entries[name])
        rows[0]["fields"]["state"] = 999999
        entries[name] = json.dumps(rows).encode()

    forged = tmp_path / "forged.tar.gz"
    forge(archive, forged, dangling)
    result = target.run("restore", str(forged))
    assert (result.returncode, result.stdout) == (2, "")
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"plenary: error: {forged}: restoring failed (IntegrityError: ")
    assert last.endswith("); nothing was restored")
    assert "999999" in last or target.vendor == "postgresql"
    assert not target.media.exists()  # the files and the folders made for them are gone
    counts = target.counts()
    assert {t for t, n in counts.items() if n} == {
        "django_migrations",
        "django_content_type",
        "auth_permission",
    }
