"""The only writers of cost estimates: the dated rates, estimates of a meeting or of a year's
programme under an option, the parts of each meeting, options derived from another (the five and
ten days more of BWC/MSP/2017/6 para. 21), and the issue of the cost-estimates document.

Every function takes who acts as `by`, checks that it is the secretariat
(`permissions.can_prepare_cost_estimates`), validates, writes inside one transaction and audits.
The lines of an estimate are computed by `costing.cost` (pure) from its meetings' parts and the
rates valid on its `rates_on` date, and stored with the rate row each used, after every change; an
estimate that needs a rate not on record is refused, with nothing written. Issued means frozen: an
issued estimate, its lines and the rates they used no longer change.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from plenary.accounts import permissions
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen, NotAllowed, passed_on, term
from plenary.core.languages import UN_LANGUAGES
from plenary.documents import numbering
from plenary.documents.domain import issue_document
from plenary.documents.files import atomic_files
from plenary.documents.models import Document
from plenary.documents.symbols import file_stem
from plenary.finance import costing, estimate_queries, money
from plenary.finance.models import CostEstimate, CostItem, CostLine, CostRate
from plenary.meetings.models import Meeting
from plenary.meetings.programme import working_days

RATES_FILE = Path(__file__).resolve().parent / "data" / "cost_rates.csv"
MIN_YEAR, MAX_YEAR = 1975, 2100  # the Convention entered into force in 1975
MAX_OPTIONS = 6
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# -- checks ---------------------------------------------------------------------------------------


def _require(by: Actor, what: str) -> None:
    if not permissions.can_prepare_cost_estimates(by):
        raise NotAllowed(_("only the secretariat %(what)s"), what=term(what))


def _costing(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except (costing.CostingError, money.MoneyError) as exc:
        raise passed_on(DomainError, exc) from None


def _text(value: object, what: str, *, max_length: int, required: bool = True, lines: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(what)s must be text"), what=term(what))
    allowed = "\n\t" if lines else ""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in allowed for ch in value):
        raise DomainError(_("%(what)s contains control characters"), what=term(what))
    text = value.strip() if lines else " ".join(value.split())
    if required and not text:
        raise DomainError(_("%(what)s is missing"), what=term(what))
    if len(text) > max_length:
        raise DomainError(
            _("%(what)s is too long (at most %(max_length)s characters)"),
            what=term(what),
            max_length=max_length,
        )
    return text


def _title(value: object) -> dict[str, str]:
    """A title per UN language, English required; a plain string is the English title."""
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, Mapping):
        raise DomainError(_("the title must be text, or a text per UN language"))
    unknown = sorted(str(k)[:10] for k in value if k not in UN_LANGUAGES)
    if unknown:
        raise DomainError(_("%(codes)s is not one of the UN languages"), codes=", ".join(unknown))
    title = {}
    for lang in UN_LANGUAGES:
        text = _text(value.get(lang), f"the title ({lang})", max_length=300, required=lang == "en")
        if text:
            title[lang] = text
    return title


def _option(value: object) -> str:
    option = _text(value, _("the option"), max_length=40, required=False)
    if option and not all(ch.isalnum() or ch in " +-." for ch in option):
        raise DomainError(
            _("an option is named by letters, digits, spaces, '+', '-' or '.' (such as A or +5)")
        )
    return option


def _year(value: object) -> int:
    try:
        return costing.count(value, _("the year"), low=MIN_YEAR, high=MAX_YEAR)
    except costing.CostingError as exc:
        raise passed_on(DomainError, exc) from None


def _date(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DomainError(_("%(what)s must be a date (YYYY-MM-DD)"), what=term(what))


def _draft(estimate: CostEstimate) -> CostEstimate:
    """The estimate locked for the change, or Frozen if it has been issued."""
    locked = (
        CostEstimate.objects.select_for_update(of=("self",)).select_related("document").get(pk=estimate.pk)
    )
    if locked.issued:
        symbol = locked.document.symbol if locked.document_id else ""
        raise Frozen(
            _(
                "the estimate is issued as %(symbol)s: issued means frozen; "
                "a change comes as a new estimate, issued as a corrigendum or revision"
            ),
            symbol=symbol,
        )
    return locked


# -- snapshots for the audit trail ----------------------------------------------------------------


def _rate_snapshot(rate: CostRate) -> dict[str, Any]:
    return {
        "code": rate.code,
        "amount": str(rate.amount),
        "valid_from": rate.valid_from.isoformat(),
        "valid_to": rate.valid_to.isoformat() if rate.valid_to else None,
        "source": rate.source,
        "example": rate.example,
    }


def _item_snapshot(item: CostItem) -> dict[str, Any]:
    return {
        "label": item.label,
        "meeting": item.meeting.series if item.meeting_id else None,
        "days": item.days,
        "pages_before": item.pages_before,
        "pages_during": item.pages_during,
        "pages_after": item.pages_after,
        "languages": item.languages,
        "interpretation": item.interpretation,
    }


def _estimate_snapshot(estimate: CostEstimate) -> dict[str, Any]:
    """What the audit trail keeps of an estimate: its fields, its meetings' parts and its totals."""
    return {
        "year": estimate.year,
        "option": estimate.option,
        "title": dict(estimate.title),
        "basis": estimate.basis,
        "rates_on": estimate.rates_on.isoformat(),
        "isu_posts": str(estimate.isu_posts),
        "isu_months": estimate.isu_months,
        "status": estimate.status,
        "items": [
            _item_snapshot(i) for i in estimate.items.select_related("meeting").order_by("position", "pk")
        ],
        "subtotal": str(estimate.subtotal),
        "support": str(estimate.support),
        "total": str(estimate.total),
        "document": estimate.document.symbol if estimate.document_id else None,
    }


# -- the lines --------------------------------------------------------------------------------------


def _recompute(estimate: CostEstimate) -> costing.Costing:
    """Compute the estimate's lines from its items and the rates on record, and store them (the
    lines replaced whole, the totals on the estimate). DomainError, before anything is written,
    when a rate is missing."""
    rows = list(CostRate.objects.all())
    by_key = {(r.code, r.valid_from): r for r in rows}
    items = list(estimate.items.order_by("position", "pk"))
    result = _costing(
        costing.cost,
        [i.as_parts() for i in items],
        [r.as_rate() for r in rows],
        estimate.rates_on,
        isu_posts=estimate.isu_posts,
        isu_months=estimate.isu_months,
    )
    item_of = {i.label: i for i in items}
    estimate.lines.all().delete()
    lines = [*result.lines, result.support]
    CostLine.objects.bulk_create(
        [
            CostLine(
                estimate=estimate,
                item=item_of.get(line.label) if line.section == "meeting" else None,
                position=n,
                section=line.section,
                label=line.label,
                code=line.code,
                quantity=line.quantity,
                rate=by_key[(line.rate.code, line.rate.valid_from)],
                rate_amount=line.rate.amount,
                amount=line.amount,
            )
            for n, line in enumerate(lines, start=1)
        ]
    )
    estimate.subtotal, estimate.support, estimate.total = result.subtotal, result.support.amount, result.total
    estimate.save(update_fields=["subtotal", "support", "total", "updated_at"])
    return result


# -- rates ------------------------------------------------------------------------------------------


def _rate_values(code, amount, valid_from, valid_to, source, example) -> dict[str, Any]:
    if code not in costing.RATE_CODES:
        raise DomainError(
            _("%(code)s is not a cost rate (one of %(codes)s)"),
            code=repr(str(code)[:40]),
            codes=", ".join(costing.RATE_CODES),
        )
    if not isinstance(example, bool):
        raise DomainError(_("example is yes or no"))
    values = {
        "code": code,
        "amount": _costing(money.amount, amount, f"the rate {code}"),
        "valid_from": _date(valid_from, _("the first day of the rate")),
        "valid_to": None if valid_to in (None, "") else _date(valid_to, _("the last day of the rate")),
        "source": _text(source, _("the source"), max_length=400, required=False),
        "example": example,
    }
    _costing(costing.check_rate, costing.Rate(**values))
    return values


def record_cost_rate(
    *,
    code: str,
    amount: object,
    valid_from: object,
    valid_to: object = None,
    source: str = "",
    example: bool = False,
    by: Actor,
) -> CostRate:
    """Record a dated rate. Guarantees: staff only; a known code; an amount to the cent, not
    negative, below a billion (a percentage at most 100); a source or the example mark; one rate
    of a code starting on a day (a second is refused: rates are dated facts, a new one starts on
    a new day); audited."""
    _require(by, _("records cost rates"))
    values = _rate_values(code, amount, valid_from, valid_to, source, example)
    with transaction.atomic():
        if CostRate.objects.filter(code=code, valid_from=values["valid_from"]).exists():
            raise Frozen(
                _("a rate %(code)s from %(day)s is already recorded: a new rate starts on another day"),
                code=code,
                day=values["valid_from"].isoformat(),
            )
        rate = CostRate.objects.create(**values)
        log_action(by, "cost_rate.record", rate, after=_rate_snapshot(rate))
    return rate


def load_cost_rates(*, by: Actor, path: Path | None = None) -> dict[str, int]:
    """Load the rates of `data/cost_rates.csv` (or `path`). Safe to run twice: a rate already
    recorded as in the file is left alone; one recorded otherwise is updated only if no issued
    estimate used it (Frozen otherwise, nothing written). Audited, one entry per rate written."""
    _require(by, _("loads cost rates"))
    text = (path or RATES_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader(
        io.StringIO("".join(line for line in text.splitlines(True) if not line.startswith("#")))
    )
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for row in rows:
            values = _rate_values(
                row["code"].strip(),
                row["amount"],
                row["valid_from"],
                row["valid_to"],
                row["source"],
                row["example"].strip().lower() == "yes",
            )
            found = CostRate.objects.filter(code=values["code"], valid_from=values["valid_from"]).first()
            if found is None:
                rate = CostRate.objects.create(**values)
                log_action(by, "cost_rate.record", rate, after=_rate_snapshot(rate))
                counts["added"] += 1
                continue
            before = _rate_snapshot(found)
            if all(getattr(found, k) == v for k, v in values.items()):
                counts["unchanged"] += 1
                continue
            if found.lines.filter(estimate__status=CostEstimate.Status.ISSUED).exists():
                raise Frozen(
                    _(
                        "the rate %(code)s from %(day)s is used by an issued "
                        "estimate: record a new rate from another day instead"
                    ),
                    code=found.code,
                    day=found.valid_from,
                )
            for key, value in values.items():
                setattr(found, key, value)
            found.save()
            log_action(by, "cost_rate.update", found, before=before, after=_rate_snapshot(found))
            counts["updated"] += 1
    return counts


# -- estimates --------------------------------------------------------------------------------------


def create_estimate(
    *,
    year: object,
    title: object,
    option: object = "",
    basis: object = "",
    rates_on: object = None,
    isu_posts: object = 0,
    isu_months: object = 0,
    by: Actor,
) -> CostEstimate:
    """A new draft estimate of the meetings of `year` under `option`, at the rates valid on
    `rates_on` (1 January of the year when not given), with the ISU's posts and months.
    Guarantees: staff only; every input checked; the programme support rate (and the ISU's rates
    when it has posts and months) on record for that date, or nothing is written; audited."""
    _require(by, _("prepares cost estimates"))
    the_year = _year(year)
    values = {
        "year": the_year,
        "title": _title(title),
        "option": _option(option),
        "basis": _text(basis, _("the basis"), max_length=2000, required=False, lines=True),
        "rates_on": dt.date(the_year, 1, 1)
        if rates_on in (None, "")
        else _date(rates_on, _("the rates' date")),
        "isu_posts": _costing(costing.decimal_quantity, isu_posts, "the ISU's posts", high=costing.MAX_POSTS),
        "isu_months": _costing(costing.count, isu_months, "the ISU's months", high=costing.MAX_MONTHS),
    }
    with transaction.atomic():
        user = by.user if by.user is not None and by.user.is_authenticated else None
        estimate = CostEstimate.objects.create(**values, created_by=user)
        _recompute(estimate)
        log_action(by, "cost_estimate.create", estimate, after=_estimate_snapshot(estimate))
    return estimate


EDITABLE = ("title", "option", "basis", "rates_on", "isu_posts", "isu_months")


def update_estimate(estimate: CostEstimate, *, by: Actor, **values: object) -> CostEstimate:
    """Change a draft's title, option, basis, rates' date or the ISU's posts and months, and
    recompute its lines. Guarantees: staff only; a draft only (Frozen once issued); the values
    checked; nothing written if a rate is then missing; audited with before and after."""
    _require(by, _("edits cost estimates"))
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise DomainError(_("%(fields)s cannot be changed on an estimate"), fields=", ".join(unknown))
    checks = {
        "title": _title,
        "option": _option,
        "basis": lambda v: _text(v, _("the basis"), max_length=2000, required=False, lines=True),
        "rates_on": lambda v: _date(v, _("the rates' date")),
        "isu_posts": lambda v: _costing(
            costing.decimal_quantity, v, "the ISU's posts", high=costing.MAX_POSTS
        ),
        "isu_months": lambda v: _costing(costing.count, v, "the ISU's months", high=costing.MAX_MONTHS),
    }
    cleaned = {key: checks[key](value) for key, value in values.items()}
    with transaction.atomic():
        locked = _draft(estimate)
        before = _estimate_snapshot(locked)
        for key, value in cleaned.items():
            setattr(locked, key, value)
        locked.save()
        _recompute(locked)
        log_action(by, "cost_estimate.update", locked, before=before, after=_estimate_snapshot(locked))
    return locked


def _meeting_days(meeting: Meeting) -> int:
    """A meeting's days: as recorded, or its working days from start to end (0 when undated)."""
    if meeting.days is not None:
        return meeting.days
    if meeting.start and meeting.end:
        return working_days(meeting.start, meeting.end)
    return 0


def set_meeting_costs(
    estimate: CostEstimate,
    *,
    meeting: Meeting | None = None,
    label: object = "",
    days: object,
    pages_before: object = 0,
    pages_during: object = 0,
    pages_after: object = 0,
    languages: object = costing.LANGUAGES,
    interpretation: object = True,
    by: Actor,
) -> CostItem:
    """Enter (or change) a meeting's parts in a draft: its days, interpretation, the pages of its
    documents before, during and after it and their languages. The meeting is one of the
    estimate's year (its series is the label), or a meeting not yet planned, named by `label`.
    Guarantees: staff only; a draft only; whole numbers within bounds (days 0-60, pages
    0-100,000, languages 1-6); the lines recomputed, nothing written if a rate is missing; audited."""
    _require(by, _("edits cost estimates"))
    if meeting is not None and not isinstance(meeting, Meeting):
        raise DomainError(_("the meeting must be a meeting on record"))
    name = meeting.series if meeting is not None else _text(label, _("the meeting's name"), max_length=100)
    parts = _costing(
        costing.MeetingParts.of,
        name,
        days=days,
        pages_before=pages_before,
        pages_during=pages_during,
        pages_after=pages_after,
        languages=languages,
        interpretation=interpretation,
    )
    with transaction.atomic():
        locked = _draft(estimate)
        if meeting is not None and meeting.year != locked.year:
            raise DomainError(
                _("%(series)s is a meeting of %(year)s, not of %(other)s"),
                series=meeting.series,
                year=meeting.year,
                other=locked.year,
            )
        item = locked.items.filter(label=name).first()
        before = _item_snapshot(item) if item else None
        if item is None:
            last = locked.items.order_by("-position").values_list("position", flat=True).first()
            item = CostItem(estimate=locked, label=name, position=0 if last is None else last + 1)
        item.meeting = meeting
        for key in ("days", "pages_before", "pages_during", "pages_after", "languages", "interpretation"):
            setattr(item, key, getattr(parts, key))
        item.save()
        _recompute(locked)
        log_action(
            by,
            "cost_estimate.meeting",
            locked,
            before=before,
            after=_item_snapshot(item) | {"total": str(locked.total)},
        )
    return item


def remove_meeting_costs(item: CostItem, *, by: Actor) -> None:
    """Take a meeting off a draft estimate. Guarantees: staff only; a draft only; the lines
    recomputed; audited with what was taken off."""
    _require(by, _("edits cost estimates"))
    with transaction.atomic():
        locked = _draft(item.estimate)
        found = locked.items.filter(pk=item.pk).first()
        if found is None:
            raise DomainError(_("this meeting is not in the estimate"))
        before = _item_snapshot(found)
        found.delete()
        _recompute(locked)
        log_action(
            by, "cost_estimate.remove_meeting", locked, before=before, after={"total": str(locked.total)}
        )


def add_programme_meetings(
    estimate: CostEstimate,
    *,
    pages_per_day: Sequence[object] = (0, 0, 0),
    by: Actor,
) -> list[CostItem]:
    """Put the meetings of the estimate's year (as planned in plenary.meetings, in date order)
    into a draft, each with its days and `pages_per_day` pages before, during and after the
    meeting for each of its days (a planning assumption the secretariat corrects meeting by
    meeting). Meetings already in the estimate are left as they are. Guarantees: staff only; a
    draft only; the lines recomputed, nothing written if a rate is missing; audited."""
    _require(by, _("edits cost estimates"))
    if len(pages_per_day) != 3:
        raise DomainError(_("pages per day are three numbers: before, during and after the meeting"))
    per_day = [
        _costing(costing.count, value, f"the pages per day {when} the meeting", high=1000)
        for value, when in zip(pages_per_day, ("before", "during", "after"), strict=True)
    ]
    with transaction.atomic():
        locked = _draft(estimate)
        present = set(locked.items.values_list("label", flat=True))
        meetings = (
            Meeting.objects.filter(treaty__code="BWC", year=locked.year)
            .exclude(status="cancelled")
            .order_by("start", "series")
        )
        last = locked.items.order_by("-position").values_list("position", flat=True).first()
        position = 0 if last is None else last + 1
        added = []
        for meeting in meetings:
            if meeting.series in present:
                continue
            days = min(_meeting_days(meeting), costing.MAX_DAYS)
            added.append(
                CostItem.objects.create(
                    estimate=locked,
                    meeting=meeting,
                    label=meeting.series,
                    days=days,
                    pages_before=per_day[0] * days,
                    pages_during=per_day[1] * days,
                    pages_after=per_day[2] * days,
                    position=position,
                )
            )
            position += 1
        _recompute(locked)
        log_action(
            by,
            "cost_estimate.programme",
            locked,
            after={"added": [_item_snapshot(i) for i in added], "total": str(locked.total)},
        )
    return added


def derive_option(
    estimate: CostEstimate,
    *,
    option: object,
    title: object,
    extra_days: Mapping[str, object] | None = None,
    basis: object = "",
    by: Actor,
) -> CostEstimate:
    """A new draft option made from `estimate` (a draft or an issued one): the same meetings,
    rates' date and ISU, with `extra_days` days more for the meetings named ({series: days}),
    such as the five or ten days more of BWC/MSP/2017/6 para. 21. Guarantees: staff only; a
    different option name from the estimate's; the extra days whole numbers (0-60) for meetings
    of the estimate; nothing written if a rate is missing; audited."""
    _require(by, _("prepares cost estimates"))
    name = _option(option)
    if not name:
        raise DomainError(_("name the new option (such as B)"))
    extra = {}
    for label, days in (extra_days or {}).items():
        extra[str(label)] = _costing(
            costing.count, days, f"the days more for {str(label)[:60]}", high=costing.MAX_DAYS
        )
    with transaction.atomic():
        source = CostEstimate.objects.select_for_update().get(pk=estimate.pk)
        if name == source.option:
            raise DomainError(_("the new option needs another name than %(name)s"), name=name)
        items = list(source.items.order_by("position", "pk"))
        missing = sorted(set(extra) - {i.label for i in items})
        if missing:
            raise DomainError(
                _("%(series)s is not a meeting of the estimate"), series=", ".join(m[:60] for m in missing)
            )
        new = CostEstimate.objects.create(
            year=source.year,
            option=name,
            title=_title(title),
            basis=_text(basis, _("the basis"), max_length=2000, required=False, lines=True),
            rates_on=source.rates_on,
            isu_posts=source.isu_posts,
            isu_months=source.isu_months,
            derived_from=source,
            created_by=by.user if by.user is not None and by.user.is_authenticated else None,
        )
        for item in items:
            days = item.days + extra.get(item.label, 0)
            if days > costing.MAX_DAYS:
                raise DomainError(
                    _("%(label)s would have %(days)s days: at most %(max)s"),
                    label=item.label,
                    days=days,
                    max=costing.MAX_DAYS,
                )
            CostItem.objects.create(
                estimate=new,
                meeting=item.meeting,
                label=item.label,
                days=days,
                pages_before=item.pages_before,
                pages_during=item.pages_during,
                pages_after=item.pages_after,
                languages=item.languages,
                interpretation=item.interpretation,
                position=item.position,
            )
        _recompute(new)
        log_action(
            by,
            "cost_estimate.derive",
            new,
            after=_estimate_snapshot(new) | {"derived_from": source.pk, "extra_days": extra},
        )
    return new


# -- issue ------------------------------------------------------------------------------------------


def issue_estimates(
    estimates: Sequence[CostEstimate],
    *,
    meeting: Meeting,
    on: object = None,
    by: Actor,
) -> Document:
    """Issue one or more options of a year's estimate (drafts of the same year, with different
    option names) as the cost-estimates document of `meeting`, in the six UN languages, under the
    next free symbol of the meeting's series, through the documents domain (issue_document: each
    language's Word file stored as issued, with its SHA-256). Every figure of the document is a
    line of an estimate (its quantity, rate and amount) or a sum of them.

    Guarantees: staff only; one to six drafts (Frozen if one is already issued); the lines
    recomputed at the rates on record before issue, and refused if a rate is missing; the
    estimates frozen and linked to the document; all in one transaction, no file left behind if
    anything fails; audited (the document by the documents domain, each estimate here)."""
    from plenary.finance import estimate_document

    _require(by, _("issues cost estimates"))
    if not isinstance(meeting, Meeting):
        raise DomainError(_("the meeting must be a meeting on record"))
    chosen = list(estimates)
    if not chosen:
        raise DomainError(_("choose the estimates to issue"))
    if len(chosen) > MAX_OPTIONS:
        raise DomainError(_("at most %(count)s options are issued in one document"), count=MAX_OPTIONS)
    if len({e.pk for e in chosen}) != len(chosen):
        raise DomainError(_("an estimate is chosen twice"))
    issued_on = clock.today() if on in (None, "") else _date(on, _("the issue date"))
    with atomic_files():
        locked = [_draft(e) for e in sorted(chosen, key=lambda e: e.pk)]
        if len({e.year for e in locked}) != 1:
            raise DomainError(_("the estimates issued together are of one year"))
        if len({e.option for e in locked}) != len(locked):
            raise DomainError(_("the estimates issued together have different option names"))
        for estimate in locked:
            _recompute(estimate)
            if not estimate.items.exists() and not estimate.isu_months:
                raise DomainError(
                    _("the estimate %(option)s costs nothing yet"), option=estimate.option or estimate.pk
                )
        # The document is written from the stored lines, each with its rate (in four queries).
        prepared = list(
            estimate_queries.with_lines(
                CostEstimate.objects.filter(pk__in=[e.pk for e in locked]).select_related("document")
            ).order_by("pk")
        )
        symbol = numbering.next_document_symbol(meeting)
        titles = estimate_document.titles(locked[0].year)
        files = {
            lang: SimpleUploadedFile(
                f"{file_stem(symbol, lang)}.docx",
                estimate_document.render(prepared, lang=lang, symbol=symbol, meeting=meeting),
                content_type=DOCX,
            )
            for lang in UN_LANGUAGES
        }
        document = issue_document(
            meeting,
            title=titles,
            original_language="en",
            files=files,
            symbol=symbol,
            on=issued_on,
            by=by,
        )
        now = timezone.now()
        for estimate in locked:
            before = _estimate_snapshot(estimate)
            estimate.status = CostEstimate.Status.ISSUED
            estimate.document = document
            estimate.issued_at = now
            estimate.save(update_fields=["status", "document", "issued_at", "updated_at"])
            log_action(by, "cost_estimate.issue", estimate, before=before, after=_estimate_snapshot(estimate))
    return document
