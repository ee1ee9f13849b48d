"""The audit trail is complete: every public function of every `plenary.<app>.domain` module, and of
every other module that writes the audit trail (meetings.agenda, reports.agenda, accounts.notify,
treaties.reference), found by introspection (a new one is picked up by itself), is called once with valid arguments while the
database's writes are watched; a function that writes a record and leaves no audit entry (with who,
through what, and the values before or after) fails, and so does a function with no case here.

A case builds its world with the factories (those writes are not watched), then returns the act:
a call with no arguments. Each case takes its actors from `t.by(...)`, which hands out Actors of the
personas through VIA, so that an entry that does not carry the via of the Actor it was given is
caught too. The lists below (readers, steps, gaps) are short and give each exemption's reason.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections

import plenary
from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.treaties.models import Treaty
from tests import factories as f
from tests.helpers import tiny_pdf

# Not "page", the usual default: an entry that names its own via instead of the Actor's is caught.
VIA = "api"

# Tables written as a side effect that is not a record: the trail itself, the version numbers of
# cached pages (moved on commit; core.versions), sessions and the database cache.
NOT_RECORDS = {
    "core_auditentry": "the audit trail itself",
    "core_recordversion": "page-cache bookkeeping (core.versions), derived from the audited write",
    "django_session": "sessions",
    "plenary_cache": "the database cache backend",
}

# Pure readers: they compute or check and write nothing. No case; each with what it does.
READERS = {
    "accounts.sign_in_refused": "counts recent failed sign-ins",
    "accounts.sign_in_refusal": "counts recent failed sign-ins, per account and per client address",
    "documents.document_snapshot": "the values of a document, for audit entries",
    "documents.check_agenda_item": "a check (DomainError)",
    "documents.availability": "which languages and formats a document has",
    "documents.read_upload": "reads and checks an uploaded file's bytes",
    "documents.sha256_of": "a checksum",
    "documents.frozen_symbols": "the symbols of a meeting that are issued",
    "meetings.is_open": "a date check",
    "meetings.check_open": "a check (DomainError)",
    "meetings.group_of": "a State's group on a date",
    "meetings.read_data_file": "reads a YAML file",
    "meetings.programme_rules": "the treaty's programme rules",
    "meetings.year_proposal": "a proposed year of meetings, checked, not written (plan_year writes it)",
    "participation.treaty_status_of": "a State's treaty status on a date",
    "participation.expected_category": "the Rule 44 category a registration takes",
    "participation.compose_name": "joins a person's names",
    "participation.normalize_salutation": "a salutation's standard form",
    "participation.clean_members": "checks the people of a registration",
    "participation.credentials_of": "the bytes of a registration's credentials (permission-checked)",
    "proceedings.why_not_the_floor": "why a delegation may not take the floor",
    "proceedings.may_take_the_floor": "whether a delegation may take the floor",
    "reports.akn_identity": "the Akoma Ntoso identity of a report",
    "reports.render_report": "renders a report's bytes",
    "reports.check_report_reload": "a check (DomainError)",
    "accounts.notify.language_of": "a person's language",
    "accounts.notify.page_urls": "a page's address per language",
    "accounts.notify.link_in": "a link in a language",
    "accounts.notify.people_of": "the people of a State or organization",
    "accounts.notify.staff_users": "the secretariat's people",
    "meetings.agenda.check_text": "a check of a text per language",
    "meetings.agenda.clean_text": "a text per language, cleaned",
    "meetings.agenda.missing_languages": "the languages a text lacks",
    "meetings.agenda.adopted_on": "when the agenda was adopted",
    "meetings.agenda.items_of": "the items of an agenda",
    "meetings.agenda.adds_translations": "whether a change only adds languages",
    "reports.agenda.phrases": "the wording of a language",
    "reports.agenda.letter": "a sub-item's letter",
    "reports.agenda.sub_label": "a sub-item's label",
    "reports.agenda.item_label": "an item's label",
    "reports.agenda.meeting_name": "a meeting's name in a language",
    "reports.agenda.cover_dates": "dates on a cover",
    "reports.agenda.place_and_dates": "place and dates on a cover",
    "reports.agenda.day_heading": "a day's heading",
    "reports.agenda.sitting_time": "a sitting's hours",
    "reports.agenda.build_agenda": "the provisional agenda's tree, built",
    "reports.agenda.build_programme": "the programme of work's tree, built",
    "reports.agenda.issued_document": "the issued agenda document",
    "reports.agenda.current_document": "the latest agenda document",
    "reports.agenda.render_preview": "a preview's bytes",
    "reports.agenda.problems": "what keeps an agenda from issue",
    "reports.agenda.check_ready": "a check (DomainError)",
    "reports.agenda.adoption_item": "the item 'Adoption of the agenda'",
    "reports.agenda.adoption_text": "the text of the adoption decision",
    "treaties.reference.read_table": "reads a CSV table",
    "treaties.depositaries_of": "the treaty's depositaries, from its profile",
    "treaties.contact_snapshot": "the values of a universalization contact, for audit entries",
}

# Steps of an act, with no Actor of their own: they write only inside an act that writes the entry
# (the callers named), and no interface calls them (test_steps_are_not_called_by_interfaces).
STEPS = {
    "documents.store_issued_file": "stores one issued file inside issue_document, issue_report, "
    "issue_participants_list and the agenda documents' issue, whose entries name the files",
    "accounts.notify.notify": "writes the notifications of an act (a paper submitted, a "
    "registration received) inside that act, whose entry says what happened",
}

# Known gaps in modules other helpers of issue 12 rework at the same time: each must fail here
# (strict xfail) until it is mended, and then come off this list.
GAPS = {}


# Modules that write the audit trail but are not walked function by function, with the reason.
NOT_WALKED = {
    "plenary.records.loader": "replays a meeting record through the domain functions walked here "
    "(and writes record.load once); tested whole in tests/records/",
    "plenary.records.backup": "restores whole tables and audits itself once; tests/test_cli_backup.py",
}


def walked_modules() -> list:
    """Every `plenary.<app>.domain`, and every other module of a capability app that writes the
    audit trail (it imports `log_action`): meetings.agenda, reports.agenda, accounts.notify ..."""
    found = []
    for app in pkgutil.iter_modules(plenary.__path__):
        if not app.ispkg or app.name == "core":
            continue
        package = importlib.import_module(f"plenary.{app.name}")
        for info in pkgutil.iter_modules(package.__path__):
            if info.ispkg or info.name in ("models", "admin", "apps", "urls", "views"):
                continue
            name = f"plenary.{app.name}.{info.name}"
            module = importlib.import_module(name)
            writes = "log_action" in vars(module) or "log_action(" in inspect.getsource(module)
            if info.name == "domain" or (writes and name not in NOT_WALKED):
                found.append(module)
    return found


def key(module, name: str) -> str:
    """ "meetings.save_meeting" (in meetings.domain), "meetings.agenda.add_agenda_item" (elsewhere)."""
    where = module.__name__.removeprefix("plenary.").removesuffix(".domain")
    return f"{where}.{name}"


def domain_functions() -> dict[str, Callable]:
    """Key -> function, for every public function defined in a walked module."""
    found = {}
    for module in walked_modules():
        for name, obj in vars(module).items():
            # Functions, and functions behind a decorator (lru_cache, a wrapper): defined here.
            defined = getattr(obj, "__module__", None) == module.__name__
            if not name.startswith("_") and defined and callable(obj) and not inspect.isclass(obj):
                found[key(module, name)] = obj
    return found


FUNCTIONS = domain_functions()

WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)", re.IGNORECASE)


class Writes:
    """The tables each INSERT, UPDATE and DELETE statement of every connection touches."""

    def __init__(self):
        self.tables: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql if isinstance(sql, str) else str(sql))
        if match:
            self.tables.append(match.group(1).lower())
        return execute(sql, params, many, context)

    def records(self, allowed=()) -> list[str]:
        return sorted({t for t in self.tables if t not in NOT_RECORDS and t not in allowed})


@dataclass
class Trial:
    people: dict
    tmp_path: object
    handed: set = field(default_factory=set)

    def by(self, persona: str = "staff") -> Actor:
        actor = Actor.of(self.people[persona], via=VIA)
        self.handed.add((actor.name, actor.via))
        return actor

    def by_user(self, user) -> Actor:
        actor = Actor.of(user, via=VIA)
        self.handed.add((actor.name, actor.via))
        return actor

    def system(self) -> Actor:
        actor = Actor.system("audit-walk", via="load")
        self.handed.add((actor.name, actor.via))
        return actor


@dataclass
class Case:
    build: Callable[[Trial], Callable[[], object]]
    # Tables the act may write without an entry, each with the reason (usage bookkeeping).
    bookkeeping: dict[str, str] = field(default_factory=dict)


CASES: dict[str, Case] = {}


def case(name: str, **bookkeeping: str):
    def register(build):
        assert name not in CASES, f"two cases for {name}"
        CASES[name] = Case(build, bookkeeping)
        return build

    return register


# -- the world the cases start from ---------------------------------------------------------------

PDF = tiny_pdf("the text")  # uploads are parsed: a well-formed PDF


def pdf(name="paper.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def txt(name="paper.txt", data=b"The text of the paper.\n"):
    return SimpleUploadedFile(name, data, content_type="text/plain")


def meeting(**values):
    """A Meeting of States Parties far in the future (open), with agenda item 1."""
    m = f.MeetingFactory(**values)
    f.AgendaItemFactory(meeting=m, number=1)
    return m


def fra_delegation(m=None, **values):
    return f.DelegationFactory(meeting=m or meeting(), state=f.state("FRA"), **values)


def draft_paper(t, persona="fra_fp"):
    from plenary.documents import domain

    d = fra_delegation()
    paper = domain.create_working_paper(d, by=t.by(persona), title={"en": "On audit"}, original_language="en")
    domain.add_paper_file(paper, by=t.by(persona), lang="en", upload=txt())
    return paper


def floor_request(t, m=None, persona="fra_fp", state="FRA"):
    from plenary.proceedings import domain

    d = f.DelegationFactory(meeting=m or meeting(), state=f.state(state))
    return domain.request_floor(d, by=t.by(persona))


def draft(t, m=None):
    from plenary.reports import domain

    report = domain.draft_report(m or meeting(), by=t.by())
    domain.write_paragraph(report, section="work", text={"en": "The Meeting worked."}, by=t.by())
    return report


# -- accounts ---------------------------------------------------------------------------------------


@case("accounts.grant_role")
def _(t):
    from plenary.accounts import domain

    user = f.UserFactory()
    return lambda: domain.grant_role(user, "delegate", state=f.state("FRA"), by=t.by())


@case("accounts.create_account")
def _(t):
    from plenary.accounts import domain

    return lambda: domain.create_account(username="new.person", email="new@example.org", by=t.by())


@case("accounts.invite_to_set_password")
def _(t):
    from plenary.accounts import domain

    user = f.UserFactory()
    return lambda: domain.invite_to_set_password(user, by=t.by(), url_base="https://plenary.example.org")


@case("accounts.revoke_role")
def _(t):
    from plenary.accounts import domain

    role = f.RoleFactory()
    return lambda: domain.revoke_role(role, by=t.by())


@case("accounts.make_token")
def _(t):
    from plenary.accounts import domain

    return lambda: domain.make_token(t.people["fra_fp"], "script", by=t.by("fra_fp"))


@case("accounts.revoke_token")
def _(t):
    from plenary.accounts import domain

    record, _ = domain.make_token(t.people["fra_fp"], "script", by=t.by("fra_fp"))
    return lambda: domain.revoke_token(record, by=t.by("fra_fp"))


@case("accounts.user_for_token", accounts_apitoken="the token's last use (ApiToken.last_used), not a change")
def _(t):
    from plenary.accounts import domain

    _, token = domain.make_token(t.people["fra_fp"], "script", by=t.by("fra_fp"))
    return lambda: domain.user_for_token(token)


def enrolment_link_token(t, user):
    from plenary.accounts import domain

    link = domain.offer_enrolment(user, by=t.system(), url_base="https://plenary.example.org", mail=False)
    return link.rstrip("/").rsplit("/", 1)[1]


def new_device(t, user):
    from plenary.accounts import domain

    return domain.start_enrolment(user, enrolment_link_token(t, user), by=t.by_user(user))


def current_code(device) -> str:
    import time

    from tests.authenticator import code_at

    return code_at(bytes.fromhex(device.key), int(time.time()) // 30)


def enrolled(t, user):
    from plenary.accounts import domain

    device = new_device(t, user)
    domain.confirm_device(device, current_code(device), by=t.by_user(user))
    return device


@case("accounts.offer_enrolment")
def _(t):
    from plenary.accounts import domain

    user = t.people["staff"]
    user.email = "staff@example.org"
    user.save()
    return lambda: domain.offer_enrolment(user, by=t.by(), url_base="https://plenary.example.org")


@case("accounts.start_enrolment")
def _(t):
    from plenary.accounts import domain

    user = t.people["officer"]
    token = enrolment_link_token(t, user)
    return lambda: domain.start_enrolment(user, token, by=t.by("officer"))


@case("accounts.confirm_device")
def _(t):
    from plenary.accounts import domain

    user = t.people["officer"]
    device = new_device(t, user)
    return lambda: domain.confirm_device(device, current_code(device), by=t.by("officer"))


@case("accounts.make_recovery_codes")
def _(t):
    from plenary.accounts import domain

    user = t.people["officer"]
    enrolled(t, user)
    return lambda: domain.make_recovery_codes(user, by=t.by("officer"))


@case("accounts.verify_second_factor")
def _(t):
    from plenary.accounts import domain

    user = t.people["officer"]
    enrolled(t, user)
    return lambda: domain.verify_second_factor(user, "000000", by=t.by("officer"))


@case("accounts.drop_pending_sign_in")
def _(t):
    from plenary.accounts import domain

    return lambda: domain.drop_pending_sign_in(t.people["officer"], by=t.by("officer"), wrong_codes=10)


@case("accounts.record_sign_in")
def _(t):
    from plenary.accounts import domain

    user = t.people["fra_fp"]
    return lambda: domain.record_sign_in("fra_fp", "192.0.2.1", succeeded=True, by=t.by("fra_fp"), user=user)


@case("accounts.record_sign_out")
def _(t):
    from plenary.accounts import domain

    return lambda: domain.record_sign_out(t.people["fra_fp"], "192.0.2.1", by=t.by("fra_fp"))


@case("accounts.request_password_reset")
def _(t):
    from plenary.accounts import domain

    user = f.UserFactory(email="reset@example.org")
    user.set_password("an old long passphrase")
    user.save()
    return lambda: domain.request_password_reset(
        "reset@example.org", address="192.0.2.1", by=t.by("fra_fp"), url_base="https://plenary.example.org"
    )


@case("accounts.change_password")
def _(t):
    from plenary.accounts import domain

    user = t.people["fra_fp"]
    domain.make_token(user, "script", by=t.by("fra_fp"))
    return lambda: domain.change_password(user, "a brand new passphrase", by=t.by("fra_fp"))


@case("accounts.end_access")
def _(t):
    from plenary.accounts import domain

    user = t.people["fra_fp"]
    domain.make_token(user, "script", by=t.by("fra_fp"))
    return lambda: domain.end_access(user, by=t.by(), why="the account was compromised")


@case("accounts.update_account")
def _(t):
    from plenary.accounts import domain

    root = f.UserFactory(username="root", is_superuser=True, is_staff=True)
    user = f.UserFactory()
    return lambda: domain.update_account(user, by=t.by_user(root), is_superuser=True)


# -- treaties ---------------------------------------------------------------------------------------


def synthetic_treaty(t):
    from plenary.synth import NAMES, SHORT_NAMES, synthetic_profile
    from plenary.treaties import domain

    return domain.record_treaty(
        "SYN",
        names=NAMES,
        short_names=SHORT_NAMES,
        opened_for_signature=dt.date(1976, 4, 10),
        entry_into_force=dt.date(1977, 3, 26),
        profile=synthetic_profile(1986),
        by=t.system(),
    )


@case("treaties.record_treaty")
def _(t):
    return lambda: synthetic_treaty(t)


@case("treaties.record_group_members")
def _(t):
    from plenary.treaties import domain

    treaty = synthetic_treaty(t)
    return lambda: domain.record_group_members(treaty, [("FRA", "WG", None, None)], by=t.by())


@case("treaties.record_treaty_events")
def _(t):
    from plenary.treaties import domain

    treaty = synthetic_treaty(t)
    events = [("FRA", "signature", dt.date(1976, 5, 1), "synthetic")]
    return lambda: domain.record_treaty_events(treaty, events, by=t.by())


@case("treaties.record_deposit")
def _(t):
    from plenary.treaties import domain
    from plenary.treaties.models import State

    israel = State.objects.get(code="ISR")  # neither signed nor acceded
    return lambda: domain.record_deposit(
        Treaty.objects.get(code="BWC"),
        israel,
        "accession",
        dt.date(2026, 1, 5),
        depositary="W",
        source="audit walk",
        by=t.by(),
    )


def _contact(t):
    from plenary.treaties import domain
    from plenary.treaties.models import State

    return domain.record_contact(
        Treaty.objects.get(code="BWC"),
        State.objects.get(code="ISR"),
        date=dt.date(2026, 3, 2),
        kind="letter",
        made_by="chair",
        summary="The Chair wrote to encourage accession.",
        source="audit walk",
        by=Actor.system("audit-walk-setup"),
    )


@case("treaties.record_contact")
def _(t):
    from plenary.treaties import domain
    from plenary.treaties.models import State

    return lambda: domain.record_contact(
        Treaty.objects.get(code="BWC"),
        State.objects.get(code="ISR"),
        date=dt.date(2026, 3, 2),
        kind="meeting",
        made_by="isu",
        summary="The ISU met the mission in Geneva.",
        source="audit walk",
        by=t.by(),
    )


@case("treaties.correct_contact")
def _(t):
    from plenary.treaties import domain

    contact = _contact(t)
    return lambda: domain.correct_contact(
        contact, reason="the date was wrong", date=dt.date(2026, 3, 3), by=t.by()
    )


# -- meetings ---------------------------------------------------------------------------------------


@case("meetings.save_meeting")
def _(t):
    from plenary.meetings import domain

    bwc = Treaty.objects.get(code="BWC")
    return lambda: domain.save_meeting(
        bwc, "BWC/WG/99", by=t.by(), kind="WG", year=2099, start=dt.date(2099, 8, 3), end=dt.date(2099, 8, 7)
    )


@case("meetings.update_meeting")
def _(t):
    from plenary.meetings import domain

    m = meeting()
    return lambda: domain.update_meeting(m, by=t.by(), kind=m.kind, year=m.year, venue="Vienna")


@case("meetings.seat_officers")
def _(t):
    from plenary.meetings import domain

    m = meeting()
    return lambda: domain.seat_officers(m, [{"role": "chair", "name": "A. Chair", "state": "IND"}], by=t.by())


@case("meetings.set_secretariat")
def _(t):
    from plenary.meetings import domain

    m = meeting()
    return lambda: domain.set_secretariat(m, [{"role": "secretary", "name": "S. Secretary"}], by=t.by())


@case("meetings.record_sitting")
def _(t):
    from plenary.meetings import domain

    m = meeting()
    return lambda: domain.record_sitting(m, dates=[m.start.isoformat()], items=[1], by=t.by())


@case("meetings.update_sitting")
def _(t):
    from plenary.meetings import domain

    m = meeting()
    sitting = domain.record_sitting(m, dates=[m.start.isoformat()], items=[1], by=t.by())
    return lambda: domain.update_sitting(sitting, by=t.by(), subject={"en": "General debate"})


@case("meetings.remove_sitting")
def _(t):
    from plenary.meetings import domain

    m = meeting()
    sitting = domain.record_sitting(m, dates=[m.start.isoformat()], items=[1], by=t.by())
    return lambda: domain.remove_sitting(sitting, by=t.by())


@case("meetings.load_meetings")
def _(t):
    from plenary.meetings import domain

    path = t.tmp_path / "meetings.yaml"
    path.write_text(
        "treaty: BWC\nmeetings:\n  - series: BWC/MSP/2098\n    kind: MSP\n    year: 2098\n"
        "    start: 2098-12-06\n    end: 2098-12-09\n",
        encoding="utf-8",
    )
    return lambda: domain.load_meetings(path, by=t.system())


@case("meetings.plan_year")
def _(t):
    from plenary.meetings import domain

    bwc = Treaty.objects.get(code="BWC")
    dates = {
        "WG11": (dt.date(2027, 8, 2), dt.date(2027, 8, 13)),
        "WG12": (dt.date(2027, 11, 29), dt.date(2027, 12, 3)),
        "MSP": (dt.date(2027, 12, 6), dt.date(2027, 12, 8)),
    }
    return lambda: domain.plan_year(bwc, 2027, dates, {}, by=t.by())


# -- participation ----------------------------------------------------------------------------------

HEAD = [{"role": "head", "given_names": "Anne", "family_name": "Martin"}]


@case("participation.load_organizations")
def _(t):
    from plenary.participation import domain

    path = t.tmp_path / "organizations.yaml"
    path.write_text(
        "organizations:\n  - code: AUDITNGO\n    kind: ngo\n    names: {en: Audit Watch}\n", encoding="utf-8"
    )
    return lambda: domain.load_organizations(by=t.system(), path=path)


@case("participation.register_delegation")
def _(t):
    from plenary.participation import domain

    m = meeting()
    return lambda: domain.register_delegation(m, by=t.by("fra_fp"), state=f.state("FRA"), members=HEAD)


@case("participation.register_for_meetings")
def _(t):
    from plenary.participation import domain

    m = meeting()
    return lambda: domain.register_for_meetings([m], by=t.by(), state=f.state("FRA"), members=HEAD)


def received(t):
    from plenary.participation import domain

    return domain.register_delegation(meeting(), by=t.by("fra_fp"), state=f.state("FRA"), members=HEAD)


@case("participation.approve_registration")
def _(t):
    from plenary.participation import domain

    d = received(t)
    return lambda: domain.approve_registration(d, by=t.by())


@case("participation.return_registration")
def _(t):
    from plenary.participation import domain

    d = received(t)
    return lambda: domain.return_registration(d, by=t.by(), reason="The head of delegation is missing.")


@case("participation.correct_registration")
def _(t):
    from plenary.participation import domain

    d = received(t)
    members = [*HEAD, {"role": "member", "given_names": "Paul", "family_name": "Durand"}]
    return lambda: domain.correct_registration(d, by=t.by("fra_fp"), members=members)


@case("participation.update_members")
def _(t):
    from plenary.participation import domain

    d = received(t)
    members = [*HEAD, {"role": "member", "given_names": "Paul", "family_name": "Durand"}]
    return lambda: domain.update_members(d, by=t.by("fra_fp"), members=members)


@case("participation.update_delegation")
def _(t):
    from plenary.participation import domain

    d = fra_delegation()
    return lambda: domain.update_delegation(d, by=t.by(), position=7)


@case("participation.remove_delegation")
def _(t):
    from plenary.participation import domain

    d = fra_delegation()
    return lambda: domain.remove_delegation(d, by=t.by())


@case("participation.save_tally")
def _(t):
    from plenary.participation import domain

    m = meeting()
    return lambda: domain.save_tally(m, category="ngo", count=3, by=t.by())


@case("participation.remove_tally")
def _(t):
    from plenary.participation import domain

    tally = f.AttendanceTallyFactory(meeting=meeting())
    return lambda: domain.remove_tally(tally, by=t.by())


@case("participation.decide_observer_status")
def _(t):
    from plenary.participation import domain
    from plenary.participation.models import Category, Delegation

    d = f.DelegationFactory(
        meeting=meeting(),
        state=f.state("ISR"),
        category=Category.OBSERVER_STATE,
        status=Delegation.Status.PENDING,
    )
    return lambda: domain.decide_observer_status(d, granted=True, by=t.by())


@case("participation.record_participants_list")
def _(t):
    from plenary.participation import domain

    m = meeting()
    fra_delegation(m)
    return lambda: domain.record_participants_list(m, kind="MISC", lang="en", by=t.by())


# -- documents --------------------------------------------------------------------------------------


@case("documents.record_document")
def _(t):
    from plenary.documents import domain

    m = meeting()
    return lambda: domain.record_document(
        m, by=t.by(), symbol=f"{m.series}/INF.1", title={"en": "Information"}
    )


@case("documents.record_documents_bulk")
def _(t):
    from plenary.documents import domain

    m = meeting()
    entries = [{"symbol": f"{m.series}/INF.1", "title": {"en": "Information"}}]
    return lambda: domain.record_documents_bulk(m, entries, by=t.system())


def recorded(t, status="draft"):
    from plenary.documents import domain

    m = meeting()
    return domain.record_document(
        m, by=t.by(), symbol=f"{m.series}/CRP.1", title={"en": "Draft"}, status=status
    )


@case("documents.update_document")
def _(t):
    from plenary.documents import domain

    doc = recorded(t)
    return lambda: domain.update_document(doc, by=t.by(), title={"en": "Draft, revised"})


@case("documents.remove_document")
def _(t):
    from plenary.documents import domain

    doc = recorded(t)
    return lambda: domain.remove_document(doc, by=t.by())


@case("documents.add_language_version")
def _(t):
    from plenary.documents import domain

    doc = recorded(t)
    return lambda: domain.add_language_version(doc, lang="en", upload=txt("d.txt", b"The draft."), by=t.by())


def issued(t):
    from plenary.documents import domain

    return domain.issue_document(
        meeting(),
        doc_type="INF",
        title={"en": "Information"},
        original_language="en",
        files={"en": pdf()},
        by=t.by(),
    )


@case("documents.issue_document")
def _(t):
    return lambda: issued(t)


@case("documents.record_modifier")
def _(t):
    from plenary.documents import domain

    parent = issued(t)
    return lambda: domain.record_modifier(parent, kind="Corr", languages=["en"], by=t.by())


@case("documents.issue_modifier")
def _(t):
    from plenary.documents import domain

    parent = issued(t)
    return lambda: domain.issue_modifier(parent, kind="Corr", files={"en": pdf()}, by=t.by())


@case("documents.create_working_paper")
def _(t):
    from plenary.documents import domain

    d = fra_delegation()
    return lambda: domain.create_working_paper(
        d, by=t.by("fra_del"), title={"en": "On audit"}, original_language="en"
    )


@case("documents.update_working_paper")
def _(t):
    from plenary.documents import domain

    paper = draft_paper(t)
    return lambda: domain.update_working_paper(
        paper, by=t.by("fra_del"), title={"en": "On the audit trail"}, original_language="en"
    )


@case("documents.add_paper_file")
def _(t):
    from plenary.documents import domain

    paper = draft_paper(t)
    return lambda: domain.add_paper_file(
        paper, by=t.by("fra_fp"), lang="fr", upload=txt("fr.txt", b"Le texte.\n")
    )


@case("documents.invite_co_sponsor")
def _(t):
    from plenary.documents import domain

    paper = draft_paper(t)
    return lambda: domain.invite_co_sponsor(paper, f.state("DEU"), by=t.by("fra_fp"))


@case("documents.answer_co_sponsorship")
def _(t):
    from plenary.documents import domain

    paper = draft_paper(t)
    invitation = domain.invite_co_sponsor(paper, f.state("DEU"), by=t.by("fra_fp"))
    return lambda: domain.answer_co_sponsorship(invitation, by=t.by("deu_fp"), confirm=True)


@case("documents.submit_working_paper")
def _(t):
    from plenary.documents import domain

    paper = draft_paper(t)
    return lambda: domain.submit_working_paper(paper, by=t.by("fra_fp"))


@case("documents.withdraw_working_paper")
def _(t):
    from plenary.documents import domain

    paper = draft_paper(t)
    return lambda: domain.withdraw_working_paper(paper, by=t.by("fra_fp"))


@case("documents.issue_working_paper")
def _(t):
    from plenary.documents import domain

    paper = draft_paper(t)
    domain.submit_working_paper(paper, by=t.by("fra_fp"))
    return lambda: domain.issue_working_paper(paper, by=t.by())


@case("documents.store_issued_file")
def _(t):
    from plenary.documents import domain

    doc = issued(t)
    return lambda: domain.store_issued_file(doc, lang="en", fmt="txt", data=b"Issued text.\n")


# -- proceedings ------------------------------------------------------------------------------------


@case("proceedings.request_floor")
def _(t):
    from plenary.proceedings import domain

    d = fra_delegation()
    return lambda: domain.request_floor(d, by=t.by("fra_del"))


@case("proceedings.add_from_the_room")
def _(t):
    from plenary.proceedings import domain

    d = fra_delegation()
    return lambda: domain.add_from_the_room(d.meeting, d, by=t.by())


@case("proceedings.withdraw_floor_request")
def _(t):
    from plenary.proceedings import domain

    request = floor_request(t)
    return lambda: domain.withdraw_floor_request(request, by=t.by("fra_fp"))


@case("proceedings.move")
def _(t):
    from plenary.proceedings import domain

    first = floor_request(t)
    floor_request(t, first.meeting, "deu_fp", "DEU")
    return lambda: domain.move(first, by=t.by(), direction="down")


@case("proceedings.give_floor")
def _(t):
    from plenary.proceedings import domain

    request = floor_request(t)
    return lambda: domain.give_floor(request, by=t.by())


@case("proceedings.next_speaker")
def _(t):
    from plenary.proceedings import domain

    request = floor_request(t)
    return lambda: domain.next_speaker(request.meeting, by=t.by())


@case("proceedings.end_speech")
def _(t):
    from plenary.proceedings import domain

    request = floor_request(t)
    domain.give_floor(request, by=t.by())
    return lambda: domain.end_speech(request, by=t.by())


@case("proceedings.set_time_limit")
def _(t):
    from plenary.proceedings import domain

    m = meeting()
    return lambda: domain.set_time_limit(m, 300, by=t.by())


@case("proceedings.set_speaker_time_limit")
def _(t):
    from plenary.proceedings import domain

    request = floor_request(t)
    return lambda: domain.set_speaker_time_limit(request, 120, by=t.by())


@case("proceedings.record_decision")
def _(t):
    from plenary.proceedings import domain

    m = meeting()
    return lambda: domain.record_decision(
        m, key="agenda", text={"en": "The Meeting adopted its agenda."}, adopted_on=m.start, by=t.by()
    )


def decision(t):
    from plenary.proceedings import domain

    m = meeting()
    # Not yet taken (a decision taken stays as it is).
    return domain.record_decision(
        m, key="agenda", text={"en": "The Meeting adopted its agenda."}, adopted_on=None, by=t.by()
    )


@case("proceedings.update_decision")
def _(t):
    from plenary.proceedings import domain

    d = decision(t)
    return lambda: domain.update_decision(
        d, by=t.by(), text={"en": "The Meeting adopted its agenda as amended."}
    )


@case("proceedings.remove_decision")
def _(t):
    from plenary.proceedings import domain

    d = decision(t)
    return lambda: domain.remove_decision(d, by=t.by())


def reservation(t):
    from plenary.proceedings import domain

    m = meeting()
    fra_delegation(m)
    return domain.record_reservation(
        m, applies_to="para-20", state=f.state("FRA"), text={"en": "France reserved."}, by=t.by()
    )


@case("proceedings.record_reservation")
def _(t):
    from plenary.proceedings import domain

    m = meeting()
    fra_delegation(m)
    return lambda: domain.record_reservation(
        m, applies_to="para-20", state=f.state("FRA"), text={"en": "France reserved."}, by=t.by()
    )


@case("proceedings.update_reservation")
def _(t):
    from plenary.proceedings import domain

    r = reservation(t)
    return lambda: domain.update_reservation(r, by=t.by(), text={"en": "France reserved its position."})


@case("proceedings.remove_reservation")
def _(t):
    from plenary.proceedings import domain

    r = reservation(t)
    return lambda: domain.remove_reservation(r, by=t.by())


def statement(t):
    from plenary.proceedings import domain

    m = meeting()
    fra_delegation(m)
    return domain.record_statement(m, by=t.by(), kind="state", state=f.state("FRA"))


@case("proceedings.record_statement")
def _(t):
    from plenary.proceedings import domain

    m = meeting()
    fra_delegation(m)
    return lambda: domain.record_statement(m, by=t.by(), kind="state", state=f.state("FRA"))


@case("proceedings.update_statement")
def _(t):
    from plenary.proceedings import domain

    s = statement(t)
    return lambda: domain.update_statement(s, by=t.by(), speaker="Ambassador Martin")


@case("proceedings.remove_statement")
def _(t):
    from plenary.proceedings import domain

    s = statement(t)
    return lambda: domain.remove_statement(s, by=t.by())


# -- reports ----------------------------------------------------------------------------------------


@case("reports.record_report")
def _(t):
    from plenary.reports import domain

    m = meeting()
    return lambda: domain.record_report(m, by=t.system(), status="draft")


@case("reports.update_report")
def _(t):
    from plenary.reports import domain

    report = domain.record_report(meeting(), by=t.system(), status="draft")
    return lambda: domain.update_report(report, by=t.by(), job_number="GE.99-12345")


@case("reports.remove_report")
def _(t):
    from plenary.reports import domain

    report = domain.record_report(meeting(), by=t.system(), status="draft")
    return lambda: domain.remove_report(report, by=t.by())


@case("reports.draft_report")
def _(t):
    from plenary.reports import domain

    m = meeting()
    return lambda: domain.draft_report(m, by=t.by())


@case("reports.write_paragraph")
def _(t):
    from plenary.reports import domain

    report = domain.draft_report(meeting(), by=t.by())
    return lambda: domain.write_paragraph(
        report, section="work", text={"en": "The Meeting worked."}, by=t.by()
    )


@case("reports.update_paragraph")
def _(t):
    from plenary.reports import domain
    from plenary.reports.models import ReportParagraph

    report = draft(t)
    p = ReportParagraph.objects.filter(report=report).order_by("id").last()
    return lambda: domain.update_paragraph(report, p, text={"en": "The Meeting worked hard."}, by=t.by())


@case("reports.remove_paragraph")
def _(t):
    from plenary.reports import domain
    from plenary.reports.models import ReportParagraph

    report = draft(t)
    p = ReportParagraph.objects.filter(report=report).order_by("id").last()
    return lambda: domain.remove_paragraph(report, p, by=t.by())


@case("reports.move_paragraph")
def _(t):
    from plenary.reports import domain
    from plenary.reports.models import ReportParagraph

    report = draft(t)
    domain.write_paragraph(report, section="work", text={"en": "The Meeting worked on."}, by=t.by())
    p = ReportParagraph.objects.filter(report=report).order_by("id").last()
    return lambda: domain.move_paragraph(report, p, position=1, by=t.by())


@case("reports.adopt_report")
def _(t):
    from plenary.reports import domain

    report = draft(t)
    return lambda: domain.adopt_report(report, on=report.meeting.end, by=t.by())


def adopted(t):
    from plenary.reports import domain

    report = draft(t)
    domain.adopt_report(report, on=report.meeting.end, by=t.by())
    return report


@case("reports.issue_report")
def _(t):
    from plenary.reports import domain

    report = adopted(t)
    return lambda: domain.issue_report(report, on=report.meeting.end, by=t.by())


@case("reports.store_issued_report")
def _(t):
    from plenary.documents.models import IssuedFile
    from plenary.reports import domain

    report = adopted(t)
    domain.issue_report(report, on=report.meeting.end, by=t.by())
    # Test set-up only, as tests/helpers.forget_issued_files: the final without its files.
    IssuedFile.objects.filter(document=report.final).delete()
    return lambda: domain.store_issued_report(report, by=t.by())


@case("reports.revise_report")
def _(t):
    from plenary.reports import domain

    report = adopted(t)
    domain.issue_report(report, on=report.meeting.end, by=t.by())
    return lambda: domain.revise_report(report, by=t.by())


@case("reports.issue_participants_list")
def _(t):
    from plenary.reports import domain

    m = meeting()
    fra_delegation(m)
    return lambda: domain.issue_participants_list(m, kind="MISC", lang="en", languages=["en"], by=t.by())


# -- accounts.notify -----------------------------------------------------------------------------


@case("accounts.notify.set_language")
def _(t):
    from plenary.accounts import notify

    return lambda: notify.set_language(t.people["fra_fp"], "fr", by=t.by("fra_fp"))


@case("accounts.notify.notify")
def _(t):
    from plenary.accounts import notify
    from plenary.accounts.models import Notification

    context = {"paper": {"en": "On audit"}, "meeting": {"en": "BWC/MSP/2099"}, "submitter": {"en": "France"}}
    return lambda: notify.notify(Notification.Kind.PAPER_SUBMITTED, [t.people["fra_fp"]], context=context)


@case("accounts.notify.mark_read", accounts_notification="the recipient's own inbox (read_at), not a record")
def _(t):
    from plenary.accounts import notify

    note = f.NotificationFactory(user=t.people["fra_fp"])
    return lambda: notify.mark_read(note, by=t.by("fra_fp"))


@case(
    "accounts.notify.mark_all_read", accounts_notification="the recipient's own inbox (read_at), not a record"
)
def _(t):
    from plenary.accounts import notify

    f.NotificationFactory(user=t.people["fra_fp"])
    return lambda: notify.mark_all_read(t.people["fra_fp"], by=t.by("fra_fp"))


# -- meetings.agenda: the agenda and the programme of work ----------------------------------------


def agenda_meeting():
    from tests.helpers import meeting_with_agenda

    return meeting_with_agenda("BWC/MSP/2026")


def first_item(m):
    return m.agenda.filter(parent=None).order_by("number").first()


@case("meetings.agenda.add_agenda_item")
def _(t):
    from plenary.meetings import agenda

    m = agenda_meeting()
    return lambda: agenda.add_agenda_item(m, title={"en": "Other matters"}, by=t.by())


@case("meetings.agenda.edit_agenda_item")
def _(t):
    from plenary.meetings import agenda

    item = first_item(agenda_meeting())
    return lambda: agenda.edit_agenda_item(item, title={"en": "Opening of the Meeting"}, by=t.by())


@case("meetings.agenda.move_agenda_item")
def _(t):
    from plenary.meetings import agenda

    item = first_item(agenda_meeting())
    return lambda: agenda.move_agenda_item(item, number=2, by=t.by())


@case("meetings.agenda.remove_agenda_item")
def _(t):
    from plenary.meetings import agenda

    m = agenda_meeting()
    item = agenda.add_agenda_item(m, title={"en": "Other matters"}, by=t.by())
    return lambda: agenda.remove_agenda_item(item, by=t.by())


@case("meetings.agenda.save_agenda_item")
def _(t):
    from plenary.meetings import agenda

    m = agenda_meeting()
    return lambda: agenda.save_agenda_item(m, 4, {"en": "Other matters"}, by=t.by())


@case("meetings.agenda.save_sub_item")
def _(t):
    from plenary.meetings import agenda

    item = first_item(agenda_meeting())
    return lambda: agenda.save_sub_item(item, 1, {"en": "Welcome"}, by=t.by())


@case("meetings.agenda.plan_sitting")
def _(t):
    from plenary.meetings import agenda

    m = agenda_meeting()
    return lambda: agenda.plan_sitting(m, date=m.end, period="morning", by=t.by())


def planned(m):
    return m.planned_sittings.order_by("number").first()


@case("meetings.agenda.change_sitting")
def _(t):
    from plenary.meetings import agenda

    sitting = planned(agenda_meeting())
    return lambda: agenda.change_sitting(sitting, by=t.by(), note={"en": "informal"})


@case("meetings.agenda.remove_planned_sitting")
def _(t):
    from plenary.meetings import agenda

    m = agenda_meeting()
    sitting = agenda.plan_sitting(m, date=m.end, period="morning", by=t.by())
    return lambda: agenda.remove_planned_sitting(sitting, by=t.by())


@case("meetings.agenda.add_programme_entry")
def _(t):
    from plenary.meetings import agenda

    m = agenda_meeting()
    return lambda: agenda.add_programme_entry(planned(m), agenda_item=first_item(m), by=t.by())


def entry(t):
    from plenary.meetings import agenda

    m = agenda_meeting()
    agenda.add_programme_entry(planned(m), subject={"en": "Briefing"}, by=t.by())
    return agenda.add_programme_entry(planned(m), agenda_item=first_item(m), by=t.by())


@case("meetings.agenda.change_programme_entry")
def _(t):
    from plenary.meetings import agenda

    e = entry(t)
    return lambda: agenda.change_programme_entry(e, subject={"en": "Opening"}, by=t.by())


@case("meetings.agenda.move_programme_entry")
def _(t):
    from plenary.meetings import agenda

    e = entry(t)
    return lambda: agenda.move_programme_entry(e, position=1, by=t.by())


@case("meetings.agenda.remove_programme_entry")
def _(t):
    from plenary.meetings import agenda

    e = entry(t)
    return lambda: agenda.remove_programme_entry(e, by=t.by())


# -- reports.agenda: the agenda's documents and its adoption --------------------------------------

AGENDA_ON = dt.date(2026, 9, 1)


@case("reports.agenda.issue_agenda_document")
def _(t):
    from plenary.reports import agenda

    m = agenda_meeting()
    return lambda: agenda.issue_agenda_document(m, "agenda", on=AGENDA_ON, by=t.by())


@case("reports.agenda.revise_agenda_document")
def _(t):
    from plenary.meetings import agenda as items
    from plenary.reports import agenda

    m = agenda_meeting()
    agenda.issue_agenda_document(m, "agenda", on=AGENDA_ON, by=t.by())
    items.edit_agenda_item(first_item(m), title={**first_item(m).title, "en": "Opening"}, by=t.by())
    return lambda: agenda.revise_agenda_document(m, "agenda", by=t.by())


@case("reports.agenda.adopt_agenda")
def _(t):
    from plenary.reports import agenda

    m = agenda_meeting()
    return lambda: agenda.adopt_agenda(m, on=m.start, by=t.by())


# -- treaties.reference ---------------------------------------------------------------------------


@case("treaties.reference.load_reference_data")
def _(t):
    from plenary.treaties.models import StateName
    from plenary.treaties.reference import load_reference_data

    # Test set-up only: a name that the reference data say otherwise, for the load to set right.
    StateName.objects.filter(state__code="FRA", lang="en").update(name="Frankreich")
    return lambda: load_reference_data(by=t.system())


# -- the treaty's databases: each app's cases in tests/<app>/audit_cases.py --------------------------
# (They register with `case(...)` and add their pure readers to READERS, from this module.)

from tests.assistance import audit_cases as _assistance  # noqa: E402,F401
from tests.cbm import audit_cases as _cbm  # noqa: E402,F401
from tests.cooperation import audit_cases as _cooperation  # noqa: E402,F401
from tests.finance import audit_cases as _finance  # noqa: E402,F401
from tests.finance import audit_cases_estimates as _finance_estimates  # noqa: E402,F401
from tests.sponsorship import audit_cases as _sponsorship  # noqa: E402,F401

# -- the walk ---------------------------------------------------------------------------------------


def run(name: str, people, tmp_path) -> tuple[list[AuditEntry], list[str], set]:
    """Build case `name`, run its act with the writes watched; the entries it wrote, the record
    tables it wrote, and the actors it handed out."""
    trial = Trial(people=people, tmp_path=tmp_path)
    act = CASES[name].build(trial)
    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    writes = Writes()
    with ExitStack() as stack:
        for connection in connections.all(initialized_only=True):
            stack.enter_context(connection.execute_wrapper(writes))
        act()
    entries = list(AuditEntry.objects.filter(id__gt=last).order_by("id"))
    return entries, writes, trial.handed


# The treaty's databases are walked in their own test directories (tests/<app>/test_audit_walk.py),
# so that a helper working on one app runs its walk with its other tests.
DATABASE_APPS = ("assistance", "cbm", "cooperation", "finance", "sponsorship")


def params(app: str | None = None):
    return list(_params(app))


def _params(app: str | None = None):
    for name in sorted(FUNCTIONS):
        if name in READERS:
            continue
        here = name.split(".")[0]
        if (app is None and here in DATABASE_APPS) or (app is not None and here != app):
            continue
        marks = [pytest.mark.xfail(reason=GAPS[name], strict=True)] if name in GAPS else []
        yield pytest.param(name, marks=marks, id=name)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def walk_of(app: str):
    """The walk over one of DATABASE_APPS, for that app's test directory (tests/<app>/
    test_audit_walk.py): `test_every_write_is_audited = walk_of("cbm")`."""

    @pytest.mark.parametrize("name", params(app))
    def test(name, people, tmp_path, media, fast_pdf):
        assert name in CASES, (
            f"add a case for {name} to tests/{app}/audit_cases.py (or, if it only reads, to READERS)"
        )
        assert problems(name, *run(name, people, tmp_path)) == []

    return test


def problems(name: str, entries: list[AuditEntry], writes: Writes, handed: set) -> list[str]:
    """What is wrong with what case `name` did: [] when every write is audited."""
    tables = writes.records(allowed=CASES[name].bookkeeping)
    if CASES[name].bookkeeping and not entries and not tables:
        if set(writes.tables) & set(CASES[name].bookkeeping):
            return []
        return [f"the case for {name} does not even keep its bookkeeping: make it do so"]
    if name in STEPS:
        return [] if tables else [f"the case for {name} writes nothing: make it write"]
    if not (entries or tables):
        return [f"the case for {name} does nothing: give it arguments that make it write"]
    found = []
    if tables and not entries:
        found.append(f"{name} wrote {', '.join(tables)} and no audit entry")
    for entry in entries:
        if (entry.actor, entry.via) not in handed:
            found.append(
                f"{name}: entry {entry.action} says {entry.actor} ({entry.via}), not the Actor given"
            )
        if not (entry.action and entry.object_type):
            found.append(f"{name}: entry {entry.pk} names no action or object")
    if entries and tables and all(e.before is None and e.after is None for e in entries):
        found.append(
            f"{name}: its entries ({', '.join(e.action for e in entries)}) keep neither before nor after"
        )
    return found


@pytest.mark.parametrize("name", params())
def test_every_domain_write_is_audited(name, people, tmp_path, media, fast_pdf):
    assert name in CASES, (
        f"add a case for {name} to tests/core/test_audit_complete.py (or, if it only reads, to READERS)"
    )
    assert problems(name, *run(name, people, tmp_path)) == []


def test_the_walk_catches_a_write_with_no_entry(people, tmp_path, monkeypatch):
    from plenary.meetings import domain

    monkeypatch.setattr(domain, "log_action", lambda *args, **kwargs: None)
    assert problems("meetings.update_meeting", *run("meetings.update_meeting", people, tmp_path)) == [
        "meetings.update_meeting wrote meetings_meeting and no audit entry"
    ]


def test_the_walk_catches_an_entry_with_another_via(people, tmp_path, monkeypatch):
    from plenary.core.audit import log_action
    from plenary.meetings import domain

    monkeypatch.setattr(domain, "log_action", lambda by, *a, **kw: log_action(by.through("page"), *a, **kw))
    assert problems("meetings.update_meeting", *run("meetings.update_meeting", people, tmp_path)) == [
        "meetings.update_meeting: entry meeting.update says staff (page), not the Actor given"
    ]


def test_the_walk_catches_an_entry_with_no_values(people, tmp_path, monkeypatch):
    from plenary.core.audit import log_action
    from plenary.meetings import domain

    monkeypatch.setattr(domain, "log_action", lambda by, action, obj, **kw: log_action(by, action, obj))
    assert problems("meetings.update_meeting", *run("meetings.update_meeting", people, tmp_path)) == [
        "meetings.update_meeting: its entries (meeting.update) keep neither before nor after"
    ]


def test_the_walk_asks_for_a_case_for_a_new_function(monkeypatch):
    """A function added to a domain module is found, and has no case until one is written."""
    from plenary.treaties import domain

    def record_something_new(*, by):  # pragma: no cover - never called
        pass

    record_something_new.__module__ = domain.__name__
    monkeypatch.setattr(domain, "record_something_new", record_something_new, raising=False)
    found = domain_functions()
    assert "treaties.record_something_new" in found
    assert "treaties.record_something_new" not in CASES


def test_the_lists_name_only_functions_that_exist():
    for listed in (READERS, STEPS, GAPS, CASES):
        stale = sorted(set(listed) - set(FUNCTIONS))
        assert not stale, f"no domain function is called {', '.join(stale)}: take it off the list"
    assert not set(READERS) & set(CASES), "a reader has a case: it is a writer, take it off READERS"
    for name in NOT_WALKED:
        source = inspect.getsource(importlib.import_module(name))
        assert "log_action(" in source, f"{name} writes no entry: take it off NOT_WALKED"


def test_the_walk_finds_the_domain_modules():
    apps = {name.split(".")[0] for name in FUNCTIONS}
    assert apps >= {
        "accounts",
        "treaties",
        "meetings",
        "participation",
        "documents",
        "proceedings",
        "reports",
    }


def test_steps_are_not_called_by_interfaces():
    """A step writes no entry of its own: only domain code (which audits the act) may call it."""
    from pathlib import Path

    src = Path(plenary.__file__).parent
    calls = [re.compile(rf"\b{re.escape(name.rsplit('.', 1)[1])}\(") for name in STEPS]
    paths = [
        src / "cli.py",
        *(p for i in ("web", "portal", "backoffice", "api") for p in (src / i).rglob("*.py")),
    ]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for name, call in zip(STEPS, calls, strict=True):
            assert not call.search(text), f"{path.relative_to(src)} calls the step {name}"
