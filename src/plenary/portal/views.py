"""Pages of the delegate portal. Thin: they check who asks, call the capability apps' domain
functions (participation, documents, proceedings) with the request's Actor and show their messages. A user without the right gets 403; an anonymous visitor is sent to sign in."""

from __future__ import annotations

from collections import defaultdict
from functools import wraps
from pathlib import PurePath
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plenary.accounts import notify as notifications
from plenary.accounts import permissions
from plenary.accounts import queries as account_queries
from plenary.accounts.permissions import (
    can_act_for_delegation,
    can_steer_meeting,
    is_staff,
    represented_organizations,
    represented_states,
)
from plenary.assistance import steps as assistance_steps
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.audit import acting_for_code, acts_for
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.languages import UN_LANGUAGES, pick, pick_text
from plenary.documents import domain as docs
from plenary.documents import numbering
from plenary.documents.models import CoSponsorship, WorkingPaper, WorkingPaperFile
from plenary.documents.symbols import format_symbol
from plenary.meetings.domain import is_open
from plenary.meetings.models import Meeting
from plenary.participation.models import Category, Delegation, Organization
from plenary.participation.queries import registration_of
from plenary.portal.forms import (
    EndForm,
    FileForm,
    FloorForm,
    FromTheRoomForm,
    InviteForm,
    ListForm,
    NotificationLanguageForm,
    PaperForm,
    TimeLimitForm,
)
from plenary.proceedings import domain as proceedings
from plenary.proceedings.models import FloorRequest
from plenary.proceedings.queries import (
    OPEN,
    RANK,
    agenda_of,
    current_list,
    list_rows,
    place_in_queue,
    seconds_spoken,
    sittings_of,
    time_limit_of,
    time_limits,
)
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
        FloorRequest.objects.select_related(
            "meeting__treaty",
            "delegation__state",
            "delegation__organization",
            "sitting",
            "agenda_item__parent",
        ),
        pk=pk,
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
    focal = represented_states(request.user, focal_point_only=True) | permissions.registering_organizations(
        request.user
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
            # A focal point reads what others did in the name of their State (organization).
            "acted_for": [
                {"url": reverse("portal:acted_for_state", args=[c]), "name": names.states.get(c, c)}
                for c in sorted(represented_states(request.user, focal_point_only=True))
            ]
            + [
                {
                    "url": reverse("portal:acted_for_organization", args=[o.code]),
                    "name": names.organization(o),
                }
                for o in Organization.objects.filter(
                    code__in=represented_organizations(request.user, focal_point_only=True)
                ).order_by("code")
            ],
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


@portal_view("GET")
def delegation(request: HttpRequest, pk: int) -> HttpResponse:
    d = _delegation(pk)
    _deny_unless(can_act_for_delegation(request.user, d))
    names = Names(request)
    papers = WorkingPaper.objects.filter(delegation=d).select_related("document").order_by("created")
    covers = registration_of(d)
    return render(
        request,
        "portal/delegation.html",
        {
            "d": d,
            "name": names.of(d),
            "members": d.participants.order_by("position", "id"),
            "covers": covers if len(covers) > 1 else [],
            "may_edit": permissions.can_edit_delegation(request.user, d),
            "may_correct": permissions.can_edit_delegation(request.user, d)
            and all(is_open(x.meeting) or is_staff(request.user) for x in covers),
            "papers": [{"s": s, "title": names.title(s.title)} for s in papers],
            "may_take_the_floor": proceedings.may_take_the_floor(d),
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
    if lang not in UN_LANGUAGES:  # before the database: PostgreSQL refuses a NUL in a query
        raise Http404("no such language")
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


def _now():
    """The time the clocks are drawn at (the server's; one place, so that tests set it)."""
    return timezone.now()


def _mmss(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def _list_label(names: Names, sitting, item) -> str:
    if sitting is not None and item is not None:
        return _("sitting %(n)s, item %(label)s") % {"n": sitting.number, "label": item.label}
    if sitting is not None:
        return _("sitting %(n)s") % {"n": sitting.number}
    if item is not None:
        return _("item %(label)s") % {"label": item.label}
    return ""


def _whom(names: Names, r: FloorRequest) -> str:
    text = names.title(r.on_behalf_of_text)
    if text:
        return text
    return names.title(r.on_behalf_of_group.names) if r.on_behalf_of_group_id else ""


def _the_list(meeting: Meeting, data) -> tuple:
    """(sitting, agenda item, error) named by `data` (GET or POST): the meeting's, either None."""
    form = ListForm(data, meeting=meeting, sittings=sittings_of(meeting), items=agenda_of(meeting))
    if not form.is_valid():
        return None, None, "; ".join(e for errors in form.errors.values() for e in errors)
    return form.cleaned_data["sitting"], form.cleaned_data["agenda_item"], None


def _list_query(sitting, item) -> str:
    params = {}
    if sitting is not None:
        params["sitting"] = sitting.pk
    if item is not None:
        params["agenda_item"] = item.pk
    return f"?{urlencode(params)}" if params else ""


def _place_context(request: HttpRequest, d: Delegation) -> dict:
    names = Names(request)
    now = _now()
    rows = []
    for r in (
        FloorRequest.objects.filter(delegation=d, status__in=OPEN)
        .select_related("meeting", "sitting", "agenda_item__parent")
        .annotate(rank=RANK)
        .order_by("rank", "position")
    ):
        spoken = seconds_spoken(r, now)
        rows.append(
            {
                "r": r,
                "kind": r.get_kind_display(),
                "list": _list_label(names, r.sitting, r.agenda_item),
                "place": place_in_queue(r),
                "elapsed": spoken,
                "elapsed_text": _mmss(spoken),
                "limit": r.time_limit,
                "limit_text": _mmss(r.time_limit),
                "over": bool(r.time_limit and spoken is not None and spoken > r.time_limit),
            }
        )
    return {"d": d, "rows": rows, "place_url": reverse("portal:floor_place", args=[d.pk])}


def _floor_page(request: HttpRequest, d: Delegation, form: FloorForm, status: int = 200) -> HttpResponse:
    context = _place_context(request, d)
    context |= {
        "name": Names(request).of(d),
        "form": form,
        "may_take_the_floor": proceedings.may_take_the_floor(d),
    }
    return render(request, "portal/floor.html", context, status=status)


@portal_view("GET", "POST")
def floor(request: HttpRequest, pk: int) -> HttpResponse:
    """The delegation's places on the lists of speakers (refreshing by itself); POST asks for the
    floor for a statement, a right of reply or a point of order."""
    d = _delegation(pk)
    _deny_unless(can_act_for_delegation(request.user, d))
    meeting = d.meeting
    sitting_id, item_id = current_list(meeting)
    form = FloorForm(
        request.POST or None,
        meeting=meeting,
        sittings=sittings_of(meeting),
        items=agenda_of(meeting),
        treaty_code=meeting.treaty.code,
        initial={"sitting": sitting_id, "agenda_item": item_id},
    )
    if request.method == "POST":
        if not form.is_valid():
            return _floor_page(request, d, form, status=400)
        data = form.cleaned_data
        text = data["on_behalf_of"]
        try:
            proceedings.request_floor(
                d,
                by=actor_of(request),
                kind=data["kind"],
                sitting=data["sitting"],
                agenda_item=data["agenda_item"],
                on_behalf_of_group=data["on_behalf_of_group"],
                on_behalf_of_text={ui_lang(request): text} if text else None,
            )
        except NotAllowed:
            raise
        except DomainError as exc:
            messages.error(request, str(exc))
            return _floor_page(request, d, form, status=400)
        messages.success(request, _("You are on the list of speakers."))
        return redirect("portal:floor", pk=d.pk)
    return _floor_page(request, d, form)


@portal_view("GET")
def floor_place(request: HttpRequest, pk: int) -> HttpResponse:
    """The fragment of the delegation's places that its page polls every 3 seconds."""
    d = _delegation(pk)
    _deny_unless(can_act_for_delegation(request.user, d))
    return render(request, "portal/_place.html", _place_context(request, d))


@portal_view("POST")
def floor_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    r = _floor_request(pk)
    _deny_unless(permissions.can_withdraw_floor_request(request.user, r))
    mine = can_act_for_delegation(request.user, r.delegation) and not can_steer_meeting(
        request.user, r.meeting
    )
    try:
        proceedings.withdraw_floor_request(r, by=actor_of(request))
    except NotAllowed:
        raise
    except DomainError as exc:
        if mine:
            return _place_answer(request, r.delegation, str(exc))
        return _after_steering(request, r.meeting, r.sitting, r.agenda_item, str(exc))
    if mine:
        if request.headers.get("HX-Request"):
            return render(request, "portal/_place.html", _place_context(request, r.delegation))
        messages.success(request, _("Request withdrawn."))
        return redirect("portal:floor", pk=r.delegation_id)
    return _after_steering(request, r.meeting, r.sitting, r.agenda_item, None)


def _place_answer(request: HttpRequest, d: Delegation, error: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        context = _place_context(request, d) | {"error": error}
        return render(request, "portal/_place.html", context, status=400)
    messages.error(request, error)
    return _floor_page(
        request,
        d,
        FloorForm(meeting=d.meeting, sittings=sittings_of(d.meeting), items=agenda_of(d.meeting)),
        status=400,
    )


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


def _queue_context(request: HttpRequest, meeting: Meeting, sitting, item, error: str | None = None) -> dict:
    names = Names(request)
    now = _now()
    limits = time_limits(meeting)
    rows = list_rows(meeting, sitting, item)
    queue = [r for r in rows if r.status == FloorRequest.Status.WAITING]

    def row(r: FloorRequest, place: int | None = None) -> dict:
        limit = time_limit_of(r, limits)
        spoken = seconds_spoken(r, now)
        return {
            "r": r,
            "place": place,
            "name": names.of(r.delegation),
            "kind": r.get_kind_display(),
            "whom": _whom(names, r),
            "limit": limit,
            "limit_text": _mmss(limit),
            "elapsed": spoken,
            "elapsed_text": _mmss(spoken),
            "over": bool(limit and spoken is not None and spoken > limit),
            "list": _list_label(names, r.sitting, r.agenda_item),
            "is_ngo": r.delegation.category == Category.NGO,
            "is_state": bool(r.delegation.state_id),
        }

    listed = []
    for i, r in enumerate(queue):
        entry = row(r, i + 1)
        entry["first_of_kind"] = i == 0 or queue[i - 1].kind != r.kind
        entry["last_of_kind"] = i == len(queue) - 1 or queue[i + 1].kind != r.kind
        listed.append(entry)
    return {
        "meeting": meeting,
        "sitting": sitting,
        "agenda_item": item,
        "speaking": [row(r) for r in rows if r.status == FloorRequest.Status.SPEAKING],
        "queue": listed,
        "error": error,
        "queue_url": reverse("portal:queue", kwargs={"series": meeting.series}) + _list_query(sitting, item),
        "meeting_limit": _mmss(limits.get(None)),
        "sitting_limit": _mmss(limits.get(sitting.pk)) if sitting else "",
    }


def _steered_meeting(request: HttpRequest, series: str) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("treaty"), series=series)
    _deny_unless(can_steer_meeting(request.user, meeting))
    return meeting


def _from_the_room_form(request: HttpRequest, meeting: Meeting, names: Names, data=None) -> FromTheRoomForm:
    registered = list(
        Delegation.objects.filter(meeting=meeting, status=Delegation.Status.REGISTERED)
        .select_related("meeting", "state", "organization")
        .order_by("position", "pk")
    )
    allowed = [d for d in registered if proceedings.may_take_the_floor(d, from_the_room=True)]
    allowed.sort(key=lambda d: names.of(d))
    form = FromTheRoomForm(
        data,
        delegations=Delegation.objects.filter(pk__in=[d.pk for d in allowed]),
        names=names,
        treaty_code=meeting.treaty.code,
    )
    form.fields["delegation"].choices = [("", "---------")] + [(d.pk, names.of(d)) for d in allowed]
    return form


def _run_page(
    request: HttpRequest, meeting: Meeting, sitting, item, *, error: str | None = None, status: int = 200
) -> HttpResponse:
    names = Names(request)
    context = _queue_context(request, meeting, sitting, item, error)
    context |= {
        "list_form": ListForm(
            initial={"sitting": sitting.pk if sitting else None, "agenda_item": item.pk if item else None},
            meeting=meeting,
            sittings=sittings_of(meeting),
            items=agenda_of(meeting),
        ),
        "list_label": _list_label(names, sitting, item),
        "add_form": _from_the_room_form(request, meeting, names),
    }
    return render(request, "portal/meeting_speakers.html", context, status=status)


@portal_view("GET")
def meeting_speakers(request: HttpRequest, series: str) -> HttpResponse:
    """The Chair's secretary runs the list of speakers: choose the sitting and agenda item, add a
    delegation from the room, give the floor, end, move, withdraw; the clock of the speaker."""
    meeting = _steered_meeting(request, series)
    sitting, item, error = _the_list(meeting, request.GET)
    if error:
        return _run_page(request, meeting, None, None, error=error, status=400)
    return _run_page(request, meeting, sitting, item)


@portal_view("GET")
def queue(request: HttpRequest, series: str) -> HttpResponse:
    """The fragment htmx polls every 3 seconds."""
    meeting = _steered_meeting(request, series)
    sitting, item, error = _the_list(meeting, request.GET)
    if error:
        return render(
            request, "portal/_queue.html", _queue_context(request, meeting, None, None, error), status=400
        )
    return render(request, "portal/_queue.html", _queue_context(request, meeting, sitting, item))


def _after_steering(request: HttpRequest, meeting: Meeting, sitting, item, error: str | None) -> HttpResponse:
    """The answer to a steering act: the fragment for htmx, else back to the page (400 with the
    message when the act was refused)."""
    if request.headers.get("HX-Request"):
        context = _queue_context(request, meeting, sitting, item, error)
        return render(request, "portal/_queue.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
        return _run_page(request, meeting, sitting, item, status=400)
    return redirect(
        reverse("portal:meeting_speakers", kwargs={"series": meeting.series}) + _list_query(sitting, item)
    )


def _steer(request: HttpRequest, meeting: Meeting, sitting, item, act) -> HttpResponse:
    try:
        act()
    except NotAllowed:
        raise
    except DomainError as exc:
        return _after_steering(request, meeting, sitting, item, str(exc))
    return _after_steering(request, meeting, sitting, item, None)


def _form_error(form) -> str:
    return "; ".join(str(e) for errors in form.errors.values() for e in errors)


def _page_list(request: HttpRequest, meeting: Meeting, fallback: FloorRequest | None = None):
    """The list the page shows (POSTed back with each act); the request's own list otherwise."""
    if "sitting" in request.POST or "agenda_item" in request.POST:
        return _the_list(meeting, request.POST)
    if fallback is not None:
        return fallback.sitting, fallback.agenda_item, None
    return None, None, None


@portal_view("POST")
def floor_add(request: HttpRequest, series: str) -> HttpResponse:
    """Add a delegation that asks from the room to the page's list."""
    meeting = _steered_meeting(request, series)
    sitting, item, error = _the_list(meeting, request.POST)
    if error:
        return _after_steering(request, meeting, None, None, error)
    form = _from_the_room_form(request, meeting, Names(request), request.POST)
    if not form.is_valid():
        return _after_steering(request, meeting, sitting, item, _form_error(form))
    data = form.cleaned_data
    text = data["on_behalf_of"]
    return _steer(
        request,
        meeting,
        sitting,
        item,
        lambda: proceedings.add_from_the_room(
            meeting,
            data["delegation"],
            by=actor_of(request),
            kind=data["kind"],
            sitting=sitting,
            agenda_item=item,
            on_behalf_of_group=data["on_behalf_of_group"],
            on_behalf_of_text={ui_lang(request): text} if text else None,
        ),
    )


@portal_view("POST")
def floor_give(request: HttpRequest, pk: int) -> HttpResponse:
    r = _floor_request(pk)
    _deny_unless(can_steer_meeting(request.user, r.meeting))
    sitting, item, error = _page_list(request, r.meeting, r)
    if error:
        return _after_steering(request, r.meeting, None, None, error)
    return _steer(request, r.meeting, sitting, item, lambda: proceedings.give_floor(r, by=actor_of(request)))


@portal_view("POST")
def floor_end(request: HttpRequest, pk: int) -> HttpResponse:
    r = _floor_request(pk)
    _deny_unless(can_steer_meeting(request.user, r.meeting))
    sitting, item, error = _page_list(request, r.meeting, r)
    if error:
        return _after_steering(request, r.meeting, None, None, error)
    form = EndForm(request.POST)
    if not form.is_valid():
        return _after_steering(request, r.meeting, sitting, item, _form_error(form))
    return _steer(
        request,
        r.meeting,
        sitting,
        item,
        lambda: proceedings.end_speech(r, by=actor_of(request), **form.values()),
    )


@portal_view("POST")
def floor_move(request: HttpRequest, pk: int) -> HttpResponse:
    r = _floor_request(pk)
    _deny_unless(can_steer_meeting(request.user, r.meeting))
    sitting, item, error = _page_list(request, r.meeting, r)
    if error:
        return _after_steering(request, r.meeting, None, None, error)
    direction = request.POST.get("direction", "")
    return _steer(
        request,
        r.meeting,
        sitting,
        item,
        lambda: proceedings.move(r, by=actor_of(request), direction=direction),
    )


@portal_view("POST")
def floor_time_limit(request: HttpRequest, pk: int) -> HttpResponse:
    """A speaker's own speaking time."""
    r = _floor_request(pk)
    _deny_unless(can_steer_meeting(request.user, r.meeting))
    sitting, item, error = _page_list(request, r.meeting, r)
    if error:
        return _after_steering(request, r.meeting, None, None, error)
    form = TimeLimitForm(request.POST)
    if not form.is_valid():
        return _after_steering(request, r.meeting, sitting, item, _form_error(form))
    seconds = form.cleaned_data["limit"]
    return _steer(
        request,
        r.meeting,
        sitting,
        item,
        lambda: proceedings.set_speaker_time_limit(r, seconds, by=actor_of(request)),
    )


@portal_view("POST")
def time_limit(request: HttpRequest, series: str) -> HttpResponse:
    """The speaking time of the meeting, or of the page's sitting (`for_sitting`)."""
    meeting = _steered_meeting(request, series)
    sitting, item, error = _the_list(meeting, request.POST)
    if error:
        return _after_steering(request, meeting, None, None, error)
    form = TimeLimitForm(request.POST)
    if not form.is_valid():
        return _after_steering(request, meeting, sitting, item, _form_error(form))
    seconds = form.cleaned_data["limit"]
    of_sitting = sitting if request.POST.get("for_sitting") else None
    return _steer(
        request,
        meeting,
        sitting,
        item,
        lambda: proceedings.set_time_limit(meeting, seconds, by=actor_of(request), sitting=of_sitting),
    )


@portal_view("POST")
def next_speaker(request: HttpRequest, series: str) -> HttpResponse:
    """The floor to the first of the page's list."""
    meeting = _steered_meeting(request, series)
    sitting, item, error = _the_list(meeting, request.POST)
    if error:
        return _after_steering(request, meeting, None, None, error)
    return _steer(
        request,
        meeting,
        sitting,
        item,
        lambda: proceedings.next_speaker(meeting, by=actor_of(request), sitting=sitting, agenda_item=item),
    )


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


# -- what others did in a State's name -----------------------------------------------------------

ACTS = {
    "paper.create": gettext_lazy("drafted a working paper"),
    "paper.update": gettext_lazy("changed a working paper"),
    "paper.file": gettext_lazy("attached a file to a working paper"),
    "paper.invite": gettext_lazy("invited a State to co-sponsor a working paper"),
    "paper.submit": gettext_lazy("submitted a working paper"),
    "paper.withdraw": gettext_lazy("withdrew a working paper"),
    "floor.request": gettext_lazy("asked for the floor"),
    "floor.add": gettext_lazy("put the delegation on the list of speakers from the room"),
    "floor.withdraw": gettext_lazy("withdrew a request for the floor"),
    "delegation.register": gettext_lazy("registered the delegation"),
    "delegation.correct": gettext_lazy("changed the registration"),
    # The treaty's databases: what the secretariat or the system did in a State's name.
    "cbm.start": gettext_lazy("started a CBM report"),
    "cbm.update": gettext_lazy("changed a CBM report"),
    "cbm.declare": gettext_lazy("answered Form 0 of a CBM report"),
    "cbm.entry.add": gettext_lazy("added an entry to a CBM report"),
    "cbm.entry.update": gettext_lazy("changed an entry of a CBM report"),
    "cbm.entry.remove": gettext_lazy("removed an entry from a CBM report"),
    "cbm.submit": gettext_lazy("submitted a CBM report"),
    "cbm.upload": gettext_lazy("put on record a CBM report sent by the State"),
    "cooperation.offer": gettext_lazy("drafted an Article X offer"),
    "cooperation.request": gettext_lazy("drafted an Article X request"),
    "cooperation.edit_offer": gettext_lazy("changed an Article X offer"),
    "cooperation.edit_request": gettext_lazy("changed an Article X request"),
    "cooperation.submit_offer": gettext_lazy("submitted an Article X offer"),
    "cooperation.submit_request": gettext_lazy("submitted an Article X request"),
    "cooperation.withdraw_offer": gettext_lazy("withdrew an Article X offer"),
    "cooperation.withdraw_request": gettext_lazy("withdrew an Article X request"),
    "assistance.submit": gettext_lazy("submitted a request for Article VII assistance"),
    **{
        f"assistance.{step}": gettext_lazy("took a step of an Article VII request")
        for step in assistance_steps.STEPS
        if step != assistance_steps.SUBMITTED
    },
    "assistance.offer": gettext_lazy("recorded an offer of Article VII assistance"),
    "assistance.edit_offer": gettext_lazy("changed an offer of Article VII assistance"),
    "assistance.withdraw_offer": gettext_lazy("withdrew an offer of Article VII assistance"),
    "sponsorship.apply": gettext_lazy("applied for sponsorship"),
    "sponsorship.withdraw": gettext_lazy("withdrew an application for sponsorship"),
}
VIAS = {
    "page": gettext_lazy("web page"),
    "api": gettext_lazy("API"),
    "cli": gettext_lazy("command line"),
    "admin": gettext_lazy("administration site"),
    "load": gettext_lazy("record load"),
    "system": gettext_lazy("the system"),
}
# Where a State's people read the record an entry is about.
RECORD_PAGES = {"documents.WorkingPaper": "portal:paper", "participation.Delegation": "portal:delegation"}
RECORDED_AT = {
    "documents.WorkingPaper": WorkingPaper,
    "participation.Delegation": Delegation,
    "proceedings.FloorRequest": FloorRequest,
}
ACTS_PER_PAGE = 50


@portal_view("GET")
def acted_for(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    """What others (the secretariat, the system) did in the name of a State or an organization:
    who, when, what, through what. Its focal points and staff see it."""
    if kind == "states":
        principal = get_object_or_404(State, code=code)
        _deny_unless(permissions.can_see_acts_for(request.user, state=principal))
        label, name = "State", Names(request).state(principal)
    else:
        principal = get_object_or_404(Organization, code=code)
        _deny_unless(permissions.can_see_acts_for(request.user, organization=principal))
        label, name = "Organization", Names(request).organization(principal)
    page = Paginator(acts_for(acting_for_code(label, code)), ACTS_PER_PAGE).get_page(request.GET.get("page"))
    entries = list(page)
    # The meeting of each record, one query per kind of record on the page.
    ids: dict[str, set[int]] = defaultdict(set)
    for e in entries:
        if e.object_type in RECORDED_AT and e.object_id.isdigit():
            ids[e.object_type].add(int(e.object_id))
    meetings = {
        (kind, str(pk)): series
        for kind, pks in ids.items()
        for pk, series in RECORDED_AT[kind].objects.filter(pk__in=pks).values_list("pk", "meeting__series")
    }
    rows = []
    for e in entries:
        url_name = RECORD_PAGES.get(e.object_type)
        snapshot = e.after if isinstance(e.after, dict) else e.before if isinstance(e.before, dict) else {}
        rows.append(
            {
                "e": e,
                "what": ACTS.get(e.action, e.action),
                "via": VIAS.get(e.via, e.via),
                "meeting": meetings.get((e.object_type, e.object_id)) or snapshot.get("meeting", ""),
                "url": reverse(url_name, args=[e.object_id]) if url_name and e.object_id.isdigit() else "",
            }
        )
    return render(request, "portal/acted_for.html", {"name": name, "rows": rows, "page": page})
