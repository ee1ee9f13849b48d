"""A State's finances in the portal: its assessments, invoices (paid, owed, how old), payments and
credits, seen only by the secretariat and the State's own people
(`accounts.permissions.can_see_state_finances`). Read only: the secretariat records payments in
the back office. `?as_of=YYYY-MM-DD` shows the account as it stood on a day."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from plenary.accounts import permissions
from plenary.core import clock
from plenary.finance import queries
from plenary.finance.models import Invoice
from plenary.portal.views import Names, _deny_unless, portal_view
from plenary.treaties.models import State


def _as_of(request: HttpRequest) -> dt.date:
    text = request.GET.get("as_of", "").strip()
    if not text:
        return clock.today()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise Http404("as_of is a date written YYYY-MM-DD") from None
    if not 1900 <= day.year <= 2200:
        raise Http404("as_of is out of range")
    return day


def _state(code: str) -> State:
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise Http404("a State is named by its alpha-3 code")
    return get_object_or_404(State, code=code.upper())


@portal_view("GET")
def mine(request: HttpRequest) -> HttpResponse:
    """The States whose finances the reader sees: their own (the secretariat: every State assessed)."""
    names = Names(request)
    codes = None if permissions.is_staff(request.user) else permissions.state_people_of(request.user)
    states = queries.states_with_accounts(codes)
    return render(request, "portal/finance/mine.html", {"rows": [(s, names.state(s)) for s in states]})


@portal_view("GET")
def state(request: HttpRequest, code: str) -> HttpResponse:
    the_state = _state(code)
    _deny_unless(permissions.can_see_state_finances(request.user, the_state))
    account = queries.account(the_state, _as_of(request))
    return render(
        request,
        "portal/finance/state.html",
        {
            "account": account,
            "name": Names(request).state(the_state),
            "buckets": list(account.arrears.items()),
        },
    )


@portal_view("GET")
def invoice(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Invoice.objects.select_related("state", "assessment__apportionment"), pk=pk)
    _deny_unless(permissions.can_see_state_finances(request.user, row.state))
    as_of = _as_of(request)
    line = next((x for x in queries.account(row.state, as_of).invoices if x.invoice.pk == row.pk), None)
    return render(
        request,
        "portal/finance/invoice.html",
        {"invoice": row, "line": line, "name": Names(request).state(row.state), "as_of": as_of},
    )
