"""The Confidence-Building Measures pages of the backoffice (included by backoffice/urls.py; names are prefixed "cbm_")."""

urlpatterns: list = []
