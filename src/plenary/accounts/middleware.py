"""Staff sessions are short: they end when the browser closes (set at sign-in, accounts.signals)
and, whatever the browser keeps, at most STAFF_SESSION_HOURS after sign-in, checked here on the
server for every request. A staff session that carries no time of sign-in (made before this rule)
ends too: its holder signs in again, with the second factor. Someone made staff during a session
keeps it for the hours left since sign-in, from then on until the browser closes. Other people's
sessions keep Django's length."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

from plenary.accounts.permissions import is_staff
from plenary.accounts.signals import SIGN_OUT_REASON, SIGNED_IN_AT


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
        if user is not None and user.is_authenticated and is_staff(user):
            if staff_session_over(request.session, timezone.now().timestamp(), settings.STAFF_SESSION_HOURS):
                setattr(request, SIGN_OUT_REASON, "staff session hours")
                logout(request)  # request.user is now anonymous: the page answers as to anyone
            elif not request.session.get_expire_at_browser_close():
                request.session.set_expiry(0)  # made staff during the session: it ends with the browser
        return self.get_response(request)
