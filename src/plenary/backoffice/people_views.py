"""The people page of the back office: every account with its roles; a new account (with its
first role), a role given or taken away, the e-mail that lets a person set their password. Thin:
each form calls one domain function of accounts.domain; its DomainError comes back to the page
as the form's error with HTTP 400 (403 for NotAllowed)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from plenary.accounts.domain import create_account, grant_role, invite_to_set_password, revoke_role
from plenary.accounts.models import Role
from plenary.accounts.queries import accounts
from plenary.backoffice.people_forms import AccountForm, RoleForm, SearchForm
from plenary.backoffice.views import _organization_choices, _state_names, staff_only
from plenary.core import clock
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError, NotAllowed
from plenary.meetings.models import Meeting
from plenary.treaties.models import State

PER_PAGE = 50


def _back(username: str = "") -> HttpResponse:
    """To the list, showing the person just changed."""
    url = reverse("backoffice:people")
    return redirect(f"{url}?{urlencode({'q': username})}" if username else url)


def _page(
    request: HttpRequest,
    *,
    form: AccountForm | None = None,
    failed: tuple[int, RoleForm | None, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The list (searched, one page of it), the new-account form, and on each person the form to
    give a role. `failed` is (user id, its bound role form or None, the error) of a row's act that
    did not go through."""
    search = SearchForm(request.GET)
    q = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if failed is not None:  # the person whose act failed, wherever they are in the list
        q = User.objects.filter(pk=failed[0]).values_list("username", flat=True).first() or q
        search = SearchForm({"q": q})
        search.is_valid()
    page = Paginator(accounts(q), PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for user in page:
        grant = RoleForm(prefix=f"u{user.pk}")
        error = ""
        if failed is not None and failed[0] == user.pk:
            grant = failed[1] or grant
            error = failed[2]
        rows.append({"user": user, "roles": list(user.plenary_roles.all()), "grant": grant, "error": error})
    names = _state_names(clock.today())
    states = sorted(
        ((code, names.get(code, code)) for code in State.objects.values_list("code", flat=True)),
        key=lambda row: row[1].casefold(),
    )
    return render(
        request,
        "backoffice/people.html",
        {
            "form": form or AccountForm(),
            "search": search,
            "q": q,
            "page": page,
            "rows": rows,
            "states": states,
            "organizations": _organization_choices(),
            "meetings": Meeting.objects.order_by("-year", "series").values_list("series", flat=True),
        },
        status=status,
    )


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_http_methods(["GET", "POST"])
@staff_only
def people(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    form = AccountForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = create_account(
                username=data["username"],
                email=data["email"],
                language=data["language"],
                role=data["kind"] or None,
                by=actor_of(request),
                **form.scope(),
            )
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Account %(username)s created. Send the set-password e-mail when ready.")
                % {"username": user.username},
            )
            return _back(user.username)
    return _page(request, form=form, status=400)


@require_POST
@staff_only
def grant(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST, prefix=f"u{user.pk}")
    if form.is_valid():
        try:
            role = grant_role(user, form.cleaned_data["kind"], by=actor_of(request), **form.scope())
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(role)s given.") % {"role": role})
            return _back(user.username)
    return _page(request, failed=(user.pk, form, ""), status=400)


@require_POST
@staff_only
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(Role.objects.select_related("user", "state", "organization", "meeting"), pk=pk)
    what, username = str(role), role.user.username
    try:
        revoke_role(role, by=actor_of(request))
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except DomainError as exc:
        return _page(request, failed=(role.user_id, None, str(exc)), status=400)
    messages.success(request, _("%(role)s: taken away.") % {"role": what})
    return _back(username)


@require_POST
@staff_only
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    try:
        invite_to_set_password(user, by=actor_of(request), url_base=_site(request))
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except DomainError as exc:
        return _page(request, failed=(user.pk, None, str(exc)), status=400)
    messages.success(request, _("The set-password e-mail goes to %(email)s.") % {"email": user.email})
    return _back(user.username)
