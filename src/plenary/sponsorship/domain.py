"""The only writers of the sponsorship programme: donors' contributions, the dated DSA rates, a
meeting's application deadline, experts' applications, the ISU's decisions (in consultation with
the meeting's Chair and Vice-Chairs, who are recorded), the awards paid against the fund, and
withdrawals.

Every function takes who acts as `by`, checks the permission, validates, writes inside one
transaction and audits. An award is made only if the fund covers it for its meeting, with the
earmarks respected (`rules.fund`), so the fund never goes below zero.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_noop as _

from plenary.accounts import permissions
from plenary.accounts.models import Notification
from plenary.accounts.notify import notify, page_urls, staff_users
from plenary.core import clock, numbers
from plenary.core.actor import Actor
from plenary.core.audit import log_action
from plenary.core.errors import DomainError, NotAllowed, fill, term
from plenary.core.languages import UN_LANGUAGES, reader_lang
from plenary.meetings.models import Meeting, Officer
from plenary.participation.models import Organization
from plenary.sponsorship import rules
from plenary.sponsorship.models import (
    FUND_CURRENCY,
    Application,
    Award,
    Call,
    Contribution,
    Decision,
    DsaRate,
)
from plenary.treaties.models import State

CONSULTED_ROLES = (Officer.Role.PRESIDENT, Officer.Role.CHAIR, Officer.Role.VICE_CHAIR)
MIN_YEAR, MAX_YEAR = 2006, 2100  # the programme was created by the Seventh Review Conference (2011)


def _text(value: object, what: str, *, max_length: int = 200, required: bool = True) -> str:
    """A line of text: trimmed, no control characters, not too long; required unless told."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(what)s must be text"), what=term(what))
    text = " ".join(value.split())
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in text):
        raise DomainError(_("%(what)s contains control characters"), what=term(what))
    if required and not text:
        raise DomainError(_("%(what)s is missing"), what=term(what))
    if len(text) > max_length:
        raise DomainError(
            _("%(what)s is too long (at most %(max_length)s characters)"),
            what=term(what),
            max_length=max_length,
        )
    return text


def _note(value: object, what: str = _("the note")) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DomainError(_("%(what)s must be text"), what=term(what))
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
        raise DomainError(_("%(what)s contains control characters"), what=term(what))
    if len(value) > 2000:
        raise DomainError(_("%(what)s is too long (at most 2000 characters)"), what=term(what))
    return value.strip()


def _money(value: object, what: str) -> Decimal:
    try:
        return rules.money(value, what)
    except rules.RuleError as e:  # its template and values, to be read in the reader's language
        raise DomainError(e.template, **e.params) from None


class _NotCovered(DomainError):
    """The fund does not cover an award: the amounts asked and available, read as the reader
    writes amounts (US$15,200.00, 15 200,00 $US); `english()` keeps them as 15200.00 USD."""

    def __init__(self, asked: Decimal, available: Decimal, series: str) -> None:
        super().__init__(
            _("the fund does not cover this award: %(asked)s asked, %(available)s available for %(series)s"),
            asked=f"{asked} {FUND_CURRENCY}",
            available=f"{available} {FUND_CURRENCY}",
            series=series,
        )
        self.amounts = {"asked": asked, "available": available}

    def __str__(self) -> str:
        lang = reader_lang()
        shown = {k: numbers.money(v, FUND_CURRENCY, lang) for k, v in self.amounts.items()}
        return fill(self.template, {**self.params, **shown}, translate=True)


def _date(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise DomainError(_("%(what)s must be a date"), what=term(what))
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise DomainError(_("%(what)s must be a date (YYYY-MM-DD)"), what=term(what)) from None
    assert isinstance(value, dt.date)
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise DomainError(_("%(what)s is out of range"), what=term(what))
    return value


def _bool(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise DomainError(_("%(what)s must be answered yes or no"), what=term(what))
    return value


def _in_each_language(label) -> dict[str, str]:
    """A translatable label in each UN language, for a notification's context."""
    out = {}
    for lang in UN_LANGUAGES:
        with translation.override("zh-hans" if lang == "zh" else lang):
            out[lang] = str(label)
    return out


def _status_en(row) -> str:
    """The application's status word in English (the message translates it when read)."""
    with translation.override("en"):
        return str(row.get_status_display())


def _staff_only(by: Actor, what: str) -> None:
    if not permissions.is_staff(by):
        raise NotAllowed(_("only the secretariat %(what)s"), what=term(what))


# -- the fund -------------------------------------------------------------------------------------


def record_contribution(
    *,
    donor: State | Organization,
    amount: object,
    received_on: object,
    currency: str = FUND_CURRENCY,
    earmark_meeting: Meeting | None = None,
    earmark_year: object = None,
    source: str = "",
    note: str = "",
    example: bool = False,
    by: Actor,
) -> Contribution:
    """The secretariat records a donor's voluntary contribution, earmarked for a meeting, a year
    or not at all."""
    _staff_only(by, _("records contributions"))
    if not isinstance(donor, State | Organization):
        raise DomainError(_("the donor must be a State or an organization"))
    if currency != FUND_CURRENCY:
        raise DomainError(
            _(
                "the fund is kept in %(currency)s: record the amount as credited in %(currency)s "
                "and the original amount in the note"
            ),
            currency=FUND_CURRENCY,
        )
    value = _money(amount, _("the amount"))
    if value == 0:
        raise DomainError(_("the amount must be more than zero"))
    year = None
    if earmark_year not in (None, ""):
        if earmark_meeting is not None:
            raise DomainError(_("a contribution is earmarked for a meeting or for a year, not both"))
        try:
            year = int(str(earmark_year))
        except ValueError:
            raise DomainError(_("the earmarked year must be a year")) from None
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise DomainError(_("the earmarked year is out of range"))
    with transaction.atomic():
        row = Contribution.objects.create(
            donor_state=donor if isinstance(donor, State) else None,
            donor_organization=donor if isinstance(donor, Organization) else None,
            amount=value,
            currency=currency,
            received_on=_date(received_on, _("the date received")),
            earmark_meeting=earmark_meeting,
            earmark_year=year,
            source=_text(source, _("the source"), max_length=300, required=False),
            note=_note(note),
            example=_bool(example, _("example")),
        )
        log_action(by, "sponsorship.record_contribution", row, after=_contribution_values(row))
    return row


def _contribution_values(row: Contribution) -> dict:
    return {
        "donor": str(row.donor_state.code if row.donor_state_id else row.donor_organization.code),
        "amount": str(row.amount),
        "currency": row.currency,
        "received_on": row.received_on.isoformat(),
        "earmark_meeting": row.earmark_meeting.series if row.earmark_meeting_id else "",
        "earmark_year": row.earmark_year,
        "example": row.example,
    }


def record_dsa_rate(
    *,
    amount: object,
    valid_from: object,
    valid_to: object = None,
    place: str = "Geneva",
    source: str = "",
    example: bool = False,
    by: Actor,
) -> DsaRate:
    """The secretariat records the DSA rate for a place from a date (its source, or marked as an
    example rate)."""
    _staff_only(by, _("records DSA rates"))
    start = _date(valid_from, _("the first day"))
    end = _date(valid_to, _("the last day")) if valid_to not in (None, "") else None
    if end is not None and end < start:
        raise DomainError(_("the last day is before the first"))
    where = _text(place, _("the place"), max_length=100)
    value = _money(amount, _("the DSA rate"))
    if value == 0:
        raise DomainError(_("the DSA rate must be more than zero"))
    if DsaRate.objects.filter(place=where, valid_from=start).exists():
        raise DomainError(
            _("a DSA rate for %(where)s from %(day)s is recorded already"), where=where, day=start
        )
    with transaction.atomic():
        row = DsaRate.objects.create(
            place=where,
            amount=value,
            valid_from=start,
            valid_to=end,
            source=_text(source, _("the source"), max_length=300, required=False),
            example=_bool(example, _("example")),
        )
        log_action(by, "sponsorship.record_dsa_rate", row, after={"place": where, "amount": str(value)})
    return row


def rate_on(day: dt.date, place: str = "Geneva") -> DsaRate:
    """The DSA rate for `place` on `day`: the latest that starts by then and has not ended."""
    rate = (
        DsaRate.objects.filter(place=place, valid_from__lte=day)
        .exclude(valid_to__lt=day)
        .order_by("-valid_from")
        .first()
    )
    if rate is None:
        raise DomainError(_("no DSA rate for %(place)s on %(day)s is recorded"), place=place, day=day)
    return rate


def open_call(meeting: Meeting, *, deadline: object, source: str = "", by: Actor) -> Call:
    """The secretariat opens a meeting for applications until `deadline` (or moves the deadline)."""
    _staff_only(by, _("opens a meeting for sponsorship applications"))
    day = _date(deadline, _("the deadline"))
    if meeting.start and day > meeting.start:
        raise DomainError(_("the deadline is after the meeting opens"))
    with transaction.atomic():
        call, created = Call.objects.get_or_create(meeting=meeting, defaults={"deadline": day})
        before = None if created else {"deadline": call.deadline.isoformat()}
        call.deadline = day
        call.source = _text(source, _("the source"), max_length=300, required=False)
        call.save()
        log_action(by, "sponsorship.open_call", call, before=before, after={"deadline": day.isoformat()})
    return call


# -- applications ---------------------------------------------------------------------------------


def apply(
    meeting: Meeting,
    *,
    state: State,
    expert_name: object,
    expert_function: object,
    expert_agency: object,
    official_confirmed: object,
    developing: object,
    attended_before: object,
    can_send_from_capital: object,
    travel_from: object,
    arrive: object,
    depart: object,
    example: bool = False,
    by: Actor,
) -> Application:
    """An expert selected by their government applies to be sponsored for a meeting: a signed-in
    person of the State (or the secretariat on its behalf), before the meeting's deadline, the
    expert confirming they are an official of a responsible agency."""
    if by.user is None and not by.is_system:
        raise NotAllowed(_("sign in to apply"))
    if not (permissions.is_staff(by) or state.code in permissions.state_people_of(by)):
        raise NotAllowed(_("only the people of %(code)s apply for its experts"), code=state.code)
    call = Call.objects.filter(meeting=meeting).first()
    if call is None:
        raise DomainError(_("%(series)s is not open for sponsorship applications"), series=meeting.series)
    if clock.today() > call.deadline and not by.is_system:
        raise DomainError(
            _("the deadline for %(series)s was %(deadline)s"),
            series=meeting.series,
            deadline=call.deadline,
        )
    if not _bool(official_confirmed, _("the confirmation")):
        raise DomainError(_("the expert must confirm being an official of a responsible agency"))
    name = _text(expert_name, _("the expert's name"))
    first, last = _date(arrive, _("the day of arrival")), _date(depart, _("the day of departure"))
    if last < first:
        raise DomainError(_("the day of departure is before the day of arrival"))
    if meeting.start and meeting.end:
        if first < meeting.start - dt.timedelta(days=2) or last > meeting.end + dt.timedelta(days=2):
            raise DomainError(_("the travel dates must be within two days of the meeting"))
        if (last - first).days > rules.MAX_DSA_DAYS:
            raise DomainError(_("the stay is too long"))
    party = bool(permissions.states_parties_among({state.code}))
    with transaction.atomic():
        twice = Application.objects.filter(meeting=meeting, state=state, expert_name__iexact=name).exclude(
            status=Application.Status.WITHDRAWN
        )
        if twice.exists():
            raise DomainError(
                _("%(name)s has applied for %(series)s already"), name=name, series=meeting.series
            )
        row = Application.objects.create(
            meeting=meeting,
            state=state,
            applicant=by.user,
            expert_name=name,
            expert_function=_text(expert_function, _("the expert's function")),
            expert_agency=_text(expert_agency, _("the expert's agency")),
            official_confirmed=True,
            developing=_bool(developing, _("whether the State is a developing country")),
            state_party=party,
            attended_before=_bool(attended_before, _("whether the expert took part before")),
            can_send_from_capital=_bool(
                can_send_from_capital, "whether the State can send experts from capital"
            ),
            travel_from=_text(travel_from, _("the place of travel")),
            arrive=first,
            depart=last,
            submitted_at=timezone.now(),
            example=_bool(example, _("example")),
        )
        log_action(
            by,
            "sponsorship.apply",
            row,
            after={"meeting": meeting.series, "state": state.code, "expert": name},
            acting_for=permissions.acting_for_state(by, state),
        )
        context = {"who": name, "meeting": meeting.series}
        notify(
            Notification.Kind.SPONSORSHIP_RECEIVED,
            [by.user, *staff_users()],
            context=context,
            url=page_urls("portal:sponsorship_mine"),
        )
    return row


def withdraw(application: Application, *, by: Actor) -> Application:
    """The applicant (or their State's focal point, or the secretariat) withdraws an application
    not yet decided."""
    mine = by.user is not None and application.applicant_id == by.user.pk
    fp = application.state.code in permissions.represented_states(by, focal_point_only=True)
    if not (mine or fp or permissions.is_staff(by)):
        raise NotAllowed(_("only the applicant, their State's focal point or the secretariat withdraws it"))
    with transaction.atomic():
        row = Application.objects.select_for_update().get(pk=application.pk)
        if row.status != Application.Status.SUBMITTED:
            raise DomainError(
                _("the application is %(status)s and can no longer be withdrawn"),
                status=term(_status_en(row)),
            )
        row.status = Application.Status.WITHDRAWN
        row.save(update_fields=["status"])
        log_action(
            by,
            "sponsorship.withdraw",
            row,
            before={"status": "submitted"},
            after={"status": "withdrawn"},
            acting_for="" if mine else permissions.acting_for_state(by, row.state),
        )
    return row


# -- decisions and awards -------------------------------------------------------------------------


def fund_now(*, lock: bool = False) -> rules.Fund:
    """The fund as the records stand (contributions and awards; locked for an award)."""
    contributions = Contribution.objects.all()
    awards = Award.objects.select_related("application__meeting")
    if lock:
        contributions = contributions.select_for_update()
        awards = awards.select_for_update()
    return rules.fund(
        [
            rules.Money(
                c.amount,
                meeting=str(c.earmark_meeting_id) if c.earmark_meeting_id else "",
                year=c.earmark_year,
            )
            for c in contributions
        ],
        [
            rules.Money(a.total, meeting=str(a.application.meeting_id), year=a.application.meeting.year)
            for a in awards
        ],
    )


def decide(
    application: Application,
    *,
    outcome: str,
    officers: Sequence[Officer],
    note: str = "",
    airfare: object = None,
    terminal: object = None,
    dsa_days: object = None,
    by: Actor,
) -> Decision:
    """The ISU decides on an application in consultation with the meeting's Chair and Vice-Chairs
    (those consulted are recorded). Approving makes the award (airfare + terminal expenses + DSA
    days at the dated rate for Geneva), and only if the fund covers it for the meeting."""
    _staff_only(by, _("decides on sponsorship applications"))
    if outcome not in Decision.Outcome.values:
        raise DomainError(_("the decision is approved or declined"))
    officers = list(officers)
    for officer in officers:
        if not isinstance(officer, Officer) or officer.meeting_id != application.meeting_id:
            raise DomainError(_("the officers consulted must be officers of the meeting"))
        if officer.role not in CONSULTED_ROLES:
            raise DomainError(_("the officers consulted are the meeting's Chair and Vice-Chairs"))
    if not officers and Officer.objects.filter(meeting_id=application.meeting_id).exists():
        raise DomainError(_("say which of the meeting's officers were consulted"))
    text = _note(note)
    cost = None
    rate = None
    if outcome == Decision.Outcome.APPROVED:
        try:
            cost_days = rules.dsa_days(dsa_days)
        except rules.RuleError as e:
            raise DomainError(e.template, **e.params) from None
        rate = rate_on(application.arrive)
        cost = rules.award_cost(
            _money(airfare, _("the airfare")),
            _money(terminal, _("the terminal expenses")),
            cost_days,
            rate.amount,
        )
    with transaction.atomic():
        row = (
            Application.objects.select_for_update().select_related("meeting", "state").get(pk=application.pk)
        )
        if row.status != Application.Status.SUBMITTED:
            raise DomainError(_("the application is %(status)s already"), status=term(_status_en(row)))
        now = timezone.now()
        if cost is not None:
            available = fund_now(lock=True).available(str(row.meeting_id), row.meeting.year)
            if cost.total > available:
                raise _NotCovered(cost.total, available, row.meeting.series)
        decision = Decision.objects.create(application=row, outcome=outcome, by=by.name, note=text, at=now)
        decision.officers_consulted.set(officers)
        row.status = outcome
        row.save(update_fields=["status"])
        after = {"outcome": outcome, "officers": sorted(o.pk for o in officers)}
        if cost is not None:
            assert rate is not None
            award = Award.objects.create(
                application=row,
                airfare=cost.airfare,
                terminal=cost.terminal,
                dsa_days=cost.days,
                dsa_rate=rate,
                dsa_amount=cost.rate,
                total=cost.total,
                made_at=now,
            )
            after["award"] = str(award.total)
        log_action(by, "sponsorship.decide", decision, before={"status": "submitted"}, after=after)
        notify(
            Notification.Kind.SPONSORSHIP_DECIDED,
            [row.applicant],
            context={
                "who": row.expert_name,
                "meeting": row.meeting.series,
                "decision": _in_each_language(Decision.Outcome(outcome).label),
                "note": text,
            },
            url=page_urls("portal:sponsorship_mine"),
        )
    return decision
