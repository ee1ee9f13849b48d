"""The Sponsorship programme pages of the portal (included by portal/urls.py; names are prefixed "sponsorship_")."""

urlpatterns: list = []
