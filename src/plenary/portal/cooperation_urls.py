"""The Article X cooperation and assistance database pages of the portal (included by portal/urls.py; names are prefixed "cooperation_")."""

urlpatterns: list = []
