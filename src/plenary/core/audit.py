"""The audit trail: every domain write records itself here."""

from __future__ import annotations

from typing import Any

from django.db import models

from plenary.core.models import AuditEntry


def log_action(
    actor: str,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str | None = None,
    object_id: str | None = None,
    before: Any = None,
    after: Any = None,
    via: str = "",
) -> AuditEntry:
    """Record one write. Call it inside the transaction that makes the change.

    `via` says through what the change came: "page", "api", "cli"; scripts that name their actor
    "system:<command>" need not say.
    """
    if not via and actor.startswith("system:cli"):
        via = "cli"
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        before=before,
        after=after,
        via=via,
    )


def history(obj: models.Model) -> list[AuditEntry]:
    """Every audit entry of one record, oldest first."""
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk)).order_by("at", "id")
    )
