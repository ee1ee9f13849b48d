from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from plenary.api import api

urlpatterns = [
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
