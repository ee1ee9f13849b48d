"""Build the search index from the records.

The index is derived data, rebuilt whole (`rebuild_index`) after a load, or per meeting
(`reindex_meeting`) after one meeting's record changed. Each object gets one row per language
it has text in; every row carries the object's key (symbol, series, alpha-3), so a symbol finds
the object whatever the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from django.db import transaction

from plenary.core.languages import UN_LANGUAGES, pick
from plenary.documents.models import Document, Sponsorship
from plenary.meetings.models import Meeting
from plenary.proceedings.models import Statement
from plenary.search.models import SearchEntry
from plenary.search.tokenize import tokenize
from plenary.treaties.models import StateName

__all__ = ["entry_tokens", "follow_change", "rebuild_index", "reindex_meeting", "split_tokens"]

Say = Callable[[str], None]
_BATCH = 500
_LIST_SEP = {"zh": "、", "ar": "، "}
_MEETING_KINDS = (SearchEntry.Kind.DOCUMENT, SearchEntry.Kind.MEETING, SearchEntry.Kind.STATEMENT)


def entry_tokens(key: str, title: str, *body: str) -> str:
    """The `tokens` column: " key-tokens | title-tokens | body-tokens ", each token once in its
    section, and in the body section only when neither key nor title has it. A query token
    matches as " tok " anywhere (no token is "|"); the sections let ranking weigh title and key
    matches without tokenizing again."""
    key_tokens = list(dict.fromkeys(tokenize(key)))
    title_tokens = list(dict.fromkeys(tokenize(title)))
    seen = set(key_tokens) | set(title_tokens)
    body_tokens = [t for text in body for t in tokenize(text) if not (t in seen or seen.add(t))]
    return f" {' '.join(key_tokens)} | {' '.join(title_tokens)} | {' '.join(body_tokens)} "


def split_tokens(tokens: str) -> tuple[set[str], set[str], set[str]]:
    """The key, title and body tokens of a `tokens` column."""
    key, title, body = (set(part.split()) for part in tokens.split("|", 2))
    return key, title, body


def _entry(
    kind: str, key: str, lang: str, title: str, body: str, *, key_text: str = "", hidden: str = "", **columns
) -> SearchEntry:
    """An index row; `key_text` and `hidden` are searchable but not shown."""
    return SearchEntry(
        kind=kind,
        key=key,
        lang=lang,
        title=title[:1000],
        body=body,
        tokens=entry_tokens(key_text, title, body, hidden),
        **columns,
    )


def _text(value: object) -> str:
    """A multilingual value's text: a string, or a list of strings joined."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value if v)
    return str(value or "")


class _StateNames:
    """Every State's names in every language and period, read once."""

    def __init__(self) -> None:
        self.periods: dict[tuple[str, str], list[tuple[dt.date | None, dt.date | None, str]]] = defaultdict(
            list
        )
        rows = StateName.objects.values_list("state__code", "lang", "valid_from", "valid_to", "name")
        for code, lang, start, end, name in rows:
            self.periods[(code, lang)].append((start, end, name))
        # Oldest first, an open start before any date (sorted here: databases order NULLs apart).
        for periods in self.periods.values():
            periods.sort(key=lambda p: (p[0] is not None, p[0] or dt.date.min))

    def on(self, code: str, lang: str, date: dt.date | None) -> str:
        """The name in force on `date` (the latest when no date or none in force); else the
        English name, else the code."""
        periods = self.periods.get((code, lang)) or self.periods.get((code, "en"))
        if not periods:
            return code
        if date is not None:
            for start, end, name in periods:
                if (start is None or start <= date) and (end is None or date < end):
                    return name
        return periods[-1][2]

    def codes(self) -> list[str]:
        return sorted({code for code, _ in self.periods})


def _multi(values: dict | None, lang: str) -> str:
    picked = pick(values or {}, lang)
    return _text(picked.text) if picked else ""


def _org_name(org, lang: str) -> str:
    name = _multi(org.names, lang) or org.code
    short = _text((org.short_names or {}).get(lang, ""))
    return f"{name} ({short})" if short and short != name else name


def _languages(*values: dict | None) -> list[str]:
    present = {lang for value in values for lang, text in (value or {}).items() if text}
    return [lang for lang in UN_LANGUAGES if lang in present]


# ------------------------------------------------------------------------------------- documents


def _documents(documents: Iterable[Document], names: _StateNames) -> Iterator[SearchEntry]:
    for doc in documents:
        meeting = doc.meeting
        date = doc.issued_on or (meeting.start if meeting else None)
        sponsors = sorted(
            doc.sponsorships.all(), key=lambda s: (s.role != Sponsorship.Role.SUBMITTER, s.position)
        )
        codes = [
            (s.state.code if s.state else s.organization.code).upper()
            for s in sponsors
            if s.state or s.organization
        ]
        columns = {
            "series": meeting.series if meeting else doc.series,
            "year": meeting.year if meeting else None,
            "doc_type": doc.doc_type,
            "submitters": f" {' '.join(codes)} " if codes else "",
            "url": f"/documents/{doc.symbol}",
        }
        for lang in _languages(doc.title) or [doc.original_language or "en"]:
            names_ = [
                names.on(s.state.code, lang, date) if s.state else _org_name(s.organization, lang)
                for s in sponsors
                if s.state or s.organization
            ]
            listed = _LIST_SEP.get(lang, ", ").join(names_)
            # When the document words its submitters itself, show that wording; the plain names
            # stay searchable through the tokens.
            worded = _multi(doc.submitted_by_text, lang)
            body = worded or listed
            group = _multi(doc.on_behalf_of.names, lang) if doc.on_behalf_of else ""
            if group:
                body = f"{body}; {group}" if body else group
            title = _text((doc.title or {}).get(lang)) or doc.symbol
            # The series as a whole token too, so that a series typed in full ranks its documents.
            key_text = f"{doc.symbol} {columns['series']}"
            yield _entry(
                SearchEntry.Kind.DOCUMENT,
                doc.symbol,
                lang,
                title,
                body,
                key_text=key_text,
                hidden=listed if worded else "",
                **columns,
            )


def _document_queryset():
    return Document.objects.select_related("meeting", "on_behalf_of").prefetch_related(
        "sponsorships__state", "sponsorships__organization"
    )


# -------------------------------------------------------------------------------------- meetings


def _meeting_title(meeting: Meeting) -> str:
    """A title for a meeting recorded without one (the Meetings of Experts): in English."""
    label = meeting.get_kind_display()
    if meeting.kind == Meeting.Kind.MX and meeting.number:
        return f"{label} {meeting.number}, {meeting.year}"
    return f"{label}, {meeting.year}"


def _meetings(meetings: Iterable[Meeting]) -> Iterator[SearchEntry]:
    for m in meetings:
        columns = {"series": m.series, "year": m.year, "url": f"/meetings/{m.series}/"}
        for lang in _languages(m.title, m.topics, m.venues) or ["en"]:
            title = _text((m.title or {}).get(lang)) or _meeting_title(m)
            venue = _text((m.venues or {}).get(lang)) or (m.venue if lang == "en" else "")
            body = "; ".join(t for t in (_text((m.topics or {}).get(lang)), venue) if t)
            yield _entry(SearchEntry.Kind.MEETING, m.series, lang, title, body, key_text=m.series, **columns)


# ------------------------------------------------------------------------------------ statements


def _statements(statements: Iterable[Statement], names: _StateNames) -> Iterator[SearchEntry]:
    for st in statements:
        m = st.meeting
        date = m.start
        columns = {
            "series": m.series,
            "year": m.year,
            "submitters": f" {(st.state.code if st.state else st.organization.code if st.organization else '').upper()} "
            if (st.state or st.organization)
            else "",
            "url": f"/meetings/{m.series}/#statement-{st.position}",
        }
        langs = (
            UN_LANGUAGES if (st.state or st.organization) else (_languages(st.on_behalf_of_text) or ["en"])
        )
        for lang in langs:
            if st.state:
                speaker = names.on(st.state.code, lang, date)
            elif st.organization:
                speaker = _org_name(st.organization, lang)
            else:
                speaker = st.speaker or st.get_kind_display()
            behalf = _multi(st.on_behalf_of_text, lang)
            if not behalf and st.on_behalf_of_group:
                behalf = _multi(st.on_behalf_of_group.names, lang)
            if not behalf and st.on_behalf_of_organization:
                behalf = _org_name(st.on_behalf_of_organization, lang)
            if not behalf and st.on_behalf_of_states:
                behalf = ", ".join(names.on(code, lang, date) for code in st.on_behalf_of_states)
            body = f"{m.series}; {behalf}" if behalf else m.series
            yield _entry(SearchEntry.Kind.STATEMENT, str(st.pk), lang, speaker, body, **columns)


def _statement_queryset():
    return Statement.objects.select_related(
        "meeting", "state", "organization", "on_behalf_of_group", "on_behalf_of_organization"
    )


# ---------------------------------------------------------------------------------------- States


def _states(names: _StateNames) -> Iterator[SearchEntry]:
    for code in names.codes():
        for lang in UN_LANGUAGES:
            periods = names.periods.get((code, lang))
            if not periods:
                continue
            title = names.on(code, lang, None)  # the latest name
            # Former names (Swaziland, the former Yugoslav Republic of Macedonia) stay findable.
            older = list(dict.fromkeys(n for _, _, n in reversed(periods) if n != title))
            yield _entry(
                SearchEntry.Kind.STATE,
                code,
                lang,
                title,
                "; ".join(older),
                key_text=code,
                url=f"/states/{code}/",
            )


# ----------------------------------------------------------------------------------------- build


def _write(entries: Iterable[SearchEntry]) -> int:
    batch: list[SearchEntry] = []
    count = 0
    for entry in entries:
        batch.append(entry)
        if len(batch) >= _BATCH:
            SearchEntry.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        SearchEntry.objects.bulk_create(batch)
        count += len(batch)
    return count


def rebuild_index(*, say: Say | None = None) -> int:
    """Replace the whole index by one built from the records now in the database.

    Runs in one transaction, so searches never see a half-built index. Returns the number of
    entries written. Safe to run any number of times."""
    say = say or (lambda message: None)
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        names = _StateNames()
        total = 0
        for label, entries in (
            ("States", lambda: _states(names)),
            ("meetings", lambda: _meetings(Meeting.objects.all())),
            ("documents", lambda: _documents(_document_queryset(), names)),
            ("statements", lambda: _statements(_statement_queryset(), names)),
        ):
            count = _write(entries())
            total += count
            say(f"indexed {label}: {count} entries")
    return total


def reindex_meeting(series: str, *, say: Say | None = None) -> int:
    """Replace the index entries of one meeting (the meeting, its documents and statements).

    A meeting that no longer exists loses its entries. Returns the number of entries written."""
    say = say or (lambda message: None)
    with transaction.atomic():
        # Two commits on one meeting reindex it one after the other, not interleaved.
        meeting = Meeting.objects.select_for_update().filter(series=series).first()
        SearchEntry.objects.filter(series=series, kind__in=_MEETING_KINDS).delete()
        if meeting is None:
            say(f"{series}: no such meeting; its entries are removed")
            return 0
        names = _StateNames()
        docs = _document_queryset().filter(meeting=meeting) | _document_queryset().filter(
            meeting__isnull=True, series=series
        )
        count = _write(_meetings([meeting]))
        count += _write(_documents(docs, names))
        count += _write(_statements(_statement_queryset().filter(meeting=meeting), names))
    say(f"indexed {series}: {count} entries")
    return count


# What a change must touch for the index to follow it: documents, statements and meetings are
# indexed; floor requests, registrations and the like are not.
SEARCHABLE_ACTIONS = ("document.", "paper.issue", "statement.", "floor.spoken", "meeting.", "record.load")


def follow_change(meeting_id: int, actions: frozenset[str]) -> None:
    """After a commit: reindex the meeting when a searchable part of it changed."""
    if not any(a.startswith(SEARCHABLE_ACTIONS) for a in actions):
        return
    series = Meeting.objects.filter(pk=meeting_id).values_list("series", flat=True).first()
    if series is not None:
        reindex_meeting(series)
