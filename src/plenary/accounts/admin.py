"""The Django admin for staff: roles are managed here (through the domain function, so that each
grant is audited); the official records are shown read-only, since they change only through the
domain layer (pages, CLI, API), which validates and audits every write."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.accounts import domain
from plenary.accounts.models import ApiToken, EnrolmentTicket, LoginAttempt, Role
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
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


# Django's own User and Group admins would change accounts with no audit entry. Accounts change
# here through `domain.update_account` (names, e-mail, open or closed, staff and superuser status:
# audited, superuser grants as "account.superuser"); passwords only by the person, through the
# set-password invitation (an action here, also audited); accounts are made by
# `plenary account create` or the back office (domain.create_account) and closed, never deleted.
# Django's groups and permissions give no right in Plenary (rights are roles): shown, not changed.
admin.site.unregister(User)
admin.site.unregister(Group)


class AccountForm(UserAdmin.form):
    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another account has this e-mail address."))
        return email


@admin.register(User)
class AccountAdmin(UserAdmin):
    form = AccountForm
    fieldsets = (
        (None, {"fields": ("username",)}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Status", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("username", "groups", "user_permissions", "last_login", "date_joined")
    actions = ["invite_to_set_password"]

    def has_add_permission(self, request):
        return False  # domain.create_account: the back office's people page, or the CLI

    def has_delete_permission(self, request, obj=None):
        return False  # an account is closed (is_active), so that its trail keeps a name

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if not request.user.is_superuser:
            fields += list(domain.ADMIN_FLAGS)  # the domain refuses them too; the form says it
        return fields

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied  # the person sets it: the invitation action below

    def save_model(self, request, obj, form, change):
        # The form has set the values on `obj`; the domain writes them (nothing is saved here).
        values = {f: form.cleaned_data[f] for f in domain.ACCOUNT_FIELDS if f in form.cleaned_data}
        try:
            domain.update_account(obj, by=actor_of(request, via="admin"), **values)
        except DomainError as exc:  # the admin's transaction rolls back: nothing is written
            raise PermissionDenied(str(exc)) from None

    def save_related(self, request, form, formsets, change):
        pass  # groups and permissions are read-only; no inline

    @admin.action(description=gettext_lazy("Send a set-password invitation"))
    def invite_to_set_password(self, request, queryset):
        base = request.build_absolute_uri("/")
        for user in queryset:
            try:
                domain.invite_to_set_password(user, by=actor_of(request, via="admin"), url_base=base)
            except DomainError as exc:
                self.message_user(request, f"{user.username}: {exc}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(user)s: invitation sent to %(email)s")
                    % {"user": user.username, "email": user.email},
                )


@admin.register(Group)
class ReadOnlyGroupAdmin(GroupAdmin, ReadOnlyAdmin):
    pass
