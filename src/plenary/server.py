"""The production server behind `plenary serve`: gunicorn running plenary.wsgi, started from
Python (gunicorn's BaseApplication) so that `plenary serve` is one command with one set of options.

The master process sets the database up (migrations, reference data, static files) before it
forks the workers, then closes its own database connections, so that no worker inherits a
connection or a connection pool (neither survives a fork). Signals are gunicorn's: HUP starts
new workers and stops the old ones once their requests are answered; TERM stops accepting
connections and exits when the requests in flight are answered (at most GRACEFUL_TIMEOUT s).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

# Connections waiting to be accepted (the kernel caps it at net.core.somaxconn, 4096 on current
# Linux): a room of delegates opening the meeting page at once queues here instead of being reset.
BACKLOG = 2048
# Seconds a worker may take over one request before the master replaces it, and seconds the
# requests in flight get to finish on HUP or TERM.
TIMEOUT = 60
GRACEFUL_TIMEOUT = 30


def cpu_count() -> int:
    """The CPUs this process may run on (a cpuset or taskset limits them), not the machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers(cpus: int | None = None) -> int:
    """Gunicorn's rule of thumb: two workers per CPU and one more, so that a CPU always has a
    worker ready while another waits on the database or the network."""
    return 2 * (cpus or cpu_count()) + 1


def pool_warning(workers: int, pool_size: int, allowed: int) -> str | None:
    """What to tell the operator when the workers' database pools together may open more
    connections than PostgreSQL accepts (`allowed`: max_connections less those reserved)."""
    wanted = workers * pool_size
    if wanted <= allowed:
        return None
    return (
        f"{workers} worker(s) x DATABASE_POOL_SIZE {pool_size} = {wanted} connections, more than "
        f"the {allowed} PostgreSQL accepts: lower --workers or DATABASE_POOL_SIZE"
    )


@dataclass(frozen=True)
class Options:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    threads: int = 1
    access_log: bool = False

    @property
    def bind(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def gunicorn_settings(self) -> dict[str, Any]:
        return {
            "bind": [self.bind],
            "workers": self.workers,
            # One thread: gunicorn's sync worker, one request at a time per process; more: its
            # gthread worker, which also keeps connections alive between requests.
            "worker_class": "gthread" if self.threads > 1 else "sync",
            "threads": self.threads,
            "backlog": BACKLOG,
            "timeout": TIMEOUT,
            "graceful_timeout": GRACEFUL_TIMEOUT,
            "accesslog": "-" if self.access_log else None,
            "errorlog": "-",
            "proc_name": "plenary",
            # Signals are enough; gunicorn's control socket would be one path for every server
            # of the user ($HOME/.gunicorn/gunicorn.ctl), which several servers would fight over.
            "control_socket_disable": True,
        }


def close_database_connections() -> None:
    """Close this process's connections and connection pools before the workers are forked."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        conn.close()
        if getattr(conn, "close_pool", None) and conn.settings_dict["OPTIONS"].get("pool"):
            conn.close_pool()


def run(options: Options) -> None:
    """Serve plenary.wsgi with gunicorn until a signal stops it."""
    from gunicorn.app.base import BaseApplication

    class Plenary(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.gunicorn_settings().items():
                self.cfg.set(key, value)

        def load(self):
            from plenary.wsgi import application

            return application

    close_database_connections()
    Plenary(prog="plenary serve").run()
