"""The Article X cooperation and assistance database pages of the portal (included by portal/urls.py; names are prefixed "cooperation_")."""

from django.urls import path

from plenary.portal import cooperation_views as views

urlpatterns: list = [
    path("", views.requests, name="cooperation_requests"),
    path("mine/", views.mine, name="cooperation_mine"),
    path("new/<str:kind>/", views.new, name="cooperation_new"),
    path("<str:kind>/<int:pk>/", views.entry, name="cooperation_entry"),
    path("<str:kind>/<int:pk>/edit/", views.edit, name="cooperation_edit"),
]
