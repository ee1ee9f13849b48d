"""The portal in the site: sign-in, header links, CSRF."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import members


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/portal/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/sign-in/?next=/portal/")


@pytest.mark.parametrize(
    ("persona", "links"),
    [
        ("staff", ["Working papers to issue", "Lists of speakers"]),
        ("fra_fp", ["My delegations"]),
        ("deu_del", ["My delegations"]),
        ("ngo", ["My delegations"]),
        ("officer", []),
    ],
)
def test_the_header_shows_the_portals_pages_by_role(as_, people, persona, links):
    html = as_(persona).get("/").content.decode()
    start = html.index('<nav class="account"')
    account = html[start : html.index("</nav>", start)]
    shown = [
        label
        for url, label in [
            ("/portal/", "My delegations"),
            ("/portal/to-issue/", "Working papers to issue"),
            ("/portal/speakers/", "Lists of speakers"),
        ]
        if f'<a href="{url}">{label}</a>' in account
    ]
    assert shown == links


def test_a_post_without_the_csrf_token_is_refused(people, msp2018):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["fra_fp"])
    url = reverse("portal:register", args=["BWC/MSP/2018", "FRA"])
    assert client.post(url, members()).status_code == 403
    page = client.get(url)
    token = page.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert client.post(url, members() | {"csrfmiddlewaretoken": token}).status_code == 302


def test_the_portal_speaks_the_readers_language_in_its_urls(as_, people):
    assert as_("fra_fp").get("/fr/portal/").status_code == 200
