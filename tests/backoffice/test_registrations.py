"""Registrations: staff register delegations on behalf of States and organizations, and record
the meeting's decisions on observer status; each delegation shows its audit trail."""

from __future__ import annotations

from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.participation.models import Delegation

URL = "/office/meetings/BWC/MSP/2018/registrations/"


def test_approving_a_pending_israeli_observer(staff, msp2018):
    response = staff.post(URL, {"state": "ISR", "head": "Cohen, Avi", "members": "Levi, Dana | adviser"})
    assert (response.status_code, response["Location"]) == (302, URL)
    israel = Delegation.objects.get(meeting=msp2018, state__code="ISR")
    assert (israel.category, israel.status, israel.review) == ("observer_state", "pending", "approved")
    assert [
        (p.name, p.family_name, p.given_names, p.role, p.function)
        for p in israel.participants.order_by("position")
    ] == [
        ("Avi Cohen", "Cohen", "Avi", "head", ""),
        ("Dana Levi", "Levi", "Dana", "member", "adviser"),
    ]
    staff.post(URL, {"state": "FRA"})

    page = staff.get(URL)
    assert [(r["code"], r["delegation"].status, r["decidable"]) for r in page.context["rows"]] == [
        ("ISR", "pending", True),
        ("FRA", "registered", False),
    ]
    assert (
        f'action="/office/meetings/BWC/MSP/2018/registrations/{israel.pk}/decide/"' in page.content.decode()
    )

    response = staff.post(f"{URL}{israel.pk}/decide/", {"decision": "grant"})
    assert (response.status_code, response["Location"]) == (302, URL)
    israel.refresh_from_db()
    assert israel.status == "registered"
    entries = AuditEntry.objects.filter(object_type="participation.Delegation", object_id=str(israel.pk))
    assert [(e.actor, e.action, e.before, e.after) for e in entries] == [
        (
            "isu-staff",
            "delegation.register",
            None,
            {
                "meeting": "BWC/MSP/2018",
                "who": "ISR",
                "category": "observer_state",
                "status": "pending",
                "review": "approved",
                "batch": None,
                "credentials": None,
                "members": [
                    {
                        "name": "Avi Cohen",
                        "honorific": "",
                        "family_name": "Cohen",
                        "given_names": "Avi",
                        "function": "",
                        "email": "",
                        "role": "head",
                    },
                    {
                        "name": "Dana Levi",
                        "honorific": "",
                        "family_name": "Levi",
                        "given_names": "Dana",
                        "function": "adviser",
                        "email": "",
                        "role": "member",
                    },
                ],
            },
        ),
        ("isu-staff", "delegation.observer_status", {"status": "pending"}, {"status": "registered"}),
    ]

    page = staff.get(URL)
    html = page.content.decode()
    row = next(r for r in page.context["rows"] if r["code"] == "ISR")
    assert [(e["actor"], e["action"], e["before"], e["after"]) for e in row["trail"]][1] == (
        "isu-staff",
        "delegation.observer_status",
        '{"status": "pending"}',
        '{"status": "registered"}',
    )
    assert (
        "<td>isu-staff</td><td>page</td><td>delegation.observer_status</td>"
        f"<td>participation.Delegation:{israel.pk}</td>"
        "<td><code>{&quot;status&quot;: &quot;pending&quot;}</code></td>"
        "<td><code>{&quot;status&quot;: &quot;registered&quot;}</code></td>" in html
    )
    france = Delegation.objects.get(meeting=msp2018, state__code="FRA")
    overview = staff.get("/office/meetings/BWC/MSP/2018/").context["trail"]
    assert [(e["action"], e["object"]) for e in overview[:3]] == [
        ("delegation.observer_status", f"participation.Delegation:{israel.pk}"),
        ("delegation.register", f"participation.Delegation:{france.pk}"),
        ("delegation.register", f"participation.Delegation:{israel.pk}"),
    ]


def test_refusing_and_deciding_twice(staff, msp2018):
    staff.post(URL, {"organization": "WHO"})
    who = Delegation.objects.get(meeting=msp2018, organization__code="WHO")
    staff.post(f"{URL}{who.pk}/decide/", {"decision": "refuse"})
    who.refresh_from_db()
    assert who.status == "refused"
    response = staff.post(f"{URL}{who.pk}/decide/", {"decision": "grant"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Registered WHO (observer status pending).",
        "WHO: refused.",
        "BWC/MSP/2018: WHO: observer status was already decided (refused)",
    ]


def test_registration_errors_are_shown(staff, msp2018):
    response = staff.post(URL, {"state": "FRA", "organization": "WHO"})
    assert response.status_code == 422
    assert response.context["form"].non_field_errors() == ["Choose either a State or an organization."]
    staff.post(URL, {"state": "FRA"})
    response = staff.post(URL, {"state": "FRA"})
    assert response.context["form"].non_field_errors() == ["BWC/MSP/2018: FRA already has a delegation"]


def test_the_page_costs_the_same_queries_for_one_and_for_many_delegations(staff, msp2018):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plenary.participation.domain import register_delegation
    from plenary.treaties.models import State

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(URL).status_code == 200
        return len(captured)

    register_delegation(msp2018, state=State.objects.get(code="FRA"), by=Actor.system("test"))
    one = queries()
    for code in ("DEU", "ISR", "IND", "CHN", "BRA"):
        register_delegation(msp2018, state=State.objects.get(code=code), by=Actor.system("test"))
    assert queries() == one
