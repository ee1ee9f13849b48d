"""make bench's harness, without timing anything: verdicts, the table, wrk's output, the bare view,
and servers stopped with every process they started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from benchmarks import harness, run
from benchmarks.harness import Row, Server, Target, markdown_table, parse_wrk, verdict

WRK_OUTPUT = textwrap.dedent(
    """\
    Running 5s test @ http://127.0.0.1:8720/meetings/BWC/MSP/2017/
      2 threads and 32 connections
      Thread Stats   Avg      Stdev     Max   +/- Stdev
        Latency    12.10ms    3.20ms  80.00ms   90.00%
        Req/Sec     1.32k   100.00     1.50k    70.00%
      Latency Distribution
         50%   11.50ms
         75%   13.00ms
         90%   15.00ms
         99%    1.20s
      13200 requests in 5.00s, 600.00MB read
      Socket errors: connect 0, read 3, write 0, timeout 1
      Non-2xx or 3xx responses: 2
    Requests/sec:   2640.12
    Transfer/sec:    120.00MB
    """
)


def test_wrk_output_is_read_with_its_units():
    result = parse_wrk(WRK_OUTPUT)
    assert result.rps == 2640.12
    assert result.p50_ms == 11.5
    assert result.p99_ms == 1200.0
    assert result.requests == 13200
    assert result.non_2xx == 2
    assert result.socket_errors == {"connect": 0, "read": 3, "write": 0, "timeout": 1}
    assert result.errors == 6
    assert result.summary() == "2,640 req/s, p99 1200.0 ms, 6 errors (2 non-2xx, 3 read, 1 timeout)"


def test_wrk_output_without_errors_or_figures():
    clean = WRK_OUTPUT.replace("  Socket errors: connect 0, read 3, write 0, timeout 1\n", "").replace(
        "  Non-2xx or 3xx responses: 2\n", ""
    )
    assert parse_wrk(clean).errors == 0
    assert parse_wrk(clean).summary() == "2,640 req/s, p99 1200.0 ms, 0 errors"
    with pytest.raises(ValueError, match="no Requests/sec"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")
    assert [harness.to_ms(t) for t in ("812.00us", "9.10ms", "2s", "1.5m")] == [0.812, 9.1, 2000.0, 90000.0]
    with pytest.raises(ValueError):
        harness.to_ms("fast")


def test_targets_and_verdicts():
    ten = Target(">=", 10, "x", "vs Indico")
    assert str(ten) == "vs Indico ≥ 10x"
    assert str(Target(">=", 0.5, "%", "of bare")) == "of bare ≥ 50 %"
    assert str(Target("<=", 0.2, "s")) == "≤ 0.2 s"
    assert str(Target("<", 100, "ms", "p99")) == "p99 < 100 ms"
    assert verdict([(ten, 10.0)]) == "met"
    assert verdict([(ten, 9.99)]) == "not met: vs Indico ≥ 10x"
    p99 = Target("<", 100, "ms", "p99")
    assert verdict([(ten, 12.0), (p99, 100.0)]) == "not met: p99 < 100 ms"
    assert verdict([(ten, 12.0), (p99, None)]) == "not measured: p99 < 100 ms"
    assert verdict([(ten, None)]) == "-"
    assert verdict([]) == "-"
    with pytest.raises(ValueError):
        Target("~", 1).met(1)


def test_ratios():
    assert harness.ratio(50, 100) == 0.5
    assert harness.ratio(50, 0) is None
    assert harness.ratio(None, 100) is None
    assert harness.fmt_ratio(0.5, "%") == "50 %"
    assert harness.fmt_ratio(0.497, "%") == "49 %"  # not "50 %" beside "not met: ≥ 50 %"
    assert harness.fmt_ratio(38.71) == "38.7x"
    assert harness.fmt_ratio(2.5) == "2.50x"
    assert harness.fmt_ratio(None) == "-"


def test_one_markdown_table_with_cells_escaped():
    rows = [
        Row("pages", "meeting page", "1,000 req/s", "bare 1,500 req/s", "67 %", "≥ 50 %", "met"),
        harness.unavailable("search", "PostgreSQL | p95", "no server"),
    ]
    assert markdown_table(rows) == (
        "| part | measure | figure | reference | ratio | target | verdict |\n"
        "|---|---|---|---|---|---|---|\n"
        "| pages | meeting page | 1,000 req/s | bare 1,500 req/s | 67 % | ≥ 50 % | met |\n"
        "| search | PostgreSQL \\| p95 | not available: no server | - | - | - | - |\n"
    )


def _wrk(rps: float, p99: float, non_2xx: int = 0) -> harness.WrkResult:
    return harness.WrkResult(rps=rps, p50_ms=p99 / 2, p99_ms=p99, requests=100, non_2xx=non_2xx)


def test_a_page_with_a_peer_is_judged_against_indico_and_the_bare_view_is_shown():
    meeting = run.PAGES[0]
    rows = run.page_cells(meeting, 32, 50_000, _wrk(400, 50), _wrk(800, 20), _wrk(20, 900), "")
    assert [r.cells() for r in rows] == [
        (
            "pages",
            "meeting page /meetings/BWC/MSP/2017/ (50,000 B), 32 conns",
            "400 req/s, p99 50.0 ms, 0 errors",
            "bare view 800 req/s, p99 20.0 ms, 0 errors",
            "50 % of bare",
            "p99 < 100 ms, errors = 0",
            "met",
        ),
        (
            "pages",
            "meeting page /meetings/BWC/MSP/2017/ (50,000 B), 32 conns",
            "400 req/s",
            "Indico event page 20.0 req/s, p99 900.0 ms, 0 errors",
            "20.0x Indico",
            "vs Indico ≥ 10x",
            "met",
        ),
    ]
    missing = run.page_cells(
        meeting, 8, 50_000, _wrk(400, 50), _wrk(800, 20), None, "no /tmp/indico-peer/event.json"
    )
    assert missing[1].reference == "Indico event page: not available (no /tmp/indico-peer/event.json)"
    assert missing[1].verdict == "-"


def test_a_page_without_a_peer_needs_half_the_bare_view():
    status = next(p for p in run.PAGES if p.key == "status")
    (row,) = run.page_cells(status, 32, 9_000, _wrk(300, 120, non_2xx=1), _wrk(1000, 10), None, "")
    assert row.target == "of bare ≥ 50 %, p99 < 100 ms, errors = 0"
    assert row.verdict == "not met: of bare ≥ 50 %, p99 < 100 ms, errors = 0"


def test_report_search_query_and_micro_rows():
    (report,) = run.report_rows(
        {
            "report": "BWC/MSP/2017/6",
            "rows": [{"lang": "zh", "fmt": "pdf", "build_s": 0.5, "render_s": 1.75, "bytes": 9}],
        }
    )
    assert report.cells()[2:] == (
        "2.25 s (build 500.0 ms + render 1.75 s)",
        "-",
        "-",
        "≤ 2 s",
        "not met: ≤ 2 s",
    )
    data = {
        "documents": 100_000,
        "fill_s": 30,
        "repeat": 20,
        "figures": {"words": [3.0, 19.5], "CJK": [4.0, 25.0]},
    }
    words, cjk = run.search_rows("SQLite", data)
    assert words.cells() == (
        "search",
        "SQLite, words, 100,000 documents (20 runs a query)",
        "p50 3.0 ms, p95 19.5 ms",
        "index filled in 30 s",
        "-",
        "p95 ≤ 20 ms",
        "met",
    )
    assert (cjk.figure, cjk.verdict) == ("p50 4.0 ms, p95 25.0 ms", "not met: p95 ≤ 20 ms")
    (missing,) = run.search_rows("PostgreSQL", {"unavailable": "not yet"})
    assert missing.figure == "not available: not yet"
    small = {
        "documents": 200,
        "participants": 100,
        "counts": {"/meetings/": {"queries": 7, "status": 200}, "/x": {"queries": 3, "status": 200}},
    }
    large = {
        "documents": 10_000,
        "participants": 5_000,
        "counts": {"/meetings/": {"queries": 7, "status": 200}, "/x": {"queries": 5, "status": 200}},
    }
    equal, more = run.query_rows(small, large)
    assert (equal.figure, equal.reference, equal.ratio, equal.verdict) == (
        "50x: 7 queries",
        "1x: 7 queries",
        "equal",
        "met",
    )
    assert (more.ratio, more.verdict) == ("+2", "not met: equal")
    assert equal.measure == "/meetings/ (200 / 10,000 documents, 100 / 5,000 participants)"
    (micro,) = run.micro_rows(
        {
            "benchmarks": [
                {
                    "name": "test_parse_symbols",
                    "stats": {"mean": 0.01, "rounds": 5},
                    "extra_info": {"target_s": 0.5},
                }
            ]
        }
    )
    assert micro.cells()[1:] == ("parse symbols", "mean 10.0 ms (5 rounds)", "-", "-", "mean ≤ 500 ms", "met")


def test_the_readme_table_is_replaced_between_its_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# P\n\n## Benchmarks\n\n{run.README_START}\nold\n{run.README_END}\n\n## Next\n")
    assert run.update_readme("| new |\n", readme)
    assert (
        readme.read_text()
        == f"# P\n\n## Benchmarks\n\n{run.README_START}\n| new |\n{run.README_END}\n\n## Next\n"
    )
    other = tmp_path / "OTHER.md"
    other.write_text("no markers\n")
    assert not run.update_readme("| new |\n", other)
    assert other.read_text() == "no markers\n"


def test_the_machine_is_named():
    info = harness.machine({"PostgreSQL": "15.18"})
    assert set(info) == {"date", "CPUs", "RAM", "OS", "kernel", "Python", "SQLite", "PostgreSQL"}
    assert info["CPUs"].split()[0] == str(os.cpu_count())
    assert harness.machine_lines({"a": "1", "b": "2"}) == "- a: 1\n- b: 2\n"


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan waits for whoever adopts it to reap it)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


SPAWNER = """
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"])
print(child.pid, flush=True)
time.sleep(60)
"""


def test_stopping_a_server_stops_every_process_of_its_group_even_one_that_ignores_term(tmp_path):
    log = tmp_path / "server.log"
    server = Server([sys.executable, "-c", SPAWNER], log=str(log)).start()
    pgid = server.pgid
    for _ in range(100):
        if log.read_text().strip():
            break
        time.sleep(0.05)
    child = int(log.read_text().split()[0])
    assert os.getpgid(child) == pgid != os.getpgrp()
    server.stop(grace=1)
    assert not harness.group_alive(pgid)
    assert not _running(child)
    server.stop()  # twice is harmless


def test_a_server_is_stopped_when_the_block_fails():
    with pytest.raises(RuntimeError), Server([sys.executable, "-c", "import time; time.sleep(60)"]) as server:
        pgid = server.pgid
        raise RuntimeError("a part failed")
    assert not harness.group_alive(pgid)


def test_the_bench_stops_its_servers_when_terminated(tmp_path):
    """TERM to `python -m benchmarks.run` stops the servers it started (the finally blocks)."""
    script = tmp_path / "bench.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import signal, sys, time
            sys.path[:0] = {[str(run.ROOT), str(run.ROOT / "src")]!r}
            from benchmarks.harness import Server
            from benchmarks.run import Bench, Config
            signal.signal(signal.SIGTERM, lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
            bench = Bench(Config.from_env(True), None)
            try:
                server = bench.start(Server([sys.executable, "-c", "import time; time.sleep(60)"]))
                print(server.pgid, flush=True)
                time.sleep(60)
            finally:
                bench.stop_all()
            """
        )
    )
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    pgid = int(proc.stdout.readline())
    assert harness.group_alive(pgid)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=20)
    assert not harness.group_alive(pgid)


def test_knobs_come_from_the_environment(monkeypatch):
    for name in ("DURATION", "CONNS", "WORKERS", "ROUNDS", "SEARCH_DOCUMENTS", "SEARCH_REPEAT", "BENCH_SEED"):
        monkeypatch.delenv(name, raising=False)
    full, quick = run.Config.from_env(False), run.Config.from_env(True)
    assert (full.duration, full.conns, full.workers, full.rounds, full.search_documents) == (
        5,
        (8, 32),
        4,
        3,
        100_000,
    )
    assert (quick.duration, quick.rounds, quick.search_documents) == (1, 1, 2_000)
    assert (full.synth_documents * 50, quick.synth_documents * 50) == (10_000, 1_000)
    monkeypatch.setenv("DURATION", "3")
    monkeypatch.setenv("CONNS", "16 64")
    monkeypatch.setenv("WORKERS", "2")
    assert run.Config.from_env(False).duration == 3
    assert run.Config.from_env(True).conns == (16, 64)
    assert run.Config.from_env(False).workers == 2


def test_postgresql_from_database_url_else_the_local_server(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5433/plenary")
    assert run.postgres_url() == "postgres://u:p@db:5433/plenary"
    monkeypatch.setenv("DATABASE_URL", "sqlite:///x.sqlite3")
    assert run.postgres_url() == "postgres://plenary:plenary@127.0.0.1:5432/postgres"
