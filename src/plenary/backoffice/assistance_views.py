"""Article VII assistance in the back office: the requests, and each request's timeline page with who
took each step, when and how long it took, the buttons for the next allowed step, the offers that fit
the request (by kind of assistance and speed) to match, and the partner organizations to notify.
Thin: the domain checks and writes."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plenary.assistance import domain, guidance, queries, steps
from plenary.assistance.models import AssistanceOffer, AssistanceRequest, OfferMatch
from plenary.backoffice.views import staff_only
from plenary.core.actor import actor_of
from plenary.core.errors import DomainError
from plenary.participation.models import Organization


@require_GET
@staff_only
def requests(request: HttpRequest) -> HttpResponse:
    rows = list(AssistanceRequest.objects.select_related("state").order_by("-submitted_at", "-pk"))
    return render(request, "backoffice/assistance/requests.html", {"rows": rows})


def _request(pk: int) -> AssistanceRequest:
    row = AssistanceRequest.objects.select_related("state").filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


@require_http_methods(["GET", "POST"])
@staff_only
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    row = _request(pk)
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        note = request.POST.get("note", "")
        by = actor_of(request)
        try:
            if step == steps.MATCHED:
                ids = [int(i) for i in request.POST.getlist("offer") if i.isdigit()]
                domain.match_offers(row, list(AssistanceOffer.objects.filter(pk__in=ids)), by=by, note=note)
            elif step == steps.PARTNERS_NOTIFIED:
                codes = [c for c in request.POST.getlist("partner") if isinstance(c, str)]
                domain.notify_partners(
                    row, list(Organization.objects.filter(code__in=codes)), by=by, note=note
                )
            elif step == steps.WITHDRAWN:
                domain.withdraw(row, by=by, note=note)
            elif step in domain.STAFF_STEPS:
                domain.STAFF_STEPS[step](row, by=by, note=note)
            else:
                raise DomainError(_("That is not a step of a request for assistance."))
        except DomainError as error:
            messages.error(request, str(error))
            status = 400
        else:
            messages.success(request, _("Step recorded: %(step)s.") % {"step": _(steps.STEPS[step])})  # noqa: INT001
            return redirect("backoffice:assistance_timeline", pk=row.pk)
        row = _request(pk)
    last = row.status
    return render(
        request,
        "backoffice/assistance/timeline.html",
        {
            "r": row,
            "timeline": queries.timeline(row),
            "next": [(s, steps.STEPS[s]) for s in steps.next_steps(last)],
            "fits": [
                {**f, "labels": [_(guidance.NEEDS[c]) for c in f["covers"]]}  # noqa: INT001
                for f in (queries.fitting_offers(row) if last == steps.ACKNOWLEDGED else [])
            ],
            "partners": list(Organization.objects.filter(code__in=domain.PARTNERS).order_by("code")),
            "matches": [
                {
                    "m": m,
                    "moves": []
                    if last in steps.FINAL
                    else [(code, OfferMatch.Status(code).label) for code in domain.MATCH_MOVES[m.status]],
                }
                for m in row.matches.select_related("offer__state", "offer__organization")
            ],
            "needs": [guidance.NEEDS[n] for n in row.needs],
        },
        status=status,
    )


@staff_only  # first: a visitor is sent to sign in, a non-staff person refused, whatever the method
@require_http_methods(["POST"])
def match_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat records what became of a matched offer (accepted, declined, delivered)."""
    match = OfferMatch.objects.select_related("request").filter(pk=pk).first()
    if match is None:
        raise Http404
    status = request.POST.get("status", "")
    try:
        domain.set_match_status(match, status, by=actor_of(request), note=request.POST.get("note", ""))
    except DomainError as error:
        messages.error(request, _(str(error)))
    else:
        messages.success(
            request,
            _("The offer %(offer)s is now %(status)s.")
            % {"offer": match.offer.title, "status": OfferMatch.Status(status).label},
        )
    return redirect("backoffice:assistance_timeline", pk=match.request_id)
