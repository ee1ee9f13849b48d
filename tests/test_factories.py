"""Every factory builds a valid row of its model (the constraints of the database hold)."""

from __future__ import annotations

import inspect

import factory
import pytest
from django.apps import apps

from tests import factories

FACTORIES = [
    f
    for _, f in inspect.getmembers(factories, inspect.isclass)
    if issubclass(f, factory.django.DjangoModelFactory) and f is not factory.django.DjangoModelFactory
]


@pytest.mark.parametrize("make", FACTORIES, ids=lambda f: f.__name__)
def test_the_factory_saves_a_row(db, make, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    row = make()
    row.full_clean(exclude=["file"] if hasattr(row, "file") else None)
    assert type(row).objects.filter(pk=row.pk).exists()


def test_every_model_of_the_records_has_a_factory():
    """One factory per model of the official record (reference data comes from the data files;
    search entries, sign-in attempts and second-factor devices are not built by tests)."""
    covered = {f._meta.model for f in FACTORIES}
    wanted = {
        m
        for m in apps.get_models()
        if m._meta.app_label in {"documents", "meetings", "participation", "proceedings", "reports"}
        and m._meta.model_name not in {"organization"}
    }
    assert sorted(m._meta.label for m in wanted - covered) == []
