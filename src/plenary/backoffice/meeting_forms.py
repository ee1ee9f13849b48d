"""Forms of the back office's meeting pages: one meeting of any kind, and a year of a programme in
a chosen shape. They check the shape of the input; the rules (series pattern, dates in the year,
days, lengths, the programme's rules) are the domain's."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.core.languages import UN_LANGUAGES
from plenary.meetings.models import Meeting
from plenary.meetings.programme import ProgrammeRules
from plenary.web.languages import LANGUAGE_LABELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OPEN_CHOICES = [
    ("", gettext_lazy("as the kind of meeting is by default")),
    ("open", gettext_lazy("open (observers may attend)")),
    ("closed", gettext_lazy("closed (States Parties and signatories only)")),
]


class MeetingForm(forms.Form):
    """One meeting: its series, kind, number, year, titles and venues per language, dates, days,
    open or closed, status and note. A text too long or a series not of the kind is the domain's
    message, not the form's."""

    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Meeting.Kind.choices)
    series = forms.CharField(
        label=gettext_lazy("Series"),
        help_text=gettext_lazy("the stem of the meeting's document symbols, e.g. BWC/MSP/2027"),
    )
    number = forms.IntegerField(
        label=gettext_lazy("Number"),
        required=False,
        min_value=1,
        help_text=gettext_lazy(
            "the Review Conference's ordinal, the n-th Meeting of Experts or Working Group session; "
            "empty: as the series says"
        ),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), help_text=gettext_lazy("the programme year the meeting belongs to")
    )
    start = forms.DateField(label=gettext_lazy("Opens"), required=False, widget=DATE)
    end = forms.DateField(label=gettext_lazy("Closes"), required=False, widget=DATE)
    days = forms.IntegerField(
        label=gettext_lazy("Meeting days"),
        required=False,
        help_text=gettext_lazy("empty: the working days from opening to closing"),
    )
    venue = forms.CharField(
        label=gettext_lazy("Venue"), required=False, help_text=gettext_lazy("e.g. Palais des Nations, Geneva")
    )
    access = forms.ChoiceField(label=gettext_lazy("Open or closed"), choices=OPEN_CHOICES, required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=Meeting.Status.choices, initial=Meeting.Status.PLANNED
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("what a reader should know, e.g. why a meeting is held in another year"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in UN_LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": LANGUAGE_LABELS[code]}, required=False
            )
        for code in UN_LANGUAGES:
            self.fields[f"venue_{code}"] = forms.CharField(
                label=_("Venue as reports write it (%(language)s)") % {"language": LANGUAGE_LABELS[code]},
                required=False,
            )

    def title_fields(self):
        return [self[f"title_{code}"] for code in UN_LANGUAGES]

    def venue_fields(self):
        return [self[f"venue_{code}"] for code in UN_LANGUAGES]

    def values(self) -> dict:
        """The meeting's values for the domain (save_meeting / update_meeting)."""
        data = self.cleaned_data
        values = {
            "kind": data["kind"],
            "number": data.get("number"),
            "year": data["year"],
            "title": {code: data[f"title_{code}"] for code in UN_LANGUAGES if data.get(f"title_{code}")},
            "start": data.get("start"),
            "end": data.get("end"),
            "days": data.get("days"),
            "venue": data.get("venue") or "",
            "venues": {code: data[f"venue_{code}"] for code in UN_LANGUAGES if data.get(f"venue_{code}")},
            "status": data["status"],
            "note": data.get("note") or "",
        }
        if data.get("access"):
            values["closed"] = data["access"] == "closed"
        return values

    @staticmethod
    def initial_of(meeting: Meeting) -> dict:
        initial = {
            "kind": meeting.kind,
            "series": meeting.series,
            "number": meeting.number,
            "year": meeting.year,
            "start": meeting.start,
            "end": meeting.end,
            "days": meeting.days,
            "venue": meeting.venue,
            "access": "closed" if meeting.closed else "open",
            "status": meeting.status,
            "note": meeting.note,
        }
        for code in UN_LANGUAGES:
            initial[f"title_{code}"] = (meeting.title or {}).get(code, "")
            initial[f"venue_{code}"] = (meeting.venues or {}).get(code, "")
        return initial


class KindForm(forms.Form):
    """Which kind of meeting (and year, number) to prefill the new meeting's form for (GET)."""

    kind = forms.ChoiceField(choices=Meeting.Kind.choices)
    year = forms.IntegerField(required=False, min_value=1975, max_value=2200)
    number = forms.IntegerField(required=False, min_value=1, max_value=32767)


@dataclass(frozen=True)
class PlanRow:
    """A row of the year's plan: one meeting (key MX1, MSP) or one possible session (key WG_2)."""

    key: str
    code: str
    session: bool
    required: bool
    rotates: bool


def plan_rows(rules: ProgrammeRules) -> list[PlanRow]:
    rows = []
    for m in rules.meetings:
        if m.sessions is not None:
            rows.extend(
                PlanRow(f"{m.code}_{i}", m.code, True, i <= m.sessions[0], rules.rotates(m.code))
                for i in range(1, m.sessions[1] + 1)
            )
        else:
            rows.append(PlanRow(m.code, m.code, False, True, rules.rotates(m.code)))
    return rows


class ShapeForm(forms.Form):
    """Which shape and year to prefill the plan for (GET)."""

    shape = forms.CharField(required=False, max_length=100)
    year = forms.IntegerField(min_value=1975, max_value=2200)


class PlanYearForm(forms.Form):
    """A year of a programme shape: each meeting's dates and chair group; a meeting held in
    sessions (the Working Group) has a row per possible session, with the session's number."""

    shape = forms.CharField(widget=forms.HiddenInput, required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1975, max_value=2200)
    venue = forms.CharField(label=gettext_lazy("Venue"), max_length=200, initial="Geneva")

    def __init__(self, *args, rows: list[PlanRow], groups: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.plan_rows = rows
        for row in rows:
            label = {"row": _("%(code)s session") % {"code": row.code} if row.session else row.code}
            if row.session:
                self.fields[f"{row.key}_number"] = forms.IntegerField(
                    label=_("%(row)s: number") % label, required=False, min_value=1, max_value=32767
                )
            self.fields[f"{row.key}_start"] = forms.DateField(
                label=_("%(row)s opens") % label, required=False, widget=DATE
            )
            self.fields[f"{row.key}_end"] = forms.DateField(
                label=_("%(row)s closes") % label, required=False, widget=DATE
            )
            choices = [(g, g) for g in groups]
            if not row.rotates:
                choices = [("", _("(elected: no rotation)")), *choices]
            self.fields[f"{row.key}_chair"] = forms.ChoiceField(
                label=_("%(row)s chaired by") % label, choices=choices, required=row.rotates
            )

    def clean(self):
        data = super().clean()
        for row in self.plan_rows:
            parts = [f"{row.key}_start", f"{row.key}_end"] + ([f"{row.key}_number"] if row.session else [])
            given = [p for p in parts if data.get(p) not in (None, "")]
            if row.required and len(given) < len(parts):
                for p in parts:
                    if data.get(p) in (None, "") and p not in self.errors:
                        self.add_error(
                            p,
                            _("Give the opening and closing dates.")
                            if not p.endswith("_number")
                            else _("Give the session's number."),
                        )
            elif given and len(given) < len(parts):
                self.add_error(
                    None,
                    _(
                        "%(code)s session row %(row)s: give its number, opening and closing dates, "
                        "or leave the row empty"
                    )
                    % {"code": row.code, "row": row.key.rsplit("_", 1)[-1]},
                )
        numbers = [
            (row.code, data.get(f"{row.key}_number"))
            for row in self.plan_rows
            if row.session and data.get(f"{row.key}_number")
        ]
        for code, number in sorted(set(numbers)):
            if numbers.count((code, number)) > 1:
                self.add_error(
                    None, _("%(code)s session %(number)s is given twice") % {"code": code, "number": number}
                )
        return data

    def rows(self):
        return [
            (
                row,
                self[f"{row.key}_number"] if row.session else None,
                self[f"{row.key}_start"],
                self[f"{row.key}_end"],
                self[f"{row.key}_chair"],
            )
            for row in self.plan_rows
        ]

    def _label(self, row: PlanRow) -> str | None:
        if not row.session:
            return row.code
        number = self.cleaned_data.get(f"{row.key}_number")
        return f"{row.code}{number}" if number else None

    def dates(self) -> dict:
        data = self.cleaned_data
        out = {}
        for row in self.plan_rows:
            label = self._label(row)
            if label and data.get(f"{row.key}_start") and data.get(f"{row.key}_end"):
                out[label] = (data[f"{row.key}_start"], data[f"{row.key}_end"])
        return out

    def chair_groups(self) -> dict:
        out = {}
        for row in self.plan_rows:
            label = self._label(row)
            if label and self.cleaned_data.get(f"{row.key}_chair"):
                out[label] = self.cleaned_data[f"{row.key}_chair"]
        return out
