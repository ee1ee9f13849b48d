from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One write to the official record: who, when, what, and the values before and after.

    Entries are written by `plenary.core.audit.log_action` inside the same transaction as the
    change they describe, so a change and its entry stand or fall together.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=200, help_text="user name, or 'system:<command>' for scripts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=100, db_index=True)
    via = models.CharField(max_length=10, blank=True, help_text="page, api, cli, admin, load or system")
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=200)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    # In whose name, when someone not of that State or organization acted for it (the secretariat
    # submitting a State's paper): "State:FRA", "Organization:VERTIC"; empty otherwise. A code, not
    # a key: the core knows no States (and an entry outlives the record it names).
    acting_for = models.CharField(max_length=60, blank=True, db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type}:{self.object_id}"


class RecordVersion(models.Model):
    """How often a part of the record has changed: the version a cached page was built on.

    Scopes: "meeting:<pk>" (writes to one meeting), "reference" (writes that belong to no meeting:
    States, names, groups, treaty events, organizations) and "records" (every write). The number
    moves when the writing transaction commits (`core.versions.bump`, from
    `core.events.record_changed`); a write that rolls back moves nothing; `changed_at` says when.
    """

    scope = models.CharField(max_length=100, unique=True)
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.scope} #{self.number}"
