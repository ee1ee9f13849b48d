"""The site's URLs plus one that fails, to see the 500 page (tests only)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from plenary.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = (
    [path("api/boom-outside-ninja/", boom)]
    + i18n_patterns(path("boom/", boom), prefix_default_language=False)
    + urlpatterns
)
