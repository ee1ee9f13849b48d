"""Small helpers the tests share."""

from __future__ import annotations

from plenary.documents import numbering
from plenary.documents.symbols import format_symbol


def next_wp_symbol(meeting) -> str:
    """The symbol the meeting's next working paper would take (as the staff page shows it)."""
    return format_symbol(meeting.series, "WP", numbering.peek_number(meeting, "WP"))
