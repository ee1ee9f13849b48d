"""The permission rules the treaty's databases share: who reads what is restricted to States
Parties, who drafts and submits in a State's name, who sees a State's finances."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser, User

from plenary.accounts import permissions as p
from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.core.errors import DomainError
from plenary.treaties.models import State

pytestmark = pytest.mark.django_db

SETUP = Actor.system("test-setup")


def person(name: str, kind: str, code: str) -> User:
    user = User.objects.create(username=name)
    grant_role(user, kind, by=SETUP, state=State.objects.get(code=code))
    return User.objects.get(pk=user.pk)  # without cached roles


def test_restricted_reading_is_for_staff_and_people_of_states_parties(people):
    egy_del = person("egy_del", "delegate", "EGY")  # Egypt signed in 1972 and has not ratified
    isr_del = person("isr_del", "delegate", "ISR")  # Israel neither signed nor acceded
    fra_cp = person("fra_cp", "contact_point", "FRA")
    readers = {
        name: p.reads_restricted(user if user is not None else AnonymousUser())
        for name, user in {**people, "egy_del": egy_del, "isr_del": isr_del, "fra_cp": fra_cp}.items()
    }
    assert readers == {
        "anonymous": False,
        "staff": True,
        "fra_fp": True,
        "fra_del": True,
        "deu_fp": True,
        "deu_del": True,
        "ngo": False,
        "officer": False,
        "egy_del": False,
        "isr_del": False,
        "fra_cp": True,
    }
    assert p.reads_restricted(Actor.system("test")) is True


def test_states_parties_among_takes_the_date():
    # France acceded on 27 September 1984: not a State Party the day before.
    assert p.states_parties_among({"FRA", "EGY"}, on=dt.date(1984, 9, 26)) == set()
    assert p.states_parties_among({"FRA", "EGY"}, on=dt.date(1984, 9, 27)) == {"FRA"}
    assert p.states_parties_among(set()) == set()


def test_drafting_submitting_and_finances_per_state(people):
    fra, deu = State.objects.get(code="FRA"), State.objects.get(code="DEU")
    fra_cp = person("fra_cp", "contact_point", "FRA")
    fra_au = person("fra_au", "authorised", "FRA")
    who = {**people, "fra_cp": fra_cp, "fra_au": fra_au}
    drafts = {name for name, user in who.items() if user and p.can_draft_for_state(user, fra)}
    submits = {name for name, user in who.items() if user and p.can_submit_for_state(user, fra)}
    finances = {name for name, user in who.items() if user and p.can_see_state_finances(user, fra)}
    assert drafts == {"staff", "fra_fp", "fra_cp", "fra_au"}
    assert submits == {"staff", "fra_cp"}
    assert finances == {"staff", "fra_fp", "fra_del", "fra_cp", "fra_au"}
    assert not p.can_see_state_finances(fra_cp, deu)
    assert p.acting_for_state(people.actor("staff"), fra) == "State:FRA"
    assert p.acting_for_state(Actor.of(fra_cp), fra) == ""


def test_database_roles_take_a_state_and_nothing_else(people):
    from plenary.participation.models import Organization

    user = User.objects.create(username="x")
    with pytest.raises(DomainError, match="takes state"):
        grant_role(user, "contact_point", by=SETUP, organization=Organization.objects.get(code="VERTIC"))
    with pytest.raises(DomainError, match="takes state"):
        grant_role(user, "authorised", by=SETUP)
