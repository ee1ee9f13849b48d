"""The second factor of staff and superusers, through the real pages: one sign-in for the site and
the admin; a session made by a password alone reaches nothing as staff; enrolment only with a
one-time link given outside the password; throttled codes, dropped after too many; recovery codes.
(Other tests sign staff in with `client.force_login`, which stands for all of this: conftest.py.)"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.accounts import domain
from plenary.accounts.models import EnrolmentTicket, Preference
from plenary.core.actor import Actor
from plenary.core.errors import DomainError, NotAllowed
from plenary.core.models import AuditEntry
from tests.authenticator import Authenticator
from tests.live_server import sqlite_env

PASSWORD = "correct horse battery staple"
SITE = "http://testserver"
CLI = Actor.system("account enrol")


@pytest.fixture
def isu(db):
    user = User.objects.create_user("isu", "isu@example.org", PASSWORD)
    domain.grant_role(user, "staff", by=Actor.system("test"))
    Preference.objects.create(user=user, language="fr")
    return user


@pytest.fixture
def root(db):
    """A superuser as `plenary manage createsuperuser` makes one: no Plenary role."""
    return User.objects.create_superuser("root", "root@example.org", PASSWORD)


def actions(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(action__startswith="otp.", actor=user.username)
        .order_by("id")
        .values_list("action", flat=True)
    )


def password_step(client, username="isu", next_="/"):
    response = client.post("/accounts/sign-in/", {"username": username, "password": PASSWORD, "next": next_})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/two-factor/?next={next_}"
    return response


def enrol(client, user, next_="/") -> tuple[Authenticator, list[str]]:
    """Enrol through the pages with a link the operator printed: returns the app and the codes."""
    link = domain.offer_enrolment(user, by=CLI, url_base=SITE, mail=False)
    client.get(link.removeprefix(SITE))
    password_step(client, user.username, next_)
    page = client.get(f"/accounts/two-factor/?next={next_}").content.decode()
    app = Authenticator.from_page(page)
    done = client.post("/accounts/two-factor/", {"code": app.code(), "next": next_})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>", done.content.decode())
    return app, codes


def signed_in_as(client) -> str | None:
    me = client.get("/api/me")
    return me.json()["username"] if me.status_code == 200 else None


# --- enrolment -------------------------------------------------------------------------------


def test_the_password_alone_shows_no_key(client, isu):
    password_step(client)
    page = client.get("/accounts/two-factor/").content.decode()
    assert 'id="totp-secret"' not in page and "<svg" not in page
    assert "none is set up yet" in page
    assert not TOTPDevice.objects.filter(user=isu).exists()
    assert signed_in_as(client) is None
    # A code typed anyway is no way in either.
    typed = client.post("/accounts/two-factor/", {"code": "123456"}).content.decode()
    assert 'id="totp-secret"' not in typed and "none is set up yet" in typed
    assert signed_in_as(client) is None


def test_a_link_by_mail_in_the_persons_language_then_the_key_then_a_code(
    client, isu, django_capture_on_commit_callbacks
):
    password_step(client)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/accounts/two-factor/", {"send": "1", "next": "/"})
    assert sent.status_code == 302
    assert [m.to for m in mail.outbox] == [["isu@example.org"]]
    assert mail.outbox[0].subject == "Votre compte Plenary : configurez votre application d'authentification"
    link = re.search(r"http://testserver(/accounts/enrol/[\w-]+/)", mail.outbox[0].body).group(1)
    # A second mail at once is refused (the first is on its way).
    again = client.post("/accounts/two-factor/", {"send": "1"}, follow=True)
    assert "A link was sent less than 5 minutes ago" in again.content.decode()
    assert len(mail.outbox) == 1

    # The link, in the browser that passed the password: the key, and a QR code.
    assert client.get(link)["Location"] == "/accounts/two-factor/"
    page = client.get("/accounts/two-factor/").content.decode()
    app = Authenticator.from_page(page)
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=isu)
    assert not device.confirmed  # it counts only after a right code
    assert signed_in_as(client) is None
    wrong = client.post("/accounts/two-factor/", {"code": "000000"})
    assert "This code is wrong" in wrong.content.decode()
    assert not TOTPDevice.objects.get(user=isu).confirmed
    device.throttling_failure_count = 0  # the throttle has its own test below
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post("/accounts/two-factor/", {"code": app.code()})
    codes = re.findall(r"<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>", done.content.decode())
    assert len(codes) == 10 == len(set(codes))
    assert TOTPDevice.objects.get(user=isu).confirmed
    assert sorted(StaticToken.objects.filter(device__user=isu).values_list("token", flat=True)) == sorted(
        codes
    )
    assert signed_in_as(client) == "isu"
    assert actions(isu) == [
        "otp.enrolment_sent",
        "otp.enrolment_start",
        "otp.code_refused",
        "otp.device_confirm",
        "otp.recovery_codes",
    ]
    # The link worked once: opened again (by anyone, even after the password) it shows no key.
    client.post("/accounts/sign-out/")
    client.get(link)
    password_step(client)
    page = client.get("/accounts/two-factor/", follow=True).content.decode()
    assert "This link to set up an authenticator was used already." in page
    assert 'id="totp-secret"' not in page


def test_a_link_serves_only_its_own_account_and_only_before_it_expires(client, isu, root):
    link = domain.offer_enrolment(isu, by=CLI, url_base=SITE, mail=False).removeprefix(SITE)
    client.get(link)
    password_step(client, "root")  # someone else's password
    page = client.get("/accounts/two-factor/").content.decode()
    assert "This link to set up an authenticator is not valid for this account." in page
    assert 'id="totp-secret"' not in page
    assert not TOTPDevice.objects.exists()

    late = domain.offer_enrolment(isu, by=CLI, url_base=SITE, mail=False).removeprefix(SITE)
    EnrolmentTicket.objects.update(expires=timezone.now() - dt.timedelta(seconds=1))
    client.get(late)
    password_step(client)
    assert "has expired" in client.get("/accounts/two-factor/").content.decode()
    assert not TOTPDevice.objects.exists()


def test_who_may_have_a_link(isu, root):
    with pytest.raises(NotAllowed, match="only the operator at the command line"):
        domain.offer_enrolment(isu, by=Actor.of(isu), url_base=SITE, mail=False)
    with pytest.raises(NotAllowed, match="a person asks for their own enrolment link"):
        domain.offer_enrolment(isu, by=Actor.of(User.objects.create_user("nobody")), url_base=SITE)
    with pytest.raises(DomainError, match="must start with http:// or https://"):
        domain.offer_enrolment(isu, by=CLI, url_base="javascript:alert(1)", mail=False)
    isu.email = ""
    isu.save()
    with pytest.raises(DomainError, match="has no e-mail address"):
        domain.offer_enrolment(isu, by=Actor.of(isu), url_base=SITE)
    with pytest.raises(NotAllowed):
        domain.start_enrolment(isu, "anything", by=Actor.of(root))
    with pytest.raises(DomainError, match="not valid for this account"):
        domain.start_enrolment(isu, "", by=Actor.of(isu))
    assert not EnrolmentTicket.objects.exists() and not TOTPDevice.objects.exists()


def test_the_first_superuser_enrols_with_a_link_from_the_command_line(tmp_path):
    """`plenary manage createsuperuser`, then `plenary account enrol`, on a fresh database."""
    plenary = Path(sys.executable).with_name("plenary")
    env = {**sqlite_env(tmp_path), "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    migrated = subprocess.run(
        [str(plenary), "manage", "migrate", "-v0"], env=env, capture_output=True, text=True, timeout=300
    )
    assert migrated.returncode == 0, migrated.stderr
    made = subprocess.run(
        [
            str(plenary),
            "manage",
            "createsuperuser",
            "--noinput",
            "--username",
            "root",
            "--email",
            "r@example.org",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    done = subprocess.run(
        [str(plenary), "account", "enrol", "root", "--site", "https://plenary.example.org"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"https://plenary\.example\.org/accounts/enrol/[\w-]{43}/\n", done.stdout)
    missing = subprocess.run(
        [str(plenary), "account", "enrol", "nobody"], env=env, capture_output=True, text=True, timeout=300
    )
    assert (missing.returncode, missing.stderr) == (
        2,
        "plenary: error: no account has the user name 'nobody'\n",
    )


# --- signing in with the code ------------------------------------------------------------------


def test_a_superuser_without_a_role_needs_the_second_factor_too(client, root):
    password_step(client, "root", "/admin/")
    assert client.get("/admin/").status_code == 302
    app, _codes = enrol(client, root, "/admin/")
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert client.get("/admin/")["Location"] == "/admin/login/?next=/admin/"
    password_step(client, "root", "/admin/")
    signed = client.post("/accounts/two-factor/", {"code": app.code(), "next": "/admin/"})
    assert signed["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_once(client, isu):
    app, _codes = enrol(client, isu)
    client.post("/accounts/sign-out/")
    password_step(client)
    code = app.code()
    assert client.post("/accounts/two-factor/", {"code": code}).status_code == 302
    client.post("/accounts/sign-out/")
    password_step(client)
    TOTPDevice.objects.filter(user=isu).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    replay = client.post("/accounts/two-factor/", {"code": code})
    assert "This code is wrong or was already used." in replay.content.decode()
    assert signed_in_as(client) is None


def test_300_wrong_codes_are_refused_after_ten_and_none_is_accepted(client, isu, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 600  # waits that outlast the test, however slow the machine
    app, _codes = enrol(client, isu)
    client.post("/accounts/sign-out/")
    password_step(client)
    answers = [client.post("/accounts/two-factor/", {"code": f"{n:06d}"}) for n in range(300)]
    # The first wrong code is tried; then the throttle refuses the others untried, with the wait;
    # the tenth drops the pending sign-in, and every later one is sent back to the password.
    assert "This code is wrong or was already used." in answers[0].content.decode()
    assert all(a.status_code == 429 for a in answers[1:9])
    assert re.search(r"Too many wrong codes: wait (59\d|600) seconds", answers[1].content.decode())
    assert [a.status_code for a in answers[9:]] == [302] * 291
    assert {a["Location"] for a in answers[9:]} == {"/accounts/sign-in/?next=/"}
    assert signed_in_as(client) is None
    assert actions(isu).count("otp.lockout") == 1
    assert actions(isu).count("otp.code_refused") == 10
    # The right code now is no way in: the sign-in starts again with the password.
    assert client.post("/accounts/two-factor/", {"code": app.code()}).status_code == 302
    assert signed_in_as(client) is None


def test_a_right_code_is_refused_while_the_throttle_holds(client, isu, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 600  # a wait that outlasts the test: 600 s after one wrong code
    app, _codes = enrol(client, isu)
    client.post("/accounts/sign-out/")
    password_step(client)
    assert client.post("/accounts/two-factor/", {"code": "000000"}).status_code == 200
    refused = client.post("/accounts/two-factor/", {"code": app.code()})
    assert refused.status_code == 429
    assert re.search(
        r"Too many wrong codes: wait (59\d|600) seconds before the next try\.", refused.content.decode()
    )
    assert signed_in_as(client) is None
    # Once the wait is over, the right code signs in.
    TOTPDevice.objects.filter(user=isu).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(hours=1)
    )
    assert client.post("/accounts/two-factor/", {"code": app.code()}).status_code == 302
    assert signed_in_as(client) == "isu"


def test_the_number_of_wrong_codes_allowed_is_a_setting(client, isu, settings):
    settings.OTP_WRONG_CODES_ALLOWED = 3
    settings.OTP_TOTP_THROTTLE_FACTOR = 600
    enrol(client, isu)
    client.post("/accounts/sign-out/")
    password_step(client)
    answers = [client.post("/accounts/two-factor/", {"code": "000000"}).status_code for _ in range(4)]
    assert answers == [200, 429, 302, 302]


def test_a_recovery_code_signs_in_once(client, isu):
    _app, codes = enrol(client, isu)
    client.post("/accounts/sign-out/")
    password_step(client)
    assert client.post("/accounts/two-factor/", {"code": codes[0].upper()}).status_code == 302
    assert signed_in_as(client) == "isu"
    entry = AuditEntry.objects.filter(action="otp.recovery_code_used").get()
    assert (entry.actor, entry.after) == ("isu", {"user": "isu", "left": 9})
    client.post("/accounts/sign-out/")
    password_step(client)
    again = client.post("/accounts/two-factor/", {"code": codes[0]})
    assert "This code is wrong or was already used." in again.content.decode()
    assert signed_in_as(client) is None


def test_recovery_codes_are_made_anew_from_the_account_page(client, isu):
    _app, first = enrol(client, isu)
    page = client.get("/accounts/tokens/").content.decode()
    assert "You have 10 recovery codes left." in page
    new = client.post("/accounts/recovery-codes/").content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>", new)
    assert len(codes) == 10 and not set(codes) & set(first)
    assert StaticDevice.objects.filter(user=isu).count() == 1
    assert sorted(StaticToken.objects.filter(device__user=isu).values_list("token", flat=True)) == sorted(
        codes
    )
    assert actions(isu).count("otp.recovery_codes") == 2
    with pytest.raises(DomainError, match="Set up an authenticator app first."):
        domain.make_recovery_codes(User.objects.create_user("new"), by=CLI)
    with pytest.raises(NotAllowed):
        domain.make_recovery_codes(isu, by=Actor.of(User.objects.create_user("other")))


# --- one rule: no staff rights without the second factor ------------------------------------------


@pytest.mark.parametrize(
    "path", ["/office/", "/fr/office/", "/admin/", "/portal/to-issue/", "/portal/speakers/"]
)
def test_a_session_made_by_a_password_alone_is_sent_to_the_second_factor(client, isu, root, path):
    for user in ("isu", "root"):
        assert client.login(username=user, password=PASSWORD)  # Django's login(): no second factor
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/two-factor/?next={path}"
        assert signed_in_as(client) is None  # the session is no longer theirs
        client.logout()
    client.force_login(root)  # a complete sign-in (conftest.py): the same page opens
    assert client.get(path).status_code == 200


def test_the_api_gives_no_staff_rights_to_a_session_without_the_second_factor(client, isu):
    assert client.login(username="isu", password=PASSWORD)
    assert client.get("/api/me").status_code == 401


def test_admin_login_takes_no_password_and_keeps_the_next(client, root):
    assert client.get("/admin/login/")["Location"] == "/accounts/sign-in/?next=/admin/"
    assert (
        client.get("/admin/login/?next=/admin/accounts/role/")["Location"]
        == "/accounts/sign-in/?next=/admin/accounts/role/"
    )
    assert (
        client.get("/admin/login/?next=https://evil.example/")["Location"]
        == "/accounts/sign-in/?next=/admin/"
    )
    answers = [
        client.post("/admin/login/", {"username": "root", "password": f"wrong {n}", "next": "/admin/"})
        for n in range(50)
    ]
    answers.append(
        client.post("/admin/login/", {"username": "root", "password": PASSWORD, "next": "/admin/"})
    )
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, "/accounts/sign-in/?next=/admin/")}
    assert "_auth_user_id" not in client.session  # not even the right password signs in there
    assert client.get("/admin/").status_code == 302


def test_admin_logout_is_plenarys_sign_out(client, root):
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/logout/").status_code == 405  # a link followed by a crawler signs no one out
    assert client.post("/admin/logout/")["Location"] == "/"
    assert "_auth_user_id" not in client.session


MOVE_BEFORE = """
from django.contrib.auth.models import User
from django.db import connection
user = User.objects.create_user("old.isu", "old@example.org", "x")
with connection.cursor() as cursor:
    cursor.execute(
        "INSERT INTO accounts_totpdevice (user_id, secret, confirmed, last_step) VALUES (%s, %s, %s, %s)",
        [user.pk, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", True, 37037036],
    )
"""
MOVE_AFTER = """
import json
from django_otp.plugins.otp_totp.models import TOTPDevice
print("MOVED " + json.dumps([
    [d.user.username, d.key, d.confirmed, d.last_t, d.step, d.digits, d.tolerance]
    for d in TOTPDevice.objects.all()
]))
"""


def test_the_old_totp_devices_move_into_django_otps_model(tmp_path):
    """The data migration on a database of before: the base32 secret becomes the hex key, the
    device stays confirmed and keeps its last time step (a code used before is not taken again)."""
    plenary = Path(sys.executable).with_name("plenary")
    env = sqlite_env(tmp_path)

    def run(*args):
        done = subprocess.run([str(plenary), *args], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("manage", "migrate", "-v0")
    run("manage", "migrate", "-v0", "accounts", "0004")  # before the move (0005)
    run("manage", "shell", "-c", MOVE_BEFORE)
    run("manage", "migrate", "-v0")
    key = b"12345678901234567890".hex()
    out = run("manage", "shell", "-c", MOVE_AFTER)
    assert json.loads(out.split("MOVED ", 1)[1]) == [["old.isu", key, True, 37037036, 30, 6, 1]]
