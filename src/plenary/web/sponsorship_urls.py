"""The Sponsorship programme pages of the web (included by web/urls.py; names are prefixed "sponsorship_")."""

urlpatterns: list = []
