"""The only writers of documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from plenary.core.audit import log_action
from plenary.core.errors import DomainError
from plenary.documents.models import Document, LanguageVersion, Sponsorship
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.models import AgendaItem, Meeting
from plenary.participation.models import Organization
from plenary.treaties.models import Group, State


def record_document(
    meeting: Meeting | None,
    *,
    by: str,
    symbol: str,
    title: dict[str, str],
    original_language: str = "en",
    versions: Sequence[dict[str, str]] = (),
    submitters: Sequence[State | Organization] = (),
    co_sponsors: Sequence[State | Organization] = (),
    secretariat: bool = False,
    on_behalf_of: Group | None = None,
    submitted_by_text: dict[str, str] | None = None,
    agenda_item: AgendaItem | None = None,
    issued_on: dt.date | None = None,
    status: str = Document.Status.ISSUED,
    position: int = 0,
    audit: bool = True,
    via: str = "",
) -> Document:
    """Record a document under its symbol.

    Guarantees: the symbol is valid and normalized; an Add./Corr./Rev. is linked to its parent,
    which must exist; a symbol is recorded once (issued documents are immutable: a change comes
    as a Corr. or Rev.).
    """
    try:
        parsed = parse(symbol)
    except SymbolError as exc:
        raise DomainError(f"{symbol!r}: {exc}") from None
    normalized = parsed.format()
    parent = None
    if parsed.parent is not None:
        parent = Document.objects.filter(symbol=parsed.parent.format()).first()
        if parent is None:
            raise DomainError(f"{normalized}: its parent {parsed.parent.format()} is not recorded")
    if Document.objects.filter(symbol=normalized).exists():
        raise DomainError(f"{normalized} is already recorded; issued documents change only by Corr. or Rev.")
    with transaction.atomic():
        document = Document.objects.create(
            meeting=meeting,
            symbol=normalized,
            series=parsed.series,
            doc_type=parsed.type or "",
            number=parsed.number,
            parent=parent,
            title=dict(title),
            original_language=original_language,
            submitted_by_text=dict(submitted_by_text or {}),
            on_behalf_of=on_behalf_of,
            agenda_item=agenda_item,
            issued_on=issued_on,
            status=status,
            position=position,
        )
        LanguageVersion.objects.bulk_create(
            [
                LanguageVersion(
                    document=document, lang=v["lang"], kind=v.get("kind", LanguageVersion.Kind.OFFICIAL)
                )
                for v in versions
            ]
        )
        rows: list[Sponsorship] = []
        for role, sponsors in (
            (Sponsorship.Role.SUBMITTER, submitters),
            (Sponsorship.Role.CO_SPONSOR, co_sponsors),
        ):
            for i, sponsor in enumerate(sponsors):
                rows.append(
                    Sponsorship(
                        document=document,
                        role=role,
                        position=i,
                        state=sponsor if isinstance(sponsor, State) else None,
                        organization=sponsor if isinstance(sponsor, Organization) else None,
                    )
                )
        if secretariat:
            rows.append(
                Sponsorship(
                    document=document,
                    role=Sponsorship.Role.SUBMITTER,
                    secretariat=True,
                    position=len(submitters),
                )
            )
        Sponsorship.objects.bulk_create(rows)
        if audit:
            log_action(
                by, "document.record", document, after={"symbol": normalized, "title": dict(title)}, via=via
            )
    return document


def availability(document: Document) -> dict[str, Any]:
    """Which language versions exist: official ones and informal translations."""
    versions = list(document.versions.all())
    return {
        "official": [v.lang for v in versions if v.kind == LanguageVersion.Kind.OFFICIAL],
        "informal": [v.lang for v in versions if v.kind == LanguageVersion.Kind.INFORMAL],
    }
