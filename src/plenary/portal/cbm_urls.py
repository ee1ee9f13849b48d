"""The Confidence-Building Measures pages of the portal (included by portal/urls.py; names are prefixed "cbm_")."""

from django.urls import path

from plenary.portal import cbm_views as v

urlpatterns: list = [
    path("", v.reports, name="cbm_reports"),
    path("start/", v.start, name="cbm_start"),
    path("<int:pk>/", v.report, name="cbm_report"),
    path("<int:pk>/form0/", v.form0, name="cbm_form0"),
    path("<int:pk>/details/", v.details, name="cbm_details"),
    path("<int:pk>/add/<str:form_code>/", v.add_entry, name="cbm_add_entry"),
    path("<int:pk>/entries/<int:entry_pk>/", v.entry, name="cbm_entry"),
    path("<int:pk>/entries/<int:entry_pk>/remove/", v.remove_entry, name="cbm_remove_entry"),
    path("<int:pk>/submit/", v.submit, name="cbm_submit"),
    path("<int:pk>/correct/", v.correct, name="cbm_correct"),
]
