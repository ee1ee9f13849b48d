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
from django.utils.translation import gettext_noop as _

from plenary.core.errors import DomainError, term
from plenary.documents.models import Document
from plenary.documents.symbols import DOC_TYPES, SymbolError, format_symbol, parse
from plenary.meetings.errors import MeetingError, Place
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


# Numbers the "next free" symbol of a secretariat document leaves to the documents Plenary makes
# itself: a meeting's provisional agenda is its /1 and its provisional programme of work its /2
# (BWC/MSP/2017/1 and /2; BWC/CONF.VII/1 and /2; issue 9, section 2), and its provisional and final
# lists of participants are MISC.1 and INF.1 (BWC/MSP/2017/MISC.1 and INF.1; next_list_symbol).
# Staff may still give one of these symbols: only the next free one passes them by.
KEPT: dict[str, tuple[int, ...]] = {"": (1, 2), "MISC": (1,), "INF": (1,)}


NOT_A_TYPE = _(
    "%(value)s is not a document type: leave it empty for the series' own numbers (/1, /2 ...) "
    "or use one of %(types)s"
)


def _check_type(doc_type: str) -> None:
    if doc_type and doc_type not in DOC_TYPES:
        raise DomainError(NOT_A_TYPE, value=repr(doc_type)[:60], types=", ".join(sorted(DOC_TYPES)))


def _kind(doc_type: str) -> Place:
    """What a document of the type is, as a refusal names it ("an INF document")."""
    if not doc_type:
        return Place(_("a document of the series' own numbers (/1, /2 ...)"))
    if doc_type in ("INF", "L", "NGO", "SR"):
        return Place(_("an %(type)s document"), type=doc_type)
    return Place(_("a %(type)s document"), type=doc_type)


def _next_free(series: str, doc_type: str) -> str:
    number = max(_highest(series, doc_type), *KEPT.get(doc_type, (0,))) + 1
    return format_symbol(series, doc_type or None, number)


def peek_document_symbol(meeting: Meeting, doc_type: str = "") -> str:
    """The symbol a secretariat document of `doc_type` would take now, for display only (no lock:
    another writer may take it first; issuing allocates it again under the lock)."""
    _check_type(doc_type)
    return _next_free(meeting.series, doc_type)


def next_document_symbol(meeting: Meeting | int, doc_type: str = "") -> str:
    """The next free symbol of a document the secretariat issues in the meeting's series: after the
    highest one of its type, passing by the KEPT numbers (the agenda /1 and programme of work /2,
    the lists of participants MISC.1 and INF.1). BWC/MSP/2026/3 for the Chair's first report."""
    _check_type(doc_type)
    locked = _lock(meeting)
    return _next_free(locked.series, doc_type)


def next_document_symbols(meeting: Meeting | int, doc_type: str, count: int) -> list[str]:
    """The next `count` free symbols of the meeting's series for documents of `doc_type`, in
    order, as `next_document_symbol` would hand them out one after another (under the same lock;
    the caller creates all of them in the transaction that holds it)."""
    _check_type(doc_type)
    if count < 0:
        raise DomainError(_("cannot allocate %(count)s symbols"), count=count)
    locked = _lock(meeting)
    first = max(_highest(locked.series, doc_type), *KEPT.get(doc_type, (0,))) + 1
    return [format_symbol(locked.series, doc_type or None, first + i) for i in range(count)]


def claim_given_symbol(meeting: Meeting | int, symbol: str, doc_type: str = "") -> str:
    """A symbol staff give for a new document of the meeting, normalized (bwc/msp/2026/inf.3 ->
    BWC/MSP/2026/INF.3), under the meeting's lock. DomainError unless it follows the symbol
    grammar, is of the meeting's series, has the type `doc_type`, is not a Corr. or Rev. (those are
    issued from their document) nor a reissue, and is free."""
    _check_type(doc_type)
    locked = _lock(meeting)
    try:
        parsed = parse(symbol)
    except SymbolError as exc:
        raise DomainError(
            _("%(value)s is not a document symbol: %(why)s"), value=repr(str(symbol)[:60]), why=str(exc)
        ) from None
    normalized = parsed.format()
    if parsed.series != locked.series:
        raise DomainError(
            _(
                "%(symbol)s is not a symbol of %(series)s: a document of this meeting is numbered %(next)s and so on"
            ),
            symbol=normalized,
            series=locked.series,
            next=_next_free(locked.series, doc_type),
        )
    if (parsed.type or "") != doc_type:
        raise MeetingError(
            _("%(symbol)s is %(kind)s, not %(wanted)s: choose that type or change the symbol"),
            symbol=normalized,
            kind=_kind(parsed.type or ""),
            wanted=_kind(doc_type),
        )
    if parsed.modifiers and parsed.modifiers[-1].kind in MODIFIERS:
        raise DomainError(
            _("%(symbol)s is a corrigendum: issue it from %(parent)s (Corr. or Rev.)")
            if parsed.modifiers[-1].kind == "Corr"
            else _("%(symbol)s is a revision: issue it from %(parent)s (Corr. or Rev.)"),
            symbol=normalized,
            parent=parsed.parent.format() if parsed.parent else term(_("its document")),
        )
    if parsed.reissue:
        raise DomainError(
            _(
                "%(symbol)s is a reissue (*): an issued document is not issued again; a change comes as a "
                "Corr. or Rev."
            ),
            symbol=normalized,
        )
    taken = Document.objects.filter(symbol=normalized).first()
    if taken is not None:
        title = (taken.title or {}).get("en") or next(iter((taken.title or {}).values()), None)
        raise DomainError(
            _(
                "%(symbol)s is already taken (%(title)s): leave the symbol empty for the next free one, %(next)s"
            ),
            symbol=normalized,
            title=term(_("untitled")) if title is None else title,
            next=_next_free(locked.series, doc_type),
        )
    return normalized


def next_list_symbol(meeting: Meeting | int, kind: str) -> str:
    """A list of participants: the provisional list is MISC.1, each new one a revision of it
    (MISC.1/Rev.1, Rev.2 ...); the final list INF.1 is issued once (DomainError the second time)."""
    if kind not in LIST_KINDS:
        raise DomainError(
            _("a list of participants is MISC (provisional) or INF (final), not %(value)s"),
            value=repr(kind)[:60],
        )
    locked = _lock(meeting)
    base = format_symbol(locked.series, kind, 1)
    if kind == "INF":
        if Document.objects.filter(symbol=base).exists():
            raise DomainError(
                _(
                    "%(symbol)s, the final list of participants, is already recorded: it is issued once; "
                    "correct it by a corrigendum"
                ),
                symbol=base,
            )
        return base
    parent = Document.objects.filter(symbol=base).first()
    if parent is None:
        return base
    return _next_modifier(parent, "Rev")


def next_modifier_symbol(parent: Document, kind: str) -> str:
    """The next free corrigendum or revision of a document: WP.13/Corr.1, then /Corr.2 ..."""
    if kind not in MODIFIERS:
        raise DomainError(_("a document is changed by Corr. or Rev., not %(value)s"), value=repr(kind)[:60])
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
        raise DomainError(_("%(value)s: %(why)s"), value=repr(str(symbol)[:60]), why=str(exc)) from None
    normalized = parsed.format()
    if parsed.series != locked.series or parsed.type or parsed.modifiers or parsed.number is None:
        raise DomainError(
            _("%(symbol)s is not an official document of %(series)s (%(series)s/1, /2 ...)"),
            symbol=normalized,
            series=locked.series,
        )
    taken = Document.objects.filter(symbol=normalized).first()
    if taken is not None:
        raise DomainError(
            _("%(symbol)s is already recorded (%(title)s): choose a free symbol"),
            symbol=normalized,
            title=taken.title.get("en") or term(_("untitled")),
        )
    return normalized


__all__ = [
    "KEPT",
    "LIST_KINDS",
    "MODIFIERS",
    "claim_given_symbol",
    "next_document_symbol",
    "next_document_symbols",
    "claim_symbol",
    "next_list_symbol",
    "next_modifier_symbol",
    "next_symbol",
    "peek_document_symbol",
    "peek_number",
]
