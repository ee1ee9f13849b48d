"""Staff sessions end at browser close and at most STAFF_SESSION_HOURS after sign-in, on the
server; other people's sessions keep Django's length."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore

from plenary.accounts.middleware import staff_session_over
from plenary.accounts.signals import SIGNED_IN_AT
from plenary.core.models import AuditEntry


def test_the_hours_are_counted_from_sign_in():
    assert not staff_session_over({SIGNED_IN_AT: 1000.0}, 1000.0 + 8 * 3600 - 1, 8)
    assert staff_session_over({SIGNED_IN_AT: 1000.0}, 1000.0 + 8 * 3600, 8)
    assert staff_session_over({}, 1000.0, 8)  # a session that does not say when: over
    assert staff_session_over({SIGNED_IN_AT: "1000"}, 1000.0, 8)


def stored(client) -> SessionStore:
    return SessionStore(session_key=client.cookies["sessionid"].value)


def shift_sign_in(client, hours: float) -> None:
    session = stored(client)
    session[SIGNED_IN_AT] -= hours * 3600
    session.save()


@pytest.mark.parametrize("persona", ["staff", "superuser"])
def test_a_staff_session_ends_with_the_browser_and_after_its_hours(client, people, persona, settings):
    from django.contrib.auth.models import User

    user = (
        people["staff"]
        if persona == "staff"
        else User.objects.create_superuser("root", "r@example.org", None)
    )
    client.force_login(user)
    assert client.get("/api/me").json()["username"] == user.username
    assert stored(client).get_expire_at_browser_close()  # the cookie ends with the browser
    assert settings.STAFF_SESSION_HOURS == 8
    shift_sign_in(client, 7.9)
    assert client.get("/api/me").status_code == 200
    shift_sign_in(client, 0.2)
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/me").status_code == 401  # and stays signed out
    entry = AuditEntry.objects.filter(action="account.sign_out").get()
    assert (entry.actor, entry.after["reason"]) == (user.username, "staff session hours")


def test_other_people_keep_the_normal_length(client, people, settings):
    client.force_login(people["fra_fp"])
    assert not stored(client).get_expire_at_browser_close()
    assert stored(client).get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
    shift_sign_in(client, 100)
    assert client.get("/api/me").json()["username"] == "fra_fp"


def test_someone_made_staff_during_a_session_signs_in_again(client, people):
    from plenary.accounts import domain
    from plenary.core.actor import Actor

    client.force_login(people["fra_fp"])
    shift_sign_in(client, 9)
    domain.grant_role(people["fra_fp"], "staff", by=Actor.system("test"))
    assert client.get("/api/me").status_code == 401


def test_a_staff_session_made_before_the_rule_ends(client, people):
    client.force_login(people["staff"])
    session = stored(client)
    del session[SIGNED_IN_AT]
    session.save()
    assert client.get("/api/me").status_code == 401
