"""Pages of the delegate portal. Thin: they check who asks, call the capability apps' domain
functions (participation, documents, proceedings) with the request's Actor and show their messages. A user without the right gets 403; an anonymous visitor is sent to sign in."""

from __future__ import annotations

from collections import defaultdict
from functools import wraps
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plenary.accounts import notify as notifications
from plenary.accounts import permissions
from plenary.accounts import queries as account_queries
from plenary.accounts.permissions import (
    can_act_for_delegation,
    can_register_delegation,
    can_steer_meeting,
    is_staff,
    represented_organizations,
    represented_states,
)
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.languages import pick, pick_text
from plenary.documents import domain as docs
from plenary.documents import numbering
from plenary.documents.models import CoSponsorship, WorkingPaper, WorkingPaperFile
from plenary.documents.symbols import format_symbol
from plenary.meetings.domain import is_open
from plenary.meetings.models import Meeting
from plenary.participation import domain as participation
from plenary.participation.models import Delegation, Organization
from plenary.portal.forms import (
    FileForm,
    FloorForm,
    InviteForm,
    MemberFormSet,
    NotificationLanguageForm,
    PaperForm,
)
from plenary.proceedings import domain as proceedings
from plenary.proceedings.models import FloorRequest
from plenary.proceedings.queries import place_in_queue
from plenary.treaties.models import State
from plenary.treaties.queries import names_on
from plenary.web.views import ui_lang


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _not_allowed_is_403(view):
    """A domain refusal for lack of right is a 403, as the permission checks before it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotAllowed:
            raise PermissionDenied from None

    return wrapper


def portal_view(*methods):
    def decorate(view):
        return login_required(require_http_methods(list(methods))(_not_allowed_is_403(view)))

    return decorate


class Names:
    """Names of States and organizations as the reader reads them, looked up once per page."""

    def __init__(self, request: HttpRequest):
        self.lang = ui_lang(request)
        self.states = names_on(clock.today(), self.lang)

    def state(self, state: State | None) -> str:
        return self.states.get(state.code, state.code) if state else ""

    def organization(self, org: Organization | None) -> str:
        if org is None:
            return ""
        picked = pick(org.short_names, self.lang) or pick(org.names, self.lang)
        return picked.text if picked else org.code

    def of(self, delegation: Delegation) -> str:
        return (
            self.state(delegation.state)
            if delegation.state_id
            else self.organization(delegation.organization)
        )

    def title(self, values: dict) -> str:
        return pick_text(values, self.lang)


def _delegation(pk: int) -> Delegation:
    return get_object_or_404(
        Delegation.objects.select_related("meeting__treaty", "state", "organization"), pk=pk
    )


def _paper(pk: int) -> WorkingPaper:
    return get_object_or_404(
        WorkingPaper.objects.select_related(
            "meeting__treaty", "delegation__state", "delegation__organization", "on_behalf_of", "document"
        ),
        pk=pk,
    )


def _floor_request(pk: int) -> FloorRequest:
    return get_object_or_404(
        FloorRequest.objects.select_related("meeting", "delegation__state", "delegation__organization"), pk=pk
    )


# -- delegations ---------------------------------------------------------------------------------


@portal_view("GET")
def delegations(request: HttpRequest) -> HttpResponse:
    """My delegations: meetings open for registration, and the delegations the user acts for."""
    staff = is_staff(request.user)
    _deny_unless(staff or permissions.represents_anyone(request.user))
    names = Names(request)
    state_codes = sorted(represented_states(request.user))
    org_codes = sorted(represented_organizations(request.user))
    focal = represented_states(request.user, focal_point_only=True) | represented_organizations(
        request.user, focal_point_only=True
    )
    mine = list(
        Delegation.objects.filter(Q(state__code__in=state_codes) | Q(organization__code__in=org_codes))
        .select_related("meeting", "state", "organization")
        .order_by("-meeting__start", "meeting__series")
    )
    registered = {(d.meeting_id, d.state.code if d.state_id else d.organization.code): d for d in mine}
    meetings = [m for m in Meeting.objects.order_by("start", "series") if is_open(m)]
    entities = [(c, names.states.get(c, c)) for c in state_codes] + [
        (o.code, names.organization(o)) for o in Organization.objects.filter(code__in=org_codes)
    ]
    open_rows = [
        {
            "meeting": m,
            "code": code,
            "name": name,
            "delegation": registered.get((m.pk, code)),
            "may_register": code in focal,
        }
        for m in meetings
        for code, name in entities
    ]
    return render(
        request,
        "portal/delegations.html",
        {
            "open_rows": open_rows,
            "delegations": [{"d": d, "name": names.of(d)} for d in mine],
            "staff": staff,
            "all_meetings": Meeting.objects.order_by("-start", "series") if staff else [],
        },
    )


@portal_view("GET")
def register_start(request: HttpRequest) -> HttpResponse:
    """Staff pick any meeting and any State or organization (a GET form on My delegations)."""
    _deny_unless(is_staff(request.user))
    series = request.GET.get("meeting", "")
    code = request.GET.get("code", "").strip()
    if not series or not code:
        messages.error(request, _("Choose a meeting and give a State or organization code."))
        return redirect("portal:delegations")
    return redirect("portal:register", series=series, code=code.upper() if len(code) == 3 else code)


def _entity(code: str) -> tuple[State | None, Organization | None]:
    state = State.objects.filter(code=code.upper()).first() if len(code) == 3 else None
    if state is not None:
        return state, None
    org = Organization.objects.filter(code=code).first()
    if org is None:
        raise Http404(_("No State or organization has this code."))
    return None, org


@portal_view("GET", "POST")
def register(request: HttpRequest, series: str, code: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("treaty"), series=series)
    state, organization = _entity(code)
    _deny_unless(can_register_delegation(request.user, state=state, organization=organization))
    existing = Delegation.objects.filter(meeting=meeting, state=state, organization=organization).first()
    if existing is not None:
        messages.info(request, _("This delegation is already registered."))
        return redirect("portal:delegation", pk=existing.pk)
    names = Names(request)
    who = names.state(state) if state else names.organization(organization)
    formset = MemberFormSet(request.POST or None)
    error = None
    if request.method == "POST" and formset.is_valid():
        try:
            delegation = participation.register_delegation(
                meeting,
                by=actor_of(request),
                state=state,
                organization=organization,
                members=formset.members(),
            )
        except NotAllowed:
            raise
        except DomainError as exc:
            error = str(exc)
        else:
            if delegation.status == Delegation.Status.PENDING:
                messages.success(
                    request,
                    _("Delegation registered. Observer status is pending until the meeting decides."),
                )
            else:
                messages.success(request, _("Delegation registered."))
            return redirect("portal:delegation", pk=delegation.pk)
    if not is_open(meeting) and not is_staff(request.user) and error is None:
        error = _("This meeting is no longer open for registration.")
    return render(
        request,
        "portal/register.html",
        {"meeting": meeting, "who": who, "code": code, "formset": formset, "error": error, "editing": False},
    )


@portal_view("GET")
def delegation(request: HttpRequest, pk: int) -> HttpResponse:
    d = _delegation(pk)
    _deny_unless(can_act_for_delegation(request.user, d))
    names = Names(request)
    papers = WorkingPaper.objects.filter(delegation=d).select_related("document").order_by("created")
    return render(
        request,
        "portal/delegation.html",
        {
            "d": d,
            "name": names.of(d),
            "members": d.participants.all(),
            "may_edit": permissions.can_edit_delegation(request.user, d),
            "papers": [{"s": s, "title": names.title(s.title)} for s in papers],
            "may_take_the_floor": proceedings.may_take_the_floor(d),
        },
    )


@portal_view("GET", "POST")
def edit_delegation(request: HttpRequest, pk: int) -> HttpResponse:
    d = _delegation(pk)
    _deny_unless(permissions.can_edit_delegation(request.user, d))
    initial = [{"name": p.name, "function": p.function, "role": p.role} for p in d.participants.all()]
    formset = MemberFormSet(request.POST or None, initial=initial)
    error = None
    if request.method == "POST" and formset.is_valid():
        try:
            participation.update_members(d, by=actor_of(request), members=formset.members())
        except NotAllowed:
            raise
        except DomainError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Delegation updated."))
            return redirect("portal:delegation", pk=d.pk)
    return render(
        request,
        "portal/register.html",
        {
            "meeting": d.meeting,
            "who": Names(request).of(d),
            "formset": formset,
            "error": error,
            "editing": True,
            "d": d,
        },
    )


# -- working papers ------------------------------------------------------------------------------


@portal_view("GET")
def papers(request: HttpRequest) -> HttpResponse:
    """The papers of every delegation the user acts for."""
    _deny_unless(permissions.represents_anyone(request.user))
    names = Names(request)
    rows = (
        WorkingPaper.objects.filter(
            Q(delegation__state__code__in=represented_states(request.user))
            | Q(delegation__organization__code__in=represented_organizations(request.user))
        )
        .select_related("meeting", "delegation__state", "delegation__organization", "document")
        .order_by("-created")
    )
    return render(
        request,
        "portal/papers.html",
        {"papers": [{"s": s, "title": names.title(s.title), "by": names.of(s.delegation)} for s in rows]},
    )


@portal_view("GET", "POST")
def new_paper(request: HttpRequest, pk: int) -> HttpResponse:
    d = _delegation(pk)
    _deny_unless(can_act_for_delegation(request.user, d))
    form = PaperForm(request.POST or None, treaty_code=d.meeting.treaty.code, meeting=d.meeting)
    if request.method == "POST" and form.is_valid():
        try:
            paper = docs.create_working_paper(
                d,
                by=actor_of(request),
                title=form.titles(),
                original_language=form.cleaned_data["original_language"],
                on_behalf_of=form.cleaned_data["on_behalf_of"],
                agenda_item=form.cleaned_data["agenda_item"],
            )
        except NotAllowed:
            raise
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Draft saved. Now attach the files and invite co-sponsors."))
            return redirect("portal:paper", pk=paper.pk)
    return render(request, "portal/paper_new.html", {"d": d, "name": Names(request).of(d), "form": form})


def _paper_page(request, s: WorkingPaper, *, form=None, file_form=None, invite_form=None, status=200):
    """The paper as its reader may see it: the submitting delegation (and staff) edit it while it
    is a draft or submitted; a State invited to co-sponsor it reads it, and its focal point
    answers the invitation here."""
    names = Names(request)
    may_act = permissions.can_act_for_paper(request.user, s)
    editable = may_act and s.status in (WorkingPaper.Status.DRAFT, WorkingPaper.Status.SUBMITTED)
    invitations = list(s.co_sponsorships.select_related("state"))
    mine = represented_states(request.user)
    open_to_answers = s.status in (WorkingPaper.Status.DRAFT, WorkingPaper.Status.SUBMITTED)
    return render(
        request,
        "portal/paper.html",
        {
            "s": s,
            "title": names.title(s.title),
            "by": names.of(s.delegation),
            "editable": editable,
            "form": form
            or PaperForm(
                initial=PaperForm.initial_for(s), treaty_code=s.meeting.treaty.code, meeting=s.meeting
            ),
            "file_form": file_form or FileForm(initial={"lang": s.original_language}),
            "invite_form": invite_form or InviteForm(),
            "files": s.files.all(),
            "co_sponsors": [{"c": c, "name": names.state(c.state)} for c in invitations],
            # The reader's own States' invitations, when they read as an invited co-sponsor.
            "my_invitations": []
            if may_act
            else [
                {
                    "c": c,
                    "name": names.state(c.state),
                    "may_answer": open_to_answers and permissions.can_answer_co_sponsorship(request.user, c),
                }
                for c in invitations
                if c.state.code in mine
            ],
        },
        status=status,
    )


@portal_view("GET", "POST")
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    s = _paper(pk)
    if request.method == "GET":
        # The delegation, staff, and the States invited to co-sponsor it read it; only the
        # delegation (and staff) change it.
        _deny_unless(permissions.can_read_paper(request.user, s))
        return _paper_page(request, s)
    _deny_unless(permissions.can_act_for_paper(request.user, s))
    form = PaperForm(request.POST, treaty_code=s.meeting.treaty.code, meeting=s.meeting)
    if form.is_valid():
        try:
            docs.update_working_paper(
                s,
                by=actor_of(request),
                title=form.titles(),
                original_language=form.cleaned_data["original_language"],
                on_behalf_of=form.cleaned_data["on_behalf_of"],
                agenda_item=form.cleaned_data["agenda_item"],
            )
        except NotAllowed:
            raise
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Paper saved."))
            return redirect("portal:paper", pk=s.pk)
    return _paper_page(request, s, form=form, status=400)


@portal_view("GET")
def paper_download(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    """A language version of the paper, for whoever may read the paper (never cached: it is not
    public before issue)."""
    s = _paper(pk)
    _deny_unless(permissions.can_read_paper(request.user, s))
    record = get_object_or_404(WorkingPaperFile, paper=s, lang=lang)
    suffix = PurePath(record.file.name).suffix.lower()
    response = FileResponse(
        record.file.open("rb"),
        as_attachment=True,
        filename=f"{s.meeting.series.replace('/', '_')}_paper{s.pk}-{lang.upper()}{suffix}",
        content_type=settings.UPLOAD_TYPES.get(suffix, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@portal_view("POST")
def paper_file(request: HttpRequest, pk: int) -> HttpResponse:
    s = _paper(pk)
    _deny_unless(permissions.can_act_for_paper(request.user, s))
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            docs.add_paper_file(
                s,
                by=actor_of(request),
                lang=form.cleaned_data["lang"],
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except NotAllowed:
            raise
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("File attached."))
            return redirect("portal:paper", pk=s.pk)
    return _paper_page(request, s, file_form=form, status=400)


@portal_view("POST")
def paper_invite(request: HttpRequest, pk: int) -> HttpResponse:
    s = _paper(pk)
    _deny_unless(permissions.can_act_for_paper(request.user, s))
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            docs.invite_co_sponsor(s, form.cleaned_data["state"], by=actor_of(request))
        except NotAllowed:
            raise
        except DomainError as exc:
            form.add_error("state", str(exc))
        else:
            messages.success(request, _("Invitation sent."))
            return redirect("portal:paper", pk=s.pk)
    return _paper_page(request, s, invite_form=form, status=400)


def _paper_action(action, done: str):
    @portal_view("POST")
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        s = _paper(pk)
        _deny_unless(permissions.can_act_for_paper(request.user, s))
        try:
            action(s, by=actor_of(request))
        except NotAllowed:
            raise
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
        return redirect("portal:paper", pk=s.pk)

    return view


paper_submit = _paper_action(docs.submit_working_paper, gettext_lazy("Paper submitted to the secretariat."))
paper_withdraw = _paper_action(docs.withdraw_working_paper, gettext_lazy("Paper withdrawn."))


@portal_view("GET")
def invitations(request: HttpRequest) -> HttpResponse:
    """Invitations to co-sponsor addressed to the States the user represents."""
    codes = represented_states(request.user)
    _deny_unless(bool(codes))
    focal = represented_states(request.user, focal_point_only=True)
    names = Names(request)
    rows = (
        CoSponsorship.objects.filter(state__code__in=codes)
        .select_related("state", "paper__meeting", "paper__delegation__state")
        .select_related("paper__delegation__organization", "paper__document")
        .order_by("-invited_at")
    )
    return render(
        request,
        "portal/invitations.html",
        {
            "rows": [
                {
                    "c": c,
                    "title": names.title(c.paper.title),
                    "by": names.of(c.paper.delegation),
                    "for": names.state(c.state),
                    "may_answer": c.state.code in focal
                    and c.paper.status in (WorkingPaper.Status.DRAFT, WorkingPaper.Status.SUBMITTED),
                }
                for c in rows
            ]
        },
    )


@portal_view("POST")
def answer_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(CoSponsorship.objects.select_related("state", "paper"), pk=pk)
    _deny_unless(permissions.can_answer_co_sponsorship(request.user, invitation))
    # From the paper's own page, back to it; else to the list of invitations.
    back = (
        reverse("portal:paper", args=[invitation.paper_id])
        if request.POST.get("back") == "paper"
        else reverse("portal:invitations")
    )
    answer = request.POST.get("answer")
    if answer not in ("confirm", "decline"):
        messages.error(request, _("Answer confirm or decline."))
        return redirect(back)
    try:
        docs.answer_co_sponsorship(invitation, by=actor_of(request), confirm=answer == "confirm")
    except NotAllowed:
        raise
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Co-sponsorship confirmed.") if answer == "confirm" else _("Invitation declined.")
        )
    return redirect(back)


@portal_view("GET")
def to_issue(request: HttpRequest) -> HttpResponse:
    """STAFF: the submitted papers, each with the symbol it would get, in the order they came."""
    _deny_unless(permissions.can_issue(request.user))
    names = Names(request)
    rows = list(
        WorkingPaper.objects.filter(status=WorkingPaper.Status.SUBMITTED)
        .select_related("meeting", "delegation__state", "delegation__organization", "on_behalf_of")
        .prefetch_related("files", "co_sponsorships__state")
        .order_by("meeting__start", "meeting__series", "submitted_at", "id")
    )
    # The number each meeting's next paper gets (one query per meeting, not per paper).
    first = {m: numbering.peek_number(m, "WP") for m in {s.meeting_id for s in rows}}
    seen: dict[int, int] = defaultdict(int)
    items = []
    for s in rows:
        items.append(
            {
                "s": s,
                "title": names.title(s.title),
                "by": names.of(s.delegation),
                "symbol": format_symbol(s.meeting.series, "WP", first[s.meeting_id] + seen[s.meeting_id]),
                "co_sponsors": [
                    names.state(c.state)
                    for c in s.co_sponsorships.all()
                    if c.status == CoSponsorship.Status.CONFIRMED
                ],
                "languages": [f.lang for f in s.files.all()],
            }
        )
        seen[s.meeting_id] += 1
    return render(request, "portal/to_issue.html", {"items": items})


@portal_view("POST")
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    s = _paper(pk)
    _deny_unless(permissions.can_issue(request.user))
    try:
        document = docs.issue_working_paper(s, by=actor_of(request))
    except NotAllowed:
        raise
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Issued as %(symbol)s.") % {"symbol": document.symbol})
    return redirect("portal:to_issue")


# -- the floor -----------------------------------------------------------------------------------


@portal_view("GET", "POST")
def floor(request: HttpRequest, pk: int) -> HttpResponse:
    """The delegation's place on the list of speakers; POST asks for the floor."""
    d = _delegation(pk)
    _deny_unless(can_act_for_delegation(request.user, d))
    form = FloorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["on_behalf_of"]
        try:
            proceedings.request_floor(
                d, by=actor_of(request), on_behalf_of_text={ui_lang(request): text} if text else None
            )
        except NotAllowed:
            raise
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("You are on the list of speakers."))
        return redirect("portal:floor", pk=d.pk)
    current = (
        FloorRequest.objects.filter(
            delegation=d, status__in=[FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING]
        )
        .select_related("meeting")
        .first()
    )
    place = place_in_queue(current) if current else None
    return render(
        request,
        "portal/floor.html",
        {
            "d": d,
            "name": Names(request).of(d),
            "current": current,
            "place": place,
            "form": form,
            "may_take_the_floor": proceedings.may_take_the_floor(d),
        },
    )


@portal_view("POST")
def floor_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    r = _floor_request(pk)
    _deny_unless(permissions.can_withdraw_floor_request(request.user, r))
    try:
        proceedings.withdraw_floor_request(r, by=actor_of(request))
    except NotAllowed:
        raise
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Request withdrawn."))
    if can_act_for_delegation(request.user, r.delegation):
        return redirect("portal:floor", pk=r.delegation_id)
    return redirect("portal:meeting_speakers", series=r.meeting.series)


def _steerable_meetings(user) -> list[Meeting]:
    with_requests = set(FloorRequest.objects.values_list("meeting_id", flat=True).distinct())
    return [
        m
        for m in Meeting.objects.order_by("-start", "series")
        if can_steer_meeting(user, m) and (is_open(m) or m.pk in with_requests)
    ]


@portal_view("GET")
def speakers(request: HttpRequest) -> HttpResponse:
    """STAFF and officers: the meetings whose list of speakers they keep."""
    meetings = _steerable_meetings(request.user)
    _deny_unless(is_staff(request.user) or bool(meetings))
    counts = defaultdict(int)
    for meeting_id in FloorRequest.objects.filter(status=FloorRequest.Status.WAITING).values_list(
        "meeting_id", flat=True
    ):
        counts[meeting_id] += 1
    return render(
        request, "portal/speakers.html", {"rows": [{"m": m, "waiting": counts[m.pk]} for m in meetings]}
    )


def _queue_context(request: HttpRequest, meeting: Meeting, error: str | None = None) -> dict:
    names = Names(request)
    rows = (
        FloorRequest.objects.filter(
            meeting=meeting, status__in=[FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING]
        )
        .select_related("delegation__state", "delegation__organization")
        .order_by("position")
    )
    speaking = [r for r in rows if r.status == FloorRequest.Status.SPEAKING]
    queue = [r for r in rows if r.status == FloorRequest.Status.WAITING]
    return {
        "meeting": meeting,
        "speaking": [
            {"r": r, "name": names.of(r.delegation), "whom": names.title(r.on_behalf_of_text)}
            for r in speaking
        ],
        "queue": [
            {"r": r, "place": i, "name": names.of(r.delegation), "whom": names.title(r.on_behalf_of_text)}
            for i, r in enumerate(queue, start=1)
        ],
        "error": error,
        "queue_url": reverse("portal:queue", kwargs={"series": meeting.series}),
    }


def _steered_meeting(request: HttpRequest, series: str) -> Meeting:
    meeting = get_object_or_404(Meeting, series=series)
    _deny_unless(can_steer_meeting(request.user, meeting))
    return meeting


@portal_view("GET")
def meeting_speakers(request: HttpRequest, series: str) -> HttpResponse:
    meeting = _steered_meeting(request, series)
    return render(request, "portal/meeting_speakers.html", _queue_context(request, meeting))


@portal_view("GET")
def queue(request: HttpRequest, series: str) -> HttpResponse:
    """The fragment htmx polls every 3 seconds."""
    meeting = _steered_meeting(request, series)
    return render(request, "portal/_queue.html", _queue_context(request, meeting))


def _after_steering(request: HttpRequest, meeting: Meeting, error: str | None) -> HttpResponse:
    if request.headers.get("HX-Request"):
        return render(request, "portal/_queue.html", _queue_context(request, meeting, error))
    if error:
        messages.error(request, error)
    return redirect("portal:meeting_speakers", series=meeting.series)


@portal_view("POST")
def floor_move(request: HttpRequest, pk: int) -> HttpResponse:
    r = _floor_request(pk)
    _deny_unless(can_steer_meeting(request.user, r.meeting))
    error = None
    try:
        proceedings.move(r, by=actor_of(request), direction=request.POST.get("direction", ""))
    except NotAllowed:
        raise
    except DomainError as exc:
        error = str(exc)
    return _after_steering(request, r.meeting, error)


@portal_view("POST")
def floor_spoken(request: HttpRequest, pk: int) -> HttpResponse:
    r = _floor_request(pk)
    _deny_unless(can_steer_meeting(request.user, r.meeting))
    error = None
    try:
        proceedings.mark_spoken(r, by=actor_of(request))
    except NotAllowed:
        raise
    except DomainError as exc:
        error = str(exc)
    return _after_steering(request, r.meeting, error)


@portal_view("POST")
def next_speaker(request: HttpRequest, series: str) -> HttpResponse:
    meeting = _steered_meeting(request, series)
    error = None
    try:
        proceedings.next_speaker(meeting, by=actor_of(request))
    except NotAllowed:
        raise
    except DomainError as exc:
        error = str(exc)
    return _after_steering(request, meeting, error)


# -- notifications -------------------------------------------------------------------------------

NOTIFICATIONS_PER_PAGE = 50


def _language_form(request: HttpRequest, data=None) -> NotificationLanguageForm:
    return NotificationLanguageForm(data, initial={"language": notifications.language_of(request.user)})


def _notifications_page(request: HttpRequest, *, language_form=None, status=200) -> HttpResponse:
    code = getattr(request, "LANGUAGE_CODE", "en")
    page = Paginator(account_queries.notifications_of(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "portal/notifications.html",
        {
            "page": page,
            # Each notification links its page in the language the reader reads now.
            "rows": [
                {
                    "n": n,
                    "url": notifications.link_in(n.url, code),
                    # Written in the language the person had chosen when it was sent.
                    "lang": "zh-Hans" if n.language == "zh" else n.language,
                    "dir": "rtl" if n.language == "ar" else "ltr",
                }
                for n in page
            ],
            "unread": account_queries.unread_count(request.user),
            "language_form": language_form or _language_form(request),
            "chosen": account_queries.language_chosen(request.user),
        },
        status=status,
    )


@portal_view("GET")
def notification_list(request: HttpRequest) -> HttpResponse:
    """The person's own notifications, newest first, the unread ones marked."""
    return _notifications_page(request)


@portal_view("POST")
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    # Another person's notification does not exist for this one: 404, not 403.
    note = get_object_or_404(account_queries.notifications_of(request.user), pk=pk)
    notifications.mark_read(note, by=actor_of(request))
    return redirect("portal:notifications")


@portal_view("POST")
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.mark_all_read(request.user, by=actor_of(request))
    if count:
        messages.success(request, _("All notifications marked read."))
    return redirect("portal:notifications")


@portal_view("GET", "POST")
def notification_language(request: HttpRequest) -> HttpResponse:
    """The language Plenary writes to the person in: their e-mails and notifications."""
    if request.method == "GET":
        return render(
            request, "portal/notification_language.html", {"language_form": _language_form(request)}
        )
    form = _language_form(request, request.POST)
    if form.is_valid():
        try:
            notifications.set_language(request.user, form.cleaned_data["language"], by=actor_of(request))
        except NotAllowed:
            raise
        except DomainError as exc:
            form.add_error("language", str(exc))
        else:
            messages.success(request, _("From now on, Plenary writes to you in this language."))
            return redirect("portal:notifications")
    return render(request, "portal/notification_language.html", {"language_form": form}, status=400)
