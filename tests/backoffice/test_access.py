"""Every page of the back office, for every persona: staff 200, others 403, anonymous to sign-in."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from plenary.web.context_processors import ACCOUNT_PAGES

S = "BWC/MSP/2018"
GET_PAGES = [
    "/office/",
    "/office/plan/",
    "/office/plan/?year=2021",
    f"/office/meetings/{S}/",
    f"/office/meetings/{S}/officers/",
    f"/office/meetings/{S}/registrations/",
    f"/office/meetings/{S}/participants/",
    f"/office/meetings/{S}/decisions/",
    f"/office/meetings/{S}/report/",
    f"/office/meetings/{S}/documents/",
    f"/office/meetings/{S}/agenda/",
    f"/office/meetings/{S}/programme/",
    f"/office/meetings/{S}/agenda/preview/?which=agenda&lang=zh&fmt=txt",
    "/office/meetings/BWC/MSP/2017/agenda/",
    "/office/meetings/BWC/MSP/2017/report/",
    "/office/meetings/BWC/MSP/2017/report/paragraphs/",
    "/office/meetings/BWC/MSP/2017/report/preview/zh/",
    "/office/meetings/BWC/MSP/2018/MX.1/",
    "/office/meetings/BWC/MSP/2018/participants/file/?symbol=BWC/MSP/2018/MISC.1&lang=en&fmt=docx",
    "/fr/office/",
    "/office/outbox/",
    "/office/people/",
    "/office/people/?q=fra",
    "/office/treaties/deposits/",
    "/office/treaties/contacts/",
    "/office/treaties/contacts/EGY/",
    "/office/treaties/universalization/",
    "/office/treaties/figures/",
]
POSTS = [
    "/office/plan/",
    f"/office/meetings/{S}/officers/",
    f"/office/meetings/{S}/registrations/",
    f"/office/meetings/{S}/registrations/1/decide/",
    f"/office/meetings/{S}/participants/",
    f"/office/meetings/{S}/decisions/",
    f"/office/meetings/{S}/report/",
    f"/office/meetings/{S}/documents/",
    f"/office/meetings/{S}/agenda/",
    f"/office/meetings/{S}/programme/",
    "/office/meetings/BWC/MSP/2017/report/paragraphs/",
    "/office/people/",
    "/office/treaties/deposits/",
    "/office/treaties/contacts/EGY/",
    "/office/treaties/universalization/",
    "/office/treaties/figures/",
]


@pytest.fixture
def issued_list(msp2018):
    """BWC/MSP/2018/MISC.1, issued in English: an issued list is served from its stored files."""
    from plenary.core.actor import Actor
    from plenary.participation.domain import register_delegation
    from plenary.reports.domain import issue_participants_list
    from plenary.treaties.models import State

    register_delegation(msp2018, state=State.objects.get(code="FRA"), by=Actor.system("test"))
    issue_participants_list(msp2018, kind="MISC", lang="en", languages=["en"], by=Actor.system("test"))


@pytest.mark.parametrize("url", GET_PAGES)
def test_staff_sees_every_page(request, staff, url):
    if "/participants/file/" in url:
        request.getfixturevalue("issued_list")
    assert staff.get(url).status_code == 200


@pytest.mark.parametrize("persona", ["officer", "focal_point"])
@pytest.mark.parametrize("url", GET_PAGES)
def test_other_roles_are_refused(request, persona, url):
    client = request.getfixturevalue(persona)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("persona", ["officer", "focal_point"])
@pytest.mark.parametrize("url", POSTS)
def test_other_roles_cannot_post(request, persona, url):
    client = request.getfixturevalue(persona)
    assert client.post(url, {}).status_code == 403


@pytest.mark.parametrize("url", GET_PAGES)
def test_anonymous_is_sent_to_sign_in(anonymous, url):
    response = anonymous.get(url)
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/sign-in/?next={quote(url, safe='/')}",
    )


@pytest.mark.parametrize("url", POSTS)
def test_anonymous_cannot_post(anonymous, url):
    response = anonymous.post(url, {})
    assert (response.status_code, response["Location"]) == (
        302,
        f"/accounts/sign-in/?next={quote(url, safe='/')}",
    )


def test_forms_carry_the_csrf_token(staff):
    for url in [*GET_PAGES[:9], "/office/people/"]:
        html = staff.get(url).content.decode()
        assert html.count('<form method="post"') == html.count('name="csrfmiddlewaretoken"'), url


def test_header_links_to_the_back_office_for_staff_only(staff, officer):
    assert [name for name, _, _ in ACCOUNT_PAGES].count("backoffice:dashboard") == 1
    assert '<a href="/office/">Back office</a>' in staff.get("/").content.decode()
    assert '<a href="/office/">' not in officer.get("/").content.decode()


def test_dashboard_lists_meetings_by_year_with_counts(staff):
    response = staff.get("/office/")
    years = response.context["years"]
    assert [year for year, _ in years] == [2027, 2026, 2025, 2024, 2023, 2022, 2020, 2019, 2018, 2017, 2016]
    rows = {m.series: (m.pending, m.registered) for _, meetings in years for m in meetings}
    assert rows["BWC/MSP/2017"] == (0, 133)
    assert rows["BWC/MSP/2018"] == (0, 0)
    assert (
        '<a href="/office/meetings/BWC/MSP/2018/MX.1/" class="symbol">BWC/MSP/2018/MX.1</a>'
        in response.content.decode()
    )
