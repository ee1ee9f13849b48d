"""The writers of assessed contributions: the UN scale loaded as dated data, the costs of a year's
meetings, the year's costs shared among the States Parties taking part (a preliminary assessment
per State), the invoices issued (numbered, frozen), payments and credit notes applied to the oldest
open invoices (what is left over a credit of the State), and the Working Capital Fund's voluntary
contributions.

Who: the secretariat (or the system, for a record load) writes all of it; a State's people only
read their State's (`accounts.permissions.can_see_state_finances`). Every write is audited; an
invoice issued or a payment recorded tells the State's contact points (INVOICE_ISSUED,
PAYMENT_RECEIVED) in their language. The rule of apportionment is in `finance.apportion`.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from plenary.accounts import notify as notifications
from plenary.accounts import permissions
from plenary.accounts.models import Notification, Role
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, Frozen, passed_on, term
from plenary.finance import apportion as rules
from plenary.finance.models import (
    Application,
    Apportionment,
    Assessment,
    Credit,
    FundContribution,
    Invoice,
    MeetingCost,
    Payment,
    ScaleRate,
)
from plenary.finance.money import MoneyError, amount, total
from plenary.meetings.models import Meeting
from plenary.treaties.models import State

SCALE_FILE = Path(__file__).parent / "data" / "un_scale.csv"
FLOOR_RATE = Decimal("0.001")  # the scale's minimum rate (A/RES/73/271 para. 6(f))
FLOOR_SOURCE = (
    "example: the scale's minimum rate (0.001 per cent) in place of this State's rate, "
    "which is not in Plenary's data; not verified"
)
MAX_TEXT = 2000


class FinanceError(DomainError):
    """A rule of the Convention's finances was broken."""


def _money(value: Any, what: str) -> Decimal:
    try:
        return amount(value, what)
    except MoneyError as error:
        raise passed_on(FinanceError, error) from None


def _positive(value: Any, what: str) -> Decimal:
    money = _money(value, what)
    if money <= 0:
        raise FinanceError(_("%(what)s must be more than 0.00"), what=term(what))
    return money


def _date(value: Any, what: str) -> dt.date:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise FinanceError(
                _("%(what)s is a date written YYYY-MM-DD, not %(value)s"),
                what=term(what),
                value=repr(value[:20]),
            ) from None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise FinanceError(_("%(what)s is a date, not %(value)s"), what=term(what), value=repr(value)[:150])
    if not 1900 <= value.year <= 2200:
        raise FinanceError(_("%(what)s is out of range"), what=term(what))
    return value


def _text(value: Any, what: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise FinanceError(_("%(what)s is text"), what=term(what))
    text = value.strip()
    if required and not text:
        raise FinanceError(_("%(what)s is required"), what=term(what))
    if len(text) > limit:
        raise FinanceError(_("%(what)s has more than %(limit)s characters"), what=term(what), limit=limit)
    if any(ord(c) < 32 and c not in "\n\r\t" for c in text) or "\x7f" in text:
        raise FinanceError(_("%(what)s holds control characters"), what=term(what))
    return text


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FinanceError(_("the year is a number such as 2018"))
    try:
        year = int(value)
    except ValueError:
        raise FinanceError(_("the year is a number such as 2018")) from None
    if not 1975 <= year <= 2200:
        raise FinanceError(_("the year %(year)s is out of range"), year=year)
    return year


def _state(state: Any) -> State:
    if not isinstance(state, State) or state.pk is None:
        raise FinanceError(_("name a recorded State"))
    return state


# --- the scale


def load_scale(*, by: Actor, path: Path = SCALE_FILE) -> int:
    """Load the UN scale of assessments from its data file (safe to run twice: a row already there
    is left as it is). For each period, every State recorded that has no rate gets the scale's
    minimum rate marked as an example. Returns the number of rows added. Staff or system only."""
    permissions.require_staff(by, _("loads the scale of assessments"))
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    states = {s.code: s for s in State.objects.all()}
    added = 0
    with transaction.atomic():
        have = set(ScaleRate.objects.values_list("state__code", "valid_from"))
        periods: dict[tuple[dt.date, dt.date], str] = {}
        for row in rows:
            start, end = _date(row["valid_from"], "valid_from"), _date(row["valid_to"], "valid_to")
            periods[(start, end)] = row["source"]
            state = states.get(row["state"])
            if state is None or (state.code, start) in have:
                continue
            try:
                rate = rules.scale_rate(row["rate"], f"the rate of {row['state']}")
            except MoneyError as error:
                raise passed_on(FinanceError, error) from None
            ScaleRate.objects.create(
                state=state,
                valid_from=start,
                valid_to=end,
                rate=rate,
                source=row["source"],
                verified=row["verified"].strip().lower() == "yes",
            )
            have.add((state.code, start))
            added += 1
        for (start, end), source in periods.items():
            for code, state in sorted(states.items()):
                if (code, start) in have:
                    continue
                ScaleRate.objects.create(
                    state=state,
                    valid_from=start,
                    valid_to=end,
                    rate=FLOOR_RATE,
                    source=f"{FLOOR_SOURCE} ({source[:120]})",
                    example=True,
                )
                have.add((code, start))
                added += 1
        if added:
            log_action(
                by, "finance.scale_load", None, object_type="finance.ScaleRate", after={"added": added}
            )
    return added


def rates_on(day: dt.date) -> dict[str, Decimal]:
    """The scale in force on `day`: alpha-3 code -> rate (per cent)."""
    rows = ScaleRate.objects.filter(valid_from__lte=day, valid_to__gte=day).values_list("state__code", "rate")
    return dict(rows)


# --- the costs of a year's meetings


def set_meeting_cost(
    meeting: Meeting,
    *,
    amount: Any,
    decision_on: Any = None,
    source: str = "",
    example: bool = False,
    by: Actor,
) -> MeetingCost:
    """What a meeting costs and the day by which it must be confirmed (three months before it
    opens unless given). Guarantees: staff only; a non-negative amount to the cent; a decision
    date before the meeting opens; changeable until the year's invoices are issued (then Frozen).
    Audited with before and after."""
    permissions.require_staff(by, _("sets the cost of a meeting"))
    if not isinstance(meeting, Meeting) or meeting.pk is None:
        raise FinanceError(_("name a recorded meeting"))
    money = _money(amount, _("the cost of the meeting"))
    if meeting.start is None:
        raise FinanceError(_("%(series)s has no dates yet: plan them before its cost"), series=meeting.series)
    decide = (
        rules.decision_date(meeting.start)
        if decision_on in (None, "")
        else _date(decision_on, _("the decision date"))
    )
    if decide > meeting.start:
        raise FinanceError(_("the decision date comes before the meeting opens"))
    if not isinstance(example, bool):
        raise FinanceError(_("the example mark is yes or no"))
    text = _text(source, _("the source"), limit=300)
    with transaction.atomic():
        if Apportionment.objects.filter(
            treaty=meeting.treaty.code, year=meeting.year, status=Apportionment.Status.INVOICED
        ).exists():
            raise Frozen(
                _("the invoices of %(year)s are issued: its costs no longer change"), year=meeting.year
            )
        row = MeetingCost.objects.select_for_update().filter(meeting=meeting).first()
        before = (
            None if row is None else {"amount": str(row.amount), "decision_on": row.decision_on.isoformat()}
        )
        if row is None:
            row = MeetingCost(meeting=meeting)
        row.amount, row.decision_on, row.source, row.example = money, decide, text, example
        row.save()
        log_action(
            by,
            "finance.meeting_cost",
            row,
            before=before,
            after={"meeting": meeting.series, "amount": str(money), "decision_on": decide.isoformat()},
        )
    return row


# --- apportionment and invoices


def participants(treaty: str, on: dt.date) -> list[str]:
    """The States Parties on `on` (alpha-3 codes, sorted): those who share the year's costs."""
    codes = set(State.objects.values_list("code", flat=True))
    return sorted(permissions.states_parties_among(codes, treaty=treaty, on=on))


def apportion_year(
    year: Any,
    *,
    treaty: str = "BWC",
    total_amount: Any = None,
    basis: str = "",
    participants_on: Any = None,
    example: bool = False,
    replace: bool = False,
    by: Actor,
) -> Apportionment:
    """Share the costs of a year among the States Parties taking part by the scale adjusted to them
    (the preliminary assessments).

    Guarantees: staff only; the total is the year's meeting costs unless given (to the cent, not
    negative); the participants are the States Parties on `participants_on` (1 January of the year
    by default); each has a rate on the scale in force on 1 January; the shares add up to the
    total exactly (`apportion.assess`). A preliminary apportionment is replaced only when told
    (`replace`), its assessments kept in the audit entry; once invoiced it is Frozen."""
    permissions.require_staff(by, _("apportions the costs of a year"))
    year = _year(year)
    start = dt.date(year, 1, 1)
    on = start if participants_on in (None, "") else _date(participants_on, _("the day of the count"))
    costs = list(
        MeetingCost.objects.filter(meeting__treaty__code=treaty, meeting__year=year).select_related("meeting")
    )
    if total_amount in (None, ""):
        if not costs:
            raise FinanceError(_("no meeting of %(year)s has a cost: set them, or give the total"), year=year)
        whole = total(c.amount for c in costs)
        default_basis = "; ".join(
            f"{c.meeting.series}: {c.amount}" for c in sorted(costs, key=lambda c: c.meeting.start)
        )
    else:
        whole = _money(total_amount, _("the total to share"))
        default_basis = ""
    text = _text(basis, _("the basis"), limit=MAX_TEXT) or default_basis or f"the costs of {year}"
    codes = participants(treaty, on)
    if not codes:
        raise FinanceError(_("no State is party to the %(treaty)s on %(day)s"), treaty=treaty, day=on)
    rates = rates_on(start)
    missing = [c for c in codes if c not in rates]
    if missing:
        raise FinanceError(
            _("no rate on the scale of %(year)s for %(codes)s: load the scale"),
            year=year,
            codes=", ".join(missing[:10]),
        )
    try:
        shares = rules.assess(whole, rates, codes)
    except MoneyError as error:
        raise passed_on(FinanceError, error) from None
    states = {s.code: s for s in State.objects.filter(code__in=codes)}
    with transaction.atomic():
        old = Apportionment.objects.select_for_update().filter(treaty=treaty, year=year).first()
        before = None
        if old is not None:
            if old.status == Apportionment.Status.INVOICED:
                raise Frozen(
                    _("the invoices of %(year)s are issued: its assessments no longer change"), year=year
                )
            if not replace:
                raise FinanceError(
                    _("the costs of %(year)s are already shared: replace the preliminary assessments"),
                    year=year,
                )
            before = _apportionment_snapshot(old)
            old.assessments.all().delete()
            old.delete()
        made = Apportionment.objects.create(
            treaty=treaty,
            year=year,
            total=whole,
            basis=text,
            scale_from=start,
            participants_on=on,
            example=bool(example),
            made_at=timezone.now(),
            made_by=by.name,
        )
        Assessment.objects.bulk_create(
            Assessment(
                apportionment=made,
                state=states[s.code],
                scale_rate=s.rate,
                adjusted_rate=s.adjusted.quantize(Decimal("1e-12")),
                amount=s.amount,
            )
            for s in shares
        )
        log_action(by, "finance.apportion", made, before=before, after=_apportionment_snapshot(made))
    return made


def _apportionment_snapshot(a: Apportionment) -> dict[str, Any]:
    return {
        "year": a.year,
        "total": str(a.total),
        "participants_on": a.participants_on.isoformat(),
        "shares": {x.state.code: str(x.amount) for x in a.assessments.select_related("state")},
    }


def contact_points(state: State) -> list[User]:
    """Who hears of a State's invoices and payments: its national contact points, or, where it has
    none, its focal points."""
    for kinds in ([Role.Kind.CONTACT_POINT], [Role.Kind.FOCAL_POINT]):
        people = list(
            User.objects.filter(plenary_roles__state=state, plenary_roles__kind__in=kinds, is_active=True)
            .distinct()
            .order_by("pk")
        )
        if people:
            return people
    return []


def _portal_url(state: State) -> dict[str, str] | str:
    try:
        return notifications.page_urls("portal:finance_state", state.code)
    except Exception:  # the portal page is not there: the notification has no link
        return ""


def issue_invoices(apportionment: Apportionment, *, issued_on: Any, due_on: Any, by: Actor) -> list[Invoice]:
    """Issue the invoices of a year's assessments (UNOG's invoices follow the preliminary
    assessments; 13 February in 2017, per the reference).

    Guarantees: staff only; once (the apportionment is then invoiced and Frozen); one invoice per
    State with a share above 0.00, numbered TREATY/YEAR/NNNN in code order; the amount copied
    from the assessment; due on or after the issue day; each State's credits applied to its new
    invoice; the contact points told (INVOICE_ISSUED). All in one transaction; audited."""
    permissions.require_staff(by, _("issues invoices"))
    if not isinstance(apportionment, Apportionment) or apportionment.pk is None:
        raise FinanceError(_("name a recorded apportionment"))
    issued = _date(issued_on, _("the day of issue"))
    due = _date(due_on, _("the due date"))
    if due < issued:
        raise FinanceError(_("an invoice falls due on or after the day it is issued"))
    with transaction.atomic():
        locked = Apportionment.objects.select_for_update().get(pk=apportionment.pk)
        if locked.status == Apportionment.Status.INVOICED:
            raise Frozen(_("the invoices of %(year)s are already issued"), year=locked.year)
        made: list[Invoice] = []
        serial = 0
        for a in locked.assessments.select_related("state").order_by("state__code"):
            if a.amount <= 0:
                continue
            serial += 1
            made.append(
                Invoice.objects.create(
                    assessment=a,
                    state=a.state,
                    year=locked.year,
                    number=rules.invoice_number(locked.treaty, locked.year, serial),
                    amount=a.amount,
                    issued_on=issued,
                    due_on=due,
                    issued_by=by.name,
                )
            )
        locked.status = Apportionment.Status.INVOICED
        locked.save(update_fields=["status"])
        apportionment.status = locked.status
        log_action(
            by,
            "finance.invoices_issued",
            locked,
            before={"status": Apportionment.Status.PRELIMINARY},
            after={
                "status": locked.status,
                "invoices": len(made),
                "total": str(total(i.amount for i in made)),
            },
        )
        for invoice in made:
            _apply_credits(invoice.state, on=issued, by=by)
            notifications.notify(
                Notification.Kind.INVOICE_ISSUED,
                contact_points(invoice.state),
                context={
                    "number": invoice.number,
                    "state": invoice.state.code,
                    "year": invoice.year,
                    "amount": f"{invoice.amount} USD",
                    "due": invoice.due_on.isoformat(),
                },
                url=_portal_url(invoice.state),
            )
    return made


# --- payments and credits


def outstanding_of(invoice: Invoice) -> Decimal:
    # Summed in Python: a database's SUM of decimals may come back with other places (SQLite).
    return invoice.amount - total(invoice.applications.values_list("amount", flat=True))


def _open_invoices(state: State) -> list[Invoice]:
    invoices = list(Invoice.objects.select_for_update().filter(state=state).order_by("year", "number"))
    return [i for i in invoices if outstanding_of(i) > 0]


def _apply(available: Decimal, state: State, *, on: dt.date, payment=None, credit=None) -> Decimal:
    """Apply money to the State's open invoices, oldest first; what is left over."""
    invoices = _open_invoices(state)
    by_key = {str(i.pk): i for i in invoices}
    applied, left = rules.allocate(available, [rules.Open(str(i.pk), outstanding_of(i)) for i in invoices])
    for key, part in applied:
        Application.objects.create(
            invoice=by_key[key], payment=payment, credit=credit, amount=part, applied_on=on
        )
    return left


def credit_left(credit: Credit) -> Decimal:
    return credit.amount - total(credit.applications.values_list("amount", flat=True))


def _apply_credits(state: State, *, on: dt.date, by: Actor) -> None:
    for credit in Credit.objects.select_for_update().filter(state=state).order_by("made_on", "pk"):
        left = credit_left(credit)
        if left > 0:
            after = _apply(left, state, on=on, credit=credit)
            if after != left:
                log_action(by, "finance.credit_applied", credit, after={"applied": str(left - after)})


def record_payment(
    state: State,
    *,
    amount: Any,
    received_on: Any,
    reference: str = "",
    example: bool = False,
    by: Actor,
) -> Payment:
    """A payment received from a State.

    Guarantees: staff only; more than 0.00, to the cent (no floats, no negative: a mistake is
    reversed by a credit note, the payment never changes); received on a date not in the future;
    applied to the State's open invoices oldest first; what is left over a credit of the State
    (an over-payment), applied to its next invoice; the contact points told (PAYMENT_RECEIVED).
    One transaction; audited."""
    permissions.require_staff(by, _("records payments"))
    state = _state(state)
    money = _positive(amount, _("the amount paid"))
    received = _date(received_on, _("the day received"))
    if received > clock.today():
        raise FinanceError(_("a payment cannot be received in the future"))
    ref = _text(reference, _("the reference"), limit=100)
    if not isinstance(example, bool):
        raise FinanceError(_("the example mark is yes or no"))
    with transaction.atomic():
        State.objects.select_for_update().filter(pk=state.pk).first()  # one writer of a State's ledger
        payment = Payment.objects.create(
            state=state,
            amount=money,
            received_on=received,
            reference=ref,
            recorded_at=timezone.now(),
            recorded_by=by.name,
            example=example,
        )
        left = _apply(money, state, on=received, payment=payment)
        credit = None
        if left > 0:
            credit = Credit.objects.create(
                state=state,
                kind=Credit.Kind.OVERPAYMENT,
                amount=left,
                payment=payment,
                made_on=received,
                made_by=by.name,
                reason=f"over-payment of payment {payment.pk}",
            )
        log_action(
            by,
            "finance.payment",
            payment,
            after={
                "state": state.code,
                "amount": str(money),
                "received_on": received.isoformat(),
                "applied": {
                    a.invoice.number: str(a.amount) for a in payment.applications.select_related("invoice")
                },
                "credit": str(left) if credit else "0.00",
            },
        )
        notifications.notify(
            Notification.Kind.PAYMENT_RECEIVED,
            contact_points(state),
            context={"state": state.code, "amount": f"{money} USD", "date": received.isoformat()},
            url=_portal_url(state),
        )
    return payment


def record_credit_note(state: State, *, amount: Any, reason: str, on: Any = None, by: Actor) -> Credit:
    """A credit note of the secretariat for a State (a surplus returned, a correction).

    Guarantees: staff only; more than 0.00 to the cent; a reason given; applied at once to the
    State's open invoices oldest first, the rest kept for its next invoice. Audited."""
    permissions.require_staff(by, _("records credit notes"))
    state = _state(state)
    money = _positive(amount, _("the credit"))
    why = _text(reason, _("the reason"), required=True)
    day = clock.today() if on in (None, "") else _date(on, _("the day of the credit"))
    with transaction.atomic():
        State.objects.select_for_update().filter(pk=state.pk).first()
        credit = Credit.objects.create(
            state=state, kind=Credit.Kind.NOTE, amount=money, reason=why, made_on=day, made_by=by.name
        )
        left = _apply(money, state, on=day, credit=credit)
        log_action(
            by,
            "finance.credit_note",
            credit,
            after={"state": state.code, "amount": str(money), "reason": why, "left": str(left)},
        )
    return credit


# --- the Working Capital Fund


WCF_FROM = dt.date(2018, 1, 1)  # established by the Meeting of States Parties of 2018 (reference)


def record_fund_contribution(
    state: State, *, amount: Any, received_on: Any, source: str = "", example: bool = False, by: Actor
) -> FundContribution:
    """A voluntary contribution to the Working Capital Fund. Guarantees: staff only; more than
    0.00 to the cent; received in 2018 or later (the Fund was established by the MSP of 2018) and
    not in the future. Audited."""
    permissions.require_staff(by, _("records contributions to the Working Capital Fund"))
    state = _state(state)
    money = _positive(amount, _("the contribution"))
    received = _date(received_on, _("the day received"))
    if received < WCF_FROM:
        raise FinanceError(_("the Working Capital Fund was established in 2018"))
    if received > clock.today():
        raise FinanceError(_("a contribution cannot be received in the future"))
    if not isinstance(example, bool):
        raise FinanceError(_("the example mark is yes or no"))
    with transaction.atomic():
        try:
            row = FundContribution.objects.create(
                state=state,
                amount=money,
                received_on=received,
                source=_text(source, _("the source"), limit=300),
                example=example,
                recorded_by=by.name,
            )
        except IntegrityError:  # pragma: no cover - the checks above keep the constraints
            raise FinanceError(_("the contribution could not be recorded")) from None
        log_action(by, "finance.fund_contribution", row, after={"state": state.code, "amount": str(money)})
    return row


# --- the statement of the financial situation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def draft_statement(year: Any, *, as_of: Any = None, treaty: str = "BWC", by: Actor):
    """Draft the statement of the financial situation of a year as a document of that year's
    Meeting of States Parties, in the six languages (a Word file each), through the documents
    domain: a symbol of the meeting's series from the one allocator.

    Guarantees: staff or system only; the year's MSP recorded; every figure computed from the
    records on `as_of` (today by default) by `statement.figures`, which keeps the records each
    comes from, written into the audit entry; one draft per year and meeting (a second is Frozen
    with the symbol of the first); the document and its six files in one transaction, no file
    left behind if anything fails."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.core.languages import UN_LANGUAGES
    from plenary.documents import numbering
    from plenary.documents.domain import add_language_version, record_document
    from plenary.documents.files import atomic_files
    from plenary.documents.models import Document
    from plenary.documents.symbols import file_stem
    from plenary.finance import statement
    from plenary.reports.render import render_docx
    from plenary.treaties.queries import names_on

    permissions.require_staff(by, _("drafts the statement of the financial situation"))
    year = _year(year)
    day = clock.today() if as_of in (None, "") else _date(as_of, _("the day of the figures"))
    meeting = Meeting.objects.filter(treaty__code=treaty, kind=Meeting.Kind.MSP, year=year).first()
    if meeting is None:
        raise FinanceError(
            _("no Meeting of States Parties of %(year)s is recorded: plan it first"), year=year
        )
    if not Apportionment.objects.filter(treaty=treaty, year=year).exists():
        raise FinanceError(
            _("the costs of %(year)s are not shared yet: there is nothing to state"), year=year
        )
    figures = statement.figures(year, day, treaty=treaty)
    titles = statement.titles(year)
    with atomic_files():
        for document in Document.objects.filter(meeting=meeting, status=Document.Status.DRAFT):
            if (document.title or {}).get("en") == titles["en"]:
                raise Frozen(
                    _("the statement of %(year)s is already drafted as %(symbol)s"),
                    year=year,
                    symbol=document.symbol,
                )
        symbol = numbering.next_document_symbol(meeting)
        document = record_document(
            meeting,
            by=by,
            symbol=symbol,
            title=titles,
            original_language="en",
            secretariat=True,
            status=Document.Status.DRAFT,
        )
        for lang in UN_LANGUAGES:
            doc = statement.build(lang, document.symbol, figures, names_on(day, lang))
            upload = SimpleUploadedFile(
                f"{file_stem(document.symbol, lang)}.docx", render_docx(doc), content_type=DOCX
            )
            add_language_version(document, lang=lang, upload=upload, by=by)
        log_action(
            by,
            "finance.statement",
            document,
            after={
                "year": year,
                "as_of": day.isoformat(),
                "assessed": str(figures.assessed),
                "received": str(figures.received),
                "arrears": str(figures.arrears_total),
                "wcf": str(figures.wcf),
                "trace": figures.trace,
            },
        )
    return document
