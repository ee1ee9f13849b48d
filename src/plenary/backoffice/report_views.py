"""The report of a meeting in the back office: build the draft (a CRP) from the records, write
the paragraphs the records cannot give in the six languages, preview the draft in each language,
adopt it ("as orally amended"), issue it under its final symbol, and correct it afterwards by a
revision or a corrigendum. Thin: forms check the shape, one domain function acts, its DomainError
comes back to the page (400; 403 not allowed, 404 not found, 409 frozen)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plenary.backoffice.forms import ModifierForm
from plenary.backoffice.report_forms import (
    AdoptForm,
    DraftReportForm,
    IssueForm,
    MoveParagraphForm,
    ParagraphForm,
)
from plenary.backoffice.views import _meeting, staff_only
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, Frozen, NotAllowed, NotFound
from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES, in_un_order, normalize_lang, reader_lang
from plenary.documents.domain import issue_modifier
from plenary.documents.models import Document, IssuedFile
from plenary.reports.domain import (
    AKN,
    REPORT_FORMATS,
    adopt_report,
    draft_report,
    issue_report,
    move_paragraph,
    remove_paragraph,
    revise_report,
    update_paragraph,
    write_paragraph,
)
from plenary.reports.models import Report
from plenary.reports.queries import (
    draft_preview,
    issue_symbol_choices,
    records_changed,
    report_of,
    written_paragraphs,
)
from plenary.web.headers import STORED_HTML_POLICY


def _status(exc: DomainError) -> int:
    if isinstance(exc, NotAllowed):
        return 403
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Frozen):
        return 409
    return 400


@require_http_methods(["GET", "POST"])
@staff_only
def report(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    rep = report_of(m)
    symbols = issue_symbol_choices(m)
    next_final = symbols[0][1]
    symbols[0] = ("", _("%(symbol)s (the next free number)") % {"symbol": next_final})
    action = request.POST.get("action") if request.method == "POST" else None
    draft_form = DraftReportForm(request.POST if action == "draft" else None, prefix="draft")
    adopt_form = AdoptForm(request.POST if action == "adopt" else None, prefix="adopt")
    issue_form = IssueForm(request.POST if action == "issue" else None, prefix="issue", symbols=symbols)
    modifier_form = ModifierForm(
        request.POST if action == "modifier" else None,
        request.FILES if action == "modifier" else None,
        prefix="modifier",
    )
    status = 200
    if action == "draft":
        if rep is not None:
            messages.error(request, _("%(series)s already has a report on record.") % {"series": m.series})
            status = 400
        elif draft_form.is_valid():
            try:
                rep = draft_report(m, symbol=draft_form.cleaned_data["symbol"] or None, by=actor_of(request))
            except DomainError as exc:
                draft_form.add_error(None, str(exc))
                status = _status(exc)
            else:
                messages.success(
                    request,
                    _("The draft report %(symbol)s is built from the records of %(series)s.")
                    % {"symbol": rep.draft.symbol, "series": m.series},
                )
                return redirect("backoffice:report", series=m.series)
        else:
            status = 400
    elif action and rep is None:
        messages.error(request, _("%(series)s has no report on record.") % {"series": m.series})
        status = 400
    elif action == "adopt":
        if adopt_form.is_valid():
            try:
                adopt_report(
                    rep,
                    on=adopt_form.cleaned_data["on"],
                    orally_amended=adopt_form.cleaned_data["orally_amended"],
                    by=actor_of(request),
                )
            except DomainError as exc:
                adopt_form.add_error(None, str(exc))
            else:
                messages.success(request, _("The report is adopted."))
                return redirect("backoffice:report", series=m.series)
        status = 422
    elif action == "issue":
        if issue_form.is_valid():
            try:
                issue_report(
                    rep,
                    final=issue_form.cleaned_data["final"] or None,
                    on=issue_form.cleaned_data["on"],
                    by=actor_of(request),
                )
            except DomainError as exc:
                issue_form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "The report is issued as %(symbol)s: its files are stored in six languages and five "
                        "formats (txt, html, docx, pdf, akn)."
                    )
                    % {"symbol": rep.final.symbol},
                )
                return redirect("backoffice:report", series=m.series)
        status = 422
    elif action == "revise":
        try:
            revision = revise_report(rep, by=actor_of(request))
        except DomainError as exc:
            messages.error(request, str(exc))
            status = 422
        else:
            messages.success(request, f"Issued {revision.symbol}, rendered from the records as they are now.")
            return redirect("backoffice:report", series=m.series)
    elif action == "modifier":
        if rep.final is None:
            messages.error(request, "The report is not issued yet: change the draft instead.")
            status = 422
        elif modifier_form.is_valid():
            try:
                issued = issue_modifier(
                    rep.final,
                    kind=modifier_form.cleaned_data["kind"],
                    files=modifier_form.files_by_language(),
                    by=actor_of(request),
                )
            except DomainError as exc:
                modifier_form.add_error(None, str(exc))
            else:
                messages.success(request, f"Issued {issued.symbol}.")
                return redirect("backoffice:report", series=m.series)
            status = 422
        else:
            status = 422
    elif action is not None:
        messages.error(request, _("Unknown action."))
        status = 400
    lang = reader_lang()
    return render(
        request,
        "backoffice/report.html",
        {
            "meeting": m,
            "report": rep,
            "draft_form": draft_form,
            "adopt_form": adopt_form,
            "issue_form": issue_form,
            "modifier_form": modifier_form,
            "next_final": next_final,
            "sections": written_paragraphs(rep, lang) if rep is not None and rep.status == "draft" else [],
            "previews": [(code, LANGUAGE_NAMES_EN[code]) for code in UN_LANGUAGES],
            **_report_files(rep),
        },
        status=status,
    )


def _report_files(rep: Report | None) -> dict:
    """The report's files as the page lists them: stored ones (with their SHA-256) once issued,
    else the draft rendered on request; whether the records now differ from what was issued."""
    if rep is None or not (rep.final or rep.draft):
        return {"builds": [], "stored": [], "changed": None, "modifiers": []}
    symbol = (rep.final or rep.draft).symbol
    issued = rep.status == Report.Status.ISSUED and rep.final is not None
    formats = (*REPORT_FORMATS, AKN) if issued else REPORT_FORMATS
    builds = [
        {
            "lang": lang,
            "name": LANGUAGE_NAMES_EN[lang],
            "links": [(fmt, f"/api/reports/{symbol}.{fmt}?lang={lang}") for fmt in formats],
        }
        for lang in UN_LANGUAGES
    ]
    if not issued:
        return {"builds": builds, "stored": [], "changed": None, "modifiers": []}
    stored = list(IssuedFile.objects.filter(document=rep.final).values("lang", "fmt", "sha256", "size"))
    order = {lang: i for i, lang in enumerate(UN_LANGUAGES)}
    stored.sort(key=lambda row: (order.get(row["lang"], 9), row["fmt"]))
    modifiers = list(Document.objects.filter(parent=rep.final).order_by("issued_on", "id"))
    return {"builds": builds, "stored": stored, "changed": records_changed(rep), "modifiers": modifiers}


def _paragraph_id(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("paragraph", ""))
    except ValueError:
        raise NotFound(_("no such paragraph")) from None


@require_http_methods(["GET", "POST"])
@staff_only
def paragraphs(request: HttpRequest, series: str) -> HttpResponse:
    """The paragraphs the secretariat writes, per section of the report, in the six languages."""
    m = _meeting(series)
    rep = report_of(m)
    if rep is None:
        raise Http404(f"{m.series} has no report on record")
    status = 200
    errors: dict[str, list[str]] = {}  # by form: "add-<section>" or "p-<id>"
    bound: dict[str, ParagraphForm] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        section = request.POST.get("section", "")
        target = f"add-{section}" if action == "write" else f"p-{request.POST.get('paragraph', '')}"
        by = actor_of(request)
        try:
            if action in ("write", "update"):
                form = ParagraphForm(request.POST, prefix=target)
                bound[target] = form
                if not form.is_valid():
                    raise DomainError("; ".join(str(e) for errs in form.errors.values() for e in errs))
                if action == "write":
                    write_paragraph(
                        rep, section=section, text=form.texts(), position=form.cleaned_data["position"], by=by
                    )
                    messages.success(request, _("The paragraph is written."))
                else:
                    update_paragraph(rep, _paragraph_id(request), text=form.texts(), by=by)
                    messages.success(request, _("The paragraph is saved."))
            elif action == "move":
                form = MoveParagraphForm(request.POST)
                if not form.is_valid():
                    raise DomainError(_("Say where the paragraph goes (a place from 1)."))
                move_paragraph(
                    rep,
                    _paragraph_id(request),
                    position=form.cleaned_data["position"],
                    section=form.cleaned_data["section"] or None,
                    by=by,
                )
                messages.success(request, _("The paragraph is moved."))
            elif action == "remove":
                remove_paragraph(rep, _paragraph_id(request), by=by)
                messages.success(request, _("The paragraph is removed."))
            else:
                raise DomainError(_("Unknown action."))
        except DomainError as exc:
            errors.setdefault(target, []).append(str(exc))
            status = _status(exc)
        else:
            return redirect("backoffice:report_paragraphs", series=m.series)
    lang = reader_lang()
    sections = []
    for part in written_paragraphs(rep, lang):
        add_key = f"add-{part.key}"
        sections.append(
            {
                "key": part.key,
                "title": part.title,
                "paragraphs": [
                    {
                        "paragraph": p,
                        "texts": in_un_order(p.text),
                        "form": bound.get(f"p-{p.pk}")
                        or ParagraphForm(prefix=f"p-{p.pk}", initial_text=p.text),
                        "errors": errors.get(f"p-{p.pk}", []),
                    }
                    for p in part.paragraphs
                ],
                "add_form": bound.get(add_key) or ParagraphForm(prefix=add_key),
                "add_errors": errors.get(add_key, []),
            }
        )
    other_errors = [e for key, errs in errors.items() if key not in _shown_keys(sections) for e in errs]
    return render(
        request,
        "backoffice/report_paragraphs.html",
        {
            "meeting": m,
            "report": rep,
            "sections": sections,
            "section_keys": [(s["key"], s["title"]) for s in sections],
            "other_errors": other_errors,
            "editable": rep.status == Report.Status.DRAFT,
            "previews": [(code, LANGUAGE_NAMES_EN[code]) for code in UN_LANGUAGES],
        },
        status=status,
    )


def _shown_keys(sections: list[dict]) -> set[str]:
    keys = {f"add-{s['key']}" for s in sections}
    keys |= {f"p-{row['paragraph'].pk}" for s in sections for row in s["paragraphs"]}
    return keys


@require_GET
@staff_only
def preview(request: HttpRequest, series: str, lang: str) -> HttpResponse:
    """The report as it stands, in one language, as an HTML page (rendered now, stored nowhere)."""
    m = _meeting(series)
    rep = report_of(m)
    if rep is None:
        raise Http404(f"{m.series} has no report on record")
    try:
        code = normalize_lang(lang)
    except ValueError as exc:
        raise Http404(str(exc)) from None
    response = HttpResponse(draft_preview(rep, code), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    # A page of its own, styled inline as the issued HTML is: the stored files' policy.
    response["Content-Security-Policy"] = STORED_HTML_POLICY
    return response
