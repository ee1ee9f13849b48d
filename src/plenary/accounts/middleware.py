"""The one place where the second factor is enforced: a session of someone who needs it (staff,
superusers, Django staff users) that has not passed it is not theirs.

Plenary's sign-in never makes such a session (staff sign in only after their code), but a session
made by a password alone (Django's `login()` anywhere else, or a staff role granted to someone
already signed in) would otherwise carry staff rights into the back office, the admin, the
portal's staff pages and the API's session authentication. Here such a session is signed out and
becomes a pending sign-in: pages send the person to the second-factor step; the API and the
accounts pages see an anonymous visitor.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponseRedirect

from plenary.accounts.permissions import is_verified, needs_second_factor

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
