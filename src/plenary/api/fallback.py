"""A JSON 404 for any other path under /api/ (Django's own 404 page is HTML)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from plenary.core.errors import NotFound

router = Router()


@router.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def unknown(request: HttpRequest, rest: str):
    raise NotFound(f"no such resource: {request.path}")
