"""Who is signed in, checked on every request in two places:

- `SecondFactorMiddleware`: the one place where the second factor is enforced. A session of
  someone who needs it (staff, superusers, Django staff users) that has not passed it is not
  theirs. Plenary's sign-in never makes such a session (staff sign in only after their code), but
  a session made by a password alone (Django's `login()` anywhere else, or a staff role granted to
  someone already signed in) would otherwise carry staff rights into the back office, the admin,
  the portal's staff pages and the API's session authentication. Here such a session is signed
  out and becomes a pending sign-in: pages send the person to the second-factor step; the API and
  the accounts pages see an anonymous visitor.
- `StaffSessionMiddleware`: the sessions of those who need the second factor are short: they end
  when the browser closes (set at sign-in, accounts.signals) and, whatever the browser keeps, at
  most STAFF_SESSION_HOURS after sign-in, checked here on the server for every request. Such a
  session that carries no time of sign-in (made before this rule) ends too: its holder signs in
  again, with the second factor. Someone made staff during a session keeps it for the hours left
  since sign-in, from then on until the browser closes. Other people's sessions keep Django's
  length.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponseRedirect
from django.utils import timezone

from plenary.accounts.permissions import is_verified, needs_second_factor
from plenary.accounts.signals import SIGN_OUT_REASON, SIGNED_IN_AT

PENDING = "plenary_pending_user"


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, no one signed in: and the session stays untouched, so that public
            # responses do not vary by cookie (they stay cacheable as they were).
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not is_verified(user) and needs_second_factor(user):
            pk = user.pk
            logout(request)
            request.session[PENDING] = pk
            if not request.path.startswith(("/api/", "/accounts/")):
                target = request.get_full_path() if request.method in ("GET", "HEAD") else "/"
                return HttpResponseRedirect(f"/accounts/two-factor/?next={quote(target, safe='/')}")
        return self.get_response(request)


def staff_session_over(session, now: float, hours: float) -> bool:
    """Whether a staff session signed in at session[SIGNED_IN_AT] is past its hours at `now`."""
    signed_in = session.get(SIGNED_IN_AT)
    return not isinstance(signed_in, int | float) or now - signed_in >= hours * 3600


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: the session is left unread, so that
        # anonymous answers do not vary on Cookie (downloads and cached pages stay shareable).
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        user = getattr(request, "user", None) if signed_in else None
        if user is not None and user.is_authenticated and needs_second_factor(user):
            if staff_session_over(request.session, timezone.now().timestamp(), settings.STAFF_SESSION_HOURS):
                setattr(request, SIGN_OUT_REASON, "staff session hours")
                logout(request)  # request.user is now anonymous: the page answers as to anyone
            elif not request.session.get_expire_at_browser_close():
                request.session.set_expiry(0)  # made staff during the session: it ends with the browser
        return self.get_response(request)
