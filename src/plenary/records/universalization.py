"""The Chair's universalization report, drawn from the records: the States not yet party on a date
(the signatories and the States that are neither), the contacts made with each in the year, the
States that joined in the year, the number of States Parties over time; and its draft document for
the Meeting of States Parties of the year (records.drafts: a symbol from the one allocator, a Word
file in each of the six languages).

The report's wording is Plenary's own (the reference gives no model of the Chair's report): each
fact in it comes from the treaty events and the contacts on record, each contact with its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.core.actor import Actor
from plenary.core.dates import un_date
from plenary.core.errors import DomainError
from plenary.documents.models import Document
from plenary.records.drafts import existing_draft, msp_of, record_draft, report_doc
from plenary.reports.language import order_names
from plenary.reports.tree import Para, Table
from plenary.treaties.models import Treaty, TreatyEvent, UniversalizationContact
from plenary.treaties.queries import (
    contacts_in_year,
    names_on,
    new_parties_in_year,
    parties_by_year,
    treaty_status,
)

TITLE = gettext_lazy("Report of the Chair on universalization activities")


def django_lang(lang: str) -> str:
    return "zh-hans" if lang == "zh" else lang


@dataclass(frozen=True)
class NotParty:
    code: str
    status: str  # "signatory" or "neither"
    signed: dt.date | None
    contacts: tuple[UniversalizationContact, ...]


@dataclass(frozen=True)
class UniversalizationReport:
    treaty: Treaty
    on: dt.date
    year: int
    parties: int
    signatories: tuple[NotParty, ...]
    neither: tuple[NotParty, ...]
    joined: tuple[TreatyEvent, ...]
    counts: tuple[tuple[int, int], ...]

    @property
    def contacts(self) -> int:
        return sum(len(s.contacts) for s in self.signatories + self.neither)


def universalization_report(treaty: Treaty, *, year: int, on: dt.date) -> UniversalizationReport:
    """The report of `year`, the status read on `on` (a fixed number of queries)."""
    status = treaty_status(treaty, on)
    contacts = contacts_in_year(treaty, year)
    signed = dict(
        TreatyEvent.objects.filter(
            treaty=treaty, kind="signature", state__code__in=status.signatories
        ).values_list("state__code", "date")
    )

    def rows(codes, kind):
        return tuple(NotParty(c, kind, signed.get(c), tuple(contacts.get(c, ()))) for c in codes)

    return UniversalizationReport(
        treaty=treaty,
        on=on,
        year=year,
        parties=len(status.states_parties),
        signatories=rows(status.signatories, "signatory"),
        neither=rows(status.neither, "neither"),
        joined=tuple(new_parties_in_year(treaty, year)),
        counts=tuple(parties_by_year(treaty, year)),
    )


def _contact_line(contact: UniversalizationContact, lang: str) -> str:
    who = contact.get_made_by_display()
    if contact.made_by_state is not None:
        who = f"{who} ({contact.made_by_state.code})"
    text = f"{un_date(contact.date, lang)}: {contact.get_kind_display()}, {who}. {contact.summary}"
    if contact.outcome:
        text += f" {_('Outcome:')} {contact.outcome}"
    return text + f" [{_('Source:')} {contact.source}]"


def sections(report: UniversalizationReport, lang: str):
    """The draft's sections in `lang` (called under translation.override)."""
    names = names_on(report.on, lang)

    def name(code: str, _lang: str = lang) -> str:
        return names.get(code, code)

    def ordered(rows):
        by_code = {r.code: r for r in rows}
        return [by_code[c] for c in order_names(list(by_code), lang, lambda c, _l: name(c))]

    total_not = len(report.signatories) + len(report.neither)
    intro = (
        Para(
            _(
                "On %(date)s, %(parties)s States were party to the Convention; %(signatories)s had "
                "signed but not ratified it and %(neither)s had neither signed nor acceded to it."
            )
            % {
                "date": un_date(report.on, lang),
                "parties": report.parties,
                "signatories": len(report.signatories),
                "neither": len(report.neither),
            },
            number="1",
        ),
        Para(
            _("This report lists the contacts made in %(year)s with the %(count)s States not yet party.")
            % {"year": report.year, "count": total_not},
            number="2",
        ),
    )
    kinds = dict(TreatyEvent.Kind.choices)
    joined = tuple(
        Para(f"{name(e.state.code)}: {kinds[e.kind]}, {un_date(e.date, lang)}", kind="bullet")
        for e in report.joined
    ) or (Para(_("No State joined the Convention in %(year)s.") % {"year": report.year}, kind="plain"),)
    not_party = []
    for heading, rows in (
        (_("Signatory States"), report.signatories),
        (_("States neither party nor signatory"), report.neither),
    ):
        table_rows = tuple(
            (name(r.code), "\n".join(_contact_line(c, lang) for c in r.contacts) or _("no contact recorded"))
            for r in ordered(rows)
        )
        not_party.append(
            Table(
                header=(_("State"), _("Contacts in %(year)s") % {"year": report.year}),
                rows=table_rows,
                caption=heading,
            )
        )
    counts = Table(
        header=(_("Year"), _("States Parties")),
        rows=tuple((str(y), str(n)) for y, n in report.counts if y % 5 == 0 or y == report.year),
        caption=_("States Parties at the end of the year"),
    )
    return [
        (_("Introduction"), intro),
        (_("States that joined the Convention in %(year)s") % {"year": report.year}, joined),
        (_("Contacts with States not yet party"), tuple(not_party)),
        (_("Progress towards universality"), (counts,)),
    ]


def draft_universalization_report(treaty: Treaty, *, year: int, on: dt.date, by: Actor) -> Document:
    """The draft of the Chair's report for the Meeting of States Parties of `year`, in six languages
    (records.drafts.record_draft: staff only, one draft per meeting, the next free symbol)."""
    meeting = msp_of(treaty.code, year)
    report = universalization_report(treaty, year=year, on=on)
    titles = {}
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        with translation.override(django_lang(lang)):
            titles[lang] = str(TITLE)

    def build(lang: str, symbol: str):
        with translation.override(django_lang(lang)):
            return report_doc(
                lang,
                symbol=symbol,
                title=titles[lang],
                body_lines=(
                    _("Meeting of States Parties of %(year)s") % {"year": year},
                    _("Submitted by the Chair"),
                ),
                sections=sections(report, lang),
                treaty=treaty.code,
            )

    return record_draft(meeting, titles=titles, build=build, by=by)


def draft_of(treaty: Treaty, year: int) -> Document | None:
    """The draft already recorded for the year's Meeting of States Parties, if any."""
    try:
        meeting = msp_of(treaty.code, year)
    except DomainError:
        return None
    with translation.override("en"):
        return existing_draft(meeting, str(TITLE))
