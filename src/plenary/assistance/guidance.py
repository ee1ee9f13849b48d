"""The words of an Article VII request for assistance and of an offer: the kinds of assistance, the
urgency levels, and the guidance shown beside each field of the request form. Pure: no database.

No format is agreed (treaty-databases.md, section 3: "No agreed request format"). The Fourth
Meeting of Experts (MX4, 2019) had on its agenda "a set of guidelines and formats to assist a State
Party, if required, when submitting an application for assistance"; India and France proposed a
database for assistance under Article VII (2016, again 2021); the OPCW's decision C-10/DEC.8 (2005)
gives a format for offers of assistance. The guidance below is Plenary's own wording, modelled on
those proposals: it asks what a provider needs to know to decide whether and how fast it can help.
The labels are marked for translation and translated when the page shows them.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as _  # marks a label; pages translate it when they show it

# The kinds of assistance (issue 13, section 3), asked in a request and offered in an offer.
NEEDS: dict[str, str] = {
    "medical": _("medical assistance"),
    "veterinary": _("veterinary assistance"),
    "detection": _("detection and diagnosis"),
    "decontamination": _("decontamination"),
    "logistics": _("logistics"),
    "expertise": _("expertise"),
}

URGENCIES: dict[str, str] = {
    "immediate": _("immediate (within 24 hours)"),
    "urgent": _("urgent (within 72 hours)"),
    "planned": _("planned (within weeks)"),
}
# The hours within which an offer must be able to deploy to meet each urgency (used to rank offers).
URGENCY_HOURS: dict[str, int] = {"immediate": 24, "urgent": 72, "planned": 24 * 30}

# The nature of the event, as the requesting State sees it when it asks.
NATURES: dict[str, str] = {
    "alleged_use": _("alleged use of biological or toxin weapons"),
    "outbreak_unusual": _("unusual outbreak of disease in humans"),
    "outbreak_animals": _("outbreak of disease in animals or plants (attack on agriculture)"),
    "release": _("accidental or deliberate release from a facility"),
    "threat": _("credible threat of use"),
    "other": _("other"),
}

# The fields of the request format in the order of the form, each with its guidance.
REQUEST_FIELDS: dict[str, tuple[str, str]] = {
    "event_title": (
        _("Title of the event"),
        _(
            "A short name for the event that the secretariat and the providers will use in every "
            "message, for example the place and the month."
        ),
    ),
    "nature": (
        _("Nature of the event"),
        _(
            "What the requesting State believes has happened. Choose the closest; the description "
            "below says what is known and what is only suspected."
        ),
    ),
    "event_date": (
        _("Date of the event"),
        _("The date the event began or was first detected, as far as it is known."),
    ),
    "place": (
        _("Place of the event"),
        _(
            "The region, town or facility concerned, precise enough for providers to plan the "
            "journey and the conditions on arrival."
        ),
    ),
    "description": (
        _("Description"),
        _(
            "What is known: people or animals affected, the agent suspected or confirmed, what the "
            "national authorities have done so far, and what they cannot do alone."
        ),
    ),
    "needs": (
        _("Assistance needed"),
        _(
            "Tick each kind of assistance needed. Providers are matched by these categories, so "
            "tick only what is needed now."
        ),
    ),
    "needs_detail": (
        _("Details of the assistance needed"),
        _(
            "For each kind ticked: how much (teams, beds, tests a day, equipment), for how long, "
            "and any language or technical requirement. Mention whether a mobile biomedical unit "
            "would help."
        ),
    ),
    "urgency": (
        _("Urgency"),
        _("How soon the assistance must arrive. Offers able to deploy within that time are shown first."),
    ),
    "contacts": (
        _("Points of contact"),
        _(
            "Name, function, telephone and e-mail of the people who can be reached at any hour, "
            "and the place where teams should report on arrival."
        ),
    ),
    "exercise": (
        _("Exercise"),
        _(
            "Tick this when the request is part of an exercise and no real event has occurred. "
            "An exercise is marked as such on every page and in every message."
        ),
    ),
}

# The fields of an offer (modelled on the OPCW's format for offers of assistance, C-10/DEC.8).
OFFER_FIELDS: dict[str, tuple[str, str]] = {
    "title": (_("Title of the offer"), _("What is offered, in a few words.")),
    "categories": (_("Kinds of assistance offered"), _("Tick each kind of assistance the offer covers.")),
    "capacity": (
        _("Capacity"),
        _("What can be sent: teams and their size, equipment, supplies, and for how long."),
    ),
    "deploy_hours": (
        _("Time to deploy (hours)"),
        _("How many hours after a request is accepted the assistance can leave."),
    ),
    "mobile_unit": (
        _("Mobile biomedical unit"),
        _("Tick this when the offer includes a mobile biomedical unit (a deployable laboratory or clinic)."),
    ),
    "conditions": (
        _("Conditions"),
        _("Any condition: costs to be borne, permissions, security, language, customs."),
    ),
    "contact": (_("Contact"), _("Who to call to activate the offer, at any hour.")),
    "valid_until": (
        _("Valid until"),
        _("The last day the offer stands; leave empty if it stands until withdrawn."),
    ),
}


def unknown_needs(needs: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> list[str]:
    """The codes of `needs` that are not kinds of assistance, sorted."""
    return sorted(str(n) for n in needs if n not in NEEDS)
