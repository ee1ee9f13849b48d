"""Build a meeting's report from its records: records -> ReportDoc (the tree in `tree.py`).

The report of a Meeting of States Parties has the sections of BWC/MSP/2017/6. Paragraphs that
state facts (officers, secretariat, participation, the general debate, the adoption, the rotation
table, the list of documents) are written here from the records with the language's phrases
(`phrases/<lang>.yaml`); passages agreed as text (quoted decisions, conclusions) come from the
report's texts, with `{placeholders}` for the counts they contain. Paragraphs are numbered as
they are laid out.

A report drafted in the pages (reports.domain.draft_report) has no agreed texts: its paragraphs
are only those the records give (the officers, the agenda and other decisions, participation, the
general debate, the documents, the adoption) and those the secretariat wrote
(reports.models.ReportParagraph), in the structure of its kind: the procedural report of a
Meeting of States Parties (the seed's sections), the factual report of a Meeting of Experts
(BWC/MSP/2017/6 para. 19 (f)), the procedural part (Part I) of a Review Conference's Final
Document. A section with nothing to report is left out; sections and paragraphs are numbered as
they are laid out, so the numbering stays continuous.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from plenary.core.dates import un_date_range
from plenary.core.errors import DomainError, NotFound
from plenary.core.languages import FALLBACK_ORDER, pick_text, un_order
from plenary.documents import queries as document_queries
from plenary.documents.models import Document, LanguageVersion, Sponsorship
from plenary.documents.symbols import SymbolError, parse
from plenary.meetings.models import Meeting
from plenary.meetings.programme import ProgrammeRules
from plenary.participation.models import AttendanceTally, Category, Delegation
from plenary.proceedings.models import Statement
from plenary.reports import language as L
from plenary.reports.models import Report, ReportParagraph
from plenary.reports.tree import RTL_LANGUAGES, Annex, AnnexEntry, Footnote, Para, ReportDoc, Section, Table
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
# The parts of a report drafted from the records, by the kind of report (KIND_OF_MEETING). The
# MSP's "programme" (the intersessional programme agreed in 2017) is a part of the recorded report
# alone: its title and table come from the agreed texts.
REPORT_SECTIONS = {
    "MSP": ("introduction", "organization", "participation", "work", "finance", "documents", "closing"),
    "MX": ("introduction", "organization", "participation", "work", "outcomes", "documents", "closing"),
    "REVCON": ("introduction", "organization", "participation", "work", "documents", "closing"),
}
# The report each kind of meeting makes: a Meeting of States Parties its procedural report, a
# Meeting of Experts its factual report, a Review Conference the procedural part of its Final
# Document. Other kinds (a Working Group session, a consultative meeting ...) have no report
# builder yet.
KIND_OF_MEETING = {"MSP": "MSP", "MX": "MX", "REVCON": "REVCON"}
# Decisions that belong to the organization of the meeting (the seed's paras. 4-5), by their key.
PROCEDURAL_DECISIONS = ("agenda", "programme-of-work", "rules-of-procedure")


@cache
def phrases(lang: str) -> dict[str, Any]:
    path = PHRASES_DIR / f"{lang}.yaml"
    if not path.exists():
        raise DomainError(f"no report phrases for language {lang!r}")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def kind_phrases(lang: str, kind: str) -> dict[str, Any]:
    """The phrases of a kind of report: the Meeting of States Parties' own, with what a Meeting of
    Experts or a Review Conference words differently laid over them (`kinds` in the file)."""
    base = phrases(lang)
    over = base.get("kinds", {}).get(kind, {})
    merged = {**base, **over}
    merged["sections"] = {**base["sections"], **over.get("sections", {})}
    return merged


def report_kind(meeting: Meeting) -> str:
    """The kind of report a meeting makes (MSP, MX, REVCON), or DomainError when Plenary cannot
    build one for it yet."""
    kind = KIND_OF_MEETING.get(meeting.kind)
    if kind is None:
        raise DomainError(
            f"{meeting.series} is a {meeting.get_kind_display()}: Plenary builds the report of a Meeting of "
            "States Parties, a Meeting of Experts or a Review Conference, not yet of this kind of meeting"
        )
    return kind


def report_sections(report: Report) -> tuple[str, ...]:
    """The section keys of the report, in order: where a written paragraph may go."""
    if report.texts:
        return SECTION_KEYS
    return REPORT_SECTIONS[report_kind(report.meeting)]


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
        self.meeting = self.report.meeting
        # A recorded report (its agreed texts loaded from a meeting record) is laid out as the seed;
        # a report drafted in the pages is built from the records in the structure of its kind.
        self.recorded = bool(self.report.texts)
        self.kind = "MSP" if self.recorded else report_kind(self.meeting)
        self.p = kind_phrases(self.lang, self.kind)
        self.written_by_section: dict[str, list[ReportParagraph]] = {}
        for paragraph in ReportParagraph.objects.filter(report=self.report).order_by("section", "position"):
            self.written_by_section.setdefault(paragraph.section, []).append(paragraph)
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

    def venue_in(self, venue: str) -> str:
        """Where the meeting was held, as a sentence says it: "at the Palais des Nations, Geneva",
        "au Palais des Nations à Genève", "во Дворце Наций в Женеве", "在日内瓦万国宫".

        A meeting keeps its venue in each language as a label names the place; the preposition,
        and the case or article after it, differ by place and language ("in Geneva", "à Genève",
        "в Женеве"). The phrases give them for each place (`venue_in`); a room in brackets after
        the place is kept as written. A place the table lacks is refused by name, so that a report
        never puts a place in the wrong case or with the wrong preposition."""
        if not venue:
            raise DomainError(f"{self.meeting.series} has no venue in {self.lang}")
        forms = dict((self.p.get("venue_in") or {}).values())
        place = max(
            (p for p in forms if venue.startswith(p) and venue[len(p) :].lstrip()[:1] in ("", "(", "（")),
            key=len,
            default=None,
        )
        if place is None:
            raise DomainError(
                f"{self.meeting.series}: reports/phrases/{self.lang}.yaml does not say how a sentence "
                f"names the venue {venue!r} (venue_in): add it there"
            )
        return forms[place] + venue[len(place) :]

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
        parts = self.recorded_parts() if self.recorded else self.parts_from_records()
        # Sections are numbered as they are laid out: a section left out takes no number.
        sections = tuple(
            Section(self.p["section_numbers"][i], title, blocks) for i, (title, blocks) in enumerate(parts)
        )
        body = self.cover_lines()
        # The report's item is an item of the agenda, not a sub-item of the same number.
        item = (
            m.agenda.filter(parent=None, number=self.report.agenda_item).first()
            if self.report.agenda_item
            else None
        )
        if item is not None:
            body += [self.fmt("agenda_item", number=item.number), self.text(item.title)]
        issued = self.report.issued_on
        symbol = final.symbol if final else m.series
        if self.issued_as is not None:
            symbol, issued = self.issued_as.symbol, self.issued_as.issued_on
        annex = self.annex()
        return ReportDoc(
            lang=self.lang,
            symbol=symbol,
            distribution=self.p["distribution"],
            date=L.date(issued, self.lang) if issued else "",
            original=self.fmt("original", language=self.p["languages"][self.report.original_language]),
            job_number=self.report.job_number,
            body_lines=tuple(line for line in body if line),
            title=self.title(),
            sections=sections,
            footnotes=tuple(self.footnotes),
            annex=annex if (self.recorded or annex.entries) else None,
            treaty_short=m.treaty.code,
        )

    def recorded_parts(self) -> list[tuple[str, tuple[Para | Table, ...]]]:
        """The sections of a recorded report (BWC/MSP/2017/6): the seed's eight."""
        return [
            part
            for part in (
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
            )
            if part is not None
        ]

    def parts_from_records(self) -> list[tuple[str, tuple[Para | Table, ...]]]:
        """The sections of a report drafted from the records, in the structure of its kind. Each
        builder below runs when its section comes, so that the paragraphs are numbered in order."""
        builders = {
            "introduction": list,
            "organization": self.organization_from_records,
            "participation": self.participation,
            "work": self.work_from_records,
            "outcomes": list,
            "finance": list,
            "documents": self.documents_from_records,
            "closing": self.closing_from_records,
        }
        parts = []
        for key in REPORT_SECTIONS[self.kind]:
            part = self.section(key, builders[key]())
            if part is not None:
                parts.append(part)
        return parts

    def section(self, key: str, blocks: list[Para | Table]) -> tuple[str, tuple[Para | Table, ...]] | None:
        """A section's title and blocks: those built, then the paragraphs the secretariat wrote
        for it (numbered after them); None when there is nothing to report."""
        blocks = [b for b in blocks if b is not None]
        for paragraph in self.written_by_section.get(key, []):
            blocks.append(self.numbered(self.written(paragraph.text)))
        if not blocks:
            return None
        title = self.p["sections"][key]
        if key == "programme":
            years = self.programme_years()
            title = title.format(first=years[0], last=years[-1])
        return title, tuple(blocks)

    # --- the cover --------------------------------------------------------------------------
    def cover_lines(self) -> list[str]:
        texts = self.report.texts
        if self.recorded:
            return [self.text(texts.get("cover.meeting")), self.text(texts.get("cover.place_dates"))]
        m = self.meeting
        lines = [self.fmt("cover_meeting", treaty=self.treaty_name())]
        if self.kind == "MX":
            topic = m.topic_texts.get(self.lang)
            lines.append(self.fmt("cover_line_topic", topic=topic) if topic else self.p["cover_line"])
        if m.start and m.end:
            lines.append(un_date_range(m.start, m.end, self.lang))
        return lines

    def treaty_name(self) -> str:
        name = pick_text(self.meeting.treaty.names, self.lang)
        # Russian names the treaty in the genitive after "участников": "Конвенции о запрещении ...".
        if self.lang == "ru" and name.startswith("Конвенция"):
            name = "Конвенции" + name[len("Конвенция") :]
        return name

    def title(self) -> str:
        if self.recorded:
            return self.text(self.report.texts.get("title"))
        topic = self.meeting.topic_texts.get(self.lang)
        if self.kind == "MX" and topic:
            return self.fmt("report_title_topic", topic=topic)
        return self.p["report_title"]

    def meeting_name(self) -> str:
        """The meeting as the first sentence names it: "the 2026 Meeting of States Parties"."""
        topic = self.meeting.topic_texts.get(self.lang)
        if self.kind == "MX" and topic:
            return self.fmt("topic_meeting", topic=topic)
        return self.fmt("year_meeting", year=self.meeting.year)

    def capital(self, text: str) -> str:
        return text[:1].upper() + text[1:]

    # --- paragraphs written by the secretariat --------------------------------------------------
    def written(self, values: dict[str, str] | None) -> str:
        """A text the secretariat wrote, in this language; where it is not yet translated, its
        original language's text (the report's original language first), marked as such."""
        values = values or {}
        text = (values.get(self.lang) or "").strip()
        if text:
            return text
        for lang in (self.report.original_language, *FALLBACK_ORDER):
            source = (values.get(lang) or "").strip()
            if source:
                if (lang in RTL_LANGUAGES) != (self.lang in RTL_LANGUAGES):
                    # A mark of the text's own direction after it (LRM, RLM) keeps its final
                    # punctuation with it ("Convention." rather than ".Convention" in an Arabic
                    # paragraph). (WeasyPrint does not honour the isolates FSI ... PDI.)
                    source += "\u200f" if lang in RTL_LANGUAGES else "\u200e"
                return self.p["untranslated"] + source
        return self.p["untranslated"].strip()

    # --- built from the records ---------------------------------------------------------------
    def organization_from_records(self) -> list[Para | None]:
        return [
            self.held_and_chaired(),
            *self.decisions(procedural=True),
            self.secretariat_from_records(),
        ]

    def held_and_chaired(self) -> Para | None:
        m = self.meeting
        sentences = []
        if m.start and m.end:
            when = (
                self.fmt("on_day", date=L.date(m.start, self.lang))
                if m.start == m.end
                else self.fmt("during", dates=L.date_range(m.start, m.end, self.lang))
            )
            venue = m.venue_texts.get(self.lang)
            meeting = self.capital(self.meeting_name())
            if venue:
                sentences.append(self.fmt("held", meeting=meeting, venue=self.venue_in(venue), when=when))
            else:
                sentences.append(self.fmt("held_no_venue", meeting=meeting, when=when))
        officers = list(m.officers.select_related("state").order_by("role", "position"))
        chair = next((o for o in officers if o.role in ("chair", "president")), None)
        if chair is not None:
            vices = [o for o in officers if o.role == "vice_chair"]

            def styled(o) -> str:
                return self.person(o.names, o.name, o.functions, o.honorific, o.titles)

            key = (
                "chaired" if not vices else ("chaired_with_vice" if len(vices) == 1 else "chaired_with_vices")
            )
            text = self.fmt(
                key, chair=styled(chair), vice_chairs=L.join([styled(o) for o in vices], self.lang)
            )
            sentences.append(self.capital(text))
        if not sentences:
            return None
        return self.numbered(("" if self.lang == "zh" else " ").join(sentences))

    def secretariat_from_records(self) -> Para | None:
        if not self.meeting.secretariat.filter(role="secretary").exists():
            return None
        return self.secretariat()

    def decisions(self, *, procedural: bool) -> list[Para]:
        """The meeting's decisions as recorded, one paragraph each, in their order: those on the
        agenda, the programme of work and the rules of procedure in the organization of the
        meeting, the others in its work. A reservation on a decision is its footnote."""
        rows = self.meeting.decisions.order_by("position", "id")
        return [
            self.numbered(self.written(d.text), key=d.key)
            for d in rows
            if (d.key in PROCEDURAL_DECISIONS) == procedural
        ]

    def work_from_records(self) -> list[Para | None]:
        return [*self.general_debate(), self.replies(), *self.decisions(procedural=False)]

    def replies(self) -> Para | None:
        statements = (
            Statement.objects.filter(meeting=self.meeting, reply=True)
            .select_related("state", "organization")
            .order_by("position")
        )
        names = []
        for s in statements:
            name = (
                self.name(s.state.code)
                if s.state
                else (self.org_name(s.organization) if s.organization else s.speaker)
            )
            if name and name not in names:
                names.append(name)
        if not names:
            return None
        return self.numbered(self.fmt("replies", list=L.join(names, self.lang)))

    def documents_from_records(self) -> list[Para]:
        documents = Document.objects.filter(meeting=self.meeting)
        if not documents.exists():
            return []
        key = "documents_list_with_papers" if documents.filter(doc_type="WP").exists() else "documents_list"
        return [self.numbered(self.capital(self.fmt(key)))]

    def closing_from_records(self) -> list[Para]:
        if self.report.adopted_on is None:
            return []  # a draft: the meeting has not adopted it yet
        if self.report.final is None:
            r = self.report
            text = self.fmt(
                "adoption_pending",
                date=L.date(r.adopted_on, self.lang),
                method=self.p["adoption_methods"]["consensus"],
                draft=r.draft.symbol if r.draft else "",
                amended=self.p["orally_amended_end"] if r.orally_amended else "",
            )
            return [self.numbered(text)]
        return [self.adoption()]

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

        venue = self.venue_in(m.venue_texts.get(self.lang, ""))
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
            Delegation.objects.filter(
                meeting=self.meeting, status=Delegation.Status.REGISTERED, review=Delegation.Review.APPROVED
            )
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
        # Statements in exercise of the right of reply are not the general debate (see replies()).
        statements = [s for s in statements if not s.reply]
        by_state = [s for s in statements if s.kind == Statement.Kind.STATE and s.state_id]
        if not by_state:
            return []  # no general debate on record
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
        if programme is not None:
            text = self.fmt(
                "general_debate",
                programme=programme.symbol,
                count=len(by_state),  # statements, as the seed counts them (69: two States spoke twice)
                list=L.join(listed, self.lang),
            )
        else:
            text = self.capital(
                self.fmt("general_debate_no_programme", count=len(by_state), list=L.join(listed, self.lang))
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
        if not self.recorded:
            # As UN annexes list them: the official documents by number, then MISC, INF, CRP, WP...;
            # a corrigendum or revision after the document it changes. (A recorded report keeps the
            # order of its record.)
            documents = sorted(documents.select_related("parent"), key=_annex_order)
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
        """The entry's language note ("English only"): for a document issued in one language (its
        `only_in`, else its one official version), with its informal translation if it has one."""
        only = document_queries.only_in(d)
        if only is None:
            return None
        informal = [
            v.lang for v in d.versions.all() if v.kind == LanguageVersion.Kind.INFORMAL and v.lang != only
        ]
        names = self.p["language_short"]
        if informal:
            return self.fmt(
                "only_language_with_informal", language=names[only], informal=names[un_order(informal)[0]]
            )
        return self.fmt("only_language", language=names[only])


_TYPE_ORDER = {"": 0, "MISC": 1, "INF": 2, "CRP": 3, "WP": 4}


def _annex_order(d: Document) -> tuple:
    root = d.parent or d
    return (
        _TYPE_ORDER.get(root.doc_type, 9),
        root.doc_type,
        root.number or 0,
        root.symbol,
        d.parent_id is not None,
        d.symbol,
    )


def build_report(symbol_or_series: str, lang: str) -> ReportDoc:
    """The report of a meeting, in `lang`, from the records as they are now."""
    report = find_report(symbol_or_series)
    return _Builder(report, lang).build()


def build_report_of(report: Report, lang: str, *, issued_as: Document | None = None) -> ReportDoc:
    """The report, in `lang`, from the records as they are now; laid out under the symbol and date
    of `issued_as` when given (a revision of the report), else under its final (or draft) symbol."""
    return _Builder(report, lang, issued_as).build()
