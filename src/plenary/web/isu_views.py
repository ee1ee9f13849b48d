"""The ISU's yearly figures on the public site (records.isu): the year's tables and the charts over
the years. The back office's figures page shows the same, every figure, and the draft action; this
module holds what both show (web is the shell the interfaces share)."""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from plenary.core import clock
from plenary.core.dates import BABEL_LOCALES
from plenary.core.pagecache import cached
from plenary.core.versions import RECORDS
from plenary.records import isu
from plenary.treaties.models import Treaty
from plenary.treaties.queries import parties_by_year
from plenary.web.charts import bars_svg, parties_over_time_svg
from plenary.web.views import treaty_or_404, ui_lang

# The meetings and documents charts start with the ISU's first full year: it was established by
# the Sixth Review Conference (BWC/CONF.VI/6, Part III, 2006).
ISU_FIRST_YEAR = 2007
# The CBM chart starts where the ISU's own figure does: "Confidence-building measures
# participation since 1987 inception" (the reference, section 4).
CBM_FIRST_YEAR = 1987

# Which of each database's yearly figures the public page shows (a decision per figure): the
# counts the ISU's annual report, a document to all States Parties, carries. Of the CBMs, the
# number of reports and how many their States chose to make public or restricted, never which
# States nor anything of a report; the dates of submission (on time, late, first time) stay in
# the back office, since with few reports they point at one restricted report. Of the
# sponsorship programme, what was received and awarded, not the applications declined or
# withdrawn. Article VII and the finances stay in the back office (records.isu.PUBLIC_APPS).
PUBLIC_FIGURES: dict[str, tuple[str, ...]] = {
    "cbm": ("reports", "public", "restricted", "history"),
    "cooperation": ("offers", "requests", "matches"),
    "sponsorship": (
        "contributions",
        "contributed",
        "donors",
        "awards",
        "awarded",
        "states_sponsored",
        "example",
    ),
}


# The labels of the databases' figures (their keys in <app>.queries.yearly_figures, as
# records.isu.flat writes them); a key not listed shows as written.
FIGURE_LABELS = {
    "year": gettext_lazy("year"),
    "reports": gettext_lazy("reports"),
    "on time": gettext_lazy("on time"),
    "late": gettext_lazy("late"),
    "public": gettext_lazy("public"),
    "restricted": gettext_lazy("restricted to States Parties"),
    "first time": gettext_lazy("first-time submitters"),
    "history": gettext_lazy("published count"),
    "source": gettext_lazy("source"),
    "contributions": gettext_lazy("contributions received"),
    "contributed": gettext_lazy("contributed (USD)"),
    "donors": gettext_lazy("donors"),
    "applications": gettext_lazy("applications"),
    "approved": gettext_lazy("approved"),
    "declined": gettext_lazy("declined"),
    "withdrawn": gettext_lazy("withdrawn"),
    "awards": gettext_lazy("awards"),
    "awarded": gettext_lazy("awarded (USD)"),
    "states sponsored": gettext_lazy("States sponsored"),
    "experts sponsored": gettext_lazy("experts sponsored"),
    "balance": gettext_lazy("balance (USD)"),
    "example": gettext_lazy("includes example data"),
    "requests": gettext_lazy("requests"),
    "exercises": gettext_lazy("exercises"),
    "closed": gettext_lazy("closed"),
    "offers": gettext_lazy("offers"),
    "offers by states": gettext_lazy("offers by States Parties"),
    "offers by partners": gettext_lazy("offers by partner organizations"),
    "partners": gettext_lazy("partner organizations"),
    "mobile units": gettext_lazy("offers with a mobile biomedical unit"),
    "matches": gettext_lazy("matches"),
}
VALUE_LABELS = {"True": gettext_lazy("yes"), "False": gettext_lazy("no")}


def _number(value: Any, lang: str) -> Any:
    """Amounts and counts as the page's language writes them (Babel: 65 000,00 in French)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return format_decimal(value, format="#,##0.00", locale=BABEL_LOCALES.get(lang, "en_GB"))
    if isinstance(value, int):
        return format_decimal(value, locale=BABEL_LOCALES.get(lang, "en_GB"))
    if isinstance(value, dict):
        return {k: _number(v, lang) for k, v in value.items()}
    return value


def labelled(values: dict[str, Any], lang: str = "en") -> list[tuple[str, str]]:
    """An app's figures as (label, value) rows in the page's language."""
    rows = []
    values = {k: _number(v, lang) for k, v in values.items() if k != "year"}
    for label, value in isu.flat(values):
        parts = [str(FIGURE_LABELS.get(part, part)) for part in label.split(" / ")]
        rows.append((" / ".join(parts), str(VALUE_LABELS.get(value, value))))
    return rows


def cbm_participation(treaty: Treaty, counts: list[tuple[int, int]]) -> list[dict[str, int]]:
    """CBM reports of each year beside the States Parties at the end of it, every year of
    `counts` (a year without a count has 0 reports). The counts are the CBM app's
    (plenary.cbm.queries.participation: the reports on record in Plenary, or a public source's
    count for a year before them, in a fixed number of queries); none while it provides none."""
    try:
        participation = importlib.import_module("plenary.cbm.queries").participation
    except (ModuleNotFoundError, AttributeError):
        return []
    if not counts:
        return []
    known = {r["year"]: r for r in participation(treaty.code, until=counts[-1][0])}
    rows = []
    for year, parties in counts:
        row = known.get(year) or {}
        reports = row.get("reports") or 0
        rows.append(
            {
                "year": year,
                "reports": reports,
                "parties": parties,
                "percent": round(100 * reports / parties) if parties else 0,
            }
        )
    return rows


def figures_context(treaty: Treaty, year: int, *, public: bool, lang: str = "en") -> dict[str, Any]:
    """What the figures pages show for `year`, and the charts over the years up to it."""
    figures = isu.yearly_figures(year, treaty=treaty)
    years = isu.over_the_years(treaty, min(ISU_FIRST_YEAR, year), year)
    parties = parties_by_year(treaty, year)
    cbm_rows = cbm_participation(treaty, [(y, n) for y, n in parties if y >= CBM_FIRST_YEAR])
    labels = [r["year"] for r in years]
    charts = {
        "parties": parties_over_time_svg(parties, label=_("States Parties")),
        "meetings": bars_svg(
            labels,
            [
                (_("Meetings held"), [r["meetings"] for r in years]),
            ],
            label=_("Meetings held per year"),
        ),
        "documents": bars_svg(
            labels,
            [(_("Documents issued"), [r["documents"] for r in years])],
            label=_("Documents issued per year"),
        ),
        "cbm": bars_svg(
            [r["year"] for r in cbm_rows],
            [
                (_("States Parties"), [r["parties"] for r in cbm_rows]),
                (_("CBM reports"), [r["reports"] for r in cbm_rows]),
            ],
            label=_("Participation in the confidence-building measures"),
            notes=[f"{r['percent']}%" if r["reports"] else "" for r in cbm_rows],
        ),
    }
    apps = []
    for app in isu.APPS:
        if public and app not in PUBLIC_FIGURES:
            continue
        values = figures.get(app)
        if values is not None and public:
            values = {k: v for k, v in values.items() if k in PUBLIC_FIGURES[app]}
        apps.append(
            {
                "app": app,
                "title": isu.SECTION_TITLES[app],
                "rows": labelled(values, lang) if values is not None else None,
            }
        )
    return {
        "year": year,
        "figures": figures,
        "apps": apps,
        "years": years,
        "cbm_rows": cbm_rows,
        "charts": charts,
        "kinds": [(isu.KIND_LABELS.get(k, k), n) for k, n in figures["meetings"]["by_kind"].items()],
        "public": public,
    }


def year_of(request: HttpRequest, default: int) -> int:
    value = request.GET.get("year", "")
    if not value:
        return default
    if len(value) != 4 or not (value.isascii() and value.isdigit()) or not 1975 <= int(value) <= 2100:
        raise Http404(_("A year is four digits, 1975 to 2100."))
    return int(value)


@require_http_methods(["GET"])
@cached([RECORDS])
def figures(request: HttpRequest) -> HttpResponse:
    treaty = treaty_or_404()
    year = year_of(request, clock.today().year)
    return render(
        request, "web/isu/figures.html", figures_context(treaty, year, public=True, lang=ui_lang(request))
    )
