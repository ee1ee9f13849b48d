"""The Finances pages of the backoffice (included by backoffice/urls.py; names are prefixed "finance_")."""

from django.urls import path

from plenary.backoffice import finance_estimate_views as estimate_views

urlpatterns: list = []

# --- cost estimates
urlpatterns += [
    path("estimates/", estimate_views.estimate_list, name="finance_estimates"),
    path("estimates/<int:pk>/", estimate_views.estimate, name="finance_estimate"),
    path("estimates/<int:pk>/edit/", estimate_views.estimate_edit, name="finance_estimate_edit"),
    path(
        "estimates/<int:pk>/programme/", estimate_views.estimate_programme, name="finance_estimate_programme"
    ),
    path(
        "estimates/<int:pk>/meetings/<int:item_id>/remove/",
        estimate_views.estimate_remove,
        name="finance_estimate_remove",
    ),
    path("estimates/<int:pk>/option/", estimate_views.estimate_derive, name="finance_estimate_derive"),
    path("estimates/year/<int:year>/", estimate_views.compare, name="finance_estimate_compare"),
    path("estimates/year/<int:year>/issue/", estimate_views.issue, name="finance_estimate_issue"),
    path("rates/", estimate_views.rates, name="finance_rates"),
]
