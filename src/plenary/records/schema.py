"""The meeting record format: one YAML (or JSON) document holding every fact of one meeting.

`plenary record schema` prints this JSON Schema; the README describes the format. Codes refer to
the reference data: States by ISO 3166-1 alpha-3, organizations by their Plenary code, groups by
their code in the treaty's profile.
"""

from __future__ import annotations

from typing import Any

FORMAT = "plenary/meeting-record@1"
LANGS = ["ar", "zh", "en", "fr", "ru", "es"]

DATE = {"type": "string", "format": "date", "description": "YYYY-MM-DD"}
ALPHA3 = {"type": "string", "pattern": "^[A-Z]{3}$"}
CODE = {"type": "string", "minLength": 1, "maxLength": 40}
TEXT = {
    "type": "object",
    "description": "a text per UN language",
    "propertyNames": {"enum": LANGS},
    "additionalProperties": {"type": "string"},
}
TEXT_LIST = {
    "type": "object",
    "propertyNames": {"enum": LANGS},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _obj(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required or [],
        "additionalProperties": False,
    }


PERSON = {
    "name": {"type": "string", "minLength": 1},
    "honorific": {"enum": ["Mr", "Ms", ""]},
    "names": TEXT,
    "functions": TEXT,
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://plenary.invalid/schemas/meeting-record-1.json",
    "title": "Plenary meeting record",
    "description": "Every fact of one meeting: the meeting, its officers and secretariat, agenda and "
    "programme of work, delegations, documents, statements, decisions, reservations and report.",
    **_obj(
        {
            "format": {"const": FORMAT},
            "source": {"type": "string", "description": "where the facts come from"},
            "meeting": _obj(
                {
                    "series": {"type": "string", "minLength": 3},
                    "treaty": CODE,
                    "kind": {"enum": ["REVCON", "PREPCOM", "MSP", "MX"]},
                    "number": {"type": ["integer", "null"], "minimum": 1},
                    "year": {"type": "integer", "minimum": 1970, "maximum": 2200},
                    "start": DATE,
                    "end": DATE,
                    "days": {"type": "integer", "minimum": 1},
                    "venue": {"type": "string"},
                    "venues": TEXT,
                    "status": {"enum": ["planned", "held", "postponed", "cancelled"]},
                    "closed": {"type": "boolean"},
                    "title": TEXT,
                    "topics": TEXT_LIST,
                },
                ["series", "treaty", "kind", "year", "start", "end"],
            ),
            "officers": {
                "type": "array",
                "items": _obj(
                    {
                        **PERSON,
                        "role": {"enum": ["president", "chair", "vice_chair"]},
                        "state": ALPHA3,
                        "group": CODE,
                        "title": {"type": "string"},
                        "titles": TEXT,
                        "source": {"type": "string"},
                    },
                    ["role", "name", "state"],
                ),
            },
            "secretariat": {
                "type": "array",
                "items": _obj(
                    {**PERSON, "role": {"enum": ["secretary", "deputy", "staff"]}}, ["role", "name"]
                ),
            },
            "agenda": {
                "type": "array",
                "items": _obj(
                    {"number": {"type": "integer", "minimum": 1}, "title": TEXT}, ["number", "title"]
                ),
            },
            "sittings": {
                "type": "array",
                "description": "which agenda items were taken up on which dates (the programme of work as held)",
                "items": _obj(
                    {
                        "dates": {"type": "array", "items": DATE, "minItems": 1},
                        "items": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                        "subject": TEXT,
                    },
                    ["dates", "items"],
                ),
            },
            "delegations": {
                "type": "array",
                "items": _obj(
                    {
                        "state": ALPHA3,
                        "organization": CODE,
                        "category": {
                            "enum": ["state_party", "signatory", "observer_state", "un", "io", "ngo"]
                        },
                        "status": {"enum": ["registered", "pending", "refused"]},
                        "members": {
                            "type": "array",
                            "items": _obj(
                                {
                                    "name": {"type": "string", "minLength": 1},
                                    "honorific": {"enum": ["Mr", "Ms", ""]},
                                    "function": {"type": "string"},
                                    "role": {"enum": ["head", "deputy", "member", "adviser"]},
                                },
                                ["name"],
                            ),
                        },
                    }
                ),
            },
            "attendance_tallies": {
                "type": "array",
                "description": "attendance known only as a number",
                "items": _obj(
                    {
                        "category": {
                            "enum": ["state_party", "signatory", "observer_state", "un", "io", "ngo"]
                        },
                        "count": {"type": "integer", "minimum": 1},
                        "source": {"type": "string"},
                    },
                    ["category", "count"],
                ),
            },
            "documents": {
                "type": "array",
                "items": _obj(
                    {
                        "symbol": {"type": "string", "minLength": 3},
                        "title": TEXT,
                        "original_language": {"enum": LANGS},
                        "versions": {
                            "type": "array",
                            "items": _obj(
                                {"lang": {"enum": LANGS}, "kind": {"enum": ["official", "informal"]}},
                                ["lang"],
                            ),
                        },
                        "submitters": {"type": "array", "items": CODE},
                        "co_sponsors": {"type": "array", "items": CODE},
                        "secretariat": {"type": "boolean"},
                        "on_behalf_of": CODE,
                        "submitted_by_text": TEXT,
                        "agenda_item": {"type": "integer", "minimum": 1},
                        "issued_on": DATE,
                        "status": {"enum": ["draft", "issued"]},
                    },
                    ["symbol", "title"],
                ),
            },
            "statements": {
                "type": "array",
                "items": _obj(
                    {
                        "kind": {"enum": ["state", "observer", "ngo_joint", "ngo"]},
                        "state": ALPHA3,
                        "organization": CODE,
                        "speaker": {"type": "string"},
                        "agenda_item": {"type": "integer", "minimum": 1},
                        "on_behalf_of_states": {"type": "array", "items": ALPHA3},
                        "on_behalf_of_organization": CODE,
                        "on_behalf_of_group": CODE,
                        "on_behalf_of_text": TEXT,
                        "endorsed_by_ngos": {"type": "integer", "minimum": 0},
                        "endorsed_by_individuals": {"type": "integer", "minimum": 0},
                        "informal": {"type": "boolean"},
                    },
                    ["kind"],
                ),
            },
            "decisions": {
                "type": "array",
                "items": _obj(
                    {
                        "key": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
                        "text": TEXT,
                        "adopted_on": DATE,
                        "method": {"enum": ["consensus", "without_vote", "vote"]},
                    },
                    ["key", "text"],
                ),
            },
            "reservations": {
                "type": "array",
                "items": _obj(
                    {"applies_to": {"type": "string"}, "state": ALPHA3, "text": TEXT}, ["applies_to", "text"]
                ),
            },
            "report": _obj(
                {
                    "draft": {"type": "string"},
                    "final": {"type": "string"},
                    "status": {"enum": ["draft", "adopted", "issued"]},
                    "adopted_on": DATE,
                    "orally_amended": {"type": "boolean"},
                    "agenda_item": {"type": "integer", "minimum": 1},
                    "job_number": {"type": "string"},
                    "original_language": {"enum": LANGS},
                    "issued_on": DATE,
                    "texts": {"type": "object", "additionalProperties": TEXT},
                }
            ),
        },
        ["format", "meeting"],
    ),
}
