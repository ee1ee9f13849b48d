"""The CBM tests start without the demo's example reports (tested in test_demo.py), so that what
they count is what they made."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_example_reports(request):
    if (
        request.node.module.__name__.endswith("test_demo")
        or "django_db" not in request.fixturenames
        and not request.node.get_closest_marker("django_db")
    ):
        yield
        return
    from plenary.cbm.models import CbmReport

    request.getfixturevalue("db")
    for report in CbmReport.objects.order_by("-version"):
        report.delete()
    yield
