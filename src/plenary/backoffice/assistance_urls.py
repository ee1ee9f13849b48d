"""The Article VII assistance pages of the backoffice (included by backoffice/urls.py; names are prefixed "assistance_")."""

urlpatterns: list = []
