"""The sponsorship programme's public page: what it pays, who has priority, and its aggregate
figures by year (no names, no applications)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from plenary.sponsorship import queries


@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    return render(request, "web/sponsorship/figures.html", {"years": queries.public_figures()})
