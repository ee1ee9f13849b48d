"""Errors that domain functions raise. Views, the API and the CLI turn them into messages."""


class DomainError(Exception):
    """A rule of the domain was broken; the message is written for the user who broke it."""


class NotFound(DomainError):
    """A record that the user named does not exist."""
