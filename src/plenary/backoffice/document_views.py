"""The back office's "Issue a document" page: staff issue any document of a meeting (a report of
the Chair, the ISU's annual report, cost estimates, a background paper, an INF, CRP, MISC or WP
document) with its files per language, under the next free symbol or a given one.

Thin: the form checks the input's shape, documents.domain.issue_document the rules. Nothing typed
or sent is lost on an error: the form comes back with its values, and the files already sent are
kept aside for this user's session (never in the file store, never under a name they sent) until
the document is issued or they are replaced or dropped."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plenary.backoffice.views import _meeting, staff_only
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, Frozen, NotAllowed, NotFound
from plenary.core.languages import UN_LANGUAGES, pick_text
from plenary.documents.domain import issue_document
from plenary.documents.queries import SECRETARIAT_TYPES, next_free_symbols
from plenary.meetings.models import AgendaItem, Meeting
from plenary.web.languages import LANGUAGE_LABELS
from plenary.web.reading import ONLY_NOTES
from plenary.web.uploads import UploadField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


TYPE_LABELS = {
    "": gettext_lazy(
        "Official document, numbered in the series (/3, /4 ...): a report of the Chair, the ISU's annual "
        "report, cost estimates, a background paper"
    ),
    "INF": gettext_lazy("Information document (INF)"),
    "CRP": gettext_lazy("Conference room paper (CRP)"),
    "MISC": gettext_lazy("Miscellaneous document (MISC)"),
    "WP": gettext_lazy("Working paper (WP), of the Chair or the secretariat"),
}

STATUS = {NotAllowed: 403, NotFound: 404, Frozen: 409}


class IssueDocumentForm(forms.Form):
    """The document's type and symbol, titles in six languages, original language, who submits it,
    one file per language with its kind, the "only in" note, the agenda item and the date."""

    doc_type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    symbol = forms.CharField(
        label=gettext_lazy("Symbol"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("leave empty for the next free symbol of the type"),
    )
    original_language = forms.ChoiceField(label=gettext_lazy("Original language"), initial="en")
    submitted_by = forms.ChoiceField(
        label=gettext_lazy("Submitted by"),
        initial="secretariat",
        choices=[
            (
                "secretariat",
                gettext_lazy(
                    "the secretariat (its wording, e.g. “Note by the Secretariat”, is in the title)"
                ),
            ),
            ("chair", gettext_lazy("the Chair (“Submitted by the Chair” in six languages)")),
        ],
    )
    only_in = forms.ChoiceField(
        label=gettext_lazy("Issued in"),
        required=False,
        help_text=gettext_lazy(
            "“English only” and the like: the other languages' files are then informal translations"
        ),
    )
    agenda_item = forms.ChoiceField(label=gettext_lazy("Agenda item"), required=False)
    on = forms.DateField(label=gettext_lazy("Date of issue"), widget=DATE)

    def __init__(self, *args, meeting: Meeting, hints: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].choices = [(t, TYPE_LABELS[t]) for t in SECRETARIAT_TYPES]
        self.fields["doc_type"].widget.attrs["data-next"] = " ".join(
            f"{t or '-'}={s}" for t, s in hints.items()
        )
        languages = [(code, LANGUAGE_LABELS[code]) for code in UN_LANGUAGES]
        self.fields["original_language"].choices = languages
        self.fields["only_in"].choices = [
            ("", _("all six languages")),
            *((c, ONLY_NOTES[c]) for c in UN_LANGUAGES),
        ]
        items = (
            AgendaItem.objects.filter(meeting=meeting)
            .select_related("parent")
            .order_by("parent__number", "number")
        )
        items = sorted(
            items,
            key=lambda i: (i.parent.number if i.parent else i.number, i.parent_id is not None, i.number),
        )
        self.fields["agenda_item"].choices = [
            ("", "—"),
            *((str(i.pk), f"{i.label}. {pick_text(i.title, 'en')}"[:120]) for i in items),
        ]
        for code in UN_LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=LANGUAGE_LABELS[code],
                required=False,
                widget=forms.TextInput(attrs={"lang": code, "dir": "rtl" if code == "ar" else "ltr"}),
            )
            self.fields[f"file_{code}"] = UploadField(label=LANGUAGE_LABELS[code], required=False)
            self.fields[f"kind_{code}"] = forms.ChoiceField(
                label=gettext_lazy("Kind"),
                initial="official",
                choices=[("official", _("official version")), ("informal", _("informal translation"))],
            )

    def titles(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"title_{code}") or "" for code in UN_LANGUAGES}

    def language_rows(self) -> list[dict]:
        return [
            {
                "code": code,
                "title": self[f"title_{code}"],
                "file": self[f"file_{code}"],
                "kind": self[f"kind_{code}"],
            }
            for code in UN_LANGUAGES
        ]


# -- files kept aside between attempts ---------------------------------------------------------------

SESSION_KEY = "plenary.backoffice.kept_uploads"
KEEP_SECONDS = 24 * 3600


def _kept_dir() -> Path:
    return Path(getattr(settings, "PENDING_UPLOADS_DIR", settings.VAR_DIR / "pending-uploads"))


def _forget_old(directory: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in directory.glob("*"):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue


class KeptUploads:
    """The files a user sent with a form that came back with an error, kept for their session under
    random names; the name they sent is kept only as text, to show."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.entries: dict[str, dict] = dict(request.session.get(SESSION_KEY, {}))

    def get(self, token: str) -> dict | None:
        entry = self.entries.get(token)
        if entry is None or not (_kept_dir() / token).is_file():
            return None
        return entry

    def upload(self, token: str) -> SimpleUploadedFile:
        data = (_kept_dir() / token).read_bytes()
        return SimpleUploadedFile(self.entries[token]["name"], data)

    def keep(self, upload) -> str:
        directory = _kept_dir()
        directory.mkdir(parents=True, exist_ok=True)
        _forget_old(directory)
        token = secrets.token_hex(16)
        upload.seek(0)
        with open(directory / token, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        self.entries[token] = {"name": str(upload.name or "")[-120:], "size": upload.size}
        self._save()
        return token

    def drop(self, token: str) -> None:
        if self.entries.pop(token, None) is not None:
            (_kept_dir() / token).unlink(missing_ok=True)
            self._save()

    def _save(self) -> None:
        self.request.session[SESSION_KEY] = self.entries


def _files_of(request: HttpRequest, kept: KeptUploads) -> tuple[dict, dict[str, str]]:
    """The file of each language: one sent now, else one kept from the last attempt (unless its
    "drop" box is ticked). Returns {lang: upload} and {lang: token of a kept file}."""
    files, tokens = {}, {}
    for code in UN_LANGUAGES:
        sent = request.FILES.get(f"file_{code}")
        token = request.POST.get(f"kept_{code}", "")
        if sent is not None:
            if token:
                kept.drop(token)
            files[code] = sent
        elif token and kept.get(token) is not None:
            if request.POST.get(f"drop_{code}"):
                kept.drop(token)
            else:
                files[code] = kept.upload(token)
                tokens[code] = token
    return files, tokens


# -- the page ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_only
def issue(request: HttpRequest, series: str) -> HttpResponse:
    meeting = _meeting(series)
    hints = next_free_symbols(meeting)
    kept = KeptUploads(request)
    status = 200
    tokens: dict[str, str] = {}
    if request.method == "POST":
        form = IssueDocumentForm(request.POST, request.FILES, meeting=meeting, hints=hints)
        files, tokens = _files_of(request, kept)
        if form.is_valid():
            data = form.cleaned_data
            item = (
                AgendaItem.objects.filter(pk=data["agenda_item"], meeting=meeting).first()
                if data["agenda_item"]
                else None
            )
            try:
                document = issue_document(
                    meeting,
                    doc_type=data["doc_type"],
                    symbol=data["symbol"] or None,
                    title=form.titles(),
                    original_language=data["original_language"],
                    files=files,
                    kinds={code: data[f"kind_{code}"] for code in files},
                    only_in=data["only_in"],
                    submitted_by=data["submitted_by"],
                    agenda_item=item,
                    on=data["on"],
                    by=actor_of(request),
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
                status = STATUS.get(type(exc), 400)
            else:
                for token in tokens.values():
                    kept.drop(token)
                messages.success(
                    request,
                    _("Issued %(symbol)s: %(n)s file(s) stored as issued.")
                    % {"symbol": document.symbol, "n": len(files)},
                )
                return redirect("backoffice:documents", series=meeting.series)
        else:
            status = 400
        # Keep the files of this attempt for the next one (not one too big to be taken anyway).
        for code, upload in files.items():
            if code not in tokens and (upload.size or 0) <= settings.UPLOAD_MAX_BYTES:
                tokens[code] = kept.keep(upload)
    else:
        wanted = request.GET.get("type", "")
        form = IssueDocumentForm(
            initial={"doc_type": wanted if wanted in SECRETARIAT_TYPES else "", "on": clock.today()},
            meeting=meeting,
            hints=hints,
        )
    rows = []
    for row in form.language_rows():
        token = tokens.get(row["code"])
        rows.append({**row, "kept": ({"token": token, **kept.entries[token]} if token else None)})
    return render(
        request,
        "backoffice/issue_document.html",
        {
            "meeting": meeting,
            "form": form,
            "rows": rows,
            "hints": [(TYPE_LABELS[t], s) for t, s in hints.items()],
            "today": clock.today(),
        },
        status=status,
    )
