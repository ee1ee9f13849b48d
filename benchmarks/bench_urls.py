"""Plenary's URLs and, first, the bare view of `make bench` (benchmarks.bench_settings only)."""

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import path

from plenary.urls import handler400, handler403, handler404, handler500  # noqa: F401
from plenary.urls import urlpatterns as plenary_urlpatterns

_captured: dict[str, tuple[bytes, str]] = {}


def captured(name: str) -> tuple[bytes, str]:
    """The bytes and Content-Type captured for `name`, read once per process."""
    if name not in _captured:
        folder = Path(settings.BENCH_BARE_DIR)
        if not settings.BENCH_BARE_DIR or not name.isidentifier() or not (folder / f"{name}.body").is_file():
            raise Http404(name)
        _captured[name] = ((folder / f"{name}.body").read_bytes(), (folder / f"{name}.type").read_text())
    return _captured[name]


def bare(request, name: str) -> HttpResponse:
    """The captured bytes, as they are: no query, no template, no serialization."""
    body, content_type = captured(name)
    return HttpResponse(body, content_type=content_type)


urlpatterns = [path("__bench__/bare/<str:name>", bare), *plenary_urlpatterns]
