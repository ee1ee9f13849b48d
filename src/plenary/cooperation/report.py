"""The yearly report the ISU owes on the Article X database: "the offers made, requests sought and
matches made during a calendar year" (the Seventh Review Conference's words, treaty-databases.md
section 2), as table rows in the language of the moment and as the sections of a draft document
of a meeting (the back office records it through records.drafts, in six languages).

Aggregate counts only: a request is never named, as requests are restricted to States Parties
and the report goes to all. Example entries of the demo are counted and the report says so."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from plenary.cooperation import queries, vocabulary
from plenary.cooperation.models import Match, Offer, Request
from plenary.reports.tree import Para, Table

TITLE = gettext_lazy(
    "The Article X cooperation and assistance database: offers made, requests sought and matches made in %(year)s"
)
SOURCE = "BWC/CONF.VII/7"  # the Seventh Review Conference's final document (reference, section 2 [D])


def rows(year: int) -> list[tuple[str, str, int]]:
    """(key, label, number) of each line of the report, in the order of the table."""
    f = queries.yearly_figures(year)
    out = [
        ("offers", _("Offers made"), f["offers"]),
        ("requests", _("Requests sought"), f["requests"]),
        ("matches", _("Matches made"), f["matches"]),
    ]
    for code, label in Match.Status.choices:
        out.append(
            (
                f"matches_{code}",
                _("of which now %(status)s") % {"status": label},
                f["matches_by_status"][code],
            )
        )
    for code, label in vocabulary.FIELDS.items():
        out.append(
            (
                f"field_{code}",
                _("Offers in the field: %(field)s") % {"field": _(label)},
                f["offers_by_field"][code],
            )  # noqa: INT001
        )
    for code, label in vocabulary.TYPES.items():
        out.append(
            (
                f"type_{code}",
                _("Offers of the type: %(type)s") % {"type": _(label)},
                f["offers_by_type"][code],
            )  # noqa: INT001
        )
    return out


def has_examples(year: int) -> bool:
    """Whether example entries of the demo are among the year's counts."""
    return (
        Offer.objects.filter(published_on__year=year, demo=True).exists()
        or Request.objects.filter(published_on__year=year, demo=True).exists()
        or Match.objects.filter(recorded_at__year=year, demo=True).exists()
    )


def title(year: int) -> str:
    return str(TITLE) % {"year": year}


def sections(year: int) -> list[tuple[str, tuple[Para | Table, ...]]]:
    """The draft's sections in the language of the moment (called under translation.override)."""
    table = rows(year)
    head = {key: n for key, _label, n in table}
    intro = [
        Para(
            _(
                "The Seventh Review Conference decided to establish a database to facilitate the exchange "
                "of requests for, and offers to provide, assistance and cooperation, and asked the "
                "Implementation Support Unit to report the offers made, requests sought and matches "
                "made during a calendar year (%(source)s)."
            )
            % {"source": SOURCE},
            number="1",
        ),
        Para(
            _(
                "In %(year)s, %(offers)s offers were made and %(requests)s requests were sought through "
                "the database, and %(matches)s matches were made. Offers are public; requests are "
                "available to States Parties only, and this report gives their number alone."
            )
            % {
                "year": year,
                "offers": head["offers"],
                "requests": head["requests"],
                "matches": head["matches"],
            },
            number="2",
        ),
    ]
    if has_examples(year):
        intro.append(
            Para(
                _(
                    "These figures include example entries of the demonstration data, not real offers or requests."
                ),
                number="3",
            )
        )
    figures = (
        Table(
            header=(_("Figure"), pgettext("count", "Number")),
            rows=tuple((label, str(n)) for _key, label, n in table),
            caption=_("Offers, requests and matches in %(year)s") % {"year": year},
        ),
    )
    return [(_("Introduction"), tuple(intro)), (_("Figures of the year"), figures)]
