"""Make a table hold exactly a given set of rows, writing only what differs.

Reference data (States, names, treaty events) is loaded by syncing: running a load twice writes
nothing the second time, and a row removed from a data file is removed from the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "deleted": self.deleted}


def sync_rows(
    queryset: models.QuerySet,
    key_fields: Sequence[str],
    desired: Iterable[dict[str, Any]],
    *,
    delete_missing: bool = True,
) -> SyncResult:
    """Create, update and delete rows of `queryset` so that it holds `desired`.

    Rows are matched on `key_fields` (use attnames such as ``state_id`` for foreign keys);
    every other key of a desired row is a value to keep up to date.
    """
    model = queryset.model
    # .all(): a fresh query, never the caller's cached results.
    existing = {tuple(getattr(obj, f) for f in key_fields): obj for obj in queryset.all()}
    result = SyncResult()
    to_create, to_update, seen = [], [], set()
    value_fields: set[str] = set()
    for row in desired:
        key = tuple(row[f] for f in key_fields)
        if key in seen:
            raise ValueError(f"{model.__name__}: duplicate key {key}")
        seen.add(key)
        obj = existing.get(key)
        if obj is None:
            to_create.append(model(**row))
            continue
        changed = [f for f, v in row.items() if f not in key_fields and getattr(obj, f) != v]
        if changed:
            for f in changed:
                setattr(obj, f, row[f])
            value_fields.update(changed)
            to_update.append(obj)
    if to_create:
        model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        model.objects.bulk_update(to_update, sorted(value_fields), batch_size=500)
    result.created, result.updated = len(to_create), len(to_update)
    if delete_missing:
        stale = [obj.pk for key, obj in existing.items() if key not in seen]
        if stale:
            model.objects.filter(pk__in=stale).delete()
        result.deleted = len(stale)
    return result
