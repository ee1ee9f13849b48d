"""The meeting record format: one YAML (or JSON) document holding every fact of one meeting.

`plenary record schema` prints this JSON Schema; the README describes the format. Codes refer to
the reference data: States by ISO 3166-1 alpha-3, organizations by their Plenary code, groups by
their code in the treaty's profile.

Every string and number is bounded by the column it is stored in (a symbol by the 100 characters
of Document.symbol, a count by the range of a positive database integer), so that a record that
keeps the schema is stored alike on SQLite (which would keep a longer string) and on PostgreSQL
(which would refuse it).

An exported record is *sealed*: its second key is `sealed: true` and its last key is the trailer
`end`, with the number of entries of each part (`counts`) and the SHA-256 of the canonical JSON of
everything before the trailer (`sha256`, see `plenary.records.seal`). A file that says it is
sealed and has no trailer, or whose trailer does not match, was cut short or changed.
"""

from __future__ import annotations

from typing import Any

FORMAT = "plenary/meeting-record@1"
LANGS = ["ar", "zh", "en", "fr", "ru", "es"]
# The parts of a record that the trailer counts (the report counts 1 when there is one).
COUNTED = [
    "officers",
    "secretariat",
    "agenda",
    "sittings",
    "delegations",
    "attendance_tallies",
    "documents",
    "statements",
    "decisions",
    "reservations",
    "report",
]
# The ranges of the database's positive integer columns (PositiveSmallIntegerField and
# PositiveIntegerField hold these on SQLite and PostgreSQL alike).
SMALL = 32767
INTEGER = 2147483647
# A text in one language: a report paragraph or a decision is long, but not this long.
MAX_TEXT = 100_000

DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
ALPHA3 = {"type": "string", "pattern": "^[A-Z]{3}$"}
CODE = {"type": "string", "minLength": 1, "maxLength": 40, "description": "an organization's code"}
GROUP = {"type": "string", "minLength": 1, "maxLength": 20, "description": "a group's or treaty's code"}
TEXT = {
    "type": "object",
    "description": "a text per UN language",
    "propertyNames": {"enum": LANGS},
    "additionalProperties": {"type": "string", "maxLength": MAX_TEXT},
}
TEXT_LIST = {
    "type": "object",
    "propertyNames": {"enum": LANGS},
    "additionalProperties": {
        "type": "array",
        "maxItems": 100,
        "items": {"type": "string", "maxLength": MAX_TEXT},
    },
}


def _string(max_length: int, min_length: int = 0) -> dict[str, Any]:
    return {"type": "string", "minLength": min_length, "maxLength": max_length}


def _integer(minimum: int, maximum: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": minimum, "maximum": maximum}


def _list(items: dict[str, Any], max_items: int, description: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "maxItems": max_items, "items": items}
    if description:
        out["description"] = description
    return out


def _obj(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required or [],
        "additionalProperties": False,
    }


PERSON = {
    "name": _string(200, 1),
    "honorific": {"enum": ["Mr", "Ms", ""]},
    "names": TEXT,
    "functions": TEXT,
}
# How a member of a delegation is addressed (the older spellings without full stops too).
SALUTATIONS = ["", "Mr.", "Ms.", "Dr.", "Prof.", "H.E. Mr.", "H.E. Ms.", "H.E. Dr.", "Mr", "Ms"]
CATEGORY = {"enum": ["state_party", "signatory", "observer_state", "un", "io", "ngo"]}
# How many entries a part may hold: more than any meeting has (a Review Conference: some 200
# delegations, a few hundred documents and statements), within the database's position columns.
LIMITS = {
    "officers": 20,
    "secretariat": 100,
    "agenda": 1000,
    "sittings": 1000,
    "delegations": 2000,
    "attendance_tallies": 6,
    "documents": 20000,
    "statements": 20000,
    "decisions": 5000,
    "reservations": 5000,
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://plenary.invalid/schemas/meeting-record-1.json",
    "title": "Plenary meeting record",
    "description": "Every fact of one meeting: the meeting, its officers and secretariat, agenda and "
    "programme of work, delegations, documents, statements, decisions, reservations and report. "
    "An exported record is sealed: `sealed: true` after `format`, and the trailer `end` last.",
    **_obj(
        {
            "format": {"const": FORMAT},
            "sealed": {
                "const": True,
                "description": "this record ends with the trailer `end`; without it, it was cut short",
            },
            "source": {"type": "string", "maxLength": MAX_TEXT, "description": "where the facts come from"},
            "meeting": _obj(
                {
                    "series": _string(60, 3),
                    "treaty": GROUP,
                    "kind": {"enum": ["REVCON", "PREPCOM", "MSP", "MX", "WG", "SPECIAL", "CONSULT"]},
                    "number": {"type": ["integer", "null"], "minimum": 1, "maximum": SMALL},
                    "year": _integer(1970, 2200),
                    "start": DATE,
                    "end": DATE,
                    "days": _integer(1, 366),
                    "venue": _string(200),
                    "venues": TEXT,
                    "status": {"enum": ["planned", "held", "postponed", "cancelled"]},
                    "closed": {"type": "boolean"},
                    "title": TEXT,
                    "topics": TEXT_LIST,
                },
                ["series", "treaty", "kind", "year", "start", "end"],
            ),
            "officers": _list(
                _obj(
                    {
                        **PERSON,
                        "role": {"enum": ["president", "chair", "vice_chair"]},
                        "state": ALPHA3,
                        "group": GROUP,
                        "title": _string(100),
                        "titles": TEXT,
                        "source": _string(300),
                    },
                    ["role", "name", "state"],
                ),
                LIMITS["officers"],
            ),
            "secretariat": _list(
                _obj({**PERSON, "role": {"enum": ["secretary", "deputy", "staff"]}}, ["role", "name"]),
                LIMITS["secretariat"],
            ),
            "agenda": _list(
                _obj({"number": _integer(1, SMALL), "title": TEXT}, ["number", "title"]), LIMITS["agenda"]
            ),
            "sittings": _list(
                _obj(
                    {
                        "dates": {"type": "array", "items": DATE, "minItems": 1, "maxItems": 366},
                        "items": _list(_integer(1, SMALL), 1000),
                        "subject": TEXT,
                    },
                    ["dates", "items"],
                ),
                LIMITS["sittings"],
                "which agenda items were taken up on which dates (the programme of work as held)",
            ),
            "delegations": _list(
                _obj(
                    {
                        "state": ALPHA3,
                        "organization": CODE,
                        "category": CATEGORY,
                        "status": {"enum": ["registered", "pending", "refused"]},
                        "review": {
                            "enum": ["received", "approved", "returned"],
                            "description": "the secretariat's check of the registration (absent: approved)",
                        },
                        "members": _list(
                            _obj(
                                {
                                    "name": _string(200, 1),
                                    "honorific": {"enum": SALUTATIONS},
                                    "family_name": _string(100),
                                    "given_names": _string(100),
                                    "function": _string(300),
                                    "role": {
                                        "enum": ["head", "deputy", "alternate", "member", "adviser", "expert"]
                                    },
                                },
                                ["name"],
                            ),
                            100,
                            "the people of the delegation (their e-mail addresses are not part of a record)",
                        ),
                    }
                ),
                LIMITS["delegations"],
            ),
            "attendance_tallies": _list(
                _obj(
                    {"category": CATEGORY, "count": _integer(1, INTEGER), "source": _string(300)},
                    ["category", "count"],
                ),
                LIMITS["attendance_tallies"],
                "attendance known only as a number",
            ),
            "documents": _list(
                _obj(
                    {
                        "symbol": _string(100, 3),
                        "title": TEXT,
                        "original_language": {"enum": LANGS},
                        "versions": _list(
                            _obj(
                                {"lang": {"enum": LANGS}, "kind": {"enum": ["official", "informal"]}},
                                ["lang"],
                            ),
                            len(LANGS),
                        ),
                        "submitters": _list(CODE, 300),
                        "co_sponsors": _list(CODE, 300),
                        "secretariat": {"type": "boolean"},
                        "on_behalf_of": GROUP,
                        "submitted_by_text": TEXT,
                        "agenda_item": _integer(1, SMALL),
                        "issued_on": DATE,
                        "status": {"enum": ["draft", "issued"]},
                    },
                    ["symbol", "title"],
                ),
                LIMITS["documents"],
            ),
            "statements": _list(
                _obj(
                    {
                        "kind": {"enum": ["state", "observer", "ngo_joint", "ngo"]},
                        "state": ALPHA3,
                        "organization": CODE,
                        "speaker": _string(200),
                        "agenda_item": _integer(1, SMALL),
                        "on_behalf_of_states": _list(ALPHA3, 300),
                        "on_behalf_of_organization": CODE,
                        "on_behalf_of_group": GROUP,
                        "on_behalf_of_text": TEXT,
                        "endorsed_by_ngos": _integer(0, INTEGER),
                        "endorsed_by_individuals": _integer(0, INTEGER),
                        "informal": {"type": "boolean"},
                    },
                    ["kind"],
                ),
                LIMITS["statements"],
                "the general debate, in the order heard",
            ),
            "decisions": _list(
                _obj(
                    {
                        "key": {"type": "string", "pattern": "^[a-z0-9_-]+$", "maxLength": 60},
                        "text": TEXT,
                        "adopted_on": DATE,
                        "method": {"enum": ["consensus", "without_vote", "vote"]},
                    },
                    ["key", "text"],
                ),
                LIMITS["decisions"],
            ),
            "reservations": _list(
                _obj({"applies_to": _string(60, 1), "state": ALPHA3, "text": TEXT}, ["applies_to", "text"]),
                LIMITS["reservations"],
            ),
            "report": _obj(
                {
                    "draft": _string(100, 3),
                    "final": _string(100, 3),
                    "status": {"enum": ["draft", "adopted", "issued"]},
                    "adopted_on": DATE,
                    "orally_amended": {"type": "boolean"},
                    "agenda_item": _integer(1, SMALL),
                    "job_number": _string(20),
                    "original_language": {"enum": LANGS},
                    "issued_on": DATE,
                    "texts": {"type": "object", "maxProperties": 1000, "additionalProperties": TEXT},
                }
            ),
            "end": {
                **_obj(
                    {
                        "counts": _obj({key: _integer(0, LIMITS.get(key, 1)) for key in COUNTED}, COUNTED),
                        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    },
                    ["counts", "sha256"],
                ),
                "description": "the trailer of a sealed record: the number of entries of each part, and "
                "the SHA-256 of the canonical JSON of every key before it (sorted keys, no spaces, UTF-8)",
            },
        },
        ["format", "meeting"],
    ),
}
