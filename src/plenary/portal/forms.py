"""Forms of the portal: they check the shape of the input; the rules are in plenary.portal.domain."""

from __future__ import annotations

from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES, normalize_lang, pick
from plenary.documents.models import WorkingPaperFile
from plenary.meetings.models import AgendaItem
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


class AgendaItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        picked = pick(obj.title, normalize_lang(get_language() or "en"))
        return f"{obj.label}. {picked.text[:80]}" if picked else obj.label


class PaperForm(forms.Form):
    original_language = forms.ChoiceField(label=_("Original language"), choices=LANG_CHOICES, initial="en")
    on_behalf_of = GroupChoiceField(
        label=_("On behalf of (group)"),
        queryset=Group.objects.none(),
        required=False,
        to_field_name="code",
    )
    agenda_item = AgendaItemChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, treaty_code: str = "BWC", meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_behalf_of"].queryset = Group.objects.filter(scheme=treaty_code)
        # The meeting's own items, in the agenda's order (items, each followed by its sub-items).
        items = (
            AgendaItem.objects.filter(meeting=meeting).select_related("parent")
            if meeting
            else AgendaItem.objects.none()
        )
        self.fields["agenda_item"].queryset = items.order_by(
            Coalesce("parent__number", "number"), F("parent__number").asc(nulls_first=True), "number"
        )
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
        initial["agenda_item"] = paper.agenda_item_id
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


class FloorForm(forms.Form):
    on_behalf_of = forms.CharField(
        label=_("Speaking on behalf of (optional)"), max_length=300, required=False
    )


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
