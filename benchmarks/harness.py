"""The pieces of `make bench` that need no Django: targets and verdicts, the one table, wrk's
output, the machine, and servers started in their own process group and stopped with it.

Every figure sits in a Row beside its reference (measured in the same run) and its target; a
figure that could not be measured says why ("not available: ..."), never a made-up number.
"""

from __future__ import annotations

import contextlib
import math
import os
import platform
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

NOT_AVAILABLE = "not available"
COLUMNS = ("part", "measure", "figure", "reference", "ratio", "target", "verdict")


# --------------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """A bound on one figure: value OP bound, e.g. Target(">=", 10, "x") or Target("<=", 0.2, "s")."""

    op: str
    bound: float
    unit: str = ""
    label: str = ""

    def met(self, value: float) -> bool:
        if self.op == ">=":
            return value >= self.bound
        if self.op == "<=":
            return value <= self.bound
        if self.op == "<":
            return value < self.bound
        if self.op == "==":
            return value == self.bound
        raise ValueError(f"unknown comparison {self.op!r}")

    def __str__(self) -> str:
        sign = {">=": "≥", "<=": "≤", "<": "<", "==": "="}[self.op]
        if self.unit == "%":
            bound = f"{self.bound * 100:g} %"
        elif self.unit:
            bound = f"{self.bound:g} {self.unit}" if self.unit not in ("x",) else f"{self.bound:g}x"
        else:
            bound = f"{self.bound:g}"
        return f"{self.label + ' ' if self.label else ''}{sign} {bound}"


def verdict(checks: Sequence[tuple[Target, float | None]]) -> str:
    """'met' when every figure meets its target; 'not met: <target>, ...' naming those that do
    not; '-' when there is nothing to judge (no target, or no figure)."""
    judged = [(t, v) for t, v in checks if v is not None]
    if not judged or len(judged) < len(checks):
        return "-" if not judged else "not measured: " + ", ".join(str(t) for t, v in checks if v is None)
    missed = [str(t) for t, v in judged if not t.met(v)]
    return "met" if not missed else "not met: " + ", ".join(missed)


def ratio(value: float | None, reference: float | None) -> float | None:
    """value / reference, or None when either is missing or the reference is 0."""
    if value is None or reference is None or reference <= 0:
        return None
    return value / reference


def fmt_ratio(value: float | None, unit: str = "x") -> str:
    if value is None:
        return "-"
    if unit == "%":  # rounded down, so that a figure shown at the target meets it
        return f"{math.floor(value * 100 + 1e-9):.0f} %"
    return f"{value:.2f}x" if value < 10 else f"{value:.1f}x"


def fmt_seconds(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_rps(rps: float) -> str:
    return f"{rps:,.0f} req/s" if rps >= 100 else f"{rps:.1f} req/s"


# --------------------------------------------------------------------------------- the table


@dataclass
class Row:
    part: str
    measure: str
    figure: str
    reference: str = "-"
    ratio: str = "-"
    target: str = "-"
    verdict: str = "-"

    def cells(self) -> tuple[str, ...]:
        return (self.part, self.measure, self.figure, self.reference, self.ratio, self.target, self.verdict)


def unavailable(part: str, measure: str, why: str, target: str = "-") -> Row:
    return Row(part, measure, f"{NOT_AVAILABLE}: {why}", target=target)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(rows: Iterable[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------- wrk


@dataclass(frozen=True)
class WrkResult:
    rps: float
    p50_ms: float | None
    p99_ms: float | None
    requests: int
    non_2xx: int
    socket_errors: dict[str, int] = field(default_factory=dict)  # connect, read, write, timeout

    @property
    def errors(self) -> int:
        """Responses that were not 2xx/3xx, and connections that failed (a reset is a read error)."""
        return self.non_2xx + sum(self.socket_errors.values())

    def summary(self) -> str:
        p99 = f"{self.p99_ms:.1f} ms" if self.p99_ms is not None else "-"
        text = f"{fmt_rps(self.rps)}, p99 {p99}, {self.errors} errors"
        if self.errors:
            kinds = ([f"{self.non_2xx} non-2xx"] if self.non_2xx else []) + [
                f"{n} {kind}" for kind, n in self.socket_errors.items() if n
            ]
            text += f" ({', '.join(kinds)})"
        return text


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text: str) -> float:
    """wrk's durations ('812.00us', '9.10ms', '1.20s', '2.00m') in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNITS_MS[match.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """The figures of one `wrk --latency` run."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if not rps:
        raise ValueError("wrk printed no Requests/sec: " + output.strip()[-300:])
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    total = re.search(r"^\s+(\d+) requests in", output, re.M)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        rps=float(rps.group(1)),
        p50_ms=to_ms(p50.group(1)) if p50 else None,
        p99_ms=to_ms(p99.group(1)) if p99 else None,
        requests=int(total.group(1)) if total else 0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=dict(
            zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)
        )
        if sockets
        else {},
    )


def run_wrk(url: str, *, conns: int, duration: float, threads: int = 2, save: str | None = None) -> WrkResult:
    """One wrk cell; then one more request, answered once the server has worked through what
    wrk left queued when it stopped, so that the next cell starts on an idle server."""
    threads = max(1, min(threads, conns))
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{conns}", f"-d{duration:g}s", "--timeout", "30s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    if save:
        with open(save, "w") as fh:
            fh.write(out.stdout + out.stderr)
    with contextlib.suppress(OSError):
        http_get(url, timeout=60)
    return parse_wrk(out.stdout + out.stderr)


# --------------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, timeout: float = 30) -> tuple[int, bytes, str]:
    """(status, body, Content-Type) of a GET."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers.get("Content-Type", "")


def wait_for(url: str, *, timeout: float = 90, process: subprocess.Popen | None = None) -> bool:
    """True once `url` answers at all (any HTTP status), False after `timeout` s or when
    `process` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            http_get(url, timeout=5)
            return True
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    return False


@dataclass
class Server:
    """A process started in a new session (its own process group), so that stopping it stops
    every process it started too (gunicorn's workers, uWSGI's)."""

    argv: Sequence[str]
    env: dict[str, str] | None = None
    cwd: str | None = None
    log: str | None = None
    process: subprocess.Popen | None = field(default=None, init=False)

    def start(self) -> Server:
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                list(self.argv),
                env=self.env,
                cwd=self.cwd,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            if not isinstance(out, int):
                out.close()
        return self

    @property
    def pgid(self) -> int | None:
        return self.process.pid if self.process else None

    def stop(self, grace: float = 10) -> None:
        """TERM to the whole group, then KILL to what is left after `grace` seconds."""
        if self.process is None:
            return
        pgid = self.process.pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        deadline = time.monotonic() + grace
        while group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.1)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=grace)
        deadline = time.monotonic() + grace  # KILL is delivered asynchronously
        while group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.process = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def group_alive(pgid: int) -> bool:
    """True while a process of the group is alive (zombies excepted)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # Zombies still count for killpg: look at the states of the group's members.
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


# --------------------------------------------------------------------------------- the machine


def _first(path: str, pattern: str) -> str | None:
    try:
        with open(path) as fh:
            match = re.search(pattern, fh.read(), re.M)
    except OSError:
        return None
    return match.group(1).strip() if match else None


def machine(extra: dict[str, str] | None = None) -> dict[str, str]:
    """What the figures were measured on."""
    import sqlite3

    cpus = os.cpu_count() or 0
    model = _first("/proc/cpuinfo", r"^model name\s*:\s*(.+)$")
    mem_kb = _first("/proc/meminfo", r"^MemTotal:\s*(\d+) kB")
    info = {
        "date": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime()),
        "CPUs": f"{cpus}" + (f" ({model})" if model else ""),
        "RAM": f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb else "unknown",
        "OS": _first("/etc/os-release", r'^PRETTY_NAME="?([^"\n]+)') or platform.platform(),
        "kernel": platform.release(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
    }
    info.update(extra or {})
    return info


def machine_lines(info: dict[str, str]) -> str:
    return "\n".join(f"- {key}: {value}" for key, value in info.items()) + "\n"
