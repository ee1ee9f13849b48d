"""Errors that domain functions raise. Views, the API and the CLI turn them into messages.

A message is written once, in English, as a template marked for translation, with its values
apart:

    raise DomainError(_("%(series)s is not open (%(status)s)"), series=m.series, status=term(label))

(`_` is gettext_noop: it marks the template for the catalogues and leaves it as it is). `str(exc)`
is the message in the language active when it is read: a page shows it in the reader's language,
the CLI and the tests (English active) in English; `exc.english()` is always English. A value
wrapped in `term()` is a word of the interface (a status, a field's name) and is translated too;
a date (datetime.date) is written as the UN writes it in that language (4 December 2017,
2017年12月4日; `exc.english()` keeps it as YYYY-MM-DD, for logs); a size wrapped in `nbytes()`
is written in the language's units (20 MB, 1,5 Mio; `exc.english()` keeps the bytes); other
values (symbols, codes, names, numbers) are shown as they are. A message given already filled in
(an f-string) is shown as it is, in English; `passed_on()` passes a refusal on as its template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext_noop as _

from plenary.core.dates import un_date
from plenary.core.languages import reader_lang


class term(str):  # noqa: N801 - reads as a marker, like gettext's _()
    """A word of the interface given as a value of a message (translated with the message)."""

    __slots__ = ()


class nbytes(int):  # noqa: N801 - a marker, like term()
    """A size in bytes given as a value of a message (written as the reader reads sizes)."""

    __slots__ = ()


def _gettext(text: str) -> str:
    try:
        from django.conf import settings

        if not settings.configured:
            return text
        from django.utils.translation import gettext

        return gettext(text)
    except Exception:  # no Django, no catalogue: the English
        return text


def fill(template: str, params: Mapping[str, object], *, translate: bool) -> str:
    """The message: `template` (translated when `translate`) with its values put in; if the
    translation's placeholders do not fit the values, the English."""
    if not params:
        return _gettext(template) if translate else template
    values = {k: _shown(v) if translate else _plain(v) for k, v in params.items()}
    if translate:
        try:
            return _gettext(template) % values
        except (KeyError, ValueError, TypeError):
            pass
    return template % {k: _plain(v) for k, v in params.items()}


def _plain(value: object) -> object:
    if isinstance(value, nbytes):
        return f"{int(value):,} byte" if value == 1 else f"{int(value):,} bytes"
    return value.isoformat() if isinstance(value, dt.date) else value


def _shown(value: object) -> object:
    """A value as the reader sees it: a term translated, a date in the UN's form of the language."""
    if isinstance(value, term):
        return _gettext(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return un_date(value, reader_lang())  # English where no language is active
    if isinstance(value, nbytes):
        try:
            from django.conf import settings

            if settings.configured:
                from plenary.core.numbers import size_words

                return size_words(int(value))
        except Exception:  # no Django: the bytes
            pass
    return _plain(value)


class DomainError(Exception):
    """A rule of the domain was broken; the message is written for the user who broke it."""

    def __init__(self, message: object = "", /, **params: object) -> None:
        super().__init__(message)
        self.template = str(message)
        self.params = params
        if params:
            fill(self.template, params, translate=False)  # a template that does not fit its values fails here

    def english(self) -> str:
        return fill(self.template, self.params, translate=False)

    def __str__(self) -> str:
        return fill(self.template, self.params, translate=True)


def passed_on(cls: type[DomainError], error: Exception) -> DomainError:
    """`error`'s message as a `cls`, still a template with its values (read in the reader's
    language, `english()` English): how a domain passes on the refusal of a check it calls. A
    DomainError with its own way of writing itself, or any other exception, is passed on as its
    text."""
    if isinstance(error, DomainError) and type(error).__str__ is DomainError.__str__:
        return cls(error.template, **error.params)
    return cls(str(error))


class NotFound(DomainError):
    """A record that the user named does not exist."""


class NotAllowed(DomainError):
    """The actor may not do this at all (a page or the API answers 403, the CLI exits 2)."""


class Frozen(DomainError):
    """The record is issued, adopted or taken and can no longer change (a correction comes as a
    Corr. or Rev.)."""


def plain_text(value: object, what: str, *, limit: int, required: bool = True) -> str:
    """A text field as the domains take it: a string, trimmed, at most `limit` characters, no
    control characters (C0 but line breaks and tabs, DEL, C1: a NUL byte would be a server error
    on PostgreSQL); empty only when not `required`. Raises DomainError naming `what`."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(_("%(what)s is text, not %(kind)s"), what=term(what), kind=type(value).__name__)
    text = value.strip()
    if required and not text:
        raise DomainError(_("%(what)s is required"), what=term(what))
    if len(text) > limit:
        raise DomainError(
            _("%(what)s has %(length)s characters; at most %(limit)s"),
            what=term(what),
            length=f"{len(text):,}",
            limit=f"{limit:,}",
        )
    if any((ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) < 0xA0 for c in text):
        raise DomainError(_("%(what)s holds control characters"), what=term(what))
    return text
