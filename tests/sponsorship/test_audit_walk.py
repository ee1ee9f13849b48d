"""The audit walk (tests/core/test_audit_complete.py) over `plenary.sponsorship`: every public function of
its domain (and of any module of it that writes the trail) has a case in audit_cases.py beside
this file, and every write it makes leaves a complete audit entry."""

from tests.core.test_audit_complete import media, walk_of  # noqa: F401 (media: the walk's fixture)

test_every_write_is_audited = walk_of("sponsorship")
