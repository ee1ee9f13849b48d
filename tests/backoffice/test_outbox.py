"""The outbox: every notification sent, to whom, at what address, of what kind, when and in which
language, newest first, for the secretariat only."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from plenary.accounts.models import Notification
from tests.factories import NotificationFactory, UserFactory


def _sent(user, minutes: int, **values) -> Notification:
    note = NotificationFactory(user=user, **values)
    at = timezone.make_aware(dt.datetime(2018, 11, 15, 9, 0)) + dt.timedelta(minutes=minutes)
    Notification.objects.filter(pk=note.pk).update(created=at)
    return note


def _rows(html: str) -> list[list[str]]:
    body = html[html.index('<table id="outbox">') :]
    body = body[: body.index("</table>")]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r'<tr id="sent-\d+">(.*?)</tr>', body, re.S)
    ]


def test_staff_see_what_was_told_to_whom_newest_first(staff, db):
    fp = UserFactory(username="deu.fp", email="deu.fp@example.org", first_name="Anna", last_name="Schmidt")
    delegate = UserFactory(username="deu.del", email="")
    _sent(fp, 0, kind="co_sponsor_invited", language="zh", subject="邀请共同提交工作文件：加强第十条")
    _sent(
        delegate,
        1,
        kind="paper_issued",
        language="ar",
        subject="صدرت ورقة عمل: BWC/MSP/2018/WP.1",
        emailed_to="",
    )
    html = staff.get("/office/outbox/").content.decode()
    assert _rows(html) == [
        [
            "2018-11-15 09:01:00",
            "deu.del",
            "no e-mail address: the portal only",
            "paper issued",
            "صدرت ورقة عمل: BWC/MSP/2018/WP.1",
            "ar",
            "—",
        ],
        [
            "2018-11-15 09:00:00",
            "deu.fp (Anna Schmidt)",
            "deu.fp@example.org",
            "invited to co-sponsor",
            "邀请共同提交工作文件：加强第十条",
            "zh",
            "—",
        ],
    ]
    assert (
        '<td lang="ar" dir="rtl"><a href="/portal/papers/1/">صدرت ورقة عمل: BWC/MSP/2018/WP.1</a></td>'
        in html
    )
    assert '<td lang="zh-Hans" dir="ltr">' in html
    assert '<a href="/office/outbox/">Outbox</a>' in html  # in the back office's menu


def test_the_outbox_pages_by_fifty(staff, db):
    person = UserFactory(username="many")
    for minutes in range(51):
        _sent(person, minutes, subject=f"Step {minutes}")
    first = staff.get("/office/outbox/").content.decode()
    assert [row[4] for row in _rows(first)] == [f"Step {m}" for m in range(50, 0, -1)]
    assert "Page 1 of 2" in first
    second = staff.get("/office/outbox/?page=2").content.decode()
    assert [row[4] for row in _rows(second)] == ["Step 0"]
    assert staff.get("/office/outbox/?page=99").status_code == 200  # the last page


def test_an_empty_outbox_says_so_in_chinese(staff, db):
    html = staff.get("/zh-hans/office/outbox/").content.decode()
    assert "<h1>发件箱</h1>" in html
    assert "尚未发送任何通知。" in html


def test_the_outbox_is_for_staff_only(officer, focal_point, anonymous):
    assert officer.get("/office/outbox/").status_code == 403
    assert focal_point.get("/office/outbox/").status_code == 403
    assert anonymous.get("/office/outbox/")["Location"] == "/accounts/sign-in/?next=/office/outbox/"
    assert focal_point.post("/office/outbox/").status_code == 405
