"""Forms of the portal: they check the shape of the input; the rules are in plenary.portal.domain."""

from __future__ import annotations

import re

from django import forms
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from plenary.core.dates import un_date
from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES, normalize_lang, pick
from plenary.documents.models import WorkingPaperFile
from plenary.meetings.models import AgendaItem, PlannedSitting
from plenary.participation.models import Participant
from plenary.treaties.models import Group, State
from plenary.web.uploads import UploadField

LANG_CHOICES = [(code, LANGUAGE_NAMES_EN[code]) for code in UN_LANGUAGES]


# How a person is addressed; the values are kept as lists of participants print them.
SALUTATION_CHOICES = [
    ("", "—"),
    ("Mr.", _("Mr.")),
    ("Ms.", _("Ms.")),
    ("Dr.", _("Dr.")),
    ("Prof.", _("Prof.")),
    ("H.E. Mr.", _("H.E. Mr.")),
    ("H.E. Ms.", _("H.E. Ms.")),
    ("H.E. Dr.", _("H.E. Dr.")),
]
# The most people a registration lists (participation.domain.MAX_MEMBERS), and the empty rows the
# form offers at first; "Add a person" adds one more (with or without JavaScript).
MAX_PEOPLE = 100
EMPTY_ROWS = 3
PERSON_FIELDS = ("honorific", "family_name", "given_names", "function", "email", "role")


class PersonForm(forms.Form):
    """One person of a delegation. The form checks the shape; the rules (one head, the family
    name, at most 100 people) are the domain's."""

    honorific = forms.ChoiceField(label=_("Salutation"), choices=SALUTATION_CHOICES, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=100, required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=100, required=False)
    function = forms.CharField(label=_("Function"), max_length=300, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=254, required=False)
    role = forms.ChoiceField(
        label=_("Role in the delegation"), choices=Participant.Role.choices, initial=Participant.Role.MEMBER
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("family_name", "given_names", "function", "email"):
            self.fields[name].widget.attrs["autocomplete"] = "off"


class BasePersonFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("A registration lists at most 100 people."),
        "missing_management_form": _("The list of people was sent incomplete; please send it again."),
    }

    def clean(self):
        """The rules a person filling in the form meets first, in their language (the domain
        checks them again): one head of delegation, at most MAX_PEOPLE people."""
        super().clean()
        if any(self.errors):
            return
        people = self.people()
        if len(people) > MAX_PEOPLE:
            raise forms.ValidationError(
                _("A registration lists at most %(most)d people; this one lists %(count)d.")
                % {"most": MAX_PEOPLE, "count": len(people)}
            )
        heads = [p for p in people if p["role"] == Participant.Role.HEAD]
        if people and len(heads) != 1:
            raise forms.ValidationError(
                _("Name one head of delegation.") if not heads else _("A delegation has one head only.")
            )
        for n, p in enumerate(people, start=1):
            if not p["family_name"]:
                raise forms.ValidationError(_("Person %(n)d: give the family name.") % {"n": n})

    def people(self) -> list[dict]:
        """The rows typed in, in order (rows left empty or marked "remove" are left out)."""
        out = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            row = {key: data.get(key) or "" for key in PERSON_FIELDS}
            if any(row[key] for key in ("family_name", "given_names", "function", "email")):
                out.append(row)
        return out


PersonFormSet = forms.formset_factory(
    PersonForm,
    formset=BasePersonFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_PEOPLE + 1,  # one over: the domain says "at most 100 people" in its words
    absolute_max=MAX_PEOPLE + 1,
)


def people_formset(data=None, *, initial: list[dict] | None = None, add: int = 0) -> BasePersonFormSet:
    """The people formset: bound to `data` (a POST), with `add` more empty rows when the visitor
    asked for another person; else the `initial` people and one empty row, or, for a new
    registration, EMPTY_ROWS empty rows, the first for the head of delegation."""
    if data is not None:
        if add:
            data = data.copy()
            total = (
                int(data.get("form-TOTAL_FORMS") or 0) if str(data.get("form-TOTAL_FORMS")).isdigit() else 0
            )
            data["form-TOTAL_FORMS"] = str(min(total + add, MAX_PEOPLE))
        return PersonFormSet(data)
    if initial:
        rows = [*initial, {"role": Participant.Role.MEMBER}]
    else:
        rows = [{"role": Participant.Role.HEAD}] + [{"role": Participant.Role.MEMBER}] * (EMPTY_ROWS - 1)
    return PersonFormSet(initial=rows)


class CredentialsForm(forms.Form):
    credentials = UploadField(
        label=_("Note verbale or letter of credentials (PDF, Word, JPEG or PNG)"), required=False
    )
    meetings = forms.MultipleChoiceField(
        label=_("Meetings this registration covers"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, meetings=(), credentials_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meetings"].choices = list(meetings)
        self.fields["credentials"].required = credentials_required
        if not meetings:
            del self.fields["meetings"]


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
    file = UploadField(label=_("File (PDF, Word or text)"))


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
            "date": un_date(obj.date, normalize_lang(get_language() or "en")),
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
