"""Run as a script against DATABASE_URL (tests/test_synth.py does): print, as JSON, the rows of
the main tables (timestamps left out) and the domain rules the synthetic records break."""

from __future__ import annotations

import json
import os
import sys


def dump() -> dict:
    from django.apps import apps

    tables = {}
    for label in (
        "treaties.Treaty",
        "treaties.Group",
        "treaties.GroupMembership",
        "treaties.TreatyEvent",
        "meetings.Meeting",
        "meetings.Officer",
        "meetings.AgendaItem",
        "participation.Delegation",
        "participation.Participant",
        "documents.Document",
        "documents.LanguageVersion",
        "documents.Sponsorship",
        "proceedings.Statement",
        "proceedings.Decision",
        "core.AuditEntry",
    ):
        model = apps.get_model(label)
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if f.get_internal_type() not in ("DateTimeField",)  # when it ran, not what it wrote
        ]
        tables[label] = [list(row) for row in model.objects.order_by("pk").values_list(*fields)]
    return tables


def problems() -> list[str]:
    from plenary.documents.models import Document, Sponsorship
    from plenary.documents.symbols import parse
    from plenary.meetings.models import Meeting
    from plenary.participation.models import Delegation, Participant
    from plenary.proceedings.models import Statement
    from plenary.search.models import SearchEntry

    found = []
    registered = {
        (d.meeting_id, d.state_id, d.organization_id)
        for d in Delegation.objects.filter(status="registered", review="approved")
    }
    meetings = {m.pk: m for m in Meeting.objects.all()}
    indexed = set(SearchEntry.objects.filter(kind="document").values_list("key", flat=True))
    for d in Document.objects.all():
        if d.meeting_id is None:
            found.append(f"{d.symbol}: of no meeting")
            continue
        if parse(d.symbol).format() != d.symbol or parse(d.symbol).series != meetings[d.meeting_id].series:
            found.append(f"{d.symbol}: not a symbol of {meetings[d.meeting_id].series}")
        if d.symbol not in indexed:
            found.append(f"{d.symbol}: not in the search index")
    for s in Sponsorship.objects.filter(secretariat=False).select_related("document"):
        if (s.document.meeting_id, s.state_id, s.organization_id) not in registered:
            found.append(f"{s.document.symbol}: a sponsor with no delegation at the meeting")
    for p in Participant.objects.select_related("delegation"):
        if p.delegation.meeting_id not in meetings:
            found.append(f"participant {p.pk}: of no meeting")
    for d in Delegation.objects.all():
        if d.participants.filter(role="head").count() != 1:
            found.append(f"{d}: not one head of delegation")
    for s in Statement.objects.all():
        if (s.meeting_id, s.state_id, s.organization_id) not in registered:
            found.append(f"{s}: by no delegation registered at the meeting")
    if not SearchEntry.objects.filter(kind="state").exists():
        found.append("no State in the search index")
    return found


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    import django

    django.setup()
    from plenary.documents.models import Document
    from plenary.meetings.models import Meeting
    from plenary.participation.models import Participant

    json.dump(
        {
            "dump": dump(),
            "problems": problems(),
            "kinds": sorted(set(Meeting.objects.values_list("kind", flat=True))),
            "series": sorted({s.split("/")[0] for s in Meeting.objects.values_list("series", flat=True)}),
            "documents": Document.objects.count(),
            "participants": Participant.objects.count(),
            "languages": sorted(
                {lang for t in Document.objects.values_list("title", flat=True) for lang in t}
            ),
        },
        sys.stdout,
        default=str,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
