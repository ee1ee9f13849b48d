"""The Article VII assistance pages of the web (included by web/urls.py; names are prefixed "assistance_")."""

urlpatterns: list = []
