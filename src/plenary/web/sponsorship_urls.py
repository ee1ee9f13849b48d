"""The Sponsorship programme pages of the web (included by web/urls.py; names are prefixed "sponsorship_")."""

from django.urls import path

from plenary.web import sponsorship_views as v

urlpatterns: list = [path("", v.figures, name="sponsorship_figures")]
