"""The Confidence-Building Measures pages of the portal (included by portal/urls.py; names are prefixed "cbm_")."""

urlpatterns: list = []
