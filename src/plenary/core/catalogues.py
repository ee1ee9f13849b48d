"""The functions Plenary's code marks its messages with, as Babel's extractor reads them: one map for
scripts/messages.py (which lists and adds an app's translations) and for the test that every
message is translated (tests/web/test_catalogue_complete.py)."""

from __future__ import annotations

from babel.messages.extract import DEFAULT_KEYWORDS

# Django's lazy and no-op markers beside Babel's own (_, gettext, ngettext, pgettext ...).
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_noop": None,
    "gettext_lazy": None,
    "pgettext_lazy": ((1, "c"), 2),
    "ngettext_lazy": (1, 2),
}
