"""Build the search index from the records.

The index is derived data, rebuilt whole (`rebuild_index`) after a load, or per meeting
(`reindex_meeting`) after one meeting's record changed. Each object gets one row per language
it has text in; every row carries the object's key (symbol, series, alpha-3), so a symbol finds
the object whatever the reader's language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from django.db import transaction

from plenary.core.languages import UN_LANGUAGES, pick
from plenary.documents.models import Document, IssuedFile, Sponsorship
from plenary.meetings.models import Meeting
from plenary.proceedings.models import Statement
from plenary.reports.builder import build_report_of
from plenary.reports.models import Report
from plenary.reports.tree import Para, Table
from plenary.search import fulltext
from plenary.search.fulltext import KINDS, filter_tokens
from plenary.search.models import SearchEntry
from plenary.search.tokenize import is_cjk, tokenize
from plenary.treaties.models import StateName
from plenary.treaties.profile import meeting_kinds

log = logging.getLogger(__name__)

__all__ = [
    "entry_id",
    "entry_tokens",
    "follow_change",
    "object_id",
    "rebuild_index",
    "reindex_meeting",
    "sort_key",
    "split_tokens",
    "write_entries",
]

Say = Callable[[str], None]
_BATCH = 500
_LIST_SEP = {"zh": "、", "ar": "، "}
_TITLE_SEP = {"zh": "，", "ar": "، "}  # between a name and its year or place
_MEETING_KINDS = (
    SearchEntry.Kind.DOCUMENT,
    SearchEntry.Kind.MEETING,
    SearchEntry.Kind.STATEMENT,
    SearchEntry.Kind.PARAGRAPH,
)


def _with_unigrams(tokens: list[str]) -> list[str]:
    """The tokens, each CJK bigram followed by its characters (once each), as Lucene's CJK
    analyzer does with unigrams on: one character typed (会) is then a token of the index too."""
    out: list[str] = []
    seen: set[str] = set()
    for tok in tokens:
        for t in (tok, *(tok if len(tok) == 2 and is_cjk(tok[0]) and is_cjk(tok[1]) else ())):
            if t not in seen:
                seen.add(t)
                out.append(t)
    return out


def _beginnings(tokens: list[str]) -> list[str]:
    """The "/"-beginnings of two elements or more of each "/"-chain (a symbol) among `tokens`
    (bwc/msp/2017/wp.13: bwc/msp/2017, bwc/msp): a series typed whole finds its documents."""
    out: list[str] = []
    for tok in tokens:
        elements = tok.split("/")
        out += ["/".join(elements[:i]) for i in range(len(elements) - 1, 1, -1)]
    return list(dict.fromkeys(out))


def entry_tokens(key: str, title: str, *body: str, filters: Iterable[str] = ()) -> str:
    """The `tokens` column: " key-tokens | title-tokens | body-tokens | filter-tokens ", each
    token once in its section, and in the body section only when neither key nor title has it;
    a CJK bigram brings its two characters, a symbol in the key its beginnings
    (in the body section). The full-text index reads the sections as its
    columns (plenary.search.fulltext); ranking weighs key, title and body apart."""
    key_tokens = _with_unigrams(tokenize(key))
    title_tokens = _with_unigrams(tokenize(title))
    seen = set(key_tokens) | set(title_tokens)
    # The key's beginnings weigh as body: the series' own documents (whose key holds the series
    # itself) rank before the paragraphs of one of them.
    texts = [t for text in body for t in tokenize(text)] + _beginnings(key_tokens)
    body_tokens = [t for t in _with_unigrams(texts) if t not in seen]
    return (
        f" {' '.join(key_tokens)} | {' '.join(title_tokens)} | {' '.join(body_tokens)} | {' '.join(filters)} "
    )


def split_tokens(tokens: str) -> tuple[set[str], set[str], set[str]]:
    """The key, title and body tokens of a `tokens` column."""
    key, title, body = (set(part.split()) for part in tokens.split("|", 3)[:3])
    return key, title, body


def entry_id(kind: str, key: str, lang: str, year: int | None) -> int:
    """The id of an entry, the same at every rebuild, that says what counts and tiers need
    (plenary.search.fulltext): the age of its meeting (2100 - year, 127 without one; newest
    first), its kind, a 49-bit hash of its object and its language."""
    age = 127 if year is None else max(0, min(126, 2100 - year))
    digest = hashlib.blake2b(f"{kind}\x1f{key}".encode(), digest_size=8).digest()
    object_hash = int.from_bytes(digest, "big") >> 15
    lang_bits = UN_LANGUAGES.index(lang) if lang in UN_LANGUAGES else 7
    return (
        (age << fulltext.AGE_SHIFT)
        | (_KIND_RANK.get(kind, 7) << fulltext.KIND_SHIFT)
        | (object_hash << fulltext.LANG_BITS)
        | lang_bits
    )


def object_id(kind: str, key: str, year: int | None = None) -> int:
    """The `obj` column: one number per object, the same in each of its languages."""
    return entry_id(kind, key, "ar", year) >> fulltext.LANG_BITS


_KIND_RANK = {kind: i for i, kind in enumerate(KINDS)}


def sort_key(kind: str, key: str) -> str:
    """The `sort_key` column: the kind's rank, then the key with its numbers zero-padded, so
    that WP.2 comes before WP.13 in a plain string order."""
    natural = re.sub(r"\d+", lambda m: m.group().rjust(10, "0"), key.casefold())
    return f"{_KIND_RANK.get(kind, 9)} {natural}"[:300]


def _entry(
    kind: str,
    key: str,
    lang: str,
    title: str,
    body: str,
    *,
    key_text: str = "",
    hidden: str = "",
    title_text: str | None = None,
    **columns,
) -> SearchEntry:
    """An index row; `key_text` and `hidden` are searchable but not shown. `title_text`, when
    given, is what the title counts as for matching (a paragraph's title is only its place)."""
    filters = filter_tokens(
        kind=kind,
        lang=lang,
        series=columns.get("series", ""),
        year=columns.get("year"),
        doc_type=columns.get("doc_type", ""),
        submitters=(columns.get("submitters") or "").split(),
    )
    return SearchEntry(
        kind=kind,
        key=key,
        lang=lang,
        title=title[:1000],
        body=body,
        tokens=entry_tokens(
            key_text, title if title_text is None else title_text, body, hidden, filters=filters
        ),
        id=entry_id(kind, key, lang, columns.get("year")),
        obj=object_id(kind, key, columns.get("year")),
        sort_key=sort_key(kind, key),
        **columns,
    )


def _meeting_columns(meeting: Meeting | None) -> dict:
    """The columns every entry of a meeting's object carries: its series, year and dates."""
    if meeting is None:
        return {}
    return {
        "series": meeting.series,
        "year": meeting.year,
        "meeting_start": meeting.start,
        "meeting_end": meeting.end,
    }


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
            "series": doc.series,
            **_meeting_columns(meeting),
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

_KIND_NAMES: dict[int, dict[str, dict[str, str]]] = {}


def _kind_names(meeting: Meeting) -> dict[str, dict[str, str]]:
    """The names of the treaty's kinds of meeting in six languages (its profile's meeting_kinds),
    read once per treaty and build."""
    names = _KIND_NAMES.get(meeting.treaty_id)
    if names is None:
        kinds = meeting_kinds(meeting.treaty.profile or {})
        names = _KIND_NAMES[meeting.treaty_id] = {code: dict(kind.names) for code, kind in kinds.items()}
    return names


# The Review Conferences by their ordinal (the Ninth Review Conference, 第九次审议大会), and their
# Preparatory Committees, in the six languages: what a reader types for BWC/CONF.IX.
_ORDINALS = {
    "ar": ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"),
    "zh": (
        "第一次",
        "第二次",
        "第三次",
        "第四次",
        "第五次",
        "第六次",
        "第七次",
        "第八次",
        "第九次",
        "第十次",
    ),
    "en": ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"),
    "fr": (
        "première",
        "deuxième",
        "troisième",
        "quatrième",
        "cinquième",
        "sixième",
        "septième",
        "huitième",
        "neuvième",
        "dixième",
    ),
    "ru": (
        "первая",
        "вторая",
        "третья",
        "четвёртая",
        "пятая",
        "шестая",
        "седьмая",
        "восьмая",
        "девятая",
        "десятая",
    ),
    "es": (
        "Primera",
        "Segunda",
        "Tercera",
        "Cuarta",
        "Quinta",
        "Sexta",
        "Séptima",
        "Octava",
        "Novena",
        "Décima",
    ),
}
_RU_GENITIVE = (
    "первой",
    "второй",
    "третьей",
    "четвёртой",
    "пятой",
    "шестой",
    "седьмой",
    "восьмой",
    "девятой",
    "десятой",
)
_REVCON = {
    "ar": "المؤتمر الاستعراضي {o}",
    "zh": "{o}审议大会",
    "en": "{o} Review Conference",
    "fr": "{O} Conférence d'examen",
    "ru": "{O} Конференция по рассмотрению действия",
    "es": "{o} Conferencia de Examen",
}
_PREPCOM = {
    "ar": "اللجنة التحضيرية للمؤتمر الاستعراضي {o}",
    "zh": "{o}审议大会筹备委员会",
    "en": "Preparatory Committee of the {o} Review Conference",
    "fr": "Comité préparatoire de la {o} Conférence d'examen",
    "ru": "Подготовительный комитет {g} Конференции по рассмотрению действия",
    "es": "Comité Preparatorio de la {o} Conferencia de Examen",
}


def _conference_title(meeting: Meeting, lang: str) -> str | None:
    """A Review Conference or its Preparatory Committee named by the Conference's ordinal."""
    forms = {Meeting.Kind.REVCON: _REVCON, Meeting.Kind.PREPCOM: _PREPCOM}.get(meeting.kind)
    if forms is None or not meeting.number or not 1 <= meeting.number <= 10 or lang not in forms:
        return None
    ordinal = _ORDINALS[lang][meeting.number - 1]
    genitive = _RU_GENITIVE[meeting.number - 1]
    return forms[lang].format(o=ordinal, O=ordinal[:1].upper() + ordinal[1:], g=genitive)


def _kind_title(meeting: Meeting, lang: str) -> str:
    """The meeting called by its kind's name in `lang`, with its number and year: "Working Group
    session 10, 2026", "工作组会议 10，2026". What a meeting recorded without a title in `lang` is
    found by."""
    names = _kind_names(meeting).get(meeting.kind) or {}
    name = (
        _conference_title(meeting, lang)
        or names.get(lang)
        or names.get("en")
        or str(meeting.get_kind_display())
    )
    if meeting.number and meeting.kind in (Meeting.Kind.MX, Meeting.Kind.WG):
        name = f"{name} {meeting.number}"
    return f"{name}{_TITLE_SEP.get(lang, ', ')}{meeting.year}"


def _meetings(meetings: Iterable[Meeting]) -> Iterator[SearchEntry]:
    """One entry per meeting and language, in all six: the title recorded in that language, else
    the kind's name in it; the body holds the topics, the venue, the agenda items and the
    decisions in that language."""
    for m in meetings:
        columns = {**_meeting_columns(m), "url": f"/meetings/{m.series}/"}
        agenda = sorted(m.agenda.all(), key=lambda a: (a.parent_id is not None, a.number, a.pk))
        decisions = list(m.decisions.all())
        for lang in UN_LANGUAGES:
            named = _kind_title(m, lang)
            title = _text((m.title or {}).get(lang)) or named
            venue = _text((m.venues or {}).get(lang)) or (m.venue if lang == "en" else "")
            parts = [_text((m.topics or {}).get(lang)), venue]
            parts += [_text((item.title or {}).get(lang)) for item in agenda]
            parts += [_text((d.text or {}).get(lang)) for d in decisions]
            body = "; ".join(t for t in parts if t)
            hidden = named if named != title else ""
            yield _entry(
                SearchEntry.Kind.MEETING,
                m.series,
                lang,
                title,
                body,
                key_text=m.series,
                hidden=hidden,
                **columns,
            )


def _meeting_queryset():
    return Meeting.objects.select_related("treaty").prefetch_related("agenda", "decisions")


# ------------------------------------------------------------------------------------ statements


def _statements(statements: Iterable[Statement], names: _StateNames) -> Iterator[SearchEntry]:
    for st in statements:
        m = st.meeting
        date = m.start
        columns = {
            **_meeting_columns(m),
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
            item = _text((st.agenda_item.title or {}).get(lang)) if st.agenda_item else ""
            if item:
                body = f"{body}; {item}"
            yield _entry(SearchEntry.Kind.STATEMENT, str(st.pk), lang, speaker, body, **columns)


def _statement_queryset():
    return Statement.objects.select_related(
        "meeting",
        "state",
        "organization",
        "on_behalf_of_group",
        "on_behalf_of_organization",
        "agenda_item",
    )


# ---------------------------------------------------------------------------- report paragraphs

# How UN documents refer to a paragraph, per language (BWC/MSP/2017/6 para. 19; 第19段).
PARAGRAPH_LABELS = {
    "ar": "الفقرة {n}",
    "zh": "第{n}段",
    "en": "para. {n}",
    "fr": "par. {n}",
    "ru": "п. {n}",
    "es": "párr. {n}",
}


def _report_languages(report: Report) -> list[str]:
    """The languages a report has text in: a report recorded with agreed texts, those of its
    texts; a report drafted from the records, all six (its phrases are in each)."""
    if report.texts:
        present = {lang for values in report.texts.values() for lang, text in (values or {}).items() if text}
        return [lang for lang in UN_LANGUAGES if lang in present]
    return list(UN_LANGUAGES)


def _block_text(block: Para | Table) -> str:
    if isinstance(block, Table):
        cells = [block.caption or "", *block.header, *(cell for row in block.rows for cell in row)]
        return " ".join(c for c in cells if c)
    if block.kind == "sub" and block.number:
        return f"{block.number} {block.text}"
    return block.text


def _numbered_paragraphs(doc) -> Iterator[tuple[str, str]]:
    """(number, text) of each numbered paragraph of a report, its sub-paragraphs, quoted passages,
    lists and tables with it; what comes before a section's first numbered paragraph is the
    section's ("s1", "s2" ...)."""
    for index, section in enumerate(doc.sections, start=1):
        number, texts = f"s{index}", []
        for block in section.blocks:
            if isinstance(block, Para) and block.kind == "numbered" and block.number:
                if texts:
                    yield number, " ".join(texts)
                number, texts = block.number, []
            text = _block_text(block)
            if text:
                texts.append(text)
        if texts:
            yield number, " ".join(texts)


def _paragraphs(reports: Iterable[Report]) -> Iterator[SearchEntry]:
    """One entry per report paragraph and language: the paragraph as the report builder lays it
    out from the records now, under the report's symbol and number."""
    for report in reports:
        m = report.meeting
        document = report.final or report.draft
        html = set(
            IssuedFile.objects.filter(document=document, fmt="html").values_list("lang", flat=True)
            if document
            else ()
        )
        for lang in _report_languages(report):
            try:
                doc = build_report_of(report, lang)
            except Exception:  # a report the records cannot build yet is not indexed, nor fatal
                log.warning("the report of %s could not be built in %s for the index", m.series, lang)
                continue
            for number, text in _numbered_paragraphs(doc):
                place = PARAGRAPH_LABELS[lang].format(n=number) if not number.startswith("s") else ""
                title = f"{doc.symbol}{_TITLE_SEP.get(lang, ', ')}{place}" if place else doc.symbol
                if lang in html and not number.startswith("s"):
                    url = f"/documents/{doc.symbol}/read/{lang}.html#para-{number}"
                elif document:
                    url = f"/documents/{document.symbol}"
                else:
                    url = f"/meetings/{m.series}/"
                yield _entry(
                    SearchEntry.Kind.PARAGRAPH,
                    f"{doc.symbol}#{number}",
                    lang,
                    title,
                    text,
                    key_text=doc.symbol,
                    title_text="",
                    url=url,
                    **_meeting_columns(m),
                )


def _report_queryset():
    return Report.objects.select_related("meeting__treaty", "final", "draft")


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


def write_entries(entries: Iterable[SearchEntry]) -> int:
    """Write index rows in batches (the full-text index follows by itself); return the count."""
    return _write(entries)


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
    _KIND_NAMES.clear()
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        names = _StateNames()
        total = 0
        for label, entries in (
            ("States", lambda: _states(names)),
            ("meetings", lambda: _meetings(_meeting_queryset())),
            ("documents", lambda: _documents(_document_queryset(), names)),
            ("statements", lambda: _statements(_statement_queryset(), names)),
            ("report paragraphs", lambda: _paragraphs(_report_queryset())),
        ):
            count = _write(entries())
            total += count
            say(f"indexed {label}: {count} entries")
    return total


def reindex_meeting(series: str, *, say: Say | None = None, paragraphs: bool = True) -> int:
    """Replace the index entries of one meeting (the meeting, its documents, statements and,
    unless `paragraphs` is false, the paragraphs of its report).

    A meeting that no longer exists loses its entries. Returns the number of entries written."""
    say = say or (lambda message: None)
    _KIND_NAMES.clear()
    with transaction.atomic():
        # Two commits on one meeting reindex it one after the other, not interleaved.
        meeting = Meeting.objects.select_for_update().filter(series=series).first()
        kinds = (
            _MEETING_KINDS
            if paragraphs
            else tuple(k for k in _MEETING_KINDS if k != SearchEntry.Kind.PARAGRAPH)
        )
        SearchEntry.objects.filter(series=series, kind__in=kinds).delete()
        if meeting is None:
            say(f"{series}: no such meeting; its entries are removed")
            return 0
        names = _StateNames()
        docs = _document_queryset().filter(meeting=meeting) | _document_queryset().filter(
            meeting__isnull=True, series=series
        )
        count = _write(_meetings(_meeting_queryset().filter(pk=meeting.pk)))
        count += _write(_documents(docs, names))
        count += _write(_statements(_statement_queryset().filter(meeting=meeting), names))
        if paragraphs:
            count += _write(_paragraphs(_report_queryset().filter(meeting=meeting)))
    say(f"indexed {series}: {count} entries")
    return count


# What a change must touch for the index to follow it: documents, statements, meetings (their
# agenda and decisions) and reports are indexed; floor requests, registrations and the like are
# not (a report's count of participants follows at the report's next change or rebuild).
SEARCHABLE_ACTIONS = (
    "document.",
    "paper.issue",
    "statement.",
    "floor.spoken",
    "meeting.",
    "record.load",
    "agenda.",
    "decision.",
    "report.",
    "attendance.",
    "participants.",
)


# Acts of the list of speakers: they come one after another while the meeting sits, and building
# the report in six languages after each would slow the officers' page. The report's paragraphs
# follow at the report's next change (or the next rebuild).
LIVE_ACTIONS = ("statement.", "floor.")


def follow_change(meeting_id: int, actions: frozenset[str]) -> None:
    """After a commit: reindex the meeting when a searchable part of it changed."""
    if not any(a.startswith(SEARCHABLE_ACTIONS) for a in actions):
        return
    series = Meeting.objects.filter(pk=meeting_id).values_list("series", flat=True).first()
    if series is not None:
        live = all(a.startswith(LIVE_ACTIONS) for a in actions if a.startswith(SEARCHABLE_ACTIONS))
        reindex_meeting(series, paragraphs=not live)
