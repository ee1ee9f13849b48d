"""The public home page: the treaty, its status today, and the intersessional programme."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.core.languages import pick
from plenary.meetings.queries import meetings_with_officers, programme_rules
from plenary.treaties.models import Group, Treaty
from plenary.treaties.queries import names_on, treaty_status


def home(request: HttpRequest) -> HttpResponse:
    treaty = Treaty.objects.filter(code="BWC").first()
    if treaty is None:
        return render(request, "core/empty.html", status=503)
    today = dt.date.today()
    on = request.GET.get("on")
    try:
        on_date = dt.date.fromisoformat(on) if on else today
    except ValueError:
        on_date = today
    status = treaty_status(treaty, on_date)
    names = names_on(on_date, "en")
    group_names = {g.code: pick(g.names, "en").text for g in Group.objects.filter(scheme=treaty.code)}
    meetings = list(meetings_with_officers(treaty))
    rules = programme_rules(treaty)
    # The programme spans the years that hold Meetings of Experts (2017 had an MSP only).
    years = sorted({m.year for m in meetings if m.kind == "MX"})
    plan = rules.rotation.plan(years[0], years[-1]) if years else []
    return render(
        request,
        "core/home.html",
        {
            "treaty": treaty,
            "title": pick(treaty.names, "en").text,
            "short_title": pick(treaty.short_names, "en").text,
            "on": on_date,
            "status": status,
            "signatories": [(c, names.get(c, c)) for c in status.signatories],
            "neither": [(c, names.get(c, c)) for c in status.neither],
            "meetings": meetings,
            "plan": plan,
            "plan_codes": list(plan[0].chairs) if plan else [],
            "group_names": group_names,
        },
    )
