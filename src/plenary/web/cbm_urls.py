"""The Confidence-Building Measures pages of the web (included by web/urls.py; names are prefixed "cbm_")."""

from django.urls import path

from plenary.web import cbm_views as v

urlpatterns: list = [
    path("", v.reports, name="cbm_reports"),
    path("reports.csv", v.reports_csv, name="cbm_reports_csv"),
    path("figures/", v.figures, name="cbm_figures"),
    path("<int:pk>/", v.report, name="cbm_report"),
    path("<int:pk>/original/", v.original, name="cbm_original"),
]
