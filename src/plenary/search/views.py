"""The search page: a form, the hits, and search as you type (htmx swaps in `_results.html`)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import get_script_prefix
from django.utils.translation import get_language, get_language_from_path
from django.utils.translation import gettext_lazy as _

from plenary.core.languages import UN_LANGUAGES, normalize_lang
from plenary.search.models import SearchEntry
from plenary.search.query import QueryError, search, symbol_target

PAGE_SIZE = 20

# Each language named in itself, as UN sites list them.
LANGUAGE_NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
# The lang attribute of a hit's text (Chinese is written in simplified characters at the UN).
HTML_LANG = {"zh": "zh-Hans"}
KIND_LABELS = {
    "document": _("Document"),
    "meeting": _("Meeting"),
    "statement": _("Statement"),
    "paragraph": _("Report paragraph"),
    "state": _("State"),
}


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200)
    kind = forms.ChoiceField(required=False)
    meeting = forms.ChoiceField(required=False)
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    doc_type = forms.ChoiceField(required=False)
    language = forms.ChoiceField(required=False)
    submitter = forms.RegexField(required=False, regex=r"^\s*[A-Za-z0-9_-]{2,40}\s*$")
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        any_ = [("", _("any"))]
        # The choices are what the index holds: three small queries.
        self.fields["kind"].choices = any_ + list(KIND_LABELS.items())
        series = SearchEntry.objects.exclude(series="").values_list("series", flat=True).distinct()
        self.fields["meeting"].choices = any_ + [(s, s) for s in sorted(set(series))]
        years = SearchEntry.objects.exclude(year=None).values_list("year", flat=True).distinct()
        self.fields["year"].choices = any_ + [(str(y), str(y)) for y in sorted(set(years))]
        types = SearchEntry.objects.exclude(doc_type="").values_list("doc_type", flat=True).distinct()
        self.fields["doc_type"].choices = any_ + [(t, t) for t in sorted(set(types))]
        self.fields["language"].choices = any_ + [(code, LANGUAGE_NAMES[code]) for code in UN_LANGUAGES]


def _language_prefix(request: HttpRequest) -> str:
    """The path prefix of the request's language ("/zh-hans", or "" for the default language
    without prefix), after the script prefix: links and redirects stay in the reader's language."""
    code = get_language_from_path(request.path_info)
    return get_script_prefix().rstrip("/") + (f"/{code}" if code else "")


def _reader_lang(request: HttpRequest) -> str:
    try:
        return normalize_lang(getattr(request, "LANGUAGE_CODE", None) or get_language() or "en")
    except ValueError:
        return "en"


def search_page(request: HttpRequest) -> HttpResponse:
    """GET /search/?q=...&kind=&meeting=&year=&doc_type=&language=&submitter=&page=

    A symbol of a recorded document, submitted as the query, redirects (302) to the document's
    page. An htmx request (HX-Request header, search as you type) gets only the results
    fragment and is never redirected: a symbol typed half-way must not navigate away."""
    lang = _reader_lang(request)
    prefix = _language_prefix(request)
    form = SearchForm(request.GET or None)
    data = _valid_part(form)
    q = (data.get("q") or "").strip()
    partial = bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )
    if q and not partial:
        target = symbol_target(q)
        if target:
            return HttpResponseRedirect(prefix + target)
    page = data.get("page") or 1
    filters = {
        "kind": data.get("kind") or None,
        "meeting": data.get("meeting") or None,
        "year": data.get("year") or None,
        "doc_type": data.get("doc_type") or None,
        "submitter": (data.get("submitter") or "").strip() or None,
        "language": data.get("language") or None,
    }
    searched = bool(q) or any(filters.values())
    status = 200
    try:
        results = (
            search(q, lang=lang, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
            if searched
            else None
        )
    except QueryError:  # a query the index will not run: the form again, and no hits
        results, status = None, 400
    context = {
        "form": form,
        "q": q,
        "searched": searched,
        "results": results,
        "rows": _rows(results, lang, prefix) if results else [],
        "reader_lang": lang,
        "prefix": prefix,
        "page": page,
        "offset": (page - 1) * PAGE_SIZE,
        "previous_url": _page_url(request, page - 1) if page > 1 else None,
        "next_url": _page_url(request, page + 1) if results and results.total > page * PAGE_SIZE else None,
    }
    template = "search/_results.html" if partial else "search/search.html"
    response = render(request, template, context, status=status)
    response["Vary"] = "HX-Request"  # the same URL answers with a page or a fragment
    return response


def _valid_part(form: SearchForm) -> dict:
    """The valid fields: an invalid filter (an unknown year) is ignored, not an error."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return getattr(form, "cleaned_data", {})


def _rows(results, lang: str, prefix: str) -> list[dict]:
    return [
        {
            "hit": hit,
            "href": prefix + hit.url,
            "kind_label": KIND_LABELS.get(hit.kind, hit.kind),
            "other_language": hit.lang != lang,
            "language_name": LANGUAGE_NAMES.get(hit.lang, hit.lang),
            "html_lang": HTML_LANG.get(hit.lang, hit.lang),
            "dir": "rtl" if hit.lang == "ar" else "ltr",
            "show_key": hit.kind in ("document", "meeting"),
            # The meeting the hit belongs to (a meeting's own hit names it already; a document
            # of a series with no meeting on record links to none).
            "meeting_href": f"{prefix}/meetings/{hit.series}/" if _of_a_meeting(hit) else None,
        }
        for hit in results.hits
    ]


def _of_a_meeting(hit) -> bool:
    if not hit.series or hit.kind in ("meeting", "state"):
        return False
    return hit.start is not None or hit.kind != "document"


def _page_url(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return f"{request.path}?{params.urlencode()}"
