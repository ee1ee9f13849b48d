"""The back office's forms. They check the shape of the input; the rules are the domain's."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from plenary.core.languages import UN_LANGUAGES
from plenary.participation.models import Participant
from plenary.proceedings.models import Decision
from plenary.web.languages import LANGUAGE_CHOICES, LANGUAGE_LABELS
from plenary.web.uploads import UploadField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfficerForm(forms.Form):
    """One seat: the Chair (or President) or a Vice-Chair. An empty Vice-Chair seat stays empty."""

    name = forms.CharField(max_length=200, required=False, label=pgettext_lazy("person", "Name"))
    title = forms.CharField(
        max_length=100,
        required=False,
        label=pgettext_lazy("person", "Title"),
        help_text=gettext_lazy("e.g. Ambassador"),
    )
    state = forms.ChoiceField(required=False, label=gettext_lazy("State"))
    group = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Group"),
        help_text=gettext_lazy("empty: the State's group on the opening day"),
    )

    def __init__(self, *args, states, groups, required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.required = required
        self.fields["state"].choices = [("", "---------"), *states]
        self.fields["group"].choices = [("", _("(the State's group)")), *((g, g) for g in groups)]

    def clean(self):
        data = super().clean()
        if self.required and not data.get("name"):
            self.add_error("name", _("Give the name of the officer."))
        if data.get("name") and not data.get("state"):
            self.add_error("state", _("Say which State the officer represents."))
        if data.get("state") and not data.get("name"):
            self.add_error("name", _("Give the name of the officer."))
        return data


class RegisterDelegationForm(forms.Form):
    state = forms.ChoiceField(
        required=False, label=gettext_lazy("State"), help_text=gettext_lazy("a State, or")
    )
    organization = forms.ChoiceField(
        required=False, label=gettext_lazy("Organization"), help_text=gettext_lazy("an organization")
    )
    head = forms.CharField(
        max_length=200,
        required=False,
        label=gettext_lazy("Head of delegation"),
        help_text=gettext_lazy("family name, given names"),
    )
    head_function = forms.CharField(
        max_length=300, required=False, label=gettext_lazy("Function of the head")
    )
    members = forms.CharField(
        required=False,
        label=gettext_lazy("Members"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("the others, one per line: family name, given names | function"),
    )

    def __init__(self, *args, states, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "---------"), *states]
        self.fields["organization"].choices = [("", "---------"), *organizations]

    def clean(self):
        data = super().clean()
        if bool(data.get("state")) == bool(data.get("organization")):
            raise forms.ValidationError(_("Choose either a State or an organization."))
        return data

    def member_list(self) -> list[dict]:
        """The people as the domain takes them: "Family name, Given names" (or one name), the
        function after a bar."""

        def person(text: str, function: str, role: str) -> dict:
            family, comma, given = text.partition(",")
            return {
                "family_name": family.strip(),
                "given_names": given.strip() if comma else "",
                "function": function.strip(),
                "role": role,
            }

        data = self.cleaned_data
        out = []
        if data.get("head"):
            out.append(person(data["head"], data.get("head_function", ""), Participant.Role.HEAD))
        for line in (data.get("members") or "").splitlines():
            name, _bar, function = line.partition("|")
            if name.strip():
                out.append(person(name, function, Participant.Role.MEMBER))
        return out


class ReviewForm(forms.Form):
    """The secretariat's check of a registration: approve it, or return it with the reason."""

    action = forms.ChoiceField(choices=[("approve", "approve"), ("return", "return")])
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the registration is returned."))
        return data


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("grant", "grant"), ("refuse", "refuse")])


class ParticipantsListForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[
            ("MISC", gettext_lazy("Provisional list (MISC.1, then revisions)")),
            ("INF", gettext_lazy("Final list (INF.1)")),
        ],
    )
    lang = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES, initial="en")
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Issued in"),
        choices=LANGUAGE_CHOICES,
        required=False,
        initial=list(UN_LANGUAGES),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("the languages whose PDF and Word files are stored (none ticked: all six)"),
    )


class TextsMixin:
    """A text in its original language (required) and optional translations, one field each."""

    def add_text_fields(self, label: str) -> None:
        self.fields["original_language"] = forms.ChoiceField(
            label=gettext_lazy("Original language"), choices=LANGUAGE_CHOICES, initial="en"
        )
        for code in UN_LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("%(label)s (%(language)s)") % {"label": label, "language": LANGUAGE_LABELS[code]},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def text_fields(self):
        return [self[f"text_{code}"] for code in UN_LANGUAGES]

    def check_original(self, data) -> None:
        original = data.get("original_language")
        if original and not (data.get(f"text_{original}") or "").strip():
            self.add_error(
                f"text_{original}",
                _("Give the text in its original language (%(language)s).")
                % {"language": LANGUAGE_LABELS[original]},
            )

    def texts(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"text_{code}"]
            for code in UN_LANGUAGES
            if self.cleaned_data.get(f"text_{code}")
        }


class DecisionForm(TextsMixin, forms.Form):
    key = forms.SlugField(
        max_length=60,
        label=pgettext_lazy("decision", "Key"),
        help_text=gettext_lazy("a short name, e.g. dates-of-2019-meetings"),
    )
    adopted_on = forms.DateField(required=False, label=gettext_lazy("Adopted on"), widget=DATE)
    method = forms.ChoiceField(label=gettext_lazy("Method"), choices=Decision.Method.choices)
    # The item the decision is taken under: one of the meeting's (the choices are the view's; the
    # domain checks the item is the meeting's).
    agenda_item = forms.IntegerField(required=False, label=gettext_lazy("Agenda item"), widget=forms.Select)

    def __init__(self, *args, agenda_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].widget = forms.Select(choices=[("", _("(none)")), *agenda_items])
        self.add_text_fields(_("Text"))

    def clean(self):
        data = super().clean()
        self.check_original(data)
        return data


class ReservationForm(TextsMixin, forms.Form):
    applies_to = forms.CharField(
        max_length=60,
        label=gettext_lazy("Applies to"),
        help_text=gettext_lazy("the report paragraph or decision key"),
    )
    state = forms.ChoiceField(
        required=False, label=gettext_lazy("State"), help_text=gettext_lazy("empty: “one delegation”")
    )

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("one delegation")), *states]
        self.add_text_fields(_("Text"))

    def clean(self):
        data = super().clean()
        self.check_original(data)
        return data


class LanguageVersionForm(forms.Form):
    lang = forms.ChoiceField(label=gettext_lazy("Language"), choices=[(c, c.upper()) for c in UN_LANGUAGES])
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[
            ("official", gettext_lazy("official version")),
            ("informal", gettext_lazy("informal translation")),
        ],
    )
    file = UploadField(label=gettext_lazy("File (PDF, Word or text)"))


class ModifierForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Issue a"),
        choices=[("Corr", gettext_lazy("corrigendum")), ("Rev", gettext_lazy("revision"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in UN_LANGUAGES:  # one file field per language version: file_ar ... file_es
            self.fields[f"file_{code}"] = UploadField(
                label=_("File (%(language)s)") % {"language": code.upper()}, required=False
            )

    def files_by_language(self) -> dict:
        return {
            code: self.cleaned_data[f"file_{code}"]
            for code in UN_LANGUAGES
            if self.cleaned_data.get(f"file_{code}")
        }
