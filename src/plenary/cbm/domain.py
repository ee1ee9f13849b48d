"""The acts on CBM reports: the only writers of plenary.cbm.

A State's report is drafted by its national contact point, authorised users and focal point
(`accounts.permissions.can_draft_for_state`) and submitted by its contact point
(`can_submit_for_state`), who chooses public or restricted to States Parties. The secretariat may
do either on the State's behalf: the report says so (`channel`, `acting_for`) and so does every
audit entry. A submitted version never changes (Frozen); a correction is the next version,
started from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from plenary.accounts.models import Notification, Role
from plenary.accounts.notify import notify
from plenary.accounts.permissions import (
    STATE_KINDS,
    acting_for_state,
    can_draft_for_state,
    can_submit_for_state,
    is_staff,
)
from plenary.cbm import forms
from plenary.cbm.models import CbmDeclaration, CbmEntry, CbmReport
from plenary.core import clock
from plenary.core.actor import Actor
from plenary.core.audit import acting_for_code, log_action
from plenary.core.errors import DomainError, Frozen, NotAllowed, fill
from plenary.core.languages import UN_LANGUAGES
from plenary.treaties.models import State

CONTACT_FIELDS = ("title", "name", "position", "address", "telephone", "fax", "email", "url", "organization")


def report_snapshot(report: CbmReport) -> dict[str, Any]:
    """The values of a report, for audit entries (its content is in the declarations' and
    entries' own entries)."""
    return {
        "state": report.state.code,
        "year": report.year,
        "version": report.version,
        "status": report.status,
        "visibility": report.visibility,
        "channel": report.channel,
        "languages": list(report.languages),
        "contact": dict(report.contact),
        **({"received_on": report.received_on.isoformat()} if report.received_on else {}),
        **(
            {"original": report.original_name, "sha256": report.original_sha256}
            if report.original_sha256
            else {}
        ),
        **({"example": True} if report.example else {}),
    }


def _check_year(year: Any) -> int:
    last = clock.today().year - 1
    if isinstance(year, bool) or not isinstance(year, int) or not forms.FIRST_YEAR <= year <= last:
        raise DomainError(
            _("a CBM report covers a past calendar year from %(first)s to %(last)s"),
            first=forms.FIRST_YEAR,
            last=last,
        )
    return year


def _check_received(received_on: Any, year: int) -> dt.date:
    """The day the secretariat received the report the State sent: a day of the calendar, from
    the first day of the year the report covers, and not after today."""
    if isinstance(received_on, dt.datetime) or not isinstance(received_on, dt.date):
        raise DomainError(_("the day the report was received is a date (YYYY-MM-DD)"))
    if received_on > clock.today():
        raise DomainError(
            _("the report cannot have been received on %(date)s, after today"), date=received_on
        )
    if received_on.year < year:
        raise DomainError(
            _("a report on %(year)s cannot have been received on %(date)s, before that year began"),
            year=year,
            date=received_on,
        )
    return received_on


def _check_languages(languages: Any) -> list[str]:
    if not isinstance(languages, list | tuple) or not languages:
        raise DomainError(_("a report is written in at least one of the UN languages"))
    wrong = [str(lang)[:10] for lang in languages if lang not in UN_LANGUAGES]
    if wrong:
        raise DomainError(
            _("not a UN language: %(wrong)s (one of %(languages)s)"),
            wrong=", ".join(wrong),
            languages=", ".join(UN_LANGUAGES),
        )
    return [lang for lang in UN_LANGUAGES if lang in languages]


def _check_contact(contact: Any) -> dict[str, str]:
    if contact is None:
        return {}
    if not isinstance(contact, Mapping):
        raise DomainError(_("the national point of contact is given field by field"))
    unknown = sorted(set(contact) - set(CONTACT_FIELDS))
    if unknown:
        raise DomainError(
            _("the point of contact has no field %(fields)s"), fields=", ".join(map(str, unknown))[:80]
        )
    cleaned = {}
    for name, value in contact.items():
        if not isinstance(value, str) or len(value) > 500 or any(ord(c) < 32 for c in value):
            raise DomainError(
                _("the point of contact's %(name)s is a line of text of at most 500 characters"), name=name
            )
        if value.strip():
            cleaned[name] = value.strip()
    return cleaned


class _InForm0(DomainError):
    """A refusal of a row of Form 0: "Form 0: <the refusal>", the refusal (a FormError) read in
    the language active when the whole is read."""

    def __init__(self, inner: DomainError) -> None:
        super().__init__(_("Form 0: %(why)s"), why=inner.english())
        self.inner = inner

    def __str__(self) -> str:
        return fill(self.template, {**self.params, "why": str(self.inner)}, translate=True)


def _may_draft(by: Actor, state: State) -> None:
    if not can_draft_for_state(by, state):
        raise NotAllowed(
            _("only the contact point and authorised users of %(state)s draft its CBM reports"),
            state=state.code,
        )


def _draft(report: CbmReport, by: Actor) -> CbmReport:
    """The report, locked, if it is a draft `by` may change."""
    current = CbmReport.objects.select_for_update().select_related("state").get(pk=report.pk)
    _may_draft(by, current.state)
    if current.status != CbmReport.Status.DRAFT:
        raise Frozen(
            _(
                "the CBM report of %(state)s for %(year)s (version %(version)s) is "
                "submitted and never changes; start a correction (the next version)"
            ),
            state=current.state.code,
            year=current.year,
            version=current.version,
        )
    return current


def start_report(
    state: State,
    year: int,
    *,
    by: Actor,
    languages: list[str] | tuple[str, ...] = ("en",),
    contact: Mapping[str, str] | None = None,
    example: bool = False,
) -> CbmReport:
    """Start a State's report for a year: version 1, or, when a version is submitted, the next
    version holding a copy of the latest one's Form 0 and entries (a correction).

    Guarantees: the State's drafters or the secretariat only; a past calendar year; UN languages;
    one draft a year per State (a second start is refused); audited, with `acting_for` when the
    secretariat starts it for the State."""
    _may_draft(by, state)
    year = _check_year(year)
    languages = _check_languages(languages)
    contact = _check_contact(contact)
    with transaction.atomic():
        State.objects.select_for_update().get(pk=state.pk)
        versions = CbmReport.objects.filter(state=state, year=year)
        if versions.filter(status=CbmReport.Status.DRAFT).exists():
            raise DomainError(
                _("%(state)s already has a draft CBM report for %(year)s: go on with it"),
                state=state.code,
                year=year,
            )
        latest = versions.filter(status=CbmReport.Status.SUBMITTED).order_by("-version").first()
        acting_for = acting_for_state(by, state)
        report = CbmReport.objects.create(
            state=state,
            year=year,
            version=(latest.version + 1) if latest else 1,
            languages=languages if latest is None or languages != ["en"] else latest.languages,
            contact=contact or (dict(latest.contact) if latest else {}),
            channel=CbmReport.Channel.SECRETARIAT if acting_for else CbmReport.Channel.PORTAL,
            supersedes=latest,
            started_by=by.name,
            started_at=timezone.now(),
            example=bool(example),
        )
        if latest is not None:
            for row in latest.declarations.all():
                CbmDeclaration.objects.create(
                    report=report, measure=row.measure, answer=row.answer, last_year=row.last_year
                )
            for entry in latest.entries.all():
                CbmEntry.objects.create(
                    report=report,
                    form=entry.form,
                    data=entry.data,
                    added_by=entry.added_by,
                    added_at=entry.added_at,
                )
        log_action(by, "cbm.start", report, after=report_snapshot(report), acting_for=acting_for)
    return report


def update_report(
    report: CbmReport,
    *,
    by: Actor,
    languages: list[str] | tuple[str, ...] | None = None,
    contact: Mapping[str, str] | None = None,
) -> CbmReport:
    """Change a draft's languages or point of contact. Guarantees: a draft, by its drafters."""
    with transaction.atomic():
        current = _draft(report, by)
        before = report_snapshot(current)
        if languages is not None:
            current.languages = _check_languages(languages)
        if contact is not None:
            current.contact = _check_contact(contact)
        current.save(update_fields=["languages", "contact"])
        log_action(
            by,
            "cbm.update",
            current,
            before=before,
            after=report_snapshot(current),
            acting_for=acting_for_state(by, current.state),
        )
    return current


def set_declaration(
    report: CbmReport, measure: str, answer: str, *, by: Actor, last_year: int | None = None
) -> CbmDeclaration:
    """Answer one row of Form 0 (replacing the draft's earlier answer to it). Guarantees: a draft,
    by its drafters; the row checked by cbm/forms.py against the year the report covers."""
    with transaction.atomic():
        current = _draft(report, by)
        try:
            forms.check_declaration(forms.Declaration(measure, answer, last_year), year_covered=current.year)
        except forms.FormError as error:
            raise _InForm0(error) from None
        row = CbmDeclaration.objects.filter(report=current, measure=measure).first()
        before = None if row is None else {"answer": row.answer, "last_year": row.last_year}
        if row is None:
            row = CbmDeclaration.objects.create(
                report=current, measure=measure, answer=answer, last_year=last_year
            )
        else:
            row.answer, row.last_year = answer, last_year
            row.save(update_fields=["answer", "last_year"])
        log_action(
            by,
            "cbm.declare",
            row,
            before=before,
            after={"report": current.pk, "measure": measure, "answer": answer, "last_year": last_year},
            acting_for=acting_for_state(by, current.state),
        )
    return row


def set_form0(report: CbmReport, rows: list[forms.Declaration], *, by: Actor) -> list[CbmDeclaration]:
    """Answer several rows of Form 0 at once (the portal's Form 0 page): all of them or, when any
    row is wrong, none. Guarantees: as set_declaration for each row; each row audited."""
    if not isinstance(rows, list | tuple) or not rows:
        raise DomainError(_("Form 0: answer at least one row"))
    measures = [getattr(row, "measure", None) for row in rows]
    if len(set(measures)) != len(measures):
        raise DomainError(_("Form 0: each row is answered once"))
    with transaction.atomic():
        current = _draft(report, by)
        for row in rows:
            if not isinstance(row, forms.Declaration):
                raise DomainError(_("Form 0: a row is a measure, an answer and, for nothing new, a year"))
            try:
                forms.check_declaration(row, year_covered=current.year)
            except forms.FormError as error:
                raise _InForm0(error) from None
        return [
            set_declaration(current, row.measure, row.answer, last_year=row.last_year, by=by) for row in rows
        ]


def add_entry(report: CbmReport, form: str, data: Mapping[str, Any], *, by: Actor) -> CbmEntry:
    """Add an entry to a form of a draft (a facility, a programme, an outbreak; a form that occurs
    once takes one entry). Guarantees: a draft, by its drafters (a colleague of the same State adds
    a facility to the contact point's draft); the fields checked by cbm/forms.py; A2(iii) names a
    programme declared in A2(ii) of the same report."""
    with transaction.atomic():
        current = _draft(report, by)
        cleaned = _checked(current, form, data)
        spec = forms.FORMS[form]
        if not spec.repeats and current.entries.filter(form=form).exists():
            raise DomainError(_("%(form)s occurs once in a report: change the entry there is"), form=form)
        entry = CbmEntry.objects.create(
            report=current, form=form, data=cleaned, added_by=by.name, added_at=timezone.now()
        )
        log_action(
            by,
            "cbm.entry.add",
            entry,
            after={"report": current.pk, "form": form, "data": cleaned},
            acting_for=acting_for_state(by, current.state),
        )
    return entry


def _checked(report: CbmReport, form: str, data: Any) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise DomainError(_("an entry is given field by field"))
    cleaned = forms.check_entry(form, data)  # a FormError is a DomainError, read in the reader's language
    if form == "A2iii":
        programmes = {e.data.get("name") for e in report.entries.filter(form="A2ii")}
        if cleaned["programme"] not in programmes:
            raise DomainError(
                _("A2iii: the facility's programme is one declared in A, part 2 (ii) of this report")
            )
    return cleaned


def update_entry(entry: CbmEntry, data: Mapping[str, Any], *, by: Actor) -> CbmEntry:
    """Change an entry of a draft. Guarantees: as add_entry; audited before and after."""
    with transaction.atomic():
        current = _draft(entry.report, by)
        row = CbmEntry.objects.select_for_update().get(pk=entry.pk, report=current)
        cleaned = _checked(current, row.form, data)
        before = dict(row.data)
        row.data = cleaned
        row.save(update_fields=["data"])
        log_action(
            by,
            "cbm.entry.update",
            row,
            before={"form": row.form, "data": before},
            after={"form": row.form, "data": cleaned},
            acting_for=acting_for_state(by, current.state),
        )
    return row


def remove_entry(entry: CbmEntry, *, by: Actor) -> None:
    """Take an entry out of a draft (what it held stays in the audit trail). Guarantees: a draft,
    by its drafters; an A2(ii) programme that A2(iii) facilities name stays."""
    with transaction.atomic():
        current = _draft(entry.report, by)
        row = CbmEntry.objects.select_for_update().get(pk=entry.pk, report=current)
        if row.form == "A2ii" and any(
            e.data.get("programme") == row.data.get("name") for e in current.entries.filter(form="A2iii")
        ):
            raise DomainError(
                _("A2ii: facilities in A, part 2 (iii) name this programme; take them out first")
            )
        log_action(
            by,
            "cbm.entry.remove",
            row,
            before={"report": current.pk, "form": row.form, "data": row.data},
            acting_for=acting_for_state(by, current.state),
        )
        row.delete()


def submit_report(
    report: CbmReport, *, visibility: str, by: Actor, received_on: dt.date | None = None
) -> CbmReport:
    """Submit a draft as the State's report for its year, public or restricted to States Parties.

    Guarantees: the State's national contact point, or the secretariat on its behalf (marked),
    who may give the day it received what the State sent (`received_on`: from the year covered,
    not after today; the report is on time or late from that day; the contact point's own
    submission is dated when it is made);
    a visibility chosen; Form 0 and the entries agree (a measure with entries is not declared as
    nothing to declare); from then on the version never changes; the State's people are told
    (CBM_SUBMITTED). Audited."""
    if visibility not in CbmReport.Visibility.values:
        raise DomainError(_("choose whether the report is public or restricted to States Parties"))
    with transaction.atomic():
        current = _draft(report, by)
        if not can_submit_for_state(by, current.state):
            raise NotAllowed(
                _("only the national contact point of %(state)s submits its CBM report"),
                state=current.state.code,
            )
        with_entries = {forms.FORMS[e.form].measure for e in current.entries.all()}
        empty_claims = sorted(
            d.measure
            for d in current.declarations.all()
            if d.answer != forms.DECLARED and d.measure in with_entries
        )
        if empty_claims:
            raise DomainError(
                _(
                    "Form 0 says nothing (new) to declare for %(measures)s, but the report "
                    "has entries there: answer 'declared' or take the entries out"
                ),
                measures=", ".join(empty_claims),
            )
        if not current.declarations.exists() and not current.entries.exists():
            raise DomainError(_("the report is empty: answer Form 0 or fill in a form"))
        acting_for = acting_for_state(by, current.state)
        if received_on is not None:
            if not acting_for:
                raise NotAllowed(
                    _(
                        "only the secretariat, entering a report on the State's behalf, gives the day it was received"
                    )
                )
            received_on = _check_received(received_on, current.year)
        before = report_snapshot(current)
        current.status = CbmReport.Status.SUBMITTED
        current.visibility = visibility
        current.submitted_by = by.name
        current.submitted_at = timezone.now()
        current.received_on = received_on
        current.acting_for = acting_for
        if acting_for:
            current.channel = CbmReport.Channel.SECRETARIAT
        try:
            current.save()
        except IntegrityError:  # pragma: no cover - the row lock makes this unreachable
            raise DomainError(_("the report changed meanwhile; reload it")) from None
        log_action(
            by, "cbm.submit", current, before=before, after=report_snapshot(current), acting_for=acting_for
        )
        _notify_submitted(current)
    return current


def _notify_submitted(report: CbmReport) -> None:
    people = [
        r.user
        for r in Role.objects.filter(kind__in=STATE_KINDS, state=report.state).select_related("user")
        if not is_staff(r.user)
    ]
    notify(
        Notification.Kind.CBM_SUBMITTED,
        people,
        context={
            "state": report.state.code,
            "year": report.year,
            "version": report.version,
            "visibility": report.get_visibility_display(),
        },
    )


def upload_report(
    state: State,
    year: int,
    upload,
    *,
    visibility: str,
    by: Actor,
    languages: list[str] | tuple[str, ...] = ("en",),
    contact: Mapping[str, str] | None = None,
    example: bool = False,
    received_on: dt.date | None = None,
) -> CbmReport:
    """Put on record the original document of a State's CBM report, as the State sent it to the
    secretariat (by e-mail or on paper), as the State's submitted report for the year.

    Guarantees: the secretariat only, marked as entered on the State's behalf (`channel`
    "secretariat", `acting_for` "State:XXX", in the report and its audit entry); a past calendar
    year; the day the secretariat received it (`received_on`, default today; from the year covered,
    not after today: the report is on time or late from that day); the languages the document is
    written in; the State's choice of public or restricted;
    the file checked as every upload (type, size, no active content: documents.domain.read_upload)
    and stored through Django's storage with its SHA-256, under its name only once the transaction
    commits; the next version (a correction of an earlier one); refused while the State has a draft
    for the year (its contact point submits that one, or it is finished first); the State's people
    are told. Nothing is written when anything is refused."""
    from plenary.accounts.permissions import require_staff
    from plenary.documents import files
    from plenary.documents.domain import read_upload, sha256_of

    require_staff(by, _("puts a State's CBM report on record on its behalf"))
    year = _check_year(year)
    received_on = _check_received(clock.today() if received_on is None else received_on, year)
    languages = _check_languages(languages)
    contact = _check_contact(contact)
    if visibility not in CbmReport.Visibility.values:
        raise DomainError(_("choose whether the report is public or restricted to States Parties"))
    if upload is None:
        raise DomainError(_("choose the file of the report as the State sent it"))
    data, ext, name = read_upload(upload)
    with files.atomic_files():
        State.objects.select_for_update().get(pk=state.pk)
        versions = CbmReport.objects.filter(state=state, year=year)
        if versions.filter(status=CbmReport.Status.DRAFT).exists():
            raise DomainError(
                _(
                    "%(state)s has a draft CBM report for %(year)s: its contact point submits it, or it is "
                    "finished first"
                ),
                state=state.code,
                year=year,
            )
        latest = versions.filter(status=CbmReport.Status.SUBMITTED).order_by("-version").first()
        version = (latest.version + 1) if latest else 1
        now = timezone.now()
        report = CbmReport(
            state=state,
            year=year,
            version=version,
            status=CbmReport.Status.SUBMITTED,
            visibility=visibility,
            channel=CbmReport.Channel.SECRETARIAT,
            languages=languages,
            contact=contact or (dict(latest.contact) if latest else {}),
            supersedes=latest,
            started_by=by.name,
            started_at=now,
            submitted_by=by.name,
            submitted_at=now,
            received_on=received_on,
            acting_for=acting_for_code("State", state.code),
            original_name=name,
            original_sha256=sha256_of(data),
            example=bool(example),
        )
        files.stage(report.original, f"{state.code}-CBM-{year}-v{version}{ext}", data)
        report.save()
        log_action(
            by,
            "cbm.upload",
            report,
            after=report_snapshot(report),
            acting_for=acting_for_code("State", state.code),
        )
        _notify_submitted(report)
    return report


def load_history(rows: list[Mapping[str, Any]], *, by: Actor) -> dict[str, int]:
    """Load past years' CBM counts (from cbm/data/cbm_history.csv): adds and updates, never
    deletes. Guarantees: the secretariat or the system only; a year from 1987, a number of
    reports, a source for each row; all or nothing; each change audited. Safe to run twice."""
    from plenary.accounts.permissions import require_staff
    from plenary.cbm.models import CbmHistory

    require_staff(by, _("loads the CBM history"))
    checked = []
    for number, row in enumerate(rows, 1):
        try:
            year, reports = int(row["year"]), int(row["reports"])
            parties = int(row["states_parties"]) if row.get("states_parties") else None
        except (KeyError, TypeError, ValueError):
            raise DomainError(f"CBM history row {number}: year and reports are whole numbers") from None
        source = str(row.get("source") or "").strip()
        if not (forms.FIRST_YEAR <= year <= clock.today().year) or reports < 0 or not source:
            raise DomainError(
                f"CBM history row {number}: a year from {forms.FIRST_YEAR}, a count and a source"
            )
        values = {
            "reports": reports,
            "states_parties": parties,
            "source": source[:500],
            "note": str(row.get("note") or "").strip()[:500],
        }
        checked.append((year, values))
    counts = {"created": 0, "updated": 0}
    with transaction.atomic():
        for year, values in checked:
            row = CbmHistory.objects.filter(year=year).first()
            if row is None:
                row = CbmHistory.objects.create(year=year, **values)
                log_action(by, "cbm.history", row, after={"year": year, **values})
                counts["created"] += 1
                continue
            before = {k: getattr(row, k) for k in values}
            if before != values:
                for key, value in values.items():
                    setattr(row, key, value)
                row.save()
                log_action(by, "cbm.history", row, before=before, after=values)
                counts["updated"] += 1
    return counts
