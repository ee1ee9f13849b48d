"""The Finances pages of the portal (included by portal/urls.py; names are prefixed "finance_")."""

from django.urls import path

from plenary.portal import finance_views as v

# --- assessed contributions
urlpatterns: list = [
    path("", v.mine, name="finance_mine"),
    path("states/<str:code>/", v.state, name="finance_state"),
    path("invoices/<int:pk>/", v.invoice, name="finance_invoice"),
]
