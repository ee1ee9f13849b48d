"""Build a meeting's report from its records: records -> ReportDoc (the tree in `tree.py`).

The report of a Meeting of States Parties has the sections of BWC/MSP/2017/6. Paragraphs that
state facts (officers, secretariat, participation, the general debate, the adoption, the rotation
table, the list of documents) are written here from the records with the language's phrases
(`phrases/<lang>.yaml`); passages agreed as text (quoted decisions, conclusions) come from the
report's texts, with `{placeholders}` for the counts they contain. Paragraphs are numbered as
they are laid out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from plenary.core.errors import DomainError, NotFound
from plenary.core.languages import pick_text
from plenary.documents.models import Document, LanguageVersion, Sponsorship
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.models import Meeting
from plenary.meetings.programme import ProgrammeRules
from plenary.participation.models import AttendanceTally, Category, Delegation
from plenary.proceedings.models import Statement
from plenary.reports import language as L
from plenary.reports.models import Report
from plenary.reports.tree import Annex, AnnexEntry, Footnote, Para, ReportDoc, Section, Table
from plenary.treaties.models import Group, StateName
from plenary.treaties.queries import treaty_status

PHRASES_DIR = Path(__file__).resolve().parent / "phrases"
SECTION_KEYS = (
    "introduction",
    "organization",
    "participation",
    "work",
    "programme",
    "finance",
    "documents",
    "closing",
)


@cache
def phrases(lang: str) -> dict[str, Any]:
    path = PHRASES_DIR / f"{lang}.yaml"
    if not path.exists():
        raise DomainError(f"no report phrases for language {lang!r}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def find_report(symbol_or_series: str) -> Report:
    """The report named by its final or draft symbol, or by its meeting's series."""
    text = symbol_or_series.strip()
    try:
        normalized = parse(text).format()
    except SymbolError:
        normalized = text
    report = (
        Report.objects.select_related("meeting__treaty", "draft", "final")
        .filter(final__symbol=normalized)
        .first()
        or Report.objects.select_related("meeting__treaty", "draft", "final")
        .filter(draft__symbol=normalized)
        .first()
        or Report.objects.select_related("meeting__treaty", "draft", "final")
        .filter(meeting__series=text)
        .first()
    )
    if report is None:
        raise NotFound(f"no report is recorded under {symbol_or_series!r}")
    return report


@dataclass
class _Builder:
    report: Report
    lang: str
    # The document the report is laid out as, when not its final (or draft) symbol: a revision
    # issued from the records (BWC/MSP/2017/6/Rev.1) carries its own symbol and date.
    issued_as: Document | None = None
    p: dict[str, Any] = field(init=False)
    meeting: Meeting = field(init=False)
    footnotes: list[Footnote] = field(default_factory=list)
    number: int = 0

    def __post_init__(self) -> None:
        self.p = phrases(self.lang)
        self.meeting = self.report.meeting
        on = self.meeting.start or dt.date(self.meeting.year, 1, 1)
        self.on = on
        names = StateName.objects.on(on).values_list("state__code", "lang", "name")
        self._names: dict[tuple[str, str], str] = {(c, lg): n for c, lg, n in names}
        self.placeholders = self._placeholders()

    # --- helpers ---------------------------------------------------------------------------
    def name(self, code: str, lang: str | None = None) -> str:
        lang = lang or self.lang
        return self._names.get((code, lang)) or self._names.get((code, "en"), code)

    def text(self, values: dict[str, str] | None) -> str:
        return pick_text(values, self.lang)

    def fmt(self, key: str, **values: Any) -> str:
        return str(self.p[key]).format(meeting_short=self.p["meeting_short"], **values)

    def count(self, n: int, *, feminine: bool = False) -> str:
        return L.count(n, self.lang, feminine=feminine)

    def states(self, codes: list[str], *, ordered: bool = True) -> list[str]:
        codes = L.order_names(codes, self.lang, self.name) if ordered else codes
        return [self.name(c) for c in codes]

    def numbered(self, text: str, *, key: str | None = None) -> Para:
        self.number += 1
        refs = tuple(self._footnotes_for(key)) if key else ()
        return Para(text, "numbered", str(self.number), refs)

    def _footnotes_for(self, key: str) -> list[int]:
        refs = []
        for reservation in self.meeting.reservations.filter(applies_to=key).order_by("position"):
            number = len(self.footnotes) + 1
            self.footnotes.append(Footnote(number, self.text(reservation.text)))
            refs.append(number)
        return refs

    def agreed(self, key: str) -> str:
        """An agreed passage of the report, with its placeholders filled."""
        values = self.report.texts.get(key)
        if not values:
            raise DomainError(f"{self.meeting.series}: the report has no text {key!r}")
        return self.text(values).format_map(self.placeholders)

    def _placeholders(self) -> dict[str, str]:
        end = self.meeting.end or self.on
        status = treaty_status(self.meeting.treaty, end)
        return {"states_parties": str(len(status.states_parties)), "year": str(self.meeting.year)}

    # --- the document ----------------------------------------------------------------------
    def build(self) -> ReportDoc:
        m = self.meeting
        final = self.report.final or self.report.draft
        sections = [
            self.section(
                "introduction",
                [
                    self.numbered(self.agreed("1.intro")),
                    *self.quotes("1.quote"),
                    self.numbered(self.agreed("2")),
                ],
            ),
            self.section(
                "organization",
                [
                    self.officers(),
                    self.numbered(self.agreed("4")),
                    self.numbered(self.agreed("5")),
                    self.secretariat(),
                ],
            ),
            self.section("participation", self.participation()),
            self.section(
                "work",
                [
                    *self.general_debate(),
                    self.numbered(self.agreed("15")),
                    self.numbered(self.agreed("16")),
                    self.numbered(self.agreed("17"), key="17"),
                    self.numbered(self.agreed("18")),
                ],
            ),
            self.section("programme", self.programme()),
            self.section("finance", [self.numbered(self.agreed("20")), self.numbered(self.agreed("21"))]),
            self.section("documents", [self.numbered(self.agreed("22"))]),
            self.section("closing", [self.adoption()]),
        ]
        # The report's item is an item of the agenda, not a sub-item of the same number.
        item = (
            m.agenda.filter(parent=None, number=self.report.agenda_item).first()
            if self.report.agenda_item
            else None
        )
        body = [
            self.text(self.report.texts.get("cover.meeting")),
            self.text(self.report.texts.get("cover.place_dates")),
        ]
        if item is not None:
            body += [self.fmt("agenda_item", number=item.number), self.text(item.title)]
        issued = self.report.issued_on
        symbol = final.symbol if final else m.series
        if self.issued_as is not None:
            symbol, issued = self.issued_as.symbol, self.issued_as.issued_on
        return ReportDoc(
            lang=self.lang,
            symbol=symbol,
            distribution=self.p["distribution"],
            date=L.date(issued, self.lang) if issued else "",
            original=self.fmt("original", language=self.p["languages"][self.report.original_language]),
            job_number=self.report.job_number,
            body_lines=tuple(line for line in body if line),
            title=self.text(self.report.texts.get("title")),
            sections=tuple(sections),
            footnotes=tuple(self.footnotes),
            annex=self.annex(),
            treaty_short=m.treaty.code,
        )

    def section(self, key: str, blocks: list[Para | Table]) -> Section:
        index = SECTION_KEYS.index(key)
        title = self.p["sections"][key]
        if key == "programme":
            years = self.programme_years()
            title = title.format(first=years[0], last=years[-1])
        return Section(self.p["section_numbers"][index], title, tuple(blocks))

    def quotes(self, prefix: str) -> list[Para]:
        keys = sorted(
            (k for k in self.report.texts if k.startswith(prefix + ".")),
            key=lambda k: int(k.rsplit(".", 1)[1]),
        )
        return [Para(self.agreed(k), "quote", k.rsplit(".", 1)[1]) for k in keys]

    # --- II. organization ----------------------------------------------------------------
    def person(
        self, names: dict, name: str, functions: dict, honorific: str, titles: dict | None = None
    ) -> str:
        # A title only in the reader's language: "Ambassador" has no place in a Chinese sentence.
        title = (titles or {}).get(self.lang, "")
        function = self.text(functions)
        hon = self.p["honorifics"].get(honorific, "") if honorific else ""
        person_name = names.get(self.lang) or name
        if self.lang == "zh":
            return self.fmt("officer", function=function, name=person_name, title=title, honorific=hon)
        prefix = f"{title} " if title else hon
        if not function:
            return self.fmt("officer_no_function", title=prefix, name=person_name)
        return self.fmt("officer", title=prefix, name=person_name, function=function)

    def officers(self) -> Para:
        m = self.meeting
        officers = list(m.officers.select_related("state").order_by("role", "position"))
        chair = next(o for o in officers if o.role in ("chair", "president"))
        vices = [o for o in officers if o.role == "vice_chair"]

        def styled(o) -> str:
            return self.person(o.names, o.name, o.functions, o.honorific, o.titles)

        venue = self.text(m.venues) or m.venue
        text = self.fmt(
            "officers",
            basis=self.agreed("convened_by"),
            year_meeting=self.fmt("year_meeting", year=m.year),
            dates=L.date_range(m.start, m.end, self.lang),
            venue=venue,
            chair=styled(chair),
            vice_chairs=L.join([styled(o) for o in vices], self.lang),
        )
        return self.numbered(text[:1].upper() + text[1:])

    def secretariat(self) -> Para:
        members = list(self.meeting.secretariat.order_by("position"))

        def styled(s) -> str:
            return self.person(s.names, s.name, s.functions, s.honorific)

        secretary = [styled(s) for s in members if s.role == "secretary"]
        deputy = [styled(s) for s in members if s.role == "deputy"]
        staff = [styled(s) for s in members if s.role == "staff"]
        text = self.fmt("secretary", person=L.join(secretary, self.lang))
        if deputy and staff:
            text += ("" if self.lang == "zh" else " ") + self.fmt(
                "secretariat_rest",
                deputy=self.fmt("deputy", person=L.join(deputy, self.lang)),
                staff=self.fmt("staff", persons=L.join(staff, self.lang)),
            )
        return self.numbered(text)

    # --- III. participation --------------------------------------------------------------
    def participation(self) -> list[Para]:
        delegations = list(
            Delegation.objects.filter(meeting=self.meeting, status=Delegation.Status.REGISTERED)
            .select_related("state", "organization__parent")
            .order_by("position", "id")
        )
        tallies = {t.category: t.count for t in AttendanceTally.objects.filter(meeting=self.meeting)}
        by_category: dict[str, list[Delegation]] = {}
        for d in delegations:
            by_category.setdefault(d.category, []).append(d)
        paras = []
        parties = [d.state.code for d in by_category.get(Category.STATE_PARTY, [])]
        if parties:
            paras.append(
                self.numbered(
                    self.fmt(
                        "states_parties", count=len(parties), list=L.join(self.states(parties), self.lang)
                    )
                )
            )
        signatories = [d.state.code for d in by_category.get(Category.SIGNATORY, [])]
        if signatories:
            paras.append(
                self.numbered(
                    self.fmt(
                        "signatories",
                        count=self.count(len(signatories)),
                        list=L.join(self.states(signatories), self.lang),
                    )
                )
            )
        observers = [d.state.code for d in by_category.get(Category.OBSERVER_STATE, [])]
        if observers:
            paras.append(
                self.numbered(
                    self.fmt(
                        "observer_states",
                        count=self.count(len(observers)),
                        count_cap=L.count(len(observers), self.lang, capital=True),
                        list=L.join(self.states(observers), self.lang),
                    )
                )
            )
        un = by_category.get(Category.UN, [])
        if un:
            text = self.fmt("un", list=self.un_list(un))
            paras.append(self.numbered(text[:1].upper() + text[1:]))
        io = by_category.get(Category.IO, [])
        if io:
            listed = [self.org_with_short(d.organization) for d in io]
            text = self.fmt("io", list=L.join(listed, self.lang))
            paras.append(self.numbered(text[:1].upper() + text[1:]))
        ngos = len(by_category.get(Category.NGO, [])) + tallies.get(Category.NGO, 0)
        if ngos:
            paras.append(
                self.numbered(self.fmt("ngo", count=ngos, count_cap=L.count(ngos, self.lang, capital=True)))
            )
        inf = Document.objects.filter(meeting=self.meeting, doc_type="INF", number=1, parent=None).first()
        if inf is not None:
            paras.append(self.numbered(self.fmt("list_of_participants", symbol=inf.symbol)))
        return paras

    def org_name(self, org) -> str:
        name = self.text(org.names) or org.code
        # English running text names organizations with the article: "the World Health Organization".
        return f"the {name}" if self.lang == "en" and org.names.get("en") else name

    def org_short(self, org) -> str:
        return org.short_names.get(self.lang) or self.org_name(org)

    def org_with_short(self, org) -> str:
        # A short form only in the reader's language: another language's acronym would not help.
        name, short = self.org_name(org), org.short_names.get(self.lang)
        return self.fmt("org_with_short", name=name, short=short) if short and short != name else name

    def un_list(self, delegations: list[Delegation]) -> str:
        un = [d.organization for d in delegations if d.organization.kind == "un"]
        bodies = [d.organization for d in delegations if d.organization.kind != "un"]
        listed = [self.org_with_short(b) for b in bodies]
        if un and bodies:
            joined = L.join(listed, self.lang, last=self.p["un_bodies_last"])
            return self.fmt("un_with_bodies", un=self.org_name(un[0]), bodies=joined)
        return L.join([self.org_name(o) for o in un] + listed, self.lang)

    # --- IV. work ------------------------------------------------------------------------
    def general_debate(self) -> list[Para]:
        statements = list(
            Statement.objects.filter(meeting=self.meeting)
            .select_related("state", "organization", "on_behalf_of_organization", "on_behalf_of_group")
            .order_by("position")
        )
        by_state = [s for s in statements if s.kind == Statement.Kind.STATE]
        order = {
            c: i
            for i, c in enumerate(
                L.order_names(sorted({s.state.code for s in by_state}), self.lang, self.name)
            )
        }
        by_state.sort(
            key=lambda s: (
                order[s.state.code],
                bool(
                    s.on_behalf_of_states
                    or s.on_behalf_of_organization
                    or s.on_behalf_of_group
                    or s.on_behalf_of_text
                ),
                s.position,
            )
        )
        listed = [self.speaker(s) for s in by_state]
        programme = Document.objects.filter(meeting=self.meeting, symbol=f"{self.meeting.series}/2").first()
        text = self.fmt(
            "general_debate",
            programme=programme.symbol if programme else "",
            count=len(by_state),  # statements, as the seed counts them (69: two States spoke twice)
            list=L.join(listed, self.lang),
        )
        observers = [s for s in statements if s.kind == Statement.Kind.OBSERVER]
        if observers:
            sep = "" if self.lang == "zh" else " "
            text += sep + self.fmt(
                "observer_statements",
                count=self.count(len(observers)),
                count_cap=L.count(len(observers), self.lang, capital=True),
                list=L.join([self.org_short(s.organization) for s in observers], self.lang),
            )
        joint = next((s for s in statements if s.kind == Statement.Kind.NGO_JOINT), None)
        individual = [s for s in statements if s.kind == Statement.Kind.NGO]
        if joint is not None:
            sep = "" if self.lang == "zh" else " "
            text += sep + self.fmt(
                "ngo_statements",
                ngos=joint.endorsed_by_ngos or 0,
                individuals=joint.endorsed_by_individuals or 0,
                statements=len(individual),
            )
        return [self.numbered(text)]

    def speaker(self, s: Statement) -> str:
        name = self.name(s.state.code)
        note = self.text(s.on_behalf_of_text)
        if note:  # the record words the note itself ("on behalf of the Group of ...")
            return self.fmt("speaker_with_note", state=name, note=note)
        whom = ""
        if s.on_behalf_of_states:
            whom = L.join([self.name(c) for c in s.on_behalf_of_states], self.lang)
        if not whom and s.on_behalf_of_organization:
            whom = self.org_name(s.on_behalf_of_organization)
        if not whom and s.on_behalf_of_group:
            whom = self.text(s.on_behalf_of_group.names)
        return self.fmt("on_behalf_of", state=name, whom=whom) if whom else name

    # --- V. programme --------------------------------------------------------------------
    def programme_years(self) -> list[int]:
        texts = self.report.texts
        years = (
            texts.get("programme.years", {}).get("en")
            if isinstance(texts.get("programme.years"), dict)
            else None
        )
        if years:
            first, last = (int(y) for y in years.split("-"))
            return list(range(first, last + 1))
        return [self.meeting.year + 1, self.meeting.year + 3]

    def programme(self) -> list[Para | Table]:
        texts = self.report.texts
        blocks: list[Para | Table] = [self.numbered(self.agreed("19.intro"))]
        for letter in "abcdef":
            key = f"19({letter})"
            if key not in texts:
                continue
            blocks.append(Para(self.agreed(key), "sub", f"({letter})"))
            if letter == "d":
                blocks.append(self.rotation_table())
                if "19(d).after_table" in texts:
                    blocks.append(Para(self.agreed("19(d).after_table"), "plain"))
            if letter == "e":
                for k in range(1, 10):
                    title = f"19(e).MX{k}.title"
                    if title not in texts:
                        break
                    blocks.append(Para(self.agreed(title), "heading"))
                    n = 1
                    while f"19(e).MX{k}.bullet.{n}" in texts:
                        blocks.append(Para(self.agreed(f"19(e).MX{k}.bullet.{n}"), "bullet"))
                        n += 1
        return blocks

    def rotation_table(self) -> Table:
        rules = ProgrammeRules.from_profile(self.meeting.treaty.profile)
        years = self.programme_years()
        plan = rules.rotation.plan(years[0], years[-1])
        groups = {g.code: self.text(g.names) for g in Group.objects.filter(scheme=self.meeting.treaty.code)}
        codes = list(plan[0].chairs)
        header = tuple(self.p["rotation_header"][: len(codes) + 1])
        rows = tuple((str(row.year), *(groups[row.chairs[c]] for c in codes)) for row in plan)
        return Table(header, rows)

    # --- VIII. closing -------------------------------------------------------------------
    def adoption(self) -> Para:
        r = self.report
        if r.adopted_on is None:
            raise DomainError(f"{self.meeting.series}: the report is not adopted yet")
        text = self.fmt(
            "adoption",
            date=L.date(r.adopted_on, self.lang),
            method=self.p["adoption_methods"]["consensus"],
            draft=r.draft.symbol if r.draft else "",
            amended=self.p["orally_amended"] if r.orally_amended else "",
            final=r.final.symbol if r.final else "",
        )
        return self.numbered(text)

    # --- annex ---------------------------------------------------------------------------
    def annex(self) -> Annex:
        documents = (
            Document.objects.filter(meeting=self.meeting)
            .select_related("on_behalf_of")
            .prefetch_related("versions", "sponsorships__state", "sponsorships__organization")
            .order_by("position", "symbol")
        )
        entries = [AnnexEntry(d.symbol, self.document_title(d), self.availability(d)) for d in documents]
        return Annex(
            self.p["annex_label"], self.p["annex_title"], tuple(self.p["annex_columns"]), tuple(entries)
        )

    def document_title(self, d: Document) -> str:
        title = self.text(d.title)
        submitters = self.text(d.submitted_by_text) or self.submitters(d)
        return self.fmt("document_entry", title=title, submitters=submitters) if submitters else title

    def submitters(self, d: Document) -> str:
        sponsorships = [s for s in d.sponsorships.all() if not s.secretariat]

        def named(s: Sponsorship) -> str:
            return self.name(s.state.code) if s.state else self.org_name(s.organization)

        submitters = [named(s) for s in sponsorships if s.role == Sponsorship.Role.SUBMITTER]
        if not submitters:
            return ""
        if d.on_behalf_of is not None:
            text = self.fmt(
                "submitted_by_on_behalf",
                list=L.join(submitters, self.lang),
                group=self.text(d.on_behalf_of.names),
            )
        else:
            text = self.fmt("submitted_by", list=L.join(submitters, self.lang))
        co = [named(s) for s in sponsorships if s.role == Sponsorship.Role.CO_SPONSOR]
        if co:
            text = self.fmt("co_sponsored", submitted=text, list=L.join(co, self.lang))
        return text

    def availability(self, d: Document) -> str | None:
        versions = list(d.versions.all())
        official = [v.lang for v in versions if v.kind == LanguageVersion.Kind.OFFICIAL]
        informal = [v.lang for v in versions if v.kind == LanguageVersion.Kind.INFORMAL]
        if len(official) != 1:
            return None
        names = self.p["language_short"]
        if informal:
            return self.fmt(
                "only_language_with_informal", language=names[official[0]], informal=names[informal[0]]
            )
        return self.fmt("only_language", language=names[official[0]])


def build_report(symbol_or_series: str, lang: str) -> ReportDoc:
    """The report of a meeting, in `lang`, from the records as they are now."""
    report = find_report(symbol_or_series)
    return _Builder(report, lang).build()


def build_report_of(report: Report, lang: str, *, issued_as: Document | None = None) -> ReportDoc:
    """The report, in `lang`, from the records as they are now; laid out under the symbol and date
    of `issued_as` when given (a revision of the report), else under its final (or draft) symbol."""
    return _Builder(report, lang, issued_as).build()
