"""The only writers of the portal: delegations registered by focal points, working papers and their
co-sponsors, issuing a paper as a WP document, and the list of speakers.

Every function takes the acting user as `by`, checks that the user may do it (NotAllowed), checks
the rules (DomainError with a message for that user), writes inside a transaction and audits the
write with via="page" (or the `via` given).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from plenary.accounts.permissions import can_act_for_delegation, can_register_delegation, can_steer_meeting
from plenary.core.audit import log_action
from plenary.core.errors import DomainError
from plenary.core.languages import UN_LANGUAGES
from plenary.documents.domain import record_document
from plenary.documents.models import Document
from plenary.documents.symbols import file_stem, format_symbol
from plenary.documents.uploads import check_upload
from plenary.meetings.models import Meeting
from plenary.participation.domain import register_delegation
from plenary.participation.models import RIGHTS, Category, Delegation, Organization, Participant
from plenary.portal import permissions
from plenary.portal.models import CoSponsorship, FloorRequest, Submission, SubmissionFile
from plenary.proceedings.models import Statement
from plenary.treaties.models import Group, State

MAX_TITLE = 500
MAX_MEMBERS = 50


class NotAllowed(DomainError):
    """The user may not do this at all (a page answers 403)."""


def today() -> dt.date:
    """The date registration and requests are judged on (tests replace it)."""
    return timezone.localdate()


def is_open(meeting: Meeting, on: dt.date | None = None) -> bool:
    """Open for registration, papers and requests: not cancelled, and not ended before `on`."""
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.POSTPONED):
        return False
    on = on or today()
    end = meeting.end or meeting.start
    return end is None or end >= on


def _check_open(meeting: Meeting, by: User) -> None:
    # The secretariat may still record what happened at a meeting that has ended.
    if not permissions.is_staff(by) and not is_open(meeting):
        raise DomainError(f"{meeting.series} is no longer open: it ended on {meeting.end:%d %B %Y}")


def _actor(by: User) -> str:
    return by.username


# -- delegations ---------------------------------------------------------------------------------


def _clean_members(members: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    cleaned = []
    for m in members:
        name = (m.get("name") or "").strip()
        if not name:
            continue
        role = m.get("role") or Participant.Role.MEMBER
        if role not in Participant.Role.values:
            raise DomainError(f"{name}: unknown role {role!r}")
        cleaned.append(
            {"name": name[:200], "function": (m.get("function") or "").strip()[:300], "role": role}
        )
    heads = [m for m in cleaned if m["role"] == Participant.Role.HEAD]
    if len(heads) != 1:
        raise DomainError("name one head of delegation" if not heads else "a delegation has one head only")
    if len(cleaned) > MAX_MEMBERS:
        raise DomainError(f"a delegation lists at most {MAX_MEMBERS} members here")
    # The head first, then the others in the order given.
    return heads + [m for m in cleaned if m["role"] != Participant.Role.HEAD]


def register(
    meeting: Meeting,
    *,
    by: User,
    state: State | None = None,
    organization: Organization | None = None,
    members: Sequence[dict[str, Any]] = (),
    via: str = "page",
) -> Delegation:
    """Register the delegation of a State or an organization with its head and members.

    Guarantees: only that State's (organization's) focal point or staff registers it; the meeting is
    still open (staff excepted); exactly one head; the Rule 44 category and the pending status of
    observers come from participation.domain.register_delegation.
    """
    if not can_register_delegation(by, state=state, organization=organization):
        raise NotAllowed("only the focal point registers the delegation")
    _check_open(meeting, by)
    cleaned = _clean_members(members)
    with transaction.atomic():
        delegation = register_delegation(
            meeting, by=_actor(by), state=state, organization=organization, members=cleaned, audit=False
        )
        log_action(
            _actor(by),
            "delegation.register",
            delegation,
            after={
                "meeting": meeting.series,
                "who": (state or organization).code,  # type: ignore[union-attr]
                "category": delegation.category,
                "status": delegation.status,
                "members": [m["name"] for m in cleaned],
            },
            via=via,
        )
    return delegation


def update_members(
    delegation: Delegation, *, by: User, members: Sequence[dict[str, Any]], via: str = "page"
) -> Delegation:
    """Replace the delegation's list of members. Guarantees: the focal point (or staff) only; exactly
    one head; the meeting is still open (staff excepted)."""
    if not permissions.can_edit_delegation(by, delegation):
        raise NotAllowed("only the focal point changes the delegation")
    _check_open(delegation.meeting, by)
    cleaned = _clean_members(members)
    with transaction.atomic():
        before = list(delegation.participants.values_list("name", flat=True))
        delegation.participants.all().delete()
        Participant.objects.bulk_create(
            [
                Participant(
                    delegation=delegation, name=m["name"], function=m["function"], role=m["role"], position=i
                )
                for i, m in enumerate(cleaned)
            ]
        )
        log_action(
            _actor(by),
            "delegation.members",
            delegation,
            before={"members": before},
            after={"members": [m["name"] for m in cleaned]},
            via=via,
        )
    return delegation


# -- working papers ------------------------------------------------------------------------------


def _clean_title(title: dict[str, str], original_language: str) -> dict[str, str]:
    if original_language not in UN_LANGUAGES:
        raise DomainError(f"{original_language!r} is not one of the UN languages")
    cleaned = {}
    for lang, text in (title or {}).items():
        if lang not in UN_LANGUAGES:
            raise DomainError(f"{lang!r} is not one of the UN languages")
        text = " ".join((text or "").split())
        if len(text) > MAX_TITLE:
            raise DomainError(f"the title in {lang} is longer than {MAX_TITLE} characters")
        if text:
            cleaned[lang] = text
    if original_language not in cleaned:
        raise DomainError(f"give the title in the original language ({original_language})")
    return cleaned


def _check_editable(submission: Submission) -> None:
    if submission.status == Submission.Status.ISSUED:
        raise DomainError(
            f"{submission.document.symbol if submission.document else 'this paper'} is issued and can no "
            "longer change: corrections come as a Corr. or Rev."
        )
    if submission.status == Submission.Status.WITHDRAWN:
        raise DomainError("this paper was withdrawn")


def _check_group(on_behalf_of: Group | None, meeting: Meeting) -> None:
    if on_behalf_of is not None and on_behalf_of.scheme != meeting.treaty.code:
        raise DomainError(f"{on_behalf_of.code} is not a group of the {meeting.treaty.code}")


def _snapshot(submission: Submission) -> dict[str, Any]:
    return {
        "title": dict(submission.title),
        "original_language": submission.original_language,
        "on_behalf_of": submission.on_behalf_of.code if submission.on_behalf_of else None,
        "status": submission.status,
    }


def create_submission(
    delegation: Delegation,
    *,
    by: User,
    title: dict[str, str],
    original_language: str,
    on_behalf_of: Group | None = None,
    via: str = "page",
) -> Submission:
    """A new draft working paper of the delegation. Guarantees: someone who acts for the delegation
    (or staff); a title in the original language; the meeting is open (staff excepted)."""
    if not can_act_for_delegation(by, delegation):
        raise NotAllowed("only the delegation submits its papers")
    meeting = delegation.meeting
    _check_open(meeting, by)
    if delegation.status == Delegation.Status.REFUSED:
        raise DomainError("the meeting refused this delegation observer status")
    _check_group(on_behalf_of, meeting)
    cleaned = _clean_title(title, original_language)
    with transaction.atomic():
        submission = Submission.objects.create(
            meeting=meeting,
            delegation=delegation,
            title=cleaned,
            original_language=original_language,
            on_behalf_of=on_behalf_of,
            created_by=by,
        )
        log_action(_actor(by), "submission.create", submission, after=_snapshot(submission), via=via)
    return submission


def update_submission(
    submission: Submission,
    *,
    by: User,
    title: dict[str, str],
    original_language: str,
    on_behalf_of: Group | None = None,
    via: str = "page",
) -> Submission:
    """Change the title, the original language or the group. Not once issued or withdrawn."""
    if not permissions.can_act_for_submission(by, submission):
        raise NotAllowed("only the submitting delegation changes its paper")
    _check_editable(submission)
    _check_group(on_behalf_of, submission.meeting)
    cleaned = _clean_title(title, original_language)
    with transaction.atomic():
        before = _snapshot(submission)
        submission.title, submission.original_language = cleaned, original_language
        submission.on_behalf_of = on_behalf_of
        submission.save(update_fields=["title", "original_language", "on_behalf_of", "updated"])
        log_action(
            _actor(by), "submission.update", submission, before=before, after=_snapshot(submission), via=via
        )
    return submission


def add_file(
    submission: Submission,
    *,
    by: User,
    lang: str,
    upload: UploadedFile,
    kind: str = SubmissionFile.Kind.OFFICIAL,
    via: str = "page",
) -> SubmissionFile:
    """Attach the paper's version in `lang`, replacing any earlier one. Guarantees: size, type and
    content checked (check_upload); stored under a generated name, never the name sent."""
    if not permissions.can_act_for_submission(by, submission):
        raise NotAllowed("only the submitting delegation changes its paper")
    _check_editable(submission)
    if lang not in UN_LANGUAGES:
        raise DomainError(f"{lang!r} is not one of the UN languages")
    if kind not in SubmissionFile.Kind.values:
        raise DomainError(f"unknown kind {kind!r}")
    if upload.size is not None and upload.size > settings.UPLOAD_MAX_BYTES:
        # Refuse before reading a file that is too big anyway.
        raise DomainError(
            f"the file is {upload.size:,} bytes; at most {settings.UPLOAD_MAX_BYTES:,} bytes are accepted"
        )
    data = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    original_name = PurePath((upload.name or "").replace("\\", "/")).name[:255]
    ext = check_upload(original_name, data)
    with transaction.atomic():
        old = SubmissionFile.objects.filter(submission=submission, lang=lang).first()
        before = {"lang": lang, "name": old.original_name} if old else None
        if old is not None:
            old_file = old.file
            old.delete()
            transaction.on_commit(lambda: old_file.delete(save=False))
        record = SubmissionFile(
            submission=submission, lang=lang, kind=kind, original_name=original_name, size=len(data)
        )
        record.file.save(f"{uuid.uuid4().hex}{ext}", ContentFile(data), save=False)
        try:
            record.save()
            log_action(
                _actor(by),
                "submission.file",
                submission,
                before=before,
                after={"lang": lang, "kind": kind, "name": original_name, "size": len(data)},
                via=via,
            )
        except Exception:
            record.file.delete(save=False)
            raise
    return record


def invite_co_sponsor(submission: Submission, state: State, *, by: User, via: str = "page") -> CoSponsorship:
    """Invite a State to co-sponsor. Guarantees: not the submitter itself; once per State; the
    invitations keep their order, which is the order of co-sponsors on the document."""
    if not permissions.can_act_for_submission(by, submission):
        raise NotAllowed("only the submitting delegation invites co-sponsors")
    _check_editable(submission)
    if submission.delegation.state_id == state.pk:
        raise DomainError(f"{state.code} submits this paper; it cannot also co-sponsor it")
    with transaction.atomic():
        if CoSponsorship.objects.filter(submission=submission, state=state).exists():
            raise DomainError(f"{state.code} is already invited")
        last = submission.co_sponsorships.aggregate(m=Max("position"))["m"]
        invitation = CoSponsorship.objects.create(
            submission=submission, state=state, position=0 if last is None else last + 1
        )
        log_action(_actor(by), "submission.invite", submission, after={"state": state.code}, via=via)
    return invitation


def answer_co_sponsorship(
    invitation: CoSponsorship, *, by: User, confirm: bool, via: str = "page"
) -> CoSponsorship:
    """The invited State's focal point confirms or declines (and may change its mind) until the
    paper is issued."""
    if not permissions.can_answer_co_sponsorship(by, invitation):
        raise NotAllowed("only the focal point of the invited State answers")
    _check_editable(invitation.submission)
    with transaction.atomic():
        before = invitation.status
        invitation.status = CoSponsorship.Status.CONFIRMED if confirm else CoSponsorship.Status.DECLINED
        invitation.decided_by, invitation.decided_at = by, timezone.now()
        invitation.save(update_fields=["status", "decided_by", "decided_at"])
        log_action(
            _actor(by),
            "submission.co_sponsor",
            invitation,
            before={"status": before},
            after={"status": invitation.status, "state": invitation.state.code},
            via=via,
        )
    return invitation


def submit(submission: Submission, *, by: User, via: str = "page") -> Submission:
    """Send the paper to the secretariat. Guarantees: a draft; a file in the original language."""
    if not permissions.can_act_for_submission(by, submission):
        raise NotAllowed("only the submitting delegation submits its paper")
    _check_editable(submission)
    if submission.status != Submission.Status.DRAFT:
        raise DomainError("this paper is already submitted")
    if not submission.files.filter(lang=submission.original_language).exists():
        raise DomainError(f"attach the paper in its original language ({submission.original_language}) first")
    with transaction.atomic():
        submission.status, submission.submitted_at = Submission.Status.SUBMITTED, timezone.now()
        submission.save(update_fields=["status", "submitted_at", "updated"])
        log_action(
            _actor(by),
            "submission.submit",
            submission,
            before={"status": "draft"},
            after={"status": submission.status},
            via=via,
        )
    return submission


def withdraw_submission(submission: Submission, *, by: User, via: str = "page") -> Submission:
    """Withdraw a draft or submitted paper (an issued one stays in the record)."""
    if not permissions.can_act_for_submission(by, submission):
        raise NotAllowed("only the submitting delegation withdraws its paper")
    _check_editable(submission)
    with transaction.atomic():
        before = submission.status
        submission.status = Submission.Status.WITHDRAWN
        submission.save(update_fields=["status", "updated"])
        log_action(
            _actor(by),
            "submission.withdraw",
            submission,
            before={"status": before},
            after={"status": submission.status},
            via=via,
        )
    return submission


def next_wp_number(meeting: Meeting | int) -> int:
    """The number of the meeting's next working paper: 1 when there is none, else one more than the
    highest parent WP number of its series (Corr./Rev./Add. share their parent's number)."""
    if not isinstance(meeting, Meeting):
        meeting = Meeting.objects.get(pk=meeting)
    highest = Document.objects.filter(series=meeting.series, doc_type="WP", parent__isnull=True).aggregate(
        m=Max("number")
    )["m"]
    return (highest or 0) + 1


def next_wp_symbol(meeting: Meeting) -> str:
    """The next free working-paper symbol of the meeting's series (BWC/MSP/2018/WP.1, ...)."""
    return format_symbol(meeting.series, "WP", next_wp_number(meeting))


def issue_submission(submission: Submission, *, by: User, via: str = "page") -> Document:
    """Issue a submitted paper as a document of the meeting. STAFF only.

    Guarantees: the next free WP symbol of the series; submitters = the delegation's State or
    organization; co-sponsors = the confirmed ones in invitation order; the group it is on behalf
    of; one language version per file, with the file copied into the document; the submission
    becomes issued and links the document, all or nothing.
    """
    if not permissions.can_issue(by):
        raise NotAllowed("only the secretariat issues documents")
    if submission.status != Submission.Status.SUBMITTED:
        raise DomainError(f"only a submitted paper is issued; this one is {submission.get_status_display()}")
    delegation = submission.delegation
    sponsor = delegation.state or delegation.organization
    co_sponsors = [
        c.state
        for c in submission.co_sponsorships.filter(status=CoSponsorship.Status.CONFIRMED)
        .select_related("state")
        .order_by("position")
    ]
    files = list(submission.files.all())
    with transaction.atomic():
        # Lock the meeting so that two issues at once cannot take the same number.
        meeting = Meeting.objects.select_for_update().get(pk=submission.meeting_id)
        symbol = next_wp_symbol(meeting)
        document = record_document(
            meeting,
            by=_actor(by),
            symbol=symbol,
            title=submission.title,
            original_language=submission.original_language,
            versions=[{"lang": f.lang, "kind": f.kind} for f in files],
            submitters=[sponsor],
            co_sponsors=co_sponsors,
            on_behalf_of=submission.on_behalf_of,
            issued_on=today(),
            status=Document.Status.ISSUED,
            audit=False,
        )
        versions = {v.lang: v for v in document.versions.all()}
        stored = []
        try:
            for f in files:
                with f.file.open("rb") as fh:
                    data = fh.read()
                ext = PurePath(f.file.name).suffix.lower()
                version = versions[f.lang]
                version.file.save(f"{file_stem(symbol, f.lang)}{ext}", ContentFile(data), save=True)
                stored.append(version.file)
        except Exception:
            # The rows roll back with the transaction; the copies already written go too.
            for file in stored:
                file.delete(save=False)
            raise
        submission.status, submission.document = Submission.Status.ISSUED, document
        submission.save(update_fields=["status", "document", "updated"])
        log_action(
            _actor(by),
            "document.record",
            document,
            after={"symbol": symbol, "title": dict(submission.title)},
            via=via,
        )
        log_action(
            _actor(by),
            "submission.issue",
            submission,
            before={"status": "submitted"},
            after={
                "status": "issued",
                "symbol": symbol,
                "submitters": [sponsor.code],  # type: ignore[union-attr]
                "co_sponsors": [s.code for s in co_sponsors],
                "versions": sorted(versions),
            },
            via=via,
        )
    return document


# -- the list of speakers ------------------------------------------------------------------------

FLOOR_CATEGORIES = {
    Category.STATE_PARTY,
    Category.SIGNATORY,
    Category.OBSERVER_STATE,
    Category.UN,
    Category.IO,
}


def may_take_the_floor(delegation: Delegation) -> bool:
    """States Parties, signatories and admitted observers; not NGOs (Rule 44.5), nor delegations
    whose observer status is pending or refused."""
    return (
        delegation.category in FLOOR_CATEGORIES
        and RIGHTS[Category(delegation.category)]["participates"]
        and delegation.status == Delegation.Status.REGISTERED
    )


def waiting(meeting: Meeting):
    return FloorRequest.objects.filter(meeting=meeting, status=FloorRequest.Status.WAITING).order_by(
        "position"
    )


def request_floor(
    delegation: Delegation, *, by: User, on_behalf_of_text: dict[str, str] | None = None, via: str = "page"
) -> FloorRequest:
    """Put the delegation at the end of the list of speakers. Guarantees: once per meeting while
    waiting or speaking; only delegations that may take the floor; the meeting is open."""
    if not can_act_for_delegation(by, delegation):
        raise NotAllowed("only the delegation asks for its floor")
    meeting = delegation.meeting
    _check_open(meeting, by)
    if not may_take_the_floor(delegation):
        if delegation.status != Delegation.Status.REGISTERED:
            raise DomainError(
                f"the delegation's status is {delegation.get_status_display()}: it may not take the floor"
            )
        raise DomainError(
            f"a {delegation.get_category_display()} attends without taking the floor in formal meetings"
        )
    text = {k: " ".join(v.split())[:300] for k, v in (on_behalf_of_text or {}).items() if v and v.strip()}
    if any(k not in UN_LANGUAGES for k in text):
        raise DomainError("the wording 'on behalf of' is given per UN language")
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        open_statuses = [FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING]
        if FloorRequest.objects.filter(
            meeting=meeting, delegation=delegation, status__in=open_statuses
        ).exists():
            raise DomainError("the delegation is already on the list of speakers")
        last = FloorRequest.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
        request = FloorRequest.objects.create(
            meeting=meeting, delegation=delegation, on_behalf_of_text=text, position=last + 1, requested_by=by
        )
        log_action(
            _actor(by),
            "floor.request",
            request,
            after={"meeting": meeting.series, "who": _who(delegation), "position": request.position},
            via=via,
        )
    return request


def _who(delegation: Delegation) -> str:
    return delegation.state.code if delegation.state_id else delegation.organization.code


def _set_status(request: FloorRequest, status: str, *, by: User, action: str, via: str) -> None:
    before = request.status
    request.status = status
    request.save(update_fields=["status", "updated"])
    log_action(
        _actor(by),
        action,
        request,
        before={"status": before},
        after={"status": status, "who": _who(request.delegation)},
        via=via,
    )


def withdraw_floor_request(request: FloorRequest, *, by: User, via: str = "page") -> FloorRequest:
    """Leave the list of speakers (the delegation itself, or the meeting's staff and officers)."""
    if not permissions.can_withdraw_floor_request(by, request):
        raise NotAllowed("only the delegation or the meeting's officers withdraw a request")
    if request.status != FloorRequest.Status.WAITING:
        raise DomainError(f"the request is {request.get_status_display()}: only a waiting one is withdrawn")
    with transaction.atomic():
        _set_status(request, FloorRequest.Status.WITHDRAWN, by=by, action="floor.withdraw", via=via)
    return request


def move(request: FloorRequest, *, by: User, direction: str, via: str = "page") -> FloorRequest:
    """Move a waiting request one place up or down the queue (staff and the meeting's officers).
    At the top (bottom) already, nothing changes."""
    if not can_steer_meeting(by, request.meeting):
        raise NotAllowed("only the secretariat and the meeting's officers order the list of speakers")
    if direction not in ("up", "down"):
        raise DomainError(f"move up or down, not {direction!r}")
    if request.status != FloorRequest.Status.WAITING:
        raise DomainError("only a waiting request moves")
    with transaction.atomic():
        queue = waiting(request.meeting)
        other = (
            queue.filter(position__lt=request.position).order_by("-position").first()
            if direction == "up"
            else queue.filter(position__gt=request.position).order_by("position").first()
        )
        if other is None:
            return request
        mine, theirs = request.position, other.position
        # Through a free place: positions are unique per meeting.
        FloorRequest.objects.filter(pk=request.pk).update(position=0)
        FloorRequest.objects.filter(pk=other.pk).update(position=mine)
        FloorRequest.objects.filter(pk=request.pk).update(position=theirs)
        request.position = theirs
        log_action(
            _actor(by),
            "floor.move",
            request,
            before={"position": mine},
            after={"position": theirs, "direction": direction, "who": _who(request.delegation)},
            via=via,
        )
    return request


def mark_spoken(request: FloorRequest, *, by: User, via: str = "page") -> Statement:
    """The delegation has spoken: the request is done and the statement is recorded at the next
    place of the meeting's statements (kind state for a State, observer for an organization)."""
    if not can_steer_meeting(by, request.meeting):
        raise NotAllowed("only the secretariat and the meeting's officers keep the list of speakers")
    if request.status not in (FloorRequest.Status.WAITING, FloorRequest.Status.SPEAKING):
        raise DomainError(f"the request is {request.get_status_display()}")
    delegation = request.delegation
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=request.meeting_id).first()
        last = Statement.objects.filter(meeting=request.meeting_id).aggregate(m=Max("position"))["m"] or 0
        statement = Statement.objects.create(
            meeting_id=request.meeting_id,
            position=last + 1,
            kind=Statement.Kind.STATE if delegation.state_id else Statement.Kind.OBSERVER,
            state=delegation.state,
            organization=delegation.organization,
            on_behalf_of_text=dict(request.on_behalf_of_text or {}),
        )
        _set_status(request, FloorRequest.Status.SPOKEN, by=by, action="floor.spoken", via=via)
        log_action(
            _actor(by),
            "statement.record",
            statement,
            after={"position": statement.position, "who": _who(delegation)},
            via=via,
        )
    return statement


def next_speaker(meeting: Meeting, *, by: User, via: str = "page") -> FloorRequest | None:
    """Give the floor to the first waiting delegation; whoever was speaking has then spoken (and
    their statement is recorded). None when nobody waits."""
    if not can_steer_meeting(by, meeting):
        raise NotAllowed("only the secretariat and the meeting's officers give the floor")
    with transaction.atomic():
        for current in FloorRequest.objects.filter(meeting=meeting, status=FloorRequest.Status.SPEAKING):
            mark_spoken(current, by=by, via=via)
        first = waiting(meeting).select_related("delegation").first()
        if first is not None:
            _set_status(first, FloorRequest.Status.SPEAKING, by=by, action="floor.speaking", via=via)
    return first


def place_in_queue(request: FloorRequest) -> tuple[int, int] | None:
    """(place, how many wait) for a waiting request: "number 4 of 12 waiting"."""
    if request.status != FloorRequest.Status.WAITING:
        return None
    queue = list(waiting(request.meeting).values_list("pk", flat=True))
    return queue.index(request.pk) + 1, len(queue)
