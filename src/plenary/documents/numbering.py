"""The one allocator of document symbols: every "next free" symbol of a meeting (BWC/MSP/2018/1,
WP.25 after WP.24, MISC.1 then MISC.1/Rev.1, INF.1 once, WP.13/Corr.1 then /Corr.2) comes from here.

Each function locks the meeting's row and must be called inside the transaction that then creates
the document: a second writer waits for the lock and, once the first has committed, sees its
document, so no symbol is handed out twice. (On SQLite, where SELECT ... FOR UPDATE does nothing,
every transaction begins IMMEDIATE, which takes the database's write lock at once: the same
guarantee.) The unique constraint on Document.symbol stays as the last guard.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Max

from plenary.core.errors import DomainError
from plenary.documents.models import Document
from plenary.documents.symbols import SymbolError, format_symbol, parse
from plenary.meetings.models import Meeting

LIST_KINDS = ("MISC", "INF")
MODIFIERS = ("Corr", "Rev")


def _lock(meeting: Meeting | int) -> Meeting:
    if not connection.in_atomic_block:
        raise RuntimeError("a symbol is allocated inside the transaction that creates its document")
    pk = meeting.pk if isinstance(meeting, Meeting) else meeting
    return Meeting.objects.select_for_update().get(pk=pk)


def _highest(series: str, doc_type: str) -> int:
    return (
        Document.objects.filter(series=series, doc_type=doc_type, parent__isnull=True).aggregate(
            m=Max("number")
        )["m"]
        or 0
    )


def peek_number(meeting: Meeting | int, doc_type: str = "") -> int:
    """The number the next document of `doc_type` would take, for display only (no lock)."""
    if not isinstance(meeting, Meeting):
        meeting = Meeting.objects.get(pk=meeting)
    return _highest(meeting.series, doc_type) + 1


def next_symbol(meeting: Meeting | int, doc_type: str = "") -> str:
    """The next free symbol of the meeting's series for a document of `doc_type` ("" for the
    official series /1, /2 ...; "WP", "CRP", "INF", "MISC" ...)."""
    locked = _lock(meeting)
    return format_symbol(locked.series, doc_type or None, _highest(locked.series, doc_type) + 1)


def next_list_symbol(meeting: Meeting | int, kind: str) -> str:
    """A list of participants: the provisional list is MISC.1, each new one a revision of it
    (MISC.1/Rev.1, Rev.2 ...); the final list INF.1 is issued once (DomainError the second time)."""
    if kind not in LIST_KINDS:
        raise DomainError(f"a list of participants is MISC (provisional) or INF (final), not {kind!r}")
    locked = _lock(meeting)
    base = format_symbol(locked.series, kind, 1)
    if kind == "INF":
        if Document.objects.filter(symbol=base).exists():
            raise DomainError(
                f"{base}, the final list of participants, is already recorded: it is issued once; "
                "correct it by a corrigendum"
            )
        return base
    parent = Document.objects.filter(symbol=base).first()
    if parent is None:
        return base
    return _next_modifier(parent, "Rev")


def next_modifier_symbol(parent: Document, kind: str) -> str:
    """The next free corrigendum or revision of a document: WP.13/Corr.1, then /Corr.2 ..."""
    if kind not in MODIFIERS:
        raise DomainError(f"a document is changed by Corr. or Rev., not {kind!r}")
    if parent.meeting_id is not None:
        _lock(parent.meeting_id)
    elif not connection.in_atomic_block:
        raise RuntimeError("a symbol is allocated inside the transaction that creates its document")
    return _next_modifier(parent, kind)


def _next_modifier(parent: Document, kind: str) -> str:
    taken = []
    for symbol in Document.objects.filter(parent=parent).values_list("symbol", flat=True):
        modifiers = parse(symbol).modifiers
        if modifiers and modifiers[-1].kind == kind:
            taken.append(modifiers[-1].number)
    return format_symbol(
        parent.series,
        parent.doc_type or None,
        parent.number,
        (*parse(parent.symbol).modifiers, (kind, max(taken, default=0) + 1)),
    )


def claim_symbol(meeting: Meeting | int, symbol: str) -> str:
    """`symbol` (normalized) for a new official document of the meeting: one of its series, with
    no type and no Corr./Add./Rev. (BWC/MSP/2026/1), and free. DomainError otherwise: a malformed
    symbol, another series, a typed or modified one, or one already recorded."""
    locked = _lock(meeting)
    try:
        parsed = parse(symbol)
    except SymbolError as exc:
        raise DomainError(f"{str(symbol)[:60]!r}: {exc}") from None
    normalized = parsed.format()
    if parsed.series != locked.series or parsed.type or parsed.modifiers or parsed.number is None:
        raise DomainError(
            f"{normalized} is not an official document of {locked.series} ({locked.series}/1, /2 ...)"
        )
    taken = Document.objects.filter(symbol=normalized).first()
    if taken is not None:
        raise DomainError(
            f"{normalized} is already recorded ({taken.title.get('en') or 'untitled'}): choose a free symbol"
        )
    return normalized


__all__ = [
    "LIST_KINDS",
    "MODIFIERS",
    "claim_symbol",
    "next_list_symbol",
    "next_modifier_symbol",
    "next_symbol",
    "peek_number",
]
