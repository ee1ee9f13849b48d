"""Errors that domain functions raise. Views, the API and the CLI turn them into messages."""


class DomainError(Exception):
    """A rule of the domain was broken; the message is written for the user who broke it."""


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
        raise DomainError(f"{what} is text, not {type(value).__name__}")
    text = value.strip()
    if required and not text:
        raise DomainError(f"{what} is required")
    if len(text) > limit:
        raise DomainError(f"{what} has {len(text):,} characters; at most {limit:,}")
    if any((ord(c) < 32 and c not in "\n\r\t") or 0x7F <= ord(c) < 0xA0 for c in text):
        raise DomainError(f"{what} holds control characters")
    return text
