"""The Confidence-Building Measures pages of the backoffice (included by backoffice/urls.py; names are prefixed "cbm_")."""

from django.urls import path

from plenary.backoffice import cbm_views as v

urlpatterns: list = [
    path("", v.reports, name="cbm_reports"),
    path("upload/", v.upload, name="cbm_upload"),
    path("figures/", v.figures, name="cbm_figures"),
]
