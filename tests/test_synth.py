"""`plenary synth`: refuses a database with records, refuses bad arguments, writes the same
synthetic history for the same seed, and every record it writes keeps the domain's rules. Runs on
the database engine of DATABASE_URL (SQLite by default; PostgreSQL when it names one)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.pg_support import drop_database
from tests.test_cli import run

REPO = Path(__file__).resolve().parents[1]
SMALL = ["--years", "3", "--documents", "60", "--participants", "120"]


# --- refusals, in the test database (which holds the demo data) ---


def test_synth_refuses_a_database_that_holds_records_and_writes_nothing(capsys, db):
    from plenary.core.models import AuditEntry
    from plenary.documents.models import Document
    from plenary.meetings.models import Meeting
    from plenary.treaties.models import Treaty, TreatyEvent

    before = (
        Meeting.objects.count(),
        Document.objects.count(),
        AuditEntry.objects.count(),
        TreatyEvent.objects.count(),
    )
    code, out, err = run(capsys, "synth", *SMALL, "--seed", "3")
    assert code == 1
    assert out == ""
    assert err == (
        "plenary: error: the database already holds meetings, documents, delegations, "
        "statements, decisions: plenary synth writes into an empty database only (point DATABASE_URL "
        "at a new one)\n"
    )
    after = (
        Meeting.objects.count(),
        Document.objects.count(),
        AuditEntry.objects.count(),
        TreatyEvent.objects.count(),
    )
    assert after == before
    assert not Treaty.objects.filter(code="SYN").exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--years", "0"], "argument --years: '0' is not a number of years from 1 to 100"),
        (["--years", "-3"], "argument --years: '-3' is not a number of years from 1 to 100"),
        (["--years", "101"], "argument --years: '101' is not a number of years from 1 to 100"),
        (["--years", "forty"], "argument --years: 'forty' is not a number of years from 1 to 100"),
        (["--years", "4.5"], "argument --years: '4.5' is not a number of years from 1 to 100"),
        (
            ["--documents", "-1"],
            "argument --documents: '-1' is not a number of documents from 0 to 2,000,000",
        ),
        (
            ["--documents", "1e5"],
            "argument --documents: '1e5' is not a number of documents from 0 to 2,000,000",
        ),
        (
            ["--documents", "99999999999999999999"],
            "argument --documents: '99999999999999999999' is not a number of documents from 0 to 2,000,000",
        ),
        (
            ["--participants", "2000000"],
            "argument --participants: '2000000' is not a number of participants from 0 to 1,000,000",
        ),
        (
            ["--participants", "١٢"],
            "argument --participants: '١٢' is not a number of participants from 0 to 1,000,000",
        ),
        (
            ["--seed", "seed"],
            "argument --seed: 'seed' is not a number of seed values from 0 to 9,223,372,036,854,775,807",
        ),
        (["--years"], "argument --years: expected one argument"),
    ],
)
def test_synth_refuses_bad_arguments_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, "synth", *argv)
    assert code == 2
    assert out == ""
    assert err.splitlines()[-1] == f"plenary synth: error: {message}"


# --- runs into fresh databases -----------------------------------------------------------------


def _fresh_databases(tmp_path, names):
    """URLs of empty databases of the engine the tests run on, and a function removing them."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return [f"sqlite:///{tmp_path / f'{name}.sqlite3'}" for name in names], lambda: None
    import psycopg

    parts = urlsplit(url)
    base = parts.path.lstrip("/") or "plenary"
    dbnames = [f"{base}_synthtest_{name}" for name in names]
    admin = urlunsplit(parts._replace(path="/postgres"))

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            for dbname in dbnames:
                drop_database(conn, dbname)

    drop()
    with psycopg.connect(admin, autocommit=True) as conn:
        for dbname in dbnames:
            conn.execute(f'CREATE DATABASE "{dbname}"')
    return [urlunsplit(parts._replace(path=f"/{dbname}")) for dbname in dbnames], drop


def _env(tmp_path, url):
    return {
        **os.environ,
        "PLENARY_VAR_DIR": str(tmp_path),
        "DATABASE_URL": url,
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
    }


def _synth(tmp_path, url, *argv):
    return subprocess.run(
        [sys.executable, "-m", "plenary", "synth", *argv],
        env=_env(tmp_path, url),
        capture_output=True,
        text=True,
        timeout=600,
    )


def _dump(tmp_path, url):
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "synth_dump.py")],
        env=_env(tmp_path, url),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def databases(tmp_path):
    urls, drop = _fresh_databases(tmp_path, ["a", "b"])
    yield urls
    drop()


def test_the_same_seed_writes_the_same_synthetic_history_and_it_keeps_the_rules(tmp_path, databases):
    first, second = databases
    ran = _synth(tmp_path, first, *SMALL, "--seed", "7")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == (
        "synthetic treaty history written (seed 7, 3 years): 130 agenda items, 26 decisions, 39 delegations, "
        "60 documents, 188 group memberships, 263 language versions, 13 meetings, 39 officers, "
        "120 participants, 81 sponsorships, 53 statements, 247 treaty events\n"
    )
    again = _synth(tmp_path, second, *SMALL, "--seed", "7")
    assert again.returncode == 0, again.stderr
    a, b = _dump(tmp_path, first), _dump(tmp_path, second)
    assert a["dump"] == b["dump"]
    assert a["problems"] == []
    assert a["kinds"] == ["CONSULT", "MSP", "MX", "PREPCOM", "REVCON", "SPECIAL", "WG"]
    assert a["series"] == ["SYN"]  # no meeting of the BWC is invented
    assert (a["documents"], a["participants"]) == (60, 120)
    assert a["languages"] == ["ar", "en", "es", "fr", "ru", "zh"]
    events = a["dump"]["treaties.TreatyEvent"]
    treaties = {row[0]: row[1] for row in a["dump"]["treaties.Treaty"]}
    assert sorted(treaties.values()) == ["BWC", "SYN"]
    bwc = [e for e in events if treaties[e[1]] == "BWC"]
    syn = [e for e in events if treaties[e[1]] == "SYN"]
    assert len(syn) == 247 and all(e[6] == "synthetic (plenary synth)" for e in syn)
    assert not any(e[6] == "synthetic (plenary synth)" for e in bwc)
    # A second run into the same database is refused and changes nothing.
    twice = _synth(tmp_path, first, *SMALL, "--seed", "7")
    assert twice.returncode == 1
    assert twice.stderr.splitlines()[-1].startswith("plenary: error: the database already holds meetings")
    assert _dump(tmp_path, first)["dump"] == a["dump"]


def test_another_seed_writes_another_history(tmp_path, databases):
    first, second = databases
    assert (
        _synth(
            tmp_path, first, "--years", "1", "--documents", "20", "--participants", "30", "--seed", "1"
        ).returncode
        == 0
    )
    assert (
        _synth(
            tmp_path, second, "--years", "1", "--documents", "20", "--participants", "30", "--seed", "2"
        ).returncode
        == 0
    )
    a, b = _dump(tmp_path, first), _dump(tmp_path, second)
    assert a["problems"] == b["problems"] == []
    assert a["kinds"] == ["CONSULT", "PREPCOM", "REVCON", "SPECIAL"]
    assert a["dump"]["participation.Participant"] != b["dump"]["participation.Participant"]
    assert (a["documents"], b["documents"]) == (20, 20)


def test_no_documents_and_no_participants_give_meetings_with_neither(tmp_path, databases):
    ran = _synth(tmp_path, databases[0], "--years", "1", "--documents", "0", "--participants", "0")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == (
        "synthetic treaty history written (seed 1, 1 year): 40 agenda items, 8 decisions, 0 delegations, "
        "0 documents, 188 group memberships, 0 language versions, 4 meetings, 12 officers, 0 participants, "
        "0 sponsorships, 0 statements, 244 treaty events\n"
    )
    assert _dump(tmp_path, databases[0])["problems"] == []


@pytest.mark.parametrize(
    "values, message",
    [
        ({"years": 0}, "years must be a whole number from 1 to 100, not 0"),
        ({"documents": -1}, "documents must be a whole number from 0 to 2,000,000, not -1"),
        ({"participants": True}, "participants must be a whole number from 0 to 1,000,000, not True"),
        ({"seed": "1"}, "seed must be a whole number from 0 to 9,223,372,036,854,775,807, not '1'"),
    ],
)
def test_a_plan_given_in_code_is_checked_too(values, message):
    from plenary.core.errors import DomainError
    from plenary.synth import Plan

    with pytest.raises(DomainError) as caught:
        Plan(**({"years": 3, "documents": 10, "participants": 10, "seed": 1} | values))
    assert str(caught.value) == message
