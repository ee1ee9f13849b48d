"""Export every fact of a meeting as one meeting record (the format of `schema.py`).

The export is canonical: fixed key order, records in their recorded order, defaults left out,
so that export -> load into an empty database -> export gives the same document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from plenary.core.errors import NotFound
from plenary.documents.models import Document
from plenary.meetings.models import Meeting
from plenary.participation.models import Delegation
from plenary.records.schema import FORMAT


def _d(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values, so that a default and its absence export alike."""
    return {k: v for k, v in entry.items() if v not in (None, "", [], {}, False)}


def export_record(series: str) -> dict[str, Any]:
    meeting = Meeting.objects.select_related("treaty").filter(series=series).first()
    if meeting is None:
        raise NotFound(f"no meeting {series!r} is recorded")
    record: dict[str, Any] = {"format": FORMAT}
    record["meeting"] = _clean(
        {
            "series": meeting.series,
            "treaty": meeting.treaty.code,
            "kind": meeting.kind,
            "number": meeting.number,
            "year": meeting.year,
            "start": _d(meeting.start),
            "end": _d(meeting.end),
            "days": meeting.days,
            "venue": meeting.venue,
            "venues": meeting.venues,
            "status": meeting.status,
            "closed": meeting.closed,
            "title": meeting.title,
            "topics": meeting.topics,
        }
    )
    record["officers"] = [
        _clean(
            {
                "role": o.role,
                "name": o.name,
                "state": o.state.code,
                "group": o.group.code if o.group else None,
                "title": o.title,
                "titles": o.titles,
                "honorific": o.honorific,
                "names": o.names,
                "functions": o.functions,
                "source": o.source,
            }
        )
        for o in meeting.officers.select_related("state", "group").order_by("role", "position")
    ]
    record["secretariat"] = [
        _clean(
            {
                "role": s.role,
                "name": s.name,
                "honorific": s.honorific,
                "names": s.names,
                "functions": s.functions,
            }
        )
        for s in meeting.secretariat.order_by("position")
    ]
    record["agenda"] = [{"number": a.number, "title": a.title} for a in meeting.agenda.order_by("number")]
    record["sittings"] = [
        _clean({"dates": s.dates, "items": s.items, "subject": s.subject})
        for s in meeting.sittings.order_by("position")
    ]
    delegations = (
        Delegation.objects.filter(meeting=meeting)
        .select_related("state", "organization")
        .prefetch_related("participants")
        .order_by("position", "id")
    )
    record["delegations"] = [
        _clean(
            {
                "state": d.state.code if d.state else None,
                "organization": d.organization.code if d.organization else None,
                "category": d.category,
                "status": d.status if d.status != Delegation.Status.REGISTERED else None,
                # The secretariat's check, when the registration is not (yet) approved. The
                # people's e-mail addresses, the credentials and the reason a registration was
                # returned are the secretariat's and are not part of the record.
                "review": d.review if d.review != Delegation.Review.APPROVED else None,
                "members": [
                    _clean(
                        {
                            "name": p.name,
                            "honorific": p.honorific,
                            "family_name": p.family_name,
                            "given_names": p.given_names,
                            "function": p.function,
                            "role": p.role if p.role != "member" else None,
                        }
                    )
                    for p in d.participants.all()
                ],
            }
        )
        for d in delegations
    ]
    record["attendance_tallies"] = [
        _clean({"category": t.category, "count": t.count, "source": t.source}) for t in meeting.tallies.all()
    ]
    documents = (
        Document.objects.filter(meeting=meeting)
        .select_related("on_behalf_of", "agenda_item")
        .prefetch_related("versions", "sponsorships__state", "sponsorships__organization")
        .order_by("position", "symbol")
    )
    record["documents"] = [_export_document(doc) for doc in documents]
    record["statements"] = [
        _clean(
            {
                "kind": s.kind,
                "state": s.state.code if s.state else None,
                "organization": s.organization.code if s.organization else None,
                "speaker": s.speaker,
                "agenda_item": s.agenda_item.number if s.agenda_item else None,
                "on_behalf_of_states": s.on_behalf_of_states,
                "on_behalf_of_organization": s.on_behalf_of_organization.code
                if s.on_behalf_of_organization
                else None,
                "on_behalf_of_group": s.on_behalf_of_group.code if s.on_behalf_of_group else None,
                "on_behalf_of_text": s.on_behalf_of_text,
                "endorsed_by_ngos": s.endorsed_by_ngos,
                "endorsed_by_individuals": s.endorsed_by_individuals,
                "informal": s.informal,
            }
        )
        for s in meeting.statements.select_related(
            "state", "organization", "agenda_item", "on_behalf_of_organization", "on_behalf_of_group"
        ).order_by("position")
    ]
    record["decisions"] = [
        _clean(
            {
                "key": d.key,
                "text": d.text,
                "adopted_on": _d(d.adopted_on),
                "method": d.method if d.method != "consensus" else None,
            }
        )
        for d in meeting.decisions.order_by("position")
    ]
    record["reservations"] = [
        _clean({"applies_to": r.applies_to, "state": r.state.code if r.state else None, "text": r.text})
        for r in meeting.reservations.select_related("state").order_by("position")
    ]
    report = getattr(meeting, "report", None)
    if report is not None:
        record["report"] = _clean(
            {
                "draft": report.draft.symbol if report.draft else None,
                "final": report.final.symbol if report.final else None,
                "status": report.status,
                "adopted_on": _d(report.adopted_on),
                "orally_amended": report.orally_amended,
                "agenda_item": report.agenda_item,
                "job_number": report.job_number,
                "original_language": report.original_language,
                "issued_on": _d(report.issued_on),
                "texts": report.texts,
            }
        )
    return {k: v for k, v in record.items() if v not in ([], None)}


def _export_document(doc: Document) -> dict[str, Any]:
    sponsorships = list(doc.sponsorships.all())

    def codes(role: str) -> list[str]:
        return [
            (s.state.code if s.state else s.organization.code)  # type: ignore[union-attr]
            for s in sponsorships
            if s.role == role and not s.secretariat
        ]

    return _clean(
        {
            "symbol": doc.symbol,
            "title": doc.title,
            "original_language": doc.original_language,
            "versions": [
                _clean({"lang": v.lang, "kind": v.kind if v.kind != "official" else None})
                for v in doc.versions.all()
            ],
            "submitters": codes("submitter"),
            "co_sponsors": codes("co_sponsor"),
            "secretariat": any(s.secretariat for s in sponsorships),
            "on_behalf_of": doc.on_behalf_of.code if doc.on_behalf_of else None,
            "submitted_by_text": doc.submitted_by_text,
            "agenda_item": doc.agenda_item.number if doc.agenda_item else None,
            "issued_on": _d(doc.issued_on),
            "status": doc.status if doc.status != "issued" else None,
        }
    )


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        # A record is written out whole: no anchors and aliases, even where a value repeats.
        return True


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def dump_yaml(record: dict[str, Any]) -> str:
    return yaml.dump(record, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
