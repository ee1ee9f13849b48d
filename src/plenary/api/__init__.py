"""The REST API (django-ninja): OpenAPI 3 at /api/openapi.json, interactive docs at /api/docs."""

from __future__ import annotations

import logging

from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, ValidationError

from plenary.api.common import reason
from plenary.core.errors import DomainError, NotFound
from plenary.documents.symbols import SymbolError

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="Plenary API",
    version="1",
    description="Read access to the public records of treaty meetings: meetings, documents, States, "
    "treaty status, the intersessional programme, participants, lists of speakers, search.",
    urls_namespace="api",
    # Swagger UI from the ninja app's static files (settings.INSTALLED_APPS); no call to
    # validator.swagger.io either: the docs page talks to Plenary alone.
    docs=Swagger(settings={"validatorUrl": None}),
)


# --- errors: always JSON {"detail": ...}, never an HTML page -----------------------------------


@api.exception_handler(NotFound)
def _not_found(request, exc):
    return api.create_response(request, {"detail": reason(request, exc)}, status=404)


@api.exception_handler(DomainError)
def _domain_error(request, exc):
    return api.create_response(request, {"detail": reason(request, exc)}, status=400)


@api.exception_handler(SymbolError)
def _bad_symbol(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


@api.exception_handler(ValidationError)
def _bad_parameters(request, exc):
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
        bound = error.get("ctx") or {}
        if error.get("type") == "less_than_equal":
            problems.append(f"{where} must be at most {bound.get('le')}")
        elif error.get("type") == "greater_than_equal":
            problems.append(f"{where} must be at least {bound.get('ge')}")
        else:
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return api.create_response(request, {"detail": "; ".join(problems), "errors": exc.errors}, status=400)


@api.exception_handler(Http404)
def _http404(request, exc):
    return api.create_response(request, {"detail": str(exc) or "not found"}, status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


@api.exception_handler(Exception)
def _unexpected(request, exc):
    log.exception("API error on %s", request.path)
    return api.create_response(request, {"detail": "internal error"}, status=500)


# --- routers: order matters, sub-resources of a path before the path itself ---------------------

from plenary.api import documents, meetings, states  # noqa: E402

api.add_router("", meetings.router)
api.add_router("", documents.router)
api.add_router("", states.router)

from plenary.api import floor, me, search  # noqa: E402

api.add_router("", search.router)
api.add_router("", me.router)
api.add_router("", floor.router)

from plenary.api import assistance, cbm, cooperation, finance, sponsorship  # noqa: E402

api.add_router("", cbm.router)
api.add_router("", cooperation.router)
api.add_router("", assistance.router)
api.add_router("", finance.router)
api.add_router("", sponsorship.router)

from plenary.api import finance_estimates  # noqa: E402

api.add_router("", finance_estimates.router)

from plenary.api import fallback  # noqa: E402

api.add_router("", fallback.router)
