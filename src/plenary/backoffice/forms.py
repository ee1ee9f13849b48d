"""The back office's forms. They check the shape of the input; the rules are the domain's."""

from __future__ import annotations

from django import forms

from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES
from plenary.participation.models import Participant
from plenary.proceedings.models import Decision
from plenary.web.uploads import UploadField

LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES_EN[code]) for code in UN_LANGUAGES]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OfficerForm(forms.Form):
    """One seat: the Chair (or President) or a Vice-Chair. An empty Vice-Chair seat stays empty."""

    name = forms.CharField(max_length=200, required=False)
    title = forms.CharField(max_length=100, required=False, help_text="e.g. Ambassador")
    state = forms.ChoiceField(required=False)
    group = forms.ChoiceField(required=False, help_text="empty: the State's group on the opening day")

    def __init__(self, *args, states, groups, required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.required = required
        self.fields["state"].choices = [("", "---------"), *states]
        self.fields["group"].choices = [("", "(the State's group)"), *((g, g) for g in groups)]

    def clean(self):
        data = super().clean()
        if self.required and not data.get("name"):
            self.add_error("name", "Give the name of the officer.")
        if data.get("name") and not data.get("state"):
            self.add_error("state", "Say which State the officer represents.")
        if data.get("state") and not data.get("name"):
            self.add_error("name", "Give the name of the officer.")
        return data


class RegisterDelegationForm(forms.Form):
    state = forms.ChoiceField(required=False, help_text="a State, or")
    organization = forms.ChoiceField(required=False, help_text="an organization")
    head = forms.CharField(
        max_length=200, required=False, label="Head of delegation", help_text="family name, given names"
    )
    head_function = forms.CharField(max_length=300, required=False, label="Function of the head")
    members = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="the others, one per line: family name, given names | function",
    )

    def __init__(self, *args, states, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "---------"), *states]
        self.fields["organization"].choices = [("", "---------"), *organizations]

    def clean(self):
        data = super().clean()
        if bool(data.get("state")) == bool(data.get("organization")):
            raise forms.ValidationError("Choose either a State or an organization.")
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
            name, _, function = line.partition("|")
            if name.strip():
                out.append(person(name, function, Participant.Role.MEMBER))
        return out


class ReviewForm(forms.Form):
    """The secretariat's check of a registration: approve it, or return it with the reason."""

    action = forms.ChoiceField(choices=[("approve", "approve"), ("return", "return")])
    reason = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("action") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the registration is returned.")
        return data


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("grant", "grant"), ("refuse", "refuse")])


class ParticipantsListForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[("MISC", "Provisional list (MISC.1, then revisions)"), ("INF", "Final list (INF.1)")]
    )
    lang = forms.ChoiceField(label="Language", choices=LANGUAGE_CHOICES, initial="en")
    languages = forms.MultipleChoiceField(
        label="Issued in",
        choices=LANGUAGE_CHOICES,
        required=False,
        initial=list(UN_LANGUAGES),
        widget=forms.CheckboxSelectMultiple,
        help_text="the languages whose PDF and Word files are stored (none ticked: all six)",
    )


class TextsMixin:
    """A text in its original language (required) and optional translations, one field each."""

    def add_text_fields(self, label: str) -> None:
        self.fields["original_language"] = forms.ChoiceField(choices=LANGUAGE_CHOICES, initial="en")
        for code in UN_LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=f"{label} ({LANGUAGE_NAMES_EN[code]})",
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
                f"Give the text in its original language ({LANGUAGE_NAMES_EN[original]}).",
            )

    def texts(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"text_{code}"]
            for code in UN_LANGUAGES
            if self.cleaned_data.get(f"text_{code}")
        }


class DecisionForm(TextsMixin, forms.Form):
    key = forms.SlugField(max_length=60, help_text="a short name, e.g. dates-of-2019-meetings")
    adopted_on = forms.DateField(required=False, widget=DATE)
    method = forms.ChoiceField(choices=Decision.Method.choices)
    # The item the decision is taken under: one of the meeting's (the choices are the view's; the
    # domain checks the item is the meeting's).
    agenda_item = forms.IntegerField(required=False, label="Agenda item", widget=forms.Select)

    def __init__(self, *args, agenda_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].widget = forms.Select(choices=[("", "(none)"), *agenda_items])
        self.add_text_fields("Text")

    def clean(self):
        data = super().clean()
        self.check_original(data)
        return data


class ReservationForm(TextsMixin, forms.Form):
    applies_to = forms.CharField(max_length=60, help_text="the report paragraph or decision key")
    state = forms.ChoiceField(required=False, help_text="empty: “one delegation”")

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "one delegation"), *states]
        self.add_text_fields("Text")

    def clean(self):
        data = super().clean()
        self.check_original(data)
        return data


class LanguageVersionForm(forms.Form):
    lang = forms.ChoiceField(label="Language", choices=[(c, c.upper()) for c in UN_LANGUAGES])
    kind = forms.ChoiceField(
        label="Kind", choices=[("official", "official version"), ("informal", "informal translation")]
    )
    file = UploadField(label="File (PDF, Word or text)")


class ModifierForm(forms.Form):
    kind = forms.ChoiceField(label="Issue a", choices=[("Corr", "corrigendum"), ("Rev", "revision")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in UN_LANGUAGES:  # one file field per language version: file_ar ... file_es
            self.fields[f"file_{code}"] = UploadField(label=f"File ({code.upper()})", required=False)

    def files_by_language(self) -> dict:
        return {
            code: self.cleaned_data[f"file_{code}"]
            for code in UN_LANGUAGES
            if self.cleaned_data.get(f"file_{code}")
        }
