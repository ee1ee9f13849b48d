"""Forms of the report pages: they check the input's shape only; the rules are the domain's
(plenary.reports.domain)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES
from plenary.reports.domain import MAX_PARAGRAPH

DATE = forms.DateInput(attrs={"type": "date"})
RTL = {"ar"}


class DraftReportForm(forms.Form):
    symbol = forms.CharField(
        label=_("Symbol of the draft (empty: the next conference room paper)"), required=False, max_length=100
    )


class ParagraphForm(forms.Form):
    """A written paragraph in the six languages (text_ar ... text_es) and, when added, its place."""

    position = forms.IntegerField(label=_("Place in the section (empty: last)"), required=False)

    def __init__(self, *args, initial_text: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for code in UN_LANGUAGES:
            attrs = {"rows": 4, "lang": code, "dir": "rtl" if code in RTL else "ltr", "cols": 80}
            self.fields[f"text_{code}"] = forms.CharField(
                # A little more than the domain allows, so that the domain says how long is too long.
                label=f"{code.upper()} ({LANGUAGE_NAMES_EN[code]})",
                required=False,
                max_length=MAX_PARAGRAPH * 2,
                strip=False,
                widget=forms.Textarea(attrs=attrs),
                initial=(initial_text or {}).get(code, ""),
            )

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text_{code}") or "" for code in UN_LANGUAGES}


class MoveParagraphForm(forms.Form):
    position = forms.IntegerField(label=_("Place"))
    section = forms.CharField(label=_("Section"), required=False, max_length=40)


class AdoptForm(forms.Form):
    on = forms.DateField(label=_("Adopted on"), widget=DATE)
    orally_amended = forms.BooleanField(required=False, label=_("as orally amended"))


class IssueForm(forms.Form):
    final = forms.ChoiceField(label=_("Final symbol"), required=False)
    on = forms.DateField(label=_("Issued on"), widget=DATE)

    def __init__(self, *args, symbols: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["final"].choices = symbols
