"""The Confidence-Building Measures pages of the web (included by web/urls.py; names are prefixed "cbm_")."""

urlpatterns: list = []
