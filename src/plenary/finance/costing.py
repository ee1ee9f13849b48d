"""Cost estimates of meetings, from their parts and dated rates. Pure: no database.

A meeting costs its meeting days (conference services: rooms, sound, technicians, meeting
officers), interpretation in the six UN languages for each day, and its documents: pages
processed before, during and after the meeting, each page in each language it is issued in
(editing, translation, text processing, reproduction). The Implementation Support Unit costs its
staff (posts x months) and its operating costs (months). Programme support costs are a percentage
of all of these (13 per cent, the UN's standard rate for activities funded outside the regular
budget).

Rounding, as UN cost estimates are presented: every line is quantity x rate, computed exactly and
rounded half up to the whole US dollar; the subtotal is the sum of the rounded lines; programme
support costs are the percentage of that subtotal, rounded half up to the dollar; the total is the
subtotal plus programme support costs. So every figure shown is a whole number of dollars and the
figures shown add up exactly (no "totals may not add because of rounding"). Amounts are Decimals
with two places (".00"), as the finance app stores money (plenary.finance.money).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_noop as _

from plenary.core.errors import DomainError, term
from plenary.finance import money

DOLLAR = Decimal(1)
CENT = money.CENT

# The rates an estimate uses, by code. Units say what one quantity is.
CONFERENCE_DAY = "conference_day"
INTERPRETATION_DAY = "interpretation_day"
PAGE_BEFORE = "document_page_before"
PAGE_DURING = "document_page_during"
PAGE_AFTER = "document_page_after"
ISU_STAFF = "isu_staff_post_month"
ISU_OPERATING = "isu_operating_month"
PROGRAMME_SUPPORT = "programme_support"

RATE_CODES = (
    CONFERENCE_DAY,
    INTERPRETATION_DAY,
    PAGE_BEFORE,
    PAGE_DURING,
    PAGE_AFTER,
    ISU_STAFF,
    ISU_OPERATING,
    PROGRAMME_SUPPORT,
)
UNITS = {
    CONFERENCE_DAY: "meeting day",
    INTERPRETATION_DAY: "meeting day (six languages)",
    PAGE_BEFORE: "page x language",
    PAGE_DURING: "page x language",
    PAGE_AFTER: "page x language",
    ISU_STAFF: "post x month",
    ISU_OPERATING: "month",
    PROGRAMME_SUPPORT: "per cent",
}
PERCENT_CODES = frozenset({PROGRAMME_SUPPORT})

# Bounds on what is entered: a Review Conference lasts three weeks; 60 days is far beyond any
# meeting. Pages: a Review Conference issues a few thousand pages; 100,000 is a typing error.
MAX_DAYS = 60
MAX_PAGES = 100_000
MAX_POSTS = Decimal(100)
MAX_MONTHS = 12
MAX_RATE = Decimal(10) ** 9
LANGUAGES = 6


class CostingError(DomainError, ValueError):
    """An input or a rate that cannot be used: the message says which and why (a template and its
    values, read in the reader's language, as every DomainError)."""


@dataclass(frozen=True)
class Rate:
    code: str
    amount: Decimal  # US dollars per unit; for a percentage code, the percentage
    valid_from: dt.date
    valid_to: dt.date | None = None
    source: str = ""
    example: bool = False

    @property
    def unit(self) -> str:
        return UNITS[self.code]

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def check_rate(rate: Rate) -> Rate:
    """The rate, or CostingError: a known code, a non-negative decimal amount below a billion (a
    percentage at most 100), a period that ends after it starts, and a source or the example mark."""
    if rate.code not in RATE_CODES:
        raise CostingError(
            _("%(value)s is not a cost rate (one of %(codes)s)"),
            value=repr(str(rate.code)[:40]),
            codes=", ".join(RATE_CODES),
        )
    if isinstance(rate.amount, bool | float) or not isinstance(rate.amount, Decimal):
        raise CostingError(_("the rate %(code)s must be a decimal amount"), code=rate.code)
    if not rate.amount.is_finite() or rate.amount < 0:
        raise CostingError(_("the rate %(code)s must be a non-negative amount"), code=rate.code)
    if rate.amount >= MAX_RATE or (rate.code in PERCENT_CODES and rate.amount > 100):
        raise CostingError(_("the rate %(code)s is too large"), code=rate.code)
    if rate.valid_to is not None and rate.valid_to < rate.valid_from:
        raise CostingError(_("the rate %(code)s ends before it starts"), code=rate.code)
    if not rate.source.strip() and not rate.example:
        raise CostingError(
            _("the rate %(code)s needs its source, or to be marked as an example rate"), code=rate.code
        )
    return rate


def rate_on(rates: Iterable[Rate], code: str, day: dt.date) -> Rate:
    """The rate of `code` valid on `day`: of those valid then, the one that started last.
    CostingError when there is none (a missing rate is never taken as zero)."""
    valid = [r for r in rates if r.code == code and r.valid_on(day)]
    if not valid:
        raise CostingError(_("no rate %(code)s is valid on %(day)s: record it first"), code=code, day=day)
    return max(valid, key=lambda r: r.valid_from)


def whole_dollars(value: Decimal) -> Decimal:
    """`value` rounded half up to the whole dollar, written with cents (1234.50 -> 1235.00)."""
    return value.quantize(DOLLAR, rounding=ROUND_HALF_UP).quantize(CENT)


def count(value: object, what: str, *, low: int = 0, high: int) -> int:
    """A whole number from a form, a JSON body or code: digits only (an int, or a string of
    digits); not a float, a boolean, a fraction or a word; between `low` and `high`. `what` names
    the field (a word of the interface, marked for translation where it is written)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise CostingError(
            _("%(what)s must be a whole number, not %(value)s"), what=term(what), value=repr(value)
        )
    if isinstance(value, str):
        text = value.strip()
        if not text or not text.lstrip("-").isdigit() or len(text) > 12:
            raise CostingError(
                _("%(what)s must be a whole number, not %(value)s"), what=term(what), value=repr(value[:40])
            )
        value = int(text)
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise CostingError(_("%(what)s must be a whole number"), what=term(what))
        value = int(value)
    if not isinstance(value, int):
        raise CostingError(_("%(what)s must be a whole number"), what=term(what))
    # The bounds are written without grouping (100000): a year reads as one, and no language
    # takes 100000 for anything else.
    if value < low:
        raise CostingError(_("%(what)s cannot be less than %(low)s"), what=term(what), low=low)
    if value > high:
        raise CostingError(_("%(what)s cannot be more than %(high)s"), what=term(what), high=high)
    return value


def decimal_quantity(value: object, what: str, *, high: Decimal) -> Decimal:
    """A non-negative decimal quantity with at most two places (1.5 posts), at most `high`. The
    example "1.5" is what to type (a point, whatever the reader's language)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise CostingError(
            _("%(what)s must be a decimal number such as 1.5, not %(value)s"),
            what=term(what),
            value=repr(value),
        )
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        raise CostingError(_("%(what)s must be a decimal number such as 1.5"), what=term(what)) from None
    if not number.is_finite():
        raise CostingError(_("%(what)s must be a finite number"), what=term(what))
    if number < 0:
        raise CostingError(_("%(what)s cannot be negative"), what=term(what))
    if number > high:
        raise CostingError(_("%(what)s cannot be more than %(high)s"), what=term(what), high=high)
    if number != number.quantize(CENT):
        raise CostingError(_("%(what)s has at most two decimal places"), what=term(what))
    return number.quantize(CENT)


@dataclass(frozen=True)
class MeetingParts:
    """What a meeting needs: its days, with interpretation or not, and the pages of its documents
    before, during and after it, each issued in `languages` languages (six, or one for a document
    issued in English only)."""

    label: str
    days: int
    pages_before: int = 0
    pages_during: int = 0
    pages_after: int = 0
    languages: int = LANGUAGES
    interpretation: bool = True

    @classmethod
    def of(
        cls,
        label: str,
        *,
        days: object,
        pages_before: object = 0,
        pages_during: object = 0,
        pages_after: object = 0,
        languages: object = LANGUAGES,
        interpretation: object = True,
    ) -> MeetingParts:
        """The parts, checked (CostingError says which input is wrong)."""
        if not isinstance(interpretation, bool):
            raise CostingError("interpretation is yes or no")
        return cls(
            label=label,
            days=count(days, _("the meeting days"), high=MAX_DAYS),
            pages_before=count(pages_before, _("the pages before the meeting"), high=MAX_PAGES),
            pages_during=count(pages_during, _("the pages during the meeting"), high=MAX_PAGES),
            pages_after=count(pages_after, _("the pages after the meeting"), high=MAX_PAGES),
            languages=count(languages, _("the number of languages"), low=1, high=LANGUAGES),
            interpretation=interpretation,
        )


@dataclass(frozen=True)
class Line:
    """One line of an estimate: quantity x rate = amount, with the rate it used."""

    section: str  # "meeting", "isu" or "support"
    label: str  # the meeting's series (or name); "" for the ISU and support lines
    code: str
    quantity: Decimal
    rate: Rate
    exact: Decimal  # quantity x rate before rounding
    amount: Decimal  # to the whole dollar

    @property
    def unit(self) -> str:
        return self.rate.unit


@dataclass(frozen=True)
class Costing:
    lines: tuple[Line, ...]
    subtotal: Decimal
    support: Line
    total: Decimal
    meetings: tuple[str, ...] = field(default=())

    def of_meeting(self, label: str) -> Decimal:
        """The cost of one meeting of the estimate, before programme support costs."""
        return money.total(line.amount for line in self.lines if line.label == label)

    def of_section(self, section: str) -> Decimal:
        return money.total(line.amount for line in self.lines if line.section == section)


def _line(section: str, label: str, code: str, quantity: Decimal | int, rates, day) -> Line:
    rate = rate_on(rates, code, day)
    q = Decimal(quantity)
    exact = q * rate.amount
    return Line(section, label, code, q, rate, exact, whole_dollars(exact))


def meeting_lines(parts: MeetingParts, rates: Sequence[Rate], day: dt.date) -> list[Line]:
    """The lines of one meeting: its days, interpretation, and the pages before, during and after
    (pages x languages). A line of quantity zero is left out, and so is its rate: a meeting
    without documents after it needs no post-session rate."""
    wanted: list[tuple[str, int]] = [(CONFERENCE_DAY, parts.days)]
    if parts.interpretation:
        wanted.append((INTERPRETATION_DAY, parts.days))
    wanted += [
        (PAGE_BEFORE, parts.pages_before * parts.languages),
        (PAGE_DURING, parts.pages_during * parts.languages),
        (PAGE_AFTER, parts.pages_after * parts.languages),
    ]
    return [_line("meeting", parts.label, code, q, rates, day) for code, q in wanted if q]


def isu_lines(posts: object, months: object, rates: Sequence[Rate], day: dt.date) -> list[Line]:
    """The ISU's staff (posts x months) and operating costs (months) for the period costed."""
    staff = decimal_quantity(posts, _("the ISU's posts"), high=MAX_POSTS)
    period = count(months, _("the ISU's months"), high=MAX_MONTHS)
    lines = []
    if staff and period:
        lines.append(_line("isu", "", ISU_STAFF, staff * period, rates, day))
    if period:
        lines.append(_line("isu", "", ISU_OPERATING, period, rates, day))
    return lines


def cost(
    meetings: Sequence[MeetingParts],
    rates: Sequence[Rate],
    day: dt.date,
    *,
    isu_posts: object = 0,
    isu_months: object = 0,
) -> Costing:
    """The estimate of `meetings` (and of the ISU for `isu_months` months), at the rates valid on
    `day`. Guarantees: total == subtotal + support; subtotal == the sum of the lines' amounts;
    every amount a whole number of dollars; CostingError if a rate that is needed is missing."""
    labels = [m.label for m in meetings]
    if len(set(labels)) != len(labels):
        raise CostingError("a meeting appears twice in the estimate")
    for rate in rates:
        check_rate(rate)
    lines: list[Line] = []
    for parts in meetings:
        lines += meeting_lines(parts, rates, day)
    lines += isu_lines(isu_posts, isu_months, rates, day)
    subtotal = money.total(line.amount for line in lines)
    psc = rate_on(rates, PROGRAMME_SUPPORT, day)
    exact = subtotal * psc.amount / money.HUNDRED
    support = Line("support", "", PROGRAMME_SUPPORT, subtotal, psc, exact, whole_dollars(exact))
    return Costing(tuple(lines), subtotal, support, subtotal + support.amount, tuple(labels))


@dataclass(frozen=True)
class ComparedRow:
    section: str
    label: str
    code: str
    amounts: tuple[Decimal, ...]  # one per option, 0.00 where the option has no such line

    @property
    def differs(self) -> bool:
        return len(set(self.amounts)) > 1


@dataclass(frozen=True)
class Comparison:
    options: tuple[str, ...]
    rows: tuple[ComparedRow, ...]
    subtotals: tuple[Decimal, ...]
    supports: tuple[Decimal, ...]
    totals: tuple[Decimal, ...]

    @property
    def differences(self) -> tuple[Decimal, ...]:
        """Each option's total minus the first option's."""
        return tuple(t - self.totals[0] for t in self.totals)


def compare(options: Mapping[str, Costing]) -> Comparison:
    """Options side by side: one row per (meeting, rate) found in any option, in the order they
    first appear, with each option's amount (0.00 where it has none). Each option's column adds
    up to its subtotal."""
    if not options:
        raise CostingError("there is nothing to compare")
    names = tuple(options)
    keys: list[tuple[str, str, str]] = []
    found: dict[tuple[str, str, str], dict[str, Decimal]] = {}
    for name, costing in options.items():
        for line in costing.lines:
            key = (line.section, line.label, line.code)
            if key not in found:
                keys.append(key)
                found[key] = {}
            found[key][name] = found[key].get(name, Decimal("0.00")) + line.amount
    rows = tuple(
        ComparedRow(*key, amounts=tuple(found[key].get(n, Decimal("0.00")) for n in names)) for key in keys
    )
    return Comparison(
        options=names,
        rows=rows,
        subtotals=tuple(options[n].subtotal for n in names),
        supports=tuple(options[n].support.amount for n in names),
        totals=tuple(options[n].total for n in names),
    )


def format_amount(value: Decimal, lang: str) -> str:
    """A whole-dollar amount written as the language writes numbers (CLDR, by Babel): 1,234,567
    in English and Chinese, 1 234 567 in French and Russian (a no-break space), 1.234.567 in
    Spanish. UN Arabic documents write Latin digits, so Arabic digits are turned into them."""
    from babel.numbers import format_decimal

    locale = {"zh": "zh_Hans_CN"}.get(lang, lang)
    # Whole dollars: no decimals shown (the amounts are whole by the rounding rule above).
    text = format_decimal(value.quantize(DOLLAR, rounding=ROUND_HALF_UP), format="#,##0", locale=locale)
    if lang == "ar":
        text = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٬٫", "0123456789,."))
    return text


def format_quantity(value: Decimal, lang: str) -> str:
    """A quantity (days, pages x languages, posts x months) as the language writes numbers, with
    its decimals only when it has some (1.5 posts x 12 months = 18)."""
    from babel.numbers import format_decimal

    locale = {"zh": "zh_Hans_CN"}.get(lang, lang)
    shown = value.normalize() if value == value.to_integral_value() else value
    text = format_decimal(shown, format="#,##0.##", locale=locale)
    if lang == "ar":
        text = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٬٫", "0123456789,."))
    return text
