"""The home page: treaty status, rotation and meetings, at a fixed number of queries."""

import re

from plenary.meetings.models import Meeting


def test_home_page_shows_status_on_a_date_rotation_and_meetings(client, db):
    response = client.get("/?on=2017-12-04")
    assert response.status_code == 200
    html = response.content.decode()
    counts = re.findall(r'id="count-(\w+)"><b>(\d+)</b>', html)
    assert counts == [("parties", "179"), ("signatories", "6"), ("neither", "12")]
    assert "Syrian Arab Republic" in html and "United Republic of Tanzania" in html
    rows = re.findall(r"<tr><td>(\d{4})</td>(.*?)</tr>", html)
    assert [(year, re.findall(r">(\w+)</td>", cells)) for year, cells in rows] == [
        ("2018", ["EEG", "NAM", "NAM", "WG", "WG", "EEG"]),
        ("2019", ["WG", "EEG", "EEG", "NAM", "NAM", "WG"]),
        ("2020", ["NAM", "WG", "WG", "EEG", "EEG", "NAM"]),
    ]
    assert "Amandeep Singh Gill (IND, NAM)" in html


def test_a_bad_date_falls_back_to_today(client, db):
    assert client.get("/?on=2017-13-45").status_code == 200


def test_home_page_costs_the_same_queries_for_few_and_many_meetings(
    client, django_assert_max_num_queries, db
):
    with django_assert_max_num_queries(8) as few:
        client.get("/")
    Meeting.objects.exclude(series="BWC/MSP/2017").delete()
    with django_assert_max_num_queries(8) as one:
        client.get("/")
    assert len(few.captured_queries) == len(one.captured_queries)
