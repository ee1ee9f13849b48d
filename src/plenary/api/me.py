"""Who the caller is: for scripts to check their token."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from plenary.accounts.models import Role
from plenary.api.auth import token_or_session
from plenary.api.common import answers

router = Router(tags=["accounts"])


class RoleOut(Schema):
    kind: str
    meeting: str | None
    state: str | None
    organization: str | None


class MeOut(Schema):
    username: str
    roles: list[RoleOut]


@router.get(
    "/me",
    response=answers(MeOut, 401),
    auth=token_or_session,
    summary="The signed-in user or token's owner, and their roles",
)
def me(request: HttpRequest):
    roles = Role.objects.filter(user=request.auth).select_related("meeting", "state", "organization")
    return {
        "username": request.auth.username,
        "roles": [
            {
                "kind": r.kind,
                "meeting": r.meeting.series if r.meeting else None,
                "state": r.state.code if r.state else None,
                "organization": r.organization.code if r.organization else None,
            }
            for r in roles
        ],
    }
