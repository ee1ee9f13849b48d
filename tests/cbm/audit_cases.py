"""The audit walk's cases for `plenary.cbm` (tests/core/test_audit_complete.py imports this
module): one `@case("cbm.<function>")` per public function of its domain module (or any module of
the app that writes the trail), building its world and returning the act; pure readers go into
READERS with what they do. See the cases in tests/core/test_audit_complete.py for the shape."""

from __future__ import annotations

from tests.core.test_audit_complete import READERS, case  # noqa: F401
