"""GET /api/meetings, /api/meetings/{series}, its participants and its list of speakers."""

from __future__ import annotations

import pytest

from plenary.core.actor import Actor
from plenary.meetings.models import Meeting
from plenary.participation.domain import register_delegation
from tests.api.conftest import parties_on

MSP = "/api/meetings/BWC/MSP/2017"


def test_meetings_list_in_date_order(api):
    status, body = api("/api/meetings")
    assert status == 200
    assert body["count"] == 39 and body["limit"] == 100 and body["offset"] == 0
    assert [m["series"] for m in body["items"][:3]] == ["BWC/CONF.VIII", "BWC/MSP/2017", "BWC/MSP/2018/MX.1"]
    # The last dated one is the tenth Working Group session; the meetings planned with no dates
    # yet come after it.
    assert [m["series"] for m in body["items"][-4:]] == [
        "BWC/WG/10",
        "BWC/CONF.X",
        "BWC/CONF.X/PC",
        "BWC/MSP/2026",
    ]


def test_meetings_filters_and_pages(api):
    status, body = api("/api/meetings", year=2018, kind="MX")
    assert [m["series"] for m in body["items"]] == [f"BWC/MSP/2018/MX.{n}" for n in range(1, 6)]
    first = body["items"][0]
    assert first == {
        "series": "BWC/MSP/2018/MX.1",
        "url": "/api/meetings/BWC/MSP/2018/MX.1",
        "treaty": "BWC",
        "kind": "MX",
        "code": "MX1",
        "number": 1,
        "year": 2018,
        "title": {"text": "Meeting of Experts 1 (BWC/MSP/2018/MX.1)", "lang": "en", "fallback": False},
        "start": "2018-08-07",
        "end": "2018-08-08",
        "days": 2,
        "venue": {"text": "Palais des Nations, Geneva (Room XVII)", "lang": "en", "fallback": False},
        "status": "held",
        "closed": False,
    }
    _, page = api("/api/meetings", kind="MSP", limit=2, offset=1)
    assert page["count"] == 8
    assert [m["series"] for m in page["items"]] == ["BWC/MSP/2018", "BWC/MSP/2019"]
    _, none = api("/api/meetings", treaty="CWC")
    assert none["count"] == 0 and none["items"] == []


@pytest.mark.parametrize(
    "params, detail",
    [
        ({"lang": "de"}, "unknown language 'de': use one of ar, zh, en, fr, ru, es"),
        ({"year": "soon"}, "year: Input should be a valid integer, unable to parse string as an integer"),
        ({"limit": 0}, "limit must be at least 1"),
        ({"limit": 1001}, "limit must be at most 1000"),
        ({"year": 0}, "year must be at least 1"),
        ({"year": "99999999999999999999"}, "year must be at most 9999"),
    ],
)
def test_meetings_bad_parameters_are_400(api, params, detail):
    status, body = api("/api/meetings", **params)
    assert status == 400
    assert body["detail"] == detail


def test_meeting_in_chinese(api):
    status, body = api(MSP, lang="zh")
    assert status == 200
    assert body["title"]["text"].startswith("禁止发展、生产和储存细菌(生物)及毒素武器")
    assert body["title"]["fallback"] is False
    assert body["venue"] == {"text": "日内瓦万国宫", "lang": "zh", "fallback": False}
    assert [(o["role"], o["state"]["code"], o["group"]["code"]) for o in body["officers"]] == [
        ("chair", "IND", "NAM"),
        ("vice_chair", "DEU", "WG"),
        ("vice_chair", "SVK", "EEG"),
    ]
    assert body["officers"][0]["name"] == {"text": "阿曼迪·辛格·吉尔", "lang": "zh", "fallback": False}
    assert body["officers"][0]["state"]["name"] == {"text": "印度", "lang": "zh", "fallback": False}
    assert body["agenda"][0] == {"number": 1, "title": {"text": "会议开幕", "lang": "zh", "fallback": False}}
    assert body["sittings"][0] == {
        "dates": ["2017-12-04"],
        "items": [1, 2, 3, 4],
        "subject": {"text": "开幕例行程序", "lang": "zh", "fallback": False},
    }


def test_meeting_counts_documents_decisions_report(api):
    _, body = api(MSP)
    assert {
        c["category"]: (c["registered"], c["pending"], c["tallied"], c["total"])
        for c in body["participation"]
    } == {
        "state_party": (116, 0, 0, 116),
        "signatory": (2, 0, 0, 2),
        "observer_state": (2, 0, 0, 2),
        "un": (4, 0, 0, 4),
        "io": (9, 0, 0, 9),
        "ngo": (0, 0, 36, 36),
    }
    assert body["documents"] == {
        "count": 36,
        "by_type": {"CRP": 2, "INF": 1, "MISC": 1, "WP": 25, "official": 7},
        "url": "/api/documents?meeting=BWC/MSP/2017",
    }
    assert [d["key"] for d in body["decisions"]] == [
        "agenda",
        "programme-of-work",
        "rules-of-procedure",
        "intersessional-programme-2018-2020",
        "report",
    ]
    assert body["decisions"][0]["text"] == {
        "text": "The Meeting adopted its agenda (BWC/MSP/2017/1).",
        "lang": "en",
        "fallback": False,
    }
    assert body["report"] == {
        "status": "issued",
        "draft": "BWC/MSP/2017/CRP.2",
        "final": "BWC/MSP/2017/6",
        "adopted_on": "2017-12-08",
        "orally_amended": True,
    }
    assert body["participants_url"] == "/api/meetings/BWC/MSP/2017/participants"


def test_meeting_texts_fall_back_visibly(api):
    # The agenda is on record in the six languages; a Vice-Chair's name in English (and Chinese,
    # Russian and Arabic) only: French readers get it in English, marked.
    _, body = api(MSP, lang="fr")
    assert body["agenda"][0]["title"] == {"text": "Ouverture de la Réunion", "lang": "fr", "fallback": False}
    assert body["officers"][1]["name"] == {"text": "Michael Biontino", "lang": "en", "fallback": True}


def test_unknown_meeting_is_404_json(api):
    status, body = api("/api/meetings/BWC/MSP/2099")
    assert (status, body) == (404, {"detail": "no meeting BWC/MSP/2099"})
    status, body = api("/api/meetings/BWC/MSP/2099/participants")
    assert (status, body) == (404, {"detail": "no meeting BWC/MSP/2099"})


def test_participants_in_rule_44_order(api):
    status, body = api(f"{MSP}/participants", lang="fr", limit=200)
    assert status == 200
    assert body["meeting"] == "BWC/MSP/2017" and body["count"] == 133
    items = body["items"]
    assert [d["category"] for d in items] == (
        ["state_party"] * 116 + ["signatory"] * 2 + ["observer_state"] * 2 + ["un"] * 4 + ["io"] * 9
    )
    assert items[0] == {
        "category": "state_party",
        "category_label": "State Party",
        "rights": {"participates": True, "decides": True, "needs_observer_decision": False},
        "status": "registered",
        "position": 0,
        "state": {"code": "AFG", "name": {"text": "Afghanistan", "lang": "fr", "fallback": False}},
        "organization": None,
        "members": [],
    }
    assert [d["state"]["code"] for d in items[116:120]] == ["SYR", "TZA", "ISR", "NAM"]
    assert items[120]["organization"]["code"] == "UN"
    assert body["tallies"] == [
        {
            "category": "ngo",
            "count": 36,
            "source": "BWC/MSP/2017/6 para. 12; their names are in BWC/MSP/2017/INF.1, not at hand",
        }
    ]
    _, signatories = api(f"{MSP}/participants", category="signatory")
    assert [d["state"]["code"] for d in signatories["items"]] == ["SYR", "TZA"]
    status, bad = api(f"{MSP}/participants", category="press")
    assert status == 400


def test_participants_members(api, bwc):
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    (state,) = parties_on(meeting, 1)
    register_delegation(
        meeting,
        by=Actor.system("test"),
        state=state,
        members=[
            {"name": "A. Head", "honorific": "Ms", "function": "Ambassador", "role": "head"},
            {"name": "B. Adviser", "role": "adviser"},
        ],
    )
    _, body = api("/api/meetings/BWC/MSP/2018/participants")
    assert body["items"][0]["members"] == [
        {"name": "A. Head", "honorific": "Ms.", "function": "Ambassador", "role": "head"},
        {"name": "B. Adviser", "honorific": "", "function": "", "role": "adviser"},
    ]


def test_speakers_in_order(api):
    status, body = api(f"{MSP}/speakers")
    assert status == 200 and body["count"] == 91
    items = body["items"]
    assert [s["position"] for s in items] == list(range(91))
    assert items[0]["kind"] == "state" and items[0]["state"]["code"] == "DZA"
    joint = next(s for s in items if s["kind"] == "ngo_joint")
    assert joint["endorsements"] == {"ngos": 19, "individuals": 40}
    assert items[77]["organization"]["code"] == "CARICOM" and items[77]["agenda_item"] == 5


def test_participants_cost_the_same_queries_for_1_and_50(count_queries, bwc):
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    states = parties_on(meeting, 50)
    register_delegation(
        meeting, by=Actor.system("test"), state=states[0], members=[{"name": "N. N.", "role": "head"}]
    )
    one = count_queries("/api/meetings/BWC/MSP/2018/participants")
    for i, state in enumerate(states[1:], start=1):
        register_delegation(
            meeting,
            by=Actor.system("test"),
            state=state,
            position=i,
            members=[{"name": f"M {i}", "role": "head"}, {"name": f"P {i}"}],
        )
    fifty = count_queries("/api/meetings/BWC/MSP/2018/participants")
    assert fifty == one


def test_meetings_list_and_speakers_cost_a_fixed_number_of_queries(count_queries):
    assert count_queries("/api/meetings", limit=1) == count_queries("/api/meetings", limit=21)
    assert count_queries(f"{MSP}/speakers", limit=1) == count_queries(f"{MSP}/speakers", limit=91)


def test_before_a_list_is_issued_the_public_sees_approved_delegations_without_their_people(api, monkeypatch):
    import datetime as dt

    from plenary.core import clock
    from plenary.participation.domain import approve_registration, record_participants_list

    monkeypatch.setattr(clock, "today", lambda: dt.date(2018, 11, 15))  # before BWC/MSP/2018
    meeting = Meeting.objects.get(series="BWC/MSP/2018")
    first, second = parties_on(meeting, 2)
    register_delegation(
        meeting, by=Actor.system("test"), state=first, members=[{"family_name": "Visible", "role": "head"}]
    )
    received = register_delegation(
        meeting,
        by=Actor.system("test"),
        state=second,
        review="received",
        members=[{"family_name": "Unchecked", "role": "head", "email": "u@example.org"}],
    )
    _, body = api("/api/meetings/BWC/MSP/2018/participants")
    assert [(d["state"]["code"], d["members"]) for d in body["items"]] == [(first.code, [])]
    record_participants_list(meeting, kind="MISC", lang="en", by=Actor.system("test"))
    _, body = api("/api/meetings/BWC/MSP/2018/participants")
    assert [(d["state"]["code"], [m["name"] for m in d["members"]]) for d in body["items"]] == [
        (first.code, ["Visible"])
    ]
    approve_registration(received, by=Actor.system("test"))
    _, body = api("/api/meetings/BWC/MSP/2018/participants")
    assert sorted(d["state"]["code"] for d in body["items"]) == sorted([first.code, second.code])
    assert "u@example.org" not in repr(body)
