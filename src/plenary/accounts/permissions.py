"""Who may do what. One place for every rule, so that pages, the API and the tests agree.

Personas: secretariat staff; a meeting's officers; a State's focal point and its delegates (or an
organization's); observer / NGO representatives; anonymous visitors. Reading public records needs
no role. Each function takes who acts (an Actor, as domain functions have it, or the user, as pages
ask before they show a button) and the object the action concerns. The system itself (an Actor
without a user: the operator's command line, a record load) may do what staff may do.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_noop as _

from plenary.accounts.models import Role
from plenary.core.actor import Actor
from plenary.core.audit import acting_for_code
from plenary.core.errors import NotAllowed, term
from plenary.meetings.models import Meeting
from plenary.participation.models import Delegation
from plenary.treaties.models import State

AnyUser = User | AnonymousUser
Who = Actor | User | AnonymousUser | None


def _user(who: Who) -> AnyUser | None:
    return who.user if isinstance(who, Actor) else who


def _is_system(who: Who) -> bool:
    return isinstance(who, Actor) and who.is_system


def _roles(who: Who) -> list[Role]:
    user = _user(who)
    if user is None or not user.is_authenticated:
        return []
    cached = getattr(user, "_plenary_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).select_related("state", "organization", "meeting"))
        user._plenary_roles = cached  # type: ignore[union-attr]
    return cached


def is_staff(who: Who) -> bool:
    """Secretariat staff: a staff role (Django superusers count as staff too), or the system."""
    if _is_system(who):
        return True
    user = _user(who)
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or any(r.kind == Role.Kind.STAFF for r in _roles(user)))
    )


def needs_second_factor(who: Who) -> bool:
    """Who signs in with a second factor: secretariat staff, and every superuser or Django staff
    user (who reach the admin) whether or not they hold a Plenary role. The system has no session."""
    user = _user(who)
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.is_staff or is_staff(user))


def is_verified(user: AnyUser | None) -> bool:
    """Whether this request's session passed the second factor (django-otp's OTPMiddleware tells;
    a user that did not come through it, e.g. one built in a test, has not)."""
    check = getattr(user, "is_verified", None)
    return bool(callable(check) and check())


def is_officer(user: Who, meeting: Meeting) -> bool:
    return any(r.kind == Role.Kind.OFFICER and r.meeting_id == meeting.pk for r in _roles(user))


def represented_states(user: Who, *, focal_point_only: bool = False) -> set[str]:
    kinds = {Role.Kind.FOCAL_POINT} if focal_point_only else {Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE}
    return {r.state.code for r in _roles(user) if r.kind in kinds and r.state_id}


def represented_organizations(user: Who, *, focal_point_only: bool = False) -> set[str]:
    kinds = (
        {Role.Kind.FOCAL_POINT}
        if focal_point_only
        else {Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE, Role.Kind.OBSERVER}
    )
    return {r.organization.code for r in _roles(user) if r.kind in kinds and r.organization_id}


def registering_organizations(user: Who) -> set[str]:
    """The organizations whose representatives the user registers (Rule 44, paragraphs 3-5): as
    their focal point, or as their observer."""
    kinds = {Role.Kind.FOCAL_POINT, Role.Kind.OBSERVER}
    return {r.organization.code for r in _roles(user) if r.kind in kinds and r.organization_id}


def can_register_delegation(user: Who, *, state: State | None = None, organization=None) -> bool:
    """A focal point registers their own State's delegation, and an organization's focal point
    or observer its representatives; staff any."""
    if is_staff(user):
        return True
    if state is not None:
        return state.code in represented_states(user, focal_point_only=True)
    if organization is not None:
        return organization.code in registering_organizations(user)
    return False


def can_act_for_delegation(user: Who, delegation: Delegation) -> bool:
    """Submit papers, ask for the floor: the delegation's focal point and delegates; staff."""
    if is_staff(user):
        return True
    if delegation.state_id:
        return delegation.state.code in represented_states(user)
    return delegation.organization.code in represented_organizations(user)


def can_steer_meeting(user: Who, meeting: Meeting) -> bool:
    """See and steer the meeting (the live list of speakers): staff and the meeting's officers."""
    return is_staff(user) or is_officer(user, meeting)


def can_see_history(user: Who) -> bool:
    return is_staff(user)


def represents_anyone(user: Who) -> bool:
    """Focal points, delegates and observers of a State or an organization: they have delegations."""
    return bool(represented_states(user) or represented_organizations(user))


def can_edit_delegation(user: Who, delegation: Delegation) -> bool:
    """Changing the members is registering again: the focal point of that State or organization."""
    return can_register_delegation(user, state=delegation.state, organization=delegation.organization)


def can_read_credentials(user: Who, delegation: Delegation) -> bool:
    """A registration's note verbale or letter of credentials: staff and the delegation's own
    people (its State's focal points and delegates, its organization's representatives)."""
    return can_act_for_delegation(user, delegation)


def can_act_for_paper(user: Who, paper) -> bool:
    """Draft, upload, invite, submit a working paper: whoever acts for the submitting delegation."""
    return can_act_for_delegation(user, paper.delegation)


def can_answer_co_sponsorship(user: Who, invitation) -> bool:
    """Only the invited State's focal point commits the State (staff do not answer for a State)."""
    return invitation.state.code in represented_states(user, focal_point_only=True)


def can_read_paper(user: Who, paper) -> bool:
    """A paper before issue: its delegation, staff, and the focal point and delegates of a State
    invited to co-sponsor it (they read what they are asked to sign; only the focal point answers).
    (An issued paper is a public document.)"""
    if can_act_for_paper(user, paper):
        return True
    mine = represented_states(user)
    return bool(mine) and paper.co_sponsorships.filter(state__code__in=mine).exists()


def can_issue(user: Who) -> bool:
    """Issue documents, record decisions, adopt and issue reports: the secretariat."""
    return is_staff(user)


def can_withdraw_floor_request(user: Who, request) -> bool:
    return can_act_for_delegation(user, request.delegation) or can_steer_meeting(user, request.meeting)


def require_staff(by: Who, what: str) -> None:
    """NotAllowed ("only the secretariat <what>") unless `by` is staff or the system: the guard of
    every act that only the secretariat does. `what` marked with _() where it is written
    (`require_staff(by, _("approves registrations"))`) and translated in the catalogues makes the
    message speak the reader's language; a `what` the catalogues lack keeps the whole message in
    English (rather than a translated frame around English words)."""
    if not is_staff(by):
        if _translated(what):
            raise NotAllowed(_("only the secretariat %(what)s"), what=term(what))
        raise NotAllowed(f"only the secretariat {what}")


def _translated(text: str) -> bool:
    """Whether the catalogues translate `text` (they are complete in every language or in none:
    tests/web/test_i18n.py), judged by the French."""
    with translation.override("fr"):
        return translation.gettext(text) != text


def acting_for(who: Who, delegation: Delegation) -> str:
    """In whose name `who` acts on the delegation's behalf when not one of its own people (staff, an
    officer, the system): "State:FRA" or "Organization:VERTIC"; "" when `who` is of that State or
    organization. Every act done in a delegation's name writes it into the audit entry
    (its `acting_for`), and the State's focal point sees those entries. A record load
    (via "load") acts for no one: it writes down what happened at a meeting."""
    if isinstance(who, Actor) and who.via == "load":
        return ""
    if delegation.state_id:
        code = delegation.state.code
        return "" if code in represented_states(who) else acting_for_code("State", code)
    code = delegation.organization.code
    return "" if code in represented_organizations(who) else acting_for_code("Organization", code)


def can_see_acts_for(who: Who, *, state: State | None = None, organization=None) -> bool:
    """What others did in a State's (an organization's) name: its focal points, and staff."""
    if is_staff(who):
        return True
    if state is not None:
        return state.code in represented_states(who, focal_point_only=True)
    if organization is not None:
        return organization.code in represented_organizations(who, focal_point_only=True)
    return False


# --- The treaty's databases: CBMs, Article X, Article VII, finances, sponsorship -----------------
# A State's people there are its focal points, delegates, national contact point and authorised
# users. What is restricted to States Parties is read by staff and by the people of a State that is
# a State Party on the day of reading; a signatory's or a non-party's people read only what is public.

STATE_KINDS = frozenset(
    {Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE, Role.Kind.CONTACT_POINT, Role.Kind.AUTHORISED}
)
PARTY_EVENT_KINDS = ("ratification", "accession", "succession")


def state_people_of(who: Who) -> set[str]:
    """The States (alpha-3 codes) whose people `who` is, in any role."""
    return {r.state.code for r in _roles(who) if r.kind in STATE_KINDS and r.state_id}


def contact_point_states(who: Who) -> set[str]:
    """The States whose national contact point `who` is."""
    return {r.state.code for r in _roles(who) if r.kind == Role.Kind.CONTACT_POINT and r.state_id}


def states_parties_among(codes: set[str], *, treaty: str = "BWC", on=None) -> set[str]:
    """Those of `codes` that are States Parties to `treaty` on the date (today by default): a
    ratification, accession or succession deposited by then, and the treaty in force (one query)."""
    from plenary.core.clock import today
    from plenary.treaties.models import TreatyEvent

    if not codes:
        return set()
    on = on or today()
    rows = TreatyEvent.objects.filter(
        treaty__code=treaty, state__code__in=codes, kind__in=PARTY_EVENT_KINDS, date__lte=on
    ).filter(models.Q(treaty__entry_into_force__isnull=True) | models.Q(treaty__entry_into_force__lte=on))
    return set(rows.values_list("state__code", flat=True))


def reads_restricted(who: Who, *, treaty: str = "BWC") -> bool:
    """Whether `who` reads what is restricted to States Parties (restricted CBM reports, Article X
    requests): the secretariat, and the people of a State that is a State Party today."""
    if is_staff(who):
        return True
    user = _user(who)
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_plenary_reads_restricted", None)
    if cached is None:
        cached = bool(states_parties_among(state_people_of(user), treaty=treaty))
        user._plenary_reads_restricted = cached  # type: ignore[union-attr]
    return cached


def can_draft_for_state(who: Who, state: State) -> bool:
    """Draft a State's CBM report or database entries: its national contact point and authorised
    users, its focal point; the secretariat (entering on the State's behalf, which is marked)."""
    return is_staff(who) or state.code in drafting_states(who)


DRAFTING_KINDS = frozenset({Role.Kind.CONTACT_POINT, Role.Kind.AUTHORISED, Role.Kind.FOCAL_POINT})


def drafting_states(who: Who) -> set[str]:
    """The States for which `who` drafts (as contact point, authorised user or focal point)."""
    return {r.state.code for r in _roles(who) if r.kind in DRAFTING_KINDS and r.state_id}


def can_submit_for_state(who: Who, state: State) -> bool:
    """Submit in a State's name (a CBM report, an Article VII request): its national contact point;
    the secretariat on the State's behalf (marked as such)."""
    return is_staff(who) or state.code in contact_point_states(who)


def can_see_state_finances(who: Who, state: State) -> bool:
    """A State's assessments, invoices, payments and arrears: the secretariat and the State's own
    people; no one else."""
    return is_staff(who) or state.code in state_people_of(who)


def acting_for_state(who: Who, state: State) -> str:
    """ "State:XXX" when `who` acts in the State's name without being one of its people (the
    secretariat entering on its behalf); "" otherwise. Written into the audit entry."""
    if isinstance(who, Actor) and who.via == "load":
        return ""
    return "" if state.code in state_people_of(who) else acting_for_code("State", state.code)


# --- cbm


def can_read_cbm_report(who: Who, report) -> bool:
    """A CBM report's content: a draft by its State's drafters and the secretariat; a submitted
    public report by everyone; a submitted restricted report by `reads_restricted` readers and the
    State's own people."""
    if report.status != "submitted":
        return can_draft_for_state(who, report.state)
    if report.visibility == "public":
        return True
    return reads_restricted(who) or report.state.code in state_people_of(who)


# --- assistance
# Article VII: a request is read by the secretariat, the requesting State's people and whoever reads
# what is restricted to States Parties; an offer likewise, and by its provider's people.


def can_offer_assistance(who: Who, *, state: State | None = None, organization=None) -> bool:
    """Record an Article VII offer: a State's people (focal point, delegates, contact point,
    authorised users) for their State, an organization's focal point for it, the secretariat."""
    if is_staff(who):
        return True
    if state is not None:
        return state.code in state_people_of(who)
    if organization is not None:
        return organization.code in represented_organizations(who, focal_point_only=True)
    return False


def reads_assistance(who: Who, *, state: State | None = None, organization=None) -> bool:
    """Read an Article VII request (of `state`) or offer (of `state` or `organization`)."""
    if reads_restricted(who):
        return True
    if state is not None and state.code in state_people_of(who):
        return True
    return organization is not None and organization.code in represented_organizations(
        who, focal_point_only=True
    )


# --- sponsorship
# An application is seen by the secretariat, the meeting's officers (whom the ISU consults), the
# applicant and the focal point of the applicant's State; the report to donors by the secretariat
# and the people of a donor (a donor State's people, a donor organization's representatives); the
# programme's aggregate figures are public.


def can_see_sponsorship_application(who: Who, application) -> bool:
    if is_staff(who) or is_officer(who, application.meeting):
        return True
    user = _user(who)
    if user is None or not user.is_authenticated:
        return False
    if application.applicant_id == user.pk:
        return True
    return application.state.code in represented_states(user, focal_point_only=True)


def sponsorship_donor_keys(who: Who) -> set[str]:
    """The donors `who` is of: "State:XXX" for a State's people, "Organization:CODE" for an
    organization's focal point, delegates and representatives."""
    org_kinds = {Role.Kind.FOCAL_POINT, Role.Kind.DELEGATE, Role.Kind.OBSERVER}
    keys = {f"State:{code}" for code in state_people_of(who)}
    keys |= {
        f"Organization:{r.organization.code}"
        for r in _roles(who)
        if r.kind in org_kinds and r.organization_id
    }
    return keys


def can_see_sponsorship_donor_report(who: Who, donor_keys: set[str]) -> bool:
    """The report to donors: the secretariat, and the people of one of the donors (`donor_keys`)."""
    return is_staff(who) or bool(sponsorship_donor_keys(who) & donor_keys)


# --- finance: cost estimates
# The secretariat prepares, edits and issues cost estimates and records the rates; an issued
# estimate is a document of the meeting, read by everyone; a draft by the secretariat alone.


def can_prepare_cost_estimates(who: Who) -> bool:
    return is_staff(who)


def can_read_cost_estimate(who: Who, estimate) -> bool:
    return estimate.status == "issued" or is_staff(who)


# --- cooperation
# The Article X database: an entry is made in the name of a State (drafted by its contact point,
# authorised users and focal point, submitted by its contact point) or, for an offer, of an
# international organization (its focal point); the secretariat may do either on their behalf.
# A submitted offer is public; a request is read by `reads_restricted` readers only; a draft by
# those who may draft it.


def can_draft_cooperation(who: Who, *, state: State | None = None, organization=None) -> bool:
    if state is not None:
        return can_draft_for_state(who, state)
    if organization is not None:
        return is_staff(who) or organization.code in represented_organizations(who, focal_point_only=True)
    return False


def can_submit_cooperation(who: Who, *, state: State | None = None, organization=None) -> bool:
    if state is not None:
        return can_submit_for_state(who, state)
    if organization is not None:
        return is_staff(who) or organization.code in represented_organizations(who, focal_point_only=True)
    return False


def can_read_cooperation_entry(who: Who, entry) -> bool:
    """An Article X offer or request (`entry.kind` "offer" or "request")."""
    if entry.status == "draft":
        return can_draft_cooperation(who, state=entry.state, organization=entry.organization)
    if entry.kind == "offer":
        return True
    return reads_restricted(who)
