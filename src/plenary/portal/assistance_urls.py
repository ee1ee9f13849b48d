"""The Article VII assistance pages of the portal (included by portal/urls.py; names are prefixed "assistance_")."""

urlpatterns: list = []
