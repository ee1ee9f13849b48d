from django.urls import include, path, re_path

from plenary.web import reading, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<path:series>/", views.meeting, name="meeting"),
    # A document's file to read in the browser: /documents/BWC/MSP/2017/6/read/zh.pdf (before the
    # document's own page, whose symbol takes every slash).
    re_path(
        r"^documents/(?P<symbol>.+)/read/(?P<lang>[a-z]{2})\.(?P<fmt>[a-z]{3,4})$", reading.read, name="read"
    ),
    path("documents/<path:symbol>", views.document, name="document"),
    path("states/", views.states, name="states"),
    path("states/<str:code>/", views.state, name="state"),
    path("status/", views.status, name="status"),
    path("programme/", views.programme, name="programme"),
    path("search/", views.search, name="search"),
    # The treaty's databases (each app's pages in <app>_urls.py), found from one page.
    path("databases/", views.databases, name="databases"),
    path("cbm/", include("plenary.web.cbm_urls")),
    path("cooperation/", include("plenary.web.cooperation_urls")),
    path("assistance/", include("plenary.web.assistance_urls")),
    path("finance/", include("plenary.web.finance_urls")),
    path("sponsorship/", include("plenary.web.sponsorship_urls")),
    path("figures/", include("plenary.web.isu_urls")),
]
