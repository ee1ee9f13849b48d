"""The forms of the Confidence-Building Measures (agreed at the Seventh Review Conference,
BWC/CONF.VII/7, annex; in use since 2012) and their rules. Pure: no database.

A State's yearly report is Form 0 (for each of nine measures: nothing to declare, nothing new to
declare with the year of the last declaration, or declared in the measure's form) and the forms
it declares in. The fields and rules follow ../shared/reference/treaty-databases.md, section 1.2
(wording of the 2011 forms; validation as in the UNOG eCBM prototype): where that reference
marks a wording unconfirmed, the label here is a faithful paraphrase, not the form's text.

Labels are marked for translation with `_` (extracted by makemessages, translated where shown).
The refusals (FormError) are DomainErrors: a template marked with `_` and its values, read in the
reader's language (the field's label too), English in `english()`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_noop as _  # marks a label; pages translate it when they show it

from plenary.core.errors import DomainError, fill, term

FIRST_YEAR = 1987  # the first exchange of CBMs


class Cell(str):
    """The label of a cell of Form E's grid, "(a) Legislation": the topic's letter and the
    column's label (marked with `_`), which a refusal shows translated ("(a) Législation")."""

    __slots__ = ("column", "topic")
    column: str
    topic: str

    def __new__(cls, topic: str, column: str) -> Cell:
        cell = super().__new__(cls, f"({topic}) {column}")
        cell.topic, cell.column = topic, column
        return cell

    def text(self, translate: bool) -> str:
        return f"({self.topic}) {fill(self.column, {}, translate=translate)}"


def _resolved(params: Mapping[str, object], translate: bool) -> dict[str, object]:
    return {k: v.text(translate) if isinstance(v, Cell) else v for k, v in params.items()}


class FormError(DomainError, ValueError):
    """What is wrong with a declaration or an entry, in words for the person who entered it: a
    template and its values (a field's label given as a term, or a Cell), read in the language
    active when it is read; `english()` English."""

    def english(self) -> str:
        return fill(self.template, _resolved(self.params, False), translate=False)

    def __str__(self) -> str:
        return fill(self.template, _resolved(self.params, True), translate=True)


def _label(field: Field) -> object:
    """A field's label as a value of a refusal: translated when the refusal is read."""
    return field.label if isinstance(field.label, Cell) else term(field.label)


# The nine rows of Form 0, in the form's order: code -> the measure's name.
MEASURES: dict[str, str] = {
    "A1": _("A, part 1: research centres and laboratories"),
    "A2i": _("A, part 2 (i): national biological defence research and development programmes"),
    "A2ii": _("A, part 2 (ii): description of the programmes"),
    "A2iii": _("A, part 2 (iii): facilities of the programmes"),
    "B": _("B: outbreaks of infectious diseases and similar occurrences caused by toxins"),
    "C": _("C: encouragement of publication of results and promotion of use of knowledge"),
    "E": _("E: declaration of legislation, regulations and other measures"),
    "F": _("F: declaration of past activities in offensive and/or defensive biological R&D programmes"),
    "G": _("G: declaration of vaccine production facilities"),
}

NOTHING = "nothing"  # nothing to declare
NOTHING_NEW = "nothing_new"  # nothing new to declare since the year given
DECLARED = "declared"  # declared in the measure's form
ANSWERS = (NOTHING, NOTHING_NEW, DECLARED)


@dataclass(frozen=True)
class Declaration:
    """One row of Form 0."""

    measure: str
    answer: str
    last_year: int | None = None


def check_declaration(row: Declaration, *, year_covered: int) -> Declaration:
    """A row of Form 0, checked: a known measure; one answer (the two boxes exclude each other by
    construction); "nothing new" takes the year of the last declaration and nothing else does; that
    year lies between 1987 and the year the report covers."""
    if row.measure not in MEASURES:
        raise FormError(_("Form 0 has no row %(row)s"), row=repr(row.measure))
    if row.answer not in ANSWERS:
        raise FormError(
            _("%(measure)s: the answer is one of %(answers)s, not %(answer)s"),
            measure=row.measure,
            answers=", ".join(ANSWERS),
            answer=repr(row.answer),
        )
    if row.answer == NOTHING_NEW:
        if row.last_year is None:
            raise FormError(
                _("%(measure)s: nothing new to declare needs the year of the last declaration"),
                measure=row.measure,
            )
        if isinstance(row.last_year, bool) or not isinstance(row.last_year, int):
            raise FormError(_("%(measure)s: the year of the last declaration is a year"), measure=row.measure)
        if not FIRST_YEAR <= row.last_year <= year_covered:
            raise FormError(
                _(
                    "%(measure)s: the year of the last declaration lies between %(first)s and %(last)s, not %(year)s"
                ),
                measure=row.measure,
                first=FIRST_YEAR,
                last=year_covered,
                year=row.last_year,
            )
    elif row.last_year is not None:
        raise FormError(
            _("%(measure)s: a year of last declaration goes only with nothing new to declare"),
            measure=row.measure,
        )
    return row


# --- the forms' fields ---------------------------------------------------------------------------

TEXT, LONG_TEXT, YES_NO, NUMBER, AREA, CHOICE = "text", "long_text", "yes_no", "number", "area", "choice"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    limit: int = 10_000


@dataclass(frozen=True)
class Form:
    code: str  # the form: A1i, A1ii, A2i, A2ii, A2iii, B, C, E, F, G
    measure: str  # its row in Form 0
    title: str
    fields: tuple[Field, ...]
    repeats: bool  # one entry per facility, programme or outbreak


E_TOPICS = {
    "a": _(
        "Development, production, stockpiling, acquisition or retention of microbial or other "
        "biological agents, or toxins, weapons, equipment and means of delivery specified in Article I"
    ),
    "b": _("Exports of micro-organisms and toxins"),
    "c": _("Imports of micro-organisms and toxins"),
    "d": _("Biosafety and biosecurity"),
}
E_COLUMNS = {
    "legislation": _("Legislation"),
    "regulations": _("Regulations"),
    "other": _("Other measures"),
    "amended": _("Amended since last year"),
}

FORMS: dict[str, Form] = {
    f.code: f
    for f in (
        Form(
            "A1i",
            "A1",
            _("A, part 1 (i): research centres and laboratories with maximum containment (BL4) units"),
            (
                Field("name", _("Name(s) of facility"), required=True, limit=500),
                Field(
                    "organization", _("Responsible public or private organization or company"), required=True
                ),
                Field("location", _("Location and postal address"), required=True),
                Field(
                    "financing",
                    _(
                        "Source(s) of financing of the reported activity, including indication if "
                        "the activity is wholly or partly financed by the Ministry of Defence"
                    ),
                    LONG_TEXT,
                    required=True,
                ),
                Field("units", _("Number of maximum containment units"), NUMBER, required=True),
                Field("unit_area", _("Their respective size (m²)"), AREA),
                Field(
                    "scope",
                    _(
                        "Scope and general description of activities, including type(s) of "
                        "micro-organisms and/or toxins as appropriate"
                    ),
                    LONG_TEXT,
                    required=True,
                ),
            ),
            repeats=True,
        ),
        Form(
            "A1ii",
            "A1",
            _("A, part 1 (ii): the highest biosafety level, if no BL4 facility is declared"),
            (
                Field("level", _("Highest biosafety level implemented"), CHOICE, True, ("BSL3", "BSL2")),
                Field("information", _("Any additional relevant information as appropriate"), LONG_TEXT),
            ),
            repeats=False,
        ),
        Form(
            "A2i",
            "A2i",
            _("A, part 2 (i): national biological defence research and development programmes"),
            (
                Field(
                    "programmes",
                    _(
                        "Are there any national programmes to conduct biological defence research "
                        "and development within the territory of the State Party, under its "
                        "jurisdiction or control anywhere?"
                    ),
                    YES_NO,
                    required=True,
                ),
            ),
            repeats=False,
        ),
        Form(
            "A2ii",
            "A2ii",
            _("A, part 2 (ii): description of each programme"),
            (
                Field("name", _("Name of the programme"), required=True, limit=500),
                Field(
                    "objectives",
                    _("Objectives and funding of the programme, and summary of its principal activities"),
                    LONG_TEXT,
                    required=True,
                ),
                Field("funding", _("Total funding for the programme and its source"), required=True),
                Field(
                    "contracted", _("Are aspects of the programme conducted under contract?"), YES_NO, True
                ),
                Field("contracted_share", _("If yes, the proportion of the total funds"), TEXT),
                Field("contractors", _("Objectives and research areas of the contractors"), LONG_TEXT),
                Field("structure", _("Organizational structure and reporting relationships"), LONG_TEXT),
            ),
            repeats=True,
        ),
        Form(
            "A2iii",
            "A2iii",
            _("A, part 2 (iii): each facility of a programme"),
            (
                Field("programme", _("The programme (declared in A, part 2 (ii))"), required=True, limit=500),
                Field("name", _("Name of the facility"), required=True, limit=500),
                Field("location", _("Postal address and geographical location"), required=True),
                Field("area_bl2", _("Floor area of laboratory areas at BL2 (m²)"), AREA),
                Field("area_bl3", _("Floor area of laboratory areas at BL3 (m²)"), AREA),
                Field("area_bl4", _("Floor area of laboratory areas at BL4 (m²)"), AREA),
                Field("personnel", _("Total number of personnel"), NUMBER, required=True),
                Field("staff", _("Division of personnel (military, civilian; by profession)"), LONG_TEXT),
                Field("funding", _("Source(s) and levels of funding"), LONG_TEXT),
                Field(
                    "publication", _("Policy regarding publication, and publicly available papers"), LONG_TEXT
                ),
                Field(
                    "work",
                    _("Biological defence work: agents studied; outdoor aerosol studies"),
                    LONG_TEXT,
                    True,
                ),
            ),
            repeats=True,
        ),
        Form(
            "B",
            "B",
            _("B: an outbreak that seems to deviate from the normal pattern"),
            (
                Field("cognizance", _("Time of cognizance of the outbreak"), required=True),
                Field("location", _("Location and approximate area affected"), required=True),
                Field("disease", _("Type of disease/intoxication"), required=True),
                Field("source", _("Suspected source of disease/intoxication")),
                Field("agents", _("Possible causative agent(s)")),
                Field("characteristics", _("Main characteristics of systems"), LONG_TEXT),
                Field("symptoms", _("Detailed symptoms"), LONG_TEXT),
                Field("deviations", _("Deviation(s) from the normal pattern"), LONG_TEXT, required=True),
                Field("primary_cases", _("Approximate number of primary cases"), NUMBER),
                Field("total_cases", _("Approximate number of total cases"), NUMBER),
                Field("deaths", _("Number of deaths"), NUMBER),
                Field("development", _("Development of the outbreak"), LONG_TEXT),
                Field("measures", _("Measures taken"), LONG_TEXT),
            ),
            repeats=True,
        ),
        Form(
            "C",
            "C",
            _("C: encouragement of publication of results and promotion of use of knowledge"),
            (
                Field(
                    "policy", _("National policy and practice on publication"), LONG_TEXT, True, limit=10_000
                ),
            ),
            repeats=False,
        ),
        Form(
            "E",
            "E",
            _("E: declaration of legislation, regulations and other measures"),
            (
                *(
                    Field(f"{topic}_{column}", Cell(topic, E_COLUMNS[column]), YES_NO, required=True)
                    for topic in E_TOPICS
                    for column in E_COLUMNS
                ),
                Field("laws", _("The legislation, regulations and other measures"), LONG_TEXT),
            ),
            repeats=False,
        ),
        Form(
            "F",
            "F",
            _("F: declaration of past activities in offensive and/or defensive biological R&D programmes"),
            (
                Field(
                    "entry_into_force", _("Date of entry into force of the Convention for the State Party")
                ),
                Field("offensive", _("Past offensive biological R&D programmes"), YES_NO, required=True),
                Field("offensive_periods", _("Period(s) of activities")),
                Field("offensive_summary", _("Summary of the R&D activities"), LONG_TEXT),
                Field("defensive", _("Past defensive biological R&D programmes"), YES_NO, required=True),
                Field("defensive_periods", _("Period(s) of activities")),
                Field(
                    "defensive_summary",
                    _("Summary of the R&D activities, with location if possible"),
                    LONG_TEXT,
                ),
            ),
            repeats=False,
        ),
        Form(
            "G",
            "G",
            _("G: declaration of vaccine production facilities"),
            (
                Field("name", _("Name of facility"), required=True, limit=500),
                Field("location", _("Location (mailing address)"), required=True),
                Field("diseases", _("General description of the types of diseases covered"), LONG_TEXT, True),
            ),
            repeats=True,
        ),
    )
}

YES, NO = "yes", "no"


def _value(field: Field, raw: Any, where: str) -> Any:
    what = _label(field)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if field.required:
            raise FormError(_("%(where)s: %(what)s is required"), where=where, what=what)
        return None
    if field.kind in (TEXT, LONG_TEXT, CHOICE):
        if not isinstance(raw, str):
            raise FormError(_("%(where)s: %(what)s is a text"), where=where, what=what)
        text = raw.strip()
        if any(ord(c) < 32 and c not in "\n\t\r" for c in text):
            raise FormError(_("%(where)s: %(what)s holds control characters"), where=where, what=what)
        limit = field.limit if field.kind == LONG_TEXT else min(field.limit, 2000)
        if len(text) > limit:
            raise FormError(
                _("%(where)s: %(what)s is longer than %(limit)s characters"),
                where=where,
                what=what,
                limit=limit,
            )
        if field.kind == CHOICE and text not in field.choices:
            raise FormError(
                _("%(where)s: %(what)s is one of %(choices)s"),
                where=where,
                what=what,
                choices=", ".join(field.choices),
            )
        return text
    if field.kind == YES_NO:
        if raw not in (YES, NO):
            raise FormError(_("%(where)s: %(what)s is answered yes or no"), where=where, what=what)
        return raw
    # NUMBER and AREA: whole numbers (a count) or square metres, not negative.
    if isinstance(raw, bool):
        raise FormError(_("%(where)s: %(what)s is a number"), where=where, what=what)
    text = str(raw).strip()
    try:
        number = Decimal(text) if field.kind == AREA else Decimal(int(text))
    except (ValueError, InvalidOperation):
        raise FormError(
            _("%(where)s: %(what)s is a number, not %(value)s"), where=where, what=what, value=repr(text[:30])
        ) from None
    if not number.is_finite() or number < 0:
        raise FormError(_("%(where)s: %(what)s is a number, not negative"), where=where, what=what)
    return text


def check_entry(code: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """An entry of form `code`, checked field by field: the required fields given, texts within
    their limits and free of control characters, yes/no answers, counts and areas not negative,
    no field the form does not have; and the form's own rules (A1(ii): one level; E: the laws named
    when any cell is yes; A2(ii): the share of contracted funds only when contracted). Returns the
    cleaned values (absent fields left out)."""
    form = FORMS.get(code)
    if form is None:
        raise FormError(_("there is no CBM form %(form)s"), form=repr(code))
    where = form.code
    unknown = sorted(set(data) - {f.name for f in form.fields})
    if unknown:
        raise FormError(
            _("%(where)s: the form has no field %(fields)s"), where=where, fields=", ".join(unknown)
        )
    cleaned = {}
    for field in form.fields:
        value = _value(field, data.get(field.name), where)
        if value is not None:
            cleaned[field.name] = value
    if code == "E" and any(cleaned.get(f.name) == YES for f in form.fields if f.kind == YES_NO):
        if not cleaned.get("laws"):
            raise FormError(_("E: name the legislation, regulations and other measures answered yes"))
    if code == "A2ii" and cleaned.get("contracted") != YES and cleaned.get("contracted_share"):
        raise FormError(_("A2ii: the share of contracted funds goes only with aspects under contract"))
    return cleaned


# --- completeness ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Completeness:
    """How complete a report is: each of the nine measures answered (by Form 0, or by at least one
    complete entry of its form), and how."""

    answers: dict[str, str]  # measure -> "nothing", "nothing_new", "declared", or "missing"

    @property
    def answered(self) -> int:
        return sum(1 for a in self.answers.values() if a != "missing")

    @property
    def score(self) -> int:
        """Per cent of the nine measures answered."""
        return round(100 * self.answered / len(MEASURES))


def completeness(declarations: Sequence[Declaration], entries: Mapping[str, int]) -> Completeness:
    """The completeness of a report from its Form 0 rows and the number of entries of each form:
    a measure declared in Form 0 as declared counts only if its form has an entry (A1 by A1(i) or
    A1(ii)); one Form 0 says nothing to declare or nothing new counts as answered."""
    rows = {d.measure: d for d in declarations}
    answers = {}
    for measure in MEASURES:
        forms = [f.code for f in FORMS.values() if f.measure == measure]
        has_entries = any(entries.get(code, 0) > 0 for code in forms)
        row = rows.get(measure)
        if row is not None and row.answer in (NOTHING, NOTHING_NEW):
            answers[measure] = row.answer
        elif has_entries:
            answers[measure] = DECLARED
        else:
            answers[measure] = "missing"
    return Completeness(answers)
