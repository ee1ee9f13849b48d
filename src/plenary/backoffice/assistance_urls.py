"""The Article VII assistance pages of the backoffice (included by backoffice/urls.py; names are prefixed "assistance_")."""

from django.urls import path

from plenary.backoffice import assistance_views as views

urlpatterns: list = [
    path("", views.requests, name="assistance_requests"),
    path("<int:pk>/", views.timeline, name="assistance_timeline"),
    path("matches/<int:pk>/", views.match_status, name="assistance_match_status"),
]
