"""The Article X cooperation and assistance database pages of the web (included by web/urls.py; names are prefixed "cooperation_")."""

from django.urls import path

from plenary.web import cooperation_views as v

urlpatterns: list = [
    path("", v.offers, name="cooperation_offers"),
    path("offers/<int:pk>/", v.offer, name="cooperation_offer"),
    path("report/<int:year>/", v.yearly, name="cooperation_report"),
    path("report/<int:year>.<str:fmt>", v.yearly_file, name="cooperation_report_file"),
]
