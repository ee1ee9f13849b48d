"""The Article X database in the back office: every entry (drafts, open, withdrawn); the matching view
of a request with the offers that fit it ranked with their reasons, where the secretariat records a
match and then its outcome; and the yearly report recorded as a draft document of a meeting in six
languages (records.drafts, through the documents domain). Thin: the domains check and write."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plenary.backoffice.views import staff_only
from plenary.cooperation import domain, queries, report
from plenary.cooperation.models import Match, Offer, Request
from plenary.core import clock
from plenary.core.actor import Actor, actor_of
from plenary.core.errors import DomainError
from plenary.core.languages import UN_LANGUAGES
from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.records.drafts import record_draft, report_doc
from plenary.records.universalization import django_lang
from plenary.web.views import ui_lang

FIRST_YEAR = 2012


@require_GET
@staff_only
def entries(request: HttpRequest) -> HttpResponse:
    lang = ui_lang(request)
    offers = Offer.objects.select_related("state", "organization").prefetch_related("with_states")
    requests = Request.objects.select_related("state", "organization").prefetch_related("with_states")
    return render(
        request,
        "backoffice/cooperation/entries.html",
        {
            "offers": queries.described(offers.order_by("-updated_at", "-pk"), lang),
            "requests": queries.described(requests.order_by("-updated_at", "-pk"), lang),
            "matches": list(
                Match.objects.select_related("request__state", "offer__state", "offer__organization")
            ),
        },
    )


def _request(pk: int) -> Request:
    row = Request.objects.select_related("state").prefetch_related("with_states").filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def _id(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


@require_http_methods(["GET", "POST"])
@staff_only
def matching(request: HttpRequest, pk: int) -> HttpResponse:
    row = _request(pk)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        by = actor_of(request)
        try:
            if action == "match":
                offer = Offer.objects.filter(pk=_id(request.POST.get("offer", "")) or 0).first()
                if offer is None:
                    raise DomainError(_("Choose a recorded offer."))
                domain.record_match(
                    row,
                    offer,
                    by=by,
                    status=request.POST.get("status", Match.Status.PROPOSED),
                    outcome=request.POST.get("outcome", ""),
                )
            elif action == "outcome":
                match = row.matches.filter(pk=_id(request.POST.get("match", "")) or 0).first()
                if match is None:
                    raise DomainError(_("Choose a match of this request."))
                domain.record_outcome(
                    match,
                    by=by,
                    status=request.POST.get("status", ""),
                    outcome=request.POST.get("outcome", ""),
                )
            else:
                raise DomainError(_("That is not an act of the matching page."))
        except DomainError as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("Recorded; the parties are told."))
            return redirect("backoffice:cooperation_match", pk=row.pk)
    lang = ui_lang(request)
    fits = queries.fitting_offers(row) if row.status == "open" else []
    described = queries.described([f["offer"] for f in fits], lang)
    return render(
        request,
        "backoffice/cooperation/match.html",
        {
            "row": queries.described([row], lang)[0],
            "fits": [{**f, "d": d} for f, d in zip(fits, described, strict=True)],
            "matches": list(row.matches.select_related("offer__state", "offer__organization")),
            "statuses": Match.Status.choices,
            "staff_form": "backoffice/cooperation/_match_form.html",
        },
        status=status,
    )


def draft_yearly_report(year: int, meeting: Meeting, *, by: Actor) -> Document:
    """The yearly report as a draft document of `meeting` in six languages (record_draft: staff
    only, one draft of the title per meeting, the next free symbol, audited by the documents
    domain)."""
    titles = {}
    for lang in UN_LANGUAGES:
        with translation.override(django_lang(lang)):
            titles[lang] = report.title(year)

    def build(lang: str, symbol: str):
        with translation.override(django_lang(lang)):
            return report_doc(
                lang,
                symbol=symbol,
                title=titles[lang],
                body_lines=(_("Report of the Implementation Support Unit"),),
                sections=report.sections(year),
                treaty=meeting.treaty.code,
            )

    return record_draft(meeting, titles=titles, build=build, by=by)


@require_http_methods(["GET", "POST"])
@staff_only
def yearly(request: HttpRequest) -> HttpResponse:
    """The yearly report's figures and its draft document for a Meeting of States Parties."""
    this_year = clock.today().year
    meetings = list(Meeting.objects.select_related("treaty").filter(kind=Meeting.Kind.MSP).order_by("-year"))
    raw = request.GET.get("year") or request.POST.get("year") or str(this_year - 1)
    year = int(raw) if raw.isascii() and raw.isdigit() and FIRST_YEAR <= int(raw) <= this_year else None
    status = 200
    if year is None:
        messages.error(
            request, _("Choose a year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": this_year}
        )
        year, status = this_year - 1, 400
    elif request.method == "POST":
        meeting = next((m for m in meetings if str(m.pk) == request.POST.get("meeting", "")), None)
        try:
            if meeting is None:
                raise DomainError(_("Choose a Meeting of States Parties."))
            made = draft_yearly_report(year, meeting, by=actor_of(request))
        except DomainError as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("Draft recorded as %(symbol)s.") % {"symbol": made.symbol})
            return redirect(f"{request.path}?year={year}")
    later = [m for m in meetings if m.year > year]
    return render(
        request,
        "backoffice/cooperation/report.html",
        {
            "year": year,
            "rows": report.rows(year),
            "examples": report.has_examples(year),
            "meetings": meetings,
            "suggested": later[-1].pk if later else (meetings[0].pk if meetings else None),
            "years": list(range(this_year, FIRST_YEAR - 1, -1)),
        },
        status=status,
    )
