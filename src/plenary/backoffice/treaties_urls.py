"""Universalization and the ISU's figures in the back office (included by backoffice/urls.py;
names are prefixed "treaties_")."""

from django.urls import path

from plenary.backoffice import treaties_views as v

urlpatterns: list = [
    path("deposits/", v.deposit, name="treaties_deposit"),
    path("contacts/", v.contacts, name="treaties_contacts"),
    path("contacts/<str:code>/", v.state_contacts, name="treaties_state_contacts"),
    path("contacts/correct/<int:pk>/", v.correct_contact, name="treaties_correct_contact"),
    path("universalization/", v.universalization, name="treaties_universalization"),
    path("figures/", v.figures, name="treaties_figures"),
]
