"""The Article X cooperation and assistance database pages of the backoffice (included by backoffice/urls.py; names are prefixed "cooperation_")."""

urlpatterns: list = []
