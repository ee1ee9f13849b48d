"""The ISU's yearly figures on the public site (included by web/urls.py; names are prefixed "isu_")."""

from django.urls import path

from plenary.web import isu_views as v

urlpatterns: list = [path("", v.figures, name="isu_figures")]
