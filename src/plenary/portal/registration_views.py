"""Registration pages of the portal: a focal point (or an organization's observer) registers the
delegation's people with the note verbale or letter of credentials, for one meeting or several
of the same year; sees the secretariat's check; corrects a returned registration and sends it
again. Thin: each page calls one domain function of participation and shows its message."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from plenary.accounts import permissions
from plenary.core.actor import actor_of
from plenary.core.dates import un_date_range
from plenary.core.errors import DomainError, NotAllowed, NotFound
from plenary.meetings.domain import is_open
from plenary.meetings.models import Meeting
from plenary.participation import domain as participation
from plenary.participation.models import Delegation, Organization
from plenary.participation.queries import open_meetings_of_year, registration_of
from plenary.portal.forms import CredentialsForm, people_formset
from plenary.portal.views import Names, _delegation, _deny_unless, portal_view
from plenary.treaties.models import State


def _entity(code: str) -> tuple[State | None, Organization | None]:
    state = State.objects.filter(code=code.upper()).first() if len(code) == 3 else None
    if state is not None:
        return state, None
    org = Organization.objects.filter(code=code).first()
    if org is None:
        raise Http404(_("No State or organization has this code."))
    return None, org


def _other_meetings(
    meeting: Meeting, state: State | None, organization: Organization | None
) -> list[Meeting]:
    """The open meetings of the same year the State or organization may also register for now
    (those where it has no delegation yet), the meeting itself first."""
    taken = set(
        Delegation.objects.filter(
            state=state, organization=organization, meeting__year=meeting.year
        ).values_list("meeting_id", flat=True)
    )
    others = [m for m in open_meetings_of_year(meeting) if m.pk != meeting.pk and m.pk not in taken]
    return [meeting, *others]


def _meeting_choices(meetings: list[Meeting], names: Names) -> list[tuple[str, str]]:
    rows = []
    for m in meetings:
        when = un_date_range(m.start, m.end, names.lang) if m.start and m.end and m.start <= m.end else ""
        rows.append((m.series, f"{m.series} {when}".strip()))
    return rows


def _wants_another_row(request: HttpRequest) -> bool:
    return request.method == "POST" and "add" in request.POST


@portal_view("GET", "POST")
def register(request: HttpRequest, series: str, code: str) -> HttpResponse:
    """The registration form: the people (as many rows as needed), the credentials, and the
    meetings of the same year it also covers."""
    meeting = get_object_or_404(Meeting.objects.select_related("treaty"), series=series)
    state, organization = _entity(code)
    _deny_unless(permissions.can_register_delegation(request.user, state=state, organization=organization))
    existing = Delegation.objects.filter(meeting=meeting, state=state, organization=organization).first()
    if existing is not None:
        messages.info(request, _("This delegation is already registered."))
        return redirect("portal:delegation", pk=existing.pk)
    names = Names(request)
    who = names.state(state) if state else names.organization(organization)
    staff = permissions.is_staff(request.user)
    meetings = _other_meetings(meeting, state, organization) if is_open(meeting) else [meeting]
    choices = _meeting_choices(meetings, names) if len(meetings) > 1 else []
    posted = request.method == "POST"
    formset = people_formset(request.POST if posted else None, add=1 if _wants_another_row(request) else 0)
    form = CredentialsForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        meetings=choices,
        credentials_required=not staff,
        initial={"meetings": [meeting.series]},
    )
    error = None
    status = 200
    if posted and not _wants_another_row(request):
        if formset.is_valid() and form.is_valid():
            chosen = form.cleaned_data.get("meetings") or [meeting.series]
            by_series = {m.series: m for m in meetings}
            covered = [by_series[s] for s in by_series if s in chosen]
            if meeting.series not in chosen:
                covered = [meeting, *covered]
            try:
                made = participation.register_for_meetings(
                    covered,
                    by=actor_of(request),
                    state=state,
                    organization=organization,
                    members=formset.people(),
                    credentials=form.cleaned_data.get("credentials"),
                )
            except NotAllowed:
                raise
            except DomainError as exc:
                error = str(exc)
            else:
                first = made[0]
                if first.review == Delegation.Review.RECEIVED:
                    messages.success(
                        request,
                        _(
                            "Registration sent to the secretariat, which checks it and tells you when it is approved."
                        ),
                    )
                else:
                    messages.success(request, _("Delegation registered."))
                if first.status == Delegation.Status.PENDING:
                    messages.info(request, _("Observer status is pending until the meeting decides."))
                return redirect("portal:delegation", pk=first.pk)
        status = 400
    if not is_open(meeting) and not staff and error is None:
        error = _("This meeting is no longer open for registration.")
    return render(
        request,
        "portal/register.html",
        {
            "meeting": meeting,
            "who": who,
            "code": code,
            "formset": formset,
            "form": form,
            "error": error,
            "editing": False,
            "added": _wants_another_row(request),
        },
        status=status,
    )


def _people_initial(d: Delegation) -> list[dict]:
    return [
        {
            "honorific": p.honorific,
            "family_name": p.family_name or p.name,
            "given_names": p.given_names,
            "function": p.function,
            "email": p.email,
            "role": p.role,
        }
        for p in d.participants.order_by("position", "id")
    ]


@portal_view("GET", "POST")
def edit_delegation(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct the people and the credentials; the focal point's correction sends the
    registration (again) to the secretariat."""
    d = _delegation(pk)
    _deny_unless(permissions.can_edit_delegation(request.user, d))
    posted = request.method == "POST"
    formset = (
        people_formset(request.POST, add=1 if _wants_another_row(request) else 0)
        if posted
        else people_formset(initial=_people_initial(d))
    )
    form = CredentialsForm(request.POST if posted else None, request.FILES if posted else None)
    error = None
    status = 200
    if posted and not _wants_another_row(request):
        if formset.is_valid() and form.is_valid():
            try:
                participation.correct_registration(
                    d,
                    by=actor_of(request),
                    members=formset.people(),
                    credentials=form.cleaned_data.get("credentials"),
                )
            except NotAllowed:
                raise
            except DomainError as exc:
                error = str(exc)
            else:
                d.refresh_from_db()
                if d.review == Delegation.Review.RECEIVED and not permissions.is_staff(request.user):
                    messages.success(request, _("Registration sent to the secretariat again."))
                else:
                    messages.success(request, _("Delegation updated."))
                return redirect("portal:delegation", pk=d.pk)
        status = 400
    return render(
        request,
        "portal/register.html",
        {
            "meeting": d.meeting,
            "who": Names(request).of(d),
            "formset": formset,
            "form": form,
            "error": error,
            "editing": True,
            "d": d,
            "covers": registration_of(d),
            "added": _wants_another_row(request),
        },
        status=status,
    )


@portal_view("GET")
def credentials(request: HttpRequest, pk: int) -> HttpResponse:
    """The note verbale or letter of credentials as it was sent: for staff and the delegation's
    own people only (403 for anyone else, 404 when none was sent)."""
    d = _delegation(pk)
    _deny_unless(permissions.can_read_credentials(request.user, d))
    try:
        data, name, mime = participation.credentials_of(d, by=actor_of(request))
    except NotFound as exc:
        raise Http404(str(exc)) from None
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Content-Length"] = str(len(data))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
