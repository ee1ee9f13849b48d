"""The forms of the people page: a new account, a role given. They check the input's shape and
find the State, organization or meeting named; the rules are the domain's (accounts.domain)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.accounts.models import Role
from plenary.backoffice.forms import LANGUAGE_CHOICES
from plenary.meetings.models import Meeting
from plenary.participation.models import Organization
from plenary.treaties.models import State

KIND_CHOICES = list(Role.Kind.choices)


class RoleForm(forms.Form):
    """A role and its scope: a State (its ISO alpha-3 code), an organization (its code) or a
    meeting (its series). Which scope a kind takes is the domain's rule."""

    kind = forms.ChoiceField(
        choices=[("", gettext_lazy("(choose a role)")), *KIND_CHOICES], label=gettext_lazy("Role")
    )
    state = forms.CharField(
        max_length=3,
        required=False,
        label=gettext_lazy("State"),
        help_text=gettext_lazy("ISO alpha-3, e.g. FRA"),
        widget=forms.TextInput(attrs={"list": "state-codes", "size": 5, "autocomplete": "off"}),
    )
    organization = forms.CharField(
        max_length=40,
        required=False,
        label=gettext_lazy("Organization"),
        widget=forms.TextInput(attrs={"list": "organization-codes", "size": 10, "autocomplete": "off"}),
    )
    meeting = forms.CharField(
        max_length=60,
        required=False,
        label=gettext_lazy("Meeting"),
        help_text=gettext_lazy("series, e.g. BWC/MSP/2018"),
        widget=forms.TextInput(attrs={"list": "meeting-series", "size": 16, "autocomplete": "off"}),
    )

    def clean_state(self) -> State | None:
        code = self.cleaned_data["state"].strip().upper()
        if not code:
            return None
        state = State.objects.filter(code=code).first()
        if state is None:
            raise forms.ValidationError(_("No State has the code %(code)s.") % {"code": repr(code)})
        return state

    def clean_organization(self) -> Organization | None:
        code = self.cleaned_data["organization"].strip()
        if not code:
            return None
        organization = Organization.objects.filter(code__iexact=code).first()
        if organization is None:
            raise forms.ValidationError(_("No organization has the code %(code)s.") % {"code": repr(code)})
        return organization

    def clean_meeting(self) -> Meeting | None:
        series = self.cleaned_data["meeting"].strip().strip("/")
        if not series:
            return None
        meeting = Meeting.objects.filter(series=series).first()
        if meeting is None:
            raise forms.ValidationError(_("No meeting has the series %(series)s.") % {"series": repr(series)})
        return meeting

    def scope(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("meeting", "state", "organization")}


class AccountForm(RoleForm):
    """A new account, and optionally its first role."""

    username = forms.CharField(max_length=200, label=gettext_lazy("User name"))
    email = forms.CharField(max_length=254, label=gettext_lazy("E-mail address"))
    language = forms.ChoiceField(
        choices=LANGUAGE_CHOICES, initial="en", label=gettext_lazy("Language of e-mails")
    )
    kind = forms.ChoiceField(
        choices=[("", gettext_lazy("(no role yet)")), *KIND_CHOICES],
        required=False,
        label=gettext_lazy("First role"),
    )

    field_order = ["username", "email", "language", "kind", "state", "organization", "meeting"]


class SearchForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, label=gettext_lazy("Find"))
