"""Every page and POST endpoint of the portal, tried by every persona: the exact status each gets.

200: the page; 302: done (or, for the anonymous visitor, sent to sign in); 403: not theirs.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS

from .conftest import members, pdf_upload

ALL_DENIED = dict.fromkeys(PERSONAS[1:], 403)


def _given_the_floor(world) -> dict:
    """France has the floor (given by the system), so that ending its speech is a step to take."""
    from plenary.core.actor import Actor
    from plenary.proceedings import domain as proceedings

    proceedings.give_floor(world["fra_floor"], by=Actor.system("test"))
    return {}


def expect(**allowed) -> dict[str, int]:
    """Everyone signed in gets 403 except those named; anonymous is sent to sign in (302)."""
    return {"anonymous": 302} | ALL_DENIED | allowed


REPRESENTS = {"fra_fp": 200, "fra_del": 200, "deu_fp": 200, "deu_del": 200, "ngo": 200}
FRA = {"staff": 200, "fra_fp": 200, "fra_del": 200}
FRA_POST = dict.fromkeys(FRA, 302)
STEER = {"staff": 200, "officer": 200}
FRA_DEU = FRA | {"deu_fp": 200, "deu_del": 200}
SIGNED_IN = dict.fromkeys(PERSONAS[1:], 200)


def _fra_fp_notification(w) -> int:
    from plenary.accounts.models import Notification

    return Notification.objects.filter(user__username="fra_fp").latest("id").pk


# (case, method, url(world), data(world) or None, expected statuses)
CASES = [
    ("my-delegations", "get", lambda w: reverse("portal:delegations"), None, expect(staff=200, **REPRESENTS)),
    (
        "register-start",
        "get",
        lambda w: reverse("portal:register_start"),
        None,
        expect(staff=302),
    ),
    (
        "register-form",
        "get",
        lambda w: reverse("portal:register", args=["BWC/MSP/2019", "FRA"]),
        None,
        expect(staff=200, fra_fp=200),
    ),
    (
        "register-post",
        "post",
        lambda w: reverse("portal:register", args=["BWC/MSP/2019", "FRA"]),
        lambda w: members(),
        expect(staff=302, fra_fp=302),
    ),
    ("delegation", "get", lambda w: reverse("portal:delegation", args=[w["fra_d"].pk]), None, expect(**FRA)),
    (
        "delegation-edit-form",
        "get",
        lambda w: reverse("portal:edit_delegation", args=[w["fra_d"].pk]),
        None,
        expect(staff=200, fra_fp=200),
    ),
    (
        "delegation-edit-post",
        "post",
        lambda w: reverse("portal:edit_delegation", args=[w["fra_d"].pk]),
        lambda w: members("Mr New Head"),
        expect(staff=302, fra_fp=302),
    ),
    (
        "credentials",
        "get",
        lambda w: reverse("portal:credentials", args=[w["fra_d"].pk]),
        None,
        expect(**FRA),
    ),
    ("papers", "get", lambda w: reverse("portal:papers"), None, expect(**REPRESENTS)),
    (
        "paper-new-form",
        "get",
        lambda w: reverse("portal:new_paper", args=[w["fra_d"].pk]),
        None,
        expect(**FRA),
    ),
    (
        "paper-new-post",
        "post",
        lambda w: reverse("portal:new_paper", args=[w["fra_d"].pk]),
        lambda w: {"original_language": "en", "title_en": "A new paper"},
        expect(**FRA_POST),
    ),
    # Germany is invited to co-sponsor the draft: its people read it (and only read it).
    ("paper", "get", lambda w: reverse("portal:paper", args=[w["draft"].pk]), None, expect(**FRA_DEU)),
    (
        "paper-download",
        "get",
        lambda w: reverse("portal:paper_download", args=[w["draft"].pk, "en"]),
        None,
        expect(**FRA_DEU),
    ),
    (
        "paper-update",
        "post",
        lambda w: reverse("portal:paper", args=[w["draft"].pk]),
        lambda w: {"original_language": "en", "title_en": "Renamed paper"},
        expect(**FRA_POST),
    ),
    (
        "paper-file",
        "post",
        lambda w: reverse("portal:paper_file", args=[w["draft"].pk]),
        lambda w: {"lang": "fr", "kind": "informal", "file": pdf_upload("fr.pdf")},
        expect(**FRA_POST),
    ),
    (
        "paper-invite",
        "post",
        lambda w: reverse("portal:paper_invite", args=[w["draft"].pk]),
        lambda w: {"state": "USA"},
        expect(**FRA_POST),
    ),
    (
        "paper-submit",
        "post",
        lambda w: reverse("portal:paper_submit", args=[w["draft"].pk]),
        lambda w: {},
        expect(**FRA_POST),
    ),
    (
        "paper-withdraw",
        "post",
        lambda w: reverse("portal:paper_withdraw", args=[w["draft"].pk]),
        lambda w: {},
        expect(**FRA_POST),
    ),
    (
        "invitations",
        "get",
        lambda w: reverse("portal:invitations"),
        None,
        expect(fra_fp=200, fra_del=200, deu_fp=200, deu_del=200),
    ),
    (
        "invitation-answer",
        "post",
        lambda w: reverse("portal:answer_invitation", args=[w["invitation"].pk]),
        lambda w: {"answer": "confirm"},
        expect(deu_fp=302),
    ),
    ("to-issue", "get", lambda w: reverse("portal:to_issue"), None, expect(staff=200)),
    (
        "issue",
        "post",
        lambda w: reverse("portal:issue", args=[w["submitted"].pk]),
        lambda w: {},
        expect(staff=302),
    ),
    ("notifications", "get", lambda w: reverse("portal:notifications"), None, expect(**SIGNED_IN)),
    (
        # France's focal point's own notification: anyone else's asking finds nothing (404).
        "notification-read",
        "post",
        lambda w: reverse("portal:notification_read", args=[_fra_fp_notification(w)]),
        lambda w: {},
        {"anonymous": 302} | dict.fromkeys(PERSONAS[1:], 404) | {"fra_fp": 302},
    ),
    (
        "notification-read-all",
        "post",
        lambda w: reverse("portal:notification_read_all"),
        lambda w: {},
        expect(**dict.fromkeys(PERSONAS[1:], 302)),
    ),
    (
        "notification-language-form",
        "get",
        lambda w: reverse("portal:notification_language"),
        None,
        expect(**SIGNED_IN),
    ),
    (
        "notification-language",
        "post",
        lambda w: reverse("portal:notification_language"),
        lambda w: {"language": "fr"},
        expect(**dict.fromkeys(PERSONAS[1:], 302)),
    ),
    ("floor", "get", lambda w: reverse("portal:floor", args=[w["fra_d"].pk]), None, expect(**FRA)),
    (
        "floor-request",
        "post",
        lambda w: reverse("portal:floor", args=[w["fra_d"].pk]),
        lambda w: {"kind": "order", "on_behalf_of": ""},
        expect(**FRA_POST),
    ),
    (
        "floor-withdraw",
        "post",
        lambda w: reverse("portal:floor_withdraw", args=[w["fra_floor"].pk]),
        lambda w: {},
        expect(staff=302, fra_fp=302, fra_del=302, officer=302),
    ),
    (
        "floor-move",
        "post",
        lambda w: reverse("portal:floor_move", args=[w["fra_floor"].pk]),
        lambda w: {"direction": "down"},
        expect(staff=302, officer=302),
    ),
    (
        "floor-place",
        "get",
        lambda w: reverse("portal:floor_place", args=[w["fra_d"].pk]),
        None,
        expect(**FRA),
    ),
    (
        "floor-give",
        "post",
        lambda w: reverse("portal:floor_give", args=[w["fra_floor"].pk]),
        lambda w: {},
        expect(staff=302, officer=302),
    ),
    (
        "floor-end",
        "post",
        lambda w: reverse("portal:floor_end", args=[w["fra_floor"].pk]),
        lambda w: _given_the_floor(w) | {"on_behalf_of_states": "FRA"},
        expect(staff=302, officer=302),
    ),
    (
        "floor-time-limit",
        "post",
        lambda w: reverse("portal:floor_time_limit", args=[w["fra_floor"].pk]),
        lambda w: {"limit": "4:30"},
        expect(staff=302, officer=302),
    ),
    (
        "floor-add",
        "post",
        lambda w: reverse("portal:floor_add", args=["BWC/MSP/2018"]),
        lambda w: {"delegation": w["deu_d"].pk, "kind": "reply"},
        expect(staff=302, officer=302),
    ),
    (
        "time-limit",
        "post",
        lambda w: reverse("portal:time_limit", args=["BWC/MSP/2018"]),
        lambda w: {"limit": "5"},
        expect(staff=302, officer=302),
    ),
    ("speakers", "get", lambda w: reverse("portal:speakers"), None, expect(**STEER)),
    (
        "meeting-speakers",
        "get",
        lambda w: reverse("portal:meeting_speakers", args=["BWC/MSP/2018"]),
        None,
        expect(**STEER),
    ),
    (
        "queue-fragment",
        "get",
        lambda w: reverse("portal:queue", args=["BWC/MSP/2018"]),
        None,
        expect(**STEER),
    ),
    (
        "next-speaker",
        "post",
        lambda w: reverse("portal:next_speaker", args=["BWC/MSP/2018"]),
        lambda w: {},
        expect(staff=302, officer=302),
    ),
    (
        "acted-for-france",
        "get",
        lambda w: reverse("portal:acted_for_state", args=["FRA"]),
        None,
        expect(staff=200, fra_fp=200),
    ),
    (
        "acted-for-germany",
        "get",
        lambda w: reverse("portal:acted_for_state", args=["DEU"]),
        None,
        expect(staff=200, deu_fp=200),
    ),
    (
        "acted-for-vertic",
        "get",
        lambda w: reverse("portal:acted_for_organization", args=["VERTIC"]),
        None,
        expect(staff=200),
    ),
]


def test_the_matrix_names_every_url_of_the_app():
    from plenary.portal.urls import urlpatterns

    tried = {
        name
        for name in (
            "delegations register_start register delegation edit_delegation credentials papers new_paper paper "
            "paper_file "
            "paper_download paper_invite paper_submit paper_withdraw invitations answer_invitation to_issue "
            "issue notifications notification_read notification_read_all notification_language floor "
            "floor_place floor_withdraw floor_move floor_give floor_end floor_time_limit speakers meeting_speakers "
            "queue next_speaker floor_add time_limit acted_for_state acted_for_organization"
        ).split()
    }
    from django.urls import URLResolver

    assert {p.name for p in urlpatterns if not isinstance(p, URLResolver)} == tried
    # The treaty's databases' portal pages are included from their own URL modules, each tried by
    # its app's matrix (tests/<app>/).
    assert sorted(p.urlconf_name.__name__ for p in urlpatterns if isinstance(p, URLResolver)) == [
        f"plenary.portal.{app}_urls" for app in ("assistance", "cbm", "cooperation", "finance", "sponsorship")
    ]
    assert len(CASES) == 44


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("case", "method", "url", "data", "statuses"), CASES, ids=[c[0] for c in CASES])
def test_every_persona_gets_the_expected_status(as_, world, persona, case, method, url, data, statuses):
    from plenary.core.actor import Actor
    from plenary.participation.domain import correct_registration

    if case == "credentials":  # France's note verbale on file
        correct_registration(world["fra_d"], by=Actor.system("test"), credentials=pdf_upload("nv.pdf"))
    client = as_(persona)
    target = url(world)
    response = client.get(target) if method == "get" else client.post(target, data(world))
    assert response.status_code == statuses[persona]
    if persona == "anonymous":
        assert response["Location"] == f"/accounts/sign-in/?next={target}"
