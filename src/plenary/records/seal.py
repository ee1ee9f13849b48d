"""The seal of an exported record: `sealed: true` at its head, the trailer `end` at its tail.

    format: plenary/meeting-record@1
    sealed: true
    meeting: ...
    ...
    end:
      counts: {officers: 3, secretariat: 3, agenda: 10, ..., report: 1}
      sha256: 5d41...      # of the canonical JSON of every key before `end`

The canonical JSON is `json.dumps(record, sort_keys=True, ensure_ascii=False,
separators=(",", ":"))` encoded as UTF-8, of the record without `end` (with `sealed`). A file
that begins sealed but lacks its trailer was cut short; one whose counts or checksum do not match
was cut or changed after export. The checksum guards against accidents, not against a person:
anyone can compute it, and what protects issued material is the domain's refusal to change it.
Pure: no database.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from plenary.records.schema import COUNTED


def canonical_json(record: dict[str, Any]) -> bytes:
    body = {k: v for k, v in record.items() if k != "end"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def counts(record: dict[str, Any]) -> dict[str, int]:
    """The number of entries of each counted part (the report: 1 or 0)."""
    out = {}
    for key in COUNTED:
        value = record.get(key)
        if key == "report":
            out[key] = 1 if value else 0
        else:
            out[key] = len(value) if isinstance(value, list) else 0
    return out


def seal(record: dict[str, Any]) -> dict[str, Any]:
    """The record sealed: `sealed: true` after `format`, and the trailer `end` last."""
    body = {k: v for k, v in record.items() if k not in ("sealed", "end")}
    sealed: dict[str, Any] = {}
    for key, value in body.items():
        sealed[key] = value
        if key == "format":
            sealed["sealed"] = True
    if "sealed" not in sealed:
        sealed = {"sealed": True, **sealed}
    sealed["end"] = {"counts": counts(sealed), "sha256": hashlib.sha256(canonical_json(sealed)).hexdigest()}
    return sealed


def is_sealed(record: Any) -> bool:
    return isinstance(record, dict) and ("sealed" in record or "end" in record)


def seal_problems(record: Any) -> list[str]:
    """Why a sealed record cannot be trusted to be whole (empty when it can, or is not sealed)."""
    if not is_sealed(record):
        return []
    if record.get("sealed") is not True:
        return ["sealed: a sealed record says `sealed: true` (and ends with its trailer `end`)"]
    end = record.get("end")
    if end is None:
        return ["the file was cut short: it says `sealed: true` but does not end with its trailer `end`"]
    if list(record)[-1] != "end":
        return ["end: the trailer must be the record's last key"]
    if (
        not isinstance(end, dict)
        or not isinstance(end.get("counts"), dict)
        or not isinstance(end.get("sha256"), str)
    ):
        return ["end: the trailer is incomplete (it needs counts and sha256): the file was cut short"]
    problems = []
    actual = counts(record)
    for key in COUNTED:
        expected = end["counts"].get(key)
        if expected != actual[key]:
            problems.append(
                f"end.counts.{key}: the trailer counts {expected} but the file holds {actual[key]}: "
                "the file was cut short or changed"
            )
    if problems:
        return problems
    digest = hashlib.sha256(canonical_json(record)).hexdigest()
    if digest != end["sha256"]:
        return [
            f"end.sha256: the checksum of the file is {digest[:12]}..., not {end['sha256'][:12]}... as its "
            "trailer says: it was changed after export. After editing an export by hand, seal it "
            "again (plenary record seal FILE), or remove `sealed` and `end` to load it as an addition"
        ]
    return []
