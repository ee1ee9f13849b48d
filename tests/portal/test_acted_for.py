"""Acts done in a State's (an organization's) name by someone not of it are marked: the audit entry
says for whom (`acting_for`), the working paper and the floor request say it was the secretariat,
and the State's focal points read those entries on their portal page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from plenary.core.actor import Actor
from plenary.core.models import AuditEntry
from plenary.documents import domain as docs
from plenary.participation import domain as participation
from plenary.participation.models import Organization
from plenary.portal.views import ACTS_PER_PAGE
from plenary.proceedings import domain as proceedings
from plenary.treaties.models import State

from .conftest import pdf_upload

FRA_PAGE = "/portal/states/FRA/acted-for/"


def newest(n: int = 1) -> list[tuple]:
    rows = AuditEntry.objects.order_by("-id").values_list("actor", "action", "acting_for")[:n]
    return list(reversed(rows))


def test_the_secretariat_drafting_and_submitting_a_paper_in_frances_name_is_marked(world, people):
    staff = Actor.of(people["staff"])
    paper = docs.create_working_paper(
        world["fra_d"], by=staff, title={"en": "For France"}, original_language="en"
    )
    docs.add_paper_file(paper, by=staff, lang="en", upload=pdf_upload())
    docs.invite_co_sponsor(paper, world["deu"], by=staff)
    docs.submit_working_paper(paper, by=staff)
    paper.refresh_from_db()
    assert paper.by_secretariat is True
    assert newest(4) == [
        ("staff", "paper.create", "State:FRA"),
        ("staff", "paper.file", "State:FRA"),
        ("staff", "paper.invite", "State:FRA"),
        ("staff", "paper.submit", "State:FRA"),
    ]


def test_a_states_own_people_are_not_marked(world, people):
    assert world["draft"].by_secretariat is False and world["submitted"].by_secretariat is False
    assert world["fra_floor"].by_secretariat is False
    assert (
        not AuditEntry.objects.filter(actor__in=["fra_fp", "fra_del", "deu_fp"])
        .exclude(acting_for="")
        .exists()
    )
    docs.withdraw_working_paper(world["draft"], by=Actor.of(people["fra_fp"]))
    assert newest() == [("fra_fp", "paper.withdraw", "")]


def test_a_paper_drafted_by_france_and_submitted_by_the_secretariat_is_marked_at_submission(world, people):
    paper = docs.create_working_paper(
        world["fra_d"], by=Actor.of(people["fra_del"]), title={"en": "Ours"}, original_language="en"
    )
    docs.add_paper_file(paper, by=Actor.of(people["fra_del"]), lang="en", upload=pdf_upload())
    assert paper.by_secretariat is False
    docs.submit_working_paper(paper, by=Actor.of(people["staff"], via="api"))
    paper.refresh_from_db()
    assert (paper.by_secretariat, newest()) == (True, [("staff", "paper.submit", "State:FRA")])
    assert AuditEntry.objects.latest("id").via == "api"


def test_the_floor_asked_and_withdrawn_by_the_secretariat_is_marked(world, people):
    staff = Actor.of(people["staff"])
    request = proceedings.request_floor(world["deu_d"], by=staff)
    assert request.by_secretariat is True
    proceedings.withdraw_floor_request(world["fra_floor"], by=staff)
    from_the_room = proceedings.add_from_the_room(
        world["deu_d"].meeting, world["fra_d"], by=Actor.of(people["officer"]), kind="reply"
    )
    assert from_the_room.by_secretariat is True
    assert newest(3) == [
        ("staff", "floor.request", "State:DEU"),
        ("staff", "floor.withdraw", "State:FRA"),
        ("officer", "floor.add", "State:FRA"),
    ]


def test_registering_for_a_state_or_an_organization_is_marked(world, people, msp2018):
    # The world's fixture registered VERTIC by staff; France and Germany by their focal points.
    entries = dict(
        AuditEntry.objects.filter(action="delegation.register").values_list("object_id", "acting_for")
    )
    assert [entries[str(world[k].pk)] for k in ("fra_d", "deu_d", "ngo_d")] == ["", "", "Organization:VERTIC"]
    participation.register_delegation(
        msp2018,
        by=Actor.system("test"),
        state=State.objects.get(code="ITA"),
        members=[{"name": "D", "role": "head"}],
    )
    assert newest() == [("system:test", "delegation.register", "State:ITA")]
    participation.correct_registration(
        world["fra_d"], by=Actor.of(people["staff"]), members=[{"name": "E", "role": "head"}]
    )
    assert newest() == [("staff", "delegation.correct", "State:FRA")]


def test_a_focal_point_reads_what_others_did_in_the_name_of_their_state(world, people, as_):
    staff = Actor.of(people["staff"], via="api")
    before = AuditEntry.objects.filter(acting_for="State:FRA").count()  # the demo's, in France's name
    paper = docs.create_working_paper(
        world["fra_d"], by=staff, title={"en": "For France"}, original_language="en"
    )
    proceedings.withdraw_floor_request(world["fra_floor"], by=Actor.of(people["staff"]))
    proceedings.request_floor(world["deu_d"], by=staff)  # Germany's, not France's
    html = as_("fra_fp").get(FRA_PAGE).content.decode()
    table = html[html.index('<table id="acted-for">') : html.index("</table>")]
    rows = [
        (timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M"), e.actor, e.action, e.via)
        for e in AuditEntry.objects.filter(acting_for="State:FRA").order_by("-at", "-id")[:2]
    ]
    assert [r[1:] for r in rows] == [("staff", "floor.withdraw", "page"), ("staff", "paper.create", "api")]
    assert table.count("<tr>") == 1 + min(before + 2, ACTS_PER_PAGE)  # the head and a row per act
    assert (
        f'<tr><td dir="ltr">{rows[0][0]}</td><td>staff</td><td>withdrew a request for the floor</td>'
        '<td class="symbol">BWC/MSP/2018</td><td>web page</td></tr>'
    ) in table
    assert (
        f'<tr><td dir="ltr">{rows[1][0]}</td><td>staff</td><td><a href="/portal/papers/{paper.pk}/">'
        'drafted a working paper</a></td><td class="symbol">BWC/MSP/2018</td><td>API</td></tr>'
    ) in table
    assert "Germany" not in table and "asked for the floor" not in table
    # The link from "My delegations", for the focal point only.
    assert f'href="{FRA_PAGE}" class="acted-for"' in as_("fra_fp").get("/portal/").content.decode()
    assert 'class="acted-for"' not in as_("fra_del").get("/portal/").content.decode()


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("en", "Done in the name of France"),
        ("fr", "Actes accomplis en son nom : France"),
        ("es", "Actos realizados en su nombre: Francia"),
        ("ru", "Действия от имени: Франция"),
        ("zh-hans", "以法国名义所做的事"),
        ("ar", "ما تم باسم فرنسا"),
    ],
)
def test_the_page_is_in_six_languages(world, as_, lang, title):
    prefix = "" if lang == "en" else f"/{lang}"
    html = as_("fra_fp").get(f"{prefix}{FRA_PAGE}").content.decode()
    assert f"<h1>{title}</h1>" in html


def test_only_the_states_focal_points_and_staff_see_it(world, as_):
    statuses = {
        p: as_(p).get(FRA_PAGE).status_code
        for p in ("staff", "fra_fp", "fra_del", "deu_fp", "deu_del", "ngo", "officer")
    }
    assert statuses == {
        "staff": 200,
        "fra_fp": 200,
        "fra_del": 403,
        "deu_fp": 403,
        "deu_del": 403,
        "ngo": 403,
        "officer": 403,
    }
    assert as_("anonymous").get(FRA_PAGE)["Location"] == f"/accounts/sign-in/?next={FRA_PAGE}"
    assert as_("staff").get("/portal/states/XXX/acted-for/").status_code == 404
    assert as_("staff").get("/portal/organizations/NOPE/acted-for/").status_code == 404
    assert as_("staff").get("/portal/things/FRA/acted-for/").status_code == 404


def test_an_organizations_focal_point_reads_its_page(world, people, as_):
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role

    fp = User.objects.create(username="vertic_fp")
    grant_role(
        fp, "focal_point", organization=Organization.objects.get(code="VERTIC"), by=Actor.system("test")
    )
    from django.test import Client

    client = Client()
    client.force_login(fp)
    html = client.get("/portal/organizations/VERTIC/acted-for/").content.decode()
    assert "registered the delegation" in html
    assert client.get(FRA_PAGE).status_code == 403


def test_the_page_costs_the_same_queries_for_one_entry_and_for_fifty(world, people, as_):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_("fra_fp")
    staff = Actor.of(people["staff"])
    docs.create_working_paper(world["fra_d"], by=staff, title={"en": "One"}, original_language="en")
    with CaptureQueriesContext(connection) as one:
        assert client.get(FRA_PAGE).status_code == 200
    for i in range(49):
        docs.create_working_paper(
            world["fra_d"], by=staff, title={"en": f"Paper {i}"}, original_language="en"
        )
    with CaptureQueriesContext(connection) as fifty:
        html = client.get(FRA_PAGE).content.decode()
    assert html.count("drafted a working paper") == 50
    assert len(fifty) == len(one)


def test_the_paper_and_the_list_of_speakers_say_the_secretariat_did_it(world, people, as_):
    staff = Actor.of(people["staff"])
    paper = docs.create_working_paper(
        world["fra_d"], by=staff, title={"en": "For France"}, original_language="en"
    )
    html = as_("fra_fp").get(f"/portal/papers/{paper.pk}/").content.decode()
    assert (
        '<p class="note" id="by-secretariat">Drafted or submitted by the secretariat on behalf of France.</p>'
        in html
    )
    mine = as_("fra_fp").get(f"/portal/papers/{world['submitted'].pk}/").content.decode()
    assert 'id="by-secretariat"' not in mine
    proceedings.request_floor(world["deu_d"], by=staff)
    queue = as_("staff").get(reverse("portal:queue", args=["BWC/MSP/2018"])).content.decode()
    assert queue.count('<span class="badge room">asked by the secretariat</span>') == 1


def test_every_act_done_in_a_states_name_in_the_databases_has_words(world, as_):
    """The demo's CBM and sponsorship acts in France's name read as words, not action codes."""
    from plenary.portal.views import ACTS

    actions = set(AuditEntry.objects.filter(acting_for="State:FRA").values_list("action", flat=True))
    assert {"cbm.submit", "cbm.declare"} <= actions
    assert actions <= set(ACTS)
    html = as_("fra_fp").get("/fr" + FRA_PAGE).content.decode()
    assert "a présenté un rapport sur les mesures de confiance" in html and "cbm.submit" not in html
