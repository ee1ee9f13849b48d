"""Who may do what. One place for every rule, so that pages, the API and the tests agree.

Personas: secretariat staff; a meeting's officers; a State's focal point and its delegates (or an
organization's); observer / NGO representatives; anonymous visitors. Reading public records needs
no role. Each function takes the user and the object the action concerns.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from plenary.accounts.models import Role
from plenary.meetings.models import Meeting
from plenary.participation.models import Delegation
from plenary.treaties.models import State

AnyUser = User | AnonymousUser


def _roles(user: AnyUser) -> list[Role]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_plenary_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).select_related("state", "organization", "meeting"))
        user._plenary_roles = cached  # type: ignore[union-attr]
    return cached


def is_staff(user: AnyUser) -> bool:
    """Secretariat staff: a staff role (Django superusers count as staff too)."""
    return bool(
        user.is_authenticated and (user.is_superuser or any(r.kind == Role.Kind.STAFF for r in _roles(user)))
    )


def is_officer(user: AnyUser, meeting: Meeting) -> bool:
    return any(r.kind == Role.Kind.OFFICER and r.meeting_id == meeting.pk for r in _roles(user))


def represented_states(user: AnyUser, *, focal_point_only: bool = False) -> set[str]:
    kinds = {Role.Kind.FOCAL_POINT} if focal_point_only else {Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE}
    return {r.state.code for r in _roles(user) if r.kind in kinds and r.state_id}


def represented_organizations(user: AnyUser, *, focal_point_only: bool = False) -> set[str]:
    kinds = (
        {Role.Kind.FOCAL_POINT}
        if focal_point_only
        else {Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE, Role.Kind.OBSERVER}
    )
    return {r.organization.code for r in _roles(user) if r.kind in kinds and r.organization_id}


def can_register_delegation(user: AnyUser, *, state: State | None = None, organization=None) -> bool:
    """A focal point registers their own State's (or organization's) delegation; staff any."""
    if is_staff(user):
        return True
    if state is not None:
        return state.code in represented_states(user, focal_point_only=True)
    if organization is not None:
        return organization.code in represented_organizations(user, focal_point_only=True)
    return False


def can_act_for_delegation(user: AnyUser, delegation: Delegation) -> bool:
    """Submit papers, ask for the floor: the delegation's focal point and delegates; staff."""
    if is_staff(user):
        return True
    if delegation.state_id:
        return delegation.state.code in represented_states(user)
    return delegation.organization.code in represented_organizations(user)


def can_steer_meeting(user: AnyUser, meeting: Meeting) -> bool:
    """See and steer the meeting (the live list of speakers): staff and the meeting's officers."""
    return is_staff(user) or is_officer(user, meeting)


def can_see_history(user: AnyUser) -> bool:
    return is_staff(user)
