"""Bring a database up to date before a command uses it: migrations, then the reference data."""

from __future__ import annotations

from collections.abc import Callable

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from plenary.core.actor import Actor


def pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_cache_table() -> None:
    """The database cache's table (CACHE_URL=db), when that cache is configured; safe to run twice
    (createcachetable leaves an existing table be)."""
    from django.conf import settings

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", verbosity=0)


def ensure_database(*, by: Actor, say: Callable[[str], None] | None = None) -> bool:
    """Apply pending migrations and load the reference data when it is missing.

    Cheap when the database is current: one migration-plan check and one count. Returns whether
    it loaded the reference data.
    """
    from plenary.participation.domain import load_organizations
    from plenary.participation.models import Organization
    from plenary.treaties.models import Treaty
    from plenary.treaties.reference import load_reference_data

    say = say or (lambda message: None)
    if pending_migrations():
        say("applying database migrations")
        call_command("migrate", interactive=False, verbosity=0)
    ensure_cache_table()
    loaded = False
    if not Treaty.objects.exists():
        say("loading reference data (States, names, groups, treaty events)")
        load_reference_data(by=by, progress=say)
        loaded = True
    if not Organization.objects.exists():
        say("loading organizations")
        load_organizations(by=by)
        loaded = True
    return loaded
