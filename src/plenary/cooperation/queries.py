"""The readers of the Article X database: the offers and requests a person may read (see the rule in
`cooperation/domain.py`'s docstring), the offers that fit a request with their reasons
(`cooperation/matching.py`), and the figures of the yearly report the ISU owes: "the offers made,
requests sought and matches made during a calendar year" (treaty-databases.md, section 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from plenary.accounts import permissions
from plenary.cooperation import matching, vocabulary
from plenary.cooperation.models import Match, Offer, Request, Status
from plenary.core import clock


def _related(rows: QuerySet) -> QuerySet:
    return rows.select_related("state", "organization").prefetch_related("with_states")


def own_filter(who: permissions.Who) -> Q:
    """The entries made in the name of a State or organization `who` drafts for."""
    states = permissions.drafting_states(who)
    orgs = permissions.represented_organizations(who, focal_point_only=True)
    return Q(state__code__in=states) | Q(state__isnull=True, organization__code__in=orgs)


def public_offers(
    *, type_: str = "", field: str = "", region: str = "", on: dt.date | None = None
) -> list[Offer]:
    """The open offers everyone reads, newest first, filtered by a type, a field and a region (an
    offer open to every region is in every region); unknown words filter nothing out and are
    ignored by the callers, who check them."""
    on = on or clock.today()
    rows = _related(
        Offer.objects.filter(status=Status.OPEN).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
    )
    out = []
    for offer in rows.order_by("-published_on", "-pk"):
        if type_ and type_ not in offer.types:
            continue
        if field and field not in offer.fields:
            continue
        if region and offer.regions and region not in offer.regions:
            continue
        out.append(offer)
    return out


def requests_for(who: permissions.Who) -> QuerySet[Request]:
    """The requests `who` reads: every submitted one for readers of what is restricted to States
    Parties (the secretariat sees drafts too), and the drafts of the States `who` drafts for."""
    rows = _related(Request.objects.all())
    if permissions.is_staff(who):
        return rows
    drafts = Q(status=Status.DRAFT) & own_filter(who)
    if permissions.reads_restricted(who):
        return rows.filter(~Q(status=Status.DRAFT) | drafts)
    return rows.filter(drafts) if permissions.drafting_states(who) else rows.none()


def offers_for(who: permissions.Who) -> QuerySet[Offer]:
    """The offers `who` reads: every submitted one, and the drafts `who` may draft (all for staff)."""
    rows = _related(Offer.objects.all())
    if permissions.is_staff(who):
        return rows
    return rows.filter(~Q(status=Status.DRAFT) | (Q(status=Status.DRAFT) & own_filter(who)))


def own_entries(who: permissions.Who) -> tuple[list[Offer], list[Request]]:
    """The offers and requests made in the name of the States and organizations `who` drafts for."""
    mine = own_filter(who)
    return (
        list(_related(Offer.objects.filter(mine)).order_by("-updated_at", "-pk")),
        list(_related(Request.objects.filter(mine)).order_by("-updated_at", "-pk")),
    )


def as_entry(entry: Offer | Request) -> matching.Entry:
    """An offer or a request as the matching rule sees it."""
    offer = isinstance(entry, Offer)
    return matching.Entry(
        key=entry.pk,
        fields=frozenset(entry.fields),
        types=frozenset(entry.types),
        regions=frozenset(entry.regions) if offer else frozenset(),
        region="" if offer else entry.region,
        open=entry.status == Status.OPEN,
        valid_until=entry.valid_until,
        published=entry.published_on,
    )


def reason_text(reason: tuple[str, str]) -> str:
    """A reason in words, in the language of the moment."""
    from django.utils.translation import gettext as _

    kind, code = reason
    if kind == "field":
        return _("same field: %(field)s") % {"field": _(vocabulary.FIELDS[code])}  # noqa: INT001
    if kind == "type":
        return _("offers %(type)s, which is asked") % {"type": _(vocabulary.TYPES[code])}  # noqa: INT001
    if code:
        return _("covers the region: %(region)s") % {"region": _(vocabulary.REGIONS[code])}  # noqa: INT001
    return _("open to every region")


def fitting_offers(request: Request, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """The open offers that fit the request, best first, each with its score and its reasons (codes
    and words), and whether it is already matched. The requesting State's own offers are left out.
    Two queries whatever the number of offers."""
    on = on or clock.today()
    offers = {
        o.pk: o
        for o in _related(Offer.objects.filter(status=Status.OPEN)).exclude(state_id=request.state_id)
        if o.state_id is not None or o.organization_id is not None
    }
    matched = set(Match.objects.filter(request=request).values_list("offer_id", flat=True))
    fits = matching.ranked(as_entry(request), [as_entry(o) for o in offers.values()], on)
    return [
        {
            "offer": offers[f.offer.key],
            "score": f.score,
            "reasons": list(f.reasons),
            "words": [reason_text(r) for r in f.reasons],
            "matched": f.offer.key in matched,
        }
        for f in fits
    ]


def matches_for(who: permissions.Who) -> QuerySet[Match]:
    """The matches `who` reads: those of requests `who` reads."""
    if not permissions.reads_restricted(who):
        return Match.objects.none()
    return Match.objects.select_related("request__state", "offer__state", "offer__organization")


def yearly_figures(year: int) -> dict[str, Any]:
    """The Article X figures of the ISU's report for calendar `year`: the offers made and the
    requests sought (submitted in the year, by their day of submission, withdrawn ones included,
    drafts not), the matches made (recorded in the year), and the matches by their status today.
    Aggregate counts only: no request is named. Example entries of the demo are counted, as they
    are on record (each is marked as an example on the pages).

    Keys: year, offers, requests, matches, matches_by_status {status: count}, offers_by_field
    {field: count}, offers_by_type {type: count}."""
    offers = list(Offer.objects.filter(published_on__year=year).values_list("types", "fields"))
    requests = Request.objects.filter(published_on__year=year).count()
    matches = list(Match.objects.filter(recorded_at__year=year).values_list("status", flat=True))
    by_status = {code: matches.count(code) for code in Match.Status.values}
    return {
        "year": year,
        "offers": len(offers),
        "requests": requests,
        "matches": len(matches),
        "matches_by_status": by_status,
        "offers_by_field": {code: sum(code in f for _, f in offers) for code in vocabulary.FIELDS},
        "offers_by_type": {code: sum(code in t for t, _ in offers) for code in vocabulary.TYPES},
    }


def described(entries, lang: str) -> list[dict[str, Any]]:
    """Offers or requests as the pages show them, in the language of the moment: who makes it
    (the State's UN short name, or the organization's), with whom, the words of its types, fields
    and regions (one query for the names, whatever the number of entries)."""
    from django.utils.translation import gettext as _

    from plenary.core.languages import pick
    from plenary.treaties.queries import names_on

    names = names_on(clock.today(), lang)

    def org(o) -> str:
        picked = pick(o.short_names, lang) or pick(o.names, lang)
        return picked.text if picked else o.code

    out = []
    for e in entries:
        provider = names.get(e.state.code, e.state.code) if e.state_id else org(e.organization)
        offer = isinstance(e, Offer)
        regions = e.regions if offer else [e.region]
        out.append(
            {
                "e": e,
                "kind": e.kind,
                "provider": provider,
                "with": [names.get(s.code, s.code) for s in e.with_states.all()]
                + ([org(e.organization)] if e.state_id and e.organization_id else []),
                "types": [_(vocabulary.TYPES[c]) for c in e.types if c in vocabulary.TYPES],  # noqa: INT001
                "fields": [_(vocabulary.FIELDS[c]) for c in e.fields if c in vocabulary.FIELDS],  # noqa: INT001
                "regions": [_(vocabulary.REGIONS[c]) for c in regions if c in vocabulary.REGIONS]  # noqa: INT001
                or [_("every region")],
            }
        )
    return out
