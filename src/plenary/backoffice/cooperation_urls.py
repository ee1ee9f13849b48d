"""The Article X cooperation and assistance database pages of the backoffice (included by backoffice/urls.py; names are prefixed "cooperation_")."""

from django.urls import path

from plenary.backoffice import cooperation_views as views

urlpatterns: list = [
    path("", views.entries, name="cooperation_entries"),
    path("requests/<int:pk>/", views.matching, name="cooperation_match"),
    path("report/", views.yearly, name="cooperation_report"),
]
