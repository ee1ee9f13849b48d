"""The provisional agenda (<series>/1) and the provisional programme of work (<series>/2) of a
meeting, and the adoption of its agenda.

Built from the meeting's agenda and programme of work (plenary.meetings.agenda writes them) into
the report's document tree (tree.ReportDoc), in one UN language at a time, with the standard
phrases of phrases/agenda/<lang>.yaml, and laid out by the report's renderers (txt, html, docx,
pdf). Issued as UN documents: issuing records the document under its symbol and stores the 24
files (six languages, four formats) with their SHA-256, in one transaction; from then on every
download serves those bytes, and a later change of the agenda does not touch them (a corrected
agenda goes out as a revision, revise_agenda_document). The meeting adopts its agenda by a
decision (adopt_agenda); from then on the agenda is frozen (plenary.meetings.agenda).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date, get_day_names
from django.db import transaction
from django.utils.translation import gettext_noop as _

from plenary.accounts import permissions
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.dates import un_date_range
from plenary.core.errors import DomainError, Frozen, term
from plenary.core.languages import LANGUAGE_NAMES_EN, UN_LANGUAGES, pick_text
from plenary.documents import numbering
from plenary.documents.domain import atomic_files, record_document, record_modifier, store_issued_file
from plenary.documents.models import Document, IssuedFile
from plenary.meetings import agenda as meeting_agenda
from plenary.meetings.errors import Listing, MeetingError, Place
from plenary.meetings.models import AgendaItem, Meeting, Officer, PlannedSitting
from plenary.meetings.queries import agenda_of, programme_of
from plenary.proceedings.domain import record_decision, update_decision
from plenary.proceedings.models import Decision
from plenary.reports import language as L
from plenary.reports.builder import phrases as report_phrases
from plenary.reports.render import FORMATS
from plenary.reports.tree import Para, ReportDoc, Table

PHRASES_DIR = Path(__file__).resolve().parent / "phrases" / "agenda"
# Which document: what Plenary generates it from, and its number in the meeting's series.
WHICH: dict[str, tuple[str, int]] = {
    "agenda": ("agenda", 1),  # Document.Generated.AGENDA
    "programme": ("programme", 2),  # Document.Generated.PROGRAMME
}
ISSUED_FORMATS = ("txt", "html", "docx", "pdf")
# How many problems a refusal to issue names before it says "and N more".
SHOWN = 5
# The refusals that name the document, one per document (the name's article and gender differ
# from language to language).
NOT_READY = {
    "agenda": _("the provisional agenda of %(series)s is issued in the six languages: %(problems)s"),
    "programme": _(
        "the provisional programme of work of %(series)s is issued in the six languages: %(problems)s"
    ),
}
ISSUED_ON = {
    "agenda": _(
        "the provisional agenda of %(series)s is issued as %(symbol)s on %(date)s: an issued document does not "
        "change; a corrected one goes out as a revision (Rev.)"
    ),
    "programme": _(
        "the provisional programme of work of %(series)s is issued as %(symbol)s on %(date)s: an issued document "
        "does not change; a corrected one goes out as a revision (Rev.)"
    ),
}
ISSUED = {
    "agenda": _(
        "the provisional agenda of %(series)s is issued as %(symbol)s: an issued document does not change; a "
        "corrected one goes out as a revision (Rev.)"
    ),
    "programme": _(
        "the provisional programme of work of %(series)s is issued as %(symbol)s: an issued document does not "
        "change; a corrected one goes out as a revision (Rev.)"
    ),
}
NOT_ISSUED = {
    "agenda": _("the provisional agenda of %(series)s is not issued yet"),
    "programme": _("the provisional programme of work of %(series)s is not issued yet"),
}


@cache
def phrases(lang: str) -> dict[str, Any]:
    path = PHRASES_DIR / f"{lang}.yaml"
    if lang not in UN_LANGUAGES or not path.exists():
        raise DomainError(_("no agenda phrases for language %(language)s"), language=repr(lang)[:60])
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _which(which: str) -> tuple[str, int]:
    if which not in WHICH:
        raise DomainError(
            _("which document: agenda or programme, not %(value)s"), value=repr(str(which)[:40])
        )
    return WHICH[which]


# -- words -----------------------------------------------------------------------------------------


def letter(number: int, lang: str) -> str:
    """A sub-item's letter: a, b, c ... (Arabic: أ، ب، ج ...); the number itself past the letters."""
    letters = phrases(lang).get("letters") or [chr(ord("a") + i) for i in range(26)]
    return letters[number - 1] if 1 <= number <= len(letters) else str(number)


def sub_label(item: AgendaItem, lang: str) -> str:
    """The sub-item's mark as the agenda prints it: "(a)", "a)" (French, Spanish, Russian), "(أ)"."""
    return str(phrases(lang)["sub_item"]).format(letter=letter(item.number, lang))


def item_label(item: AgendaItem, lang: str) -> str:
    """How the item is named in a table: "5", or "5 (a)" for a sub-item."""
    if item.parent_id is None:
        return str(item.number)
    return f"{item.parent.number} {sub_label(item, lang)}"


def meeting_name(meeting: Meeting, lang: str) -> str:
    """The meeting's name on the cover: its record's title in `lang`, else its kind's name."""
    if (meeting.title or {}).get(lang):
        return meeting.title[lang]
    p = phrases(lang)
    template = p["bodies"].get(meeting.kind) or p["bodies"]["MSP"]
    treaty = p["treaty"].get(meeting.treaty.code) or pick_text(
        meeting.treaty.names, lang, meeting.treaty.code
    )
    ordinals = p["ordinals"]
    ordinal = ordinals[meeting.number - 1] if meeting.number and 1 <= meeting.number <= len(ordinals) else ""
    name = template.format(treaty=treaty, ordinal=ordinal)
    return " ".join(name.split())


def cover_dates(start: dt.date, end: dt.date, lang: str) -> str:
    """The meeting's days as a cover prints them: 4–8 December 2017, 4-8 décembre 2017,
    4 a 8 de diciembre de 2017, 4–8 декабря 2017 года, 2017年12月4日至8日, 4-8 كانون الأول/ديسمبر 2017."""
    return un_date_range(start, end, lang)


def place_and_dates(meeting: Meeting, lang: str) -> str:
    """Geneva, 4–8 December 2017 / 2017年12月4日至8日，日内瓦."""
    p = phrases(lang)
    venue = (meeting.venues or {}).get(lang) or p["venues"].get(meeting.venue) or meeting.venue
    dates = cover_dates(meeting.start, meeting.end, lang) if meeting.start and meeting.end else ""
    if not venue or not dates:
        return venue or dates
    return str(p["place_dates"]).format(venue=venue, dates=dates)


def day_heading(day: dt.date, lang: str) -> str:
    """A day of the programme: Monday, 7 December 2026 / 2026年12月7日星期一 / Lundi 7 décembre 2026."""
    weekday = get_day_names("wide", "format", locale=L.BABEL_LOCALES[lang])[day.weekday()]
    if lang in ("fr", "es", "ru"):
        weekday = weekday[:1].upper() + weekday[1:]
    if lang == "zh":
        return format_date(day, "full", locale=L.BABEL_LOCALES[lang])
    return str(phrases(lang)["day"]).format(weekday=weekday, date=L.date(day, lang))


def sitting_time(sitting: PlannedSitting, lang: str) -> str:
    """A sitting's hours (10.00–13.00), or its period (Morning) while they are not known; its note
    (per language) after it in parentheses."""
    p = phrases(lang)
    if sitting.opens and sitting.closes:
        text = str(p["time_range"]).format(
            opens=sitting.opens.strftime(p["time"]), closes=sitting.closes.strftime(p["time"])
        )
    elif sitting.opens:
        text = sitting.opens.strftime(p["time"])
    else:
        text = p["periods"][sitting.period]
    note = (sitting.note or {}).get(lang)
    return f"{text} ({note})" if note else text


def _submitted_by(meeting: Meeting, lang: str) -> str:
    roles = set(meeting.officers.values_list("role", flat=True))
    table = phrases(lang)["submitted_by"]
    if Officer.Role.PRESIDENT in roles:
        return table["president"]
    if Officer.Role.CHAIR in roles:
        return table["chair"]
    return ""


# -- the documents ---------------------------------------------------------------------------------


def _cover(
    meeting: Meeting, lang: str, *, symbol: str, issued_on: dt.date | None, original_language: str, title: str
) -> dict[str, Any]:
    rp = report_phrases(lang)
    return {
        "lang": lang,
        "symbol": symbol,
        "distribution": rp["distribution"],
        "date": L.date(issued_on, lang) if issued_on else "",
        "original": str(rp["original"]).format(language=rp["languages"][original_language]),
        "job_number": "",
        "body_lines": tuple(
            line for line in (meeting_name(meeting, lang), place_and_dates(meeting, lang)) if line
        ),
        "title": title,
        "sections": (),
        "treaty_short": meeting.treaty.code,
        "subtitle": _submitted_by(meeting, lang),
    }


def build_agenda(
    meeting: Meeting, lang: str, *, symbol: str, issued_on: dt.date | None, original_language: str = "en"
) -> ReportDoc:
    """The provisional agenda in `lang`: the UN cover (symbol, distribution, date, original
    language, the meeting's name, place and dates), "Provisional agenda", and the items numbered
    1, 2, 3 ... with their sub-items (a), (b) under them. A title missing in `lang` falls back to
    another language (issuing refuses such an agenda: see check_ready)."""
    p = phrases(lang)
    blocks: list[Para | Table] = []
    for item, subs in agenda_of(meeting):
        blocks.append(Para(pick_text(item.title, lang), "numbered", str(item.number)))
        blocks.extend(Para(pick_text(sub.title, lang), "sub", sub_label(sub, lang)) for sub in subs)
    cover = _cover(
        meeting,
        lang,
        symbol=symbol,
        issued_on=issued_on,
        original_language=original_language,
        title=p["agenda_title"],
    )
    return ReportDoc(**cover, blocks=tuple(blocks))


def build_programme(
    meeting: Meeting, lang: str, *, symbol: str, issued_on: dt.date | None, original_language: str = "en"
) -> ReportDoc:
    """The provisional programme of work in `lang`: the UN cover, "Provisional programme of work",
    and one table by day and sitting: the day's date on its first line, the sitting's hours (or
    period) on the sitting's first line, then each entry: the agenda item's number and title, or
    the entry's own subject."""
    p = phrases(lang)
    rows: list[tuple[str, ...]] = []
    last_day = None
    for sitting in programme_of(meeting):
        entries = list(sitting.entries.all()) or [None]
        for i, entry in enumerate(entries):
            day = day_heading(sitting.date, lang) if sitting.date != last_day else ""
            last_day = sitting.date
            time = sitting_time(sitting, lang) if i == 0 else ""
            if entry is None:
                rows.append((day, time, "", ""))
            elif entry.agenda_item_id is not None:
                item = entry.agenda_item
                rows.append((day, time, item_label(item, lang), pick_text(item.title, lang)))
            else:
                rows.append((day, time, "", pick_text(entry.subject, lang)))
    cover = _cover(
        meeting,
        lang,
        symbol=symbol,
        issued_on=issued_on,
        original_language=original_language,
        title=p["programme_title"],
    )
    table = Table(tuple(p["programme_columns"]), tuple(rows))
    return ReportDoc(**cover, blocks=(table,) if rows else ())


BUILDERS = {"agenda": build_agenda, "programme": build_programme}


def _bytes(tree: ReportDoc, fmt: str) -> bytes:
    # FORMATS is read at call time: tests swap in a fast stand-in for the PDF.
    content = FORMATS[fmt][0](tree)
    return content.encode("utf-8") if isinstance(content, str) else content


def issued_document(meeting: Meeting, which: str) -> Document | None:
    """The meeting's issued provisional agenda or programme of work (the document itself, not a
    revision), or None."""
    generated, _number = _which(which)
    return Document.objects.filter(meeting=meeting, generated=generated, parent=None).first()


def current_document(meeting: Meeting, which: str) -> Document | None:
    """The latest issue of the agenda or programme: its last revision, else the document."""
    document = issued_document(meeting, which)
    if document is None:
        return None
    return Document.objects.filter(parent=document).order_by("-issued_on", "-id").first() or document


def render_preview(meeting: Meeting, which: str, lang: str, fmt: str, *, on: dt.date | None = None) -> bytes:
    """The document as it would be issued now, from the records as they are now, in `lang` and
    `fmt` (nothing is written): under its issued symbol, or the one it would take."""
    _generated, number = _which(which)
    if lang not in UN_LANGUAGES:
        raise DomainError(
            _("unknown language %(code)s: use one of %(languages)s"),
            code=repr(str(lang)[:20]),
            languages=", ".join(UN_LANGUAGES),
        )
    if fmt not in FORMATS:
        raise DomainError(
            _("unknown format %(format)s: use one of %(formats)s"),
            format=repr(str(fmt)[:20]),
            formats=", ".join(FORMATS),
        )
    issued = issued_document(meeting, which)
    symbol = issued.symbol if issued else f"{meeting.series}/{number}"
    return _bytes(BUILDERS[which](meeting, lang, symbol=symbol, issued_on=on), fmt)


class Problem(Place):
    """One thing that keeps an agenda document from being issued, read in the reader's language."""

    __slots__ = ()

    def __str__(self) -> str:
        return self.text(True)


def _languages(codes: list[str]) -> Listing:
    return Listing([term(LANGUAGE_NAMES_EN[code]) for code in codes])


def problems(meeting: Meeting, which: str) -> list[Problem]:
    """What keeps the document from being issued in the six languages, one line each (empty when
    it is ready): the meeting's dates and venue, an empty agenda or programme, a title or subject
    missing in a language, a sitting with nothing on it. Each reads in the language active when
    it is shown (`text(False)`: English)."""
    series = meeting.series
    found = []
    if not (meeting.start and meeting.end):
        found.append(Problem(_("%(series)s has no dates yet"), series=series))
    if not meeting.venue and not meeting.venues:
        found.append(Problem(_("%(series)s has no venue yet"), series=series))
    if which == "agenda":
        outline = agenda_of(meeting)
        if not outline:
            found.append(Problem(_("%(series)s has no agenda item yet"), series=series))
        for item, subs in outline:
            for row in (item, *subs):
                missing = meeting_agenda.missing_languages(row.title)
                if missing:
                    found.append(
                        Problem(
                            _("item %(item)s has no title in %(languages)s"),
                            item=row.label,
                            languages=_languages(missing),
                        )
                    )
    else:
        sittings = programme_of(meeting)
        if not sittings:
            found.append(Problem(_("%(series)s has no sitting on its programme of work yet"), series=series))
        for sitting in sittings:
            entries = list(sitting.entries.all())
            if not entries:
                found.append(
                    Problem(_("sitting %(number)s has nothing on its programme"), number=sitting.number)
                )
            for entry in entries:
                text = entry.agenda_item.title if entry.agenda_item_id else entry.subject
                missing = meeting_agenda.missing_languages(text)
                if not missing:
                    continue
                if entry.agenda_item_id:
                    found.append(
                        Problem(
                            _("sitting %(number)s: item %(item)s has no text in %(languages)s"),
                            number=sitting.number,
                            item=entry.agenda_item.label,
                            languages=_languages(missing),
                        )
                    )
                else:
                    found.append(
                        Problem(
                            _("sitting %(number)s: its subject has no text in %(languages)s"),
                            number=sitting.number,
                            languages=_languages(missing),
                        )
                    )
    return found


def check_ready(meeting: Meeting, which: str) -> None:
    found = problems(meeting, which)
    if found:
        shown: list[object] = list(found[:SHOWN])
        if len(found) > SHOWN:
            shown.append(Place(_("and %(count)s more"), count=len(found) - SHOWN))
        raise MeetingError(
            NOT_READY["agenda" if which == "agenda" else "programme"],
            series=meeting.series,
            problems=Listing(shown, sep=term(_("; "))),  # " ; " in French, "；" in Chinese
        )


def _titles(which: str) -> dict[str, str]:
    key = "agenda_title" if which == "agenda" else "programme_title"
    return {lang: phrases(lang)[key] for lang in UN_LANGUAGES}


def _store(meeting: Meeting, which: str, document: Document, *, original_language: str) -> list[IssuedFile]:
    rows = []
    for lang in UN_LANGUAGES:
        tree = BUILDERS[which](
            meeting,
            lang,
            symbol=document.symbol,
            issued_on=document.issued_on,
            original_language=original_language,
        )
        for fmt in ISSUED_FORMATS:
            rows.append(store_issued_file(document, lang=lang, fmt=fmt, data=_bytes(tree, fmt)))
    return rows


def _content(meeting: Meeting, which: str) -> Any:
    """What the document was issued from, as the audit trail keeps it."""
    if which == "agenda":
        return [
            {"item": row.label, "title": dict(row.title)}
            for item, subs in agenda_of(meeting)
            for row in (item, *subs)
        ]
    return [
        {
            "sitting": s.number,
            "date": s.date.isoformat(),
            "period": s.period,
            "entries": [
                e.agenda_item.label if e.agenda_item_id else dict(e.subject) for e in s.entries.all()
            ],
        }
        for s in programme_of(meeting)
    ]


def issue_agenda_document(
    meeting: Meeting,
    which: str = "agenda",
    *,
    symbol: str | None = None,
    on: dt.date,
    by: Actor,
    original_language: str = "en",
) -> Document:
    """Issue the provisional agenda (which="agenda", <series>/1) or the provisional programme of
    work (which="programme", <series>/2) of the meeting, dated `on`.

    Guarantees: staff only; once per meeting (a second issue is Frozen: a correction goes out as a
    revision, revise_agenda_document); the symbol is <series>/1 or /2, or the one given, an
    official symbol of the meeting's series that is free (documents.numbering.claim_symbol, under
    the meeting's lock); every title and subject is given in the six languages and the meeting has
    its dates and venue (else DomainError naming what is missing); the document (generated
    "agenda" or "programme") and its 24 files (six languages: txt, html, docx, pdf), each with its
    SHA-256, are written in one transaction: a failure leaves neither document nor file.
    From then on the document changes only by a revision: a later change of the agenda or
    programme does not touch its files.
    """
    permissions.require_staff(by, _("issues the provisional agenda and programme of work"))
    generated, number = _which(which)
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise DomainError(_("the date of issue is a date (YYYY-MM-DD)"))
    if original_language not in UN_LANGUAGES:
        raise DomainError(
            _("%(value)s is not one of the UN languages"), value=repr(str(original_language)[:20])
        )
    with atomic_files():
        # The meeting's row lock first: two issues of one meeting follow each other.
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        existing = issued_document(meeting, which)
        if existing is not None:
            if existing.issued_on:
                raise Frozen(
                    ISSUED_ON[which],
                    series=meeting.series,
                    symbol=existing.symbol,
                    date=existing.issued_on,
                )
            raise Frozen(
                ISSUED[which],
                series=meeting.series,
                symbol=existing.symbol,
            )
        final = numbering.claim_symbol(
            meeting, symbol if symbol is not None else f"{meeting.series}/{number}"
        )
        check_ready(meeting, which)
        document = record_document(
            meeting,
            by=by,
            symbol=final,
            title=_titles(which),
            original_language=original_language,
            versions=[{"lang": lang} for lang in UN_LANGUAGES],
            secretariat=True,
            issued_on=on,
            generated=generated,
        )
        rows = _store(meeting, which, document, original_language=original_language)
        log_action(
            by,
            f"{which}.issue",
            document,
            after={
                "symbol": document.symbol,
                "on": on.isoformat(),
                "from": _content(meeting, which),
                "files": {f"{r.lang}.{r.fmt}": r.sha256 for r in rows},
            },
        )
    return document


def revise_agenda_document(meeting: Meeting, which: str = "agenda", *, by: Actor) -> Document:
    """Issue a revision of the issued provisional agenda or programme of work (…/1/Rev.1, then
    Rev.2), rendered from the agenda or programme as it is now and dated today; the issued
    document itself does not change.

    Guarantees: staff only; the document is issued; the next free Rev. number
    (documents.domain.record_modifier); the checks of issue_agenda_document; the revision and its
    24 files with their SHA-256 in one transaction.
    """
    permissions.require_staff(by, _("issues the provisional agenda and programme of work"))
    _which(which)
    parent = issued_document(meeting, which)
    if parent is None:
        raise DomainError(NOT_ISSUED[which], series=meeting.series)
    with atomic_files():
        check_ready(meeting, which)
        revision = record_modifier(parent, kind="Rev", languages=list(UN_LANGUAGES), by=by)
        rows = _store(meeting, which, revision, original_language=parent.original_language)
        log_action(
            by,
            f"{which}.revise",
            revision,
            after={
                "parent": parent.symbol,
                "symbol": revision.symbol,
                "from": _content(meeting, which),
                "files": {f"{r.lang}.{r.fmt}": r.sha256 for r in rows},
            },
        )
    return revision


# -- the adoption ----------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".。")


def adoption_item(meeting: Meeting) -> AgendaItem | None:
    """The item "Adoption of the agenda" (in any UN language), when the agenda has one."""
    names = {_plain(t) for lang in UN_LANGUAGES for t in phrases(lang)["adoption_item"]}
    for item, _subs in agenda_of(meeting):
        if any(_plain(t) in names for t in (item.title or {}).values()):
            return item
    return None


def adoption_text(meeting: Meeting, *, orally_amended: bool, symbol: str | None) -> dict[str, str]:
    """The decision's text per language, as reports word it: "The Meeting adopted its agenda
    (BWC/MSP/2026/1), as orally amended."."""
    texts = {}
    for lang in UN_LANGUAGES:
        p = phrases(lang)
        table = p["adoption_amended" if orally_amended else "adoption"]
        ref = str(p["ref"]).format(symbol=symbol) if symbol else ""
        texts[lang] = str(table.get(meeting.kind) or table["default"]).format(ref=ref)
    return texts


def adopt_agenda(meeting: Meeting, *, on: dt.date, orally_amended: bool = False, by: Actor) -> Decision:
    """The meeting adopts its agenda on `on` (as orally amended, or not): a decision of the meeting
    (key "agenda"), its text in the six languages as reports word it, citing the provisional agenda
    as last issued (its latest revision) when there is one, filed under the item "Adoption of the
    agenda" when the agenda has one.

    Guarantees: staff only; the meeting has an agenda; `on` is a day of the meeting; once (a second
    adoption is Frozen); from then on the agenda is frozen (plenary.meetings.agenda: it changes
    only by an amendment, audited). All or nothing.
    """
    permissions.require_staff(by, _("records the adoption of the agenda"))
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise DomainError(_("the day of the adoption is a date (YYYY-MM-DD)"))
    with transaction.atomic():
        Meeting.objects.select_for_update().get(pk=meeting.pk)
        adopted = meeting_agenda.adopted_on(meeting)
        if adopted is not None:
            raise Frozen(
                _("the agenda of %(series)s was adopted on %(date)s: it is not adopted again"),
                series=meeting.series,
                date=adopted,
            )
        if not agenda_of(meeting):
            raise DomainError(
                _("%(series)s has no agenda to adopt: set its items first"), series=meeting.series
            )
        document = current_document(meeting, "agenda")
        texts = adoption_text(
            meeting, orally_amended=orally_amended, symbol=document.symbol if document else None
        )
        item = adoption_item(meeting)
        pending = Decision.objects.filter(meeting=meeting, key=meeting_agenda.ADOPTION_KEY).first()
        if pending is not None:  # recorded beforehand without its date: it is taken now
            update_decision(pending, text=texts, adopted_on=on, agenda_item=item, by=by)
            decision = pending
        else:
            decision = record_decision(
                meeting,
                key=meeting_agenda.ADOPTION_KEY,
                text=texts,
                adopted_on=on,
                agenda_item=item,
                by=by,
            )
        log_action(
            by,
            "agenda.adopt",
            meeting,
            after={
                "on": on.isoformat(),
                "orally_amended": bool(orally_amended),
                "document": document.symbol if document else None,
                "agenda_item": item.label if item else None,
                "decision": decision.pk,
            },
        )
    return decision
