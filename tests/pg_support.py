"""Dropping a PostgreSQL database the tests made, as a role that is not a superuser."""

from __future__ import annotations

import time


def drop_database(conn, name: str, *, attempts: int = 40, pause: float = 0.25) -> None:
    """Drop database `name` over the autocommit connection `conn`.

    FORCE ends the sessions on it, but a role that is not a superuser may not end an autovacuum
    worker's, which PostgreSQL starts on a database that has just been written: wait for the
    worker to finish (a few seconds at most) instead of failing; the last refusal is raised."""
    import psycopg

    for attempt in range(attempts):
        try:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == attempts - 1:
                raise
            time.sleep(pause)
