"""/health: for a load balancer or a service manager asking an app server whether it answers."""

from __future__ import annotations

import logging

from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


@require_safe
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """200 "ok" when this process answers and reaches its database, else 503. Plain HTTP is
    answered too (settings.SECURE_REDIRECT_EXEMPT): a check from beside the proxy has no
    X-Forwarded-Proto."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        log.error("health: the database does not answer: %s", exc)
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
