"""The Sponsorship programme pages of the backoffice (included by backoffice/urls.py; names are prefixed "sponsorship_")."""

urlpatterns: list = []
