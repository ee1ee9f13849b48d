"""API authentication: a personal token ("Authorization: Bearer pln_...") or the browser session.

Session requests that change something must carry the CSRF token (django-ninja checks it when
`csrf=True`); token requests need none, since no browser sends the token by itself.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from plenary.accounts.domain import user_for_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session, with CSRF checked on unsafe methods. Without a signed-in
    session the answer is 401 (not signed in), not a CSRF refusal."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None):
        if not request.user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and check_csrf(request) is not None:
            raise AuthenticationError(403, "CSRF token missing or incorrect")
        return request.user


token_or_session = [TokenAuth(), SessionAuth(csrf=False)]


def reader(request: HttpRequest):
    """The caller of an endpoint open to everyone whose answer depends on who asks (what is
    restricted to States Parties): a token's owner (a token that is not valid is a 401, not an
    anonymous read), the signed-in session's user, or the anonymous visitor."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        user = user_for_token(header.removeprefix("Bearer ").strip())
        if user is None:
            raise HttpError(401, "the token is not valid")
        return user
    return request.user
