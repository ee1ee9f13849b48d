"""The Finances pages of the portal (included by portal/urls.py; names are prefixed "finance_")."""

urlpatterns: list = []
