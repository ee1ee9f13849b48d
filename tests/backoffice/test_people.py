"""The People page of the back office: accounts and roles made through pages alone (issue 9)."""

from __future__ import annotations

import html
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from plenary.accounts.models import Role
from plenary.core.models import AuditEntry

URL = "/office/people/"


def client_of(people, persona: str) -> Client:
    client = Client()
    if people[persona] is not None:
        client.force_login(people[persona])
    return client


@pytest.fixture
def staff(people) -> Client:
    return client_of(people, "staff")


def roles_of(username: str) -> list[tuple]:
    return list(
        Role.objects.filter(user__username=username)
        .order_by("kind")
        .values_list("kind", "state__code", "organization__code", "meeting__series")
    )


def row_text(response, user: User) -> str:
    body = response.content.decode()
    start = body.index(f'<tr id="person-{user.pk}">')
    return html.unescape(body[start : body.index("</tr>", start)])


def posts(people) -> list[str]:
    role = Role.objects.get(user=people["fra_fp"])
    return [
        URL,
        f"/office/people/{people['fra_fp'].pk}/grant/",
        f"/office/people/{people['fra_fp'].pk}/invite/",
        f"/office/people/roles/{role.pk}/revoke/",
    ]


def test_staff_see_every_account_with_its_roles(people, staff):
    response = staff.get(URL + "?q=fra_")
    assert response.status_code == 200
    assert [row["user"].username for row in response.context["rows"]] == ["fra_del", "fra_fp"]
    assert "focal point: FRA" in row_text(response, people["fra_fp"])
    assert "delegate: FRA" in row_text(response, people["fra_del"])
    officer = staff.get(URL + "?q=officer")
    assert "meeting officer: BWC/MSP/2018" in row_text(officer, people["officer"])
    assert '<a href="/office/people/">People</a>' in response.content.decode()


@pytest.mark.parametrize("persona", ["fra_fp", "fra_del", "deu_fp", "ngo", "officer"])
def test_other_personas_are_refused(people, persona):
    client = client_of(people, persona)
    assert client.get(URL).status_code == 403
    for url in posts(people):
        assert (
            client.post(url, {"username": "ppl.x", "email": "x@example.org", "language": "en"}).status_code
            == 403
        )
    assert not User.objects.filter(username="ppl.x").exists()
    assert Role.objects.filter(user=people["fra_fp"]).count() == 1
    assert mail.outbox == []


def test_anonymous_is_sent_to_sign_in(people):
    client = Client()
    for url in [URL, *posts(people)]:
        response = client.post(url, {}) if url != URL else client.get(url)
        assert (response.status_code, response["Location"]) == (
            302,
            f"/accounts/sign-in/?next={quote(url, safe='/')}",
        )


def test_staff_open_an_account_with_its_first_role(people, staff):
    response = staff.post(
        URL,
        {
            "username": "ppl.fra",
            "email": "ppl.fra@example.org",
            "language": "fr",
            "kind": "focal_point",
            "state": "fra",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/office/people/?q=ppl.fra")
    user = User.objects.get(username="ppl.fra")
    assert (user.email, user.has_usable_password(), user.preference.language) == (
        "ppl.fra@example.org",
        False,
        "fr",
    )
    assert roles_of("ppl.fra") == [("focal_point", "FRA", None, None)]
    page = staff.get(response["Location"])
    assert [row["user"].username for row in page.context["rows"]] == ["ppl.fra"]
    assert "focal point: FRA" in row_text(page, user)
    assert "Account ppl.fra created." in page.content.decode()


def test_an_account_without_a_role(people, staff):
    response = staff.post(
        URL, {"username": "ppl.none", "email": "none@example.org", "language": "en", "kind": ""}
    )
    assert response.status_code == 302
    assert roles_of("ppl.none") == []


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"email": "nobody"}, "'nobody' is not a valid e-mail address"),
        ({"username": "FRA_FP"}, "the user name 'FRA_FP' is taken (by the account 'fra_fp')"),
        (
            {"username": "<b>x</b>"},
            "the user name '<b>x</b>' may hold only letters, digits and the signs @ . + - _",
        ),
        ({"kind": "focal_point"}, "a focal point role takes organization or state, not none"),
        ({"kind": "staff", "state": "FRA"}, "a secretariat staff role takes no scope, not state"),
        ({"state": "XYZ", "kind": "delegate"}, "No State has the code 'XYZ'."),
        ({"meeting": "BWC/MSP/1900", "kind": "officer"}, "No meeting has the series 'BWC/MSP/1900'."),
        ({"language": "de"}, "Select a valid choice. de is not one of the available choices."),
    ],
)
def test_bad_accounts_are_refused_on_the_form(people, staff, fields, error):
    data = {"username": "ppl.bad", "email": "bad@example.org", "language": "en", "kind": "", **fields}
    before = User.objects.count()
    response = staff.post(URL, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert error in [e for errors in form.errors.values() for e in errors]
    assert html.escape(error) in response.content.decode()
    assert User.objects.count() == before


def test_staff_give_another_role_and_take_one_away(people, staff):
    user = people["fra_del"]
    prefix = f"u{user.pk}-"
    response = staff.post(
        f"/office/people/{user.pk}/grant/", {prefix + "kind": "observer", prefix + "organization": "vertic"}
    )
    assert (response.status_code, response["Location"]) == (302, "/office/people/?q=fra_del")
    assert roles_of("fra_del") == [("delegate", "FRA", None, None), ("observer", None, "VERTIC", None)]
    observer = Role.objects.get(user=user, kind="observer")
    response = staff.post(f"/office/people/roles/{observer.pk}/revoke/")
    assert (response.status_code, response["Location"]) == (302, "/office/people/?q=fra_del")
    assert roles_of("fra_del") == [("delegate", "FRA", None, None)]
    assert list(
        AuditEntry.objects.filter(action__in=["role.grant", "role.revoke"], actor="staff").values_list(
            "action", "via"
        )
    ) == [("role.grant", "page"), ("role.revoke", "page")]


def test_a_role_that_does_not_fit_shows_on_the_person(people, staff):
    user = people["fra_del"]
    prefix = f"u{user.pk}-"
    response = staff.post(
        f"/office/people/{user.pk}/grant/", {prefix + "kind": "officer", prefix + "state": "DEU"}
    )
    assert response.status_code == 400
    row = next(r for r in response.context["rows"] if r["user"] == user)
    assert row["grant"].non_field_errors() == ["a meeting officer role takes meeting, not state"]
    assert "a meeting officer role takes meeting, not state" in row_text(response, user)
    assert roles_of("fra_del") == [("delegate", "FRA", None, None)]


def test_unknown_people_and_roles_are_404(people, staff):
    assert staff.post("/office/people/999999/grant/", {}).status_code == 404
    assert staff.post("/office/people/999999/invite/").status_code == 404
    assert staff.post("/office/people/roles/999999/revoke/").status_code == 404
    assert staff.get("/office/people/1/grant/").status_code == 405


def test_staff_send_the_set_password_e_mail(people, staff, django_capture_on_commit_callbacks):
    staff.post(URL, {"username": "ppl.es", "email": "es@example.org", "language": "es", "kind": ""})
    user = User.objects.get(username="ppl.es")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/office/people/{user.pk}/invite/")
    assert (response.status_code, response["Location"]) == (302, "/office/people/?q=ppl.es")
    [message] = mail.outbox
    assert (message.to, message.subject) == (["es@example.org"], "Su cuenta de Plenary: elija su contraseña")
    assert "http://testserver/accounts/reset/" in message.body


def test_no_e_mail_to_an_account_without_an_address(people, staff):
    user = people["ngo"]
    response = staff.post(f"/office/people/{user.pk}/invite/")
    assert response.status_code == 400
    assert "the account 'ngo' has no e-mail address" in row_text(response, user)
    assert mail.outbox == []


def test_fifty_a_page(people, staff):
    User.objects.bulk_create([User(username=f"ppl.page{i:02}") for i in range(60)])
    first = staff.get(URL + "?q=ppl.page")
    second = staff.get(URL + "?q=ppl.page&page=2")
    assert [r["user"].username for r in first.context["rows"]] == [f"ppl.page{i:02}" for i in range(50)]
    assert [r["user"].username for r in second.context["rows"]] == [f"ppl.page{i:02}" for i in range(50, 60)]
    assert "?q=ppl.page&amp;page=2" in first.content.decode()


def test_search_by_e_mail_and_name(people, staff):
    User.objects.create(username="ppl.mail", email="camille.martin@diplomatie.example", first_name="Camille")
    by_mail = staff.get(URL + "?q=diplomatie.example")
    by_name = staff.get(URL + "?q=camille")
    assert [r["user"].username for r in by_mail.context["rows"]] == ["ppl.mail"]
    assert [r["user"].username for r in by_name.context["rows"]] == ["ppl.mail"]
    assert staff.get(URL + "?q=nobody-at-all").context["rows"] == []


def test_a_role_must_be_chosen(people, staff):
    user = people["fra_del"]
    response = staff.post(f"/office/people/{user.pk}/grant/", {f"u{user.pk}-kind": ""})
    assert response.status_code == 400
    row = next(r for r in response.context["rows"] if r["user"] == user)
    assert row["grant"].errors == {"kind": ["This field is required."]}
    assert roles_of("fra_del") == [("delegate", "FRA", None, None)]


def test_a_refused_act_shows_the_person_even_beyond_the_first_page(people, staff):
    User.objects.bulk_create([User(username=f"aaa.{i:02}") for i in range(60)])
    user = User.objects.create(username="zzz.last")
    response = staff.post(f"/office/people/{user.pk}/invite/")
    assert response.status_code == 400
    assert [r["user"].username for r in response.context["rows"]] == ["zzz.last"]
    assert "the account 'zzz.last' has no e-mail address" in row_text(response, user)


@pytest.mark.parametrize(
    ("lang", "error"),
    [
        ("fr", "le nom d'utilisateur 'FRA_FP' est déjà pris (par le compte 'fra_fp')"),
        ("zh-hans", "用户名'FRA_FP'已被占用（账户'fra_fp'）"),
        ("ar", "اسم المستخدم 'FRA_FP' مستخدم بالفعل (في الحساب 'fra_fp')"),
    ],
)
def test_a_refused_account_speaks_the_readers_language(people, staff, lang, error):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(lang):
        url = reverse("backoffice:people")
    data = {"username": "FRA_FP", "email": "bad@example.org", "language": "en", "kind": ""}
    response = staff.post(url, data)
    assert response.status_code == 400
    assert html.escape(error) in response.content.decode()
