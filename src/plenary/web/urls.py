from django.urls import path

from plenary.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<path:series>/", views.meeting, name="meeting"),
    path("documents/<path:symbol>", views.document, name="document"),
    path("states/", views.states, name="states"),
    path("states/<str:code>/", views.state, name="state"),
    path("status/", views.status, name="status"),
    path("programme/", views.programme, name="programme"),
    path("search/", views.search, name="search"),
]
