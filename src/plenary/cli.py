"""The `plenary` command: one entry point for the secretariat's everyday jobs.

Commands that need the database bring it up to date first (migrations, reference data), so each
works on a fresh machine. Bad input ends with a one-line message and exit status 2, never a
traceback; `programme check` exits 1 when the proposal breaks a rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from plenary.core import clock
from plenary.core.actor import Actor

CLI_ACTOR = Actor.system("cli")
SYNTH_ACTOR = Actor.system("synth")


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    import django

    django.setup()


def _console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _say(message: str) -> None:
    _console().print(f"[dim]· {message}[/dim]")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2017-12-04"
        ) from None


def _year(value: str) -> int:
    if not value.isdigit() or not 1900 <= int(value) <= 2200:
        raise argparse.ArgumentTypeError(f"{value!r} is not a year between 1900 and 2200")
    return int(value)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def _default_workers() -> int:
    from plenary.server import default_workers

    return default_workers()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --- serve and demo ---------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    from plenary import server

    workers = args.workers or server.default_workers()
    # Static files under hashed, compressed names, collected below; --dev reads them from the
    # source (settings.py, "Static files").
    os.environ["STATIC_MANIFEST"] = "0" if args.dev else "1"
    if not args.dev:
        # One database connection per thread of a worker (settings.py, "Database connections").
        os.environ.setdefault("DATABASE_POOL_SIZE", str(args.threads))
    _django()
    from django.core.management import call_command

    from plenary.setup import ensure_database

    ensure_database(by=CLI_ACTOR, say=_say)
    host = f"[{args.host}]" if ":" in args.host else args.host
    if args.dev:
        _console().print(
            f"[bold]Plenary is serving on http://{host}:{args.port}/[/bold] with Django's development "
            "server  (Ctrl+C to stop)"
        )
        call_command(
            _runserver(),
            f"{args.host}:{args.port}",
            use_reloader=False,
            use_threading=True,
            insecure_serving=True,
        )
        return 0
    call_command("collectstatic", interactive=False, verbosity=0)
    _warn_if_pool_exceeds_postgresql(workers)
    _console().print(
        f"[bold]Plenary is serving on http://{host}:{args.port}/[/bold]  ({workers} worker(s) x "
        f"{args.threads} thread(s); Ctrl+C to stop)"
    )
    server.run(
        server.Options(
            host=args.host, port=args.port, workers=workers, threads=args.threads, access_log=args.access_log
        )
    )
    return 0


def _warn_if_pool_exceeds_postgresql(workers: int) -> None:
    """On PostgreSQL, say so when the workers' pools together may open more connections than the
    server accepts (each worker keeps a pool of at most DATABASE_POOL_SIZE)."""
    from django.conf import settings
    from django.db import connection

    from plenary.server import pool_warning

    pool = settings.DATABASES["default"].get("OPTIONS", {}).get("pool")
    if connection.vendor != "postgresql" or not pool:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int"
        )
        allowed = cursor.fetchone()[0]
    warning = pool_warning(workers, pool["max_size"], allowed)
    if warning:
        _console().print(f"[yellow]warning: {warning}[/yellow]")


def _runserver():
    """Django's runserver (the staticfiles one, as `manage runserver` finds it) with a listen
    backlog of 1024 instead of its 10: when more connections arrive at once than the backlog holds
    (a room of delegates asking for the floor as it opens), the kernel resets the surplus
    ("connection reset by peer") before the server sees them. It serves each request on a new
    thread, so it closes the thread's database connections after each request (as Django's own
    threaded test server does): persistent connections would otherwise stay open until the thread
    is collected."""
    from django.core.management import get_commands, load_command_class
    from django.core.servers.basehttp import WSGIServer
    from django.db import connections

    class Server(WSGIServer):
        request_queue_size = 1024

        def close_request(self, request):
            connections.close_all()
            super().close_request(request)

    command = load_command_class(get_commands()["runserver"], "runserver")
    command.server_cls = Server
    return command


def cmd_demo(args: argparse.Namespace) -> int:
    _django()
    from plenary.demo import load_demo

    result = load_demo(by=CLI_ACTOR, only_if_empty=args.if_empty, say=_say)
    if result.get("skipped"):
        return 0
    changes = (
        sum(sum(c.values()) for c in result["reference"].values())
        + result["meetings"]["changes"]
        + sum(result["cbm"].values())
    )
    print(f"demo data loaded: {result['meetings']['meetings']} meetings; {changes} record(s) changed")
    return 0


def cmd_account_enrol(args: argparse.Namespace) -> int:
    """A one-time link for a person to set up their authenticator app: the first superuser (made
    with `plenary manage createsuperuser`) or someone who lost their phone. The operator passes it
    on; it works once, after the person's password."""
    _django()
    from django.contrib.auth.models import User

    from plenary.accounts.domain import offer_enrolment
    from plenary.setup import ensure_database

    ensure_database(by=CLI_ACTOR, say=_say)
    user = User.objects.filter(username__iexact=args.username.strip()).first()
    if user is None:
        raise UsageError(f"no account has the user name {args.username!r}")
    link = offer_enrolment(user, by=Actor.system("account enrol"), url_base=args.site, mail=False)
    _say(f"a one-time link for {user.username} (it works once, after their password):")
    print(link)
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["plenary manage", *args.rest])
    return 0


# --- synthetic data ----------------------------------------------------------------------------


def _bounded(low: int, high: int, what: str):
    """An argparse type: a whole number from `low` to `high`."""

    def parse(value: str) -> int:
        text = value.strip().replace("_", "")
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number of {what} from {low:,} to {high:,}")
        return int(text)

    return parse


def cmd_synth(args: argparse.Namespace) -> int:
    _django()
    from plenary.synth import NotEmpty, Plan, synthesize

    plan = Plan(years=args.years, documents=args.documents, participants=args.participants, seed=args.seed)
    try:
        with _progress() as progress:
            counts = synthesize(plan, by=SYNTH_ACTOR, progress=progress, say=_say)
    except NotEmpty as exc:
        _fail(str(exc), code=1)
    print(
        f"synthetic treaty history written (seed {plan.seed}, {plan.years} year{'s' if plan.years != 1 else ''}): "
        + ", ".join(f"{n:,} {what}" for what, n in counts.items())
    )
    return 0


# --- treaty status ---------------------------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    _django()
    from plenary.core.languages import normalize_lang
    from plenary.setup import ensure_database
    from plenary.treaties.queries import get_treaty, names_on, treaty_status

    try:
        lang = normalize_lang(args.lang)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    ensure_database(by=CLI_ACTOR, say=_say)
    on = args.on or clock.today()
    treaty = get_treaty(args.treaty)
    status = treaty_status(treaty, on)
    if args.json:
        _print_json(status.to_dict())
        return 0
    names = names_on(on, lang)
    total = len(status.states_parties) + len(status.signatories) + len(status.neither)
    print(
        f"{treaty.code} on {on.isoformat()}: {len(status.states_parties)} States Parties, "
        f"{len(status.signatories)} signatories, {len(status.neither)} neither ({total} States)"
    )
    for title, codes in (
        ("States Parties", status.states_parties),
        ("Signatories", status.signatories),
        ("Neither party nor signatory", status.neither),
    ):
        print(f"\n{title} ({len(codes)}):")
        for code in sorted(codes, key=lambda c: names.get(c, c)):
            print(f"  {code}  {names.get(code, '?')}")
    return 0


# --- programme --------------------------------------------------------------------------------


def _rules(treaty_code: str, shape: str | None = None, *, year: int | None = None):
    """The programme rules of a shape of the treaty (default: the shape in force in `year`)."""
    from plenary.meetings.programme import ProgrammeRules
    from plenary.meetings.rotation import RuleError
    from plenary.treaties.profile import ProfileError, read_profile

    try:
        profile = read_profile(treaty_code)
        return ProgrammeRules.from_profile(profile, shape, year=year), profile
    except (ProfileError, RuleError) as exc:
        raise UsageError(str(exc)) from None


def cmd_programme_plan(args: argparse.Namespace) -> int:
    _django()  # the programme's words are translatable messages (English here): they need the settings
    from plenary.meetings.rotation import RuleError
    from plenary.treaties.profile import describe_shapes

    first, last = args.from_year, args.to_year if args.to_year is not None else args.from_year
    rules, profile = _rules(args.treaty, args.shape, year=first)
    if args.shape is None and last >= first:
        at_end, _ = _rules(args.treaty, None, year=last)
        if at_end.name != rules.name:
            raise UsageError(
                f"{first}-{last} spans two programme shapes ({describe_shapes(profile)}): "
                "give --shape, or a span in one of them"
            )
    try:
        plan = rules.rotation.plan(first, last)
    except RuleError as exc:
        raise UsageError(str(exc)) from None
    shape_codes = {m.code for m in rules.meetings}
    codes = [c for c in plan[0].chairs if c in shape_codes and rules.rotates(c)]
    if args.json:
        _print_json([{"year": row.year, "chairs": {c: row.chairs[c] for c in codes}} for row in plan])
        return 0
    if not codes:
        print(
            f"{profile['code']} {rules.name}, {rules.title}: the profile gives no chair rotation "
            "for its meetings; their officers are elected"
        )
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{profile['code']} chair rotation {first}-{last} ({rules.name})")
    table.add_column("Year", justify="right")
    for code in codes:
        table.add_column(code)
    for row in plan:
        table.add_row(str(row.year), *(row.chairs[c] for c in codes))
    console = Console(highlight=False, width=max(80, 10 * len(codes) + 10))
    console.print(table)
    legend = "; ".join(f"{g['code']} = {g['names']['en']}" for g in profile["groups"])
    console.print(legend)
    return 0


def _read_structured(path: str) -> Any:
    """The data in a YAML or JSON file, or a one-line UsageError (plenary.core.jsondata)."""
    from plenary.core.jsondata import DataFileError, read_data_file

    try:
        return read_data_file(path)
    except DataFileError as exc:
        raise UsageError(f"{path}: {exc}") from None


def cmd_programme_check(args: argparse.Namespace) -> int:
    _django()  # the violations are translatable messages (English here): they need the settings
    from plenary.meetings.programme import RULES, check_programme

    proposal = _read_structured(args.file)
    given = proposal if isinstance(proposal, dict) else {}
    treaty_code = args.treaty or given.get("treaty") or "BWC"
    shape = args.shape or given.get("shape")
    if shape is not None:
        rules, _ = _rules(str(treaty_code), str(shape))
        violations = check_programme(proposal, rules)
    else:
        from plenary.meetings.programme import ProgrammeRules
        from plenary.treaties.profile import ProfileError, read_profile

        try:
            profile = read_profile(str(treaty_code))
        except ProfileError as exc:
            raise UsageError(str(exc)) from None
        # Each year is checked against the shape in force that year.
        violations = check_programme(proposal, lambda year: ProgrammeRules.from_profile(profile, year=year))
    if args.json:
        _print_json(
            {"file": args.file, "ok": not violations, "violations": [v.to_dict() for v in violations]}
        )
    elif violations:
        print(f"{args.file}: {len(violations)} violation(s) of the {treaty_code} programme rules")
        for v in violations:
            print(f"  {v.said[:1].upper()}{v.said[1:]}: {v.message}")
            print(f"      rule {v.rule}: {RULES[v.rule]}; in the file: {v.where}")
    else:
        years = len(proposal.get("years", []))
        print(f"{args.file}: keeps every {treaty_code} programme rule ({years} year(s) checked)")
    return 1 if violations else 0


# --- symbols ----------------------------------------------------------------------------------


def cmd_symbol_parse(args: argparse.Namespace) -> int:
    from plenary.documents.symbols import SymbolError, parse

    try:
        symbol = parse(args.symbol)
    except SymbolError as exc:
        raise UsageError(f"{args.symbol!r} is not a valid document symbol: {exc}") from None
    data = symbol.to_dict()
    if args.json:
        _print_json(data)
        return 0
    modifiers = ", ".join(f"{m['kind']}.{m['number']}" for m in data["modifiers"]) or "none"
    print(f"symbol:    {data['symbol']}")
    print(f"series:    {data['series']}")
    print(f"type:      {data['type'] or '(numbered document)'}")
    print(f"number:    {data['number'] if data['number'] is not None else '-'}")
    print(f"modifiers: {modifiers}")
    print(f"reissue:   {'yes' if data['reissue'] else 'no'}")
    print(f"parent:    {data['parent'] or '-'}")
    return 0


# --- meeting records --------------------------------------------------------------------------


def cmd_record_schema(args: argparse.Namespace) -> int:
    from plenary.records.schema import SCHEMA

    _print_json(SCHEMA)
    return 0


def cmd_record_export(args: argparse.Namespace) -> int:
    _django()
    from plenary.records.exporter import dump_yaml, export_record
    from plenary.records.seal import seal
    from plenary.setup import ensure_database

    ensure_database(by=CLI_ACTOR, say=_say)
    text = dump_yaml(seal(export_record(args.series)))
    _write_text(args.output, text)
    return 0


def _write_text(output: str | None, text: str) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
        _say(f"wrote {output}")
    else:
        sys.stdout.write(text)


def cmd_record_seal(args: argparse.Namespace) -> int:
    data = _read_structured(args.file)
    _django()  # no database: the schema and the writer only
    from plenary.core.jsondata import jsonable
    from plenary.records.exporter import dump_yaml
    from plenary.records.seal import seal

    data = jsonable(data)
    if not isinstance(data, dict):
        raise UsageError(f"{args.file}: a meeting record is a mapping (format, meeting, ...)")
    record = {k: v for k, v in data.items() if k not in ("sealed", "end")}
    _check_record_schema(args.file, record)
    sealed = seal(record)
    _write_text(args.output, dump_yaml(sealed))
    _say(f"sealed: {sum(sealed['end']['counts'].values())} entries")
    return 0


def _check_record_schema(file: str, record: dict[str, Any]) -> None:
    from plenary.records.loader import RecordError, schema_problems

    problems = schema_problems(record)
    if problems:
        _record_problems(file, RecordError(problems), done="nothing was written")


MAX_PROBLEMS_SHOWN = 20


def _record_problems(file: str, exc: Any, done: str = "nothing was loaded") -> NoReturn:
    """A record's problems on stderr: one line for one problem; for several, one line each and a
    last line that says nothing was loaded."""
    problems = exc.problems
    if len(problems) == 1:
        _fail(f"{file}: {problems[0]} ({done})")
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        sys.stderr.write(f"  {problem}\n")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        sys.stderr.write(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more\n")
    _fail(f"{file}: {len(problems)} problems (above); {done}")


def _print_plan(result: Any, *, applied: bool) -> None:
    for change in result.changes:
        fields = change.fields() if change.kind == "change" else []
        detail = f" ({', '.join(fields)})" if fields else ""
        print(f"  {change.kind:<7} {change.where}{detail}")
    kinds = [c.kind for c in result.changes]
    verbs = ("added", "changed", "removed") if applied else ("would add", "would change", "would remove")
    print(
        f"{result.series}: {verbs[0]} {kinds.count('add')}, {verbs[1]} {kinds.count('change')}, "
        f"{verbs[2]} {kinds.count('remove')}"
    )


def cmd_record_load(args: argparse.Namespace) -> int:
    if args.yes and not args.replace:
        raise UsageError("--yes confirms --replace; a plain load needs no confirmation")
    data = _read_structured(args.file)
    _django()
    from plenary.records.loader import RecordError, load_record
    from plenary.setup import ensure_database

    ensure_database(by=CLI_ACTOR, say=_say)
    try:
        result = load_record(
            data, by=CLI_ACTOR, replace=args.replace, dry_run=args.replace and not args.yes, say=_say
        )
    except RecordError as exc:
        _record_problems(args.file, exc)
    if not result.changes:
        print(f"{result.series}: unchanged (the database already holds this record)")
        return 0
    if args.replace and not args.yes:
        _print_plan(result, applied=False)
        print("nothing was changed: run again with --yes to make the file the whole record of the meeting")
        return 0
    if args.replace:
        _print_plan(result, applied=True)
        return 0
    print(f"{result.series}: loaded ({_summary(result)})")
    return 0


# --- backup and restore -------------------------------------------------------------------------


@contextmanager
def _progress():
    """A progress callback for long work: bars on a terminal, one line per phase otherwise."""
    console = _console()
    if not console.is_terminal:
        phases: set[str] = set()

        def say_phase(task: str, done: int, total: int | None) -> None:
            if task not in phases:
                phases.add(task)
                _say(task)

        yield say_phase
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as bars:
        tasks: dict[str, Any] = {}

        def update(task: str, done: int, total: int | None) -> None:
            if task not in tasks:
                tasks[task] = bars.add_task(task, total=total)
            bars.update(tasks[task], completed=done, total=total)

        yield update


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def cmd_backup(args: argparse.Namespace) -> int:
    _django()
    from plenary.records.backup import write_backup
    from plenary.setup import ensure_database

    ensure_database(by=CLI_ACTOR, say=_say)
    with _progress() as progress:
        result = write_backup(Path(args.output), by=CLI_ACTOR, progress=progress)
    for name in result.missing_files:
        sys.stderr.write(f"plenary: warning: a record names {name!r}, which is not in the file store\n")
    print(
        f"wrote {result.path}: {result.rows} rows in {result.tables} tables, {result.files} file(s) "
        f"({_megabytes(result.file_bytes)}); {_megabytes(result.size)}, sha256 {result.sha256}"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _django()
    from plenary.records.backup import check_archive, restore_backup

    with _progress() as progress:
        if args.check:
            manifest = check_archive(Path(args.file), progress=progress)
        else:
            result = restore_backup(Path(args.file), by=CLI_ACTOR, progress=progress)
    if args.check:
        rows = sum(m.get("rows", 0) for m in manifest["members"])
        files = sum(1 for m in manifest["members"] if m["name"].startswith("files/"))
        print(
            f"{args.file}: a sound Plenary backup of {manifest['created_at']} (Plenary "
            f"{manifest['plenary_version']}, {manifest['database']}): {rows} rows, {files} file(s)"
        )
        return 0
    print(
        f"restored {result.path} (made {result.created_at} by Plenary {result.plenary_version}): "
        f"{result.rows} rows in {result.tables} tables, {result.files} file(s)"
    )
    return 0


def _summary(result: Any) -> str:
    kinds = [c.kind for c in result.changes]
    return f"{kinds.count('add')} added, {kinds.count('change')} changed"


# --- reports ----------------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    _django()
    from plenary.exports.files import report_file
    from plenary.setup import ensure_database

    ensure_database(by=CLI_ACTOR, say=_say)
    # An issued report is the file stored at its issue, byte for byte; only a report not issued
    # yet is rendered from the records now.
    found = report_file(args.symbol, args.format, args.lang)
    if not found.issued:
        _say(f"{found.filename}: the report is {found.status}, not issued: rendered from the records now")
    if args.output:
        path = Path(args.output)
        path.write_bytes(found.content)
        _say(f"wrote {path}")
    elif args.format in ("docx", "pdf"):
        if sys.stdout.isatty():
            raise UsageError(
                f"{args.format.upper()} is binary: write it to a file with -o FILE.{args.format}"
            )
        sys.stdout.buffer.write(found.content)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(found.content)
        sys.stdout.buffer.flush()
    return 0


# --- files --------------------------------------------------------------------------------------


def cmd_files_clean(args: argparse.Namespace) -> int:
    _django()
    from django.core.files.storage import default_storage

    from plenary.documents.files import leftovers

    found = leftovers(
        default_storage, older_than=dt.timedelta(minutes=args.older_than), remove=not args.dry_run
    )
    for name, what in found:
        if args.dry_run:
            print(f"{name}: {'would complete' if what == 'completed' else 'would remove'}")
        elif what == "completed":
            print(f"{name}: its record was committed; moved to its official name")
        else:
            print(f"{name}: removed")
    verb = "found" if args.dry_run else "cleaned"
    _say(f"{len(found)} leftover temporary file(s) older than {args.older_than} minute(s) {verb}")
    return 0


# --- the parser -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="plenary",
        description="Plenary: meetings and records of a treaty secretariat (first treaty: the BWC).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "serve",
        help="apply migrations, then serve the site",
        description="Apply migrations and reference data, collect the static files, then serve the "
        "site with gunicorn (the production server): a master process and its workers. HUP starts "
        "new workers and stops the old ones once their requests are answered; TERM answers the "
        "requests in flight, then stops.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help=f"worker processes (default: 2 x CPUs + 1, here {_default_workers()})",
    )
    p.add_argument(
        "--threads",
        type=_positive,
        default=1,
        metavar="N",
        help="threads per worker (default 1: each worker answers one request at a time)",
    )
    p.add_argument("--access-log", action="store_true", help="log every request on stderr")
    p.add_argument(
        "--dev",
        action="store_true",
        help="Django's development server instead (one thread per request; static files read from "
        "the source; nothing collected)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "demo",
        help="load the demo data (safe to run twice)",
        description="Load the demo data: reference data, the BWC meetings of 2016-2027 and their documents known by symbol. Safe to run twice.",
    )
    p.add_argument(
        "--if-empty", action="store_true", help="do nothing when the database already holds meetings"
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser(
        "synth",
        help="fill an empty database with a synthetic treaty history (benchmarks, tests)",
        description="Fill the empty database of DATABASE_URL with a deterministic synthetic treaty "
        "history: the treaty SYN (not a real treaty), its meetings of every kind, delegations and "
        "participants, documents in six languages with sponsors, statements, decisions and fifty "
        "years of treaty events. The same arguments give the same database. Refuses (exit status 1, "
        "nothing written) a database that holds meetings, documents or delegations.",
    )
    p.add_argument(
        "--years",
        type=_bounded(1, 100, "years"),
        default=40,
        help="years of meetings, up to 2025 (1-100, default 40)",
    )
    p.add_argument(
        "--documents",
        type=_bounded(0, 2_000_000, "documents"),
        default=10_000,
        help="documents in all (default 10,000)",
    )
    p.add_argument(
        "--participants",
        type=_bounded(0, 1_000_000, "participants"),
        default=5_000,
        help="participants in all, in delegations of 1 to 8 (default 5,000)",
    )
    p.add_argument(
        "--seed", type=_bounded(0, 2**63 - 1, "seed values"), default=1, help="the seed (default 1)"
    )
    p.set_defaults(func=cmd_synth)

    p = sub.add_parser(
        "status",
        help="treaty status on a date",
        description="States Parties, signatories and States that are neither, on a date.",
    )
    p.add_argument("--treaty", default="BWC", help="treaty code (default BWC)")
    p.add_argument("--on", type=_date, help="date YYYY-MM-DD (default today)")
    p.add_argument(
        "--lang", default="en", help="language of State names in the text output: ar zh en fr ru es"
    )
    p.add_argument(
        "--json", action="store_true", help="print JSON: date, states_parties, signatories, neither"
    )
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "programme",
        help="plan or check the programme (intersessional, Working Group years)",
        description="Plan the chair rotation or check a proposed programme, in the shape in force or the one given.",
    )
    psub = p.add_subparsers(dest="programme_command", metavar="ACTION", required=True)
    pp = psub.add_parser(
        "plan",
        help="the chair rotation table for a span of years",
        description="Print which group chairs each meeting of the programme, year by year.",
    )
    pp.add_argument("--treaty", default="BWC", help="treaty code (default BWC)")
    pp.add_argument(
        "--shape",
        help="programme shape, e.g. intersessional-2018-2020, working-group (default: the shape in force)",
    )
    pp.add_argument("--from", dest="from_year", type=_year, required=True, help="first year")
    pp.add_argument("--to", dest="to_year", type=_year, help="last year (default: the first)")
    pp.add_argument(
        "--json", action="store_true", help='print JSON: [{"year": 2018, "chairs": {"MSP": "EEG", ...}}]'
    )
    pp.set_defaults(func=cmd_programme_plan)
    pc = psub.add_parser(
        "check",
        help="check a proposed programme file (YAML or JSON)",
        description="Check a proposed programme (YAML or JSON) against the treaty's rules. Exit status 1 when any rule is broken.",
    )
    pc.add_argument("file", help="the proposal, YAML or JSON (format in the README)")
    pc.add_argument("--treaty", help="treaty code (default: the file's 'treaty', else BWC)")
    pc.add_argument(
        "--shape",
        help="programme shape to check against (default: the file's 'shape', else the shape in force each year)",
    )
    pc.add_argument("--json", action="store_true", help="print the violations as JSON")
    pc.set_defaults(func=cmd_programme_check)

    p = sub.add_parser("symbol", help="UN document symbols", description="Parse UN document symbols.")
    ssub = p.add_subparsers(dest="symbol_command", metavar="ACTION", required=True)
    sp = ssub.add_parser(
        "parse",
        help="parse and normalize a symbol",
        description="Parse a UN document symbol such as BWC/MSP/2017/WP.13/Corr.1.",
    )
    sp.add_argument("symbol")
    sp.add_argument(
        "--json",
        action="store_true",
        help="print JSON: symbol, series, type, number, modifiers, reissue, parent",
    )
    sp.set_defaults(func=cmd_symbol_parse)

    p = sub.add_parser(
        "record",
        help="meeting records: export, load, schema",
        description="A meeting record holds every fact of one meeting as one YAML document.",
    )
    rsub = p.add_subparsers(dest="record_command", metavar="ACTION", required=True)
    rp = rsub.add_parser(
        "export",
        help="write a meeting's record as YAML",
        description="Write every fact of a meeting (e.g. BWC/MSP/2017) as one sealed YAML document: "
        "it ends with its counts and checksum (the trailer `end`).",
    )
    rp.add_argument("series", help="the meeting's series, e.g. BWC/MSP/2017")
    rp.add_argument("-o", "--output", help="file to write (default: standard output)")
    rp.set_defaults(func=cmd_record_export)
    rp = rsub.add_parser(
        "load",
        help="check a meeting record and merge it in (all or nothing)",
        description="Check a meeting record (YAML or JSON) and merge it into the database, all or "
        "nothing: what is new is added, what changed is updated, and nothing the file does not "
        "mention is removed. Issued material never changes. Loading the same record twice changes nothing.",
    )
    rp.add_argument("file")
    rp.add_argument(
        "--replace",
        action="store_true",
        help="make the (sealed) file the whole record of its meeting: print what would be added, "
        "changed and removed, and change nothing without --yes",
    )
    rp.add_argument("--yes", action="store_true", help="with --replace: apply the plan")
    rp.set_defaults(func=cmd_record_load)
    rp = rsub.add_parser(
        "seal",
        help="give an edited record a new trailer (counts and checksum)",
        description="Write the record again with `sealed: true` and a new trailer `end` (counts and "
        "SHA-256), e.g. after editing an export by hand.",
    )
    rp.add_argument("file")
    rp.add_argument("-o", "--output", help="file to write (default: standard output)")
    rp.set_defaults(func=cmd_record_seal)
    rp = rsub.add_parser(
        "schema",
        help="print the record's JSON Schema",
        description="Print the JSON Schema of the meeting record format.",
    )
    rp.set_defaults(func=cmd_record_schema)

    p = sub.add_parser(
        "report",
        help="a meeting's report in a language and format",
        description="A meeting's report: an issued report is the file stored at its issue, byte for "
        "byte; a report not issued yet is built from the records now, e.g. "
        "plenary report BWC/MSP/2017/6 --lang zh --format pdf -o report.pdf",
    )
    p.add_argument(
        "symbol", help="the report's symbol (BWC/MSP/2017/6) or the meeting's series (BWC/MSP/2017)"
    )
    p.add_argument(
        "--lang", choices=["ar", "zh", "en", "fr", "ru", "es"], default="en", help="language (default en)"
    )
    p.add_argument(
        "--format", choices=["txt", "html", "docx", "pdf"], default="txt", help="format (default txt)"
    )
    p.add_argument(
        "-o",
        "--output",
        help="file to write (default: standard output; docx and pdf need a file on a terminal)",
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser(
        "backup",
        help="write one archive of every record, the audit trail, the accounts and every stored file",
        description="Write one archive (gzip-compressed tar) of the whole database and file store, "
        "with a manifest of checksums. It holds password hashes: keep it as safe as the database.",
    )
    p.add_argument(
        "-o", "--output", required=True, help="the archive to write, e.g. plenary-2025-01-31.tar.gz"
    )
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        help="restore an archive of plenary backup into an empty database and file store",
        description="Check the whole archive, then restore it into an empty database and an empty file "
        "store, all or nothing. A damaged, truncated or foreign archive is refused and nothing changes.",
    )
    p.add_argument("file", help="an archive written by plenary backup")
    p.add_argument("--check", action="store_true", help="only check the archive; change nothing")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser(
        "account", help="accounts: a link to set up the second factor", description="Accounts."
    )
    asub = p.add_subparsers(dest="account_command", metavar="ACTION", required=True)
    ap = asub.add_parser(
        "enrol",
        help="print a one-time link for a person to set up their authenticator app",
        description=(
            "Print a one-time link with which the person, after signing in with their password, sets up "
            "the authenticator app of their second factor (staff and superusers need one). For the first "
            "superuser, made with `plenary manage createsuperuser`, or a person who lost their phone."
        ),
    )
    ap.add_argument("username", help="the account's user name")
    ap.add_argument(
        "--site",
        default=os.environ.get("PLENARY_SITE_URL", "http://127.0.0.1:8000"),
        help="the site's address the link starts with (default: $PLENARY_SITE_URL or http://127.0.0.1:8000)",
    )
    ap.set_defaults(func=cmd_account_enrol)

    p = sub.add_parser(
        "files",
        help="the file store: leftover temporary files",
        description="The file store (local or S3): files waiting for their transaction.",
    )
    fsub = p.add_subparsers(dest="files_command", metavar="ACTION", required=True)
    fp = fsub.add_parser(
        "clean",
        help="remove temporary files left by an interrupted write (older than an hour)",
        description="Files are written under tmp/ and get their official name when their transaction "
        "commits. A process killed in between leaves the temporary: this removes those older than "
        "--older-than minutes (60), and moves to its official name one whose record was committed. "
        "Safe to run at any time, and twice.",
    )
    fp.add_argument(
        "--older-than",
        type=lambda v: 0 if v == "0" else _positive(v),
        default=60,
        metavar="MINUTES",
        help="only temporaries at least this old (default 60)",
    )
    fp.add_argument("--dry-run", action="store_true", help="list them; change nothing")
    fp.set_defaults(func=cmd_files_clean)

    p = sub.add_parser(
        "manage",
        help="run a Django management command (createsuperuser, migrate, ...)",
        description="Run a Django management command, e.g. `plenary manage createsuperuser`.",
    )
    p.add_argument("rest", nargs=argparse.REMAINDER, help="the command and its arguments")
    p.set_defaults(func=cmd_manage)
    return parser


def _fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"plenary: error: {message}\n")
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error of ours.
        sys.stderr.close()
        return 0
    except Exception as exc:  # domain errors carry messages for the user
        from plenary.core.errors import DomainError

        if isinstance(exc, DomainError):
            _fail(str(exc))
        raise


if __name__ == "__main__":
    sys.exit(main())
