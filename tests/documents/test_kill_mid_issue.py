"""The production server killed in the middle of issuing a document (SIGKILL, as a power cut or
the kernel's OOM killer does): no file is left under an official UN file name without its
committed row, and issuing again works.

`plenary serve` runs with settings.TEST_PAUSE_POINTS on and PLENARY_PAUSE_AT naming where the
worker waits to be killed (documents/files.py pause_point): "files-written" (the files written
under their temporary names, the transaction not committed) or "committed" (committed, the files
not yet moved to their official names). The staff member issues the document through the back
office page, over HTTP; the test kills the worker and the server there, looks at the database
and the files, starts the server again and issues again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest

from plenary.documents.files import official_name
from tests.backoffice.test_issue_document import form
from tests.helpers import tiny_pdf
from tests.live_server import database_env, plenary, running_server
from tests.test_concurrency import PASSWORD, Client, _redirected_to, _shell, _staff_client

SERIES = "BWC/MSP/2099"
ISSUE = f"/office/meetings/{SERIES}/documents/issue/"
PDF_EN = tiny_pdf("the English text, issued once")

SETUP = f"""
import datetime as dt
from django.contrib.auth.models import User
import json
from plenary.accounts.domain import grant_role, offer_enrolment
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.treaties.models import Treaty
by = Actor.system("test-setup")
save_meeting(
    Treaty.objects.get(code="BWC"), {SERIES!r}, by=by, kind="MSP", year=2099,
    start=dt.date(2099, 12, 7), end=dt.date(2099, 12, 10), venue="Palais des Nations, Geneva",
    status="planned",
)
user = User.objects.create_user("isu0", "isu0@example.org", {PASSWORD!r})
grant_role(user, "staff", by=by)
# The one-time link the operator gives staff to set up their authenticator (its path).
link = offer_enrolment(user, by=by, url_base="http://setup", mail=False)
print("SETUP " + json.dumps({{"username": "isu0", "enrol": link.removeprefix("http://setup")}}))
"""

RECORD = f"""
import json
from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile, LanguageVersion
on = dict(document__meeting__series={SERIES!r})
print("RECORD " + json.dumps({{
    "documents": list(Document.objects.filter(meeting__series={SERIES!r}).values_list("symbol", flat=True)),
    "versions": sorted(LanguageVersion.objects.filter(**on).exclude(file="").values_list("file", flat=True)),
    "issued": sorted(IssuedFile.objects.filter(**on).values_list("file", "sha256")),
    "audit": AuditEntry.objects.filter(action="document.issue").count(),
}}))
"""


def stored(media: Path) -> dict[str, list[str]]:
    """The stored files: under official names, and under temporary ones."""
    names = (
        sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()) if media.exists() else []
    )
    return {
        "official": [n for n in names if not n.startswith("tmp/")],
        "temporary": [n for n in names if n.startswith("tmp/")],
    }


def send_issue(client: Client) -> None:
    """POST the issue form (on a thread: the worker never answers, it is killed)."""
    client.request("GET", ISSUE)  # the CSRF token
    try:
        client.request(
            "POST",
            ISSUE,
            form=form(title_zh="", on="2099-12-07"),
            files={"file_en": ("note.pdf", PDF_EN, "application/pdf")},
        )
    except OSError:  # the connection dies with the worker
        pass


def wait_for(marker: Path, log: Path) -> int:
    deadline = time.monotonic() + 120
    while not marker.exists() or not marker.read_text():
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.1)
    return int(marker.read_text())


@pytest.mark.parametrize("point", ["files-written", "committed"])
def test_a_server_killed_mid_issue_leaves_no_file_under_an_official_name(tmp_path, point):
    var = tmp_path / "var"
    var.mkdir()
    media = var / "media"
    marker = tmp_path / "paused"
    with database_env(var) as base:
        paused = {
            **base,
            "PLENARY_TEST_PAUSE_POINTS": "1",
            "PLENARY_PAUSE_AT": point,
            "PLENARY_PAUSE_MARKER": str(marker),
        }
        with running_server(var, paused, workers=1) as server:
            person = _shell(SETUP, paused, "SETUP")
            record_before = _shell(RECORD, paused, "RECORD")
            files_before = stored(media)
            client = _staff_client(server, person)
            thread = threading.Thread(target=send_issue, args=(client,), daemon=True)
            thread.start()
            worker = wait_for(marker, var / "server.log")
            os.kill(worker, signal.SIGKILL)
            os.kill(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=60)
            thread.join(timeout=60)

        # Nothing runs now: the database and the files are as the kill left them.
        record = _shell(RECORD, base, "RECORD")
        files = stored(media)
        on_record = {name for name, _sha in record["issued"]} | set(record["versions"])
        assert set(files["official"]) - set(files_before["official"]) <= on_record
        assert len(files["temporary"]) == 1  # the English file, under its temporary name
        [temporary] = files["temporary"]
        official = official_name(temporary)
        number = int(re.fullmatch(r"documents/\d{4}/BWC_MSP_2099_INF\.(\d+)-EN\.pdf", official).group(1))
        if point == "files-written":
            assert record == record_before  # the transaction never committed
            assert files["official"] == files_before["official"]
        else:
            # Committed, not moved: the row names a file that is not there yet; the clean-up
            # finishes the move, with the bytes the row's checksum names.
            assert record["documents"] == [*record_before["documents"], f"{SERIES}/INF.{number}"]
            assert record["issued"] == [[official, hashlib.sha256(PDF_EN).hexdigest()]]
            assert official not in files["official"]
        cleaned = plenary("files", "clean", "--older-than", "0", env=base)
        what = (
            "removed" if point == "files-written" else "its record was committed; moved to its official name"
        )
        assert cleaned == f"{temporary}: {what}\n"
        assert plenary("files", "clean", "--older-than", "0", env=base) == ""  # twice: nothing left
        assert stored(media)["temporary"] == []

        # Started again (no pause point), the server issues: the first time for a kill before the
        # commit (the symbol was not used up), the next number after one.
        with running_server(var, base, workers=1) as server:
            client.port = int(server.url.rsplit(":", 1)[1])
            client.request("GET", ISSUE)
            issued = client.request(
                "POST",
                ISSUE,
                form=form(title_zh="", on="2099-12-07"),
                files={"file_en": ("note.pdf", PDF_EN, "application/pdf")},
            )
            assert _redirected_to(issued, f"/office/meetings/{SERIES}/documents/"), issued.status
            again = number if point == "files-written" else number + 1
            symbol = f"{SERIES}/INF.{again}"
            for n in range(number, again + 1):
                download = client.request("GET", f"/api/documents/{SERIES}/INF.{n}/versions/en")
                assert (download.status, download.body) == (200, PDF_EN)
        record = _shell(RECORD, base, "RECORD")
        assert record["documents"][-1] == symbol
        assert stored(media)["temporary"] == []
        assert json.dumps(sorted(stored(media)["official"])) == json.dumps(
            sorted({name for name, _ in record["issued"]} | set(files_before["official"]))
        )
