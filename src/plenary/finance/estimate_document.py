"""The text of the cost-estimates document in each UN language, built from the estimates' stored
lines and rendered by the report renderer (a Word file, as the meeting's other documents).

Every figure in it is a stored line (its quantity, rate and amount), a sum of lines, or a rate on
record with its source: the document says which rates are example rates.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.core.languages import UN_LANGUAGES, pick_text
from plenary.finance import costing, estimate_queries
from plenary.finance.models import CostEstimate
from plenary.meetings.models import Meeting
from plenary.reports.builder import phrases
from plenary.reports.render import render_docx
from plenary.reports.tree import Para, ReportDoc, Section, Table

TITLE = gettext_lazy("Estimated costs of the meetings to be held in %(year)s")


def django_lang(lang: str) -> str:
    return "zh-hans" if lang == "zh" else lang


def titles(year: int) -> dict[str, str]:
    """The document's title in the six languages."""
    found = {}
    for lang in UN_LANGUAGES:
        with translation.override(django_lang(lang)):
            found[lang] = str(TITLE) % {"year": year}
    return found


def _option_heading(estimate: CostEstimate, lang: str) -> str:
    title = pick_text(estimate.title, lang, estimate.title.get("en", ""))
    if estimate.option:
        return _("Option %(option)s: %(title)s") % {"option": estimate.option, "title": title}
    return title


def _money(value, lang: str) -> str:
    return costing.format_amount(value, lang)


def sections(estimates: Sequence[CostEstimate], lang: str) -> list[tuple[str, tuple[Para | Table, ...]]]:
    """The document's sections in `lang` (called under translation.override)."""
    year = estimates[0].year
    compared = estimate_queries.comparison(estimates)
    example = estimate_queries.uses_example_rates(estimates)
    intro = [
        Para(
            _(
                "This document sets out the estimated costs of the meetings to be held in %(year)s, "
                "in %(count)s option(s). All amounts are in United States dollars. Each line is its "
                "quantity multiplied by its rate, rounded to the whole dollar; programme support costs "
                "are %(percent)s per cent of the other costs."
            )
            % {
                "year": year,
                "count": len(estimates),
                "percent": _percent(estimates, lang),
            }
        )
    ]
    if example:
        intro.append(
            Para(
                _(
                    "Rates marked (example) are example rates, not published figures: the amounts "
                    "that use them are examples."
                )
            )
        )
    summary_header = (_("Option"), _("Meetings and ISU"), _("Programme support costs"), _("Total"))
    summary_rows = [
        (_option_heading(e, lang), _money(s, lang), _money(p, lang), _money(t, lang))
        for e, s, p, t in zip(estimates, compared.subtotals, compared.supports, compared.totals, strict=True)
    ]
    body: list[tuple[str, tuple[Para | Table, ...]]] = [
        (_("Introduction"), tuple(intro)),
        (_("Summary of the options"), (Table(header=summary_header, rows=tuple(summary_rows)),)),
    ]
    if len(estimates) > 1:
        header = (_("Meeting"), _("Item"), *(e.option or str(e.pk) for e in estimates))
        rows = [
            (row.label or _("Implementation Support Unit"), estimate_queries.rate_label(row.code))
            + tuple(_money(a, lang) for a in row.amounts)
            for row in compared.rows
        ]
        rows.append((_("Programme support costs"), "", *(_money(a, lang) for a in compared.supports)))
        rows.append((_("Total"), "", *(_money(a, lang) for a in compared.totals)))
        body.append((_("The options side by side"), (Table(header=header, rows=tuple(rows)),)))
    for estimate in estimates:
        blocks: list[Para | Table] = []
        if estimate.basis:
            blocks.append(Para(estimate.basis, kind="plain"))
        header = (_("Meeting"), _("Item"), _("Quantity"), _("Unit"), _("Rate"), _("Amount"))
        rows = []
        for line in estimate_queries.shown_lines(estimate):
            mark = f" ({_('example')})" if line.example else ""
            if line.code in costing.PERCENT_CODES:
                # Programme support: the percentage of the other costs (the quantity is their sum).
                cells = (_money(line.quantity, lang), f"{costing.format_quantity(line.rate, lang)} %")
                where = ""
            else:
                cells = (
                    costing.format_quantity(line.quantity, lang),
                    costing.format_quantity(line.rate, lang),
                )
                where = line.label or _("Implementation Support Unit")
            rows.append((where, line.item + mark, cells[0], line.unit, cells[1], _money(line.amount, lang)))
        rows.append((_("Total"), "", "", "", "", _money(estimate.total, lang)))
        blocks.append(Table(header=header, rows=tuple(rows)))
        body.append((_option_heading(estimate, lang), tuple(blocks)))
    rate_rows = tuple(
        (
            estimate_queries.rate_label(r.code),
            estimate_queries.unit_label(r.code),
            f"{costing.format_quantity(r.amount, lang)} %"
            if r.code in costing.PERCENT_CODES
            else costing.format_quantity(r.amount, lang),
            r.valid_from.isoformat(),
            _("example rate") if r.example else r.source,
        )
        for r in estimate_queries.rates_used(estimates)
    )
    body.append(
        (
            _("Rates used"),
            (Table(header=(_("Item"), _("Unit"), _("Rate"), _("Valid from"), _("Source")), rows=rate_rows),),
        )
    )
    return body


def _percent(estimates: Sequence[CostEstimate], lang: str) -> str:
    for row in estimates[0].lines.all():
        if row.code == costing.PROGRAMME_SUPPORT:
            return costing.format_quantity(row.rate_amount, lang)
    return ""


def render(estimates: Sequence[CostEstimate], *, lang: str, symbol: str, meeting: Meeting) -> bytes:
    """The document in `lang` as a Word file."""
    with translation.override(django_lang(lang)):
        p = phrases(lang)
        body = sections(estimates, lang)
        doc = ReportDoc(
            lang=lang,
            symbol=symbol,
            distribution=p["distribution"],
            date="",
            original=p["original"].format(language=p["languages"]["en"]),
            job_number="",
            body_lines=(pick_text(meeting.title, lang, meeting.series),),
            title=str(TITLE) % {"year": estimates[0].year},
            sections=tuple(
                Section(p["section_numbers"][i], heading, blocks) for i, (heading, blocks) in enumerate(body)
            ),
            treaty_short=meeting.treaty.code if meeting.treaty_id else "",
        )
        return render_docx(doc)
