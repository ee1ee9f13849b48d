"""The parts of `make bench` that run inside Django, one process each, on the database in
DATABASE_URL (benchmarks.run starts them with their own database and VAR_DIR):

    python -m benchmarks.parts reports  OUT.json [--rounds N]
    python -m benchmarks.parts queries  OUT.json
    python -m benchmarks.parts search   OUT.json --documents N --seed S --repeat R

Each writes its figures as JSON to OUT.json; benchmarks.run puts them in the table. A part that
cannot run here writes {"unavailable": "why"}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any

LANGS = ("ar", "zh", "en", "fr", "ru", "es")
FORMATS = ("txt", "html", "docx", "pdf")
REPORT = "BWC/MSP/2017/6"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    import django

    django.setup()


def _median_seconds(fn, rounds: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# ------------------------------------------------------------------------------ reports


def reports(rounds: int) -> dict[str, Any]:
    """Building the 2017 report's tree from the records, and each renderer on it, per language."""
    from plenary.reports.builder import build_report_of, find_report
    from plenary.reports.render import FORMATS as RENDERERS

    report = find_report(REPORT)
    rows = []
    for lang in LANGS:
        build_s, doc = _median_seconds(lambda lang=lang: build_report_of(report, lang), rounds)
        for fmt in FORMATS:
            render = RENDERERS[fmt][0]
            render(doc)  # once first: fonts, templates and stylesheets are read on first use
            render_s, content = _median_seconds(lambda render=render, doc=doc: render(doc), rounds)
            size = len(content.encode("utf-8") if isinstance(content, str) else content)
            rows.append({"lang": lang, "fmt": fmt, "build_s": build_s, "render_s": render_s, "bytes": size})
    return {"report": REPORT, "rounds": rounds, "rows": rows}


# ------------------------------------------------------------------------------ query counts


def list_paths() -> list[str]:
    """Every list page and list endpoint, for the meeting with the most documents and the State
    with the most delegations in this database."""
    from django.db.models import Count

    from plenary.meetings.models import Meeting
    from plenary.treaties.models import State

    meeting = Meeting.objects.annotate(n=Count("documents")).order_by("-n", "start").first()
    state = State.objects.annotate(n=Count("delegations")).order_by("-n", "code").first()
    paths = ["/", "/meetings/", "/states/", "/status/", "/programme/", "/search/?q=convention"]
    api = ["/api/meetings", "/api/documents", "/api/states", "/api/search?q=convention"]
    if meeting is not None:
        series = meeting.series
        paths.append(f"/meetings/{series}/")
        api += [
            f"/api/meetings/{series}",
            f"/api/meetings/{series}/participants",
            f"/api/meetings/{series}/speakers",
            f"/api/documents?meeting={series}",
        ]
    if state is not None:
        paths.append(f"/states/{state.code}/")
        api.append(f"/api/states/{state.code}")
    return paths + api


def generic_path(path: str) -> str:
    """The path with this database's meeting and State replaced by placeholders, so that the
    rows of two databases line up."""
    from django.db.models import Count

    from plenary.meetings.models import Meeting
    from plenary.treaties.models import State

    meeting = Meeting.objects.annotate(n=Count("documents")).order_by("-n", "start").first()
    state = State.objects.annotate(n=Count("delegations")).order_by("-n", "code").first()
    if meeting is not None:
        path = path.replace(meeting.series, "<busiest meeting>")
    if state is not None:
        path = path.replace(f"/{state.code}", "/<State>")
    return path


def queries() -> dict[str, Any]:
    """The queries of one anonymous GET of each list page and endpoint (the first, uncached)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from plenary.documents.models import Document
    from plenary.participation.models import Participant

    client = Client()
    counts = {}
    for path in list_paths():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, HTTP_HOST="localhost")
        counts[generic_path(path)] = {"queries": len(ctx.captured_queries), "status": response.status_code}
    return {
        "documents": Document.objects.count(),
        "participants": Participant.objects.count(),
        "counts": counts,
    }


# ------------------------------------------------------------------------------ search


def search(documents: int, seed: int, repeat: int) -> dict[str, Any]:
    """Search p50/p95 per kind of query at `documents` index entries, with helper search's
    plenary.search.scale (fill_index into the empty index of a fresh database, then measure)."""
    try:
        from plenary.search import scale
    except ImportError:
        return {"unavailable": "plenary.search.scale is not in this checkout yet"}
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    start = time.perf_counter()
    scale.fill_index(documents, seed)
    fill_s = time.perf_counter() - start
    figures = scale.measure(repeat=repeat)
    return {
        "documents": documents,
        "database": connection.vendor,
        "fill_s": fill_s,
        "repeat": repeat,
        "figures": {kind: [float(p50), float(p95)] for kind, (p50, p95) in figures.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parts")
    parser.add_argument("part", choices=["reports", "queries", "search"])
    parser.add_argument("out")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    _django()
    if args.part == "reports":
        data = reports(args.rounds)
    elif args.part == "queries":
        data = queries()
    else:
        data = search(args.documents, args.seed, args.repeat)
    with open(args.out, "w") as fh:
        json.dump(data, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
