"""Files every site is asked for at its root, served by Plenary itself."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

FAVICON = Path(__file__).resolve().parent / "static" / "web" / "favicon.ico"


@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers ask for before reading any page (the pages also name the
    SVG one with <link rel=icon>)."""
    return FileResponse(FAVICON.open("rb"), content_type="image/vnd.microsoft.icon")
