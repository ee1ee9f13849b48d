"""Who acts, and through what: built once per request, API call or CLI run, and handed to every
domain function as `by`.

A domain function asks the permission rules (`plenary.accounts.permissions`) whether `by` may do
what it is asked, and writes `by.name` and `by.via` into the audit trail. An actor without a user
is the system itself: the operator at the command line, a record load, a data migration. The
operator already holds the server and its database, so the rules let the system do what staff do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from django.contrib.auth.models import User

# Through what a change came. "load" is a meeting record loaded from a file; "system" is work the
# software does by itself (reference data synced at start-up).
VIAS = ("page", "api", "cli", "admin", "load", "system")


@dataclass(frozen=True)
class Actor:
    """`name` is the user name, or "system:<what>" for the system; `user` the signed-in user (None
    for the system); `via` one of VIAS."""

    name: str
    via: str
    user: User | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.via not in VIAS:
            raise ValueError(f"via must be one of {', '.join(VIAS)}, not {self.via!r}")
        if not self.name:
            raise ValueError("an actor has a name")

    @classmethod
    def of(cls, user: Any, via: str = "page") -> Actor:
        """The actor for a signed-in user (or an anonymous visitor, who may do little)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return cls(name="anonymous", via=via, user=user)
        return cls(name=user.get_username(), via=via, user=user)

    @classmethod
    def system(cls, what: str, via: str = "cli") -> Actor:
        """The system itself: `plenary <what>` at the command line, a load, a migration."""
        return cls(name=f"system:{what}", via=via, user=None)

    @property
    def is_system(self) -> bool:
        return self.user is None and self.name.startswith("system:")

    def through(self, via: str) -> Actor:
        """The same person acting through something else (an admin action calling the domain)."""
        return Actor(name=self.name, via=via, user=self.user)

    def __str__(self) -> str:
        return f"{self.name} ({self.via})"


def actor_of(request: Any, via: str = "page") -> Actor:
    """The actor of a request, built once and kept on it (`request.actor`)."""
    cached = getattr(request, "actor", None)
    if isinstance(cached, Actor) and cached.via == via:
        return cached
    user = getattr(request, "auth", None) if via == "api" else None
    actor = Actor.of(user if user is not None else getattr(request, "user", None), via=via)
    request.actor = actor
    return actor
