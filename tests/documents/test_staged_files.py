"""Files get their official name only when their transaction commits: until then they are under
tmp/<random>/<official name>; a rollback (of the block, of an outer transaction.atomic(), of a
savepoint) deletes them; `plenary files clean` removes what a killed process left. On local files
and on S3 (moto's server). The kill itself: tests/documents/test_kill_mid_issue.py."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from plenary.cli import main
from plenary.documents import domain as docs
from plenary.documents.files import leftovers
from plenary.documents.models import Document, IssuedFile
from tests.exports.test_object_storage import bucket  # noqa: F401  (the fixture)

OFFICIAL = "issued/BWC_MSP_2017_WP.1-FR.txt"
TEMPORARY = re.compile(r"tmp/[0-9a-f]{32}/issued/BWC_MSP_2017_WP\.1-FR\.txt")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


@pytest.fixture(params=["local", "s3"])
def store(request, media):
    """The names of the stored files (local folder or bucket), whichever the test runs on."""
    if request.param == "local":
        return lambda: sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())
    found = request.getfixturevalue("bucket")
    return found.keys


@pytest.fixture
def wp1(db):
    return Document.objects.get(symbol="BWC/MSP/2017/WP.1")


def test_a_file_is_under_a_temporary_name_until_the_commit(store, wp1):
    with docs.atomic_files():
        row = docs.store_issued_file(wp1, lang="fr", fmt="txt", data=b"as issued")
        assert row.file.name == OFFICIAL  # the row names the official file ...
        [written] = store()
        assert TEMPORARY.fullmatch(written)  # ... which exists only once the transaction commits
    assert store() == [OFFICIAL]
    with default_storage.open(OFFICIAL, "rb") as handle:
        assert handle.read() == b"as issued"


def test_an_outer_atomic_that_rolls_back_leaves_no_file(store, wp1):
    with pytest.raises(RuntimeError, match="^after the files$"), transaction.atomic():
        with docs.atomic_files():
            docs.store_issued_file(wp1, lang="fr", fmt="txt", data=b"rolled back")
        assert TEMPORARY.fullmatch(store()[0])
        raise RuntimeError("after the files")
    assert store() == []
    assert not IssuedFile.objects.filter(document=wp1, lang="fr").exists()


def test_an_outer_atomic_decides_when_the_files_get_their_names(
    store, wp1, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the outer block's commit
        with transaction.atomic():
            with docs.atomic_files():
                docs.store_issued_file(wp1, lang="fr", fmt="txt", data=b"kept")
            assert TEMPORARY.fullmatch(store()[0])  # the inner block is done; the transaction is not
        assert TEMPORARY.fullmatch(store()[0])
    assert store() == [OFFICIAL]


def test_a_savepoint_rolled_back_takes_its_files_and_the_rest_commits(store, wp1):
    with docs.atomic_files():
        docs.store_issued_file(wp1, lang="fr", fmt="txt", data=b"kept")
        with pytest.raises(RuntimeError), transaction.atomic():
            with docs.atomic_files():
                docs.store_issued_file(wp1, lang="ru", fmt="txt", data=b"rolled back")
            raise RuntimeError("the savepoint goes")
    assert store() == [OFFICIAL]
    assert list(IssuedFile.objects.filter(document=wp1).values_list("lang", flat=True)) == ["fr"]


def test_set_rollback_and_an_error_take_the_files(store, wp1):
    with docs.atomic_files():
        docs.store_issued_file(wp1, lang="fr", fmt="txt", data=b"one")
        transaction.set_rollback(True)
    with pytest.raises(ValueError), docs.atomic_files():
        docs.store_issued_file(wp1, lang="fr", fmt="txt", data=b"two")
        raise ValueError
    assert store() == []


def test_an_issue_refused_after_its_files_were_written_leaves_none(store, db, monkeypatch):
    """issue_document writes the files, then the audit entry: refused there, nothing stays."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.meetings.models import Meeting
    from tests.helpers import tiny_pdf

    def refuse(*args, **kwargs):
        raise RuntimeError("the audit trail is down")

    monkeypatch.setattr(docs, "log_action", refuse)
    with pytest.raises(RuntimeError):
        docs.issue_document(
            Meeting.objects.get(series="BWC/MSP/2017"),
            doc_type="INF",
            title={"en": "Note"},
            original_language="en",
            files={"en": SimpleUploadedFile("n.pdf", tiny_pdf())},
            by=docs.Actor.system("isu"),
        )
    assert store() == []


# -- leftovers ---------------------------------------------------------------------------------------


def old(name: str, data: bytes = b"left over") -> str:
    """A temporary as a killed process leaves it, written two hours ago."""
    saved = default_storage.save(name, ContentFile(data))
    if hasattr(default_storage, "path"):
        then = time.time() - 7200
        os.utime(default_storage.path(saved), (then, then))
    return saved


def test_leftovers_are_removed_or_completed_and_a_second_run_finds_none(store, wp1):
    # A kill before the commit: a temporary and no row.
    orphan = default_storage.save(f"tmp/{'0' * 32}/issued/BWC_MSP_2017_WP.1-RU.txt", ContentFile(b"x"))
    # A kill after the commit, before the move: the row names the official file, which is missing.
    committed = default_storage.save(f"tmp/{'f' * 32}/{OFFICIAL}", ContentFile(b"as issued"))
    IssuedFile.objects.create(
        document=wp1, lang="fr", fmt="txt", sha256="0" * 64, size=9, file=OFFICIAL, issued_at=timezone.now()
    )
    # Younger than an hour, they may belong to a transaction still running: kept.
    assert leftovers(default_storage) == []
    now = dt.timedelta(0)
    assert leftovers(default_storage, older_than=now, remove=False) == [
        (orphan, "removed"),
        (committed, "completed"),
    ]
    assert store() == [orphan, committed]  # a dry run changes nothing
    assert leftovers(default_storage, older_than=now) == [(orphan, "removed"), (committed, "completed")]
    assert leftovers(default_storage, older_than=now) == []
    assert store() == [OFFICIAL]
    with default_storage.open(OFFICIAL, "rb") as handle:
        assert handle.read() == b"as issued"


def test_a_temporary_whose_official_name_is_taken_is_removed(store, wp1):
    """Its row names a file that is there: the leftover is a second copy, not the record's."""
    default_storage.save(OFFICIAL, ContentFile(b"as issued"))
    IssuedFile.objects.create(
        document=wp1, lang="fr", fmt="txt", sha256="0" * 64, size=9, file=OFFICIAL, issued_at=timezone.now()
    )
    copy = default_storage.save(f"tmp/{'a' * 32}/{OFFICIAL}", ContentFile(b"another"))
    assert leftovers(default_storage, older_than=dt.timedelta(0)) == [(copy, "removed")]
    assert store() == [OFFICIAL]


def two_hours_ago(name: str) -> None:
    then = time.time() - 7200
    os.utime(default_storage.path(name), (then, then))


def test_plenary_files_clean(media, wp1, capsys):
    orphan = default_storage.save(f"tmp/{'0' * 32}/issued/BWC_MSP_2017_WP.1-RU.txt", ContentFile(b"x"))
    young = default_storage.save(f"tmp/{'1' * 32}/issued/BWC_MSP_2017_WP.1-ES.txt", ContentFile(b"x"))
    two_hours_ago(orphan)
    assert main(["files", "clean", "--dry-run"]) == 0
    assert capsys.readouterr().out == f"{orphan}: would remove\n"
    assert main(["files", "clean"]) == 0
    assert capsys.readouterr().out == f"{orphan}: removed\n"
    assert main(["files", "clean"]) == 0  # twice: nothing more to do
    assert capsys.readouterr().out == ""
    assert sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) == [young]
    assert not (media / "tmp" / ("0" * 32)).exists()  # its folders went with it
    assert main(["files", "clean", "--older-than", "0"]) == 0
    assert capsys.readouterr().out == f"{young}: removed\n"


def test_check_deploy_warns_of_the_test_pause_points(settings):
    from django.core import checks

    settings.TEST_PAUSE_POINTS = False
    assert [m.id for m in checks.run_checks(include_deployment_checks=True) if m.id == "plenary.W101"] == []
    settings.TEST_PAUSE_POINTS = True
    assert [m.id for m in checks.run_checks(include_deployment_checks=True) if m.id == "plenary.W101"] == [
        "plenary.W101"
    ]
