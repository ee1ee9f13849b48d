"""The Finances pages of the backoffice (included by backoffice/urls.py; names are prefixed "finance_")."""

urlpatterns: list = []
