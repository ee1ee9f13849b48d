"""The words of the Article X database: what is offered or asked (types), in which field, and where
(regions). Pure: no database.

The reference (treaty-databases.md, section 2) gives the database's purpose in the Seventh Review
Conference's words ("equipment, materials and scientific and technological information regarding
the use of biological and toxin agents for peaceful purposes") and the ISU's example requests
(biological risk management, capacity-building through training, transfer of equipment); the
database's own categories are unconfirmed there. These lists are Plenary's, built from those words
and from the Arms Trade Treaty's assistance categories (technical, financial, legal), and say so.
Regions are the UN regional groups, which Plenary already keeps with their memberships.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as _  # marks a label; pages translate it when they show it

TYPES: dict[str, str] = {
    "equipment": _("equipment"),
    "materials": _("materials"),
    "information": _("scientific and technological information"),
    "training": _("training"),
    "expertise": _("expertise and advice"),
    "funding": _("funding"),
    "legal": _("legal assistance"),
}

FIELDS: dict[str, str] = {
    "biosafety": _("biosafety and biosecurity"),
    "surveillance": _("disease surveillance, detection and diagnosis"),
    "laboratory": _("laboratory capacity"),
    "response": _("preparedness and response"),
    "legislation": _("legislation and national implementation"),
    "education": _("education and awareness"),
    "animal_plant": _("animal and plant health"),
    "research": _("research and development for peaceful purposes"),
}

# The UN regional groups (the codes Plenary's reference data use for the "UN" scheme).
REGIONS: dict[str, str] = {
    "AFRICAN": _("Africa"),
    "ASIA_PACIFIC": _("Asia and the Pacific"),
    "EEG": _("Eastern Europe"),
    "GRULAC": _("Latin America and the Caribbean"),
    "WEOG": _("Western Europe and other States"),
}


class VocabularyError(ValueError):
    """A word that is not one of the database's: an English template (marked with _()) and its
    values, which the domain turns into its own error (translated when read)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params)
        self.template, self.params = template, params


def check_words(values: object, allowed: dict[str, str], what: str, *, required: bool = True) -> list[str]:
    """`values` as a sorted list of distinct known codes of `allowed`; a clear error otherwise."""
    if not isinstance(values, list | tuple | set | frozenset):
        raise VocabularyError(_("%(what)s: a list of codes"), what=what)
    chosen = []
    for value in values:
        if not isinstance(value, str) or value not in allowed:
            shown = str(value)[:40]
            raise VocabularyError(
                _("%(what)s: %(value)s is not one of %(allowed)s"),
                what=what,
                value=repr(shown),
                allowed=", ".join(allowed),
            )
        chosen.append(value)
    if required and not chosen:
        raise VocabularyError(_("%(what)s: choose at least one"), what=what)
    return sorted(set(chosen))
