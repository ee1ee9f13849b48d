"""The Django admin for staff: roles are managed here (through the domain function, so that each
grant is audited); the official records are shown read-only, since they change only through the
domain layer (pages, CLI, API), which validates and audits every write."""

from __future__ import annotations

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.accounts import domain
from plenary.accounts.models import ApiToken, EnrolmentTicket, LoginAttempt, Role
from plenary.core.actor import actor_of
from plenary.documents.models import CoSponsorship, Document, IssuedFile, LanguageVersion, WorkingPaper
from plenary.meetings.models import Meeting, Officer
from plenary.participation.models import Delegation, Organization
from plenary.proceedings.models import Decision, FloorRequest, Reservation, Statement
from plenary.reports.models import Report
from plenary.treaties.models import State, StateName, Treaty, TreatyEvent


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "meeting", "state", "organization")
    list_filter = ("kind",)
    search_fields = ("user__username", "state__code", "organization__code")
    autocomplete_fields = ("user",)

    def has_change_permission(self, request, obj=None):
        return False  # a role is granted or taken away, not edited

    def save_model(self, request, obj, form, change):
        role = domain.grant_role(
            obj.user,
            obj.kind,
            meeting=obj.meeting,
            state=obj.state,
            organization=obj.organization,
            by=actor_of(request, via="admin"),
        )
        obj.pk = role.pk

    def delete_model(self, request, obj):
        domain.revoke_role(obj, by=actor_of(request, via="admin"))

    def delete_queryset(self, request, queryset):
        for role in queryset:
            domain.revoke_role(role, by=actor_of(request, via="admin"))


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model, fields in (
    (Treaty, ("code",)),
    (State, ("code", "alpha2", "m49", "un_status")),
    (StateName, ("state", "lang", "name", "valid_from", "valid_to")),
    (TreatyEvent, ("state", "treaty", "kind", "date")),
    (Meeting, ("series", "kind", "start", "end", "status")),
    (Officer, ("meeting", "role", "name", "state", "group")),
    (Organization, ("code", "kind")),
    (Delegation, ("meeting", "state", "organization", "category", "status")),
    (Document, ("symbol", "meeting", "doc_type", "status", "issued_on")),
    (LanguageVersion, ("document", "lang", "kind", "file")),
    (IssuedFile, ("document", "lang", "fmt", "size", "sha256", "issued_at")),
    (WorkingPaper, ("meeting", "delegation", "status", "document")),
    (CoSponsorship, ("paper", "state", "status")),
    (FloorRequest, ("meeting", "position", "delegation", "status")),
    (Statement, ("meeting", "position", "kind", "state")),
    (Decision, ("meeting", "key", "adopted_on")),
    (Reservation, ("meeting", "applies_to", "state")),
    (Report, ("meeting", "status", "adopted_on", "final", "issued_on")),
    (ApiToken, ("user", "name", "prefix", "created", "revoked")),
    (LoginAttempt, ("username", "address", "at", "succeeded")),
):
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": fields}))

# The second factor, read-only and without its secrets (no key, no recovery code, no link): it is
# set up and replaced only through the sign-in pages and `plenary account enrol`, which audit it.
# Registered before django-otp's own admin classes, which then stand aside.
for model, fields in (
    (TOTPDevice, ("user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count")),
    (StaticDevice, ("user", "name", "confirmed", "created_at", "last_used_at")),
    (EnrolmentTicket, ("user", "created", "expires", "used", "sent_to")),
):
    admin.site.register(
        model,
        type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": fields, "fields": fields}),
    )
