"""Personas of the back office: secretariat staff, an officer of BWC/MSP/2018, France's focal
point, and an anonymous visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from plenary.accounts.domain import grant_role
from plenary.core.actor import Actor
from plenary.meetings.models import Meeting
from plenary.treaties.models import State


@pytest.fixture
def msp2018(db):
    return Meeting.objects.get(series="BWC/MSP/2018")


@pytest.fixture
def staff_user(db):
    user = User.objects.create_user("isu-staff", password="x")
    grant_role(user, "staff", by=Actor.system("test:setup"))
    return user


@pytest.fixture
def staff(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def officer(msp2018):
    user = User.objects.create_user("msp-officer", password="x")
    grant_role(user, "officer", meeting=msp2018, by=Actor.system("test:setup"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def focal_point(db):
    user = User.objects.create_user("fra-focal", password="x")
    grant_role(user, "focal_point", state=State.objects.get(code="FRA"), by=Actor.system("test:setup"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anonymous(db):
    return Client()
