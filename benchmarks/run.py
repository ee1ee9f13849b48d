"""`make bench`: one table of figures, each beside its reference measured in the same run.

    python -m benchmarks.run [--quick] [--output FILE] [--no-readme]

1. pages: wrk at CONNS connections against the production server (`plenary serve`, demo data in
   a fresh SQLite file), each page beside a bare Django view returning the same bytes (same
   server, same middleware: benchmarks.bench_settings) and beside Indico's page of the same kind
   when the peer is installed (/tmp/indico-peer/event.json; the pairs of side-by-side.sh);
2. reports: building and rendering the 2017 report in six languages and four formats;
3. search: p50/p95 at 100,000 documents on SQLite and PostgreSQL (plenary.search.scale);
4. queries: queries of each list page and endpoint at 1x and 50x data (`plenary synth`);
5. micro: the pytest-benchmark tests in benchmarks/ (mean of one call against its target).

Knobs (environment): DURATION (s per wrk cell, default 5), CONNS (default "8 32"), WORKERS
(default 4, as side-by-side.sh), ROUNDS (report renderings timed, median; default 3),
SEARCH_DOCUMENTS (default 100000), SEARCH_REPEAT (runs of each query, default 20), SYNTH_DOCUMENTS / SYNTH_PARTICIPANTS (1x data, default 200;
50x is fifty times that), BENCH_SEED, DATABASE_URL (a PostgreSQL server for the search part; else
127.0.0.1:5432 plenary/plenary is tried), SKIP_PAGES, SKIP_INDICO, SKIP_REPORTS, SKIP_SEARCH,
SKIP_PG, SKIP_QUERIES, SKIP_MICRO (any non-empty value), KEEP_TMP (keep the temporary directory).
--quick: short cells, one round, 2,000 search documents, small synth data; it writes
benchmarks/results/quick.md and leaves the README alone.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    NOT_AVAILABLE,
    Row,
    Server,
    Target,
    WrkResult,
    fmt_ratio,
    fmt_rps,
    fmt_seconds,
    free_port,
    http_get,
    machine,
    machine_lines,
    markdown_table,
    ratio,
    run_wrk,
    unavailable,
    verdict,
    wait_for,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
README = ROOT / "README.md"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"
INDICO = Path("/tmp/indico-peer")
INDICO_PORT = 8710
SEARCH_TARGET = Target("<=", 20, "ms", "p95")
REPORT_TARGETS = {
    "txt": Target("<=", 0.2, "s"),
    "html": Target("<=", 0.2, "s"),
    "docx": Target("<=", 0.5, "s"),
    "pdf": Target("<=", 2, "s"),
}
BARE_TARGET = Target(">=", 0.5, "%", "of bare")
P99_TARGET = Target("<", 100, "ms", "p99")
ERRORS_TARGET = Target("==", 0, "", "errors")


@dataclass(frozen=True)
class Page:
    key: str  # the bare view's name for it
    name: str
    path: str
    indico: str | None = None  # event.json key or path template ({event_id})
    indico_name: str = ""
    indico_target: Target | None = None


PAGES = (
    Page(
        "meeting",
        "meeting page",
        "/meetings/BWC/MSP/2017/",
        "main",
        "event page",
        Target(">=", 10, "x", "vs Indico"),
    ),
    Page(
        "participants",
        "participants (JSON)",
        "/api/meetings/BWC/MSP/2017/participants",
        "/event/{event_id}/api/registrations/participants",
        "participants API",
        Target(">=", 10, "x", "vs Indico"),
    ),
    Page("detail", "meeting detail (JSON)", "/api/meetings/BWC/MSP/2017", "timetable", "timetable"),
    Page(
        "report",
        "report download (txt, zh)",
        "/api/reports/BWC/MSP/2017/6.txt?lang=zh",
        "attachment",
        "2.5 KB attachment",
        Target(">=", 3, "x", "vs Indico"),
    ),
    Page("status", "treaty status", "/status/"),
    Page("state", "a State page", "/states/FRA/"),
    Page("search", "search page", "/search/?q=biological+weapons"),
)


def env_flag(name: str) -> bool:
    return bool(os.environ.get(name, "").strip())


@dataclass
class Config:
    quick: bool
    duration: float
    conns: tuple[int, ...]
    workers: int
    rounds: int
    search_documents: int
    search_repeat: int
    synth_documents: int
    synth_participants: int
    seed: int

    @classmethod
    def from_env(cls, quick: bool) -> Config:
        get = os.environ.get
        return cls(
            quick=quick,
            duration=float(get("DURATION") or (1 if quick else 5)),
            conns=tuple(int(c) for c in (get("CONNS") or "8 32").split()),
            workers=int(get("WORKERS") or 4),
            rounds=int(get("ROUNDS") or (1 if quick else 3)),
            search_documents=int(get("SEARCH_DOCUMENTS") or (2_000 if quick else 100_000)),
            search_repeat=int(get("SEARCH_REPEAT") or (3 if quick else 20)),
            synth_documents=int(get("SYNTH_DOCUMENTS") or (20 if quick else 200)),
            synth_participants=int(get("SYNTH_PARTICIPANTS") or (20 if quick else 200)),
            seed=int(get("BENCH_SEED") or 11),
        )


class Bench:
    def __init__(self, config: Config, tmp: Path) -> None:
        self.config = config
        self.tmp = tmp
        self.servers: list[Server] = []
        self.notes: dict[str, str] = {}

    # ----------------------------------------------------------------------- processes

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        # This checkout's code, whichever Python runs it, and the benchmarks package.
        env["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT / "src"), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        )
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env.update(extra)
        return env

    def sqlite_env(self, name: str, **extra: str) -> dict[str, str]:
        return self.env(
            DATABASE_URL=f"sqlite:///{self.tmp / name}.sqlite3",
            PLENARY_VAR_DIR=str(self.tmp / f"var-{name}"),
            **extra,
        )

    def plenary(
        self, args: list[str], env: dict[str, str], timeout: float = 3600
    ) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "plenary", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def part(self, name: str, env: dict[str, str], *args: str, timeout: float = 3600) -> dict[str, Any]:
        out = self.tmp / f"{name}-{len(os.listdir(self.tmp))}.json"
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.parts", name, str(out), *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"benchmarks.parts {name} failed: {_last_line(done.stderr)}")
        return json.loads(out.read_text())

    def start(self, server: Server) -> Server:
        self.servers.append(server)
        return server.start()

    def stop_all(self) -> None:
        while self.servers:
            self.servers.pop().stop()

    # ----------------------------------------------------------------------- 1. pages

    def pages(self) -> list[Row]:
        env = self.sqlite_env("demo", DJANGO_SETTINGS_MODULE="benchmarks.bench_settings")
        demo = self.plenary(["demo"], env)
        if demo.returncode != 0:
            return [
                unavailable("pages", p.name, f"plenary demo failed: {_last_line(demo.stderr)}") for p in PAGES
            ]
        port = free_port()
        bare_dir = self.tmp / "bare"
        bare_dir.mkdir()
        env["BENCH_BARE_DIR"] = str(bare_dir)
        serve_help = self.plenary(["serve", "--help"], env).stdout
        argv = [sys.executable, "-m", "plenary", "serve", "--port", str(port)]
        if "--workers" in serve_help:
            argv += ["--workers", str(self.config.workers)]
            self.notes["Plenary server"] = f"plenary serve --workers {self.config.workers}"
        else:
            self.notes["Plenary server"] = (
                "plenary serve (Django's development server: no --workers in this checkout)"
            )
        server = self.start(Server(argv, env=env, cwd=str(ROOT), log=str(self.tmp / "plenary.log")))
        base = f"http://127.0.0.1:{port}"
        if not wait_for(base + "/", process=server.process):
            return [unavailable("pages", p.name, "the server did not start (see its log)") for p in PAGES]
        indico, why_not = self.indico()
        if indico is None:
            self.notes["Indico"] = f"{NOT_AVAILABLE}: {why_not}"
        rows: list[Row] = []
        for page in PAGES:
            rows += self.page_rows(page, base, bare_dir, indico, why_not)
        return rows

    def indico(self) -> tuple[dict[str, Any] | None, str]:
        """event.json and the peer's base URL, starting its uWSGI (as side-by-side.sh does) unless
        one already answers; else None and why."""
        if env_flag("SKIP_INDICO"):
            return None, "SKIP_INDICO is set"
        event_file = INDICO / "event.json"
        if not event_file.exists():
            return None, f"no {event_file}"
        event = json.loads(event_file.read_text())
        base = f"http://127.0.0.1:{INDICO_PORT}"
        if not _answers(base + "/"):
            uwsgi = INDICO / "venv" / "bin" / "uwsgi"
            if not _answers_tcp(6710):
                self.start(
                    Server(
                        [
                            "redis-server",
                            "--bind",
                            "127.0.0.1",
                            "--port",
                            "6710",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                        ],
                        log=str(self.tmp / "redis.log"),
                    )
                )
            self.start(
                Server(
                    [str(uwsgi), "--ini", str(INDICO / "etc" / "uwsgi.ini")],
                    env={**os.environ, "INDICO_CONFIG": str(INDICO / "etc" / "indico.conf")},
                    log=str(self.tmp / "uwsgi.log"),
                )
            )
            if not wait_for(base + "/", timeout=120):
                return None, "Indico's uWSGI did not answer"
            self.notes["Indico"] = "uWSGI started by make bench (4 processes, /tmp/indico-peer/etc/uwsgi.ini)"
        else:
            self.notes["Indico"] = f"the server already answering on port {INDICO_PORT}"
        event["base"] = base
        return event, ""

    def page_rows(
        self, page: Page, base: str, bare_dir: Path, indico: dict[str, Any] | None, why_not: str
    ) -> list[Row]:
        url = base + page.path
        status, body, content_type = http_get(url)
        if status != 200:
            return [unavailable("pages", page.name, f"{page.path} answered {status}")]
        (bare_dir / f"{page.key}.body").write_bytes(body)
        (bare_dir / f"{page.key}.type").write_text(content_type)
        bare_url = f"{base}/__bench__/bare/{page.key}"
        bare_status, bare_body, _ = http_get(bare_url)
        if bare_status != 200 or bare_body != body:
            return [unavailable("pages", page.name, "the bare view did not return the captured bytes")]
        indico_url = None
        if indico is not None and page.indico:
            path = indico.get(page.indico) or page.indico.format(event_id=indico["event_id"])
            indico_url = indico["base"] + path
        for u in filter(None, [url, bare_url, indico_url]):
            for _ in range(2 * self.config.workers + 3):  # every worker warm
                http_get(u)
        rows = []
        for conns in self.config.conns:
            d = self.config.duration
            raw = str(self.tmp / f"wrk-{page.key}-{conns}")
            mine = run_wrk(url, conns=conns, duration=d, save=raw + "-plenary.txt")
            bare = run_wrk(bare_url, conns=conns, duration=d, save=raw + "-bare.txt")
            peer, peer_why = None, why_not
            if indico_url:
                # The peer going away mid-run (its uWSGI stopped by another script) costs its
                # column only, never Plenary's figures.
                try:
                    peer = run_wrk(indico_url, conns=conns, duration=d, save=raw + "-indico.txt")
                except ValueError as exc:
                    peer_why = f"Indico did not answer: {exc}"
            rows += page_cells(page, conns, len(body), mine, bare, peer, peer_why)
        return rows

    # ----------------------------------------------------------------------- 2. reports

    def reports(self) -> list[Row]:
        env = self.sqlite_env("demo")
        if not (self.tmp / "demo.sqlite3").exists():
            demo = self.plenary(["demo"], env)
            if demo.returncode != 0:
                return [
                    unavailable("reports", "2017 report", f"plenary demo failed: {_last_line(demo.stderr)}")
                ]
        data = self.part("reports", env, "--rounds", str(self.config.rounds))
        return report_rows(data)

    # ----------------------------------------------------------------------- 3. search

    def search(self) -> list[Row]:
        n = self.config.search_documents
        args = [
            "--documents",
            str(n),
            "--seed",
            str(self.config.seed),
            "--repeat",
            str(self.config.search_repeat),
        ]
        rows = []
        try:
            rows += search_rows("SQLite", self.part("search", self.sqlite_env("search"), *args))
        except Exception as exc:  # noqa: BLE001  one part failing leaves the others' figures
            rows.append(unavailable("search", f"SQLite, {n:,} documents", str(exc), str(SEARCH_TARGET)))
        if env_flag("SKIP_PG"):
            rows.append(
                unavailable("search", f"PostgreSQL, {n:,} documents", "SKIP_PG is set", str(SEARCH_TARGET))
            )
            return rows
        try:
            with postgres_database("plenary_bench_search") as url:
                if url is None:
                    raise RuntimeError(
                        "no PostgreSQL reachable (DATABASE_URL, or 127.0.0.1:5432 plenary/plenary)"
                    )
                env = self.env(DATABASE_URL=url, PLENARY_VAR_DIR=str(self.tmp / "var-search-pg"))
                rows += search_rows("PostgreSQL", self.part("search", env, *args))
        except Exception as exc:  # noqa: BLE001
            rows.append(unavailable("search", f"PostgreSQL, {n:,} documents", str(exc), str(SEARCH_TARGET)))
        return rows

    # ----------------------------------------------------------------------- 4. queries

    def queries(self) -> list[Row]:
        env = self.sqlite_env("synth-1x")
        if "synth" not in self.plenary(["--help"], env).stdout:
            return [
                unavailable(
                    "queries", "list pages at 1x and 50x data", "plenary synth is not in this checkout yet"
                )
            ]
        sizes = {}
        for label, factor in (("1x", 1), ("50x", 50)):
            env = self.sqlite_env(f"synth-{label}")
            args = [
                "synth",
                "--years",
                "40",
                "--documents",
                str(self.config.synth_documents * factor),
                "--participants",
                str(self.config.synth_participants * factor),
                "--seed",
                str(self.config.seed),
            ]
            done = self.plenary(args, env)
            if done.returncode != 0:
                return [
                    unavailable("queries", "list pages", f"plenary synth failed: {_last_line(done.stderr)}")
                ]
            sizes[label] = self.part("queries", env)
        return query_rows(sizes["1x"], sizes["50x"])

    # ----------------------------------------------------------------------- 5. micro

    def micro(self) -> list[Row]:
        out = self.tmp / "micro.json"
        env = self.sqlite_env("micro", DJANGO_SETTINGS_MODULE="plenary.settings")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "benchmarks",
                "-p",
                "no:cacheprovider",
                "-q",
                "--benchmark-only",
                f"--benchmark-json={out}",
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if not out.exists():
            return [unavailable("micro", "benchmarks/test_bench.py", "pytest wrote no benchmark results")]
        return micro_rows(json.loads(out.read_text()))


# --------------------------------------------------------------------------- rows from figures


def page_cells(
    page: Page,
    conns: int,
    size: int,
    mine: WrkResult,
    bare: WrkResult,
    peer: WrkResult | None,
    why_not: str,
) -> list[Row]:
    """The rows of one page at one concurrency: against the bare view, and against Indico's page
    of the same kind when the page has a peer."""
    measure = f"{page.name} {page.path} ({size:,} B), {conns} conns"
    to_bare = ratio(mine.rps, bare.rps)
    checks: list[tuple[Target, float | None]] = []
    if page.indico is None:
        checks.append((BARE_TARGET, to_bare))
    if conns >= 32:
        checks.append((P99_TARGET, mine.p99_ms))
    checks.append((ERRORS_TARGET, float(mine.errors)))
    rows = [
        Row(
            "pages",
            measure,
            mine.summary(),
            f"bare view {bare.summary()}",
            fmt_ratio(to_bare, "%") + " of bare",
            ", ".join(str(t) for t, _ in checks),
            verdict(checks),
        )
    ]
    if page.indico is not None:
        if peer is None:
            rows.append(
                Row(
                    "pages",
                    measure,
                    fmt_rps(mine.rps),
                    f"Indico {page.indico_name}: {NOT_AVAILABLE} ({why_not})",
                    "-",
                    str(page.indico_target) if page.indico_target else "-",
                    "-",
                )
            )
        else:
            to_peer = ratio(mine.rps, peer.rps)
            target = page.indico_target
            rows.append(
                Row(
                    "pages",
                    measure,
                    fmt_rps(mine.rps),
                    f"Indico {page.indico_name} {peer.summary()}",
                    fmt_ratio(to_peer) + " Indico",
                    str(target) if target else "-",
                    verdict([(target, to_peer)]) if target else "-",
                )
            )
    return rows


def report_rows(data: dict[str, Any]) -> list[Row]:
    rows = []
    for r in data["rows"]:
        total = r["build_s"] + r["render_s"]
        target = REPORT_TARGETS[r["fmt"]]
        rows.append(
            Row(
                "reports",
                f"{data['report']} {r['fmt']} {r['lang']} ({r['bytes']:,} B)",
                f"{fmt_seconds(total)} (build {fmt_seconds(r['build_s'])} + render {fmt_seconds(r['render_s'])})",
                "-",
                "-",
                str(target),
                verdict([(target, total)]),
            )
        )
    return rows


def search_rows(database: str, data: dict[str, Any]) -> list[Row]:
    """One row per kind of query, from plenary.search.scale.measure()'s {kind: (p50 ms, p95 ms)}."""
    if "unavailable" in data:
        return [
            unavailable("search", f"{database}, every kind of query", data["unavailable"], str(SEARCH_TARGET))
        ]
    rows = []
    for kind, (p50, p95) in data["figures"].items():
        rows.append(
            Row(
                "search",
                f"{database}, {kind}, {data['documents']:,} documents ({data['repeat']} runs a query)",
                f"p50 {p50:.1f} ms, p95 {p95:.1f} ms",
                f"index filled in {data['fill_s']:.0f} s",
                "-",
                str(SEARCH_TARGET),
                verdict([(SEARCH_TARGET, p95)]),
            )
        )
    return rows


def query_rows(small: dict[str, Any], large: dict[str, Any]) -> list[Row]:
    rows = []
    size = (
        f"{small['documents']:,} / {large['documents']:,} documents, "
        f"{small['participants']:,} / {large['participants']:,} participants"
    )
    for path, one in small["counts"].items():
        fifty = large["counts"].get(path)
        if fifty is None:
            rows.append(unavailable("queries", path, "not in the 50x database"))
            continue
        same = one["queries"] == fifty["queries"]
        status = (
            "" if one["status"] == fifty["status"] == 200 else f" (HTTP {one['status']}/{fifty['status']})"
        )
        rows.append(
            Row(
                "queries",
                f"{path} ({size})",
                f"50x: {fifty['queries']} queries{status}",
                f"1x: {one['queries']} queries",
                "equal" if same else f"{fifty['queries'] - one['queries']:+d}",
                "equal",
                "met" if same else "not met: equal",
            )
        )
    return rows


def micro_rows(data: dict[str, Any]) -> list[Row]:
    rows = []
    for bench in data.get("benchmarks", []):
        mean = bench["stats"]["mean"]
        target_s = bench.get("extra_info", {}).get("target_s")
        target = Target("<=", target_s * 1000, "ms", "mean") if target_s else None
        rows.append(
            Row(
                "micro",
                bench["name"].removeprefix("test_").replace("_", " "),
                f"mean {fmt_seconds(mean)} ({bench['stats']['rounds']} rounds)",
                "-",
                "-",
                str(target) if target else "-",
                verdict([(target, mean * 1000)]) if target else "-",
            )
        )
    return rows


# --------------------------------------------------------------------------- helpers


def _last_line(text: str) -> str:
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no message"


def _answers(url: str) -> bool:
    try:
        http_get(url, timeout=5)
        return True
    except OSError:
        return False


def _answers_tcp(port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def postgres_url() -> str:
    """DATABASE_URL when it names PostgreSQL, else the local server of the tests."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return "postgres://plenary:plenary@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def postgres_database(name: str):
    """A fresh database `name` on the PostgreSQL server of postgres_url(), dropped afterwards;
    None when no server answers."""
    import urllib.parse

    url = postgres_url()
    try:
        import psycopg
    except ImportError:
        yield None
        return
    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        yield None
        return
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
        version = conn.execute("SHOW server_version").fetchone()[0]
    os.environ.setdefault("BENCH_PG_VERSION", version)
    try:
        yield urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_version() -> str:
    if os.environ.get("BENCH_PG_VERSION"):
        return os.environ["BENCH_PG_VERSION"]
    try:
        import psycopg

        url = postgres_url()
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3) as conn:
            return conn.execute("SHOW server_version").fetchone()[0]
    except Exception:  # noqa: BLE001
        return NOT_AVAILABLE


def _git_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def document(rows: list[Row], info: dict[str, str], config: Config) -> str:
    title = "make bench --quick (indicative only)" if config.quick else "make bench"
    return f"### {title}: {info['date']}\n\n" + markdown_table(rows) + "\n" + machine_lines(info)


def update_readme(text: str, readme: Path = README) -> bool:
    """Put `text` between the README's bench markers; False when the markers are missing."""
    content = readme.read_text()
    if README_START not in content or README_END not in content:
        return False
    head, rest = content.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_START}\n{text}{README_END}{tail}")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="short cells, small data: to try the harness")
    parser.add_argument("--output", help="where to write the table (default benchmarks/results/latest.md)")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md alone")
    args = parser.parse_args(argv)
    config = Config.from_env(args.quick)
    output = Path(args.output) if args.output else RESULTS / ("quick.md" if args.quick else "latest.md")

    def stop(signum, frame):  # TERM as Ctrl+C: the finally below stops the servers
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    tmp = Path(tempfile.mkdtemp(prefix="plenary-bench-"))
    bench = Bench(config, tmp)
    rows: list[Row] = []
    started = time.monotonic()
    load = "load average at start: " + " ".join(f"{n:.2f}" for n in os.getloadavg())
    if os.getloadavg()[0] >= 0.5 * (os.cpu_count() or 1):
        load += ", a busy machine: the figures are indicative only"
    try:
        for name, run in (
            ("PAGES", bench.pages),
            ("REPORTS", bench.reports),
            ("SEARCH", bench.search),
            ("QUERIES", bench.queries),
            ("MICRO", bench.micro),
        ):
            if env_flag(f"SKIP_{name}"):
                rows.append(unavailable(name.lower(), "all", f"SKIP_{name} is set"))
                continue
            print(f"bench: {name.lower()} ...", file=sys.stderr, flush=True)
            try:
                rows += run()
            except Exception as exc:  # noqa: BLE001  a part that fails says so in the table
                rows.append(unavailable(name.lower(), "all", f"{type(exc).__name__}: {exc}"))
            finally:
                bench.stop_all()
    finally:
        bench.stop_all()
        if env_flag("KEEP_TMP"):
            print(f"bench: kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    info = machine(
        {
            "PostgreSQL": postgres_version() if not env_flag("SKIP_PG") else "skipped",
            **bench.notes,
            "wrk": f"{config.duration:g} s per cell, 2 threads, connections {' '.join(map(str, config.conns))}",
            "commit": _git_commit(),
            "took": f"{(time.monotonic() - started) / 60:.1f} min ({load})",
        }
    )
    text = document(rows, info, config)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print(text)
    print(f"bench: written to {output}", file=sys.stderr)
    if not args.quick and not args.no_readme and not args.output:
        if update_readme(text):
            print("bench: README.md's Benchmarks section updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
