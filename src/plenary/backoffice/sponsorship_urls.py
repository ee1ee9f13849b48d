"""The Sponsorship programme pages of the backoffice (included by backoffice/urls.py; names are prefixed "sponsorship_")."""

from django.urls import path

from plenary.backoffice import sponsorship_views as v

urlpatterns: list = [
    path("", v.fund, name="sponsorship_fund"),
    path("meetings/<int:meeting_id>/", v.applications, name="sponsorship_applications"),
    path("applications/<int:pk>/decide/", v.decide, name="sponsorship_decide"),
    path("awards/", v.awards, name="sponsorship_awards"),
]
