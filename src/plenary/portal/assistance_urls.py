"""The Article VII assistance pages of the portal (included by portal/urls.py; names are prefixed "assistance_")."""

from django.urls import path

from plenary.portal import assistance_views as views

urlpatterns: list = [
    path("", views.requests, name="assistance_requests"),
    path("new/", views.new_request, name="assistance_new_request"),
    path("<int:pk>/", views.request_page, name="assistance_request"),
    path("offers/", views.offers, name="assistance_offers"),
    path("offers/new/", views.new_offer, name="assistance_new_offer"),
    path("offers/<int:pk>/edit/", views.edit_offer, name="assistance_edit_offer"),
    path("offers/<int:pk>/withdraw/", views.withdraw_offer, name="assistance_withdraw_offer"),
]
