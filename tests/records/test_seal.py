"""The seal of an exported record: `sealed: true` first, the trailer `end` (counts, SHA-256) last."""

from __future__ import annotations

import copy
import hashlib
import json

from plenary.records.seal import canonical_json, counts, seal, seal_problems

RECORD = {
    "format": "plenary/meeting-record@1",
    "meeting": {"series": "BWC/MSP/2099", "treaty": "BWC", "kind": "MSP", "year": 2099},
    "agenda": [{"number": 1, "title": {"zh": "会议开幕"}}],
    "decisions": [{"key": "agenda", "text": {"en": "Adopted."}}],
}


def test_a_sealed_record_says_so_first_and_ends_with_its_counts_and_checksum():
    sealed = seal(RECORD)
    assert list(sealed) == ["format", "sealed", "meeting", "agenda", "decisions", "end"]
    body = {k: v for k, v in sealed.items() if k != "end"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert canonical_json(sealed) == text.encode("utf-8")
    assert sealed["end"] == {
        "counts": {
            "officers": 0,
            "secretariat": 0,
            "agenda": 1,
            "sittings": 0,
            "delegations": 0,
            "attendance_tallies": 0,
            "documents": 0,
            "statements": 0,
            "decisions": 1,
            "reservations": 0,
            "report": 0,
        },
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }
    assert seal_problems(sealed) == []
    assert seal(sealed) == sealed
    assert seal_problems(RECORD) == []  # not sealed: a hand-written record


def test_a_record_cut_short_or_changed_is_told_apart():
    sealed = seal(RECORD)
    cut = {k: v for k, v in sealed.items() if k != "end"}
    assert seal_problems(cut) == [
        "the file was cut short: it says `sealed: true` but does not end with its trailer `end`"
    ]
    fewer = copy.deepcopy(sealed)
    fewer["decisions"] = []
    assert seal_problems(fewer) == [
        "end.counts.decisions: the trailer counts 1 but the file holds 0: the file was cut short or changed"
    ]
    changed = copy.deepcopy(sealed)
    changed["agenda"][0]["title"]["zh"] = "开幕"
    digest = hashlib.sha256(canonical_json(changed)).hexdigest()
    assert seal_problems(changed) == [
        f"end.sha256: the checksum of the file is {digest[:12]}..., not {sealed['end']['sha256'][:12]}... "
        "as its trailer says: it was changed after export. After editing an export by hand, seal it again "
        "(plenary record seal FILE), or remove `sealed` and `end` to load it as an addition"
    ]
    half = copy.deepcopy(sealed)
    half["end"] = {"counts": half["end"]["counts"]}
    assert seal_problems(half) == [
        "end: the trailer is incomplete (it needs counts and sha256): the file was cut short"
    ]
    assert counts({"report": {"status": "draft"}})["report"] == 1
