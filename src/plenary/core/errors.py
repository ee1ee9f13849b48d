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
