"""Forms of the portal: they check the shape of the input; the rules are in plenary.portal.domain."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES, normalize_lang, pick
from plenary.documents.models import WorkingPaperFile
from plenary.meetings.models import AgendaItem, PlannedSitting
from plenary.participation.models import Participant
from plenary.treaties.models import Group, State

LANG_CHOICES = [(code, LANGUAGE_NAMES_EN[code]) for code in UN_LANGUAGES]


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    function = forms.CharField(label=_("Function"), max_length=300, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=Participant.Role.choices, initial=Participant.Role.MEMBER
    )


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        heads = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data.get("name", "").strip() and f.cleaned_data.get("role") == Participant.Role.HEAD
        ]
        if len(heads) != 1:
            raise forms.ValidationError(
                _("Name one head of delegation.") if not heads else _("A delegation has one head only.")
            )

    def members(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.cleaned_data.get("name", "").strip()]


MemberFormSet = forms.formset_factory(
    MemberForm, formset=BaseMemberFormSet, extra=0, min_num=6, max_num=50, absolute_max=50
)


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Group) -> str:
        picked = pick(obj.names, normalize_lang(get_language() or "en"))
        return picked.text if picked else obj.code


class PaperForm(forms.Form):
    original_language = forms.ChoiceField(label=_("Original language"), choices=LANG_CHOICES, initial="en")
    on_behalf_of = GroupChoiceField(
        label=_("On behalf of (group)"),
        queryset=Group.objects.none(),
        required=False,
        to_field_name="code",
    )

    def __init__(self, *args, treaty_code: str = "BWC", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_behalf_of"].queryset = Group.objects.filter(scheme=treaty_code)
        # One title field per UN language; the original language's is required (checked in clean).
        for code, name in LANG_CHOICES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(lang)s)") % {"lang": name}, max_length=500, required=False
            )

    def clean(self):
        data = super().clean()
        lang = data.get("original_language")
        if lang and not (data.get(f"title_{lang}") or "").strip():
            self.add_error(f"title_{lang}", _("Give the title in the original language."))
        return data

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}") or "" for code in UN_LANGUAGES}

    @staticmethod
    def initial_for(paper) -> dict:
        initial = {f"title_{code}": text for code, text in paper.title.items()}
        initial["original_language"] = paper.original_language
        initial["on_behalf_of"] = paper.on_behalf_of.code if paper.on_behalf_of else None
        return initial


class FileForm(forms.Form):
    lang = forms.ChoiceField(label=_("Language"), choices=LANG_CHOICES)
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkingPaperFile.Kind.choices, initial="official")
    file = forms.FileField(label=_("File (PDF, Word or text)"))


class InviteForm(forms.Form):
    state = forms.CharField(label=_("State (ISO alpha-3 code, e.g. DEU)"), max_length=3, min_length=3)

    def clean_state(self):
        code = self.cleaned_data["state"].strip().upper()
        state = State.objects.filter(code=code).first()
        if state is None:
            raise forms.ValidationError(_("No State has the code %(code)s.") % {"code": code})
        return state


class ItemChoiceField(forms.ModelChoiceField):
    """An agenda item by its number ("5", "5 (a)") and title in the reader's language."""

    def label_from_instance(self, obj) -> str:
        picked = pick(obj.title, normalize_lang(get_language() or "en"))
        return f"{obj.label}. {picked.text}" if picked else obj.label


class SittingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("Sitting %(n)s, %(date)s, %(period)s") % {
            "n": obj.number,
            "date": obj.date.isoformat(),
            "period": obj.get_period_display(),
        }


class ListForm(forms.Form):
    """Which list of speakers: a sitting and an agenda item of the meeting, either left out."""

    sitting = SittingChoiceField(label=_("Sitting"), queryset=None, required=False, empty_label=_("(none)"))
    agenda_item = ItemChoiceField(
        label=_("Agenda item"), queryset=None, required=False, empty_label=_("(none)")
    )

    def __init__(self, *args, meeting, sittings=(), items=(), **kwargs):
        """`sittings` and `items`: the meeting's, in the order shown (queries.sittings_of, agenda_of)."""
        super().__init__(*args, **kwargs)
        sitting, item = self.fields["sitting"], self.fields["agenda_item"]
        sitting.queryset = PlannedSitting.objects.filter(meeting=meeting)
        item.queryset = AgendaItem.objects.filter(meeting=meeting)
        sitting.choices = [("", _("(none)"))] + [(s.pk, sitting.label_from_instance(s)) for s in sittings]
        item.choices = [("", _("(none)"))] + [(i.pk, item.label_from_instance(i)) for i in items]


KIND_CHOICES = [
    ("statement", _("a statement")),
    ("reply", _("the right of reply")),
    ("order", _("a point of order")),
]


class KindMixin:
    def clean_kind(self):
        return self.cleaned_data["kind"] or "statement"


class FloorForm(KindMixin, ListForm):
    """A delegation asks for the floor."""

    kind = forms.ChoiceField(label=_("For"), choices=KIND_CHOICES, initial="statement", required=False)
    on_behalf_of_group = GroupChoiceField(
        label=_("On behalf of (group)"), queryset=Group.objects.none(), required=False, to_field_name="code"
    )
    on_behalf_of = forms.CharField(
        label=_("Speaking on behalf of (optional)"), max_length=300, required=False
    )

    field_order = ["kind", "sitting", "agenda_item", "on_behalf_of_group", "on_behalf_of"]

    def __init__(self, *args, treaty_code: str = "BWC", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_behalf_of_group"].queryset = Group.objects.filter(scheme=treaty_code)


class DelegationChoiceField(forms.ModelChoiceField):
    names = None  # set by the form: Names of the page

    def label_from_instance(self, obj) -> str:
        return self.names.of(obj) if self.names else str(obj)


class FromTheRoomForm(KindMixin, forms.Form):
    """Staff add a delegation that asks from the room (the list is the page's)."""

    delegation = DelegationChoiceField(label=_("Delegation"), queryset=None)
    kind = forms.ChoiceField(label=_("For"), choices=KIND_CHOICES, initial="statement", required=False)
    on_behalf_of_group = GroupChoiceField(
        label=_("On behalf of (group)"), queryset=Group.objects.none(), required=False, to_field_name="code"
    )
    on_behalf_of = forms.CharField(
        label=_("Speaking on behalf of (optional)"), max_length=300, required=False
    )

    def __init__(self, *args, delegations, names, treaty_code: str = "BWC", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["delegation"]
        field.names = names
        field.queryset = delegations
        self.fields["on_behalf_of_group"].queryset = Group.objects.filter(scheme=treaty_code)


class EndForm(forms.Form):
    """What the secretariat enters as a speech ends (each optional)."""

    on_behalf_of_states = forms.CharField(
        label=_("On behalf of the States (alpha-3 codes)"), max_length=2000, required=False
    )
    endorsed_by_ngos = forms.IntegerField(label=_("Joint statement: endorsing organizations"), required=False)
    endorsed_by_individuals = forms.IntegerField(
        label=_("Joint statement: endorsing individuals"), required=False
    )

    def clean_on_behalf_of_states(self):
        raw = self.cleaned_data["on_behalf_of_states"]
        return [code.upper() for code in raw.replace(";", ",").replace(" ", ",").split(",") if code]

    def values(self) -> dict:
        """Only what was given: the request's own 'on behalf of' stays otherwise."""
        data = self.cleaned_data
        out = {}
        if data.get("on_behalf_of_states"):
            out["on_behalf_of_states"] = data["on_behalf_of_states"]
        for f in ("endorsed_by_ngos", "endorsed_by_individuals"):
            if data.get(f) is not None:
                out[f] = data[f]
        return out


TIME = re.compile(r"^\s*(-?\d{1,7})(?::(\d{1,2}))?\s*$")


class TimeLimitForm(forms.Form):
    """A speaking-time limit in minutes ("5") or minutes and seconds ("4:30"); empty lifts it."""

    limit = forms.CharField(label=_("Speaking time (minutes, or m:ss)"), max_length=12, required=False)

    def clean_limit(self):
        raw = self.cleaned_data["limit"].strip()
        if not raw:
            return None
        match = TIME.match(raw)
        if not match:
            raise forms.ValidationError(_("Give minutes (5) or minutes and seconds (4:30)."))
        minutes, seconds = abs(int(match.group(1))), int(match.group(2) or 0)
        if seconds > 59:
            raise forms.ValidationError(_("Give minutes (5) or minutes and seconds (4:30)."))
        total = minutes * 60 + seconds
        # A negative time is the domain's to refuse, with its message.
        return -total if raw.startswith("-") else total


# Each language named in itself, as the site's language bar names them.
AUTONYMS = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


class NotificationLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of your e-mails and notifications"),
        choices=[(code, AUTONYMS[code]) for code in UN_LANGUAGES],
    )
