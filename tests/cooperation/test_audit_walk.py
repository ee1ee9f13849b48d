"""The audit walk (tests/core/test_audit_complete.py) over `plenary.cooperation`: every public function of
its domain (and of any module of it that writes the trail) has a case in audit_cases.py beside
this file, and every write it makes leaves a complete audit entry."""

from __future__ import annotations

import pytest

from tests.core.test_audit_complete import CASES, media, params, problems, run  # noqa: F401


@pytest.mark.parametrize("name", params("cooperation"))
def test_every_write_of_cooperation_is_audited(name, people, tmp_path, media, fast_pdf):  # noqa: F811
    assert name in CASES, (
        f"add a case for {name} to tests/cooperation/audit_cases.py (or, if it only reads, to READERS)"
    )
    assert problems(name, *run(name, people, tmp_path)) == []
