"""The Article X cooperation and assistance database pages of the web (included by web/urls.py; names are prefixed "cooperation_")."""

urlpatterns: list = []
