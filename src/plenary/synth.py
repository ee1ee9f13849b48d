"""`plenary synth`: a deterministic, synthetic treaty history at any scale, for benchmarks and tests.

What it writes, into an empty database only (one holding reference data alone):

- the reference data (States, their names, groups, the BWC's real treaty events) as every
  command loads it (`setup.ensure_database`);
- a synthetic treaty, code ``SYN`` ("Synthetic Convention (generated test data, not a real
  treaty)" in the six languages), whose profile is the BWC's with every series written ``SYN/...``:
  its meetings cannot collide with the BWC's (their symbols start with SYN/), no BWC page, count or
  record is touched, and nothing invented is presented as a fact of the BWC. Its groups (WG, EEG,
  NAM) hold the States of the BWC's groups of the same name; fifty years (more when --years asks)
  of SYN treaty events (signatures, ratifications, accessions, successions) are drawn for the real
  States, noted "synthetic";
- --years of SYN meetings of every kind the profile knows, ending in 2025: a Review Conference
  and its Preparatory Committee every fifth year, Meetings of Experts (MX.1-MX.5) in the first
  half of the history and Working Group sessions in the second, a Meeting of States Parties in
  each year without a Review Conference, one Special Conference and one (closed) consultative meeting. Each is held, in
  Geneva, with a note saying it is synthetic; it has officers, an agenda (the 2017 MSP's items),
  delegations of the States (their Rule 44 category from the SYN events) and of organizations
  with their participants (fictional names, addresses at example.org), documents with symbols
  from the one allocator (documents.numbering), titles in six languages (the titles of the 2017
  MSP's documents, the project's own strings), language versions and sponsors, statements by the
  delegations registered, decisions, and the provisional and final lists of participants.

Determinism: everything is drawn from one `random.Random(seed)` in a fixed order; no clock, no
uuid4. The same arguments give the same rows (ids, symbols, names, dates) on any database.

Write paths: every row goes through a domain function. Meetings, officers, agendas, delegations
with their people, statements, decisions and lists of participants are written one by one by the
functions every interface calls (a few thousand calls at the largest scale). Documents, which run
to 100,000 with half a million language versions, go through
`documents.domain.record_documents_bulk` (the same checks as record_document, bulk inserts, one
audit entry per batch naming every symbol), and the treaty's events and groups through
`treaties.domain`'s bulk writers: measured on SQLite, one record_document call per document (each
in its transaction, as an interface makes it, the search index following each commit) took about
90 ms of CPU in a meeting of 40 documents, and a bulk call about 0.9 ms per document; per row,
100,000 documents would take hours. Each meeting is written in one transaction, so
the search index follows meeting by meeting as it does after any commit (search.follow_change),
and the record versions move as for any write; the States' entries are indexed first, since
loading the reference data does not index them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import connection, transaction

from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.core.languages import UN_LANGUAGES

CODE = "SYN"
LAST_YEAR = 2025
EVENT_YEARS = 50
MAX_YEARS = 100
MAX_DOCUMENTS = 2_000_000
MAX_PARTICIPANTS = 1_000_000
RECORD = Path(__file__).resolve().parent / "records" / "data" / "bwc_msp_2017.yaml"

Progress = Callable[[str, int, int | None], None]

NAMES = {
    "en": "Synthetic Convention (generated test data, not a real treaty)",
    "fr": "Convention synthétique (données de test générées, pas un traité réel)",
    "es": "Convención sintética (datos de prueba generados, no un tratado real)",
    "ru": "Синтетическая конвенция (сгенерированные тестовые данные, не настоящий договор)",
    "zh": "合成公约（生成的测试数据，并非真实条约）",
    "ar": "اتفاقية اصطناعية (بيانات اختبار مولدة، وليست معاهدة حقيقية)",
}
SHORT_NAMES = {
    "en": "Synthetic Convention",
    "fr": "Convention synthétique",
    "es": "Convención sintética",
    "ru": "Синтетическая конвенция",
    "zh": "合成公约",
    "ar": "الاتفاقية الاصطناعية",
}
GIVEN = (
    "Amina", "Carlos", "Chen", "Daniel", "Elena", "Farah", "Hiroshi", "Ingrid", "Jamal", "Katarzyna",
    "Lucía", "Mateus", "Nadia", "Olusegun", "Priya", "Rafael", "Sofia", "Tomás", "Wei", "Yasmin",
    "Anders", "Bongani", "Claire", "Dmitri", "Esra", "Gabriel", "Hana", "Ivan", "Jana", "Kofi",
)  # fmt: skip
FAMILY = (
    "Abebe", "Bergström", "Castillo", "Dlamini", "Eriksen", "Fernández", "García", "Haddad", "Ito",
    "Jovanović", "Kowalski", "Lindqvist", "Mensah", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi",
    "Santos", "Tanaka", "Umarov", "Varga", "Wang", "Xu", "Yilmaz", "Zhang", "Moreau", "Novak", "Silva",
    "Kim",
)  # fmt: skip
FUNCTIONS = (
    "Permanent Representative",
    "Deputy Permanent Representative",
    "Counsellor, Permanent Mission",
    "First Secretary, Permanent Mission",
    "Expert, Ministry of Health",
    "Adviser, Ministry of Foreign Affairs",
    "Legal Adviser",
    "Scientific Adviser",
)
HONORIFICS = ("Mr.", "Ms.", "Dr.")
# Words of titles that belong to their own document only: a State, the BWC, a year, a partnership.
NAMED = ("BWC", "Biological and Toxin Weapons Convention", "Global Partnership", "Cuba", "Kyrgyz", "EU", "20")
# How heavy each kind of meeting is: its share of the documents and participants.
WEIGHT = {"REVCON": 8, "PREPCOM": 2, "MSP": 4, "WG": 3, "MX": 1, "SPECIAL": 4, "CONSULT": 1}


@dataclass(frozen=True)
class Plan:
    years: int
    documents: int
    participants: int
    seed: int

    def __post_init__(self) -> None:
        for what, value, low, high in (
            ("years", self.years, 1, MAX_YEARS),
            ("documents", self.documents, 0, MAX_DOCUMENTS),
            ("participants", self.participants, 0, MAX_PARTICIPANTS),
            ("seed", self.seed, 0, 2**63 - 1),
        ):
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise DomainError(f"{what} must be a whole number from {low:,} to {high:,}, not {value!r}")


class NotEmpty(DomainError):
    """The database already holds records: synth writes into an empty one only."""


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int = 1) -> None:
        self.rows[what] = self.rows.get(what, 0) + n


# --- checks -------------------------------------------------------------------------------------


def records_held() -> list[str]:
    """The kinds of record the database already holds that synth would add to (meetings,
    documents, delegations, participants, statements, decisions, or the synthetic treaty);
    empty for an empty database or one holding reference data alone. Reads only tables that
    exist, so a database never migrated counts as empty."""
    from plenary.documents.models import Document
    from plenary.meetings.models import Meeting
    from plenary.participation.models import Delegation, Participant
    from plenary.proceedings.models import Decision, Statement
    from plenary.treaties.models import Treaty

    tables = set(connection.introspection.table_names())
    held = []
    for label, rows in (
        ("meetings", Meeting.objects),
        ("documents", Document.objects),
        ("delegations", Delegation.objects),
        ("participants", Participant.objects),
        ("statements", Statement.objects),
        ("decisions", Decision.objects),
        (f"the treaty {CODE}", Treaty.objects.filter(code=CODE)),
    ):
        if rows.model._meta.db_table in tables and rows.exists():
            held.append(label)
    return held


# --- the strings ----------------------------------------------------------------------------------


@dataclass
class Strings:
    """The project's own multilingual strings that synthetic records reuse: the 2017 MSP's agenda,
    document titles, decisions and venue, every one in the six languages."""

    agenda: list[dict[str, str]]
    titles: dict[str, list[dict[str, str]]]
    decisions: dict[str, dict[str, str]]
    venues: dict[str, str]
    venue: str

    @classmethod
    def read(cls) -> Strings:
        data = yaml.safe_load(RECORD.read_text(encoding="utf-8"))
        full = [d for d in data["documents"] if set(d["title"]) >= set(UN_LANGUAGES)]

        def titles(pick) -> list[dict[str, str]]:
            out, seen = [], set()
            for d in full:
                en = d["title"]["en"]
                # Titles naming a State, the BWC or a year belong to their document only.
                if pick(d["symbol"]) and en not in seen and not any(w in en for w in NAMED):
                    seen.add(en)
                    out.append({lang: d["title"][lang] for lang in UN_LANGUAGES})
            return out

        return cls(
            agenda=[{lang: a["title"][lang] for lang in UN_LANGUAGES} for a in data["agenda"]],
            titles={
                "WP": titles(lambda s: "/WP." in s and "/Corr" not in s),
                "CRP": titles(lambda s: "/CRP." in s),
                "": titles(lambda s: s.rsplit("/", 1)[-1].isdigit() and not s.endswith(("/1", "/2", "/6"))),
                "agenda": [d["title"] for d in full if d["symbol"].endswith("2017/1")],
                "programme": [d["title"] for d in full if d["symbol"].endswith("2017/2")],
            },
            decisions={
                d["key"]: {lang: d["text"][lang] for lang in UN_LANGUAGES}
                for d in data["decisions"]
                if d["key"] in ("agenda", "programme-of-work")
            },
            venues=dict(data["meeting"]["venues"]),
            venue=data["meeting"]["venue"],
        )


# --- the treaty -------------------------------------------------------------------------------------


def synthetic_profile(first_year: int) -> dict[str, Any]:
    """The BWC's profile with every series written SYN/..., the titles of the synthetic treaty,
    and its programme shapes in force over the synthetic years."""
    from plenary.treaties.profile import read_profile

    bwc = read_profile("BWC")
    profile = dict(bwc)
    profile["code"] = CODE
    profile["symbol_prefix"] = CODE
    profile["names"] = NAMES
    profile["short_names"] = SHORT_NAMES
    kinds = {}
    for code, kind in bwc["meeting_kinds"].items():
        kinds[code] = {
            **kind,
            "series": [p.replace("BWC/", f"{CODE}/", 1) for p in kind["series"]],
            "source": "synthetic (plenary synth)",
        }
    profile["meeting_kinds"] = kinds
    rotation = dict(bwc["rotation"])
    rotation["anchor"] = {"year": first_year, "group": rotation["cycle"][0]}
    profile["rotation"] = rotation
    middle = first_year + (LAST_YEAR - first_year + 1) // 2
    shapes = []
    for shape in bwc["programmes"]:
        shape = dict(shape, source="synthetic (plenary synth)")
        if shape["name"].startswith("intersessional"):
            shape["years"] = {"from": first_year, "to": middle - 1}
        else:
            shape["years"] = {"from": middle}
        shapes.append(shape)
    profile["programmes"] = shapes
    return profile


def _date_in(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange(max(1, (last - first).days + 1)))


def _treaty_events(rng: random.Random, states: list[Any], opened: dt.date, end: dt.date) -> list[tuple]:
    """Per State, in code order: party by signature and ratification, by accession or by
    succession; signatory only; or neither."""
    events = []
    note = "synthetic (plenary synth)"
    for state in states:
        since = state.un_member_since or opened
        start = max(opened, since)
        if start > end:
            continue
        roll = rng.random()
        if since > opened + dt.timedelta(days=3650) and roll < 0.15:
            events.append(
                (
                    state.code,
                    "succession",
                    _date_in(rng, start, min(end, start + dt.timedelta(days=900))),
                    note,
                )
            )
        elif roll < 0.55 and start <= opened + dt.timedelta(days=730):
            signed = _date_in(rng, start, opened + dt.timedelta(days=730))
            events.append((state.code, "signature", signed, note))
            if rng.random() < 0.85:
                events.append(
                    (
                        state.code,
                        "ratification",
                        _date_in(rng, signed, min(end, signed + dt.timedelta(days=3650))),
                        note,
                    )
                )
        elif roll < 0.9:
            events.append((state.code, "accession", _date_in(rng, start, end), note))
    return events


def create_treaty(plan: Plan, rng: random.Random, *, by: Actor, counts: Counts):
    from plenary.treaties.domain import record_group_members, record_treaty, record_treaty_events
    from plenary.treaties.models import GroupMembership, State

    first_year = LAST_YEAR - plan.years + 1
    opened_year = min(LAST_YEAR - EVENT_YEARS + 1, first_year - 2)
    opened = dt.date(opened_year, 4, 10)
    in_force = dt.date(opened_year + 1, 3, 26)
    treaty = record_treaty(
        CODE,
        names=NAMES,
        short_names=SHORT_NAMES,
        opened_for_signature=opened,
        entry_into_force=in_force,
        profile=synthetic_profile(first_year),
        by=by,
    )
    members = [
        (code, group, None, None)
        for code, group in GroupMembership.objects.filter(group__scheme="BWC", valid_to__isnull=True)
        .order_by("state__code")
        .values_list("state__code", "group__code")
    ]
    counts.add("group memberships", record_group_members(treaty, members, by=by))
    states = list(State.objects.order_by("code"))
    events = _treaty_events(rng, states, opened, dt.date(LAST_YEAR, 12, 31))
    counts.add("treaty events", record_treaty_events(treaty, events, by=by))
    return treaty, events


# --- the meetings ------------------------------------------------------------------------------------


@dataclass
class Slot:
    kind: str
    year: int
    number: int | None
    start: dt.date
    end: dt.date


def _weekday_on_or_after(day: dt.date, weekday: int = 0) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _end_after(start: dt.date, days: int) -> dt.date:
    day, left = start, days - 1
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def schedule(years: int) -> list[Slot]:
    """The meetings of the synthetic years, in order of opening."""
    first = LAST_YEAR - years + 1
    slots: list[Slot] = []
    revcon = wg = 0
    for i, year in enumerate(range(first, LAST_YEAR + 1)):

        def at(
            kind: str, month: int, day: int, days: int, number: int | None = None, _year: int = year
        ) -> None:
            start = _weekday_on_or_after(dt.date(_year, month, day))
            slots.append(Slot(kind, _year, number, start, _end_after(start, days)))

        if (LAST_YEAR - year) % 5 == 0:
            revcon += 1
            at("PREPCOM", 4, 1, 5, revcon)
            at("REVCON", 11, 1, 15, revcon)
        elif i < years // 2:
            # Back to back: MX.1 Monday-Tuesday, MX.2 Wednesday-Thursday, MX.3 Friday, MX.4 the
            # next Monday-Tuesday, MX.5 Wednesday.
            day = _weekday_on_or_after(dt.date(year, 8, 1))
            for n, (offset, days) in enumerate(((0, 2), (2, 2), (4, 1), (7, 2), (9, 1)), start=1):
                start = day + dt.timedelta(days=offset)
                slots.append(Slot("MX", year, n, start, _end_after(start, days)))
            at("MSP", 12, 1, 3)
        else:
            for month in (5, 8):
                wg += 1
                at("WG", month, 1, 5, wg)
            at("MSP", 12, 1, 3)
        if i == years // 3:
            at("SPECIAL", 9, 15, 10)
        if i == (2 * years) // 3:
            at("CONSULT", 6, 15, 5)
    return sorted(slots, key=lambda s: (s.start, s.kind))


def _shares(total: int, weights: list[int], rng: random.Random) -> list[int]:
    """`total` split by `weights`, the remainder to draws: the shares add up to `total`."""
    whole = sum(weights) or 1
    shares = [total * w // whole for w in weights]
    for _ in range(total - sum(shares)):
        shares[rng.randrange(len(shares))] += 1
    return shares


def _person(rng: random.Random, serial: int, role: str) -> dict[str, str]:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    return {
        "honorific": rng.choice(HONORIFICS),
        "given_names": given,
        "family_name": family,
        "function": rng.choice(FUNCTIONS),
        "email": f"synth.{serial}@example.org",
        "role": role,
    }


class Synthesizer:
    def __init__(self, plan: Plan, *, by: Actor, progress: Progress) -> None:
        self.plan = plan
        self.by = by
        self.progress = progress
        self.rng = random.Random(plan.seed)
        self.counts = Counts()
        for what in ("meetings", "delegations", "participants", "documents", "statements", "decisions"):
            self.counts.add(what, 0)
        self.strings = Strings.read()
        self.people = 0

    def run(self) -> dict[str, int]:
        from plenary.participation.models import Organization
        from plenary.treaties.models import Group, GroupMembership, State

        self.progress("treaty, groups and treaty events", 0, 1)
        with transaction.atomic():
            self.treaty, events = create_treaty(self.plan, self.rng, by=self.by, counts=self.counts)
        self.progress("treaty, groups and treaty events", 1, 1)
        self.events = [(code, kind, date) for code, kind, date, _ in events]
        self.states = {s.code: s for s in State.objects.order_by("code")}
        self.groups = {g.code: g for g in Group.objects.filter(scheme=CODE)}
        self.group_of = dict(
            GroupMembership.objects.filter(group__scheme=CODE).values_list("state__code", "group__code")
        )
        self.organizations = list(
            Organization.objects.filter(parent__isnull=True)
            .exclude(kind=Organization.Kind.UN_BODY)
            .order_by("code")
        )
        slots = schedule(self.plan.years)
        weights = [WEIGHT[s.kind] for s in slots]
        documents = _shares(self.plan.documents, weights, self.rng)
        people = _shares(self.plan.participants, weights, self.rng)
        for i, slot in enumerate(slots):
            self.progress("meetings", i, len(slots))
            with transaction.atomic():
                self.meeting(slot, documents[i], people[i])
        self.progress("meetings", len(slots), len(slots))
        return dict(sorted(self.counts.rows.items()))

    # -- one meeting ------------------------------------------------------------------------

    def meeting(self, slot: Slot, n_documents: int, n_people: int) -> None:
        from plenary.meetings.domain import save_agenda_item, save_meeting, seat_officers
        from plenary.meetings.models import Meeting
        from plenary.treaties.profile import meeting_kinds

        kind = meeting_kinds(self.treaty.profile)[slot.kind]
        series = kind.format_series(year=slot.year, number=slot.number)
        meeting, _ = save_meeting(
            self.treaty,
            series,
            by=self.by,
            must_be_new=True,
            kind=slot.kind,
            number=slot.number,
            year=slot.year,
            start=slot.start,
            end=slot.end,
            venue=self.strings.venue,
            venues=self.strings.venues,
            status=Meeting.Status.HELD,
            note=f"Synthetic: generated by plenary synth (seed {self.plan.seed}); not a record of any real meeting.",
        )
        self.counts.add("meetings")
        status = self._status_on(slot.start)
        parties = [c for c, s in status.items() if s == "state_party"]
        officers = self._officers(slot, parties)
        seat_officers(meeting, officers, by=self.by)
        self.counts.add("officers", len(officers))
        items = []
        for number, title in enumerate(self.strings.agenda, start=1):
            item, _ = save_agenda_item(meeting, number, title, by=self.by)
            items.append(item)
        self.counts.add("agenda items", len(items))
        delegations = self._delegations(meeting, status, n_people)
        if delegations and n_documents >= 4:
            from plenary.participation.domain import record_participants_list

            # The provisional and final lists of participants, MISC.1 and INF.1.
            for list_kind in ("MISC", "INF"):
                record_participants_list(meeting, kind=list_kind, lang="en", by=self.by, on=meeting.end)
            self.counts.add("documents", 2)
            n_documents -= 2
        self._documents(meeting, items, delegations, n_documents)
        self._statements(meeting, items, delegations)
        self._decisions(meeting, items)

    def _status_on(self, day: dt.date) -> dict[str, str]:
        from plenary.treaties.status import status_on

        result = status_on(self.states, self.events, day, entry_into_force=self.treaty.entry_into_force)
        return {code: result.status_of(code) for code in self.states}

    def _officers(self, slot: Slot, parties: list[str]) -> list[dict[str, Any]]:
        rng = self.rng
        groups = list(self.groups)
        rng.shuffle(groups)
        officers = []
        for group in groups[:3]:
            pool = [c for c in parties if self.group_of.get(c) == group] or [
                c for c in self.states if self.group_of.get(c) == group
            ]
            if not pool:
                continue
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            role = ("president" if slot.kind == "REVCON" else "chair") if not officers else "vice_chair"
            officers.append(
                {
                    "role": role,
                    "name": f"{given} {family}",
                    "state": rng.choice(pool),
                    "title": "Ambassador",
                    "honorific": rng.choice(("Mr", "Ms")),
                    "source": "synthetic (plenary synth)",
                }
            )
        return officers

    def _delegations(self, meeting, status: dict[str, str], n_people: int) -> list[Any]:
        from plenary.participation.domain import register_delegation
        from plenary.participation.models import Delegation

        rng = self.rng
        codes = [c for c, s in status.items() if s in ("state_party", "signatory")]
        if not meeting.closed:
            codes += [c for c, s in status.items() if s == "neither" and rng.random() < 0.1]
        rng.shuffle(codes)
        parties: list[Any] = [self.states[c] for c in codes]
        if not meeting.closed:
            parties += rng.sample(self.organizations, min(len(self.organizations), rng.randint(2, 12)))
        made = []
        left = n_people
        for position, who in enumerate(parties):
            if left <= 0:
                break
            size = min(left, rng.choice((1, 2, 3, 3, 4, 5, 6, 8)))
            left -= size
            members = []
            for j in range(size):
                self.people += 1
                members.append(
                    _person(
                        rng,
                        self.people,
                        "head" if j == 0 else rng.choice(("member", "adviser", "expert", "alternate")),
                    )
                )
            state = who if hasattr(who, "m49") else None
            organization = None if state is not None else who
            delegation = register_delegation(
                meeting,
                by=self.by,
                state=state,
                organization=organization,
                status=Delegation.Status.REGISTERED,
                members=members,
                position=position,
            )
            made.append(delegation)
            self.counts.add("participants", size)
        self.counts.add("delegations", len(made))
        return made

    def _documents(self, meeting, items, delegations, n: int) -> None:
        from plenary.documents import numbering
        from plenary.documents.domain import record_documents_bulk

        rng = self.rng
        strings = self.strings.titles
        states = [d.state for d in delegations if d.state is not None]
        orgs = [d.organization for d in delegations if d.organization is not None]
        six = [{"lang": lang} for lang in UN_LANGUAGES]
        entries: list[dict[str, Any]] = []
        first_day = meeting.start - dt.timedelta(days=60)

        def entry(title, **values) -> dict[str, Any]:
            return {
                "title": title,
                "versions": six,
                "issued_on": _date_in(rng, first_day, meeting.end),
                "position": len(entries),
                **values,
            }

        fixed = [("agenda", 1), ("programme", 2)][: min(2, n)]
        for key, number in fixed:
            entries.append(
                entry(
                    strings[key][0],
                    symbol=numbering.claim_symbol(meeting, f"{meeting.series}/{number}"),
                    secretariat=True,
                    agenda_item=items[2 + number - 1],
                )
            )
        left = n - len(fixed)
        plan = {"": 0, "WP": 0, "CRP": 0, "INF": 0}
        for _ in range(left):
            plan[rng.choices(("", "WP", "CRP", "INF"), weights=(1, 6, 1, 1))[0]] += 1
        for doc_type, count in plan.items():
            symbols = numbering.next_document_symbols(meeting, doc_type, count)
            for symbol in symbols:
                if doc_type == "WP" and (states or orgs):
                    submitters = rng.sample(
                        states, min(len(states), rng.choice((1, 1, 1, 2, 3)))
                    ) or rng.sample(orgs, 1)
                    pool = [s for s in states if s not in submitters]
                    co = rng.sample(pool, min(len(pool), rng.choice((0, 0, 0, 2, 5, 12))))
                    group = (
                        self.groups.get(self.group_of.get(submitters[0].code, ""))
                        if rng.random() < 0.1
                        else None
                    )
                    entries.append(
                        entry(
                            rng.choice(strings["WP"]),
                            symbol=symbol,
                            submitters=submitters,
                            co_sponsors=co,
                            on_behalf_of=group,
                            original_language=rng.choices(UN_LANGUAGES, weights=(1, 1, 12, 3, 2, 3))[0],
                            agenda_item=rng.choice(items[4:9]),
                        )
                    )
                elif doc_type == "WP":
                    entries.append(entry(rng.choice(strings["WP"]), symbol=symbol, secretariat=True))
                elif doc_type == "CRP":
                    entries.append(
                        entry(
                            rng.choice(strings["CRP"]),
                            symbol=symbol,
                            secretariat=True,
                            versions=[{"lang": "en"}],
                        )
                    )
                elif doc_type == "INF":
                    entries.append(
                        entry(
                            rng.choice(strings[""]),
                            symbol=symbol,
                            secretariat=True,
                            versions=[{"lang": "en"}],
                        )
                    )
                else:
                    entries.append(entry(rng.choice(strings[""]), symbol=symbol, secretariat=True))
        for start in range(0, len(entries), 2000):
            self.counts.add(
                "documents", record_documents_bulk(meeting, entries[start : start + 2000], by=self.by)
            )
        self.counts.add("language versions", sum(len(e["versions"]) for e in entries))
        self.counts.add(
            "sponsorships",
            sum(
                len(e.get("submitters", ())) + len(e.get("co_sponsors", ())) + bool(e.get("secretariat"))
                for e in entries
            ),
        )

    def _statements(self, meeting, items, delegations) -> None:
        from plenary.participation.models import Category
        from plenary.proceedings.domain import record_statement

        rng = self.rng
        made = 0
        for delegation in delegations:
            if delegation.category == Category.NGO:
                kind = "ngo"
            elif delegation.organization_id is not None:
                kind = "observer"
            else:
                kind = "state"
            values = (
                {"state": delegation.state} if kind == "state" else {"organization": delegation.organization}
            )
            for item in [items[4]] + ([rng.choice(items[5:9])] if rng.random() < 0.3 else []):
                record_statement(meeting, by=self.by, kind=kind, agenda_item=item, **values)
                made += 1
        self.counts.add("statements", made)

    def _decisions(self, meeting, items) -> None:
        from plenary.proceedings.domain import record_decision

        for (key, text), item in zip(self.strings.decisions.items(), (items[2], items[3]), strict=False):
            wording = {lang: value.replace("BWC/MSP/2017", meeting.series) for lang, value in text.items()}
            record_decision(
                meeting, key=key, text=wording, adopted_on=meeting.start, agenda_item=item, by=self.by
            )
            self.counts.add("decisions")


def synthesize(
    plan: Plan, *, by: Actor, progress: Progress | None = None, say: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Fill an empty database with the synthetic history of `plan` (see the module's docstring).

    Guarantees: NotEmpty, and nothing written, when the database holds any meeting, document,
    delegation, participant, statement or decision, or the synthetic treaty; the same plan gives
    the same rows. Returns the counts of what it wrote."""
    from plenary.search.index import rebuild_index
    from plenary.setup import ensure_database

    held = records_held()
    if held:
        raise NotEmpty(
            f"the database already holds {', '.join(held)}: plenary synth writes into an empty database only "
            "(point DATABASE_URL at a new one)"
        )
    ensure_database(by=by, say=say)
    # The reference data's entries (the States): loading it does not index it, and from here on
    # the index follows each meeting's commit.
    rebuild_index()
    return Synthesizer(plan, by=by, progress=progress or (lambda task, done, total: None)).run()
