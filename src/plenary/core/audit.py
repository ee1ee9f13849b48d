"""The audit trail: every domain write records itself here."""

from __future__ import annotations

from typing import Any

from django.db import models

from plenary.core import events
from plenary.core.actor import Actor
from plenary.core.models import AuditEntry

# Apps whose records no public page or API answer shows: accounts, roles, tokens, second
# factors, preferences (accounts) and Django's users (auth). Their writes leave cached pages be.
PRIVATE_APPS = ("accounts.", "auth.")


def log_action(
    by: Actor,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str | None = None,
    object_id: str | None = None,
    before: Any = None,
    after: Any = None,
    acting_for: str = "",
) -> AuditEntry:
    """Record one write by `by`. Call it inside the transaction that makes the change, so that a
    change and its entry stand or fall together. `acting_for` names the State or organization in
    whose name someone not of it acted ("State:FRA"; `accounts.permissions.acting_for` says it)."""
    if not isinstance(by, Actor):
        raise TypeError(f"log_action takes an Actor, not {type(by).__name__}")
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
    label = obj._meta.label if obj is not None else (object_type or "")
    events.record_changed(events.meeting_of(obj), action, public=not label.startswith(PRIVATE_APPS))
    return AuditEntry.objects.create(
        actor=by.name,
        user=by.user if by.user is not None and by.user.is_authenticated else None,
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        before=before,
        after=after,
        via=by.via,
        acting_for=acting_for,
    )


def history(obj: models.Model) -> list[AuditEntry]:
    """Every audit entry of one record, oldest first."""
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label, object_id=str(obj.pk)).order_by("at", "id")
    )


def acting_for_code(kind: str, code: str) -> str:
    """The `acting_for` of a State ("State", "FRA") or an organization ("Organization", "VERTIC")."""
    return f"{kind}:{code}"


def acts_for(principal: str):
    """The entries of acts done in `principal`'s name by others ("State:FRA"), newest first."""
    return AuditEntry.objects.filter(acting_for=principal).order_by("-at", "-id")
