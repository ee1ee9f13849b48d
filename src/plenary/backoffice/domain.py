"""Domain functions of the secretariat's back office that no existing app holds yet.

They belong with their models (plan_year in meetings, record_decision and record_reservation in
proceedings, record_participants_list in participation) and live here until those apps take
them. Like every domain function they validate first, write inside one transaction, write the
audit entry, and raise DomainError with a message for the user who broke a rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Max

from plenary.core.audit import log_action
from plenary.core.errors import DomainError
from plenary.core.languages import UN_LANGUAGES
from plenary.documents.domain import record_document
from plenary.documents.models import Document, LanguageVersion
from plenary.documents.symbols import file_stem, format_symbol, parse
from plenary.documents.uploads import check_upload
from plenary.meetings.domain import save_meeting
from plenary.meetings.models import Meeting
from plenary.meetings.programme import ProgrammeRules, Violation, check_programme
from plenary.participation.models import Delegation
from plenary.proceedings.models import Decision, Reservation
from plenary.treaties.models import State, Treaty


class ProgrammeRejected(DomainError):
    """A proposed year of the programme breaks the treaty's rules; `violations` lists each."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        super().__init__(f"the proposal breaks {len(violations)} rule(s) of the programme")


def programme_rules(treaty: Treaty) -> ProgrammeRules:
    return ProgrammeRules.from_profile(treaty.profile)


def year_proposal(
    treaty: Treaty,
    year: int,
    dates: Mapping[str, tuple[dt.date, dt.date]],
    chair_groups: Mapping[str, str],
) -> dict:
    """The proposal, in the format `check_programme` reads, for one year of the programme."""
    rules = programme_rules(treaty)
    meetings = []
    for meeting in rules.meetings:
        entry: dict = {"code": meeting.code, "chair_group": chair_groups.get(meeting.code) or None}
        if meeting.code in dates:
            entry["start"], entry["end"] = dates[meeting.code]
        meetings.append(entry)
    return {"treaty": treaty.code, "years": [{"year": year, "meetings": meetings}]}


def plan_year(
    treaty: Treaty,
    year: int,
    dates: Mapping[str, tuple[dt.date, dt.date]],
    chair_groups: Mapping[str, str],
    *,
    by: str,
    venue: str = "Geneva",
    via: str = "page",
) -> list[Meeting]:
    """Create the meetings of one year of the intersessional programme, status planned.

    `dates` maps each meeting code (MX1 ... MX5, MSP) to its (start, end); `chair_groups` maps
    each code to the group that chairs it. Guarantees: nothing is created unless the proposal
    keeps every rule of the treaty's programme (ProgrammeRejected lists every violation); a year
    is planned once (its meetings must not exist yet); all meetings or none are created.
    """
    violations = check_programme(year_proposal(treaty, year, dates, chair_groups), programme_rules(treaty))
    if violations:
        raise ProgrammeRejected(violations)
    rules = programme_rules(treaty)
    series = {m.code: rules.series_of(m, year) for m in rules.meetings}
    existing = sorted(Meeting.objects.filter(series__in=series.values()).values_list("series", flat=True))
    if existing:
        raise DomainError(f"{year} is already planned: {', '.join(existing)} exist(s)")
    created: list[Meeting] = []
    with transaction.atomic():
        for m in rules.meetings:
            start, end = dates[m.code]
            meeting, _ = save_meeting(
                treaty,
                series[m.code],
                by=by,
                kind=m.kind,
                number=m.number,
                year=year,
                start=start,
                end=end,
                days=m.days,
                venue=venue,
                status=Meeting.Status.PLANNED,
            )
            created.append(meeting)
        log_action(
            by,
            "programme.plan_year",
            object_type="programme",
            object_id=f"{treaty.code}/{year}",
            after={
                code: {
                    "series": series[code],
                    "start": dates[code][0].isoformat(),
                    "end": dates[code][1].isoformat(),
                    "chair_group": chair_groups[code],
                }
                for code in series
            },
            via=via,
        )
    return created


def _texts(text: Mapping[str, str], where: str) -> dict[str, str]:
    cleaned = {lang: (value or "").strip() for lang, value in text.items() if (value or "").strip()}
    unknown = sorted(set(cleaned) - set(UN_LANGUAGES))
    if unknown:
        raise DomainError(f"{where}: unknown language(s) {', '.join(unknown)}; use {', '.join(UN_LANGUAGES)}")
    if not cleaned:
        raise DomainError(f"{where}: the text is empty")
    return {lang: cleaned[lang] for lang in UN_LANGUAGES if lang in cleaned}


def record_decision(
    meeting: Meeting,
    *,
    key: str,
    text: Mapping[str, str],
    adopted_on: dt.date | None,
    method: str = Decision.Method.CONSENSUS,
    by: str,
    via: str = "page",
) -> Decision:
    """Record a decision of the meeting, in the language it was adopted in and any translations.

    Guarantees: the key is a slug, once per meeting; the text is given in at least one UN
    language; the method is known; the decision was adopted on a day of the meeting (when the
    meeting's dates are known); it is listed after the meeting's other decisions.
    """
    where = f"{meeting.series}: decision {key!r}"
    try:
        validate_slug(key or "")
    except ValidationError:
        raise DomainError(
            f"{where}: the key must be letters, digits, hyphens or underscores (e.g. dates-of-msp)"
        ) from None
    if len(key) > 60:
        raise DomainError(f"{where}: the key is longer than 60 characters")
    if method not in Decision.Method.values:
        raise DomainError(f"{where}: method must be one of {', '.join(Decision.Method.values)}")
    texts = _texts(text, where)
    if adopted_on and meeting.start and meeting.end and not meeting.start <= adopted_on <= meeting.end:
        raise DomainError(
            f"{where}: {adopted_on} is not a day of the meeting ({meeting.start} to {meeting.end})"
        )
    with transaction.atomic():
        if Decision.objects.filter(meeting=meeting, key=key).exists():
            raise DomainError(f"{meeting.series} already has a decision {key!r}")
        last = Decision.objects.filter(meeting=meeting).aggregate(n=Max("position"))["n"]
        decision = Decision.objects.create(
            meeting=meeting,
            key=key,
            position=0 if last is None else last + 1,
            text=texts,
            adopted_on=adopted_on,
            method=method,
        )
        log_action(
            by,
            "decision.record",
            decision,
            after={
                "meeting": meeting.series,
                "key": key,
                "text": texts,
                "adopted_on": adopted_on.isoformat() if adopted_on else None,
                "method": method,
            },
            via=via,
        )
    return decision


def record_reservation(
    meeting: Meeting,
    *,
    applies_to: str,
    state: State | None,
    text: Mapping[str, str],
    by: str,
    via: str = "page",
) -> Reservation:
    """Record a delegation's reservation, printed as a footnote where it applies.

    `state` None records it as "one delegation". Guarantees: it applies to something (a report
    paragraph or a decision key); a named State had a registered delegation at the meeting; the
    text is given in at least one UN language; it is listed after the meeting's other reservations.
    """
    applies_to = (applies_to or "").strip()
    where = f"{meeting.series}: reservation"
    if not applies_to:
        raise DomainError(f"{where}: say what it applies to (a report paragraph or a decision key)")
    if len(applies_to) > 60:
        raise DomainError(f"{where}: 'applies to' is longer than 60 characters")
    texts = _texts(text, where)
    if (
        state is not None
        and not Delegation.objects.filter(
            meeting=meeting, state=state, status=Delegation.Status.REGISTERED
        ).exists()
    ):
        raise DomainError(f"{where}: {state.code} has no registered delegation at {meeting.series}")
    with transaction.atomic():
        last = Reservation.objects.filter(meeting=meeting).aggregate(n=Max("position"))["n"]
        reservation = Reservation.objects.create(
            meeting=meeting,
            applies_to=applies_to,
            state=state,
            text=texts,
            position=0 if last is None else last + 1,
        )
        log_action(
            by,
            "reservation.record",
            reservation,
            after={
                "meeting": meeting.series,
                "applies_to": applies_to,
                "state": state.code if state else None,
                "text": texts,
            },
            via=via,
        )
    return reservation


# The two lists of participants (UN practice): the provisional list, a miscellaneous document
# revised as delegations arrive, and the final list, an information document issued once.
LIST_KINDS = ("MISC", "INF")
LIST_TITLES = {
    "MISC": {
        "ar": "قائمة مؤقتة بأسماء المشاركين",
        "zh": "与会者临时名单",
        "en": "Provisional list of participants",
        "fr": "Liste provisoire des participants",
        "ru": "Предварительный список участников",
        "es": "Lista provisional de participantes",
    },
    "INF": {
        "ar": "قائمة المشاركين",
        "zh": "与会者名单",
        "en": "List of participants",
        "fr": "Liste des participants",
        "ru": "Список участников",
        "es": "Lista de participantes",
    },
}


def next_list_symbol(meeting: Meeting, kind: str) -> str:
    """The symbol the next list of participants of `kind` takes: MISC.1, then MISC.1/Rev.1, ...
    INF.1 once (DomainError the second time)."""
    if kind not in LIST_KINDS:
        raise DomainError(f"a list of participants is MISC (provisional) or INF (final), not {kind!r}")
    base = f"{meeting.series}/{kind}.1"
    if kind == "INF":
        if Document.objects.filter(symbol=base).exists():
            raise DomainError(
                f"{base}, the final list of participants, is already recorded: it is issued once; "
                "correct it by a corrigendum"
            )
        return base
    if not Document.objects.filter(symbol=base).exists():
        return base
    revisions = Document.objects.filter(symbol__startswith=f"{base}/Rev.").values_list("symbol", flat=True)
    numbers = [int(s.rsplit(".", 1)[1]) for s in revisions if s.rsplit(".", 1)[1].isdigit()]
    return f"{base}/Rev.{max(numbers, default=0) + 1}"


def record_participants_list(
    meeting: Meeting, *, kind: str, lang: str, by: str, on: dt.date | None = None, via: str = "page"
) -> Document:
    """Record the meeting's provisional (MISC) or final (INF) list of participants as a document.

    Guarantees: a provisional list is MISC.1, and each new one a revision (MISC.1/Rev.1, Rev.2
    ...); the final list INF.1 is recorded once; a list is recorded only when the meeting has a
    registered delegation to list.
    """
    if lang not in UN_LANGUAGES:
        raise DomainError(f"unknown language {lang!r}: use one of {', '.join(UN_LANGUAGES)}")
    symbol = next_list_symbol(meeting, kind)
    if not Delegation.objects.filter(meeting=meeting, status=Delegation.Status.REGISTERED).exists():
        raise DomainError(f"{meeting.series} has no registered delegation: there is no one to list yet")
    with transaction.atomic():
        document = record_document(
            meeting,
            by=by,
            symbol=symbol,
            title=LIST_TITLES[kind],
            original_language=lang,
            secretariat=True,
            issued_on=on or dt.date.today(),
        )
        log_action(
            by, "participants.list", document, after={"symbol": symbol, "kind": kind, "lang": lang}, via=via
        )
    return document


# --- documents: language versions, corrigenda and revisions ------------------------------------

MODIFIERS = ("Corr", "Rev")


def _checked_upload(upload) -> tuple[bytes, str]:
    """The upload's bytes and extension, checked as the portal checks papers (size, type, content)."""
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        raise DomainError(
            f"the file is {upload.size:,} bytes; at most {settings.UPLOAD_MAX_BYTES:,} bytes are accepted"
        )
    data = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    return data, check_upload(upload.name, data)


def add_language_version(
    document: Document, *, lang: str, upload, kind: str = "official", by: str, via: str = "page"
) -> LanguageVersion:
    """Put a language version's file on a document (translations often come after the original).

    Guarantees: a UN language; the file is checked; a version that already has a file is not
    replaced (an issued text changes only by Corr. or Rev.); stored under the UN file name.
    """
    if lang not in UN_LANGUAGES:
        raise DomainError(f"{lang!r} is not one of the UN languages")
    if kind not in LanguageVersion.Kind.values:
        raise DomainError(f"unknown kind {kind!r}")
    data, ext = _checked_upload(upload)
    with transaction.atomic():
        version, _ = LanguageVersion.objects.get_or_create(
            document=document, lang=lang, defaults={"kind": kind}
        )
        if version.file:
            raise DomainError(
                f"{document.symbol} already has its {lang} version on file; a change comes as a corrigendum or revision"
            )
        version.kind = kind
        version.file.save(f"{file_stem(document.symbol, lang)}{ext}", ContentFile(data), save=True)
        log_action(
            by,
            "document.version",
            document,
            after={"lang": lang, "kind": kind, "file": version.file.name},
            via=via,
        )
    return version


def next_modifier_symbol(parent: Document, kind: str) -> str:
    """The next free corrigendum or revision of a document: WP.13/Corr.1, then /Corr.2 ..."""
    if kind not in MODIFIERS:
        raise DomainError(f"a document is changed by Corr. or Rev., not {kind!r}")
    taken = [
        parse(symbol).modifiers[-1].number
        for symbol in Document.objects.filter(parent=parent).values_list("symbol", flat=True)
        if parse(symbol).modifiers and parse(symbol).modifiers[-1].kind == kind
    ]
    return format_symbol(
        parent.series,
        parent.doc_type or None,
        parent.number,
        (*parse(parent.symbol).modifiers, (kind, max(taken, default=0) + 1)),
    )


def issue_modifier(
    parent: Document, *, kind: str, files: dict, title: dict | None = None, by: str, via: str = "page"
) -> Document:
    """Issue a corrigendum or a revision of `parent` with its language versions' files.

    Guarantees: the next free Corr./Rev. number; linked to its parent; the parent's submitters,
    co-sponsors and group carried over; at least one file, each checked; all or nothing.
    """
    if parent.status != Document.Status.ISSUED:
        raise DomainError(f"{parent.symbol} is not issued yet: change the draft instead")
    if not files:
        raise DomainError("a corrigendum or revision needs the file of at least one language version")
    checked = {lang: _checked_upload(upload) for lang, upload in files.items()}
    for lang in checked:
        if lang not in UN_LANGUAGES:
            raise DomainError(f"{lang!r} is not one of the UN languages")
    sponsors = list(parent.sponsorships.select_related("state", "organization").order_by("role", "position"))

    def who(role: str) -> list:
        return [s.state or s.organization for s in sponsors if s.role == role and not s.secretariat]

    with transaction.atomic():
        symbol = next_modifier_symbol(parent, kind)
        document = record_document(
            parent.meeting,
            symbol=symbol,
            title=title or dict(parent.title),
            original_language=parent.original_language,
            versions=[{"lang": lang} for lang in checked],
            submitters=who("submitter"),
            co_sponsors=who("co_sponsor"),
            secretariat=any(s.secretariat for s in sponsors),
            on_behalf_of=parent.on_behalf_of,
            submitted_by_text=parent.submitted_by_text,
            issued_on=dt.date.today(),
            by=by,
            via=via,
        )
        for version in document.versions.all():
            data, ext = checked[version.lang]
            version.file.save(f"{file_stem(symbol, version.lang)}{ext}", ContentFile(data), save=True)
        log_action(
            by,
            "document.modifier",
            document,
            after={"parent": parent.symbol, "symbol": symbol, "languages": sorted(checked)},
            via=via,
        )
    return document
