"""Money, to the cent. Pure: no database.

Every amount is a `Decimal` with two places; a float is refused where an amount comes in, because
0.1 + 0.2 is not 0.3 in binary and an assessment must add up to the cent. Rounding is half up
(0.005 -> 0.01), as amounts are rounded in UN financial statements. A total shared among States
(the cost of a meeting, by the scale of assessments adjusted to the States Parties taking part) is
apportioned by the largest-remainder method: each share is first cut down to the cent, and the
cents left over go one each to the largest remainders, so that the shares add up to the total
exactly and none is more than a cent from its exact value. Ties go in the order of the keys (the
States' alpha-3 codes), so the result does not depend on the order the shares are given in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from django.utils.translation import gettext_noop as _

from plenary.core.errors import DomainError, term

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class MoneyError(DomainError, ValueError):
    """An amount, rate or weight that is not one: the message says which and why (a template and
    its values, read in the reader's language, as every DomainError)."""


def amount(value: object, what: str = _("the amount"), *, negative: bool = False) -> Decimal:
    """`value` (a Decimal, an int or a string of digits such as "1234.50") as an amount to the
    cent, rounded half up. Floats, booleans, NaN and infinities are refused, and negative amounts
    unless `negative` (a credit or a reversal). `what` names the field (a word of the interface,
    marked for translation where it is written)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise MoneyError(
            _("%(what)s must be written as a decimal number (such as 1234.50), not %(value)s"),
            what=term(what),
            value=repr(value),
        )
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise MoneyError(
                _("%(what)s must be a number such as 1234.50, not %(value)s"),
                what=term(what),
                value=repr(value[:40]),
            ) from None
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        raise MoneyError(
            _("%(what)s must be a number, not %(kind)s"), what=term(what), kind=type(value).__name__
        )
    if not number.is_finite():
        raise MoneyError(_("%(what)s must be a finite number"), what=term(what))
    if number.adjusted() > 12:
        raise MoneyError(_("%(what)s is too large"), what=term(what))
    if number < 0 and not negative:
        raise MoneyError(_("%(what)s cannot be negative"), what=term(what))
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def rounded(value: Decimal) -> Decimal:
    """An exact Decimal rounded half up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line(quantity: Decimal | int, rate: Decimal) -> Decimal:
    """The amount of a cost line: quantity x rate, to the cent."""
    if isinstance(quantity, bool | float) or isinstance(rate, bool | float):
        raise MoneyError("a cost line's quantity and rate are decimals, not floats")
    if Decimal(quantity) < 0 or rate < 0:
        raise MoneyError("a cost line's quantity and rate cannot be negative")
    return rounded(Decimal(quantity) * rate)


def percentage_of(base: Decimal, percent: Decimal) -> Decimal:
    """`percent` per cent of `base`, to the cent (programme support costs: 13 per cent of the
    costs they support)."""
    if isinstance(percent, bool | float) or percent < 0:
        raise MoneyError("a percentage is a non-negative decimal")
    return rounded(base * percent / HUNDRED)


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The sum of amounts already to the cent (an exact sum: no rounding is needed)."""
    return sum(amounts, Decimal("0.00"))


def adjusted_scale(rates: Mapping[str, Decimal], participants: Iterable[str]) -> dict[str, Decimal]:
    """The UN scale of assessments adjusted to the States taking part: each participant's rate
    divided by the sum of the participants' rates, as an exact fraction of 1 (28 significant
    digits), so that the adjusted rates of the participants sum to 1. A participant with no rate
    on the scale is an error (the caller says which scale and which State)."""
    chosen = sorted(set(participants))
    missing = [code for code in chosen if code not in rates]
    if missing:
        raise MoneyError(_("no rate on the scale for %(codes)s"), codes=", ".join(missing))
    for code in chosen:
        if isinstance(rates[code], bool | float) or rates[code] < 0:
            raise MoneyError(_("the rate of %(code)s must be a non-negative decimal"), code=code)
    whole = sum((rates[code] for code in chosen), Decimal(0))
    if whole <= 0:
        raise MoneyError(_("the participants' rates add up to nothing: no cost can be shared"))
    with localcontext() as context:
        context.prec = 28
        return {code: rates[code] / whole for code in chosen}


def apportion(whole: Decimal, weights: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Share `whole` (an amount to the cent, not negative) among the keys in proportion to their
    weights (not negative, not all zero), to the cent, by the largest-remainder method.

    Guarantees: the shares add up to `whole` exactly; each share is less than one cent from its
    exact value; a zero weight gets 0.00; the result is the same whatever the order of `weights`."""
    whole = amount(whole, _("the total to share"))
    if not weights:
        raise MoneyError(_("there is no one to share the total among"))
    for key, weight in weights.items():
        if isinstance(weight, bool | float) or not isinstance(weight, Decimal | int):
            raise MoneyError(_("the weight of %(key)s must be a decimal"), key=key)
        if weight < 0:
            raise MoneyError(_("the weight of %(key)s cannot be negative"), key=key)
    sum_of_weights = sum((Decimal(w) for w in weights.values()), Decimal(0))
    if sum_of_weights == 0:
        raise MoneyError(_("the weights add up to nothing: the total cannot be shared"))
    cents = int(whole / CENT)
    with localcontext() as context:
        context.prec = 50
        exact = {key: Decimal(cents) * Decimal(weights[key]) / sum_of_weights for key in weights}
    floors = {key: int(value.to_integral_value(rounding=ROUND_DOWN)) for key, value in exact.items()}
    left = cents - sum(floors.values())
    by_remainder = sorted(weights, key=lambda key: (-(exact[key] - floors[key]), key))
    for key in by_remainder[:left]:
        floors[key] += 1
    return {key: Decimal(floors[key]) * CENT for key in sorted(weights)}
