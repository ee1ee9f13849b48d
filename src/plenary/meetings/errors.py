"""Messages of the meetings' writers that name a place in the record ("BWC/MSP/2027: agenda item 3:
title: ..."), in the reader's language.

The agenda's and the programme's checks are shared by many places: a title's check is that of a
new item, of an item, of a sitting's note. The place is then a value of its own, a `Place`: an
English template marked with `_()` and its values, like the message it is put in. A
`MeetingError` (a DomainError) fills its places in the language it is read in, and in English
for `english()`:

    where = Place(_("%(series)s: agenda item %(item)s"), series=m.series, item=item.label)
    raise MeetingError(_("%(where)s: give the text in at least one UN language"), where=where)

A `Place` read as a string (an f-string of a record load, the CLI) is English. `Listing` is a list
of values (places, terms, codes) joined by ", "; `Names` is a name given per UN language (a
kind of meeting's, from the treaty profile), shown in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext_noop as _

from plenary.core.errors import DomainError, fill, term
from plenary.core.languages import reader_lang

__all__ = ["Listing", "MeetingError", "Names", "Place", "_", "term"]


def _resolved(params: Mapping[str, object], translate: bool) -> dict[str, object]:
    return {
        k: (v.text(translate) if isinstance(v, Place | Listing | Names) else v) for k, v in params.items()
    }


class Place:
    """A place in a meeting's record, as a message names it: an English template and its values."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params
        fill(template, _resolved(params, False), translate=False)  # a template that does not fit fails here

    def text(self, translate: bool) -> str:
        return fill(self.template, _resolved(self.params, translate), translate=translate)

    def __str__(self) -> str:
        return self.text(False)

    def __repr__(self) -> str:
        return f"Place({self.text(False)!r})"


COMMA = term(_(", "))  # "، " in Arabic, "、" in Chinese


class Listing:
    """Values shown one after the other, joined by `sep` (a term, translated: ", " is "، " in
    Arabic, "; " is " ; " in French); each value a place, a term or a plain value."""

    __slots__ = ("items", "sep")

    def __init__(self, items: Sequence[object], sep: str = COMMA) -> None:
        self.items = tuple(items)
        self.sep = sep

    def text(self, translate: bool) -> str:
        values = _resolved({str(i): v for i, v in enumerate(self.items)}, translate)
        sep = fill(self.sep, {}, translate=translate) if isinstance(self.sep, term) else self.sep
        return sep.join(fill("%(v)s", {"v": v}, translate=translate) for v in values.values())

    def __str__(self) -> str:
        return self.text(False)


class Names:
    """A name given per UN language (en, fr, es, ru, ar, zh): the reader's language's, else English."""

    __slots__ = ("names",)

    def __init__(self, names: Mapping[str, str], default: str) -> None:
        self.names = {**dict(names), "en": names.get("en") or default}

    def text(self, translate: bool) -> str:
        if translate:
            return self.names.get(reader_lang()) or self.names["en"]
        return self.names["en"]

    def __str__(self) -> str:
        return self.text(False)


class MeetingError(DomainError):
    """A DomainError whose values may be places (Place, Listing, Names): each is put in in the
    language the message is read in; `english()` is English throughout."""

    def english(self) -> str:
        return fill(self.template, _resolved(self.params, False), translate=False)

    def __str__(self) -> str:
        return fill(self.template, _resolved(self.params, True), translate=True)
