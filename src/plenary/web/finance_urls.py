"""The Finances pages of the web (included by web/urls.py; names are prefixed "finance_")."""

urlpatterns: list = []
