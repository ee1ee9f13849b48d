"""The figures of the Implementation Support Unit's annual report, drawn from the records, and its
draft document for the Meeting of States Parties of the year.

The ISU owes "a concise annual written report to all States Parties on its activities"
(BWC/CONF.VI/6, Part III, para. 6; the reference, section 4). Its 2009 report (BWC/MSP/2009/2) is
titled "Report of the Implementation Support Unit (including report on participation in the
confidence-building measures)" and opens with a Summary and I. Introduction; the sections after it
follow the ISU's tasks as the reference lists them (meetings and administrative support,
confidence-building measures, universalization, the Article X database ...).

`yearly_figures(year)` -> dict, keys:
  year
  meetings       held (meetings of the treaty held, by the year they started), days (meeting days
                 on record), by_kind {kind: count}, series [series ...]
  documents      issued (issued documents dated in the year, or of the year's meetings when undated),
                 by_type {"official" | "WP" | "INF" | ...: count}
  participation  delegations (approved, with the tallies of delegations known only as a number),
                 states_parties, signatories, observer_states, organizations (UN, international
                 organizations, NGOs), participants (named participants registered)
  universalization  states_parties (at the end of the year), joined (deposits in the year),
                 signatories, neither, contacts (universalization contacts in the year)
  cbm, cooperation, assistance, sponsorship, finance
                 each app's own `plenary.<app>.queries.yearly_figures(year)`, or None while that
                 app provides none
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.languages import UN_LANGUAGES
from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.participation.models import AttendanceTally, Category, Delegation, Participant
from plenary.records.drafts import existing_draft, msp_of, record_draft, report_doc
from plenary.records.universalization import django_lang
from plenary.reports.tree import Para, Table
from plenary.treaties.models import Treaty, TreatyEvent, UniversalizationContact
from plenary.treaties.queries import parties_by_year, treaty_status
from plenary.treaties.status import PARTY_EVENTS

TITLE = gettext_lazy(
    "Report of the Implementation Support Unit (including report on participation in the "
    "confidence-building measures)"
)
MANDATE = "BWC/CONF.VI/6, Part III, para. 6"
# The treaty's databases, in the order of the report's sections; each provides
# plenary.<app>.queries.yearly_figures(year) -> dict once it is built.
APPS = ("cbm", "cooperation", "assistance", "sponsorship", "finance")
# The apps whose yearly figures the public figures page shows (aggregate counts the ISU's report,
# a document to all States Parties, carries); Article VII and the finances stay in the back office.
PUBLIC_APPS = ("cbm", "cooperation", "sponsorship")
ORGANIZATIONS = (Category.UN, Category.IO, Category.NGO)


def app_figures(app: str, year: int) -> dict[str, Any] | None:
    """The app's own yearly figures, or None while it provides none."""
    try:
        module = importlib.import_module(f"plenary.{app}.queries")
    except ModuleNotFoundError as exc:
        if exc.name in (f"plenary.{app}", f"plenary.{app}.queries"):
            return None
        raise
    function = getattr(module, "yearly_figures", None)
    return dict(function(year)) if callable(function) else None


def records_figures(treaty: Treaty, years: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Meetings, documents and participation of each year, from five reads of the records
    whatever the number of years or rows."""
    years = sorted(set(years))
    if not years:
        return {}
    first, last = years[0], years[-1]
    held = list(
        Meeting.objects.filter(
            treaty=treaty, status=Meeting.Status.HELD, start__year__gte=first, start__year__lte=last
        )
        .order_by("start", "series")
        .values_list("pk", "series", "kind", "start", "days")
    )
    year_of = {pk: start.year for pk, _series, _kind, start, _days in held}
    meeting_years = dict(
        Meeting.objects.filter(treaty=treaty, year__gte=first, year__lte=last).values_list("pk", "year")
    )
    documents = Document.objects.filter(status=Document.Status.ISSUED, parent__isnull=True).filter(
        Q(issued_on__year__gte=first, issued_on__year__lte=last)
        | Q(issued_on__isnull=True, meeting__in=list(meeting_years))
    )
    delegations = Delegation.objects.filter(meeting__in=list(year_of), review=Delegation.Review.APPROVED)
    tallies = AttendanceTally.objects.filter(meeting__in=list(year_of))
    participants = Participant.objects.filter(delegation__in=delegations)

    out = {
        y: {
            "meetings": {"held": 0, "days": 0, "by_kind": {}, "series": []},
            "documents": {"issued": 0, "by_type": {}},
            "participation": {
                "delegations": 0,
                "states_parties": 0,
                "signatories": 0,
                "observer_states": 0,
                "organizations": 0,
                "participants": 0,
            },
        }
        for y in years
    }
    for _pk, series, kind, start, days in held:
        if start.year not in out:
            continue
        m = out[start.year]["meetings"]
        m["held"] += 1
        m["days"] += days or 0
        m["by_kind"][kind] = m["by_kind"].get(kind, 0) + 1
        m["series"].append(series)
    for issued_on, meeting_id, doc_type in documents.values_list("issued_on", "meeting_id", "doc_type"):
        year = issued_on.year if issued_on else meeting_years.get(meeting_id)
        if year in out:
            d = out[year]["documents"]
            d["issued"] += 1
            key = doc_type or "official"
            d["by_type"][key] = d["by_type"].get(key, 0) + 1
    by_category: dict[int, Counter] = {y: Counter() for y in years}
    for meeting_id, category in delegations.values_list("meeting_id", "category"):
        by_category[year_of[meeting_id]][category] += 1
    for meeting_id, category, count in tallies.values_list("meeting_id", "category", "count"):
        by_category[year_of[meeting_id]][category] += count
    for meeting_id in participants.values_list("delegation__meeting_id", flat=True):
        out[year_of[meeting_id]]["participation"]["participants"] += 1
    for year, counts in by_category.items():
        p = out[year]["participation"]
        p["delegations"] = sum(counts.values())
        p["states_parties"] = counts[Category.STATE_PARTY]
        p["signatories"] = counts[Category.SIGNATORY]
        p["observer_states"] = counts[Category.OBSERVER_STATE]
        p["organizations"] = sum(counts[c] for c in ORGANIZATIONS)
    for data in out.values():
        data["meetings"]["by_kind"] = dict(sorted(data["meetings"]["by_kind"].items()))
        data["documents"]["by_type"] = dict(sorted(data["documents"]["by_type"].items()))
    return out


def universalization_figures(treaty: Treaty, year: int) -> dict[str, int]:
    end = dt.date(year, 12, 31)
    status = treaty_status(treaty, end)
    return {
        "states_parties": len(status.states_parties),
        "joined": TreatyEvent.objects.filter(
            treaty=treaty, date__year=year, kind__in=sorted(PARTY_EVENTS)
        ).count(),
        "signatories": len(status.signatories),
        "neither": len(status.neither),
        "contacts": UniversalizationContact.objects.filter(
            treaty=treaty, date__year=year, replaced_by__isnull=True
        ).count(),
    }


def yearly_figures(year: int, *, treaty: Treaty | None = None) -> dict[str, Any]:
    """The figures of the ISU's annual report for `year` (the keys are in the module's docstring)."""
    treaty = treaty or Treaty.objects.get(code="BWC")
    figures: dict[str, Any] = {"year": year}
    figures |= records_figures(treaty, [year])[year]
    figures["universalization"] = universalization_figures(treaty, year)
    for app in APPS:
        figures[app] = app_figures(app, year)
    return figures


def public_figures(figures: dict[str, Any]) -> dict[str, Any]:
    """What the public figures page shows of them."""
    return {k: v for k, v in figures.items() if k not in APPS or k in PUBLIC_APPS}


def over_the_years(treaty: Treaty, first: int, last: int) -> list[dict[str, int]]:
    """Meetings held, documents issued, delegations and States Parties of each year, for the charts."""
    years = list(range(first, last + 1))
    records = records_figures(treaty, years)
    parties = dict(parties_by_year(treaty, last))
    return [
        {
            "year": y,
            "meetings": records[y]["meetings"]["held"],
            "documents": records[y]["documents"]["issued"],
            "delegations": records[y]["participation"]["delegations"],
            "states_parties": parties.get(y, 0),
        }
        for y in years
    ]


def flat(values: Any, prefix: str = "") -> list[tuple[str, str]]:
    """An app's figures as (label, value) rows: nested keys joined by " / ", lists by commas."""
    rows: list[tuple[str, str]] = []
    if isinstance(values, dict):
        for key, value in values.items():
            label = f"{prefix} / {key}" if prefix else str(key)
            rows += flat(value, label)
    elif isinstance(values, list | tuple):
        rows.append((prefix, ", ".join(str(v) for v in values) or "—"))
    else:
        rows.append((prefix, "—" if values is None else str(values)))
    return [(label.replace("_", " "), value) for label, value in rows]


SECTION_TITLES = {
    "cbm": gettext_lazy("Confidence-building measures"),
    "cooperation": gettext_lazy("The Article X cooperation and assistance database"),
    "assistance": gettext_lazy("Assistance under Article VII"),
    "sponsorship": gettext_lazy("The sponsorship programme"),
    "finance": gettext_lazy("Financial matters"),
}
KIND_LABELS = dict(Meeting.Kind.choices)
TYPE_LABELS = {"official": gettext_lazy("official documents of the series")}


def sections(figures: dict[str, Any], lang: str):
    """The draft's Summary and its sections in `lang` (called under translation.override)."""
    year = figures["year"]
    m, d, p, u = (
        figures["meetings"],
        figures["documents"],
        figures["participation"],
        figures["universalization"],
    )
    summary = (
        Para(_("Summary"), kind="heading"),
        Para(
            _(
                "In %(year)s the Implementation Support Unit supported %(meetings)s meetings "
                "(%(days)s meeting days), at which %(delegations)s delegations took part, and "
                "%(documents)s documents were issued. At the end of the year %(parties)s States "
                "were party to the Convention."
            )
            % {
                "year": year,
                "meetings": m["held"],
                "days": m["days"],
                "delegations": p["delegations"],
                "documents": d["issued"],
                "parties": u["states_parties"],
            },
            kind="plain",
        ),
    )
    introduction = (
        Para(
            _(
                "The Sixth Review Conference decided that the Implementation Support Unit would provide "
                "a concise annual written report to all States Parties on its activities (%(mandate)s)."
            )
            % {"mandate": MANDATE},
            number="1",
        ),
        Para(
            _(
                "This report covers the activities of the Unit in %(year)s; its figures are drawn from the records."
            )
            % {"year": year},
            number="2",
        ),
    )
    meetings = (
        Table(
            header=(_("Meeting"), _("Number")),
            rows=tuple((str(KIND_LABELS.get(k, k)), str(n)) for k, n in m["by_kind"].items())
            + ((_("Total"), str(m["held"])),),
            caption=_("Meetings held"),
        ),
        Table(
            header=(_("Documents"), _("Number")),
            rows=tuple((str(TYPE_LABELS.get(k, k)), str(n)) for k, n in d["by_type"].items())
            + ((_("Total"), str(d["issued"])),),
            caption=_("Documents issued"),
        ),
        Table(
            header=(_("Participation"), _("Number")),
            rows=(
                (_("States Parties"), str(p["states_parties"])),
                (_("Signatory States"), str(p["signatories"])),
                (_("Observer States"), str(p["observer_states"])),
                (_("Organizations"), str(p["organizations"])),
                (_("Delegations, in all"), str(p["delegations"])),
                (_("Participants registered"), str(p["participants"])),
            ),
            caption=_("Delegations at the meetings"),
        ),
    )
    universality = (
        Table(
            header=(_("Universalization"), _("Number")),
            rows=(
                (_("States Parties at the end of the year"), str(u["states_parties"])),
                (_("States that joined in the year"), str(u["joined"])),
                (_("Signatory States"), str(u["signatories"])),
                (_("States neither party nor signatory"), str(u["neither"])),
                (_("Universalization contacts recorded"), str(u["contacts"])),
            ),
        ),
    )
    out = [
        (_("Introduction"), introduction),
        (_("Meetings and administrative support"), meetings),
    ]
    for app in APPS:
        values = figures.get(app)
        if app == "cbm" or values is not None:
            blocks: tuple[Para | Table, ...]
            if values is None:
                blocks = (Para(_("The figures are not yet on record in Plenary."), kind="plain"),)
            else:
                blocks = (Table(header=(_("Figure"), _("Value")), rows=tuple(flat(values))),)
            out.append((str(SECTION_TITLES[app]), blocks))
        if app == "cbm":
            out.append((_("Universalization"), universality))
    return summary, out


def draft_isu_report(year: int, *, by: Actor, treaty: Treaty | None = None) -> Document:
    """The draft of the ISU's report for the Meeting of States Parties of `year`, in six languages
    (records.drafts.record_draft: staff only, one draft per meeting, the next free symbol)."""
    treaty = treaty or Treaty.objects.get(code="BWC")
    meeting = msp_of(treaty.code, year)
    figures = yearly_figures(year, treaty=treaty)
    titles = {}
    for lang in UN_LANGUAGES:
        with translation.override(django_lang(lang)):
            titles[lang] = str(TITLE)

    def build(lang: str, symbol: str):
        with translation.override(django_lang(lang)):
            summary, body = sections(figures, lang)
            return report_doc(
                lang,
                symbol=symbol,
                title=titles[lang],
                body_lines=(_("Meeting of States Parties of %(year)s") % {"year": year},),
                sections=body,
                treaty=treaty.code,
                preface=summary,
            )

    return record_draft(meeting, titles=titles, build=build, by=by)


def draft_of(year: int, treaty: Treaty | None = None) -> Document | None:
    treaty = treaty or Treaty.objects.get(code="BWC")
    try:
        meeting = msp_of(treaty.code, year)
    except DomainError:
        return None
    with translation.override("en"):
        return existing_draft(meeting, str(TITLE))
