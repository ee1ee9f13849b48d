from django.contrib import admin

from plenary.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "via", "action", "object_type", "object_id", "acting_for")
    list_filter = ("action", "via", "object_type", "acting_for")
    search_fields = ("actor", "object_id")

    # The audit trail is append-only, also for the secretariat.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
