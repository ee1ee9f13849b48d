"""The back office's agenda and programme of work: the editor of the items and sub-items (titles
in the six languages), the editor of the sittings and what each takes up, previews and the issue
of the provisional agenda (/1) and programme of work (/2), and the adoption of the agenda.

Thin, as the rest of the back office: a form checks the input's shape, one domain function acts;
its DomainError comes back on the page with 400 (409 when the record is frozen)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from plenary.backoffice.views import _entry_row, _meeting, _plain, staff_only
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, Frozen, NotAllowed
from plenary.core.languages import UN_LANGUAGES, pick_text, reader_lang
from plenary.core.models import AuditEntry
from plenary.documents.models import Document, IssuedFile
from plenary.exports import files as export_files
from plenary.exports.views import serve
from plenary.meetings import agenda as agenda_domain
from plenary.meetings.models import AgendaItem, Meeting, PlannedSitting, ProgrammeEntry
from plenary.meetings.queries import agenda_of, programme_of
from plenary.reports import agenda as agenda_documents
from plenary.reports.render import FORMATS
from plenary.web.headers import STORED_HTML_POLICY
from plenary.web.languages import LANGUAGE_CHOICES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
PREVIEW_FORMATS = ("pdf", "docx", "html", "txt")


# -- forms ---------------------------------------------------------------------------------------


class _Texts(forms.Form):
    """One text field per UN language: title_ar ... title_es (or subject_..., note_...)."""

    text_prefix = "title"
    text_label = gettext_lazy("Title")
    text_max = agenda_domain.MAX_TITLE * 2  # the domain says what is too long, in one line

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in UN_LANGUAGES:
            self.fields[f"{self.text_prefix}_{code}"] = forms.CharField(
                label=f"{self.text_label} ({code})",
                required=False,
                max_length=self.text_max,
                widget=forms.TextInput(
                    attrs={"lang": code, "dir": "rtl" if code == "ar" else "ltr", "size": 60}
                ),
            )

    def text_fields(self):
        return [self[f"{self.text_prefix}_{code}"] for code in UN_LANGUAGES]

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{self.text_prefix}_{code}") or "" for code in UN_LANGUAGES}


class AmendmentMixin(forms.Form):
    amendment = forms.CharField(
        label=gettext_lazy("Reason of the amendment (once the agenda is adopted)"),
        required=False,
        max_length=1000,
    )


class AddItemForm(AmendmentMixin, _Texts):
    parent = forms.IntegerField(required=False, widget=forms.Select)
    number = forms.IntegerField(label=gettext_lazy("Number (empty: last)"), required=False)


class EditItemForm(AmendmentMixin, _Texts):
    pass


class MoveItemForm(AmendmentMixin):
    parent = forms.IntegerField(required=False, widget=forms.Select)
    number = forms.IntegerField(label=gettext_lazy("Number"))


class RemoveItemForm(AmendmentMixin):
    pass


class AdoptAgendaForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Adopted on"), widget=DATE)
    orally_amended = forms.BooleanField(label=gettext_lazy("as orally amended"), required=False)


class IssueForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Date of issue"), widget=DATE)
    symbol = forms.CharField(
        label=gettext_lazy("Symbol (empty: the standard one)"), required=False, max_length=200
    )
    original_language = forms.ChoiceField(
        label=gettext_lazy("Original language"), choices=LANGUAGE_CHOICES, initial="en"
    )


class SittingForm(_Texts):
    text_prefix = "note"
    text_label = gettext_lazy("Note")
    text_max = agenda_domain.MAX_NOTE * 2
    date = forms.DateField(label=gettext_lazy("Day"), widget=DATE)
    period = forms.ChoiceField(label=gettext_lazy("Period"), choices=PlannedSitting.Period.choices)
    opens = forms.TimeField(label=gettext_lazy("Opens"), required=False, widget=TIME)
    closes = forms.TimeField(label=gettext_lazy("Closes"), required=False, widget=TIME)


class ChangeSittingForm(SittingForm):
    pass


class EntryForm(_Texts):
    text_prefix = "subject"
    text_label = gettext_lazy("Subject")
    agenda_item = forms.IntegerField(label=gettext_lazy("Agenda item"), required=False, widget=forms.Select)
    position = forms.IntegerField(label=gettext_lazy("Place (empty: last)"), required=False)


class MoveEntryForm(forms.Form):
    sitting = forms.IntegerField(widget=forms.Select)
    position = forms.IntegerField(label=gettext_lazy("Place"))


# -- helpers -------------------------------------------------------------------------------------


def _status(exc: DomainError) -> int:
    if isinstance(exc, NotAllowed):
        return 403
    if isinstance(exc, Frozen):
        return 409
    return 400


def _item_choices(m: Meeting, lang: str, *, top: str) -> list[tuple[str, str]]:
    rows = [("", top)]
    for item, _subs in agenda_of(m):
        rows.append((str(item.pk), f"{item.label}. {pick_text(item.title, lang)[:60]}"))
    return rows


def _all_item_choices(m: Meeting, lang: str) -> list[tuple[str, str]]:
    rows = [("", _("(a subject of its own)"))]
    for item, subs in agenda_of(m):
        for row in (item, *subs):
            rows.append((str(row.pk), f"{row.label}. {pick_text(row.title, lang)[:60]}"))
    return rows


def _set_choices(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    field.widget = forms.Select(choices=choices)


def _item(m: Meeting, pk: int | None) -> AgendaItem:
    """An item of this meeting's agenda (404 otherwise): the one a form edits, moves or removes."""
    return get_object_or_404(AgendaItem.objects.select_related("meeting", "parent"), pk=pk, meeting=m)


def _named_item(pk: int | None) -> AgendaItem | None:
    """An item a form names as a parent or an entry (any meeting's: the domain says when it is
    not this meeting's)."""
    if pk is None:
        return None
    return get_object_or_404(AgendaItem.objects.select_related("meeting", "parent"), pk=pk)


def _sitting(m: Meeting, pk: int | None) -> PlannedSitting:
    return get_object_or_404(PlannedSitting.objects.select_related("meeting"), pk=pk, meeting=m)


def _documents(m: Meeting, which: str) -> dict:
    """The issued document of `which` and its revisions, with their stored files."""
    document = agenda_documents.issued_document(m, which)
    if document is None:
        return {"issued": None, "issues": []}
    family = [document, *Document.objects.filter(parent=document).order_by("issued_on", "id")]
    files: dict[int, list[IssuedFile]] = {}
    order = {lang: i for i, lang in enumerate(UN_LANGUAGES)}
    for row in IssuedFile.objects.filter(document__in=family).order_by("id"):
        files.setdefault(row.document_id, []).append(row)
    link = reverse("backoffice:agenda_file", kwargs={"series": m.series})
    issues = [
        {
            "document": d,
            "files": [
                {
                    "lang": row.lang,
                    "fmt": row.fmt,
                    "sha256": row.sha256,
                    "size": row.size,
                    "url": f"{link}?symbol={d.symbol}&lang={row.lang}&fmt={row.fmt}",
                }
                for row in sorted(files.get(d.pk, []), key=lambda r: (order.get(r.lang, 9), r.fmt))
            ],
        }
        for d in family
    ]
    return {"issued": document, "issues": issues}


def _previews(m: Meeting, which: str) -> list[dict]:
    link = reverse("backoffice:agenda_preview", kwargs={"series": m.series})
    return [
        {
            "lang": lang,
            "links": [(fmt, f"{link}?which={which}&lang={lang}&fmt={fmt}") for fmt in PREVIEW_FORMATS],
        }
        for lang in UN_LANGUAGES
    ]


def _trail(m: Meeting) -> list[dict]:
    """The audit entries of the agenda, the programme of work, their documents and the adoption."""
    where = Q(object_type="meetings.Meeting", object_id=str(m.pk)) & (
        Q(action__startswith="agenda.") | Q(action__startswith="programme.")
    )
    for label, rows in (
        ("meetings.AgendaItem", AgendaItem.objects.filter(meeting=m)),
        ("meetings.PlannedSitting", PlannedSitting.objects.filter(meeting=m)),
        ("meetings.ProgrammeEntry", ProgrammeEntry.objects.filter(sitting__meeting=m)),
        (
            "documents.Document",
            Document.objects.filter(meeting=m).filter(
                Q(generated__in=["agenda", "programme"]) | Q(parent__generated__in=["agenda", "programme"])
            ),
        ),
    ):
        ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
        if ids:
            where |= Q(object_type=label, object_id__in=ids)
    return [_entry_row(e) for e in AuditEntry.objects.filter(where).order_by("-at", "-id")[:200]]


def _pk(data, key: str = "pk") -> int | None:
    value = (data.get(key) or "").strip()
    return int(value) if value.isdigit() and len(value) < 12 else None


def _issue(request: HttpRequest, m: Meeting, which: str, form: IssueForm, action: str) -> bool | str:
    """Issue (or revise) the document: True when done; a str when the form is not filled in;
    DomainError from the domain."""
    by = actor_of(request)
    if action == "revise":
        document = agenda_documents.revise_agenda_document(m, which, by=by)
    else:
        if not form.is_valid():
            return _("Give the date of issue.")
        d = form.cleaned_data
        document = agenda_documents.issue_agenda_document(
            m,
            which,
            symbol=d["symbol"].strip() or None,
            on=d["on"],
            original_language=d["original_language"],
            by=by,
        )
    messages.success(
        request, _("Issued %(symbol)s in six languages and four formats.") % {"symbol": document.symbol}
    )
    return True


def _run(step: Callable[[], bool | str]) -> tuple[bool, str | None, int]:
    """Run one action: (done, error, status)."""
    try:
        result = step()
    except DomainError as exc:
        return False, str(exc), _status(exc)
    if result is True:
        return True, None, 200
    return False, str(result), 400


# -- the agenda ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_only
def agenda(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    lang = reader_lang()
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if action else None
    top = _("(an item of the agenda)")
    forms_: dict[str, forms.Form] = {
        "add": AddItemForm(data if action == "add" else None, prefix="add"),
        "adopt": AdoptAgendaForm(data if action == "adopt" else None, prefix="adopt"),
        "issue": IssueForm(data if action == "issue" else None, prefix="issue"),
    }
    _set_choices(forms_["add"].fields["parent"], _item_choices(m, lang, top=top))
    bound: forms.Form | None = None
    if action in ("edit", "move", "remove"):
        bound = {"edit": EditItemForm, "move": MoveItemForm, "remove": RemoveItemForm}[action](
            data, prefix=f"i{_pk(data)}"
        )
        if "parent" in bound.fields:
            _set_choices(bound.fields["parent"], _item_choices(m, lang, top=top))
    error, status = None, 200
    if action is not None:
        done, error, status = _run(lambda: _agenda_action(request, m, action, forms_, bound))
        if done:
            return redirect("backoffice:agenda", series=m.series)
        target = bound if bound is not None else forms_.get(action)
        if target is not None and error:
            target.add_error(None, error)
            error = None
    rows = []
    for item, subs in agenda_of(m):
        for row in (item, *subs):
            mine = bound if bound is not None and _pk(data) == row.pk else None
            rows.append(_item_row(m, row, lang, mine, top))
    return render(
        request,
        "backoffice/agenda.html",
        {
            "meeting": m,
            "rows": rows,
            "forms": forms_,
            "error": error,
            "adopted_on": agenda_domain.adopted_on(m),
            "problems": agenda_documents.problems(m, "agenda"),
            "previews": _previews(m, "agenda"),
            "trail": _trail(m),
            **_documents(m, "agenda"),
        },
        status=status,
    )


def _agenda_action(request, m: Meeting, action: str, forms_: dict, bound) -> bool | str:
    by = actor_of(request)
    if action == "add":
        form = forms_["add"]
        if not form.is_valid():
            return _("Check the fields of the new item.")
        d = form.cleaned_data
        agenda_domain.add_agenda_item(
            m,
            title=form.texts(),
            parent=_named_item(d["parent"]),
            number=d["number"],
            by=by,
            amendment=d["amendment"],
        )
        messages.success(request, _("The item is on the agenda."))
        return True
    if action in ("edit", "move", "remove"):
        item = _item(m, _pk(request.POST))
        if not bound.is_valid():
            return _("Check the fields of item %(item)s.") % {"item": item.label}
        d = bound.cleaned_data
        if action == "edit":
            agenda_domain.edit_agenda_item(item, title=bound.texts(), by=by, amendment=d["amendment"])
            messages.success(request, _("Item %(item)s is saved.") % {"item": item.label})
        elif action == "move":
            agenda_domain.move_agenda_item(
                item, number=d["number"], parent=_named_item(d["parent"]), by=by, amendment=d["amendment"]
            )
            messages.success(request, _("The agenda is renumbered."))
        else:
            label = item.label
            agenda_domain.remove_agenda_item(item, by=by, amendment=d["amendment"])
            messages.success(request, _("Item %(item)s is taken off the agenda.") % {"item": label})
        return True
    if action == "adopt":
        form = forms_["adopt"]
        if not form.is_valid():
            return _("Give the day the agenda was adopted.")
        agenda_documents.adopt_agenda(
            m, on=form.cleaned_data["on"], orally_amended=form.cleaned_data["orally_amended"], by=by
        )
        messages.success(request, _("The adoption of the agenda is recorded."))
        return True
    if action in ("issue", "revise"):
        return _issue(request, m, "agenda", forms_["issue"], action)
    return _("Unknown action.")


def _item_row(m: Meeting, item: AgendaItem, lang: str, bound: forms.Form | None, top: str) -> dict:
    prefix = f"i{item.pk}"
    initial = {f"title_{code}": item.title.get(code, "") for code in UN_LANGUAGES}
    edit = bound if isinstance(bound, EditItemForm) else EditItemForm(initial=initial, prefix=prefix)
    move = (
        bound
        if isinstance(bound, MoveItemForm)
        else MoveItemForm(initial={"parent": item.parent_id or "", "number": item.number}, prefix=prefix)
    )
    _set_choices(move.fields["parent"], _item_choices(m, lang, top=top))
    remove = bound if isinstance(bound, RemoveItemForm) else RemoveItemForm(prefix=prefix)
    return {
        "item": item,
        "sub": item.parent_id is not None,
        "title": pick_text(item.title, lang),
        "missing": agenda_domain.missing_languages(item.title),
        "edit": edit,
        "move": move,
        "remove": remove,
        "errors": bound.non_field_errors() if bound is not None else [],
    }


# -- the programme of work -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_only
def programme(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    lang = reader_lang()
    action = request.POST.get("action") if request.method == "POST" else None
    data = request.POST if action else None
    add_form = SittingForm(data if action == "add_sitting" else None, prefix="sitting")
    issue_form = IssueForm(data if action == "issue" else None, prefix="issue")
    item_choices = _all_item_choices(m, lang)
    sittings_now = programme_of(m)
    sitting_choices = [(str(s.pk), _("sitting %(n)s") % {"n": s.number}) for s in sittings_now]
    # The form the POST fills in, under the prefix of its sitting or entry.
    pk = _pk(data) if data else None
    bound: forms.Form | None = None
    if action == "change_sitting":
        bound = ChangeSittingForm(data, prefix=f"s{pk}")
    elif action == "add_entry":
        bound = EntryForm(data, prefix=f"e{pk}")
        _set_choices(bound.fields["agenda_item"], item_choices)
    elif action == "move_entry":
        bound = MoveEntryForm(data, prefix=f"m{pk}")
        _set_choices(bound.fields["sitting"], sitting_choices)
    error, status = None, 200
    if action is not None:
        done, error, status = _run(
            lambda: _programme_action(
                request, m, action, pk, {"add_sitting": add_form, "issue": issue_form}, bound
            )
        )
        if done:
            return redirect("backoffice:programme", series=m.series)
        target = bound if bound is not None else {"add_sitting": add_form, "issue": issue_form}.get(action)
        if target is not None and error:
            target.add_error(None, error)
            error = None
    sittings = []
    for s in programme_of(m):
        change = ChangeSittingForm(
            initial={
                "date": s.date,
                "period": s.period,
                "opens": s.opens,
                "closes": s.closes,
                **{f"note_{code}": s.note.get(code, "") for code in UN_LANGUAGES},
            },
            prefix=f"s{s.pk}",
        )
        entry_form = EntryForm(prefix=f"e{s.pk}")
        _set_choices(entry_form.fields["agenda_item"], item_choices)
        if isinstance(bound, ChangeSittingForm) and pk == s.pk:
            change = bound
        if isinstance(bound, EntryForm) and pk == s.pk:
            entry_form = bound
        entries = []
        for e in s.entries.all():
            move = MoveEntryForm(initial={"sitting": s.pk, "position": e.position + 1}, prefix=f"m{e.pk}")
            _set_choices(move.fields["sitting"], sitting_choices)
            if isinstance(bound, MoveEntryForm) and pk == e.pk:
                move = bound
            entries.append(
                {
                    "entry": e,
                    "label": agenda_documents.item_label(e.agenda_item, lang) if e.agenda_item_id else "",
                    "text": pick_text(e.agenda_item.title if e.agenda_item_id else e.subject, lang),  # type: ignore[union-attr]
                    "move": move,
                }
            )
        sittings.append(
            {
                "sitting": s,
                "day": agenda_documents.day_heading(s.date, lang),
                "time": agenda_documents.sitting_time(s, lang),
                "change": change,
                "entry_form": entry_form,
                "entries": entries,
            }
        )
    return render(
        request,
        "backoffice/agenda_programme.html",
        {
            "meeting": m,
            "sittings": sittings,
            "add_form": add_form,
            "issue_form": issue_form,
            "error": error,
            "problems": agenda_documents.problems(m, "programme"),
            "previews": _previews(m, "programme"),
            "trail": _trail(m),
            **_documents(m, "programme"),
        },
        status=status,
    )


def _programme_action(request, m: Meeting, action: str, pk: int | None, forms_: dict, bound) -> bool | str:
    by = actor_of(request)
    if action == "add_sitting":
        form = forms_["add_sitting"]
        if not form.is_valid():
            return _("Give the day and the period of the sitting.")
        d = form.cleaned_data
        agenda_domain.plan_sitting(
            m,
            date=d["date"],
            period=d["period"],
            opens=d["opens"],
            closes=d["closes"],
            note=form.texts(),
            by=by,
        )
        messages.success(request, _("The sitting is on the programme of work."))
        return True
    if action == "change_sitting":
        sitting = _sitting(m, pk)
        if not bound.is_valid():
            return _("Give the day and the period of the sitting.")
        d = bound.cleaned_data
        agenda_domain.change_sitting(
            sitting,
            date=d["date"],
            period=d["period"],
            opens=d["opens"],
            closes=d["closes"],
            note=bound.texts(),
            by=by,
        )
        messages.success(request, _("The sitting is saved."))
        return True
    if action == "remove_sitting":
        agenda_domain.remove_planned_sitting(_sitting(m, pk), by=by)
        messages.success(request, _("The sitting is taken off the programme of work."))
        return True
    if action == "add_entry":
        sitting = _sitting(m, pk)
        if not bound.is_valid():
            return _("Choose an agenda item or give a subject.")
        d = bound.cleaned_data
        agenda_domain.add_programme_entry(
            sitting,
            agenda_item=_named_item(d["agenda_item"]),
            subject=bound.texts(),
            position=d["position"],
            by=by,
        )
        messages.success(request, _("The entry is on the programme of work."))
        return True
    if action in ("move_entry", "remove_entry"):
        entry = get_object_or_404(
            ProgrammeEntry.objects.select_related("sitting__meeting"), pk=pk, sitting__meeting=m
        )
        if action == "remove_entry":
            agenda_domain.remove_programme_entry(entry, by=by)
            messages.success(request, _("The entry is taken off the programme of work."))
            return True
        if not bound.is_valid():
            return _("Give the sitting and the place.")
        d = bound.cleaned_data
        agenda_domain.move_programme_entry(
            entry, position=d["position"], sitting=_sitting(m, d["sitting"]), by=by
        )
        messages.success(request, _("The programme of work is in its new order."))
        return True
    if action in ("issue", "revise"):
        return _issue(request, m, "programme", forms_["issue"], action)
    return _("Unknown action.")


# -- files -----------------------------------------------------------------------------------------


@require_GET
@staff_only
def preview(request: HttpRequest, series: str) -> HttpResponse:
    """The provisional agenda or programme of work rendered from the records now (nothing is
    stored): what issuing would store."""
    m = _meeting(series)
    which, lang, fmt = (request.GET.get(k, "") for k in ("which", "lang", "fmt"))
    if which not in agenda_documents.WHICH or lang not in UN_LANGUAGES or fmt not in FORMATS:
        return _plain(
            f"which must be agenda or programme, lang one of {', '.join(UN_LANGUAGES)} and fmt one of {', '.join(FORMATS)}",
            400,
        )
    try:
        content = agenda_documents.render_preview(m, which, lang, fmt)
    except DomainError as exc:
        return _plain(str(exc), _status(exc))
    _render, extension, mime = FORMATS[fmt]
    number = agenda_documents.WHICH[which][1]
    response = HttpResponse(content, content_type=mime)
    name = f"{m.series.replace('/', '_')}_{number}-{lang.upper()}-preview.{extension}"
    disposition = "inline" if fmt in ("pdf", "html", "txt") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Plenary-Status"] = "draft"
    if fmt == "html":
        response["Content-Security-Policy"] = STORED_HTML_POLICY
    return response


@require_GET
@staff_only
def agenda_file(request: HttpRequest, series: str) -> HttpResponse:
    """A stored file of the issued agenda or programme (or a revision): the bytes stored at issue."""
    m = _meeting(series)
    symbol, lang, fmt = (request.GET.get(k, "") for k in ("symbol", "lang", "fmt"))
    document = (
        Document.objects.filter(meeting=m, symbol=symbol)
        .filter(Q(generated__in=["agenda", "programme"]) | Q(parent__generated__in=["agenda", "programme"]))
        .first()
    )
    if document is None:
        return _plain(
            f"{symbol or '(no symbol)'} is not a provisional agenda or programme of work of {m.series}", 404
        )
    if lang not in UN_LANGUAGES or fmt not in FORMATS:
        return _plain(
            f"fmt must be one of {', '.join(FORMATS)} and lang one of {', '.join(UN_LANGUAGES)}", 400
        )
    found = export_files.issued_file(document, lang, fmt)
    if found is None:
        return _plain(f"{document.symbol} holds no stored {lang} {fmt} file", 404)
    try:
        # Behind the sign-in: cached by the browser alone (private), never by a shared cache.
        return serve(request, found, shared=False)
    except export_files.StoredFileError as exc:
        return _plain(str(exc), 500)
