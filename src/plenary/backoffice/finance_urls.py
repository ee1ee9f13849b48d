"""The Finances pages of the backoffice (included by backoffice/urls.py; names are prefixed "finance_")."""

from django.urls import path

from plenary.backoffice import finance_views as v

# --- assessed contributions
urlpatterns: list = [
    path("", v.overview, name="finance_overview"),
    path("years/<int:year>/apportion/", v.apportion, name="finance_apportion"),
    path("years/<int:year>/invoices/", v.issue, name="finance_issue"),
    path("years/<int:year>/costs/", v.cost, name="finance_cost"),
    path("years/<int:year>/statement/", v.statement, name="finance_statement"),
    path("payments/", v.payments, name="finance_payments"),
    path("fund/", v.fund, name="finance_fund"),
    path("exports/<str:what>.<str:fmt>", v.export, name="finance_export"),
]
