"""The secretariat's back office: pages for staff only. Thin: forms check the input's shape, the
domain functions check the rules and write; a DomainError comes back to the page as a message."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.accounts.notify import link_in
from plenary.accounts.permissions import is_staff
from plenary.accounts.queries import outbox as notifications_sent
from plenary.backoffice.forms import (
    DecideForm,
    DecisionForm,
    LanguageVersionForm,
    ModifierForm,
    OfficerForm,
    ParticipantsListForm,
    RegisterDelegationForm,
    ReservationForm,
    ReviewForm,
)
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, Frozen, NotAllowed, NotFound
from plenary.core.languages import UN_LANGUAGES, pick, pick_text, reader_lang
from plenary.core.models import AuditEntry
from plenary.documents.domain import add_language_version, issue_modifier
from plenary.documents.models import CoSponsorship, Document, IssuedFile, WorkingPaper
from plenary.exports import files as export_files
from plenary.exports.tables import badges_file
from plenary.exports.views import serve
from plenary.meetings.domain import seat_officers
from plenary.meetings.models import AgendaItem, Meeting, Officer
from plenary.meetings.queries import agenda_of, kind_spec
from plenary.participation.domain import (
    approve_registration,
    decide_observer_status,
    register_delegation,
    return_registration,
)
from plenary.participation.models import RIGHTS, Category, Delegation, Organization
from plenary.participation.queries import registrations_for
from plenary.proceedings.domain import record_decision, record_reservation
from plenary.proceedings.models import Decision, FloorRequest, Reservation, Statement
from plenary.reports.domain import (
    LIST_FORMATS,
    issue_participants_list,
)
from plenary.reports.models import Report
from plenary.treaties.models import State, Treaty
from plenary.treaties.profile import officer_rule
from plenary.treaties.queries import names_on
from plenary.web.languages import LANGUAGE_LABELS


def staff_only(view):
    """Anonymous visitors go to the sign-in page; signed-in users without a staff role get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff(request.user):
            raise PermissionDenied(_("the back office is for secretariat staff"))
        return view(request, *args, **kwargs)

    return wrapper


def _state_names(on: dt.date) -> dict[str, str]:
    """Each State's UN short name on the date in the reader's language (in English where none is on
    record in it), by alpha-3 code."""
    lang = reader_lang()
    names = names_on(on, "en")
    return names | names_on(on, lang) if lang != "en" else names


def _meeting(series: str) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("treaty"), series=series.strip("/"))


def _treaty() -> Treaty:
    return get_object_or_404(Treaty, code="BWC")


def _on(meeting: Meeting) -> dt.date:
    return meeting.start or dt.date(meeting.year, 1, 1)


def _state_choices(on: dt.date) -> list[tuple[str, str]]:
    names = _state_names(on)
    codes = State.objects.values_list("code", flat=True)
    return sorted(((c, f"{names.get(c, c)} ({c})") for c in codes), key=lambda row: row[1].casefold())


def _organization_choices() -> list[tuple[str, str]]:
    rows = []
    for code, names in Organization.objects.values_list("code", "names"):
        picked = pick(names, reader_lang())
        rows.append((code, f"{picked.text} ({code})" if picked else code))
    return sorted(rows, key=lambda row: row[1].casefold())


def _groups(treaty: Treaty) -> list[str]:
    return [g["code"] for g in treaty.profile.get("groups", [])]


def _entry_row(entry: AuditEntry) -> dict:
    def show(value) -> str:
        return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    return {
        "at": entry.at,
        "actor": entry.actor,
        "via": entry.via,
        "action": entry.action,
        "object": f"{entry.object_type}:{entry.object_id}",
        "before": show(entry.before),
        "after": show(entry.after),
    }


def _trail(meeting: Meeting) -> list[dict]:
    """The audit entries of the meeting and of the records that hang on it, newest first."""
    related = {
        "participation.Delegation": Delegation.objects.filter(meeting=meeting),
        "proceedings.Decision": Decision.objects.filter(meeting=meeting),
        "proceedings.Reservation": Reservation.objects.filter(meeting=meeting),
        "reports.Report": Report.objects.filter(meeting=meeting),
        "documents.Document": Document.objects.filter(meeting=meeting),
        # The delegations' own work in the portal: papers, co-sponsorships, the floor.
        "documents.WorkingPaper": WorkingPaper.objects.filter(meeting=meeting),
        "documents.CoSponsorship": CoSponsorship.objects.filter(paper__meeting=meeting),
        "proceedings.FloorRequest": FloorRequest.objects.filter(meeting=meeting),
        "proceedings.Statement": Statement.objects.filter(meeting=meeting),
    }
    where = Q(object_type=Meeting._meta.label, object_id=str(meeting.pk))
    for label, rows in related.items():
        ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
        if ids:
            where |= Q(object_type=label, object_id__in=ids)
    where |= Q(object_type="programme", object_id=f"{meeting.treaty.code}/{meeting.year}")
    return [_entry_row(e) for e in AuditEntry.objects.filter(where).order_by("-at", "-id")[:300]]


# ------------------------------------------------------------------------------------ dashboard


@require_GET
@staff_only
def dashboard(request: HttpRequest) -> HttpResponse:
    rows = (
        Meeting.objects.annotate(
            pending=Count("delegations", filter=Q(delegations__status=Delegation.Status.PENDING)),
            registered=Count("delegations", filter=Q(delegations__status=Delegation.Status.REGISTERED)),
            to_check=Count("delegations", filter=Q(delegations__review=Delegation.Review.RECEIVED)),
        )
        .select_related("treaty")
        .order_by("-year", "start", "series")
    )
    years: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in rows:
        years[meeting.year].append(meeting)
    return render(request, "backoffice/dashboard.html", {"years": sorted(years.items(), reverse=True)})


# ------------------------------------------------------------------------------------ outbox

OUTBOX_PER_PAGE = 50


@require_GET
@staff_only
def outbox(request: HttpRequest) -> HttpResponse:
    """Every notification Plenary sent, newest first: to whom, at what address, of what, when and in
    which language, so that the secretariat sees what was told to whom."""
    page = Paginator(notifications_sent(), OUTBOX_PER_PAGE).get_page(request.GET.get("page"))
    code = getattr(request, "LANGUAGE_CODE", "en")
    # Each links its page in the language the secretariat reads now.
    rows = [{"n": n, "url": link_in(n.url, code)} for n in page]
    return render(request, "backoffice/outbox.html", {"page": page, "rows": rows})


# ------------------------------------------------------------------------------------ a meeting


@require_GET
@staff_only
def meeting(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    names = _state_names(_on(m))
    officers = [
        {"officer": o, "state": names.get(o.state.code, o.state.code)}
        for o in m.officers.select_related("state", "group").order_by("role", "position")
    ]
    counts = dict(
        Delegation.objects.filter(meeting=m).values_list("status").annotate(n=Count("id")).order_by()
    )
    report = Report.objects.filter(meeting=m).select_related("draft", "final").first()
    kind = kind_spec(m)
    return render(
        request,
        "backoffice/meeting.html",
        {
            "meeting": m,
            "kind": kind,
            "report_kind": (m.treaty.profile.get("report_kinds") or {}).get(kind.report) if kind else None,
            "officers": officers,
            "counts": counts,
            "report": report,
            "n_decisions": Decision.objects.filter(meeting=m).count(),
            "n_reservations": Reservation.objects.filter(meeting=m).count(),
            "trail": _trail(m),
        },
    )


def _seats(m: Meeting) -> tuple[str, ...]:
    """The seats of the meeting's officers: the Chair (or President) and as many Vice-Chairs as
    the treaty profile gives the meeting's kind (two; six for a consultative meeting)."""
    vice_chairs = int(officer_rule(m.treaty.profile or {}, m.kind).get("vice_chairs", 2))
    return ("chair", *(f"vice{i}" for i in range(1, vice_chairs + 1)))


@require_http_methods(["GET", "POST"])
@staff_only
def officers(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    first_role = Officer.Role.PRESIDENT if m.kind == Meeting.Kind.REVCON else Officer.Role.CHAIR
    states = _state_choices(_on(m))
    groups = _groups(m.treaty)
    current = list(m.officers.select_related("state", "group").order_by("position"))
    chairs = [o for o in current if o.role != Officer.Role.VICE_CHAIR]
    vices = [o for o in current if o.role == Officer.Role.VICE_CHAIR]
    seat_names = _seats(m)
    seated = {"chair": chairs[0] if chairs else None}
    for i, seat in enumerate(seat_names[1:]):
        seated[seat] = vices[i] if i < len(vices) else None

    def initial(o: Officer | None) -> dict:
        if o is None:
            return {}
        return {
            "name": o.name,
            "title": o.title,
            "state": o.state.code,
            "group": o.group.code if o.group else "",
        }

    data = request.POST if request.method == "POST" else None
    forms = [
        OfficerForm(
            data,
            prefix=seat,
            initial=initial(seated[seat]),
            states=states,
            groups=groups,
            required=seat == "chair",
        )
        for seat in seat_names
    ]
    error = None
    if data is not None and all(f.is_valid() for f in forms):
        entries = []
        for seat, f in zip(seat_names, forms, strict=True):
            if not f.cleaned_data["name"]:
                continue
            keep = seated[seat]
            entries.append(
                {
                    "role": first_role if seat == "chair" else Officer.Role.VICE_CHAIR,
                    "name": f.cleaned_data["name"],
                    "title": f.cleaned_data["title"],
                    "state": f.cleaned_data["state"],
                    "group": f.cleaned_data["group"] or None,
                    # The same person in the same seat keeps how reports style them.
                    **(
                        {
                            "names": keep.names,
                            "titles": keep.titles,
                            "functions": keep.functions,
                            "honorific": keep.honorific,
                            "source": keep.source,
                        }
                        if keep and keep.name == f.cleaned_data["name"]
                        else {}
                    ),
                }
            )
        try:
            changed = seat_officers(m, entries, by=actor_of(request))
        except DomainError as exc:
            error = str(exc)
        else:
            messages.success(
                request, _("Officers seated.") if changed else _("No change: these are the officers.")
            )
            return redirect("backoffice:meeting", series=m.series)
    seats = zip(
        (
            str(first_role.label),
            *[str(Officer.Role.VICE_CHAIR.label)] * (len(seat_names) - 1),
        ),
        forms,
        strict=True,
    )
    return render(
        request,
        "backoffice/officers.html",
        {"meeting": m, "seats": list(seats), "error": error},
        status=422 if error else 200,
    )


# ------------------------------------------------------------------------------------ registrations


def _registrations_context(m: Meeting, form: RegisterDelegationForm) -> dict:
    names = _state_names(_on(m))
    delegations = list(registrations_for(m))

    def label(d: Delegation) -> str:
        if d.state is not None:
            return names.get(d.state.code, d.state.code)
        return pick_text(d.organization.names, reader_lang(), d.organization.code)

    entries: dict[str, list[dict]] = defaultdict(list)
    for e in AuditEntry.objects.filter(
        object_type=Delegation._meta.label, object_id__in=[str(d.pk) for d in delegations]
    ).order_by("at", "id"):
        entries[e.object_id].append(_entry_row(e))
    # The other meetings each batch covers (one query for all batches).
    batches: dict[str, list[str]] = defaultdict(list)
    batch_ids = {d.batch for d in delegations if d.batch}
    for batch, series in (
        Delegation.objects.filter(batch__in=batch_ids)
        .order_by("meeting__start", "meeting__series")
        .values_list("batch", "meeting__series")
    ):
        batches[str(batch)].append(series)
    rows = [
        {
            "delegation": d,
            "name": label(d),
            "code": d.state.code if d.state else d.organization.code,
            "people": list(d.participants.all()),
            "covers": batches.get(str(d.batch), []) if d.batch else [],
            "decidable": d.status == Delegation.Status.PENDING
            and RIGHTS[Category(d.category)]["needs_observer_decision"],
            "trail": entries.get(str(d.pk), []),
        }
        for d in delegations
    ]
    rows.sort(key=lambda r: r["delegation"].status != Delegation.Status.PENDING)  # stable: pending first
    groups = [
        {"review": value, "label": str(text), "rows": [r for r in rows if r["delegation"].review == value]}
        for value, text in (
            (Delegation.Review.RECEIVED, _("Received: to check")),
            (Delegation.Review.RETURNED, pgettext("registrations", "Returned for correction")),
            (Delegation.Review.APPROVED, pgettext("registrations", "Approved")),
        )
    ]
    return {
        "meeting": m,
        "rows": rows,
        "groups": groups,
        "form": form,
        "badges": {
            fmt: reverse("backoffice:badges", kwargs={"series": m.series, "fmt": fmt})
            for fmt in ("csv", "xlsx")
        },
    }


@require_http_methods(["GET", "POST"])
@staff_only
def registrations(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    form = RegisterDelegationForm(
        request.POST if request.method == "POST" else None,
        states=_state_choices(_on(m)),
        organizations=_organization_choices(),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                delegation = register_delegation(
                    m,
                    by=actor_of(request),
                    state=State.objects.get(code=data["state"]) if data["state"] else None,
                    organization=Organization.objects.get(code=data["organization"])
                    if data["organization"]
                    else None,
                    members=form.member_list(),
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Registered %(who)s (%(status)s).")
                    % {
                        "who": delegation.state or delegation.organization,
                        "status": delegation.get_status_display(),
                    },
                )
                return redirect("backoffice:registrations", series=m.series)
        status = 422
    return render(request, "backoffice/registrations.html", _registrations_context(m, form), status=status)


@require_POST
@staff_only
def decide(request: HttpRequest, series: str, pk: int) -> HttpResponse:
    m = _meeting(series)
    delegation = get_object_or_404(
        Delegation.objects.select_related("state", "organization", "meeting"), pk=pk, meeting=m
    )
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether observer status is granted or refused."))
    else:
        try:
            decide_observer_status(
                delegation, granted=form.cleaned_data["decision"] == "grant", by=actor_of(request)
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"{delegation.state or delegation.organization}: {delegation.get_status_display()}."
            )
    return redirect("backoffice:registrations", series=m.series)


@require_POST
@staff_only
def review(request: HttpRequest, series: str, pk: int) -> HttpResponse:
    """Approve a registration, or return it to the focal point with the reason (every meeting of
    its batch at once)."""
    m = _meeting(series)
    delegation = get_object_or_404(
        Delegation.objects.select_related("state", "organization", "meeting"), pk=pk, meeting=m
    )
    form = ReviewForm(request.POST)
    who = delegation.state or delegation.organization
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{who}: {error}")
        return redirect("backoffice:registrations", series=m.series)
    try:
        if form.cleaned_data["action"] == "approve":
            group = approve_registration(delegation, by=actor_of(request))
            messages.success(
                request,
                _("%(who)s: approved for %(meetings)s.")
                % {"who": who, "meetings": ", ".join(d.meeting.series for d in group)},
            )
        else:
            group = return_registration(delegation, by=actor_of(request), reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _("%(who)s: returned for %(meetings)s.")
                % {"who": who, "meetings": ", ".join(d.meeting.series for d in group)},
            )
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("backoffice:registrations", series=m.series)


@require_GET
@staff_only
def badges(request: HttpRequest, series: str, fmt: str) -> HttpResponse:
    """The list for badges: one row per person of the approved registrations (CSV or XLSX)."""
    m = _meeting(series)
    if fmt not in ("csv", "xlsx"):
        return _plain(_("the list for badges is csv or xlsx"), 404)
    content, name, mime = badges_file(m, fmt)
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------------------------------ lists of participants


def _lists_of(m: Meeting) -> list[Document]:
    return list(
        Document.objects.filter(meeting=m)
        .filter(
            Q(symbol=f"{m.series}/INF.1")
            | Q(symbol=f"{m.series}/MISC.1")
            | Q(symbol__startswith=f"{m.series}/MISC.1/Rev.")
        )
        .order_by("issued_on", "id")
    )


@require_http_methods(["GET", "POST"])
@staff_only
def participants(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    form = ParticipantsListForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                document = issue_participants_list(
                    m,
                    kind=form.cleaned_data["kind"],
                    lang=form.cleaned_data["lang"],
                    languages=form.cleaned_data["languages"] or UN_LANGUAGES,
                    by=actor_of(request),
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Issued %(symbol)s.") % {"symbol": document.symbol})
                return redirect("backoffice:participants", series=m.series)
        status = 422
    download = reverse("backoffice:participants_file", kwargs={"series": m.series})
    lists_ = _lists_of(m)
    stored: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for document_id, lang, fmt in IssuedFile.objects.filter(document__in=lists_).values_list(
        "document_id", "lang", "fmt"
    ):
        stored[document_id][lang].append(fmt)
    recorded = [
        {
            "document": d,
            "files": [
                {
                    "lang": lang,
                    "name": LANGUAGE_LABELS[lang],
                    "links": [
                        (fmt, f"{download}?symbol={d.symbol}&lang={lang}&fmt={fmt}")
                        for fmt in LIST_FORMATS
                        if fmt in stored[d.pk][lang]
                    ],
                }
                for lang in UN_LANGUAGES
                if stored[d.pk][lang]
            ],
        }
        for d in lists_
    ]
    return render(
        request,
        "backoffice/participants.html",
        {"meeting": m, "form": form, "recorded": recorded},
        status=status,
    )


@require_GET
@staff_only
def participants_file(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    symbol, lang, fmt = (request.GET.get(k, "") for k in ("symbol", "lang", "fmt"))
    if fmt not in LIST_FORMATS or lang not in UN_LANGUAGES:
        return _plain(
            _("fmt must be one of %(formats)s and lang one of %(languages)s")
            % {"formats": ", ".join(LIST_FORMATS), "languages": ", ".join(UN_LANGUAGES)},
            400,
        )
    document = next((d for d in _lists_of(m) if d.symbol == symbol), None)
    if document is None:
        return _plain(
            _("%(symbol)s is not a list of participants of %(series)s")
            % {"symbol": symbol or _("(no symbol)"), "series": m.series},
            404,
        )
    # The bytes stored when the list was issued: an issued list is never built again.
    found = export_files.issued_file(document, lang, fmt)
    if found is None:
        return _plain(
            _("%(symbol)s was not issued in %(lang)s (%(fmt)s): no such file is stored")
            % {"symbol": document.symbol, "lang": lang, "fmt": fmt},
            404,
        )
    try:
        # Behind the sign-in: cached by the browser alone (private), never by a shared cache.
        return serve(request, found, shared=False)
    except export_files.StoredFileError as exc:
        return _plain(str(exc), 500)


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


# ------------------------------------------------------------------------------------ decisions


@require_http_methods(["GET", "POST"])
@staff_only
def decisions(request: HttpRequest, series: str) -> HttpResponse:
    m = _meeting(series)
    states = _state_choices(_on(m))
    which = request.POST.get("form") if request.method == "POST" else None
    items = [
        (row.pk, f"{row.label}. {pick_text(row.title, reader_lang())[:60]}")
        for item, subs in agenda_of(m)
        for row in (item, *subs)
    ]
    decision_form = DecisionForm(
        request.POST if which == "decision" else None, prefix="decision", agenda_items=items
    )
    reservation_form = ReservationForm(
        request.POST if which == "reservation" else None, prefix="reservation", states=states
    )
    status = 200
    if which == "decision":
        if decision_form.is_valid():
            data = decision_form.cleaned_data
            try:
                item = data["agenda_item"]
                decision = record_decision(
                    m,
                    key=data["key"],
                    text=decision_form.texts(),
                    adopted_on=data["adopted_on"],
                    method=data["method"],
                    agenda_item=get_object_or_404(AgendaItem, pk=item) if item is not None else None,
                    by=actor_of(request),
                )
            except DomainError as exc:
                decision_form.add_error(None, str(exc))
            else:
                messages.success(request, _("Recorded decision %(key)s.") % {"key": decision.key})
                return redirect("backoffice:decisions", series=m.series)
        status = 422
    elif which == "reservation":
        if reservation_form.is_valid():
            data = reservation_form.cleaned_data
            try:
                reservation = record_reservation(
                    m,
                    applies_to=data["applies_to"],
                    state=State.objects.get(code=data["state"]) if data["state"] else None,
                    text=reservation_form.texts(),
                    by=actor_of(request),
                )
            except DomainError as exc:
                reservation_form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Recorded the reservation on %(what)s.") % {"what": reservation.applies_to}
                )
                return redirect("backoffice:decisions", series=m.series)
        status = 422
    elif request.method == "POST":
        messages.error(request, _("Unknown form."))
        status = 400
    names = _state_names(_on(m))
    decision_rows = [
        {
            "decision": d,
            "item": d.agenda_item.label if d.agenda_item else "",
            "texts": [(lang, d.text[lang]) for lang in UN_LANGUAGES if d.text.get(lang)],
        }
        for d in Decision.objects.filter(meeting=m).select_related("agenda_item__parent").order_by("position")
    ]
    reservation_rows = [
        {
            "reservation": r,
            "who": names.get(r.state.code, r.state.code) if r.state else _("one delegation"),
            "texts": [(lang, r.text[lang]) for lang in UN_LANGUAGES if r.text.get(lang)],
        }
        for r in Reservation.objects.filter(meeting=m).select_related("state").order_by("position")
    ]
    return render(
        request,
        "backoffice/decisions.html",
        {
            "meeting": m,
            "decision_form": decision_form,
            "reservation_form": reservation_form,
            "decisions": decision_rows,
            "reservations": reservation_rows,
        },
        status=status,
    )


# The report's pages are in report_views.py.


@require_http_methods(["GET", "POST"])
@staff_only
def documents(request: HttpRequest, series: str) -> HttpResponse:
    """The meeting's documents: put a language version's file on one; issue a Corr. or Rev."""
    m = _meeting(series)
    status = 200
    version_form, modifier_form, target = LanguageVersionForm(), ModifierForm(), None
    if request.method == "POST":
        target = get_object_or_404(Document, pk=request.POST.get("document"), meeting=m)
        which = request.POST.get("form")
        try:
            if which == "version":
                version_form = LanguageVersionForm(request.POST, request.FILES)
                if version_form.is_valid():
                    data = version_form.cleaned_data
                    add_language_version(
                        target,
                        lang=data["lang"],
                        kind=data["kind"],
                        upload=data["file"],
                        by=actor_of(request),
                    )
                    messages.success(
                        request,
                        _("The %(lang)s version of %(symbol)s is on file.")
                        % {"lang": data["lang"], "symbol": target.symbol},
                    )
                    return redirect("backoffice:documents", series=m.series)
            elif which == "modifier":
                modifier_form = ModifierForm(request.POST, request.FILES)
                if modifier_form.is_valid():
                    issued = issue_modifier(
                        target,
                        kind=modifier_form.cleaned_data["kind"],
                        files=modifier_form.files_by_language(),
                        by=actor_of(request),
                    )
                    messages.success(request, _("Issued %(symbol)s.") % {"symbol": issued.symbol})
                    return redirect("backoffice:documents", series=m.series)
            else:
                raise DomainError(_("unknown form"))
        except DomainError as exc:
            messages.error(request, f"{target.symbol}: {exc}")
            # A file that is on record already is frozen (409); any other refusal is the input's (400).
            status = {Frozen: 409, NotAllowed: 403, NotFound: 404}.get(type(exc), 400)
        else:  # the form's own errors: the page shows them as one message
            form = version_form if which == "version" else modifier_form
            shown = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items())
            messages.error(request, f"{target.symbol}: {shown}")
            status = 400
    rows = [
        {
            "document": d,
            "title": pick_text(d.title, reader_lang()),
            "versions": sorted(d.versions.all(), key=lambda v: UN_LANGUAGES.index(v.lang)),
        }
        for d in Document.objects.filter(meeting=m)
        .select_related("parent")
        .prefetch_related("versions")
        .order_by("position", "symbol")
    ]
    return render(
        request,
        "backoffice/documents.html",
        {
            "meeting": m,
            "rows": rows,
            "version_form": version_form,
            "modifier_form": modifier_form,
            "target": target,
        },
        status=status,
    )
