"""Shared fixtures: the test database holds the demo data (reference data, meetings, the 2017
meeting record), loaded once per session by the same function as `plenary demo`."""

from __future__ import annotations

from pathlib import Path

import pytest

from plenary.core.actor import Actor

REPO = Path(__file__).resolve().parents[1]


SEED = REPO / "tests" / "data" / "BWC_MSP_2017_6-ZH.txt"


def seed_path() -> Path:
    """The seed report (BWC/MSP/2017/6, Chinese), kept in the repository as test data (see
    tests/data/README.md for its source), so that a fresh clone tests with nothing beside it."""
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return seed_path().read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def _page_cache_off():
    """Tests write inside a transaction that never commits, so the after-commit step that makes
    cached pages stale never runs: the page cache is off, with a cache of this process, except in
    the tests of the cache itself (tests/core/test_pagecache.py and beside it), which turn it on
    and run the after-commit steps."""
    from django.test import override_settings

    with override_settings(
        PAGE_CACHE_SECONDS=0,
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "KEY_PREFIX": "plenary"}
        },
    ):
        yield


@pytest.fixture
def page_cache(settings, django_capture_on_commit_callbacks):
    """The page cache on, over an empty cache of this process; `page_cache()` is a block whose
    writes count as committed when it ends (their after-commit steps run then)."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield lambda: django_capture_on_commit_callbacks(execute=True)
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    from plenary.demo import load_demo

    # Files the tests store (the demo's issued report, uploads, issued lists) go to a directory of
    # this session, not to ./var/media.
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    with django_db_blocker.unblock():
        load_demo(by=Actor.system("test:setup"))
    yield
    media.disable()


# The one persona set of every test (ARCHITECTURE.md, "Personas in tests"): secretariat staff, an
# officer of BWC/MSP/2018, the focal point and a delegate of France (State A) and of Germany
# (State B), an NGO representative (VERTIC), and the anonymous visitor.
PERSONAS = ["anonymous", "staff", "fra_fp", "fra_del", "deu_fp", "deu_del", "ngo", "officer"]


class People(dict):
    """persona -> User (None for the anonymous visitor); `people.actor("fra_fp")` is the Actor of
    that persona acting through a page (or `via`)."""

    def actor(self, persona: str, via: str = "page"):
        from plenary.core.actor import Actor

        return Actor.of(self[persona], via=via)


@pytest.fixture
def people(db) -> People:
    """One user per persona, with its role; no passwords (tests sign in with force_login)."""
    from django.contrib.auth.models import User

    from plenary.accounts.domain import grant_role
    from plenary.core.actor import Actor
    from plenary.meetings.models import Meeting
    from plenary.participation.models import Organization
    from plenary.treaties.models import State

    fra, deu = State.objects.get(code="FRA"), State.objects.get(code="DEU")
    scopes = {
        "staff": ("staff", {}),
        "fra_fp": ("focal_point", {"state": fra}),
        "fra_del": ("delegate", {"state": fra}),
        "deu_fp": ("focal_point", {"state": deu}),
        "deu_del": ("delegate", {"state": deu}),
        "ngo": ("observer", {"organization": Organization.objects.get(code="VERTIC")}),
        "officer": ("officer", {"meeting": Meeting.objects.get(series="BWC/MSP/2018")}),
    }
    users = People(anonymous=None)
    setup = Actor.system("test-setup")
    for name, (kind, scope) in scopes.items():
        user = User.objects.create(username=name)  # no password: force_login, and no slow hashing
        grant_role(user, kind, by=setup, **scope)
        users[name] = user
    return users


@pytest.fixture
def bwc(db):
    from plenary.treaties.models import Treaty

    return Treaty.objects.get(code="BWC")


@pytest.fixture(autouse=True)
def force_login_is_a_complete_sign_in(monkeypatch):
    """`client.force_login(user)` stands for a complete sign-in, second factor included: for a
    person who needs one (staff, superusers, Django staff users) it also gives them a confirmed
    authenticator, if they have none, and marks the session verified by it, as the second-factor
    step does. The rule itself stays whole: a session made by a password alone (`client.login`,
    or the real pages, as tests/accounts/test_second_factor.py does) is refused as staff."""
    from django.test import Client

    plain = Client.force_login

    def force_login(self, user, backend=None):
        plain(self, user, backend)
        from django.contrib.auth.models import User
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from plenary.accounts.permissions import needs_second_factor

        if needs_second_factor(User.objects.get(pk=user.pk)):  # a fresh copy: no cached roles
            device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user_id=user.pk, name="test", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a request to /fr/... leaves French active in the thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def fast_pdf(monkeypatch):
    """WeasyPrint takes seconds a report; tests of what issuing stores swap in a fast stand-in
    (tests/helpers.fake_pdf). The PDF renderer itself is tested in tests/reports/test_render.py."""
    from plenary.reports import render
    from tests.helpers import fake_pdf

    monkeypatch.setitem(render.FORMATS, "pdf", (fake_pdf, "pdf", "application/pdf"))


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server on a free port of this machine (nothing downloaded), with the test bucket,
    and the AWS variables that reach it set for this process (and so for the servers and commands
    the tests start) while the module runs."""
    import os

    import boto3
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer

    from tests.s3_support import AWS_ENV, BUCKET

    saved = {k: os.environ.get(k) for k in (*AWS_ENV, "AWS_ENDPOINT_URL_S3")}
    os.environ.update(AWS_ENV)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    os.environ["AWS_ENDPOINT_URL_S3"] = endpoint
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
