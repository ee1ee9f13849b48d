from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from plenary.api import api
from plenary.web.assets import favicon
from plenary.web.health import health

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("health", health, name="health"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("plenary.accounts.urls")),
]
# The public pages in each UN language: /, /zh-hans/, /ar/ ... (English without a prefix).
urlpatterns += i18n_patterns(
    path("office/", include("plenary.backoffice.urls")),
    path("portal/", include("plenary.portal.urls")),
    path("", include("plenary.web.urls")),
    prefix_default_language=False,
)

# Error pages in the site's frame and the reader's language; JSON under /api/ (web.errors).
handler400 = "plenary.web.errors.bad_request"
handler403 = "plenary.web.errors.permission_denied"
handler404 = "plenary.web.errors.page_not_found"
handler500 = "plenary.web.errors.server_error"
