"""The only writers of documents: recording a document under its symbol, its language versions'
files, corrigenda and revisions, and working papers from draft to issued document with their
co-sponsors.

Every function takes who acts as `by` (an Actor), checks the permission itself
(plenary.accounts.permissions), validates, writes inside one transaction, audits with `by.via`, and
raises a DomainError (NotAllowed, Frozen) with a message for the person who acts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone, translation
from django.utils.translation import gettext_noop as _

from plenary.accounts import permissions
from plenary.accounts.models import Notification
from plenary.accounts.notify import notify, page_urls, people_of, staff_users
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen, NotAllowed, fill, nbytes, term
from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES
from plenary.documents import files, numbering
from plenary.documents.files import atomic_files
from plenary.documents.models import (
    CoSponsorship,
    Document,
    IssuedFile,
    LanguageVersion,
    Sponsorship,
    WorkingPaper,
    WorkingPaperFile,
)
from plenary.documents.symbols import DOC_TYPES, SymbolError, file_stem, parse
from plenary.documents.uploads import TOO_BIG, check_upload
from plenary.meetings.domain import check_open
from plenary.meetings.errors import Listing, MeetingError
from plenary.meetings.models import AgendaItem, Meeting
from plenary.meetings.queries import meeting_titles
from plenary.participation.models import Delegation, Organization
from plenary.treaties.models import Group, State, StateName

MAX_TITLE = 500
# "Leave it as it is": the default of an optional field a change may not mention.
KEEP: Any = object()
# The largest number a PositiveIntegerField holds on every database (document numbers, places).
MAX_NUMBER = 2147483647


# Refusals said in more than one place.
ALREADY_RECORDED = _("%(symbol)s is already recorded; issued documents change only by Corr. or Rev.")
NOT_A_LANGUAGE = _("%(value)s is not one of the UN languages")
NOT_A_LANGUAGE_OF = _("%(symbol)s: %(value)s is not one of the UN languages")
STATUS_ONE_OF = _("%(symbol)s: status must be one of %(statuses)s")
REFERRED_TO = _("%(symbol)s stays: %(others)s refer(s) to it")


class _FrozenWithList(MeetingError, Frozen):
    """Frozen, with values that may be lists of words of the interface (Listing)."""


class _FileRefused(DomainError):
    """A file of one language refused: "the French file: <the refusal>", the refusal (a
    DomainError) read in the language active when the whole is read."""

    def __init__(self, inner: DomainError, lang: str) -> None:
        super().__init__(
            _("the %(language)s file: %(why)s"), language=term(LANGUAGE_NAMES_EN[lang]), why=inner.english()
        )
        self.inner = inner

    def __str__(self) -> str:
        return fill(self.template, {**self.params, "why": str(self.inner)}, translate=True)


def document_snapshot(document: Document) -> dict[str, Any]:
    """What the audit trail keeps of a document."""
    return {
        "symbol": document.symbol,
        "title": dict(document.title),
        "status": document.status,
        "original_language": document.original_language,
        "issued_on": document.issued_on.isoformat() if document.issued_on else None,
    }


def record_document(
    meeting: Meeting | None,
    *,
    by: Actor,
    symbol: str,
    title: Mapping[str, str],
    original_language: str = "en",
    versions: Sequence[Mapping[str, str]] = (),
    submitters: Sequence[State | Organization] = (),
    co_sponsors: Sequence[State | Organization] = (),
    secretariat: bool = False,
    on_behalf_of: Group | None = None,
    submitted_by_text: Mapping[str, str] | None = None,
    agenda_item: AgendaItem | None = None,
    issued_on: dt.date | None = None,
    status: str = Document.Status.ISSUED,
    position: int = 0,
    generated: str = "",
) -> Document:
    """Record a document under its symbol. Staff (or the system) only. `generated` names what
    Plenary renders the document's files from (Document.Generated: the report ...), if anything.

    Guarantees: the symbol is valid and normalized; an Add./Corr./Rev. is linked to its parent,
    which must exist; a symbol is recorded once (issued documents are immutable: a change comes
    as a Corr. or Rev.); titles and versions are in UN languages; the agenda item is one of the
    meeting's.
    """
    permissions.require_staff(by, _("records documents"))
    parsed = _check_document(
        meeting,
        symbol=symbol,
        title=title,
        original_language=original_language,
        versions=versions,
        submitters=submitters,
        co_sponsors=co_sponsors,
        status=status,
        generated=generated,
        agenda_item=agenda_item,
    )
    normalized = parsed.format()
    with transaction.atomic():
        parent = None
        if parsed.parent is not None:
            parent = Document.objects.filter(symbol=parsed.parent.format()).first()
            if parent is None:
                raise DomainError(
                    _("%(symbol)s: its parent %(parent)s is not recorded"),
                    symbol=normalized,
                    parent=parsed.parent.format(),
                )
        if Document.objects.filter(symbol=normalized).exists():
            raise Frozen(ALREADY_RECORDED, symbol=normalized)
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
            generated=generated,
        )
        LanguageVersion.objects.bulk_create(
            [
                LanguageVersion(
                    document=document, lang=v["lang"], kind=v.get("kind", LanguageVersion.Kind.OFFICIAL)
                )
                for v in versions
            ]
        )
        _write_sponsorships(document, submitters, co_sponsors, secretariat)
        after = document_snapshot(document) | {
            "submitters": [s.code for s in submitters],
            "co_sponsors": [s.code for s in co_sponsors],
            "versions": [v["lang"] for v in versions],
        }
        log_action(by, "document.record", document, after=after)
    return document


def _check_document(
    meeting: Meeting | None,
    *,
    symbol: str,
    title: Mapping[str, str],
    original_language: str,
    versions: Sequence[Mapping[str, str]],
    submitters: Sequence[State | Organization],
    co_sponsors: Sequence[State | Organization],
    status: str,
    generated: str,
    agenda_item: AgendaItem | None,
):
    """The rules of a new document that need no database (record_document's and
    record_documents_bulk's): the parsed symbol, or DomainError."""
    try:
        parsed = parse(symbol)
    except SymbolError as exc:
        raise DomainError(_("%(value)s: %(why)s"), value=repr(symbol)[:60], why=str(exc)) from None
    normalized = parsed.format()
    if len(normalized) > Document._meta.get_field("symbol").max_length:
        raise DomainError(_("%(symbol)s...: a symbol has at most 100 characters"), symbol=normalized[:40])
    if parsed.number is not None and parsed.number > MAX_NUMBER:
        raise DomainError(
            _("%(symbol)s: a document number is at most %(limit)s"),
            symbol=normalized,
            limit=f"{MAX_NUMBER:,}",
        )
    for lang in [original_language, *title, *(v["lang"] for v in versions)]:
        if lang not in UN_LANGUAGES:
            raise DomainError(NOT_A_LANGUAGE_OF, symbol=normalized, value=repr(lang)[:60])
    _check_versions(normalized, versions)
    _check_sponsors(normalized, submitters, co_sponsors)
    if status not in Document.Status.values:
        raise DomainError(STATUS_ONE_OF, symbol=normalized, statuses=", ".join(Document.Status.values))
    if generated and generated not in Document.Generated.values:
        raise DomainError(
            _("%(symbol)s: generated must be one of %(values)s"),
            symbol=normalized,
            values=", ".join(Document.Generated.values),
        )
    check_agenda_item(agenda_item, meeting, normalized)
    return parsed


# Documents one bulk call records at most (a meeting's documents come in several calls beyond).
MAX_BULK = 5000
BULK_FIELDS = {
    "symbol",
    "title",
    "original_language",
    "versions",
    "submitters",
    "co_sponsors",
    "secretariat",
    "on_behalf_of",
    "submitted_by_text",
    "agenda_item",
    "issued_on",
    "status",
    "position",
    "generated",
}


def record_documents_bulk(meeting: Meeting, documents: Sequence[Mapping[str, Any]], *, by: Actor) -> int:
    """Record many documents of one meeting at once: each entry holds record_document's keyword
    arguments (symbol, title, versions ...). For loads of thousands of documents, where one
    record_document call per row is too slow.

    Guarantees: those of record_document for every entry (checked by the same code, before
    anything is written), and for the batch: every symbol is of the meeting's series and given
    once; a parent (of an Add./Corr./Rev.) is recorded already or is in the batch; no symbol
    is recorded yet (checked under the meeting's lock, the allocator's); at most MAX_BULK entries.
    All or nothing, with bulk inserts, and one audit entry for the batch listing every symbol it
    recorded. Returns how many documents were written."""
    permissions.require_staff(by, _("records documents"))
    if len(documents) > MAX_BULK:
        raise DomainError(
            _("one call records at most %(limit)s documents, not %(count)s"),
            limit=MAX_BULK,
            count=len(documents),
        )
    planned: list[tuple[Any, Mapping[str, Any]]] = []
    symbols: list[str] = []
    for i, entry in enumerate(documents):
        unknown = set(entry) - BULK_FIELDS
        if unknown:
            raise DomainError(
                _("%(series)s: document %(index)s: unknown field(s) %(fields)s"),
                series=meeting.series,
                index=i + 1,
                fields=", ".join(sorted(unknown)),
            )
        parsed = _check_document(
            meeting,
            symbol=entry.get("symbol", ""),
            title=entry.get("title") or {},
            original_language=entry.get("original_language", "en"),
            versions=entry.get("versions", ()),
            submitters=entry.get("submitters", ()),
            co_sponsors=entry.get("co_sponsors", ()),
            status=entry.get("status", Document.Status.ISSUED),
            generated=entry.get("generated", ""),
            agenda_item=entry.get("agenda_item"),
        )
        if parsed.series != meeting.series:
            raise DomainError(
                _("%(symbol)s is not a symbol of %(series)s"), symbol=parsed.format(), series=meeting.series
            )
        planned.append((parsed, entry))
        symbols.append(parsed.format())
    if len(set(symbols)) != len(symbols):
        twice = sorted({s for s in symbols if symbols.count(s) > 1})
        raise DomainError(_("%(symbol)s is given twice"), symbol=twice[0])
    with transaction.atomic():
        numbering._lock(meeting)
        taken = set(Document.objects.filter(symbol__in=symbols).values_list("symbol", flat=True))
        if taken:
            raise Frozen(ALREADY_RECORDED, symbol=sorted(taken)[0])
        in_batch = set(symbols)
        parents = {
            p.parent.format()
            for p, _entry in planned
            if p.parent is not None and p.parent.format() not in in_batch
        }
        known = dict(Document.objects.filter(symbol__in=parents).values_list("symbol", "id"))
        missing = sorted(parents - set(known))
        if missing:
            raise DomainError(_("%(symbol)s: its parent is not recorded"), symbol=missing[0])
        # Parents first: a document of the batch takes the id of one written before it.
        by_symbol: dict[str, Document] = {}
        for level in sorted({len(p.modifiers) for p, _entry in planned}):
            rows = []
            for parsed, entry in planned:
                if len(parsed.modifiers) != level:
                    continue
                parent_symbol = parsed.parent.format() if parsed.parent is not None else None
                rows.append(
                    Document(
                        meeting=meeting,
                        symbol=parsed.format(),
                        series=parsed.series,
                        doc_type=parsed.type or "",
                        number=parsed.number,
                        parent_id=(
                            (
                                by_symbol[parent_symbol].pk
                                if parent_symbol in by_symbol
                                else known.get(parent_symbol)
                            )
                            if parent_symbol
                            else None
                        ),
                        title=dict(entry.get("title") or {}),
                        original_language=entry.get("original_language", "en"),
                        submitted_by_text=dict(entry.get("submitted_by_text") or {}),
                        on_behalf_of=entry.get("on_behalf_of"),
                        agenda_item=entry.get("agenda_item"),
                        issued_on=entry.get("issued_on"),
                        status=entry.get("status", Document.Status.ISSUED),
                        position=entry.get("position", 0),
                        generated=entry.get("generated", ""),
                    )
                )
            for document in Document.objects.bulk_create(rows, batch_size=500):
                by_symbol[document.symbol] = document
        if any(d.pk is None for d in by_symbol.values()):  # a database that returns no ids
            for symbol, pk in Document.objects.filter(symbol__in=symbols).values_list("symbol", "id"):
                by_symbol[symbol].pk = pk
        versions, sponsorships = [], []
        for symbol, (_parsed, entry) in zip(symbols, planned, strict=True):
            document = by_symbol[symbol]
            versions.extend(
                LanguageVersion(
                    document=document, lang=v["lang"], kind=v.get("kind", LanguageVersion.Kind.OFFICIAL)
                )
                for v in entry.get("versions", ())
            )
            sponsorships.extend(
                _sponsorship_rows(
                    document,
                    entry.get("submitters", ()),
                    entry.get("co_sponsors", ()),
                    bool(entry.get("secretariat", False)),
                )
            )
        LanguageVersion.objects.bulk_create(versions, batch_size=1000)
        Sponsorship.objects.bulk_create(sponsorships, batch_size=1000)
        log_action(
            by,
            "document.record_bulk",
            meeting,
            after={"count": len(symbols), "symbols": symbols},
        )
    return len(symbols)


def check_agenda_item(item: AgendaItem | None, meeting: Meeting | None, where: str) -> None:
    """DomainError unless `item` is None or an item of the meeting's agenda."""
    if item is None:
        return
    if meeting is None or item.meeting_id != meeting.pk:
        series = meeting.series if meeting is not None else term(_("a document of no meeting"))
        raise DomainError(
            _("%(where)s: item %(item)s of %(series)s is not on the agenda of %(other)s"),
            where=where,
            item=item.label,
            series=item.meeting.series,
            other=series,
        )


def _write_sponsorships(
    document: Document,
    submitters: Sequence[State | Organization],
    co_sponsors: Sequence[State | Organization],
    secretariat: bool,
) -> None:
    Sponsorship.objects.bulk_create(_sponsorship_rows(document, submitters, co_sponsors, secretariat))


def _sponsorship_rows(
    document: Document,
    submitters: Sequence[State | Organization],
    co_sponsors: Sequence[State | Organization],
    secretariat: bool,
) -> list[Sponsorship]:
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
    return rows


def _check_versions(symbol: str, versions: Sequence[Mapping[str, str]]) -> None:
    langs = [v["lang"] for v in versions]
    twice = sorted({lang for lang in langs if langs.count(lang) > 1})
    if twice:
        raise DomainError(
            _("%(symbol)s: the %(langs)s version is listed twice"), symbol=symbol, langs=", ".join(twice)
        )
    for v in versions:
        if v.get("kind", LanguageVersion.Kind.OFFICIAL) not in LanguageVersion.Kind.values:
            raise DomainError(
                _("%(symbol)s: a version is official or informal, not %(value)s"),
                symbol=symbol,
                value=repr(v.get("kind"))[:60],
            )


def _check_sponsors(
    symbol: str, submitters: Sequence[State | Organization], co_sponsors: Sequence[State | Organization]
) -> None:
    for message, sponsors in (
        (_("%(symbol)s: %(codes)s is listed twice as submitter"), submitters),
        (_("%(symbol)s: %(codes)s is listed twice as co-sponsor"), co_sponsors),
    ):
        codes = [s.code for s in sponsors]
        twice = sorted({c for c in codes if codes.count(c) > 1})
        if twice:
            raise DomainError(message, symbol=symbol, codes=", ".join(twice))


# What an issued document is: a change comes only as a Corr. or Rev. (its place in the list of
# documents and the agenda item it is filed under are the record's, not the document's).
# The names are words of the interface (translated when a refusal names them).
ISSUED_FIELDS = {
    "title": _("title"),
    "original_language": _("original language"),
    "versions": _("language versions"),
    "submitters": _("submitters"),
    "co_sponsors": _("co-sponsors"),
    "secretariat": _("submission by the secretariat"),
    "on_behalf_of": _("group it is submitted on behalf of"),
    "submitted_by_text": _("wording of its submitters"),
    "issued_on": _("date of issue"),
}
DOCUMENT_FIELDS = (*ISSUED_FIELDS, "agenda_item", "status", "position")


def _document_state(document: Document) -> dict[str, Any]:
    """Every field `update_document` changes, as codes and plain values."""
    sponsors = list(
        document.sponsorships.select_related("state", "organization").order_by("role", "position")
    )

    def codes(role: str) -> list[str]:
        return [(s.state or s.organization).code for s in sponsors if s.role == role and not s.secretariat]  # type: ignore[union-attr]

    return {
        "title": dict(document.title),
        "original_language": document.original_language,
        "versions": [{"lang": v.lang, "kind": v.kind} for v in document.versions.order_by("lang")],
        "submitters": codes(Sponsorship.Role.SUBMITTER),
        "co_sponsors": codes(Sponsorship.Role.CO_SPONSOR),
        "secretariat": any(s.secretariat for s in sponsors),
        "on_behalf_of": document.on_behalf_of.code if document.on_behalf_of else None,
        "submitted_by_text": dict(document.submitted_by_text or {}),
        "agenda_item": document.agenda_item.number if document.agenda_item else None,
        "issued_on": document.issued_on.isoformat() if document.issued_on else None,
        "status": document.status,
        "position": document.position,
    }


def update_document(document: Document, *, by: Actor, **values: Any) -> bool:
    """Change the fields given (those of `record_document`: title, original_language, versions,
    submitters, co_sponsors, secretariat, on_behalf_of, submitted_by_text, agenda_item,
    issued_on, status, position). Staff (or the system) only.

    Guarantees: an issued document keeps everything that makes it the document (ISSUED_FIELDS) and
    never goes back to draft: such a change raises Frozen (a correction comes as a Corr. or Rev.);
    a draft may change in everything but its symbol, and is issued by setting its status; a
    language version whose file is on record is not taken away. Returns whether anything changed;
    nothing is written, and no audit entry made, when nothing did.
    """
    permissions.require_staff(by, _("changes documents"))
    unknown = set(values) - set(DOCUMENT_FIELDS)
    if unknown:
        raise DomainError(
            _("%(symbol)s: unknown field(s) %(fields)s"),
            symbol=document.symbol,
            fields=", ".join(sorted(unknown)),
        )
    symbol = document.symbol
    wanted: dict[str, Any] = {}
    for field, value in values.items():
        if field in ("submitters", "co_sponsors"):
            wanted[field] = [s.code for s in value]
        elif field == "versions":
            _check_versions(symbol, value)
            wanted[field] = sorted(
                ({"lang": v["lang"], "kind": v.get("kind", LanguageVersion.Kind.OFFICIAL)} for v in value),
                key=lambda v: v["lang"],
            )
        elif field in ("on_behalf_of", "agenda_item"):
            if field == "agenda_item":
                check_agenda_item(value, document.meeting, symbol)
            wanted[field] = (
                None if value is None else (value.code if field == "on_behalf_of" else value.number)
            )
        elif field == "issued_on":
            wanted[field] = value.isoformat() if value else None
        elif field in ("title", "submitted_by_text"):
            wanted[field] = dict(value or {})
        else:
            wanted[field] = value
    for lang in [*wanted.get("title", {}), *(v["lang"] for v in wanted.get("versions", []))]:
        if lang not in UN_LANGUAGES:
            raise DomainError(NOT_A_LANGUAGE_OF, symbol=symbol, value=repr(lang)[:60])
    if wanted.get("original_language", "en") not in UN_LANGUAGES:
        raise DomainError(NOT_A_LANGUAGE_OF, symbol=symbol, value=repr(wanted["original_language"])[:60])
    if "status" in wanted and wanted["status"] not in Document.Status.values:
        raise DomainError(STATUS_ONE_OF, symbol=symbol, statuses=", ".join(Document.Status.values))
    if "position" in wanted and not (
        isinstance(wanted["position"], int) and 0 <= wanted["position"] <= MAX_NUMBER
    ):
        raise DomainError(
            _("%(symbol)s: a place in the list of documents is a whole number from 0"), symbol=symbol
        )
    _check_sponsors(symbol, values.get("submitters", ()), values.get("co_sponsors", ()))
    with transaction.atomic():
        current = Document.objects.select_for_update().get(pk=document.pk)
        before = _document_state(current)
        changed = [f for f in DOCUMENT_FIELDS if f in wanted and wanted[f] != before[f]]
        if not changed:
            return False
        if current.status == Document.Status.ISSUED:
            frozen = [ISSUED_FIELDS[f] for f in changed if f in ISSUED_FIELDS]
            if frozen:
                raise _FrozenWithList(
                    _(
                        "%(symbol)s is issued: its %(fields)s cannot change (a correction comes as a Corr. or Rev.)"
                    ),
                    symbol=symbol,
                    fields=Listing([term(f) for f in frozen]),
                )
            if wanted.get("status") == Document.Status.DRAFT:
                raise Frozen(_("%(symbol)s is issued: it cannot go back to draft"), symbol=symbol)
        plain = [
            f
            for f in changed
            if f in ("title", "original_language", "submitted_by_text", "issued_on", "status", "position")
        ]
        for f in plain:
            setattr(document, f, values[f])
        if "on_behalf_of" in changed:
            document.on_behalf_of = values["on_behalf_of"]
            plain.append("on_behalf_of")
        if "agenda_item" in changed:
            document.agenda_item = values["agenda_item"]
            plain.append("agenda_item")
        if plain:
            document.save(update_fields=plain)
        if "versions" in changed:
            _replace_versions(document, wanted["versions"])
        if {"submitters", "co_sponsors", "secretariat"} & set(changed):
            sponsors = list(
                current.sponsorships.select_related("state", "organization").order_by("role", "position")
            )

            def who(role: str) -> list[State | Organization]:
                return [s.state or s.organization for s in sponsors if s.role == role and not s.secretariat]  # type: ignore[misc]

            submitters = values.get("submitters", who(Sponsorship.Role.SUBMITTER))
            co_sponsors = values.get("co_sponsors", who(Sponsorship.Role.CO_SPONSOR))
            secretariat = values.get("secretariat", before["secretariat"])
            current.sponsorships.all().delete()
            _write_sponsorships(document, submitters, co_sponsors, secretariat)
        after = _document_state(document)
        log_action(
            by,
            "document.update",
            document,
            before={"symbol": symbol, **{f: before[f] for f in changed}},
            after={"symbol": symbol, **{f: after[f] for f in changed}},
        )
    return True


def _replace_versions(document: Document, versions: list[dict[str, str]]) -> None:
    wanted = {v["lang"]: v["kind"] for v in versions}
    for version in document.versions.select_for_update():
        kind = wanted.pop(version.lang, None)
        if kind is None:
            if version.file:
                raise DomainError(
                    _("%(symbol)s: its %(lang)s version has its file on record and stays"),
                    symbol=document.symbol,
                    lang=version.lang,
                )
            version.delete()
        elif version.kind != kind:
            version.kind = kind
            version.save(update_fields=["kind"])
    LanguageVersion.objects.bulk_create(
        [LanguageVersion(document=document, lang=lang, kind=kind) for lang, kind in wanted.items()]
    )


def remove_document(document: Document, *, by: Actor) -> None:
    """Take a draft document off the record. Guarantees: staff only; an issued document stays
    (Frozen); so does a document that others refer to (its Add./Corr./Rev., a working paper, a
    report), and one with a language version's file on record."""
    permissions.require_staff(by, _("removes documents"))
    symbol = document.symbol
    if document.status == Document.Status.ISSUED:
        raise Frozen(
            _("%(symbol)s is issued and stays in the record (a correction comes as a Corr. or Rev.)"),
            symbol=symbol,
        )
    family = list(document.family.values_list("symbol", flat=True)[:3])
    if family:
        raise DomainError(REFERRED_TO, symbol=symbol, others=", ".join(family))
    if document.versions.exclude(file="").exists():
        raise DomainError(_("%(symbol)s stays: a language version's file is on record"), symbol=symbol)
    with transaction.atomic():
        before = {"symbol": symbol, **_document_state(document)}
        log_action(by, "document.remove", document, before=before)
        try:
            document.delete()
        except ProtectedError as exc:
            names = sorted({str(obj) for obj in exc.protected_objects})[:3]
            raise DomainError(REFERRED_TO, symbol=symbol, others=", ".join(names)) from None


def availability(document: Document) -> dict[str, Any]:
    """Which language versions exist: official ones and informal translations."""
    versions = list(document.versions.all())
    return {
        "official": [v.lang for v in versions if v.kind == LanguageVersion.Kind.OFFICIAL],
        "informal": [v.lang for v in versions if v.kind == LanguageVersion.Kind.INFORMAL],
    }


# -- files -----------------------------------------------------------------------------------------


def read_upload(upload) -> tuple[bytes, str, str]:
    """The upload's bytes, extension and base name, checked (size, type, content): the one check
    of every file anyone puts on record."""
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        # Refuse before reading a file that is too big anyway.
        raise DomainError(TOO_BIG, size=nbytes(upload.size), limit=nbytes(settings.UPLOAD_MAX_BYTES))
    data = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    name = PurePath((upload.name or "").replace("\\", "/")).name[:255]
    return data, check_upload(name, data), name


def _store(field_file, name: str, data: bytes) -> None:
    """Put a file on record inside `atomic_files()`: written under a temporary name, it gets its
    official name (the UN file name) only when the transaction commits, and goes if it rolls back,
    so that no file is ever left under an official name without its row (documents/files.py)."""
    files.stage(field_file, name, data)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _issued_row(document: Document, lang: str, fmt: str, data: bytes) -> IssuedFile:
    if IssuedFile.objects.filter(document=document, lang=lang, fmt=fmt).exists():
        raise Frozen(
            _(
                "%(symbol)s is issued and its %(lang)s %(format)s file is stored: an issued document does "
                "not change; a change comes as a corrigendum or revision"
            ),
            symbol=document.symbol,
            lang=lang,
            format=fmt,
        )
    return IssuedFile(
        document=document,
        lang=lang,
        fmt=fmt,
        sha256=sha256_of(data),
        size=len(data),
        issued_at=timezone.now(),
    )


def store_issued_file(document: Document, *, lang: str, fmt: str, data: bytes) -> IssuedFile:
    """Store the exact bytes of one issued language version in one format (a rendered report or
    list of participants), under issued/ with the UN file name (BWC_MSP_2017_6-ZH.pdf), with their
    SHA-256 and size.

    Guarantees: called inside atomic_files() (the issuing transaction), so that if the issue
    fails no file is left behind; once per document, language and format (a second time raises
    Frozen: what is issued is never replaced). Nothing updates or deletes the row afterwards.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("an issued file is stored inside the transaction that issues its document")
    if lang not in UN_LANGUAGES:
        raise DomainError(NOT_A_LANGUAGE, value=repr(lang)[:60])
    row = _issued_row(document, lang, fmt, data)
    _store(row.file, f"{file_stem(document.symbol, lang)}.{fmt}", data)
    row.save()
    return row


def frozen_symbols(meeting: Meeting) -> set[str]:
    """The symbols of the meeting's documents that hold issued files, and of the documents they
    hang on (the parent of a Corr. or Rev.): these are never deleted (IssuedFile protects them), so
    a path that rewrites a meeting's documents (a record loaded again) keeps them as they are."""
    parents = dict(Document.objects.filter(meeting=meeting).values_list("pk", "parent_id"))
    symbols = dict(Document.objects.filter(meeting=meeting).values_list("pk", "symbol"))
    held = set(IssuedFile.objects.filter(document__meeting=meeting).values_list("document_id", flat=True))
    kept: set[int] = set()
    for pk in held:
        while pk is not None and pk not in kept:
            kept.add(pk)
            pk = parents.get(pk)
    return {symbols[pk] for pk in kept if pk in symbols}


def _issued_upload(version: LanguageVersion, data: bytes) -> IssuedFile:
    """The checksum of an uploaded language version of an issued document: a row that names the
    very file the version holds (one stored copy), so that every issued byte has its SHA-256."""
    fmt = PurePath(version.file.name).suffix.lower().lstrip(".")
    row = _issued_row(version.document, version.lang, fmt, data)
    row.file.name = version.file.name
    row.save()
    return row


def add_language_version(
    document: Document, *, lang: str, upload, kind: str = LanguageVersion.Kind.OFFICIAL, by: Actor
) -> LanguageVersion:
    """Put a language version's file on a document (translations often come after the original).

    Guarantees: staff only; a UN language; the file is checked; on a document issued in one language
    only (`only_in`), another language is an informal translation; a version that already has a file
    is not replaced (an issued text changes only by Corr. or Rev.); stored under the UN file name;
    on an issued document, the file's SHA-256 and size are stored with it (an IssuedFile).
    """
    permissions.require_staff(by, _("puts documents' files on record"))
    if lang not in UN_LANGUAGES:
        raise DomainError(NOT_A_LANGUAGE, value=repr(lang)[:60])
    if kind not in LanguageVersion.Kind.values:
        raise DomainError(_("unknown kind %(value)s"), value=repr(kind)[:60])
    if document.only_in and lang != document.only_in and kind == LanguageVersion.Kind.OFFICIAL:
        raise DomainError(
            _(
                "%(symbol)s is issued in %(language)s only: a %(other)s file can only be an informal translation"
            ),
            symbol=document.symbol,
            language=term(LANGUAGE_NAMES_EN[document.only_in]),
            other=term(LANGUAGE_NAMES_EN[lang]),
        )
    data, ext, _name = read_upload(upload)
    with atomic_files():
        version, _created = LanguageVersion.objects.select_for_update().get_or_create(
            document=document, lang=lang, defaults={"kind": kind}
        )
        if version.file or IssuedFile.objects.filter(document=document, lang=lang).exists():
            raise Frozen(
                _(
                    "%(symbol)s already has its %(lang)s version on file; a change comes as a corrigendum or revision"
                ),
                symbol=document.symbol,
                lang=lang,
            )
        version.kind = kind
        _store(version.file, f"{file_stem(document.symbol, lang)}{ext}", data)
        version.save(update_fields=["kind", "file"])
        if document.status == Document.Status.ISSUED:
            _issued_upload(version, data)
        log_action(
            by, "document.version", document, after={"lang": lang, "kind": kind, "file": version.file.name}
        )
    return version


def record_modifier(
    parent: Document,
    *,
    kind: str,
    languages: Sequence[str],
    title: Mapping[str, str] | None = None,
    by: Actor,
) -> Document:
    """Record a corrigendum or revision of `parent` (its files are the caller's to store, in the
    same transaction). Guarantees: staff only; the parent is issued; the next free Corr./Rev.
    number (under the meeting's lock); linked to its parent; the parent's submitters, co-sponsors,
    group and wording of the submitters carried over; one language version per language given."""
    permissions.require_staff(by, _("issues corrigenda and revisions"))
    if parent.status != Document.Status.ISSUED:
        raise DomainError(_("%(symbol)s is not issued yet: change the draft instead"), symbol=parent.symbol)
    if not languages:
        raise DomainError(_("a corrigendum or revision needs the file of at least one language version"))
    for lang in languages:
        if lang not in UN_LANGUAGES:
            raise DomainError(NOT_A_LANGUAGE, value=repr(lang)[:60])
    sponsors = list(parent.sponsorships.select_related("state", "organization").order_by("role", "position"))

    def who(role: str) -> list:
        return [s.state or s.organization for s in sponsors if s.role == role and not s.secretariat]

    with transaction.atomic():
        symbol = numbering.next_modifier_symbol(parent, kind)
        return record_document(
            parent.meeting,
            symbol=symbol,
            title=title or dict(parent.title),
            original_language=parent.original_language,
            versions=[{"lang": lang} for lang in languages],
            submitters=who("submitter"),
            co_sponsors=who("co_sponsor"),
            secretariat=any(s.secretariat for s in sponsors),
            on_behalf_of=parent.on_behalf_of,
            submitted_by_text=parent.submitted_by_text,
            issued_on=clock.today(),
            by=by,
        )


def issue_modifier(
    parent: Document,
    *,
    kind: str,
    files: Mapping[str, Any],
    title: Mapping[str, str] | None = None,
    by: Actor,
) -> Document:
    """Issue a corrigendum or a revision of `parent` with its language versions' files.

    Guarantees: those of record_modifier; at least one file, each checked, stored under the UN
    file name with its SHA-256 and size (an IssuedFile); all or nothing.
    """
    permissions.require_staff(by, _("issues corrigenda and revisions"))
    if parent.status != Document.Status.ISSUED:
        raise DomainError(_("%(symbol)s is not issued yet: change the draft instead"), symbol=parent.symbol)
    if not files:
        raise DomainError(_("a corrigendum or revision needs the file of at least one language version"))
    for lang in files:
        if lang not in UN_LANGUAGES:
            raise DomainError(NOT_A_LANGUAGE, value=repr(lang)[:60])
    checked = {lang: read_upload(upload) for lang, upload in files.items()}
    with atomic_files():
        document = record_modifier(parent, kind=kind, languages=list(checked), title=title, by=by)
        for version in document.versions.all():
            data, ext, _name = checked[version.lang]
            _store(version.file, f"{file_stem(document.symbol, version.lang)}{ext}", data)
            version.save(update_fields=["file"])
            _issued_upload(version, data)
        log_action(
            by,
            "document.modifier",
            document,
            after={"parent": parent.symbol, "symbol": document.symbol, "languages": sorted(checked)},
        )
    return document


# -- documents the secretariat issues --------------------------------------------------------------

# Who submits a document the secretariat issues. Both are recorded as the secretariat's submission
# (Sponsorship.secretariat); the Chair's is worded as UN documents word it ("Submitted by the
# Chairman" on BWC/MSP/2017/3, in its six languages), the secretariat's own wording ("Note by the
# Secretariat", "Submitted by the Implementation Support Unit") is part of the title.
SUBMITTERS = ("secretariat", "chair")


def _chair_wording() -> dict[str, str]:
    text = {}
    for lang in UN_LANGUAGES:
        with translation.override("zh-hans" if lang == "zh" else lang):
            text[lang] = translation.gettext("Submitted by the Chair")
    return text


def _check_files(
    files: Mapping[str, Any], kinds: Mapping[str, str], original_language: str, only_in: str
) -> dict[str, str]:
    """The kind of each language's file, checked against the languages and the "only in" note."""
    if not files:
        raise DomainError(
            _("send the file of at least the original language (%(language)s)"),
            language=term(LANGUAGE_NAMES_EN[original_language]),
        )
    for lang in [*files, *kinds]:
        if lang not in UN_LANGUAGES:
            raise DomainError(NOT_A_LANGUAGE, value=repr(lang)[:60])
    without = sorted(set(kinds) - set(files), key=UN_LANGUAGES.index)
    if without:
        raise DomainError(
            _("a kind is given for the %(langs)s version but no file"), langs=", ".join(without)
        )
    resolved = {}
    for lang in files:
        kind = kinds.get(lang, LanguageVersion.Kind.OFFICIAL)
        if kind not in LanguageVersion.Kind.values:
            raise DomainError(
                _("the %(lang)s version is official or informal, not %(value)s"),
                lang=lang,
                value=repr(kind)[:60],
            )
        resolved[lang] = kind
    if original_language not in files:
        raise DomainError(
            _(
                "send the file in the original language (%(language)s): "
                "a document is issued at least in the language it was written in"
            ),
            language=term(LANGUAGE_NAMES_EN[original_language]),
        )
    if resolved[original_language] != LanguageVersion.Kind.OFFICIAL:
        raise DomainError(
            _(
                "the %(language)s file is the original: it is the official version, not an informal translation"
            ),
            language=term(LANGUAGE_NAMES_EN[original_language]),
        )
    if only_in:
        official = [lang for lang, kind in resolved.items() if kind == LanguageVersion.Kind.OFFICIAL]
        others = sorted(set(official) - {only_in}, key=UN_LANGUAGES.index)
        if others:
            raise MeetingError(
                _(
                    "the document is issued in %(language)s only: the %(others)s file can only be an informal translation"
                ),
                language=term(LANGUAGE_NAMES_EN[only_in]),
                others=Listing([term(LANGUAGE_NAMES_EN[lang]) for lang in others]),
            )
    return resolved


def issue_document(
    meeting: Meeting,
    *,
    doc_type: str = "",
    title: Mapping[str, str],
    original_language: str,
    files: Mapping[str, Any],
    kinds: Mapping[str, str] | None = None,
    only_in: str = "",
    symbol: str | None = None,
    submitted_by: str = "secretariat",
    agenda_item: AgendaItem | None = None,
    on: dt.date | None = None,
    by: Actor,
) -> Document:
    """Issue a document of the meeting that the secretariat or the Chair submits: a report of the
    Chair, the ISU's annual report, cost estimates, a background paper (the series' own numbers,
    doc_type ""), an INF, CRP, MISC, WP ... document. Staff only.

    `files` is {lang: upload}, `kinds` {lang: "official" | "informal"} (official when not said);
    `only_in` the one language the document is issued in ("English only"), or "" when it is (or
    will be) in all six; `symbol` None for the next free one of its type (numbering.
    next_document_symbol), or a given one (numbering.claim_given_symbol: the symbol grammar, the
    meeting's series, the type, free).

    Guarantees: a title and an official file in the original language; with `only_in`, that is the
    original language and every other file an informal translation; each file checked (type by its
    content, size, never its name: it is stored under the UN file name, BWC_MSP_2026_INF.2-ZH.pdf)
    and stored as issued, with its SHA-256 (an IssuedFile); without `only_in` the languages still
    to come are recorded as official versions without a file (add_language_version puts them on
    file later); all in one transaction, and no file is left behind if anything fails; audited.
    """
    permissions.require_staff(by, _("issues documents"))
    if doc_type and doc_type not in DOC_TYPES:
        raise DomainError(numbering.NOT_A_TYPE, value=repr(doc_type)[:60], types=", ".join(sorted(DOC_TYPES)))
    if submitted_by not in SUBMITTERS:
        raise DomainError(
            _("a document is submitted by the secretariat or the chair, not %(value)s"),
            value=repr(submitted_by)[:60],
        )
    cleaned = _clean_title(title, original_language)
    if only_in and only_in not in UN_LANGUAGES:
        raise DomainError(NOT_A_LANGUAGE, value=repr(only_in)[:60])
    if only_in and only_in != original_language:
        raise DomainError(
            _(
                "a document issued in one language only is issued in its original language "
                "(%(language)s), not in %(other)s"
            ),
            language=term(LANGUAGE_NAMES_EN[original_language]),
            other=term(LANGUAGE_NAMES_EN[only_in]),
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise DomainError(
            _("item %(item)s of %(series)s is not on the agenda of %(other)s"),
            item=agenda_item.label,
            series=str(agenda_item.meeting),
            other=str(meeting),
        )
    resolved = _check_files(files, dict(kinds or {}), original_language, only_in)
    checked = {}
    for lang in sorted(files, key=UN_LANGUAGES.index):
        try:
            checked[lang] = read_upload(files[lang])
        except DomainError as exc:
            raise _FileRefused(exc, lang) from None
    issued_on = on or clock.today()
    planned = [] if only_in else [lang for lang in UN_LANGUAGES if lang not in checked]
    with atomic_files():
        if symbol is None or not str(symbol).strip():
            allocated = numbering.next_document_symbol(meeting, doc_type)
        else:
            allocated = numbering.claim_given_symbol(meeting, symbol, doc_type)
        last = Document.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"]
        document = record_document(
            meeting,
            by=by,
            symbol=allocated,
            title=cleaned,
            original_language=original_language,
            versions=[
                *({"lang": lang, "kind": resolved[lang]} for lang in checked),
                *({"lang": lang, "kind": LanguageVersion.Kind.OFFICIAL} for lang in planned),
            ],
            secretariat=True,
            submitted_by_text=_chair_wording() if submitted_by == "chair" else None,
            agenda_item=agenda_item,
            issued_on=issued_on,
            status=Document.Status.ISSUED,
            position=0 if last is None else last + 1,
        )
        if only_in:
            document.only_in = only_in
            document.save(update_fields=["only_in"])
        stored = {}
        for version in document.versions.filter(lang__in=list(checked)):
            data, ext, name = checked[version.lang]
            _store(version.file, f"{file_stem(document.symbol, version.lang)}{ext}", data)
            version.save(update_fields=["file"])
            row = _issued_upload(version, data)
            stored[version.lang] = {
                "kind": version.kind,
                "fmt": row.fmt,
                "size": row.size,
                "sha256": row.sha256,
                "name sent": name,
            }
        log_action(
            by,
            "document.issue",
            document,
            after={
                "symbol": document.symbol,
                "doc_type": doc_type,
                "given": symbol is not None and bool(str(symbol).strip()),
                "submitted_by": submitted_by,
                "only_in": only_in,
                "agenda_item": agenda_item.label if agenda_item else None,
                "issued_on": issued_on.isoformat(),
                "files": {lang: stored[lang] for lang in sorted(stored, key=UN_LANGUAGES.index)},
                "to come": planned,
            },
        )
    return document


# -- working papers --------------------------------------------------------------------------------


def _clean_title(title: Mapping[str, str], original_language: str) -> dict[str, str]:
    if original_language not in UN_LANGUAGES:
        raise DomainError(NOT_A_LANGUAGE, value=repr(original_language)[:60])
    cleaned = {}
    for lang, text in (title or {}).items():
        if lang not in UN_LANGUAGES:
            raise DomainError(NOT_A_LANGUAGE, value=repr(lang)[:60])
        text = " ".join((text or "").split())
        if len(text) > MAX_TITLE:
            raise DomainError(
                _("the title in %(lang)s is longer than %(limit)s characters"), lang=lang, limit=MAX_TITLE
            )
        if text:
            cleaned[lang] = text
    if original_language not in cleaned:
        raise DomainError(_("give the title in the original language (%(lang)s)"), lang=original_language)
    return cleaned


def _check_editable(paper: WorkingPaper) -> None:
    if paper.status == WorkingPaper.Status.ISSUED:
        if paper.document:
            raise Frozen(
                _("%(symbol)s is issued and can no longer change: corrections come as a Corr. or Rev."),
                symbol=paper.document.symbol,
            )
        raise Frozen(_("this paper is issued and can no longer change: corrections come as a Corr. or Rev."))
    if paper.status == WorkingPaper.Status.WITHDRAWN:
        raise DomainError(_("this paper was withdrawn"))


def _check_group(on_behalf_of: Group | None, meeting: Meeting) -> None:
    if on_behalf_of is not None and on_behalf_of.scheme != meeting.treaty.code:
        raise DomainError(
            _("%(group)s is not a group of the %(treaty)s"),
            group=on_behalf_of.code,
            treaty=meeting.treaty.code,
        )


def _paper_snapshot(paper: WorkingPaper) -> dict[str, Any]:
    snapshot = {
        "title": dict(paper.title),
        "original_language": paper.original_language,
        "on_behalf_of": paper.on_behalf_of.code if paper.on_behalf_of else None,
        "status": paper.status,
    }
    if paper.agenda_item_id is not None:
        snapshot["agenda_item"] = paper.agenda_item.label  # type: ignore[union-attr]
    return snapshot


def _names_of(sponsor: State | Organization) -> dict[str, str]:
    """A State's UN short names (in force today) or an organization's names, per language."""
    if isinstance(sponsor, State):
        names = dict(StateName.objects.on(clock.today()).filter(state=sponsor).values_list("lang", "name"))
    else:
        names = {**(sponsor.names or {}), **(sponsor.short_names or {})}
    return names or {"en": sponsor.code}


def _sponsor_of(paper: WorkingPaper) -> State | Organization:
    return paper.delegation.state or paper.delegation.organization  # type: ignore[return-value]


def _people_of_submitter(paper: WorkingPaper) -> list:
    delegation = paper.delegation
    if delegation.state_id:
        return people_of(state_id=delegation.state_id)
    return people_of(organization_id=delegation.organization_id)


def _tell(kind: str, paper: WorkingPaper, users, *, url: Mapping[str, str] | None = None, **context) -> None:
    """Notify `users` of a step of the paper, with its title, its meeting and its submitter in each
    person's language, linking the paper's page (or `url`)."""
    notify(
        kind,
        users,
        context={
            "paper": dict(paper.title),
            "meeting": meeting_titles(paper.meeting) or {"en": paper.meeting.series},
            "submitter": _names_of(_sponsor_of(paper)),
            **context,
        },
        url=url or page_urls("portal:paper", paper.pk),
    )


def _may_act_for_paper(by: Actor, paper: WorkingPaper, refusal: str) -> None:
    """NotAllowed(refusal) unless `by` acts for the paper's delegation; `refusal` is a message
    marked with _() ("only the submitting delegation ...")."""
    if not permissions.can_act_for_paper(by, paper):
        raise NotAllowed(refusal)


def create_working_paper(
    delegation: Delegation,
    *,
    by: Actor,
    title: Mapping[str, str],
    original_language: str,
    on_behalf_of: Group | None = None,
    agenda_item: AgendaItem | None = None,
) -> WorkingPaper:
    """A new draft working paper of the delegation. Guarantees: someone who acts for the delegation
    (or staff); a title in the original language; the meeting is open (staff excepted); the agenda
    item, if given, is one of the meeting's."""
    if not permissions.can_act_for_delegation(by, delegation):
        raise NotAllowed(_("only the delegation submits its papers"))
    meeting = delegation.meeting
    check_open(meeting, by)
    if delegation.status == Delegation.Status.REFUSED:
        raise DomainError(_("the meeting refused this delegation observer status"))
    _check_group(on_behalf_of, meeting)
    check_agenda_item(agenda_item, meeting, term(_("the paper")))
    cleaned = _clean_title(title, original_language)
    with transaction.atomic():
        paper = WorkingPaper.objects.create(
            meeting=meeting,
            delegation=delegation,
            title=cleaned,
            original_language=original_language,
            on_behalf_of=on_behalf_of,
            agenda_item=agenda_item,
            created_by=by.user,
            by_secretariat=bool(permissions.acting_for(by, delegation)),
        )
        log_action(
            by,
            "paper.create",
            paper,
            after=_paper_snapshot(paper),
            acting_for=permissions.acting_for(by, delegation),
        )
    return paper


def _locked(paper: WorkingPaper) -> WorkingPaper:
    """The paper read again under a row lock, so that two changes of one paper follow each other."""
    # Lock the paper row only: PostgreSQL cannot lock the nullable side of an outer join.
    return WorkingPaper.objects.select_for_update(of=("self",)).select_related("document").get(pk=paper.pk)


def update_working_paper(
    paper: WorkingPaper,
    *,
    by: Actor,
    title: Mapping[str, str],
    original_language: str,
    on_behalf_of: Group | None = None,
    agenda_item: AgendaItem | None | object = KEEP,
) -> WorkingPaper:
    """Change the title, the original language, the group or the agenda item (one of the
    meeting's; left as it is when not given). Not once issued or withdrawn."""
    _may_act_for_paper(by, paper, _("only the submitting delegation changes its paper"))
    _check_group(on_behalf_of, paper.meeting)
    if agenda_item is not KEEP:
        check_agenda_item(agenda_item, paper.meeting, term(_("the paper")))  # type: ignore[arg-type]
    cleaned = _clean_title(title, original_language)
    with transaction.atomic():
        current = _locked(paper)
        _check_editable(current)
        before = _paper_snapshot(current)
        paper.title, paper.original_language, paper.on_behalf_of = cleaned, original_language, on_behalf_of
        if agenda_item is not KEEP:
            paper.agenda_item = agenda_item  # type: ignore[assignment]
        paper.status = current.status
        paper.save(update_fields=["title", "original_language", "on_behalf_of", "agenda_item", "updated"])
        log_action(
            by,
            "paper.update",
            paper,
            before=before,
            after=_paper_snapshot(paper),
            acting_for=permissions.acting_for(by, paper.delegation),
        )
    return paper


def add_paper_file(
    paper: WorkingPaper, *, by: Actor, lang: str, upload, kind: str = WorkingPaperFile.Kind.OFFICIAL
) -> WorkingPaperFile:
    """Attach the paper's version in `lang`, replacing any earlier one. Guarantees: size, type and
    content checked; stored under a generated name, never the name sent."""
    _may_act_for_paper(by, paper, _("only the submitting delegation changes its paper"))
    _check_editable(paper)
    if lang not in UN_LANGUAGES:
        raise DomainError(NOT_A_LANGUAGE, value=repr(lang)[:60])
    if kind not in WorkingPaperFile.Kind.values:
        raise DomainError(_("unknown kind %(value)s"), value=repr(kind)[:60])
    data, ext, original_name = read_upload(upload)
    with atomic_files():
        _check_editable(_locked(paper))
        old = WorkingPaperFile.objects.filter(paper=paper, lang=lang).first()
        before = {"lang": lang, "name": old.original_name} if old else None
        if old is not None:
            old_name, storage = old.file.name, old.file.storage
            old.delete()
            transaction.on_commit(lambda: storage.delete(old_name))
        record = WorkingPaperFile(
            paper=paper, lang=lang, kind=kind, original_name=original_name, size=len(data)
        )
        _store(record.file, f"{uuid.uuid4().hex}{ext}", data)
        record.save()
        log_action(
            by,
            "paper.file",
            paper,
            before=before,
            after={"lang": lang, "kind": kind, "name": original_name, "size": len(data)},
            acting_for=permissions.acting_for(by, paper.delegation),
        )
    return record


def invite_co_sponsor(paper: WorkingPaper, state: State, *, by: Actor) -> CoSponsorship:
    """Invite a State to co-sponsor. Guarantees: not the submitter itself; once per State; the
    invitations keep their order, which is the order of co-sponsors on the document."""
    _may_act_for_paper(by, paper, _("only the submitting delegation invites co-sponsors"))
    if paper.delegation.state_id == state.pk:
        raise DomainError(_("%(state)s submits this paper; it cannot also co-sponsor it"), state=state.code)
    with transaction.atomic():
        _check_editable(_locked(paper))
        if CoSponsorship.objects.filter(paper=paper, state=state).exists():
            raise DomainError(_("%(state)s is already invited"), state=state.code)
        last = paper.co_sponsorships.aggregate(m=Max("position"))["m"]
        invitation = CoSponsorship.objects.create(
            paper=paper, state=state, position=0 if last is None else last + 1
        )
        log_action(
            by,
            "paper.invite",
            paper,
            after={"state": state.code},
            acting_for=permissions.acting_for(by, paper.delegation),
        )
        _tell(
            Notification.Kind.CO_SPONSOR_INVITED,
            paper,
            people_of(state_id=state.pk),
            state=_names_of(state),
        )
    return invitation


def answer_co_sponsorship(invitation: CoSponsorship, *, by: Actor, confirm: bool) -> CoSponsorship:
    """The invited State's focal point confirms or declines (and may change its mind) until the
    paper is issued. A change of answer is told to the paper's creator and the submitting
    delegation's people."""
    if not permissions.can_answer_co_sponsorship(by, invitation):
        raise NotAllowed(_("only the focal point of the invited State answers"))
    with transaction.atomic():
        paper = _locked(invitation.paper)
        _check_editable(paper)
        before = CoSponsorship.objects.select_for_update().get(pk=invitation.pk).status
        invitation.status = CoSponsorship.Status.CONFIRMED if confirm else CoSponsorship.Status.DECLINED
        invitation.decided_by, invitation.decided_at = by.user, timezone.now()
        invitation.save(update_fields=["status", "decided_by", "decided_at"])
        log_action(
            by,
            "paper.co_sponsor",
            invitation,
            before={"status": before},
            after={"status": invitation.status, "state": invitation.state.code},
        )
        if invitation.status != before:
            _tell(
                Notification.Kind.CO_SPONSOR_CONFIRMED if confirm else Notification.Kind.CO_SPONSOR_DECLINED,
                paper,
                [paper.created_by, *_people_of_submitter(paper)],
                state=_names_of(invitation.state),
            )
    return invitation


def submit_working_paper(paper: WorkingPaper, *, by: Actor) -> WorkingPaper:
    """Send the paper to the secretariat. Guarantees: a draft; a file in the original language."""
    _may_act_for_paper(by, paper, _("only the submitting delegation submits its paper"))
    with transaction.atomic():
        current = _locked(paper)
        _check_editable(current)
        if current.status != WorkingPaper.Status.DRAFT:
            raise DomainError(_("this paper is already submitted"))
        if not current.files.filter(lang=current.original_language).exists():
            raise DomainError(
                _("attach the paper in its original language (%(lang)s) first"),
                lang=current.original_language,
            )
        acting_for = permissions.acting_for(by, current.delegation)
        paper.status, paper.submitted_at = WorkingPaper.Status.SUBMITTED, timezone.now()
        paper.by_secretariat = paper.by_secretariat or bool(acting_for)
        paper.save(update_fields=["status", "submitted_at", "by_secretariat", "updated"])
        log_action(
            by,
            "paper.submit",
            paper,
            before={"status": "draft"},
            after={"status": paper.status},
            acting_for=acting_for,
        )
        _tell(Notification.Kind.PAPER_SUBMITTED, current, [*staff_users(), *_people_of_submitter(current)])
    return paper


def withdraw_working_paper(paper: WorkingPaper, *, by: Actor) -> WorkingPaper:
    """Withdraw a draft or submitted paper (an issued one stays in the record)."""
    _may_act_for_paper(by, paper, _("only the submitting delegation withdraws its paper"))
    with transaction.atomic():
        current = _locked(paper)
        _check_editable(current)
        paper.status = WorkingPaper.Status.WITHDRAWN
        paper.save(update_fields=["status", "updated"])
        log_action(
            by,
            "paper.withdraw",
            paper,
            before={"status": current.status},
            after={"status": paper.status},
            acting_for=permissions.acting_for(by, current.delegation),
        )
    return paper


def issue_working_paper(paper: WorkingPaper, *, by: Actor) -> Document:
    """Issue a submitted paper as a document of the meeting. Staff only.

    Guarantees: the next free WP symbol of the series (numbering.next_symbol, under the meeting's
    lock); submitters = the delegation's State or organization; co-sponsors = the confirmed ones in
    invitation order; the group it is on behalf of; one language version per file, with the file
    copied into the document under its UN file name, with its SHA-256 and size (an IssuedFile:
    from then on every download serves these bytes); the paper becomes issued and links the
    document, all or nothing (no file is left behind if anything fails).
    """
    permissions.require_staff(by, _("issues documents"))
    with atomic_files():
        current = _locked(paper)
        if current.status != WorkingPaper.Status.SUBMITTED:
            # A paper's status is its English label (WorkingPaper.Status), the word the catalogues translate.
            raise DomainError(
                _("only a submitted paper is issued; this one is %(status)s"), status=term(current.status)
            )
        delegation = current.delegation
        sponsor = delegation.state or delegation.organization
        co_sponsors = [
            c.state
            for c in current.co_sponsorships.filter(status=CoSponsorship.Status.CONFIRMED)
            .select_related("state")
            .order_by("position")
        ]
        files = list(current.files.all())
        symbol = numbering.next_symbol(current.meeting_id, "WP")
        document = record_document(
            current.meeting,
            by=by,
            symbol=symbol,
            title=current.title,
            original_language=current.original_language,
            versions=[{"lang": f.lang, "kind": f.kind} for f in files],
            submitters=[sponsor],
            co_sponsors=co_sponsors,
            on_behalf_of=current.on_behalf_of,
            agenda_item=current.agenda_item,
            issued_on=clock.today(),
            status=Document.Status.ISSUED,
        )
        versions = {v.lang: v for v in document.versions.all()}
        for f in files:
            with f.file.open("rb") as fh:
                data = fh.read()
            version = versions[f.lang]
            _store(version.file, f"{file_stem(symbol, f.lang)}{PurePath(f.file.name).suffix.lower()}", data)
            version.save(update_fields=["file"])
            _issued_upload(version, data)
        paper.status, paper.document = WorkingPaper.Status.ISSUED, document
        paper.save(update_fields=["status", "document", "updated"])
        log_action(
            by,
            "paper.issue",
            paper,
            before={"status": "submitted"},
            after={
                "status": "issued",
                "symbol": symbol,
                "submitters": [sponsor.code],  # type: ignore[union-attr]
                "co_sponsors": [s.code for s in co_sponsors],
                "versions": sorted(versions),
            },
        )
        _tell(
            Notification.Kind.PAPER_ISSUED,
            current,
            [
                *_people_of_submitter(current),
                *(user for state in co_sponsors for user in people_of(state_id=state.pk)),
            ],
            url=page_urls("web:document", symbol),
            symbol=symbol,
        )
    return document
