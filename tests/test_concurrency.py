"""200 writers at once against the running server (issue 8, section 5), and 200 readers (issue 11,
section 1). The writers: focal points registering their delegations on the portal page, delegates
asking for the floor through the API, secretariat staff issuing submitted working papers. They all
start together; none gets a server error, nothing is lost or taken twice, the list of speakers has
places 1..n and the working papers WP.1..WP.n, each symbol once.

The server is `plenary serve` on its own database: an SQLite file, or a new PostgreSQL database
when DATABASE_URL names PostgreSQL (tests/live_server.py). Everything goes over HTTP, as a user's
browser or script would send it; the records are set up and counted with `plenary manage shell`,
by model name where a model is about to move between apps. `pytest -m concurrency` runs it alone.

The focal points' sessions are created as Django's login() creates them (a sign-in costs a
password hash, a good part of a second, each); staff sign in for real, password and second factor.

A second test sends every request twice at once (a double click): one act each, and a polite
answer to the other request (the domain re-reads a paper under its lock before issuing it, and
takes the meeting's lock before looking for an existing delegation).

The readers: 200 connections opened at once to the production server's two workers, each asking
for a meeting page: every one answered with the page, none reset; on PostgreSQL the database then
holds no more connections than the workers' pools.
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import http.client
import http.cookies
import json
import random
import re
import threading
import urllib.parse

import pytest

from tests.authenticator import Authenticator
from tests.helpers import tiny_pdf
from tests.live_server import database_env, on_postgresql, plenary, running_server

pytestmark = pytest.mark.concurrency

SERIES = "BWC/MSP/2099"
N_STAFF = 2
PASSWORD = "a long enough passphrase"
PDF = tiny_pdf()

SETUP = """
import datetime as dt, json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from plenary.accounts.domain import grant_role, make_token, offer_enrolment
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.participation.domain import expected_category, register_delegation
from plenary.treaties.models import State, Treaty

SETUP_ACTOR = Actor.system("test-setup")
N_REGISTRATIONS, N_FLOOR_REQUESTS, N_STAFF, PASSWORD = {n_registrations}, {n_floor}, {n_staff}, {password!r}
meeting, _ = save_meeting(
    Treaty.objects.get(code="BWC"), {series!r}, by=SETUP_ACTOR, kind="MSP", year=2099,
    start=dt.date(2099, 12, 7), end=dt.date(2099, 12, 10), venue="Palais des Nations, Geneva",
    status="planned",
)

def person(name, kind, state=None):
    user = User.objects.create(username=name)
    grant_role(user, kind, state=state, by=SETUP_ACTOR)
    return user

def session_of(user):
    # What django.contrib.auth.login() stores.
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key

def delegation_of(state):
    return register_delegation(meeting, state=state, by=SETUP_ACTOR, members=[{{"name": "Head", "role": "head"}}])

states = list(State.objects.order_by("code"))
may_speak = [s for s in states if expected_category(meeting, state=s) in ("state_party", "signatory")]
speakers, author = may_speak[:N_FLOOR_REQUESTS], may_speak[N_FLOOR_REQUESTS]
taken = {{s.code for s in speakers}} | {{author.code}}
registering = [s for s in states if s.code not in taken][:N_REGISTRATIONS]
assert len(speakers) == N_FLOOR_REQUESTS and len(registering) == N_REGISTRATIONS
floor = []
for s in speakers:
    _, token = make_token(person("del." + s.code.lower(), "delegate", s), "floor", by=SETUP_ACTOR)
    floor.append({{"code": s.code, "delegation": delegation_of(s).pk, "token": token}})
staff = []
for i in range(N_STAFF):
    user = User.objects.create_user(f"isu{{i}}", f"isu{{i}}@example.org", PASSWORD)
    grant_role(user, "staff", by=SETUP_ACTOR)
    # The one-time link the operator gives them to set up their authenticator (its path).
    link = offer_enrolment(user, by=SETUP_ACTOR, url_base="http://setup", mail=False)
    staff.append({{"username": user.username, "enrol": link.removeprefix("http://setup")}})
print("SETUP " + json.dumps({{
    "floor": floor,
    "registrations": [
        {{"code": s.code, "session": session_of(person("fp." + s.code.lower(), "focal_point", s))}}
        for s in registering
    ],
    "author": {{
        "code": author.code,
        "delegation": delegation_of(author).pk,
        "session": session_of(person("fp." + author.code.lower(), "focal_point", author)),
    }},
    "staff": staff,
}}))
"""

COUNT = """
import json
from django.apps import apps

def model(name):
    # By name: the test reads the records as a script on the server would.
    found = [m for m in apps.get_models() if m.__name__ == name]
    assert len(found) == 1, found
    return found[0]

Delegation, Document = model("Delegation"), model("Document")
FloorRequest, WorkingPaper, AuditEntry = model("FloorRequest"), model("WorkingPaper"), model("AuditEntry")
on = dict(meeting__series={series!r})
print("COUNT " + json.dumps({{
    "delegations": list(Delegation.objects.filter(**on).values_list("state__code", flat=True)),
    "floor": list(FloorRequest.objects.filter(**on).values_list("delegation_id", "position", "status")),
    "documents": list(
        Document.objects.filter(series={series!r}, doc_type="WP").values_list("id", "symbol", "number")
    ),
    "submissions": list(WorkingPaper.objects.filter(**on).values_list("status", "document_id")),
    "audit": {{
        action: AuditEntry.objects.filter(action=action, via=via).count()
        for action, via in (("delegation.register", "page"), ("floor.request", "api"), ("paper.issue", "page"))
    }},
}}))
"""


def _shell(script: str, env: dict, marker: str) -> dict:
    out = plenary("manage", "shell", "-c", script, env=env, timeout=300)
    line = next(line for line in out.splitlines() if line.startswith(marker + " "))
    return json.loads(line[len(marker) + 1 :])


@dataclasses.dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def cookies(self) -> dict[str, str]:
        jar = http.cookies.SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}

    def csrf_field(self) -> str:
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', self.body).group(1).decode()


class Client:
    """One user agent: its cookies, and requests over a new connection each (as a browser's tabs)."""

    def __init__(self, base: str, cookies: dict[str, str] | None = None):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port
        self.cookies = dict(cookies or {})
        self.csrf = ""

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=120)

    def prepare(self, method: str, path: str, *, form=None, files=None, json_body=None, headers=None):
        """(method, path, body, headers) of a request, with the cookies and the CSRF token."""
        headers = dict(headers or {})
        body = b""
        if form is not None or files is not None:
            fields = {**(form or {}), "csrfmiddlewaretoken": self.csrf}
            if files:
                body, headers["Content-Type"] = _multipart(fields, files)
            else:
                body = urllib.parse.urlencode(fields).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return method, path, body, headers

    def send(self, conn: http.client.HTTPConnection, method, path, body, headers) -> Response:
        conn.request(method, path, body=body, headers=headers)
        raw = conn.getresponse()
        response = Response(raw.status, raw.headers, raw.read())
        conn.close()
        return response

    def request(self, method: str, path: str, **kwargs) -> Response:
        response = self.send(self.connection(), *self.prepare(method, path, **kwargs))
        self.cookies.update(response.cookies())
        if b"csrfmiddlewaretoken" in response.body:
            self.csrf = response.csrf_field()
        return response


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = "plenary-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _redirected_to(response: Response, pattern: str) -> re.Match | None:
    return re.fullmatch(pattern, response.headers.get("Location", "")) if response.status == 302 else None


def _staff_client(base: str, person: dict) -> Client:
    """Signed in as a secretariat officer: their enrolment link, password, then the second factor
    set up with a code from the tests' authenticator."""
    client = Client(base)
    client.request("GET", person["enrol"])
    client.request("GET", "/accounts/sign-in/")
    signed = client.request(
        "POST", "/accounts/sign-in/", form={"username": person["username"], "password": PASSWORD}
    )
    assert _redirected_to(signed, r"/accounts/two-factor/\?next=/"), signed.status
    setup = client.request("GET", "/accounts/two-factor/")
    app = Authenticator.from_page(setup.body.decode())
    confirmed = client.request("POST", "/accounts/two-factor/", form={"code": app.code()})
    assert confirmed.status == 200 and b'id="recovery-codes"' in confirmed.body, confirmed.status
    return client


def _submitted_papers(base: str, author: dict, count: int) -> list[int]:
    """The author's focal point drafts, attaches and submits the papers, one after the other."""
    client = Client(base, {"sessionid": author["session"]})
    assert client.request("GET", f"/portal/delegations/{author['delegation']}/papers/new/").status == 200
    papers = []
    for n in range(1, count + 1):
        draft = client.request(
            "POST",
            f"/portal/delegations/{author['delegation']}/papers/new/",
            form={"original_language": "en", "title_en": f"Working paper {n} of {author['code']}"},
        )
        paper = int(_redirected_to(draft, r"/portal/papers/(\d+)/").group(1))
        attached = client.request(
            "POST",
            f"/portal/papers/{paper}/files/",
            form={"lang": "en", "kind": "official"},
            files={"file": ("paper.pdf", PDF, "application/pdf")},
        )
        assert _redirected_to(attached, rf"/portal/papers/{paper}/"), attached.status
        submitted = client.request("POST", f"/portal/papers/{paper}/submit/", form={})
        assert _redirected_to(submitted, rf"/portal/papers/{paper}/"), submitted.status
        papers.append(paper)
    return papers


def _members() -> dict[str, str]:
    return {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "101",
        "form-0-honorific": "H.E. Ms.",
        "form-0-family_name": "Head",
        "form-0-given_names": "Of Delegation",
        "form-0-function": "Ambassador",
        "form-0-email": "head@example.org",
        "form-0-role": "head",
        "form-1-family_name": "Deputy",
        "form-1-function": "Counsellor",
        "form-1-role": "deputy",
    }


@dataclasses.dataclass
class Outcome:
    kind: str
    key: str
    status: int | None
    location: str = ""
    body: bytes = b""
    error: str = ""


def _fire_at_once(
    jobs: list[tuple[str, str, Client, tuple]], *, answered: threading.Event | None = None
) -> list[Outcome]:
    """Every job on its own thread and connection; all send when the last one is connected.
    `answered` is set when the first answer is in."""
    outcomes: list[Outcome] = []
    barrier = threading.Barrier(len(jobs))
    lock = threading.Lock()

    def run(kind: str, key: str, client: Client, request: tuple) -> None:
        conn = client.connection()
        try:
            conn.connect()
        except OSError as exc:
            outcome = Outcome(kind, key, None, error=f"connect: {exc}")
            barrier.wait()
        else:
            barrier.wait()
            try:
                r = client.send(conn, *request)
                outcome = Outcome(kind, key, r.status, r.headers.get("Location", ""), r.body)
            except Exception as exc:  # a reset or a timeout counts as a failure, with its cause
                outcome = Outcome(kind, key, None, error=repr(exc))
        with lock:
            outcomes.append(outcome)
        if answered is not None:
            answered.set()

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return outcomes


@dataclasses.dataclass
class Burst:
    world: dict
    jobs: list
    outcomes: list[Outcome]
    counted: dict
    log: str


def _burst(tmp_path, *, registrations: int, floor_requests: int, issues: int, copies: int = 1) -> Burst:
    """A server with that many focal points ready to register, delegations ready to ask for the
    floor and papers ready to be issued; then every one of these requests (`copies` times each)
    sent at once; then what the database holds."""
    with database_env(tmp_path) as env, running_server(tmp_path, env) as base:
        world = _shell(
            SETUP.format(
                series=SERIES,
                n_registrations=registrations,
                n_floor=floor_requests,
                n_staff=N_STAFF,
                password=PASSWORD,
            ),
            env,
            "SETUP",
        )
        papers = _submitted_papers(base, world["author"], issues)
        staff = [_staff_client(base, person) for person in world["staff"]]
        for client in staff:  # the page of the issue buttons, with the CSRF token of the session
            to_issue = client.request("GET", "/portal/to-issue/")
            assert to_issue.body.count(f"Issue as {SERIES}/WP.".encode()) == issues

        jobs = []

        def registration(r: dict) -> tuple:
            client = Client(base, {"sessionid": r["session"]})
            path = f"/portal/meetings/{SERIES}/register/{r['code']}/"
            assert client.request("GET", path).status == 200  # the form, and its CSRF token
            credentials = {"credentials": ("note-verbale.pdf", PDF, "application/pdf")}
            return (
                "registration",
                r["code"],
                client,
                client.prepare("POST", path, form=_members(), files=credentials),
            )

        with concurrent.futures.ThreadPoolExecutor(8) as pool:  # reads only: no need to wait in turn
            jobs.extend(pool.map(registration, world["registrations"]))
        for f in world["floor"]:
            client = Client(base)
            request = client.prepare(
                "POST",
                "/api/floor-requests",
                json_body={"delegation": f["delegation"]},
                headers={"Authorization": f"Bearer {f['token']}"},
            )
            jobs.append(("floor request", f["code"], client, request))
        for i, paper in enumerate(papers):
            client = staff[i % N_STAFF]
            path = f"/portal/papers/{paper}/issue/"
            jobs.append(("issue", str(paper), client, client.prepare("POST", path, form={})))
        jobs *= copies
        random.Random(8).shuffle(jobs)

        outcomes = _fire_at_once(jobs)
        counted = _shell(COUNT.format(series=SERIES), env, "COUNT")
        log = (tmp_path / "server.log").read_text()
    assert len(outcomes) == len(jobs)
    return Burst(world, jobs, outcomes, counted, log)


def _assert_no_server_error(burst: Burst) -> None:
    failed = [o for o in burst.outcomes if o.status is None or o.status >= 500]
    how = collections.Counter((o.kind, o.status or o.error.partition("(")[0]) for o in failed)
    first = failed[0] if failed else None
    assert not failed, (
        f"{len(failed)} of {len(burst.jobs)} writers failed: {dict(how)}; the first: "
        f"{first.kind} {first.key}: {first.status} {first.error or first.body[:300]!r}; "
        f"{burst.log.count('database is locked')} times 'database is locked' in the server's log"
    )
    assert "Traceback" not in burst.log, burst.log[-3000:]


def _assert_each_act_done_once(burst: Burst, *, registrations: int, floor_requests: int, issues: int):
    world, counted = burst.world, burst.counted
    # Each delegation registered once: the ones registered now, and those set up before.
    registered = collections.Counter(counted["delegations"])
    expected = (
        {r["code"] for r in world["registrations"]}
        | {f["code"] for f in world["floor"]}
        | {world["author"]["code"]}
    )
    assert set(registered) == expected and set(registered.values()) == {1}

    # One floor request per delegation, at places 1..n with none twice.
    floor = counted["floor"]
    assert sorted(d for d, _, _ in floor) == sorted(f["delegation"] for f in world["floor"])
    assert sorted(position for _, position, _ in floor) == list(range(1, floor_requests + 1))
    assert {status for _, _, status in floor} == {"waiting"}

    # Every paper issued once, as WP.1..WP.n: no symbol handed out twice, no number skipped.
    documents = counted["documents"]
    assert sorted(number for _, _, number in documents) == list(range(1, issues + 1))
    assert sorted(symbol for _, symbol, _ in documents) == sorted(
        f"{SERIES}/WP.{n}" for n in range(1, issues + 1)
    )
    assert sorted(status for status, _ in counted["submissions"]) == ["issued"] * issues
    assert sorted(doc for _, doc in counted["submissions"]) == sorted(doc for doc, _, _ in documents)

    # And the audit trail has each act once.
    assert counted["audit"] == {
        "delegation.register": registrations,
        "floor.request": floor_requests,
        "paper.issue": issues,
    }


def _answers(burst: Burst) -> dict[str, list[tuple[int | None, str]]]:
    answers = collections.defaultdict(list)
    for o in burst.outcomes:
        location = re.sub(r"\d+", "N", o.location)
        answers[o.kind].append((o.status, location))
    return {kind: sorted(found) for kind, found in answers.items()}


def test_200_writers_at_once_are_all_served_once(tmp_path):
    n = {"registrations": 70, "floor_requests": 70, "issues": 60}
    burst = _burst(tmp_path, **n)
    assert len(burst.jobs) == 200
    _assert_no_server_error(burst)
    # Every request accepted, and answered as a browser or a script expects.
    assert _answers(burst) == {
        "registration": [(302, "/portal/delegations/N/")] * n["registrations"],
        "floor request": [(201, "")] * n["floor_requests"],
        "issue": [(302, "/portal/to-issue/")] * n["issues"],
    }
    _assert_each_act_done_once(burst, **n)


def test_the_same_request_sent_twice_at_once_is_done_once(tmp_path):
    """A double click, or two staff pressing the same button: one act, and a polite answer to the
    other request."""
    n = {"registrations": 8, "floor_requests": 8, "issues": 8}
    burst = _burst(tmp_path, **n, copies=2)
    _assert_no_server_error(burst)
    answers = _answers(burst)
    # The second registration is sent to the delegation, or told it exists already (the form again,
    # with the domain's message and 400).
    assert set(answers["registration"]) <= {(302, "/portal/delegations/N/"), (400, "")}
    assert answers["floor request"] == [(201, "")] * n["floor_requests"] + [(400, "")] * n["floor_requests"]
    assert answers["issue"] == [(302, "/portal/to-issue/")] * 2 * n["issues"]
    _assert_each_act_done_once(burst, **n)


# --- readers: a room of delegates opening the meeting page at once ----------------------------

READERS_SERIES = "BWC/MSP/2098"
WORKERS = 2
MEETING = """
import datetime as dt
from plenary.core.actor import Actor
from plenary.meetings.domain import save_meeting
from plenary.treaties.models import Treaty

save_meeting(
    Treaty.objects.get(code="BWC"), {series!r}, by=Actor.system("test-setup"), kind="MSP", year=2098,
    start=dt.date(2098, 12, 6), end=dt.date(2098, 12, 9), venue="Palais des Nations, Geneva",
    status="planned",
)
print("MEETING {{}}")
"""


@pytest.fixture(scope="module")
def reading_server(tmp_path_factory):
    """The production server with WORKERS workers, on its own database holding one meeting."""
    var = tmp_path_factory.mktemp("readers")
    with database_env(var) as env, running_server(var, env, workers=WORKERS) as base:
        _shell(MEETING.format(series=READERS_SERIES), env, "MEETING")
        yield base, env, var


def _read_at_once(base: str, path: str, n: int) -> list[Outcome]:
    client = Client(base)
    return _fire_at_once([("read", str(i), client, client.prepare("GET", path)) for i in range(n)])


def _assert_all_answered(outcomes: list[Outcome], page: bytes, log: str) -> None:
    failed = collections.Counter(o.error.partition("(")[0] for o in outcomes if o.status is None)
    assert dict(failed) == {}, f"{sum(failed.values())} of {len(outcomes)} readers got no answer: {failed}"
    assert collections.Counter(o.status for o in outcomes) == {200: len(outcomes)}
    # Every reader got the whole page, the same bytes as a reader alone.
    assert {o.body for o in outcomes} == {page}
    assert "Traceback" not in log and "WORKER TIMEOUT" not in log, log[-3000:]


def test_200_readers_at_once_all_get_the_meeting_page(reading_server):
    """200 connections opened at once, each asking for the meeting page when the last is open: the
    listen backlog holds those the workers have not accepted yet, so none is reset or refused."""
    base, _, var = reading_server
    path = f"/meetings/{READERS_SERIES}/"
    alone = Client(base).request("GET", path)
    assert alone.status == 200 and READERS_SERIES.encode() in alone.body
    outcomes = _read_at_once(base, path, 200)
    assert len(outcomes) == 200
    _assert_all_answered(outcomes, alone.body, (var / "server.log").read_text())


@pytest.mark.skipif(not on_postgresql(), reason="PostgreSQL's connections: DATABASE_URL names SQLite")
def test_postgresql_holds_at_most_the_pools_after_bursts(reading_server):
    """Each worker keeps a pool of at most DATABASE_POOL_SIZE connections (1 for a sync worker,
    `plenary serve`'s default); the master keeps none. After two bursts of 200 readers PostgreSQL
    holds no more than workers x pool for the site's database: nothing leaked."""
    import psycopg

    base, env, var = reading_server
    path = f"/meetings/{READERS_SERIES}/"
    page = Client(base).request("GET", path).body
    for _ in range(2):
        _assert_all_answered(_read_at_once(base, path, 200), page, (var / "server.log").read_text())
    url = urllib.parse.urlsplit(env["DATABASE_URL"])
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as conn:
        held = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [url.path.lstrip("/")]
        ).fetchone()[0]
    pool = int(env.get("DATABASE_POOL_SIZE", "1"))  # `plenary serve`'s default: its threads per worker
    assert 1 <= held <= WORKERS * pool
