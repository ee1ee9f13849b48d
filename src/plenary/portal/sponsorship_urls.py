"""The Sponsorship programme pages of the portal (included by portal/urls.py; names are prefixed "sponsorship_")."""

from django.urls import path

from plenary.portal import sponsorship_views as v

urlpatterns: list = [
    path("", v.mine, name="sponsorship_mine"),
    path("apply/<int:meeting_id>/", v.apply, name="sponsorship_apply"),
    path("<int:pk>/withdraw/", v.withdraw, name="sponsorship_withdraw"),
    path("donors/", v.donors, name="sponsorship_donors"),
]
