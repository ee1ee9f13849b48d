"""The portal's questions about who may do what, built on plenary.accounts.permissions (the one
place for every rule); nothing here grants more than those rules do."""

from __future__ import annotations

from plenary.accounts.permissions import (
    AnyUser,
    can_act_for_delegation,
    can_register_delegation,
    is_staff,
    represented_organizations,
    represented_states,
)
from plenary.participation.models import Delegation
from plenary.portal.models import CoSponsorship, FloorRequest, Submission


def represents_anyone(user: AnyUser) -> bool:
    """Focal points, delegates and observers of a State or an organization: they have delegations."""
    return bool(represented_states(user) or represented_organizations(user))


def can_edit_delegation(user: AnyUser, delegation: Delegation) -> bool:
    """Changing the members is registering again: the focal point of that State or organization."""
    return can_register_delegation(user, state=delegation.state, organization=delegation.organization)


def can_act_for_submission(user: AnyUser, submission: Submission) -> bool:
    """Draft, upload, invite, submit: whoever acts for the submitting delegation."""
    return can_act_for_delegation(user, submission.delegation)


def can_answer_co_sponsorship(user: AnyUser, invitation: CoSponsorship) -> bool:
    """Only the invited State's focal point commits the State (staff do not answer for a State)."""
    return invitation.state.code in represented_states(user, focal_point_only=True)


def can_issue(user: AnyUser) -> bool:
    return is_staff(user)


def can_withdraw_floor_request(user: AnyUser, request: FloorRequest) -> bool:
    from plenary.accounts.permissions import can_steer_meeting

    return can_act_for_delegation(user, request.delegation) or can_steer_meeting(user, request.meeting)
