"""The Finances pages of the web (included by web/urls.py; names are prefixed "finance_")."""

from django.urls import path

from plenary.web import finance_estimate_views as estimate_views

urlpatterns: list = []

# --- cost estimates
urlpatterns += [
    path("estimates/", estimate_views.estimates, name="finance_estimates"),
    path("estimates/<int:year>/", estimate_views.estimate_year, name="finance_estimate_year"),
]
